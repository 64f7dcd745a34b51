package pdf

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/imprint-press/imprint/internal/manuscript"
	"github.com/imprint-press/imprint/internal/sourcetext"
	"github.com/imprint-press/imprint/internal/validate"
)

const featuresManuscript = `---
title: Every Block
author: [A. Writer, B. Editor]
lang: en-GB
---

A paragraph with *emphasis*, **strong**, ` + "`code`" + ` and a [link](https://example.org/a/very/long/path/that/keeps/going/on/and/on/without/any/space/at/all/index.html).
It has a note.[^1] And another.[^long] See <https://example.org/a/very/long/path/that/keeps/going/on/and/on/index.html>.

> A block quote that runs long enough to need more than one line at the measure of a trade page, set indented on both sides.

1. First item
2. Second item, with a nested list:
   - nested one
   - nested two

- [x] done task
- [ ] open task

` + "```go\nfunc main() {\n\tfmt.Println(\"a code line that is far too long for the measure of a six by nine inch page and must wrap\")\n}\n```" + `

| Left | Centre |
|:-----|:------:|
| a    | b      |
| c    | d      |

***

Term
: Its definition.

[^1]: The note's text.
[^long]: A longer note with *emphasis*.
`

func TestEveryBlockKindIsSet(t *testing.T) {
	validate.Require(t, "pdftotext")
	validate.Require(t, "qpdf")
	dir := t.TempDir()
	doc, err := manuscript.Parse(filepath.Join(dir, "features.md"), []byte(featuresManuscript), manuscript.Options{Root: dir})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Write(&buf, doc); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "features.pdf")
	os.WriteFile(path, buf.Bytes(), 0o644)
	if out, err := validate.QPDFCheck(path); err != nil {
		t.Fatalf("qpdf: %v\n%s", err, out)
	}
	raw, err := validate.PDFRawText(path)
	if err != nil {
		t.Fatal(err)
	}
	text := sourcetext.StripPageFurniture(raw, "Every Block", "A. Writer, B. Editor")
	want := []string{"A paragraph with emphasis, strong, code and a link", "It has a note.1 And another.2 See https://example.org/a/very/long/path/that/keeps/going/on/and/on/index.html.",
		"A block quote that runs long enough", "1. First item", "2. Second item, with a nested list:", "• nested one",
		"[x] done task", "[ ] open task", "func main() {", "a code line that is far too long",
		"Left Centre", "a b", "c d", "Term", "Its definition.", "Notes", "1. The note's text.", "2. A longer note with emphasis."}
	if err := sourcetext.InOrder(text, want); err != nil {
		t.Errorf("%v\n--- text ---\n%s", err, text)
	}
	// Notes link both ways (two notes, two directions), and the web link
	// is clickable.
	if n := bytes.Count(buf.Bytes(), []byte("/Dest [")); n < 4 {
		t.Errorf("%d internal link destinations, want at least 4 (each note and its reference)", n)
	}
	if !regexp.MustCompile(`/URI \(https://example\.org/a/very/long`).Match(buf.Bytes()) {
		t.Error("the web link is not clickable")
	}
	// The long URL breaks at its slashes instead of overflowing: some
	// line ends with a slash.
	if !regexp.MustCompile(`(?m)/\n`).MatchString(raw) {
		t.Error("the long URL did not break at a slash")
	}
}
