// Package builtins holds the commands that run inside the shell process
// instead of in a child: cd, exit, export, set, read, jobs, fg, bg, kill,
// wait and the rest.
//
// A builtin exists for one of two reasons. Either it must change the shell
// itself, which a child process cannot do (a child's cd changes the child's
// directory, not the shell's; only the shell can put one of its jobs back in
// the foreground), or it is so cheap that a fork would cost more than the
// work (echo, true, and test, [ and printf, which scripts call in loops).
//
// Where a builtin runs is package shell's choice, made by one rule
// (needsProcess in shell/subshell.go; explain prints its answer through
// Shell.Decide). Alone in the foreground it runs in the shell itself. In
// the background, and as a stage of a pipeline under job control, it runs
// in a child gosh: a real process in the job's process group, fed a
// snapshot of the shell, whose changes to its own state are lost, as a
// forked subshell's are. Elsewhere (a pipeline stage in a script, inside a
// copy or a child) it runs on a copy of the shell in a goroutine, unless
// the shell's process has too few descriptors free for the pipe ends of
// copies (a low ulimit -n): then that stage is a child gosh too.
//
// Every builtin is a Builtin value in a package-level table of the file
// that implements it (coreBuiltins in core.go, ...), which the compiler
// lays out as data, so that starting gosh builds nothing; builtinSets in
// builtins.go lists the tables, and the shell runs a builtin through
// Builtin.Call, where an active lab sees it. A builtin sees the shell only
// through the Shell interface in builtins.go, and the command's file
// descriptors only through IO. Process and terminal work (signals, waiting, the foreground process
// group) is delegated to the job table in package jobs: a builtin never calls
// kill, wait4 or tcsetpgrp itself.
//
// Behaviour follows bash: the same options, output formats, messages
// ("gosh: NAME: message" on standard error, after the prefix the shell
// gives through IO.Prefix: "s.sh: line 3: NAME: message" in a script) and
// exit statuses: 2 for a usage error, 1 for other failures.
//
// Files: core.go (cd pwd exit export unset echo true false : shift set
// eval; cdspell.go cd's spelling correction under shopt cdspell), run.go (exec . source command builtin type), read.go (readedit.go:
// read -e with the prompt's line editor), mapfile.go (mapfile readarray),
// jobs.go (jobs fg bg disown kill wait nohup), alias.go, history.go
// (history), fc.go, bind.go (bind: key bindings, readline variables, init files), compopt.go, complete.go
// (complete compgen), caller.go, help.go (help_ko.go, help_ko_text.go:
// every builtin's summary and help in Korean; topics.go the concept
// topics of help TOPIC and the one list of languages, Languages), test.go
// (test [), printf.go (printf and its strftime), getopts.go, ulimit.go,
// let.go (let times), env.go (umask readonly hash), enable.go (enable:
// turning builtins off and on), shopt.go, declare.go
// (declare typeset; nameref.go its -n, name references), funcattr.go (export -f, readonly -f), dirs.go (pushd
// popd dirs), flow.go (break continue return local), trap.go; the teaching
// builtins explain.go (explain_fds*.go: the descriptors a command line
// would use), lab*.go (lab, its report and its listening to the trace),
// procs.go, ptree.go, timeline.go, with proc_unix.go (reading /proc),
// watch_unix.go (their --watch views) and width*.go (terminal columns);
// util.go has the shared option parsing, quoting and error helpers.
package builtins
