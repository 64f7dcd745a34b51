package epub

import (
	"strings"
	"testing"

	"github.com/imprint-press/imprint/internal/markdown"
	"github.com/imprint-press/imprint/internal/specexamples"
)

// goldmarkSpec is the CommonMark spec examples, from goldmark's copy.
func goldmarkSpec(t *testing.T) []specexamples.Example {
	t.Helper()
	examples, err := specexamples.Load()
	if err != nil {
		t.Fatal(err)
	}
	return examples
}

// Every CommonMark spec example, rendered as the EPUB's article document,
// must be well-formed XML: the corpus holds every corner of the syntax
// (entities, raw HTML, odd link destinations, NUL characters).
func TestCommonMarkSpecWellFormed(t *testing.T) {
	examples := goldmarkSpec(t)
	if len(examples) != 652 {
		t.Errorf("goldmark's spec.json has %d examples, want the 652 of CommonMark 0.31.2", len(examples))
	}
	pc := pageContext{lang: "en", dir: "ltr", labels: english}
	passed := 0
	for _, ex := range examples {
		src := []byte(ex.Markdown)
		part, err := renderPart(src, markdown.Parse(src), nil, nil, articleIDs...)
		if err != nil {
			t.Errorf("example %d (%s): %v", ex.Example, ex.Section, err)
			continue
		}
		doc := articleDocument(pc, "Example", nil, part, nil)
		if err := wellFormed(doc); err != nil {
			t.Errorf("example %d (%s): not well-formed: %v\n%s", ex.Example, ex.Section, err, part.body)
			continue
		}
		if strings.Contains(strings.ToLower(string(part.body)), "<script") {
			t.Errorf("example %d (%s): raw HTML reached the output:\n%s", ex.Example, ex.Section, part.body)
			continue
		}
		passed++
	}
	t.Logf("%d of %d CommonMark spec examples render as well-formed XHTML", passed, len(examples))
}
