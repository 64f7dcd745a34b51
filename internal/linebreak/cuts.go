package linebreak

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// wordCuts lists where the word text[start:end] may break or loses an
// invisible character, in order. long adds the break points of a string too
// wide for any line: after URL punctuation and, at a high penalty, between
// any two characters.
func (b *itemBuilder) wordCuts(start, end int, long bool) []cut {
	word := b.text[start:end]
	url := looksLikeURL(word)
	cuts := b.cuts[:0]
	prev := rune(-1)
	for i := 0; i < len(word); {
		r, size := utf8.DecodeRuneInString(word[i:])
		next := rune(-1)
		if i+size < len(word) {
			next, _ = utf8.DecodeRuneInString(word[i+size:])
		}
		at, after := start+i, start+i+size
		interior := i > 0 && next >= 0
		switch {
		case r == softHyphen:
			cuts = append(cuts, cut{at: at, end: after, brk: interior, penalty: b.p.HyphenPenalty, flagged: true, hyphen: true})
		case r == zeroWidthSpace:
			cuts = append(cuts, cut{at: at, end: after, brk: interior})
		case (r == '-' || r == hyphenChar) && !url:
			// An explicit hyphen between letters: "well-|known".
			if isWordRune(prev) && isWordRune(next) {
				cuts = append(cuts, cut{at: after, end: after, brk: true, flagged: true})
			}
		case r == enDash || r == emDash:
			if interior && next != enDash && next != emDash {
				cuts = append(cuts, cut{at: after, end: after, brk: true})
			}
		}
		if (url || long) && interior && strings.ContainsRune(urlBreakAfter, r) && !strings.ContainsRune(urlBreakAfter, next) {
			cuts = append(cuts, cut{at: after, end: after, brk: true, penalty: urlBreakPenalty})
		}
		if long && i > 0 && !unicode.IsMark(r) && r != zeroWidthJoiner && prev != zeroWidthJoiner {
			cuts = append(cuts, cut{at: at, end: at, brk: true, penalty: charBreakPenalty})
		}
		prev = r
		i += size
	}
	if b.h != nil && !url {
		cuts = b.hyphenationCuts(cuts, start, end)
	}
	cuts = tidyCuts(cuts)
	b.cuts = cuts
	return cuts
}

// hyphenationCuts adds the Hyphenator's points inside each run of letters
// of text[start:end].
func (b *itemBuilder) hyphenationCuts(cuts []cut, start, end int) []cut {
	letters, runes := -1, 0
	for i := start; i <= end; {
		r, size := rune(-1), 1
		if i < end {
			r, size = utf8.DecodeRuneInString(b.text[i:end])
		}
		if unicode.IsLetter(r) || (letters >= 0 && unicode.IsMark(r)) {
			if letters < 0 {
				letters, runes = i, 0
			}
			runes++
		} else if letters >= 0 {
			if runes <= maxHyphenatedRunes {
				cuts = b.hyphenate(cuts, letters, i)
			}
			letters = -1
		}
		i += size
	}
	return cuts
}

func (b *itemBuilder) hyphenate(cuts []cut, start, end int) []cut {
	k := sort.Search(len(b.spans), func(j int) bool { return b.spans[j].end > start })
	for ; k < len(b.spans) && b.spans[k].start < end; k++ {
		if b.spans[k].noHyphens {
			return cuts
		}
	}
	word := b.text[start:end]
	for _, p := range b.h.Points(word) {
		if p <= 0 || p >= len(word) || !utf8.RuneStart(word[p]) {
			continue // not a point inside the word: ignore rather than trust
		}
		cuts = append(cuts, cut{at: start + p, end: start + p, brk: true, penalty: b.p.HyphenPenalty, flagged: true, hyphen: true})
	}
	return cuts
}

// tidyCuts sorts cuts and keeps one per position, the cheapest break, while
// never splitting an invisible character it drops.
func tidyCuts(cuts []cut) []cut {
	slices.SortStableFunc(cuts, func(x, y cut) int {
		switch {
		case x.at != y.at:
			return x.at - y.at
		case x.brk != y.brk: // a break before no break
			if x.brk {
				return -1
			}
			return 1
		case x.penalty < y.penalty:
			return -1
		case x.penalty > y.penalty:
			return 1
		}
		return 0
	})
	out := cuts[:0]
	for _, c := range cuts {
		if n := len(out); n > 0 {
			last := &out[n-1]
			if c.at == last.at {
				last.end = max(last.end, c.end)
				continue
			}
			if c.at < last.end {
				continue // inside a dropped character
			}
			if c.at == last.end && last.end > last.at && last.brk {
				if c.end == c.at {
					continue // a second break right after one
				}
				c.brk = false // still drop the character
			}
		}
		out = append(out, c)
	}
	return out
}

func looksLikeURL(s string) bool {
	return strings.Contains(s, "://") || strings.HasPrefix(s, "www.") || strings.HasPrefix(s, "mailto:")
}

func isWordRune(r rune) bool {
	return r >= 0 && (unicode.IsLetter(r) || unicode.IsDigit(r))
}
