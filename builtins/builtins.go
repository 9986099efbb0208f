package builtins

import (
	"context"
	"io"
	"sort"

	"gosh/jobs"
	"gosh/shell/inputrc"
)

// IO is what a builtin reads and writes: the command's fds 0, 1 and 2 after
// its redirections. A builtin's redirections never touch the shell's own
// descriptors: In/Out/Err are views of the descriptors in InFd/OutFd/ErrFd.
type IO struct {
	In    io.Reader
	Out   io.Writer
	Err   io.Writer
	InFd  int
	OutFd int
	ErrFd int
	// Prefix is the shell, which decides what the builtin's messages
	// start with (nil: "gosh: ").
	Prefix Prefixer
	// Traced: the line that runs this command was traced already (set
	// -x): Shell.RunCommand does not trace the command again ("command
	// true" shows "+ command true", not also "+ true", as in bash).
	Traced bool
}

// Prefixer gives the start of a message about the command being run:
// "gosh: " in an interactive shell, "s.sh: line 3: " in a script (bash's
// name and line, as the shell decides them).
type Prefixer interface{ ErrorPrefix() string }

// ErrPrefix is what the builtin's messages start with.
func (io IO) ErrPrefix() string {
	if io.Prefix == nil {
		return "gosh: "
	}
	return io.Prefix.ErrorPrefix()
}

// Func runs a builtin. args[0] is the builtin's name. The status is the
// command's exit status; a non-nil error is control flow that must unwind
// the interpreter (exit, or a fatal error in a script), never a failure
// that the builtin could report itself.
type Func func(sh Shell, io IO, args []string) (status int, err error)

// Builtin describes one command that runs inside the shell process, without
// a fork: it must, because it changes the shell itself (cd, exit, export,
// fg), or because it is cheaper (echo, true).
type Builtin struct {
	Name     string
	Synopsis string // usage line, e.g. "cd [-|dir]"
	Summary  string // one line for `help`
	Help     string // longer description for `help NAME`
	Run      Func
	// Special builtins (POSIX 2.14, and source as in bash): in POSIX
	// mode (set -o posix) they keep the variable assignments written
	// before them, an error in them exits a non-interactive shell, no
	// function may take their names, and they are found before functions
	// (shell/posix.go).
	Special bool
	// ReadsInput marks builtins that may read their standard input, or
	// run commands that do (read, eval, source, command, exec). Under job
	// control such a builtin, as a pipeline stage reading the terminal,
	// runs in a process of its own that belongs to the foreground group.
	ReadsInput bool
}

// builtinSets lists every builtin, one set per file, each a package-level
// table that the compiler lays out as data: no builtin is made or
// registered while gosh starts (issue 9: every start, each child gosh
// too, used to build the 100 of them and a closure for each, 0.04-0.06
// ms). The list is filled in init, as the builtins refer to it (usage
// lines, help).
var builtinSets [30][]*Builtin

func init() {
	builtinSets = [...][]*Builtin{
		aliasBuiltins, bindBuiltins, callerBuiltins, completeBuiltins, compoptBuiltins,
		coreBuiltins, declareBuiltins, dirsBuiltins, enableBuiltins, envBuiltins,
		explainBuiltins, fcBuiltins, flowBuiltins, getoptsBuiltins,
		helpBuiltins, historyBuiltins, jobsBuiltins, labBuiltins,
		letBuiltins, mapfileBuiltins, printfBuiltins, procsBuiltins,
		ptreeBuiltins, readBuiltins, runBuiltins, shoptBuiltins,
		testBuiltins, timelineBuiltins, trapBuiltins, ulimitBuiltins,
	}
}

// Lookup finds a builtin by name. It reads the sets in turn, about 100
// names, where a map would have to be built first; the shell keeps what
// it found for each name of its commands (lookupBuiltin), so this runs
// once per name.
func Lookup(name string) (*Builtin, bool) {
	for _, set := range builtinSets {
		for _, b := range set {
			if b.Name == name {
				return b, true
			}
		}
	}
	return nil, false
}

// All lists every builtin, sorted by name.
func All() []*Builtin {
	var out []*Builtin
	for _, set := range builtinSets {
		out = append(out, set...)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Call runs the builtin so that an active lab sees it run (lab.go). The
// shell runs every builtin through it.
func (b *Builtin) Call(sh Shell, io IO, args []string) (int, error) {
	return runObserved(b.Name, b.Run, sh, io, args)
}

// Kind is what a command name resolves to, as `type` reports it.
type Kind int

const (
	NotFound Kind = iota
	KindAlias
	KindBuiltin
	KindFile
)

// HashEntry is one command in the shell's hash table: the program PATH
// search found for Name, and how many times the shell ran it since.
type HashEntry struct {
	Name string
	Path string
	Hits int
}

// Shell is everything a builtin may see or change of the shell that runs
// it. *shell.Shell implements it. Keeping it an interface makes the
// boundary explicit: this is the whole of what "runs inside the shell"
// means.
type Shell interface {
	// Variables.
	Var(name string) (string, bool)
	SetVar(name, value string) error
	Export(name string)
	Unset(name string) error
	VarNames() []string
	IsExported(name string) bool
	// SetReadOnly marks a variable read-only (creating it unset if need
	// be): from then on SetVar and Unset refuse it.
	SetReadOnly(name string)
	IsReadOnly(name string) bool
	// Positional parameters $1... and $0.
	Positional() []string
	SetPositional(args []string)

	// Arrays (bash). SetArray makes name an indexed array of values (read
	// -a). GetArray gives an array's values in index order, ArrayKeys its
	// indices or keys (a string variable is an array of one). DeclareArray
	// makes name an empty indexed or associative array unless it is one
	// (declare -a, -A); ArrayKind tells which it is. AssignWord performs a
	// declaration argument NAME=value, NAME+=value, NAME[sub]=value or
	// NAME=(...) as an assignment would (declare, local, readonly). Unset
	// also takes NAME[sub], removing one element.
	SetArray(name string, values []string) error
	GetArray(name string) ([]string, bool)
	ArrayKeys(name string) ([]string, bool)
	DeclareArray(name string, assoc bool) error
	ArrayKind(name string) (indexed, assoc bool)
	AssignWord(arg string) error
	// Attributes for declare: -i makes every value assigned an arithmetic
	// expression (SetInteger, IsInteger); DeclareVar declares a name
	// without a value (declare x); Unexport is +x.
	SetInteger(name string, on bool)
	IsInteger(name string) bool
	DeclareVar(name string)
	Unexport(name string)
	ScriptName() string

	// Working directory: Chdir changes it and updates PWD and OLDPWD (its
	// error is a *WdUnnamed when it changed it to a directory getcwd(3)
	// cannot name, one that was removed).
	Chdir(dir string) error
	Getwd() string

	// Options, by their set -o names (errexit, nounset, xtrace, notify,
	// monitor, noclobber, noglob, trace, interactive) and $- letters.
	Option(name string) (on bool, ok bool)
	SetOption(name string, on bool) error
	// EditorVar and SetEditorVar read and set a readline variable that
	// gosh's line editor honours besides editing-mode (bind 'set NAME
	// VALUE'): enable-bracketed-paste. ok is false for any other name.
	EditorVar(name string) (value string, ok bool)
	SetEditorVar(name, value string) (ok bool)
	// Keymap is the line editor's key bindings and readline variables
	// (bind); ApplyEditorLine performs one line of init-file syntax,
	// InitReader reads init files that way, and EditorVars are the
	// variables the shell keeps itself (editing-mode,
	// enable-bracketed-paste), for bind -v.
	Keymap() *inputrc.Keymap
	ApplyEditorLine(l inputrc.Line) error
	InitReader() *inputrc.Reader
	EditorVars() map[string]string
	FlagString() string
	OptionNames() []string
	// ShoptNames lists the options of the shopt builtin (nullglob, ...),
	// which Option and SetOption also take.
	ShoptNames() []string
	// OptionValue is the value of a set -o option that takes one (set -o
	// lang=ko; SetOption takes "lang=ko"): "" when it is not set; ok is
	// false for an option that is only on or off.
	OptionValue(name string) (value string, ok bool)
	// Lang is the language of every teaching text, "en" or "ko": set -o
	// lang when set, else the locale (LC_ALL, LC_MESSAGES, LANG). A
	// builtin's --lang overrides it for one command (resolveLang).
	Lang() string

	// Running code: source a file (path is where it was found, name the
	// file as the user wrote it, for BASH_SOURCE), evaluate a string, run
	// argv as a command (skipping aliases; builtins unless noBuiltins),
	// replace the shell with a program.
	Source(path, name string, args []string, io IO) (int, error)
	Eval(src string, io IO) (int, error)
	RunCommand(argv []string, io IO, noBuiltins bool) (int, error)
	// Exec replaces the shell process with argv (the exec builtin).
	Exec(argv []string, io IO) error
	// ExecAs is Exec for exec -a NAME, -c and -l: the program gets argv0
	// (when not "") as its argv[0], and no environment with cleanEnv.
	ExecAs(argv []string, io IO, argv0 string, cleanEnv bool) error
	// ExitRequest asks the shell to exit with status; the returned error unwinds.
	ExitRequest(status int) error
	// LookPath resolves a command name the way the shell would run it.
	LookPath(name string) (Kind, string)

	// The command hash table: where PATH search found each program the
	// shell ran, so that the next run skips the search (the hash builtin).
	// Hashed lists it, sorted by name; Hash searches PATH for name now and
	// remembers the result with no hits; Unhash forgets one name and
	// ClearHash every name.
	Hashed() []HashEntry
	Hash(name string) (path string, ok bool)
	Unhash(name string) bool
	ClearHash()

	// Umask is the shell's file mode creation mask, which every child
	// inherits across fork and exec. SetUmask changes it: the process's
	// in the top-level shell; in a copy of the shell (a builtin pipeline
	// stage, a command substitution) only the copy's own, which applies
	// to what the copy creates and starts.
	Umask() int
	SetUmask(mask int)

	// UserFd is the descriptor behind the user's fd n (read -u n), or -1
	// when n is closed: the user's fd table is virtual, so fd n of the
	// process may be something else entirely.
	UserFd(n int) int

	// Aliases.
	Alias(name string) (string, bool)
	SetAlias(name, value string)
	Unalias(name string) bool
	AliasNames() []string

	// History, when the shell is interactive.
	History() []string
	ClearHistory()
	// HistoryEditor changes the history list and file (history -d -s -w
	// -r -a, fc); nil when the shell is not interactive.
	HistoryEditor() HistoryEditor

	// The job table, owned by package jobs.
	JobTable() *jobs.Table
	// Extglob reports whether shopt extglob is on: explain parses a line
	// as the shell would.
	Extglob() bool
	// ShellPid is $$: the pid of the shell the user runs, also when the
	// builtin runs in a copy of it or in a child gosh (a pipeline stage).
	ShellPid() int
	Interactive() bool
	// LastStatus is $?.
	LastStatus() int
	// SetLastBg records $! (for nohup ... &).
	SetLastBg(pid int)
	// Context is cancelled when the user presses Ctrl+C while a builtin
	// waits (wait, read).
	Context() context.Context
	// Decide is the shell's one rule for where a command runs (shell
	// needsProcess): node is a *parser.AndOr ended by '&' (with
	// site.Background) or a parser.Command, one stage of a pipeline.
	// explain prints its answer.
	Decide(node any, site Site) Decision
	// Notice is where a message from another goroutine goes (a lab step
	// ticking off): above the prompt when one is showing, so that the
	// prompt is drawn again instead of being overwritten.
	Notice() io.Writer

	// Arith evaluates an arithmetic expression as $((...)) does (let).
	Arith(expr string) (int64, error)
	// Rlimit reads a resource limit (RLIMIT_*) as the shell's children
	// inherit it, and SetRlimit changes it (ulimit): the process's in the
	// top-level shell, only the copy's own (for the processes it starts)
	// in a copy of the shell. RlimInfinity is unlimited.
	Rlimit(resource int) (soft, hard uint64, err error)
	SetRlimit(resource int, soft, hard uint64) error
}

// HistoryEditor changes the interactive shell's history. Entries are
// numbered from 1, oldest first, as History lists them.
type HistoryEditor interface {
	Delete(from, to int) bool // remove entries from..to
	Add(entry string)         // store an entry, as if typed
	ReplaceLast(entry string) // put entry in place of the newest
	File() string             // $HISTFILE
	Write(path string) error  // replace the file with the list
	Read(path string) error   // append the file's entries to the list
	Append(path string) error // add this session's entries to the file
}

// RlimInfinity is the value of an unlimited resource limit.
const RlimInfinity = ^uint64(0)
