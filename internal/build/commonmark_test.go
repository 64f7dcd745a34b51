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
	"sort"
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
// never fetches); every edition built must pass qpdf --check, and
// EPUBCheck: on every 25th example and the combined book in a normal run,
// on all of them with IMPRINT_FULL_SPEC=1 (about half an hour, one JVM
// start per book).

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
	full := os.Getenv("IMPRINT_FULL_SPEC") != ""
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

	var built []string
	var combined strings.Builder
	combined.WriteString(specFrontMatter)
	refusals := map[string]int{}
	toCheck := map[string]bool{}
	for i, o := range outcomes {
		ex := examples[i]
		var merr *manuscript.Error
		var gerr *pdf.GlyphError
		switch {
		case o.err == nil:
			built = append(built, o.editions...)
			combined.WriteString(ex.Markdown + "\n\n<!-- -->\n\n")
			if full || ex.Example%25 == 0 {
				toCheck[o.editions[0]] = true
			}
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
	t.Logf("%d of %d examples built on their own; refused: %v", len(built)/2, len(examples), refusals)

	ms := writeFile(t, project, "combined.md", combined.String())
	editions, err := buildWithoutPanic(ms, opts)
	if err != nil {
		t.Fatalf("the examples that build on their own do not build together: %v", err)
	}
	built = append(built, editions...)
	toCheck[editions[0]] = true

	checkEditions(t, built, toCheck)
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

// checkEditions runs qpdf on every PDF and EPUBCheck on the EPUBs named in
// epubCheck, on all cores.
func checkEditions(t *testing.T, editions []string, epubCheck map[string]bool) {
	t.Helper()
	var jobs []string
	for _, p := range editions {
		if strings.HasSuffix(p, ".pdf") || epubCheck[p] {
			jobs = append(jobs, p)
		}
	}
	if len(epubCheck) > 0 {
		validate.Require(t, validate.ToolEPUBCheck)
	}
	var mu sync.Mutex
	var failures []string
	var wg sync.WaitGroup
	next := make(chan string)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range next {
				var problem string
				if strings.HasSuffix(p, ".pdf") {
					if out, err := validate.QPDFCheck(p); err != nil {
						problem = fmt.Sprintf("%v\n%s", err, out)
					}
				} else if report, err := validate.EPUBCheck(p, false); err != nil {
					problem = err.Error()
				} else if n := report.Counts[validate.SeverityFatal] + report.Counts[validate.SeverityError]; n > 0 {
					problem = fmt.Sprintf("EPUBCheck %s: %d errors: %+v", report.CheckerVersion, n, report.Messages)
				}
				if problem != "" {
					mu.Lock()
					failures = append(failures, filepath.Base(p)+": "+problem)
					mu.Unlock()
				}
			}
		}()
	}
	for _, p := range jobs {
		next <- p
	}
	close(next)
	wg.Wait()
	sort.Strings(failures)
	for _, f := range failures {
		t.Error(f)
	}
	t.Logf("qpdf --check on %d PDFs, EPUBCheck on %d EPUBs", len(editions)/2, len(epubCheck))
}
