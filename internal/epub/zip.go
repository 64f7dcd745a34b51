package epub

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"io"
	"sync"
	"time"

	"github.com/imprint-press/imprint/assets"
)

// zipEntry is one file of the OCF container.
type zipEntry struct {
	name string
	data []byte
	// packed marks data that is compressed already (JPEG, PNG, GIF):
	// deflating it rarely saves anything, so it is probed first.
	packed bool
}

// entries lists the container's files in their fixed order: mimetype,
// container.xml, the package document, the navigation documents, the
// stylesheet, the pages in reading order, the images in manifest order.
func (b *book) entries() []zipEntry {
	in := func(href string) string { return packageDir + "/" + href }
	files := []zipEntry{
		{"mimetype", []byte("application/epub+zip"), false},
		{"META-INF/container.xml", []byte(containerXML), false},
		{in(opfHref), b.packageDocument(), false},
		{in(navHref), b.navDocument(), false},
		{in(ncxHref), b.ncxDocument(), false},
		{in(cssHref), assets.Stylesheet, false},
	}
	for _, p := range b.pages {
		files = append(files, zipEntry{in(p.href), p.data, false})
	}
	for _, im := range b.images {
		files = append(files, zipEntry{in(im.href), im.data, true})
	}
	return files
}

// writeZip writes the container. Every header field is set here rather than
// by archive/zip, so nothing in the bytes depends on when or where the book
// was built: the mimetype entry is stored, first, with no extra field and no
// data descriptor, as OCF requires; the rest are deflated, or stored when
// deflating would not make them smaller, each stamped with the edition's
// timestamp.
func (b *book) writeZip(w io.Writer) error {
	zw := zip.NewWriter(w)
	fw := compressors.Get().(*flate.Writer)
	defer compressors.Put(fw)
	deflated := deflateBuffers.Get().(*bytes.Buffer)
	defer deflateBuffers.Put(deflated)

	modified := b.meta.Modified.UTC()
	date, clock := msDOSTime(modified)
	stamp := extendedTimestamp(modified)
	for i, f := range b.entries() {
		fh := &zip.FileHeader{
			Name:               f.name,
			CreatorVersion:     20, // high byte 0: MS-DOS attributes, none set
			ReaderVersion:      20,
			Method:             zip.Store,
			ModifiedDate:       date,
			ModifiedTime:       clock,
			CRC32:              crc32.ChecksumIEEE(f.data),
			UncompressedSize64: uint64(len(f.data)),
		}
		body := f.data
		if i > 0 {
			fh.Extra = stamp
			var err error
			if f.packed {
				body, err = deflatePacked(fw, deflated, f.data)
			} else {
				body, err = deflateAll(fw, deflated, f.data)
			}
			if err != nil {
				return fmt.Errorf("compressing %s: %w", f.name, err)
			}
			if len(body) < len(f.data) {
				fh.Method = zip.Deflate
			} else {
				body = f.data
			}
		}
		fh.CompressedSize64 = uint64(len(body))
		out, err := zw.CreateRaw(fh)
		if err != nil {
			return fmt.Errorf("adding %s: %w", f.name, err)
		}
		if _, err := out.Write(body); err != nil {
			return fmt.Errorf("writing %s: %w", f.name, err)
		}
	}
	return zw.Close()
}

// The compressor is pooled: a flate writer carries hundreds of kilobytes
// of match tables, which allocating for every file of every book cost more
// than the compressing. It deflates at the fastest level: on the article's
// text the best level saves 7% of 11 KB and takes half as long again,
// since a writer at any slower level clears its tables on every Reset.
var (
	compressors = sync.Pool{New: func() any {
		fw, err := flate.NewWriter(io.Discard, flate.BestSpeed)
		if err != nil {
			panic(err) // a valid level cannot fail
		}
		return fw
	}}
	deflateBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}
)

// deflateAll deflates data into buf and returns buf's bytes.
func deflateAll(fw *flate.Writer, buf *bytes.Buffer, data []byte) ([]byte, error) {
	buf.Reset()
	fw.Reset(buf)
	if _, err := fw.Write(data); err != nil {
		return nil, err
	}
	if err := fw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// probeSize is how much of an image is deflated to see whether the rest is
// worth deflating.
const probeSize = 16 << 10

// deflatePacked deflates an image only if its first probeSize bytes shrink
// by a sixteenth or more. A photograph's JPEG does not shrink at all and a
// cover's PNG barely, so most images are stored after a small probe; a
// flat, synthetic JPEG can shrink by half and is deflated. The answer
// depends on the bytes alone, so the container stays reproducible.
func deflatePacked(fw *flate.Writer, buf *bytes.Buffer, data []byte) ([]byte, error) {
	probe := data[:min(len(data), probeSize)]
	out, err := deflateAll(fw, buf, probe)
	if err != nil || len(out) > len(probe)-len(probe)/16 {
		return data, err
	}
	if len(probe) == len(data) {
		return out, nil
	}
	return deflateAll(fw, buf, data)
}

// msDOSTime encodes t in the ZIP header's MS-DOS date and time fields
// (two-second resolution, years 1980 to 2107).
func msDOSTime(t time.Time) (date, clock uint16) {
	switch {
	case t.Year() < 1980:
		t = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	case t.Year() > 2107:
		t = time.Date(2107, 12, 31, 23, 59, 58, 0, time.UTC)
	}
	date = uint16((t.Year()-1980)<<9 | int(t.Month())<<5 | t.Day())
	clock = uint16(t.Hour()<<11 | t.Minute()<<5 | t.Second()/2)
	return date, clock
}

// extendedTimestamp is the Info-ZIP "UT" extra field holding t to the
// second, as archive/zip itself would write it from FileHeader.Modified.
func extendedTimestamp(t time.Time) []byte {
	unix := max(t.Unix(), 0)
	if unix > 1<<32-1 {
		unix = 1<<32 - 1
	}
	extra := make([]byte, 9)
	binary.LittleEndian.PutUint16(extra[0:], 0x5455)
	binary.LittleEndian.PutUint16(extra[2:], 5)
	extra[4] = 1 // flags: modification time present
	binary.LittleEndian.PutUint32(extra[5:], uint32(unix))
	return extra
}
