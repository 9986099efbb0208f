package shell

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/sys/unix"

	"gosh/jobs"
	"gosh/parser"
)

// This file reads programs: a script file, -c text, standard input, or the
// interactive prompt. All of them feed lines to runLines, whose
// parser.Reader pulls a line only when the lexer needs one and hands back
// each command as soon as it is complete; runLines runs it before the next
// is parsed. That is why an alias defined on one line applies on the next,
// why a syntax error late in a script does not stop the commands before it,
// and why the text is parsed once, in time proportional to its length.

// lineFunc returns the next line of input, with its newline. more is true
// when the text so far is incomplete (the prompt shows PS2). It returns
// io.EOF at the end.
type lineFunc func(more bool) (string, error)

// runLines is the read-parse-run loop shared by every way of reading
// commands. name is the file name for messages ("" for -c and the prompt).
func (sh *Shell) runLines(next lineFunc, name string) (int, error) {
	return sh.runLinesNotify(next, name, nil)
}

// runLinesNotify is runLines that calls read, when not nil, each time the
// lines of a command (or of a syntax error) have all been read, before the
// command runs: the interactive loop then saves them as one history entry.
func (sh *Shell) runLinesNotify(next lineFunc, name string, read func(f *parser.File)) (int, error) {
	if name != "" {
		defer func(saved string) { sh.srcFile = saved }(sh.srcFile)
		sh.srcFile = name
	}
	// Only the -c text's own loop asks whether the text has been read to
	// its end (so that its last command may replace the shell), not an
	// eval or a . file inside it.
	textRead := sh.textRead
	sh.textRead = nil
	cfg := parser.Config{Alias: sh.aliasLookup, Echo: sh.verboseEcho, Extglob: sh.extglobOn, NoComments: sh.noComments}
	in := &inputLines{next: next} // the lines a syntax error shows (syntaxmsg.go)
	// The end of the input (of a script, -c text, or Ctrl+D at a prompt's
	// PS2) ends an open here-document, with bash's warning, and the
	// command runs.
	cfg.HeredocEOF = func(delim string, line int) { sh.heredocAtEOFOf(delim, line, name, in.count) }
	r := parser.NewReader(parser.LineSource(in.read), cfg)
	ran := false // POSIX: with no command at all (". /dev/null"), the status is 0
	for {
		f, err := r.Next()
		var se *parser.SyntaxError
		if read != nil && (err == nil || errors.As(err, &se)) {
			read(f) // nil after a syntax error
		}
		switch {
		case errors.Is(err, io.EOF):
			if !ran {
				return 0, nil
			}
			return sh.Status, nil
		case errors.As(err, &se):
			sh.reportSyntaxError(se, name, in)
			if sh.flow.sourceDepth > 0 {
				// A . file ends at its syntax error with status 2 (1 in
				// an array's list); the shell that sourced it goes on,
				// as in bash (in POSIX mode, it ends a script too).
				if sh.Opts.Posix {
					return sh.Status, sh.posixFatal(sh.Status)
				}
				return sh.Status, nil
			}
			if !sh.Opts.Interactive {
				return sh.Status, &ExitError{Status: sh.Status}
			}
			if se.Incomplete {
				// The input ended inside a command (Ctrl+D at PS2): as
				// in bash, that is the end of the input.
				return sh.Status, nil
			}
			continue
		case err != nil:
			return sh.Status, err
		}
		if textRead != nil && textRead() && !sh.Opts.Interactive && !sh.Jobs.JobControl() {
			sh.lastCmd = lastOfText(f) // the -c text's last line: it may become its last program
		}
		ran = true
		sh.traceFollowsLocale()
		if _, err := sh.Run(f); err != nil {
			if err == errExpansionAbandon {
				// bash drops the rest of this command and reads the next.
				sh.afterCommand()
				continue
			}
			return sh.Status, err
		}
		sh.afterCommand()
		if sh.Opts.Onecmd && sh.flow.sourceDepth == 0 && sh.source != sourceCommand {
			// set -t: the shell exits once the command it read (the
			// line that turned the option on, or the next one) is done,
			// as bash's reading loop; -c text and . files read on.
			return sh.Status, &ExitError{Status: sh.Status}
		}
	}
}

// heredocAtEOF warns, as bash does, that the end of a text the shell was
// given (eval's) ended a here-document (parser.Config.HeredocEOF).
func (sh *Shell) heredocAtEOF(delim string, line int) {
	sh.errorf("%s", heredocWarning(delim, line))
}

// heredocAtEOFOf is heredocAtEOF for the input runLines reads, whose last
// line was last: bash's warning starts as a syntax error there would
// ("s.sh: line 4: warning: ..."), but for -c text as a message about a
// command at that line ("nm: line 4: warning: ...").
func (sh *Shell) heredocAtEOFOf(delim string, line int, name string, last int) {
	prefix := sh.syntaxPrefix(name, last)
	if name == "" && !sh.Opts.Interactive {
		prefix = sh.errorPrefixAt(last)
	}
	sh.Stderr().Write([]byte(prefix + heredocWarning(delim, line) + "\n"))
}

func heredocWarning(delim string, line int) string {
	return fmt.Sprintf("warning: here-document at line %d delimited by end-of-file (wanted `%s')", line, delim)
}

// verboseEcho is set -v: each line is written to stderr as it is read,
// before it is parsed or run; as in bash, not the lines of a $( ) or
// <( ) list after its first (parser.Config.Echo).
func (sh *Shell) verboseEcho(line string) {
	if sh.Opts.Verbose {
		sh.verboseWrite(line)
	}
}

// verboseWrite writes one input line to stderr (set -v).
func (sh *Shell) verboseWrite(line string) {
	if !strings.HasSuffix(line, "\n") {
		line += "\n"
	}
	io.WriteString(sh.Stderr(), line)
}

// afterCommand runs between commands of -c text and after each
// foreground job and wait: finished background jobs leave the table
// (reported, as bash does, only under set -m; their statuses stay known
// to wait). The interactive loop reports before each prompt instead, and
// a script keeps them (keepsFinishedJobs).
func (sh *Shell) afterCommand() {
	if !sh.subshell && !sh.Opts.Interactive && !sh.keepsFinishedJobs() {
		sh.Jobs.Report()
	}
}

// keepsFinishedJobs reports whether the shell reads a script (a file or
// standard input, and the child gosh processes of one), whose finished
// background jobs bash keeps listed until jobs shows them or a wait
// collects them (jobs.Table.SetKeepFinished); in POSIX mode, -c text too.
func (sh *Shell) keepsFinishedJobs() bool {
	return sh.flow.topSource == sourceFile || sh.flow.topSource == sourceStdin || sh.Opts.Posix && !sh.Opts.Interactive
}

// runSource runs the text of a file (a script, or . FILE).
func (sh *Shell) runSource(src, name string) (int, error) {
	return sh.runLines(linesOf(src), name)
}

// linesOf gives the lines of src one at a time, each with its newline, as
// a parser.Reader asks for them; the last comes with io.EOF.
func linesOf(src string) func(bool) (string, error) {
	rest := src
	return func(bool) (string, error) {
		i := strings.IndexByte(rest, '\n')
		if i < 0 {
			line := rest
			rest = ""
			return line, io.EOF
		}
		line := rest[:i+1]
		rest = rest[i+1:]
		return line, nil
	}
}

// readScript reads a script file; opened reports whether it could be
// opened (a directory can, and then not be read).
func readScript(path string) (data []byte, opened bool, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, false, err
	}
	defer f.Close()
	data, err = io.ReadAll(f)
	return data, true, err
}

// scriptInPath is the first readable regular file called name in a
// directory of $PATH (an empty entry is the current directory), or "".
func (sh *Shell) scriptInPath(name string) string {
	pathVar, _ := sh.Vars.Get("PATH")
	if pathVar == "" {
		return ""
	}
	for _, dir := range strings.Split(pathVar, ":") {
		if dir == "" {
			dir = "."
		}
		p := dir + "/" + name
		if st, err := os.Stat(sh.abs(p)); err == nil && st.Mode().IsRegular() && unix.Access(sh.abs(p), unix.R_OK) == nil {
			return p
		}
	}
	return ""
}

// RunScript runs a script file: gosh FILE args...
func (sh *Shell) RunScript(path string) (int, error) {
	data, opened, err := readScript(path)
	name := "" // the file found in $PATH, which messages before its first line name
	if errors.Is(err, os.ErrNotExist) && !strings.Contains(path, "/") {
		// As bash: a name without a slash that is not in the current
		// directory is looked for in $PATH. $0 stays the name given;
		// messages name the file found (BASH_SOURCE).
		if found := sh.scriptInPath(path); found != "" {
			path, name = found, found+": "
			data, opened, err = readScript(path)
		}
	}
	if err != nil {
		// As bash: a file that cannot be opened is reported by the shell
		// as it was started ("gosh: s.sh: No such file or directory"),
		// one it cannot read (a directory) as a message of the script
		// ("dir: dir: Is a directory").
		prefix := os.Args[0] + ": "
		if opened {
			prefix = sh.ErrorName()
		}
		io.WriteString(sh.Stderr(), prefix+path+": "+errnoText(err)+"\n")
		if errors.Is(err, os.ErrNotExist) {
			return 127, nil
		}
		return 126, nil
	}
	if jobs.IsBinaryFile(path) {
		// As bash, which looks before it reads a script.
		if name == "" {
			name = sh.ErrorName()
		}
		io.WriteString(sh.Stderr(), name+path+": cannot execute binary file\n")
		return 126, nil
	}
	src := string(data)
	if strings.HasPrefix(src, "#!") {
		// The #! line is a comment to the shell.
		if i := strings.IndexByte(src, '\n'); i >= 0 {
			src = "\n" + src[i+1:]
		} else {
			src = ""
		}
	}
	sh.startScriptFrames(path) // BASH_SOURCE (bashvars.go)
	sh.Jobs.SetKeepFinished()
	// With set -o history, each command is stored as it is read, as bash.
	var read strings.Builder
	next := linesOf(src)
	st, err := sh.runLinesNotify(func(more bool) (string, error) {
		line, err := next(more)
		read.WriteString(line)
		return line, err
	}, path, func(*parser.File) {
		sh.scriptHistory(read.String())
		read.Reset()
	})
	return sh.finish(st, err)
}

// RunCommandString runs -c text. On its last line, the last command may
// replace the shell (tailexec.go: lastOfText).
func (sh *Shell) RunCommandString(src string) (int, error) {
	sh.source = sourceCommand
	sh.flow.topSource = sourceCommand
	sh.Vars.Set("BASH_EXECUTION_STRING", src) // as bash: the text of -c
	sh.startScriptFrames("")
	rest := src
	next := linesOf(src)
	sh.textRead = func() bool { return strings.TrimSpace(rest) == "" }
	st, err := sh.runLines(func(more bool) (string, error) {
		line, err := next(more)
		rest = rest[len(line):]
		return line, err
	}, "")
	return sh.finish(st, err)
}

// RunStdin reads commands from standard input, which is not a terminal.
// It reads a line at a time without reading ahead, so that a command that
// reads stdin (read, cat) gets the lines after its own.
func (sh *Shell) RunStdin() (int, error) {
	sh.source = sourceStdin
	sh.flow.topSource = sourceStdin
	sh.startScriptFrames("")
	sh.Jobs.SetKeepFinished()
	r := &unbufferedLines{fd: 0}
	st, err := sh.runLines(func(bool) (string, error) { return r.readLine() }, "")
	return sh.finish(st, err)
}

// finish turns an exit request into the final status.
func (sh *Shell) finish(st int, err error) (int, error) {
	if code, ok := IsExit(err); ok {
		return code, nil
	}
	return st, err
}

// unbufferedLines reads lines from an fd one byte at a time, as bash does
// for a pipe: nothing past the newline is consumed.
type unbufferedLines struct {
	fd int
}

func (u *unbufferedLines) readLine() (string, error) {
	var line []byte
	var b [1]byte
	for {
		n, err := unix.Read(u.fd, b[:])
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return string(line), err
		}
		if n == 0 {
			return string(line), io.EOF
		}
		line = append(line, b[0])
		if b[0] == '\n' {
			return string(line), nil
		}
	}
}

// BeforeExit is what the shell does on its way out: an interactive shell
// (or one with job control) sends SIGHUP to its jobs, then history is saved.
func (sh *Shell) BeforeExit() {
	if sh.Opts.Interactive && !sh.subshell {
		sh.Jobs.HangUp()
	}
	if sh.Hooks.OnExit != nil {
		sh.Hooks.OnExit()
	}
}

// initInteractive takes the terminal for job control (shellTerminal).
// "gosh -i" with no terminal at all has none: like bash it says so and
// runs without job control.
func (sh *Shell) initInteractive() error {
	if sh.Jobs.Terminal() < 0 {
		sh.errorf("no job control in this shell")
		sh.Opts.Monitor = false
		sh.Jobs.SetJobControl(false)
		return sh.Jobs.InitNonInteractive()
	}
	if err := sh.Jobs.InitInteractive(); err != nil {
		return err
	}
	sh.sigs.watchRuntimeFatal() // kill -PIPE $$ ends it
	return nil
}
