// Package release owns the release folder: both editions of every
// manuscript, SHA256SUMS and manifest.json, built reproducibly, verified,
// and put in place only as a whole, so release automation can publish the
// folder as it is.
package release

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/imprint-press/imprint/internal/build"
	"github.com/imprint-press/imprint/internal/document"
	"github.com/imprint-press/imprint/internal/manuscript"
)

// Options steer a release.
type Options struct {
	OutDir          string
	Root            string
	SourceDateEpoch string
	Version         string // imprint's version, recorded in the manifest
	// Verify checks one manuscript's editions; a release with any drift
	// is not made.
	Verify func(manuscript, epub, pdf string) error
}

// Manifest describes the release folder.
type Manifest struct {
	Generator string    `json:"generator"`
	Files     []File    `json:"files"`
	Works     []Work    `json:"works"`
	Modified  time.Time `json:"modified"`
}

// File is one file of the release.
type File struct {
	Name   string `json:"name"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// Work is one manuscript's editions and the metadata both carry.
type Work struct {
	Manuscript  string   `json:"manuscript"`
	Editions    []string `json:"editions"`
	Title       string   `json:"title"`
	Subtitle    string   `json:"subtitle,omitempty"`
	Authors     []string `json:"authors"`
	Date        string   `json:"date,omitempty"`
	Modified    string   `json:"modified"`
	Language    string   `json:"language"`
	Identifier  string   `json:"identifier"`
	Publisher   string   `json:"publisher,omitempty"`
	Rights      string   `json:"rights,omitempty"`
	Description string   `json:"description,omitempty"`
	Subjects    []string `json:"subjects,omitempty"`
	ImageCredit string   `json:"image_credit,omitempty"`
}

// Make builds and verifies every manuscript into a staging folder beside
// OutDir, writes SHA256SUMS and manifest.json, and then replaces OutDir
// with it. On any failure OutDir is left as it was.
func Make(manuscripts []string, opts Options) error {
	if len(manuscripts) == 0 {
		return errors.New("release: no manuscripts")
	}
	out := filepath.Clean(opts.OutDir)
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return err
	}
	stage, err := os.MkdirTemp(filepath.Dir(out), "."+filepath.Base(out)+".release-*")
	if err != nil {
		return fmt.Errorf("release: %w", err)
	}
	defer os.RemoveAll(stage)
	bopts := build.Options{OutDir: stage, Root: opts.Root, SourceDateEpoch: opts.SourceDateEpoch}
	var (
		errs     []error
		manifest = Manifest{Generator: "imprint " + opts.Version}
	)
	for _, r := range build.Run(context.Background(), manuscripts, bopts) {
		if r.Err != nil {
			errs = append(errs, r.Err)
			continue
		}
		doc, err := manuscript.Load(r.Manuscript, manuscript.Options{Root: opts.Root, SourceDateEpoch: opts.SourceDateEpoch})
		if err != nil {
			errs = append(errs, err)
			continue
		}
		epub := filepath.Join(stage, doc.Slug+".epub")
		pdf := filepath.Join(stage, doc.Slug+".pdf")
		if opts.Verify != nil {
			if err := opts.Verify(r.Manuscript, epub, pdf); err != nil {
				errs = append(errs, fmt.Errorf("%s: the editions disagree: %w", r.Manuscript, err))
				continue
			}
		}
		manifest.Works = append(manifest.Works, work(r.Manuscript, doc))
		if doc.Meta.Modified.After(manifest.Modified) {
			manifest.Modified = doc.Meta.Modified
		}
	}
	if err := errors.Join(errs...); err != nil {
		return err
	}
	if err := writeSums(stage, &manifest); err != nil {
		return err
	}
	return replace(out, stage)
}

func work(path string, doc *document.Document) Work {
	m := &doc.Meta
	w := Work{
		Manuscript: filepath.ToSlash(path), Editions: []string{doc.Slug + ".epub", doc.Slug + ".pdf"},
		Title: m.Title, Subtitle: m.Subtitle, Authors: m.AuthorNames(), Date: m.Date.Text,
		Modified: m.Modified.UTC().Format(time.RFC3339), Language: m.Language, Identifier: m.Identifier.URN(),
		Publisher: m.Publisher, Rights: m.Rights, Description: m.Description, Subjects: m.Subjects,
	}
	if m.Lead != nil {
		w.ImageCredit = m.Lead.Credit
	}
	return w
}

// writeSums hashes every edition in dir into SHA256SUMS (the format
// `sha256sum -c` reads) and manifest.json.
func writeSums(dir string, m *Manifest) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	var sums strings.Builder
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") {
			continue // a staged temporary file
		}
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		m.Files = append(m.Files, File{Name: name, Size: int64(len(b)), SHA256: hex.EncodeToString(sum[:])})
	}
	sort.Slice(m.Files, func(i, j int) bool { return m.Files[i].Name < m.Files[j].Name })
	for _, f := range m.Files {
		fmt.Fprintf(&sums, "%s  %s\n", f.SHA256, f.Name)
	}
	js, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "manifest.json"), append(js, '\n'), 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "SHA256SUMS"), []byte(sums.String()), 0o644)
}

// replace swaps the staged folder in for out: out is renamed aside, the
// stage renamed to out, and the old release removed.
func replace(out, stage string) error {
	if err := os.Chmod(stage, 0o755); err != nil {
		return err
	}
	old := stage + ".old"
	if _, err := os.Stat(out); err == nil {
		if err := os.Rename(out, old); err != nil {
			return fmt.Errorf("release: moving the previous %s aside: %w", out, err)
		}
	}
	if err := os.Rename(stage, out); err != nil {
		os.Rename(old, out)
		return fmt.Errorf("release: %w", err)
	}
	return os.RemoveAll(old)
}
