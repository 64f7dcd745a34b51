package validate

import (
	"bufio"
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
)

// batchSource is the Java program EPUBCheckAll runs in source-file mode: it loops over the EPUBs
// in one JVM, calling EPUBCheck's EpubChecker.run for each (see the file for its protocol).
//
//go:embed epubcheckbatch/EPUBCheckBatch.java
var batchSource []byte

// batchJVMs is how many JVMs share a batch. One: on two cores a second JVM repeats the seconds
// of schema loading and measured no faster (see EPUBCheckAll), and the other core is left to
// whatever the caller runs meanwhile (qpdf, in the spec-example test).
const batchJVMs = 1

// EPUBCheckAll runs EPUBCheck on every EPUB in paths, in one JVM, and returns their reports in
// the order of paths; usage adds the -u (USAGE-level) findings. It needs a JDK (ToolEPUBCheckBatch):
// the batch program is Java source run by the java launcher. Each report is what EPUBCheck
// gives that EPUB on its own, at a tenth of a second an EPUB after the first few seconds.
//
// Findings are the reports; the error is for EPUBs that could not be checked: a path that is not
// a file (nothing is run then), a batch that stopped, a report that is missing or unreadable,
// or a check that failed without reporting an error. It names each such path; the reports of
// the others are still filled in, and a path named in the error has the zero Report.
func EPUBCheckAll(paths []string, usage bool) ([]Report, error) {
	if len(paths) == 0 {
		return nil, nil
	}
	var missing []error
	for _, p := range paths {
		if err := regularFile(p); err != nil {
			missing = append(missing, fmt.Errorf("epubcheck %s: %w", p, err))
		}
	}
	if len(missing) > 0 {
		return nil, errors.Join(missing...)
	}
	dir, err := os.MkdirTemp("", "imprint-epubcheck-")
	if err != nil {
		return nil, fmt.Errorf("epubcheck batch: %w", err)
	}
	defer os.RemoveAll(dir)
	source := filepath.Join(dir, "EPUBCheckBatch.java")
	if err := os.WriteFile(source, batchSource, 0o644); err != nil {
		return nil, fmt.Errorf("epubcheck batch: writing the batch program: %w", err)
	}

	reports := make([]Report, len(paths))
	errs := make([][]error, batchJVMs)
	var wg sync.WaitGroup
	for k := range batchJVMs {
		lo, hi := k*len(paths)/batchJVMs, (k+1)*len(paths)/batchJVMs
		if lo == hi {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[k] = runBatch(source, filepath.Join(dir, strconv.Itoa(k)), paths[lo:hi], usage, reports[lo:hi])
		}()
	}
	wg.Wait()
	var all []error
	for _, e := range errs {
		all = append(all, e...)
	}
	return reports, errors.Join(all...)
}

// runBatch checks paths in one JVM, writing its files into outDir, and fills reports (one per
// path); it returns one error per EPUB that could not be checked.
func runBatch(source, outDir string, paths []string, usage bool, reports []Report) []error {
	if err := os.Mkdir(outDir, 0o755); err != nil {
		return []error{fmt.Errorf("epubcheck batch: %w", err)}
	}
	// C1-only JIT, as for a single EPUB: a batch of small books is short-lived work too, and
	// C2 doubled its CPU time and wall time in measurement.
	args := []string{"-XX:TieredStopAtLevel=1", "-cp", epubcheckJar(), source, outDir}
	if usage {
		args = append(args, "-u")
	}
	cmd := exec.Command("java", args...)
	cmd.Env = append(os.Environ(), epubcheckEnv...)
	var stdin bytes.Buffer
	for _, p := range paths {
		stdin.WriteString(p)
		stdin.WriteByte(0)
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdin, cmd.Stdout, cmd.Stderr = &stdin, &stdout, &stderr
	runErr := cmd.Run()
	var stopped error
	if runErr != nil {
		stopped = fmt.Errorf("the batch JVM failed: %w: %s", runErr, firstLines(stderr.Bytes(), 10))
	}
	return collectBatch(outDir, paths, stdout.Bytes(), stopped, reports)
}

// collectBatch reads the batch program's verdicts: its "checked i EXIT" lines in stdout and the
// i.json and i.log files in outDir. stopped is why the JVM ended early, if it did; it goes into
// the error of every EPUB it did not reach.
func collectBatch(outDir string, paths []string, stdout []byte, stopped error, reports []Report) []error {
	exits := make(map[int]int, len(paths))
	scanner := bufio.NewScanner(bytes.NewReader(stdout))
	for scanner.Scan() {
		// Anything else the JVM prints on stdout is not the batch's and is ignored.
		var i, exit int
		if n, err := fmt.Sscanf(scanner.Text(), "checked %d %d", &i, &exit); err == nil && n == 2 {
			exits[i] = exit
		}
	}
	if stopped == nil {
		stopped = errors.New("the batch program ended before it")
	}
	var errs []error
	for i, path := range paths {
		exit, ok := exits[i]
		if !ok {
			errs = append(errs, fmt.Errorf("epubcheck %s: not checked: %w", path, stopped))
			continue
		}
		report, err := readBatchReport(outDir, i, exit)
		if err != nil {
			errs = append(errs, fmt.Errorf("epubcheck %s: %w", path, err))
			continue
		}
		reports[i] = report
	}
	return errs
}

// readBatchReport parses the report of the i-th EPUB of a batch, whose check returned exit.
func readBatchReport(outDir string, i, exit int) (Report, error) {
	console, _ := os.ReadFile(filepath.Join(outDir, strconv.Itoa(i)+".log"))
	data, err := os.ReadFile(filepath.Join(outDir, strconv.Itoa(i)+".json"))
	if err != nil {
		return Report{}, fmt.Errorf("no report (exit %d): %w: %s", exit, err, firstLines(console, 10))
	}
	report, err := parseEPUBCheck(data)
	if err != nil {
		return Report{}, fmt.Errorf("exit %d: %w: %s", exit, err, firstLines(console, 10))
	}
	// EPUBCheck fails a check it could not finish (a file it cannot open, an exception) yet may
	// still write a report, an empty one; only a report with an error explains a failure.
	if exit != 0 && report.Counts[SeverityFatal]+report.Counts[SeverityError] == 0 {
		return Report{}, fmt.Errorf("check failed (exit %d) without reporting an error: %s", exit, firstLines(console, 10))
	}
	return report, nil
}

// regularFile reports why path is not a file EPUBCheck can be given; EPUBCheck itself reports a
// missing file as an empty, error-free report.
func regularFile(path string) error {
	info, err := os.Stat(path)
	if err != nil {
		return err
	}
	if !info.Mode().IsRegular() {
		return fmt.Errorf("not a regular file (%s)", info.Mode().Type())
	}
	return nil
}
