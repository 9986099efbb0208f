package tests

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
	"unsafe"

	"github.com/creack/pty"
	"golang.org/x/sys/unix"
)

// goshBin is the gosh binary built by TestMain; repoRoot is the module root.
// If the build failed, goshBuildErr says why and every test that needs gosh
// fails with it (tests of the harness itself, run against bash, still run).
var (
	goshBin      string
	goshBuildErr error
	repoRoot     string
	binDir       string
)

// The prompts every pty session sets through the environment, so a test can
// tell when the shell is waiting for a line.
const (
	promptPS1 = "PROMPT$ "
	promptPS2 = "MORE> "
)

// Default deadlines. The machine may be slow and busy: these are upper
// bounds for polling, not waits.
const (
	runTimeout    = 20 * time.Second
	expectTimeout = 10 * time.Second
)

// widenParallel lets twice as many of the parallel cases (the
// differential corpus, thousands of short runs of bash and gosh) run at
// once as go test's default of one per CPU, unless -test.parallel was
// given: a case spends about half its time waiting (process starts,
// sleeps in the scripts), so the CPUs sat idle. Measured here with 2 CPUs
// under load 14: the compat corpus took 37 s at 2 and 23 s at 6, the
// same CPU time. Not more: the corpus has cases whose timing a loaded
// machine can upset.
func widenParallel() {
	flag.Parse()
	given := false
	flag.Visit(func(f *flag.Flag) { given = given || f.Name == "test.parallel" })
	if !given {
		flag.Set("test.parallel", strconv.Itoa(2*runtime.GOMAXPROCS(0)))
	}
}

func TestMain(m *testing.M) {
	os.Exit(testMain(m))
}

func testMain(m *testing.M) int {
	widenParallel()
	wd, err := os.Getwd()
	if err != nil {
		fmt.Fprintln(os.Stderr, "tests:", err)
		return 1
	}
	repoRoot = filepath.Dir(wd)
	if _, err := os.Stat(filepath.Join(repoRoot, "go.mod")); err != nil {
		fmt.Fprintf(os.Stderr, "tests: cannot find the repository root from %s: %v\n", wd, err)
		return 1
	}
	binDir, err = os.MkdirTemp("", "gosh-tests-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "tests:", err)
		return 1
	}
	defer os.RemoveAll(binDir)
	goshBin = filepath.Join(binDir, "gosh")
	// Built as users build it, with a plain go build (static: gosh needs no
	// cgo; TestStaticBinary checks), so that the tests and benchmarks run
	// the binary users run as their shell.
	build := exec.Command("go", "build", "-o", goshBin, "./cmd/gosh")
	build.Dir = repoRoot
	if out, err := build.CombinedOutput(); err != nil {
		goshBuildErr = fmt.Errorf("go build ./cmd/gosh failed: %v\n%s", err, out)
		fmt.Fprintln(os.Stderr, "tests:", goshBuildErr)
	}
	if err := defaultSignals(); err != nil {
		fmt.Fprintln(os.Stderr, "tests: restoring default signal actions:", err)
		return 1
	}
	// Orphans of the shells we start (a background job still running when
	// gosh exits, a nohup job after a hangup) are re-parented to us rather
	// than to an init that may never reap them. Sessions reap them on close.
	closeOnExecInherited()
	if err := unix.Prctl(unix.PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0); err != nil {
		fmt.Fprintln(os.Stderr, "tests: PR_SET_CHILD_SUBREAPER:", err)
		return 1
	}
	return m.Run()
}

// closeOnExecInherited marks every fd above 2 close-on-exec. Go opens its
// own fds that way, but fds the test binary inherited from whoever started
// it (a CI runner, an editor) are not, and would leak into every shell we
// start and from there into its children, spoiling the tests that check
// that children see only fds 0, 1 and 2.
func closeOnExecInherited() {
	ents, _ := os.ReadDir("/proc/self/fd")
	for _, e := range ents {
		if fd, err := strconv.Atoi(e.Name()); err == nil && fd > 2 {
			unix.FcntlInt(uintptr(fd), unix.F_SETFD, unix.FD_CLOEXEC)
		}
	}
}

// defaultSignals gives SIGHUP and SIGINT back their default action when the
// test binary inherited them ignored: started under nohup, or as a
// background job of a non-interactive shell (`bash .ci/run &`, a CI
// script), which ignores SIGINT and SIGQUIT in its asynchronous commands.
// Every shell we start inherits our dispositions, and a shell that starts
// with a signal ignored keeps it ignored, as bash does: a script would not
// die of SIGINT, a hangup would not end a session, and the signal tests
// would fail for a reason outside gosh. Go's runtime keeps an inherited
// SIG_IGN for these two signals only; it catches the others itself, and
// caught signals reach an exec'd child with their default action.
func defaultSignals() error {
	for _, sig := range []syscall.Signal{syscall.SIGHUP, syscall.SIGINT} {
		if !signal.Ignored(sig) {
			continue
		}
		// A zero struct sigaction: SIG_DFL, no flags, an empty mask.
		var act [4]uint64
		if _, _, errno := unix.RawSyscall6(unix.SYS_RT_SIGACTION, uintptr(sig),
			uintptr(unsafe.Pointer(&act)), 0, 8, 0, 0); errno != 0 {
			return fmt.Errorf("rt_sigaction(%v, SIG_DFL): %w", sig, errno)
		}
	}
	return nil
}

// requireGosh returns the gosh binary, or fails the test if it did not build.
func requireGosh(t testing.TB) string {
	t.Helper()
	if goshBuildErr != nil {
		t.Fatal(goshBuildErr)
	}
	return goshBin
}

// helperBuilds caches helper programs built from tests/testdata/NAME.
var helperBuilds sync.Map // name -> *helperBuild

type helperBuild struct {
	once sync.Once
	path string
	err  error
}

// buildHelper builds the small program in tests/testdata/NAME (once per test
// run) and returns the path of the binary.
func buildHelper(t testing.TB, name string) string {
	t.Helper()
	v, _ := helperBuilds.LoadOrStore(name, &helperBuild{})
	hb := v.(*helperBuild)
	hb.once.Do(func() {
		hb.path = filepath.Join(binDir, name)
		cmd := exec.Command("go", "build", "-o", hb.path, "./tests/testdata/"+name)
		cmd.Dir = repoRoot
		if out, err := cmd.CombinedOutput(); err != nil {
			hb.err = fmt.Errorf("go build ./tests/testdata/%s: %v\n%s", name, err, out)
		}
	})
	if hb.err != nil {
		t.Fatal(hb.err)
	}
	return hb.path
}

// cleanEnv is the environment every run starts from: nothing from the
// developer's own environment leaks in.
func cleanEnv(home string) []string {
	return []string{"HOME=" + home, "PATH=/usr/bin:/bin", "LANG=C"}
}

// shellRun describes one non-interactive run of a shell.
type shellRun struct {
	Bin     string        // the shell; goshBin when empty
	Args    []string      // its arguments
	Stdin   string        // its standard input; /dev/null when empty
	Dir     string        // its working directory; a fresh temp dir when empty
	Home    string        // $HOME; a fresh temp dir when empty
	Env     []string      // added to (and overriding) the clean environment
	Timeout time.Duration // runTimeout when zero
	// Left, when set, receives the processes still alive in the shell's
	// session when it exited, before runShell kills them.
	Left *[]leftProc
}

// runGosh runs gosh with args and the given standard input, without a
// terminal, in a clean environment, and returns what it wrote and its exit
// status.
func runGosh(t testing.TB, stdin string, args ...string) (stdout, stderr string, status int) {
	t.Helper()
	return runShell(t, shellRun{Args: args, Stdin: stdin})
}

// runShell runs r.Bin as described by r. The shell gets a session of its own
// (so it has no controlling terminal); whatever it leaves behind in that
// session is killed and reaped before runShell returns. A shell killed by
// signal N reports 128+N, as a parent shell would see it.
func runShell(t testing.TB, r shellRun) (stdout, stderr string, status int) {
	t.Helper()
	if r.Bin == "" {
		r.Bin = requireGosh(t)
	}
	if r.Dir == "" {
		r.Dir = t.TempDir()
	}
	if r.Home == "" {
		r.Home = t.TempDir()
	}
	if r.Timeout == 0 {
		r.Timeout = runTimeout
	}
	ctx, cancel := context.WithTimeout(context.Background(), r.Timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, r.Bin, r.Args...)
	cmd.Dir = r.Dir
	cmd.Env = mergeEnv(cleanEnv(r.Home), r.Env)
	if r.Stdin != "" {
		cmd.Stdin = strings.NewReader(r.Stdin)
	}
	// Output goes to files, not pipes: a background child that keeps its
	// stdout open must not keep us waiting after the shell has exited.
	outDir := t.TempDir()
	outFile, err := os.Create(filepath.Join(outDir, "stdout"))
	if err != nil {
		t.Fatal(err)
	}
	defer outFile.Close()
	errFile, err := os.Create(filepath.Join(outDir, "stderr"))
	if err != nil {
		t.Fatal(err)
	}
	defer errFile.Close()
	cmd.Stdout, cmd.Stderr = outFile, errFile
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", r.Bin, err)
	}
	sid := cmd.Process.Pid
	err = cmd.Wait()
	if r.Left != nil {
		*r.Left = nil
		for _, p := range findProcs(sid, "") {
			if p.State != 'Z' && p.State != 'X' {
				*r.Left = append(*r.Left, leftProc{p, cmdline(p.Pid)})
			}
		}
	}
	cleanupSession(t, sid, 0)
	outData, _ := os.ReadFile(outFile.Name())
	errData, _ := os.ReadFile(errFile.Name())
	stdout, stderr = string(outData), string(errData)
	if ctx.Err() != nil {
		t.Errorf("%s %q timed out after %v\nstdout: %q\nstderr: %q", r.Bin, r.Args, r.Timeout, stdout, stderr)
	}
	status = 0
	var ee *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &ee):
		ws := ee.Sys().(syscall.WaitStatus)
		if ws.Signaled() {
			status = 128 + int(ws.Signal())
			t.Logf("%s was killed by signal %d (%v)", r.Bin, int(ws.Signal()), ws.Signal())
		} else {
			status = ws.ExitStatus()
		}
	default:
		t.Fatalf("wait %s: %v", r.Bin, err)
	}
	return stdout, stderr, status
}

// leftProc is a process a shell left behind, with its command line.
type leftProc struct {
	procStat
	Args string
}

// mergeEnv returns base with each NAME=value of extra replacing or adding.
func mergeEnv(base, extra []string) []string {
	env := append([]string(nil), base...)
	for _, kv := range extra {
		name, _, _ := strings.Cut(kv, "=")
		replaced := false
		for i, old := range env {
			if strings.HasPrefix(old, name+"=") {
				env[i], replaced = kv, true
			}
		}
		if !replaced {
			env = append(env, kv)
		}
	}
	return env
}

// --- /proc ---------------------------------------------------------------

// procStat is what a test needs from /proc/PID/stat.
type procStat struct {
	Pid     int
	Comm    string
	State   byte // R S D T t Z ...
	Ppid    int
	Pgrp    int
	Session int
	TtyNr   int
	Tpgid   int // foreground process group of the controlling terminal, -1 if none
}

// readStat parses /proc/PID/stat. The command name is in parentheses and may
// itself contain spaces and parentheses, so the fields after it are found
// after the last ')'.
func readStat(pid int) (procStat, error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return procStat{}, err
	}
	return parseStat(string(data))
}

func parseStat(s string) (procStat, error) {
	open, close := strings.IndexByte(s, '('), strings.LastIndexByte(s, ')')
	if open < 0 || close < open {
		return procStat{}, fmt.Errorf("malformed stat line %q", s)
	}
	var st procStat
	var err error
	if st.Pid, err = strconv.Atoi(strings.TrimSpace(s[:open])); err != nil {
		return procStat{}, fmt.Errorf("malformed stat line %q: %v", s, err)
	}
	st.Comm = s[open+1 : close]
	f := strings.Fields(s[close+1:])
	if len(f) < 6 || len(f[0]) != 1 {
		return procStat{}, fmt.Errorf("malformed stat line %q", s)
	}
	st.State = f[0][0]
	nums := make([]int, 5)
	for i := range nums {
		if nums[i], err = strconv.Atoi(f[i+1]); err != nil {
			return procStat{}, fmt.Errorf("malformed stat line %q: %v", s, err)
		}
	}
	st.Ppid, st.Pgrp, st.Session, st.TtyNr, st.Tpgid = nums[0], nums[1], nums[2], nums[3], nums[4]
	return st, nil
}

// mustStat is readStat for a process that must exist.
func mustStat(t testing.TB, pid int) procStat {
	t.Helper()
	st, err := readStat(pid)
	if err != nil {
		t.Fatalf("process %d: %v", pid, err)
	}
	return st
}

// allProcs reads every process's stat; processes that vanish meanwhile are
// skipped.
func allProcs() []procStat {
	ents, _ := os.ReadDir("/proc")
	var ps []procStat
	for _, e := range ents {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		if st, err := readStat(pid); err == nil {
			ps = append(ps, st)
		}
	}
	return ps
}

// ours reports whether p belongs to a shell this test binary started: its
// session's leader is our child. Other test runs on the same machine run
// the same commands (sleep 7.5): a test that looks for its process among
// all of them must not take, or kill, theirs.
func ours(p procStat) bool {
	leader, err := readStat(p.Session)
	return err == nil && leader.Ppid == os.Getpid()
}

// children returns the pids of pid's children, from
// /proc/PID/task/*/children, or by scanning /proc when the kernel lacks it.
func children(pid int) []int {
	files, _ := filepath.Glob(fmt.Sprintf("/proc/%d/task/*/children", pid))
	if len(files) > 0 {
		var kids []int
		ok := true
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				ok = false
				break
			}
			for _, w := range strings.Fields(string(data)) {
				if n, err := strconv.Atoi(w); err == nil {
					kids = append(kids, n)
				}
			}
		}
		if ok {
			return kids
		}
	}
	var kids []int
	for _, p := range allProcs() {
		if p.Ppid == pid {
			kids = append(kids, p.Pid)
		}
	}
	return kids
}

// findProcs returns the processes of session sid whose command name is comm
// (any name when comm is empty), in pid order.
func findProcs(sid int, comm string) []procStat {
	var ps []procStat
	for _, p := range allProcs() {
		if p.Session == sid && (comm == "" || p.Comm == comm) {
			ps = append(ps, p)
		}
	}
	return ps
}

// cmdline returns /proc/PID/cmdline with the arguments joined by spaces.
func cmdline(pid int) string {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", pid))
	if err != nil {
		return ""
	}
	return strings.TrimSuffix(strings.ReplaceAll(string(data), "\x00", " "), " ")
}

// sigMasks returns the SigIgn and SigBlk masks of /proc/PID/status.
func sigMasks(pid int) (ign, blk uint64, err error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, 0, err
	}
	for _, line := range strings.Split(string(data), "\n") {
		name, val, _ := strings.Cut(line, ":")
		switch name {
		case "SigIgn":
			ign, err = strconv.ParseUint(strings.TrimSpace(val), 16, 64)
		case "SigBlk":
			blk, err = strconv.ParseUint(strings.TrimSpace(val), 16, 64)
		}
		if err != nil {
			return 0, 0, err
		}
	}
	return ign, blk, nil
}

// alive reports whether pid exists and is not a zombie.
func alive(pid int) bool {
	st, err := readStat(pid)
	return err == nil && st.State != 'Z' && st.State != 'X'
}

// waitFor polls cond every few milliseconds until it holds, and fails the
// test if it does not hold within d.
func waitFor(t testing.TB, d time.Duration, what string, cond func() bool) {
	t.Helper()
	if !poll(d, cond) {
		t.Fatalf("timed out after %v waiting for %s", d, what)
	}
}

// poll is waitFor without the failure: it reports whether cond came true.
func poll(d time.Duration, cond func() bool) bool {
	deadline := time.Now().Add(d)
	for {
		if cond() {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// cleanupSession kills every process of session sid except the one we wait
// for ourselves (keep, 0 for none), and reaps those re-parented to us, until
// the session is empty or a deadline passes.
func cleanupSession(t testing.TB, sid, keep int) {
	t.Helper()
	me := os.Getpid()
	ok := poll(10*time.Second, func() bool {
		left := 0
		for _, p := range findProcs(sid, "") {
			if p.Pid == keep || p.Pid == me {
				continue
			}
			left++
			if p.State != 'Z' {
				syscall.Kill(p.Pid, syscall.SIGKILL)
			} else if p.Ppid == me {
				var ws syscall.WaitStatus
				syscall.Wait4(p.Pid, &ws, syscall.WNOHANG, nil)
			}
		}
		return left == 0
	})
	if !ok {
		t.Errorf("processes of session %d left behind: %v", sid, findProcs(sid, ""))
	}
}

// --- pty sessions ----------------------------------------------------------

// session is an interactive shell in a pseudo-terminal. Everything the shell
// writes is read continuously into a buffer; Expect searches the text after
// the previous match, with escape sequences and carriage returns removed.
type session struct {
	t       testing.TB
	Name    string // the shell's name as it prefixes messages: "gosh", "bash"
	Pid     int    // the shell; also its session id
	cmd     *exec.Cmd
	ptmx    *os.File
	Timeout time.Duration // for Expect and WaitPrompt
	Home    string
	Dir     string

	mu      sync.Mutex
	raw     []byte // everything read, as written
	text    []byte // the same without escape sequences, \r, \a, \b
	esc     escState
	pos     int // Expect searches text[pos:]
	readErr error
	changed chan struct{} // a non-blocking "new output" signal
	readEnd chan struct{} // closed when the reader stops

	closeOnce sync.Once
	waitDone  chan struct{}
	waitErr   error
}

// sessionConfig says how to start a session; the zero value starts
// `gosh --norc` with TERM=xterm in a fresh HOME and directory.
type sessionConfig struct {
	Bin  string   // goshBin when empty
	Args []string // ["--norc"] when nil and Bin is gosh
	Env  []string // added to the clean environment, PS1, PS2 and TERM
	Term string   // TERM; "xterm" when empty
	Dir  string   // working directory; a temp dir when empty
	Home string   // $HOME; a temp dir when empty
	Rows uint16
	Cols uint16
}

// newSession starts gosh --norc in a pty and waits for its first prompt.
//
// With GOSH_TEST_REFERENCE=bash it starts `bash --norc --noprofile -i`
// instead, so that the interactive tests can be checked against bash; tests
// word their expected messages with s.Name ("gosh" or "bash").
func newSession(t testing.TB) *session {
	t.Helper()
	c := sessionConfig{}
	if ref := os.Getenv("GOSH_TEST_REFERENCE"); ref != "" {
		p, err := exec.LookPath(ref)
		if err != nil {
			t.Fatalf("GOSH_TEST_REFERENCE=%s: %v", ref, err)
		}
		c.Bin, c.Args = p, []string{"--norc", "--noprofile", "-i"}
	}
	s := startSession(t, c)
	s.WaitPrompt()
	return s
}

// startSession starts a shell in a new pty as described by c. It does not
// wait for the prompt. Cleanup closes the session.
func startSession(t testing.TB, c sessionConfig) *session {
	t.Helper()
	if c.Bin == "" {
		c.Bin = requireGosh(t)
		if c.Args == nil {
			c.Args = []string{"--norc"}
		}
	}
	if c.Term == "" {
		c.Term = "xterm"
	}
	if c.Home == "" {
		c.Home = t.TempDir()
	}
	if c.Dir == "" {
		c.Dir = t.TempDir()
	}
	if c.Rows == 0 {
		c.Rows = 50
	}
	if c.Cols == 0 {
		// Wide enough that no command line of a test wraps.
		c.Cols = 400
	}
	cmd := exec.Command(c.Bin, c.Args...)
	cmd.Dir = c.Dir
	env := mergeEnv(cleanEnv(c.Home), []string{"TERM=" + c.Term, "PS1=" + promptPS1, "PS2=" + promptPS2})
	cmd.Env = mergeEnv(env, c.Env)
	// pty.StartWithAttrs makes the shell a session leader with the pty as
	// its controlling terminal; Pdeathsig takes it down if the test binary
	// dies before cleanup.
	ptmx, err := pty.StartWithAttrs(cmd, &pty.Winsize{Rows: c.Rows, Cols: c.Cols},
		&syscall.SysProcAttr{Setsid: true, Setctty: true, Pdeathsig: syscall.SIGKILL})
	if err != nil {
		t.Fatalf("start %s in a pty: %v", c.Bin, err)
	}
	ptmx, err = pollableMaster(ptmx)
	if err != nil {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("pty master: %v", err)
	}
	s := &session{
		t: t, Name: filepath.Base(c.Bin), Pid: cmd.Process.Pid, cmd: cmd, ptmx: ptmx,
		Timeout: expectTimeout, Home: c.Home, Dir: c.Dir,
		text:     []byte("\n"), // so that the first prompt is at the start of a line
		changed:  make(chan struct{}, 1),
		readEnd:  make(chan struct{}),
		waitDone: make(chan struct{}),
	}
	go s.read()
	go func() {
		s.waitErr = cmd.Wait()
		close(s.waitDone)
	}()
	t.Cleanup(s.Close)
	return s
}

// pollableMaster returns a copy of the pty master that Go's poller manages.
// creack/pty leaves the master in blocking mode, and closing an *os.File
// while a blocking Read is in progress only marks it closed: the fd stays
// open until the Read returns, so a test could never hang up the terminal.
// A non-blocking fd wrapped by os.NewFile is read through the poller, and
// Close really closes it at once.
func pollableMaster(ptmx *os.File) (*os.File, error) {
	defer ptmx.Close()
	fd, err := unix.Dup(int(ptmx.Fd()))
	if err != nil {
		return nil, err
	}
	unix.CloseOnExec(fd)
	if err := unix.SetNonblock(fd, true); err != nil {
		unix.Close(fd)
		return nil, err
	}
	return os.NewFile(uintptr(fd), "/dev/ptmx"), nil
}

// read copies the pty's output into the buffers until the pty is closed.
func (s *session) read() {
	defer close(s.readEnd)
	buf := make([]byte, 4096)
	for {
		n, err := s.ptmx.Read(buf)
		s.mu.Lock()
		s.raw = append(s.raw, buf[:n]...)
		s.text = s.esc.clean(s.text, buf[:n])
		if err != nil {
			s.readErr = err
		}
		s.mu.Unlock()
		select {
		case s.changed <- struct{}{}:
		default:
		}
		if err != nil {
			return
		}
	}
}

// escState removes terminal control sequences from a byte stream that may
// be split anywhere: CSI (ESC [ ... final), OSC (ESC ] ... BEL or ESC \),
// two-byte escapes and charset designations, plus \r, BEL and backspace.
// A space followed by a backspace is removed too: the line editor writes
// " \b" at the end of a line to make the terminal wrap, and the next
// character covers the space.
type escState int

const (
	escNone  escState = iota
	escSpace          // as escNone, and the last byte kept was a space
	escStart
	escCSI
	escOSC
	escCharset
)

func (e *escState) clean(dst, src []byte) []byte {
	for _, b := range src {
		switch *e {
		case escNone, escSpace:
			after := *e
			*e = escNone
			switch b {
			case 0x1b:
				*e = escStart
			case '\b':
				if after == escSpace {
					dst = dst[:len(dst)-1]
				}
			case '\r', '\a':
			case ' ':
				dst = append(dst, b)
				*e = escSpace
			default:
				dst = append(dst, b)
			}
		case escStart:
			switch b {
			case '[':
				*e = escCSI
			case ']':
				*e = escOSC
			case '(', ')', '*', '+':
				*e = escCharset
			default:
				*e = escNone
			}
		case escCSI:
			if b >= 0x40 && b <= 0x7e {
				*e = escNone
			}
		case escOSC:
			switch b {
			case '\a':
				*e = escNone
			case 0x1b:
				*e = escStart
			}
		case escCharset:
			*e = escNone
		}
	}
	return dst
}

// Send writes keys to the terminal as if typed: "\r" is Enter, "\x03"
// Ctrl+C, "\x1a" Ctrl+Z, "\x04" Ctrl+D, "\x1c" Ctrl+\.
func (s *session) Send(keys string) {
	s.t.Helper()
	if _, err := s.ptmx.Write([]byte(keys)); err != nil {
		s.t.Fatalf("write %q to the pty: %v", keys, err)
	}
}

// SendLine types line and Enter, then waits for the line's echo, so that
// what Expect sees next is the command's output.
func (s *session) SendLine(line string) {
	s.t.Helper()
	s.Send(line + "\r")
	s.Expect(line + "\n")
}

// Expect waits until substr appears in the output after the previous match,
// and returns the output before it. The search position moves past the match.
func (s *session) Expect(substr string) string {
	s.t.Helper()
	return s.ExpectWithin(substr, s.Timeout)
}

// ExpectWithin is Expect with its own deadline.
func (s *session) ExpectWithin(substr string, d time.Duration) string {
	s.t.Helper()
	before, _, ok := s.find(d, func(text []byte) (int, int) {
		i := bytes.Index(text, []byte(substr))
		if i < 0 {
			return -1, -1
		}
		return i, i + len(substr)
	})
	if !ok {
		s.t.Fatalf("timed out after %v waiting for %q\n%s", d, substr, s.describe())
	}
	return before
}

// ExpectRe waits for a match of the regular expression re and returns the
// output before it and the submatches.
func (s *session) ExpectRe(re string) (before string, match []string) {
	s.t.Helper()
	rx := regexp.MustCompile(re)
	var m []string
	before, _, ok := s.find(s.Timeout, func(text []byte) (int, int) {
		loc := rx.FindSubmatchIndex(text)
		if loc == nil {
			return -1, -1
		}
		m = make([]string, len(loc)/2)
		for i := range m {
			if loc[2*i] >= 0 {
				m[i] = string(text[loc[2*i]:loc[2*i+1]])
			}
		}
		return loc[0], loc[1]
	})
	if !ok {
		s.t.Fatalf("timed out after %v waiting for /%s/\n%s", s.Timeout, re, s.describe())
	}
	return before, m
}

// find polls the unread text with match until it reports a match or d
// passes (or the pty closes and no match can come).
func (s *session) find(d time.Duration, match func([]byte) (int, int)) (before, matched string, ok bool) {
	deadline := time.NewTimer(d)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		text := s.text[s.pos:]
		start, end := match(text)
		if start >= 0 {
			before, matched = string(text[:start]), string(text[start:end])
			s.pos += end
			s.mu.Unlock()
			return before, matched, true
		}
		closed := s.readErr != nil
		s.mu.Unlock()
		if closed {
			return "", "", false
		}
		select {
		case <-s.changed:
		case <-deadline.C:
			return "", "", false
		}
	}
}

// ExpectShown waits until the line the cursor is on reads, up to the
// cursor, as text would: the screen's view, where Expect sees the stream.
// (The line editor draws only what changed: after Up, the stream may hold
// just the recalled text, written after a prompt matched earlier.) All the
// output so far is then marked read.
func (s *session) ExpectShown(text string) {
	s.t.Helper()
	_, _, ok := s.find(s.Timeout, func([]byte) (int, int) {
		line := s.text[bytes.LastIndexByte(s.text, '\n')+1:]
		if bytes.HasSuffix(line, []byte(text)) {
			return len(s.text) - s.pos, len(s.text) - s.pos
		}
		return -1, -1
	})
	if !ok {
		s.t.Fatalf("timed out after %v waiting for the line to read %q\n%s", s.Timeout, text, s.describe())
	}
}

// Output returns the unread output so far, without waiting, and marks it read.
func (s *session) Output() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := string(s.text[s.pos:])
	s.pos = len(s.text)
	return out
}

// Pending returns the unread output without marking it read.
func (s *session) Pending() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return string(s.text[s.pos:])
}

// describe shows the recent output, for failure messages.
func (s *session) describe() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	text, raw := s.text, s.raw
	if len(text) > 2000 {
		text = text[len(text)-2000:]
	}
	if len(raw) > 600 {
		raw = raw[len(raw)-600:]
	}
	return fmt.Sprintf("unread output: %q\nlast output (cleaned): %q\nlast raw bytes: %q\nprocesses in the session:\n%s",
		s.text[s.pos:], text, raw, formatProcs(findProcs(s.Pid, "")))
}

func formatProcs(ps []procStat) string {
	var b strings.Builder
	for _, p := range ps {
		fmt.Fprintf(&b, "  pid %d ppid %d pgrp %d tpgid %d state %c %s\n", p.Pid, p.Ppid, p.Pgrp, p.Tpgid, p.State, p.Comm)
	}
	return b.String()
}

// WaitPrompt waits for the next fresh primary prompt and returns the
// output before it.
//
// A line editor redraws the prompt and the line after every key (ESC [2K,
// CR, the prompt, the text so far), so "PROMPT$ " shows up many times while
// a line is typed. A fresh prompt is one at the start of a line: the cleaned
// text has it right after a newline (the buffer starts with one, for the
// first prompt), while redraws follow the text they overwrite.
func (s *session) WaitPrompt() string {
	s.t.Helper()
	return s.expectLineStart(promptPS1)
}

// WaitPS2 waits for the next fresh continuation prompt.
func (s *session) WaitPS2() string {
	s.t.Helper()
	return s.expectLineStart(promptPS2)
}

// expectLineStart waits for marker at the start of a line and returns the
// output before it, including the newline.
func (s *session) expectLineStart(marker string) string {
	s.t.Helper()
	pat := []byte("\n" + marker)
	before, _, ok := s.find(s.Timeout, func(text []byte) (int, int) {
		// find calls this with s.mu held: the byte before the unread text
		// may be the newline that ended the last line read (Run consumes it).
		if bytes.HasPrefix(text, []byte(marker)) && s.pos > 0 && s.text[s.pos-1] == '\n' {
			return 0, len(marker)
		}
		i := bytes.Index(text, pat)
		if i < 0 {
			return -1, -1
		}
		return i + 1, i + len(pat)
	})
	if !ok {
		s.t.Fatalf("timed out after %v waiting for a fresh prompt %q\n%s", s.Timeout, marker, s.describe())
	}
	return before
}

// Run types line at the prompt (the previous prompt must have been seen),
// waits for the next prompt and returns the output in between.
func (s *session) Run(line string) string {
	s.t.Helper()
	s.SendLine(line)
	return s.WaitPrompt()
}

// RunUntil runs line at the prompt again and again until its output
// contains want or the deadline passes, and returns the last output. It is
// for reports that come before the first prompt after the shell has noticed
// something that /proc cannot show, such as a stop collected by wait4.
func (s *session) RunUntil(line, want string) string {
	s.t.Helper()
	deadline := time.Now().Add(s.Timeout)
	for {
		out := s.Run(line)
		if strings.Contains(out, want) || time.Now().After(deadline) {
			return out
		}
	}
}

// Status runs `echo $?` and returns the number it prints. It must be called
// at a prompt, right after the command whose status is wanted.
func (s *session) Status() int {
	s.t.Helper()
	out := strings.TrimSpace(s.Run("echo $?"))
	n, err := strconv.Atoi(out)
	if err != nil {
		s.t.Fatalf("echo $? printed %q", out)
	}
	return n
}

// Stat reads the shell's own /proc/PID/stat.
func (s *session) Stat() procStat {
	s.t.Helper()
	return mustStat(s.t, s.Pid)
}

// Foreground returns the terminal's foreground process group, as seen in the
// shell's stat (-1 once the shell is gone).
func (s *session) Foreground() int {
	st, err := readStat(s.Pid)
	if err != nil {
		return -1
	}
	return st.Tpgid
}

// Procs returns the session's live processes named comm.
func (s *session) Procs(comm string) []procStat {
	var live []procStat
	for _, p := range findProcs(s.Pid, comm) {
		if p.State != 'Z' && p.State != 'X' && p.Pid != s.Pid {
			live = append(live, p)
		}
	}
	return live
}

// ProcByArgs returns the session's live process whose command line is
// args (such as "sleep 101"), or fails the test when there is none within
// the deadline.
func (s *session) ProcByArgs(args string) procStat {
	s.t.Helper()
	var found procStat
	if !poll(s.Timeout, func() bool {
		for _, p := range s.Procs("") {
			if cmdline(p.Pid) != args {
				continue
			}
			// Read the stat again: the one read before the cmdline may
			// predate the exec, when the child had not yet joined its
			// process group.
			st, err := readStat(p.Pid)
			if err == nil {
				found = st
				return true
			}
		}
		return false
	}) {
		s.t.Fatalf("no process %q in the session\n%s", args, s.describe())
	}
	return found
}

// WaitProcs waits until the session has exactly n live processes named comm
// and returns them.
func (s *session) WaitProcs(comm string, n int) []procStat {
	s.t.Helper()
	var ps []procStat
	if !poll(s.Timeout, func() bool { ps = s.Procs(comm); return len(ps) == n }) {
		s.t.Fatalf("want %d %q processes in the session, have %d\n%s", n, comm, len(ps), s.describe())
	}
	return ps
}

// WaitForeground waits until the terminal's foreground group is pgrp.
func (s *session) WaitForeground(pgrp int) {
	s.t.Helper()
	if !poll(s.Timeout, func() bool { return s.Foreground() == pgrp }) {
		s.t.Fatalf("the terminal's foreground group is %d, want %d\n%s", s.Foreground(), pgrp, s.describe())
	}
}

// Exited reports whether the shell has exited, waiting up to d.
func (s *session) Exited(d time.Duration) bool {
	select {
	case <-s.waitDone:
		return true
	case <-time.After(d):
		return false
	}
}

// ExitStatus waits for the shell to exit and returns its status (128+N if
// killed by signal N).
func (s *session) ExitStatus(d time.Duration) int {
	s.t.Helper()
	if !s.Exited(d) {
		s.t.Fatalf("the shell did not exit within %v\n%s", d, s.describe())
	}
	ws := s.cmd.ProcessState.Sys().(syscall.WaitStatus)
	if ws.Signaled() {
		return 128 + int(ws.Signal())
	}
	return ws.ExitStatus()
}

// OutputAtExit waits up to d for the shell to exit and for the reader to
// reach the end of the terminal's output, and returns the unread output.
// The shell's exit alone does not say that its last writes have been read:
// the reader learns of them later, and of the end (EIO) only once no
// process holds the terminal any more.
func (s *session) OutputAtExit(d time.Duration) string {
	s.t.Helper()
	deadline := time.NewTimer(d)
	defer deadline.Stop()
	for _, done := range []chan struct{}{s.waitDone, s.readEnd} {
		select {
		case <-done:
		case <-deadline.C:
			s.t.Fatalf("the shell did not exit and close the terminal within %v\n%s", d, s.describe())
		}
	}
	return s.Output()
}

// HangUp closes the pty master, as closing a terminal window does: the
// kernel sends SIGHUP to the shell, the session leader.
func (s *session) HangUp() {
	s.ptmx.Close()
}

// Close kills the shell and every process of its session (SIGKILL works on
// stopped processes too), reaps them, and closes the pty. It is registered
// as cleanup and may be called more than once.
func (s *session) Close() {
	s.closeOnce.Do(func() {
		syscall.Kill(s.Pid, syscall.SIGKILL)
		cleanupSession(s.t, s.Pid, s.Pid)
		s.ptmx.Close()
		select {
		case <-s.waitDone:
		case <-time.After(10 * time.Second):
			s.t.Errorf("shell %d not reaped", s.Pid)
		}
		select {
		case <-s.readEnd:
		case <-time.After(5 * time.Second):
			s.t.Errorf("pty reader did not stop")
		}
	})
}

// --- fd tables at pauses -----------------------------------------------------

// fdsAtPauses runs gosh -c with parts as its script, the shell pausing
// after each part, and returns the shell's own fd table at each pause as
// "N -> target" lines, read by the test from /proc/PID/fd.
//
// A child listing /proc/$$/fd cannot give a stable table: it may run
// before its parent shell has closed what the fork needed (the error pipe
// of ForkExec, the child's redirection files), and on a busy machine it
// often does. At a pause the shell is blocked reading a FIFO (read _ <
// pauseN), having finished everything before it: nothing is in flight.
// The FIFO's fd is in every table.
func fdsAtPauses(t *testing.T, parts ...string) [][]string {
	t.Helper()
	dir := t.TempDir()
	var script strings.Builder
	script.WriteString("echo $$ > pid\n")
	for i, p := range parts {
		// A FIFO for each pause: the next pause must not find the
		// previous read's end still open.
		if err := unix.Mkfifo(filepath.Join(dir, fmt.Sprintf("pause%d", i)), 0o600); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&script, "%s\nread _ < pause%d\n", p, i)
	}
	var (
		errOut string
		status int
		done   = make(chan struct{})
	)
	go func() {
		defer close(done)
		_, errOut, status = runShell(t, shellRun{Args: []string{"-c", script.String()}, Dir: dir})
	}()
	var tables [][]string
	for i := range parts {
		fifo := filepath.Join(dir, fmt.Sprintf("pause%d", i))
		// The shell has opened the FIFO for reading once a non-blocking
		// open for writing succeeds (ENXIO before).
		var w *os.File
		ok := poll(runTimeout, func() bool {
			select {
			case <-done:
				return true
			default:
			}
			f, err := os.OpenFile(fifo, os.O_WRONLY|unix.O_NONBLOCK, 0)
			w = f
			return err == nil
		})
		if !ok || w == nil {
			<-done
			t.Fatalf("gosh did not reach pause %d (status %d): %s", len(tables)+1, status, errOut)
		}
		data, err := os.ReadFile(filepath.Join(dir, "pid"))
		pid, _ := strconv.Atoi(strings.TrimSpace(string(data)))
		if err != nil || pid <= 0 {
			t.Fatalf("the shell's pid file: %q, %v", data, err)
		}
		// The shell's open returns after ours: the table is read once
		// it holds the FIFO.
		var table []string
		waitFor(t, runTimeout, "the shell to open "+fifo, func() bool {
			table = table[:0]
			ents, _ := os.ReadDir(fmt.Sprintf("/proc/%d/fd", pid))
			held := false
			for _, e := range ents {
				target, _ := os.Readlink(fmt.Sprintf("/proc/%d/fd/%s", pid, e.Name()))
				table = append(table, e.Name()+" -> "+target)
				held = held || target == fifo
			}
			return held
		})
		tables = append(tables, table)
		w.WriteString("\n")
		w.Close()
	}
	<-done
	if status != 0 {
		t.Fatalf("status %d: %s", status, errOut)
	}
	return tables
}
