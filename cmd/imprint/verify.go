package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/imprint-press/imprint/internal/build"
	"github.com/imprint-press/imprint/internal/manuscript"
	"github.com/imprint-press/imprint/internal/verify"
)

// verifyJob is one comparison: a manuscript with its editions, or two
// editions with each other (manuscript "").
type verifyJob struct {
	manuscript, epub, pdf string
}

// runVerify is `imprint verify`: exit 0 when everything agrees, 1 on any
// drift or unreadable edition, 2 on a usage error.
func runVerify(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("verify", "Usage: imprint verify [-o DIR] MANUSCRIPT|FOLDER|EDITION...\n\n"+
		"Reads DIR/<slug>.epub and DIR/<slug>.pdf back and compares them with the manuscript and with\n"+
		"each other: every metadata field, the image credit, the bio, every paragraph in order, and\n"+
		"where the print pages begin. Given an .epub and a .pdf, compares the two editions only.\n"+
		"Prints one line per field; exits 1 on any drift. Set SOURCE_DATE_EPOCH as the build had it.", stderr)
	out := fs.String("o", "dist", "look for the editions in `DIR`")
	root := fs.String("root", ".", "the project `folder` the manuscripts were built in")
	if code, ok := parseFlags(fs, args, "imprint verify: name a manuscript, a folder or an edition, e.g. imprint verify manuscript/article.md", stderr); !ok {
		return code
	}
	jobs, err := verifyJobs(fs.Args(), *out)
	if err != nil {
		fmt.Fprintln(stderr, "imprint verify:", err)
		return 2
	}
	opts := verify.Options{Root: *root, SourceDateEpoch: os.Getenv("SOURCE_DATE_EPOCH")}
	failed := 0
	for i, j := range jobs {
		if i > 0 {
			fmt.Fprintln(stdout)
		}
		report, err := verify.Check(j.manuscript, j.epub, j.pdf, opts)
		if err != nil {
			fmt.Fprintln(stderr, "imprint verify:", err)
			failed++
			continue
		}
		if err := report.Write(stdout); err != nil {
			fmt.Fprintln(stderr, "imprint verify:", err)
			return 1
		}
		if !report.OK() {
			failed++
		}
	}
	if len(jobs) > 1 {
		fmt.Fprintf(stdout, "\n%d of %d verified without drift\n", len(jobs)-failed, len(jobs))
	}
	if failed > 0 {
		return 1
	}
	return 0
}

// verifyJobs turns the arguments into comparisons. One .epub and one .pdf
// are a pair; more editions pair by file name (book.epub with book.pdf,
// which must exist beside it); everything else is a manuscript, folder or glob, whose editions are
// looked up in outDir by the manuscript's slug.
func verifyJobs(args []string, outDir string) ([]verifyJob, error) {
	var jobs []verifyJob
	var sources, epubs, pdfs []string
	for _, a := range args {
		switch strings.ToLower(filepath.Ext(a)) {
		case ".epub":
			epubs = append(epubs, a)
		case ".pdf":
			pdfs = append(pdfs, a)
		default:
			sources = append(sources, a)
		}
	}
	if len(epubs) == 1 && len(pdfs) == 1 {
		// One of each: they are the pair, whatever their names.
		jobs = append(jobs, verifyJob{epub: epubs[0], pdf: pdfs[0]})
	} else {
		paired := map[string]bool{}
		for _, a := range append(epubs, pdfs...) {
			stem := strings.TrimSuffix(filepath.Clean(a), filepath.Ext(a))
			if paired[stem] {
				continue
			}
			paired[stem] = true
			j := verifyJob{epub: stem + ".epub", pdf: stem + ".pdf"}
			for _, p := range []string{j.epub, j.pdf} {
				if _, err := os.Stat(p); err != nil {
					return nil, fmt.Errorf("%s has no companion %s to compare it with", a, p)
				}
			}
			jobs = append(jobs, j)
		}
	}
	if len(sources) > 0 {
		list, err := build.Expand(sources)
		if err != nil {
			return nil, err
		}
		for _, m := range list {
			slug := manuscript.Slug(m)
			jobs = append(jobs, verifyJob{manuscript: m,
				epub: filepath.Join(outDir, slug+".epub"), pdf: filepath.Join(outDir, slug+".pdf")})
		}
	}
	return jobs, nil
}
