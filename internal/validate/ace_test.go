package validate

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestAcePassesCleanEPUB(t *testing.T) {
	Require(t, ToolAce)
	t.Parallel()
	dir := t.TempDir()
	path := makeEPUB(t, dir, "clean.epub", true, cleanChapter)
	report, err := Ace(path, filepath.Join(dir, "ace"))
	if err != nil {
		t.Fatal(err)
	}
	if report.Outcome != "pass" || len(report.Violations) != 0 {
		t.Errorf("outcome %q with violations %+v, want a clean pass", report.Outcome, report.Violations)
	}
}

func TestAceReportsContentAndMetadataViolations(t *testing.T) {
	Require(t, ToolAce)
	t.Parallel()
	dir := t.TempDir()
	path := makeEPUB(t, dir, "flawed.epub", false, imageWithoutAltChapter)
	outDir := filepath.Join(dir, "ace")
	// A report left from an earlier run must be replaced, not read back.
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(outDir, "report.json"), `{"earl:result":{"earl:outcome":"pass"},"assertions":[]}`)

	report, err := Ace(path, outDir)
	if err != nil {
		t.Fatal(err)
	}
	if report.Outcome != "fail" {
		t.Errorf("outcome = %q, want fail", report.Outcome)
	}
	alt := findViolation(report, "image-alt")
	if alt == nil {
		t.Fatalf("no image-alt violation in %+v", report.Violations)
	}
	if alt.Impact != ImpactCritical || alt.File != "chapter.xhtml" ||
		!strings.Contains(alt.Location, "img") || !strings.Contains(alt.Location, "epubcfi(") ||
		!strings.Contains(alt.HTML, `src="dot.png"`) || alt.Description == "" {
		t.Errorf("image-alt = %+v, want a critical finding on chapter.xhtml's img", *alt)
	}
	accessMode := findViolation(report, "metadata-accessmode")
	if accessMode == nil || accessMode.Impact != ImpactSerious || accessMode.File != "EPUB/package.opf" {
		t.Errorf("metadata-accessmode = %+v, want a serious finding on EPUB/package.opf", accessMode)
	}
	// Without accessibility metadata Ace 1.4.6 flags three serious and two moderate gaps.
	want := map[string]int{ImpactCritical: 1, ImpactSerious: 3, ImpactModerate: 2, ImpactMinor: 0}
	for impact, n := range want {
		if report.Counts[impact] != n {
			t.Errorf("%s count = %d, want %d; violations: %+v", impact, report.Counts[impact], n, report.Violations)
		}
	}
	if len(report.Violations) != 6 {
		t.Errorf("got %d violations, want 6", len(report.Violations))
	}
}

func TestParseAceRejectsNonReport(t *testing.T) {
	for _, input := range []string{"", "[]", `{"assertions": []}`} {
		if _, err := parseAce([]byte(input)); err == nil {
			t.Errorf("parseAce(%q) = nil error, want one", input)
		}
	}
}

func findViolation(report AceReport, rule string) *Violation {
	for i := range report.Violations {
		if report.Violations[i].Rule == rule {
			return &report.Violations[i]
		}
	}
	return nil
}

func TestAceErrorsWhenBrowserCannotStart(t *testing.T) {
	Require(t, ToolAce)
	t.Setenv("PUPPETEER_EXECUTABLE_PATH", "/bin/false")
	dir := t.TempDir()
	path := makeEPUB(t, dir, "clean.epub", true, cleanChapter)
	if _, err := Ace(path, filepath.Join(dir, "ace")); err == nil {
		t.Error("Ace returned no error although the browser could not start")
	}
}
