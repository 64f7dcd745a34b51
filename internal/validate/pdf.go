package validate

import (
	"errors"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
)

// QPDFCheck runs `qpdf --check` on the PDF at path and returns its output. Any error or warning
// qpdf reports (exit 2 or 3, or anything on stderr) is an error that carries the full output.
func QPDFCheck(path string) (string, error) {
	if _, err := os.Stat(path); err != nil {
		return "", fmt.Errorf("qpdf --check %s: %w", path, err)
	}
	stdout, stderr, err := runRaw(nil, "qpdf", "--check", path)
	output := string(stdout) + string(stderr)
	if err != nil {
		return output, fmt.Errorf("qpdf --check %s: %w:\n%s", path, err, output)
	}
	if len(strings.TrimSpace(string(stderr))) > 0 || strings.Contains(string(stdout), "WARNING") {
		return output, fmt.Errorf("qpdf --check %s reported warnings:\n%s", path, output)
	}
	return output, nil
}

// infoLine matches "Key:   value" in pdfinfo output; keys may contain spaces ("Page size").
var infoLine = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9 ]*?):\s*(.*)$`)

// PDFInfo runs `pdfinfo -isodates -box` and returns its fields by name, e.g. "Title",
// "CreationDate" (ISO 8601), "Pages", "Page size" ("300 x 200 pts") and the page 1 boxes
// ("MediaBox", "TrimBox", ...: "x0 y0 x1 y1" in points).
func PDFInfo(path string) (map[string]string, error) {
	out, err := run("pdfinfo", "-enc", "UTF-8", "-isodates", "-box", path)
	if err != nil {
		return nil, err
	}
	info := map[string]string{}
	lastKey := ""
	for _, line := range strings.Split(strings.TrimRight(string(out), "\n"), "\n") {
		if m := infoLine.FindStringSubmatch(line); m != nil {
			lastKey = m[1]
			info[lastKey] = strings.TrimSpace(m[2])
			continue
		}
		// A metadata value with a line break continues on the next line.
		if lastKey != "" {
			info[lastKey] += "\n" + line
		}
	}
	if info["Pages"] == "" {
		return nil, fmt.Errorf("pdfinfo %s: no Pages field in output:\n%s", path, firstLines(out, 10))
	}
	return info, nil
}

// Font is one row of pdffonts output.
type Font struct {
	Name     string // as written, including a subset tag such as "ABCDEF+"; "[none]" if unnamed
	Type     string // e.g. "Type 1", "TrueType", "CID TrueType"
	Encoding string // e.g. "WinAnsi", "Identity-H"
	Embedded bool
	Subset   bool
	Unicode  bool   // has a ToUnicode map, so text can be extracted
	Object   string // object and generation number, e.g. "7 0"
}

// PDFFonts runs pdffonts on the PDF at path and returns every font it lists.
func PDFFonts(path string) ([]Font, error) {
	out, err := run("pdffonts", path)
	if err != nil {
		return nil, err
	}
	fonts, err := parsePDFFonts(string(out))
	if err != nil {
		return nil, fmt.Errorf("pdffonts %s: %w", path, err)
	}
	return fonts, nil
}

// parsePDFFonts reads the fixed-width table pdffonts prints. Columns are located from the dashed
// rule under the header; a name longer than its column shifts its row right, so each row is also
// read from the right, where the last five fields never contain spaces.
func parsePDFFonts(out string) ([]Font, error) {
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	if len(lines) < 2 || !strings.HasPrefix(lines[0], "name") || !strings.HasPrefix(lines[1], "---") {
		return nil, fmt.Errorf("unexpected pdffonts header: %q", firstLines([]byte(out), 2))
	}
	rule := strings.Fields(lines[1])
	if len(rule) != 7 {
		return nil, fmt.Errorf("unexpected pdffonts column rule: %q", lines[1])
	}
	typeCol := len(rule[0]) + 1
	encodingCol := typeCol + len(rule[1]) + 1
	embCol := encodingCol + len(rule[2]) + 1

	fonts := []Font{}
	for _, line := range lines[2:] {
		if strings.TrimSpace(line) == "" {
			continue
		}
		fields := strings.Fields(line)
		if len(fields) < 8 {
			return nil, fmt.Errorf("short pdffonts row: %q", line)
		}
		tail := fields[len(fields)-5:] // emb sub uni object generation
		font := Font{Object: tail[3] + " " + tail[4]}
		var err error
		if font.Embedded, err = yesNo(tail[0]); err == nil {
			if font.Subset, err = yesNo(tail[1]); err == nil {
				font.Unicode, err = yesNo(tail[2])
			}
		}
		if err != nil {
			return nil, fmt.Errorf("pdffonts row %q: %w", line, err)
		}
		if fitsColumns(line, embCol, tail) {
			// The row fits the header's columns: slice by position, which keeps spaces in names.
			font.Name = strings.TrimSpace(line[:typeCol])
			font.Type = strings.TrimSpace(line[typeCol:encodingCol])
			font.Encoding = strings.TrimSpace(line[encodingCol:embCol])
		} else {
			// An overlong name: it is the first field and the encoding the last before emb.
			head := fields[:len(fields)-5]
			font.Name = head[0]
			font.Type = strings.Join(head[1:len(head)-1], " ")
			font.Encoding = head[len(head)-1]
		}
		fonts = append(fonts, font)
	}
	return fonts, nil
}

// fitsColumns reports whether the row's emb column starts where the header's does.
func fitsColumns(line string, embCol int, tail []string) bool {
	if len(line) <= embCol || line[embCol-1] != ' ' {
		return false
	}
	return strings.Join(strings.Fields(line[embCol:]), " ") == strings.Join(tail, " ")
}

func yesNo(field string) (bool, error) {
	switch field {
	case "yes":
		return true, nil
	case "no":
		return false, nil
	}
	return false, fmt.Errorf("want yes or no, got %q", field)
}

// PDFText returns the PDF's text as pdftotext extracts it, in UTF-8, pages separated by form feeds.
func PDFText(path string) (string, error) {
	out, err := run("pdftotext", "-enc", "UTF-8", path, "-")
	if err != nil {
		return "", err
	}
	return string(out), nil
}

// PDFToPNG renders every page of the PDF at path to <outPrefix>-<page>.png at dpi; pdftoppm
// zero-pads the page number to the width of the page count (prefix-01.png with 10+ pages).
func PDFToPNG(path, outPrefix string, dpi int) error {
	if dpi <= 0 {
		return errors.New("pdftoppm: dpi must be positive, got " + strconv.Itoa(dpi))
	}
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("pdftoppm %s: %w", path, err)
	}
	_, err := run("pdftoppm", "-png", "-r", strconv.Itoa(dpi), path, outPrefix)
	return err
}
