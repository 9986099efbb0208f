// Package gosh is the root of gosh, an educational job-control shell for
// Linux. The code lives in the packages below; this file is the tour.
//
// # Follow one command line
//
// Take `ls | grep .txt | wc -l` typed at the prompt.
//
//  1. cmd/gosh (main.go) decides how gosh was invoked (flags, interactive
//     or not), creates the shell (shell.New) and calls its RunInteractive
//     (shell/repl.go); main is the one place the process exits from. Under
//     a low ulimit -u, its init (cmd/gosh/limits_unix.go) first makes the
//     threads the Go runtime will need (reserveThreads), since every
//     thread counts against the same limit as the shell's children.
//  2. shell/repl.go prints the prompt and reads a line with the line editor
//     (shell/lineedit.go; emacs keys, or vi keys with set -o vi). Before
//     that, jobs.Table.Report (jobs/report.go) prints the background jobs
//     that changed ("[1]+  Done  sleep 3") and removes the finished ones,
//     and jobs.Table.PreparePrompt makes sure the shell owns the terminal
//     in sane modes.
//  3. shell/runner.go (runLines; at the prompt runLinesNotify) hands the
//     line reader to a parser.Reader (parser/reader.go), whose lexer
//     (parser/lexer.go) pulls lines as it needs them and cuts them into
//     tokens: WORD ls, '|', WORD grep ...;
//     the recursive-descent parser (parser/parser.go and compound.go, one
//     function per grammar rule) builds the AST of parser/ast.go: a File
//     holding a List of one AndOr whose Pipeline has three SimpleCommands.
//     When the lexer needs another line in the middle of a command (open
//     quote, trailing '|', an unfinished if), the REPL shows PS2 for it.
//  4. shell/exec.go walks the AST: runList → runAndOr → runPipeline. A
//     compound command alone in its pipeline ({ }, if, a loop, select,
//     case, (( )), [[ ]], a function call) runs in the shell itself
//     (shell/compound.go, select.go, cond.go, function.go), as in bash; a
//     coproc starts its command as "command &" would, with two pipes
//     whose other ends the shell keeps (shell/coproc.go);
//     break, continue and return travel up as error values to the loop or
//     call that handles them. Each
//     SimpleCommand is expanded (shell/expand.go: brace expansion, tilde,
//     parameters, command substitution, arithmetic, field splitting,
//     pathname expansion, quote removal) into argv; $(( )) and $[ ] are
//     evaluated by shell/arith.go.
//  5. startJob (shell/exec.go) builds each stage's fd table (shell/redirect.go:
//     redirections apply left to right on top of the pipe ends; a
//     pipeline's pipes, pipe2 with O_CLOEXEC, are made by jobs.Table.Launch
//     just before each writer starts, with a stand-in until then), and finds
//     each program on $PATH (shell/path.go). An external command becomes
//     a jobs.Stage. Where anything else runs is decided by one rule,
//     needsProcess in shell/subshell.go: a lone builtin in the shell itself;
//     a builtin stage under job control, and every background job that is
//     not just programs ("a && b &", "echo $(date) &"), in a child gosh, a
//     new gosh process that receives a Snapshot of the shell (variables,
//     functions, options, aliases, $?, $!, fds, traps and the signals it
//     must ignore, complete specs ...; shell/snapshot.go) through a memfd,
//     never argv or environment, since Go cannot fork; elsewhere (a
//     script, $( )) in a copy of the shell on a goroutine. A copy has no
//     process of its own, so a list that reads $BASHPID runs in a child
//     gosh (shell/bashvars.go), and so does a pipeline stage when the
//     pipe ends of copies would not fit under ulimit -n in the shell's
//     own process (shell/fdroom_unix.go); BASH_SUBSHELL counts either kind.
//     A child gosh whose last command names a program execs it instead of
//     forking again, as a forked shell does, and so does gosh -c with the
//     last command of its text (shell/tailexec.go).
//     shell/launch.go hands the stages to package jobs.
//  6. jobs.Table.Launch (jobs/launch_unix.go) registers one Job in the job
//     table (jobs/table.go) and starts every stage (startStage) with
//     syscall.ForkExec (forkExec): clone(CLONE_VFORK), then in the child
//     setpgid into the job's process group, tcsetpgrp for a foreground job,
//     dup2 of the fd table, execve. The reaper cannot run until the whole
//     pipeline is in its group (the launch lock). A fork that fails with
//     EAGAIN is retried as bash does (forkExecRetry).
//  7. jobs.Table.WaitForeground (jobs/wait.go) sleeps in waitid
//     (waitForNews) until a child changes state, then collects it with
//     wait4(-1, WNOHANG|WUNTRACED|WCONTINUED) (wait4 and reapAll in
//     jobs/reap_unix.go), which records each process's new state in the
//     job table (Table.update), until every process of the job has exited
//     or stopped. The job's state is derived from its processes' states.
//     The shell takes the terminal back (takeTerminalBack in
//     jobs/terminal_unix.go), saves the job's terminal modes if it stopped
//     (Ctrl+Z), restores its own. A finished foreground job leaves the
//     table; a stopped one stays there for jobs, fg and bg. Background jobs
//     are collected by the reaper goroutine, woken by SIGCHLD, and reported
//     by the next step 2.
//  8. The status of the last stage (or 128+signal; with pipefail, the last
//     that failed) becomes $?, the stages' statuses PIPESTATUS, and the
//     loop reads the next line.
//
// A copy shares the process, so what the process holds once is a field of
// the shell there: the working directory (children of a copy start in its
// own through ProcAttr.Dir), the umask and resource limits; exec and exit
// in a copy end only the copy. The fd table the user sees is virtual too:
// "exec 9>lock" records a descriptor gosh holds at 10 or above, and each
// child receives it as its fd 9 (shell/fds_unix.go), so no user command can
// close a descriptor of the Go runtime.
//
// Builtins (package builtins) run inside the shell and see it only through
// the builtins.Shell interface. The teaching layer (set -o trace, procs,
// ptree, timeline, explain, help TOPIC, lab) narrates and shows each of
// these steps, in English or Korean: every text is a jobs.Msg with both
// side by side, and one decision, Shell.Lang (shell/lang.go: set -o
// lang=en|ko, else LC_ALL, LC_MESSAGES, LANG), picks the language.
//
// Every command line gosh is given (gosh -c, a script, each child gosh)
// starts a Go program, so what runs before main counts (issue 9, speed).
// jobs/earlysig, initialised as soon as package syscall is,
// gives the signals whose Go default differs from a C shell's (SIGUSR1 is
// dropped by Go, SIGABRT dumps goroutines) the kernel's disposition, so a
// child gosh killed as it starts dies as a forked shell would.
// cmd/gosh/startstack, initialised before every other package, grows the
// start-up goroutine's stack once, without touching it; cmd/gosh/oneproc
// runs the Go runtime with one P until the first garbage collection (a
// script, gosh -c; an interactive shell gets the default back at once), so
// that no goroutine of the start wakes a second thread; nothing else of
// gosh's packages runs at initialisation that a run does not need: tables
// and regexps that only some commands use are jobs/lazy Values (or
// switches, or arrays the compiler lays out as data), built at first use.
package gosh
