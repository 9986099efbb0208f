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
//  3. shell/runner.go (runLines) hands the line reader to a parser.Reader
//     (parser/reader.go), whose lexer (parser/lexer.go) pulls lines as it
//     needs them and cuts them into tokens: WORD ls, '|', WORD grep ...;
//     the recursive-descent parser (parser/parser.go and compound.go, one
//     function per grammar rule) builds the AST of parser/ast.go: a File
//     holding a List of one AndOr whose Pipeline has three SimpleCommands.
//     When the lexer needs another line in the middle of a command (open
//     quote, trailing '|', an unfinished if), the REPL shows PS2 for it.
//  4. shell/exec.go walks the AST: runList → runAndOr → runPipeline. A
//     compound command alone in its pipeline ({ }, if, a loop, case, (( )),
//     [[ ]], a function call) runs in the shell itself (shell/compound.go,
//     function.go), as in bash; break, continue and return travel up as
//     error values to the loop or call that handles them. Each
//     SimpleCommand is expanded (shell/expand.go: brace expansion, tilde,
//     parameters, command substitution, arithmetic, field splitting,
//     pathname expansion, quote removal) into argv.
//  5. startJob builds each stage's fd table (shell/redirect.go:
//     redirections apply left to right on top of the pipe ends; a
//     pipeline's pipes, pipe2 with O_CLOEXEC, are made by jobs.Table.Launch
//     just before each writer starts, with a stand-in until then), and finds
//     each program on $PATH (shell/path.go). An external command becomes
//     a jobs.Stage. Where anything else runs is decided by one rule,
//     needsProcess in shell/subshell.go: a lone builtin in the shell itself;
//     a builtin stage under job control, and every background job that is
//     not just programs ("a && b &", "echo $(date) &"), in a child gosh, a
//     new gosh process that receives a Snapshot of the shell (variables,
//     options, aliases, $?, $!, fds ...; shell/snapshot.go) through a
//     memfd, never argv or environment, since Go cannot fork; elsewhere (a
//     script, $( )) in a copy of the shell on a goroutine.
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
// ptree, explain, help TOPIC, lab) narrates and shows each of these steps.
package gosh
