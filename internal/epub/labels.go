package epub

import (
	"fmt"
	"strings"
	"time"

	"github.com/imprint-press/imprint/internal/document"
)

// labels are the words the EPUB adds around the manuscript's own text. A
// label is only ever written in the document's language: for a language
// imprint has no words for, every label is empty and the pages fall back on
// the manuscript's own strings (its title, its authors' names).
type labels struct {
	contents, landmarks, pages, cover, titlePage string
	start                                        string
	about, aboutMany, colophon                   string
	published, identifier, leadImage, edition    string
	madeWith                                     string
	and                                          string
	coverOf, by                                  string // "Cover of <title>, by <authors>"
	months                                       [12]string
}

var english = labels{
	contents: "Contents", landmarks: "Landmarks", pages: "Pages", cover: "Cover", titlePage: "Title Page",
	start: "Start of Content", about: "About the Author", aboutMany: "About the Authors",
	colophon: "Colophon", published: "Published by", identifier: "Identifier",
	leadImage: "Lead image", edition: "This edition", madeWith: "Made with imprint",
	and: "and", coverOf: "Cover of", by: "by",
	months: [12]string{"January", "February", "March", "April", "May", "June", "July",
		"August", "September", "October", "November", "December"},
}

// labelsFor returns the labels for a BCP 47 tag.
func labelsFor(lang string) labels {
	if primarySubtag(lang) == "en" {
		return english
	}
	return labels{}
}

func primarySubtag(lang string) string {
	p, _, _ := strings.Cut(lang, "-")
	return strings.ToLower(p)
}

// direction returns "rtl" for languages written right to left, else "ltr".
func direction(lang string) string {
	parts := strings.Split(strings.ToLower(lang), "-")
	for _, p := range parts[1:] {
		switch p {
		case "arab", "hebr", "syrc", "thaa", "nkoo", "adlm", "rohg", "mand", "samr":
			return "rtl"
		case "latn", "cyrl", "deva":
			return "ltr"
		}
	}
	switch parts[0] {
	case "ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "ku", "ps", "sd", "ug", "ur", "yi", "syr":
		return "rtl"
	}
	return "ltr"
}

// or returns label when the language has one, else fallback.
func or(label, fallback string) string {
	if label != "" {
		return label
	}
	return fallback
}

// coverAlt names the title and the authors for the cover image.
func coverAlt(m *document.Metadata, l labels) string {
	title := m.Title
	if m.Subtitle != "" {
		title += ": " + m.Subtitle
	}
	byline := joinNames(m.AuthorNames(), l)
	switch {
	case byline == "" && l.coverOf == "":
		return title
	case byline == "":
		return l.coverOf + " " + title
	case l.coverOf == "":
		return title + " — " + byline
	}
	sep := ", "
	if strings.ContainsAny(title[len(title)-1:], "?!.") {
		sep = " " // "Cover of Why Now? by A. Writer"
	}
	return l.coverOf + " " + title + sep + l.by + " " + byline
}

// editionDate is the date the colophon gives: the stated publication date at
// the precision the manuscript gave it, else the edition timestamp's day.
func editionDate(m *document.Metadata, l labels) string {
	t, text := m.Modified.UTC(), m.Modified.UTC().Format("2006-01-02")
	precision := 3
	if !m.Date.IsZero() {
		t, text = m.Date.Time, m.Date.Text
		switch len(text) {
		case 4:
			precision = 1
		case 7:
			precision = 2
		default:
			// The calendar day as written, not as it falls in UTC.
			if day, err := time.Parse("2006-01-02", text[:min(len(text), 10)]); err == nil {
				t = day
			}
		}
	}
	if l.months[0] == "" {
		if precision == 3 && len(text) > 10 {
			return text[:10]
		}
		return text
	}
	switch precision {
	case 1:
		return fmt.Sprintf("%d", t.Year())
	case 2:
		return fmt.Sprintf("%s %d", l.months[t.Month()-1], t.Year())
	}
	return fmt.Sprintf("%d %s %d", t.Day(), l.months[t.Month()-1], t.Year())
}
