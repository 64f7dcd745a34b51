package epub

import (
	"bytes"
	"encoding/xml"
	"strings"
	"unicode/utf8"
)

// xmlBuffer accumulates one XML file. Every string that came from the
// manuscript goes through text or attr, which escape it, so no metadata value
// can break the markup around it.
type xmlBuffer struct {
	bytes.Buffer
}

// raw writes markup the package itself spells out.
func (b *xmlBuffer) raw(parts ...string) {
	for _, p := range parts {
		b.WriteString(p)
	}
}

// text writes s as escaped character data.
func (b *xmlBuffer) text(s string) {
	_ = xml.EscapeText(b, []byte(s)) // a bytes.Buffer never fails
}

// attr writes ` name="value"` with value escaped.
func (b *xmlBuffer) attr(name, value string) {
	b.WriteByte(' ')
	b.WriteString(name)
	b.WriteString(`="`)
	b.text(value)
	b.WriteByte('"')
}

// element writes <name attrs...>text</name>; attrs are name, value pairs.
func (b *xmlBuffer) element(name, text string, attrs ...string) {
	b.WriteByte('<')
	b.WriteString(name)
	for i := 0; i+1 < len(attrs); i += 2 {
		b.attr(attrs[i], attrs[i+1])
	}
	b.WriteByte('>')
	b.text(text)
	b.raw("</", name, ">\n")
}

// validXML replaces every byte sequence XML 1.0 forbids (control characters,
// U+FFFE, U+FFFF, invalid UTF-8) with U+FFFD. goldmark copies source text
// through as it is, and a manuscript may hold such bytes.
func validXML(b []byte) []byte {
	clean := true
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if !xmlChar(r, n) {
			clean = false
			break
		}
		i += n
	}
	if clean {
		return b
	}
	out := make([]byte, 0, len(b)+16)
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if xmlChar(r, n) {
			out = append(out, b[i:i+n]...)
		} else {
			out = utf8.AppendRune(out, utf8.RuneError)
		}
		i += n
	}
	return out
}

// xmlChar reports whether rune r, decoded from n bytes, is an XML 1.0 Char.
func xmlChar(r rune, n int) bool {
	switch {
	case r == utf8.RuneError && n == 1:
		return false
	case r == 0x09 || r == 0x0A || r == 0x0D:
		return true
	case r < 0x20:
		return false
	case r >= 0xD800 && r <= 0xDFFF, r == 0xFFFE, r == 0xFFFF:
		return false
	}
	return true
}

// joinNames lists names the way a byline does: "A", "A and B",
// "A, B and C" in English; other languages get commas only, since imprint
// does not guess their conjunction.
func joinNames(names []string, l labels) string {
	switch {
	case len(names) == 0:
		return ""
	case len(names) == 1 || l.and == "":
		return strings.Join(names, ", ")
	}
	return strings.Join(names[:len(names)-1], ", ") + " " + l.and + " " + names[len(names)-1]
}
