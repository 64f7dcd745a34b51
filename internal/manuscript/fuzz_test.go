package manuscript

import (
	"bytes"
	"errors"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/imprint-press/imprint/internal/specexamples"
)

// FuzzLoad feeds the loader arbitrary bytes: it must return a document or
// a *Error that names the file, never panic, whatever the bytes.
func FuzzLoad(f *testing.F) {
	examples, err := specexamples.Load()
	if err != nil {
		f.Fatal(err)
	}
	for _, ex := range examples {
		f.Add([]byte(minimal[:strings.Index(minimal, "Text.")] + ex.Markdown))
	}
	for _, seed := range []string{
		"", "---", "---\n", "---\n---\n", "# no front matter\n", "\xef\xbb\xbf---\r\ntitle: T\r\nauthor: A\r\nlang: en\r\n---\r\nText\r\n",
		"---\ntitle: T\nauthor: [A\nlang: en\n---\nText\n",
		"---\ntitle: T\nauthor: {name: A, file-as: B, role: edt}\nlang: he\ndate: 2024-02\nidentifier: 978-0-306-40615-7\n---\n![x](a.png)\n",
		"---\ntitle: T\nauthor: A\nlang: en\nsubject: &a [x, *a]\n---\nText\n",
		"---\ntitle: T\nauthor: A\nlang: en\nlead-image:\n  file: a.png\n  alt: A\ncover-image: a.png\n---\nText\n",
		"---\ntitle: T\nauthor: A\nlang: en\n---\n" + strings.Repeat("> ", 40) + "x\n" + strings.Repeat("*", 80) + "x\n",
		"---\ntitle: T\nauthor: A\nlang: en\n---\n- a\nb\n  - c\nd\n    - e\n",
	} {
		f.Add([]byte(seed))
	}
	dir := f.TempDir()
	img := image.NewGray(image.Rect(0, 0, 4, 3))
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		f.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "a.png"), buf.Bytes(), 0o644); err != nil {
		f.Fatal(err)
	}
	path := filepath.Join(dir, "x.md")
	f.Fuzz(func(t *testing.T, src []byte) {
		doc, err := Parse(path, src, Options{Root: dir})
		if err != nil {
			var merr *Error
			if !errors.As(err, &merr) || !strings.HasPrefix(err.Error(), path+":") || merr.Msg == "" {
				t.Fatalf("error %q (%T) is not a manuscript error naming %s", err, err, path)
			}
			return
		}
		if doc.Meta.Title == "" || len(doc.Meta.Authors) == 0 || doc.Meta.Language == "" || doc.Body.Root == nil {
			t.Fatalf("accepted a document without title, author, language or body: %+v", doc.Meta)
		}
	})
}
