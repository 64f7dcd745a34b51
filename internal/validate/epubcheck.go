package validate

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
)

// EPUBCheck severities, as spelled in its JSON report.
const (
	SeverityFatal   = "FATAL"
	SeverityError   = "ERROR"
	SeverityWarning = "WARNING"
	SeverityUsage   = "USAGE"
	SeverityInfo    = "INFO"
)

// Report is EPUBCheck's verdict on one EPUB.
type Report struct {
	CheckerVersion string
	// Counts maps each severity to its number of messages. EPUBCheck merges repeats of the same
	// message into one entry with several locations; like its own summary, one entry counts once.
	Counts   map[string]int
	Messages []Message
}

// Message is one EPUBCheck finding, e.g. RSC-007 "Referenced resource ... could not be found".
type Message struct {
	ID        string
	Severity  string
	Message   string
	Locations []Location
	// Suggestion is EPUBCheck's hint for fixing the problem, when it has one.
	Suggestion string
}

// Location points into the container; Line and Column are -1 when EPUBCheck has no position.
type Location struct {
	Path   string
	Line   int
	Column int
}

// epubcheckJSON is the subset of EPUBCheck's --json output this package reads.
type epubcheckJSON struct {
	Checker struct {
		CheckerVersion string `json:"checkerVersion"`
	} `json:"checker"`
	Messages []struct {
		ID        string `json:"ID"`
		Severity  string `json:"severity"`
		Message   string `json:"message"`
		Locations []struct {
			Path   string `json:"path"`
			Line   int    `json:"line"`
			Column int    `json:"column"`
		} `json:"locations"`
		Suggestion *string `json:"suggestion"`
	} `json:"messages"`
}

// epubcheckEnv pins EPUBCheck's locale: C.UTF-8 gives its English messages whatever the caller's
// language, so EPUBCheck and EPUBCheckAll agree, and Java reads file names as UTF-8 only under a
// UTF-8 locale (under C or POSIX a non-ASCII name is "not found").
var epubcheckEnv = []string{"LC_ALL=C.UTF-8"}

// EPUBCheck runs EPUBCheck on the EPUB at path; usage adds its -u (USAGE-level) findings.
// Findings are the Report; the error is only for a checker that could not run or be read.
func EPUBCheck(path string, usage bool) (Report, error) {
	if _, err := os.Stat(path); err != nil {
		// EPUBCheck reports a missing file as an empty, error-free JSON report.
		return Report{}, fmt.Errorf("epubcheck %s: %w", path, err)
	}
	// C1-only JIT: an EPUBCheck run is seconds of short-lived work, where C2 compilation costs
	// more CPU than it saves (about half the CPU time on a small book).
	args := []string{"-XX:TieredStopAtLevel=1", "-jar", epubcheckJar(), "--json", "-"}
	if usage {
		args = append(args, "-u")
	}
	args = append(args, path)
	stdout, stderr, err := runRaw(epubcheckEnv, "java", args...)
	var exitErr *exec.ExitError
	if err != nil && !errors.As(err, &exitErr) {
		return Report{}, fmt.Errorf("epubcheck %s: %w", path, err)
	}
	// A non-zero exit means "the EPUB has errors" only if a report came with it.
	report, parseErr := parseEPUBCheck(stdout)
	if parseErr != nil {
		return Report{}, fmt.Errorf("epubcheck %s (exit: %v, stderr: %s): %w", path, err, firstLines(stderr, 5), parseErr)
	}
	return report, nil
}

func parseEPUBCheck(data []byte) (Report, error) {
	var raw epubcheckJSON
	if err := json.Unmarshal(data, &raw); err != nil {
		return Report{}, fmt.Errorf("parsing EPUBCheck JSON: %w", err)
	}
	if raw.Checker.CheckerVersion == "" {
		return Report{}, errors.New("parsing EPUBCheck JSON: no checker section")
	}
	report := Report{
		CheckerVersion: raw.Checker.CheckerVersion,
		Counts: map[string]int{
			SeverityFatal: 0, SeverityError: 0, SeverityWarning: 0, SeverityUsage: 0, SeverityInfo: 0,
		},
		Messages: make([]Message, 0, len(raw.Messages)),
	}
	for _, m := range raw.Messages {
		msg := Message{ID: m.ID, Severity: m.Severity, Message: m.Message}
		if m.Suggestion != nil {
			msg.Suggestion = *m.Suggestion
		}
		for _, l := range m.Locations {
			msg.Locations = append(msg.Locations, Location{Path: l.Path, Line: l.Line, Column: l.Column})
		}
		report.Counts[m.Severity]++
		report.Messages = append(report.Messages, msg)
	}
	return report, nil
}
