package epub

import (
	"bytes"
	"encoding/xml"
	"io"
	"path"
	"regexp"
	"strings"
	"testing"

	"github.com/imprint-press/imprint/internal/sourcetext"
)

// readingText returns the text of the EPUB's content documents in spine
// order, one line per block element, read from the zip's bytes.
func readingText(t *testing.T, data []byte) (string, map[string]string) {
	t.Helper()
	files, _, _ := unzip(t, data)
	container := string(files["META-INF/container.xml"])
	opfPath := regexp.MustCompile(`full-path="([^"]+)"`).FindStringSubmatch(container)[1]
	var pkg struct {
		Items []struct {
			ID   string `xml:"id,attr"`
			Href string `xml:"href,attr"`
		} `xml:"manifest>item"`
		Spine []struct {
			IDRef string `xml:"idref,attr"`
		} `xml:"spine>itemref"`
	}
	if err := xml.Unmarshal(files[opfPath], &pkg); err != nil {
		t.Fatal(err)
	}
	hrefs := map[string]string{}
	for _, it := range pkg.Items {
		hrefs[it.ID] = path.Join(path.Dir(opfPath), it.Href)
	}
	var all strings.Builder
	docs := map[string]string{}
	for _, ref := range pkg.Spine {
		name := hrefs[ref.IDRef]
		text := xhtmlText(t, files[name])
		docs[name] = text
		all.WriteString(text)
	}
	return all.String(), docs
}

var blockElements = map[string]bool{"p": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"li": true, "figcaption": true, "div": true, "section": true, "blockquote": true, "aside": true, "br": true, "dd": true, "dt": true}

func xhtmlText(t *testing.T, b []byte) string {
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = true
	var out strings.Builder
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		switch tok := tok.(type) {
		case xml.CharData:
			out.Write(tok)
		case xml.StartElement:
			if blockElements[tok.Name.Local] {
				out.WriteByte('\n')
			}
		case xml.EndElement:
			if blockElements[tok.Name.Local] {
				out.WriteByte('\n')
			}
		}
	}
	return out.String()
}

// TestArticleCarriesTheSourceText checks the EPUB against the article as
// received (manuscript/source/), not against the manuscript made from it.
func TestArticleCarriesTheSourceText(t *testing.T) {
	src, err := sourcetext.Load(path.Join(repoRoot(t), "manuscript", "source", "article-as-received.txt"))
	if err != nil {
		t.Fatal(err)
	}
	data := build(t, loadArticle(t))
	text, docs := readingText(t, data)
	want := append([]string{src.Title, src.Standfirst, src.Caption, src.Credit}, src.Body...)
	want = append(want, src.Bio)
	if err := sourcetext.InOrder(text, want); err != nil {
		t.Error(err)
	}
	for _, l := range src.Leftovers {
		if sourcetext.Contains(text, l) {
			t.Errorf("web leftover %q is in the EPUB", l)
		}
	}
	// The credit line sits with the image: in the figure's caption.
	files, _, _ := unzip(t, data)
	found := false
	for name := range docs {
		figures := regexp.MustCompile(`(?s)<figure\b.*?</figure>`).FindAllString(string(files[name]), -1)
		for _, f := range figures {
			if strings.Contains(f, "<img") && strings.Contains(f, "<figcaption") &&
				sourcetext.Contains(xhtmlText(t, []byte(f)), src.Caption) && sourcetext.Contains(xhtmlText(t, []byte(f)), src.Credit) {
				found = true
			}
		}
	}
	if !found {
		t.Error("no <figure> holds the lead image with its caption and credit line")
	}
}
