package epub

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/imprint-press/imprint/internal/document"
	"github.com/yuin/goldmark/ast"
)

func TestNestHeadings(t *testing.T) {
	hs := []heading{
		{2, "a", "A"}, {4, "a1", "A.1 (skips a level)"}, {3, "a2", "A.2"}, {2, "b", " B \n  two "},
		{3, "empty", "  "}, {1, "c", "C"},
	}
	var render func(es []*tocEntry) string
	render = func(es []*tocEntry) string {
		var s []string
		for _, e := range es {
			item := e.label + "=" + e.href
			if len(e.children) > 0 {
				item += "(" + render(e.children) + ")"
			}
			s = append(s, item)
		}
		return strings.Join(s, " ")
	}
	got := render(nestHeadings(hs, "p.xhtml"))
	want := "A=p.xhtml#a(A.1 (skips a level)=p.xhtml#a1 A.2=p.xhtml#a2) B two=p.xhtml#b C=p.xhtml#c"
	if got != want {
		t.Errorf("nestHeadings:\n got %s\nwant %s", got, want)
	}
	if d := tocDepth(nestHeadings(hs, "p.xhtml")); d != 2 {
		t.Errorf("depth %d, want 2", d)
	}
}

func TestDirection(t *testing.T) {
	for lang, want := range map[string]string{
		"en-US": "ltr", "ar": "rtl", "he-IL": "rtl", "fa": "rtl", "ur-PK": "rtl",
		"az-Arab": "rtl", "ku-Latn": "ltr", "zh-Hant": "ltr", "yi": "rtl", "de": "ltr",
	} {
		if got := direction(lang); got != want {
			t.Errorf("direction(%q) = %q, want %q", lang, got, want)
		}
	}
}

func TestLinkTarget(t *testing.T) {
	r := &epubNodes{known: map[string]bool{"here": true}}
	for dest, want := range map[string]string{
		"https://example.com/a b":   "https://example.com/a%20b",
		"HTTP://EXAMPLE.COM":        "HTTP://EXAMPLE.COM",
		"mailto:a@example.com":      "mailto:a@example.com",
		"#here":                     "#here",
		"#elsewhere":                "",
		"javascript:alert(1)":       "",
		"JavaScript:alert(1)":       "",
		"vbscript:x":                "",
		"data:text/html,<b>":        "",
		"data:image/png;base64,AAA": "",
		"file:///etc/passwd":        "",
		"chapter2.xhtml":            "",
		"//example.com/x":           "",
		"":                          "",
	} {
		got, ok := r.linkTarget([]byte(dest))
		if !ok {
			got = ""
		}
		if got != want {
			t.Errorf("linkTarget(%q) = %q, want %q", dest, got, want)
		}
	}
}

func TestEditionDate(t *testing.T) {
	mod := time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)
	for _, tt := range []struct {
		date     document.Date
		lang     string
		want     string
		wantNone string // in a language imprint has no words for
	}{
		{document.Date{}, "en", "6 May 2024", "2024-05-06"},
		{document.Date{Time: time.Date(2017, 10, 1, 0, 0, 0, 0, time.UTC), Text: "2017-10"}, "en", "October 2017", "2017-10"},
		{document.Date{Time: time.Date(2017, 1, 1, 0, 0, 0, 0, time.UTC), Text: "2017"}, "en", "2017", "2017"},
		// Written at 23:00 in New York: the 20th, though UTC says the 21st.
		{document.Date{Time: time.Date(2017, 10, 21, 3, 0, 0, 0, time.UTC), Text: "2017-10-20T23:00:00-04:00"}, "en", "20 October 2017", "2017-10-20"},
	} {
		m := &document.Metadata{Date: tt.date, Modified: mod}
		if got := editionDate(m, labelsFor(tt.lang)); got != tt.want {
			t.Errorf("editionDate(%q) = %q, want %q", tt.date.Text, got, tt.want)
		}
		if got := editionDate(m, labelsFor("tlh")); got != tt.wantNone {
			t.Errorf("editionDate(%q) without labels = %q, want %q", tt.date.Text, got, tt.wantNone)
		}
	}
}

// Odd seconds survive in the extended timestamp; the MS-DOS field rounds
// them, but must still agree on the day and minute.
func TestZipTimestamps(t *testing.T) {
	doc := loadFixture(t, "sample/sample.md")
	doc.Meta.Modified = time.Date(2031, 12, 31, 23, 59, 59, 0, time.UTC)
	_, _, zr := unzip(t, build(t, doc))
	for i, f := range zr.File {
		if i == 0 {
			want := doc.Meta.Modified.Add(-time.Second) // two-second resolution
			if !f.Modified.Equal(want) {
				t.Errorf("mimetype modified %v, want %v", f.Modified, want)
			}
			continue
		}
		if !f.Modified.Equal(doc.Meta.Modified) {
			t.Errorf("%s modified %v, want %v", f.Name, f.Modified, doc.Meta.Modified)
		}
	}
}

func TestWriteRefusesIncompleteDocuments(t *testing.T) {
	for name, change := range map[string]func(*document.Document){
		"no title":      func(d *document.Document) { d.Meta.Title = " " },
		"no identifier": func(d *document.Document) { d.Meta.Identifier = document.Identifier{} },
		"no language":   func(d *document.Document) { d.Meta.Language = "" },
	} {
		doc := loadFixture(t, "sample/sample.md")
		change(doc)
		var buf bytes.Buffer
		err := Write(&buf, doc)
		if err == nil || !strings.Contains(err.Error(), name[3:]) {
			t.Errorf("%s: Write returned %v", name, err)
		}
	}
}

// A node kind no renderer knows is an error, not goldmark's panic.
func TestUnknownNodeKind(t *testing.T) {
	root := ast.NewDocument()
	root.AppendChild(root, &strangeNode{})
	if _, err := renderPart(nil, root, nil, nil); err == nil || !strings.Contains(err.Error(), "Strange") {
		t.Errorf("renderPart returned %v", err)
	}
}

type strangeNode struct{ ast.BaseBlock }

var kindStrange = ast.NewNodeKind("Strange")

func (n *strangeNode) Kind() ast.NodeKind          { return kindStrange }
func (n *strangeNode) Dump(source []byte, lvl int) { ast.DumpHelper(n, source, lvl, nil, nil) }
