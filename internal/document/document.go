// Package document owns imprint's one document model: the metadata every
// edition carries and the parsed manuscript (a goldmark AST over its source)
// that every edition renders. Readers build a Document; writers only read it,
// so the EPUB and the PDF cannot disagree about what the manuscript says.
package document

import (
	"time"

	"github.com/yuin/goldmark/ast"
)

// Document is one manuscript, loaded and checked, ready for any edition.
type Document struct {
	Meta Metadata
	// Slug names the editions: <slug>.epub and <slug>.pdf.
	Slug string
	// Body is the article itself.
	Body Part
	// Bio is the author bio, or nil when the manuscript names none.
	Bio *Part
	// Images are the local images the body and bio reference, in order of
	// first use, each read and checked once.
	Images []*Image
	// PageStarts are the print edition's page beginnings, filled in by the
	// build once the PDF is laid out and read by the EPUB writer for its
	// page list. Empty when no print edition was laid out.
	PageStarts []PageStart
}

// Image returns the loaded image a Markdown image destination refers to,
// or nil.
func (d *Document) Image(dest string) *Image {
	for _, im := range d.Images {
		if im.Path == dest {
			return im
		}
	}
	return nil
}

// Part is one Markdown file parsed into a goldmark AST. Node positions and
// segments index Source, so a writer can report file:line for any node.
type Part struct {
	Path   string // the file, as the user named it
	Source []byte
	Root   ast.Node
}

// Line returns the 1-based line of byte offset off in the part's source.
func (p *Part) Line(off int) int {
	if off > len(p.Source) {
		off = len(p.Source)
	}
	line := 1
	for _, b := range p.Source[:max(off, 0)] {
		if b == '\n' {
			line++
		}
	}
	return line
}

// Metadata is defined once, here; every edition takes its fields from it.
type Metadata struct {
	Title    string
	Subtitle string
	Authors  []Author
	// Date is the publication date the manuscript states (dc:date, the
	// PDF's title page); zero when it states none.
	Date Date
	// Modified is the edition's timestamp: dcterms:modified, the PDF's
	// CreationDate and ModDate, every ZIP entry's time. It comes from
	// SOURCE_DATE_EPOCH or the manuscript, never from the clock.
	Modified   time.Time
	Language   string // BCP 47, canonical form
	Identifier Identifier
	Publisher  string
	Rights     string
	// Description is the blurb stores show; for an article, its standfirst.
	Description string
	Subjects    []string
	// Cover is the cover image the manuscript names, or nil: editions that
	// need one then draw it from the title, subtitle and authors.
	Cover *Image
	// Lead is the lead image set after the title, with its credit line.
	Lead  *Image
	Print PrintOptions
}

// Author is one creator of the work.
type Author struct {
	Name   string
	FileAs string // "Sutherland, Jacqueline R."; sort key for catalogues
	Role   string // MARC relator code; "aut" unless the manuscript says otherwise
}

// AuthorNames lists the authors' display names.
func (m *Metadata) AuthorNames() []string {
	names := make([]string, len(m.Authors))
	for i, a := range m.Authors {
		names[i] = a.Name
	}
	return names
}

// Date is a calendar date at the precision the manuscript gave it.
type Date struct {
	Time time.Time // UTC
	Text string    // as written: "2017", "2017-10", "2017-10-20" or RFC 3339
}

// IsZero reports whether no date was given.
func (d Date) IsZero() bool { return d.Text == "" }

// Identifier is the edition's unique identifier.
type Identifier struct {
	Scheme string // "ISBN", "UUID", "DOI" or "URI"
	Value  string // ISBN digits without hyphens, UUID text, DOI or the URI itself
	// Derived is true when the manuscript gave none and imprint derived a
	// name-based UUID from the metadata, so rebuilding keeps it stable.
	Derived bool
}

// URN returns the identifier as the URN or URI an edition records.
func (id Identifier) URN() string {
	switch id.Scheme {
	case "ISBN":
		return "urn:isbn:" + id.Value
	case "UUID":
		return "urn:uuid:" + id.Value
	case "DOI":
		return "doi:" + id.Value
	}
	return id.Value
}

// Image is a local image the editions embed, read and checked once.
type Image struct {
	Path      string // as written in the front matter
	File      string // resolved path on disk, inside the project
	Alt       string
	Caption   string
	Credit    string
	MediaType string // "image/jpeg", "image/png" or "image/gif"
	Width     int    // pixels
	Height    int
	Data      []byte
}

// Ext returns the file extension matching the image's media type.
func (im *Image) Ext() string {
	switch im.MediaType {
	case "image/jpeg":
		return ".jpg"
	case "image/png":
		return ".png"
	case "image/gif":
		return ".gif"
	}
	return ""
}

// PrintOptions choose the print edition's page.
type PrintOptions struct {
	Paper string // "trade" (6x9 in), "letter" or "a4"
	Bleed bool   // add 0.125 in bleed on every side and set the TrimBox
}

// PageStart says where a printed page of the PDF edition begins, so that
// the EPUB can carry a page-break marker at the same place and readers of
// either edition can cite the same page.
type PageStart struct {
	Page int // 1-based printed page number
	// Part names what the page begins in: "front" (the title page), "body",
	// "notes", "bio" or "colophon".
	Part string
	// Offset is the source byte offset (in Body or Bio) of the first line
	// of the block the page begins in; -1 when that block has no source
	// (the title page, a heading imprint adds, the colophon).
	Offset int
	// Word counts the words of that block that precede the page: words are
	// separated by white space or a forced line break, as in the block's
	// plain text. 0 means the page begins with the block.
	Word int
}
