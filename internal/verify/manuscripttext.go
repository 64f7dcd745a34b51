package verify

import (
	"html"
	"regexp"
	"strings"

	"github.com/imprint-press/imprint/internal/document"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// passage is one block of the manuscript (a paragraph, a heading, a list
// item's text, a table cell) as plain text. Pieces are the runs of text an
// edition must carry in order: a footnote reference, an inline image or raw
// HTML interrupts the text, because each edition renders those its own way.
type passage struct {
	pieces []string
}

// quote is the passage's opening, for messages.
func (p passage) quote() string { return shorten(strings.Join(p.pieces, " "), 60) }

// passages returns the plain text of every block of a part, in order.
func passages(part *document.Part) []passage {
	if part == nil || part.Root == nil {
		return nil
	}
	src := part.Source
	var out []passage
	ast.Walk(part.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.(type) {
		case *ast.CodeBlock, *ast.FencedCodeBlock:
			var text strings.Builder
			lines := n.Lines()
			for i := 0; i < lines.Len(); i++ {
				seg := lines.At(i)
				text.Write(seg.Value(src))
			}
			if t := collapseSpace(text.String()); t != "" {
				out = append(out, passage{pieces: []string{t}})
			}
			return ast.WalkSkipChildren, nil
		case *ast.HTMLBlock:
			return ast.WalkSkipChildren, nil
		default:
			if n.Type() != ast.TypeBlock || n.FirstChild() == nil || n.FirstChild().Type() != ast.TypeInline {
				return ast.WalkContinue, nil
			}
			if p := inlinePassage(n, src); len(p.pieces) > 0 {
				out = append(out, p)
			}
			return ast.WalkSkipChildren, nil
		}
	})
	return out
}

// inlinePassage flattens a block's inline content into pieces of text.
func inlinePassage(block ast.Node, src []byte) passage {
	var p passage
	var cur strings.Builder
	cut := func() {
		if t := collapseSpace(cur.String()); t != "" {
			p.pieces = append(p.pieces, t)
		}
		cur.Reset()
	}
	var walk func(n ast.Node)
	walk = func(n ast.Node) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch t := c.(type) {
			case *ast.Text:
				cur.WriteString(unescapeMarkdown(string(t.Segment.Value(src))))
				if t.SoftLineBreak() || t.HardLineBreak() {
					cur.WriteByte(' ')
				}
			case *ast.String:
				cur.Write(t.Value)
			case *ast.CodeSpan:
				for g := t.FirstChild(); g != nil; g = g.NextSibling() {
					if tx, ok := g.(*ast.Text); ok {
						cur.Write(tx.Segment.Value(src))
					}
				}
			case *ast.AutoLink:
				cur.Write(t.Label(src))
			case *ast.Image, *ast.RawHTML, *east.FootnoteLink, *east.FootnoteBacklink, *east.TaskCheckBox:
				cut()
			default:
				walk(c)
			}
		}
	}
	walk(block)
	cut()
	return p
}

var (
	backslashEscape = regexp.MustCompile(`\\([!-/:-@\[-` + "`" + `{-~])`)
	entityRef       = regexp.MustCompile(`&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});`)
)

// unescapeMarkdown resolves what CommonMark resolves in text: backslash
// escapes of ASCII punctuation, and entity and character references.
func unescapeMarkdown(s string) string {
	if !strings.ContainsAny(s, `\&`) {
		return s
	}
	var b strings.Builder
	last := 0
	// Escapes first, remembering where they were so that "\&amp;" stays
	// literal.
	for _, m := range backslashEscape.FindAllStringSubmatchIndex(s, -1) {
		b.WriteString(resolveEntities(s[last:m[0]]))
		b.WriteString(s[m[2]:m[3]])
		last = m[1]
	}
	b.WriteString(resolveEntities(s[last:]))
	return b.String()
}

func resolveEntities(s string) string {
	if !strings.Contains(s, "&") {
		return s
	}
	return entityRef.ReplaceAllStringFunc(s, html.UnescapeString)
}

// collapseSpace trims s and turns every run of white space into a space.
func collapseSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

// shorten cuts s to at most n runes, on a word boundary, with an ellipsis.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n])
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return cut + "…"
}
