package main

import (
	"errors"
	"slices"
	"testing"
)

// TestParseArgs checks the command-line forms gosh accepts and rejects.
func TestParseArgs(t *testing.T) {
	tests := []struct {
		args    []string
		command string
		rest    []string
		opts    []string // when not nil, the options in order
		login   bool
		rcfile  string
		noEdit  bool
		bad     bool
		usage   bool // a bad one: the error is followed by the usage text
	}{
		{args: []string{"-c", "echo hi"}, command: "echo hi"},
		{args: []string{"-c", "echo $0", "name", "a"}, command: "echo $0", rest: []string{"name", "a"}},
		{args: []string{"-ec", "false"}, command: "false"},
		{args: []string{"script.sh", "a", "-x"}, rest: []string{"script.sh", "a", "-x"}},
		{args: []string{"-l"}, login: true},
		{args: []string{"--login", "--norc"}, login: true},
		{args: []string{"-s", "a", "b"}, rest: []string{"a", "b"}},
		{args: []string{"--", "-file"}, rest: []string{"-file"}},
		{args: []string{"-q"}, bad: true, usage: true},
		{args: []string{"--bogus"}, bad: true, usage: true},
		{args: []string{"-c"}, bad: true},
		{args: []string{"-o"}, opts: []string{"-o"}},
		{args: []string{"+O"}, opts: []string{"+O"}},
		{args: []string{"-O", "extglob", "-c", "echo"}, command: "echo", opts: []string{"-O=extglob"}},
		{args: []string{"+O", "extglob", "-o", "pipefail", "+o", "braceexpand", "-c", "x"}, command: "x",
			opts: []string{"+O=extglob", "-o=pipefail", "+o=braceexpand"}},
		{args: []string{"-eo", "pipefail", "-c", "x"}, command: "x", opts: []string{"-e", "-o=pipefail"}},
		{args: []string{"-c", "-O", "extglob", "x", "a"}, command: "x", rest: []string{"a"}, opts: []string{"-O=extglob"}},
		{args: []string{"-O", "-c", "x"}, rest: []string{"x"}, opts: []string{"-O=-c"}},
		{args: []string{"+h", "-anvBH", "-c", "x"}, command: "x", opts: []string{"+h", "-a", "-n", "-v", "-B", "-H"}},
		{args: []string{"-kt", "-c", "x"}, command: "x", opts: []string{"-k", "-t"}},
		{args: []string{"-Z"}, bad: true, usage: true},
		// bash's long options (pexpect's replwrap starts bash --rcfile FILE).
		{args: []string{"--rcfile", "rc.sh"}, rcfile: "rc.sh"},
		{args: []string{"--init-file", "rc.sh", "-i"}, rcfile: "rc.sh"},
		{args: []string{"--rcfile"}, bad: true},
		{args: []string{"--noediting", "--verbose", "--debug", "--debugger"}, noEdit: true, opts: []string{"-v"}},
		{args: []string{"-login", "-norc", "-c", "x"}, command: "x", login: true},
		{args: []string{"-x", "-login"}, bad: true, usage: true}, // one dash only before the short options
		{args: []string{"--login=x"}, bad: true, usage: true},
		{args: []string{"-", "file", "a"}, rest: []string{"file", "a"}},
		{args: []string{"-s", "-", "a"}, rest: []string{"a"}},
		{args: []string{"-c", "--", "x", "n"}, command: "x", rest: []string{"n"}},
		{args: []string{"-c", "x", "-"}, command: "x", rest: []string{"-"}},
		{args: []string{"--posix", "-c", "x"}, command: "x", opts: []string{"-o=posix"}},
		// Refused, without the usage text: the modes gosh does not have.
		{args: []string{"--restricted"}, bad: true},
		{args: []string{"-r"}, bad: true},
		{args: []string{"-ir"}, bad: true},
		{args: []string{"-D"}, bad: true},
		{args: []string{"--dump-strings"}, bad: true},
		{args: []string{"--dump-po-strings"}, bad: true},
		{args: []string{"--pretty-print"}, bad: true},
	}
	for _, tt := range tests {
		inv, err := parseArgs(tt.args)
		if tt.bad {
			var bare errNoUsage
			if err == nil {
				t.Errorf("%q: accepted, want an error", tt.args)
			} else if errors.As(err, &bare) == tt.usage {
				t.Errorf("%q: %v: usage text %v, want %v", tt.args, err, !tt.usage, tt.usage)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v", tt.args, err)
			continue
		}
		if inv.command != tt.command || inv.login != tt.login || len(inv.rest) != len(tt.rest) {
			t.Errorf("%q: got command %q rest %q login %v", tt.args, inv.command, inv.rest, inv.login)
			continue
		}
		if inv.rcfile != tt.rcfile || inv.hasRCFile != (tt.rcfile != "") || inv.noEditing != tt.noEdit {
			t.Errorf("%q: rcfile %q (%v), noediting %v", tt.args, inv.rcfile, inv.hasRCFile, inv.noEditing)
		}
		if tt.opts != nil && !slices.Equal(inv.opts, tt.opts) {
			t.Errorf("%q: opts %q, want %q", tt.args, inv.opts, tt.opts)
		}
		for i := range tt.rest {
			if inv.rest[i] != tt.rest[i] {
				t.Errorf("%q: rest %q, want %q", tt.args, inv.rest, tt.rest)
			}
		}
	}
}
