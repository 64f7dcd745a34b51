package pdf

import (
	"github.com/imprint-press/imprint/internal/document"
	"github.com/imprint-press/imprint/internal/linebreak"
)

type align uint8

const (
	justified align = iota
	ragged
	centered
)

// block is one unit of the vertical list before typesetting: a paragraph,
// heading, figure, code block or table, with everything the typesetter and
// the page builder need to know about it.
type block struct {
	runs                []linebreak.Run
	class               sizeClass // the block's leading comes from this class
	align               align
	hyphenate           bool
	indent, rightIndent float64 // from the column's edges
	firstIndent         float64 // extra indent of the first line
	marker              []linebreak.Run
	spaceBefore         float64
	spaceAfter          float64
	keepWithNext        bool
	breakBefore         bool
	unbreakable         bool
	bookmark            string
	bookmarkLevel       int
	anchor              string // internal link target set at the block's top (a note)
	image               *document.Image
	imageCaption        []linebreak.Run
	imageCredit         []linebreak.Run
	code                []string
	table               *table
	rule                bool
	noRunningHead       bool // a page that starts with this block has no running head (the colophon)
	// part and offset locate the block's source for the EPUB's page list:
	// the part ("front", "body", "notes", "bio", "colophon") and the byte
	// offset of its first source line, or -1 when imprint made the block.
	part   string
	offset int
}

type table struct {
	rows   [][][]linebreak.Run // row, cell, runs
	header int                 // rows of header
	aligns []align
}
