package pdfread

import (
	"bytes"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"
)

func pageTexts(doc *Document) [][]string {
	var out [][]string
	for _, p := range doc.Pages {
		var lines []string
		for _, l := range p.Lines {
			lines = append(lines, l.Text)
		}
		out = append(out, lines)
	}
	return out
}

func TestReadText(t *testing.T) {
	for _, compress := range []bool{false, true} {
		doc, err := Read(samplePDF(compress))
		if err != nil {
			t.Fatalf("compress=%v: %v", compress, err)
		}
		got := pageTexts(doc)
		want := [][]string{
			{"Top", "Hello world", "Kerning", "two words", "“quoted” (paren) back\\slash A", "matrix", "line a", "line b", "scaled"},
			{"abc de😀", "ff’"},
		}
		if len(got) != len(want) {
			t.Fatalf("compress=%v: %d pages, want %d", compress, len(got), len(want))
		}
		for i := range want {
			if !slices.Equal(got[i], want[i]) {
				t.Errorf("compress=%v: page %d lines\n got %q\nwant %q", compress, i+1, got[i], want[i])
			}
		}
		if doc.Pages[0].MediaBox != [4]float64{0, 0, 612, 792} || doc.Pages[1].MediaBox != [4]float64{0, 0, 300, 400} {
			t.Errorf("media boxes %v %v: want the inherited and the page's own", doc.Pages[0].MediaBox, doc.Pages[1].MediaBox)
		}
		scaled := doc.Pages[0].Lines[8]
		if math.Abs(scaled.Y-580) > 0.01 || math.Abs(scaled.X-72) > 0.01 || math.Abs(scaled.Size-12) > 0.01 {
			t.Errorf("scaled line at (%g, %g) size %g, want (72, 580) size 12: cm must apply", scaled.X, scaled.Y, scaled.Size)
		}
		if b := doc.Pages[0].Lines[7]; math.Abs(b.Y-606) > 0.01 {
			t.Errorf("T* put line b at y=%g, want 606", b.Y)
		}
	}
}

func TestReadMetadata(t *testing.T) {
	doc, err := Read(samplePDF(true))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := doc.Info["Title"], "A\u0301 T😀"; got != want {
		t.Errorf("UTF-16 Title = %q, want %q", got, want)
	}
	if got, want := doc.Info["Author"], "Café — Caf‘"; got != want {
		t.Errorf("PDFDocEncoding Author = %q, want %q", got, want)
	}
	if doc.Lang != "en-GB" {
		t.Errorf("Lang = %q", doc.Lang)
	}
	x := doc.XMP
	if got := x.Value(NSDC, "title"); got != "The Title & More" {
		t.Errorf("dc:title = %q, want the x-default item", got)
	}
	if got := x.Values(NSDC, "creator"); !slices.Equal(got, []string{"First Author", "Second Author"}) {
		t.Errorf("dc:creator = %q", got)
	}
	if got := x.Values(NSDC, "subject"); !slices.Equal(got, []string{"One", "Two"}) {
		t.Errorf("dc:subject = %q", got)
	}
	if got := x.Value(NSImprint, "subtitle"); got != "A Subtitle" {
		t.Errorf("imprint:subtitle = %q", got)
	}
	if got := x.Value(NSXMP, "CreateDate"); got != "2017-10-20T10:00:00+02:00" {
		t.Errorf("xmp:CreateDate (an attribute) = %q", got)
	}
	if x.Has(NSDC, "description") || x.Value(NSDC, "description") != "" {
		t.Error("dc:description reported though the packet has none")
	}
}

func TestTextString(t *testing.T) {
	cases := []struct {
		in   []byte
		want string
	}{
		{[]byte("plain"), "plain"},
		{[]byte{0x84, 0x90, 0x8d, 0x8e, 0xa0, 0xe9, 0x18}, "—’“”€é˘"},
		{[]byte{0xfe, 0xff, 0x00, 0x41, 0xd8, 0x3d, 0xde, 0x00}, "A😀"},
		{[]byte("\xef\xbb\xbfcaf\xc3\xa9"), "café"},
	}
	for _, c := range cases {
		if got := TextString(c.in); got != c.want {
			t.Errorf("TextString(% x) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestParseDate(t *testing.T) {
	cases := []struct {
		in   string
		want string // RFC 3339 in UTC, or "" for an error
	}{
		{"D:20261123000000", "2026-11-23T00:00:00Z"},
		{"D:20261123000000Z", "2026-11-23T00:00:00Z"},
		{"D:20171020100000+02'00'", "2017-10-20T08:00:00Z"},
		{"D:20171020100000-0530", "2017-10-20T15:30:00Z"},
		{"D:2017", "2017-01-01T00:00:00Z"},
		{"20171020", "2017-10-20T00:00:00Z"},
		{"D:20170231", ""},
		{"D:17", ""},
		{"yesterday", ""},
		{"D:20171020100000+xx", ""},
	}
	for _, c := range cases {
		got, err := ParseDate(c.in)
		switch {
		case c.want == "" && err == nil:
			t.Errorf("ParseDate(%q) = %v, want an error", c.in, got)
		case c.want != "" && err != nil:
			t.Errorf("ParseDate(%q): %v", c.in, err)
		case c.want != "" && got.Format(time.RFC3339) != c.want:
			t.Errorf("ParseDate(%q) = %s, want %s", c.in, got.Format(time.RFC3339), c.want)
		}
	}
}

// What the reader does not support, it says, by name.
func TestUnsupportedFailsClearly(t *testing.T) {
	sample := samplePDF(true)
	withFont := func(font string) []byte {
		var b pdfBuilder
		f := b.add(font)
		c := b.stream("", []byte("BT /F1 10 Tf 72 700 Td (x) Tj ET"), false)
		pages := b.add("")
		p := b.add(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /Contents %d 0 R /Resources << /Font << /F1 %d 0 R >> >> >>", pages, c, f))
		b.set(pages, fmt.Sprintf("<< /Type /Pages /Kids [%d 0 R] /Count 1 >>", p))
		cat := b.add(fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", pages))
		return b.bytes(fmt.Sprintf("/Root %d 0 R", cat))
	}
	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"not a PDF", []byte("PK\x03\x04 a zip"), "not a PDF"},
		{"truncated", sample[:len(sample)/2], "startxref"},
		{"xref stream", bytes.Replace(sample, []byte("\nxref\n"), []byte("\n9 0 obj\n"), 1), "cross-reference stream"},
		{"encrypted", bytes.Replace(sample, []byte("trailer\n<< "), []byte("trailer\n<< /Encrypt 1 0 R "), 1), "encrypted"},
		{"Type3 font", withFont("<< /Type /Font /Subtype /Type3 /BaseFont /Odd >>"), "Type3 is not supported"},
		{"Type0 without ToUnicode", withFont("<< /Type /Font /Subtype /Type0 /BaseFont /Odd /Encoding /Identity-H /DescendantFonts [] >>"), "no ToUnicode"},
		{"CMap encoding", withFont("<< /Type /Font /Subtype /Type0 /BaseFont /Odd /Encoding /UniJIS-UCS2-H /DescendantFonts [] >>"), "only Identity-H"},
		{"filter", bytes.Replace(samplePDF(true), []byte("/FlateDecode"), []byte("/LZWDecode  "), 1), "LZWDecode is not supported"},
		{"bad offset", bytes.Replace(sample, []byte("\n0000000015 00000 n"), []byte("\n0000000016 00000 n"), 1), "no 'obj 1' begins"},
	}
	for _, c := range cases {
		_, err := Read(c.data)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want one saying %q", c.name, err, c.want)
		}
	}
}

// Damaged input yields an error or a document, never a panic: the
// reader's recover would report one as a "reader fault".
func TestDamagedInputNeverFaults(t *testing.T) {
	for _, compress := range []bool{false, true} {
		sample := samplePDF(compress)
		for n := 0; n < len(sample); n += 7 {
			if _, err := Read(sample[:n]); err != nil && strings.Contains(err.Error(), "reader fault") {
				t.Fatalf("truncated at %d: %v", n, err)
			}
		}
		// Every 9th byte keeps the test quick; FuzzRead goes further.
		for i := 0; i < len(sample); i += 9 {
			for _, c := range []byte{'0', '(', '<', ']', 0xff} {
				damaged := bytes.Clone(sample)
				damaged[i] = c
				if _, err := Read(damaged); err != nil && strings.Contains(err.Error(), "reader fault") {
					t.Fatalf("byte %d set to %q: %v", i, c, err)
				}
			}
		}
	}
}

func FuzzRead(f *testing.F) {
	f.Add(samplePDF(false))
	f.Add(samplePDF(true))
	f.Fuzz(func(t *testing.T, data []byte) {
		if _, err := Read(data); err != nil && strings.Contains(err.Error(), "reader fault") {
			t.Fatal(err)
		}
	})
}

func TestCMapRanges(t *testing.T) {
	c, err := parseCMap([]byte(`1 beginbfrange <0000> <FFFF> <0000> endbfrange
1 beginbfchar <0041> <0042> endbfchar`))
	if err != nil {
		t.Fatal(err)
	}
	for code, want := range map[int]string{0x20: " ", 0x2019: "’", 0x41: "B", 0xffff: "\uffff"} {
		if got, ok := c.lookup(code); !ok || got != want {
			t.Errorf("lookup(%#x) = %q, %v; want %q", code, got, ok, want)
		}
	}
}

func TestWidthTable(t *testing.T) {
	f := &File{}
	w, err := f.cidWidths(Array{int64(32), Array{int64(250), int64(333)}, int64(40), int64(45), int64(600)})
	if err != nil {
		t.Fatal(err)
	}
	for code, want := range map[int]float64{32: 250, 33: 333, 34: 1000, 40: 600, 45: 600, 46: 1000} {
		if got := w.lookup(code, 1000); got != want {
			t.Errorf("width of %d = %g, want %g", code, got, want)
		}
	}
	if _, err := f.cidWidths(Array{int64(32)}); err == nil {
		t.Error("a /W array that stops after a code was accepted")
	}
}
