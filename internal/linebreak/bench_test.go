package linebreak

import (
	"strings"
	"testing"
)

// benchParagraph is the first 120 words of englishParagraph.
var benchParagraph = strings.Join(strings.Fields(englishParagraph)[:120], " ")

func BenchmarkItems(b *testing.B) {
	runs := []Run{{Text: benchParagraph}}
	p := DefaultParams()
	b.SetBytes(int64(len(benchParagraph)))
	for b.Loop() {
		Items(runs, propMeasurer{}, vowelHyphenator{}, p)
	}
}

func BenchmarkBreak(b *testing.B) {
	p := DefaultParams()
	items := Items([]Run{{Text: benchParagraph}}, propMeasurer{}, vowelHyphenator{}, p)
	b.SetBytes(int64(len(benchParagraph)))
	var lines []Line
	for b.Loop() {
		lines = Break(items, constWidth(300), p)
	}
	b.ReportMetric(float64(len(lines)), "lines")
}

// longParagraph repeats englishParagraph up to size bytes, as one paragraph.
func longParagraph(size int) string {
	var sb strings.Builder
	for sb.Len() < size {
		sb.WriteString(englishParagraph)
		sb.WriteByte(' ')
	}
	return sb.String()
}

func BenchmarkBreakLong(b *testing.B) {
	text := longParagraph(1 << 20)
	p := DefaultParams()
	items := Items([]Run{{Text: text}}, propMeasurer{}, vowelHyphenator{}, p)
	for _, width := range []float64{300, 2000} {
		b.Run(map[float64]string{300: "width=300", 2000: "width=2000"}[width], func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			var lines []Line
			for b.Loop() {
				lines = Break(items, constWidth(width), p)
			}
			b.ReportMetric(float64(len(lines)), "lines")
			b.ReportMetric(float64(len(items)), "items")
		})
	}
	b.Run("lastResort", func(b *testing.B) {
		// One word wider than the line sends the whole paragraph to the
		// last resort pass.
		p := p
		p.LineWidth = 300
		long := strings.Repeat("x", 200) + " " + text
		items := Items([]Run{{Text: long}}, propMeasurer{}, vowelHyphenator{}, p)
		b.SetBytes(int64(len(long)))
		var lines []Line
		for b.Loop() {
			lines = Break(items, constWidth(300), p)
		}
		b.ReportMetric(float64(len(lines)), "lines")
	})
}

func BenchmarkItemsLong(b *testing.B) {
	text := longParagraph(1 << 20)
	p := DefaultParams()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Items([]Run{{Text: text}}, propMeasurer{}, vowelHyphenator{}, p)
	}
}

func BenchmarkHugeWord(b *testing.B) {
	word := strings.Repeat("abcdefghij", 10000)
	p := DefaultParams()
	b.SetBytes(int64(len(word)))
	for b.Loop() {
		items := Items([]Run{{Text: word}}, propMeasurer{}, nil, p)
		Break(items, constWidth(300), p)
	}
}
