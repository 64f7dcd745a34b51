package build

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
)

// TestDiskFullKeepsOldEditions fills the disk part way through writing an
// edition, the first one written and then the second, and checks that the build
// fails naming the edition and the cause, and that the folder holds the
// old editions byte for byte and nothing else.
func TestDiskFullKeepsOldEditions(t *testing.T) {
	project := t.TempDir()
	out := filepath.Join(project, "dist")
	ms := filepath.Join(project, "article.md")
	write := func(text string) {
		if err := os.WriteFile(ms, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("---\ntitle: Old\nauthor: A. Writer\nlang: en\n---\n\nThe old edition.\n")
	opts := Options{OutDir: out, Root: project}
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := One(ms, opts); err != nil {
		t.Fatal(err)
	}
	before := folder(t, out)
	write("---\ntitle: New\nauthor: A. Writer\nlang: en\n---\n\n" + strings.Repeat("The new edition, which is longer. ", 2000) + "\n")

	for failAt := 1; failAt <= 2; failAt++ {
		var writes atomic.Int32 // the editions are written at once
		writeStaged = func(f *os.File, data []byte) error {
			if writes.Add(1) < int32(failAt) {
				_, err := f.Write(data)
				return err
			}
			// Half the bytes reach the disk, then it is full.
			if _, err := f.Write(data[:len(data)/2]); err != nil {
				return err
			}
			return syscall.ENOSPC
		}
		_, err := One(ms, opts)
		writeStaged = func(f *os.File, data []byte) error { _, err := f.Write(data); return err }
		if err == nil || !strings.Contains(err.Error(), "no space left on device") || !strings.Contains(err.Error(), filepath.Join(out, "article.")) {
			t.Errorf("write %d fails: error %v, want it to name the edition and say the disk is full", failAt, err)
		}
		if after := folder(t, out); !sameFiles(before, after) {
			t.Errorf("write %d fails: the folder changed from %v to %v", failAt, names(before), names(after))
		}
	}
}

func folder(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, e := range entries {
		if files[e.Name()], err = os.ReadFile(filepath.Join(dir, e.Name())); err != nil {
			t.Fatal(err)
		}
	}
	return files
}

func sameFiles(a, b map[string][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for name, data := range a {
		if other, ok := b[name]; !ok || !bytes.Equal(data, other) {
			return false
		}
	}
	return true
}

func names(files map[string][]byte) []string {
	var list []string
	for name := range files {
		list = append(list, name)
	}
	return list
}
