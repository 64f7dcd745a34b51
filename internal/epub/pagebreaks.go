package epub

import (
	"fmt"
	"github.com/imprint-press/imprint/internal/markdown"
	"sort"
	"strconv"
	"strings"

	"github.com/imprint-press/imprint/internal/document"
	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
)

// The print edition's pages in the EPUB: a page-break marker where each
// printed page begins, and a page list that leads to them, so that a reader
// of either edition can cite the same page. The PDF typesetter says where
// its pages begin (document.PageStart); this file finds those places in the
// EPUB's content documents.

// pageBreak is one printed page in the page list.
type pageBreak struct {
	page int
	href string // the content document holding its marker
}

// pageID is the id of page n's marker.
func pageID(n int) string { return "page-" + strconv.Itoa(n) }

// textBreak is a marker inside a Text node: at is a byte offset into the
// node's text as a reader sees it (escapes resolved).
type textBreak struct{ at, page int }

// pagePlan says where every marker goes.
type pagePlan struct {
	breaks  []pageBreak              // page order: the page list
	atStart map[string][]int         // by document: first in its <body>
	before  map[ast.Node][]int       // just before the node's markup (inside a <dt>)
	inText  map[ast.Node][]textBreak // inside a Text node's text, by offset
	ids     map[string][]string      // by document: the marker ids it holds
	// unplaced lists the pages whose start the EPUB could not find; each
	// marker follows the previous page's.
	unplaced []int
	blocks   map[ast.Node]map[int]ast.Node // by part root: first block by offset
	// words caches each block's text and word starts: a long paragraph
	// holds many page starts, and reading it again for each made placing
	// them cost the square of its length.
	words map[ast.Node]*blockWords
}

// blockWords is a block's text, its leaves and where each word starts.
type blockWords struct {
	text   string
	leaves []leaf
	starts []int
}

// spot is one place a marker can go.
type spot struct {
	href   string
	node   ast.Node // nil: first in the document's body
	at     int      // for inText: the byte offset into the Text node's text
	inText bool
}

// planPageBreaks places doc.PageStarts. A page start that names no place
// the EPUB has (the print edition lays out a block the EPUB cannot find
// again) keeps its entry in the page list: its marker follows the previous
// page's, which is as near as the EPUB can tell.
func planPageBreaks(doc *document.Document) (*pagePlan, error) {
	p := &pagePlan{atStart: map[string][]int{}, before: map[ast.Node][]int{}, inText: map[ast.Node][]textBreak{},
		ids: map[string][]string{}, blocks: map[ast.Node]map[int]ast.Node{}, words: map[ast.Node]*blockWords{}}
	seen := map[int]bool{}
	previous := spot{href: titlePageHref}
	frontSeen := false
	for _, ps := range doc.PageStarts {
		if ps.Page < 1 || seen[ps.Page] {
			return nil, fmt.Errorf("the print edition's page starts list page %d twice, or a page that is not numbered from 1", ps.Page)
		}
		seen[ps.Page] = true
		s, ok := p.locate(doc, ps, frontSeen)
		frontSeen = frontSeen || ps.Part == "front"
		if !ok {
			s = previous
			p.unplaced = append(p.unplaced, ps.Page)
		}
		p.add(s, ps.Page)
		previous = s
	}
	for _, marks := range p.inText {
		sort.SliceStable(marks, func(i, j int) bool { return marks[i].at < marks[j].at })
	}
	return p, nil
}

func (p *pagePlan) add(s spot, page int) {
	switch {
	case s.node == nil:
		p.atStart[s.href] = append(p.atStart[s.href], page)
	case s.inText:
		p.inText[s.node] = append(p.inText[s.node], textBreak{s.at, page})
	default:
		p.before[s.node] = append(p.before[s.node], page)
	}
	p.breaks = append(p.breaks, pageBreak{page: page, href: s.href})
	p.ids[s.href] = append(p.ids[s.href], pageID(page))
}

// locate finds where page start ps begins in the EPUB. The title page
// stands for the print edition's first page; a later page of front matter
// (a lead image pushed over) begins the article.
func (p *pagePlan) locate(doc *document.Document, ps document.PageStart, frontSeen bool) (spot, bool) {
	switch {
	case ps.Part == "front" && !frontSeen:
		return spot{href: titlePageHref}, true
	case ps.Part == "front":
		return spot{href: articleHref}, true
	case ps.Part == "colophon":
		return spot{href: colophonHref}, true
	case ps.Part == "bio" && ps.Offset < 0:
		// The page begins with the "About the Author" heading.
		return spot{href: aboutHref}, doc.Bio != nil
	case ps.Part == "notes" && ps.Offset < 0:
		// The page begins with the notes' heading; the EPUB's notes have
		// none, so the marker opens the notes.
		for n := doc.Body.Root.LastChild(); n != nil; n = n.PreviousSibling() {
			if n.Kind() == extast.KindFootnoteList {
				return spot{href: articleHref, node: n}, true
			}
		}
		return spot{}, false
	case ps.Offset < 0 || (ps.Part != "body" && ps.Part != "notes" && ps.Part != "bio"):
		return spot{}, false
	}
	part, href := &doc.Body, articleHref
	if ps.Part == "bio" {
		if doc.Bio == nil {
			return spot{}, false
		}
		part, href = doc.Bio, aboutHref
	}
	block := p.blockAt(part.Root, ps.Offset)
	if block == nil {
		return spot{}, false
	}
	if ps.Word == 0 {
		return spot{href: href, node: blockMarkupNode(block)}, true
	}
	bw, ok := p.words[block]
	if !ok {
		bw = &blockWords{}
		bw.text, bw.leaves = blockText(part.Source, block)
		bw.starts = wordStarts(bw.text)
		p.words[block] = bw
	}
	at := -1
	if ps.Word < len(bw.starts) {
		at = bw.starts[ps.Word]
	}
	for _, l := range bw.leaves {
		if at >= l.start && at < l.end {
			return leafSpot(href, l.node, at-l.start), true
		}
	}
	return spot{}, false
}

// blockAt returns the first block, in document order, whose first source
// line starts at offset: the rule the print edition's page starts follow.
func (p *pagePlan) blockAt(root ast.Node, offset int) ast.Node {
	byOffset, ok := p.blocks[root]
	if !ok {
		byOffset = map[int]ast.Node{}
		_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if entering && n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
				if _, taken := byOffset[n.Lines().At(0).Start]; !taken {
					byOffset[n.Lines().At(0).Start] = n
				}
			}
			return ast.WalkContinue, nil
		})
		p.blocks[root] = byOffset
	}
	return byOffset[offset]
}

// blockMarkupNode is the node whose markup a page beginning with block
// starts at. The print edition sets a table as one block, and nothing may
// stand between a table's rows and cells, so a page beginning in a table
// is marked before it.
func blockMarkupNode(block ast.Node) ast.Node {
	n := block
	for a := block.Parent(); a != nil; a = a.Parent() {
		if a.Kind() == extast.KindTable {
			n = a
		}
	}
	return n
}

// leafSpot places a marker at byte at of a leaf's text. A word that starts
// a leaf is marked before the leaf, and before the emphasis or link it
// opens, so that the marker stays out of them (a link's name would
// otherwise include the page number). A leaf whose text the EPUB does not
// write as text (an image's description, a note reference) is marked
// before it.
func leafSpot(href string, n ast.Node, at int) spot {
	if t, ok := n.(*ast.Text); ok {
		_, inCode := t.Parent().(*ast.CodeSpan)
		if at > 0 || inCode && t.PreviousSibling() != nil {
			return spot{href: href, node: n, at: at, inText: true}
		}
	}
	for n.PreviousSibling() == nil && n.Parent() != nil && n.Parent().Type() == ast.TypeInline {
		n = n.Parent()
	}
	return spot{href: href, node: n}
}

// leaf is one inline node's share of a block's text.
type leaf struct {
	node       ast.Node
	start, end int // byte range in the block's text
}

// blockText is a block's text as the print edition sets it, which is what
// its word counts count: the inline nodes' text in order, a soft line
// break as a space, a hard one as U+2028, a note reference as its number,
// a task box as "[ ] " or "[x] ", raw HTML as nothing. leaves says which
// node each byte came from.
func blockText(source []byte, block ast.Node) (string, []leaf) {
	var b strings.Builder
	var leaves []leaf
	add := func(n ast.Node, s string) {
		leaves = append(leaves, leaf{node: n, start: b.Len(), end: b.Len() + len(s)})
		b.WriteString(s)
	}
	var walk func(parent ast.Node)
	walk = func(parent ast.Node) {
		for c := parent.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.Text:
				add(c, markdown.PrintedText(c.Value(source), c.IsRaw()))
				if c.HardLineBreak() {
					b.WriteString("\u2028")
				} else if c.SoftLineBreak() {
					b.WriteString(" ")
				}
			case *ast.String:
				add(c, string(c.Value))
			case *ast.CodeSpan:
				for t := c.FirstChild(); t != nil; t = t.NextSibling() {
					if tx, ok := t.(*ast.Text); ok {
						add(tx, strings.ReplaceAll(string(tx.Value(source)), "\n", " "))
					}
				}
			case *ast.AutoLink:
				add(c, string(c.Label(source)))
			case *ast.Image:
				// Its description is printed; the EPUB shows the image.
				start, kept := b.Len(), len(leaves)
				walk(c)
				leaves = append(leaves[:kept], leaf{node: c, start: start, end: b.Len()})
			case *ast.RawHTML, *extast.FootnoteBacklink:
			case *extast.FootnoteLink:
				add(c, strconv.Itoa(c.Index))
			case *extast.TaskCheckBox:
				box := "[ ] "
				if c.IsChecked {
					box = "[x] "
				}
				add(c, box)
			default:
				walk(c)
			}
		}
	}
	walk(block)
	return b.String(), leaves
}

// wordStart returns the byte offset in text of the first character of word
// w (from 0), or -1 when the text has fewer words. Words are counted as the
// print edition's line breaker (package linebreak) counts the interword
// breaks before a line: a run of breakable white space between two words
// is one break, and so is a forced line break; a no-break space joins
// words, and white space at the start of a line is dropped.
func wordStart(text string, w int) int {
	if starts := wordStarts(text); w < len(starts) {
		return starts[w]
	}
	return -1
}

// wordStarts returns wordStart(text, w) for every w that has a word, in
// one pass over text.
func wordStarts(text string) []int {
	// The line breaker's item list, reduced to what bears on the count.
	const (
		word    = iota // a box: the start of a word
		space          // breakable glue: counts
		noBreak        // glue behind an infinite penalty: does not
		newLine        // a forced break: counts
	)
	type item struct{ kind, pos int }
	var items []item
	last := func() int {
		if len(items) == 0 {
			return -1
		}
		return items[len(items)-1].kind
	}
	atLineStart := func() bool { return len(items) == 0 || last() == newLine }
	glue := func(pending int) {
		if pending >= 0 && !atLineStart() && last() != space && last() != noBreak {
			items = append(items, item{kind: space})
		}
	}
	wordAt, pending := -1, -1
	endWord := func() {
		if wordAt >= 0 {
			items = append(items, item{kind: word, pos: wordAt})
		}
		wordAt = -1
	}
	for i, r := range text {
		switch {
		case r == '\u2028' || r == '\u2029':
			endWord()
			pending = -1
			for last() == space || last() == noBreak {
				items = items[:len(items)-1]
			}
			if len(items) > 0 {
				items = append(items, item{kind: newLine})
			}
		case r == '\u00a0' || r == '\u2007' || r == '\u202f':
			endWord()
			glue(pending)
			pending = -1
			items = append(items, item{kind: noBreak})
		case breakableSpace(r):
			endWord()
			if pending < 0 {
				pending = i
			}
		default:
			if wordAt < 0 {
				glue(pending)
				pending = -1
				wordAt = i
			}
		}
	}
	endWord()
	// Word w starts at the first word with at least w breaks before it.
	var starts []int
	breaks := 0
	for _, it := range items {
		switch {
		case it.kind == word:
			for len(starts) <= breaks {
				starts = append(starts, it.pos)
			}
		case it.kind == space || it.kind == newLine:
			breaks++
		}
	}
	return starts
}

// breakableSpace is white space the line breaker may break at: its
// isSpace, less the no-break spaces it handles first.
func breakableSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\v', '\f', '\r', 0x85, 0x1680, 0x205f, 0x3000:
		return true
	case '\u2007':
		return false
	}
	return r >= 0x2000 && r <= 0x200a
}
