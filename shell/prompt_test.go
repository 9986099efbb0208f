package shell

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gosh/parser"
)

// promptShell is a shell with a known HOME and working directory.
func promptShell(t *testing.T) (*Shell, string) {
	t.Helper()
	home := t.TempDir()
	dir := filepath.Join(home, "src", "lab1")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	sh := New(Config{Arg0: "gosh"})
	sh.Vars.Set("HOME", home)
	sh.wd = dir
	sh.Vars.Set("PWD", dir)
	return sh, home
}

func TestPromptEscapes(t *testing.T) {
	sh, home := promptShell(t)
	host, _ := os.Hostname()
	short, _, _ := strings.Cut(host, ".")
	dollar := "$"
	if os.Geteuid() == 0 {
		dollar = "#"
	}
	user := currentUser().name
	if user == "" {
		user = noUserName
	}
	info := promptInfo{histNumber: 42, cmdNumber: 7}
	tests := []struct {
		ps, want string
	}{
		{`\u`, user},
		{`\h`, short},
		{`\H`, host},
		{`\w`, "~/src/lab1"},
		{`\W`, "lab1"},
		{`\$ `, dollar + " "},
		{`\j`, "0"},
		{`\!`, "42"},
		{`\#`, "7"},
		{`a\nb`, "a\nb"},
		{`\\`, `\`},
		{`\e[0m`, "\033[0m"},
		{`\a`, "\a"},
		{`\[x\]`, "\x01x\x02"},
		{`\101\102`, "AB"},
		{`\s`, "gosh"},
		{`\q`, `\q`}, // not an escape: kept
		{`end\`, `end\`},
		{`plain> `, "plain> "},
		// promptvars: parameters and command substitution are expanded,
		// after the escapes, whose values are not expanded again.
		{`$GREETING \w`, "hello ~/src/lab1"},
		{`${GREETING}-$(echo sub)`, "hello-sub"},
		// \\ gives a backslash that the expansion reads, as in bash:
		// it quotes the $.
		{`\\$GREETING`, `$GREETING`},
		{`a\\\`, `a\`},
		{`a\\\\`, `a\`},
		{`cost: \$5`, "cost: " + dollar + "5"},
	}
	sh.Vars.Set("GREETING", "hello")
	for _, tt := range tests {
		if got := sh.expandPrompt(tt.ps, info); got != tt.want {
			t.Errorf("expandPrompt(%q) = %q, want %q", tt.ps, got, tt.want)
		}
	}

	// \w and \W at HOME itself, and outside it.
	sh.wd = home
	if got := sh.expandPrompt(`\w|\W`, info); got != "~|~" {
		t.Errorf("at HOME: %q", got)
	}
	sh.wd = "/"
	if got := sh.expandPrompt(`\w|\W`, info); got != "/|/" {
		t.Errorf("at /: %q", got)
	}
	// A directory whose name looks like an expansion stays as it is.
	odd := filepath.Join(home, "$(echo x)")
	os.Mkdir(odd, 0o755)
	sh.wd = odd
	if got := sh.expandPrompt(`\W $GREETING`, info); got != "$(echo x) hello" {
		t.Errorf("odd directory: %q", got)
	}
	// A directory name with control characters cannot retitle or clear
	// the terminal: \w and \W show them as ^[ and ^G.
	evil := filepath.Join(home, "a\x1b]0;pwned\a\nb")
	if err := os.Mkdir(evil, 0o755); err != nil {
		t.Fatal(err)
	}
	sh.wd = evil
	for _, ps := range []string{`\w`, `\W`, `\W $GREETING`} {
		got := sh.expandPrompt(ps, info)
		if strings.ContainsAny(got, "\x1b\a\n") || !strings.Contains(got, "a^[]0;pwned^G^Jb") {
			t.Errorf("expandPrompt(%q) in %q = %q", ps, evil, got)
		}
	}
	// The user's own escapes in PS1 still work.
	if got := sh.expandPrompt(`\e[1m\W`, info); !strings.HasPrefix(got, "\x1b[1ma^[") {
		t.Errorf("PS1 escape lost: %q", got)
	}
}

func TestPromptKeepsStatus(t *testing.T) {
	sh, _ := promptShell(t)
	sh.Status = 3
	sh.expandPrompt(`$(false)`, promptInfo{})
	if sh.Status != 3 {
		t.Errorf("prompt expansion changed $? to %d", sh.Status)
	}
}

func TestDefaultPrompt(t *testing.T) {
	sh, _ := promptShell(t)
	for _, env := range []struct {
		term, noColor string
	}{{"dumb", ""}, {"xterm", "1"}} {
		sh.Vars.Set("TERM", env.term)
		sh.Vars.Unset("NO_COLOR")
		if env.noColor != "" {
			sh.Vars.Set("NO_COLOR", env.noColor)
		}
		p := sh.prompt("PS1", promptInfo{})
		if strings.ContainsAny(p, "\033\x01\x02") {
			t.Errorf("TERM=%s NO_COLOR=%q: prompt %q has escapes", env.term, env.noColor, p)
		}
		if !strings.Contains(p, "@") || !strings.Contains(p, ":~/src/lab1") {
			t.Errorf("default prompt %q is not user@host:dir", p)
		}
	}
	sh.Vars.Set("PS2", "cont> ")
	if p := sh.prompt("PS2", promptInfo{}); p != "cont> " {
		t.Errorf("PS2 = %q", p)
	}
	sh.Vars.Unset("PS2")
	if p := sh.prompt("PS2", promptInfo{}); p != "> " {
		t.Errorf("default PS2 = %q", p)
	}
}

func TestSplitPrompt(t *testing.T) {
	tests := []struct {
		in, before, line string
	}{
		{"$ ", "", "$ "},
		{"\x01\033[32m\x02green\x01\033[0m\x02$ ", "", "\033[32mgreen\033[0m$ "},
		// A window title is not a colour code: written before the line.
		{"\x01\033]0;title\a\x02$ ", "\033]0;title\a", "$ "},
		// Multi-line prompts: every line but the last is written once.
		{"\x01\033[1m\x02top\x01\033[0m\x02\n> ", "\033[1mtop\033[0m\n", "> "},
		{"a\nb\nc$ ", "a\nb\n", "c$ "},
		// An unclosed \[ runs to the end; a trailing ESC is dropped.
		{"x\x01\033[1m", "", "x\033[1m"},
		{"x\033", "", "x"},
	}
	for _, tt := range tests {
		before, line := splitPrompt(tt.in)
		if before != tt.before || line != tt.line {
			t.Errorf("splitPrompt(%q) = %q, %q; want %q, %q", tt.in, before, line, tt.before, tt.line)
		}
	}
}

func TestPromptText(t *testing.T) {
	if got := promptText("\x01\033[1m\x02bold\x01\033[0m\x02$ "); got != "\033[1mbold\033[0m$ " {
		t.Errorf("promptText = %q", got)
	}
}

// TestPromptLiteral: text that promptLiteral takes as it is expands to
// exactly what the full here-document expansion gives, and text with
// something to expand is left to it.
func TestPromptLiteral(t *testing.T) {
	sh, _ := promptShell(t)
	sh.Vars.Set("x", "X")
	for _, tt := range []struct {
		text    string
		literal bool
	}{
		{"PROMPT$ ", true},
		{`user@host:~/src\$ `, true},
		{"$", true},
		{"a $ b $/ $: $. $, $% $+ $= $~ $] $) $}", true},
		{"\x01\x1b[1;32m\x02u@h\x01\x1b[0m\x02:~$ ", true},
		{`back\slash \n \t`, true},
		{`\\ and \` + "`" + ` quoted`, true},
		{`trailing\`, true},
		{"two\nlines$ ", true},
		{"$x", false},
		{"${x}", false},
		{"$(echo hi)", false},
		{"$((1+2))", false},
		{"$[1+2]", false},
		{"$1 $? $$ $! $# $@ $* $- $_", false},
		{"$'a'", false},
		{`$"a"`, false},
		{"`echo hi`", false},
		{`\\$x`, false},
		{"$\\\nx", false},
		{"a\\\nb", false},
		{"x\n" + promptDelim + "\ny", false},
	} {
		out, ok := promptLiteral(tt.text)
		if ok != tt.literal {
			t.Errorf("promptLiteral(%q) ok = %v, want %v", tt.text, ok, tt.literal)
			continue
		}
		if !ok {
			continue
		}
		// The full expansion, as expandPromptVars did for every prompt.
		f, err := parser.Parse(": <<" + promptDelim + "\n" + tt.text + "\n" + promptDelim + "\n")
		want := tt.text
		if err == nil {
			cmd := f.List.Items[0].AndOr.First.Cmds[0].(*parser.SimpleCommand)
			if got, err := sh.expandHeredoc(cmd.Redirs[0].Heredoc); err == nil {
				want = strings.TrimSuffix(got, "\n")
			}
		}
		if out != want {
			t.Errorf("promptLiteral(%q) = %q, the expansion gives %q", tt.text, out, want)
		}
	}
}

// TestExpandPromptErr: the error a prompt's text gives when it does not
// expand (set -x reports it for PS4), and the text then used as it is.
func TestExpandPromptErr(t *testing.T) {
	sh := New(Config{Arg0: "gosh"})
	sh.Vars.Set("x", "1")
	cases := []struct{ text, out, err string }{
		{"+${x} ", "+1 ", ""},
		{"+ ", "+ ", ""},
		{"+$( ", "+$( ", ""}, // no ${: no message (bash prints "+")
		{"+${x", "+${x", "+${x: bad substitution"},
		{"${x} ${", "${x} ${", "${x} ${: bad substitution"},
		{"${u?unset} ", "${u?unset} ", "u: unset"},
		{"$((1/0))", "$((1/0))", "1/0: division by 0"},
	}
	for _, c := range cases {
		out, err := sh.expandPromptErr(c.text)
		if out != c.out {
			t.Errorf("%q: %q, want %q", c.text, out, c.out)
		}
		switch {
		case c.err == "" && err != nil:
			t.Errorf("%q: %v", c.text, err)
		case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)):
			t.Errorf("%q: error %v, want %q", c.text, err, c.err)
		}
	}
}
