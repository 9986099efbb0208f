package shell

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"syscall"

	"gosh/jobs"
	"gosh/parser"
	"gosh/shell/inputrc"
)

// Options are the shell's settable flags (set -e, set -o trace, ...).
type Options struct {
	Interactive bool // -i: prompts, job control, line editing
	Login       bool // -l or argv[0] starting with '-'
	Errexit     bool // -e: exit when a command fails
	Nounset     bool // -u: expanding an unset variable is an error
	Xtrace      bool // -x: print "+ cmd" before running it
	Notify      bool // -b: report background job changes at once
	Monitor     bool // -m: job control (each job in its own process group)
	Noclobber   bool // -C: '>' does not overwrite an existing file
	Noglob      bool // -f: no pathname expansion
	Trace       bool // -o trace: narrate system-call steps (the teaching layer)
	Allexport   bool // -a: every variable assigned is exported
	Pipefail    bool // -o pipefail: a pipeline fails if any stage fails
	Privileged  bool // -p: keep effective ids that differ from the real ones (privileges_unix.go)
	// History expansion (-H) and alias expansion (shopt expand_aliases)
	// are on in an interactive shell unless turned off, off in a script
	// unless turned on.
	HistexpandOn, HistexpandOff       bool
	ExpandAliasesOn, ExpandAliasesOff bool
	Nullglob                          bool // shopt: a pattern that matches nothing is removed
	Failglob                          bool // shopt: a pattern that matches nothing is an error
	Dotglob                           bool // shopt: patterns match names starting with '.'
	Globstar                          bool // shopt: ** matches any number of directories
	Nocaseglob                        bool // shopt: pathname expansion ignores case
	NoBraceexpand                     bool // set +B: no brace expansion (on by default)
	Verbose                           bool // -v: print input lines as they are read
	Noexec                            bool // -n: read commands, run none (ignored when interactive)
	Vi                                bool // set -o vi: vi editing keys at the prompt
	EmacsOn, EmacsOff                 bool // set -o/+o emacs (on at a prompt unless turned off)
	// History (set -o history) is on in an interactive shell unless
	// turned off, off in a script unless turned on.
	HistoryOn, HistoryOff bool
	NoHistappend          bool // shopt -u histappend: exit rewrites the history file (options.go)
	NoCheckwinsize        bool // shopt -u checkwinsize: COLUMNS and LINES are not updated
	NoHashall             bool // set +h: PATH is searched at every run, nothing is remembered (path.go)
	NoBracketedPaste      bool // bind 'set enable-bracketed-paste off': the editor does not ask for it (lineedit.go)
	Errtrace              bool // set -E: functions and subshells run the ERR trap too (trap_unix.go)
	Functrace             bool // set -T: functions and subshells run the DEBUG and RETURN traps too
	Physical              bool // set -P: cd and pwd resolve symbolic links, as with -P
	Nolog                 bool // set -o nolog: accepted and ignored, as in bash
	Keyword               bool // set -k: NAME=value anywhere in a command is an assignment for it (keyword.go)
	Onecmd                bool // set -t: the shell exits after the command it is reading (runner.go)
	// Posix is set -o posix, bash's POSIX mode (posix.go): on exactly
	// while $POSIXLY_CORRECT is set, which turning it on sets.
	Posix bool
	// Disabled lists the builtins enable -n turned off, each followed by
	// a space (" echo printf "; "" when none): kept with the options so
	// that every copy of the shell and child gosh has them, as bash's
	// subshells do (enable.go).
	Disabled string
	Shopt    ShoptOptions // the other shopt options (shopt.go)
	// Lang is set -o lang=en|ko, the language of the teaching texts; ""
	// when the locale decides (lang.go).
	Lang string
}

// Shell is the state of one gosh: variables, parameters, options and the
// job table. Subshell-like contexts (a builtin inside a pipeline, command
// substitution) run on a clone, so their changes never leak back.
type Shell struct {
	Vars    *Vars
	Params  []string // $1, $2, ...
	Arg0    string   // $0
	Status  int      // $?
	LastBg  int      // $!
	Opts    Options
	Jobs    *jobs.Table
	Aliases map[string]string
	// declTrace is the set -x line of a declaration builtin with lists
	// to assign (declare a=(1 2)), written once the builtin has traced
	// declTraceLists of them (xtrace.go); declTraceCmd names that command
	// (argvID), whose end writes it in any case (not a builtin of a $( )
	// in it).
	declTrace      string
	declTraceLists int
	declTraceCmd   *string
	// unaliased: an alias was removed, and a command substitution parsed
	// with it may need parsing again without it (substList).
	unaliased bool

	// compoundArgs are the arguments of the declaration builtin running
	// now that were written NAME=(...): only those (and a value for a
	// variable that is an array already) assign a list; declare
	// x="(1 2)" assigns the text (AssignWord).
	compoundArgs map[string]bool

	// subshell is set on clones: exit ends only the clone, job control is off.
	subshell bool
	// lastCmd is the command the shell process may replace itself with:
	// a child gosh's last command, or the last command of the -c text
	// (tailexec.go); nil elsewhere. textRead, set by RunCommandString for its reading loop,
	// reports whether the -c text has no more lines.
	lastCmd  *parser.SimpleCommand
	textRead func() bool
	// owns: the process may be replaced by the last command's program
	// (Config.OwnsProcess).
	owns bool
	// shown are the modes of the interactive shell above a child gosh,
	// which it reports ($-, set -o, $SHELLOPTS) as bash's forked
	// subshell does, without a prompt or job control of its own
	// (reportedOpts).
	shown ShownModes
	// forkedChild is set on a clone of the top-level shell: it stands for
	// a child that bash would fork, and counts as one for a trap on CHLD
	// when it ends (copyEnded).
	forkedChild bool
	// lineCopy is set on the copy running a $( ) of an interactive
	// command line (and on the copies made inside it): it runs in the
	// shell's process, which Ctrl+C reaches, as it reaches bash's forked
	// $( ), so the copy abandons the command line as the shell does
	// (abandonsLine).
	lineCopy bool
	// pid is $$: the pid of the top-level shell, also inside subshells;
	// ppid is $PPID, the pid of its parent.
	pid  int
	ppid int
	// limits are the resource limits a copy of the shell set (ulimit in
	// a copy); nil in the top-level shell, whose limits are the process's.
	limits map[int]syscall.Rlimit
	// umask is the file mode creation mask of this shell. The top-level
	// shell's is also the process's; a copy's applies to what it creates
	// and starts.
	umask int
	// umaskHeld is set while launch holds the umask for this shell
	// (withUmask): a pipeline stage's files, opened during the launch,
	// are created under it without taking it again.
	umaskHeld bool
	// lastpipeWriter, while a last stage that lastpipe runs in the shell
	// runs, is closed once the builtin stage writing into its pipe (a copy
	// on a goroutine) is done; nil otherwise. An exec of the shell waits
	// for it a moment, or the copy would end with the process unwritten
	// (lastpipe.go).
	lastpipeWriter <-chan struct{}
	// funcs are the defined functions. They travel in a Snapshot, as
	// traps (below) do.
	funcs map[string]*parser.FuncDecl
	// funcAttrs are the functions' attributes: export -f, readonly -f
	// (funcattr.go).
	funcAttrs map[string]funcAttr
	// line is the current line number ($LINENO).
	line int
	// substLines numbers the lines of the $( ) list this copy runs as
	// bash does (substlines.go); nil outside one, and in the functions,
	// . files, evals and traps it runs.
	substLines *substLines
	// compSpecs are the complete builtin's specifications by command
	// name ("-D", "-E", "-I" for complete -D, -E, -I); progcomp.go.
	compSpecs compTable
	// asyncIgnored are the signals this shell ignores without a trap
	// (trap -p does not show them) because it runs an asynchronous list
	// of a shell without job control: SIGINT and SIGQUIT (POSIX 2.11).
	// Its subshells keep them ignored (childStage, ignoreOnEntry).
	asyncIgnored []int
	// srcFile is the file whose commands are running ("" for -c, the
	// prompt), for the caller builtin.
	srcFile string
	// stdio is the user's fd table in the current context: stdio[n] is the
	// real descriptor behind fd n (-1: closed), for every n the user may
	// name, 0-255 and beyond; fdHold[n] says who holds it (fds_unix.go).
	// At top level fds 0-2 are the process's own; every other fd is a
	// descriptor gosh holds at 10 or above, close-on-exec.
	stdio  []int
	fdHold []fdHold
	// coproc is the shell's coprocess, or nil; cloexecFds are the user
	// fds that, as in bash, no program gets unless a redirection names
	// them: a coproc's (coproc.go).
	coproc     *coprocState
	cloexecFds []userFd
	// specials is the state of $RANDOM, $SECONDS, $_ and PIPESTATUS.
	specials specialVars
	// plainDynamic are the computed variables that unset made ordinary,
	// one bit each (specialvars.go dynamicBit).
	plainDynamic uint32
	// stack is bash's call stack: FUNCNAME, BASH_SOURCE, BASH_LINENO.
	stack callStack
	// self is the path of the gosh executable, for scripts without #!.
	self string
	// source is where commands come from, for $-.
	source commandSource
	// pipeBroken is set on the clone running a builtin pipeline stage: it
	// records that the stage's reader went away (see pipeStageWriter).
	pipeBroken *bool
	// hash remembers PATH search results.
	hash pathHash
	// wd caches the shell's working directory as the user sees it ($PWD).
	wd string
	// lastSubst is the status of the last command substitution.
	lastSubst int
	// procSubsts are the ends of the process substitutions of the
	// commands being run, innermost last (procsubst.go).
	procSubsts []procSubstFd
	// ctx is cancelled when Ctrl+C interrupts the running command line.
	ctx    context.Context
	cancel context.CancelFunc
	// hangup is closed when SIGHUP arrives at an interactive shell.
	hangup chan struct{}
	// mail is what the prompt's mail check remembers (mail.go).
	mail mailState
	// noEditing: gosh --noediting, the prompt has no line editor, and set
	// -o emacs or vi cannot give it one (options.go).
	noEditing bool
	// keys are the line editor's key bindings and readline variables
	// (bind, ~/.inputrc; bindkeys.go), made at first use.
	keys *inputrc.Keymap
	// flow is where the executor is: loops, function calls, set -e
	// exceptions, and the function table (function.go).
	flow flowState
	// Hooks the interactive layer attaches to.
	Hooks Hooks

	// traps is the trap table (trap.go); sigs the process's signal state,
	// shared with every copy (trap_unix.go).
	traps        Traps
	sigs         *signals
	errTrapDepth int  // > 0 while the ERR trap runs
	xtraceDepth  int  // how many $( ), eval, . and trap actions deep this runs: set -x repeats PS4's first character
	inDebugTrap  bool // the DEBUG trap is running
	inReturnTrap bool // the RETURN trap is running
	inExitTrap   bool // the EXIT trap is running, the shell ending with exitTrapFrom
	exitTrapFrom int
	// inTrapAction: a trap's action other than DEBUG's runs, and $? was
	// trapFrom when it started; a bare return in it, or in a function it
	// calls, returns that status (bash's trap_saved_exit_value).
	inTrapAction bool
	trapFrom     int
	// hotStore is the executor's reusable scratch storage (hotpath.go).
	hotStore *hotState
}

// Hooks are callbacks the interactive layer installs.
type Hooks struct {
	// History returns the history list for the history builtin and \! .
	History func() []string
	// ClearHistory empties it (history -c).
	ClearHistory func()
	// Hist is the interactive history itself, for the history and fc
	// builtins' other changes (historycmd.go); nil in a script.
	Hist *history
	// OnExit runs when the shell exits (saves history).
	OnExit func()
	// Notice shows a message that arrives while the prompt may be on the
	// screen (a set -b job report, a lab step ticking off): above the
	// prompt, which is then drawn again. It returns false when no prompt
	// is showing, and the message is written as it is.
	Notice func(msg []byte) bool
	// HeldNotice is Notice for a message that belongs after the current
	// command's output and job report (a lab step ticking off): above the
	// prompt when it is showing, otherwise kept and written just before
	// the next prompt, after the job report. It returns false when there
	// is no prompt at all (a script), and the message is written as it is.
	HeldNotice func(msg []byte) bool
	// EditLine reads a line with the interactive line editor, initial
	// already typed (read -e -i: readedit.go); nil without one.
	EditLine func(prompt, initial string) (string, error)
}

// noticeWriter is where messages from other goroutines go: the job table's
// reports and the labs' ticks. See Hooks.Notice.
type noticeWriter struct{ sh *Shell }

func (w noticeWriter) Write(p []byte) (int, error) {
	if h := w.sh.Hooks.Notice; h != nil && h(p) {
		return len(p), nil
	}
	return fdWriter(2).Write(p)
}

// Notice is the writer for asynchronous messages (builtins.Shell).
func (sh *Shell) Notice() io.Writer { return noticeWriter{sh} }

// HeldNotice is the writer for messages that must not cut into a command's
// output or land on the prompt line: see Hooks.HeldNotice.
func (sh *Shell) HeldNotice() io.Writer { return heldNoticeWriter{sh} }

type heldNoticeWriter struct{ sh *Shell }

func (w heldNoticeWriter) Write(p []byte) (int, error) {
	if h := w.sh.Hooks.HeldNotice; h != nil && h(p) {
		return len(p), nil
	}
	return fdWriter(2).Write(p)
}

// commandSource says where a shell reads its commands.
type commandSource int

const (
	sourceFile    commandSource = iota // a script
	sourceCommand                      // -c
	sourceStdin                        // standard input that is not a terminal
	sourceChild                        // a child gosh: a subshell running what its parent gave it
	sourcePrompt                       // the interactive loop: lines typed at the prompt (or given on its standard input)
)

// ExitError unwinds the interpreter when a command asks the shell to stop:
// the exit builtin, a failing command under set -e, an expansion error in a
// script. Status is the shell's exit status.
type ExitError struct{ Status int }

func (e *ExitError) Error() string { return "exit " + strconv.Itoa(e.Status) }

// ExitStatus is the status the shell (or the copy) ends with; builtins
// recognise an exit request by this method.
func (e *ExitError) ExitStatus() int { return e.Status }

// IsExit reports whether err asks the shell to exit, and with what status.
func IsExit(err error) (int, bool) {
	var e *ExitError
	if errors.As(err, &e) {
		return e.Status, true
	}
	return 0, false
}

// Config is what cmd/gosh decides before the shell starts.
type Config struct {
	Arg0   string
	Params []string
	Opts   Options
	Self   string // path of the gosh executable: a path, or SelfExe
	// DieOfSignal is called when an untrapped fatal signal ended the shell
	// (after its EXIT trap) and killing itself with the signal did not end
	// the process: it exits with 128+N. nil: the shell goes on, and on its
	// main goroutine returns an exit request with 128+N.
	DieOfSignal func(syscall.Signal)
	// OwnsProcess: the process is the shell's own (cmd/gosh), so its
	// last command may replace it by execve (tailexec.go). Off, as in a
	// test binary that runs a shell, the process is never replaced.
	OwnsProcess bool
}

// New makes a shell. The job table is created here; the caller initialises
// signals and the terminal with InitInteractive or InitNonInteractive.
func New(cfg Config) *Shell {
	sh := &Shell{
		Vars:    newVarsFromEnv(os.Environ()),
		Params:  cfg.Params,
		Arg0:    cfg.Arg0,
		Opts:    cfg.Opts,
		Aliases: map[string]string{},
		pid:     os.Getpid(),
		ppid:    os.Getppid(),
		umask:   processUmask(),
		stdio:   []int{0, 1, 2},
		fdHold:  []fdHold{fdProcess, fdProcess, fdProcess},
		self:    cfg.Self,
		owns:    cfg.OwnsProcess,
	}
	tty := -1
	if cfg.Opts.Interactive {
		tty = shellTerminal() // terminal_unix.go
	}
	sh.Opts.Monitor = sh.Opts.Monitor || cfg.Opts.Interactive
	sh.Jobs = jobs.New(jobs.Config{
		JobControl: sh.Opts.Monitor,
		TTY:        tty,
		Stderr:     noticeWriter{sh},
		Self:       cfg.Self,
		Namer:      sh,
	})
	sh.sigs = newSignals(sh, cfg.DieOfSignal)
	sh.sigs.interactive = cfg.Opts.Interactive
	sh.initVars()
	for _, msg := range sh.importFunctions(os.Environ()) {
		sh.errorf("%s", msg)
	}
	return sh
}

// initVars sets the variables every shell has.
func (sh *Shell) initVars() {
	if _, ok := sh.Vars.Get("IFS"); !ok {
		sh.Vars.Set("IFS", " \t\n")
	}
	if _, ok := sh.Vars.Get("PS2"); !ok {
		sh.Vars.Set("PS2", "> ")
	}
	if _, ok := sh.Vars.Get("PATH"); !ok {
		sh.Vars.Set("PATH", DefaultPath)
	}
	sh.Vars.Set("PPID", strconv.Itoa(sh.ppid))
	sh.initSpecialVars()
	if wd, err := os.Getwd(); err == nil {
		// os.Getwd gives $PWD itself when it names the working directory
		// (it compared the two): no need to compare them again.
		pwd, ok := sh.Vars.Get("PWD")
		if !ok || pwd != wd && !sameDir(pwd, wd) {
			pwd = wd
		}
		sh.wd = pwd
		sh.Vars.Set("PWD", pwd)
		sh.Vars.Export("PWD")
	}
	if old, ok := sh.Vars.Get("OLDPWD"); !ok || !isDir(old) {
		// As bash: OLDPWD is exported without a value ("declare -x
		// OLDPWD") until the first cd gives it one, unless the
		// environment gave it a directory.
		sh.Vars.put("OLDPWD", &Var{NoValue: true, Exported: true})
	}
}

// DefaultPath is used when PATH is unset.
const DefaultPath = "/usr/local/bin:/usr/bin:/bin:/usr/local/sbin:/usr/sbin:/sbin"

// clone makes a copy: a subshell in this process, built from a Snapshot
// of the shell (its functions copied as a table), whose changes do not
// leak back (see snapshot.go). What is not in the Snapshot is per-process
// and shared: hooks, and the process's children (the reaper's). The copy
// has a job table of its own (jobs.Table.Sub): the jobs it starts are its
// own, and it lists the shell's jobs but never waits for them, as bash's
// child for a command substitution or a pipeline's simple command does.
// A subshell "( )" or a compound stage lists none (subshellClone).
func (sh *Shell) clone() *Shell { return sh.cloneFrom(copyVars(sh.Vars)) }

// cloneFrom is clone with vars, a copy of the shell's variables, as the
// copy's. The function table is copied as a map (copyFuncs).
func (sh *Shell) cloneFrom(vars *Vars) *Shell { return sh.cloneJobs(vars, true) }

// subshellClone is clone for "( list )" and a compound command in a
// pipeline: bash's forked child empties its job table there, so the copy
// lists none of the shell's jobs.
func (sh *Shell) subshellClone() *Shell {
	c := sh.cloneJobs(copyVars(sh.Vars), false)
	c.dropCoprocFds(sh.coproc) // as bash's forked subshell closes them
	return c
}

// cloneJobs is cloneFrom; inheritJobs: the copy lists the shell's jobs.
func (sh *Shell) cloneJobs(vars *Vars, inheritJobs bool) *Shell {
	s := sh.snapshotNoFuncs()
	s.vars = vars
	sh.hot().clones++ // the copy shares the call stack's frames (hotpath.go)
	c := *sh
	c.restore(s)
	if sh.flow.frame != nil {
		c.flow.frame = copyFrames(sh.flow.frame) // with the locals each call hid
	}
	c.copyFuncs(sh)
	c.Jobs = sh.Jobs.Sub(inheritJobs)
	c.borrowAll()           // the copy sees the shell's fds; it never closes them
	c.procSubsts = nil      // the copy closes only the process substitutions it made
	c.hash = sh.hash.copy() // shared until one of them changes it (path.go)
	c.subshell = true
	c.forkedChild = !sh.subshell
	c.traps = c.traps.forSubshell() // caught signals reset, ignored ones kept
	c.specials = specialVars{}      // a subshell reseeds $RANDOM (specialvars.go)
	c.inheritRandom()
	c.coproc = nil // the shell's own: a copy never closes or reaps it
	c.inExitTrap = false
	return &c
}

// Stderr is where the shell's own messages for the current context go.
func (sh *Shell) Stderr() io.Writer { return fdWriter(sh.stdio[2]) }

// errorf prints a shell diagnostic about the command being run, after
// ErrorPrefix: "gosh: " + message, "s.sh: line 3: " + message.
func (sh *Shell) errorf(format string, args ...any) {
	io.WriteString(sh.Stderr(), jobs.ForTerminal(sh.stdio[2], sh.ErrorPrefix()+fmt.Sprintf(format, args...)+"\n"))
}

// namedErrorf prints a message that bash writes with the name but no
// line (its sys_error: a pipe that cannot be made): "s.sh: message".
func (sh *Shell) namedErrorf(format string, args ...any) {
	io.WriteString(sh.Stderr(), sh.ErrorName()+fmt.Sprintf(format, args...)+"\n")
}

// parse parses src with the shell's aliases.
func (sh *Shell) parse(src string) (*parser.File, error) {
	return parser.ParseConfig(src, parser.Config{Alias: sh.aliasLookup, HeredocEOF: sh.heredocAtEOF, Extglob: sh.extglobOn, NoComments: sh.noComments})
}

func (sh *Shell) alias(name string) (string, bool) {
	v, ok := sh.Aliases[name]
	return v, ok
}
