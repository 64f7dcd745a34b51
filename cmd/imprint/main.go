// Command imprint turns Markdown manuscripts into an EPUB edition and a
// print-ready PDF edition that carry the same metadata.
//
//	imprint build [-o DIR] [flags] MANUSCRIPT|FOLDER|GLOB...
//	imprint verify [flags] MANUSCRIPT|EDITION|FOLDER...
//	imprint --version
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	"github.com/imprint-press/imprint/internal/build"
)

// version is set by the release build with -ldflags "-X main.version=...".
var version = "0.1.0-dev"

const usage = `imprint turns Markdown manuscripts into EPUB and print-ready PDF editions.

Usage:
  imprint build [-o DIR] [flags] MANUSCRIPT|FOLDER|GLOB...
  imprint verify [-o DIR] MANUSCRIPT|FOLDER|EDITION...
  imprint release [-o DIR] MANUSCRIPT|FOLDER...
  imprint --version
  imprint --help

Run 'imprint build --help' (or release --help) for the flags.
`

func main() {
	tuneGC()
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, usage)
		return 0
	case "-version", "--version", "version":
		fmt.Fprintln(stdout, versionString())
		return 0
	case "build":
		return runBuild(args[1:], stdout, stderr)
	case "release":
		return runRelease(args[1:], stdout, stderr)
	case "verify":
		return runVerify(args[1:], stdout, stderr)
	}
	fmt.Fprintf(stderr, "imprint: unknown command %q\n\n%s", args[0], usage)
	return 2
}

// newFlags makes a subcommand's flag set; usage is its synopsis and
// description, printed before the flags on -h or a usage error.
func newFlags(name, usage string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("imprint "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, usage+"\n\nFlags:\n")
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args and requires at least one operand, saying
// missing when there is none. When the command should stop, ok is false
// and code is its exit status: 0 after -h, 2 after a usage error.
func parseFlags(fs *flag.FlagSet, args []string, missing string, stderr io.Writer) (code int, ok bool) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0, false
		}
		return 2, false
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, missing)
		return 2, false
	}
	return 0, true
}

func versionString() string {
	v := version
	if info, ok := debug.ReadBuildInfo(); ok {
		return fmt.Sprintf("imprint %s (%s)", v, info.GoVersion)
	}
	return "imprint " + v
}

func runBuild(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("build", "Usage: imprint build [-o DIR] [flags] MANUSCRIPT|FOLDER|GLOB...\n\n"+
		"Builds DIR/<slug>.epub and DIR/<slug>.pdf for every manuscript. A folder means every\n"+
		"Markdown file under it that opens with front matter. SOURCE_DATE_EPOCH, when set, dates\n"+
		"the editions; otherwise the manuscript's date does.", stderr)
	out := fs.String("o", "dist", "write the editions into `DIR`")
	root := fs.String("root", ".", "the project `folder`: images and bios must live inside it")
	paper := fs.String("paper", "", "print edition page: trade (6x9 in), letter or a4 (default: the manuscript's papersize, else trade)")
	bleed := fs.Bool("bleed", false, "add 0.125 in bleed to the print edition (default: the manuscript's bleed)")
	jobs := fs.Int("j", 0, "build `N` manuscripts at once (default: one per core)")
	shard := fs.String("shard", "", "build only shard `i/n` of the manuscripts, for splitting an archive across CI jobs")
	quiet := fs.Bool("q", false, "print nothing but errors")
	if code, ok := parseFlags(fs, args, "imprint build: name at least one manuscript, e.g. imprint build manuscript/", stderr); !ok {
		return code
	}
	opts := build.Options{OutDir: *out, Root: *root, Paper: *paper, Jobs: *jobs,
		SourceDateEpoch: os.Getenv("SOURCE_DATE_EPOCH")}
	switch *paper {
	case "", "trade", "letter", "a4":
	default:
		fmt.Fprintf(stderr, "imprint build: -paper %q: use trade, letter or a4\n", *paper)
		return 2
	}
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "bleed" {
			opts.Bleed = bleed
		}
	})
	list, err := build.Expand(fs.Args())
	if err != nil {
		fmt.Fprintln(stderr, "imprint build:", err)
		return 1
	}
	if *shard != "" {
		i, n, err := build.ParseShard(*shard)
		if err != nil {
			fmt.Fprintln(stderr, "imprint build:", err)
			return 2
		}
		list = build.Shard(list, i, n)
	}
	limitMemory(list, *jobs)
	progress := newProgress(stderr, *quiet)
	opts.Progress = progress.report

	// On SIGINT or SIGTERM: remove what is half-written, keep every old
	// edition, and exit as a process killed by that signal does.
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case sig := <-sigs:
			build.RemovePending()
			fmt.Fprintln(stderr, "\nimprint build: interrupted; no edition was changed by the unfinished builds")
			code := 130
			if sig == syscall.SIGTERM {
				code = 143
			}
			os.Exit(code)
		case <-done:
		}
	}()
	results := build.Run(context.Background(), list, opts)
	signal.Stop(sigs)
	close(done)
	return progress.finish(results)
}
