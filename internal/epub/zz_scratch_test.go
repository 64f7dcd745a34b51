package epub

import (
	"os"
	"testing"
)

func TestScratch(t *testing.T) {
	os.WriteFile("/tmp/sample.epub", build(t, loadFixture(t, "sample/sample.md")), 0o644)
	os.WriteFile("/tmp/article.epub", build(t, loadArticle(t)), 0o644)
}
