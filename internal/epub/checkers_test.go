package epub

import (
	"path/filepath"
	"testing"

	"github.com/imprint-press/imprint/internal/document"
	"github.com/imprint-press/imprint/internal/validate"
)

// checkedBooks are the EPUBs the external checkers see: the sample with
// every construct and the hostile one, built alone, and the real article
// when present, built as internal/build builds it: with the print
// edition's page list.
func checkedBooks(t *testing.T) map[string]func(t *testing.T) *document.Document {
	return map[string]func(t *testing.T) *document.Document{
		"sample":  func(t *testing.T) *document.Document { return loadFixture(t, "sample/sample.md") },
		"hostile": hostileDoc,
		"article": func(t *testing.T) *document.Document { return withPrintPages(t, loadArticle(t)) },
	}
}

// EPUBCheck 5.3.0 must find nothing at all: no fatal, error or warning. Its
// usage-level (-u) messages are logged.
func TestEPUBCheck(t *testing.T) {
	if testing.Short() {
		t.Skip("SKIP: EPUBCheck takes seconds a book")
	}
	validate.Require(t, validate.ToolEPUBCheck)
	for _, name := range []string{"sample", "hostile", "article"} {
		load := checkedBooks(t)[name]
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			path := writeTemp(t, name+".epub", build(t, load(t)))
			report, err := validate.EPUBCheck(path, true)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range report.Messages {
				switch m.Severity {
				case validate.SeverityFatal, validate.SeverityError, validate.SeverityWarning:
					t.Errorf("%s %s: %s at %v", m.Severity, m.ID, m.Message, m.Locations)
				default:
					t.Logf("%s %s: %s at %v", m.Severity, m.ID, m.Message, m.Locations)
				}
			}
			t.Logf("EPUBCheck %s: %v", report.CheckerVersion, report.Counts)
		})
	}
}

// Ace by DAISY must report no violation of any impact.
func TestAce(t *testing.T) {
	if testing.Short() {
		t.Skip("SKIP: Ace takes seconds a book")
	}
	validate.Require(t, validate.ToolAce)
	for _, name := range []string{"sample", "hostile", "article"} {
		load := checkedBooks(t)[name]
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			path := writeTemp(t, name+".epub", build(t, load(t)))
			report, err := validate.Ace(path, filepath.Join(dir, "ace"))
			if err != nil {
				t.Fatal(err)
			}
			for _, v := range report.Violations {
				t.Errorf("%s (%s) in %s: %s %s", v.Rule, v.Impact, v.Location, v.Details, v.HTML)
			}
			if report.Outcome != "pass" {
				t.Errorf("Ace outcome %q", report.Outcome)
			}
		})
	}
}
