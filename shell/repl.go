package shell

import (
	"context"
	"errors"
	"io"
	"os"
	"strconv"
	"sync"
	"syscall"
	"time"

	"golang.org/x/term"

	"gosh/jobs"
	"gosh/parser"
)

// StartupFiles says which start-up files an interactive shell reads.
type StartupFiles struct {
	Login     bool
	NoRC      bool
	NoProfile bool
	// RCFile, when HasRCFile, is read instead of ~/.goshrc (gosh
	// --rcfile FILE, as bash's --rcfile and --init-file).
	RCFile    string
	HasRCFile bool
	// NoEditing: the prompt reads lines without the line editor (gosh
	// --noediting); set -o shows emacs and vi off.
	NoEditing bool
	// Command, when HasCommand, is gosh -ic's text: after the start-up
	// files it runs instead of the prompt, and the shell exits (bash -ic).
	Command    string
	HasCommand bool
	// Script, when not "", is gosh -i FILE's script: after the start-up
	// files it runs instead of the prompt, and the shell exits (bash -i
	// FILE).
	Script string
	// Posix: the shell was started as sh, and turns POSIX mode on after
	// the start-up files, as bash.
	Posix bool
}

// errInterrupted is what a line editor returns when Ctrl+C discards the line.
var errInterrupted = errors.New("interrupted")

// lineEditor reads one line at the prompt. ReadLine returns the line
// without its newline; io.EOF for Ctrl+D on an empty line; errInterrupted
// for Ctrl+C.
type lineEditor interface {
	ReadLine(prompt string) (string, error)
	// interrupt: SIGINT arrived while the prompt is shown.
	interrupt()
	// resized: the terminal's size changed (SIGWINCH).
	resized()
	// printAbove shows a message while the prompt is on the screen.
	printAbove(msg []byte)
	// trapArrived: a trapped signal arrived; ReadLine returns errTrapped
	// and keeps the line typed so far for the next call.
	trapArrived()
	Close() error
}

// session is the state of the interactive loop that the rest of the shell
// does not need: the history, the line editor, and whether the prompt is
// showing. Its mutex guards what the signal goroutine also touches.
type session struct {
	sh   *Shell
	hist *history

	mu       sync.Mutex
	ed       lineEditor // nil until the start-up files have run
	atPrompt bool
	held     []byte // HeldNotice messages waiting for the next prompt
	// resized is set by SIGWINCH; the REPL then updates COLUMNS and LINES
	// before the next prompt (variables belong to the REPL goroutine).
	resized bool
}

// InitNonInteractive prepares a shell that runs a script or -c: no terminal
// handoff; SIGCHLD is caught so the job table can reap.
func (sh *Shell) InitNonInteractive() error {
	sh.adoptInheritedFds(inheritedFds())
	sh.bumpShellLevel()
	if sh.Opts.Login {
		sh.setupLoginEnv()
	}
	sh.ignoreOnEntry()
	return sh.Jobs.InitNonInteractive()
}

// RunInteractive is the interactive shell: start-up files, then the loop
// of prompt → read → parse → run → report jobs, until exit or Ctrl+D.
func (sh *Shell) RunInteractive(sf StartupFiles) (int, error) {
	sh.adoptInheritedFds(inheritedFds())
	if err := sh.initInteractive(); err != nil {
		if !errors.Is(err, jobs.ErrNoJobControl) {
			return 1, err
		}
		// Under setsid, or on a terminal that is not this session's, bash
		// runs without job control and says so once: so does gosh.
		sh.Jobs.Trace().Shell(jobs.Same("%v"), err)
		sh.errorf("no job control in this shell")
		sh.Opts.Monitor = false
		sh.Jobs.SetJobControl(false)
		if err := sh.Jobs.InitNonInteractive(); err != nil {
			return 1, err
		}
	}
	sh.source, sh.flow.topSource = sourcePrompt, sourcePrompt
	s := &session{sh: sh, hist: newHistory(sh)}
	sh.hangup = make(chan struct{})
	s.newContext()
	go s.handleSignals()
	sh.sigs.mu.Lock()
	sh.sigs.wake = s.wakeForTrap
	sh.sigs.mu.Unlock()

	// Variables first, so that the start-up files can use and change them.
	sh.bumpShellLevel()
	if sf.Login {
		sh.setupLoginEnv()
	}
	s.hist.setDefaults()
	sh.setMailDefaults() // MAILCHECK=60 (mail.go)
	s.setSizeVars()
	sh.Hooks.History = s.hist.list
	sh.Hooks.ClearHistory = s.hist.clear
	sh.Hooks.Hist = s.hist
	sh.Hooks.OnExit = func() {
		if sh.Opts.NoHistappend {
			s.hist.rewrite() // shopt -u histappend
			return
		}
		s.hist.save()
	}
	sh.Hooks.Notice = s.notice
	sh.Hooks.HeldNotice = s.heldNotice

	if sf.NoEditing {
		// Before the rc file, which may look at set -o or try set -o vi.
		sh.noEditing = true
		sh.Opts.EmacsOff, sh.Opts.Vi = true, false
	}
	sh.readStartupFiles(sf)
	if sf.Posix {
		sh.SetOption("posix", true)
	}
	sh.Jobs.SaveShellModes()
	s.hist.load() // after the rc file, which may set HISTFILE or HISTSIZE
	if sf.HasCommand || sf.Script != "" {
		// gosh -ic: the command, then exit, as a script ends; gosh -i
		// FILE: the file.
		var code int
		var err error
		if sf.HasCommand {
			code, err = sh.RunCommandString(sf.Command)
		} else {
			sh.source, sh.flow.topSource = sourceFile, sourceFile // $- has no s
			code, err = sh.RunScript(sf.Script)
		}
		if err != nil {
			return code, err
		}
		code = sh.RunExitTrap(code)
		sh.BeforeExit()
		return code, nil
	}
	var ed lineEditor
	if sf.NoEditing {
		ed = plainHistEditor(s.hist)
	} else {
		ed = sh.newLineEditor(s.hist)
	}
	s.mu.Lock()
	s.ed = ed
	s.mu.Unlock()
	if re, ok := ed.(*readlineEditor); ok {
		// read -e (readedit.go). While it reads, the editor's prompt is
		// the one shown: a SIGINT that comes before the editor has the
		// terminal in raw mode (Ctrl+C typed at once) goes to the editor,
		// as at the shell's own prompt, not only to the line's context,
		// which the editor does not watch.
		sh.Hooks.EditLine = func(prompt, initial string) (string, error) {
			s.mu.Lock()
			s.atPrompt = true
			s.mu.Unlock()
			defer func() {
				s.mu.Lock()
				s.atPrompt = false
				s.mu.Unlock()
			}()
			return re.editLine(prompt, initial)
		}
	}
	defer ed.Close()
	go func() {
		<-sh.hangup
		ed.Close()
	}()

	// bash warns "There are stopped jobs." once; an exit attempt right
	// after the warning (the next line, or Ctrl+D) then proceeds.
	linesRead, warnedAt := 0, -10
	eofs := 0 // Ctrl+Ds in a row, for IGNOREEOF
	// cmd collects the lines of the command being typed: a command that
	// continues on PS2 lines is one history entry.
	var cmd []byte
	next := func(more bool) (string, error) {
		if !more {
			cmd = cmd[:0]
			sh.Jobs.Report()
			s.flushHeld(true)       // lab ticks: after the job report, before the prompt
			sh.checkMail(os.Stdout) // as bash: after the job notices (mail.go)
			// $PROMPT_COMMAND (promptcmd.go)
			if err := sh.runPromptCommand(); err != nil {
				return "", err
			}
			sh.Jobs.PreparePrompt()
			s.applyResize() // PS1 may use $COLUMNS
		}
		ps := "PS1"
		if more {
			ps = "PS2"
		}
		for {
			line, err := s.readLine(ps)
			if errors.Is(err, errInterrupted) {
				if more {
					return "", errInterrupted
				}
				sh.Status = 130
				continue
			}
			if err != nil {
				return "", err
			}
			eofs = 0
			line, ok := s.historyExpand(line)
			if !ok {
				continue
			}
			linesRead++
			line += "\n"
			cmd = append(cmd, line...)
			return line, nil
		}
	}
	// A command's lines are read: they are saved before it runs, so a
	// hangup or a crash during the command loses nothing; a line that only
	// starts background jobs just after, once the next prompt is shown
	// (history.addLater).
	read := func(f *parser.File) {
		if on, _ := sh.Option("history"); on {
			sh.addHistory(s.hist, string(cmd), onlyBackground(f)) // shopt cmdhist, lithist (shopt.go)
		}
		cmd = cmd[:0]
		s.newContext()
	}
	for {
		_, err := sh.runLinesNotify(next, "", read)
		code, isExit := IsExit(err)
		switch {
		case sh.hungUp():
			return sh.RunExitTrap(128 + int(syscall.SIGHUP)), nil
		case errors.Is(err, errAbandon):
			// The rest of the line was dropped; $? is set.
			continue
		case errors.Is(err, errInterrupted):
			// Ctrl+C at a PS2 prompt discards the unfinished command.
			sh.Status = 130
			continue
		case (err == nil || errors.Is(err, io.EOF)) && !isExit && sh.ignoreEOF(&eofs):
			// Ctrl+D at the prompt ends runLines without an error.
			os.Stderr.WriteString("Use \"exit\" to leave the shell.\n")
			continue
		case err == nil || errors.Is(err, io.EOF) || isExit:
			if !isExit {
				code = sh.Status
				os.Stderr.WriteString("exit\n")
			}
			if warn := sh.exitWarning(); warn != "" && warnedAt < linesRead-1 {
				os.Stderr.WriteString(warn)
				warnedAt = linesRead
				if isExit {
					// The exit failed: $? is 1, and so is the status of
					// an exit that follows, as in bash. (Ctrl+D leaves $?.)
					sh.Status = 1
				}
				continue
			}
			code = sh.RunExitTrap(code)
			sh.BeforeExit()
			return code, nil
		default:
			// A read error (the terminal went away): leave cleanly.
			code = sh.RunExitTrap(sh.Status)
			sh.BeforeExit()
			return code, nil
		}
	}
}

// onlyBackground reports whether a command line only starts background
// jobs: every list of it ends in '&'.
func onlyBackground(f *parser.File) bool {
	if f == nil || f.List == nil || len(f.List.Items) == 0 {
		return false
	}
	for _, item := range f.List.Items {
		if !item.Background {
			return false
		}
	}
	return true
}

// notice prints an asynchronous message above the prompt, if one is
// showing, and draws the prompt and the line typed so far again.
func (s *session) notice(msg []byte) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.atPrompt || s.ed == nil {
		return false
	}
	s.ed.printAbove(msg)
	return true
}

// heldNotice shows msg above the prompt when the prompt is showing, and
// otherwise keeps it for flushHeld (Hooks.HeldNotice), which the REPL runs
// after the job report. A message still kept heldNoticeWait later is
// written anyway: the command goes on running (fg gave it the terminal),
// and what the message says may be what to do next.
//
// A message is about an event the shell has seen (a lab's tick), so at the
// prompt the job report of that event comes first, above the prompt too:
// "[1]+ Terminated" before the tick that saw the job die.
func (s *session) heldNotice(msg []byte) bool {
	s.mu.Lock()
	atPrompt := s.atPrompt && s.ed != nil
	s.mu.Unlock()
	if atPrompt {
		s.sh.Jobs.Report() // through Hooks.Notice: above the prompt
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.atPrompt && s.ed != nil {
		s.ed.printAbove(msg)
		return true
	}
	if len(s.held) == 0 {
		time.AfterFunc(heldNoticeWait, func() { s.flushHeld(false) })
	}
	s.held = append(s.held, msg...)
	return true
}

// heldNoticeWait is how long a held message waits for the next prompt.
const heldNoticeWait = 300 * time.Millisecond

// flushHeld writes the kept HeldNotice messages: run by the REPL after the
// job report, before the prompt (or by heldNotice's timer). With report,
// the REPL's job report runs again first when a message is kept: the
// event it tells of may have come after that report, and its job's line
// goes first.
func (s *session) flushHeld(report bool) {
	s.mu.Lock()
	if report && len(s.held) > 0 {
		s.mu.Unlock()
		s.sh.Jobs.Report()
		s.mu.Lock()
	}
	msg := s.held
	s.held = nil
	if len(msg) > 0 && s.atPrompt && s.ed != nil {
		s.ed.printAbove(msg)
		s.mu.Unlock()
		return
	}
	s.mu.Unlock()
	if len(msg) > 0 {
		fdWriter(2).Write(msg)
	}
}

// readLine shows the prompt PS1 or PS2 and reads a line.
func (s *session) readLine(ps string) (string, error) {
	prompt := s.sh.prompt(ps, promptInfo{
		histNumber: s.hist.nextNumber(),
		cmdNumber:  s.hist.commandNumber(),
	})
	for {
		// Handlers of signals that came since the last command run now;
		// one that comes while the prompt is shown makes ReadLine return
		// errTrapped (trapArrived), and runs here too (trap_unix.go).
		if err := s.sh.runPendingTraps(); err != nil {
			return "", err
		}
		s.mu.Lock()
		s.atPrompt = true
		ed := s.ed
		s.mu.Unlock()
		if s.sh.sigs.anyPending.Load() {
			ed.trapArrived()
		}
		line, err := ed.ReadLine(prompt)
		s.mu.Lock()
		s.atPrompt = false
		s.mu.Unlock()
		if errors.Is(err, errTrapped) {
			continue
		}
		if errors.Is(err, errBindCommand) {
			// A key bound with bind -x: its command runs, then the
			// prompt comes back with the line it leaves.
			if re, ok := ed.(*readlineEditor); ok {
				re.bindCommand()
			}
			continue
		}
		if errors.Is(err, errInterrupted) {
			// Ctrl+C at the prompt is a key to the line editor, and
			// SIGINT to bash's: a trap on INT runs for it too.
			s.sh.sigs.keyInterrupt()
		}
		// The window may have changed while the line was typed: the
		// command sees the new COLUMNS and LINES.
		s.applyResize()
		return line, err
	}
}

// wakeForTrap makes the line editor give the prompt back when a trapped
// signal arrives while it is shown.
func (s *session) wakeForTrap() {
	s.mu.Lock()
	if s.atPrompt && s.ed != nil {
		s.ed.trapArrived()
	}
	s.mu.Unlock()
}

// newContext gives the next command line a context of its own, which
// Ctrl+C (SIGINT to the shell) cancels while the line runs.
func (s *session) newContext() {
	ctx, cancel := context.WithCancel(context.Background())
	s.mu.Lock()
	if s.sh.cancel != nil {
		s.sh.cancel()
	}
	s.sh.ctx, s.sh.cancel = ctx, cancel
	s.sh.sigs.lineRead.Store(false)
	s.mu.Unlock()
}

// handleSignals receives the signals the job table caught for the shell.
// SIGINT at the prompt goes to the line editor; while a command line runs
// it cancels the line's context, which interrupts a builtin that waits
// (read, wait). SIGHUP (the terminal closed) makes the shell hang up its
// jobs and exit. SIGWINCH changes the line editor's width at once, and
// COLUMNS and LINES before the next prompt. SIGTERM, SIGQUIT and SIGTSTP
// are caught and ignored, as bash ignores them.
func (s *session) handleSignals() {
	sh := s.sh
	var hangupOnce sync.Once
	for sig := range sh.Jobs.Signals() {
		switch sig {
		case syscall.SIGINT:
			// With a trap on INT, signals.deliver sees the same signal:
			// the handler runs, and a running (or starting) wait ends
			// with 130.
			caught := sh.sigs.trapped(syscall.SIGINT) && !sh.sigs.ignores(syscall.SIGINT)
			s.mu.Lock()
			switch {
			case s.atPrompt && s.ed != nil:
				// A trapped SIGINT whose handler has already run came
				// while the line ran (this goroutine is late): the new
				// prompt is not abandoned, and the handler does not run
				// twice.
				if !caught || sh.sigs.pending[syscall.SIGINT].Load() {
					s.ed.interrupt()
				}
			case caught && !sh.sigs.lineRead.Load():
				// The line goes on (after wait returns 130, or a loop
				// of builtins), as in bash; only read, mapfile and
				// watch are ended, with the line.
			case sh.cancel != nil && !sh.sigs.ignores(syscall.SIGINT):
				// (With trap "" INT a running wait or read goes on.)
				sh.cancel()
			}
			s.mu.Unlock()
		case syscall.SIGHUP:
			if sh.sigs.trapped(syscall.SIGHUP) {
				// trap 'cmds' HUP or trap "" HUP: the trap decides, as in
				// bash; if the terminal is gone, the next read fails
				// and the shell exits then.
				continue
			}
			// The terminal is gone: hang up the jobs, save history, and
			// make the line editor return so the REPL ends.
			hangupOnce.Do(func() {
				sh.BeforeExit()
				close(sh.hangup)
			})
		case syscall.SIGWINCH:
			s.mu.Lock()
			s.resized = true
			ed := s.ed
			s.mu.Unlock()
			if ed != nil {
				ed.resized()
			}
		}
	}
}

// ignoreEOF counts one more Ctrl+D in a row and reports whether the shell
// ignores it: $IGNOREEOF (set -o ignoreeof) is how many it ignores, 10 when
// it is not a number, as bash.
func (sh *Shell) ignoreEOF(eofs *int) bool {
	v, ok := sh.Vars.Get("IGNOREEOF")
	if !ok {
		return false
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		n = 10
	}
	*eofs++
	return *eofs <= n
}

// applyResize updates COLUMNS and LINES if SIGWINCH arrived since the
// last call.
func (s *session) applyResize() {
	s.mu.Lock()
	resized := s.resized
	s.resized = false
	s.mu.Unlock()
	if resized && !s.sh.Opts.NoCheckwinsize {
		s.setSizeVars()
	}
}

// setSizeVars sets COLUMNS and LINES from the terminal's size. A
// terminal of no size (Emacs' shell mode starts the shell on a pty of 0
// by 0, with COLUMNS in the environment) leaves them as they are, as in
// bash.
func (s *session) setSizeVars() {
	if w, h, err := term.GetSize(0); err == nil && w > 0 && h > 0 {
		s.sh.Vars.Set("COLUMNS", strconv.Itoa(w))
		s.sh.Vars.Set("LINES", strconv.Itoa(h))
	}
}

// hungUp reports whether SIGHUP has ended the interactive session.
func (sh *Shell) hungUp() bool {
	if sh.hangup == nil {
		return false
	}
	select {
	case <-sh.hangup:
		return true
	default:
		return false
	}
}

// builtinInterrupted: Ctrl+C (SIGINT, which cancels the line's context)
// while a builtin ran in an interactive shell, in wait or read, abandons
// the rest of the command line with status 130, as bash does: in
// "sleep 10 & wait; echo status=$?" the echo does not run.
func (sh *Shell) builtinInterrupted(status int, err error) (int, error) {
	if err != nil || !sh.abandonsLine() || sh.ctx == nil || sh.ctx.Err() == nil {
		return status, err
	}
	os.Stderr.WriteString("\n") // after the terminal's ^C, as for a job
	sh.Status = 130
	return 130, errAbandon
}
