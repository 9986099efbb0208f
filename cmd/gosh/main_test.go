package main

import (
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
		bad     bool
	}{
		{args: []string{"-c", "echo hi"}, command: "echo hi"},
		{args: []string{"-c", "echo $0", "name", "a"}, command: "echo $0", rest: []string{"name", "a"}},
		{args: []string{"-ec", "false"}, command: "false"},
		{args: []string{"script.sh", "a", "-x"}, rest: []string{"script.sh", "a", "-x"}},
		{args: []string{"-l"}, login: true},
		{args: []string{"--login", "--norc"}, login: true},
		{args: []string{"-s", "a", "b"}, rest: []string{"a", "b"}},
		{args: []string{"--", "-file"}, rest: []string{"-file"}},
		{args: []string{"-q"}, bad: true},
		{args: []string{"--bogus"}, bad: true},
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
		{args: []string{"-Z"}, bad: true},
	}
	for _, tt := range tests {
		inv, err := parseArgs(tt.args)
		if tt.bad {
			if err == nil {
				t.Errorf("%q: accepted, want an error", tt.args)
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
