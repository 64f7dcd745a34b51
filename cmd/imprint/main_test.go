package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const repoRoot = "../.."

func runImprint(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestHelpAndVersion(t *testing.T) {
	if code, out, _ := runImprint("--help"); code != 0 || !strings.Contains(out, "imprint build") {
		t.Errorf("--help: exit %d, %q", code, out)
	}
	if code, out, _ := runImprint("--version"); code != 0 || !strings.HasPrefix(out, "imprint ") {
		t.Errorf("--version: exit %d, %q", code, out)
	}
	if code, _, errs := runImprint("publish"); code != 2 || !strings.Contains(errs, `unknown command "publish"`) {
		t.Errorf("unknown command: exit %d, %q", code, errs)
	}
	if code, _, _ := runImprint("build"); code != 2 {
		t.Errorf("build without manuscripts: exit %d, want 2", code)
	}
	if code, _, _ := runImprint("build", "-h"); code != 0 {
		t.Errorf("build -h: exit %d, want 0", code)
	}
}

func TestBuildWritesBothEditions(t *testing.T) {
	out := t.TempDir()
	code, _, errs := runImprint("build", "-o", out, "-root", repoRoot, filepath.Join(repoRoot, "manuscript"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, name := range []string{"article.epub", "article.pdf"} {
		if info, err := os.Stat(filepath.Join(out, name)); err != nil || info.Size() == 0 {
			t.Errorf("%s: %v", name, err)
		}
	}
	entries, _ := os.ReadDir(out)
	if len(entries) != 2 {
		t.Errorf("output folder holds %d files, want exactly the two editions", len(entries))
	}
}

// TestFailedBuildKeepsTheOldEditions: a manuscript broken after a good
// build fails with file:line and leaves the earlier editions byte for byte.
func TestFailedBuildKeepsTheOldEditions(t *testing.T) {
	project := t.TempDir()
	out := filepath.Join(project, "dist")
	ms := filepath.Join(project, "article.md")
	good := "---\ntitle: A Title\nauthor: A. Writer\nlang: en\n---\n\nSome text.\n"
	if err := os.WriteFile(ms, []byte(good), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := runImprint("build", "-o", out, "-root", project, ms); code != 0 {
		t.Fatalf("good build: exit %d: %s", code, errs)
	}
	before := map[string][]byte{}
	for _, name := range []string{"article.epub", "article.pdf"} {
		before[name], _ = os.ReadFile(filepath.Join(out, name))
	}
	broken := strings.Replace(good, "lang: en", "lang: english", 1)
	if err := os.WriteFile(ms, []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs := runImprint("build", "-o", out, "-root", project, ms)
	if code != 1 || !strings.Contains(errs, "article.md:4: lang:") {
		t.Errorf("broken build: exit %d, stderr %q", code, errs)
	}
	entries, _ := os.ReadDir(out)
	if len(entries) != 2 {
		t.Errorf("output folder holds %d files after the failed build, want the two old editions", len(entries))
	}
	for name, b := range before {
		if now, _ := os.ReadFile(filepath.Join(out, name)); !bytes.Equal(now, b) {
			t.Errorf("%s changed although the build failed", name)
		}
	}
}

func TestUnwritableOutputIsAnError(t *testing.T) {
	file := filepath.Join(t.TempDir(), "not-a-folder")
	os.WriteFile(file, []byte("x"), 0o644)
	code, _, errs := runImprint("build", "-o", file, "-root", repoRoot, filepath.Join(repoRoot, "manuscript", "article.md"))
	if code != 1 || !strings.Contains(errs, "cannot create the output folder") {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
}
