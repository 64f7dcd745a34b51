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

// fit sets text in the largest size that wraps within the style's limits.
// If even the smallest size overflows, the text is cut at a word boundary
// and ends in an ellipsis.
func fit(m *measurer, text string, st blockStyle) block {
	var words []word
	for _, f := range strings.Fields(text) {
		words = append(words, m.measure(f))
	}
	b := block{m: m, style: st}
	if len(words) == 0 {
		return b
	}
	for size := st.maxSize; size >= st.minSize; size -= st.step {
		limit := st.width * m.upem / size
		ws := splitOverlong(m, words, limit)
		lines := greedy(m, ws, limit)
		if len(lines) <= st.maxLines && m.inkHeight(len(lines), size, st.leading) <= st.height {
			if st.balance {
				lines = balanced(m, ws, limit, len(lines))
			}
			b.size, b.lines = size, lines
			return b
		}
	}
	size := st.minSize
	limit := st.width * m.upem / size
	lines := greedy(m, splitOverlong(m, words, limit), limit)
	room := 1 + int((st.height/size-m.capHeight-m.descender)/st.leading)
	if room < 1 {
		room = 1
	}
	if len(lines) > room {
		lines = lines[:room]
		lines[room-1] = withEllipsis(m, lines[room-1], limit)
	}
	b.size, b.lines = size, lines
	return b
}

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
	var lines [][]word
	start := 0
	advance := 0.0
	for i, w := range words {
		if i == start {
			advance = w.advance
			continue
		}
		next := advance + m.gap() + w.advance
		if next-words[start].leftInk+w.rightInk > limit {
			lines = append(lines, words[start:i:i])
			start, advance = i, w.advance
			continue
		}
		advance = next
	}
	return append(lines, words[start:len(words):len(words)])
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
		if len(greedy(m, words, mid)) <= n {
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
