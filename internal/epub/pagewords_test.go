package epub

import (
	"strconv"
	"strings"
	"testing"

	"github.com/imprint-press/imprint/internal/document"
	"github.com/imprint-press/imprint/internal/markdown"
	"github.com/yuin/goldmark/ast"
)

func TestWordStart(t *testing.T) {
	tests := []struct {
		text string
		word int
		want string // the text from the word on; "" for no such word
	}{
		{"alpha beta gamma", 0, "alpha beta gamma"},
		{"alpha beta gamma", 2, "gamma"},
		{"  alpha \t beta", 1, "beta"},                 // leading space dropped, a run of spaces is one break
		{"no\u00a0break here", 1, "here"},              // a no-break space joins words
		{"fig\u2007space narrow\u202fspace x", 2, "x"}, // so do the figure space and the narrow one
		{"a\u00a0 b c", 1, "c"},                        // a space after a no-break space is no break
		{"em\u2003space", 1, "space"},                  // an em space is breakable
		{"line\u2028next", 1, "next"},                  // a hard line break separates words
		{"one \u2028 two", 1, "two"},                   // and the spaces around it are no second break
		{"\u2028lead", 0, "lead"},                      // a hard break opening the block is dropped
		{"a\u2028\u2028b", 2, "b"},                     // an empty line between two breaks is a line
		{"x", 1, ""},
		{"", 0, ""},
	}
	for _, tt := range tests {
		got := ""
		if at := wordStart(tt.text, tt.word); at >= 0 {
			got = tt.text[at:]
		}
		if got != tt.want {
			t.Errorf("wordStart(%q, %d) gives %q, want %q", tt.text, tt.word, got, tt.want)
		}
	}
}

// Every word of every block of the fixtures and the article: the word
// start found for word W begins word W as printWords splits the text.
func TestWordStartFindsEveryWord(t *testing.T) {
	docs := map[string]*document.Document{"sample": loadFixture(t, "sample/sample.md"), "hostile": hostileDoc(t)}
	if article := loadArticleIfPresent(t); article != nil {
		docs["article"] = article
	}
	checked := 0
	for name, doc := range docs {
		parts := []*document.Part{&doc.Body}
		if doc.Bio != nil {
			parts = append(parts, doc.Bio)
		}
		for _, part := range parts {
			_ = ast.Walk(part.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
				if !entering || n.Type() != ast.TypeBlock || n.Lines().Len() == 0 {
					return ast.WalkContinue, nil
				}
				text, _ := blockText(part.Source, n)
				words := printWords(text)
				for w, word := range words {
					at := wordStart(text, w)
					if at < 0 || !strings.HasPrefix(text[at:], strings.TrimLeft(word, "\u00a0\u2007\u202f")) {
						t.Errorf("%s, %s line %d: word %d is %q, but the word start is at %d", name, part.Path, part.Line(n.Lines().At(0).Start), w, word, at)
					}
					checked++
				}
				if at := wordStart(text, len(words)); at >= 0 {
					t.Errorf("%s: a %d-word block has a word %d at %d", name, len(words), len(words), at)
				}
				return ast.WalkContinue, nil
			})
		}
	}
	if checked < 200 {
		t.Errorf("only %d words checked", checked)
	}
}

func loadArticleIfPresent(t *testing.T) (doc *document.Document) {
	t.Run("article", func(t *testing.T) { doc = loadArticle(t) })
	return doc
}

// Every CommonMark spec example with a page beginning at every word of
// every block stays well-formed and carries every marker once: entities,
// escapes, code spans, links and raw HTML around the words included.
func TestCommonMarkSpecPageBreaks(t *testing.T) {
	pc := pageContext{lang: "en", dir: "ltr", labels: english}
	total := 0
	for _, ex := range goldmarkSpec(t) {
		src := []byte(ex.Markdown)
		doc := &document.Document{Body: document.Part{Path: "example.md", Source: src, Root: markdown.Parse(src)}}
		seen := map[int]bool{}
		_ = ast.Walk(doc.Body.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if !entering || n.Type() != ast.TypeBlock || n.Lines().Len() == 0 || seen[n.Lines().At(0).Start] {
				return ast.WalkContinue, nil
			}
			offset := n.Lines().At(0).Start
			seen[offset] = true
			// As many words as the block has by the package's own count:
			// this test is about the markup, TestWordStart about the count.
			text, _ := blockText(src, n)
			for w := 0; w == 0 || wordStart(text, w) >= 0; w++ {
				doc.PageStarts = append(doc.PageStarts, document.PageStart{Page: len(doc.PageStarts) + 1, Part: "body", Offset: offset, Word: w})
			}
			return ast.WalkContinue, nil
		})
		plan, err := planPageBreaks(doc)
		if err != nil {
			t.Fatal(err)
		}
		if len(plan.unplaced) > 0 {
			t.Errorf("example %d: pages %v not found\n%s", ex.Example, plan.unplaced, ex.Markdown)
		}
		part, err := renderPart(src, doc.Body.Root, nil, plan, append(plan.ids[articleHref], articleIDs...)...)
		if err != nil {
			t.Fatalf("example %d: %v", ex.Example, err)
		}
		page := articleDocument(pc, "Example", nil, part, nil)
		if err := wellFormed(page); err != nil {
			t.Errorf("example %d: not well-formed with page breaks: %v\n%s", ex.Example, err, part.body)
			continue
		}
		for _, ps := range doc.PageStarts {
			if n := strings.Count(string(page), `id="page-`+strconv.Itoa(ps.Page)+`"`); n != 1 {
				t.Errorf("example %d: page %d is marked %d times\n%s", ex.Example, ps.Page, n, part.body)
			}
		}
		total += len(doc.PageStarts)
	}
	t.Logf("%d page breaks placed in the CommonMark spec examples", total)
}
