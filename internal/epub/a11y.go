package epub

import (
	"fmt"
	"strings"
)

// a11yFacts are what the built EPUB holds, counted by the writer; the
// accessibility metadata is derived from them and from nothing else.
type a11yFacts struct {
	Images        int // every image a reader meets: cover, lead, body, bio
	ImagesWithAlt int // of those, the ones with a non-empty text alternative
	Headings      int // headings in the manuscript's text (article and bio)
	Contents      bool
	ReadingOrder  bool   // the spine follows the manuscript
	Reflowable    bool   // the stylesheet leaves fonts, sizes and colours to the reader
	Language      string // the publication's language, "" if unknown
	Animated      int    // animated images (GIFs with more than one frame)
	Audio, Video  int
	// PageBreaks counts the print edition's pages the EPUB marks and lists
	// in its page list; 0 when no print edition was laid out.
	PageBreaks int
}

// a11yMeta is the EPUB Accessibility 1.1 metadata for the package document.
type a11yMeta struct {
	AccessModes           []string
	AccessModesSufficient []string
	Features              []string
	Hazards               []string
	Summary               string
	// ConformsTo is the conformance claim, or "" when the facts do not
	// support one.
	ConformsTo string
}

const conformanceClaim = "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"

func deriveA11y(f a11yFacts) a11yMeta {
	var m a11yMeta
	allAlt := f.ImagesWithAlt == f.Images
	media := f.Audio + f.Video

	m.AccessModes = []string{"textual"}
	if f.Images > 0 || f.Video > 0 {
		m.AccessModes = append(m.AccessModes, "visual")
	}
	if f.Audio > 0 || f.Video > 0 {
		m.AccessModes = append(m.AccessModes, "auditory")
	}
	if len(m.AccessModes) > 1 {
		m.AccessModesSufficient = append(m.AccessModesSufficient, strings.Join(m.AccessModes, ","))
	}
	if allAlt && media == 0 {
		m.AccessModesSufficient = append(m.AccessModesSufficient, "textual")
	}

	if f.Headings > 0 {
		m.Features = append(m.Features, "structuralNavigation")
	}
	if f.Contents {
		m.Features = append(m.Features, "tableOfContents")
	}
	if f.ReadingOrder {
		m.Features = append(m.Features, "readingOrder")
	}
	if f.Images > 0 && allAlt {
		m.Features = append(m.Features, "alternativeText")
	}
	if f.Reflowable {
		m.Features = append(m.Features, "displayTransformability")
	}
	if f.PageBreaks > 0 {
		// pageBreakMarkers is the vocabulary's current name for what
		// printPageNumbers named; reading systems may know either.
		m.Features = append(m.Features, "pageBreakMarkers", "printPageNumbers", "pageNavigation")
	}
	if len(m.Features) == 0 {
		m.Features = []string{"none"}
	}

	if f.Animated+media == 0 {
		m.Hazards = []string{"none"}
	} else {
		m.Hazards = []string{"unknown"}
	}

	var missing []string
	if !allAlt {
		missing = append(missing, plural(f.Images-f.ImagesWithAlt, "image lacks", "images lack")+" a text alternative")
	}
	if f.Language == "" {
		missing = append(missing, "its language is not declared")
	}
	if !f.Contents {
		missing = append(missing, "it has no table of contents")
	}
	if !f.ReadingOrder {
		missing = append(missing, "its reading order is not the manuscript's")
	}
	if f.Animated+media > 0 {
		missing = append(missing, "its animated images, audio or video have not been checked for flashing or for captions")
	}
	if len(missing) == 0 {
		m.ConformsTo = conformanceClaim
	}
	m.Summary = a11ySummary(f, m, missing)
	return m
}

// a11ySummary states the findings in English; the package document marks it
// xml:lang="en" whatever the publication's language.
func a11ySummary(f a11yFacts, m a11yMeta, missing []string) string {
	var s []string
	if m.ConformsTo != "" {
		s = append(s, "This publication meets EPUB Accessibility 1.1 at WCAG 2.2 Level AA.")
	} else {
		s = append(s, "This publication does not claim conformance to EPUB Accessibility 1.1: "+strings.Join(missing, "; ")+".")
	}
	var nav []string
	if f.Contents {
		nav = append(nav, "a table of contents")
	}
	if f.Headings > 0 {
		nav = append(nav, plural(f.Headings, "heading", "headings")+" for navigation by structure")
	}
	if f.ReadingOrder {
		nav = append(nav, "a reading order that follows the text")
	}
	if len(nav) > 0 {
		s = append(s, "It has "+joinNames(nav, english)+".")
	}
	switch {
	case f.PageBreaks == 1:
		s = append(s, "It marks where the print edition's one page begins, and its page list leads there.")
	case f.PageBreaks > 1:
		s = append(s, fmt.Sprintf("It marks where each of the print edition's %d pages begins, and its page list "+
			"leads to them, so readers of either edition can cite the same page.", f.PageBreaks))
	}
	switch {
	case f.Images == 0:
		s = append(s, "It has no images.")
	case f.ImagesWithAlt == f.Images:
		s = append(s, fmt.Sprintf("Every image (%d, the cover included) has a text alternative.", f.Images))
	default:
		s = append(s, fmt.Sprintf("%d of %d images have a text alternative.", f.ImagesWithAlt, f.Images))
	}
	if f.Reflowable {
		s = append(s, "Its text reflows, and the reading system's font, size and colours apply.")
	}
	if m.Hazards[0] == "none" {
		s = append(s, "It has no flashing, motion or sound hazards.")
	} else {
		s = append(s, "Its animated images, audio or video have not been checked for hazards.")
	}
	return strings.Join(s, " ")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// gifFrames counts the frames of a GIF by walking its blocks, without
// decoding pixels. A malformed file counts the frames found before the fault.
func gifFrames(b []byte) int {
	if len(b) < 13 || !strings.HasPrefix(string(b[:6]), "GIF8") {
		return 0
	}
	off := 13
	if b[10]&0x80 != 0 {
		off += 3 << (int(b[10]&7) + 1)
	}
	skipSubBlocks := func() bool {
		for off < len(b) {
			n := int(b[off])
			off += 1 + n
			if n == 0 {
				return true
			}
		}
		return false
	}
	frames := 0
	for off < len(b) {
		switch b[off] {
		case 0x21: // extension: label, then data sub-blocks
			off += 2
			if !skipSubBlocks() {
				return frames
			}
		case 0x2C: // image descriptor
			if off+10 > len(b) {
				return frames
			}
			frames++
			packed := b[off+9]
			off += 10
			if packed&0x80 != 0 {
				off += 3 << (int(packed&7) + 1)
			}
			off++ // LZW minimum code size
			if !skipSubBlocks() {
				return frames
			}
		default: // 0x3B trailer, or garbage
			return frames
		}
	}
	return frames
}
