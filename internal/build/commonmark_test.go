package build_test

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/imprint-press/imprint/internal/build"
	"github.com/imprint-press/imprint/internal/manuscript"
	"github.com/imprint-press/imprint/internal/markdown"
	"github.com/imprint-press/imprint/internal/pdf"
	"github.com/imprint-press/imprint/internal/specexamples"
	"github.com/imprint-press/imprint/internal/validate"
	"github.com/yuin/goldmark/ast"
)

// The CommonMark spec examples through the whole build: each of the 652
// as a manuscript of its own, and every one that builds on its own in one
// manuscript. None may panic; an example may be refused only with a
// manuscript error (an image that is absolute or remote, which imprint
// never fetches) or a character the print edition cannot set; every
// edition built must pass qpdf --check, and every EPUB EPUBCheck without a
// fatal, error or warning. EPUBCheck runs once for all of them
// (validate.EPUBCheckAll, one JVM), beside qpdf.

const specFrontMatter = "---\ntitle: CommonMark example\nauthor: A. Writer\nlang: en\n---\n\n"

func TestCommonMarkExamplesBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 653 manuscripts")
	}
	validate.Require(t, validate.ToolQPDF)
	examples, err := specexamples.Load()
	if err != nil {
		t.Fatal(err)
	}
	if len(examples) != specexamples.Count {
		t.Errorf("%d spec examples, want %d", len(examples), specexamples.Count)
	}
	project := t.TempDir()
	out := filepath.Join(project, "dist")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	opts := build.Options{OutDir: out, Root: project}

	type outcome struct {
		editions []string
		err      error
	}
	outcomes := make([]outcome, len(examples))
	paths := make([]string, len(examples))
	for i, ex := range examples {
		paths[i] = writeFile(t, project, fmt.Sprintf("ex-%03d.md", ex.Example), specFrontMatter+ex.Markdown)
		provideImages(t, project, ex.Markdown)
	}
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				outcomes[i].editions, outcomes[i].err = buildWithoutPanic(paths[i], opts)
			}
		}()
	}
	for i := range examples {
		next <- i
	}
	close(next)
	wg.Wait()

	var pdfs, epubs []string
	label := map[string]string{}
	var combined strings.Builder
	combined.WriteString(specFrontMatter)
	refusals := map[string]int{}
	for i, o := range outcomes {
		ex := examples[i]
		var merr *manuscript.Error
		var gerr *pdf.GlyphError
		switch {
		case o.err == nil:
			epubPath, pdfPath := splitEditions(t, o.editions)
			pdfs, epubs = append(pdfs, pdfPath), append(epubs, epubPath)
			label[epubPath] = fmt.Sprintf("example %d (%s)", ex.Example, ex.Section)
			combined.WriteString(ex.Markdown + "\n\n<!-- -->\n\n")
		case errors.As(o.err, &merr) && strings.Contains(merr.Msg, "imprint never fetches"):
			refusals["a remote image"]++
		case errors.As(o.err, &merr) && strings.Contains(merr.Msg, "is an absolute path"):
			refusals["an image at an absolute path"]++
		case errors.As(o.err, &gerr):
			refusals["a character the print edition cannot set"]++
		default:
			t.Errorf("example %d (%s): %v\n%s", ex.Example, ex.Section, o.err, ex.Markdown)
		}
	}
	t.Logf("%d of %d examples built on their own; refused: %v", len(epubs), len(examples), refusals)

	ms := writeFile(t, project, "combined.md", combined.String())
	editions, err := buildWithoutPanic(ms, opts)
	if err != nil {
		t.Fatalf("the examples that build on their own do not build together: %v", err)
	}
	epubPath, pdfPath := splitEditions(t, editions)
	pdfs, epubs = append(pdfs, pdfPath), append(epubs, epubPath)
	label[epubPath] = fmt.Sprintf("the combined book of %d examples", len(epubs)-1)

	checkEditions(t, pdfs, epubs, label)
}

// splitEditions returns a manuscript's EPUB and PDF edition.
func splitEditions(t *testing.T, editions []string) (epub, pdf string) {
	t.Helper()
	for _, p := range editions {
		switch filepath.Ext(p) {
		case ".epub":
			epub = p
		case ".pdf":
			pdf = p
		}
	}
	if len(editions) != 2 || epub == "" || pdf == "" {
		t.Fatalf("editions %v, want an EPUB and a PDF", editions)
	}
	return epub, pdf
}

// provideImages puts a small PNG at every relative image path the
// example names, so that the example builds as far as its images allow.
func provideImages(t *testing.T, project, example string) {
	t.Helper()
	root := markdown.Parse([]byte(example))
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		img, ok := n.(*ast.Image)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		dest := string(img.Destination)
		if dest == "" || strings.Contains(dest, ":") || strings.HasPrefix(dest, "/") || strings.Contains(dest, "..") {
			return ast.WalkContinue, nil
		}
		p := filepath.Join(project, filepath.FromSlash(dest))
		if _, err := os.Stat(p); err == nil {
			return ast.WalkContinue, nil
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err == nil {
			os.WriteFile(p, smallPNG(t), 0o644)
		}
		return ast.WalkContinue, nil
	})
}

func smallPNG(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, 8, 6))); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// buildWithoutPanic builds one manuscript and turns a panic into an error
// that fails the test.
func buildWithoutPanic(ms string, opts build.Options) (editions []string, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("PANIC building %s: %v", ms, r)
		}
	}()
	return build.One(ms, opts)
}

// checkEditions runs qpdf --check on every PDF and, at the same time,
// EPUBCheck on every EPUB in one JVM (which keeps a core busy, so qpdf
// gets the others). label names each EPUB's manuscript in failures.
func checkEditions(t *testing.T, pdfs, epubs []string, label map[string]string) {
	t.Helper()
	type verdict struct {
		reports []validate.Report
		err     error
	}
	// Without a JDK on a laptop qpdf still runs; Require skips (or, in CI,
	// fails) only after it.
	batch := validate.Available(validate.ToolEPUBCheckBatch) == nil
	epubCheck := make(chan verdict, 1)
	if batch {
		go func() {
			reports, err := validate.EPUBCheckAll(epubs, false)
			epubCheck <- verdict{reports, err}
		}()
	}

	failures := make([]string, len(pdfs))
	var wg sync.WaitGroup
	next := make(chan int)
	for range max(1, runtime.GOMAXPROCS(0)-1) {
		wg.Go(func() {
			for i := range next {
				if out, err := validate.QPDFCheck(pdfs[i]); err != nil {
					failures[i] = fmt.Sprintf("%s: %v\n%s", filepath.Base(pdfs[i]), err, out)
				}
			}
		})
	}
	for i := range pdfs {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, f := range failures {
		if f != "" {
			t.Error(f)
		}
	}
	t.Logf("qpdf --check on %d PDFs", len(pdfs))

	if !batch {
		validate.Require(t, validate.ToolEPUBCheckBatch)
		t.Fatal("EPUBCheck became available during the test")
	}
	v := <-epubCheck
	if v.err != nil {
		// The error names each EPUB that could not be checked.
		t.Errorf("EPUBCheck could not check every EPUB: %v", v.err)
	}
	checked := 0
	for i, report := range v.reports {
		if report.Counts == nil {
			continue // named in v.err
		}
		checked++
		if problems := epubProblems(report); problems != "" {
			t.Errorf("%s, %s: EPUBCheck %s:\n%s", label[epubs[i]], filepath.Base(epubs[i]), report.CheckerVersion, problems)
		}
	}
	t.Logf("EPUBCheck on %d of %d EPUBs", checked, len(epubs))
}

// epubProblems lists a report's fatal errors, errors and warnings, one a
// line with where EPUBCheck found them; it is empty for a passing EPUB.
func epubProblems(report validate.Report) string {
	var b strings.Builder
	for _, m := range report.Messages {
		switch m.Severity {
		case validate.SeverityFatal, validate.SeverityError, validate.SeverityWarning:
		default:
			continue
		}
		fmt.Fprintf(&b, "  %s %s: %s", m.Severity, m.ID, m.Message)
		for _, l := range m.Locations {
			fmt.Fprintf(&b, " [%s:%d:%d]", l.Path, l.Line, l.Column)
		}
		b.WriteByte('\n')
	}
	return b.String()
}
