package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The hostile-manuscript suite (issue 5): every way a manuscript can be
// wrong or malicious, run through `imprint build` end to end. Each case
// first builds a good edition of the same slug; a refused manuscript must
// then exit 1 with file:line and what to do, and leave both old editions
// byte for byte, with nothing else in the folder. An accepted one must
// build, and its editions must be valid and hold nothing active. The
// README's "When a manuscript is wrong" lists the same cases.

// hostileCase is one manuscript and what imprint must make of it.
type hostileCase struct {
	group, name string
	ms          string            // the manuscript, written as article.md
	files       map[string][]byte // more files, by path in the project
	// prepare runs before the good build; setup after it, before the bad one.
	prepare, setup func(t *testing.T, project, out string)
	// want is what stderr must say for a refused manuscript, from the
	// manuscript's file name on: "article.md:4: lang: ...". Empty means
	// the manuscript must build.
	want string
	// check looks into an accepted manuscript's editions.
	check func(t *testing.T, epubPath, pdfPath string)
	// noEPUBCheck spares EPUBCheck a book it would take many minutes over
	// (it spends them on one 10 MB content document); set
	// IMPRINT_CHECK_HUGE=1 to run it anyway.
	noEPUBCheck bool
}

func hostileCases(t *testing.T) []hostileCase {
	png, jpg := testPNG(t), testJPEG(t)
	img := func(name string) map[string][]byte { return map[string][]byte{"images/" + name: png} }
	body := func(text string) string { return frontMatter() + text }
	outside := filepath.Join(t.TempDir(), "outside.png")
	if err := os.WriteFile(outside, png, 0o644); err != nil {
		t.Fatal(err)
	}
	return []hostileCase{
		// Front matter.
		{group: "front matter", name: "none", ms: "# A Title\n\nText.\n",
			want: "article.md:1: no front matter: a manuscript opens with a line of ---"},
		{group: "front matter", name: "never closed", ms: "---\ntitle: T\nauthor: A\nlang: en\n\nText.\n",
			want: "article.md:1: the front matter opened here is never closed: end it with a line of ---"},
		{group: "front matter", name: "empty", ms: "---\n---\n\nText.\n",
			want: "article.md:2: the front matter is empty: give at least title, author and lang"},
		{group: "front matter", name: "malformed YAML: unclosed list", ms: "---\ntitle: T\nauthor: [A. Writer\nlang: en\n---\n\nText.\n",
			want: "article.md:3: the front matter is not valid YAML: did not find expected ',' or ']'"},
		{group: "front matter", name: "malformed YAML: unclosed quote", ms: "---\ntitle: T\nauthor: A\nlang: \"en\n---\n\nText.\n",
			want: "article.md:4: the front matter is not valid YAML: found unexpected end of stream"},
		{group: "front matter", name: "malformed YAML: bad indentation", ms: "---\ntitle: T\nauthor: A\nlang: en\n  date: 2024\n---\n\nText.\n",
			want: "article.md:5: the front matter is not valid YAML: mapping values are not allowed in this context"},
		{group: "front matter", name: "not a mapping", ms: "---\n- title\n- author\n---\n\nText.\n",
			want: "article.md:2: the front matter must be key: value lines"},
		{group: "front matter", name: "value of the wrong type", ms: "---\ntitle: [1, 2]\nauthor: A\nlang: en\n---\n\nText.\n",
			want: "article.md:2: cannot unmarshal !!seq into string: check the value's type"},
		{group: "front matter", name: "unknown key", ms: "---\ntitle: T\nauthr: A\nlang: en\n---\n\nText.\n",
			want: `article.md:3: unknown key "authr" in the front matter: did you mean "author"?`},
		{group: "front matter", name: "unknown lead-image key", ms: frontMatter("lead-image:\n  file: images/a.png\n  captoin: C\n") + "Text.\n",
			files: img("a.png"), want: `article.md:7: unknown key "captoin" in lead-image: did you mean "caption"?`},
		{group: "front matter", name: "key given twice", ms: "---\ntitle: T\nauthor: A\nlang: en\ntitle: U\n---\n\nText.\n",
			want: `article.md:5: key "title" is given twice: keep one`},
		{group: "front matter", name: "no title", ms: "---\nauthor: A\nlang: en\n---\n\nText.\n",
			want: "article.md:1: the front matter has no title: add a line like `title: The Article's Title`"},
		{group: "front matter", name: "no author", ms: "---\ntitle: T\nlang: en\n---\n\nText.\n",
			want: "article.md:1: the front matter has no author: add a line like `author: Jane Writer`"},
		{group: "front matter", name: "no language", ms: "---\ntitle: T\nauthor: A\n---\n\nText.\n",
			want: "article.md:1: the front matter has no lang: add a line like `lang: en-US`"},
		{group: "front matter", name: "date that is not a date", ms: frontMatter("date: 2024-13-45\n") + "Text.\n",
			want: `article.md:5: date: "2024-13-45" is not a date: write it as YYYY-MM-DD`},
		{group: "front matter", name: "language that is not BCP 47", ms: "---\ntitle: T\nauthor: A\nlang: english\n---\n\nText.\n",
			want: `article.md:4: lang: "english" is not a BCP 47 language tag (like en, en-US, fr or pt-BR)`},
		{group: "front matter", name: "ISBN-13 with a wrong check digit", ms: frontMatter("identifier: 978-0-306-40615-6\n") + "Text.\n",
			want: "article.md:5: identifier: ISBN 9780306406156 has check digit 6 but its digits give 7"},
		{group: "front matter", name: "ISBN-10 with a wrong check digit", ms: frontMatter("identifier: urn:isbn:0-306-40615-3\n") + "Text.\n",
			want: "article.md:5: identifier: ISBN 0306406153 has a wrong check digit"},
		{group: "front matter", name: "nested 20,000 deep", ms: frontMatter("subject: "+strings.Repeat("[", 20000)+strings.Repeat("]", 20000)+"\n") + "Text.\n",
			want: "article.md:5: the front matter is not valid YAML: exceeded max depth"},
		{group: "front matter", name: "5 MB of metadata", ms: frontMatter("description: \""+strings.Repeat("word ", 1_000_000)+"\"\n") + "Text.\n",
			want: "article.md:1: the front matter is 5000066 bytes long, more than the 65536 imprint reads: keep it to metadata"},

		// Images.
		{group: "images", name: "missing file", ms: frontMatter("cover-image: images/none.png\n") + "Text.\n",
			want: `article.md:5: cover-image "images/none.png": does not exist: put the image at`},
		{group: "images", name: "missing file in the text", ms: body("Text.\n\n![A chart](images/none.png)\n"),
			want: `article.md:9: image "images/none.png": does not exist`},
		{group: "images", name: "not an image", ms: body("Text.\n\n![A chart](images/chart.png)\n"),
			files: map[string][]byte{"images/chart.png": []byte("this is a text file, not a PNG\n")},
			want:  `article.md:9: image "images/chart.png": is not an image imprint can read (JPEG, PNG or GIF)`},
		{group: "images", name: "truncated JPEG", ms: frontMatter("cover-image: images/cut.jpg\n") + "Text.\n",
			files: map[string][]byte{"images/cut.jpg": jpg[:len(jpg)*2/3]},
			want:  `article.md:5: cover-image "images/cut.jpg": is truncated or corrupt`},
		{group: "images", name: "corrupt PNG", ms: body("![A chart](images/bad.png)\n"),
			files: map[string][]byte{"images/bad.png": corruptPNG(t)},
			want:  `article.md:7: image "images/bad.png": is truncated or corrupt (chunk "IDAT" fails its checksum)`},
		{group: "images", name: "WebP", ms: body("![A chart](images/a.webp)\n"),
			files: map[string][]byte{"images/a.webp": []byte("RIFF\x24\x00\x00\x00WEBPVP8 \x18\x00\x00\x00")},
			want:  `article.md:7: image "images/a.webp": is a WebP image, which the editions cannot carry: convert it to JPEG`},
		{group: "images", name: "SVG", ms: body("![A chart](images/a.svg)\n"),
			files: map[string][]byte{"images/a.svg": []byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`)},
			want:  `article.md:7: image "images/a.svg": is an SVG drawing, which the editions cannot carry`},
		{group: "images", name: "TIFF", ms: body("![A chart](images/a.tif)\n"),
			files: map[string][]byte{"images/a.tif": []byte("II*\x00\x08\x00\x00\x00")},
			want:  `article.md:7: image "images/a.tif": is a TIFF image`},
		{group: "images", name: "decompression bomb", ms: frontMatter("cover-image: images/bomb.png\n") + "Text.\n",
			files: map[string][]byte{"images/bomb.png": bombPNG(50000, 50000)},
			want:  `article.md:5: cover-image "images/bomb.png": claims 50000x50000 pixels, past the 60-megapixel limit (a decompression bomb`},
		{group: "images", name: "path leaving the project", ms: body("![A chart](../outside.png)\n"),
			want: `article.md:7: image "../outside.png": leaves the project folder`},
		{group: "images", name: "absolute path", ms: body("![A chart](" + outside + ")\n"),
			want: `article.md:7: image "` + outside + `": is an absolute path: name the image relative to the manuscript`},
		{group: "images", name: "symlink pointing out", ms: frontMatter("cover-image: images/link.png\n") + "Text.\n",
			setup: func(t *testing.T, project, _ string) {
				os.MkdirAll(filepath.Join(project, "images"), 0o755)
				if err := os.Symlink(outside, filepath.Join(project, "images", "link.png")); err != nil {
					t.Fatal(err)
				}
			},
			want: `article.md:5: cover-image "images/link.png": is a link to ` + outside + `, outside the project: copy the image into assets/ instead`},
		{group: "images", name: "remote URL", ms: frontMatter("cover-image: https://example.com/cover.jpg\n") + "Text.\n",
			want: `article.md:5: cover-image "https://example.com/cover.jpg": is a remote or inline reference, and imprint never fetches`},
		{group: "images", name: "remote URL in the text", ms: body("Text.\n\n![A chart](http://example.com/chart.png)\n"),
			want: `article.md:9: image "http://example.com/chart.png": is a remote or inline reference, and imprint never fetches`},
		{group: "images", name: "data URL", ms: body("![A dot](data:image/png;base64,iVBORw0KGgo=)\n"),
			want: `article.md:7: image "data:image/png;base64,iVBORw0KGgo=": is a remote or inline reference`},
		{group: "images", name: "javascript: as an image", ms: body("![A chart](javascript:alert(1))\n"),
			want: `article.md:7: image "javascript:alert(1)": is a remote or inline reference`},

		// Text.
		{group: "text", name: "not UTF-8", ms: body("Caf\xe9 au lait.\n"),
			want: "article.md:7: byte 0xE9 is not UTF-8 text: save the file as UTF-8"},
		{group: "text", name: "UTF-16", ms: "\xff\xfe-\x00-\x00-\x00\n\x00",
			want: "article.md:1: byte 0xFF is not UTF-8 text"},
		{group: "text", name: "NUL", ms: body("A\x00B.\n"),
			want: "article.md:7: control character U+0000 is not text (often pasted from a PDF or a word processor): delete it"},
		{group: "text", name: "escape character", ms: body("Bold \x1b[1mterminal\x1b[0m text.\n"),
			want: "article.md:7: control character U+001B is not text"},
		{group: "text", name: "C1 control character", ms: body("Next\u0085line.\n"),
			want: "article.md:7: control character U+0085 is not text"},
		{group: "text", name: "stray byte-order mark", ms: body("Some\ufefftext.\n"),
			want: "article.md:7: stray byte-order mark U+FEFF inside the text: delete it"},
		{group: "text", name: "empty body", ms: frontMatter() + "\n\n",
			want: "article.md:6: the manuscript has no text after its front matter: write the article below the closing ---"},
		{group: "text", name: "empty bio", ms: frontMatter("bio: bio.md\n") + "Text.\n", files: map[string][]byte{"bio.md": []byte("\n\n")},
			want: "bio.md:1: the bio is empty: write a few sentences about the author"},
		{group: "text", name: "bio outside the project", ms: frontMatter("bio: ../../bio.md\n") + "Text.\n",
			want: `article.md:5: bio "../../bio.md" leaves the project folder`},
		{group: "text", name: "bio linking out of the project", ms: frontMatter("bio: bio.md\n") + "Text.\n",
			setup: func(t *testing.T, project, _ string) {
				secret := filepath.Join(filepath.Dir(outside), "secret.md")
				writeFile(t, secret, []byte("Not for print.\n"))
				if err := os.Symlink(secret, filepath.Join(project, "bio.md")); err != nil {
					t.Fatal(err)
				}
			},
			want: `article.md:5: bio "bio.md" is a link to `},
		{group: "text", name: "byte-order mark and CRLF", ms: "\ufeff" + strings.ReplaceAll(frontMatter()+"A paragraph\nover two lines.\n\n> A quote.\n", "\n", "\r\n"),
			check: wantPDFText("A paragraph over two lines.", "A quote.")},
		{group: "text", name: "raw HTML, scripts and javascript: links", ms: body(hostileHTML),
			check: wantPDFText("Inline alert(1)raw html and .", "Links: click me, shout,", "after the comment.")},
		{group: "text", name: "markup characters in the metadata",
			ms: "---\ntitle: \"Fish & <Chips> \\\"quoted\\\" 'single' </title><script>alert(1)</script>\"\n" +
				"subtitle: \"A ]]> B <!-- c --> &amp;\"\nauthor: \"O'Brien & <Sons>\"\nlang: en\npublisher: \"<b>Bold</b> & Co\"\n" +
				"description: \"<img src=x onerror=alert(1)>\"\nsubject: [\"<&>\", \"a\\\"b\"]\nrights: \"© <you> & me\"\n---\n\nText.\n",
			check: wantPDFText("Fish & <Chips> \"quoted\" 'single' </title><script>alert(1)</script>", "O'Brien & <Sons>")},

		// Glyphs.
		{group: "glyphs", name: "emoji", ms: body("Fine.\n\nA rocket 🚀 here.\n"),
			want: "article.md:9: character U+1F680 '🚀' is an emoji, and emoji cannot be printed: replace it with words or an image"},
		{group: "glyphs", name: "emoji in the title", ms: "---\ntitle: Smile 😀\nauthor: A\nlang: en\n---\n\nText.\n",
			want: "article.md:1: character U+1F600 '😀' is an emoji"},
		{group: "glyphs", name: "emoji in the identifier", ms: frontMatter("identifier: \"https://example.com/😀\"\n") + "Text.\n",
			want: "article.md:1: character U+1F600 '😀' is an emoji"},
		{group: "glyphs", name: "emoji in a subject", ms: frontMatter("subject: [Food, 🍕]\n") + "Text.\n",
			want: "article.md:1: character U+1F355 '🍕' is an emoji"},
		{group: "glyphs", name: "character beyond U+FFFF", ms: body("Bold maths 𝐀 here.\n"),
			want: "article.md:7: character U+1D400 '𝐀' is beyond the characters the print edition can set (above U+FFFF)"},
		{group: "glyphs", name: "characters outside every font", ms: body("Chinese 日本語 here.\n"),
			want: "article.md:7: character U+65E5 '日' has no glyph in the print edition's fonts: replace it (or remove it)"},
		{group: "glyphs", name: "Arabic", ms: body("Text.\n\nArabic مرحبا here.\n"),
			want: "article.md:9: character U+0645 'م' is Arabic script, which needs shaping the print edition cannot do yet"},
		{group: "glyphs", name: "Devanagari", ms: body("Hindi नमस्ते here.\n"),
			want: "article.md:7: character U+0928 'न' is Devanagari script, which needs shaping"},
		{group: "glyphs", name: "fallback font", ms: body(glyphText),
			check: wantPDFText("Check ✓, love ❤", "arrows ⇒ ↯, Armenian Բարեւ, Georgian ქართული.", "bold ✓", "italic ⇒", "both ↯", "code ✓ ⇒", "verbatim ✓ ⇒")},
		{group: "glyphs", name: "combining marks", ms: body("Cafe\u0301, man\u0303ana, Zo\u0308e, a\u0332\u0332 and Å\u030a.\n"),
			check: wantPDFText("Cafe\u0301, man\u0303ana, Zo\u0308e")},
		{group: "glyphs", name: "right to left in English", ms: body("The words שלום עולם mean hello world; (שָׁלוֹם) in 2024.\n"),
			check: wantPDFText("שלום עולם", "mean hello world")},
		{group: "glyphs", name: "Hebrew manuscript", ms: "---\ntitle: שלום\nauthor: דוד\nlang: he\n---\n\nשלום עולם. זה טקסט בעברית עם המספר 2024 והמילה English באמצע.\n",
			check: wantPDFText("שלום עולם", "2024")},

		// Size and depth.
		{group: "size", name: "10,000 nested block quotes", ms: body(strings.Repeat("> ", 10000) + "deep\n"),
			want: "article.md:7: block quotes and lists are nested more than 32 levels deep here: flatten the nesting"},
		{group: "size", name: "10,000 nested list levels", ms: body(strings.Repeat("- ", 10000) + "deep\n"),
			want: "article.md:7: block quotes and lists are nested more than 32 levels deep here"},
		{group: "size", name: "10,000 list levels by indentation", ms: body(nestedListByIndent(10000)),
			want: "article.md:39: block quotes and lists are nested more than 32 levels deep here"},
		{group: "size", name: "10,000 nested emphases", ms: body("Text.\n\n" + strings.Repeat("*", 10000) + "x" + strings.Repeat("*", 10000) + "\n"),
			want: "article.md:9: block quotes, lists, emphasis or links are nested more than 32 levels deep here"},
		{group: "size", name: "1 MB paragraph", ms: body(strings.Repeat("Words upon words in one long paragraph.\n", 26000)),
			want: "article.md:7: this paragraph is 1039999 characters long, more than the 200000 imprint sets in one paragraph: break it into shorter paragraphs"},
		{group: "size", name: "1 MB line", ms: body(strings.Repeat("word ", 210000) + "\n"),
			want: "article.md:7: this line is 1050000 characters long, more than the 200000"},
		{group: "size", name: "over 32 MB", ms: body("Text.\n"),
			setup: func(t *testing.T, project, _ string) {
				// A sparse file: 32 MB long, next to nothing on disk.
				if err := os.Truncate(filepath.Join(project, "article.md"), 32<<20+1); err != nil {
					t.Fatal(err)
				}
			},
			want: "article.md: the file is 32 MB, more than the 32 MB imprint reads: split it into several manuscripts"},
		{group: "size", name: "table row taller than a page", ms: body("Text.\n\n| " + strings.Repeat("a | ", 30) + "\n|" +
			strings.Repeat(" --- |", 30) + "\n| " + strings.Repeat(strings.Repeat("y", 80)+" | ", 30) + "\n"),
			want: "article.md:9: a row of this table is 946 pt tall, more than a page holds (536 pt): give the table fewer columns or shorter cells"},
		{group: "size", name: "32 nested block quotes", ms: body(strings.Repeat("> ", 32) + "deep enough\n"),
			check: wantPDFText("deep enough")},
		{group: "size", name: "100,000-character word", ms: body("Before.\n\n" + strings.Repeat("x", 100000) + "\n\nAfter.\n"),
			check: wantPDFText("Before.", "After.")},
		{group: "size", name: "100,000-character URL", ms: body("See <https://example.com/" + strings.Repeat("a/", 49990) + ">.\n\nAfter.\n"),
			check: all(wantPDFText("After."), wantSmallerThan(5<<20))},
		{group: "size", name: "10 MB manuscript", ms: bigManuscript(t, 10<<20),
			check: wantPDFText("Part 1", "Part 300"), noEPUBCheck: true},

		// The disk.
		{group: "disk", name: "read-only output folder", ms: body("A new edition.\n"),
			prepare: mountTmpfs(0), setup: makeReadOnly, want: "cannot write "},
		{group: "disk", name: "disk full while writing", ms: bigManuscript(t, 1<<20),
			prepare: mountTmpfs(300 << 10), want: "no space left on device"},
	}
}

// hostileHTML is raw HTML, scripts and script links in every place
// Markdown lets them in.
const hostileHTML = `<script>alert("block")</script>

Inline <script>alert(1)</script>raw <b onclick="evil()">html</b> and <img src=x onerror=alert(1)>.

<div onmouseover="alert(1)">
*block html*
</div>

<!-- a comment with <script>alert(2)</script> -->

<iframe src="https://example.com"></iframe><style>body{display:none}</style>

Links: [click me](javascript:alert(1)), [shout](JAVASCRIPT:alert(1)),
[vb](vbscript:msgbox(1)), [data](data:text/html;base64,PHNjcmlwdD4=),
[spaced](<java script:alert(1)>), [by reference][evil], [file](file:///etc/passwd),
and an autolink <javascript:alert(2)> that disappears, after the comment.

## Heading with <script>x</script> & "quotes" <&'>

Note.[^hostile]

[evil]: javascript:alert(3)

[^hostile]: A note with <script>alert(4)</script> and [a link](javascript:alert(5)).
`

// glyphText needs the fallback face in every style.
const glyphText = "Check ✓, love ❤\ufe0f, arrows ⇒ ↯, Armenian Բարեւ, Georgian ქართული.\n\n" +
	"Then **bold ✓** and *italic ⇒* and ***both ↯*** and `code ✓ ⇒`.\n\n```\nverbatim ✓ ⇒\n```\n\n| a ✓ | b ⇒ |\n| --- | --- |\n| ❤ | ↯ |\n"

// nestedListByIndent nests a list n levels by indentation alone, one item
// a line, each two columns further in. Only the first levels are written
// out: the loader must stop at the 33rd line, and the whole file would be
// n*n bytes.
func nestedListByIndent(n int) string {
	var b strings.Builder
	for i := 0; i < min(n, 40); i++ {
		b.WriteString(strings.Repeat("  ", i) + "- level\n")
	}
	return b.String()
}

func TestHostileManuscripts(t *testing.T) {
	for _, c := range hostileCases(t) {
		t.Run(c.group+"/"+c.name, func(t *testing.T) {
			t.Parallel()
			runHostileCase(t, c)
		})
	}
}
