package tests

import "testing"

// TestSnapshotCarries: what a child gosh receives in its snapshot (the
// memfd), never in its environment: the signals a background job of a
// script ignores (POSIX 2.11), kept by the subshells inside it, and the
// complete builtin's specifications, which complete -p lists in a
// background job as in bash.
func TestSnapshotCarries(t *testing.T) {
	runRows(t, []row{
		// (The child's environ may hold GOMAXPROCS=1 and its mark, for
		// its Go runtime alone: jobs.RuntimeEnvMark.)
		{name: "no-signal-list-in-child-environ", script: `true && { sh -c 'tr "\0" "\n" </proc/$PPID/environ' | grep -c -e '^GOSH_IGNORED' -e '^GOSH_SIG'; true; } & wait`,
			out: "0\n"},
		// Accepted difference: bash starts the commands inside a
		// background list with SIGINT and SIGQUIT at their defaults;
		// gosh follows POSIX 2.11, as dash does (see TestTrapRows).
		{name: "ignored-in-nested-subshell", script: `true && { (grep SigIgn /proc/self/status; true); true; } & wait`,
			out: "SigIgn:\t0000000000000006\n", goshOnly: true},
		{name: "ignored-in-background-compound", script: `trap "" TERM; (grep SigIgn /proc/self/status; true) & wait`,
			out: "SigIgn:\t0000000000004006\n", goshOnly: true},
		// Accepted difference: bash lists "trap -- '' SIGINT" there; gosh
		// lists no trap, as dash does (the signals are not traps).
		{name: "not-a-trap-in-background", script: `true && trap -p & wait`, out: "", goshOnly: true},
		{name: "complete-in-background-list", script: `complete -W "a b" foo; true && complete -p & wait`,
			out: "complete -W 'a b' foo\n"},
		{name: "complete-in-background-command", script: `complete -W "a b" foo; complete -p & wait`,
			out: "complete -W 'a b' foo\n"},
		{name: "complete-removed-in-child-only", script: `complete -W "a b" foo; true && complete -r foo & wait; complete -p`,
			out: "complete -W 'a b' foo\n"},
		{name: "compgen-in-background", script: `true && compgen -W "alpha beta" al & wait`, out: "alpha\n"},
	})
}

// TestChildRuntimeEnv: a child gosh runs with GOMAXPROCS=1 for its Go
// runtime alone (jobs.RuntimeEnvMark): the programs it starts never see it,
// and a GOMAXPROCS the user set reaches them unchanged.
func TestChildRuntimeEnv(t *testing.T) {
	runRows(t, []row{
		{name: "not-seen-by-programs", script: `true && { env | grep -c -e '^GOMAXPROCS=' -e '^GOSH_RUNTIME_ENV='; true; } & wait`, out: "0\n"},
		{name: "user-value-kept", script: `export GOMAXPROCS=3; true && env | grep '^GOMAXPROCS=' & wait`, out: "GOMAXPROCS=3\n"},
		{name: "child-runtime-has-it", script: `true && { tr '\0' '\n' </proc/$BASHPID/environ | grep -c '^GOMAXPROCS=1$'; true; } & wait`,
			out: "1\n", goshOnly: true},
	})
}
