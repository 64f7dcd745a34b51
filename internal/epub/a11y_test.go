package epub

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/imprint-press/imprint/internal/document"
)

func TestDeriveA11y(t *testing.T) {
	// A book as imprint builds one: toc, spine, reflowable text, language.
	base := a11yFacts{Contents: true, ReadingOrder: true, Reflowable: true, Language: "en", Headings: 3}
	with := func(change func(*a11yFacts)) a11yFacts {
		f := base
		change(&f)
		return f
	}
	tests := []struct {
		name       string
		facts      a11yFacts
		modes      []string
		sufficient []string
		features   []string
		hazards    []string
		conforms   bool
		summary    string // a phrase the summary must contain
	}{
		{
			name:  "text only",
			facts: base, modes: []string{"textual"}, sufficient: []string{"textual"},
			features: []string{"structuralNavigation", "tableOfContents", "readingOrder", "displayTransformability"},
			hazards:  []string{"none"}, conforms: true, summary: "It has no images.",
		},
		{
			name:  "every image described",
			facts: with(func(f *a11yFacts) { f.Images, f.ImagesWithAlt = 3, 3 }),
			modes: []string{"textual", "visual"}, sufficient: []string{"textual,visual", "textual"},
			features: []string{"structuralNavigation", "tableOfContents", "readingOrder", "alternativeText", "displayTransformability"},
			hazards:  []string{"none"}, conforms: true, summary: "Every image (3, the cover included) has a text alternative.",
		},
		{
			name:  "one image without alt text",
			facts: with(func(f *a11yFacts) { f.Images, f.ImagesWithAlt = 3, 2 }),
			modes: []string{"textual", "visual"}, sufficient: []string{"textual,visual"},
			features: []string{"structuralNavigation", "tableOfContents", "readingOrder", "displayTransformability"},
			hazards:  []string{"none"}, conforms: false, summary: "1 image lacks a text alternative",
		},
		{
			name:  "no headings",
			facts: with(func(f *a11yFacts) { f.Headings = 0 }),
			modes: []string{"textual"}, sufficient: []string{"textual"},
			features: []string{"tableOfContents", "readingOrder", "displayTransformability"},
			hazards:  []string{"none"}, conforms: true, summary: "It has a table of contents and a reading order",
		},
		{
			name:  "animated GIF",
			facts: with(func(f *a11yFacts) { f.Images, f.ImagesWithAlt, f.Animated = 2, 2, 1 }),
			modes: []string{"textual", "visual"}, sufficient: []string{"textual,visual", "textual"},
			features: []string{"structuralNavigation", "tableOfContents", "readingOrder", "alternativeText", "displayTransformability"},
			hazards:  []string{"unknown"}, conforms: false, summary: "have not been checked for hazards",
		},
		{
			name:  "no language",
			facts: with(func(f *a11yFacts) { f.Language = "" }),
			modes: []string{"textual"}, sufficient: []string{"textual"},
			features: []string{"structuralNavigation", "tableOfContents", "readingOrder", "displayTransformability"},
			hazards:  []string{"none"}, conforms: false, summary: "its language is not declared",
		},
		{
			name:  "video",
			facts: with(func(f *a11yFacts) { f.Video = 1 }),
			modes: []string{"textual", "visual", "auditory"}, sufficient: []string{"textual,visual,auditory"},
			features: []string{"structuralNavigation", "tableOfContents", "readingOrder", "displayTransformability"},
			hazards:  []string{"unknown"}, conforms: false, summary: "does not claim conformance",
		},
		{
			name:  "print page numbers",
			facts: with(func(f *a11yFacts) { f.PageBreaks = 12 }),
			modes: []string{"textual"}, sufficient: []string{"textual"},
			features: []string{"structuralNavigation", "tableOfContents", "readingOrder", "displayTransformability",
				"pageBreakMarkers", "printPageNumbers", "pageNavigation"},
			hazards: []string{"none"}, conforms: true, summary: "each of the print edition's 12 pages begins",
		},
		{
			name:  "nothing at all",
			facts: a11yFacts{Language: "en"},
			modes: []string{"textual"}, sufficient: []string{"textual"}, features: []string{"none"},
			hazards: []string{"none"}, conforms: false, summary: "it has no table of contents",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := deriveA11y(tt.facts)
			check := func(what string, got, want []string) {
				if !slices.Equal(got, want) {
					t.Errorf("%s = %q, want %q", what, got, want)
				}
			}
			check("accessMode", m.AccessModes, tt.modes)
			check("accessModeSufficient", m.AccessModesSufficient, tt.sufficient)
			check("accessibilityFeature", m.Features, tt.features)
			check("accessibilityHazard", m.Hazards, tt.hazards)
			if (m.ConformsTo == conformanceClaim) != tt.conforms || (!tt.conforms && m.ConformsTo != "") {
				t.Errorf("conformsTo = %q, want claim: %v", m.ConformsTo, tt.conforms)
			}
			if !strings.Contains(m.Summary, tt.summary) {
				t.Errorf("summary %q lacks %q", m.Summary, tt.summary)
			}
		})
	}
}

// The metadata in a built package follows its content: take away the lead
// image's alt text, or make it an animated GIF, and the claims go.
func TestA11yMetadataFollowsContent(t *testing.T) {
	opfOf := func(t *testing.T, change func(doc *documentFixture)) *opf {
		doc := loadFixture(t, "sample/sample.md")
		change(&documentFixture{doc.Meta.Lead})
		files, _, _ := unzip(t, build(t, doc))
		return parseOPF(t, files["EPUB/package.opf"])
	}
	full := opfOf(t, func(*documentFixture) {})
	if got := full.property("dcterms:conformsTo", ""); !slices.Equal(got, []string{conformanceClaim}) {
		t.Errorf("the sample claims %q", got)
	}
	if got := full.property("a11y:certifiedBy", ""); !slices.Equal(got, []string{"Imprint Test Press"}) {
		t.Errorf("certifiedBy %q", got)
	}
	noAlt := opfOf(t, func(d *documentFixture) { d.lead.Alt = "" })
	if got := noAlt.property("dcterms:conformsTo", ""); len(got) != 0 {
		t.Errorf("with a lead image lacking alt text the package still claims %q", got)
	}
	if len(noAlt.property("a11y:certifiedBy", "")) != 0 {
		t.Error("certifiedBy without a conformance claim")
	}
	if slices.Contains(noAlt.property("schema:accessibilityFeature", ""), "alternativeText") ||
		slices.Contains(noAlt.property("schema:accessModeSufficient", ""), "textual") {
		t.Error("with a lead image lacking alt text the package still claims a textual alternative")
	}
	gif, err := os.ReadFile("testdata/sample/images/spinner.gif")
	if err != nil {
		t.Fatal(err)
	}
	animated := opfOf(t, func(d *documentFixture) { d.lead.Data, d.lead.MediaType = gif, "image/gif" })
	if got := animated.property("schema:accessibilityHazard", ""); !slices.Equal(got, []string{"unknown"}) {
		t.Errorf("with an animated GIF the hazards are %q", got)
	}
}

// documentFixture is the part of the sample a test changes.
type documentFixture struct{ lead *document.Image }

func TestGIFFrames(t *testing.T) {
	for _, tt := range []struct {
		file string
		cut  int // bytes to drop from the end
		want int
	}{
		{"spinner.gif", 0, 2},
		{"still.gif", 0, 1},
		{"spinner.gif", 20, 1}, // the second frame is cut off
		{"chart.png", 0, 0},
	} {
		b, err := os.ReadFile("testdata/sample/images/" + tt.file)
		if err != nil {
			t.Fatal(err)
		}
		if got := gifFrames(b[:len(b)-tt.cut]); got != tt.want {
			t.Errorf("%s less %d bytes: %d frames, want %d", tt.file, tt.cut, got, tt.want)
		}
	}
}
