// Package linebreak owns paragraph line breaking: TeX's boxes, glue and
// penalties, and Knuth–Plass total-fit breaking ("Breaking Paragraphs into
// Lines", Knuth and Plass, 1981) as used by TeX's line_break procedure.
//
// It is a pure layer: it knows nothing about PDF, fonts or pages. A caller
// turns styled text into items with Items (measuring through its Measurer
// and hyphenating through its Hyphenator), chooses breaks with Break, and
// gets drawable, positioned fragments of each line from Place.
package linebreak

// Style is the caller's font/face id (roman, italic, bold, code...). It is
// opaque to this package: it is only handed back to the Measurer and carried
// to the placed fragments.
type Style uint8

// Run is a piece of paragraph text in one style.
type Run struct {
	Text  string
	Style Style
	Link  string // URL or internal target, carried through to the placed fragments; "" for none

	// NoHyphenation keeps the Hyphenator away from this text (inline code,
	// names); explicit hyphens, dashes and soft hyphens still break.
	NoHyphenation bool
}

// Measurer gives widths in the caller's units (points) for text set in a
// style.
type Measurer interface {
	Width(s Style, text string) float64
}

// Hyphenator gives the byte offsets inside a letters-only word where a
// hyphen may go. Items accepts a nil Hyphenator: then nothing is hyphenated.
type Hyphenator interface {
	Points(word string) []int
}

// ItemKind tells boxes, glue and penalties apart.
type ItemKind uint8

const (
	// Box is material of fixed width: a word or a piece of one.
	Box ItemKind = iota
	// Glue is stretchable, shrinkable space; a break may happen at glue
	// that directly follows a box, and the glue then disappears.
	Glue
	// Penalty is a possible break with a cost; it has no width unless the
	// line is broken there (a hyphen).
	Penalty
)

// Infinity is TeX's infinite penalty: a Penalty item with Penalty >=
// Infinity forbids a break, one with Penalty <= -Infinity forces one.
const Infinity = 10000

// Item is one box, glue or penalty of a paragraph.
type Item struct {
	Kind                   ItemKind
	Width, Stretch, Shrink float64
	Penalty                float64 // for Penalty items; >= Infinity forbids a break, <= -Infinity forces one
	Flagged                bool    // a hyphenation penalty (consecutive flagged breaks cost extra)
	Text                   string  // box text; for a hyphen penalty, the text drawn at line end when broken there ("-")
	Style                  Style
	Link                   string
}

// Params are TeX's line-breaking parameters, in the caller's units where
// they are lengths.
type Params struct {
	Tolerance            float64 // badness bound of the second pass, TeX's \tolerance
	Pretolerance         float64 // badness bound of the first pass, without hyphenation (TeX's \pretolerance); < 0 skips that pass
	LinePenalty          float64 // TeX's \linepenalty, added to every line's badness
	HyphenPenalty        float64 // penalty of a break at a hyphenation point (used by Items)
	DoubleHyphenDemerits float64 // extra demerits for two consecutive lines ending at flagged breaks
	FinalHyphenDemerits  float64 // extra demerits when the second-last line of a paragraph ends at a flagged break
	AdjDemerits          float64 // extra demerits for visually incompatible adjacent lines (fitness classes more than one apart)
	EmergencyStretch     float64 // stretch added to every line in the third pass, tried when nothing is feasible
	Looseness            int     // TeX's \looseness: try to make the paragraph this many lines longer (or shorter)

	// LineWidth is the widest line the paragraph will be set to. Items gives
	// any unbreakable string wider than this (a long URL, an absurd word)
	// extra break points, so that Break never has to overflow a line. When
	// it is 0, strings wider than 30 times the width of "n" get them.
	LineWidth float64
}

// DefaultParams returns plain TeX's values. EmergencyStretch is 0, as in
// plain TeX; Break's last resort pass still finds breaks when nothing is
// feasible.
func DefaultParams() Params {
	return Params{
		Tolerance:            200,
		Pretolerance:         100,
		LinePenalty:          10,
		HyphenPenalty:        50,
		DoubleHyphenDemerits: 10000,
		FinalHyphenDemerits:  5000,
		AdjDemerits:          10000,
		EmergencyStretch:     0,
		Looseness:            0,
	}
}

// Line is one line chosen by Break.
type Line struct {
	Start, End int     // items[Start:End] are set on the line; items[End] is the break item (glue/penalty) or len(items)
	Ratio      float64 // adjustment ratio applied to the line's glue (negative = shrink)
	Hyphenated bool    // line ends at a flagged penalty: draw its Text
	Overfull   bool    // the line is wider than its width even fully shrunk: it holds material that cannot be broken
}

// Placed is one drawable fragment of a line: text in one style and link, at
// X from the line start.
type Placed struct {
	X, Width float64
	Text     string
	Style    Style
	Link     string
}
