package sourcetext

import (
	"strings"
	"testing"
)

func TestLoadTheReceivedArticle(t *testing.T) {
	a, err := Load("../../manuscript/source/article-as-received.txt")
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "How Is ISIS Able to Commit Acts of Terror as It Loses Territory?" {
		t.Errorf("title %q", a.Title)
	}
	if !strings.HasPrefix(a.Standfirst, "As Iraq and Syria") || !strings.HasPrefix(a.Body[0], "ISIS has lost") {
		t.Errorf("standfirst %q, first body paragraph %q", a.Standfirst, a.Body[0])
	}
	if last := a.Body[len(a.Body)-1]; !strings.HasPrefix(last, "When interviewed") {
		t.Errorf("last body paragraph %q", last)
	}
	if len(a.Body) != 18 || !strings.HasPrefix(a.Bio, "Jacqueline R. Sutherland is") {
		t.Errorf("%d body paragraphs (want 15 and 3 headings), bio %q", len(a.Body), a.Bio)
	}
	if a.Credit != "REUTERS/Dado Ruvic/Illustration/File Photo" || !strings.HasSuffix(a.Caption, "2016.") {
		t.Errorf("caption %q credit %q", a.Caption, a.Credit)
	}
	if len(a.Leftovers) != 2 {
		t.Errorf("leftovers %q", a.Leftovers)
	}
}

func TestInOrder(t *testing.T) {
	text := "Title\n\nThe first para-\ngraph is here, self-\nstyled and long.\nThe sec\x00ond one.\n"
	if err := InOrder(text, []string{"The first paragraph is here, self-styled and long.", "The second one."}); err != nil {
		t.Error(err)
	}
	if err := InOrder(text, []string{"The second one.", "The first paragraph is here"}); err == nil || !strings.Contains(err.Error(), "out of order") {
		t.Errorf("out-of-order paragraphs: %v", err)
	}
	if err := InOrder(text, []string{"A paragraph that is not there."}); err == nil || !strings.Contains(err.Error(), "missing") {
		t.Errorf("missing paragraph: %v", err)
	}
	// A curly quote must not match a straight one: the editions keep the
	// manuscript's typography.
	if Contains("ISIS's", "ISIS’s") {
		t.Error("a straight apostrophe matched a curly one")
	}
}
