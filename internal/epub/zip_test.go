package epub

import (
	"bytes"
	"compress/flate"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/imprint-press/imprint/internal/document"
)

func inflateAll(t *testing.T, data []byte) []byte {
	t.Helper()
	out, err := io.ReadAll(flate.NewReader(bytes.NewReader(data)))
	if err != nil {
		t.Fatalf("inflating: %v", err)
	}
	return out
}

// noise is n bytes that do not deflate, like a photograph's JPEG data.
func noise(n int) []byte {
	out := make([]byte, n)
	x := uint32(12345)
	for i := range out {
		x = x*1664525 + 1013904223
		out[i] = byte(x >> 24)
	}
	return out
}

func TestDeflatePacked(t *testing.T) {
	text := []byte(strings.Repeat("a flat, synthetic image deflates; ", 2000))
	for _, tc := range []struct {
		name   string
		data   []byte
		stored bool
	}{
		{"noise", noise(3 * probeSize), true},
		{"small noise", noise(100), true},
		{"compressible", text, false},
		{"small compressible", text[:probeSize/2], false},
		// The probe decides: what shrinks only after it is stored.
		{"noise, then compressible", append(noise(probeSize), text...), true},
	} {
		fw, _ := flate.NewWriter(io.Discard, flate.BestSpeed)
		var buf bytes.Buffer
		body, err := deflatePacked(fw, &buf, tc.data)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if tc.stored {
			if !bytes.Equal(body, tc.data) {
				t.Errorf("%s: not stored as it is", tc.name)
			}
			continue
		}
		if len(body) >= len(tc.data)/2 {
			t.Errorf("%s: %d bytes deflated to %d", tc.name, len(tc.data), len(body))
		}
		if got := inflateAll(t, body); !bytes.Equal(got, tc.data) {
			t.Errorf("%s: does not inflate back to the data", tc.name)
		}
	}
}

// TestConcurrentWritesMatch writes books at once: pooled compressors and
// buffers must not leak one book's bytes into another's. Each goroutine
// has its own documents, as a document is not safe to render concurrently.
func TestConcurrentWritesMatch(t *testing.T) {
	const workers = 8
	want := build(t, loadFixture(t, "sample/sample.md"))
	type pair struct{ doc, other *document.Document }
	docs := make([]pair, workers)
	for i := range docs {
		docs[i] = pair{loadFixture(t, "sample/sample.md"), loadFixture(t, "sample/sample.md")}
		docs[i].other.Meta.Title += " (second edition)"
	}
	errs := make(chan error, workers)
	for i, p := range docs {
		go func() {
			var buf, scratch bytes.Buffer
			if err := Write(&scratch, p.other); err != nil {
				errs <- err
				return
			}
			if err := Write(&buf, p.doc); err != nil {
				errs <- err
				return
			}
			if !bytes.Equal(buf.Bytes(), want) {
				errs <- fmt.Errorf("goroutine %d: the book differs", i)
				return
			}
			errs <- nil
		}()
	}
	for range workers {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
