package epub_test

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"image"
	"image/png"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/imprint-press/imprint/internal/epub"
	"github.com/imprint-press/imprint/internal/manuscript"
	"github.com/imprint-press/imprint/internal/pdf"
	"github.com/imprint-press/imprint/internal/specexamples"
)

// FuzzEPUB writes arbitrary Markdown, under a fixed front matter, as an
// EPUB: it must never panic, and every document in the container must be
// well-formed XML with nothing a reading system would run. With pages set,
// the print edition's page starts are placed too, as in a real build.
func FuzzEPUB(f *testing.F) {
	examples, err := specexamples.Load()
	if err != nil {
		f.Fatal(err)
	}
	for _, ex := range specexamples.FuzzSeeds(examples) {
		f.Add(ex.Markdown, false)
	}
	for _, s := range []string{
		"<script>alert(1)</script>\n\n[x](javascript:alert(1)) <b onclick=\"x()\">b</b>\n",
		"Note.[^1]\n\n[^1]: A note with <em>html</em> and [a link](vbscript:x).\n",
		"# Heading {#id}\n\n# Heading\n\n## fn-1\n\n[jump](#fn-1)\n",
		"| a | b |\n| - | - |\n| <i>x</i> | ]]> |\n",
		"Term\n: Definition <!-- c -->\n",
		"- [ ] task\n- [x] done\n",
		strings.Repeat("word ", 3000) + "\n\n" + strings.Repeat("Paragraph. ", 300) + "\n",
		"שלום עולם, Hebrew in an English book.\n",
	} {
		f.Add(s, false)
		f.Add(s, true)
	}
	dir := f.TempDir()
	path := filepath.Join(dir, "x.md")
	var cover bytes.Buffer
	if err := png.Encode(&cover, image.NewGray(image.Rect(0, 0, 16, 25))); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, body string, pages bool) {
		src := "---\ntitle: Fuzz <&>\nauthor: A. Writer\nlang: en\n---\n\n" + body
		doc, err := manuscript.Parse(path, []byte(src), manuscript.Options{Root: dir})
		if err != nil {
			return
		}
		if pages {
			if e, err := pdf.Typeset(doc); err == nil {
				doc.PageStarts = e.PageStarts
			}
		}
		var buf bytes.Buffer
		if err := epub.Write(&buf, doc, epub.WithCover(cover.Bytes())); err != nil {
			t.Fatalf("a manuscript that loaded did not make an EPUB: %v", err)
		}
		zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
		if err != nil {
			t.Fatal(err)
		}
		for _, zf := range zr.File {
			switch filepath.Ext(zf.Name) {
			case ".xhtml", ".opf", ".ncx", ".xml":
			default:
				continue
			}
			rc, err := zf.Open()
			if err != nil {
				t.Fatal(err)
			}
			data, _ := io.ReadAll(rc)
			rc.Close()
			if problem := checkXHTML(data); problem != "" {
				t.Fatalf("%s: %s\n%s", zf.Name, problem, data)
			}
		}
	})
}

// TestLinksToBadHosts is what the CommonMark examples found: an autolink
// to https://../ became an href EPUBCheck rejects (RSC-020). A link whose
// host is not a host keeps its text and loses its link.
func TestLinksToBadHosts(t *testing.T) {
	dir := t.TempDir()
	src := "---\ntitle: T\nauthor: A\nlang: en\n---\n\n<https://../> [dots](https://a..b/c) [fine](https://example.com./x)\n"
	doc, err := manuscript.Parse(filepath.Join(dir, "x.md"), []byte(src), manuscript.Options{Root: dir})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := epub.Write(&buf, doc, epub.WithCover(tinyPNG(t))); err != nil {
		t.Fatal(err)
	}
	article := zipEntry(t, buf.Bytes(), "EPUB/article.xhtml")
	for _, bad := range []string{`href="https://../"`, `href="https://a..b/c"`} {
		if strings.Contains(article, bad) {
			t.Errorf("article.xhtml holds %s", bad)
		}
	}
	for _, good := range []string{`href="https://example.com./x"`, " dots "} {
		if !strings.Contains(article, good) {
			t.Errorf("article.xhtml lacks %s", good)
		}
	}
}

func tinyPNG(t *testing.T) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, 16, 25))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func zipEntry(t *testing.T, data []byte, name string) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	rc, err := zr.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// checkXHTML says what is wrong with a content document: not well-formed,
// or holding a script, frame, object, event handler or script URL.
func checkXHTML(b []byte) string {
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = true
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return ""
		}
		if err != nil {
			return "not well-formed: " + err.Error()
		}
		el, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch strings.ToLower(el.Name.Local) {
		case "script", "iframe", "frame", "object", "embed", "applet", "form", "base":
			return "a <" + el.Name.Local + "> element"
		}
		for _, a := range el.Attr {
			v := strings.ToLower(strings.Join(strings.Fields(a.Value), ""))
			if strings.HasPrefix(strings.ToLower(a.Name.Local), "on") ||
				strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "vbscript:") || strings.HasPrefix(v, "data:text/html") {
				return "active attribute " + a.Name.Local + "=" + a.Value
			}
		}
	}
}
