package hyphen

import (
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"
)

// hyphenate renders word with "-" at each of its points.
func hyphenate(h *Hyphenator, word string) string {
	var b strings.Builder
	last := 0
	for _, p := range h.Points(word) {
		b.WriteString(word[last:p])
		b.WriteByte('-')
		last = p
	}
	b.WriteString(word[last:])
	return b.String()
}

func mustEnglish(t testing.TB) *Hyphenator {
	t.Helper()
	h, ok := For("en-US")
	if !ok || h == nil {
		t.Fatalf(`For("en-US") = %v, %v; want a hyphenator`, h, ok)
	}
	return h
}

// The expected forms were checked against libhyphen 2.8.8 (the Hyphen
// library these patterns come from, hnj_hyphen_hyphenate2 on the same .dic),
// an implementation independent of this one; the classic ones also match
// TeX with \lefthyphenmin=2 \righthyphenmin=3.
func TestPointsKnownWords(t *testing.T) {
	h := mustEnglish(t)
	tests := []struct{ word, want string }{
		{"hyphenation", "hy-phen-ation"},
		{"computer", "com-puter"}, // com-put-er in TeX's default right-min 2
		{"computers", "com-put-ers"},
		{"algorithm", "al-go-rithm"},
		{"terrorism", "ter-ror-ism"},
		{"example", "ex-am-ple"},
		{"concatenation", "con-cate-na-tion"},
		{"supercalifragilisticexpialidocious", "su-per-cal-ifrag-ilis-tic-ex-pi-ali-do-cious"},
		{"mathematics", "math-e-mat-ics"},
		{"programming", "pro-gram-ming"},
		{"typesetting", "type-set-ting"},
		{"manuscript", "man-u-script"},
		{"publishing", "pub-lish-ing"},
		{"independence", "in-de-pen-dence"},
		{"literature", "lit-er-a-ture"},
		{"dictionary", "dic-tio-nary"},
		{"together", "to-gether"},
		{"creation", "cre-ation"},
		{"democracy", "democ-racy"},
		{"hyphen", "hy-phen"},
		// No pattern gives these a break.
		{"record", "record"},
		{"manuscripts", "manuscripts"},
		{"never", "never"},
	}
	for _, tt := range tests {
		if got := hyphenate(h, tt.word); got != tt.want {
			t.Errorf("hyphenate(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}

// Knuth's own exceptions from hyphen.tex and the TUGboat exception log are
// in the file as whole-word patterns weighted 8 and 9. Without them the
// patterns give "as-so-ci-ate", "pre-sent", "pro-ject", "table",
// "re-for-ma-tion", "re-ciproc-ity", "phi-lan-thropic", "obli-ga-tory",
// "rec-og-nizance", so each row fails if the exceptions are lost.
func TestPointsExceptionWords(t *testing.T) {
	h := mustEnglish(t)
	tests := []struct{ word, want string }{
		{"associate", "as-so-ciate"},
		{"associates", "as-so-ciates"},
		{"present", "present"},
		{"presents", "presents"},
		{"project", "project"},
		{"table", "ta-ble"},
		{"reformation", "ref-or-ma-tion"},
		{"reciprocity", "rec-i-proc-ity"},
		{"philanthropic", "phil-an-thropic"},
		{"obligatory", "oblig-a-tory"},
		{"recognizance", "re-cog-ni-zance"},
	}
	for _, tt := range tests {
		if got := hyphenate(h, tt.word); got != tt.want {
			t.Errorf("hyphenate(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}

func TestPointsCaseInsensitiveAndNonASCII(t *testing.T) {
	h := mustEnglish(t)
	tests := []struct{ word, want string }{
		{"HYPHENATION", "HY-PHEN-ATION"},
		{"Hyphenation", "Hy-phen-ation"},
		{"CAPITAL", "CAP-I-TAL"},
		// Two-byte É: offsets after it must shift by its width.
		{"Électrification", "Élec-tri-fi-ca-tion"},
		{"ÉLECTRIFICATION", "ÉLEC-TRI-FI-CA-TION"},
		// İ lowers to a one-byte i but stays two bytes in the offsets.
		{"İSTANBUL", "İS-TAN-BUL"},
		// The file carries patterns for the f-ligature characters.
		{"ﬂyleaf", "ﬂy-leaf"},
	}
	for _, tt := range tests {
		if got := hyphenate(h, tt.word); got != tt.want {
			t.Errorf("hyphenate(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}

func TestPointsShortAndOddInput(t *testing.T) {
	h := mustEnglish(t)
	for _, word := range []string{"", "a", "ab", "four", "éééé", "\xff\xfe\xfd", "\xff", "12345678", "hy-phen-ation's"} {
		checkPointProperties(t, h, word, h.Points(word))
	}
	// Five runes is the least that can break (2 + 3), and four never does.
	if got := h.Points("hyphe"); len(got) != 1 || got[0] != 2 {
		t.Errorf(`Points("hyphe") = %v, want [2]`, got)
	}
	if got := h.Points("ation"); got != nil {
		t.Errorf(`Points("ation") = %v, want none`, got)
	}
	var nilH *Hyphenator
	if got := nilH.Points("hyphenation"); got != nil {
		t.Errorf("nil Hyphenator: Points = %v, want nil", got)
	}
}

// Words longer than the stack buffers take the allocating path; that path
// must agree with the short one on a word that is the same repeated.
func TestPointsLongWord(t *testing.T) {
	h := mustEnglish(t)
	long := strings.Repeat("hyphenation", 10) // 110 runes > stackRunes
	points := h.Points(long)
	checkPointProperties(t, h, long, points)
	if len(points) < 20 {
		t.Errorf("Points(110-rune word) gave %d points, want at least 20: %v", len(points), points)
	}
	if got, want := hyphenate(h, long)[:len("hy-phen-ation")], "hy-phen-ation"; got != want {
		t.Errorf("long word starts %q, want %q", got, want)
	}
}

func TestForLanguages(t *testing.T) {
	en := mustEnglish(t)
	for _, lang := range []string{"en", "en-US", "en-GB", "EN", "en_US", "en-Latn-US", "en-AU"} {
		h, ok := For(lang)
		if !ok || h != en {
			t.Errorf("For(%q) = %p, %v; want the en-US hyphenator %p, true", lang, h, ok, en)
		}
	}
	for _, lang := range []string{"", "fr", "de", "de-DE", "english", "e", "-en", "x-en"} {
		if h, ok := For(lang); ok || h != nil {
			t.Errorf("For(%q) = %v, %v; want nil, false", lang, h, ok)
		}
	}
}

func TestPointsConcurrent(t *testing.T) {
	h := mustEnglish(t)
	words := benchWords()
	want := make([]string, len(words))
	for i, w := range words {
		want[i] = hyphenate(h, w)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for rep := 0; rep < 20; rep++ {
				for i, w := range words {
					if got := hyphenate(h, w); got != want[i] {
						errs <- got + " != " + want[i]
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error("concurrent Points disagreed:", e)
	}
}

func TestPointsAllocatesOnlyResult(t *testing.T) {
	h := mustEnglish(t)
	if n := testing.AllocsPerRun(100, func() { h.Points("hyphenation") }); n > 1 {
		t.Errorf("Points(hyphenation) allocates %v times per call, want at most 1 (the result)", n)
	}
	if n := testing.AllocsPerRun(100, func() { h.Points("record") }); n != 0 {
		t.Errorf("Points(record) allocates %v times per call, want 0 when there is no point", n)
	}
}

// checkPointProperties asserts what must hold for any word: points ascend,
// sit on rune boundaries (as range over the string decodes them, which
// covers invalid UTF-8), leave left-min runes before and right-min after,
// and the pieces between them join back to word.
func checkPointProperties(t *testing.T, h *Hyphenator, word string, points []int) {
	t.Helper()
	boundary := make(map[int]bool)
	for off := range word {
		boundary[off] = true
	}
	runes := utf8.RuneCountInString(word)
	if runes < 5 && len(points) > 0 {
		t.Errorf("%q: %d runes but points %v", word, runes, points)
	}
	var joined strings.Builder
	last := 0
	for i, p := range points {
		if p <= last || p >= len(word) {
			t.Errorf("%q: point %d (%v) out of order or range", word, p, points)
			return
		}
		if !boundary[p] {
			t.Errorf("%q: point %d is inside a rune", word, p)
		}
		if before := utf8.RuneCountInString(word[:p]); before < h.leftMin {
			t.Errorf("%q: point %d has %d runes before it, left-min is %d", word, p, before, h.leftMin)
		}
		if after := utf8.RuneCountInString(word[p:]); after < h.rightMin {
			t.Errorf("%q: point %d has %d runes after it, right-min is %d", word, p, after, h.rightMin)
		}
		if i > 0 && p == points[i-1] {
			t.Errorf("%q: duplicate point %d", word, p)
		}
		joined.WriteString(word[last:p])
		last = p
	}
	joined.WriteString(word[last:])
	if joined.String() != word {
		t.Errorf("pieces of %q join to %q", word, joined.String())
	}
}

func FuzzPoints(f *testing.F) {
	for _, seed := range []string{
		"", "hyphenation", "HYPHENATION", "Électrification", "İSTANBUL", "ﬂyleaf",
		"\xff\xfe", "ab\x80cdefgh", "hyph\xc3enation", strings.Repeat("ab", 50),
		"co-operate", "o'clock", "supercalifragilisticexpialidocious", ".....", "a.b.c.d.e",
	} {
		f.Add(seed)
	}
	h := mustEnglish(f)
	ref := loadReference(f)
	f.Fuzz(func(t *testing.T, word string) {
		points := h.Points(word)
		checkPointProperties(t, h, word, points)
		if want := ref.points(word); !equalInts(points, want) {
			t.Errorf("Points(%q) = %v, reference gives %v", word, points, want)
		}
	})
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// benchParagraph is ordinary English prose for the benchmark and for tests
// that want many different words.
const benchParagraph = `The manuscript arrives as plain text, and the pipeline turns it into
a single document model before either edition is produced. Typesetting a
printed page means deciding, line after line, where words may be broken;
a good hyphenation algorithm keeps the right margin even without opening
rivers of white space between words. Liang's method looks for every pattern
that occurs inside a word, lets the strongest one win at each position, and
allows a break wherever the winning value is odd. Publishers have relied on
these patterns for decades because they are compact, predictable and fast,
and because readers rarely notice them when they work well. Occasionally an
unusual proper name or a technical term receives an awkward division, which
is why careful editors still proofread the final pages of every edition.`

// benchWords splits benchParagraph into the letter runs a caller would pass.
func benchWords() []string {
	return strings.FieldsFunc(benchParagraph, func(r rune) bool { return !unicode.IsLetter(r) })
}

func BenchmarkPoints(b *testing.B) {
	h := mustEnglish(b)
	words := benchWords()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, w := range words {
			h.Points(w)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(words)), "ns/word")
}

func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := load(enUSDic, "patterns/en-us.dic"); err != nil {
			b.Fatal(err)
		}
	}
}
