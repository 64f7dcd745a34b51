package epub

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/imprint-press/imprint/internal/markdown"
)

type specExample struct {
	Markdown string `json:"markdown"`
	Example  int    `json:"example"`
	Section  string `json:"section"`
}

// goldmarkSpec reads goldmark's copy of the CommonMark spec examples from
// the module cache, wherever this machine keeps it.
func goldmarkSpec(t *testing.T) []specExample {
	t.Helper()
	goList := func(format string) string {
		out, err := exec.Command("go", "list", "-m", "-f", format, "github.com/yuin/goldmark").Output()
		if err != nil {
			t.Fatalf("go list -m github.com/yuin/goldmark: %v", err)
		}
		return strings.TrimSpace(string(out))
	}
	dir := goList("{{.Dir}}")
	if dir == "" {
		cache, err := exec.Command("go", "env", "GOMODCACHE").Output()
		if err != nil {
			t.Fatalf("go env GOMODCACHE: %v", err)
		}
		dir = filepath.Join(strings.TrimSpace(string(cache)), "github.com", "yuin", "goldmark@"+goList("{{.Version}}"))
	}
	data, err := os.ReadFile(filepath.Join(dir, "_test", "spec.json"))
	if err != nil {
		t.Fatalf("reading goldmark's spec examples: %v", err)
	}
	var examples []specExample
	if err := json.Unmarshal(data, &examples); err != nil {
		t.Fatalf("parsing spec.json: %v", err)
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
