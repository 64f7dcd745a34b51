package hyphen

import (
	"bytes"
	"slices"
	"strings"
	"testing"
)

func TestParseDicEmbedded(t *testing.T) {
	pf, err := parseDic(enUSDic, "en-us.dic")
	if err != nil {
		t.Fatal(err)
	}
	if pf.leftMin != 2 || pf.rightMin != 3 {
		t.Errorf("hyphen mins = %d/%d, want 2/3 from the file header", pf.leftMin, pf.rightMin)
	}
	if pf.skipped != 0 {
		t.Errorf("skipped %d non-standard patterns, the en-US file has none", pf.skipped)
	}
	// Every line but the charset and the two hyphen-min lines is a pattern.
	lines := bytes.Count(bytes.TrimRight(enUSDic, "\n"), []byte("\n")) + 1
	if want := lines - 3; len(pf.patterns) != want {
		t.Errorf("parsed %d patterns, file has %d pattern lines", len(pf.patterns), want)
	}
}

func TestParseDicFormat(t *testing.T) {
	const dic = "UTF-8\r\n" +
		"% a comment line\n" +
		"LEFTHYPHENMIN 1\n" +
		"RIGHTHYPHENMIN 4\n" +
		"COMPOUNDLEFTHYPHENMIN 2\n" +
		"NOHYPHEN -,'\n" +
		"\n" +
		"  .hy3ph  \n" +
		"zuc1ker/k=k,3,2\n" +
		"a1b\n" +
		"2ab\n" +
		"NEXTLEVEL\n" +
		"x1y\n"
	pf, err := parseDic([]byte(dic), "test.dic")
	if err != nil {
		t.Fatal(err)
	}
	if pf.leftMin != 1 || pf.rightMin != 4 {
		t.Errorf("hyphen mins = %d/%d, want 1/4", pf.leftMin, pf.rightMin)
	}
	if pf.skipped != 1 {
		t.Errorf("skipped = %d, want 1 (the zuc1ker/ pattern)", pf.skipped)
	}
	var got []string
	for _, p := range pf.patterns {
		got = append(got, string(p.letters)+":"+string(weightDigits(p.weights)))
	}
	// x1y comes after NEXTLEVEL, so the first level ends before it.
	want := []string{".hyph:000300", "ab:010", "ab:200"}
	if !slices.Equal(got, want) {
		t.Errorf("patterns = %v, want %v", got, want)
	}

	// Duplicate letters merge to the larger weight at each position.
	tr := buildTrie(pf.patterns)
	levels := make([]uint8, 3)
	tr.apply([]rune("ab"), levels)
	if !slices.Equal(levels, []uint8{2, 1, 0}) {
		t.Errorf("levels for ab = %v, want [2 1 0]", levels)
	}
}

func weightDigits(w []uint8) []byte {
	out := make([]byte, len(w))
	for i, v := range w {
		out[i] = '0' + v
	}
	return out
}

func TestParseDicErrors(t *testing.T) {
	tests := []struct{ name, dic, wantErr string }{
		{"empty", "", "no charset"},
		{"latin1", "ISO8859-1\na1b\n", "charset"},
		{"bad min", "UTF-8\nLEFTHYPHENMIN x\n", "LEFTHYPHENMIN"},
		{"min without value", "UTF-8\nRIGHTHYPHENMIN\n", "RIGHTHYPHENMIN"},
		{"unknown keyword", "UTF-8\nFOO BAR\n", "unknown keyword"},
		{"digits only", "UTF-8\n123\n", "no letters"},
		{"invalid utf-8", "UTF-8\na1\xffb\n", "UTF-8"},
	}
	for _, tt := range tests {
		_, err := parseDic([]byte(tt.dic), "test.dic")
		if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !strings.Contains(err.Error(), "test.dic") {
			t.Errorf("%s: error %v, want one naming test.dic and containing %q", tt.name, err, tt.wantErr)
		}
	}
	if _, err := load([]byte("UTF-8\nLEFTHYPHENMIN 2\n"), "none.dic"); err == nil || !strings.Contains(err.Error(), "no patterns") {
		t.Errorf("load without patterns: error %v, want \"no patterns\"", err)
	}
}

// A custom pattern set shows the break rules apart from the English data:
// odd levels break, the hyphen mins come from the file, and '.' anchors
// patterns to the word's ends.
func TestLoadCustomPatterns(t *testing.T) {
	h, err := load([]byte("UTF-8\nLEFTHYPHENMIN 1\nRIGHTHYPHENMIN 1\n1b\n.c1\n1d.\nb2c\n"), "custom.dic")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ word, want string }{
		{"abab", "a-ba-b"},   // 1b before each b
		{"abcab", "a-bca-b"}, // b2c forbids b-c
		{"cacac", "c-acac"},  // .c1 only at the start
		{"ddddd", "dddd-d"},  // 1d. only at the end
	}
	for _, tt := range tests {
		if got := hyphenate(h, tt.word); got != tt.want {
			t.Errorf("custom hyphenate(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}
