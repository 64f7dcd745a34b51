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
	"github.com/yuin/goldmark/util"
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

// PrintedText is what a text node's bytes read as in an edition: a raw
// node as it is, any other with backslash escapes, numeric references and
// entities resolved. Both editions set text through it, so they agree.
func PrintedText(b []byte, raw bool) string {
	if raw {
		return string(b)
	}
	b = util.UnescapePunctuations(b)
	b = util.ResolveNumericReferences(b)
	b = util.ResolveEntityNames(b)
	return string(b)
}
