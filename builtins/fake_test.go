package builtins

import (
	"bytes"
	"context"
	"errors"
	"gosh/parser"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"

	"gosh/jobs"
	"gosh/shell/inputrc"
)

// fakeShell implements Shell for unit tests: plain maps for the state,
// and a record of what the builtins asked the shell to run.
type fakeShell struct {
	editorVars  map[string]string // bind 'set NAME VALUE'
	keys        *inputrc.Keymap   // bind's key bindings
	vars        map[string]*fakeVar
	params      []string
	wd          string
	opts        map[string]bool
	aliases     map[string]string
	history     []string
	histFile    string
	interactive bool
	last        int
	lastBg      int
	ctx         context.Context
	table       *jobs.Table
	notice      syncWriter // what went to Notice (lab ticks)
	umask       int
	hash        map[string]*HashEntry
	limits      map[int][2]uint64 // soft, hard
	lang        string            // set -o lang=...

	sourced  [][]string // path, then args ("<nil>" marks nil args)
	evals    []string
	ran      [][]string
	execed   [][]string
	execedAs [][]string
	execErr  error
	runState int // status RunCommand returns
}

type fakeVar struct {
	value    string
	exported bool
	readonly bool
	integer  bool
	unset    bool // declared ("readonly N") but never assigned
}

// exitRequest is the fake's unwinding error for exit.
type exitRequest struct{ status int }

func (e *exitRequest) Error() string { return "exit " + strconv.Itoa(e.status) }

func newFake(t *testing.T) *fakeShell {
	t.Helper()
	wd := t.TempDir()
	sh := &fakeShell{
		vars:       map[string]*fakeVar{},
		wd:         wd,
		opts:       map[string]bool{},
		aliases:    map[string]string{},
		ctx:        context.Background(),
		editorVars: map[string]string{"enable-bracketed-paste": "on"},
	}
	for _, n := range []string{"errexit", "nounset", "xtrace", "notify", "monitor", "noclobber", "noglob", "trace", "interactive",
		"allexport", "pipefail", "histexpand", "braceexpand", "privileged", "dotglob", "expand_aliases", "failglob", "nullglob"} {
		sh.opts[n] = false
	}
	sh.SetVar("PATH", "/usr/bin:/bin")
	sh.Export("PATH")
	sh.SetVar("HOME", wd)
	sh.Export("HOME")
	sh.SetVar("PWD", wd)
	sh.Export("PWD")
	sh.SetVar("IFS", " \t\n")
	return sh
}

func (f *fakeShell) Var(name string) (string, bool) {
	v, ok := f.vars[name]
	if !ok || v.unset {
		return "", false
	}
	return v.value, true
}

func (f *fakeShell) SetVar(name, value string) error {
	if v, ok := f.vars[name]; ok {
		if v.readonly {
			return errors.New(name + ": readonly variable")
		}
		v.value = value
		v.unset = false
		return nil
	}
	f.vars[name] = &fakeVar{value: value}
	return nil
}

func (f *fakeShell) Export(name string) {
	if v, ok := f.vars[name]; ok {
		v.exported = true
		return
	}
	f.vars[name] = &fakeVar{exported: true}
}

func (f *fakeShell) Unset(name string) error {
	if v, ok := f.vars[name]; ok && v.readonly {
		return errors.New(name + ": readonly variable")
	}
	delete(f.vars, name)
	return nil
}

func (f *fakeShell) VarNames() []string {
	var names []string
	for n := range f.vars {
		names = append(names, n)
	}
	return names // unsorted on purpose: the builtins sort
}

func (f *fakeShell) IsExported(name string) bool {
	v, ok := f.vars[name]
	return ok && v.exported
}

func (f *fakeShell) SetReadOnly(name string) {
	if v, ok := f.vars[name]; ok {
		v.readonly = true
		return
	}
	f.vars[name] = &fakeVar{readonly: true, unset: true}
}

func (f *fakeShell) IsReadOnly(name string) bool {
	v, ok := f.vars[name]
	return ok && v.readonly
}

// Hashed lists the fake's hash table, sorted by name.
func (f *fakeShell) Hashed() []HashEntry {
	var list []HashEntry
	for _, e := range f.hash {
		list = append(list, *e)
	}
	sort.Slice(list, func(i, j int) bool { return list[i].Name < list[j].Name })
	return list
}

// Hash remembers name's program on the fake's PATH, with no hits.
func (f *fakeShell) Hash(name string) (string, bool) {
	kind, path := f.LookPath(name)
	if kind != KindFile {
		delete(f.hash, name)
		return "", false
	}
	if f.hash == nil {
		f.hash = map[string]*HashEntry{}
	}
	f.hash[name] = &HashEntry{Name: name, Path: path}
	return path, true
}

func (f *fakeShell) Unhash(name string) bool {
	_, ok := f.hash[name]
	delete(f.hash, name)
	return ok
}

func (f *fakeShell) ClearHash()        { f.hash = nil }
func (f *fakeShell) Umask() int        { return f.umask }
func (f *fakeShell) SetUmask(mask int) { f.umask = mask }
func (f *fakeShell) UserFd(n int) int  { return n }

func (f *fakeShell) Positional() []string        { return f.params }
func (f *fakeShell) SetPositional(args []string) { f.params = args }
func (f *fakeShell) ScriptName() string          { return "gosh" }

func (f *fakeShell) Chdir(dir string) error {
	target := dir
	if !filepath.IsAbs(target) {
		target = filepath.Join(f.wd, target)
	}
	target = filepath.Clean(target)
	st, err := os.Stat(target)
	if err != nil {
		return err
	}
	if !st.IsDir() {
		return &os.PathError{Op: "chdir", Path: dir, Err: syscall.ENOTDIR}
	}
	f.SetVar("OLDPWD", f.wd)
	f.Export("OLDPWD")
	f.wd = target
	f.SetVar("PWD", target)
	return nil
}

func (f *fakeShell) Getwd() string { return f.wd }

func (f *fakeShell) Option(name string) (bool, bool) {
	on, ok := f.opts[name]
	return on, ok
}

func (f *fakeShell) SetOption(name string, on bool) error {
	if l, ok := strings.CutPrefix(name, "lang="); ok {
		if !KnownLang(l) {
			return errors.New(name + ": unknown language")
		}
		f.lang = l
		return nil
	}
	if name == "lang" && !on {
		f.lang = ""
		return nil
	}
	if _, ok := f.opts[name]; !ok {
		return errors.New(name + ": invalid option name")
	}
	f.opts[name] = on
	return nil
}

func (f *fakeShell) FlagString() string { return "" }

func (f *fakeShell) OptionValue(name string) (string, bool) {
	if name == "lang" {
		return f.lang, true
	}
	return "", false
}

// Lang imitates shell.Shell.Lang (shell/lang.go, which has the unit
// tests of the rule): set -o lang, else LC_ALL, LC_MESSAGES, LANG.
func (f *fakeShell) Lang() string {
	if f.lang != "" {
		return f.lang
	}
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v, _ := f.Var(name); v != "" {
			if strings.HasPrefix(v, "ko") {
				return "ko"
			}
			return "en"
		}
	}
	return "en"
}
func (f *fakeShell) ShoptNames() []string {
	return []string{"dotglob", "expand_aliases", "failglob", "nullglob"}
}

func (f *fakeShell) OptionNames() []string {
	var names []string
	for n := range f.opts {
		if !slices.Contains(f.ShoptNames(), n) {
			names = append(names, n)
		}
	}
	return names
}

func (f *fakeShell) Source(path, name string, args []string, io IO) (int, error) {
	rec := []string{path}
	if args == nil {
		rec = append(rec, "<nil>")
	}
	f.sourced = append(f.sourced, append(rec, args...))
	return 0, nil
}

func (f *fakeShell) Eval(src string, io IO) (int, error) {
	f.evals = append(f.evals, src)
	return 0, nil
}

func (f *fakeShell) RunCommand(argv []string, io IO, noBuiltins bool) (int, error) {
	f.ran = append(f.ran, argv)
	return f.runState, nil
}

func (f *fakeShell) Exec(argv []string, io IO) error {
	f.execed = append(f.execed, argv)
	return f.execErr
}

// ExecAs records argv with argv0 in front (and "-c" before it for a
// clean environment) in execedAs.
func (f *fakeShell) ExecAs(argv []string, io IO, argv0 string, cleanEnv bool) error {
	rec := append([]string{argv0}, argv...)
	if cleanEnv {
		rec = append([]string{"-c"}, rec...)
	}
	f.execedAs = append(f.execedAs, rec)
	return f.execErr
}

func (f *fakeShell) ExitRequest(status int) error { return &exitRequest{status} }

// LookPath resolves as the real shell does: alias, builtin, then $PATH.
func (f *fakeShell) LookPath(name string) (Kind, string) {
	if v, ok := f.aliases[name]; ok && f.opts["expand_aliases"] {
		return KindAlias, v // as shell.Shell.LookPath: only where aliases are expanded
	}
	if _, ok := Lookup(name); ok {
		return KindBuiltin, name
	}
	if strings.Contains(name, "/") {
		if isExecutable(name) {
			return KindFile, name
		}
		return NotFound, ""
	}
	path, _ := f.Var("PATH")
	for _, dir := range strings.Split(path, ":") {
		if p := filepath.Join(dir, name); isExecutable(p) {
			return KindFile, p
		}
	}
	return NotFound, ""
}

func (f *fakeShell) Alias(name string) (string, bool) {
	v, ok := f.aliases[name]
	return v, ok
}
func (f *fakeShell) SetAlias(name, value string) { f.aliases[name] = value }
func (f *fakeShell) Unalias(name string) bool {
	_, ok := f.aliases[name]
	delete(f.aliases, name)
	return ok
}
func (f *fakeShell) AliasNames() []string {
	var names []string
	for n := range f.aliases {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

func (f *fakeShell) History() []string { return f.history }
func (f *fakeShell) ClearHistory()     { f.history = nil }

// HistoryEditor is nil unless the test made the fake interactive.
func (f *fakeShell) HistoryEditor() HistoryEditor {
	if !f.interactive {
		return nil
	}
	return (*fakeHistory)(f)
}

// fakeHistory edits the fake's history list; its file is histFile.
type fakeHistory fakeShell

func (h *fakeHistory) Delete(from, to int) bool {
	if from < 1 || to > len(h.history) || from > to {
		return false
	}
	h.history = append(h.history[:from-1:from-1], h.history[to:]...)
	return true
}
func (h *fakeHistory) Add(entry string) { h.history = append(h.history, entry) }
func (h *fakeHistory) ReplaceLast(entry string) {
	if len(h.history) == 0 {
		h.history = []string{entry}
		return
	}
	h.history[len(h.history)-1] = entry
}
func (h *fakeHistory) File() string { return h.histFile }
func (h *fakeHistory) Write(path string) error {
	return os.WriteFile(path, []byte(strings.Join(h.history, "\n")+"\n"), 0o600)
}
func (h *fakeHistory) Read(path string) error {
	data, err := os.ReadFile(path)
	if err == nil {
		h.history = append(h.history, strings.Fields(strings.ReplaceAll(string(data), " ", "_"))...)
	}
	return err
}
func (h *fakeHistory) Append(path string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return err
	}
	f.WriteString("appended\n")
	return f.Close()
}

func (f *fakeShell) ShellPid() int { return os.Getpid() }
func (f *fakeShell) Extglob() bool { return f.opts["extglob"] }

func (f *fakeShell) JobTable() *jobs.Table {
	if f.table == nil {
		f.table = jobs.New(jobs.Config{TTY: -1})
	}
	return f.table
}
func (f *fakeShell) Interactive() bool { return f.interactive }

func (f *fakeShell) EditorVar(name string) (string, bool) {
	v, ok := f.editorVars[name]
	return v, ok
}

func (f *fakeShell) SetEditorVar(name, value string) bool {
	if _, ok := f.editorVars[name]; !ok {
		return false
	}
	f.editorVars[name] = value
	return true
}

// The fake's key bindings: a Keymap of its own, and lines applied to it
// as the shell does for everything but editing-mode.
func (f *fakeShell) Keymap() *inputrc.Keymap {
	if f.keys == nil {
		f.keys = &inputrc.Keymap{}
	}
	return f.keys
}

func (f *fakeShell) ApplyEditorLine(l inputrc.Line) error {
	switch l.Kind {
	case inputrc.Function:
		return f.Keymap().Bind(inputrc.Binding{Keys: l.Keys, Func: l.Func})
	case inputrc.Macro:
		return f.Keymap().Bind(inputrc.Binding{Keys: l.Keys, Macro: l.Text, IsMacro: true})
	case inputrc.Set:
		if f.SetEditorVar(l.Name, l.Value) {
			return nil
		}
		return f.Keymap().SetVar(l.Name, l.Value)
	}
	return nil
}

func (f *fakeShell) InitReader() *inputrc.Reader {
	return &inputrc.Reader{Mode: "emacs", Apply: f.ApplyEditorLine}
}

func (f *fakeShell) EditorVars() map[string]string { return f.editorVars }

func (f *fakeShell) LastStatus() int          { return f.last }
func (f *fakeShell) SetLastBg(pid int)        { f.lastBg = pid }
func (f *fakeShell) Context() context.Context { return f.ctx }
func (f *fakeShell) Notice() io.Writer        { return &f.notice }

// Decide stands in for the shell's rule (needsProcess in package shell,
// tested there): a background list is a child unless it is one pipeline
// of programs; a builtin stage is in the shell alone, a child in a
// pipeline under job control, else a copy.
func (f *fakeShell) Decide(node any, site Site) Decision {
	isBuiltin := func(c parser.Command) bool {
		sc, ok := c.(*parser.SimpleCommand)
		if !ok || len(sc.Args) == 0 {
			return ok
		}
		name, lit := sc.Args[0].Literal()
		_, b := Lookup(name)
		return lit && b && name != "nohup"
	}
	if ao, ok := node.(*parser.AndOr); ok {
		if len(ao.Rest) > 0 {
			return Decision{Place: Child, Reason: jobs.Msg{En: "an and-or list in the background is one job", Ko: "백그라운드의 and-or 목록은 하나의 작업이다"}}
		}
		for _, c := range ao.First.Cmds {
			if isBuiltin(c) {
				return Decision{Place: Child, Reason: jobs.Msg{En: "a builtin in the background needs a process of its own", Ko: "백그라운드의 builtin에는 자기 프로세스가 필요하다"}}
			}
		}
		return Decision{Place: Program, Reason: jobs.Msg{En: "a background pipeline of programs", Ko: "프로그램들의 백그라운드 파이프라인"}}
	}
	c := node.(parser.Command)
	switch {
	case !isBuiltin(c):
		return Decision{Place: Program, Reason: jobs.Msg{En: "a program", Ko: "프로그램"}}
	case site.Stages <= 1:
		return Decision{Place: InShell, Reason: jobs.Msg{En: "a lone builtin runs in the shell itself", Ko: "혼자인 builtin은 셸 자신 안에서 실행된다"}}
	case f.JobTable().JobControl() && !site.InChild:
		return Decision{Place: Child, Reason: jobs.Msg{En: "under job control every stage is a process in the job's group", Ko: "작업 제어 아래에서는 모든 단계가 작업의 그룹에 속한 프로세스다"}}
	}
	return Decision{Place: Copy, Reason: jobs.Msg{En: "without job control a copy runs it", Ko: "작업 제어가 없으면 사본이 실행한다"}}
}

func (f *fakeShell) SetInteger(name string, on bool) {
	f.DeclareVar(name)
	f.vars[name].integer = on
}
func (f *fakeShell) IsInteger(name string) bool { v, ok := f.vars[name]; return ok && v.integer }
func (f *fakeShell) DeclareVar(name string) {
	if _, ok := f.vars[name]; !ok {
		f.vars[name] = &fakeVar{unset: true}
	}
}
func (f *fakeShell) Unexport(name string) {
	if v, ok := f.vars[name]; ok {
		v.exported = false
	}
}

// Arith understands just enough for the let tests: NAME=EXPR assigns,
// then a decimal number or a variable's value; anything else is an error
// worded as the shell's.
func (f *fakeShell) Arith(expr string) (int64, error) {
	expr = strings.TrimSpace(expr)
	if name, rhs, ok := strings.Cut(expr, "="); ok && isName(name) {
		v, err := f.Arith(rhs)
		if err == nil {
			f.SetVar(name, strconv.FormatInt(v, 10))
		}
		return v, err
	}
	if expr == "" {
		return 0, nil
	}
	if isName(expr) {
		v, _ := f.Var(expr)
		if v == "" {
			return 0, nil
		}
		return f.Arith(v)
	}
	n, err := strconv.ParseInt(expr, 10, 64)
	if err != nil {
		return 0, errors.New(expr + ": syntax error in expression")
	}
	return n, nil
}

func (f *fakeShell) Rlimit(resource int) (uint64, uint64, error) {
	if l, ok := f.limits[resource]; ok {
		return l[0], l[1], nil
	}
	return RlimInfinity, RlimInfinity, nil
}

func (f *fakeShell) SetRlimit(resource int, soft, hard uint64) error {
	if f.limits == nil {
		f.limits = map[int][2]uint64{}
	}
	_, oldHard, _ := f.Rlimit(resource)
	if hard > oldHard || soft > hard {
		return syscall.EPERM
	}
	f.limits[resource] = [2]uint64{soft, hard}
	return nil
}

// result is what one builtin run produced.
type result struct {
	status int
	err    error
	out    string
	errOut string
}

// run runs argv's builtin on sh with stdin as its input.
func run(t *testing.T, sh *fakeShell, stdin string, argv ...string) result {
	t.Helper()
	b, ok := Lookup(argv[0])
	if !ok {
		t.Fatalf("no builtin %q", argv[0])
	}
	var out, errOut bytes.Buffer
	io := IO{In: strings.NewReader(stdin), Out: &out, Err: &errOut, InFd: -1, OutFd: -1, ErrFd: -1}
	st, err := b.Call(sh, io, argv)
	return result{st, err, out.String(), errOut.String()}
}

// check compares a result with the expected status, stdout and stderr.
func check(t *testing.T, name string, got result, status int, out, errOut string) {
	t.Helper()
	if got.status != status || got.out != out || got.errOut != errOut {
		t.Errorf("%s:\n got status %d, out %q, err %q\nwant status %d, out %q, err %q",
			name, got.status, got.out, got.errOut, status, out, errOut)
	}
	if _, isExit := got.err.(*exitRequest); got.err != nil && !isExit {
		t.Errorf("%s: unexpected error %v", name, got.err)
	}
}

var errEPIPE error = syscall.EPIPE

// syncWriter collects writes from several goroutines (lab ticks come from
// the job table's reaper).
type syncWriter struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (w *syncWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.Write(p)
}

func (w *syncWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

// Arrays: the fake keeps indexed arrays as plain lists, enough for the
// builtins that set or read them (read -a).
var fakeArrays = map[*fakeShell]map[string][]string{}

func (f *fakeShell) arrays() map[string][]string {
	if fakeArrays[f] == nil {
		fakeArrays[f] = map[string][]string{}
	}
	return fakeArrays[f]
}

func (f *fakeShell) SetArray(name string, values []string) error {
	f.arrays()[name] = append([]string(nil), values...)
	return nil
}

func (f *fakeShell) GetArray(name string) ([]string, bool) {
	if a, ok := f.arrays()[name]; ok {
		return a, true
	}
	if v, ok := f.Var(name); ok {
		return []string{v}, true
	}
	return nil, false
}

func (f *fakeShell) ArrayKeys(name string) ([]string, bool) {
	a, ok := f.GetArray(name)
	keys := make([]string, len(a))
	for i := range a {
		keys[i] = strconv.Itoa(i)
	}
	return keys, ok
}

func (f *fakeShell) DeclareArray(name string, assoc bool) error {
	if _, ok := f.arrays()[name]; !ok {
		f.arrays()[name] = nil
	}
	return nil
}

func (f *fakeShell) ArrayKind(name string) (indexed, assoc bool) {
	_, ok := f.arrays()[name]
	return ok, false
}

func (f *fakeShell) AssignWord(arg string) error {
	name, value, _ := strings.Cut(arg, "=")
	return f.SetVar(name, value)
}
