package manuscript

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"image"
	_ "image/gif" // registered for image.DecodeConfig
	_ "image/jpeg"
	_ "image/png"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/imprint-press/imprint/internal/document"
)

// Limits on images: a real photograph is far inside them; a decompression
// bomb (a small file claiming a huge canvas) is not.
const (
	maxImageBytes  = 50 << 20
	maxImagePixels = 60_000_000
	maxImageSide   = 20_000
)

// urlScheme matches the scheme of a URL that names no host (data:,
// javascript:, mailto:); one letter is a Windows drive, not a scheme.
var urlScheme = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]+:`)

// imageRef locates an image reference in the manuscript for messages.
type imageRef struct {
	file  string // the manuscript
	line  int
	field string // "lead-image.file", "cover-image"
	path  string
}

// loadImage reads, checks and describes a local image inside root. The
// tool never fetches: a URL is refused with the reason.
func loadImage(ref imageRef, baseDir, root string) (*document.Image, error) {
	fail := func(format string, args ...any) error {
		return errorf(ref.file, ref.line, "%s %q: %s", ref.field, ref.path, fmt.Sprintf(format, args...))
	}
	p := ref.path
	lower := strings.ToLower(p)
	if strings.Contains(lower, "://") || strings.HasPrefix(lower, "//") || urlScheme.MatchString(p) {
		return nil, fail("is a remote or inline reference, and imprint never fetches: download the image into assets/ and name the local file")
	}
	if filepath.IsAbs(p) {
		return nil, fail("is an absolute path: name the image relative to the manuscript, inside the project")
	}
	rootAbs, err := filepath.Abs(root)
	if err != nil {
		return nil, fail("cannot resolve the project folder: %v", err)
	}
	full, err := filepath.Abs(filepath.Join(baseDir, filepath.FromSlash(p)))
	if err != nil {
		return nil, fail("cannot resolve the path: %v", err)
	}
	if !inside(rootAbs, full) {
		return nil, fail("leaves the project folder %s: keep images inside the project (in assets/)", rootAbs)
	}
	info, err := os.Stat(full)
	if errors.Is(err, os.ErrNotExist) {
		return nil, fail("does not exist: put the image at %s or correct the path", full)
	}
	if err != nil {
		return nil, fail("cannot be read: %v", err)
	}
	if info.IsDir() {
		return nil, fail("is a folder, not an image file")
	}
	if realRoot, err1 := filepath.EvalSymlinks(rootAbs); err1 == nil {
		if real, err2 := filepath.EvalSymlinks(full); err2 == nil && !inside(realRoot, real) {
			return nil, fail("is a link to %s, outside the project: copy the image into assets/ instead", real)
		}
	}
	if info.Size() > maxImageBytes {
		return nil, fail("is %d MB; images over %d MB are refused: export it smaller (300 dpi at print size is plenty)", info.Size()>>20, maxImageBytes>>20)
	}
	data, err := os.ReadFile(full)
	if err != nil {
		return nil, fail("cannot be read: %v", err)
	}
	return describeImage(data, full, ref, fail)
}

func inside(root, p string) bool {
	rel, err := filepath.Rel(root, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// describeImage sniffs the format, reads the header and checks the file's
// structure to its end, so a truncated or corrupt image fails here rather
// than inside an edition. It does not decode pixels.
func describeImage(data []byte, full string, ref imageRef, fail func(string, ...any) error) (*document.Image, error) {
	if other := unsupportedFormat(data); other != "" {
		return nil, fail("is %s, which the editions cannot carry: convert it to JPEG (photographs) or PNG (drawings)", other)
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, fail("is not an image imprint can read (JPEG, PNG or GIF): %v", err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width > maxImageSide || cfg.Height > maxImageSide ||
		int64(cfg.Width)*int64(cfg.Height) > maxImagePixels {
		return nil, fail("claims %dx%d pixels, past the %d-megapixel limit (a decompression bomb, or a scan far larger than print needs): resize it", cfg.Width, cfg.Height, maxImagePixels/1_000_000)
	}
	var check error
	switch format {
	case "png":
		check = checkPNG(data)
	case "jpeg":
		check = checkJPEG(data)
	case "gif":
		if data[len(data)-1] != 0x3b {
			check = errors.New("the file ends before the GIF trailer")
		}
	}
	if check != nil {
		return nil, fail("is truncated or corrupt (%v): export the image again", check)
	}
	return &document.Image{
		Path: ref.path, File: full, MediaType: "image/" + format,
		Width: cfg.Width, Height: cfg.Height, Data: data,
	}, nil
}

func unsupportedFormat(b []byte) string {
	switch {
	case len(b) >= 12 && string(b[0:4]) == "RIFF" && string(b[8:12]) == "WEBP":
		return "a WebP image"
	case len(b) >= 4 && (string(b[0:4]) == "II*\x00" || string(b[0:4]) == "MM\x00*"):
		return "a TIFF image"
	case len(b) >= 2 && string(b[0:2]) == "BM":
		return "a BMP image"
	case len(b) >= 12 && string(b[4:8]) == "ftyp":
		return "a HEIC/AVIF image"
	case bytes.Contains(b[:min(len(b), 512)], []byte("<svg")):
		return "an SVG drawing"
	case len(b) >= 4 && string(b[0:4]) == "%PDF":
		return "a PDF"
	}
	return ""
}

// checkPNG walks the chunks, verifying each CRC, up to IEND.
func checkPNG(b []byte) error {
	off := 8
	for {
		if off+8 > len(b) {
			return errors.New("the file ends before the PNG's IEND chunk")
		}
		n := int(binary.BigEndian.Uint32(b[off:]))
		typ := b[off+4 : off+8]
		end := off + 8 + n + 4
		if n < 0 || end > len(b) || end < off {
			return fmt.Errorf("chunk %q runs past the end of the file", typ)
		}
		if crc32.ChecksumIEEE(b[off+4:off+8+n]) != binary.BigEndian.Uint32(b[end-4:]) {
			return fmt.Errorf("chunk %q fails its checksum", typ)
		}
		if string(typ) == "IEND" {
			return nil
		}
		off = end
	}
}

// checkJPEG requires the end-of-image marker, which a truncated file lacks.
func checkJPEG(b []byte) error {
	t := bytes.TrimRight(b, "\x00")
	if len(t) < 4 || t[len(t)-2] != 0xff || t[len(t)-1] != 0xd9 {
		return errors.New("the file ends before the JPEG end-of-image marker")
	}
	return nil
}
