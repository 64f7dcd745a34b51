package epub

import (
	"github.com/imprint-press/imprint/internal/markdown"
	"io"
	"strconv"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// writePageBreaks writes the markers of pages: empty spans, valid wherever
// text is, named by aria-label as Ace requires of a page break.
func writePageBreaks(w io.StringWriter, pages []int) {
	for _, page := range pages {
		n := strconv.Itoa(page)
		_, _ = w.WriteString(`<span epub:type="pagebreak" role="doc-pagebreak" id="page-` + n + `" aria-label="` + n + `"></span>`)
	}
}

// markingRenderer wraps one of the goldmark node renderers a part is
// rendered with, so that every node it renders is preceded by the page
// breaks planned there.
type markingRenderer struct {
	inner renderer.NodeRenderer
	plan  *pagePlan
}

func (m markingRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	m.inner.RegisterFuncs(registererFunc(func(kind ast.NodeKind, f renderer.NodeRendererFunc) {
		reg.Register(kind, m.plan.around(f))
	}))
}

// SetOption passes the renderer's options (XHTML output) on.
func (m markingRenderer) SetOption(name renderer.OptionName, value any) {
	if s, ok := m.inner.(renderer.SetOptioner); ok {
		s.SetOption(name, value)
	}
}

type registererFunc func(ast.NodeKind, renderer.NodeRendererFunc)

func (f registererFunc) Register(kind ast.NodeKind, fn renderer.NodeRendererFunc) { f(kind, fn) }

// around renders a node with the markers planned before it or inside its
// text. A marker planned before a <dt> goes inside it, since a <dl> holds
// nothing but terms and descriptions.
func (p *pagePlan) around(f renderer.NodeRendererFunc) renderer.NodeRendererFunc {
	return func(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return f(w, source, n, entering)
		}
		if n.Kind() == extast.KindDefinitionTerm {
			status, err := f(w, source, n, entering)
			writePageBreaks(w, p.before[n])
			return status, err
		}
		writePageBreaks(w, p.before[n])
		switch n := n.(type) {
		case *ast.Text:
			if marks := p.inText[n]; len(marks) > 0 {
				p.writeText(w, source, n, marks)
				return ast.WalkContinue, nil
			}
		case *ast.CodeSpan:
			if p.marksInside(n) {
				p.writeCodeSpan(w, source, n)
				return ast.WalkSkipChildren, nil
			}
		}
		return f(w, source, n, entering)
	}
}

// writeText writes a Text node as goldmark's XHTML renderer does (the
// parts are rendered without hard wraps or East Asian line breaks), with
// markers inside it.
func (p *pagePlan) writeText(w util.BufWriter, source []byte, n *ast.Text, marks []textBreak) {
	value := n.Value(source)
	done := 0
	for _, m := range marks {
		cut := max(sourceOffset(value, m.at, n.IsRaw()), done)
		writeTextPart(w, value[done:cut], n.IsRaw())
		writePageBreaks(w, []int{m.page})
		done = cut
	}
	writeTextPart(w, value[done:], n.IsRaw())
	switch {
	case n.HardLineBreak():
		_, _ = w.WriteString("<br />\n")
	case n.SoftLineBreak():
		_ = w.WriteByte('\n')
	}
}

func writeTextPart(w util.BufWriter, b []byte, raw bool) {
	if raw {
		html.DefaultWriter.RawWrite(w, b)
	} else {
		html.DefaultWriter.Write(w, b)
	}
}

// sourceOffset maps byte at of the text a reader sees to a byte of the
// Markdown source it comes from: the place where cutting the source cuts
// the resolved text there too, so no escape or entity is split.
func sourceOffset(value []byte, at int, raw bool) int {
	if raw || !containsAny(value, `\&`) {
		return min(at, len(value))
	}
	whole := markdown.PrintedText(value, false)
	for k := 0; k <= len(value); k++ {
		head := markdown.PrintedText(value[:k], false)
		if len(head) == at && head+markdown.PrintedText(value[k:], false) == whole {
			return k
		}
	}
	return len(value)
}

func containsAny(b []byte, chars string) bool {
	for _, c := range b {
		for i := 0; i < len(chars); i++ {
			if c == chars[i] {
				return true
			}
		}
	}
	return false
}

func (p *pagePlan) marksInside(code *ast.CodeSpan) bool {
	for c := code.FirstChild(); c != nil; c = c.NextSibling() {
		if len(p.inText[c]) > 0 {
			return true
		}
	}
	return false
}

// writeCodeSpan opens a code span and writes its text as goldmark's XHTML
// renderer does, with markers inside.
func (p *pagePlan) writeCodeSpan(w util.BufWriter, source []byte, n *ast.CodeSpan) {
	_, _ = w.WriteString("<code")
	if n.Attributes() != nil {
		html.RenderAttributes(w, n, html.CodeAttributeFilter)
	}
	_ = w.WriteByte('>')
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		t, ok := c.(*ast.Text)
		if !ok {
			continue
		}
		value := t.Value(source)
		newline := len(value) > 0 && value[len(value)-1] == '\n'
		if newline {
			value = value[:len(value)-1]
		}
		done := 0
		for _, m := range p.inText[t] {
			cut := min(max(m.at, done), len(value))
			html.DefaultWriter.RawWrite(w, value[done:cut])
			writePageBreaks(w, []int{m.page})
			done = cut
		}
		html.DefaultWriter.RawWrite(w, value[done:])
		if newline {
			_ = w.WriteByte(' ')
		}
	}
	// goldmark's renderer closes the element when the walk leaves it.
}
