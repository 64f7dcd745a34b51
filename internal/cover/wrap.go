package cover

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// blockStyle says how one text block (title, subtitle, byline) may be set.
type blockStyle struct {
	maxSize, minSize float64 // px; sizes are tried from large to small
	step             float64 // px between tried sizes
	maxLines         int     // a block with more lines is shrunk further
	hardMaxLines     int     // lines kept at the smallest size; 0: as many as fit
	leading          float64 // baseline-to-baseline distance, in ems
	width, height    float64 // px the inked block must stay within
	balance          bool    // even out line lengths instead of filling greedily
}

// block is a text block fitted to its zone.
type block struct {
	m     *measurer
	size  float64 // px
	lines [][]word
	style blockStyle
}

// inkHeight is the vertical extent of n lines at size, from the cap height
// of the first line to the descenders of the last.
func (m *measurer) inkHeight(n int, size, leading float64) float64 {
	if n == 0 {
		return 0
	}
	return (m.capHeight + float64(n-1)*leading + m.descender) * size
}

// fit sets the tokens (words, or phrases that should not break) in the
// largest size that wraps within the style's limits. If even the smallest
// size overflows, overlong tokens are broken and the text is cut at a token
// boundary, ending in an ellipsis.
func fit(m *measurer, tokens []string, st blockStyle) block {
	words := measureAll(m, tokens)
	if b, ok := tryFit(m, words, st); ok {
		return b
	}
	return squeeze(m, words, st)
}

func measureAll(m *measurer, tokens []string) []word {
	words := make([]word, len(tokens))
	for i, t := range tokens {
		words[i] = m.measure(t)
	}
	return words
}

// tryFit looks for the largest size at which every token fits on a line
// and the block within its line and height limits.
func tryFit(m *measurer, words []word, st blockStyle) (block, bool) {
	b := block{m: m, style: st}
	if len(words) == 0 {
		return b, true
	}
	widest := 0.0
	for _, w := range words {
		widest = max(widest, m.inkWidth([]word{w}))
	}
	for size := st.maxSize; size >= st.minSize; size -= st.step {
		limit := st.width * m.upem / size
		if widest > limit {
			continue
		}
		n := countLines(m, words, limit)
		if n <= st.maxLines && m.inkHeight(n, size, st.leading) <= st.height {
			if st.balance {
				b.lines = balanced(m, words, limit, n)
			} else {
				b.lines = greedy(m, words, limit)
			}
			b.size = size
			return b, true
		}
	}
	return b, false
}

// squeeze sets text that does not fit at the smallest size: tokens wider
// than the measure are broken, and lines past the height (or hardMaxLines)
// are dropped, the last kept line ending in an ellipsis.
func squeeze(m *measurer, words []word, st blockStyle) block {
	size := st.minSize
	limit := st.width * m.upem / size
	lines := greedy(m, splitOverlong(m, words, limit), limit)
	room := 1 + int((st.height/size-m.capHeight-m.descender)/st.leading)
	if st.hardMaxLines > 0 {
		room = min(room, st.hardMaxLines)
	}
	room = max(room, 1)
	if len(lines) > room {
		lines = lines[:room]
		lines[room-1] = withEllipsis(m, lines[room-1], limit)
	}
	return block{m: m, style: st, size: size, lines: lines}
}

// splitOverlong breaks every word wider than limit into pieces that fit.
func splitOverlong(m *measurer, words []word, limit float64) []word {
	var out []word
	for i, w := range words {
		if m.inkWidth([]word{w}) <= limit {
			if out != nil {
				out = append(out, w)
			}
			continue
		}
		if out == nil {
			out = append(make([]word, 0, len(words)+4), words[:i]...)
		}
		out = append(out, m.splitToFit(w, limit)...)
	}
	if out == nil {
		return words
	}
	return out
}

// greedy fills each line with as many words as fit within limit units.
func greedy(m *measurer, words []word, limit float64) [][]word {
	lines := make([][]word, 0, countLines(m, words, limit))
	start := 0
	m.breakLines(words, limit, func(end int) {
		lines = append(lines, words[start:end:end])
		start = end
	})
	return lines
}

// countLines is len(greedy(m, words, limit)), without making the lines:
// fitting tries many sizes and measures to keep one.
func countLines(m *measurer, words []word, limit float64) int {
	n := 0
	m.breakLines(words, limit, func(int) { n++ })
	return n
}

// breakLines calls lineEnd with the end of each line, as greedy sets them.
func (m *measurer) breakLines(words []word, limit float64, lineEnd func(end int)) {
	start := 0
	advance := 0.0
	for i, w := range words {
		if i == start {
			advance = w.advance
			continue
		}
		next := advance + m.gap() + w.advance
		if next-words[start].leftInk+w.rightInk > limit {
			lineEnd(i)
			start, advance = i, w.advance
			continue
		}
		advance = next
	}
	lineEnd(len(words))
}

// balanced wraps into the same number of lines greedy needs at limit, but
// at the narrowest measure that still allows it, so lines come out of
// similar length instead of a full line over a stray word.
func balanced(m *measurer, words []word, limit float64, n int) [][]word {
	lo := 0.0
	for _, w := range words {
		lo = max(lo, m.inkWidth([]word{w}))
	}
	hi := limit
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if countLines(m, words, mid) <= n {
			hi = mid
		} else {
			lo = mid
		}
	}
	return greedy(m, words, hi)
}

// withEllipsis ends a cut line in "…", dropping words from its end (and
// runes, for a single overlong word) until it fits within limit.
func withEllipsis(m *measurer, line []word, limit float64) []word {
	line = append([]word(nil), line...)
	for {
		last := len(line) - 1
		text := strings.TrimRightFunc(line[last].text, func(r rune) bool {
			return unicode.IsPunct(r) && r != ')' && r != ']' && r != '’' && r != '"' || unicode.IsSpace(r)
		})
		if text == "" && last > 0 {
			line = line[:last]
			continue
		}
		line[last] = m.measure(text + "…")
		if m.inkWidth(line) <= limit {
			return line
		}
		if last > 0 {
			line = line[:last]
			continue
		}
		if text == "" {
			return line // "…" alone; nothing left to remove
		}
		_, n := utf8.DecodeLastRuneInString(text)
		line[0] = word{text: text[:len(text)-n]}
	}
}
