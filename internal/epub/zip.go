package epub

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"io"
	"time"

	"github.com/imprint-press/imprint/assets"
)

// zipEntry is one file of the OCF container.
type zipEntry struct {
	name string
	data []byte
	// packed marks data that is compressed already (JPEG, PNG, GIF):
	// deflating it hard costs time and saves nothing.
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
// data descriptor, as OCF requires; the rest are deflated, each stamped with
// the edition's timestamp.
func (b *book) writeZip(w io.Writer) error {
	zw := zip.NewWriter(w)
	var deflated bytes.Buffer
	text, err := flate.NewWriter(&deflated, flate.BestCompression)
	if err != nil {
		return err
	}
	packed, err := flate.NewWriter(&deflated, flate.BestSpeed)
	if err != nil {
		return err
	}
	modified := b.meta.Modified.UTC()
	date, clock := msDOSTime(modified)
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
			fw := text
			if f.packed {
				fw = packed
			}
			deflated.Reset()
			fw.Reset(&deflated)
			if _, err := fw.Write(f.data); err != nil {
				return fmt.Errorf("compressing %s: %w", f.name, err)
			}
			if err := fw.Close(); err != nil {
				return fmt.Errorf("compressing %s: %w", f.name, err)
			}
			fh.Method = zip.Deflate
			fh.Extra = extendedTimestamp(modified)
			body = deflated.Bytes()
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
