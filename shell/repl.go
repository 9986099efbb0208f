package shell

import (
	"context"
	"errors"
	"io"
	"os"
	"strconv"
	"syscall"

	"golang.org/x/term"
)

// StartupFiles says which start-up files an interactive shell reads.
type StartupFiles struct {
	Login     bool
	NoRC      bool
	NoProfile bool
}

// errInterrupted is what a line editor returns when Ctrl+C discards the line.
var errInterrupted = errors.New("interrupted")

// lineEditor reads one line at the prompt. ReadLine returns the line
// without its newline; io.EOF for Ctrl+D on an empty line; errInterrupted
// for Ctrl+C.
type lineEditor interface {
	ReadLine(prompt string) (string, error)
	Close() error
}

// InitNonInteractive prepares a shell that runs a script or -c: no terminal
// handoff; SIGCHLD is caught so the job table can reap.
func (sh *Shell) InitNonInteractive() error {
	closeInheritedFds()
	return sh.Jobs.InitNonInteractive()
}

// RunInteractive is the interactive shell: start-up files, then the loop
// of prompt → read → parse → run → report jobs, until exit or Ctrl+D.
func (sh *Shell) RunInteractive(sf StartupFiles) (int, error) {
	closeInheritedFds()
	if err := sh.Jobs.InitInteractive(); err != nil {
		return 1, err
	}
	go sh.handleSignals()
	sh.readStartupFiles(sf)
	sh.Jobs.SaveShellModes()
	ed := sh.newLineEditor()
	defer ed.Close()

	// bash warns "There are stopped jobs." once; an exit attempt right
	// after the warning (the next line, or Ctrl+D) then proceeds.
	linesRead, warnedAt := 0, -10
	sh.hangup = make(chan struct{})
	go func() {
		<-sh.hangup
		ed.Close()
	}()
	next := func(more bool) (string, error) {
		if !more {
			sh.Jobs.Report()
			sh.Jobs.PreparePrompt()
		}
		ps := "PS1"
		if more {
			ps = "PS2"
		}
		for {
			line, err := ed.ReadLine(sh.prompt(ps))
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
			linesRead++
			return line + "\n", nil
		}
	}
	for {
		sh.ctx, sh.cancel = context.WithCancel(context.Background())
		_, err := sh.runLines(func(more bool) (string, error) {
			line, err := next(more)
			if err == nil {
				sh.addHistory(line)
			}
			return line, err
		}, "")
		sh.cancel()
		code, isExit := IsExit(err)
		switch {
		case sh.hungUp():
			return 128 + int(syscall.SIGHUP), nil
		case errors.Is(err, errInterrupted):
			// Ctrl+C at a PS2 prompt discards the unfinished command.
			sh.Status = 130
			continue
		case err == nil || errors.Is(err, io.EOF) || isExit:
			if !isExit {
				code = sh.Status
				os.Stderr.WriteString("exit\n")
			}
			if sh.Jobs.StoppedJobs() && warnedAt < linesRead-1 {
				os.Stderr.WriteString("There are stopped jobs.\n")
				warnedAt = linesRead
				continue
			}
			sh.BeforeExit()
			return code, nil
		default:
			// A read error (the terminal went away): leave cleanly.
			sh.BeforeExit()
			return sh.Status, nil
		}
	}
}

// handleSignals receives the signals the job table caught for the shell.
// SIGINT interrupts a waiting builtin; SIGHUP (the terminal closed) and
// SIGTERM's bash behaviour: an interactive shell ignores SIGTERM, and exits
// on SIGHUP after hanging up its jobs; SIGWINCH updates COLUMNS and LINES.
func (sh *Shell) handleSignals() {
	for sig := range sh.Jobs.Signals() {
		switch sig {
		case syscall.SIGINT:
			if sh.cancel != nil {
				sh.cancel()
			}
		case syscall.SIGHUP:
			// The terminal is gone: hang up the jobs, save history, and
			// make the line editor return so the REPL ends.
			sh.BeforeExit()
			close(sh.hangup)
		case syscall.SIGWINCH:
			if w, h, err := term.GetSize(0); err == nil {
				sh.Vars.Set("COLUMNS", strconv.Itoa(w))
				sh.Vars.Set("LINES", strconv.Itoa(h))
			}
		}
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
