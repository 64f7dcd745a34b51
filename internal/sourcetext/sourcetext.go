// Package sourcetext owns the article as it was received (the plain text
// kept in manuscript/source/) and the checks that an edition's extracted
// text carries it: every paragraph in order, the credit with the image, none
// of the web page's leftovers. Tests compare editions with this text, never
// with the manuscript made from it, so a mistake in the manuscript is caught
// too.
package sourcetext

import (
	"fmt"
	"os"
	"regexp"
	"strings"
	"unicode"
)

// Article is the received text cut into the parts an edition must carry.
type Article struct {
	Title      string
	Standfirst string
	// Body is the standfirst's repetition, the headings and the paragraphs
	// in reading order.
	Body      []string
	Bio       string
	Caption   string // "An Islamic State flag is seen …"
	Credit    string // "REUTERS/Dado Ruvic/…"
	Leftovers []string
}

// Load reads the received text. Its shape is the web page's: the title
// (twice), the standfirst, the article, the bio, an "Image:" line, and a
// "Recommended:" block of links that is not part of the article.
func Load(path string) (*Article, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var paras []string
	for _, p := range strings.Split(strings.ReplaceAll(string(b), "\r\n", "\n"), "\n\n") {
		// The page used no-break spaces after its labels ("Image:",
		// "Recommended:"); they are layout, not text.
		p = strings.TrimSpace(strings.ReplaceAll(p, "\u00a0", " "))
		if p != "" {
			paras = append(paras, p)
		}
	}
	a := &Article{}
	image, recommended := -1, -1
	for i, p := range paras {
		switch {
		case strings.HasPrefix(p, "Image: "):
			image = i
		case strings.HasPrefix(p, "Recommended:") && recommended < 0:
			recommended = i
		}
	}
	if image < 3 || recommended < image {
		return nil, fmt.Errorf("%s: expected title, standfirst, article, bio, Image: and Recommended: parts", path)
	}
	a.Title = paras[0]
	rest := paras[1:]
	for len(rest) > 0 && rest[0] == a.Title {
		rest = rest[1:]
	}
	a.Standfirst = rest[0]
	bioIndex := image - 1
	a.Body = rest[1 : len(rest)-(len(paras)-bioIndex)]
	a.Bio = paras[bioIndex]
	img := strings.TrimPrefix(paras[image], "Image: ")
	if i := strings.LastIndex(img, ". "); i >= 0 {
		a.Caption, a.Credit = img[:i+1], img[i+2:]
	} else {
		a.Caption = img
	}
	for _, p := range paras[recommended:] {
		if p != "Recommended:" {
			a.Leftovers = append(a.Leftovers, p)
		}
	}
	return a, nil
}

// softBreak stands for a line end after a hyphen in extracted text, which
// is either a hyphen of the text or one the typesetter added.
const softBreak = "\x00"

// Normalize prepares extracted text for matching: line-end hyphens marked
// as soft breaks, white space collapsed.
func Normalize(text string) string {
	text = regexp.MustCompile(`-[ \t]*\n\s*`).ReplaceAllString(text, softBreak)
	return strings.Join(strings.FieldsFunc(text, unicode.IsSpace), " ")
}

// pattern matches needle in normalized text: white space matches any
// white space, a hyphen matches a soft break, a soft break may fall between
// any two letters (a hyphenation point), and a line end may follow a dash
// or a slash.
func pattern(needle string) *regexp.Regexp {
	var b strings.Builder
	for _, r := range strings.Join(strings.Fields(needle), " ") {
		switch {
		case r == ' ':
			b.WriteString(`\s+`)
		case r == '-':
			b.WriteString(`(?:-|\x00)`)
		default:
			b.WriteString(regexp.QuoteMeta(string(r)))
			switch {
			case unicode.IsLetter(r):
				b.WriteString(`\x00?`)
			case strings.ContainsRune("—–/", r):
				// A line may end after a dash or slash with no space.
				b.WriteString(`\s?`)
			}
		}
	}
	return regexp.MustCompile(b.String())
}

// InOrder checks that every needle occurs in text, each after the one
// before it, and says which one is missing or out of place.
func InOrder(text string, needles []string) error {
	norm := Normalize(text)
	pos := 0
	for i, n := range needles {
		re := pattern(n)
		loc := re.FindStringIndex(norm[pos:])
		if loc == nil {
			if re.MatchString(norm) {
				return fmt.Errorf("paragraph %d is out of order: %.70q", i+1, n)
			}
			return fmt.Errorf("paragraph %d is missing: %.70q", i+1, n)
		}
		pos += loc[1]
	}
	return nil
}

// Contains reports whether text contains needle, matched as InOrder does.
func Contains(text, needle string) bool {
	return pattern(needle).MatchString(Normalize(text))
}

// StripPageFurniture removes running heads and folios from extracted PDF
// text (pages separated by form feeds), so that a paragraph continued
// across a page break reads as one. A line is furniture when it equals one
// of heads or is a bare page number.
func StripPageFurniture(text string, heads ...string) string {
	pages := strings.Split(text, "\f")
	for i, page := range pages {
		var kept []string
		for _, line := range strings.Split(page, "\n") {
			t := strings.TrimSpace(line)
			furniture := t != "" && strings.Trim(t, "0123456789") == ""
			for _, h := range heads {
				furniture = furniture || t == h
			}
			if !furniture {
				kept = append(kept, line)
			}
		}
		pages[i] = strings.Join(kept, "\n")
	}
	return strings.Join(pages, "\n")
}
