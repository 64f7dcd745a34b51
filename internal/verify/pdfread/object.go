package pdfread

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// The PDF object types: nil (null), bool, int64, float64, String, Name,
// Array, Dict, Ref and *Stream.
type (
	// Object is any PDF object.
	Object = any
	// Name is a PDF name, without its slash.
	Name string
	// String is a PDF string's bytes, escapes resolved.
	String []byte
	// Array is a PDF array.
	Array []Object
	// Dict is a PDF dictionary.
	Dict map[Name]Object
	// Ref is an indirect reference.
	Ref struct{ Num, Gen int }
	// Stream is a stream object: its dictionary and its raw (still
	// encoded) data.
	Stream struct {
		Dict Dict
		Raw  []byte
	}
)

// keyword is a bare word in a content stream or object: an operator, or
// obj, endobj, stream, R.
type keyword string

// maxNesting bounds nested arrays and dictionaries.
const maxNesting = 64

// lexer reads PDF tokens and objects from a byte slice.
type lexer struct {
	b   []byte
	pos int
}

var errEOF = errors.New("unexpected end of data")

func isWhite(c byte) bool {
	return c == 0 || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' '
}

func isDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

func (l *lexer) skipSpace() {
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		switch {
		case isWhite(c):
			l.pos++
		case c == '%':
			for l.pos < len(l.b) && l.b[l.pos] != '\n' && l.b[l.pos] != '\r' {
				l.pos++
			}
		default:
			return
		}
	}
}

// token reads one token: a number, name, string, keyword, or one of the
// delimiters "[", "]", "<<", ">>", "{", "}".
func (l *lexer) token() (any, error) {
	l.skipSpace()
	if l.pos >= len(l.b) {
		return nil, errEOF
	}
	c := l.b[l.pos]
	switch {
	case c == '/':
		return l.name(), nil
	case c == '(':
		return l.literal()
	case c == '<':
		if l.pos+1 < len(l.b) && l.b[l.pos+1] == '<' {
			l.pos += 2
			return keyword("<<"), nil
		}
		return l.hex()
	case c == '>':
		if l.pos+1 < len(l.b) && l.b[l.pos+1] == '>' {
			l.pos += 2
			return keyword(">>"), nil
		}
		return nil, fmt.Errorf("stray '>' at byte %d", l.pos)
	case c == '[' || c == ']' || c == '{' || c == '}':
		l.pos++
		return keyword(string(c)), nil
	case c == ')':
		return nil, fmt.Errorf("stray ')' at byte %d", l.pos)
	}
	start := l.pos
	for l.pos < len(l.b) && !isWhite(l.b[l.pos]) && !isDelim(l.b[l.pos]) {
		l.pos++
	}
	word := l.b[start:l.pos]
	if k, ok := knownKeywords[string(word)]; ok {
		return k, nil
	}
	if n, ok := number(string(word)); ok {
		return n, nil
	}
	return keyword(word), nil
}

// knownKeywords are returned without allocating: content streams are
// mostly these.
var knownKeywords = map[string]keyword{}

func init() {
	for _, k := range []string{"BT", "ET", "Td", "TD", "Tm", "T*", "Tj", "TJ", "Tf", "Tc", "Tw", "Tz", "TL", "Ts", "q", "Q", "cm",
		"re", "f", "S", "n", "m", "l", "w", "g", "G", "rg", "RG", "J", "j", "Do", "R", "obj", "endobj", "stream", "true", "false", "null"} {
		knownKeywords[k] = keyword(k)
	}
}

func number(s string) (Object, bool) {
	if s == "" {
		return nil, false
	}
	c := s[0]
	if !(c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.') {
		return nil, false
	}
	if !strings.ContainsRune(s, '.') {
		if i, err := strconv.ParseInt(s, 10, 64); err == nil {
			return i, true
		}
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		return f, true
	}
	if s == "-" || s == "+" || s == "." || s == "-." {
		return int64(0), true
	}
	return nil, false
}

func (l *lexer) name() Name {
	l.pos++ // '/'
	var b []byte
	for l.pos < len(l.b) && !isWhite(l.b[l.pos]) && !isDelim(l.b[l.pos]) {
		c := l.b[l.pos]
		if c == '#' && l.pos+2 < len(l.b) {
			if v, err := strconv.ParseUint(string(l.b[l.pos+1:l.pos+3]), 16, 8); err == nil {
				b = append(b, byte(v))
				l.pos += 3
				continue
			}
		}
		b = append(b, c)
		l.pos++
	}
	return Name(b)
}

func (l *lexer) literal() (String, error) {
	start := l.pos
	l.pos++ // '('
	var out []byte
	depth := 1
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		l.pos++
		switch c {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return out, nil
			}
		case '\r':
			// An unescaped end of line is read as a line feed.
			if l.pos < len(l.b) && l.b[l.pos] == '\n' {
				l.pos++
			}
			c = '\n'
		case '\\':
			if l.pos >= len(l.b) {
				return nil, fmt.Errorf("string at byte %d: %w", start, errEOF)
			}
			e := l.b[l.pos]
			l.pos++
			switch e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r':
				if l.pos < len(l.b) && l.b[l.pos] == '\n' {
					l.pos++
				}
				continue
			case '\n':
				continue
			default:
				if e >= '0' && e <= '7' {
					v := int(e - '0')
					for k := 0; k < 2 && l.pos < len(l.b) && l.b[l.pos] >= '0' && l.b[l.pos] <= '7'; k++ {
						v = v*8 + int(l.b[l.pos]-'0')
						l.pos++
					}
					c = byte(v)
				} else {
					c = e // \( \) \\ and any other escaped byte stand for themselves
				}
			}
		}
		out = append(out, c)
	}
	return nil, fmt.Errorf("string at byte %d is never closed", start)
}

func (l *lexer) hex() (String, error) {
	start := l.pos
	l.pos++ // '<'
	var out []byte
	var hi int = -1
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		l.pos++
		if c == '>' {
			if hi >= 0 {
				out = append(out, byte(hi<<4))
			}
			return out, nil
		}
		if isWhite(c) {
			continue
		}
		v, ok := hexValue(c)
		if !ok {
			return nil, fmt.Errorf("hex string at byte %d holds %q", start, c)
		}
		if hi < 0 {
			hi = v
		} else {
			out = append(out, byte(hi<<4|v))
			hi = -1
		}
	}
	return nil, fmt.Errorf("hex string at byte %d is never closed", start)
}

func hexValue(c byte) (int, bool) {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0'), true
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10, true
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10, true
	}
	return 0, false
}

// object reads one object. refs says whether "N G R" is read as a
// reference, which is so in the file's body but not in content streams.
func (l *lexer) object(refs bool) (Object, error) {
	return l.objectAt(refs, 0)
}

func (l *lexer) objectAt(refs bool, depth int) (Object, error) {
	if depth > maxNesting {
		return nil, fmt.Errorf("arrays or dictionaries nested deeper than %d at byte %d", maxNesting, l.pos)
	}
	tok, err := l.token()
	if err != nil {
		return nil, err
	}
	return l.finish(tok, refs, depth)
}

// finish completes the object tok begins.
func (l *lexer) finish(tok any, refs bool, depth int) (Object, error) {
	switch t := tok.(type) {
	case keyword:
		switch t {
		case "[":
			var arr Array
			for {
				l.skipSpace()
				if l.pos < len(l.b) && l.b[l.pos] == ']' {
					l.pos++
					return arr, nil
				}
				o, err := l.objectAt(refs, depth+1)
				if err != nil {
					return nil, err
				}
				arr = append(arr, o)
			}
		case "<<":
			d := Dict{}
			for {
				tok, err := l.token()
				if err != nil {
					return nil, err
				}
				if tok == keyword(">>") {
					return d, nil
				}
				key, ok := tok.(Name)
				if !ok {
					return nil, fmt.Errorf("dictionary key at byte %d is not a name", l.pos)
				}
				v, err := l.objectAt(refs, depth+1)
				if err != nil {
					return nil, err
				}
				d[key] = v
			}
		case "true":
			return true, nil
		case "false":
			return false, nil
		case "null":
			return nil, nil
		}
		return t, nil
	case int64:
		if refs && t >= 0 {
			save := l.pos
			if gen, err := l.token(); err == nil {
				if g, ok := gen.(int64); ok && g >= 0 {
					if r, err := l.token(); err == nil && r == keyword("R") {
						return Ref{int(t), int(g)}, nil
					}
				}
			}
			l.pos = save
		}
		return t, nil
	}
	return tok, nil
}

// Number returns o as a float64 when it is a number.
func Number(o Object) (float64, bool) {
	switch v := o.(type) {
	case int64:
		return float64(v), true
	case float64:
		return v, true
	}
	return 0, false
}
