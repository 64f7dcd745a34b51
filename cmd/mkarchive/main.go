// Command mkarchive writes a deterministic synthetic archive of
// article-sized manuscripts for imprint's archive benchmarks:
//
//	mkarchive -n 1000 -o /tmp/archive-1000
//	imprint build -root /tmp/archive-1000 -o /tmp/out /tmp/archive-1000
//
// Every manuscript recombines the paragraphs of manuscript/article.md and
// shares its bio and lead image; the same -seed always writes the same files.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/imprint-press/imprint/internal/archive"
)

func main() {
	n := flag.Int("n", 100, "how many manuscripts to write")
	out := flag.String("o", "", "the `folder` to write the archive into (created if missing)")
	seed := flag.Uint64("seed", 1, "the seed that picks each manuscript's paragraphs")
	article := flag.String("article", "manuscript/article.md", "the manuscript whose paragraphs are recombined")
	bio := flag.String("bio", "manuscript/bio.md", "the author bio every manuscript shares")
	lead := flag.String("lead", "assets/images/lead.jpg", "the lead image every manuscript shares")
	flag.Parse()
	if *out == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: mkarchive -n N -o FOLDER [-seed S] [-article FILE] [-bio FILE] [-lead IMAGE]")
		os.Exit(2)
	}
	var src archive.Source
	for _, f := range []struct {
		path string
		into *[]byte
	}{{*article, &src.Article}, {*bio, &src.Bio}, {*lead, &src.Lead}} {
		data, err := os.ReadFile(f.path)
		if err != nil {
			fmt.Fprintln(os.Stderr, "mkarchive:", err)
			os.Exit(1)
		}
		*f.into = data
	}
	src.LeadExt = filepath.Ext(*lead)
	if err := archive.Generate(*out, *n, *seed, src); err != nil {
		fmt.Fprintln(os.Stderr, "mkarchive:", err)
		os.Exit(1)
	}
}
