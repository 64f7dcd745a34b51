package validate

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestEPUBCheckPassesCleanEPUB(t *testing.T) {
	Require(t, ToolEPUBCheck)
	t.Parallel()
	path := makeEPUB(t, t.TempDir(), "clean.epub", true, cleanChapter)
	report, err := EPUBCheck(path, true)
	if err != nil {
		t.Fatal(err)
	}
	if report.CheckerVersion != "5.3.0" {
		t.Errorf("CheckerVersion = %q, want the pinned 5.3.0", report.CheckerVersion)
	}
	for _, severity := range []string{SeverityFatal, SeverityError, SeverityWarning, SeverityUsage} {
		if n := report.Counts[severity]; n != 0 {
			t.Errorf("%s count = %d, want 0; messages: %+v", severity, n, report.Messages)
		}
	}
}

func TestEPUBCheckReportsMissingResource(t *testing.T) {
	Require(t, ToolEPUBCheck)
	t.Parallel()
	path := makeEPUB(t, t.TempDir(), "broken.epub", true, brokenChapter)
	var wantLines []int
	for i, line := range strings.Split(chapterXHTML(brokenChapter), "\n") {
		if strings.Contains(line, "absent.png") {
			wantLines = append(wantLines, i+1)
		}
	}

	report, err := EPUBCheck(path, false)
	if err != nil {
		t.Fatalf("errors in the EPUB must be in the report, not the error: %v", err)
	}
	if got := report.Counts[SeverityError]; got != 1 {
		t.Errorf("ERROR count = %d, want 1 (one merged RSC-007)", got)
	}
	if got := report.Counts[SeverityUsage]; got != 0 {
		t.Errorf("USAGE count without -u = %d, want 0", got)
	}
	missing := findMessage(report, "RSC-007")
	if missing == nil {
		t.Fatalf("no RSC-007 in %+v", report.Messages)
	}
	if missing.Severity != SeverityError || !strings.Contains(missing.Message, "EPUB/absent.png") {
		t.Errorf("RSC-007 = %+v, want an ERROR naming EPUB/absent.png", *missing)
	}
	if len(missing.Locations) != len(wantLines) {
		t.Fatalf("RSC-007 locations = %+v, want lines %v", missing.Locations, wantLines)
	}
	for i, loc := range missing.Locations {
		if loc.Path != "EPUB/chapter.xhtml" || loc.Line != wantLines[i] || loc.Column <= 0 {
			t.Errorf("location %d = %+v, want EPUB/chapter.xhtml line %d", i, loc, wantLines[i])
		}
	}
}

func TestEPUBCheckUsageFlagAddsUsageFindings(t *testing.T) {
	Require(t, ToolEPUBCheck)
	t.Parallel()
	path := makeEPUB(t, t.TempDir(), "broken.epub", true, brokenChapter)
	report, err := EPUBCheck(path, true)
	if err != nil {
		t.Fatal(err)
	}
	if got := report.Counts[SeverityUsage]; got != 1 {
		t.Errorf("USAGE count with -u = %d, want 1; messages: %+v", got, report.Messages)
	}
	if fixed := findMessage(report, "CSS-006"); fixed == nil || fixed.Severity != SeverityUsage {
		t.Errorf("want CSS-006 (fixed position) as USAGE, got %+v", report.Messages)
	}
	if got := report.Counts[SeverityError]; got != 1 {
		t.Errorf("ERROR count with -u = %d, want 1", got)
	}
}

func TestEPUBCheckReportsFatalForNonZip(t *testing.T) {
	Require(t, ToolEPUBCheck)
	t.Parallel()
	path := filepath.Join(t.TempDir(), "not-a-zip.epub")
	writeFile(t, path, "this is not a zip archive")
	report, err := EPUBCheck(path, false)
	if err != nil {
		t.Fatal(err)
	}
	if report.Counts[SeverityFatal] == 0 {
		t.Errorf("want a FATAL finding for a non-zip file, got %+v", report.Messages)
	}
}

func TestEPUBCheckErrorsOnMissingFile(t *testing.T) {
	_, err := EPUBCheck(filepath.Join(t.TempDir(), "nowhere.epub"), false)
	if err == nil || !strings.Contains(err.Error(), "nowhere.epub") {
		t.Errorf("err = %v, want an error naming the missing file", err)
	}
}

func TestParseEPUBCheckRejectsNonReport(t *testing.T) {
	for _, input := range []string{"", "Check finished with errors", `{"messages": []}`} {
		if _, err := parseEPUBCheck([]byte(input)); err == nil {
			t.Errorf("parseEPUBCheck(%q) = nil error, want one", input)
		}
	}
}

func findMessage(report Report, id string) *Message {
	for i := range report.Messages {
		if report.Messages[i].ID == id {
			return &report.Messages[i]
		}
	}
	return nil
}
