// Package build owns turning manuscripts into editions on disk. It finds the
// manuscripts named on the command line, loads each once into the document
// model, renders every edition from that one document, and puts a
// manuscript's editions in place only when all of them succeeded, so a
// failed or interrupted build never leaves a half-written or mismatched
// edition behind.
package build

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/imprint-press/imprint/internal/epub"
	"github.com/imprint-press/imprint/internal/manuscript"
	"github.com/imprint-press/imprint/internal/pdf"
)

// Options steer a build.
type Options struct {
	OutDir          string // where editions go; created if missing
	Root            string // the project folder; images must live inside it
	SourceDateEpoch string // SOURCE_DATE_EPOCH, or ""
	Paper           string // overrides the manuscript's papersize when set
	Bleed           *bool  // overrides the manuscript's bleed when set
	Jobs            int    // manuscripts built at once; 0 = one per core
	// Progress, when set, receives one line per finished manuscript.
	Progress func(done, total int, r Result)
}

// Result is the outcome of one manuscript.
type Result struct {
	Manuscript string
	Editions   []string // paths written
	Err        error
}

// Run builds every manuscript concurrently and reports each one's result
// in input order. A failing manuscript does not stop the others.
func Run(ctx context.Context, manuscripts []string, opts Options) []Result {
	results := make([]Result, len(manuscripts))
	jobs := opts.Jobs
	if jobs <= 0 {
		jobs = runtime.GOMAXPROCS(0)
	}
	if err := os.MkdirAll(opts.OutDir, 0o755); err != nil {
		for i, m := range manuscripts {
			results[i] = Result{Manuscript: m, Err: fmt.Errorf("%s: cannot create the output folder %s: %w", m, opts.OutDir, unwrap(err))}
			if opts.Progress != nil {
				opts.Progress(i+1, len(manuscripts), results[i])
			}
		}
		return results
	}
	var (
		next, done int
		mu         sync.Mutex
		wg         sync.WaitGroup
	)
	for w := 0; w < min(jobs, len(manuscripts)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				i := next
				next++
				mu.Unlock()
				if i >= len(manuscripts) {
					return
				}
				r := Result{Manuscript: manuscripts[i]}
				if err := ctx.Err(); err != nil {
					r.Err = err
				} else {
					r.Editions, r.Err = One(manuscripts[i], opts)
				}
				results[i] = r
				mu.Lock()
				done++
				if opts.Progress != nil {
					opts.Progress(done, len(manuscripts), r)
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return results
}

// One builds one manuscript's editions and returns their paths.
func One(path string, opts Options) ([]string, error) {
	doc, err := manuscript.Load(path, manuscript.Options{Root: opts.Root, SourceDateEpoch: opts.SourceDateEpoch})
	if err != nil {
		return nil, err
	}
	if opts.Paper != "" {
		doc.Meta.Print.Paper = opts.Paper
	}
	if opts.Bleed != nil {
		doc.Meta.Print.Bleed = *opts.Bleed
	}
	// The print edition is laid out first: its page starts become the
	// EPUB's page list, so a reader of either can cite the same page.
	print, err := pdf.Typeset(doc)
	if err != nil {
		return nil, err
	}
	doc.PageStarts = print.PageStarts
	editions := []struct {
		ext   string
		write func(io.Writer) error
	}{
		{".epub", func(w io.Writer) error { return epub.Write(w, doc) }},
		{".pdf", func(w io.Writer) error { _, err := print.WriteTo(w); return err }},
	}
	var stagedFiles []*staged
	discard := func() {
		for _, s := range stagedFiles {
			s.discard()
		}
	}
	var buf bytes.Buffer
	for _, ed := range editions {
		buf.Reset()
		if err := ed.write(&buf); err != nil {
			discard()
			return nil, err
		}
		s, err := stage(filepath.Join(opts.OutDir, doc.Slug+ed.ext), buf.Bytes())
		if err != nil {
			discard()
			return nil, err
		}
		stagedFiles = append(stagedFiles, s)
	}
	var written []string
	var errs []error
	for _, s := range stagedFiles {
		if err := s.commit(); err != nil {
			errs = append(errs, err)
			continue
		}
		written = append(written, s.final)
	}
	return written, errors.Join(errs...)
}
