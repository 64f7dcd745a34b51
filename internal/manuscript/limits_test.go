package manuscript

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// parseIn parses src as x.md in a fresh project folder holding a.png.
func parseIn(t *testing.T, src string) error {
	t.Helper()
	dir := t.TempDir()
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, 4, 3))); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "a.png"), buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Parse(filepath.Join(dir, "x.md"), []byte(src), Options{Root: dir})
	if err != nil {
		return &Error{File: "x.md", Msg: strings.TrimPrefix(err.Error(), filepath.Join(dir, "x.md")+":")}
	}
	return nil
}

const head = "---\ntitle: T\nauthor: A\nlang: en\n---\n\n" // the body starts on line 7

// TestLinkedImage is a crasher FuzzLoad found in the CommonMark examples:
// an image inside a link has no block parent, and asking its parent for
// lines panicked.
func TestLinkedImage(t *testing.T) {
	if err := parseIn(t, head+"Text.\n\n[![A chart](a.png)](https://example.com)\n"); err != nil {
		t.Errorf("a linked image: %v", err)
	}
	err := parseIn(t, head+"Text.\n\n[![A chart](none.png)](https://example.com)\n")
	if err == nil || !strings.Contains(err.Error(), `x.md: 9: image "none.png": does not exist`) {
		t.Errorf("a linked image that is missing: %v", err)
	}
}

// TestLimits checks each limit just inside and just past it, and that
// what only looks deep is not refused.
func TestLimits(t *testing.T) {
	quotes := func(n int) string { return strings.Repeat("> ", n) + "x\n" }
	lists := func(n int) string { return strings.Repeat("- ", n) + "x\n" }
	indented := func(n int) string {
		var b strings.Builder
		for i := range n {
			b.WriteString(strings.Repeat("  ", i) + "- x\n")
		}
		return b.String()
	}
	mixed := func(n int) string { return strings.Repeat("> 1. ", n/2) + "x\n" }
	emphasis := func(n int) string { return strings.Repeat("_", n) + "x" + strings.Repeat("_", n) + "\n" }
	lazy := func(n int) string {
		// Lazy continuation lines keep every container open.
		var b strings.Builder
		for i := range n {
			b.WriteString(strings.Repeat("  ", i) + "- x\nlazy\n")
		}
		return b.String()
	}
	for _, c := range []struct {
		name, body, want string
	}{
		{"32 block quotes", quotes(32), ""},
		{"33 block quotes", quotes(33), "x.md: 7: block quotes and lists are nested more than 32 levels deep here"},
		{"32 lists", lists(32), ""},
		{"33 lists", lists(33), "x.md: 7: block quotes and lists are nested more than 32 levels"},
		{"32 lists by indentation", indented(32), ""},
		{"33 lists by indentation", indented(33), "x.md: 39: block quotes and lists are nested"},
		{"lazy continuation", lazy(33), "x.md: 71: block quotes and lists are nested"},
		{"quotes and lists", mixed(34), "x.md: 7: block quotes and lists are nested"},
		{"a rule is not a list", "Text.\n\n" + strings.Repeat("- ", 60) + "\n", ""},
		{"a numbered line is not deep", strings.Repeat("1. ", 3) + "x\n", ""},
		{"deep code is code", "```\n" + quotes(100) + "```\n", "x.md: 8: block quotes and lists are nested"},
		{"emphasis nested 32 deep", emphasis(32), ""},
		{"emphasis nested 40 deep", emphasis(80), "x.md: 7: block quotes, lists, emphasis or links are nested more than 32"},
		{"a 200,000-character paragraph", strings.Repeat("word\n", 40000), ""},
		{"a longer paragraph", strings.Repeat("word\n", 40001), "x.md: 7: this paragraph is 200004 characters long, more than the 200000"},
		{"a longer line", strings.Repeat("w", 200001) + "\n", "x.md: 7: this line is 200001 characters long"},
		{"characters, not bytes", strings.Repeat("é", 200000) + "\n", ""},
		{"64 KB of front matter", "", ""},
	} {
		src := head + c.body
		if c.name == "64 KB of front matter" {
			src = "---\ntitle: T\nauthor: A\nlang: en\ndescription: " + strings.Repeat("w", 64<<10) + "\n---\n\nText.\n"
			c.want = "x.md: 1: the front matter is 65586 bytes long, more than the 65536 imprint reads"
		}
		err := parseIn(t, src)
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s: %v", c.name, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%s: error %v\nwant %q", c.name, err, c.want)
		}
	}
}

// TestYAMLLines: yaml.v3 counts a parser error's line from 0 and a
// scanner error's from 1; either way the message names the manuscript's
// own line.
func TestYAMLLines(t *testing.T) {
	for src, want := range map[string]string{
		"---\ntitle: T\nauthor: [A\nlang: en\n---\nText\n":                        "x.md: 3: the front matter is not valid YAML: did not find expected ',' or ']'",
		"---\ntitle: T\nauthor: A\nlang: en\nsubject: [a, b\nrights: R\n---\nT\n": "x.md: 5: the front matter is not valid YAML: did not find expected ',' or ']'",
		// On the first line yaml.v3 has no line of its own to give, and
		// names the next.
		"---\ntitle: [A\n---\nText\n":                                   "x.md: 3: the front matter is not valid YAML",
		"---\ntitle: T\nauthor: A\nlang: \"en\n---\nText\n":             "x.md: 4: the front matter is not valid YAML: found unexpected end of stream",
		"---\ntitle: T\nauthor: A\nlang: en\n  date: 2024\n---\nText\n": "x.md: 5: the front matter is not valid YAML: mapping values are not allowed",
	} {
		if err := parseIn(t, src); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v\nwant %q", src, err, want)
		}
	}
}

// TestFileSize: a manuscript or bio past maxFileBytes is refused before
// it is read. The files are sparse, so the test writes almost nothing.
func TestFileSize(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.md")
	if err := os.WriteFile(big, []byte(head+"Text.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(big, maxFileBytes+1); err != nil {
		t.Fatal(err)
	}
	_, err := Load(big, Options{Root: dir})
	if err == nil || !strings.Contains(err.Error(), "big.md: the file is 32 MB, more than the 32 MB imprint reads: split it") {
		t.Errorf("a 32 MB manuscript: %v", err)
	}
	ms := filepath.Join(dir, "x.md")
	if err := os.WriteFile(ms, []byte("---\ntitle: T\nauthor: A\nlang: en\nbio: big.md\n---\n\nText.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(ms, Options{Root: dir}); err == nil || !strings.Contains(err.Error(), `x.md:5: bio "big.md": the file is 32 MB`) {
		t.Errorf("a 32 MB bio: %v", err)
	}
}

// TestBioLinkOutside: a bio that is a link out of the project is refused,
// as an image is.
func TestBioLinkOutside(t *testing.T) {
	dir, outside := t.TempDir(), t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "bio.md"), []byte("A secret.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(outside, "bio.md"), filepath.Join(dir, "bio.md")); err != nil {
		t.Fatal(err)
	}
	src := "---\ntitle: T\nauthor: A\nlang: en\nbio: bio.md\n---\n\nText.\n"
	_, err := Parse(filepath.Join(dir, "x.md"), []byte(src), Options{Root: dir})
	if err == nil || !strings.Contains(err.Error(), `x.md:5: bio "bio.md" is a link to `) {
		t.Errorf("a bio linking out: %v", err)
	}
}
