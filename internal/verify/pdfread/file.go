package pdfread

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"strconv"
)

// maxDecoded bounds what one stream may inflate to.
const maxDecoded = 256 << 20

// File is a parsed PDF file: its cross-reference table and trailer, with
// objects read on demand.
type File struct {
	data    []byte
	Version string
	Trailer Dict
	offsets map[int]int64 // object number -> byte offset
	cache   map[int]Object
	loading map[int]bool
}

// Open parses a PDF's header, cross-reference table and trailer. It reads
// classic cross-reference tables only (as PDF 1.4 and earlier, and imprint,
// write them) and refuses cross-reference streams and encryption.
func Open(data []byte) (*File, error) {
	if !bytes.HasPrefix(data, []byte("%PDF-")) {
		return nil, errors.New("not a PDF file: it does not begin with %PDF-")
	}
	f := &File{data: data, offsets: map[int]int64{}, cache: map[int]Object{}, loading: map[int]bool{}}
	if end := bytes.IndexAny(data[5:min(len(data), 20)], "\r\n"); end > 0 {
		f.Version = string(data[5 : 5+end])
	}
	tail := data[max(0, len(data)-2048):]
	i := bytes.LastIndex(tail, []byte("startxref"))
	if i < 0 {
		return nil, errors.New("no startxref near the end of the file: it is truncated or not a PDF")
	}
	lx := &lexer{b: tail, pos: i + len("startxref")}
	tok, err := lx.token()
	off, ok := tok.(int64)
	if err != nil || !ok {
		return nil, errors.New("startxref is not followed by a byte offset")
	}
	seen := map[int64]bool{}
	for {
		if seen[off] {
			return nil, fmt.Errorf("the cross-reference tables' /Prev entries loop at byte %d", off)
		}
		seen[off] = true
		trailer, err := f.readXref(off)
		if err != nil {
			return nil, err
		}
		if f.Trailer == nil {
			f.Trailer = trailer
		}
		prev, ok := trailer["Prev"].(int64)
		if !ok {
			break
		}
		off = prev
	}
	if _, ok := f.Trailer["Encrypt"]; ok {
		return nil, errors.New("the PDF is encrypted, which this reader does not support")
	}
	return f, nil
}

// readXref reads one cross-reference section and its trailer; entries
// already known (from a later section) win.
func (f *File) readXref(off int64) (Dict, error) {
	if off < 0 || off >= int64(len(f.data)) {
		return nil, fmt.Errorf("the cross-reference table's offset %d lies outside the file", off)
	}
	lx := &lexer{b: f.data, pos: int(off)}
	tok, err := lx.token()
	if err != nil || tok != keyword("xref") {
		if _, isNum := tok.(int64); isNum {
			return nil, fmt.Errorf("byte %d holds a cross-reference stream (PDF 1.5 and later), which this reader does not support", off)
		}
		return nil, fmt.Errorf("byte %d, where startxref points, does not begin a cross-reference table", off)
	}
	for {
		tok, err := lx.token()
		if err != nil {
			return nil, fmt.Errorf("cross-reference table at byte %d: %w", off, err)
		}
		if tok == keyword("trailer") {
			d, err := lx.object(true)
			if err != nil {
				return nil, fmt.Errorf("trailer: %w", err)
			}
			trailer, ok := d.(Dict)
			if !ok {
				return nil, errors.New("the trailer is not a dictionary")
			}
			return trailer, nil
		}
		first, ok1 := tok.(int64)
		next, _ := lx.token()
		count, ok2 := next.(int64)
		if !ok1 || !ok2 || first < 0 || count < 0 || count > int64(len(f.data)/18+1) {
			return nil, fmt.Errorf("cross-reference table at byte %d: a subsection header is not two numbers", off)
		}
		for k := int64(0); k < count; k++ {
			o, _ := lx.token()
			g, _ := lx.token()
			kind, _ := lx.token()
			offset, ok1 := o.(int64)
			_, ok2 := g.(int64)
			if !ok1 || !ok2 || (kind != keyword("n") && kind != keyword("f")) {
				return nil, fmt.Errorf("cross-reference table at byte %d: entry %d is not 'offset generation n|f'", off, first+k)
			}
			num := int(first + k)
			if _, known := f.offsets[num]; known || kind != keyword("n") {
				continue
			}
			f.offsets[num] = offset
		}
	}
}

// Resolve follows an indirect reference (repeatedly) to its object; other
// objects are returned as they are. A dangling reference reads as null,
// as the format specifies; a malformed object is an error.
func (f *File) Resolve(o Object) (Object, error) {
	for range 32 {
		r, ok := o.(Ref)
		if !ok {
			return o, nil
		}
		var err error
		o, err = f.object(r.Num)
		if err != nil {
			return nil, err
		}
	}
	return nil, errors.New("references chained more than 32 deep")
}

// resolve is Resolve for callers that treat an unreadable object as absent.
func (f *File) resolve(o Object) Object {
	v, err := f.Resolve(o)
	if err != nil {
		return nil
	}
	return v
}

func (f *File) object(num int) (Object, error) {
	if o, ok := f.cache[num]; ok {
		return o, nil
	}
	off, ok := f.offsets[num]
	if !ok {
		return nil, nil
	}
	if f.loading[num] {
		return nil, fmt.Errorf("object %d refers to itself while being read", num)
	}
	f.loading[num] = true
	defer delete(f.loading, num)
	o, err := f.readObject(num, off)
	if err != nil {
		return nil, fmt.Errorf("object %d (byte %d): %w", num, off, err)
	}
	f.cache[num] = o
	return o, nil
}

func (f *File) readObject(num int, off int64) (Object, error) {
	if off < 0 || off >= int64(len(f.data)) {
		return nil, errors.New("the cross-reference table points outside the file")
	}
	lx := &lexer{b: f.data, pos: int(off)}
	n, _ := lx.token()
	_, _ = lx.token()
	kw, _ := lx.token()
	if n != int64(num) || kw != keyword("obj") {
		return nil, fmt.Errorf("no 'obj %d' begins where the cross-reference table points", num)
	}
	o, err := lx.object(true)
	if err != nil {
		return nil, err
	}
	d, isDict := o.(Dict)
	save := lx.pos
	tok, _ := lx.token()
	if !isDict || tok != keyword("stream") {
		lx.pos = save
		return o, nil
	}
	// The stream data begins after the end of line that follows "stream".
	p := lx.pos
	if p < len(f.data) && f.data[p] == '\r' {
		p++
	}
	if p < len(f.data) && f.data[p] == '\n' {
		p++
	}
	lengthObj, err := f.Resolve(d["Length"])
	if err != nil {
		return nil, fmt.Errorf("stream length: %w", err)
	}
	length, ok := lengthObj.(int64)
	if !ok || length < 0 || int64(p)+length > int64(len(f.data)) {
		return nil, fmt.Errorf("stream /Length %v does not fit in the file", lengthObj)
	}
	end := p + int(length)
	rest := &lexer{b: f.data, pos: end}
	if tok, _ := rest.token(); tok != keyword("endstream") {
		return nil, fmt.Errorf("stream /Length %d does not end at endstream", length)
	}
	return &Stream{Dict: d, Raw: f.data[p:end]}, nil
}

// Decode returns a stream's data with its filters undone. It supports
// FlateDecode without predictors, the filter imprint and most writers use
// for text, and refuses others by name.
func (f *File) Decode(s *Stream) ([]byte, error) {
	filters := f.resolve(s.Dict["Filter"])
	var names []Name
	switch v := filters.(type) {
	case nil:
	case Name:
		names = []Name{v}
	case Array:
		for _, x := range v {
			if n, ok := f.resolve(x).(Name); ok {
				names = append(names, n)
			}
		}
	default:
		return nil, errors.New("/Filter is neither a name nor an array")
	}
	data := s.Raw
	for i, name := range names {
		switch name {
		case "FlateDecode", "Fl":
			if params := f.decodeParams(s.Dict, i); params != nil {
				if p, ok := f.resolve(params["Predictor"]).(int64); ok && p > 1 {
					return nil, fmt.Errorf("FlateDecode with /Predictor %d is not supported", p)
				}
			}
			zr, err := zlib.NewReader(bytes.NewReader(data))
			if err != nil {
				return nil, fmt.Errorf("FlateDecode: %w", err)
			}
			out, err := io.ReadAll(io.LimitReader(zr, maxDecoded+1))
			if err != nil {
				return nil, fmt.Errorf("FlateDecode: %w", err)
			}
			if len(out) > maxDecoded {
				return nil, fmt.Errorf("a stream inflates to more than %d MiB", maxDecoded>>20)
			}
			data = out
		default:
			return nil, fmt.Errorf("filter /%s is not supported", name)
		}
	}
	return data, nil
}

func (f *File) decodeParams(d Dict, i int) Dict {
	switch v := f.resolve(d["DecodeParms"]).(type) {
	case Dict:
		return v
	case Array:
		if i < len(v) {
			p, _ := f.resolve(v[i]).(Dict)
			return p
		}
	}
	return nil
}

// dict resolves o and returns it as a dictionary, or nil.
func (f *File) dict(o Object) Dict {
	d, _ := f.resolve(o).(Dict)
	return d
}

// String returns an object number's description for messages.
func (r Ref) String() string { return strconv.Itoa(r.Num) + " " + strconv.Itoa(r.Gen) + " R" }
