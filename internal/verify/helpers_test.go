package verify

import (
	"archive/zip"
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/imprint-press/imprint/internal/build"
	"github.com/imprint-press/imprint/internal/document"
	"github.com/imprint-press/imprint/internal/manuscript"
	"github.com/imprint-press/imprint/internal/verify/epubread"
	"github.com/imprint-press/imprint/internal/verify/pdfread"
)

// The article's editions, built once for every test.
var fixture struct {
	root              string // the repository
	manuscript        string
	dir               string // where the editions were built
	epubPath, pdfPath string
	doc               *document.Document
	epub, pdf         []byte
}

func TestMain(m *testing.M) {
	code, err := setup(m)
	if err != nil {
		fmt.Fprintln(os.Stderr, "verify tests: building the article's editions:", err)
		os.Exit(1)
	}
	os.Exit(code)
}

func setup(m *testing.M) (int, error) {
	wd, err := os.Getwd()
	if err != nil {
		return 0, err
	}
	root := wd
	for {
		if _, err := os.Stat(filepath.Join(root, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(root)
		if parent == root {
			return 0, fmt.Errorf("no go.mod above %s", wd)
		}
		root = parent
	}
	dir, err := os.MkdirTemp("", "imprint-verify-")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(dir)
	fixture.root = root
	fixture.dir = dir
	fixture.manuscript = filepath.Join(root, "manuscript", "article.md")
	paths, err := build.One(fixture.manuscript, build.Options{OutDir: dir, Root: root})
	if err != nil {
		return 0, err
	}
	for _, p := range paths {
		switch filepath.Ext(p) {
		case ".epub":
			fixture.epubPath = p
		case ".pdf":
			fixture.pdfPath = p
		}
	}
	if fixture.epub, err = os.ReadFile(fixture.epubPath); err != nil {
		return 0, err
	}
	if fixture.pdf, err = os.ReadFile(fixture.pdfPath); err != nil {
		return 0, err
	}
	fixture.doc, err = manuscript.Load(fixture.manuscript, manuscript.Options{Root: root})
	if err != nil {
		return 0, err
	}
	return m.Run(), nil
}

// --- EPUB mutations ---

// rewriteEPUB returns a copy of an EPUB with one entry's bytes changed.
func rewriteEPUB(t testing.TB, data []byte, name string, change func([]byte) []byte) []byte {
	t.Helper()
	out, err := rewriteZip(data, map[string]func([]byte) []byte{name: change})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func rewriteZip(data []byte, changes map[string]func([]byte) []byte) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	done := map[string]bool{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			return nil, err
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, err
		}
		if change, ok := changes[f.Name]; ok {
			nb := change(b)
			if bytes.Equal(nb, b) {
				return nil, fmt.Errorf("%s: the change changed nothing", f.Name)
			}
			b = nb
			done[f.Name] = true
		}
		hdr := f.FileHeader
		w, err := zw.CreateHeader(&hdr)
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(b); err != nil {
			return nil, err
		}
	}
	for name := range changes {
		if !done[name] {
			return nil, fmt.Errorf("%s is not in the EPUB", name)
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func replaceOnce(t testing.TB, b []byte, old, new string) []byte {
	t.Helper()
	if n := bytes.Count(b, []byte(old)); n != 1 {
		t.Fatalf("%q occurs %d times, want once", old, n)
	}
	return bytes.Replace(b, []byte(old), []byte(new), 1)
}

// moveMarker moves the page-break marker for a page one word later in the
// text, or removes it when move is false, leaving the page list as it is.
func moveMarker(t testing.TB, epubData []byte, page int, move bool) []byte {
	t.Helper()
	book, err := epubread.Read(epubData)
	if err != nil {
		t.Fatal(err)
	}
	var m *epubread.Marker
	for i := range book.Markers {
		if n, _ := pageNumber(book.Markers[i].Label); n == page {
			m = &book.Markers[i]
		}
	}
	if m == nil || m.ID == "" {
		t.Fatalf("no marker with an id for page %d", page)
	}
	return rewriteEPUB(t, epubData, m.Doc, func(doc []byte) []byte {
		attr := []byte(`id="` + m.ID + `"`)
		i := bytes.Index(doc, attr)
		if i < 0 {
			t.Fatalf("%s: no %s", m.Doc, attr)
		}
		start := bytes.LastIndexByte(doc[:i], '<')
		end := i + bytes.IndexByte(doc[i:], '>') + 1
		if doc[end-2] != '/' {
			name := regexp.MustCompile(`^<([a-zA-Z0-9]+)`).FindSubmatch(doc[start:])[1]
			end += bytes.Index(doc[end:], []byte("</"+string(name)+">")) + len(name) + 3
		}
		element := append([]byte(nil), doc[start:end]...)
		rest := append(append([]byte(nil), doc[:start]...), doc[end:]...)
		if !move {
			return rest
		}
		// One word on: past white space and tags, then the word's letters.
		j := start
		for j < len(rest) && (rest[j] == ' ' || rest[j] == '\n' || rest[j] == '<') {
			if rest[j] == '<' {
				j += bytes.IndexByte(rest[j:], '>') + 1
				continue
			}
			j++
		}
		for j < len(rest) && rest[j] != ' ' && rest[j] != '\n' && rest[j] != '<' {
			j++
		}
		return append(append(append([]byte(nil), rest[:j]...), element...), rest[j:]...)
	})
}

// --- PDF mutations ---

// replaceInPDF replaces old (which must occur once) with new and keeps the
// file valid: the /Length of a stream it falls in, every cross-reference
// offset after it, and startxref move with it.
func replaceInPDF(t testing.TB, pdf []byte, old, new []byte) []byte {
	t.Helper()
	if n := bytes.Count(pdf, old); n != 1 {
		t.Fatalf("the bytes to replace occur %d times, want once", n)
	}
	pos := bytes.Index(pdf, old)
	out := append(append(append([]byte(nil), pdf[:pos]...), new...), pdf[pos+len(old):]...)
	delta := len(new) - len(old)

	// Inside a stream: correct its /Length, which precedes pos.
	objStart := regexp.MustCompile(`\d+ \d+ obj`).FindAllIndex(pdf[:pos], -1)
	if len(objStart) > 0 {
		o := objStart[len(objStart)-1][0]
		if s := bytes.Index(pdf[o:pos], []byte("stream")); s >= 0 && !bytes.Contains(pdf[o:pos], []byte("endstream")) {
			dict := out[o : o+s]
			m := regexp.MustCompile(`/Length (\d+)`).FindSubmatchIndex(dict)
			if m == nil {
				t.Fatal("the stream's /Length is not a direct number")
			}
			n, _ := strconv.Atoi(string(dict[m[2]:m[3]]))
			digits := strconv.Itoa(n + delta)
			out = append(append(append([]byte(nil), out[:o+m[2]]...), digits...), out[o+m[3]:]...)
			delta += len(digits) - (m[3] - m[2])
		}
	}
	// Every object after pos moved by delta.
	xref := bytes.LastIndex(out, []byte("\nxref\n")) + 1
	entry := regexp.MustCompile(`(?m)^(\d{10}) (\d{5}) n`)
	table := out[xref:]
	for _, m := range entry.FindAllSubmatchIndex(table, -1) {
		off, _ := strconv.Atoi(string(table[m[2]:m[3]]))
		if off > pos {
			copy(table[m[2]:m[3]], fmt.Sprintf("%010d", off+delta))
		}
	}
	sx := regexp.MustCompile(`startxref\s+(\d+)`).FindSubmatchIndex(out)
	x, _ := strconv.Atoi(string(out[sx[2]:sx[3]]))
	return append(append(append([]byte(nil), out[:sx[2]]...), strconv.Itoa(x+delta)...), out[sx[3]:]...)
}

// dropPDFLines removes from the PDF the text shown on the lines from the
// one that begins with from to the one that ends with to (on one page),
// by rewriting that page's content stream.
func dropPDFLines(t testing.TB, pdfData []byte, from, to string) []byte {
	t.Helper()
	doc, err := pdfread.Read(pdfData)
	if err != nil {
		t.Fatal(err)
	}
	var ys []float64
	page := -1
	for pi, p := range doc.Pages {
		in := false
		for _, l := range p.Lines {
			if strings.HasPrefix(l.Text, from) {
				in = true
			}
			if in {
				ys = append(ys, l.Y)
			}
			if in && strings.HasSuffix(l.Text, to) {
				break
			}
		}
		if len(ys) > 0 {
			page = pi
			break
		}
	}
	if len(ys) == 0 {
		t.Fatalf("no PDF line begins %q", from)
	}
	// Content streams are the compressed streams that show text, one per
	// page, in page order.
	// A text object selects its font only when it changes; a dropped one
	// leaves that selection behind for the text after it.
	show := regexp.MustCompile(`(?s)BT (/F\d+ [\d.]+ Tf )?[\d.]+ ([\d.]+) Td \((?:[^\\)]|\\.)*\) Tj ET\n`)
	streams := regexp.MustCompile(`<</Filter/FlateDecode/Length (\d+)>>\nstream\n`)
	seen := 0
	for _, m := range streams.FindAllSubmatchIndex(pdfData, -1) {
		n, _ := strconv.Atoi(string(pdfData[m[2]:m[3]]))
		raw := pdfData[m[1] : m[1]+n]
		zr, err := zlib.NewReader(bytes.NewReader(raw))
		if err != nil {
			continue
		}
		content, err := io.ReadAll(zr)
		if err != nil || !show.Match(content) {
			continue
		}
		if seen++; seen-1 != page {
			continue
		}
		removed := 0
		kept := show.ReplaceAllFunc(content, func(op []byte) []byte {
			parts := show.FindSubmatch(op)
			y, _ := strconv.ParseFloat(string(parts[2]), 64)
			for _, want := range ys {
				if math.Abs(y-want) < 0.01 {
					removed++
					return append(append([]byte(nil), parts[1]...), '\n')
				}
			}
			return op
		})
		if removed == 0 {
			t.Fatal("no text operator shows the lines to drop")
		}
		var z bytes.Buffer
		zw := zlib.NewWriter(&z)
		zw.Write(kept)
		zw.Close()
		return replaceInPDF(t, pdfData, raw, z.Bytes())
	}
	t.Fatalf("no content stream shows %q", from)
	return nil
}
