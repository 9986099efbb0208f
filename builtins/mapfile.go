package builtins

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"
)

// mapfileHelp is the help of mapfile and of its other name, readarray.
const mapfileHelp = `Read lines into the indexed array ARRAY (MAPFILE when none is named).
-d DELIM    lines end with DELIM's first character, not newline ('' is NUL)
-n COUNT    read at most COUNT lines (0: all)
-O ORIGIN   store from index ORIGIN on, keeping the elements before it
            (without -O the array is emptied first)
-s COUNT    skip the first COUNT lines
-t          remove the delimiter from the end of each line
-u FD       read from file descriptor FD instead of the standard input
-C CALLBACK evaluate "CALLBACK INDEX LINE" before every QUANTUM-th line
            is stored (INDEX is the element it goes to)
-c QUANTUM  lines between calls of CALLBACK (5000 by default)
The status is 1 when ARRAY cannot be assigned or FD cannot be read.`

var mapfileBuiltins = []*Builtin{
	{
		Name:     "mapfile",
		Synopsis: "mapfile [-d delim] [-n count] [-O origin] [-s count] [-t] [-u fd] [-C callback] [-c quantum] [array]",
		Summary:  "Read lines from the standard input into an indexed array.",
		Help:     mapfileHelp,
		Run:      runMapfile,
	},
	{
		Name:     "readarray",
		Synopsis: "readarray [-d delim] [-n count] [-O origin] [-s count] [-t] [-u fd] [-C callback] [-c quantum] [array]",
		Summary:  "Read lines from the standard input into an indexed array.",
		Help:     mapfileHelp,
		Run:      runMapfile,
	},
}

func runMapfile(sh Shell, stdio IO, args []string) (int, error) {
	name := args[0]
	o, rest, ok := parseOptions(stdio, name, args[1:], "d:n:O:s:tu:C:c:")
	if !ok {
		return statusUsage, nil
	}
	array := "MAPFILE"
	if len(rest) > 0 {
		array = rest[0]
	}
	if !isName(array) {
		errorf(stdio, name, "`%s': not a valid identifier", array)
		return statusFailure, nil
	}
	number := func(c byte, what string) (int, bool) {
		if !o.has(c) {
			return 0, true
		}
		n, ok := parseInt(o.value(c))
		if !ok || n < 0 {
			errorf(stdio, name, "%s: invalid %s", o.value(c), what)
			return 0, false
		}
		return n, true
	}
	count, ok1 := number('n', "line count")
	origin, ok2 := number('O', "array origin")
	skip, ok3 := number('s', "line count")
	quantum, ok4 := 5000, true
	if o.has('c') {
		quantum, ok4 = number('c', "callback quantum")
		if ok4 && quantum == 0 {
			errorf(stdio, name, "0: invalid callback quantum")
			ok4 = false
		}
	}
	if !ok1 || !ok2 || !ok3 || !ok4 {
		return statusFailure, nil
	}
	delim := byte('\n')
	if o.has('d') {
		delim = 0
		if d := o.value('d'); d != "" {
			delim = d[0]
		}
	}
	src := &byteSource{ctx: sh.Context(), fd: stdio.InFd, r: stdio.In}
	if src.fd < 0 && src.r == nil {
		src.r = strings.NewReader("") // no input at all: end of file
	}
	if o.has('u') {
		fd, ok := parseInt(o.value('u'))
		if !ok || fd < 0 {
			errorf(stdio, name, "%s: invalid file descriptor specification", o.value('u'))
			return statusFailure, nil
		}
		real := sh.UserFd(fd)
		if _, err := unix.FcntlInt(uintptr(real), unix.F_GETFD, 0); real < 0 || err != nil {
			errorf(stdio, name, "%d: invalid file descriptor: %s", fd, strerror(unix.EBADF))
			return statusFailure, nil
		}
		src.fd, src.r = real, nil
	}
	if sh.IsReadOnly(array) {
		fmt.Fprintf(stdio.Err, "%s%s: readonly variable\n", stdio.ErrPrefix(), array) // as bash: no "mapfile:"
		return statusFailure, nil
	}
	if _, assoc := sh.ArrayKind(array); assoc {
		errorf(stdio, name, "%s: not an indexed array", array)
		return statusFailure, nil
	}
	// Without -O the array starts empty; with it, the elements below the
	// origin stay.
	if !o.has('O') {
		if err := sh.SetArray(array, nil); noAssign(err) {
			return statusFailure, nil
		} else if err != nil {
			errorf(stdio, name, "%v", err)
			return statusFailure, nil
		}
	} else if err := sh.DeclareArray(array, false); err != nil {
		errorf(stdio, name, "%v", err)
		return statusFailure, nil
	}

	stored, seen := 0, 0
	for count == 0 || stored < count {
		line, err := readRecord(src, delim)
		if err != nil && !errors.Is(err, errEndOfInput) {
			if errors.Is(err, errInterrupted) {
				return 130, nil
			}
			errorf(stdio, name, "read error: %s", strerror(err))
			return statusFailure, nil
		}
		if line == "" && errors.Is(err, errEndOfInput) {
			break
		}
		seen++
		if seen > skip {
			if o.has('t') && line != "" && line[len(line)-1] == delim {
				line = line[:len(line)-1]
			}
			if nul := strings.IndexByte(line, 0); nul >= 0 {
				line = line[:nul] // bash's strings end at a NUL
			}
			index := origin + stored
			if o.has('C') && (stored+1)%quantum == 0 {
				cb := o.value('C') + " " + strconv.Itoa(index) + " " + singleQuote(line)
				if _, err := sh.Eval(cb, stdio); err != nil {
					return statusFailure, err
				}
			}
			if err := sh.AssignWord(fmt.Sprintf("%s[%d]=%s", array, index, line)); err != nil {
				errorf(stdio, name, "%v", err)
				return statusFailure, nil
			}
			stored++
		}
		if errors.Is(err, errEndOfInput) {
			break
		}
	}
	return statusOK, nil
}

// errEndOfInput ends the last record, which may lack its delimiter.
var errEndOfInput = errors.New("end of input")

// readRecord reads one line, delimiter included, a byte at a time so that
// nothing after it is taken from a pipe that another command reads next
// (as read does). At the end of the input it returns what it read with
// errEndOfInput.
func readRecord(src *byteSource, delim byte) (string, error) {
	var b []byte
	for {
		c, err := src.readByte()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return string(b), errEndOfInput
			}
			return string(b), err
		}
		b = append(b, c)
		if c == delim {
			return string(b), nil
		}
	}
}
