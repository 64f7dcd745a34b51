// Package verify owns `imprint verify`: it reads the built EPUB and PDF
// back from their bytes (packages epubread and pdfread, which share
// nothing with the writers) and compares them with the manuscript and
// with each other, field by field: the metadata, the image credit, the
// bio, every paragraph in order, and where the print pages begin.
package verify

import (
	"errors"
	"fmt"
	"os"

	"github.com/imprint-press/imprint/internal/document"
	"github.com/imprint-press/imprint/internal/manuscript"
	"github.com/imprint-press/imprint/internal/verify/epubread"
	"github.com/imprint-press/imprint/internal/verify/pdfread"
)

// Options steer a check.
type Options struct {
	// Root is the project folder the manuscript is loaded in ("" is ".").
	Root string
	// SourceDateEpoch is SOURCE_DATE_EPOCH as the build saw it; the
	// manuscript's edition timestamp depends on it.
	SourceDateEpoch string
}

// Report is the outcome of one check: one result per field, in a fixed
// order.
type Report struct {
	Manuscript string // "" when two editions were compared with each other only
	EPUB, PDF  string
	Results    []Result
}

// Result is one field's outcome.
type Result struct {
	Field string
	OK    bool
	// Values are what each source says, in a fixed order: manuscript,
	// epub, then the PDF's Info dictionary and XMP packet (or the PDF's
	// text, for the text checks). Sources that do not carry the field are
	// left out.
	Values []Value
	// Note says what the values cannot: what is missing where, or, for a
	// field every source agrees on, a summary.
	Note string
}

// Value is one source's say on a field, formatted for the report.
type Value struct {
	Source string // "manuscript", "epub", "pdf(info)", "pdf(xmp)", …
	Text   string
}

// OK reports whether every field agrees.
func (r *Report) OK() bool {
	return len(r.Drift()) == 0
}

// Drift returns the results that disagree.
func (r *Report) Drift() []Result {
	var out []Result
	for _, res := range r.Results {
		if !res.OK {
			out = append(out, res)
		}
	}
	return out
}

// Result returns the result for a field, or nil.
func (r *Report) Result(field string) *Result {
	for i := range r.Results {
		if r.Results[i].Field == field {
			return &r.Results[i]
		}
	}
	return nil
}

// Check compares a manuscript with its two editions. With manuscriptPath
// "", it compares the editions with each other only.
func Check(manuscriptPath, epubPath, pdfPath string, opts Options) (*Report, error) {
	var doc *document.Document
	if manuscriptPath != "" {
		root := opts.Root
		if root == "" {
			root = "."
		}
		var err error
		doc, err = manuscript.Load(manuscriptPath, manuscript.Options{Root: root, SourceDateEpoch: opts.SourceDateEpoch})
		if err != nil {
			return nil, err
		}
	}
	epubData, err := os.ReadFile(epubPath)
	if err != nil {
		return nil, editionError(epubPath, err)
	}
	pdfData, err := os.ReadFile(pdfPath)
	if err != nil {
		return nil, editionError(pdfPath, err)
	}
	r, err := CheckData(doc, epubData, pdfData)
	if err != nil {
		return nil, err
	}
	r.Manuscript, r.EPUB, r.PDF = manuscriptPath, epubPath, pdfPath
	return r, nil
}

func editionError(path string, err error) error {
	if errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("%s: no such edition (build it first: imprint build)", path)
	}
	return fmt.Errorf("%s: %w", path, err)
}

// CheckData compares a loaded manuscript (nil: none) with the bytes of its
// EPUB and PDF editions.
func CheckData(doc *document.Document, epubData, pdfData []byte) (*Report, error) {
	book, err := epubread.Read(epubData)
	if err != nil {
		return nil, fmt.Errorf("reading the EPUB: %w", err)
	}
	pdf, err := pdfread.Read(pdfData)
	if err != nil {
		return nil, fmt.Errorf("reading the PDF: %w", err)
	}
	ed := newEditions(doc, book, pdf)
	r := &Report{}
	r.Results = append(r.Results, ed.metadata()...)
	r.Results = append(r.Results, ed.credit(), ed.bio(), ed.paragraphs(), ed.pages())
	return r, nil
}
