package validate

// PDFRawText returns the PDF's text in content-stream order (pdftotext
// -raw). Unlike PDFText it keeps line-end hyphens as they are printed:
// pdftotext's layout mode joins a hyphenated line end and drops the
// hyphen, even when the hyphen belongs to the word ("self-styled"), so
// only raw text can show that a hyphen was kept.
func PDFRawText(path string) (string, error) {
	out, err := run("pdftotext", "-raw", "-enc", "UTF-8", path, "-")
	if err != nil {
		return "", err
	}
	return string(out), nil
}
