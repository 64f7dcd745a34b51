// Package manuscript reads a Markdown manuscript and what it names (front
// matter, author bio, images) into a document.Document, checking everything
// a writer or editor can get wrong and saying where: every error is
// file:line: what is wrong and how to fix it.
package manuscript

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/imprint-press/imprint/internal/document"
	"github.com/imprint-press/imprint/internal/markdown"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"go.abhg.dev/goldmark/frontmatter"
)

// Options steer loading.
type Options struct {
	// Root is the project folder: images and the bio must live inside it.
	// Empty means the current directory.
	Root string
	// SourceDateEpoch is the SOURCE_DATE_EPOCH value, or "" when unset. It
	// overrides the edition timestamp, as reproducible-builds.org specifies.
	SourceDateEpoch string
}

// zipEpoch is the edition timestamp of a manuscript that states no date and
// is built without SOURCE_DATE_EPOCH: the earliest time a ZIP entry holds,
// fixed so that such builds are reproducible too.
var zipEpoch = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

// rawYAML captures the front matter's bytes; decoding happens in
// decodeFrontMatter, which knows the file and its line numbers.
var rawYAML = frontmatter.Format{Name: "YAML", Delim: '-', Unmarshal: func(b []byte, v any) error {
	*(v.(*[]byte)) = b
	return nil
}}

var withFrontMatter = goldmark.New(
	goldmark.WithExtensions(append(markdown.Extensions(), &frontmatter.Extender{Formats: []frontmatter.Format{rawYAML}})...),
	goldmark.WithParserOptions(markdown.ParserOptions()...),
)

// Load reads the manuscript at path.
func Load(path string, opts Options) (*document.Document, error) {
	src, err := readLimited(path)
	var tooBig *tooBigError
	if errors.As(err, &tooBig) {
		return nil, &Error{File: path, Msg: tooBig.Error()}
	}
	if err != nil {
		return nil, &Error{File: path, Msg: fmt.Sprintf("cannot read the manuscript: %v", unwrapPathError(err))}
	}
	return Parse(path, src, opts)
}

func unwrapPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// IsManuscript reports whether src opens with front matter, which is what
// tells a manuscript from a bio or a README in the same folder.
func IsManuscript(src []byte) bool {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	return bytes.HasPrefix(src, []byte("---\n")) || bytes.HasPrefix(src, []byte("---\r\n"))
}

// Parse loads a manuscript from its bytes; path names it in messages and
// anchors the relative paths it contains.
func Parse(path string, src []byte, opts Options) (*document.Document, error) {
	src, err := normalizeText(path, src)
	if err != nil {
		return nil, err
	}
	if !bytes.HasPrefix(src, []byte("---\n")) {
		return nil, errorf(path, 1, "no front matter: a manuscript opens with a line of ---, then title:, author: and lang: lines, then another line of ---")
	}
	bodyOff, bodyLine, closed := frontMatterEnd(src)
	if !closed {
		return nil, errorf(path, 1, "the front matter opened here is never closed: end it with a line of --- before the text")
	}
	if bodyOff > maxFrontMatterBytes {
		return nil, errorf(path, 1, "the front matter is %d bytes long, more than the %d imprint reads: keep it to metadata and move long text into the article", bodyOff, maxFrontMatterBytes)
	}
	if err := checkNestingSource(path, src[bodyOff:], bodyLine); err != nil {
		return nil, err
	}
	ctx := parser.NewContext()
	root := withFrontMatter.Parser().Parse(text.NewReader(src), parser.WithContext(ctx))
	if err := checkShape(&partSource{path, src}, root); err != nil {
		return nil, err
	}
	var raw []byte
	if data := frontmatter.Get(ctx); data != nil {
		_ = data.Decode(&raw)
	}
	fm, lines, err := decodeFrontMatter(path, raw, 2)
	if err != nil {
		return nil, err
	}
	root0 := opts.Root
	if root0 == "" {
		root0 = "."
	}
	doc := &document.Document{
		Slug: Slug(path),
		Body: document.Part{Path: path, Source: src, Root: root},
	}
	if err := fillMetadata(&doc.Meta, fm, lines, path, root0, opts); err != nil {
		return nil, err
	}
	if !hasContent(root) {
		return nil, errorf(path, bodyLine, "the manuscript has no text after its front matter: write the article below the closing ---")
	}
	if fm.Bio != "" {
		bio, err := loadBio(path, fm.Bio, lines["bio"], root0)
		if err != nil {
			return nil, err
		}
		doc.Bio = bio
	}
	if err := loadBodyImages(doc, root0); err != nil {
		return nil, err
	}
	return doc, nil
}

// frontMatterEnd finds the line of --- that closes the front matter and
// returns the offset and line number of the line after it.
func frontMatterEnd(src []byte) (off, line int, closed bool) {
	off, line = len("---\n"), 2
	for off < len(src) {
		text, _, found := bytes.Cut(src[off:], []byte("\n"))
		next := off + len(text)
		if found {
			next++
		}
		if string(bytes.TrimRight(text, " \t")) == "---" {
			return next, line + 1, true
		}
		off, line = next, line+1
	}
	return 0, 0, false
}

func hasContent(root ast.Node) bool {
	return root.FirstChild() != nil
}

// fillMetadata checks the decoded front matter and fills the model.
func fillMetadata(m *document.Metadata, fm *frontMatter, lines map[string]int, path, root string, opts Options) error {
	missing := func(key, example string) error {
		return errorf(path, 1, "the front matter has no %s: add a line like `%s: %s`", key, key, example)
	}
	invalid := func(key string, err error) error {
		return errorf(path, lines[key], "%s: %v", key, err)
	}
	m.Title = strings.TrimSpace(fm.Title)
	if m.Title == "" {
		return missing("title", "The Article's Title")
	}
	m.Subtitle = strings.TrimSpace(fm.Subtitle)
	for _, a := range fm.Author {
		name := strings.TrimSpace(a.Name)
		if name == "" {
			return errorf(path, lines["author"], "author: an author has no name")
		}
		role := a.Role
		if role == "" {
			role = "aut"
		}
		fa := a.FileAs
		if fa == "" {
			fa = fileAs(name)
		}
		m.Authors = append(m.Authors, document.Author{Name: name, FileAs: fa, Role: role})
	}
	if len(m.Authors) == 0 {
		return missing("author", "Jane Writer")
	}
	if strings.TrimSpace(fm.Lang) == "" {
		return missing("lang", "en-US")
	}
	lang, err := parseLanguage(strings.TrimSpace(fm.Lang))
	if err != nil {
		return invalid("lang", err)
	}
	m.Language = lang
	if fm.Date != "" {
		d, err := parseDate(strings.TrimSpace(fm.Date))
		if err != nil {
			return invalid("date", err)
		}
		m.Date = d
	}
	m.Publisher = strings.TrimSpace(fm.Publisher)
	m.Rights = strings.TrimSpace(fm.Rights)
	m.Description = strings.TrimSpace(fm.Description)
	m.Subjects = append(trimAll(fm.Subject), trimAll(fm.Keywords)...)
	if fm.Identifier.Text != "" {
		id, err := parseIdentifier(fm.Identifier.Scheme, fm.Identifier.Text)
		if err != nil {
			return invalid("identifier", err)
		}
		m.Identifier = id
	} else {
		m.Identifier = derivedIdentifier(m)
	}
	m.Modified, err = editionTime(opts.SourceDateEpoch, m.Date)
	if err != nil {
		return err
	}
	switch p := strings.ToLower(strings.TrimSpace(fm.Papersize)); p {
	case "":
		m.Print.Paper = "trade"
	case "trade", "letter", "a4":
		m.Print.Paper = p
	case "us-trade", "6x9":
		m.Print.Paper = "trade"
	default:
		return errorf(path, lines["papersize"], "papersize: %q is not a paper imprint knows: use trade (6x9 in), letter or a4", fm.Papersize)
	}
	m.Print.Bleed = fm.Bleed
	dir := filepath.Dir(path)
	if fm.CoverImage != "" {
		im, err := loadImage(imageRef{path, lines["cover-image"], "cover-image", fm.CoverImage}, dir, root)
		if err != nil {
			return err
		}
		m.Cover = im
	}
	if li := fm.LeadImage; li != nil {
		if li.File == "" {
			return errorf(path, lines["lead-image"], "lead-image has no file: add `file: ../assets/images/lead.jpg` under it")
		}
		im, err := loadImage(imageRef{path, lines["lead-image"], "lead-image file", li.File}, dir, root)
		if err != nil {
			return err
		}
		im.Alt, im.Caption, im.Credit = strings.TrimSpace(li.Alt), strings.TrimSpace(li.Caption), strings.TrimSpace(li.Credit)
		m.Lead = im
	}
	return nil
}

func trimAll(list []string) []string {
	var out []string
	for _, s := range list {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// editionTime is SOURCE_DATE_EPOCH when set, else the manuscript's date,
// else a fixed epoch: never the clock.
func editionTime(sde string, date document.Date) (time.Time, error) {
	if sde != "" {
		secs, err := strconv.ParseInt(sde, 10, 64)
		if err != nil || secs < 0 {
			return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q is not a whole number of seconds since 1970: set it as `git log -1 --format=%%ct` prints it, or unset it", sde)
		}
		t := time.Unix(secs, 0).UTC()
		if t.Before(zipEpoch) {
			t = zipEpoch
		}
		return t, nil
	}
	if !date.IsZero() && !date.Time.Before(zipEpoch) {
		return date.Time, nil
	}
	return zipEpoch, nil
}

func loadBio(manuscriptPath, bioPath string, line int, root string) (*document.Part, error) {
	full := filepath.Join(filepath.Dir(manuscriptPath), filepath.FromSlash(bioPath))
	rootAbs, _ := filepath.Abs(root)
	fullAbs, _ := filepath.Abs(full)
	if filepath.IsAbs(bioPath) || !inside(rootAbs, fullAbs) {
		return nil, errorf(manuscriptPath, line, "bio %q leaves the project folder: keep the bio beside the manuscript", bioPath)
	}
	if realRoot, err1 := filepath.EvalSymlinks(rootAbs); err1 == nil {
		if real, err2 := filepath.EvalSymlinks(fullAbs); err2 == nil && !inside(realRoot, real) {
			return nil, errorf(manuscriptPath, line, "bio %q is a link to %s, outside the project: copy the bio beside the manuscript instead", bioPath, real)
		}
	}
	src, err := readLimited(full)
	var tooBig *tooBigError
	if errors.As(err, &tooBig) {
		return nil, errorf(manuscriptPath, line, "bio %q: %v", bioPath, tooBig)
	}
	if err != nil {
		return nil, errorf(manuscriptPath, line, "bio %q cannot be read (%v): create it or correct the path", bioPath, unwrapPathError(err))
	}
	src, err = normalizeText(full, src)
	if err != nil {
		return nil, err
	}
	if err := checkNestingSource(full, src, 1); err != nil {
		return nil, err
	}
	root1 := markdown.Parse(src)
	if err := checkShape(&partSource{full, src}, root1); err != nil {
		return nil, err
	}
	if !hasContent(root1) {
		return nil, errorf(full, 1, "the bio is empty: write a few sentences about the author, or remove bio: from the front matter")
	}
	return &document.Part{Path: full, Source: src, Root: root1}, nil
}

// loadBodyImages loads every image the body and bio reference, once each.
func loadBodyImages(doc *document.Document, root string) error {
	parts := []*document.Part{&doc.Body}
	if doc.Bio != nil {
		parts = append(parts, doc.Bio)
	}
	for _, part := range parts {
		err := ast.Walk(part.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			img, ok := n.(*ast.Image)
			if !entering || !ok {
				return ast.WalkContinue, nil
			}
			dest := string(img.Destination)
			if doc.Image(dest) != nil {
				return ast.WalkContinue, nil
			}
			// An image inside a link has an inline parent, which has no
			// lines: lineOf finds the image's own text.
			line := (&partSource{part.Path, part.Source}).lineOf(n)
			im, err := loadImage(imageRef{part.Path, line, "image", dest}, filepath.Dir(part.Path), root)
			if err != nil {
				return ast.WalkStop, err
			}
			doc.Images = append(doc.Images, im)
			return ast.WalkContinue, nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// Slug names a manuscript's editions after its file: "My Article.md"
// builds my-article.epub and my-article.pdf.
func Slug(path string) string {
	base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(base) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '.' {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	s := strings.Trim(b.String(), "-.")
	if s == "" {
		return "manuscript"
	}
	return s
}
