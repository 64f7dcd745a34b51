package epub

import (
	"os"
	"testing"
)

func TestScratch(t *testing.T) {
	doc := loadFixture(t, "sample/sample.md")
	os.WriteFile("/tmp/s1.epub", build(t, doc), 0o644)
	os.WriteFile("/tmp/s2.epub", build(t, doc), 0o644)
	os.WriteFile("/tmp/sample.epub", build(t, loadFixture(t, "sample/sample.md")), 0o644)
	os.WriteFile("/tmp/article.epub", build(t, loadArticle(t)), 0o644)
}
