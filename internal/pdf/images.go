package pdf

import (
	"bytes"

	"github.com/imprint-press/imprint/internal/document"
)

// sameImage returns the name an image with im's bytes was registered
// under, or "". fpdf names an image's resource by a hash of its bytes, so
// two files with the same bytes (a placeholder used twice) registered
// apart put that name twice in the page's resources, which qpdf reports.
func (d *drawer) sameImage(im *document.Image) string {
	for other, name := range d.images {
		if bytes.Equal(other.Data, im.Data) {
			return name
		}
	}
	return ""
}
