package epub

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/imprint-press/imprint/internal/document"
	"github.com/imprint-press/imprint/internal/markdown"
)

const opsNS = "http://www.idpf.org/2007/ops"

// element is a start tag with the aside that encloses it, if any.
type element struct {
	name  string
	attrs map[string]string // "epub:type" for the OPS namespace, else local names
	aside string            // id of the enclosing <aside>, or ""
}

func elements(t *testing.T, doc []byte) []element {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(doc))
	d.Strict = true
	var out []element
	var stack []string // enclosing aside ids, "" for other elements
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatalf("not well-formed: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			e := element{name: tok.Name.Local, attrs: map[string]string{}}
			for _, a := range tok.Attr {
				key := a.Name.Local
				if a.Name.Space == opsNS {
					key = "epub:" + key
				}
				e.attrs[key] = a.Value
			}
			for i := len(stack) - 1; i >= 0; i-- {
				if stack[i] != "" {
					e.aside = stack[i]
					break
				}
			}
			id := ""
			if e.name == "aside" {
				id = e.attrs["id"]
			}
			stack = append(stack, id)
			out = append(out, e)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		}
	}
}

func TestFootnotesLinkBothWays(t *testing.T) {
	files, _, _ := unzip(t, build(t, loadFixture(t, "sample/sample.md")))
	els := elements(t, files["EPUB/article.xhtml"])
	notes := map[string]element{}  // aside id -> aside
	refs := map[string]string{}    // noteref id -> note id it points at
	backs := map[string][]string{} // note id -> noteref ids its back links point at
	for _, e := range els {
		if strings.Contains(e.attrs["id"], ":") {
			t.Errorf("id %q contains a colon", e.attrs["id"])
		}
		switch {
		case e.name == "aside":
			if e.attrs["epub:type"] != "footnote" || e.attrs["role"] != "doc-footnote" {
				t.Errorf("aside %v lacks footnote semantics", e.attrs)
			}
			notes[e.attrs["id"]] = e
		case e.name == "a" && e.attrs["epub:type"] == "noteref":
			if e.attrs["role"] != "doc-noteref" || !strings.HasPrefix(e.attrs["href"], "#") {
				t.Errorf("noteref %v", e.attrs)
			}
			refs[e.attrs["id"]] = strings.TrimPrefix(e.attrs["href"], "#")
		case e.name == "a" && e.attrs["role"] == "doc-backlink":
			if e.aside == "" {
				t.Errorf("back link %v outside any note", e.attrs)
			}
			backs[e.aside] = append(backs[e.aside], strings.TrimPrefix(e.attrs["href"], "#"))
		}
	}
	if len(refs) != 3 || len(notes) != 2 {
		t.Fatalf("found %d noterefs and %d notes, want 3 and 2 (the fixture references its first note twice)", len(refs), len(notes))
	}
	for ref, note := range refs {
		if _, ok := notes[note]; !ok {
			t.Errorf("noteref %s points at %q, which is no note", ref, note)
		}
		found := false
		for _, back := range backs[note] {
			found = found || back == ref
		}
		if !found {
			t.Errorf("note %s has no back link to noteref %s (back links: %v)", note, ref, backs[note])
		}
	}
	for note, bs := range backs {
		for _, b := range bs {
			if refs[b] != note {
				t.Errorf("note %s links back to %q, which is not one of its noterefs", note, b)
			}
		}
	}
}

const hostile = `<&"' <script>alert('meta')</script>`

// hostileDoc puts markup-breaking text in every metadata field and a body
// full of raw HTML and script links.
func hostileDoc(t *testing.T) *document.Document {
	t.Helper()
	read := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	body, bio := read("hostile/body.md"), read("hostile/bio.md")
	png := read("sample/images/chart.png")
	img := func(path string) *document.Image {
		return &document.Image{Path: path, MediaType: "image/png", Width: 48, Height: 32, Data: png,
			Alt: "alt " + hostile, Caption: "caption " + hostile, Credit: "credit " + hostile}
	}
	return &document.Document{
		Meta: document.Metadata{
			Title: "Title " + hostile, Subtitle: "Subtitle " + hostile,
			Authors:  []document.Author{{Name: "Author " + hostile, FileAs: "File-as " + hostile, Role: "aut"}},
			Date:     document.Date{Time: time.Date(2020, 2, 2, 0, 0, 0, 0, time.UTC), Text: "2020-02-02"},
			Modified: time.Date(2020, 2, 2, 12, 0, 1, 0, time.UTC), Language: "en",
			Identifier: document.Identifier{Scheme: "URI", Value: "urn:x-test:" + hostile},
			Publisher:  "Publisher " + hostile, Rights: "Rights " + hostile,
			Description: "Description " + hostile, Subjects: []string{"Subject " + hostile},
			Cover: img("cover.png"), Lead: img("lead.png"),
		},
		Body: document.Part{Path: "body.md", Source: body, Root: markdown.Parse(body)},
		Bio:  &document.Part{Path: "bio.md", Source: bio, Root: markdown.Parse(bio)},
	}
}

func TestHostileText(t *testing.T) {
	doc := hostileDoc(t)
	files, _, _ := unzip(t, build(t, doc))
	for name, b := range files {
		if strings.HasPrefix(name, "EPUB/images/") {
			continue
		}
		lower := strings.ToLower(string(b))
		for _, bad := range []string{"<script", "javascript:", "vbscript:", "data:text", "<iframe", "onmouseover", "onclick", "onerror", "file:", "\x01", "\x0b"} {
			if strings.Contains(lower, bad) {
				t.Errorf("%s contains %q", name, bad)
			}
		}
		if strings.HasSuffix(name, ".xhtml") || strings.HasSuffix(name, ".opf") || strings.HasSuffix(name, ".ncx") {
			if err := wellFormed(b); err != nil {
				t.Errorf("%s is not well-formed: %v", name, err)
			}
		}
	}
	// Escaped, every metadata string arrives whole.
	p := parseOPF(t, files["EPUB/package.opf"])
	checkMetadata(t, p, &doc.Meta)
	article := string(files["EPUB/article.xhtml"])
	for _, want := range []string{
		"click me", "shout", "by reference", "relative", // link texts stay
		`<a href="https://example.com/empty">https://example.com/empty</a>`, // an empty link is named by its address
		"an image with a hostile source",                                    // an image the package lacks becomes its alt text
		"&lt;&amp;&#34;&#39;",                                               // metadata-style escaping of the lead caption
	} {
		if !strings.Contains(article, want) {
			t.Errorf("article.xhtml lacks %q", want)
		}
	}
	if strings.Contains(article, `href="other.md"`) || strings.Contains(article, `href="#nowhere"`) {
		t.Error("a link to a resource outside the package survived")
	}
}
