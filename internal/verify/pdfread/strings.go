package pdfread

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"
)

// TextString decodes a PDF text string: UTF-16BE after a byte-order mark,
// UTF-8 after one (PDF 2.0), else PDFDocEncoding.
func TextString(b []byte) string {
	switch {
	case len(b) >= 2 && b[0] == 0xfe && b[1] == 0xff:
		return string(utf16.Decode(utf16Units(b[2:])))
	case len(b) >= 3 && b[0] == 0xef && b[1] == 0xbb && b[2] == 0xbf && utf8.Valid(b[3:]):
		return string(b[3:])
	}
	var s strings.Builder
	for _, c := range b {
		s.WriteRune(pdfDocRune(c))
	}
	return s.String()
}

// pdfDocHigh is PDFDocEncoding from 0x80 to 0xA0 (PDF 32000-1, Annex D);
// 0x18–0x1F are the accents, and the rest matches Latin-1.
var pdfDocHigh = []rune("•†‡…—–ƒ⁄‹›−‰„“”‘’‚™ﬁﬂŁŒŠŸŽıłœšž\ufffd€")

var pdfDocLow = []rune("˘ˇˆ˙˝˛˚˜")

func pdfDocRune(c byte) rune {
	switch {
	case c >= 0x18 && c <= 0x1f:
		return pdfDocLow[c-0x18]
	case c >= 0x80 && c <= 0xa0:
		return pdfDocHigh[c-0x80]
	case c == 0xad:
		return '\ufffd'
	}
	return rune(c)
}

// ParseDate reads a PDF date, "D:YYYYMMDDHHmmSSOHH'mm'", every part after
// the year optional. A date without a time zone is read as UTC.
func ParseDate(s string) (time.Time, error) {
	orig := s
	s = strings.TrimPrefix(strings.TrimSpace(s), "D:")
	digits := func(n int, def int) (int, error) {
		if len(s) < n || !isDigits(s[:n]) {
			if len(s) == 0 || s[0] == 'Z' || s[0] == '+' || s[0] == '-' {
				return def, nil
			}
			return 0, fmt.Errorf("%q is not a PDF date", orig)
		}
		v, _ := strconv.Atoi(s[:n])
		s = s[n:]
		return v, nil
	}
	var parts [6]int
	defs := [6]int{0, 1, 1, 0, 0, 0}
	widths := [6]int{4, 2, 2, 2, 2, 2}
	for i := range parts {
		if i == 0 && (len(s) < 4 || !isDigits(s[:4])) {
			return time.Time{}, fmt.Errorf("%q is not a PDF date", orig)
		}
		v, err := digits(widths[i], defs[i])
		if err != nil {
			return time.Time{}, err
		}
		parts[i] = v
	}
	loc := time.UTC
	if s != "" && s[0] != 'Z' {
		sign := 1
		switch s[0] {
		case '+':
		case '-':
			sign = -1
		default:
			return time.Time{}, fmt.Errorf("%q is not a PDF date", orig)
		}
		tz := strings.NewReplacer("'", "").Replace(s[1:])
		if len(tz) < 2 || !isDigits(tz) {
			return time.Time{}, fmt.Errorf("%q has an unreadable time zone", orig)
		}
		h, _ := strconv.Atoi(tz[:2])
		m := 0
		if len(tz) >= 4 {
			m, _ = strconv.Atoi(tz[2:4])
		}
		loc = time.FixedZone("", sign*(h*3600+m*60))
	}
	t := time.Date(parts[0], time.Month(parts[1]), parts[2], parts[3], parts[4], parts[5], 0, loc)
	if t.Month() != time.Month(parts[1]) || t.Day() != parts[2] {
		return time.Time{}, fmt.Errorf("%q is not a calendar date", orig)
	}
	return t.UTC(), nil
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
