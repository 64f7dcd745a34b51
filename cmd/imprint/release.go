package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/imprint-press/imprint/internal/build"
	"github.com/imprint-press/imprint/internal/release"
	"github.com/imprint-press/imprint/internal/verify"
)

// verifyEditions checks a manuscript's editions against it and each other;
// set by verify.go.
var verifyEditions func(manuscript, epub, pdf string) error

func runRelease(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("release", "Usage: imprint release [-o DIR] MANUSCRIPT|FOLDER...\n\n"+
		"Builds every manuscript's editions, verifies them, and replaces DIR with a folder holding\n"+
		"the editions, SHA256SUMS and manifest.json. Set SOURCE_DATE_EPOCH (make release takes it\n"+
		"from the last commit that touched manuscript/) for a reproducible release.", stderr)
	out := fs.String("o", "dist", "the release `folder`, replaced as a whole")
	root := fs.String("root", ".", "the project `folder`")
	if code, ok := parseFlags(fs, args, "imprint release: name the manuscripts, e.g. imprint release manuscript/", stderr); !ok {
		return code
	}
	list, err := build.Expand(fs.Args())
	if err != nil {
		fmt.Fprintln(stderr, "imprint release:", err)
		return 1
	}
	limitMemory(list, 0)
	err = release.Make(list, release.Options{OutDir: *out, Root: *root, Version: version,
		SourceDateEpoch: os.Getenv("SOURCE_DATE_EPOCH"), Verify: verifyEditions})
	if err != nil {
		fmt.Fprintln(stderr, err)
		fmt.Fprintln(stderr, "imprint release: failed; the previous release folder was left as it was")
		return 1
	}
	fmt.Fprintf(stdout, "imprint release: %s holds %d manuscript(s), SHA256SUMS and manifest.json\n", *out, len(list))
	return 0
}

func init() {
	verifyEditions = func(manuscriptPath, epubPath, pdfPath string) error {
		report, err := verify.Check(manuscriptPath, epubPath, pdfPath, verify.Options{
			Root: ".", SourceDateEpoch: os.Getenv("SOURCE_DATE_EPOCH")})
		if err != nil {
			return err
		}
		if drift := report.Drift(); len(drift) > 0 {
			var lines []string
			for _, d := range drift {
				lines = append(lines, d.Line())
			}
			return errors.New(strings.Join(lines, "\n"))
		}
		return nil
	}
}
