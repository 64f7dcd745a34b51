package pdf

import (
	"strconv"
	"strings"

	"github.com/imprint-press/imprint/internal/document"
	"github.com/imprint-press/imprint/internal/linebreak"
)

// compose lays out the whole edition as one vertical list: the title block
// and lead image on page one, the article, its notes, About the Author,
// and the colophon on a page of its own.
func compose(doc *document.Document, sheet stylesheet) ([]block, error) {
	m := &doc.Meta
	c := &composer{doc: doc, part: &doc.Body, partName: "body", sheet: sheet, em: sheet.specs[classBody].size}
	lead := sheet.specs[classBody].leading
	text := func(s string, cls sizeClass, v variant) []linebreak.Run {
		return []linebreak.Run{{Text: s, Style: styleOf(cls, v)}}
	}
	// Front-matter strings are checked like body text, in every variant
	// they may be set in (the fallback faces differ a little); their line
	// is the front matter's.
	for _, s := range append(frontMatterText(m), m.AuthorNames()...) {
		for _, v := range []variant{roman, italic, bold, boldItalic} {
			if err := c.checkGlyphs(s, styleOf(classBody, v), -1); err != nil {
				return nil, err
			}
		}
	}
	if err := c.checkInfoText(m.Subjects); err != nil {
		return nil, err
	}
	c.blocks = append(c.blocks, block{runs: text(m.Title, classTitle, bold), class: classTitle, align: ragged,
		keepWithNext: true, bookmark: m.Title})
	if m.Subtitle != "" {
		c.blocks = append(c.blocks, block{runs: text(m.Subtitle, classSubtitle, italic), class: classSubtitle,
			align: ragged, keepWithNext: true, spaceBefore: lead * 0.3})
	}
	if m.Description != "" {
		c.blocks = append(c.blocks, block{runs: text(m.Description, classStandfirst, italic), class: classStandfirst,
			align: ragged, keepWithNext: true, spaceBefore: lead * 0.6})
	}
	c.blocks = append(c.blocks, block{runs: text(strings.Join(m.AuthorNames(), ", "), classBody, bold), class: classBody,
		align: ragged, keepWithNext: true, spaceBefore: lead * 0.8})
	if !m.Date.IsZero() {
		c.blocks = append(c.blocks, block{runs: text(humanDate(m.Date, m.Language), classSmall, roman), class: classSmall,
			align: ragged, keepWithNext: m.Lead != nil})
	}
	if im := m.Lead; im != nil {
		fig := block{image: im, class: classSmall, unbreakable: true, spaceBefore: lead, spaceAfter: lead}
		if im.Caption != "" {
			fig.imageCaption = text(im.Caption, classSmall, italic)
		}
		if im.Credit != "" {
			fig.imageCredit = text(im.Credit, classTiny, roman)
		}
		if err := c.checkGlyphs(im.Caption+im.Credit, styleOf(classSmall, italic), -1); err != nil {
			return nil, err
		}
		c.blocks = append(c.blocks, fig)
	} else {
		c.blocks[len(c.blocks)-1].spaceAfter = lead
	}
	for i := range c.blocks {
		c.blocks[i].part, c.blocks[i].offset = "front", -1
	}
	start := len(c.blocks)
	if err := c.blocksOf(doc.Body.Root, 0, 0); err != nil {
		return nil, err
	}
	if start < len(c.blocks) {
		c.blocks[start].firstIndent = 0
	}
	anchorToNextSource(c.blocks[start:])
	c.partName = "notes"
	if err := c.noteBlocks(lead); err != nil {
		return nil, err
	}
	if doc.Bio != nil {
		c.blocks = append(c.blocks, block{runs: text("About the Author", classH2, bold), class: classH2, align: ragged,
			keepWithNext: true, spaceBefore: lead * 2, spaceAfter: lead * 0.5, bookmark: "About the Author",
			part: "bio", offset: -1})
		c.part, c.partName = doc.Bio, "bio"
		before := len(c.blocks)
		if err := c.blocksOf(doc.Bio.Root, 0, 0); err != nil {
			return nil, err
		}
		if before < len(c.blocks) {
			c.blocks[before].firstIndent = 0
		}
		c.part = &doc.Body
	}
	from := len(c.blocks)
	c.colophon(m, lead)
	for i := from; i < len(c.blocks); i++ {
		c.blocks[i].part, c.blocks[i].offset = "colophon", -1
	}
	return c.blocks, nil
}

// anchorToNextSource gives blocks that have no source lines of their own
// (a thematic break, an empty list item) the source of the next block that
// has: a page that begins with one shows that block's text first, so that
// is where the EPUB marks the page.
func anchorToNextSource(blocks []block) {
	next := -1
	for i := len(blocks) - 1; i >= 0; i-- {
		if blocks[i].offset >= 0 {
			next = blocks[i].offset
		} else {
			blocks[i].offset = next
		}
	}
}

// noteBlocks sets the footnotes as numbered notes after the article, each
// linked to its reference and back.
func (c *composer) noteBlocks(lead float64) error {
	if len(c.notes) == 0 {
		return nil
	}
	c.blocks = append(c.blocks, block{runs: []linebreak.Run{{Text: "Notes", Style: styleOf(classH2, bold)}}, class: classH2,
		align: ragged, keepWithNext: true, spaceBefore: lead * 2, spaceAfter: lead * 0.5, bookmark: "Notes",
		part: "notes", offset: -1})
	for _, fn := range c.notes {
		start := len(c.blocks)
		if err := c.blocksOf(fn, 1.5*c.em, 0); err != nil {
			return err
		}
		if start == len(c.blocks) {
			continue
		}
		n := strconv.Itoa(fn.Index)
		for i := start; i < len(c.blocks); i++ {
			b := &c.blocks[i]
			b.class, b.firstIndent = classSmall, 0
			for j := range b.runs {
				b.runs[j].Style = styleOf(classSmall, variantOf(b.runs[j].Style))
			}
		}
		c.blocks[start].marker = []linebreak.Run{{Text: n + ".", Style: styleOf(classSmall, roman), Link: "#fnref-" + n}}
		c.blocks[start].anchor = "fn-" + n
		c.blocks[start].spaceBefore = lead * 0.3
	}
	return nil
}

func (c *composer) colophon(m *document.Metadata, lead float64) {
	small := func(s string, v variant) block {
		return block{runs: []linebreak.Run{{Text: s, Style: styleOf(classSmall, v)}}, class: classSmall, align: ragged,
			spaceBefore: lead * 0.4}
	}
	c.blocks = append(c.blocks, block{runs: []linebreak.Run{{Text: "Colophon", Style: styleOf(classH3, boldItalic)}},
		class: classH3, align: ragged, keepWithNext: true, breakBefore: true, bookmark: "Colophon", spaceAfter: lead * 0.3,
		noRunningHead: true})
	title := m.Title
	if m.Subtitle != "" {
		title += ": " + m.Subtitle
	}
	c.blocks = append(c.blocks, small(title+" by "+strings.Join(m.AuthorNames(), ", ")+".", italic))
	if m.Publisher != "" {
		c.blocks = append(c.blocks, small("Published by "+m.Publisher+".", roman))
	}
	if m.Rights != "" {
		c.blocks = append(c.blocks, small(m.Rights, roman))
	}
	c.blocks = append(c.blocks, small(identifierLine(m.Identifier), roman))
	if im := m.Lead; im != nil && (im.Caption != "" || im.Credit != "") {
		c.blocks = append(c.blocks, small(strings.TrimSpace("Lead image: "+im.Caption+" "+im.Credit), roman))
	}
	date := m.Date
	if date.IsZero() {
		date = document.Date{Time: m.Modified, Text: m.Modified.Format("2006-01-02")}
	}
	c.blocks = append(c.blocks, small("This edition: "+humanDate(date, m.Language)+".", roman))
	c.blocks = append(c.blocks, small("Set in Liberation Serif and made with imprint.", roman))
}

func identifierLine(id document.Identifier) string {
	switch id.Scheme {
	case "ISBN":
		return "ISBN " + id.Value
	case "DOI":
		return "DOI " + id.Value
	}
	return "Identifier: " + id.URN()
}

// humanDate writes a date as readers of English expect it; other
// languages get the date as the manuscript wrote it.
func humanDate(d document.Date, lang string) string {
	if !strings.HasPrefix(lang, "en") {
		return d.Text
	}
	switch len(d.Text) {
	case 4:
		return d.Text
	case 7:
		return d.Time.Format("January 2006")
	}
	return d.Time.Format("January 2, 2006")
}
