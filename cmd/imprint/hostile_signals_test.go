package main

import (
	"bytes"
	"errors"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestInterruptKeepsOldEditions starts the real command on a manuscript
// that takes seconds to build, interrupts it once it has begun writing
// (a temporary edition is in the folder), and checks that it exits as a
// process killed by that signal does, leaves no temporary file, and keeps
// the old editions byte for byte.
func TestInterruptKeepsOldEditions(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command and a 4 MB manuscript")
	}
	bin := filepath.Join(t.TempDir(), "imprint")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	big := bigManuscript(t, 4<<20)
	for _, c := range []struct {
		sig  syscall.Signal
		code int
	}{{syscall.SIGINT, 130}, {syscall.SIGTERM, 143}} {
		t.Run(c.sig.String(), func(t *testing.T) {
			project := t.TempDir()
			out := filepath.Join(project, "dist")
			ms := filepath.Join(project, "article.md")
			writeFile(t, ms, []byte(goodManuscript))
			if code, _, errs := runImprint("build", "-q", "-o", out, "-root", project, ms); code != 0 {
				t.Fatalf("good build: exit %d: %s", code, errs)
			}
			before := snapshot(t, out)
			writeFile(t, ms, []byte(big))

			cmd := exec.Command(bin, "build", "-o", out, "-root", project, ms)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			exited := make(chan error, 1)
			go func() { exited <- cmd.Wait() }()
			if err := waitForTemporaryFile(out, exited); err != nil {
				t.Fatal(err)
			}
			if err := cmd.Process.Signal(c.sig); err != nil {
				t.Fatal(err)
			}
			var exitErr *exec.ExitError
			if err := <-exited; !errors.As(err, &exitErr) || exitErr.ExitCode() != c.code {
				t.Errorf("after %v: %v, want exit status %d", c.sig, err, c.code)
			}
			if !strings.Contains(stderr.String(), "interrupted; no edition was changed") {
				t.Errorf("stderr: %q", stderr.String())
			}
			after := snapshot(t, out)
			if !maps.EqualFunc(before, after, bytes.Equal) {
				t.Errorf("the output folder changed: before %v, after %v", slices.Sorted(maps.Keys(before)), slices.Sorted(maps.Keys(after)))
			}
		})
	}
}

// waitForTemporaryFile returns once dir holds a temporary edition, or an
// error if the build ends first.
func waitForTemporaryFile(dir string, exited <-chan error) error {
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		select {
		case err := <-exited:
			return errors.New("the build ended before it wrote a temporary file (" + errString(err) + "): make the manuscript bigger")
		default:
		}
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), ".tmp") {
				return nil
			}
		}
		time.Sleep(time.Millisecond)
	}
	return errors.New("no temporary file appeared in two minutes")
}

func errString(err error) string {
	if err == nil {
		return "exit 0"
	}
	return err.Error()
}
