package verify

import (
	"strconv"
	"strings"
	"time"

	"github.com/imprint-press/imprint/internal/verify/pdfread"
)

// source is one place a field is recorded: what it says, as compared (key)
// and as shown.
type source struct {
	name string
	key  string
	show string
}

// compare makes a result from the sources of one field: it agrees when
// every source's key is the same.
func compare(field string, sources ...source) Result {
	r := Result{Field: field, OK: true}
	for _, s := range sources {
		r.Values = append(r.Values, Value{Source: s.name, Text: s.show})
		if s.key != sources[0].key {
			r.OK = false
		}
	}
	return r
}

func quoted(s string) string {
	if s == "" {
		return "(none)"
	}
	return strconv.Quote(s)
}

func text(name, s string) source { return source{name: name, key: s, show: quoted(s)} }

func list(name string, items []string) source {
	if len(items) == 0 {
		return source{name: name, key: "", show: "(none)"}
	}
	shown := make([]string, len(items))
	for i, it := range items {
		shown[i] = strconv.Quote(it)
	}
	show := shown[0]
	if len(items) > 1 {
		show = "[" + strings.Join(shown, ", ") + "]"
	}
	return source{name: name, key: strings.Join(items, "\x1f"), show: show}
}

// joined is a list a source records as one string, its items joined by
// sep: it agrees with ref when it is exactly ref joined that way.
func joined(name, s string, ref []string, sep string) source {
	src := text(name, s)
	if s == strings.Join(ref, sep) {
		src.key = strings.Join(ref, "\x1f")
	} else {
		src.key = "\x00" + s // can equal no list
	}
	return src
}

func first(list []string) string {
	if len(list) > 0 {
		return list[0]
	}
	return ""
}

// metadata compares every metadata field.
func (ed *editions) metadata() []Result {
	m := &ed.book.Meta
	x := ed.pdf.XMP
	info := ed.pdf.Info
	ms := ed.doc != nil
	with := func(manuscript source, rest ...source) []source {
		if ms {
			return append([]source{manuscript}, rest...)
		}
		return rest
	}
	var out []Result

	var title, subtitle, language, identifier, rights, description string
	var authors, publishers, subjects []string
	var date, modified string
	if ms {
		dm := &ed.doc.Meta
		title, subtitle, language, rights, description = dm.Title, dm.Subtitle, dm.Language, dm.Rights, dm.Description
		identifier = dm.Identifier.URN()
		authors, subjects = dm.AuthorNames(), dm.Subjects
		if dm.Publisher != "" {
			publishers = []string{dm.Publisher}
		}
		date = dm.Date.Text
		modified = dm.Modified.UTC().Format(time.RFC3339)
	}
	epubAuthors := m.CreatorNames()
	refAuthors := epubAuthors
	refSubjects := m.Subjects
	if ms {
		refAuthors, refSubjects = authors, subjects
	}

	out = append(out,
		compare("title", with(text("manuscript", title),
			text("epub", m.MainTitle()), text("pdf(info)", info["Title"]), text("pdf(xmp)", x.Value(pdfread.NSDC, "title")))...),
		compare("subtitle", with(text("manuscript", subtitle),
			text("epub", m.Subtitle()), text("pdf(xmp)", x.Value(pdfread.NSImprint, "subtitle")))...),
		compare("creator", with(list("manuscript", authors),
			list("epub", epubAuthors), joined("pdf(info)", info["Author"], refAuthors, ", "),
			list("pdf(xmp)", x.Values(pdfread.NSDC, "creator")))...),
	)
	if ms {
		out = append(out, ed.fileAs())
	}
	out = append(out,
		compareDates("date", with(text("manuscript", date), text("epub", first(m.Dates)),
			text("pdf(xmp)", x.Value(pdfread.NSDC, "date")))...),
		compareInstants(with(text("manuscript", modified), text("epub", first(m.Modified)),
			text("pdf(CreationDate)", info["CreationDate"]), text("pdf(ModDate)", info["ModDate"]),
			text("pdf(xmp:CreateDate)", x.Value(pdfread.NSXMP, "CreateDate")),
			text("pdf(xmp:ModifyDate)", x.Value(pdfread.NSXMP, "ModifyDate")))...),
		compare("language", with(text("manuscript", language),
			text("epub", first(m.Languages)), text("pdf(/Lang)", ed.pdf.Lang), text("pdf(xmp)", x.Value(pdfread.NSDC, "language")))...),
		compare("identifier", with(text("manuscript", identifier),
			text("epub", m.Identifier), text("pdf(xmp)", x.Value(pdfread.NSDC, "identifier")))...),
		compare("publisher", with(list("manuscript", publishers),
			list("epub", m.Publishers), list("pdf(xmp)", x.Values(pdfread.NSDC, "publisher")))...),
		compare("rights", with(text("manuscript", rights),
			text("epub", strings.Join(m.Rights, " ")), text("pdf(xmp)", x.Value(pdfread.NSDC, "rights")))...),
		compare("description", with(text("manuscript", description),
			text("epub", strings.Join(m.Descriptions, " ")), text("pdf(info)", info["Subject"]),
			text("pdf(xmp)", x.Value(pdfread.NSDC, "description")))...),
	)
	subjectSources := with(list("manuscript", subjects), list("epub", m.Subjects),
		joined("pdf(info)", info["Keywords"], refSubjects, ", "), list("pdf(xmp)", x.Values(pdfread.NSDC, "subject")))
	if x.Has(pdfread.NSPDF, "Keywords") {
		subjectSources = append(subjectSources, joined("pdf(xmp pdf:Keywords)", x.Value(pdfread.NSPDF, "Keywords"), refSubjects, ", "))
	}
	out = append(out, compare("subjects", subjectSources...))
	return out
}

// fileAs compares each author's sort name and role, which only the
// manuscript and the EPUB record.
func (ed *editions) fileAs() Result {
	describe := func(fileAs, role string) string {
		return strconv.Quote(fileAs) + " (" + role + ")"
	}
	var want, got []string
	for _, a := range ed.doc.Meta.Authors {
		want = append(want, describe(a.FileAs, a.Role))
	}
	for _, c := range ed.book.Meta.Creators {
		got = append(got, describe(c.FileAs, c.Role))
	}
	return compare("file-as",
		source{name: "manuscript", key: strings.Join(want, "\n"), show: strings.Join(want, ", ")},
		source{name: "epub", key: strings.Join(got, "\n"), show: strings.Join(got, ", ")})
}

// compareDates compares publication dates at the precision each states:
// "2017", "2017-10", "2017-10-20" or an RFC 3339 time.
func compareDates(field string, sources ...source) Result {
	for i := range sources {
		if sources[i].key != "" {
			sources[i].key = dateKey(sources[i].key)
		}
	}
	return compare(field, sources...)
}

func dateKey(s string) string {
	for _, layout := range []string{"2006", "2006-01", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return layout + "=" + t.Format(layout)
		}
	}
	if t, ok := parseInstant(s); ok {
		return "instant=" + t.Format(time.RFC3339)
	}
	return "\x00" + s
}

// compareInstants compares the edition timestamps, which the sources
// record in different notations, as instants in UTC.
func compareInstants(sources ...source) Result {
	for i := range sources {
		raw := sources[i].key
		t, ok := parseInstant(raw)
		if !ok {
			if pt, err := pdfread.ParseDate(raw); err == nil {
				t, ok = pt, true
			}
		}
		if ok {
			sources[i].key = t.UTC().Format(time.RFC3339)
		} else if raw != "" {
			sources[i].key = "\x00" + raw
		}
	}
	return compare("modified", sources...)
}

// parseInstant reads the ISO 8601 forms XMP and EPUB use for times.
func parseInstant(s string) (time.Time, bool) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04Z07:00", "2006-01-02T15:04:05", "2006-01-02T15:04"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}
