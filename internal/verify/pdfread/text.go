package pdfread

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"
	"unicode"
)

// matrix is a PDF transformation [a b c d e f].
type matrix [6]float64

var identity = matrix{1, 0, 0, 1, 0, 0}

// mul returns m × n: first m, then n.
func (m matrix) mul(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2],
		m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2],
		m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4],
		m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

func (m matrix) apply(x, y float64) (float64, float64) {
	return x*m[0] + y*m[2] + m[4], x*m[1] + y*m[3] + m[5]
}

// run is text shown in one go, placed in default user space.
type run struct {
	x, y, endX float64
	size       float64 // effective font size in points
	text       string
}

// graphicsState is the part of the PDF graphics state text depends on.
type graphicsState struct {
	ctm       matrix
	font      *font
	size      float64
	charSpace float64
	wordSpace float64
	scale     float64 // Tz / 100
	leading   float64
	rise      float64
}

// interpreter runs content streams and collects text runs.
type interpreter struct {
	f     *File
	fonts map[any]*font
	runs  []run
	// maxOps bounds the work one page may cost.
	ops int
}

const (
	maxOps       = 5_000_000
	maxStack     = 1024
	maxFormDepth = 8
)

func (f *File) pageRuns(p pageObject, fonts map[any]*font) ([]run, error) {
	var content []byte
	switch c := f.resolve(p.dict["Contents"]).(type) {
	case nil:
		return nil, nil
	case *Stream:
		data, err := f.Decode(c)
		if err != nil {
			return nil, fmt.Errorf("content stream: %w", err)
		}
		content = data
	case Array:
		for _, part := range c {
			s, ok := f.resolve(part).(*Stream)
			if !ok {
				return nil, errors.New("/Contents array holds something that is not a stream")
			}
			data, err := f.Decode(s)
			if err != nil {
				return nil, fmt.Errorf("content stream: %w", err)
			}
			content = append(append(content, data...), '\n')
		}
	default:
		return nil, errors.New("/Contents is neither a stream nor an array")
	}
	in := &interpreter{f: f, fonts: fonts}
	gs := graphicsState{ctm: identity, scale: 1}
	if err := in.run(content, p.resources, gs, 0); err != nil {
		return nil, err
	}
	return in.runs, nil
}

// run interprets one content stream with the given resources.
func (in *interpreter) run(content []byte, res Dict, gs graphicsState, depth int) error {
	lx := &lexer{b: content}
	var stack []graphicsState
	var operands []Object
	var tm, tlm matrix = identity, identity
	fontRes := in.f.dict(res["Font"])

	num := func(i int) float64 {
		if i < len(operands) {
			v, _ := Number(operands[i])
			return v
		}
		return 0
	}
	show := func(s String) error {
		if gs.font == nil {
			return errors.New("text is shown before a font is selected")
		}
		trm := tm.mul(gs.ctm)
		x, y := trm.apply(0, gs.rise)
		size := gs.size * math.Hypot(trm[2], trm[3])
		var text strings.Builder
		for _, g := range gs.font.decode(s) {
			text.WriteString(g.text)
			adv := g.width/1000*gs.size + gs.charSpace
			if g.space {
				adv += gs.wordSpace
			}
			tm = matrix{1, 0, 0, 1, adv * gs.scale, 0}.mul(tm)
		}
		endX, _ := tm.mul(gs.ctm).apply(0, gs.rise)
		if text.Len() > 0 {
			in.runs = append(in.runs, run{x: x, y: y, endX: endX, size: math.Abs(size), text: text.String()})
		}
		return nil
	}
	nextLine := func(tx, ty float64) {
		tlm = matrix{1, 0, 0, 1, tx, ty}.mul(tlm)
		tm = tlm
	}

	for {
		in.ops++
		if in.ops > maxOps {
			return fmt.Errorf("more than %d content stream operations", maxOps)
		}
		tok, err := lx.token()
		if err == errEOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("content stream: %w", err)
		}
		op, isOp := tok.(keyword)
		if !isOp || op == "[" || op == "<<" {
			o, err := lx.finish(tok, false, 0)
			if err != nil {
				return fmt.Errorf("content stream: %w", err)
			}
			if len(operands) < 64 {
				operands = append(operands, o)
			}
			continue
		}
		switch op {
		case "q":
			if len(stack) < maxStack {
				stack = append(stack, gs)
			}
		case "Q":
			if n := len(stack); n > 0 {
				gs, stack = stack[n-1], stack[:n-1]
			}
		case "cm":
			if len(operands) == 6 {
				gs.ctm = matrix{num(0), num(1), num(2), num(3), num(4), num(5)}.mul(gs.ctm)
			}
		case "BT":
			tm, tlm = identity, identity
		case "Tf":
			if len(operands) == 2 {
				name, _ := operands[0].(Name)
				ft, err := in.font(fontRes, name)
				if err != nil {
					return err
				}
				gs.font, gs.size = ft, num(1)
			}
		case "Tc":
			gs.charSpace = num(0)
		case "Tw":
			gs.wordSpace = num(0)
		case "Tz":
			gs.scale = num(0) / 100
		case "TL":
			gs.leading = num(0)
		case "Ts":
			gs.rise = num(0)
		case "Td":
			nextLine(num(0), num(1))
		case "TD":
			gs.leading = -num(1)
			nextLine(num(0), num(1))
		case "Tm":
			if len(operands) == 6 {
				tlm = matrix{num(0), num(1), num(2), num(3), num(4), num(5)}
				tm = tlm
			}
		case "T*":
			nextLine(0, -gs.leading)
		case "Tj", "'", "\"":
			if op == "\"" && len(operands) == 3 {
				gs.wordSpace, gs.charSpace = num(0), num(1)
			}
			if op != "Tj" {
				nextLine(0, -gs.leading)
			}
			if len(operands) > 0 {
				if s, ok := operands[len(operands)-1].(String); ok {
					if err := show(s); err != nil {
						return err
					}
				}
			}
		case "TJ":
			if len(operands) == 1 {
				arr, _ := operands[0].(Array)
				for _, el := range arr {
					switch v := el.(type) {
					case String:
						if err := show(v); err != nil {
							return err
						}
					default:
						if n, ok := Number(v); ok {
							tm = matrix{1, 0, 0, 1, -n / 1000 * gs.size * gs.scale, 0}.mul(tm)
						}
					}
				}
			}
		case "Do":
			if len(operands) == 1 && depth < maxFormDepth {
				name, _ := operands[0].(Name)
				if err := in.form(res, name, gs, depth); err != nil {
					return err
				}
			}
		case "BI":
			if err := skipInlineImage(lx); err != nil {
				return err
			}
		}
		operands = operands[:0]
	}
}

// form runs a form XObject's content, which may hold text.
func (in *interpreter) form(res Dict, name Name, gs graphicsState, depth int) error {
	xobj, ok := in.f.resolve(in.f.dict(res["XObject"])[name]).(*Stream)
	if !ok {
		return nil
	}
	if st, _ := xobj.Dict["Subtype"].(Name); st != "Form" {
		return nil
	}
	data, err := in.f.Decode(xobj)
	if err != nil {
		return fmt.Errorf("form %s: %w", name, err)
	}
	if arr, ok := in.f.resolve(xobj.Dict["Matrix"]).(Array); ok && len(arr) == 6 {
		var m matrix
		for i := range m {
			m[i], _ = Number(in.f.resolve(arr[i]))
		}
		gs.ctm = m.mul(gs.ctm)
	}
	formRes := in.f.dict(xobj.Dict["Resources"])
	if formRes == nil {
		formRes = res
	}
	return in.run(data, formRes, gs, depth+1)
}

func (in *interpreter) font(fontRes Dict, name Name) (*font, error) {
	ref, ok := fontRes[name]
	if !ok {
		return nil, fmt.Errorf("font /%s is not in the page's resources", name)
	}
	key := any(ref)
	if _, isRef := ref.(Ref); !isRef {
		key = string(name) // a direct font dictionary: cache per page resources name
	}
	if ft, ok := in.fonts[key]; ok {
		return ft, nil
	}
	d := in.f.dict(ref)
	if d == nil {
		return nil, fmt.Errorf("font /%s is not a dictionary", name)
	}
	ft, err := in.f.loadFont(d)
	if err != nil {
		return nil, err
	}
	if _, isRef := ref.(Ref); isRef {
		in.fonts[key] = ft
	}
	return ft, nil
}

// skipInlineImage passes over BI … ID data EI.
func skipInlineImage(lx *lexer) error {
	for {
		tok, err := lx.token()
		if err != nil {
			return errors.New("inline image without ID")
		}
		if tok == keyword("ID") {
			break
		}
	}
	lx.pos++ // the single white-space byte after ID
	for i := lx.pos; i+1 < len(lx.b); i++ {
		if lx.b[i] == 'E' && lx.b[i+1] == 'I' && i > 0 && isWhite(lx.b[i-1]) && (i+2 == len(lx.b) || isWhite(lx.b[i+2])) {
			lx.pos = i + 2
			return nil
		}
	}
	return errors.New("inline image without EI")
}

// assembleLines groups runs into lines by baseline, orders each line left
// to right, and puts a space where the gap between two runs is wider than
// 0.15 em.
func assembleLines(runs []run) []Line {
	sortRuns(runs)
	var lines []Line
	for i := 0; i < len(runs); {
		y, size := runs[i].y, runs[i].size
		j := i + 1
		for j < len(runs) {
			if y-runs[j].y > 0.45*max(size, runs[j].size) {
				break
			}
			size = max(size, runs[j].size)
			j++
		}
		group := runs[i:j]
		sortByX(group)
		var b strings.Builder
		lineSize := 0.0
		for k, r := range group {
			lineSize = max(lineSize, r.size)
			if k > 0 {
				prev := group[k-1]
				gap := r.x - prev.endX
				if gap > 0.15*max(prev.size, r.size) && !endsWithSpace(b.String()) && !startsWithSpace(r.text) {
					b.WriteByte(' ')
				}
			}
			b.WriteString(r.text)
		}
		text := collapse(b.String())
		if text != "" {
			lines = append(lines, Line{X: group[0].x, Y: y, Size: lineSize, Text: text})
		}
		i = j
	}
	return lines
}

func sortByX(g []run) {
	sort.SliceStable(g, func(i, j int) bool { return g[i].x < g[j].x })
}

func endsWithSpace(s string) bool   { return s != "" && s[len(s)-1] == ' ' }
func startsWithSpace(s string) bool { return s != "" && s[0] == ' ' }

// collapse trims s and turns runs of white space into one space.
func collapse(s string) string {
	if !strings.ContainsFunc(s, unicode.IsSpace) {
		return s
	}
	var b bytes.Buffer
	space := false
	for _, r := range strings.TrimFunc(s, unicode.IsSpace) {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}
