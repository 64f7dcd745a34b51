package pdf

import (
	"bytes"
	"image"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/imprint-press/imprint/internal/manuscript"
	"github.com/imprint-press/imprint/internal/specexamples"
)

// layoutSeeds are bodies that stress the typesetter beyond the spec
// examples: long words and URLs, deep nesting, tables, fallback glyphs,
// right-to-left text.
var layoutSeeds = []string{
	strings.Repeat("x", 3000) + "\n",
	"See <https://example.com/" + strings.Repeat("a/b.c-", 400) + ">.\n",
	strings.Repeat("> ", 32) + "deep " + strings.Repeat("word ", 60) + "\n",
	strings.Repeat("- ", 32) + "deep " + strings.Repeat("word ", 60) + "\n",
	"123456789. a very long list number\n",
	"| " + strings.Repeat("a | ", 30) + "\n|" + strings.Repeat(" --- |", 30) + "\n| " + strings.Repeat(strings.Repeat("y", 80)+" | ", 30) + "\n",
	"```\n" + strings.Repeat("z", 500) + "\n\tא ב ג 1 2 3\n```\n",
	"Check ✓ ❤\ufe0f ⇒ Բարեւ *italic ✓* **bold ⇒** `code ✓`, e\u0301 a\u0332.\n",
	"English שלום עולם (שָׁלוֹם) 2024, and more English words to wrap the line around and around again.\n",
	"Soft\u00adhyphen zero\u200bwidth no\u00a0break line\u2028separator.\n",
}

// metaSeeds are metadata strings: every one the print edition sets or
// stores must be set, or refused with a message, never crash the writer.
var metaSeeds = []string{"", "Fish & <Chips> \"quoted\"", "😀", "𝐀", "日本", "שלום עולם", "✓ ⇒ Բարեւ", "e\u0301", "مرحبا"}

// FuzzLayout typesets arbitrary Markdown under front matter whose text
// fields all hold meta: it must never panic, and every string it draws
// must lie inside the text column.
func FuzzLayout(f *testing.F) {
	examples, err := specexamples.Load()
	if err != nil {
		f.Fatal(err)
	}
	for _, ex := range specexamples.FuzzSeeds(examples) {
		f.Add(ex.Markdown, "", false)
	}
	for i, s := range layoutSeeds {
		f.Add(s, metaSeeds[i%len(metaSeeds)], false)
		f.Add(s, "", true)
	}
	for _, m := range metaSeeds {
		f.Add("Text.\n", m, false)
	}
	dir := f.TempDir()
	path := filepath.Join(dir, "x.md")
	var img bytes.Buffer
	if err := png.Encode(&img, image.NewGray(image.Rect(0, 0, 30, 20))); err != nil {
		f.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "lead.png"), img.Bytes(), 0o644); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, body, meta string, hebrew bool) {
		lang := "en"
		if hebrew {
			lang = "he"
		}
		q := strconv.Quote(meta)
		src := "---\ntitle: Fuzz\nauthor: A. Writer\nlang: " + lang + "\nsubtitle: " + q + "\npublisher: " + q +
			"\nrights: " + q + "\ndescription: " + q + "\nsubject: " + q + "\nidentifier: " + strconv.Quote("urn:x:"+meta) +
			"\nlead-image:\n  file: lead.png\n  caption: " + q + "\n  credit: " + q + "\n---\n\n" + body
		doc, err := manuscript.Parse(path, []byte(src), manuscript.Options{Root: dir})
		if err != nil {
			return
		}
		e, err := Typeset(doc)
		if err != nil {
			switch err.(type) {
			case *GlyphError, *TooTallError:
				return // refused, with a message that says why
			}
			t.Fatalf("typesetting failed: %v", err)
		}
		checkMeasure(t, e)
	})
}

// drawn is one string the edition drew.
type drawn struct {
	page     int
	x, width float64
	text     string
}

// draw writes the edition and returns every string it drew.
func draw(t *testing.T, e *Edition) []drawn {
	t.Helper()
	var all []drawn
	traceText = func(page int, x, width float64, text string) {
		all = append(all, drawn{page, x, width, text})
	}
	defer func() { traceText = nil }()
	if _, err := e.WriteTo(io.Discard); err != nil {
		t.Fatalf("writing: %v", err)
	}
	return all
}

// checkMeasure draws the edition and fails the test for any string drawn
// outside the text column, beyond a rounding error. List markers hang
// into the margin by design, at most their own width and an em.
func checkMeasure(t *testing.T, e *Edition) []drawn {
	t.Helper()
	const slack = 0.01
	all := draw(t, e)
	for _, d := range all {
		left := e.format.columnLeft(d.page)
		right := left + e.format.measure()
		if d.x+d.width > right+slack || d.x < left-d.width-e.sheet.specs[classBody].size-slack {
			s := d.text
			if len(s) > 80 {
				s = s[:80] + "…"
			}
			t.Errorf("drawn outside the measure on page %d: %q", d.page, s)
		}
	}
	return all
}
