package epubread

import (
	"sort"
	"strconv"
	"strings"

	"github.com/imprint-press/imprint/internal/verify/xmltree"
)

// readMetadata reads the OPF <metadata>: Dublin Core elements in document
// order, with EPUB 3 refinements (meta refines="#id") and EPUB 2
// attributes (opf:role, opf:file-as) applied.
func readMetadata(meta *xmltree.Node, uniqueID string) Metadata {
	refines := map[string]map[string]string{}
	var modified []string
	for _, e := range meta.Elements() {
		if !e.Is(nsOPF, "meta") {
			continue
		}
		prop := e.AttrValue("", "property")
		value := xmltree.CollapseSpace(e.InnerText())
		if r := e.AttrValue("", "refines"); strings.HasPrefix(r, "#") {
			id := r[1:]
			if refines[id] == nil {
				refines[id] = map[string]string{}
			}
			if _, seen := refines[id][prop]; !seen {
				refines[id][prop] = value
			}
			continue
		}
		if prop == "dcterms:modified" {
			modified = append(modified, value)
		}
	}
	refined := func(e *xmltree.Node, prop string) string {
		return refines[e.AttrValue("", "id")][prop]
	}
	var m Metadata
	m.Modified = modified
	for _, e := range meta.Elements() {
		if e.Name.Space != nsDC {
			continue
		}
		text := xmltree.CollapseSpace(e.InnerText())
		switch e.Name.Local {
		case "title":
			m.Titles = append(m.Titles, Title{Text: text, Type: refined(e, "title-type"), Seq: refined(e, "display-seq")})
		case "creator":
			c := Creator{Name: text, FileAs: refined(e, "file-as"), Role: refined(e, "role"), Seq: refined(e, "display-seq")}
			if c.FileAs == "" {
				c.FileAs = e.AttrValue(nsOPF, "file-as")
			}
			if c.Role == "" {
				c.Role = e.AttrValue(nsOPF, "role")
			}
			m.Creators = append(m.Creators, c)
		case "date":
			m.Dates = append(m.Dates, text)
		case "language":
			m.Languages = append(m.Languages, text)
		case "identifier":
			m.Identifiers = append(m.Identifiers, text)
			if uniqueID != "" && e.AttrValue("", "id") == uniqueID {
				m.Identifier = text
			}
		case "publisher":
			m.Publishers = append(m.Publishers, text)
		case "rights":
			m.Rights = append(m.Rights, text)
		case "description":
			m.Descriptions = append(m.Descriptions, text)
		case "subject":
			m.Subjects = append(m.Subjects, text)
		}
	}
	// display-seq, where given, orders creators and titles over document
	// order; the sort is stable so unnumbered ones keep theirs.
	sort.SliceStable(m.Creators, func(i, j int) bool { return seqLess(m.Creators[i].Seq, m.Creators[j].Seq) })
	sort.SliceStable(m.Titles, func(i, j int) bool { return seqLess(m.Titles[i].Seq, m.Titles[j].Seq) })
	return m
}

func seqLess(a, b string) bool {
	x, errA := strconv.Atoi(a)
	y, errB := strconv.Atoi(b)
	switch {
	case errA == nil && errB == nil:
		return x < y
	case errA == nil:
		return true
	}
	return false
}
