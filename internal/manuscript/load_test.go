package manuscript

import (
	"encoding/binary"
	"errors"
	"hash/crc32"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// repoRoot is the project folder, two levels up from this package.
const repoRoot = "../.."

func TestLoadArticle(t *testing.T) {
	doc, err := Load(filepath.Join(repoRoot, "manuscript", "article.md"), Options{Root: repoRoot})
	if err != nil {
		t.Fatal(err)
	}
	m := doc.Meta
	if m.Title != "How Is ISIS Able to Commit Acts of Terror as It Loses Territory?" {
		t.Errorf("title = %q", m.Title)
	}
	if len(m.Authors) != 1 || m.Authors[0].Name != "Jacqueline R. Sutherland" || m.Authors[0].Role != "aut" {
		t.Errorf("authors = %+v", m.Authors)
	}
	if m.Language != "en-US" || m.Identifier.Scheme != "UUID" || m.Lead == nil || m.Lead.MediaType != "image/jpeg" {
		t.Errorf("lang %q id %+v lead %+v", m.Language, m.Identifier, m.Lead)
	}
	if m.Lead.Credit != "REUTERS/Dado Ruvic/Illustration/File Photo" || m.Lead.Alt == "" {
		t.Errorf("lead image credit/alt: %+v", m.Lead)
	}
	if doc.Bio == nil || !strings.Contains(string(doc.Bio.Source), "*The Hill*") {
		t.Error("bio not loaded, or its publication names are not in italics")
	}
	if want := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC); !m.Modified.Equal(want) {
		t.Errorf("modified = %v, want the manuscript date %v", m.Modified, want)
	}
	// The manuscript states its derived identifier explicitly; deriving it
	// again from the same metadata must give the same UUID.
	if d := derivedIdentifier(&m); d.Value != m.Identifier.Value {
		t.Errorf("derived identifier %s differs from the manuscript's %s", d.Value, m.Identifier.Value)
	}
	if doc.Slug != "article" {
		t.Errorf("slug = %q", doc.Slug)
	}
}

func TestSourceDateEpochOverridesTheDate(t *testing.T) {
	doc, err := Load(filepath.Join(repoRoot, "manuscript", "article.md"), Options{Root: repoRoot, SourceDateEpoch: "1700000000"})
	if err != nil {
		t.Fatal(err)
	}
	if got := doc.Meta.Modified; !got.Equal(time.Unix(1700000000, 0)) || got.Location() != time.UTC {
		t.Errorf("modified = %v", got)
	}
	if doc.Meta.Date.Text != "2026-11-23" {
		t.Errorf("the publication date must stay the manuscript's, got %q", doc.Meta.Date.Text)
	}
	if _, err := Load(filepath.Join(repoRoot, "manuscript", "article.md"), Options{Root: repoRoot, SourceDateEpoch: "yesterday"}); err == nil {
		t.Error("a SOURCE_DATE_EPOCH that is not a number was accepted")
	}
}

const minimal = "---\ntitle: T\nauthor: A. Writer\nlang: en\n---\n\nText.\n"

// TestBadInput checks that each mistake gets file:line and a way out.
func TestBadInput(t *testing.T) {
	cases := []struct {
		name, src, want string
	}{
		{"no front matter", "# Title\n\nText.\n", "x.md:1: no front matter"},
		{"unclosed", "---\ntitle: T\n\nText.\n", "x.md:1: the front matter opened here is never closed"},
		{"malformed YAML", "---\ntitle: T\nauthor: [A\nlang: en\n---\nText\n", "x.md:"},
		{"unknown key", "---\ntitle: T\nauthr: A\nlang: en\n---\nText\n", `x.md:3: unknown key "authr" in the front matter: did you mean "author"?`},
		{"no title", "---\nauthor: A\nlang: en\n---\nText\n", "x.md:1: the front matter has no title"},
		{"no author", "---\ntitle: T\nlang: en\n---\nText\n", "no author"},
		{"no lang", "---\ntitle: T\nauthor: A\n---\nText\n", "no lang"},
		{"bad date", "---\ntitle: T\nauthor: A\nlang: en\ndate: last Tuesday\n---\nText\n", `x.md:5: date: "last Tuesday" is not a date`},
		{"bad lang", "---\ntitle: T\nauthor: A\nlang: english\n---\nText\n", `x.md:4: lang: "english" is not a BCP 47 language tag`},
		{"underscore lang", "---\ntitle: T\nauthor: A\nlang: en_US\n---\nText\n", `use a hyphen, as in "en-US"`},
		{"bad ISBN", "---\ntitle: T\nauthor: A\nlang: en\nidentifier: 978-0-306-40615-6\n---\nText\n", "x.md:5: identifier: ISBN 9780306406156 has check digit 6 but its digits give 7"},
		{"empty body", "---\ntitle: T\nauthor: A\nlang: en\n---\n\n\n", "no text after its front matter"},
		{"not UTF-8", "---\ntitle: T\nauthor: A\nlang: en\n---\nCaf\xe9\n", "x.md:6: byte 0xE9 is not UTF-8"},
		{"NUL", "---\ntitle: T\nauthor: A\nlang: en\n---\n\nA\x00B\n", "x.md:7: control character U+0000"},
		{"remote image", "---\ntitle: T\nauthor: A\nlang: en\ncover-image: https://example.com/c.jpg\n---\nText\n", "x.md:5: cover-image \"https://example.com/c.jpg\": is a remote or inline reference, and imprint never fetches"},
		{"missing image", "---\ntitle: T\nauthor: A\nlang: en\ncover-image: nope.jpg\n---\nText\n", "does not exist"},
		{"image outside", "---\ntitle: T\nauthor: A\nlang: en\ncover-image: ../../etc/passwd\n---\nText\n", "leaves the project folder"},
		{"absolute image", "---\ntitle: T\nauthor: A\nlang: en\ncover-image: /etc/passwd\n---\nText\n", "is an absolute path"},
		{"bad lead-image key", "---\ntitle: T\nauthor: A\nlang: en\nlead-image:\n  file: a.jpg\n  credt: X\n---\nText\n", `x.md:7: unknown key "credt" in lead-image: did you mean "credit"?`},
	}
	dir := t.TempDir()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse(filepath.Join(dir, "x.md"), []byte(c.src), Options{Root: dir})
			if err == nil {
				t.Fatalf("accepted; want an error containing %q", c.want)
			}
			var merr *Error
			if !errors.As(err, &merr) {
				t.Fatalf("error %v is not a *manuscript.Error", err)
			}
			if got := strings.TrimPrefix(err.Error(), dir+string(filepath.Separator)); !strings.Contains(got, c.want) {
				t.Errorf("error = %q\nwant it to contain %q", got, c.want)
			}
		})
	}
}

func TestBOMAndCRLFBuildNormally(t *testing.T) {
	dir := t.TempDir()
	crlf := "\xef\xbb\xbf" + strings.ReplaceAll(minimal, "\n", "\r\n")
	a, err := Parse(filepath.Join(dir, "x.md"), []byte(crlf), Options{Root: dir})
	if err != nil {
		t.Fatal(err)
	}
	b, err := Parse(filepath.Join(dir, "x.md"), []byte(minimal), Options{Root: dir})
	if err != nil {
		t.Fatal(err)
	}
	if string(a.Body.Source) != string(b.Body.Source) || a.Meta.Identifier != b.Meta.Identifier {
		t.Error("a BOM and CRLF line endings changed the document")
	}
}

func TestImagesAreChecked(t *testing.T) {
	dir := t.TempDir()
	lead, err := os.ReadFile(filepath.Join(repoRoot, "assets", "images", "lead.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	write := func(name string, b []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("ok.jpg", lead)
	write("cut.jpg", lead[:len(lead)/2])
	write("text.jpg", []byte("hello, not an image"))
	write("pic.webp", []byte("RIFF\x00\x00\x00\x00WEBPVP8 "))
	// A PNG header claiming 50000x50000 pixels: a decompression bomb.
	ihdr := []byte("IHDR\x00\x00\xc3\x50\x00\x00\xc3\x50\x08\x02\x00\x00\x00")
	bomb := append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\x0d"), ihdr...)
	bomb = binary.BigEndian.AppendUint32(bomb, crc32.ChecksumIEEE(ihdr))
	write("bomb.png", bomb)
	if err := os.Symlink("/etc/hostname", filepath.Join(dir, "link.jpg")); err != nil {
		t.Fatal(err)
	}
	for file, want := range map[string]string{
		"ok.jpg": "", "cut.jpg": "truncated or corrupt", "text.jpg": "is not an image",
		"pic.webp": "is a WebP image", "bomb.png": "decompression bomb", "link.jpg": "outside the project",
	} {
		src := strings.Replace(minimal, "lang: en\n", "lang: en\ncover-image: "+file+"\n", 1)
		_, err := Parse(filepath.Join(dir, "x.md"), []byte(src), Options{Root: dir})
		switch {
		case want == "" && err != nil:
			t.Errorf("%s: %v", file, err)
		case want != "" && (err == nil || !strings.Contains(err.Error(), want)):
			t.Errorf("%s: error %v, want %q", file, err, want)
		}
	}
}

func TestEditDistanceSuggestions(t *testing.T) {
	for key, want := range map[string]string{"titel": "title", "Lang": "lang", "coverimage": "cover-image", "zzzzzzzzz": ""} {
		if got := nearest(key, knownKeys); got != want {
			t.Errorf("nearest(%q) = %q, want %q", key, got, want)
		}
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{"manuscript/article.md": "article", "My Article.md": "my-article", "../Été 2017!.md": "été-2017", "---.md": "manuscript"} {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}
