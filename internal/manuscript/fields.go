package manuscript

import (
	"crypto/sha1"
	"fmt"
	"strings"
	"time"

	"github.com/imprint-press/imprint/internal/document"
	"golang.org/x/text/language"
)

// parseLanguage checks a BCP 47 tag and returns its canonical spelling.
func parseLanguage(tag string) (string, error) {
	if strings.Contains(tag, "_") {
		return "", fmt.Errorf("%q is not a BCP 47 language tag: use a hyphen, as in %q", tag, strings.ReplaceAll(tag, "_", "-"))
	}
	t, err := language.Parse(tag)
	if err != nil {
		return "", fmt.Errorf("%q is not a BCP 47 language tag (like en, en-US, fr or pt-BR)", tag)
	}
	return t.String(), nil
}

var dateLayouts = []string{"2006-01-02", "2006-01", "2006", time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05"}

// parseDate accepts the W3C date forms that dc:date allows.
func parseDate(s string) (document.Date, error) {
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return document.Date{Time: t.UTC(), Text: s}, nil
		}
	}
	return document.Date{}, fmt.Errorf("%q is not a date: write it as YYYY-MM-DD (or YYYY-MM, YYYY, or RFC 3339)", s)
}

// parseIdentifier classifies the manuscript's identifier and checks what
// can be checked: an ISBN's check digit, a UUID's form.
func parseIdentifier(scheme, text string) (document.Identifier, error) {
	s := strings.TrimSpace(text)
	lower := strings.ToLower(s)
	scheme = strings.ToUpper(scheme)
	switch {
	case scheme == "ISBN" || strings.HasPrefix(lower, "urn:isbn:") || strings.HasPrefix(lower, "isbn"):
		digits := isbnDigits(s)
		if err := checkISBN(digits); err != nil {
			return document.Identifier{}, err
		}
		return document.Identifier{Scheme: "ISBN", Value: digits}, nil
	case scheme == "UUID" || strings.HasPrefix(lower, "urn:uuid:"):
		u := strings.TrimPrefix(lower, "urn:uuid:")
		if !isUUID(u) {
			return document.Identifier{}, fmt.Errorf("%q is not a UUID (8-4-4-4-12 hexadecimal digits)", s)
		}
		return document.Identifier{Scheme: "UUID", Value: u}, nil
	case scheme == "DOI" || strings.HasPrefix(lower, "doi:") || strings.HasPrefix(s, "10."):
		return document.Identifier{Scheme: "DOI", Value: strings.TrimPrefix(strings.TrimPrefix(s, "doi:"), "DOI:")}, nil
	case isUUID(lower):
		return document.Identifier{Scheme: "UUID", Value: lower}, nil
	case looksLikeISBN(s):
		digits := isbnDigits(s)
		if err := checkISBN(digits); err != nil {
			return document.Identifier{}, err
		}
		return document.Identifier{Scheme: "ISBN", Value: digits}, nil
	}
	return document.Identifier{Scheme: "URI", Value: s}, nil
}

func isbnDigits(s string) string {
	s = strings.TrimPrefix(strings.ToLower(s), "urn:isbn:")
	s = strings.TrimPrefix(s, "isbn")
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == 'x':
			b.WriteRune('X')
		}
	}
	return b.String()
}

func looksLikeISBN(s string) bool {
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r == '-' || r == ' ' || r == 'X' || r == 'x') {
			return false
		}
	}
	n := len(isbnDigits(s))
	return n == 10 || n == 13
}

// checkISBN verifies an ISBN-10 or ISBN-13 check digit.
func checkISBN(d string) error {
	switch len(d) {
	case 13:
		sum := 0
		for i := 0; i < 12; i++ {
			if d[i] == 'X' {
				return fmt.Errorf("ISBN %s: X is not a digit in an ISBN-13", d)
			}
			w := 1
			if i%2 == 1 {
				w = 3
			}
			sum += int(d[i]-'0') * w
		}
		want := (10 - sum%10) % 10
		if int(d[12]-'0') != want {
			return fmt.Errorf("ISBN %s has check digit %c but its digits give %d: check it against the ISBN agency's record", d, d[12], want)
		}
	case 10:
		sum := 0
		for i := 0; i < 10; i++ {
			v := int(d[i] - '0')
			if d[i] == 'X' {
				if i != 9 {
					return fmt.Errorf("ISBN %s: X may only be the check digit", d)
				}
				v = 10
			}
			sum += v * (10 - i)
		}
		if sum%11 != 0 {
			return fmt.Errorf("ISBN %s has a wrong check digit: check it against the ISBN agency's record", d)
		}
	default:
		return fmt.Errorf("ISBN %q has %d digits; an ISBN has 10 or 13", d, len(d))
	}
	return nil
}

func isUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i, r := range s {
		switch i {
		case 8, 13, 18, 23:
			if r != '-' {
				return false
			}
		default:
			if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'f') {
				return false
			}
		}
	}
	return true
}

// derivedIdentifier names an edition that the manuscript gave no
// identifier: an RFC 4122 version 5 (name-based, SHA-1) UUID of the
// metadata that identifies the work, so every rebuild gets the same one
// and a different work a different one.
func derivedIdentifier(m *document.Metadata) document.Identifier {
	// The namespace is the RFC 4122 URL namespace.
	ns := []byte{0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}
	name := strings.Join([]string{m.Title, m.Subtitle, strings.Join(m.AuthorNames(), "; "), m.Language, m.Publisher, m.Date.Text}, "\x00")
	h := sha1.New()
	h.Write(ns)
	h.Write([]byte(name))
	sum := h.Sum(nil)[:16]
	sum[6] = sum[6]&0x0f | 0x50
	sum[8] = sum[8]&0x3f | 0x80
	u := fmt.Sprintf("%x-%x-%x-%x-%x", sum[0:4], sum[4:6], sum[6:8], sum[8:10], sum[10:16])
	return document.Identifier{Scheme: "UUID", Value: u, Derived: true}
}

// fileAs derives a catalogue sort name: "Jacqueline R. Sutherland" files as
// "Sutherland, Jacqueline R.".
func fileAs(name string) string {
	parts := strings.Fields(name)
	if len(parts) < 2 {
		return name
	}
	last := len(parts) - 1
	switch strings.TrimSuffix(strings.ToLower(parts[last]), ".") {
	case "jr", "sr", "ii", "iii", "iv":
		if last >= 2 {
			return parts[last-1] + ", " + strings.Join(parts[:last-1], " ") + ", " + parts[last]
		}
	}
	return parts[last] + ", " + strings.Join(parts[:last], " ")
}
