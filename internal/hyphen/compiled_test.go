package hyphen

import (
	"bytes"
	_ "embed"
	"flag"
	"os"
	"reflect"
	"testing"
)

// enUSDic is the pattern file the compiled trie is made from; the
// binary carries only the compiled trie.
//
//go:embed patterns/en-us.dic
var enUSDic []byte

var updateCompiled = flag.Bool("update-compiled", false, "rewrite patterns/en-us.trie from patterns/en-us.dic")

// TestCompiledPatternsUpToDate checks that the trie For uses is exactly
// the one the pattern file builds today.
func TestCompiledPatternsUpToDate(t *testing.T) {
	h, err := load(enUSDic, "patterns/en-us.dic")
	if err != nil {
		t.Fatal(err)
	}
	want := encodeCompiled(h)
	if *updateCompiled {
		if err := os.WriteFile("patterns/en-us.trie", want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if !bytes.Equal(enUSTrie, want) {
		t.Fatal("patterns/en-us.trie is stale: run go generate ./internal/hyphen")
	}
}

func TestCompiledRoundTrip(t *testing.T) {
	h, err := load(enUSDic, "patterns/en-us.dic")
	if err != nil {
		t.Fatal(err)
	}
	got, err := decodeCompiled(encodeCompiled(h))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, h) {
		t.Error("decoding the compiled trie does not give back the trie built from the patterns")
	}
	en, _ := For("en")
	if !reflect.DeepEqual(en, h) {
		t.Error("For(en) differs from the hyphenator built from the pattern file")
	}
	for _, w := range []string{"hyphenation", "typesetting", "extraordinary"} {
		if a, b := en.Points(w), h.Points(w); !equalInts(a, b) {
			t.Errorf("%s: compiled %v, parsed %v", w, a, b)
		}
	}
}

// TestCompiledRejectsDamage checks that truncated or corrupted data is an
// error rather than a trie that panics when used.
func TestCompiledRejectsDamage(t *testing.T) {
	good := enUSTrie
	if _, err := decodeCompiled(good); err != nil {
		t.Fatalf("the embedded trie: %v", err)
	}
	cases := map[string][]byte{
		"empty":     nil,
		"magic":     append([]byte("X"), good[1:]...),
		"truncated": good[:len(good)-1],
		"header":    good[:len(compiledMagic)+5],
	}
	// Point the first edge at a node past the end.
	bad := bytes.Clone(good)
	nodes := int(le32(bad[len(compiledMagic)+2:]))
	firstEdgeTo := len(compiledMagic) + 2 + 16 + 12*nodes + 4
	copy(bad[firstEdgeTo:], []byte{0xff, 0xff, 0xff, 0x7f})
	cases["edge target"] = bad
	// Give the root's weights an offset past the end.
	bad = bytes.Clone(good)
	copy(bad[len(compiledMagic)+2+16+4:], []byte{0xff, 0xff, 0xff, 0x7f})
	cases["weights"] = bad
	for name, data := range cases {
		if _, err := decodeCompiled(data); err == nil {
			t.Errorf("%s: decoded without an error", name)
		}
	}
}

func le32(b []byte) uint32 {
	return uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16 | uint32(b[3])<<24
}

func BenchmarkDecodeCompiled(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := decodeCompiled(enUSTrie); err != nil {
			b.Fatal(err)
		}
	}
}
