// Package xmltree owns the small element tree the edition readers parse
// XML into (OPF, container, XHTML, XMP): elements with resolved namespaces,
// attributes and their children in document order, text included.
package xmltree

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Node is an element, or a run of text when Name.Local is empty.
type Node struct {
	Name     xml.Name
	Attr     []xml.Attr
	Children []*Node
	Text     string // text nodes only
	Parent   *Node
}

// maxDepth bounds nesting so hostile input cannot exhaust the stack of
// the recursive walkers that read the tree.
const maxDepth = 256

// Parse reads an XML document into a tree and returns its root element.
// HTML's named entities are accepted, as XHTML content documents may use
// them.
func Parse(data []byte) (*Node, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Entity = xml.HTMLEntity
	doc := &Node{}
	cur := doc
	depth := 0
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if depth > maxDepth {
				return nil, fmt.Errorf("elements nested deeper than %d", maxDepth)
			}
			n := &Node{Name: t.Name, Attr: append([]xml.Attr(nil), t.Attr...), Parent: cur}
			cur.Children = append(cur.Children, n)
			cur = n
		case xml.EndElement:
			depth--
			cur = cur.Parent
		case xml.CharData:
			if cur != doc {
				cur.Children = append(cur.Children, &Node{Text: string(t), Parent: cur})
			}
		}
	}
	for _, c := range doc.Children {
		if c.Name.Local != "" {
			c.Parent = nil
			return c, nil
		}
	}
	return nil, errors.New("no root element")
}

// IsText reports whether n is a text node.
func (n *Node) IsText() bool { return n.Name.Local == "" }

// Is reports whether n is the element space:local.
func (n *Node) Is(space, local string) bool {
	return n.Name.Local == local && n.Name.Space == space
}

// AttrValue returns the value of attribute space:local, or "".
func (n *Node) AttrValue(space, local string) string {
	v, _ := n.LookupAttr(space, local)
	return v
}

// LookupAttr returns attribute space:local and whether n has it.
func (n *Node) LookupAttr(space, local string) (string, bool) {
	for _, a := range n.Attr {
		if a.Name.Local == local && a.Name.Space == space {
			return a.Value, true
		}
	}
	return "", false
}

// Elements returns n's child elements.
func (n *Node) Elements() []*Node {
	var out []*Node
	for _, c := range n.Children {
		if !c.IsText() {
			out = append(out, c)
		}
	}
	return out
}

// Child returns n's first child element space:local, or nil.
func (n *Node) Child(space, local string) *Node {
	for _, c := range n.Children {
		if c.Is(space, local) {
			return c
		}
	}
	return nil
}

// Find returns every element space:local under n (n included), in
// document order.
func (n *Node) Find(space, local string) []*Node {
	var out []*Node
	n.Walk(func(e *Node) bool {
		if e.Is(space, local) {
			out = append(out, e)
		}
		return true
	})
	return out
}

// Walk calls visit for n and every element under it in document order;
// visit returns false to skip an element's descendants.
func (n *Node) Walk(visit func(*Node) bool) {
	if n.IsText() || !visit(n) {
		return
	}
	for _, c := range n.Children {
		c.Walk(visit)
	}
}

// InnerText is the concatenated text under n.
func (n *Node) InnerText() string {
	if n.IsText() {
		return n.Text
	}
	var b strings.Builder
	var walk func(*Node)
	walk = func(e *Node) {
		for _, c := range e.Children {
			if c.IsText() {
				b.WriteString(c.Text)
			} else {
				walk(c)
			}
		}
	}
	walk(n)
	return b.String()
}

// CollapseSpace trims s and turns every run of white space into one space.
func CollapseSpace(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
