package manuscript

import "fmt"

// Error is a problem in a manuscript that its writer can fix. It prints as
// file:line: what is wrong and how to fix it.
type Error struct {
	File string
	Line int // 0 when the problem has no line (a missing file)
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

func errorf(file string, line int, format string, args ...any) *Error {
	return &Error{File: file, Line: line, Msg: fmt.Sprintf(format, args...)}
}
