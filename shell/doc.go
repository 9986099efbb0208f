// Package shell is gosh's interpreter: the read-eval loop (interactive or
// from a script), word expansion, and execution of the AST that package
// parser builds.
//
// It owns the shell's state: variables (Vars), positional parameters,
// options, aliases and the fd view of the current context. It does not own
// processes: starting, waiting for and signalling them belongs to package
// jobs, which the executor calls with prepared Stages. Builtins (package
// builtins) see the shell through the builtins.Shell interface, which
// *Shell implements in api.go.
//
// Files, in the order a command line meets them:
//
//	startup.go   login variables and start-up files, before the first prompt
//	repl.go      interactive loop: prompt, read, run, job reports
//	prompt.go    PS1 and PS2 escapes (\u \w \! ...)
//	lineedit.go  the line editor (readline on a terminal, a plain one otherwise)
//	complete.go  Tab completion
//	history.go   the history list and $HISTFILE
//	runner.go    scripts, -c and stdin; runLines parses and runs as soon as
//	             the lines read so far are complete (package parser)
//	exec.go      the executor: lists, and-or, pipelines, simple commands
//	expand.go    word expansion (POSIX 2.6), arith.go and glob.go;
//	             expand_brace.go brace expansion (first, as in bash),
//	             expand_param.go ${x#p} ${x/p/r} ${x:o:l} ${!x} and arrays
//	assign.go    assignments to arrays: a[i]=v, a=(...), a+=(...)
//	vars.go      the variable table; vars_array.go indexed and associative
//	             arrays; specialvars.go $LINENO $RANDOM $SECONDS $_ PIPESTATUS
//	redirect.go  redirections as an fd table handed to the child
//	path.go      $PATH search
//	launch.go    prepared stages handed to package jobs
//	subshell.go  a command that must be a process of its own: a new gosh
//	subst.go     command substitution
//	api.go       what builtins may see and change
//
// A builtin inside a pipeline, and $(...), run on a clone of the Shell in a
// goroutine: Go cannot fork the shell, and a clone gives the same guarantee
// a forked subshell gives, that changes do not leak back. Where a real
// process is needed - a background job of builtins such as "a && b &",
// whose $! must be a pid, or a builtin that reads the terminal under job
// control - the shell starts a new gosh instead (subshell.go).
package shell
