package hyphen

import (
	"bufio"
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// pattern is one Liang pattern split into its letters and the weights
// between them: weights[k] is the value in front of letters[k], and
// weights[len(letters)] the value after the last letter.
type pattern struct {
	letters []rune
	weights []uint8
}

// patternFile is the content of a LibreOffice/Hyphen ".dic" file after parsing.
type patternFile struct {
	leftMin, rightMin int
	patterns          []pattern
	// skipped counts non-standard patterns ("zuc1ker/k=k,3,2"), which
	// plain Liang hyphenation cannot express.
	skipped int
}

// parseDic reads the Hyphen library's dictionary format: the first line
// names the charset, keyword lines (LEFTHYPHENMIN 2, NOHYPHEN ...) set
// options, '%' starts a comment line, and every other line is one TeX
// pattern. Only the first level is used: a NEXTLEVEL line ends it, because
// the second level hyphenates compound-word parts and needs separate tables.
func parseDic(data []byte, name string) (*patternFile, error) {
	pf := &patternFile{leftMin: 2, rightMin: 2}
	pf.patterns = make([]pattern, 0, bytes.Count(data, []byte("\n"))+1)
	// Letters and weights of all patterns share two backing arrays,
	// sized by the file, rather than costing two allocations per pattern.
	letterArena := make([]rune, 0, len(data))
	weightArena := make([]uint8, 0, len(data))
	sc := bufio.NewScanner(bytes.NewReader(data))
	lineNo := 0
	sawCharset := false
	for sc.Scan() {
		lineNo++
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 || line[0] == '%' || line[0] == '#' {
			continue
		}
		if !sawCharset {
			sawCharset = true
			if !strings.EqualFold(string(line), "UTF-8") {
				return nil, fmt.Errorf("%s:%d: charset %q not supported, need UTF-8", name, lineNo, line)
			}
			continue
		}
		// Keywords are upper case; patterns are lower case, since they are
		// matched against lowercased words.
		if string(line) == "NEXTLEVEL" {
			return pf, nil
		}
		if 'A' <= line[0] && line[0] <= 'Z' {
			if err := pf.setKeyword(string(line)); err != nil {
				return nil, fmt.Errorf("%s:%d: %w", name, lineNo, err)
			}
			continue
		}
		if bytes.IndexByte(line, '/') >= 0 {
			pf.skipped++
			continue
		}
		p, err := parsePattern(line, &letterArena, &weightArena)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, lineNo, err)
		}
		pf.patterns = append(pf.patterns, p)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: reading: %w", name, err)
	}
	if !sawCharset {
		return nil, fmt.Errorf("%s: empty file, no charset line", name)
	}
	return pf, nil
}

// setKeyword applies one option line such as "LEFTHYPHENMIN 2".
func (pf *patternFile) setKeyword(line string) error {
	fields := strings.Fields(line)
	switch fields[0] {
	case "LEFTHYPHENMIN", "RIGHTHYPHENMIN":
		if len(fields) != 2 {
			return fmt.Errorf("%s needs one number, got %q", fields[0], line)
		}
		n, err := strconv.Atoi(fields[1])
		if err != nil || n < 1 || n > 20 {
			return fmt.Errorf("bad %s value %q", fields[0], fields[1])
		}
		if fields[0] == "LEFTHYPHENMIN" {
			pf.leftMin = n
		} else {
			pf.rightMin = n
		}
	case "COMPOUNDLEFTHYPHENMIN", "COMPOUNDRIGHTHYPHENMIN", "NOHYPHEN":
		// Only meaningful for compound (second-level) hyphenation and for
		// words containing separators, which the caller splits off.
	default:
		return fmt.Errorf("unknown keyword line %q", line)
	}
	return nil
}

// parsePattern splits a TeX pattern such as ".hy3ph" into letters and
// weights, appending them to the arenas and returning full-capacity slices
// of them, so later appends to an arena never reach into a pattern.
func parsePattern(s []byte, letterArena *[]rune, weightArena *[]uint8) (pattern, error) {
	if !utf8.Valid(s) {
		return pattern{}, fmt.Errorf("pattern %q is not valid UTF-8", s)
	}
	letters, weights := *letterArena, *weightArena
	l0, w0 := len(letters), len(weights)
	weights = append(weights, 0)
	for _, r := range string(s) { // no copy: the compiler ranges over s in place
		if r >= '0' && r <= '9' {
			weights[len(weights)-1] = uint8(r - '0')
			continue
		}
		letters = append(letters, r)
		weights = append(weights, 0)
	}
	if len(letters) == l0 {
		return pattern{}, fmt.Errorf("pattern %q has no letters", s)
	}
	*letterArena, *weightArena = letters, weights
	return pattern{letters: letters[l0:len(letters):len(letters)], weights: weights[w0:len(weights):len(weights)]}, nil
}
