package build_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/imprint-press/imprint/internal/archive"
	"github.com/imprint-press/imprint/internal/build"
	"github.com/imprint-press/imprint/internal/cover"
	"github.com/imprint-press/imprint/internal/document"
	"github.com/imprint-press/imprint/internal/epub"
	"github.com/imprint-press/imprint/internal/manuscript"
	"github.com/imprint-press/imprint/internal/pdf"
)

const benchRoot = "../.."

var benchManuscript = filepath.Join(benchRoot, "manuscript", "article.md")

// benchDoc loads the article with its print page starts, as build.One
// hands it to the EPUB writer.
func benchDoc(b *testing.B) *document.Document {
	b.Helper()
	doc, err := manuscript.Load(benchManuscript, manuscript.Options{Root: benchRoot})
	if err != nil {
		b.Fatal(err)
	}
	e, err := pdf.Typeset(doc)
	if err != nil {
		b.Fatal(err)
	}
	doc.PageStarts = e.PageStarts
	return doc
}

// BenchmarkWriteEPUB measures the EPUB edition alone, its drawn cover
// included (the article names no cover image).
func BenchmarkWriteEPUB(b *testing.B) {
	doc := benchDoc(b)
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := epub.Write(&buf, doc); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len())/1024, "KiB")
}

// BenchmarkCover measures drawing the article's cover as a PNG.
func BenchmarkCover(b *testing.B) {
	doc := benchDoc(b)
	c := cover.Content{Title: doc.Meta.Title, Subtitle: doc.Meta.Subtitle, Authors: doc.Meta.AuthorNames()}
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := cover.PNG(&buf, c); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len())/1024, "KiB")
}

// BenchmarkBuildOne measures a whole build of one manuscript in a warm
// process: load, layout, both editions, staging and renaming into place.
func BenchmarkBuildOne(b *testing.B) {
	out := b.TempDir()
	opts := build.Options{OutDir: out, Root: benchRoot}
	b.ReportAllocs()
	for b.Loop() {
		written, err := build.One(benchManuscript, opts)
		if err != nil {
			b.Fatal(err)
		}
		if len(written) != 2 {
			b.Fatalf("wrote %v, want an EPUB and a PDF", written)
		}
	}
}

// BenchmarkRunArchive measures many manuscripts built concurrently, as
// `imprint build FOLDER` does, over a generated archive of 20 articles; the
// per-manuscript figure is what the archive runs in scripts/bench.sh scale.
func BenchmarkRunArchive(b *testing.B) {
	const n = 20
	dir := b.TempDir()
	if err := archive.Generate(dir, n, 1, archiveSource(b)); err != nil {
		b.Fatal(err)
	}
	list, err := build.Expand([]string{dir})
	if err != nil {
		b.Fatal(err)
	}
	opts := build.Options{OutDir: b.TempDir(), Root: dir}
	b.ReportAllocs()
	for b.Loop() {
		for _, r := range build.Run(context.Background(), list, opts) {
			if r.Err != nil {
				b.Fatal(r.Err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N*n), "ms/manuscript")
}

func archiveSource(b *testing.B) archive.Source {
	b.Helper()
	var src archive.Source
	for _, f := range []struct {
		path string
		into *[]byte
	}{
		{benchManuscript, &src.Article},
		{filepath.Join(benchRoot, "manuscript", "bio.md"), &src.Bio},
		{filepath.Join(benchRoot, "assets", "images", "lead.jpg"), &src.Lead},
	} {
		data, err := os.ReadFile(f.path)
		if err != nil {
			b.Fatal(err)
		}
		*f.into = data
	}
	src.LeadExt = ".jpg"
	return src
}
