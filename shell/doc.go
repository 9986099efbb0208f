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
//	repl.go      interactive loop: prompt, read, run, job reports
//	runner.go    scripts, -c and stdin; runLines parses line by line
//	exec.go      the executor: lists, and-or, pipelines, simple commands
//	expand.go    word expansion (POSIX 2.6), arith.go and glob.go
//	redirect.go  redirections as an fd table handed to the child
//	path.go      $PATH search
//	subst.go     command substitution
//	api.go       what builtins may see and change
//
// A builtin inside a pipeline, "a && b &", and $(...) run on a clone of the
// Shell in a goroutine: Go cannot fork the shell, and a clone gives the
// same guarantee a forked subshell gives, that changes do not leak back.
package shell
