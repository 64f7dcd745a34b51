package release

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rhysd/actionlint"
)

const repoRoot = "../.."

// TestTwoReleasesAreIdentical: make release twice, same folder, byte for
// byte, with SHA256SUMS that match the files.
func TestTwoReleasesAreIdentical(t *testing.T) {
	article := filepath.Join(repoRoot, "manuscript", "article.md")
	var folders []map[string][]byte
	for i := 0; i < 2; i++ {
		out := filepath.Join(t.TempDir(), "dist")
		verified := 0
		opts := Options{OutDir: out, Root: repoRoot, SourceDateEpoch: "1700000000", Version: "test",
			Verify: func(m, e, p string) error { verified++; return nil }}
		if err := Make([]string{article}, opts); err != nil {
			t.Fatal(err)
		}
		if verified != 1 {
			t.Errorf("verify ran %d times, want once per manuscript", verified)
		}
		files := map[string][]byte{}
		entries, _ := os.ReadDir(out)
		for _, e := range entries {
			files[e.Name()], _ = os.ReadFile(filepath.Join(out, e.Name()))
		}
		folders = append(folders, files)
	}
	if len(folders[0]) != 4 {
		t.Fatalf("release folder holds %d files, want article.epub, article.pdf, SHA256SUMS, manifest.json", len(folders[0]))
	}
	for name, b := range folders[0] {
		if !bytes.Equal(b, folders[1][name]) {
			t.Errorf("%s differs between two releases", name)
		}
	}
	var m Manifest
	if err := json.Unmarshal(folders[0]["manifest.json"], &m); err != nil {
		t.Fatal(err)
	}
	if len(m.Works) != 1 || m.Works[0].Title == "" || m.Works[0].Modified != "2023-11-14T22:13:20Z" || len(m.Files) != 2 {
		t.Errorf("manifest: %+v", m)
	}
	sums := string(folders[0]["SHA256SUMS"])
	for _, f := range m.Files {
		if !strings.Contains(sums, f.SHA256+"  "+f.Name+"\n") || f.Size != int64(len(folders[0][f.Name])) {
			t.Errorf("SHA256SUMS or size wrong for %s", f.Name)
		}
	}
}

// TestFailedReleaseKeepsThePreviousFolder: drift found by verify stops the
// release and leaves the previous folder as it was.
func TestFailedReleaseKeepsThePreviousFolder(t *testing.T) {
	out := filepath.Join(t.TempDir(), "dist")
	os.MkdirAll(out, 0o755)
	os.WriteFile(filepath.Join(out, "previous.txt"), []byte("old release"), 0o644)
	err := Make([]string{filepath.Join(repoRoot, "manuscript", "article.md")}, Options{OutDir: out, Root: repoRoot,
		Verify: func(m, e, p string) error { return os.ErrInvalid }})
	if err == nil {
		t.Fatal("a release with drift succeeded")
	}
	if b, _ := os.ReadFile(filepath.Join(out, "previous.txt")); string(b) != "old release" {
		t.Error("the previous release folder was changed")
	}
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".dist.release-*"))
	if len(leftovers) != 0 {
		t.Errorf("staging folders left behind: %v", leftovers)
	}
}

// TestReleaseWorkflowLints runs actionlint on the release workflow.
func TestReleaseWorkflowLints(t *testing.T) {
	path := filepath.Join(repoRoot, ".github", "workflows", "release.yml")
	var out bytes.Buffer
	linter, err := actionlint.NewLinter(&out, &actionlint.LinterOptions{})
	if err != nil {
		t.Fatal(err)
	}
	errs, err := linter.LintFile(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range errs {
		t.Errorf("actionlint: %s", e.Error())
	}
	b, _ := os.ReadFile(path)
	for _, want := range []string{"make release", "make check", "--shard", "fetch-depth: 0"} {
		if !bytes.Contains(b, []byte(want)) {
			t.Errorf("the release workflow does not run %q", want)
		}
	}
}
