package main

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/imprint-press/imprint/internal/validate"
	"golang.org/x/text/unicode/norm"
)

// runHostileCase builds a good edition, then the case's manuscript with
// the same slug, and checks what the user sees and what is left on disk.
func runHostileCase(t *testing.T, c hostileCase) {
	project := t.TempDir()
	out := filepath.Join(project, "dist")
	ms := filepath.Join(project, "article.md")
	if c.prepare != nil {
		c.prepare(t, project, out)
	}
	writeFile(t, ms, []byte(goodManuscript))
	if code, _, errs := runImprint("build", "-q", "-o", out, "-root", project, ms); code != 0 {
		t.Fatalf("the good manuscript failed: exit %d: %s", code, errs)
	}
	before := snapshot(t, out)
	for name, data := range c.files {
		writeFile(t, filepath.Join(project, filepath.FromSlash(name)), data)
	}
	writeFile(t, ms, []byte(c.ms))
	if c.setup != nil {
		c.setup(t, project, out)
	}
	code, _, errs := runImprint("build", "-q", "-o", out, "-root", project, ms)
	after := snapshot(t, out)
	if c.want != "" {
		if code != 1 {
			t.Errorf("exit %d, want 1", code)
		}
		if !strings.Contains(errs, c.want) {
			t.Errorf("stderr does not say %q:\n%s", c.want, clip(errs))
		}
		if !maps.EqualFunc(before, after, bytes.Equal) {
			t.Errorf("the output folder changed although the build failed: before %v, after %v", slices.Sorted(maps.Keys(before)), slices.Sorted(maps.Keys(after)))
		}
		return
	}
	if code != 0 {
		t.Fatalf("exit %d, want the manuscript built: %s", code, clip(errs))
	}
	if len(after) != 2 || bytes.Equal(before["article.epub"], after["article.epub"]) || bytes.Equal(before["article.pdf"], after["article.pdf"]) {
		t.Fatalf("want the two editions replaced, the folder holds %v", slices.Sorted(maps.Keys(after)))
	}
	epubPath, pdfPath := filepath.Join(out, "article.epub"), filepath.Join(out, "article.pdf")
	checkNothingActiveInEPUB(t, epubPath)
	checkNothingActiveInPDF(t, pdfPath)
	if c.check != nil {
		c.check(t, epubPath, pdfPath)
	}
	checkValidators(t, epubPath, pdfPath, !c.noEPUBCheck || os.Getenv("IMPRINT_CHECK_HUGE") != "")
}

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// snapshot is every file in the output folder, hidden temporary files
// included, by name.
func snapshot(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		files[e.Name()] = b
	}
	return files
}

func clip(s string) string {
	if len(s) > 2000 {
		return s[:2000] + "…"
	}
	return s
}

// checkNothingActiveInEPUB requires every XML document in the container to
// be well-formed and none to hold anything active.
func checkNothingActiveInEPUB(t *testing.T, path string) {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		switch filepath.Ext(f.Name) {
		case ".xhtml", ".opf", ".ncx", ".xml":
		default:
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if err := wellFormedXML(data); err != nil {
			t.Errorf("%s is not well-formed: %v", f.Name, err)
		}
		if active := activeMarkup(data); active != "" {
			t.Errorf("%s holds %s", f.Name, active)
		}
		if bytes.Contains(bytes.ToLower(data), []byte("<script")) {
			t.Errorf("%s holds <script", f.Name)
		}
	}
}

// activeMarkup names the first thing in an XML document that a reading
// system would run or fetch: a script, frame or object element, an event
// handler attribute, or a script URL in an attribute. Text may say anything.
func activeMarkup(b []byte) string {
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		tok, err := d.Token()
		if err != nil {
			return ""
		}
		el, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch strings.ToLower(el.Name.Local) {
		case "script", "iframe", "frame", "object", "embed", "applet", "form", "base":
			return "a <" + el.Name.Local + "> element"
		}
		for _, a := range el.Attr {
			v := strings.ToLower(strings.Join(strings.Fields(a.Value), ""))
			switch {
			case strings.HasPrefix(strings.ToLower(a.Name.Local), "on"):
				return "the event handler " + a.Name.Local + "=" + strconv.Quote(a.Value)
			case strings.HasPrefix(v, "javascript:"), strings.HasPrefix(v, "vbscript:"), strings.HasPrefix(v, "data:text/html"):
				return "the script URL " + a.Name.Local + "=" + strconv.Quote(a.Value)
			}
		}
	}
}

func wellFormedXML(b []byte) error {
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = true
	for {
		_, err := d.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// activePDF finds JavaScript actions and script URLs. Annotations and
// actions are not in compressed streams in imprint's PDFs.
var activePDF = regexp.MustCompile(`(?i)/JavaScript|/JS\b|/Launch|javascript:|vbscript:`)

func checkNothingActiveInPDF(t *testing.T, path string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if m := activePDF.Find(data); m != nil {
		t.Errorf("%s holds %q", path, m)
	}
}

func checkValidators(t *testing.T, epubPath, pdfPath string, epubCheck bool) {
	t.Helper()
	validate.Require(t, validate.ToolQPDF)
	if out, err := validate.QPDFCheck(pdfPath); err != nil {
		t.Errorf("qpdf --check: %v\n%s", err, clip(out))
	}
	if !epubCheck {
		return
	}
	validate.Require(t, validate.ToolEPUBCheck)
	report, err := validate.EPUBCheck(epubPath, false)
	if err != nil {
		t.Fatal(err)
	}
	if n := report.Counts[validate.SeverityFatal] + report.Counts[validate.SeverityError]; n > 0 {
		t.Errorf("EPUBCheck %s: %d errors: %+v", report.CheckerVersion, n, report.Messages)
	}
}

// bidiControls are what pdftotext wraps right-to-left text in.
var bidiControls = strings.NewReplacer("\u202a", "", "\u202b", "", "\u202c", "", "\u200e", "", "\u200f", "")

// wantPDFText requires each phrase in the print edition's text, compared
// with line ends as spaces and in Unicode normal form C.
func wantPDFText(phrases ...string) func(*testing.T, string, string) {
	return func(t *testing.T, _, pdfPath string) {
		t.Helper()
		validate.Require(t, validate.ToolPDFToText)
		text, err := validate.PDFText(pdfPath)
		if err != nil {
			t.Fatal(err)
		}
		flat := norm.NFC.String(strings.Join(strings.Fields(bidiControls.Replace(text)), " "))
		for _, p := range phrases {
			if !strings.Contains(flat, norm.NFC.String(p)) {
				t.Errorf("the PDF's text lacks %q:\n%s", p, clip(flat))
			}
		}
	}
}

// wantSmallerThan bounds the print edition's size.
func wantSmallerThan(limit int64) func(*testing.T, string, string) {
	return func(t *testing.T, _, pdfPath string) {
		t.Helper()
		if info, err := os.Stat(pdfPath); err != nil || info.Size() >= limit {
			t.Errorf("%s: %v bytes, want under %d", pdfPath, info.Size(), limit)
		}
	}
}

func all(checks ...func(*testing.T, string, string)) func(*testing.T, string, string) {
	return func(t *testing.T, epubPath, pdfPath string) {
		t.Helper()
		for _, c := range checks {
			c(t, epubPath, pdfPath)
		}
	}
}

// mountTmpfs puts the output folder on a tmpfs of size bytes (0: a
// roomy one), so that the disk can fill up or turn read-only for real. It
// needs root; without it the read-only case falls back to permissions and
// the disk-full case skips (package build's disk-full test covers it).
func mountTmpfs(size int) func(t *testing.T, project, out string) {
	return func(t *testing.T, project, out string) {
		if err := os.MkdirAll(out, 0o755); err != nil {
			t.Fatal(err)
		}
		if os.Geteuid() != 0 {
			if size > 0 {
				t.Skip("SKIP: filling a disk needs root to mount a tmpfs; internal/build's TestDiskFullKeepsOldEditions covers it")
			}
			return
		}
		opts := "size=16m"
		if size > 0 {
			opts = "size=" + strconv.Itoa(size)
		}
		if msg, err := exec.Command("mount", "-t", "tmpfs", "-o", opts, "tmpfs", out).CombinedOutput(); err != nil {
			t.Skipf("SKIP: cannot mount a tmpfs here (%v: %s)", err, msg)
		}
		t.Cleanup(func() { exec.Command("umount", out).Run() })
	}
}

// makeReadOnly turns the output folder read-only: a remount when it is a
// tmpfs (root ignores permissions), else its permissions.
func makeReadOnly(t *testing.T, _, out string) {
	if os.Geteuid() == 0 {
		if msg, err := exec.Command("mount", "-o", "remount,ro", out).CombinedOutput(); err != nil {
			t.Fatalf("remount read-only: %v: %s", err, msg)
		}
		return
	}
	if err := os.Chmod(out, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(out, 0o755) })
}
