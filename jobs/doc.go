// Package jobs owns every process the shell starts and everything about
// them: the job table, process groups, handing the terminal to a job and
// taking it back, reaping children (wait4), sending signals to groups,
// catching the shell's own signals, and the trace that narrates each of
// these system-call steps. No other package of the shell calls wait4, kill
// on a group or tcsetpgrp (the labs' helper programs in cmd/, zombie,
// daemon and waitstatus, are separate programs that call wait4 on their own
// children to show what it reports). Outside it only the line editor at the prompt and the read
// builtin (read -s, read -n) change the terminal's modes, each while it is
// in the foreground.
//
// # The life of a job
//
// The model is dash's jobs.c (makejob → forkshell → waitforjob) and the GNU
// libc manual's "Implementing a Job Control Shell".
//
//  1. The shell describes each process as a Stage: path, argv,
//     environment, and its fd table.
//  2. Launch starts every stage with syscall.ForkExec and registers one Job.
//     For a pipeline it makes each pipe (Pipe) just before the stage that
//     writes into it starts, and the shell's Stage.Connect puts the ends
//     (and the stage's redirection files) into that stage's fd table; the
//     shell's copies are closed as soon as the stage has started.
//     With job control all stages join one new process group, named after the
//     first child's pid; a foreground job's first child makes its group the
//     terminal's foreground group itself, before its first instruction. A
//     Builtin stage has no process: it runs on a goroutine in the shell, and
//     its result is recorded as if it were a child's exit status.
//  3. Children are collected by wait4(-1, WNOHANG|WUNTRACED|WCONTINUED),
//     called until nothing is left, which records each process's new state
//     and wakes waiters. A job's state is never stored: it is derived from
//     its processes' states (Running, Stopped, Done). Two parties collect,
//     one at a time (reapTurn): the shell itself while it waits for its
//     foreground job, as dash's waitforjob does (it sleeps in waitid with
//     WNOWAIT until some child has news), and the reaper goroutine, woken by
//     SIGCHLD, for everything that changes while the shell is not waiting:
//     background jobs, stopped jobs continued elsewhere. (Under a low
//     ulimit -u both look with WNOHANG between naps instead: see Few
//     threads.)
//  4. WaitForeground waits until the job stops or finishes, takes the
//     terminal back, saves the job's terminal modes if it stopped and restores
//     the shell's. A stopped job stays in the table for fg and bg.
//  5. Report, before each prompt, prints "[1]+  Done  sleep 3" for background
//     jobs that changed, and removes the finished ones. An interactive shell
//     also reports at the end of every wait, for a foreground job or in the
//     wait builtin, as bash's notify_and_cleanup does (notifyAfterWait); a
//     script under set -m does too.
//
// A copy of the shell (a subshell on a goroutine) has a Table of its own,
// made by Sub, that shares the process's part (the lock, the maps of
// running children, the terminal, the signals, the trace): the jobs it
// starts are its own, as a forked subshell's are.
//
// # Why the Go-specific tricks
//
// Launch lock. A later stage of a pipeline can join the group only while some
// member of the group, even a zombie, exists. If the reaper could reap the
// first stage before the second one's setpgid, the second would fail with
// EPERM. Launch holds a lock while it starts the stages; the reaper takes the
// same lock around wait4.
//
// SIGTTOU blocked per thread. The shell calls tcsetpgrp and tcsetattr while it
// is in the background (after a job stopped). The kernel allows that only if
// SIGTTOU is ignored or blocked. An ignored signal would be inherited by every
// child; a caught one makes the ioctl restart forever. So the call runs on a
// locked OS thread with SIGTTOU and SIGTTIN blocked in that thread only.
//
// The kernel's disposition, raw. Where Go's default differs from a C
// shell's (SIGUSR1 dropped, SIGABRT a goroutine dump), the shell sets
// SIG_DFL or SIG_IGN with a raw rt_sigaction the runtime does not see
// (KernelDefault), saving the runtime's handler to put back before a trap
// catches the signal; the sub-package earlysig does it for the common ones
// in the process's first initialisation, so that no start-up window drops
// a signal.
//
// Notify, and Ignore only for trap "". signal.Notify installs a handler, and
// execve resets handled signals to the default in the child; signal.Ignore
// sets SIG_IGN, which every child inherits (and signal.Reset cannot undo
// it). So the interactive shell catches SIGINT, SIGTSTP and the rest and
// hands them to the REPL through Signals, and never ignores them. Only the
// trap builtin's trap "" SIG sets SIG_IGN in the shell process
// (IgnoreSignal), because then every child must start with it ignored. A
// child that must ignore a signal the shell process does not (nohup's
// SIGHUP, a script's background job's SIGINT and SIGQUIT, trap "" in a copy
// of the shell or on a signal the interactive shell keeps catching) is
// started through a re-executed gosh that ignores it just before execve
// (NohupExec, IgnoreExec), or, for a script's background job's SIGINT and
// SIGQUIT when they are not trapped, by ignoring them in the shell for the
// moment of the fork (ignoreForFork). A trap's handler gets its signal on
// a channel of its own (CatchSignal), so that trap - SIG stops only that
// channel.
//
// ForkExec does the child's work. Go starts children with
// clone(CLONE_VFORK|CLONE_VM); the child does setpgid, TIOCSPGRP, the dup2s
// and execve, and ForkExec returns only when execve succeeded or failed. So
// the C habit of calling setpgid in both parent and child is not needed, and
// the trace narrates those child steps once the child's pid is known.
//
// Pipes nobody reads yet. The shell reads the pipe of a $( ) of builtins
// itself once the list has ended, and its write end is non-blocking till
// then. Before a child starts, and when a write finds such a pipe full,
// this package has the shell release it: blocking again, read by a
// goroutine (inlinepipe_unix.go).
//
// Late children. A signal sent to the shell's process group reaches every
// member at once, and the kernel makes a racing fork either fail or give
// the signal to the child too; but Go forks on a thread with every signal
// blocked while another thread takes the signal, and the shell's code
// hears of it later still. A shell that catches the signal (an EXIT trap,
// a trap that exits) may fork children meanwhile that missed it. So it
// closes its launches as it notes a signal it will die of, and gives the
// signal to such late children before it dies (dying_unix.go).
//
// Killed notices. A shell that is not interactive reports a job killed by
// a signal as bash does, "s.sh: line 3:  4242 Killed  sleep 100", after a
// foreground job or in wait (notice.go).
//
// Two languages. Every text the teaching layer prints (each trace line,
// each sentence of explain, the headings of procs, ptree and timeline) is a
// Msg: its English and its Korean side by side where it is written, both
// fmt formats over the same arguments. The tracer prints a line in the
// language the shell decided (Shell.Lang in package shell, set with
// SetLang); its listeners (the labs) always get the English.
// TestMessagesHaveKorean fails for a Msg without its Korean.
//
// Fork retry. When ForkExec fails with EAGAIN (ulimit -u, or the system out
// of processes), Launch waits and tries again a few times with growing
// waits, announcing each retry as bash does ("fork: retry: Resource
// temporarily unavailable"), then reports "fork: ..." with status 126.
// Between tries it collects finished children of other jobs (and, without
// job control, of the job being started), since zombies count against the
// limit, as bash does.
//
// Few threads. Under a low ulimit -u every OS thread of the shell counts
// against the same limit as its children, and the Go runtime ends the
// process, with a stack dump, when it cannot make a thread it needs.
// cmd/gosh then runs the runtime with one P and makes the threads it will
// need at start-up (ReserveThreads, threads_unix.go: five for a script,
// as many as the limit leaves room for). SetFewThreads makes every wait
// hold no thread: on pipes and the terminal (PollFd: zero-timeout polls
// and Go-timer naps, one read or write at a time), on children (waitid and
// wait4 with WNOHANG between naps, a polling reaper instead of SIGCHLD),
// and os/signal, whose goroutines hold three threads, is used only by a
// trap or an interactive shell, which reserve those threads first
// (SignalThreads); a background job's ignored signals are set with raw
// rt_sigaction (signals_few_unix.go). A fork is refused, as if the kernel
// had said EAGAIN, when it would take the room of threads that this gosh,
// or another gosh of the user (a child gosh still starting), may still
// make (roomForFork). A gosh that gosh starts gets GOMAXPROCS=1 and is
// started only when the limit has room for its threads (limits_unix.go).
//
// In-shell stages of a pipeline start as soon as their pipe ends are made,
// so one that ends at once has closed them before the next pipe: a
// pipeline needs a few free fds, except for builtin stages that all run
// at once, which hold their ends in the shell's process (a pipe that
// fails with EMFILE waits a moment for one of them to end). Where the
// shell's process has too few descriptors free for them, package shell's
// rule (needsProcess) makes such stages child gosh processes instead.
//
// nohup. A stage with IgnoreHUP runs through gosh's nohup helper
// (NohupExec), which does what nohup(1) does with fds 0-2 in the stage's
// own process, after its redirections, then ignores SIGHUP and execs.
//
// Output never raw. Command words and texts come from outside the shell (a
// file name may hold an ESC or a newline). Everything this package prints
// about jobs (jobs, jobs -l, the trace) shows them through ShowText (^[
// form) or QuoteWord ($'...' form), in quote.go; procs, ptree, explain and
// the prompt use the same two functions.
package jobs
