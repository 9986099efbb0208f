package inputrc

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
)

// Version is the readline version gosh's editor answers $if version
// tests with: bash 5.2's, whose init files it reads.
const Version = "8.2"

// Reader applies init files: it follows the conditionals and includes,
// and calls Apply for each binding and set line in effect.
type Reader struct {
	// Mode is the editing mode ("emacs" or "vi") for $if mode=; a set
	// editing-mode line that Apply accepts changes it.
	Mode string
	// Term is $TERM, for $if term=.
	Term string
	// Apply performs one line; its error is recorded with the place.
	Apply func(Line) error
	// Problems are the lines that could not be honoured, in order.
	Problems []Problem

	depth int
}

// Problem is a line of an init file that was not honoured.
type Problem struct {
	File string
	Line int
	Err  error
}

func (p Problem) Error() string { return fmt.Sprintf("%s: line %d: %v", p.File, p.Line, p.Err) }

// maxInclude is how deep $include may nest (a file that includes itself).
const maxInclude = 10

// ReadFile applies the file at path; the error is for a file that cannot
// be read.
func (r *Reader) ReadFile(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	r.Text(path, string(data))
	return nil
}

// cond is one $if being read: whether its lines are in effect, whether the
// lines around it are, and whether its $else was seen.
type cond struct{ on, outer, sawElse bool }

// Text applies the text of an init file named name.
func (r *Reader) Text(name, text string) {
	var stack []cond
	on := true
	for i, raw := range strings.Split(text, "\n") {
		problem := func(err error) { r.Problems = append(r.Problems, Problem{name, i + 1, err}) }
		l, err := ParseLine(strings.TrimRight(raw, "\r"))
		if l.Kind == Directive {
			switch strings.ToLower(l.Name) {
			case "if":
				stack = append(stack, cond{on: on && r.test(l.Value), outer: on})
			case "else":
				if len(stack) == 0 {
					problem(errors.New("$else found without matching $if"))
					continue
				}
				c := &stack[len(stack)-1]
				c.on, c.sawElse = c.outer && !c.on && !c.sawElse, true
			case "endif":
				if len(stack) == 0 {
					problem(errors.New("$endif without matching $if"))
					continue
				}
				stack = stack[:len(stack)-1]
			case "include":
				if on {
					r.include(l.Value, problem)
				}
			default:
				if on {
					problem(fmt.Errorf("%s: unknown parser directive", l.Name))
				}
			}
			on = len(stack) == 0 || stack[len(stack)-1].on
			continue
		}
		if !on || l.Kind == Blank && err == nil {
			continue
		}
		if err == nil {
			err = r.Apply(l)
			if err == nil && l.Kind == Set && strings.EqualFold(l.Name, "editing-mode") {
				r.Mode = strings.ToLower(l.Value)
			}
		}
		if err != nil {
			problem(err)
		}
	}
}

// include reads the file of an $include line, with ~/ for $HOME.
func (r *Reader) include(path string, problem func(error)) {
	if strings.HasPrefix(path, "~/") {
		path = os.Getenv("HOME") + path[1:]
	}
	if r.depth >= maxInclude {
		problem(fmt.Errorf("%s: $include nested too deeply", path))
		return
	}
	r.depth++
	defer func() { r.depth-- }()
	if err := r.ReadFile(path); err != nil {
		problem(fmt.Errorf("%s: cannot read: %v", path, errors.Unwrap(err)))
	}
}

// test decides the test of an $if: mode=emacs|vi, term=NAME (the whole
// of $TERM or its part before "-"), version OP N.N, or an application
// name, which is true for gosh and for Bash (gosh reads bash's files).
func (r *Reader) test(arg string) bool {
	low := strings.ToLower(strings.TrimSpace(arg))
	switch {
	case strings.HasPrefix(low, "mode="):
		return low[len("mode="):] == r.Mode
	case strings.HasPrefix(low, "term="):
		want := arg[strings.IndexByte(arg, '=')+1:]
		short, _, _ := strings.Cut(r.Term, "-")
		return want == r.Term || want == short
	case strings.HasPrefix(low, "version"):
		return versionTest(strings.TrimSpace(low[len("version"):]))
	}
	return low == "gosh" || low == "bash"
}

// versionTest compares Version with "OP N[.N]" (OP is =, ==, !=, <, <=, >
// or >=).
func versionTest(s string) bool {
	op := strings.TrimRight(s[:len(s)-len(strings.TrimLeft(s, "=!<>"))], " ")
	want := strings.TrimSpace(s[len(op):])
	cmp := compareVersions(Version, want)
	switch op {
	case "=", "==":
		return cmp == 0
	case "!=":
		return cmp != 0
	case "<":
		return cmp < 0
	case "<=":
		return cmp <= 0
	case ">":
		return cmp > 0
	case ">=":
		return cmp >= 0
	}
	return false
}

// compareVersions compares two versions major[.minor]: -1, 0 or 1.
func compareVersions(a, b string) int {
	num := func(s string) (int, int) {
		maj, min, _ := strings.Cut(s, ".")
		x, _ := strconv.Atoi(maj)
		y, _ := strconv.Atoi(min)
		return x, y
	}
	a1, a2 := num(a)
	b1, b2 := num(b)
	switch {
	case a1 != b1:
		return sign(a1 - b1)
	default:
		return sign(a2 - b2)
	}
}

func sign(n int) int {
	switch {
	case n < 0:
		return -1
	case n > 0:
		return 1
	}
	return 0
}
