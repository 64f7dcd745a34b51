package manuscript

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
)

// Limits on a manuscript's shape. Real articles are far inside them; a
// hostile or broken file is not, and past them the cost of parsing and
// setting it stops growing in proportion to its size.
const (
	// maxNesting is how deep block quotes, lists, emphasis and links may
	// nest in each other. goldmark's block parser slows with the square
	// of the nesting on a line, and every writer walks the tree
	// recursively, so depth is bounded before anything else reads it.
	maxNesting = 32
	// maxBlockChars is the longest paragraph, heading or table cell
	// imprint sets: some 60 printed pages. A longer one is a file whose
	// paragraph breaks were lost (a bad conversion), and the parser holds
	// up to 240 bytes for each byte of one while it reads it.
	maxBlockChars = 200_000
	// maxFrontMatterBytes bounds the metadata. Titles, names and the
	// description are set on the cover, in running heads and in both
	// editions' metadata, and some of that work grows faster than their
	// length: a 5 MB description took 19 s and 3.6 GB.
	maxFrontMatterBytes = 64 << 10
	// maxFileBytes is the largest manuscript or bio read: some 13,000
	// printed pages. A build takes about a second and up to 100 MB of
	// memory for each megabyte of prose, and the parser up to 240 bytes
	// for each byte of the densest Markdown, so this bounds both.
	maxFileBytes = 32 << 20
)

// readLimited reads a manuscript or bio, refusing one past maxFileBytes
// before reading it.
func readLimited(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if info, err := f.Stat(); err == nil && info.Size() > maxFileBytes {
		return nil, &tooBigError{size: info.Size()}
	}
	return io.ReadAll(io.LimitReader(f, maxFileBytes+1))
}

type tooBigError struct{ size int64 }

func (e *tooBigError) Error() string {
	return fmt.Sprintf("the file is %d MB, more than the %d MB imprint reads: split it into several manuscripts", e.size>>20, maxFileBytes>>20)
}

// checkNestingSource refuses, before goldmark parses it, a file with a
// line longer than a paragraph may be, or whose block quotes and lists
// nest deeper than maxNesting. It follows
// CommonMark's container rules closely enough to over-count rather than
// under-count: every '>' and list marker that opens a container on a line
// counts, and a line that continues no container (a lazy continuation)
// keeps the ones open. It reads each byte a bounded number of times.
// firstLine is the file line src starts on.
func checkNestingSource(file string, src []byte, firstLine int) error {
	type container struct {
		quote bool
		col   int // a list item's content column
	}
	var open []container
	line := firstLine - 1
	for rest := src; len(rest) > 0; {
		var text []byte
		text, rest, _ = bytes.Cut(rest, []byte("\n"))
		line++
		if len(text) > maxBlockChars {
			if n := utf8.RuneCount(text); n > maxBlockChars {
				return errorf(file, line, "this line is %d characters long, more than the %d imprint sets in one paragraph: break it into shorter paragraphs (a blank line between them)", n, maxBlockChars)
			}
		}
		s := lineScanner{text: text}
		blank := s.blank()
		matched := 0
		for matched < len(open) {
			c := open[matched]
			if c.quote {
				if !s.quoteMarker() {
					break
				}
			} else if !blank && !s.indentTo(c.col) {
				break
			}
			matched++
		}
		opened := 0
		for len(open) <= maxNesting {
			if s.quoteMarker() {
				open = append(open[:matched+opened], container{quote: true})
			} else if col, ok := s.listMarker(); ok {
				open = append(open[:matched+opened], container{col: col})
			} else {
				break
			}
			opened++
		}
		if len(open) > maxNesting {
			return errorf(file, line, "block quotes and lists are nested more than %d levels deep here: flatten the nesting (imprint sets at most %d levels)", maxNesting, maxNesting)
		}
		// A line that opens nothing and is not blank may be a lazy
		// continuation, which keeps every container open.
		if opened > 0 || blank {
			open = open[:matched+opened]
		}
	}
	return nil
}

// lineScanner reads container markers off the front of one line, tracking
// the column (tabs stop every four columns, as CommonMark has them).
type lineScanner struct {
	text []byte
	pos  int
	col  int
}

func (s *lineScanner) blank() bool {
	return len(bytes.TrimLeft(s.text, " \t")) == 0
}

// spaces returns how many columns of white space follow, without reading them.
func (s *lineScanner) spaces() (cols, n int) {
	col := s.col
	for i := s.pos; i < len(s.text); i++ {
		switch s.text[i] {
		case ' ':
			col++
		case '\t':
			col += 4 - col%4
		default:
			return col - s.col, i - s.pos
		}
	}
	return col - s.col, len(s.text) - s.pos
}

func (s *lineScanner) skip(n int) {
	for _, b := range s.text[s.pos : s.pos+n] {
		if b == '\t' {
			s.col += 4 - s.col%4
		} else {
			s.col++
		}
	}
	s.pos += n
}

// indentTo consumes white space up to column col, if the line has that much.
func (s *lineScanner) indentTo(col int) bool {
	for s.col < col {
		if s.pos >= len(s.text) || (s.text[s.pos] != ' ' && s.text[s.pos] != '\t') {
			return false
		}
		s.skip(1)
	}
	return true
}

// quoteMarker consumes "   > " (up to three spaces, the marker, one space).
func (s *lineScanner) quoteMarker() bool {
	cols, n := s.spaces()
	if cols > 3 || s.pos+n >= len(s.text) || s.text[s.pos+n] != '>' {
		return false
	}
	s.skip(n + 1)
	if s.pos < len(s.text) && (s.text[s.pos] == ' ' || s.text[s.pos] == '\t') {
		s.skip(1)
	}
	return true
}

// listMarker consumes a bullet or ordered list marker and the white space
// after it, returning the item's content column.
func (s *lineScanner) listMarker() (int, bool) {
	cols, n := s.spaces()
	if cols > 3 {
		return 0, false
	}
	i := s.pos + n
	end := i
	switch {
	case i < len(s.text) && (s.text[i] == '-' || s.text[i] == '+' || s.text[i] == '*'):
		if isThematicBreak(s.text[i:]) {
			return 0, false
		}
		end = i + 1
	default:
		for end < len(s.text) && end-i < 9 && s.text[end] >= '0' && s.text[end] <= '9' {
			end++
		}
		if end == i || end >= len(s.text) || (s.text[end] != '.' && s.text[end] != ')') {
			return 0, false
		}
		end++
	}
	if end < len(s.text) && s.text[end] != ' ' && s.text[end] != '\t' {
		return 0, false
	}
	s.skip(end - s.pos)
	after, m := s.spaces()
	switch {
	case m == len(s.text)-s.pos: // the item's first line is blank
		return s.col + 1, true
	case after > 4: // indented code: the content starts one column on
		return s.col + 1, true
	}
	s.skip(m)
	return s.col, true
}

// isThematicBreak reports whether b is a line of three or more of one of
// -, * or _, with only spaces between: "- - -" is a rule, not three lists.
func isThematicBreak(b []byte) bool {
	c, n := b[0], 0
	for _, x := range b {
		switch x {
		case c:
			n++
		case ' ', '\t':
		default:
			return false
		}
	}
	return n >= 3
}

// checkShape refuses what the parsed tree holds past the limits: nesting
// that the line scan cannot see (emphasis, links) and paragraphs too long
// to set. It walks the tree with a loop, not recursion, so that no depth
// can exhaust the stack.
func checkShape(p *partSource, root ast.Node) error {
	depth := 0
	n := root
	for {
		if counts(n) {
			depth++
			if depth > maxNesting {
				return errorf(p.path, p.lineOf(n), "block quotes, lists, emphasis or links are nested more than %d levels deep here: flatten the nesting (imprint sets at most %d levels)", maxNesting, maxNesting)
			}
		}
		if err := checkBlockLength(p, n); err != nil {
			return err
		}
		if c := n.FirstChild(); c != nil {
			n = c
			continue
		}
		for {
			if counts(n) {
				depth--
			}
			if n == root {
				return nil
			}
			if next := n.NextSibling(); next != nil {
				n = next
				break
			}
			n = n.Parent()
		}
	}
}

// counts reports whether n is a level of nesting as a writer sees it: a
// list and its items are one level, a paragraph or text is none.
func counts(n ast.Node) bool {
	switch n.Kind() {
	case ast.KindBlockquote, ast.KindList, ast.KindEmphasis, ast.KindLink, ast.KindImage,
		extast.KindStrikethrough, extast.KindFootnote, extast.KindDefinitionList:
		return true
	}
	return false
}

func checkBlockLength(p *partSource, n ast.Node) error {
	switch n.Kind() {
	case ast.KindParagraph, ast.KindTextBlock, ast.KindHeading, extast.KindTableCell:
	default:
		return nil
	}
	lines := n.Lines()
	chars := 0
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		chars += utf8.RuneCount(seg.Value(p.src))
	}
	if chars > maxBlockChars {
		return errorf(p.path, p.lineOf(n), "this paragraph is %d characters long, more than the %d imprint sets in one paragraph: break it into shorter paragraphs (a blank line between them)", chars, maxBlockChars)
	}
	return nil
}

// partSource is a parsed file for messages: its path and source.
type partSource struct {
	path string
	src  []byte
}

// lineOf is the line where n (or its nearest ancestor with a position) starts.
func (p *partSource) lineOf(n ast.Node) int {
	// An inline container has no position of its own: its first text has.
	for i := 0; i < 2*maxNesting && n.Type() == ast.TypeInline && n.FirstChild() != nil; i++ {
		n = n.FirstChild()
	}
	for ; n != nil; n = n.Parent() {
		if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
			return lineAt(p.src, n.Lines().At(0).Start)
		}
		if t, ok := n.(*ast.Text); ok {
			return lineAt(p.src, t.Segment.Start)
		}
		if pos := n.Pos(); pos >= 0 {
			return lineAt(p.src, pos)
		}
	}
	return 1
}
