// Package markdown owns imprint's one Markdown dialect: CommonMark plus the
// GitHub tables, strikethrough, autolinks and task lists, footnotes and
// definition lists, configured once so the loader and every test parse
// manuscripts identically. Typographic substitution is off: manuscripts keep
// their quotes and dashes exactly as written.
package markdown

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// Extensions are the goldmark extensions of imprint's dialect, for callers
// that build their own goldmark.Markdown (front matter, renderers).
func Extensions() []goldmark.Extender {
	return []goldmark.Extender{
		extension.GFM,
		extension.Footnote,
		extension.DefinitionList,
	}
}

// ParserOptions are the parser options of imprint's dialect.
func ParserOptions() []parser.Option {
	return []parser.Option{parser.WithAutoHeadingID()}
}

var plain = goldmark.New(goldmark.WithExtensions(Extensions()...), goldmark.WithParserOptions(ParserOptions()...))

// Parse parses a Markdown file with no front matter (a bio, a test case).
func Parse(source []byte) ast.Node {
	return plain.Parser().Parse(text.NewReader(source))
}
