package pdfread

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"unicode/utf16"
)

// font turns the bytes of a shown string into text and advances.
type font struct {
	name     string
	twoByte  bool // Identity-H: every code is two bytes
	toUni    *cmap
	encoding *[256]rune // simple fonts without a ToUnicode map
	widths   widthTable
	// defaultWidth applies to codes the width table does not list.
	defaultWidth float64
	// texts caches each code's text, which a page shows again and again.
	texts map[int]string
}

// glyph is one character code as shown.
type glyph struct {
	text  string
	width float64 // in thousandths of an em
	space bool    // the single-byte code 32, which word spacing applies to
}

func (ft *font) decode(s []byte) []glyph {
	var out []glyph
	step := 1
	if ft.twoByte {
		step = 2
	}
	for i := 0; i+step <= len(s); i += step {
		code := int(s[i])
		if step == 2 {
			code = code<<8 | int(s[i+1])
		}
		g := glyph{width: ft.widths.lookup(code, ft.defaultWidth), space: step == 1 && code == 32}
		g.text = ft.text(code)
		out = append(out, g)
	}
	return out
}

func (ft *font) text(code int) string {
	if t, ok := ft.texts[code]; ok {
		return t
	}
	t, ok := ft.toUni.lookup(code)
	switch {
	case ok:
	case ft.encoding != nil:
		t = string(ft.encoding[code&0xff])
	default:
		t = "\ufffd"
	}
	if ft.texts == nil {
		ft.texts = map[int]string{}
	}
	ft.texts[code] = t
	return t
}

// loadFont reads a font dictionary.
func (f *File) loadFont(d Dict) (*font, error) {
	subtype, _ := d["Subtype"].(Name)
	base, _ := f.resolve(d["BaseFont"]).(Name)
	ft := &font{name: string(base)}
	if tu, ok := f.resolve(d["ToUnicode"]).(*Stream); ok {
		data, err := f.Decode(tu)
		if err != nil {
			return nil, fmt.Errorf("font %s: ToUnicode map: %w", base, err)
		}
		ft.toUni, err = parseCMap(data)
		if err != nil {
			return nil, fmt.Errorf("font %s: ToUnicode map: %w", base, err)
		}
	}
	switch subtype {
	case "Type0":
		enc, _ := f.resolve(d["Encoding"]).(Name)
		if enc != "Identity-H" && enc != "Identity-V" {
			return nil, fmt.Errorf("font %s: Type0 encoding %v is not supported (only Identity-H)", base, f.resolve(d["Encoding"]))
		}
		if ft.toUni == nil {
			return nil, fmt.Errorf("font %s has no ToUnicode map, so its text cannot be read", base)
		}
		ft.twoByte = true
		desc, _ := f.resolve(d["DescendantFonts"]).(Array)
		if len(desc) == 0 {
			return nil, fmt.Errorf("font %s: Type0 font without DescendantFonts", base)
		}
		cid := f.dict(desc[0])
		if cid == nil {
			return nil, fmt.Errorf("font %s: its descendant font is not a dictionary", base)
		}
		ft.defaultWidth = 1000
		if dw, ok := Number(f.resolve(cid["DW"])); ok {
			ft.defaultWidth = dw
		}
		w, err := f.cidWidths(f.resolve(cid["W"]))
		if err != nil {
			return nil, fmt.Errorf("font %s: %w", base, err)
		}
		ft.widths = w
	case "Type1", "TrueType", "MMType1":
		first, _ := f.resolve(d["FirstChar"]).(int64)
		if ws, ok := f.resolve(d["Widths"]).(Array); ok {
			for i, w := range ws {
				if n, ok := Number(f.resolve(w)); ok {
					c := int(first) + i
					ft.widths = append(ft.widths, widthRange{lo: c, hi: c, w: n})
				}
			}
		}
		ft.defaultWidth = 500 // a standard font without /Widths: an average advance
		if fd := f.dict(d["FontDescriptor"]); fd != nil {
			if mw, ok := Number(f.resolve(fd["MissingWidth"])); ok && mw > 0 {
				ft.defaultWidth = mw
			}
		}
		enc, err := f.simpleEncoding(f.resolve(d["Encoding"]))
		if err != nil {
			return nil, fmt.Errorf("font %s: %w", base, err)
		}
		ft.encoding = enc
	default:
		return nil, fmt.Errorf("font %s: /Subtype %v is not supported", base, subtype)
	}
	sort.Slice(ft.widths, func(i, j int) bool { return ft.widths[i].lo < ft.widths[j].lo })
	return ft, nil
}

// cidWidths reads a CIDFont's /W array: "c [w1 w2 …]" and "c1 c2 w".
func (f *File) cidWidths(o Object) (widthTable, error) {
	arr, _ := o.(Array)
	var t widthTable
	for i := 0; i < len(arr); {
		c, ok := Number(f.resolve(arr[i]))
		if !ok || i+1 >= len(arr) {
			return nil, errors.New("/W array is malformed")
		}
		switch next := f.resolve(arr[i+1]).(type) {
		case Array:
			for k, w := range next {
				n, _ := Number(f.resolve(w))
				t = append(t, widthRange{lo: int(c) + k, hi: int(c) + k, w: n})
			}
			i += 2
		default:
			hi, ok1 := Number(next)
			if i+2 >= len(arr) {
				return nil, errors.New("/W array is malformed")
			}
			w, ok2 := Number(f.resolve(arr[i+2]))
			if !ok1 || !ok2 {
				return nil, errors.New("/W array is malformed")
			}
			t = append(t, widthRange{lo: int(c), hi: int(hi), w: w})
			i += 3
		}
	}
	return t, nil
}

type widthRange struct {
	lo, hi int
	w      float64
}

// widthTable is sorted by lo.
type widthTable []widthRange

func (t widthTable) lookup(code int, def float64) float64 {
	i := sort.Search(len(t), func(i int) bool { return t[i].lo > code }) - 1
	if i >= 0 && code <= t[i].hi {
		return t[i].w
	}
	return def
}

// simpleEncoding returns the byte-to-rune table of a simple font.
func (f *File) simpleEncoding(enc Object) (*[256]rune, error) {
	table := winAnsi()
	switch e := enc.(type) {
	case nil:
	case Name:
		if e == "MacRomanEncoding" || e == "MacExpertEncoding" {
			return nil, fmt.Errorf("encoding /%s is not supported", e)
		}
	case Dict:
		if b, ok := e["BaseEncoding"].(Name); ok && (b == "MacRomanEncoding" || b == "MacExpertEncoding") {
			return nil, fmt.Errorf("encoding /%s is not supported", b)
		}
		diffs, _ := f.resolve(e["Differences"]).(Array)
		code := 0
		for _, d := range diffs {
			switch v := f.resolve(d).(type) {
			case int64:
				code = int(v)
			case Name:
				if code >= 0 && code < 256 {
					table[code] = glyphRune(string(v))
				}
				code++
			}
		}
	default:
		return nil, errors.New("/Encoding is neither a name nor a dictionary")
	}
	return table, nil
}

// winAnsi is Windows-1252, which WinAnsiEncoding is; it also stands in
// for StandardEncoding, which differs only in rarely used codes.
func winAnsi() *[256]rune {
	var t [256]rune
	for i := range t {
		t[i] = rune(i)
	}
	high := []rune("€\ufffd‚ƒ„…†‡ˆ‰Š‹Œ\ufffdŽ\ufffd\ufffd‘’“”•–—˜™š›œ\ufffdžŸ")
	copy(t[0x80:0xa0], high)
	return &t
}

// glyphRune maps the glyph names a /Differences array uses to text:
// uniXXXX names, single characters and the common punctuation names.
func glyphRune(name string) rune {
	if strings.HasPrefix(name, "uni") && len(name) == 7 {
		var r rune
		if _, err := fmt.Sscanf(name[3:], "%04X", &r); err == nil {
			return r
		}
	}
	if len(name) == 1 {
		return rune(name[0])
	}
	if r, ok := glyphNames[name]; ok {
		return r
	}
	return '\ufffd'
}

var glyphNames = map[string]rune{
	"space": ' ', "period": '.', "comma": ',', "hyphen": '-', "colon": ':', "semicolon": ';',
	"exclam": '!', "question": '?', "parenleft": '(', "parenright": ')', "slash": '/',
	"quoteright": '’', "quoteleft": '‘', "quotedblleft": '“', "quotedblright": '”', "quotesingle": '\'',
	"quotedbl": '"', "endash": '–', "emdash": '—', "bullet": '•', "ellipsis": '…', "ampersand": '&',
	"zero": '0', "one": '1', "two": '2', "three": '3', "four": '4', "five": '5', "six": '6', "seven": '7',
	"eight": '8', "nine": '9', "fi": 'ﬁ', "fl": 'ﬂ', "percent": '%', "dollar": '$', "at": '@',
}

// cmap is a ToUnicode map.
type cmap struct {
	single map[int]string
	ranges []cmapRange
}

type cmapRange struct {
	lo, hi int
	base   []uint16 // the destination of lo, as UTF-16 code units
	list   []string // or one destination per code
}

func (c *cmap) lookup(code int) (string, bool) {
	if c == nil {
		return "", false
	}
	if s, ok := c.single[code]; ok {
		return s, true
	}
	for _, r := range c.ranges {
		if code < r.lo || code > r.hi {
			continue
		}
		if r.list != nil {
			if k := code - r.lo; k < len(r.list) {
				return r.list[k], true
			}
			return "", false
		}
		u := append([]uint16(nil), r.base...)
		if len(u) == 0 {
			return "", false
		}
		u[len(u)-1] += uint16(code - r.lo)
		return string(utf16.Decode(u)), true
	}
	return "", false
}

// parseCMap reads the bfchar and bfrange sections of a ToUnicode CMap.
func parseCMap(data []byte) (*cmap, error) {
	c := &cmap{single: map[int]string{}}
	lx := &lexer{b: data}
	for {
		tok, err := lx.token()
		if err == errEOF {
			return c, nil
		}
		if err != nil {
			return nil, err
		}
		switch tok {
		case keyword("beginbfchar"):
			for {
				src, err := lx.token()
				if err != nil || src == keyword("endbfchar") {
					break
				}
				dst, err := lx.token()
				s, ok1 := src.(String)
				d, ok2 := dst.(String)
				if err != nil || !ok1 || !ok2 {
					return nil, errors.New("malformed bfchar entry")
				}
				c.single[codeOf(s)] = utf16String(d)
			}
		case keyword("beginbfrange"):
			for {
				lo, err := lx.token()
				if err != nil || lo == keyword("endbfrange") {
					break
				}
				hi, _ := lx.token()
				los, ok1 := lo.(String)
				his, ok2 := hi.(String)
				if !ok1 || !ok2 {
					return nil, errors.New("malformed bfrange entry")
				}
				r := cmapRange{lo: codeOf(los), hi: codeOf(his)}
				dst, err := lx.object(false)
				if err != nil {
					return nil, err
				}
				switch d := dst.(type) {
				case String:
					r.base = utf16Units(d)
				case Array:
					for _, x := range d {
						s, _ := x.(String)
						r.list = append(r.list, utf16String(s))
					}
				default:
					return nil, errors.New("malformed bfrange destination")
				}
				if r.hi >= r.lo {
					c.ranges = append(c.ranges, r)
				}
			}
		}
	}
}

func codeOf(s []byte) int {
	v := 0
	for _, b := range s {
		v = v<<8 | int(b)
	}
	return v
}

func utf16Units(b []byte) []uint16 {
	u := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
	}
	return u
}

func utf16String(b []byte) string { return string(utf16.Decode(utf16Units(b))) }
