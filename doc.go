// Package gosh is the root of gosh, an educational job-control shell for
// Linux. The code lives in the packages below; this file is the tour.
//
// # Follow one command line
//
// Take `ls | grep .txt | wc -l` typed at the prompt.
//
//  1. cmd/gosh decides how gosh was invoked (flags, interactive or not) and
//     calls shell.RunInteractive, the only place the process exits from.
//  2. shell/repl.go prints the prompt and reads a line with the line editor
//     (shell/lineedit.go). Before that, jobs.Table.Report prints finished
//     background jobs and PreparePrompt makes sure the shell owns the
//     terminal in sane modes.
//  3. shell/runner.go (runLines) gives the text to the parser. The lexer
//     (parser/lexer.go) cuts it into tokens: WORD ls, '|', WORD grep ...;
//     the recursive-descent parser (parser/parser.go, one function per
//     grammar rule) builds the AST of parser/ast.go: a File holding a List
//     of one AndOr whose Pipeline has three SimpleCommands. An incomplete
//     line (open quote, trailing '|') is a *parser.SyntaxError with
//     Incomplete set: the REPL shows PS2 and reads more.
//  4. shell/exec.go walks the AST: runList → runAndOr → runPipeline. Each
//     SimpleCommand is expanded (shell/expand.go: brace expansion, tilde,
//     parameters, command substitution, arithmetic, field splitting,
//     pathname expansion, quote removal) into argv.
//  5. startJob asks jobs.Table.Pipe for a pipe between each pair of stages
//     (pipe2 with O_CLOEXEC), builds each stage's fd table (shell/redirect.go:
//     redirections apply left to right on top of the pipe ends), and finds
//     each program on $PATH (shell/path.go). An external command becomes
//     a jobs.Stage; a builtin stage a goroutine on a copy of the shell,
//     unless it needs a process of its own (in a background job of builtins,
//     or reading the terminal under job control): then a new gosh process
//     runs it (shell/subshell.go), since Go cannot fork.
//  6. jobs.Table.Launch (jobs/launch_unix.go) starts every stage with
//     syscall.ForkExec: clone(CLONE_VFORK), then in the child setpgid into
//     the job's process group, tcsetpgrp for a foreground job, dup2 of the
//     fd table, execve. The reaper cannot run until the whole pipeline is in
//     its group (the launch lock).
//  7. jobs.Table.WaitForeground (jobs/wait.go) sleeps in waitid until a
//     child changes state, then collects it with wait4(-1, WNOHANG|WUNTRACED|
//     WCONTINUED) (jobs/reap_unix.go), until every process of the job has
//     exited or stopped. The job's state is derived from its processes'
//     states. The shell takes the terminal back, saves the job's terminal
//     modes if it stopped (Ctrl+Z), restores its own. Background jobs are
//     collected by the reaper goroutine, woken by SIGCHLD.
//  8. The status of the last stage (or 128+signal) becomes $?, and the loop
//     reads the next line.
//
// Builtins (package builtins) run inside the shell and see it only through
// the builtins.Shell interface. The teaching layer (set -o trace, procs,
// ptree, explain, help TOPIC, lab) narrates and shows each of these steps.
package gosh
