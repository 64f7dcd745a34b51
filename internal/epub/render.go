package epub

import (
	"bufio"
	"bytes"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// rendered is one Markdown part as an XHTML fragment plus what the package
// around it needs to know: its headings for the navigation documents.
type rendered struct {
	body             []byte
	headings         []heading
	opensWithHeading bool // the part's first block is headings[0]
}

// heading is one heading of a part, for the table of contents.
type heading struct {
	level int
	id    string
	text  string
}

// imageResolver maps a Markdown image destination to the image's path
// inside the package, relative to the content document; ok is false for an
// image the package does not carry.
type imageResolver func(dest string) (href string, ok bool)

// renderPart renders a goldmark AST over source as an XHTML fragment for an
// EPUB content document, with the page breaks plan places in it (plan may
// be nil). reserved lists ids the page around the fragment uses, which no
// heading may take.
func renderPart(source []byte, root ast.Node, images imageResolver, plan *pagePlan, reserved ...string) (*rendered, error) {
	nodes := &epubNodes{images: images, headingIDs: map[ast.Node]string{}, known: map[string]bool{}}
	renderers := []util.PrioritizedValue{
		util.Prioritized(html.NewRenderer(html.WithXHTML()), 1000),
		util.Prioritized(extension.NewTableHTMLRenderer(), 500),
		util.Prioritized(extension.NewStrikethroughHTMLRenderer(), 500),
		util.Prioritized(extension.NewDefinitionListHTMLRenderer(), 500),
		// Ours wins every kind it registers: a lower number is a higher priority.
		util.Prioritized(nodes, 100),
	}
	if plan != nil && len(plan.breaks) > 0 {
		for i, r := range renderers {
			renderers[i].Value = markingRenderer{inner: r.Value.(renderer.NodeRenderer), plan: plan}
		}
	}
	r := renderer.NewRenderer(renderer.WithNodeRenderers(renderers...), html.WithXHTML())
	if root == nil {
		return nil, fmt.Errorf("the part has no parsed Markdown")
	}
	if err := checkKinds(root); err != nil {
		return nil, err
	}
	out := &rendered{opensWithHeading: root.FirstChild() != nil && root.FirstChild().Kind() == ast.KindHeading}
	nodes.assignIDs(source, root, reserved, out)
	var buf bytes.Buffer
	if err := r.Render(&buf, source, root); err != nil {
		return nil, fmt.Errorf("rendering Markdown as XHTML: %w", err)
	}
	out.body = validXML(buf.Bytes())
	return out, nil
}

// renderedKinds are the node kinds some renderer above registers. goldmark's
// renderer panics on a kind nobody registered, so renderPart refuses an AST
// holding one, with a message naming it, before rendering.
var renderedKinds = func() map[ast.NodeKind]bool {
	rec := kindRecorder{}
	for _, nr := range []renderer.NodeRenderer{
		html.NewRenderer(), extension.NewTableHTMLRenderer(), extension.NewStrikethroughHTMLRenderer(),
		extension.NewDefinitionListHTMLRenderer(), &epubNodes{},
	} {
		nr.RegisterFuncs(rec)
	}
	return rec
}()

type kindRecorder map[ast.NodeKind]bool

func (k kindRecorder) Register(kind ast.NodeKind, _ renderer.NodeRendererFunc) { k[kind] = true }

func checkKinds(root ast.Node) error {
	return ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && !renderedKinds[n.Kind()] {
			return ast.WalkStop, fmt.Errorf("the EPUB writer cannot render Markdown node %s", n.Kind())
		}
		return ast.WalkContinue, nil
	})
}

// epubNodes renders the node kinds whose HTML an EPUB needs different:
// EPUB 3 notes, package-local images, safe links, no raw HTML, heading ids
// that are unique in the page.
type epubNodes struct {
	images     imageResolver
	headingIDs map[ast.Node]string
	known      map[string]bool // every id the fragment defines, for fragment links
}

func (r *epubNodes) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHeading, r.heading)
	reg.Register(ast.KindParagraph, r.paragraph)
	reg.Register(ast.KindImage, r.image)
	reg.Register(ast.KindLink, r.link)
	reg.Register(ast.KindAutoLink, r.autoLink)
	// Raw HTML never reaches the EPUB as markup, nor as text: it is dropped.
	reg.Register(ast.KindRawHTML, skip)
	reg.Register(ast.KindHTMLBlock, skip)
	reg.Register(extast.KindFootnoteList, r.footnoteList)
	reg.Register(extast.KindFootnote, r.footnote)
	reg.Register(extast.KindFootnoteLink, r.footnoteLink)
	reg.Register(extast.KindFootnoteBacklink, r.footnoteBacklink)
	reg.Register(extast.KindTaskCheckBox, r.taskCheckBox)
	reg.Register(extast.KindTableCell, r.tableCell)
}

func skip(util.BufWriter, []byte, ast.Node, bool) (ast.WalkStatus, error) {
	return ast.WalkSkipChildren, nil
}

// Note ids: fn-N for the note, fnref-N for its first reference and
// fnref-N-K for its K-th. No colons, so they are valid XML names too.
func noteID(index int) string { return "fn-" + strconv.Itoa(index) }

func noteRefID(index, refIndex int) string {
	if refIndex == 0 {
		return "fnref-" + strconv.Itoa(index)
	}
	return "fnref-" + strconv.Itoa(index) + "-" + strconv.Itoa(refIndex+1)
}

// assignIDs gives every heading an id unique in the page (goldmark's own,
// renamed if a note or the page already uses it) and collects the headings.
func (r *epubNodes) assignIDs(source []byte, root ast.Node, reserved []string, out *rendered) {
	for _, id := range reserved {
		r.known[id] = true
	}
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *extast.FootnoteLink:
			r.known[noteRefID(n.Index, n.RefIndex)] = true
		case *extast.Footnote:
			r.known[noteID(n.Index)] = true
		}
		return ast.WalkContinue, nil
	})
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		h, ok := n.(*ast.Heading)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		base := "heading"
		if v, ok := h.AttributeString("id"); ok {
			if b, ok := v.([]byte); ok && len(b) > 0 && !bytes.ContainsAny(b, " \t\r\n") {
				base = string(b)
			}
		}
		id := base
		for i := 1; r.known[id]; i++ {
			id = base + "-" + strconv.Itoa(i)
		}
		r.known[id] = true
		r.headingIDs[n] = id
		out.headings = append(out.headings, heading{level: h.Level, id: id, text: plainText(source, h)})
		return ast.WalkSkipChildren, nil
	})
}

func (r *epubNodes) heading(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Heading)
	tag := "h" + strconv.Itoa(n.Level)
	if entering {
		fmt.Fprintf(w, `<%s id="%s">`, tag, escapeAttr(r.headingIDs[node]))
	} else {
		fmt.Fprintf(w, "</%s>\n", tag)
	}
	return ast.WalkContinue, nil
}

func (r *epubNodes) paragraph(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		_, _ = w.WriteString("</p>\n")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString("<p>")
	// A note's number opens its first paragraph, for reading systems that
	// show notes in place rather than as pop-ups.
	if fn, ok := node.Parent().(*extast.Footnote); ok && fn.FirstChild() == node {
		writeNoteLabel(w, fn.Index)
	}
	return ast.WalkContinue, nil
}

func writeNoteLabel(w util.BufWriter, index int) {
	fmt.Fprintf(w, `<span class="note-label">%d.</span> `, index)
}

func (r *epubNodes) image(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.Image)
	alt := escapedText(source, n)
	href, ok := "", false
	if r.images != nil {
		href, ok = r.images(string(n.Destination))
	}
	if !ok {
		// An image the package does not carry (remote, or unknown): its
		// text alternative stands in for it.
		_, _ = w.WriteString(alt)
		return ast.WalkSkipChildren, nil
	}
	fmt.Fprintf(w, `<img src="%s" alt="%s"`, escapeAttr(href), alt)
	if n.Title != nil {
		_, _ = w.WriteString(` title="`)
		html.DefaultWriter.Write(w, n.Title)
		_ = w.WriteByte('"')
	}
	_, _ = w.WriteString(" />")
	return ast.WalkSkipChildren, nil
}

func (r *epubNodes) link(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Link)
	href, ok := r.linkTarget(n.Destination)
	if !ok {
		return ast.WalkContinue, nil // the link text stays, unlinked
	}
	if !entering {
		_, _ = w.WriteString("</a>")
		return ast.WalkContinue, nil
	}
	fmt.Fprintf(w, `<a href="%s"`, escapeAttr(href))
	if n.Title != nil {
		_, _ = w.WriteString(` title="`)
		html.DefaultWriter.Write(w, n.Title)
		_ = w.WriteByte('"')
	}
	_ = w.WriteByte('>')
	if strings.TrimSpace(plainText(source, n)) == "" {
		// A link needs a name a screen reader can speak: its address.
		_, _ = w.WriteString(escapeAttr(href))
	}
	return ast.WalkContinue, nil
}

func (r *epubNodes) autoLink(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.AutoLink)
	dest := n.URL(source)
	if n.AutoLinkType == ast.AutoLinkEmail && !bytes.HasPrefix(bytes.ToLower(dest), []byte("mailto:")) {
		dest = append([]byte("mailto:"), dest...)
	}
	href, ok := r.linkTarget(dest)
	if !ok {
		// The text of an autolink is its address: a dangerous one is dropped whole.
		return ast.WalkSkipChildren, nil
	}
	fmt.Fprintf(w, `<a href="%s">`, escapeAttr(href))
	_, _ = w.Write(util.EscapeHTML(n.Label(source)))
	_, _ = w.WriteString("</a>")
	return ast.WalkSkipChildren, nil
}

// linkSchemes are the URL schemes a link in the EPUB may use. Anything else
// (javascript:, vbscript:, data:, file:, paths into a package that does not
// hold them) loses its link and keeps its text.
var linkSchemes = map[string]bool{"http": true, "https": true, "mailto": true, "ftp": true, "tel": true}

func (r *epubNodes) linkTarget(dest []byte) (string, bool) {
	u := string(util.URLEscape(dest, true))
	if frag, ok := strings.CutPrefix(u, "#"); ok {
		return u, r.known[frag]
	}
	return u, safeURL(u)
}

// safeURL reports whether u is an absolute URL with an allowed scheme and,
// for a scheme that names a host, a host a reading system can resolve.
func safeURL(u string) bool {
	scheme, _, ok := strings.Cut(u, ":")
	if !ok || !validScheme(scheme) || html.IsDangerousURL([]byte(u)) {
		return false
	}
	switch strings.ToLower(scheme) {
	case "http", "https", "ftp":
		return validHost(u)
	}
	return linkSchemes[strings.ToLower(scheme)]
}

// validHost reports whether u names a host as the URL Standard (and so
// EPUBCheck) accepts it: "https://../" and "https://a..b/" do not.
func validHost(u string) bool {
	p, err := url.Parse(u)
	if err != nil {
		return false
	}
	host := p.Hostname()
	if host == "" || strings.ContainsAny(host, "%<>^|\\ ") {
		return false
	}
	for _, label := range strings.Split(strings.TrimSuffix(host, "."), ".") {
		if label == "" {
			return false
		}
	}
	return true
}

func validScheme(s string) bool {
	for i, c := range s {
		alpha := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
		if !alpha && (i == 0 || !(c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.')) {
			return false
		}
	}
	return s != ""
}

func (r *epubNodes) footnoteList(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString("<div class=\"footnotes\">\n")
	} else {
		_, _ = w.WriteString("</div>\n")
	}
	return ast.WalkContinue, nil
}

func (r *epubNodes) footnote(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*extast.Footnote)
	if !entering {
		_, _ = w.WriteString("</aside>\n")
		return ast.WalkContinue, nil
	}
	fmt.Fprintf(w, "<aside class=\"footnote\" epub:type=\"footnote\" role=\"doc-footnote\" id=\"%s\">\n", noteID(n.Index))
	if _, ok := n.FirstChild().(*ast.Paragraph); !ok {
		writeNoteLabel(w, n.Index)
	}
	return ast.WalkContinue, nil
}

func (r *epubNodes) footnoteLink(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		n := node.(*extast.FootnoteLink)
		fmt.Fprintf(w, `<sup class="noteref"><a epub:type="noteref" role="doc-noteref" href="#%s" id="%s">%d</a></sup>`,
			noteID(n.Index), noteRefID(n.Index, n.RefIndex), n.Index)
	}
	return ast.WalkContinue, nil
}

func (r *epubNodes) footnoteBacklink(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		n := node.(*extast.FootnoteBacklink)
		// U+21A9 with U+FE0E: the hooked arrow as text, not as an emoji.
		fmt.Fprintf(w, "\u00a0<a class=\"backlink\" href=\"#%s\" role=\"doc-backlink\">\u21a9\ufe0e</a>", noteRefID(n.Index, n.RefIndex))
	}
	return ast.WalkContinue, nil
}

// taskCheckBox draws a ballot-box glyph: a form control would be an input
// with no label, and nothing in a book can be ticked anyway.
func (r *epubNodes) taskCheckBox(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		glyph := "\u2610"
		if node.(*extast.TaskCheckBox).IsChecked {
			glyph = "\u2611"
		}
		fmt.Fprintf(w, `<span class="task">%s</span> `, glyph)
	}
	return ast.WalkContinue, nil
}

// tableCell aligns by style, not by the obsolete align attribute. goldmark's
// own cell renderer does the same by adding the style to the AST node, so a
// second rendering of the same document doubled it: the document is shared
// and must stay as the loader left it.
func (r *epubNodes) tableCell(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*extast.TableCell)
	tag := "td"
	if n.Parent() != nil && n.Parent().Kind() == extast.KindTableHeader {
		tag = "th"
	}
	if !entering {
		fmt.Fprintf(w, "</%s>\n", tag)
		return ast.WalkContinue, nil
	}
	if n.Alignment == extast.AlignNone {
		fmt.Fprintf(w, "<%s>", tag)
	} else {
		fmt.Fprintf(w, `<%s style="text-align:%s">`, tag, n.Alignment)
	}
	return ast.WalkContinue, nil
}

func escapeAttr(s string) string {
	var b xmlBuffer
	b.text(s)
	return b.String()
}

// escapedText is the text of n's inline children, HTML-escaped: backslash
// escapes and entity references resolved as goldmark resolves them, raw HTML
// and note references left out, line breaks as spaces.
func escapedText(source []byte, n ast.Node) string {
	var buf bytes.Buffer
	w := bufio.NewWriter(&buf)
	writeTexts(w, source, n)
	_ = w.Flush()
	return string(validXML(buf.Bytes()))
}

// plainText is escapedText unescaped: the text a reader sees.
func plainText(source []byte, n ast.Node) string {
	return unescapeHTML(escapedText(source, n))
}

var htmlUnescaper = strings.NewReplacer("&quot;", `"`, "&lt;", "<", "&gt;", ">", "&amp;", "&")

// unescapeHTML reverses goldmark's escaping, which produces only these four.
func unescapeHTML(s string) string { return htmlUnescaper.Replace(s) }

func writeTexts(w util.BufWriter, source []byte, n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			if c.IsRaw() {
				html.DefaultWriter.RawWrite(w, c.Value(source))
			} else {
				html.DefaultWriter.Write(w, c.Value(source))
			}
			if c.SoftLineBreak() || c.HardLineBreak() {
				_ = w.WriteByte(' ')
			}
		case *ast.String:
			if c.IsCode() || c.IsRaw() {
				html.DefaultWriter.RawWrite(w, c.Value)
			} else {
				html.DefaultWriter.Write(w, c.Value)
			}
		case *ast.CodeSpan:
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				if t, ok := t.(*ast.Text); ok {
					html.DefaultWriter.RawWrite(w, bytes.ReplaceAll(t.Value(source), []byte("\n"), []byte(" ")))
				}
			}
		case *ast.AutoLink:
			if c.AutoLinkType == ast.AutoLinkEmail || safeURL(string(c.URL(source))) {
				_, _ = w.Write(util.EscapeHTML(c.Label(source)))
			}
		case *ast.RawHTML, *extast.FootnoteLink, *extast.FootnoteBacklink, *extast.TaskCheckBox:
		default:
			writeTexts(w, source, c)
		}
	}
}
