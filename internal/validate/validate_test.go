package validate

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestToolsDirHonoursEnvironment(t *testing.T) {
	want := t.TempDir()
	t.Setenv("IMPRINT_TOOLS", want)
	if got := ToolsDir(); got != want {
		t.Errorf("ToolsDir() = %q, want %q", got, want)
	}
}

func TestToolsDirResolvesRelativePathFromRepoRoot(t *testing.T) {
	t.Setenv("IMPRINT_TOOLS", "ci-cache/tools")
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	want := filepath.Join(filepath.Dir(filepath.Dir(wd)), "ci-cache", "tools")
	if got := ToolsDir(); got != want {
		t.Errorf("ToolsDir() = %q, want %q", got, want)
	}
}

func TestToolsDirDefaultsToRepoRoot(t *testing.T) {
	t.Setenv("IMPRINT_TOOLS", "")
	got := ToolsDir()
	if filepath.Base(got) != ".tools" {
		t.Fatalf("ToolsDir() = %q, want a .tools directory", got)
	}
	// The package lives at <root>/internal/validate, so the root is two levels up.
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(filepath.Dir(filepath.Dir(wd)), ".tools"); got != want {
		t.Errorf("ToolsDir() = %q, want %q", got, want)
	}
}

// recordingTB captures what Require asks of a test; like testing.T, Skipf and Fatalf end the
// calling goroutine, so nothing after them runs.
type recordingTB struct {
	testing.TB
	skipped, failed string
}

func (r *recordingTB) Helper() {}

func (r *recordingTB) Skipf(format string, args ...any) {
	r.skipped = fmt.Sprintf(format, args...)
	runtime.Goexit()
}

func (r *recordingTB) Fatalf(format string, args ...any) {
	r.failed = fmt.Sprintf(format, args...)
	runtime.Goexit()
}

// requireRecorded runs Require on its own goroutine so a recorded Goexit cannot end the test.
func requireRecorded(t *testing.T, tool string) *recordingTB {
	rec := &recordingTB{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		Require(rec, tool)
	}()
	<-done
	return rec
}

func TestRequireSkipsLocallyWhenToolIsMissing(t *testing.T) {
	t.Setenv("IMPRINT_TOOLS", t.TempDir())
	t.Setenv("CI", "")
	rec := requireRecorded(t, ToolEPUBCheck)
	if rec.failed != "" {
		t.Errorf("Require failed outside CI: %s", rec.failed)
	}
	want := "SKIP: epubcheck not installed; run 'make tools' to install the validators"
	if !strings.HasPrefix(rec.skipped, want) {
		t.Errorf("skip message = %q, want prefix %q", rec.skipped, want)
	}
}

func TestRequireFailsInCIWhenToolIsMissing(t *testing.T) {
	t.Setenv("IMPRINT_TOOLS", t.TempDir())
	t.Setenv("CI", "true")
	rec := requireRecorded(t, ToolAce)
	if rec.skipped != "" {
		t.Errorf("Require skipped in CI: %s", rec.skipped)
	}
	if !strings.Contains(rec.failed, "ace not installed") || !strings.Contains(rec.failed, "make tools") {
		t.Errorf("failure message = %q, want it to name ace and 'make tools'", rec.failed)
	}
}

func TestRequirePassesInstalledTool(t *testing.T) {
	Require(t, ToolPDFInfo)
	if rec := requireRecorded(t, ToolPDFInfo); rec.failed != "" || rec.skipped != "" {
		t.Errorf("installed tool: failed=%q skipped=%q", rec.failed, rec.skipped)
	}
}

func TestRequireRejectsUnknownTool(t *testing.T) {
	t.Setenv("CI", "")
	rec := requireRecorded(t, "epubchek")
	if rec.failed == "" || rec.skipped != "" {
		t.Errorf("unknown tool: failed=%q skipped=%q, want a failure", rec.failed, rec.skipped)
	}
}

func TestAvailableFindsPathTools(t *testing.T) {
	// An empty PATH hides every Debian tool regardless of what is installed here.
	t.Setenv("PATH", t.TempDir())
	for _, tool := range []string{ToolQPDF, ToolPDFInfo, ToolPDFFonts, ToolPDFToText, ToolPDFToPPM, ToolEPUBCheck, ToolEPUBCheckBatch, ToolAce} {
		if err := Available(tool); err == nil {
			t.Errorf("Available(%q) = nil with an empty PATH", tool)
		}
	}
}
