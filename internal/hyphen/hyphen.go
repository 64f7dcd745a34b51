// Package hyphen owns word hyphenation: it finds where a hyphen may break a
// word, using Liang's pattern algorithm as in TeX (Franklin Mark Liang,
// "Word Hy-phen-a-tion by Com-put-er", Stanford PhD thesis, 1983).
//
// The only patterns shipped are US English, used for every "en" language
// tag. They are patterns/en-us.dic, an unmodified copy of hyph_en_US.dic from
// the Hyphen library (László Németh; Debian package hyphen-en-us), which is
// Knuth's plain TeX hyphen.tex plus the TUGboat US English exception log
// encoded as whole-word patterns. Their licence and origin are in
// patterns/LICENSE-en-us.txt.
//
// The patterns are compiled into a trie ahead of time (compiled.go,
// patterns/en-us.trie), which For decodes once per process, on first use.
package hyphen

import (
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Hyphenator finds hyphenation points for one language. It is immutable
// once built and safe for concurrent use.
type Hyphenator struct {
	trie              *trie
	leftMin, rightMin int // fewest runes before / after a hyphen
}

var (
	enUSOnce sync.Once
	enUS     *Hyphenator
)

// For returns the hyphenator for a BCP 47 language tag ("en", "en-US",
// "en-GB"... any tag whose primary subtag is "en" gets the US English
// patterns), or nil, false when no patterns exist for that language; then
// the caller does not hyphenate.
func For(lang string) (*Hyphenator, bool) {
	primary, _, _ := strings.Cut(strings.ReplaceAll(lang, "_", "-"), "-")
	if !strings.EqualFold(primary, "en") {
		return nil, false
	}
	enUSOnce.Do(func() {
		h, err := decodeCompiled(enUSTrie)
		if err != nil {
			// The patterns are compiled into the binary, so this is a
			// build defect that the package tests catch, not a runtime
			// condition a caller could handle.
			panic(fmt.Errorf("hyphen: embedded patterns: %w", err))
		}
		enUS = h
	})
	return enUS, true
}

func load(data []byte, name string) (*Hyphenator, error) {
	pf, err := parseDic(data, name)
	if err != nil {
		return nil, err
	}
	if len(pf.patterns) == 0 {
		return nil, fmt.Errorf("%s: no patterns", name)
	}
	return &Hyphenator{trie: buildTrie(pf.patterns), leftMin: pf.leftMin, rightMin: pf.rightMin}, nil
}

// stackRunes is the word length, in runes, up to which Points works in
// stack buffers; longer words cost a few allocations.
const stackRunes = 64

// Points returns the byte offsets inside word at which a hyphen may be
// inserted, ascending. word is one word of letters; capitals and non-ASCII
// letters are fine, matching is case-insensitive and offsets refer to word
// as given. No point leaves fewer than the patterns' left-min runes before
// it or right-min runes after it (2 and 3 for English), so words shorter
// than 5 runes get none. Any input, including invalid UTF-8, is safe;
// each invalid byte counts as one rune that no pattern matches.
func (h *Hyphenator) Points(word string) []int {
	if h == nil || len(word) < h.leftMin+h.rightMin {
		return nil
	}
	n := utf8.RuneCountInString(word)
	if n < h.leftMin+h.rightMin {
		return nil
	}

	// text is the lowercased word between the '.' word-boundary markers,
	// offsets[i] the byte offset of the word's rune i.
	var textBuf [stackRunes + 2]rune
	var offsetBuf [stackRunes]int
	var levelBuf [stackRunes + 3]uint8
	text, offsets, levels := textBuf[:], offsetBuf[:], levelBuf[:]
	if n > stackRunes {
		text, offsets, levels = make([]rune, n+2), make([]int, n), make([]uint8, n+3)
	}
	text, offsets, levels = text[:n+2], offsets[:n], levels[:n+3]

	text[0] = '.'
	i := 0
	for off, r := range word {
		text[i+1] = unicode.ToLower(r)
		offsets[i] = off
		i++
	}
	text[n+1] = '.'

	h.trie.apply(text, levels)

	// A break before word rune r sits between text[r] and text[r+1],
	// which is levels[r+1]; odd values allow it.
	count := 0
	for r := h.leftMin; r <= n-h.rightMin; r++ {
		count += int(levels[r+1] & 1)
	}
	if count == 0 {
		return nil
	}
	points := make([]int, 0, count)
	for r := h.leftMin; r <= n-h.rightMin; r++ {
		if levels[r+1]&1 == 1 {
			points = append(points, offsets[r])
		}
	}
	return points
}
