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
//	shell.go     the Shell, its Options, and the Hooks the interactive layer installs
//	startup.go   login variables and start-up files (or --rcfile's), before
//	             the first prompt;
//	             passwd_unix.go the user look-ups in /etc/passwd (\u, ~name,
//	             HOME and SHELL of a login shell), gosh's own, for no cgo
//	repl.go      interactive loop: prompt, read, run, job reports;
//	             terminal_unix.go the terminal it takes for job control;
//	             mail.go the mail check before a prompt (MAILCHECK,
//	             MAILPATH, MAIL, shopt mailwarn)
//	prompt.go    PS1 and PS2 escapes (\u \w \! ...)
//	lineedit.go  the line editor (readline on a terminal, a plain one otherwise);
//	             prompt and echo as GNU readline draws them, ECHO off and
//	             bracketed paste honoured (or not asked for: bind 'set
//	             enable-bracketed-paste off'), for programs that drive the
//	             shell; the line drawn again when the window's size changes;
//	             emacs keys, or vi keys with set -o vi; readedit.go lends
//	             it to read -e; lineedit_keys.go hands it the keys bind
//	             and ~/.inputrc bound
//	bindkeys.go  key bindings and readline variables (bind): the Keymap
//	             (package shell/inputrc reads their syntax), the init file
//	             an interactive shell reads, bind -x's command
//	complete.go  Tab completion (and shopt dirspell, direxpand,
//	             no_empty_cmd_completion); progcomp.go the complete
//	             builtin's specifications, compgen and -F functions
//	             (progcomp_alias)
//	history.go   the history list and $HISTFILE (read streaming, rewritten
//	             through an O_EXCL temporary file); historycmd.go its
//	             changes by history and fc; histexpand.go !! !$ ^old^new;
//	             HISTCONTROL and HISTIGNORE decide what the list keeps
//	runner.go    scripts, -c, stdin and the prompt; runLines runs each
//	             command as soon as parser.Reader has read all its lines;
//	             syntaxmsg.go syntax errors in bash's words and places;
//	             errprefix.go what every other message starts with
//	             (ErrorPrefix: "gosh: " at a prompt, "s.sh: line 3: " in a
//	             script, as bash), for the shell, builtins and stages
//	exec.go      the executor: lists, and-or, pipelines, simple commands;
//	             hotpath.go its reused scratch storage (a loop of builtins
//	             allocates nothing per command); xtrace.go set -x lines;
//	             timecmd.go (timecmd_unix.go) the time reserved word;
//	             tempenv.go which "NAME=v cmd" assignments outlive the
//	             command ("x=5 export x"); stage_subst.go which pipeline
//	             stages expand their own $( ), reading the pipe; lastpipe.go
//	             shopt -s lastpipe: a pipeline's last stage run by the shell
//	             itself, its fd 0 the pipe for that command only
//	compound.go  { } ( ) if while until for "for (( ))" case "(( ))", run
//	             in the shell itself (( ) as the one rule says); select.go
//	             select; cond.go [[ ]]; function.go functions, local,
//	             return and the flow state (loops, frames, set -e
//	             exceptions); localopts.go local -; funcattr.go export -f,
//	             readonly -f; funclines.go $LINENO of a function typed at
//	             the prompt; coproc.go bash's coproc: its command
//	             started as "command &" would be (the one rule), two
//	             pipes for its fds 0 and 1, the shell's ends kept as
//	             close-on-exec user fds NAME=(63 60), closed and NAME
//	             unset at the next command once it has ended;
//	             fastexpand.go the executor's shortcut for plain words
//	expand.go    word expansion (POSIX 2.6), arith.go (arithmetic, $(( ))
//	             and bash's old $[ ]; arith_compile.go compiles a text
//	             once) and glob.go, pathname expansion and the one
//	             pattern matcher (extglob.go: its extended patterns,
//	             ?(a|b) *(a|b) +(a|b) @(a|b) !(a|b), run as an automaton);
//	             expand_brace.go brace expansion (first, as in bash),
//	             expand_param.go ${x#p} ${x/p/r} ${x:o:l} ${!x} and arrays
//	assign.go    assignments to arrays: a[i]=v, a=(...), a+=(...)
//	vars.go      the variable table; vars_array.go indexed and associative
//	             arrays; vars_nameref.go name references (declare -n), which
//	             the table follows, and nameref.go where commands follow
//	             them (circular ones, array-element targets); specialvars.go $LINENO $RANDOM $SECONDS $_ PIPESTATUS;
//	             bashvars.go BASHPID, BASH_SUBSHELL, and the call stack
//	             FUNCNAME, BASH_SOURCE, BASH_LINENO; caller.go what the
//	             caller builtin reports; bashcommand.go $BASH_COMMAND,
//	             $SHELLOPTS and $BASHOPTS
//	redirect.go  redirections as an fd table handed to the child;
//	             redirect_fdvar.go the descriptor of {NAME}> (bash)
//	fds_unix.go  the user's virtual fd table; fdio_unix.go raw reads,
//	             writes, opens and the fds inherited at start-up;
//	             execfds_unix.go, exec cmd
//	path.go      $PATH search and the command hash table (set +h turns
//	             it off); enable.go the builtins enable -n turned off
//	launch.go    prepared stages handed to package jobs; nohup.go nohup
//	subshell.go  the one rule for where a command runs (needsProcess), and
//	             child gosh processes (childStage, RunChild); tailexec.go
//	             a child gosh (or -c text) that becomes its one program; trace_text.go
//	             what set -o trace says of the shell's own steps;
//	             fdroom_unix.go the descriptors the rule counts, and a
//	             pipeline's child memfd made just before the child starts
//	snapshot.go  what a fork would copy (Snapshot), used by both kinds of
//	             subshell; snapshot_codec.go is its binary form
//	subst.go     command substitution (substlines.go: $LINENO inside it,
//	             numbered as bash numbers it); subst_pipe_unix.go its pipe, read
//	             by the shell after the list unless a child or a full pipe
//	             needs a reader sooner; subst_scratch.go the storage one
//	             $( ) copy gives back to the next; subst_file.go $(< file);
//	             procsubst.go process substitution,
//	             <(list) >(list): a child gosh on a pipe, named /dev/fd/N
//	trap.go      the trap table; trap_unix.go what the process does with
//	             it: dispositions, handlers run between commands, at the
//	             prompt and in wait, the EXIT trap, dying of a signal;
//	             sigsettle_unix.go waits, after a foreground job, for the
//	             signals its processes sent the shell
//	api.go       what builtins may see and change; options.go the set -o
//	             and shopt options (shopt.go: bash's others, with their
//	             behaviour or a refusal that says why); posix.go bash's
//	             POSIX mode (set -o posix, $POSIXLY_CORRECT) and the rules
//	             it brings to the shell's own code; declare.go
//	             variable attributes (-i);
//	             limits_unix.go ulimit's resource limits; execas.go exec -a
//	lang.go      the language of every teaching text (Lang): set -o
//	             lang=en|ko, else LC_ALL, LC_MESSAGES, LANG
//	sigpipe.go   a builtin writing into a closed pipe: a script ends with
//	             141 and a copy running a pipeline stage ends there, as
//	             SIGPIPE ends bash and its forked stage; with SIGPIPE
//	             trapped or ignored the write fails and they go on
//	privileges_unix.go  setuid ids dropped at start-up unless -p
//
// # Subshells: copies and child processes
//
// A C shell forks for every subshell and the child inherits everything.
// Go cannot fork a running program, so gosh has two kinds of subshell, and
// both are built from one Snapshot (snapshot.go): variables with their
// attributes, functions, aliases, options, $0 and $@, $?, $!, $$, $PPID,
// the logical directory, the umask, traps, the fd table, the line
// number, the signals a background job ignores without a trap (SIGINT and
// SIGQUIT in a script) and the complete builtin's specifications. A test
// walks every field of Snapshot through both kinds.
//
//   - A copy (clone) is a new *Shell restored from a Snapshot, run on a
//     goroutine of the shell's own process. Its variables, options and
//     aliases are its own, but it shares the process: a copy is NOT a fork.
//     It has no pid of its own, Ctrl+Z and kill cannot reach it, and the
//     process-wide state (real working directory, umask, limits, signal
//     dispositions, fds) must be kept as fields and never changed in the
//     process. So copies are used only where nothing can tell the
//     difference: command substitution, and builtin stages of a pipeline
//     without job control (a script, or inside a copy or a child), unless
//     they may read $BASHPID, the one thing that names a subshell's own
//     process (bashvars.go), or descriptors are short, since a copy's
//     pipe ends are open in the shell's own process (fdroom_unix.go).
//   - A child gosh is a real process: the shell starts its own executable
//     (/proc/self/exe) as an ordinary stage of a job, with the argv
//     "gosh: TEXT --snapshot-fd=N", where TEXT is the command as written
//     (never an expanded word) and N is a memfd holding the Snapshot and
//     the commands to run, printed as source and parsed with aliases off.
//     Exported variables are in its environment as for any program;
//     nothing else of the shell is in its argv or environment, where every
//     user of the machine could read it (only GOMAXPROCS=1 for its Go
//     runtime, which it removes before it reads its environment). Its fds
//     are those of its snapshot's table, so it searches for none. It
//     reads no start-up files and runs without job control, so its
//     children stay in its process group: the job's. When its last
//     command (its whole body, or the last command of its one "( )") is
//     a simple command that names a program once expanded, and no trap is
//     set, it does not fork for it: it execs the program itself, as a
//     forked shell does with its last command, so "$cmd" 30 & is one
//     process and $! is the program's pid (tailexec.go; explain says so).
//     "gosh -c TEXT" does the same with the last command of TEXT, as
//     "bash -c" does.
//
// Which one, or neither, is decided in one place, needsProcess, whose
// answer explain and set -o trace print:
//
//   - every background job is a real process: a child gosh runs "a && b &",
//     a builtin, "nosuch &" or any list whose words could run a command,
//     assign or fail ("echo $(sleep 2) &", ": ${x:=v} &"), and expands the
//     words itself, so nothing of a background job is expanded in the shell;
//     only a pipeline of programs with quiet words is started directly,
//     unless a redirection of it opens a FIFO (whose open waits for the
//     other end: the child opens it, not the shell);
//   - under job control, every pipeline stage that is not a program is a
//     child gosh in the job's process group, so Ctrl+Z stops it, fg
//     continues it, kill %N ends it, and what it starts is in the group;
//     except jobs, history, fc and timeline, which list what only the
//     shell process holds and run in a copy ("jobs -p | xargs kill",
//     "history | grep");
//   - a lone builtin or assignment in the foreground runs in the shell;
//   - with shopt -s lastpipe and no job control, the last stage of a
//     foreground pipeline is placed as if it were alone (a builtin, a
//     function, { } or a loop in the shell itself) and run by the shell
//     after the other stages have started, as in bash (lastpipe.go);
//   - a stage of a pipeline is a child gosh when descriptors are short:
//     fewer than 5×(stages−1)+8 free below the process's soft ulimit -n
//     (fdroom_unix.go), since a copy holds its pipe ends in the shell's
//     own process for as long as it runs, and a child in its own; so a
//     pipeline of builtins needs about two spare descriptors, as in bash;
//   - the rest runs in a copy.
//
// # Process-wide state in a copy
//
// What the process holds once for all its goroutines is a field of the
// Shell, and a copy changes only its field:
//
//   - The working directory is Shell.wd. Only the top-level shell calls
//     chdir(2); cd in a copy checks the directory and changes the field.
//     Every relative path of a copy is resolved against it (abs: the
//     redirections, globs, a command name with a slash, relative $PATH
//     entries; builtins use Getwd), and its children start there
//     (jobs.Stage.Dir, a chdir in the child before execve).
//   - exec with a command, in a copy, runs the program as the copy's last
//     command and ends the copy with its status; exit ends the copy.
//   - umask in a copy sets Shell.umask: the process's mask is set to it
//     only around the copy's launches and file-creating redirections,
//     under a lock that every other creation and launch holds for reading
//     (umask_unix.go). ulimit in a copy sets Shell.limits: the process's
//     limits never change, and each process the copy starts sets them in
//     itself through a short-lived gosh --rlimits helper (rlimit_unix.go).
//
// # The fd table is virtual
//
// The fds a user names are not the process's (fds_unix.go). Shell.stdio[n]
// is the real descriptor behind the user's fd n, for any n, and
// Shell.fdHold[n] says who holds it. "exec N>file" duplicates the file to a
// descriptor at 10 or above, close-on-exec, and records it as fd N; only
// the top-level shell's 0, 1 and 2 are the process's own, and exec dup2s
// onto those. So nothing a user does can close or replace a descriptor of
// the Go runtime (its epoll fd and eventfd) or of gosh itself. A child gets
// the user's fd n as its fd n through ProcAttr.Files; a builtin uses the
// real descriptor; "exec cmd", which replaces gosh, puts every fd at its
// number with raw dup2 calls just before execve (execfds_unix.go). At
// start-up every fd above 2 that gosh inherited (found with poll(2) over
// 3-1023, or in /proc/self/fd under a ulimit -n below 1024) becomes the
// user's fd of that number, and the runtime's own descriptors are made to
// land at 10 or above, or as high as a ulimit -n below 12 lets them
// (adoptInheritedFds, fdio_unix.go); gosh's own long-lived descriptors
// (the line editor's wake pipe, the history file) sit there too.
package shell
