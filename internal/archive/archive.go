// Package archive owns the synthetic back catalogue that imprint's archive
// benchmarks build: N article-sized manuscripts made by recombining one real
// article's paragraphs with a fixed pseudo-random sequence, so the same seed
// always writes the same files, byte for byte, on every machine.
package archive

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Source is what every generated manuscript is made from.
type Source struct {
	// Article is a manuscript: its front matter is dropped, its body's
	// paragraphs and headings are recombined.
	Article []byte
	// Bio is the author bio every manuscript shares.
	Bio []byte
	// Lead is the lead image every manuscript shares; LeadExt its
	// extension with the dot (".jpg").
	Lead    []byte
	LeadExt string
}

// perFolder is how many manuscripts share a folder, so that no folder of a
// large archive holds tens of thousands of files.
const perFolder = 100

// Path is where manuscript i (0-based) of an archive lives, relative to its
// folder: articles/0012/article-001234.md.
func Path(i int) string {
	return filepath.Join("articles", fmt.Sprintf("%04d", i/perFolder), fmt.Sprintf("article-%06d.md", i))
}

// Generate writes n manuscripts, the shared bio and the shared lead image
// under dir. Build them with `imprint build -root DIR -o OUT DIR`: the
// shared files live at the archive's top, outside each manuscript's folder.
func Generate(dir string, n int, seed uint64, src Source) error {
	if n < 0 {
		return fmt.Errorf("archive: %d manuscripts: the count cannot be negative", n)
	}
	parts, err := parseBody(src.Article)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Join(dir, "images"), 0o755); err != nil {
		return fmt.Errorf("archive: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "bio.md"), src.Bio, 0o644); err != nil {
		return fmt.Errorf("archive: %w", err)
	}
	lead := "lead" + src.LeadExt
	if err := os.WriteFile(filepath.Join(dir, "images", lead), src.Lead, 0o644); err != nil {
		return fmt.Errorf("archive: %w", err)
	}
	var buf bytes.Buffer
	for i := range n {
		p := filepath.Join(dir, Path(i))
		if i%perFolder == 0 {
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				return fmt.Errorf("archive: %w", err)
			}
		}
		buf.Reset()
		writeManuscript(&buf, parts, i, seed, "../../images/"+lead, "../../bio.md")
		if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
			return fmt.Errorf("archive: %w", err)
		}
	}
	return nil
}

// body is an article's text split into the pieces a manuscript is
// recombined from.
type body struct {
	Title      string
	Paragraphs []string // plain paragraphs, in the article's order
	Headings   []string // the "## " headings' text
	// Shape is the article's sequence of blocks: false a paragraph, true
	// a heading. Every generated manuscript keeps it, so each is article
	// sized and sectioned like the original.
	Shape []bool
}

// parseBody splits a manuscript into its title and body blocks.
func parseBody(article []byte) (*body, error) {
	text := strings.ReplaceAll(string(article), "\r\n", "\n")
	rest, ok := strings.CutPrefix(text, "---\n")
	if !ok {
		return nil, errors.New("archive: the source article has no front matter")
	}
	front, bodyText, ok := strings.Cut(rest, "\n---\n")
	if !ok {
		return nil, errors.New("archive: the source article's front matter is never closed")
	}
	b := &body{}
	for _, line := range strings.Split(front, "\n") {
		if v, ok := strings.CutPrefix(line, "title:"); ok {
			b.Title = strings.Trim(strings.TrimSpace(v), `"'`)
		}
	}
	for _, block := range strings.Split(bodyText, "\n\n") {
		block = strings.TrimSpace(block)
		switch {
		case block == "":
		case strings.HasPrefix(block, "## "):
			b.Headings = append(b.Headings, strings.TrimPrefix(block, "## "))
			b.Shape = append(b.Shape, true)
		default:
			b.Paragraphs = append(b.Paragraphs, block)
			b.Shape = append(b.Shape, false)
		}
	}
	if b.Title == "" || len(b.Paragraphs) == 0 {
		return nil, errors.New("archive: the source article needs a title and at least one paragraph")
	}
	return b, nil
}

// writeManuscript writes manuscript i of the archive made with seed: front
// matter naming the shared lead image and bio, then the article's shape
// filled with paragraphs and headings drawn from the source.
func writeManuscript(w *bytes.Buffer, b *body, i int, seed uint64, leadPath, bioPath string) {
	r := newRNG(seed, uint64(i))
	title := b.Title
	if len(b.Headings) > 0 && r.intn(3) > 0 {
		title = b.Headings[r.intn(len(b.Headings))]
	}
	date := fmt.Sprintf("20%02d-%02d-%02d", 10+r.intn(17), 1+r.intn(12), 1+r.intn(28))
	fmt.Fprintf(w, "---\ntitle: %s\n", yamlString(title))
	fmt.Fprintf(w, "subtitle: %s\n", yamlString(fmt.Sprintf("Dispatch %d", i+1)))
	w.WriteString("author:\n  - name: Jacqueline R. Sutherland\n    file-as: \"Sutherland, Jacqueline R.\"\nlang: en-US\n")
	fmt.Fprintf(w, "description: %s\n", yamlString(firstSentence(b.Paragraphs[r.intn(len(b.Paragraphs))])))
	fmt.Fprintf(w, "date: %s\npublisher: Imprint Press\n", date)
	w.WriteString("rights: \"All rights reserved. Text © Jacqueline R. Sutherland; lead image © Reuters.\"\n")
	// No identifier: the loader derives a stable one from the metadata,
	// which the subtitle makes unique per manuscript.
	w.WriteString("subject:\n  - Terrorism\n  - Counterterrorism\n")
	fmt.Fprintf(w, "lead-image:\n  file: %s\n  alt: \"An Islamic State flag.\"\n", leadPath)
	w.WriteString("  caption: \"An Islamic State flag is seen in this picture illustration taken February 18, 2016.\"\n")
	w.WriteString("  credit: \"REUTERS/Dado Ruvic/Illustration/File Photo\"\n")
	fmt.Fprintf(w, "bio: %s\npapersize: trade\n---\n", bioPath)
	for _, heading := range b.Shape {
		w.WriteString("\n")
		if heading && len(b.Headings) > 0 {
			w.WriteString("## " + b.Headings[r.intn(len(b.Headings))] + "\n")
			continue
		}
		w.WriteString(b.Paragraphs[r.intn(len(b.Paragraphs))] + "\n")
	}
}

// firstSentence is a paragraph's opening up to its first full stop
// followed by a space, which makes a plausible standfirst.
func firstSentence(p string) string {
	if i := strings.Index(p, ". "); i > 0 {
		return p[:i+1]
	}
	return p
}

// yamlString quotes s as a YAML double-quoted scalar.
func yamlString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// rng is SplitMix64 (Steele, Lea and Flood, 2014): written out here so the
// sequence can never change under us with a new Go release.
type rng struct{ state uint64 }

func newRNG(seed, stream uint64) *rng {
	r := &rng{state: seed ^ (stream+1)*0x9e3779b97f4a7c15}
	r.next()
	return r
}

func (r *rng) next() uint64 {
	r.state += 0x9e3779b97f4a7c15
	z := r.state
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}

// intn returns a number in [0, n); the modulo bias is irrelevant for the
// small n used here.
func (r *rng) intn(n int) int { return int(r.next() % uint64(n)) }
