// Package epub owns imprint's EPUB edition: it renders a document.Document as
// an EPUB 3.3 package (OCF ZIP container, package document, navigation
// document and NCX, XHTML content documents, stylesheet, images) that
// EPUBCheck and Ace accept without a message, with accessibility metadata
// derived from what the package holds. When the print edition was laid out
// first (document.Document.PageStarts), the EPUB marks where each printed
// page begins and lists the pages in a page list. The same document always
// gives the same bytes: no clock, no randomness, no map order.
package epub

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/imprint-press/imprint/internal/cover"
	"github.com/imprint-press/imprint/internal/document"
	"github.com/yuin/goldmark/ast"
)

// Option changes how Write renders a book.
type Option func(*options)

type options struct {
	cover []byte
}

// WithCover supplies the generated cover (DrawCover's PNG) of a manuscript
// that names none, so a caller can draw it while other work runs.
func WithCover(png []byte) Option {
	return func(o *options) { o.cover = png }
}

// DrawCover draws the cover Write generates for a manuscript that names no
// cover image.
func DrawCover(doc *document.Document) ([]byte, error) { return drawCover(&doc.Meta) }

// Write renders doc as an EPUB 3 package to w. Same document -> same bytes.
func Write(w io.Writer, doc *document.Document, opts ...Option) error {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	draw := drawCover
	if o.cover != nil {
		draw = func(*document.Metadata) ([]byte, error) { return o.cover, nil }
	}
	b, err := newBook(doc, draw)
	if err != nil {
		return fmt.Errorf("epub: %w", err)
	}
	if err := b.writeZip(w); err != nil {
		return fmt.Errorf("epub: writing the ZIP container: %w", err)
	}
	return nil
}

// drawCover draws the cover of a manuscript that names no cover image.
func drawCover(m *document.Metadata) ([]byte, error) {
	var buf bytes.Buffer
	err := cover.PNG(&buf, cover.Content{Title: m.Title, Subtitle: m.Subtitle, Authors: m.AuthorNames()})
	if err != nil {
		return nil, fmt.Errorf("drawing the cover: %w", err)
	}
	return buf.Bytes(), nil
}

// The package's files, relative to the package document in packageDir.
const (
	packageDir = "EPUB"
	opfHref    = "package.opf"
	navHref    = "nav.xhtml"
	ncxHref    = "toc.ncx"
	cssHref    = "style.css"

	coverHref     = "cover.xhtml"
	titlePageHref = "titlepage.xhtml"
	articleHref   = "article.xhtml"
	aboutHref     = "about.xhtml"
	colophonHref  = "colophon.xhtml"
)

// book is a document laid out as the files of an EPUB.
type book struct {
	meta   *document.Metadata
	page   pageContext
	images []*asset // manifest order: cover, lead, then body and bio images
	cover  *asset
	lead   *asset
	pages  []*page // spine order
	toc    []*tocEntry
	// pageList lists the print edition's pages, whose markers the content
	// documents carry; empty when no print edition was laid out.
	pageList []pageBreak
	a11y     a11yMeta
	// certifiedBy names who stands behind the conformance claim: the
	// publisher, else the first author.
	certifiedBy string
	sources     []imageSource
}

// imageSource remembers which document image an asset holds.
type imageSource struct {
	image *document.Image
	asset *asset
}

// assetFor returns the asset holding im's file, or nil.
func (b *book) assetFor(im *document.Image) *asset {
	for _, s := range b.sources {
		if s.image == im || im.File != "" && s.image.File == im.File ||
			s.image.MediaType == im.MediaType && bytes.Equal(s.image.Data, im.Data) {
			return s.asset
		}
	}
	return nil
}

// pageContext is what every content document shares.
type pageContext struct {
	lang, dir string
	labels    labels
}

// asset is an image file in the package.
type asset struct {
	id, href, mediaType string
	data                []byte
	properties          string
}

// page is one XHTML content document in the spine.
type page struct {
	id, href string
	title    string // for the table of contents
	landmark string // its landmarks entry (cover, titlepage, bodymatter, backmatter), or ""
	data     []byte
}

func newBook(doc *document.Document, draw func(*document.Metadata) ([]byte, error)) (*book, error) {
	m := &doc.Meta
	switch {
	case strings.TrimSpace(m.Title) == "":
		return nil, errors.New("the document has no title")
	case strings.TrimSpace(m.Identifier.URN()) == "":
		return nil, errors.New("the document has no identifier")
	case strings.TrimSpace(m.Language) == "":
		return nil, errors.New("the document has no language")
	}
	b := &book{meta: m, page: pageContext{lang: m.Language, dir: direction(m.Language), labels: labelsFor(m.Language)}}
	facts := a11yFacts{Contents: true, ReadingOrder: true, Reflowable: true, Language: m.Language}

	if err := b.addImages(doc, draw); err != nil {
		return nil, err
	}
	coverAltText := coverAlt(m, b.page.labels)
	if m.Cover != nil && strings.TrimSpace(m.Cover.Alt) != "" {
		coverAltText = m.Cover.Alt
	}
	facts.see(coverAltText)
	if m.Lead != nil {
		facts.see(m.Lead.Alt)
	}
	resolve := func(dest string) (string, bool) {
		if im := doc.Image(dest); im != nil {
			if a := b.assetFor(im); a != nil {
				return a.href, true
			}
		}
		return "", false
	}
	for _, a := range b.images {
		if a.mediaType == "image/gif" && gifFrames(a.data) > 1 {
			facts.Animated++
		}
	}

	plan, err := planPageBreaks(doc)
	if err != nil {
		return nil, err
	}
	b.pageList = plan.breaks
	facts.PageBreaks = len(plan.breaks)

	article, err := renderPart(doc.Body.Source, doc.Body.Root, resolve, plan, append(plan.ids[articleHref], articleIDs...)...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", doc.Body.Path, err)
	}
	facts.Headings += len(article.headings)
	facts.seeImages(doc.Body.Source, doc.Body.Root, resolve)

	b.pages = append(b.pages,
		&page{id: "cover", href: coverHref, title: or(b.page.labels.cover, m.Title), landmark: "cover",
			data: coverDocument(b.page, m, b.cover.href, coverAltText)},
		&page{id: "titlepage", href: titlePageHref, title: m.Title, landmark: "titlepage",
			data: titlePageDocument(b.page, m, plan.atStart[titlePageHref])},
		&page{id: "article", href: articleHref, title: m.Title, landmark: "bodymatter",
			data: articleDocument(b.page, m.Title, b.leadFigure(), article, plan.atStart[articleHref])},
	)
	b.toc = append(b.toc, &tocEntry{label: m.Title, href: titlePageHref, children: nestHeadings(article.headings, articleHref)})

	if doc.Bio != nil {
		bio, err := renderPart(doc.Bio.Source, doc.Bio.Root, resolve, plan, append(plan.ids[aboutHref], aboutIDs...)...)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", doc.Bio.Path, err)
		}
		facts.Headings += len(bio.headings)
		facts.seeImages(doc.Bio.Source, doc.Bio.Root, resolve)
		title, data := aboutDocument(b.page, m, bio, plan.atStart[aboutHref])
		b.pages = append(b.pages, &page{id: "about", href: aboutHref, title: title, landmark: "backmatter", data: data})
		b.toc = append(b.toc, &tocEntry{label: title, href: aboutHref})
	}

	b.a11y = deriveA11y(facts)
	b.certifiedBy = m.Publisher
	if b.certifiedBy == "" && len(m.Authors) > 0 {
		b.certifiedBy = m.Authors[0].Name
	}
	colophonTitle, colophon := colophonDocument(b.page, m, b.leadCredit(), plan.atStart[colophonHref])
	landmark := ""
	if doc.Bio == nil {
		landmark = "backmatter"
	}
	b.pages = append(b.pages, &page{id: "colophon", href: colophonHref, title: colophonTitle, landmark: landmark, data: colophon})
	b.toc = append(b.toc, &tocEntry{label: colophonTitle, href: colophonHref})
	return b, nil
}

// see counts one image with alternative text alt.
func (f *a11yFacts) see(alt string) {
	f.Images++
	if strings.TrimSpace(alt) != "" {
		f.ImagesWithAlt++
	}
}

// seeImages counts the images of a part the package carries.
func (f *a11yFacts) seeImages(source []byte, root ast.Node, resolve imageResolver) {
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if im, ok := n.(*ast.Image); ok && entering {
			if _, ok := resolve(string(im.Destination)); ok {
				f.see(plainText(source, im))
			}
		}
		return ast.WalkContinue, nil
	})
}

// addImages lays out the image files: the cover (given or drawn), the lead
// image, then every image the text uses, each file once.
func (b *book) addImages(doc *document.Document, draw func(*document.Metadata) ([]byte, error)) error {
	m := &doc.Meta
	if m.Cover != nil {
		a, err := b.addImage(m.Cover, "cover-image", "images/cover")
		if err != nil {
			return fmt.Errorf("cover image %s: %w", m.Cover.Path, err)
		}
		b.cover = a
	} else {
		data, err := draw(m)
		if err != nil {
			return err
		}
		b.cover = &asset{id: "cover-image", href: "images/cover.png", mediaType: "image/png", data: data}
		b.images = append(b.images, b.cover)
	}
	b.cover.properties = "cover-image"
	if m.Lead != nil {
		a, err := b.addImage(m.Lead, "lead-image", "images/lead")
		if err != nil {
			return fmt.Errorf("lead image %s: %w", m.Lead.Path, err)
		}
		b.lead = a
	}
	for i, im := range doc.Images {
		n := strconv.Itoa(i + 1)
		if _, err := b.addImage(im, "image-"+n, "images/image-"+n); err != nil {
			return fmt.Errorf("image %s: %w", im.Path, err)
		}
	}
	return nil
}

// addImage adds im unless the package already carries the same file.
func (b *book) addImage(im *document.Image, id, base string) (*asset, error) {
	if a := b.assetFor(im); a != nil {
		return a, nil
	}
	if im.Ext() == "" || len(im.Data) == 0 {
		return nil, fmt.Errorf("no image data of a type an EPUB carries (JPEG, PNG, GIF), got %q", im.MediaType)
	}
	a := &asset{id: id, href: base + im.Ext(), mediaType: im.MediaType, data: im.Data}
	b.images = append(b.images, a)
	b.sources = append(b.sources, imageSource{im, a})
	return a, nil
}
