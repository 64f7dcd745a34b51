package hyphen

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// referenceHyphenator is Liang's algorithm written as plainly as possible,
// with its own reading of the .dic file and a map keyed by the letters of
// each pattern. It exists to cross-check the trie and to measure it.
type referenceHyphenator struct {
	weights           map[string][]uint8
	maxLetters        int
	leftMin, rightMin int
}

func loadReference(t testing.TB) *referenceHyphenator {
	t.Helper()
	ref := &referenceHyphenator{weights: make(map[string][]uint8)}
	lines := strings.Split(string(enUSDic), "\n")
	for _, line := range lines[1:] { // line 0 is the charset
		line = strings.TrimSpace(line)
		if key, val, isKeyword := strings.Cut(line, " "); isKeyword {
			switch key {
			case "LEFTHYPHENMIN":
				ref.leftMin = int(val[0] - '0')
			case "RIGHTHYPHENMIN":
				ref.rightMin = int(val[0] - '0')
			}
			continue
		}
		if line == "" {
			continue
		}
		var letters []rune
		w := []uint8{0}
		for _, r := range line {
			if unicode.IsDigit(r) {
				w[len(w)-1] = uint8(r - '0')
			} else {
				letters = append(letters, r)
				w = append(w, 0)
			}
		}
		if _, dup := ref.weights[string(letters)]; dup {
			t.Fatalf("reference: duplicate pattern %q", line)
		}
		ref.weights[string(letters)] = w
		ref.maxLetters = max(ref.maxLetters, len(letters))
	}
	if ref.leftMin == 0 || ref.rightMin == 0 || len(ref.weights) == 0 {
		t.Fatalf("reference: header or patterns missing (left %d right %d, %d patterns)", ref.leftMin, ref.rightMin, len(ref.weights))
	}
	return ref
}

func (ref *referenceHyphenator) points(word string) []int {
	// The lowered, dotted word is kept as UTF-8 bytes so that the map
	// lookups below index with string(bytes) and do not allocate, which
	// keeps BenchmarkPointsMapReference a fair comparison.
	var offsets []int
	text := []byte{'.'}
	starts := []int{0} // byte offset in text of each rune, then len(text)
	for off, r := range word {
		offsets = append(offsets, off)
		starts = append(starts, len(text))
		text = utf8.AppendRune(text, unicode.ToLower(r))
	}
	starts = append(starts, len(text))
	text = append(text, '.')
	starts = append(starts, len(text))
	runes := len(starts) - 1
	levels := make([]uint8, runes+1)
	for i := 0; i < runes; i++ {
		for j := i + 1; j <= runes && j-i <= ref.maxLetters; j++ {
			for k, v := range ref.weights[string(text[starts[i]:starts[j]])] {
				levels[i+k] = max(levels[i+k], v)
			}
		}
	}
	var points []int
	for r := ref.leftMin; r <= len(offsets)-ref.rightMin; r++ {
		if levels[r+1]%2 == 1 {
			points = append(points, offsets[r])
		}
	}
	return points
}

func TestPointsMatchReference(t *testing.T) {
	h := mustEnglish(t)
	ref := loadReference(t)
	if h.leftMin != ref.leftMin || h.rightMin != ref.rightMin {
		t.Fatalf("hyphen mins: trie %d/%d, reference %d/%d", h.leftMin, h.rightMin, ref.leftMin, ref.rightMin)
	}
	words := benchWords()
	// Every whole-word pattern (the exception list) is a word to check too.
	for letters := range ref.weights {
		if len(letters) > 2 && letters[0] == '.' && letters[len(letters)-1] == '.' {
			words = append(words, letters[1:len(letters)-1])
		}
	}
	withPoints := 0
	for _, w := range words {
		got, want := h.Points(w), ref.points(w)
		if !equalInts(got, want) {
			t.Errorf("Points(%q) = %v, reference gives %v", w, got, want)
		}
		if len(got) > 0 {
			withPoints++
		}
	}
	// Guard against both sides agreeing on nothing at all.
	if withPoints < len(words)/2 {
		t.Errorf("only %d of %d words got any point", withPoints, len(words))
	}
}

// BenchmarkPointsMapReference measures the map-keyed-by-substring layout
// that the trie replaced, on the same words as BenchmarkPoints.
func BenchmarkPointsMapReference(b *testing.B) {
	ref := loadReference(b)
	words := benchWords()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, w := range words {
			ref.points(w)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(words)), "ns/word")
}
