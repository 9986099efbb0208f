package shell

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

// TestSubstPipeInline: the pipe of $( ) is read by the shell after the
// list when only builtins wrote to it, and released (made blocking, read by
// a goroutine while the list runs) when the list fills it, through any
// descriptor of the pipe, or starts a child. Either way the whole output
// arrives, no inline pipe is left listed and no descriptor is left open.
func TestSubstPipeInline(t *testing.T) {
	tests := []struct {
		name, src, out string
		released       string // the reason the trace gives, "" for none
	}{
		{"builtin", `x=$(echo hi); echo "$x"`, "hi\n", ""},
		{"nested", `x=$(echo $(echo a) $(echo b)); echo "$x"`, "a b\n", ""},
		{"stderr elsewhere", `x=$(printf '%0100000d' 0 >&2 2>/dev/null); echo "[$x]"`, "[]\n", ""},
		{"builtin fills it", `x=$(printf '%0100000d' 0); echo ${#x}`, "100000\n", "the list filled it"},
		{"a loop fills it", `x=$(i=0; while [ $i -lt 20000 ]; do echo 1234567; i=$((i+1)); done); echo ${#x}`, "159999\n", "the list filled it"},
		{"through a dup", `x=$(exec 3>&1; printf '%0100000d' 0 >&3; echo); echo ${#x}`, "100000\n", "the list filled it"},
		{"inner fills outer", `x=$(echo $(printf '%0100000d' 0)); echo ${#x}`, "100000\n", "the list filled it"},
		{"exit trap fills it", `x=$(trap 'printf "%0100000d" 0' EXIT; echo hi); echo ${#x}`, "100003\n", "the list filled it"},
		{"a builtin stage fills it", `x=$(echo a | printf '%0100000d' 0); echo ${#x}`, "100000\n", "the list filled it"},
		{"a child", `x=$(echo a; /bin/echo b; echo c); echo $x`, "a b c\n", "a child is about to start"},
		{"a child after a full pipe", `x=$(printf '%0100000d' 0; /bin/echo b); echo ${#x}`, "100001\n", "the list filled it"},
	}
	runCaptured(t, `x=$(echo warm-up)`) // the runtime's own fds, made at first use
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var trace strings.Builder
			out, errOut, status, fds, after := runCapturedTraced(t, tt.src, &trace)
			if out != tt.out || status != 0 {
				t.Errorf("%s\n got %q status %d (stderr %q), want %q", tt.src, out, status, errOut, tt.out)
			}
			got := trace.String()
			if released := strings.Contains(got, "F_SETFL"); released != (tt.released != "") {
				t.Errorf("%s: released %v, want %v; trace:\n%s", tt.src, released, tt.released != "", got)
			} else if !strings.Contains(got, tt.released) {
				t.Errorf("%s: the trace does not say %q:\n%s", tt.src, tt.released, got)
			}
			if inlineRead := strings.Contains(got, "until end of file"); tt.released == "" && !inlineRead {
				t.Errorf("%s: the trace does not narrate the shell's read:\n%s", tt.src, got)
			}
			if tt.released != "" && !strings.Contains(got, "the goroutine's read") {
				t.Errorf("%s: the trace does not narrate the end of the released pipe:\n%s", tt.src, got)
			}
			if !strings.Contains(got, "O_NONBLOCK") {
				t.Errorf("%s: the trace does not narrate the pipe:\n%s", tt.src, got)
			}
			inlineSubsts.mu.Lock()
			left := len(inlineSubsts.pipes)
			inlineSubsts.mu.Unlock()
			if left != 0 {
				t.Errorf("%s: %d inline pipes still listed", tt.src, left)
			}
			if after != fds {
				t.Errorf("%s: %d descriptors open before, %d after", tt.src, fds, after)
			}
		})
	}
}

// runCapturedTraced is runCaptured (compound_test.go) with the shell's
// trace written to trace. It counts the process's descriptors before and
// after the run.
func runCapturedTraced(t *testing.T, src string, trace *strings.Builder) (stdout, stderr string, status, fdsBefore, fdsAfter int) {
	t.Helper()
	var fds [2]int
	stdout, stderr, status = captureRun(t, src, func(sh *Shell) { sh.Jobs.Trace().SetOutput(trace, false) }, &fds)
	return stdout, stderr, status, fds[0], fds[1]
}

// openFds counts the descriptors of the test process.
func openFds(t testing.TB) int {
	t.Helper()
	ents, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Fatal(err)
	}
	return len(ents)
}

// TestSubstCopyReuse: a $( ) copy gets the variable table and scratch
// storage the previous one gave back (subst_scratch.go), filled again from
// the shell: nothing the previous copy did shows.
func TestSubstCopyReuse(t *testing.T) {
	tests := []struct{ name, src, out string }{
		{"assignment", `x=$(v=1; echo $v); y=$(echo ${v-unset}); echo $x $y`, "1 unset\n"},
		{"unset", `v=1; x=$(unset v; echo ${v-gone}); y=$(echo $v); echo $x $y $v`, "gone 1 1\n"},
		{"array", `a=(1 2 3); x=$(a[5]=9; echo ${#a[@]}); y=$(echo ${#a[@]} ${a[5]-none}); echo $x $y`, "4 3 none\n"},
		{"readonly", `x=$(readonly r=1); y=$(r=2; echo $r); echo $y`, "2\n"},
		{"nameref", `x=$(declare -n n=v; v=3; echo $n); y=$(echo ${n-none}); echo $x $y`, "3 none\n"},
		{"locals", `f() { local l=1; echo $(echo $l) $(l=2; echo $l) $(echo $l); }; f; echo $(echo ${l-none})`, "1 2 1\nnone\n"},
		{"nested", `x=$(echo $(v=1; echo $v) $(echo ${v-unset})); echo $x`, "1 unset\n"},
		{"allexport", `x=$(set -a; q=1); y=$(z=5; declare -p z); echo $y`, "declare -- z=\"5\"\n"},
		{"grown", `x=$(echo a); for i in 1 2 3 4 5 6 7 8 9 10 11 12; do eval "v$i=$i"; done; y=$(echo $v12); z=$(echo ${v13-none}); echo $y $z`, "12 none\n"},
		{"loop", `i=0; while [ $i -lt 50 ]; do x=$(echo $i $((i*2))); i=$((i+1)); done; echo $x`, "49 98\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, _ := runCaptured(t, tt.src)
			if out != tt.out {
				t.Errorf("%s\n got %q (stderr %q), want %q", tt.src, out, errOut, tt.out)
			}
		})
	}
}

// TestSubstSpareHoldsNothing: what a $( ) copy gives back for the next one
// holds no value of the copy's, so a large variable set inside $( ) is
// collected once the substitution ends.
func TestSubstSpareHoldsNothing(t *testing.T) {
	sh := New(Config{Arg0: "gosh"})
	if _, err := sh.RunCommandString(`a=(1 2); x=$(big=$(printf '%0100000d' 0); a[1]=$big; echo ${#big})`); err != nil {
		t.Fatal(err)
	}
	if v, _ := sh.Vars.Get("x"); v != "100000" {
		t.Fatalf("x = %q, want 100000", v)
	}
	vs := sh.hot().spareVars
	if vs == nil {
		t.Fatal("the copy gave back no variable table")
	}
	if len(vs.v.m) != 0 {
		t.Errorf("the spare table maps %d names", len(vs.v.m))
	}
	for i, v := range vs.slab[:cap(vs.slab)] {
		if v.Value != "" || v.Elems != nil {
			t.Errorf("slab[%d] still holds %.20q (%d elements)", i, v.Value, len(v.Elems))
		}
	}
	for i, e := range vs.elems[:cap(vs.elems)] {
		if e != (Elem{}) {
			t.Errorf("elems[%d] still holds %v", i, e)
		}
	}
	if h := sh.hot().spare; h == nil || h.owner != nil || h.vars != (hotVars{}) || h.varSlots != nil {
		t.Errorf("the spare scratch storage is missing or still names its copy: %+v", h)
	}
}

// TestReleaseInlineSubsts: package jobs' release function, for a child
// (every inline pipe), for a full pipe (that pipe only, through any
// descriptor of it), and for a write that found its pipe full just as
// another goroutine released it (try again: it blocks now). A descriptor
// that is no pipe of $( ), non-blocking, is left as it is (its EAGAIN is
// the write's error, as before).
func TestReleaseInlineSubsts(t *testing.T) {
	sh := New(Config{Arg0: "gosh"})
	open := func() *substOut {
		o, err := sh.inlineSubstPipe()
		if err != nil {
			t.Fatal(err)
		}
		return o
	}
	fill := func(fd int) int {
		n := 0
		buf := bytes.Repeat([]byte("x"), 4096)
		for {
			m, err := unix.Write(fd, buf)
			if err == unix.EAGAIN {
				return n
			}
			if err != nil {
				t.Fatal(err)
			}
			n += m
		}
	}
	var user [2]int
	if err := unix.Pipe2(user[:], unix.O_CLOEXEC|unix.O_NONBLOCK); err != nil {
		t.Fatal(err)
	}
	defer unix.Close(user[0])
	defer unix.Close(user[1])

	a, b := open(), open()
	dup, err := unix.FcntlInt(uintptr(a.w), unix.F_DUPFD_CLOEXEC, 0)
	if err != nil {
		t.Fatal(err)
	}
	filled := fill(dup)
	if releaseInlineSubsts(user[1], true) {
		t.Error("a pipe of the user's, non-blocking: reported released")
	}
	if releaseInlineSubsts(dup, false) != true || a.out == nil || b.out != nil {
		t.Errorf("a dup of a's write end: a released %v, b released %v; want a only", a.out != nil, b.out != nil)
	}
	c := open()
	if !releaseInlineSubsts(-1, false) || b.out == nil || c.out == nil {
		t.Errorf("a child: b released %v, c released %v; want both", b.out != nil, c.out != nil)
	}
	if !releaseInlineSubsts(b.w, true) {
		t.Error("b's write end after b was released by another goroutine: not reported blocking")
	}
	if releaseInlineSubsts(b.w, false) {
		t.Error("b's write end, no EAGAIN: reported released")
	}
	unix.Close(dup)
	for _, o := range []*substOut{a, b, c} {
		out, _ := o.finish(sh, nil)
		if want := map[*substOut]int{a: filled}[o]; len(out) != want {
			t.Errorf("read %d bytes, want %d", len(out), want)
		}
	}
	inlineSubsts.mu.Lock()
	defer inlineSubsts.mu.Unlock()
	if len(inlineSubsts.pipes) != 0 {
		t.Errorf("%d inline pipes still listed", len(inlineSubsts.pipes))
	}
}

// TestPathHashShared: a copy of the shell shares the command hash table
// with the shell until one of them changes it (path.go); the hits, -d, -r
// and new entries of one never show in the other.
func TestPathHashShared(t *testing.T) {
	const setup = `printf '#!/bin/sh\n' > p; printf '#!/bin/sh\n' > q; chmod +x p q; PATH=$PWD:$PATH; ` +
		`show() { hash | while read h c; do [ "$h" = hits ] || echo -n "${c##*/}=$h "; done; echo; }; `
	tests := []struct{ name, src, out string }{
		{"hits in $( )", `p; x=$(p; show); echo "$x"; show`, "p=2 \np=1 \n"},
		{"hits after $( )", `p; x=$(show); p; echo "$x"; show`, "p=1 \np=2 \n"},
		{"new entry in $( )", `p; x=$(q; show); echo "$x"; show`, "p=1 q=1 \np=1 \n"},
		{"hash -d in $( )", `p; q; x=$(hash -d p; show); echo "$x"; show`, "q=1 \np=1 q=1 \n"},
		{"hash -r in $( )", `p; x=$(hash -r; hash | grep -c /); echo "[$x]"; show`, "[0]\np=1 \n"},
		{"a pipeline stage", `p; show | cat; p | show; show`, "p=1 \ncat=1 p=2 \ncat=1 p=2 \n"},
		{"nested", `p; x=$(p; y=$(p; show); echo "$y"; show); echo "$x"; show`, "p=3 \np=2 \np=1 \n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, _ := runCaptured(t, setup+tt.src)
			if out != tt.out {
				t.Errorf("%s\n got %q (stderr %q), want %q", tt.src, out, errOut, tt.out)
			}
		})
	}
}
