// Command gosh is an educational job-control shell.
//
// main only decides how gosh was invoked (flags, interactive or not, login
// or not) and hands over to package shell. It is the one place that calls
// os.Exit.
//
// The same binary is also gosh's own helper, chosen by a hidden first
// argument that users never type: a child gosh reading its snapshot
// (shell.ChildFlag), and the short-lived re-executions that set something
// up in the process just before execve (jobs.NohupFlag, jobs.SigIgnFlag,
// shell.RlimitsFlag, shell.ExecFdsFlag). Before any of it, init
// (limits_unix.go) keeps Go's crash reports from users and, under a low
// ulimit -u, keeps the runtime at one P and makes the threads gosh will
// need (reserveThreads). Earlier still, two packages imported only for
// their initialisation: cmd/gosh/startstack grows the start-up
// goroutine's stack once, and cmd/gosh/oneproc starts the runtime with one
// P, given back after the first garbage collection (at once to an
// interactive shell).
package main

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"

	"golang.org/x/term"

	"gosh/cmd/gosh/oneproc"
	_ "gosh/cmd/gosh/startstack" // the start-up goroutine's stack, grown first
	"gosh/jobs"
	"gosh/shell"
)

// version is printed by --version.
const version = "gosh " + shell.Version

const usage = `usage: gosh [options] [-c command [name [arg...]] | file [arg...]]

Options:
  -c COMMAND    run COMMAND, then exit; further arguments set $0, $1, ...
  -s            read commands from standard input (the default without FILE)
  -i            interactive: prompt, line editing, job control (with FILE:
                FILE runs in the interactive shell, without prompts)
  -l, --login   act as a login shell (read /etc/gosh/profile and ~/.gosh_profile),
                as when argv[0] starts with '-' (login, su -, sshd, tmux)
  --norc        do not read ~/.goshrc
  --rcfile FILE, --init-file FILE
                an interactive shell that is not a login shell reads FILE
                instead of ~/.goshrc
  --noprofile   do not read the profile files
  --noediting   read lines at the prompt without the line editor
  --verbose     as -v
  --debug       accepted, as bash: it changes nothing
  --debugger    accepted with bash's warning: gosh has no debugger
  -, --         end the options
  --posix       bash's POSIX mode (as set -o posix), also when gosh is
                started as sh (argv[0]'s last component)
  --trace       narrate every system-call step on stderr (as set -o trace)
  -a -b -e -f -h -m -n -u -v -x -B -C -E -H -P -T
                the options of set (allexport, notify, errexit, noglob,
                hashall, monitor, noexec, nounset, verbose, xtrace,
                braceexpand, noclobber, errtrace, histexpand, physical,
                functrace); +e etc. turn them off
  -o NAME       turn on the set -o option NAME (+o NAME: off; -o alone lists)
  -O NAME       turn on the shopt option NAME (+O NAME: off; -O alone lists)
  -p            privileged: keep effective user and group ids that differ
                from the real ones (otherwise they are dropped at start-up)
  --version     print the version and exit
  --help        print this help and exit

Refused (status 2): -r and --restricted
(no restricted mode), -D, --dump-strings, --dump-po-strings (no message
catalogs), --pretty-print.
`

// invocation is what the command line asked for.
type invocation struct {
	command    string // -c
	hasCommand bool
	stdin      bool // -s
	forceInter bool // -i
	login      bool
	norc       bool
	noprofile  bool
	opts       []string // options to apply in order (startopts.go): "-x", "+o=trace", "-O=extglob", "-o" (list)
	rcfile     string   // --rcfile FILE, --init-file FILE: read instead of ~/.goshrc
	hasRCFile  bool
	noEditing  bool     // --noediting: the prompt reads lines without the editor
	debugger   bool     // --debugger: warned about, as bash without bashdb
	rest       []string // FILE and arguments, or -c's name and arguments
}

func parseArgs(args []string) (*invocation, error) {
	inv := &invocation{}
	// As in bash, a long option may also be written with one dash
	// (-login, -norc) before the first short option.
	longFirst := true
options:
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--" || a == "-":
			// Both end the options, as in bash.
			inv.rest = args[i+1:]
			break options
		case strings.HasPrefix(a, "--"):
			ok, err := longOption(inv, a[2:], args, &i)
			if err != nil {
				return nil, err
			}
			if !ok {
				return nil, fmt.Errorf("%s: invalid option", a)
			}
		case len(a) > 1 && (a[0] == '-' || a[0] == '+'):
			if a[0] == '-' && longFirst && len(a) > 2 {
				if ok, err := longOption(inv, a[1:], args, &i); ok || err != nil {
					if err != nil {
						return nil, err
					}
					continue
				}
			}
			longFirst = false
			for _, c := range a[1:] {
				switch {
				case c == 'o' || c == 'O':
					// -o NAME, -O NAME, also in a cluster (-eo
					// pipefail) as bash: the name is the next
					// argument; without one, -o and -O list.
					// The '=' keeps an empty NAME (-O '') from
					// being taken as no NAME.
					o := string(a[0]) + string(c)
					if name, ok := nextArg(args, &i); ok {
						o += "=" + name
					}
					inv.opts = append(inv.opts, o)
				case c == 'c' && a[0] == '-':
					inv.hasCommand = true
				case c == 's' && a[0] == '-':
					inv.stdin = true
				case c == 'i' && a[0] == '-':
					inv.forceInter = true
				case c == 'l' && a[0] == '-':
					inv.login = true
				case c == 'D' && a[0] == '-':
					return nil, errDumpStrings("-D")
				case c == 'r' && a[0] == '-':
					return nil, errRestricted("-r")
				case strings.ContainsRune("abefhkmnptuvxBCEHPT", c):
					inv.opts = append(inv.opts, string(a[0])+string(c))
				default:
					return nil, fmt.Errorf("%c%c: invalid option", a[0], c)
				}
			}
		default:
			inv.rest = args[i:]
			break options
		}
	}
	if inv.hasCommand {
		if len(inv.rest) == 0 {
			return nil, errNoUsage{"-c: option requires an argument"}
		}
		inv.command, inv.rest = inv.rest[0], inv.rest[1:]
	}
	return inv, nil
}

func main() {
	// The start-up goroutine's stack is 32 KiB already: package
	// cmd/gosh/startstack grew it before any other package's
	// initialisation, without touching the pages a start such as
	// "gosh -c true" never uses (issue 9, speed).
	os.Exit(run())
}

// runChild runs a child gosh whose snapshot is on fd (a decimal number).
func runChild(fd string) int {
	n, err := strconv.Atoi(fd)
	if err != nil || n < 0 {
		fmt.Fprintf(os.Stderr, "gosh: %s%s: not a file descriptor\n", shell.ChildFlag, fd)
		return 2
	}
	status, err := shell.RunChild(n, "/proc/self/exe")
	if err != nil {
		fmt.Fprintf(os.Stderr, "gosh: %s\n", err)
		if status == 0 {
			status = 1
		}
	}
	return status
}

func run() int {
	// The hidden first argument used by nohup: ignore SIGHUP, then execve.
	if len(os.Args) > 2 && os.Args[1] == jobs.NohupFlag {
		status, err := jobs.NohupExec(os.Args[2:])
		fmt.Fprintf(os.Stderr, "nohup: %s\n", err)
		return status
	}
	// The hidden first argument of the stand-in for a background stage
	// whose program could not start: say why, exit with the status.
	if len(os.Args) > 3 && os.Args[1] == jobs.ExecFailedFlag {
		return jobs.ExecFailed(os.Args[2:])
	}
	// The hidden first argument used for trap "" in a copy of the shell:
	// ignore the listed signals, then execve.
	if len(os.Args) > 2 && os.Args[1] == jobs.SigIgnFlag {
		if err := jobs.IgnoreExec(os.Args[2:]); err != nil {
			fmt.Fprintf(os.Stderr, "gosh: %s\n", err)
			return 126
		}
		return 0
	}
	// The hidden first argument used for a copy's ulimit: set the limits, then execve.
	if len(os.Args) > 4 && os.Args[1] == shell.RlimitsFlag {
		status, err := shell.ExecWithRlimits(os.Args[2:])
		fmt.Fprintf(os.Stderr, "gosh: %s\n", err)
		return status
	}
	// The hidden first argument used by exec: put the fds in place, then execve.
	if len(os.Args) > 3 && os.Args[1] == shell.ExecFdsFlag {
		err := shell.ExecWithFds(os.Args[2:])
		fmt.Fprintf(os.Stderr, "gosh: %s\n", err)
		if errors.Is(err, os.ErrNotExist) {
			return 127
		}
		return 126
	}
	// A child gosh, started by a shell for a background job or a pipeline
	// stage: argv is "gosh: TEXT" and the hidden flag naming the fd that
	// holds its snapshot (see shell.ChildFlag). It reads no start-up files.
	if len(os.Args) == 2 && strings.HasPrefix(os.Args[1], shell.ChildFlag) {
		return runChild(os.Args[1][len(shell.ChildFlag):])
	}
	inv, err := parseArgs(os.Args[1:])
	if err != nil {
		var bare errNoUsage
		if !errors.As(err, &bare) {
			err = fmt.Errorf("%w\n%s", err, strings.TrimSuffix(usage, "\n"))
		}
		fmt.Fprintf(os.Stderr, "gosh: %s\n", err)
		return 2
	}
	for _, o := range inv.opts {
		switch o {
		case "--help":
			fmt.Print(usage)
			return 0
		case "--version":
			fmt.Println(version)
			return 0
		}
	}
	if inv.debugger {
		// bash's words when its debugger (bashdb) is not installed.
		fmt.Fprintln(os.Stderr, "gosh: warning: cannot start debugger; debugging mode disabled")
	}
	// The shell re-executes itself (nohup, ignored signals, a script
	// without #!) through /proc/self/exe, as it starts a child gosh: the
	// very binary that runs, even if the file was replaced since. Looking
	// up its path (readlink) costs 15 us at every start; $_ and SHELL do
	// it only when they need it (issue 9, speed).
	cfg := shell.Config{Arg0: os.Args[0], Self: shell.SelfExe, OwnsProcess: true}
	cfg.Opts.Login = inv.login || strings.HasPrefix(os.Args[0], "-")
	readsStdin := !inv.hasCommand && (len(inv.rest) == 0 || inv.stdin)
	cfg.Opts.Interactive = inv.forceInter ||
		(readsStdin && term.IsTerminal(0) && term.IsTerminal(2))
	switch {
	case inv.hasCommand:
		if len(inv.rest) > 0 {
			cfg.Arg0, cfg.Params = inv.rest[0], inv.rest[1:]
		}
	case readsStdin:
		cfg.Params = inv.rest
	default:
		cfg.Arg0, cfg.Params = inv.rest[0], inv.rest[1:]
	}
	if cfg.Params == nil {
		cfg.Params = []string{}
	}
	// An untrapped fatal signal ends the shell after its EXIT trap: the
	// shell dies of the signal itself; should that fail, it exits 128+N.
	cfg.DieOfSignal = func(sig syscall.Signal) { os.Exit(128 + int(sig)) }
	sh := shell.New(cfg)
	for _, o := range inv.opts {
		if err := applyStartOption(sh, o); err != nil {
			fmt.Fprintf(os.Stderr, "gosh: %s\n", err)
			return 2
		}
	}
	if err := sh.SetupPrivileges(); err != nil {
		fmt.Fprintf(os.Stderr, "gosh: %s\n", err)
		return 1
	}
	if os.Getenv("GOSH_TRACE") == "1" {
		sh.SetOption("trace", true)
	}

	// A gosh started as sh (a link named sh, or -sh for a login) is in
	// POSIX mode once its start-up files are read, as bash.
	name := os.Args[0]
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		name = name[i+1:]
	}
	asSh := strings.TrimPrefix(name, "-") == "sh"

	var status int
	switch {
	case cfg.Opts.Interactive:
		// An interactive shell runs with the runtime's own P count: with
		// one, a signal's goroutine would wait for the runtime's monitor
		// while the prompt's reader holds the P in poll (oneproc).
		oneproc.Restore()
		status, err = sh.RunInteractive(shell.StartupFiles{
			Login: cfg.Opts.Login, NoRC: inv.norc, NoProfile: inv.noprofile,
			RCFile: inv.rcfile, HasRCFile: inv.hasRCFile, NoEditing: inv.noEditing,
			Command: inv.command, HasCommand: inv.hasCommand,
			Script: scriptArg(inv, readsStdin), Posix: asSh,
		})
	default:
		if err := sh.InitNonInteractive(); err != nil {
			fmt.Fprintf(os.Stderr, "gosh: %s\n", err)
			return 1
		}
		if cfg.Opts.Login && !inv.noprofile {
			sh.ReadProfile()
		}
		if asSh {
			sh.SetOption("posix", true)
		}
		switch {
		case inv.hasCommand:
			status, err = sh.RunCommandString(inv.command)
		case readsStdin:
			status, err = sh.RunStdin()
		default:
			status, err = sh.RunScript(inv.rest[0])
		}
		status = sh.RunExitTrap(status)
		sh.BeforeExit()
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "gosh: %s\n", err)
		if status == 0 {
			status = 1
		}
	}
	return status
}

// scriptArg is the script that gosh -i FILE runs (bash -i FILE), or "".
func scriptArg(inv *invocation, readsStdin bool) string {
	if inv.hasCommand || readsStdin {
		return ""
	}
	return inv.rest[0]
}
