// Package pdfread owns reading a PDF back from its bytes, independently of
// the writer that made it: the Info dictionary, the XMP packet, the
// catalog's /Lang, the page tree, and each page's text as lines in reading
// order. It reads what imprint's PDF writer and most simple writers write
// (a classic cross-reference table, FlateDecode streams, Type0 fonts with
// Identity-H and a ToUnicode map, simple fonts) and fails with an error,
// never a panic, on anything else.
package pdfread

import (
	"errors"
	"fmt"
	"sort"
)

// Document is what a PDF says about itself.
type Document struct {
	Version string
	// Info holds the Info dictionary's text entries, decoded (Title,
	// Author, Subject, Keywords, Creator, Producer, CreationDate, ModDate).
	Info map[string]string
	// XMP is the catalog's metadata packet, nil when there is none.
	XMP *XMP
	// RawXMP is the packet's bytes.
	RawXMP []byte
	Lang   string // the catalog's /Lang
	Pages  []*Page
}

// Page is one page's text.
type Page struct {
	Number   int // 1-based position in the page tree
	MediaBox [4]float64
	Lines    []Line // top to bottom
}

// Line is one baseline's text, left to right.
type Line struct {
	X, Y float64 // where the line begins, in default user space (y up)
	Size float64 // the largest font size on the line, in points
	Text string
}

// Read parses a PDF completely: metadata and the text of every page.
func Read(data []byte) (doc *Document, err error) {
	defer func() {
		// The reader is written not to panic; this is the last line of
		// defence for a file crafted to find what was missed.
		if r := recover(); r != nil {
			doc, err = nil, fmt.Errorf("unreadable PDF (reader fault: %v)", r)
		}
	}()
	f, err := Open(data)
	if err != nil {
		return nil, err
	}
	doc = &Document{Version: f.Version, Info: map[string]string{}}
	for k, v := range f.dict(f.Trailer["Info"]) {
		if s, ok := f.resolve(v).(String); ok {
			doc.Info[string(k)] = TextString(s)
		}
	}
	root, err := f.Resolve(f.Trailer["Root"])
	if err != nil {
		return nil, fmt.Errorf("catalog: %w", err)
	}
	catalog, ok := root.(Dict)
	if !ok {
		return nil, errors.New("the trailer has no /Root catalog")
	}
	if s, ok := f.resolve(catalog["Lang"]).(String); ok {
		doc.Lang = TextString(s)
	}
	if ref, ok := catalog["Metadata"]; ok {
		obj, err := f.Resolve(ref)
		if err != nil {
			return nil, fmt.Errorf("metadata stream: %w", err)
		}
		s, ok := obj.(*Stream)
		if !ok {
			return nil, errors.New("the catalog's /Metadata is not a stream")
		}
		raw, err := f.Decode(s)
		if err != nil {
			return nil, fmt.Errorf("metadata stream: %w", err)
		}
		doc.RawXMP = raw
		doc.XMP, err = ParseXMP(raw)
		if err != nil {
			return nil, fmt.Errorf("metadata stream: %w", err)
		}
	}
	pages, err := f.pageList(catalog)
	if err != nil {
		return nil, err
	}
	fonts := map[any]*font{}
	for i, p := range pages {
		page := &Page{Number: i + 1, MediaBox: p.mediaBox}
		runs, err := f.pageRuns(p, fonts)
		if err != nil {
			return nil, fmt.Errorf("page %d: %w", i+1, err)
		}
		page.Lines = assembleLines(runs)
		doc.Pages = append(doc.Pages, page)
	}
	return doc, nil
}

// pageObject is a leaf of the page tree with what it inherits.
type pageObject struct {
	dict      Dict
	resources Dict
	mediaBox  [4]float64
}

// maxPages bounds the page tree walk.
const maxPages = 100000

func (f *File) pageList(catalog Dict) ([]pageObject, error) {
	tree, err := f.Resolve(catalog["Pages"])
	if err != nil {
		return nil, fmt.Errorf("page tree: %w", err)
	}
	root, ok := tree.(Dict)
	if !ok {
		return nil, errors.New("the catalog has no /Pages tree")
	}
	var out []pageObject
	seen := map[Ref]bool{}
	var walk func(node Dict, res Dict, box [4]float64, depth int) error
	walk = func(node Dict, res Dict, box [4]float64, depth int) error {
		if depth > 64 {
			return errors.New("the page tree is nested deeper than 64 levels")
		}
		if r := f.dict(node["Resources"]); r != nil {
			res = r
		}
		if b, ok := f.rect(node["MediaBox"]); ok {
			box = b
		}
		kids, isTree := f.resolve(node["Kids"]).(Array)
		if t, _ := node["Type"].(Name); t == "Page" || !isTree {
			if len(out) >= maxPages {
				return fmt.Errorf("more than %d pages", maxPages)
			}
			out = append(out, pageObject{dict: node, resources: res, mediaBox: box})
			return nil
		}
		for _, k := range kids {
			if r, ok := k.(Ref); ok {
				if seen[r] {
					return fmt.Errorf("the page tree visits object %d twice", r.Num)
				}
				seen[r] = true
			}
			obj, err := f.Resolve(k)
			if err != nil {
				return fmt.Errorf("page tree: %w", err)
			}
			kid, ok := obj.(Dict)
			if !ok {
				return errors.New("a page tree node's kid is not a dictionary")
			}
			if err := walk(kid, res, box, depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	if err := walk(root, nil, [4]float64{0, 0, 612, 792}, 0); err != nil {
		return nil, err
	}
	return out, nil
}

func (f *File) rect(o Object) ([4]float64, bool) {
	arr, ok := f.resolve(o).(Array)
	if !ok || len(arr) != 4 {
		return [4]float64{}, false
	}
	var r [4]float64
	for i, v := range arr {
		n, ok := Number(f.resolve(v))
		if !ok {
			return [4]float64{}, false
		}
		r[i] = n
	}
	return r, true
}

// Text returns the page's lines joined by newlines.
func (p *Page) Text() string {
	var n int
	for _, l := range p.Lines {
		n += len(l.Text) + 1
	}
	b := make([]byte, 0, n)
	for i, l := range p.Lines {
		if i > 0 {
			b = append(b, '\n')
		}
		b = append(b, l.Text...)
	}
	return string(b)
}

// sortRuns orders runs top to bottom, then left to right.
func sortRuns(runs []run) {
	sort.SliceStable(runs, func(i, j int) bool {
		if runs[i].y != runs[j].y {
			return runs[i].y > runs[j].y
		}
		return runs[i].x < runs[j].x
	})
}
