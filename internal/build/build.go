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
	workers := min(jobs, len(manuscripts))
	// Editions of one manuscript are rendered at once only when cores
	// would otherwise idle; when every core already builds a manuscript,
	// rendering them in turn gives the same throughput in less memory.
	concurrentEditions := workers < runtime.GOMAXPROCS(0)
	for w := 0; w < workers; w++ {
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
					r.Editions, r.Err = one(manuscripts[i], opts, concurrentEditions)
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

// One builds one manuscript's editions and returns their paths. The
// editions are rendered at once, using a second core when there is one.
func One(path string, opts Options) ([]string, error) { return one(path, opts, true) }

// one builds a manuscript's editions, rendering them at once when
// concurrent is set and in turn otherwise. Either way an edition is
// written and synced to disk in the background while the next renders,
// and none is put in place unless all of them were staged.
func one(path string, opts Options, concurrent bool) ([]string, error) {
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
	// The generated cover depends only on the metadata, so it is drawn
	// while the print edition is laid out.
	type drawn struct {
		png []byte
		err error
	}
	var cover chan drawn
	if doc.Meta.Cover == nil && concurrent {
		cover = make(chan drawn, 1)
		go func() {
			png, err := epub.DrawCover(doc)
			cover <- drawn{png, err}
		}()
	}
	// The print edition is laid out first: its page starts become the
	// EPUB's page list, so a reader of either can cite the same page.
	print, err := pdf.Typeset(doc)
	if err != nil {
		return nil, err
	}
	doc.PageStarts = print.PageStarts
	writeEPUB := func(w io.Writer) error {
		if cover == nil {
			return epub.Write(w, doc)
		}
		c := <-cover
		if c.err != nil {
			return fmt.Errorf("epub: %w", c.err)
		}
		return epub.Write(w, doc, epub.WithCover(c.png))
	}
	editions := []struct {
		ext   string
		write func(io.Writer) error
	}{
		{".epub", writeEPUB},
		{".pdf", func(w io.Writer) error { _, err := print.WriteTo(w); return err }},
	}
	// The editions only read the document, so they may render at once.
	type outcome struct {
		s   *staged
		err error
	}
	outcomes := make([]chan outcome, 0, len(editions))
	for _, ed := range editions {
		ch := make(chan outcome, 1)
		outcomes = append(outcomes, ch)
		final := filepath.Join(opts.OutDir, doc.Slug+ed.ext)
		render := func() error {
			var buf bytes.Buffer
			if err := ed.write(&buf); err != nil {
				ch <- outcome{err: err}
				return err
			}
			// Writing and syncing is mostly waiting for the disk, so it
			// overlaps the rendering of the next edition.
			go func() {
				s, err := stage(final, buf.Bytes())
				ch <- outcome{s, err}
			}()
			return nil
		}
		if concurrent {
			go render()
		} else if render() != nil {
			break
		}
	}
	var stagedFiles []*staged
	var firstErr error
	for _, ch := range outcomes {
		o := <-ch
		if o.s != nil {
			stagedFiles = append(stagedFiles, o.s)
		}
		if o.err != nil && firstErr == nil {
			// The first failing edition in the usual order is reported.
			firstErr = o.err
		}
	}
	if firstErr != nil {
		for _, s := range stagedFiles {
			s.discard()
		}
		return nil, firstErr
	}
	var written []string
	var commitErrs []error
	for _, s := range stagedFiles {
		if err := s.commit(); err != nil {
			commitErrs = append(commitErrs, err)
			continue
		}
		written = append(written, s.final)
	}
	return written, errors.Join(commitErrs...)
}
