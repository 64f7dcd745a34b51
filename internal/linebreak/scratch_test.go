package linebreak

import (
	"fmt"
	"testing"
)

func TestScratch(t *testing.T) {
	p := DefaultParams()
	text := "aaa bb cccc dd eeeee f gggg hh"
	for _, w := range []float64{8, 9, 10, 11, 12} {
		items := Items([]Run{{Text: text}}, monoMeasurer{}, nil, p)
		kp := Break(items, constWidth(w), p)
		gr := greedyBreak(items, constWidth(w))
		fmt.Println(w, len(kp), len(gr))
		for _, l := range kp { fmt.Printf("  KP %-16q %.3f\n", lineText(items, l), l.Ratio) }
		for _, l := range gr { fmt.Printf("  GR %-16q %.3f\n", lineText(items, l), l.Ratio) }
	}
}
