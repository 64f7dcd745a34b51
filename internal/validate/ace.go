package validate

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// Ace impact levels, from most to least severe.
const (
	ImpactCritical = "critical"
	ImpactSerious  = "serious"
	ImpactModerate = "moderate"
	ImpactMinor    = "minor"
)

// AceReport is Ace by DAISY's verdict on one EPUB.
type AceReport struct {
	// Outcome is Ace's overall "pass" or "fail".
	Outcome    string
	Violations []Violation
	// Counts maps each impact level to its number of violations.
	Counts map[string]int
}

// Violation is one failed Ace assertion.
type Violation struct {
	Rule   string // e.g. "image-alt", "metadata-accessmode"
	Impact string // critical, serious, moderate or minor
	// File is the checked document as Ace names it, e.g. "chapter.xhtml" or "EPUB/package.opf".
	File string
	// Location is File plus, for content findings, the element's CSS selector and EPUB CFI.
	Location    string
	Description string // what the rule ensures
	Details     string // why this element or package failed
	HTML        string // the offending markup, when the finding is in content
}

// aceJSON is the subset of Ace's report.json (an EARL report) this package reads.
type aceJSON struct {
	Result struct {
		Outcome string `json:"earl:outcome"`
	} `json:"earl:result"`
	Assertions []struct {
		Subject struct {
			URL string `json:"url"`
		} `json:"earl:testSubject"`
		Assertions []struct {
			Test struct {
				Impact      string `json:"earl:impact"`
				Title       string `json:"dct:title"`
				Description string `json:"dct:description"`
			} `json:"earl:test"`
			Result struct {
				Outcome     string `json:"earl:outcome"`
				Description string `json:"dct:description"`
				Pointer     struct {
					CFI []string `json:"cfi"`
					CSS []string `json:"css"`
				} `json:"earl:pointer"`
				HTML string `json:"html"`
			} `json:"earl:result"`
		} `json:"assertions"`
	} `json:"assertions"`
}

// Ace runs Ace by DAISY on the EPUB at path, writing its reports into outDir (replacing any
// earlier ones), and returns the violations from outDir/report.json. Ace drives Debian's
// chromium through scripts/chromium-headless unless PUPPETEER_EXECUTABLE_PATH is already set.
func Ace(path, outDir string) (AceReport, error) {
	if _, err := os.Stat(path); err != nil {
		return AceReport{}, fmt.Errorf("ace %s: %w", path, err)
	}
	var env []string
	if os.Getenv("PUPPETEER_EXECUTABLE_PATH") == "" {
		wrapper, err := chromiumWrapper()
		if err != nil {
			return AceReport{}, fmt.Errorf("ace %s: %w", path, err)
		}
		env = append(env, "PUPPETEER_EXECUTABLE_PATH="+wrapper)
	}
	if os.Getenv("ACE_TIMEOUT_INITIAL") == "" {
		// Ace gives the browser 5 s to start; a busy CI machine can need more.
		env = append(env, "ACE_TIMEOUT_INITIAL=60000")
	}
	reportPath := filepath.Join(outDir, "report.json")
	// A stale report must never pass for this run's result.
	if err := os.Remove(reportPath); err != nil && !errors.Is(err, os.ErrNotExist) {
		return AceReport{}, fmt.Errorf("ace %s: %w", path, err)
	}
	stdout, stderr, err := runRaw(env, aceBin(), "-f", "-s", "-o", outDir, path)
	if err != nil {
		return AceReport{}, fmt.Errorf("ace %s: %w: %s %s", path, err, firstLines(stdout, 10), firstLines(stderr, 10))
	}
	data, err := os.ReadFile(reportPath)
	if err != nil {
		return AceReport{}, fmt.Errorf("ace %s: reading report: %w", path, err)
	}
	report, err := parseAce(data)
	if err != nil {
		return AceReport{}, fmt.Errorf("ace %s: %w", path, err)
	}
	return report, nil
}

func parseAce(data []byte) (AceReport, error) {
	var raw aceJSON
	if err := json.Unmarshal(data, &raw); err != nil {
		return AceReport{}, fmt.Errorf("parsing Ace report.json: %w", err)
	}
	if raw.Result.Outcome == "" {
		return AceReport{}, errors.New("parsing Ace report.json: no overall earl:result")
	}
	report := AceReport{
		Outcome: raw.Result.Outcome,
		Counts: map[string]int{
			ImpactCritical: 0, ImpactSerious: 0, ImpactModerate: 0, ImpactMinor: 0,
		},
	}
	for _, subject := range raw.Assertions {
		for _, a := range subject.Assertions {
			if a.Result.Outcome != "fail" {
				continue
			}
			v := Violation{
				Rule:        a.Test.Title,
				Impact:      a.Test.Impact,
				File:        subject.Subject.URL,
				Location:    subject.Subject.URL,
				Description: a.Test.Description,
				Details:     a.Result.Description,
				HTML:        a.Result.HTML,
			}
			if len(a.Result.Pointer.CSS) > 0 {
				v.Location += " " + a.Result.Pointer.CSS[0]
			}
			if len(a.Result.Pointer.CFI) > 0 {
				v.Location += " epubcfi(" + a.Result.Pointer.CFI[0] + ")"
			}
			report.Counts[v.Impact]++
			report.Violations = append(report.Violations, v)
		}
	}
	return report, nil
}
