package epub

import (
	"encoding/xml"
	"testing"
)

// opf is the package document as a reading system reads it.
type opf struct {
	XMLName          xml.Name `xml:"http://www.idpf.org/2007/opf package"`
	Version          string   `xml:"version,attr"`
	UniqueIdentifier string   `xml:"unique-identifier,attr"`
	Lang             string   `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	Dir              string   `xml:"dir,attr"`
	Metadata         struct {
		Identifiers []dcElement `xml:"http://purl.org/dc/elements/1.1/ identifier"`
		Titles      []dcElement `xml:"http://purl.org/dc/elements/1.1/ title"`
		Creators    []dcElement `xml:"http://purl.org/dc/elements/1.1/ creator"`
		Dates       []dcElement `xml:"http://purl.org/dc/elements/1.1/ date"`
		Publishers  []dcElement `xml:"http://purl.org/dc/elements/1.1/ publisher"`
		Rights      []dcElement `xml:"http://purl.org/dc/elements/1.1/ rights"`
		Description []dcElement `xml:"http://purl.org/dc/elements/1.1/ description"`
		Subjects    []dcElement `xml:"http://purl.org/dc/elements/1.1/ subject"`
		Languages   []dcElement `xml:"http://purl.org/dc/elements/1.1/ language"`
		Metas       []opfMeta   `xml:"meta"`
	} `xml:"metadata"`
	Manifest []struct {
		ID         string `xml:"id,attr"`
		Href       string `xml:"href,attr"`
		MediaType  string `xml:"media-type,attr"`
		Properties string `xml:"properties,attr"`
	} `xml:"manifest>item"`
	Spine struct {
		TOC      string `xml:"toc,attr"`
		Itemrefs []struct {
			IDRef string `xml:"idref,attr"`
		} `xml:"itemref"`
	} `xml:"spine"`
}

type dcElement struct {
	ID    string `xml:"id,attr"`
	Value string `xml:",chardata"`
}

type opfMeta struct {
	Property string `xml:"property,attr"`
	Refines  string `xml:"refines,attr"`
	Scheme   string `xml:"scheme,attr"`
	Name     string `xml:"name,attr"`
	Content  string `xml:"content,attr"`
	Value    string `xml:",chardata"`
}

func parseOPF(t *testing.T, data []byte) *opf {
	t.Helper()
	var p opf
	if err := xml.Unmarshal(data, &p); err != nil {
		t.Fatalf("package document does not parse: %v", err)
	}
	return &p
}

// property returns the values of the metas with property prop that refine
// refines ("" for the publication).
func (p *opf) property(prop, refines string) []string {
	var out []string
	for _, m := range p.Metadata.Metas {
		if m.Property == prop && m.Refines == refines {
			out = append(out, m.Value)
		}
	}
	return out
}

func (p *opf) itemByID(id string) (href, properties string, ok bool) {
	for _, it := range p.Manifest {
		if it.ID == id {
			return it.Href, it.Properties, true
		}
	}
	return "", "", false
}

// spineHrefs lists the spine's documents in reading order.
func (p *opf) spineHrefs(t *testing.T) []string {
	var out []string
	for _, ref := range p.Spine.Itemrefs {
		href, _, ok := p.itemByID(ref.IDRef)
		if !ok {
			t.Errorf("spine itemref %q names no manifest item", ref.IDRef)
		}
		out = append(out, href)
	}
	return out
}

func values(es []dcElement) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.Value)
	}
	return out
}
