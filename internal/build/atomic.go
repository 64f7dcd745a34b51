package build

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
)

// pending tracks temporary files not yet renamed into place, so that an
// interrupted build (SIGINT, SIGTERM) can remove them before it exits and
// leave every edition as it was.
var pending struct {
	sync.Mutex
	files  map[string]struct{}
	closed bool // set once the process is exiting: no new files
}

// RemovePending deletes every temporary file of builds still under way. The
// command calls it when it is interrupted.
func RemovePending() {
	pending.Lock()
	defer pending.Unlock()
	for name := range pending.files {
		os.Remove(name)
	}
	pending.files = nil
	pending.closed = true
}

// createTracked creates the temporary file and records it in one step, so
// an interrupt can never leave an untracked temporary file behind.
func createTracked(dir, pattern string) (*os.File, error) {
	pending.Lock()
	defer pending.Unlock()
	if pending.closed {
		return nil, errors.New("interrupted")
	}
	f, err := os.CreateTemp(dir, pattern)
	if err != nil {
		return nil, err
	}
	if pending.files == nil {
		pending.files = map[string]struct{}{}
	}
	pending.files[f.Name()] = struct{}{}
	return f, nil
}

func untrack(name string) {
	pending.Lock()
	defer pending.Unlock()
	delete(pending.files, name)
}

// writeStaged writes an edition's bytes to its temporary file. It is a
// variable so that tests can make the disk fill up part way through.
var writeStaged = func(f *os.File, data []byte) error {
	_, err := f.Write(data)
	return err
}

// staged is an edition written to a temporary file beside its final path.
// Nothing at the final path changes until commit renames it into place.
type staged struct {
	tmp, final string
}

// stage writes data to a temporary file in final's folder and syncs it,
// so that the rename in commit is the only step that changes the edition.
func stage(final string, data []byte) (*staged, error) {
	f, err := createTracked(filepath.Dir(final), "."+filepath.Base(final)+".*.tmp")
	if err != nil {
		return nil, fmt.Errorf("cannot write %s: %w", final, unwrap(err))
	}
	fail := func(err error) (*staged, error) {
		f.Close()
		os.Remove(f.Name())
		untrack(f.Name())
		return nil, fmt.Errorf("writing %s: %w", final, unwrap(err))
	}
	if err := writeStaged(f, data); err != nil {
		return fail(err)
	}
	if err := f.Sync(); err != nil {
		return fail(err)
	}
	if err := f.Chmod(0o644); err != nil {
		return fail(err)
	}
	if err := f.Close(); err != nil {
		return fail(err)
	}
	return &staged{tmp: f.Name(), final: final}, nil
}

func (s *staged) commit() error {
	defer untrack(s.tmp)
	if err := os.Rename(s.tmp, s.final); err != nil {
		os.Remove(s.tmp)
		return fmt.Errorf("writing %s: %w", s.final, unwrap(err))
	}
	return nil
}

func (s *staged) discard() {
	os.Remove(s.tmp)
	untrack(s.tmp)
}

func unwrap(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}
