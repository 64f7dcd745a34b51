package manuscript

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// frontMatter is the manuscript's YAML header. Keys follow pandoc's metadata
// names where pandoc has one, so a pandoc user's manuscript builds unchanged;
// lead-image, bio and bleed are imprint's own.
type frontMatter struct {
	Title       string     `yaml:"title"`
	Subtitle    string     `yaml:"subtitle"`
	Author      authorList `yaml:"author"`
	Date        string     `yaml:"date"`
	Lang        string     `yaml:"lang"`
	Identifier  identifier `yaml:"identifier"`
	Publisher   string     `yaml:"publisher"`
	Rights      string     `yaml:"rights"`
	Description string     `yaml:"description"`
	Subject     stringList `yaml:"subject"`
	Keywords    stringList `yaml:"keywords"`
	CoverImage  string     `yaml:"cover-image"`
	LeadImage   *leadImage `yaml:"lead-image"`
	Bio         string     `yaml:"bio"`
	Papersize   string     `yaml:"papersize"`
	Bleed       bool       `yaml:"bleed"`
}

type leadImage struct {
	File    string `yaml:"file"`
	Alt     string `yaml:"alt"`
	Caption string `yaml:"caption"`
	Credit  string `yaml:"credit"`
}

var (
	knownKeys = []string{"title", "subtitle", "author", "date", "lang", "identifier", "publisher", "rights",
		"description", "subject", "keywords", "cover-image", "lead-image", "bio", "papersize", "bleed"}
	leadImageKeys = []string{"file", "alt", "caption", "credit"}
	authorKeys    = []string{"name", "file-as", "role"}
	// pandocOnlyKeys steer pandoc's own writers (LaTeX, HTML); imprint
	// accepts them so a pandoc manuscript builds unchanged, and ignores them.
	pandocOnlyKeys = []string{"toc", "toc-depth", "toc-title", "css", "geometry", "fontsize", "mainfont",
		"documentclass", "header-includes", "numbersections", "linkcolor", "urlcolor", "abstract", "epub-chapter-level"}
)

// author accepts pandoc's two spellings: a plain name, or a mapping with
// name, file-as and role.
type author struct {
	Name   string `yaml:"name"`
	FileAs string `yaml:"file-as"`
	Role   string `yaml:"role"`
}

type authorList []author

func (l *authorList) UnmarshalYAML(n *yaml.Node) error {
	items := []*yaml.Node{n}
	if n.Kind == yaml.SequenceNode {
		items = n.Content
	}
	for _, item := range items {
		var a author
		switch item.Kind {
		case yaml.ScalarNode:
			a.Name = item.Value
		case yaml.MappingNode:
			if err := checkKeys(item, authorKeys, "an author"); err != nil {
				return err
			}
			type plain author
			if err := item.Decode((*plain)(&a)); err != nil {
				return err
			}
		default:
			return &nodeError{item.Line, "an author is a name, or a mapping with name, file-as and role"}
		}
		*l = append(*l, a)
	}
	return nil
}

// stringList accepts one string or a list of them, as pandoc does.
type stringList []string

func (l *stringList) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		*l = stringList{n.Value}
		return nil
	}
	var list []string
	if err := n.Decode(&list); err != nil {
		return &nodeError{n.Line, "expected a word or a list of words"}
	}
	*l = list
	return nil
}

// identifier accepts a plain string or pandoc's list of {scheme, text}.
type identifier struct {
	Scheme, Text string
	Line         int
}

func (id *identifier) UnmarshalYAML(n *yaml.Node) error {
	id.Line = n.Line
	switch n.Kind {
	case yaml.ScalarNode:
		id.Text = n.Value
		return nil
	case yaml.SequenceNode:
		if len(n.Content) == 0 {
			return nil
		}
		n = n.Content[0]
		if n.Kind == yaml.ScalarNode {
			id.Text = n.Value
			return nil
		}
	}
	var v struct {
		Scheme string `yaml:"scheme"`
		Text   string `yaml:"text"`
	}
	if err := n.Decode(&v); err != nil || v.Text == "" {
		return &nodeError{n.Line, "identifier is a string (an ISBN, a UUID, a DOI or a URI) or pandoc's {scheme, text}"}
	}
	id.Scheme, id.Text = v.Scheme, v.Text
	return nil
}

type nodeError struct {
	line int
	msg  string
}

func (e *nodeError) Error() string { return e.msg }

func checkKeys(m *yaml.Node, known []string, what string) error {
	for i := 0; i+1 < len(m.Content); i += 2 {
		k := m.Content[i]
		if !contains(known, k.Value) {
			return &nodeError{k.Line, unknownKeyMessage(k.Value, known, what)}
		}
	}
	return nil
}

func unknownKeyMessage(key string, known []string, what string) string {
	msg := fmt.Sprintf("unknown key %q in %s", key, what)
	if near := nearest(key, known); near != "" {
		return msg + fmt.Sprintf(": did you mean %q?", near)
	}
	sorted := append([]string(nil), known...)
	sort.Strings(sorted)
	return msg + ": known keys are " + strings.Join(sorted, ", ")
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// nearest returns the known key closest to key by edit distance, if it is
// close enough to be a plausible typo.
func nearest(key string, known []string) string {
	best, bestD := "", 1<<30
	for _, k := range known {
		if d := editDistance(strings.ToLower(key), k); d < bestD {
			best, bestD = k, d
		}
	}
	if bestD <= max(2, len(key)/3) {
		return best
	}
	return ""
}

func editDistance(a, b string) int {
	ar, br := []rune(a), []rune(b)
	prev := make([]int, len(br)+1)
	cur := make([]int, len(br)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ar); i++ {
		cur[0] = i
		for j := 1; j <= len(br); j++ {
			cost := 1
			if ar[i-1] == br[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(br)]
}

// decodeFrontMatter decodes the YAML between the --- lines. firstLine is
// the file line of the first YAML line, so every message points at the
// manuscript's own line numbers. It also returns the line of each top-level
// key, for messages about values that decode but do not validate.
func decodeFrontMatter(file string, raw []byte, firstLine int) (*frontMatter, map[string]int, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		return nil, nil, yamlError(file, err, firstLine)
	}
	if len(doc.Content) == 0 {
		return nil, nil, errorf(file, firstLine, "the front matter is empty: give at least title, author and lang")
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, nil, errorf(file, firstLine+root.Line-1, "the front matter must be key: value lines (a YAML mapping)")
	}
	lines := map[string]int{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k := root.Content[i]
		line := firstLine + k.Line - 1
		if contains(pandocOnlyKeys, k.Value) {
			continue
		}
		if !contains(knownKeys, k.Value) {
			return nil, nil, errorf(file, line, "%s", unknownKeyMessage(k.Value, knownKeys, "the front matter"))
		}
		if _, dup := lines[k.Value]; dup {
			return nil, nil, errorf(file, line, "key %q is given twice: keep one", k.Value)
		}
		lines[k.Value] = line
		if k.Value == "lead-image" {
			if v := root.Content[i+1]; v.Kind == yaml.MappingNode {
				if err := checkKeys(v, leadImageKeys, "lead-image"); err != nil {
					ne := err.(*nodeError)
					return nil, nil, errorf(file, firstLine+ne.line-1, "%s", ne.msg)
				}
			}
		}
	}
	var fm frontMatter
	if err := root.Decode(&fm); err != nil {
		return nil, nil, yamlError(file, err, firstLine)
	}
	return &fm, lines, nil
}

var yamlLine = regexp.MustCompile(`^(?:yaml: )?line (\d+): `)

// yamlParserError reports whether msg is one of yaml.v3's parser errors
// (as opposed to its scanner errors), whose line numbers count from 0.
func yamlParserError(msg string) bool {
	return strings.HasPrefix(msg, "did not find expected") || strings.HasPrefix(msg, "found duplicate %") ||
		msg == "found incompatible YAML document" || msg == "found undefined tag handle"
}

// yamlError turns a YAML error into file:line form with the manuscript's
// line numbers (YAML counts from the first line after ---).
func yamlError(file string, err error, firstLine int) error {
	if ne, ok := err.(*nodeError); ok {
		return errorf(file, firstLine+ne.line-1, "%s", ne.msg)
	}
	msgs := []string{err.Error()}
	if te, ok := err.(*yaml.TypeError); ok {
		msgs = te.Errors
	}
	msg := msgs[0]
	line := firstLine
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		msg = msg[len(m[0]):]
		// yaml.v3 counts a parser error's line from 0 (a scanner
		// error's from 1): it names the line where the list or mapping
		// that went wrong began.
		if yamlParserError(msg) {
			n++
		}
		line = firstLine + n - 1
	}
	msg = strings.TrimPrefix(msg, "yaml: ")
	if strings.Contains(msg, "cannot unmarshal") {
		msg += ": check the value's type (quote text that contains a colon)"
	} else {
		msg = "the front matter is not valid YAML: " + msg
	}
	return errorf(file, line, "%s", msg)
}
