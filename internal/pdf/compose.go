package pdf

import (
	"fmt"
	"github.com/imprint-press/imprint/internal/markdown"
	"strconv"
	"strings"

	"github.com/imprint-press/imprint/internal/document"
	"github.com/imprint-press/imprint/internal/linebreak"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// composer walks a goldmark AST and produces the vertical list of blocks.
// It checks every character against the face it will be set in, so a
// missing glyph is an error naming the character and its line, never a
// blank in the edition.
type composer struct {
	doc      *document.Document
	part     *document.Part
	partName string // "body", "notes" or "bio": where blocks from source go
	sheet    stylesheet
	blocks   []block
	notes    []*east.Footnote
	em       float64
}

type inlineState struct {
	v    variant
	link string
	pos  int // byte offset of the block in the part's source, for messages
}

// posOf is the source offset of n, or of the nearest ancestor that has
// one. Offsets become line numbers only for a message: counting lines for
// every node would make composing quadratic in the manuscript's size.
func posOf(n ast.Node) int {
	for ; n != nil; n = n.Parent() {
		if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
			return n.Lines().At(0).Start
		}
		if t, ok := n.(*ast.Text); ok {
			return t.Segment.Start
		}
		if p := n.Pos(); p >= 0 {
			return p
		}
	}
	return -1
}

// lineAt turns a source offset into a line; a negative offset means the
// front matter, which starts on line 1.
func (c *composer) lineAt(pos int) int {
	if pos < 0 {
		return 1
	}
	return c.part.Line(pos)
}

// checkGlyphs refuses text the style's face cannot draw; pos locates the
// text for the message.
func (c *composer) checkGlyphs(text string, st linebreak.Style, pos int) error {
	r, problem, found := findGlyphProblem(face(st), text)
	if !found {
		return nil
	}
	return &GlyphError{File: c.part.Path, Line: c.lineAt(pos), Rune: r, Problem: problem}
}

// GlyphError names a character the print edition cannot set, and why.
type GlyphError struct {
	File    string
	Line    int
	Rune    rune
	Problem glyphProblem
}

func (e *GlyphError) Error() string { return glyphMessage(e) }

// blocksOf composes the children of a container at the given indents.
func (c *composer) blocksOf(parent ast.Node, indent, right float64) error {
	first := true
	for n := parent.FirstChild(); n != nil; n = n.NextSibling() {
		if err := c.block(n, indent, right, first); err != nil {
			return err
		}
		first = false
	}
	return nil
}

func (c *composer) block(n ast.Node, indent, right float64, first bool) error {
	start := len(c.blocks)
	err := c.blockOf(n, indent, right, first)
	if len(c.blocks) > start {
		// The first block made from n starts where n's source does.
		b := &c.blocks[start]
		if b.part == "" {
			b.part, b.offset = c.partName, sourceOffset(n)
		}
	}
	return err
}

// sourceOffset is the start of the first source line of n or of its first
// descendant that has lines: the same rule the EPUB writer uses to find the
// block again.
func sourceOffset(n ast.Node) int {
	if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
		return n.Lines().At(0).Start
	}
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		if ch.Type() != ast.TypeBlock {
			continue
		}
		if off := sourceOffset(ch); off >= 0 {
			return off
		}
	}
	return -1
}

func (c *composer) blockOf(n ast.Node, indent, right float64, first bool) error {
	lead := c.sheet.specs[classBody].leading
	switch n := n.(type) {
	case *ast.Paragraph, *ast.TextBlock:
		if img := loneImage(n); img != nil {
			return c.figure(img)
		}
		return c.paragraph(n, indent, right, first)
	case *ast.Heading:
		runs, err := c.inlines(n, styleFor(n.Level))
		if err != nil {
			return err
		}
		cls, _ := headingClass(n.Level)
		c.blocks = append(c.blocks, block{runs: runs, class: cls, align: ragged, indent: indent, rightIndent: right,
			spaceBefore: lead * 1.5, spaceAfter: lead * 0.5, keepWithNext: true,
			bookmark: plainText(runs), bookmarkLevel: max(n.Level-2, 0)})
	case *ast.ThematicBreak:
		c.blocks = append(c.blocks, block{rule: true, class: classBody, spaceBefore: lead * 0.5, spaceAfter: lead * 0.5})
	case *ast.CodeBlock, *ast.FencedCodeBlock:
		return c.codeBlock(n, indent)
	case *ast.Blockquote:
		before := len(c.blocks)
		if err := c.blocksOf(n, indent+1.5*c.em, right+1.5*c.em); err != nil {
			return err
		}
		c.space(before, lead*0.5)
	case *ast.List:
		return c.list(n, indent, right)
	case *ast.HTMLBlock:
		// Raw HTML is not part of the print edition (nor the EPUB's markup).
	case *east.Table:
		return c.table(n, indent)
	case *east.DefinitionList:
		for d := n.FirstChild(); d != nil; d = d.NextSibling() {
			switch d := d.(type) {
			case *east.DefinitionTerm:
				runs, err := c.inlines(d, styleOf(classBody, bold))
				if err != nil {
					return err
				}
				c.blocks = append(c.blocks, block{runs: runs, class: classBody, align: ragged, indent: indent,
					rightIndent: right, keepWithNext: true, spaceBefore: lead * 0.3,
					part: c.partName, offset: sourceOffset(d)})
			case *east.DefinitionDescription:
				if err := c.blocksOf(d, indent+1.5*c.em, right); err != nil {
					return err
				}
			}
		}
	case *east.FootnoteList:
		for f := n.FirstChild(); f != nil; f = f.NextSibling() {
			if fn, ok := f.(*east.Footnote); ok {
				c.notes = append(c.notes, fn)
			}
		}
	default:
		// A container of blocks we do not style specially.
		return c.blocksOf(n, indent, right)
	}
	return nil
}

// space adds vertical space around the blocks composed since index from.
func (c *composer) space(from int, s float64) {
	if from < len(c.blocks) {
		c.blocks[from].spaceBefore = max(c.blocks[from].spaceBefore, s)
		c.blocks[len(c.blocks)-1].spaceAfter = max(c.blocks[len(c.blocks)-1].spaceAfter, s)
	}
}

func headingClass(level int) (sizeClass, variant) {
	switch level {
	case 1:
		return classH1, bold
	case 2:
		return classH2, bold
	case 3:
		return classH3, boldItalic
	}
	return classBody, italic
}

func styleFor(level int) linebreak.Style {
	return styleOf(headingClass(level))
}

func loneImage(n ast.Node) *ast.Image {
	if n.ChildCount() != 1 {
		return nil
	}
	img, _ := n.FirstChild().(*ast.Image)
	return img
}

func (c *composer) paragraph(n ast.Node, indent, right float64, first bool) error {
	runs, err := c.inlines(n, styleOf(classBody, roman))
	if err != nil {
		return err
	}
	if len(runs) == 0 {
		return nil
	}
	b := block{runs: runs, class: classBody, align: justified, hyphenate: true, indent: indent, rightIndent: right}
	// Book convention: paragraphs are marked by an indent, not by space,
	// and the first paragraph after a heading or break is set flush.
	if !first && len(c.blocks) > 0 && c.continuesText(indent) {
		b.firstIndent = c.em
	}
	if _, tight := n.(*ast.TextBlock); tight {
		b.firstIndent = 0
	}
	c.blocks = append(c.blocks, b)
	return nil
}

// continuesText reports whether the previous block is running text at the
// same indent, which is when a new paragraph is marked by an indent.
func (c *composer) continuesText(indent float64) bool {
	prev := c.blocks[len(c.blocks)-1]
	return prev.class == classBody && prev.align == justified && prev.indent == indent &&
		prev.image == nil && prev.code == nil && prev.table == nil && !prev.rule && prev.marker == nil
}

func (c *composer) list(n *ast.List, indent, right float64) error {
	lead := c.sheet.specs[classBody].leading
	num := n.Start
	if num == 0 {
		num = 1
	}
	step := 1.5 * c.em
	before := len(c.blocks)
	for item := n.FirstChild(); item != nil; item = item.NextSibling() {
		marker := "•"
		if n.IsOrdered() {
			marker = strconv.Itoa(num) + string(n.Marker)
			num++
		}
		start := len(c.blocks)
		if err := c.blocksOf(item, indent+step, right); err != nil {
			return err
		}
		if start == len(c.blocks) {
			// An empty item still shows its marker.
			c.blocks = append(c.blocks, block{runs: []linebreak.Run{{Text: "\u00a0", Style: styleOf(classBody, roman)}},
				class: classBody, align: ragged, indent: indent + step, rightIndent: right,
				part: c.partName, offset: sourceOffset(item)})
		}
		c.blocks[start].marker = []linebreak.Run{{Text: marker, Style: styleOf(classBody, roman)}}
		c.blocks[start].firstIndent = 0
		if !n.IsTight && start > before {
			c.blocks[start].spaceBefore = max(c.blocks[start].spaceBefore, lead*0.4)
		}
	}
	c.space(before, lead*0.5)
	return nil
}

func (c *composer) codeBlock(n ast.Node, indent float64) error {
	lines := n.Lines()
	var code []string
	st := styleOf(classCode, mono)
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		text := strings.TrimRight(string(seg.Value(c.part.Source)), "\n")
		text = strings.ReplaceAll(text, "\t", "    ")
		if err := c.checkGlyphs(text, st, seg.Start); err != nil {
			return err
		}
		code = append(code, text)
	}
	if len(code) == 0 {
		return nil
	}
	lead := c.sheet.specs[classBody].leading
	c.blocks = append(c.blocks, block{code: code, class: classCode, indent: indent + c.em,
		spaceBefore: lead * 0.5, spaceAfter: lead * 0.5, unbreakable: len(code) <= 8})
	return nil
}

func (c *composer) figure(img *ast.Image) error {
	im := c.docImage(string(img.Destination))
	if im == nil {
		return fmt.Errorf("%s:%d: image %q was not loaded", c.part.Path, c.lineAt(posOf(img)), img.Destination)
	}
	var caption []linebreak.Run
	if len(img.Title) > 0 {
		caption = []linebreak.Run{{Text: string(img.Title), Style: styleOf(classSmall, italic)}}
		if err := c.checkGlyphs(string(img.Title), caption[0].Style, posOf(img)); err != nil {
			return err
		}
	}
	lead := c.sheet.specs[classBody].leading
	c.blocks = append(c.blocks, block{image: im, imageCaption: caption, class: classSmall, unbreakable: true,
		spaceBefore: lead * 0.6, spaceAfter: lead * 0.6})
	return nil
}

func (c *composer) table(n *east.Table, indent float64) error {
	t := &table{}
	for _, a := range n.Alignments {
		switch a {
		case east.AlignCenter:
			t.aligns = append(t.aligns, centered)
		default:
			t.aligns = append(t.aligns, ragged)
		}
	}
	for row := n.FirstChild(); row != nil; row = row.NextSibling() {
		_, header := row.(*east.TableHeader)
		st := styleOf(classSmall, roman)
		if header {
			st = styleOf(classSmall, bold)
			t.header++
		}
		var cells [][]linebreak.Run
		for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
			runs, err := c.inlines(cell, st)
			if err != nil {
				return err
			}
			cells = append(cells, runs)
		}
		t.rows = append(t.rows, cells)
	}
	lead := c.sheet.specs[classBody].leading
	c.blocks = append(c.blocks, block{table: t, class: classSmall, indent: indent,
		spaceBefore: lead * 0.6, spaceAfter: lead * 0.6})
	return nil
}

func (c *composer) docImage(dest string) *document.Image { return c.doc.Image(dest) }

// inlines turns a block's inline children into runs in base style.
func (c *composer) inlines(n ast.Node, base linebreak.Style) ([]linebreak.Run, error) {
	var runs []linebreak.Run
	cls := c.sheet.class(base)
	st := inlineState{v: variantOf(base), pos: posOf(n)}
	var walk func(n ast.Node, st inlineState) error
	add := func(text string, s linebreak.Style, link string, pos int) error {
		if text == "" {
			return nil
		}
		if err := c.checkGlyphs(text, s, pos); err != nil {
			return err
		}
		runs = append(runs, linebreak.Run{Text: text, Style: s, Link: link})
		return nil
	}
	walk = func(n ast.Node, st inlineState) error {
		for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
			var err error
			switch ch := ch.(type) {
			case *ast.Text:
				pos := ch.Segment.Start
				err = add(markdown.PrintedText(ch.Value(c.part.Source), ch.IsRaw()), styleOf(cls, st.v), st.link, pos)
				if err == nil && ch.HardLineBreak() {
					err = add("\u2028", styleOf(cls, st.v), "", pos)
				} else if err == nil && ch.SoftLineBreak() {
					err = add(" ", styleOf(cls, st.v), st.link, pos)
				}
			case *ast.String:
				err = add(string(ch.Value), styleOf(cls, st.v), st.link, st.pos)
			case *ast.Emphasis:
				inner := st
				inner.v = emphasize(st.v, ch.Level)
				err = walk(ch, inner)
			case *ast.CodeSpan:
				var b strings.Builder
				for t := ch.FirstChild(); t != nil; t = t.NextSibling() {
					if tx, ok := t.(*ast.Text); ok {
						b.Write(tx.Value(c.part.Source))
					}
				}
				err = add(strings.ReplaceAll(b.String(), "\n", " "), styleOf(cls, mono), st.link, st.pos)
			case *ast.Link:
				inner := st
				inner.link = safeLink(string(ch.Destination))
				err = walk(ch, inner)
			case *ast.AutoLink:
				url := string(ch.URL(c.part.Source))
				label := string(ch.Label(c.part.Source))
				err = add(label, styleOf(cls, st.v), safeLink(url), st.pos)
			case *ast.Image:
				// An image inside running text prints its description.
				inner := st
				inner.v = emphasize(st.v, 1)
				err = walk(ch, inner)
			case *ast.RawHTML:
				// Raw HTML never reaches an edition.
			case *east.FootnoteLink:
				err = add(strconv.Itoa(ch.Index), styleOf(classSup, roman), "#fn-"+strconv.Itoa(ch.Index), st.pos)
			case *east.FootnoteBacklink:
			case *east.TaskCheckBox:
				box := "[ ] "
				if ch.IsChecked {
					box = "[x] "
				}
				err = add(box, styleOf(cls, mono), "", st.pos)
			default:
				err = walk(ch, st)
			}
			if err != nil {
				return err
			}
		}
		return nil
	}
	if err := walk(n, st); err != nil {
		return nil, err
	}
	return runs, nil
}

func emphasize(v variant, level int) variant {
	switch {
	case v == mono:
		return v
	case level >= 2 && (v == italic || v == boldItalic):
		return boldItalic
	case level >= 2:
		return bold
	case v == italic:
		return roman // emphasis inside italic is set roman, as in print
	case v == bold:
		return boldItalic
	case v == boldItalic:
		return bold
	}
	return italic
}

// safeLink keeps links a reader can follow and drops script and data URLs.
func safeLink(dest string) string {
	if len(dest) > maxLinkBytes {
		return ""
	}
	l := strings.ToLower(strings.TrimSpace(dest))
	for _, bad := range []string{"javascript:", "vbscript:", "data:", "file:"} {
		if strings.HasPrefix(l, bad) {
			return ""
		}
	}
	return dest
}

func plainText(runs []linebreak.Run) string {
	var b strings.Builder
	for _, r := range runs {
		b.WriteString(strings.ReplaceAll(r.Text, "\u2028", " "))
	}
	return strings.TrimSpace(b.String())
}
