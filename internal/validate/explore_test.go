package validate

import (
	"path/filepath"
	"regexp"
	"testing"
)

func TestExploreFixtures(t *testing.T) {
	dir := "/tmp/vt/fx"
	opf := regexp.MustCompile(`(?m)^.*(schema:|conformsTo).*\n`).ReplaceAllString(packageOPF, "")
	writeEPUB(t, filepath.Join(dir, "nometa.epub"), []zipEntry{
		{"META-INF/container.xml", containerXML},
		{"EPUB/package.opf", opf},
		{"EPUB/nav.xhtml", navXHTML},
		{"EPUB/chapter.xhtml", chapterXHTML(imageWithoutAltChapter)},
		{"EPUB/dot.png", string(tinyPNG(t))},
	})
}
