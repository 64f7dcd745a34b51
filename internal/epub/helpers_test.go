package epub

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/imprint-press/imprint/internal/document"
	"github.com/imprint-press/imprint/internal/manuscript"
)

// repoRoot is the module root, found from this file's location.
func repoRoot(t testing.TB) string {
	t.Helper()
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("cannot locate the test file")
	}
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// loadFixture loads a manuscript under testdata with testdata as the
// project root.
func loadFixture(t testing.TB, name string) *document.Document {
	t.Helper()
	doc, err := manuscript.Load(filepath.Join("testdata", name), manuscript.Options{Root: "testdata"})
	if err != nil {
		t.Fatalf("loading %s: %v", name, err)
	}
	return doc
}

// loadArticle loads the real article, or skips when it is not there yet.
func loadArticle(t testing.TB) *document.Document {
	t.Helper()
	root := repoRoot(t)
	path := filepath.Join(root, "manuscript", "article.md")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("SKIP: %s not present", path)
	}
	doc, err := manuscript.Load(path, manuscript.Options{Root: root})
	if err != nil {
		t.Fatalf("loading the article: %v", err)
	}
	return doc
}

func build(t testing.TB, doc *document.Document) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, doc); err != nil {
		t.Fatalf("Write: %v", err)
	}
	return buf.Bytes()
}

// writeTemp saves an EPUB for the external checkers.
func writeTemp(t testing.TB, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// unzip returns the container's files by name, and their names in order.
func unzip(t testing.TB, data []byte) (map[string][]byte, []string, *zip.Reader) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("not a ZIP: %v", err)
	}
	files := map[string][]byte{}
	var names []string
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatalf("opening %s: %v", f.Name, err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("reading %s: %v", f.Name, err)
		}
		if _, dup := files[f.Name]; dup {
			t.Errorf("%s appears twice in the container", f.Name)
		}
		files[f.Name] = b
		names = append(names, f.Name)
	}
	return files, names, zr
}

// wellFormed parses b as strict XML to its end.
func wellFormed(b []byte) error {
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = true
	for {
		_, err := d.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
	}
}
