package pdfwrite

import (
	"bytes"
	"strconv"
)

// annot is a link rectangle on a page: to a URI, or to a destination.
type annot struct {
	rect [4]float64 // PDF user space: x1 y1 x2 y2
	uri  string
	dest int // index into Document.dests when uri is ""
}

// dest is a place in the document: a page (from 1) and a height on it.
type dest struct {
	page int
	y    float64 // PDF user space
}

// outlineItem is one bookmark.
type outlineItem struct {
	title string
	level int
	at    dest
}

func (d *Document) rect(x, y, w, h float64) [4]float64 {
	return [4]float64{x, d.height - y - h, x + w, d.height - y}
}

// LinkURI makes the rectangle at (x, y), w by h points, a link to uri.
func (d *Document) LinkURI(x, y, w, h float64, uri string) {
	p := d.current()
	p.annots = append(p.annots, annot{rect: d.rect(x, y, w, h), uri: uri})
}

// NewDest returns a destination for internal links, placed with SetDest.
// Until it is placed it points at the top of the first page.
func (d *Document) NewDest() int {
	d.dests = append(d.dests, dest{page: 1, y: d.height})
	return len(d.dests) - 1
}

// SetDest places destination id on the current page, y points from the top.
func (d *Document) SetDest(id int, y float64) {
	d.dests[id] = dest{page: max(d.PageNo(), 1), y: d.height - y}
}

// LinkDest makes the rectangle at (x, y), w by h points, a link to
// destination id.
func (d *Document) LinkDest(x, y, w, h float64, id int) {
	p := d.current()
	p.annots = append(p.annots, annot{rect: d.rect(x, y, w, h), dest: id})
}

// Bookmark adds an outline entry at level (0 is the top) pointing at the
// current page, y points from the top. A level may be at most one deeper
// than the entry before it.
func (d *Document) Bookmark(title string, level int, y float64) {
	if n := len(d.outline); n == 0 {
		level = 0
	} else {
		level = min(max(level, 0), d.outline[n-1].level+1)
	}
	d.outline = append(d.outline, outlineItem{title: title, level: level, at: dest{page: max(d.PageNo(), 1), y: d.height - y}})
}

// uriString writes a URI as a PDF string of 7-bit ASCII, percent-encoding
// any other byte, as the URI action asks.
func uriString(uri string) string {
	var b bytes.Buffer
	for i := 0; i < len(uri); i++ {
		c := uri[i]
		if c <= 0x20 || c >= 0x7f {
			b.WriteByte('%')
			b.WriteByte(hexDigits[c>>4])
			b.WriteByte(hexDigits[c&15])
			continue
		}
		b.WriteByte(c)
	}
	return literal(b.String())
}

// destArray writes a destination: the page, its left edge, the height.
func destArray(pageObj int, y float64) string {
	return "[" + ref(pageObj) + "/XYZ 0 " + numStr(y) + " null]"
}

// writeOutline writes the bookmarks as an outline tree and returns the
// outline dictionary's object.
func (o *objects) writeOutline(items []outlineItem, pageObjs []int) int {
	root := o.reserve()
	nums := make([]int, len(items))
	for i := range items {
		nums[i] = o.reserve()
	}
	parent := make([]int, len(items)) // object of each item's parent
	// Walk the flat list with a stack of open ancestors.
	type open struct{ obj, index int }
	stack := []open{{obj: root, index: -1}}
	first := map[int]int{}
	last := map[int]int{}
	count := map[int]int{}
	prev := make([]int, len(items))
	next := make([]int, len(items))
	lastAtDepth := map[int]int{} // parent obj -> index of last child
	for i, it := range items {
		for len(stack) > it.level+1 {
			stack = stack[:len(stack)-1]
		}
		p := stack[len(stack)-1].obj
		parent[i] = p
		if j, ok := lastAtDepth[p]; ok {
			prev[i], next[j] = nums[j], nums[i]
		} else {
			first[p] = nums[i]
		}
		lastAtDepth[p] = i
		last[p] = nums[i]
		for _, a := range stack {
			count[a.obj]++
		}
		stack = append(stack, open{obj: nums[i], index: i})
	}
	for i, it := range items {
		body := "/Title " + textString(it.title) + "/Parent " + ref(parent[i])
		if prev[i] != 0 {
			body += "/Prev " + ref(prev[i])
		}
		if next[i] != 0 {
			body += "/Next " + ref(next[i])
		}
		if f, ok := first[nums[i]]; ok {
			body += "/First " + ref(f) + "/Last " + ref(last[nums[i]]) + "/Count " + strconv.Itoa(count[nums[i]])
		}
		body += "/Dest " + destArray(pageObjs[it.at.page-1], it.at.y)
		o.dict(nums[i], body)
	}
	o.dict(root, "/Type/Outlines/First "+ref(first[root])+"/Last "+ref(last[root])+"/Count "+strconv.Itoa(count[root]))
	return root
}
