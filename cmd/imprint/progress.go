package main

import (
	"fmt"
	"io"
	"os"

	"github.com/imprint-press/imprint/internal/build"
)

// progress shows a one-line counter on a terminal and stays quiet in CI or
// when piped; failures are always reported, each as it happens.
type progress struct {
	w           io.Writer
	interactive bool
}

func newProgress(w io.Writer, quiet bool) *progress {
	interactive := false
	if f, ok := w.(*os.File); ok && !quiet && os.Getenv("CI") == "" {
		if info, err := f.Stat(); err == nil && info.Mode()&os.ModeCharDevice != 0 {
			interactive = true
		}
	}
	return &progress{w: w, interactive: interactive}
}

func (p *progress) report(done, total int, r build.Result) {
	if r.Err != nil {
		if p.interactive {
			fmt.Fprint(p.w, "\r\033[K")
		}
		fmt.Fprintln(p.w, r.Err)
	}
	if p.interactive && total > 1 {
		fmt.Fprintf(p.w, "\r\033[K[%d/%d] %s", done, total, r.Manuscript)
	}
}

// finish prints the summary and returns the exit code: 1 if any failed.
func (p *progress) finish(results []build.Result) int {
	failed := 0
	for _, r := range results {
		if r.Err != nil {
			failed++
		}
	}
	if p.interactive && len(results) > 1 {
		fmt.Fprint(p.w, "\r\033[K")
	}
	if failed > 0 {
		fmt.Fprintf(p.w, "imprint build: %d of %d manuscripts failed; their editions were left as they were\n", failed, len(results))
		return 1
	}
	if p.interactive {
		fmt.Fprintf(p.w, "imprint build: %d manuscript(s) built\n", len(results))
	}
	return 0
}
