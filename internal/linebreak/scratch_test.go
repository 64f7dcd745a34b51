package linebreak

import (
	"fmt"
	"testing"
)

func TestScratch(t *testing.T) {
	p := DefaultParams()
	items := Items([]Run{{Text: englishParagraph}}, propMeasurer{}, vowelHyphenator{}, p)
	for w := 150.0; w < 400; w += 50 {
		for _, l := range []int{0, 1} {
			p.Looseness = l
			debugMaxSeen = 0
			a := len(Break(items, constWidth(w), p))
			fmt.Println(w, l, a, debugMaxSeen)
		}
	}
}
