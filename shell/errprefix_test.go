package shell

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// TestErrorPrefix: what a message starts with, by where the shell is.
func TestErrorPrefix(t *testing.T) {
	tests := []struct {
		name        string
		arg0        string
		source      []string // BASH_SOURCE; nil: not set
		line        int
		interactive bool
		shown       bool // a child gosh of an interactive shell
		want        string
		wantName    string
	}{
		{name: "script", arg0: "s.sh", line: 3, want: "s.sh: line 3: ", wantName: "s.sh: "},
		{name: "script path", arg0: "/tmp/x/s.sh", line: 12, want: "/tmp/x/s.sh: line 12: ", wantName: "/tmp/x/s.sh: "},
		{name: "-c name", arg0: "myname", line: 1, want: "myname: line 1: ", wantName: "myname: "},
		{name: "dot file", arg0: "s.sh", source: []string{"./lib.sh", "s.sh"}, line: 2, want: "./lib.sh: line 2: ", wantName: "./lib.sh: "},
		{name: "-c function", arg0: "/bin/gosh", source: []string{"environment"}, line: 1, want: "environment: line 1: ", wantName: "environment: "},
		{name: "empty BASH_SOURCE", arg0: "nm", source: []string{}, line: 4, want: "nm: line 4: ", wantName: "nm: "},
		{name: "gosh itself", arg0: "gosh", line: 5, want: "gosh: line 5: ", wantName: "gosh: "},
		{name: "no line yet", arg0: "s.sh", line: 0, want: "s.sh: ", wantName: "s.sh: "},
		{name: "no name", arg0: "", line: 2, want: "gosh: line 2: ", wantName: "gosh: "},
		{name: "interactive", arg0: "gosh", line: 7, interactive: true, want: "gosh: ", wantName: "gosh: "},
		{name: "interactive script name", arg0: "s.sh", source: []string{"./lib.sh"}, line: 7, interactive: true, want: "gosh: ", wantName: "gosh: "},
		{name: "child of interactive", arg0: "/bin/gosh", line: 7, shown: true, want: "gosh: ", wantName: "gosh: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sh := New(Config{Arg0: tt.arg0})
			sh.Vars.Unset("BASH_SOURCE")
			sh.Vars.Unset("BASH_ARGV0")
			if tt.source != nil {
				sh.Vars.SetArray("BASH_SOURCE", tt.source, false)
			}
			sh.line = tt.line
			sh.Opts.Interactive = tt.interactive
			sh.shown.Interactive = tt.shown
			if got := sh.ErrorPrefix(); got != tt.want {
				t.Errorf("ErrorPrefix() = %q, want %q", got, tt.want)
			}
			if got := sh.ErrorName(); got != tt.wantName {
				t.Errorf("ErrorName() = %q, want %q", got, tt.wantName)
			}
		})
	}
}

// TestErrorfHasPrefix: the shell's own messages, a builtin's and a failed
// program's start with the prefix, once.
func TestErrorfHasPrefix(t *testing.T) {
	sh := New(Config{Arg0: "s.sh"})
	sh.Vars.Unset("BASH_SOURCE")
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	sh.stdio[2] = int(w.Fd()) // the shell's fd 2 is the pipe
	_, runErr := sh.RunString("true\ncd /nonexistent/errprefix\necho ${nosuch_errprefix?}\n")
	w.Close()
	var out bytes.Buffer
	out.ReadFrom(r)
	want := []string{
		"s.sh: line 2: cd: /nonexistent/errprefix: No such file or directory",
		"s.sh: line 3: nosuch_errprefix: parameter not set",
	}
	got := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("stderr = %q, want %q (run error %v)", got, want, runErr)
	}
}
