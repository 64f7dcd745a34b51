// Package specexamples is test support: it reads the CommonMark spec
// examples (the 652 of CommonMark 0.31.2) from the copy in goldmark's
// module, for fuzzing seed corpora and for building every example through
// imprint. It runs the go command to find the module, so only tests use it.
package specexamples

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Example is one spec example.
type Example struct {
	Markdown string `json:"markdown"`
	Example  int    `json:"example"`
	Section  string `json:"section"`
}

// Count is how many examples CommonMark 0.31.2 has.
const Count = 652

// Load reads goldmark's _test/spec.json from the module cache, wherever
// this machine keeps it.
func Load() ([]Example, error) {
	goList := func(format string) (string, error) {
		out, err := exec.Command("go", "list", "-m", "-f", format, "github.com/yuin/goldmark").Output()
		if err != nil {
			return "", fmt.Errorf("go list -m github.com/yuin/goldmark: %w", err)
		}
		return strings.TrimSpace(string(out)), nil
	}
	dir, err := goList("{{.Dir}}")
	if err != nil {
		return nil, err
	}
	if dir == "" {
		// Not yet extracted: the module cache path is predictable.
		cache, err := exec.Command("go", "env", "GOMODCACHE").Output()
		if err != nil {
			return nil, fmt.Errorf("go env GOMODCACHE: %w", err)
		}
		version, err := goList("{{.Version}}")
		if err != nil {
			return nil, err
		}
		dir = filepath.Join(strings.TrimSpace(string(cache)), "github.com", "yuin", "goldmark@"+version)
	}
	data, err := os.ReadFile(filepath.Join(dir, "_test", "spec.json"))
	if err != nil {
		return nil, fmt.Errorf("reading goldmark's spec examples: %w", err)
	}
	var examples []Example
	if err := json.Unmarshal(data, &examples); err != nil {
		return nil, fmt.Errorf("parsing goldmark's spec.json: %w", err)
	}
	return examples, nil
}

// FuzzSeeds is the examples a fuzz target starts from. While fuzzing
// (go test -fuzz), every seed runs once for baseline coverage inside
// -fuzztime, and all 652 took CI's whole budget for a target that builds a
// book from each; the shortest and the longest example of each of the 26
// spec sections (the construct bare, and with the most of its variants)
// seed the same constructs in 49 runs. Without -fuzz, go test runs all.
func FuzzSeeds(examples []Example) []Example {
	if fuzz := flag.Lookup("test.fuzz"); fuzz == nil || fuzz.Value.String() == "" {
		return examples
	}
	type pick struct{ shortest, longest int }
	picks := map[string]*pick{}
	var sections []string
	for i, ex := range examples {
		p, ok := picks[ex.Section]
		if !ok {
			picks[ex.Section] = &pick{i, i}
			sections = append(sections, ex.Section)
			continue
		}
		if len(ex.Markdown) < len(examples[p.shortest].Markdown) {
			p.shortest = i
		}
		if len(ex.Markdown) > len(examples[p.longest].Markdown) {
			p.longest = i
		}
	}
	var seeds []Example
	for _, section := range sections {
		p := picks[section]
		seeds = append(seeds, examples[p.shortest])
		if p.longest != p.shortest {
			seeds = append(seeds, examples[p.longest])
		}
	}
	return seeds
}
