package shell

import (
	"bytes"
	"io"

	"gosh/parser"
)

// fileSubst is bash's $(< file): a command substitution whose list is one
// simple command made of a single "< word" and nothing else gives the
// contents of the file, read by the shell itself, as $(cat file) would
// (bash: "the equivalent but faster $(< file)"). ok is false for every
// other list, which commandSubst runs as usual. A file that cannot be
// opened is reported as for "< file" and gives status 1.
func (sh *Shell) fileSubst(list *parser.List) (out string, ok bool, err error) {
	r := list.FileSubstRedirect()
	if r == nil {
		return "", false, nil
	}
	t := sh.newFdTable()
	defer t.close()
	status := 0
	if err := sh.applyRedirect(t, r); err != nil {
		if !isRedirError(err) {
			return "", true, err
		}
		sh.errorf("%s", err)
		status = 1
	} else {
		data, _ := io.ReadAll(fdReader(t.get(0)))
		if bytes.IndexByte(data, 0) >= 0 {
			data = bytes.ReplaceAll(data, []byte{0}, nil)
			sh.errorf("warning: command substitution: ignored null byte in input")
		}
		out = string(data)
	}
	sh.lastSubst = status
	sh.Status = status
	return out, true, nil
}
