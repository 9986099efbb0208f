package tests

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Issue 2, point 2: how gosh is invoked, and its exit status.
func TestInvocation(t *testing.T) {
	runRows(t, []row{
		// -c 'cmds' [name [args...]]
		{name: "c-args", script: `echo "$0|$1|$2|$#"`, args: []string{"name", "a", "b c"}, out: "name|a|b c|2\n"},
		{name: "c-dollar-at", script: `printf '<%s>' "$@"; echo`, args: []string{"n", "x y", "", "z"}, out: "<x y><><z>\n"},
		{name: "c-no-name", script: `echo $#`, out: "0\n"},
		{name: "c-newlines", script: "echo a\necho b\n\necho c", out: "a\nb\nc\n"},
		{name: "c-missing-argument", argv: []string{"-c"}, errHas: "-c", status: 2},
		{name: "double-dash-file", argv: []string{"--", "s.sh", "x"}, files: map[string]string{"s.sh": "echo \"$0 $1\"\n"}, out: "s.sh x\n"},

		// gosh FILE [args...]
		{name: "file-args", argv: []string{"lab1.sh", "a", "b"}, files: map[string]string{"lab1.sh": "echo \"$0:$1:$2:$#\"\n"}, out: "lab1.sh:a:b:2\n"},
		{name: "file-path-arg0", argv: []string{"./sub/s.sh"}, files: map[string]string{"sub/s.sh": "echo $0\n"}, out: "./sub/s.sh\n"},
		{name: "file-status", argv: []string{"s.sh"}, files: map[string]string{"s.sh": "echo one\nfalse\n"}, out: "one\n", status: 1},
		{name: "file-exit", argv: []string{"s.sh"}, files: map[string]string{"s.sh": "echo one\nexit 7\necho never\n"}, out: "one\n", status: 7},
		{name: "file-continuation", argv: []string{"s.sh"}, files: map[string]string{"s.sh": "echo a \\\n  b\n# a comment\necho c # trailing\n"}, out: "a b\nc\n"},
		{name: "file-missing", argv: []string{"nosuch.sh"}, errHas: "nosuch.sh: No such file or directory", status: 127},
		{name: "file-no-trailing-newline", argv: []string{"s.sh"}, files: map[string]string{"s.sh": "echo last"}, out: "last\n"},
		{name: "file-stdin-is-inherited", argv: []string{"s.sh"}, stdin: "from stdin\n", files: map[string]string{"s.sh": "read x\necho \"got $x\"\n"}, out: "got from stdin\n"},

		// commands from stdin when it is not a terminal, and with -s
		{name: "stdin-script", stdin: "echo a\necho b\n", argv: []string{}, out: "a\nb\n"},
		{name: "stdin-status", stdin: "true\nfalse\n", argv: []string{}, status: 1},
		{name: "stdin-exit", stdin: "exit 5\necho never\n", argv: []string{}, status: 5},
		// The shell must not read ahead of the command it runs: read
		// consumes the next line of the script itself, as in bash and dash.
		{name: "stdin-read-shares-input", stdin: "read x\nthe next line\necho \"got $x\"\n", argv: []string{}, out: "got the next line\n"},
		{name: "s-args", stdin: "echo \"$1 $2 $#\"\n", argv: []string{"-s", "a", "b"}, out: "a b 2\n"},
		{name: "stdin-syntax-error-stops", stdin: "echo ok\necho | | wc\necho never\n", argv: []string{}, out: "ok\n", err: "gosh: line 2: syntax error near unexpected token `|'\ngosh: line 2: `echo | | wc'\n", status: 2},

		// exit status: of the last command, or exit N
		{name: "status-last-true", script: "false; true", status: 0},
		{name: "status-last-false", script: "true; false", status: 1},
		{name: "status-external", script: "sh -c 'exit 42'", status: 42},
		{name: "exit-n", script: "exit 3", status: 3},
		{name: "exit-stops", script: "exit 4; echo never", status: 4},
		{name: "exit-no-arg-last-status", script: "sh -c 'exit 6'; exit", status: 6},
		{name: "exit-wraps", script: "exit 300", status: 44},
		{name: "exit-not-numeric", script: "exit abc", errHas: "exit: abc: numeric argument required", status: 2},

		// flags
		{name: "version", argv: []string{"--version"}, outHas: "gosh", goshOnly: true},
		{name: "help", argv: []string{"--help"}, outHas: "usage", goshOnly: true},
		{name: "bad-long-flag", argv: []string{"--bogus"}, errHas: "usage", status: 2},
		{name: "bad-short-flag", argv: []string{"-Z", "-c", "echo no"}, errHas: "usage", status: 2},
		{name: "flag-e", argv: []string{"-e", "-c", "false; echo no"}, status: 1},
		{name: "flag-x", argv: []string{"-x", "-c", "echo hi"}, out: "hi\n", err: "+ echo hi\n"},
		{name: "flag-u", argv: []string{"-u", "-c", "echo $nosuch; echo no"}, errHas: "nosuch: unbound variable", failed: true},
		{name: "norc-c", argv: []string{"--norc", "-c", "echo ok"}, out: "ok\n"},
		{name: "forced-interactive", argv: []string{"--norc", "-i"}, stdin: "echo hi\nexit 3\n", outHas: "hi\n", errAny: true, status: 3},
	})
}

// TestInvocationEnvironment: the environment gosh was given reaches its
// children, and $HOME, $PWD are set.
func TestInvocationEnvironment(t *testing.T) {
	runRows(t, []row{
		{name: "env-passed", script: `sh -c 'echo $GREETING'`, env: []string{"GREETING=hello"}, out: "hello\n"},
		{name: "env-is-variable", script: `echo $GREETING`, env: []string{"GREETING=hi there"}, out: "hi there\n"},
		{name: "pwd-set", script: `echo $PWD`, out: "{DIR}\n"},
		{name: "home-set", script: `echo $HOME`, out: "{HOME}\n"},
	})
}

// TestInteractiveRC: an interactive gosh reads ~/.goshrc unless --norc.
func TestInteractiveRC(t *testing.T) {
	home := t.TempDir()
	if err := os.WriteFile(filepath.Join(home, ".goshrc"), []byte("echo RC-WAS-READ\nRCVAR=yes\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s := startSession(t, sessionConfig{Home: home, Args: []string{}})
	if before := s.WaitPrompt(); !strings.Contains(before, "RC-WAS-READ") {
		t.Errorf("~/.goshrc was not read: %q", before)
	}
	if out := s.Run("echo $RCVAR"); out != "yes\n" {
		t.Errorf("RCVAR = %q", out)
	}
	s.Close()

	s = startSession(t, sessionConfig{Home: home, Args: []string{"--norc"}})
	if before := s.WaitPrompt(); strings.Contains(before, "RC-WAS-READ") {
		t.Errorf("~/.goshrc was read despite --norc: %q", before)
	}
	if out := s.Run("echo ${RCVAR-unset}"); out != "unset\n" {
		t.Errorf("RCVAR = %q with --norc", out)
	}
}

// TestInteractiveWhenTerminal: with stdin and stderr on a terminal gosh is
// interactive ($- has i) and exits with the status of exit N.
func TestInteractiveWhenTerminal(t *testing.T) {
	s := newSession(t)
	if out := s.Run(`echo "flags=$-"`); !strings.Contains(out, "i") {
		t.Errorf("$- in an interactive shell lacks i: %q", out)
	}
	s.SendLine("exit 7")
	if st := s.ExitStatus(s.Timeout); st != 7 {
		t.Errorf("exit status %d, want 7", st)
	}
}

// TestUnderscoreAtStart: without _ in its environment, $_ starts as the
// pathname gosh was started by (its argv[0]), as in bash ("env -i ./bash
// -c 'echo $_'" prints ./bash); with _ in the environment, that value.
func TestUnderscoreAtStart(t *testing.T) {
	gosh := requireGosh(t)
	for _, c := range []struct {
		name, argv0 string
		env         []string
		want        string
	}{
		{"relative", "./gosh", nil, "./gosh"},
		{"bare-name", "gosh", nil, "gosh"},
		{"absolute", gosh, nil, gosh},
		{"login-dash", "-gosh", nil, "-gosh"},
		{"from-environment", "gosh", []string{"_=/usr/local/bin/gosh"}, "/usr/local/bin/gosh"},
	} {
		t.Run(c.name, func(t *testing.T) {
			cmd := exec.Command(gosh, "--norc", "--noprofile", "-c", `echo "$_"`)
			cmd.Args[0] = c.argv0
			cmd.Env = append(cleanEnv(t.TempDir()), c.env...)
			cmd.Dir = t.TempDir()
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("%v: %s", err, out)
			}
			if got := strings.TrimSuffix(string(out), "\n"); got != c.want {
				t.Errorf("argv[0] %q: $_ = %q, want %q", c.argv0, got, c.want)
			}
		})
	}
}
