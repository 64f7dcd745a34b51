package pdfread

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/imprint-press/imprint/internal/verify/xmltree"
)

// XMP namespaces.
const (
	NSRDF     = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
	NSDC      = "http://purl.org/dc/elements/1.1/"
	NSXMP     = "http://ns.adobe.com/xap/1.0/"
	NSPDF     = "http://ns.adobe.com/pdf/1.3/"
	NSXMPMM   = "http://ns.adobe.com/xap/1.0/mm/"
	NSImprint = "https://github.com/imprint-press/imprint/ns/xmp/1.0/"
	nsXML     = "http://www.w3.org/XML/1998/namespace"
)

// XMP is an XMP packet's properties: every property of every
// rdf:Description, keyed by namespace URI and local name, each with its
// values (one for a simple property, the items of an rdf:Seq or rdf:Bag,
// or of an rdf:Alt with the x-default item first).
type XMP struct {
	Props map[string][]string
}

func key(ns, local string) string { return ns + local }

// Values returns a property's values.
func (x *XMP) Values(ns, local string) []string {
	if x == nil {
		return nil
	}
	return x.Props[key(ns, local)]
}

// Value returns a property's first value, or "".
func (x *XMP) Value(ns, local string) string {
	if v := x.Values(ns, local); len(v) > 0 {
		return v[0]
	}
	return ""
}

// Has reports whether the packet states a property.
func (x *XMP) Has(ns, local string) bool {
	if x == nil {
		return false
	}
	_, ok := x.Props[key(ns, local)]
	return ok
}

// ParseXMP reads an XMP packet.
func ParseXMP(data []byte) (*XMP, error) {
	// The xpacket processing instructions are legal XML; a UTF-8 byte-order
	// mark before them is not, for encoding/xml.
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	root, err := xmltree.Parse(data)
	if err != nil {
		return nil, fmt.Errorf("XMP packet is not well-formed XML: %w", err)
	}
	descs := root.Find(NSRDF, "Description")
	if len(descs) == 0 {
		return nil, errors.New("XMP packet has no rdf:Description")
	}
	x := &XMP{Props: map[string][]string{}}
	for _, d := range descs {
		if d.Parent != nil && !d.Parent.Is(NSRDF, "RDF") {
			continue // a nested resource, not the document's properties
		}
		for _, a := range d.Attr {
			if a.Name.Space == NSRDF || a.Name.Space == "xmlns" || a.Name.Space == "" || a.Name.Space == nsXML {
				continue
			}
			k := key(a.Name.Space, a.Name.Local)
			x.Props[k] = append(x.Props[k], strings.TrimSpace(a.Value))
		}
		for _, p := range d.Elements() {
			k := key(p.Name.Space, p.Name.Local)
			x.Props[k] = append(x.Props[k], propertyValues(p)...)
		}
	}
	return x, nil
}

// propertyValues reads a simple property's text or a container's items.
func propertyValues(p *xmltree.Node) []string {
	for _, kind := range []string{"Seq", "Bag", "Alt"} {
		c := p.Child(NSRDF, kind)
		if c == nil {
			continue
		}
		var items []string
		for _, li := range c.Elements() {
			if !li.Is(NSRDF, "li") {
				continue
			}
			v := strings.TrimSpace(li.InnerText())
			if kind == "Alt" && li.AttrValue(nsXML, "lang") == "x-default" {
				items = append([]string{v}, items...)
			} else {
				items = append(items, v)
			}
		}
		return items
	}
	if v, ok := p.LookupAttr(NSRDF, "resource"); ok {
		return []string{v}
	}
	return []string{strings.TrimSpace(p.InnerText())}
}
