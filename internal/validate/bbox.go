package validate

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strings"
)

// Box is a rectangle in PDF points with the origin at the page's top-left, y growing downwards,
// as pdftotext reports it.
type Box struct {
	XMin float64 `xml:"xMin,attr"`
	YMin float64 `xml:"yMin,attr"`
	XMax float64 `xml:"xMax,attr"`
	YMax float64 `xml:"yMax,attr"`
}

// Page is one page of `pdftotext -bbox-layout` output; blocks of all its flows in reading order.
type Page struct {
	Width  float64
	Height float64
	Blocks []Block
}

// Block is a text block (roughly a paragraph).
type Block struct {
	Box
	Lines []Line
}

// Line is one line of text within a block.
type Line struct {
	Box
	Words []Word
}

// Word is one word and its bounding box.
type Word struct {
	Box
	Text string
}

// Text joins the line's words with single spaces.
func (l Line) Text() string {
	words := make([]string, len(l.Words))
	for i, w := range l.Words {
		words[i] = w.Text
	}
	return strings.Join(words, " ")
}

// bboxDoc mirrors the XHTML pdftotext -bbox-layout writes: html/body/doc/page/flow/block/line/word.
type bboxDoc struct {
	Pages []struct {
		Width  float64 `xml:"width,attr"`
		Height float64 `xml:"height,attr"`
		Flows  []struct {
			Blocks []struct {
				Box
				Lines []struct {
					Box
					Words []struct {
						Box
						Text string `xml:",chardata"`
					} `xml:"word"`
				} `xml:"line"`
			} `xml:"block"`
		} `xml:"flow"`
	} `xml:"body>doc>page"`
}

// PDFWordBoxes returns the position of every word on every page, from `pdftotext -bbox-layout`.
func PDFWordBoxes(path string) ([]Page, error) {
	out, err := run("pdftotext", "-enc", "UTF-8", "-bbox-layout", path, "-")
	if err != nil {
		return nil, err
	}
	pages, err := parseWordBoxes(out)
	if err != nil {
		return nil, fmt.Errorf("pdftotext -bbox-layout %s: %w", path, err)
	}
	return pages, nil
}

func parseWordBoxes(data []byte) ([]Page, error) {
	var doc bboxDoc
	dec := xml.NewDecoder(bytes.NewReader(data))
	// The output is XHTML with a DOCTYPE; named HTML entities may appear in metadata.
	dec.Entity = xml.HTMLEntity
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("parsing bbox XHTML: %w", err)
	}
	pages := make([]Page, 0, len(doc.Pages))
	for _, p := range doc.Pages {
		page := Page{Width: p.Width, Height: p.Height}
		for _, f := range p.Flows {
			for _, b := range f.Blocks {
				block := Block{Box: b.Box}
				for _, l := range b.Lines {
					line := Line{Box: l.Box}
					for _, w := range l.Words {
						line.Words = append(line.Words, Word{Box: w.Box, Text: w.Text})
					}
					block.Lines = append(block.Lines, line)
				}
				page.Blocks = append(page.Blocks, block)
			}
		}
		pages = append(pages, page)
	}
	return pages, nil
}
