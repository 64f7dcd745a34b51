package manuscript

import (
	"bytes"
	"unicode/utf8"
)

// normalizeText accepts what editors save: it drops a UTF-8 byte-order mark
// and turns CRLF and lone CR line endings into LF, so positions, line numbers
// and the editions are the same whichever editor saved the file. It refuses
// what no edition can carry: bytes that are not UTF-8, NUL and other control
// characters.
func normalizeText(file string, b []byte) ([]byte, error) {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	if bytes.IndexByte(b, '\r') >= 0 {
		b = bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n"))
		b = bytes.ReplaceAll(b, []byte("\r"), []byte("\n"))
	}
	line := 1
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			return nil, errorf(file, line, "byte 0x%02X is not UTF-8 text: save the file as UTF-8 (in most editors: Save As, Encoding: UTF-8)", b[i])
		case r == '\n':
			line++
		case r == '\t':
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
			return nil, errorf(file, line, "control character U+%04X is not text (often pasted from a PDF or a word processor): delete it", r)
		case r == 0xfeff:
			return nil, errorf(file, line, "stray byte-order mark U+FEFF inside the text: delete it")
		}
		i += size
	}
	return b, nil
}

// lineAt returns the 1-based line of byte offset off in b.
func lineAt(b []byte, off int) int {
	if off > len(b) {
		off = len(b)
	}
	return bytes.Count(b[:max(off, 0)], []byte("\n")) + 1
}
