package verify

import (
	"fmt"
	"io"
	"strings"
)

// fieldWidth aligns the report's values.
const fieldWidth = 11

// okValueRunes bounds a value shown on an ok line; drift lines show values
// whole, since the difference may be anywhere.
const okValueRunes = 72

// Write prints the report: a line naming what was compared, then one line
// per field, "ok" with the agreed value or "DRIFT" with every source's.
func (r *Report) Write(w io.Writer) error {
	var b strings.Builder
	switch {
	case r.Manuscript != "":
		fmt.Fprintf(&b, "%s: %s, %s\n", r.Manuscript, r.EPUB, r.PDF)
	case r.EPUB != "" || r.PDF != "":
		fmt.Fprintf(&b, "%s, %s (the editions with each other)\n", r.EPUB, r.PDF)
	}
	for _, res := range r.Results {
		b.WriteString(res.Line())
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// Line is the result's report line.
func (res Result) Line() string {
	var b strings.Builder
	if res.OK {
		fmt.Fprintf(&b, "%-5s %-*s ", "ok", fieldWidth, res.Field)
		switch {
		case res.Note != "":
			b.WriteString(res.Note)
		case len(res.Values) > 0:
			b.WriteString(shorten(res.Values[0].Text, okValueRunes))
		}
		return strings.TrimRight(b.String(), " ")
	}
	fmt.Fprintf(&b, "%-5s %-*s", "DRIFT", fieldWidth, res.Field)
	for _, v := range res.Values {
		fmt.Fprintf(&b, " %s=%s", v.Source, v.Text)
	}
	if res.Note != "" {
		if len(res.Values) > 0 {
			b.WriteString(";")
		}
		b.WriteString(" " + res.Note)
	}
	return b.String()
}
