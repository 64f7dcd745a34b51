package pdfwrite

import (
	"bytes"
	"compress/zlib"
	"strconv"
	"sync"
	"time"
	"unicode/utf16"
)

// objects accumulates a PDF file's bytes and where each object starts,
// for the cross-reference table.
type objects struct {
	buf     bytes.Buffer
	offsets []int // by object number; 0 until written
	images  map[*Image]int
}

// reserve allocates an object number to write later.
func (o *objects) reserve() int {
	o.offsets = append(o.offsets, 0)
	return len(o.offsets)
}

// begin starts object n.
func (o *objects) begin(n int) *bytes.Buffer {
	o.offsets[n-1] = o.buf.Len()
	o.buf.WriteString(strconv.Itoa(n))
	o.buf.WriteString(" 0 obj\n")
	return &o.buf
}

func (o *objects) end() { o.buf.WriteString("\nendobj\n") }

// dict writes object n as the dictionary body.
func (o *objects) dict(n int, body string) {
	b := o.begin(n)
	b.WriteString("<<")
	b.WriteString(body)
	b.WriteString(">>")
	o.end()
}

// stream writes object n as a stream with the dictionary entries in dict
// (without Length and Filter), compressed when compress is set.
func (o *objects) stream(n int, dict string, data []byte, compress bool) {
	if compress {
		data = deflate(data)
		dict += "/Filter/FlateDecode"
	}
	b := o.begin(n)
	b.WriteString("<<")
	b.WriteString(dict)
	b.WriteString("/Length ")
	b.WriteString(strconv.Itoa(len(data)))
	b.WriteString(">>\nstream\n")
	b.Write(data)
	b.WriteString("\nendstream")
	o.end()
}

// compressors are reused: a zlib writer allocates over half a megabyte of
// state, more than most streams it compresses.
var compressors = sync.Pool{New: func() any {
	w, _ := zlib.NewWriterLevel(nil, zlib.BestSpeed)
	return w
}}

func deflate(data []byte) []byte {
	var out bytes.Buffer
	out.Grow(len(data)/2 + 64)
	w := compressors.Get().(*zlib.Writer)
	w.Reset(&out)
	// Writes to a bytes.Buffer cannot fail.
	_, _ = w.Write(data)
	_ = w.Close()
	compressors.Put(w)
	return out.Bytes()
}

func ref(n int) string { return strconv.Itoa(n) + " 0 R" }

// textString writes s as a PDF text string: a literal when it is
// printable ASCII, else UTF-16BE with a byte-order mark, in hex.
func textString(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			ascii = false
			break
		}
	}
	if ascii {
		return literal(s)
	}
	var b bytes.Buffer
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		hex4(&b, u)
	}
	b.WriteByte('>')
	return b.String()
}

// literal writes an ASCII string as a PDF literal string.
func literal(s string) string {
	var b bytes.Buffer
	b.WriteByte('(')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '(', ')', '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte(')')
	return b.String()
}

// date writes t as a PDF date, in UTC.
func date(t time.Time) string {
	return "(D:" + t.UTC().Format("20060102150405") + "Z)"
}

// name writes a PDF name, escaping what a name may not hold.
func name(s string) string {
	var b bytes.Buffer
	b.WriteByte('/')
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '!' || c > '~' || bytes.IndexByte([]byte("#()<>[]{}/%"), c) >= 0 {
			b.WriteByte('#')
			b.WriteByte(hexDigits[c>>4])
			b.WriteByte(hexDigits[c&15])
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// numStr formats v as num does.
func numStr(v float64) string {
	var b bytes.Buffer
	num(&b, v)
	return b.String()
}
