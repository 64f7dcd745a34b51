package verify

import (
	"strings"
	"unicode"
)

// haystack is an edition's text prepared for matching: white space
// collapsed to one space, or to '\n' where it holds a line end (the end of
// a PDF line or of an EPUB block), so that a line-end hyphen can be told
// from a hyphen inside a line.
type haystack []rune

// invisible are characters that carry no text: the soft hyphen and the
// zero-width spaces and joiners.
func invisible(r rune) bool {
	return r == '\u00ad' || r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\u2060' || r == '\ufeff'
}

func prepare(s string) haystack {
	out := make(haystack, 0, len(s))
	var pending rune
	for _, r := range s {
		switch {
		case invisible(r):
			continue
		case r == '\n' || r == '\r' || r == '\f' || r == '\u2028' || r == '\u2029':
			pending = '\n'
			continue
		case unicode.IsSpace(r):
			if pending == 0 {
				pending = ' '
			}
			continue
		}
		if pending != 0 && len(out) > 0 {
			out = append(out, pending)
		}
		pending = 0
		out = append(out, r)
	}
	return out
}

// prepareNeedle is prepare for the text looked for: line ends in it are
// only white space.
func prepareNeedle(s string) []rune {
	n := prepare(s)
	for i, r := range n {
		if r == '\n' {
			n[i] = ' '
		}
	}
	return n
}

// breaksAfter are the characters after which a line may end with no space
// in the text: a dash, a slash, a hyphen of the text.
func breaksAfter(r rune) bool {
	return r == '-' || r == '—' || r == '–' || r == '/' || r == '‐'
}

// matchAt matches needle against hay from position i and returns where the
// match ends. A space in the needle matches a space or a line end; a line
// end may also fall, unmarked, after a dash or slash; and a hyphen at a
// line end between two letters may be the typesetter's, standing for
// nothing.
func (hay haystack) matchAt(i int, needle []rune) (int, bool) {
	h := i
	for k := 0; k < len(needle); {
		if h >= len(hay) {
			return 0, false
		}
		c, x := needle[k], hay[h]
		switch {
		case c == ' ' && (x == ' ' || x == '\n'):
			h++
			k++
		case c == x:
			h++
			k++
		case x == '\n' && h > i && breaksAfter(hay[h-1]):
			h++
		case x == '-' && h+1 < len(hay) && hay[h+1] == '\n' && h > i && unicode.IsLetter(hay[h-1]) && unicode.IsLetter(c):
			h += 2
		default:
			return 0, false
		}
	}
	return h, true
}

// find returns the start and end of the first match of needle at or after
// from, or -1. A match begins and ends on word boundaries: "eta" is not
// found in "beta".
func (hay haystack) find(needle []rune, from int) (int, int) {
	if len(needle) == 0 {
		return from, from
	}
	first := needle[0]
	for i := max(from, 0); i < len(hay); i++ {
		if hay[i] != first || (i > 0 && isWordRune(first) && isWordRune(hay[i-1])) {
			continue
		}
		if end, ok := hay.matchAt(i, needle); ok && hay.endsWord(end, needle) {
			return i, end
		}
	}
	return -1, -1
}

// endsWord reports whether a match of needle ending at end ends on a word
// boundary.
func (hay haystack) endsWord(end int, needle []rune) bool {
	return end >= len(hay) || !isWordRune(needle[len(needle)-1]) || !isWordRune(hay[end])
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// inOrder finds every passage in hay, each piece after the one before.
// It returns the index of the first passage missing or out of order
// (-1 when all are found), whether it is present elsewhere (out of
// order), and how many passages failed.
func (hay haystack) inOrder(ps []passage) (first int, outOfOrder bool, failed int) {
	first = -1
	pos := 0
	for i, p := range ps {
		start := pos
		ok := true
		for _, piece := range p.pieces {
			_, end := hay.find(prepareNeedle(piece), start)
			if end < 0 {
				ok = false
				break
			}
			start = end
		}
		if ok {
			pos = start
			continue
		}
		failed++
		if first < 0 {
			first = i
			outOfOrder = hay.contains(p)
		}
	}
	return first, outOfOrder, failed
}

// contains reports whether every piece of p occurs in hay, in order.
func (hay haystack) contains(p passage) bool {
	start := 0
	for _, piece := range p.pieces {
		_, end := hay.find(prepareNeedle(piece), start)
		if end < 0 {
			return false
		}
		start = end
	}
	return true
}

// firstWords returns up to n words of s from its start, white space
// collapsed.
func firstWords(s string, n int) []string {
	var words []string
	for len(words) < n {
		s = strings.TrimLeftFunc(s, unicode.IsSpace)
		if s == "" {
			break
		}
		end := strings.IndexFunc(s, unicode.IsSpace)
		if end < 0 {
			end = len(s)
		}
		words = append(words, s[:end])
		s = s[end:]
	}
	return words
}
