package shell

import (
	"bytes"
	"io"
	"slices"
	"sync"

	"golang.org/x/sys/unix"

	"gosh/jobs"
)

// The pipe of a command substitution run by a copy of the shell.
//
// Most lists in $( ) run only builtins on the shell's own goroutine: when
// the list ends, everything it wrote is in the pipe, and the shell reads it
// then, on the same goroutine (readInline). No goroutine reads the pipe
// while the list runs, so no other thread is woken for each substitution.
// (A reader goroutine per substitution cost two hand-offs between threads:
// the go statement woke an idle thread, which took the reader and slept in
// read(2); the shell's thread slept on the channel until that thread, woken
// by the data, ran the shell on. Each wake-up is CPU time, and on a busy
// machine a wait for a CPU.)
//
// Such a pipe is "inline". Its write end is non-blocking, so that a builtin
// writing more than the pipe holds gets EAGAIN instead of sleeping for a
// reader that does not exist yet. Package jobs calls releaseInlineSubsts
// (jobs/inlinepipe_unix.go) when a write finds the pipe full and before
// every child it starts (a child must not inherit a non-blocking stdout,
// and the shell waits for it while nobody would read): the pipe is made
// blocking again and a goroutine reads it from then on, as every pipe of
// $( ) was read before. After the list ends the shell waits, as bash does,
// for the end of the output: every copy of the write end closed.

// substOut is one pipe of $( ): r and w its ends, out the data of the
// goroutine that reads it once it is released (nil while it is inline).
type substOut struct {
	r, w int
	tr   *jobs.Tracer
	out  chan []byte
}

// inlineSubsts lists the inline pipes of the process (nested $( ) have one
// each; the shells of a test binary share the process): package jobs
// cannot tell which shell a write or a fork belongs to, nor needs to.
var inlineSubsts struct {
	mu    sync.Mutex
	pipes []*substOut
}

func init() { jobs.SetInlinePipeRelease(releaseInlineSubsts) }

// inlineSubstPipe opens the pipe of a command substitution run by a copy
// of the shell: pipe2 with O_NONBLOCK on both ends, and listed as inline
// until released or read (finish).
func (sh *Shell) inlineSubstPipe() (*substOut, error) {
	var p [2]int
	if err := unix.Pipe2(p[:], unix.O_CLOEXEC|unix.O_NONBLOCK); err != nil {
		sh.Jobs.Trace().Shell(jobs.Msg{En: "pipe2(O_CLOEXEC|O_NONBLOCK) failed: %v", Ko: "pipe2(O_CLOEXEC|O_NONBLOCK) 실패: %v"}, err)
		return nil, err
	}
	o := &substOut{r: p[0], w: p[1], tr: sh.Jobs.Trace()}
	if o.tr.On() {
		o.tr.Shell(jobs.Msg{
			En: "pipe() = [%d %d]  (pipe2 with O_CLOEXEC|O_NONBLOCK: read end %d, write end %d; the shell reads %d itself once the list has ended, " +
				"unless a child is started or the pipe fills up first%s)",
			Ko: "pipe() = [%d %d]  (O_CLOEXEC|O_NONBLOCK를 준 pipe2: 읽는 끝 %d, 쓰는 끝 %d. 목록이 끝나면 셸이 직접 %d를 읽는다. " +
				"그 전에 자식이 시작되거나 파이프가 차면%s 그때부터 고루틴이 읽는다)",
		}, o.r, o.w, o.r, o.w, o.r, fewThreadsNote())
	}
	inlineSubsts.mu.Lock()
	inlineSubsts.pipes = append(inlineSubsts.pipes, o)
	inlineSubsts.mu.Unlock()
	return o, nil
}

// fewThreadsNote is what the trace of a new pipe of $( ) adds under a low
// ulimit -u, where the list's first write releases it (writeFd).
func fewThreadsNote() jobs.Msg {
	if !jobs.FewThreads() {
		return jobs.Msg{}
	}
	return jobs.Msg{En: ", or (under a low ulimit -u) the list first writes to it", Ko: " (ulimit -u가 낮으면 목록이 처음 쓸 때)"}
}

// releaseInlineSubsts is package jobs' release function: run by whichever
// goroutine is about to start a child (fd -1: every inline pipe), or found
// fd full or is about to wait for room in it (the inline pipe whose write
// end fd is, if any). Each released pipe gets both ends blocking again and
// a goroutine that reads it.
//
// A write that found its pipe full (full) may meet the pipe released
// meanwhile by another goroutine (a pipeline stage starting a child): then
// the write end blocks already, and the function reports true too, so that
// the write is tried again and waits for the reader.
func releaseInlineSubsts(fd int, full bool) bool {
	inlineSubsts.mu.Lock()
	var released []*substOut
	if fd < 0 {
		released = inlineSubsts.pipes
		inlineSubsts.pipes = nil
	} else if i := slices.IndexFunc(inlineSubsts.pipes, func(o *substOut) bool { return samePipe(fd, o.w) }); i >= 0 {
		released = []*substOut{inlineSubsts.pipes[i]}
		inlineSubsts.pipes = slices.Delete(inlineSubsts.pipes, i, i+1)
	} else {
		inlineSubsts.mu.Unlock()
		if !full {
			return false
		}
		flags, err := unix.FcntlInt(uintptr(fd), unix.F_GETFL, 0)
		return err == nil && flags&unix.O_NONBLOCK == 0
	}
	for _, o := range released {
		o.startReader()
	}
	inlineSubsts.mu.Unlock()
	// Told after the lock: the trace's own write may find its fd full and
	// come back here.
	for _, o := range released {
		why := jobs.Msg{En: "a child is about to start", Ko: "자식이 곧 시작된다"}
		switch {
		case fd >= 0 && full:
			why = jobs.Msg{En: "the list filled it", Ko: "목록이 파이프를 채웠다"}
		case fd >= 0:
			why = jobs.Msg{
				En: "the list writes to it, and under a low ulimit -u every write first waits with poll(2) until there is room, which nobody would make",
				Ko: "목록이 파이프에 쓴다. ulimit -u가 낮으면 모든 쓰기가 먼저 poll(2)로 자리가 날 때까지 기다리는데, 아무도 자리를 만들지 않을 것이다",
			}
		}
		o.tr.Shell(jobs.Msg{
			En: "fcntl(%d, F_SETFL, 0), fcntl(%d, F_SETFL, 0)  (the pipe of $( ) blocks again: %s; from now on a goroutine of the shell reads %d while the list runs)",
			Ko: "fcntl(%d, F_SETFL, 0), fcntl(%d, F_SETFL, 0)  ($( )의 파이프가 다시 블로킹된다: %s. 이제부터 목록이 도는 동안 셸의 고루틴이 %d를 읽는다)",
		}, o.w, o.r, why, o.r)
	}
	return len(released) > 0
}

// samePipe reports whether descriptor fd is the write end w or another
// descriptor of the same pipe (a dup, as exec 3>&1 makes).
func samePipe(fd, w int) bool {
	if fd == w {
		return true
	}
	var a, b unix.Stat_t
	return unix.Fstat(fd, &a) == nil && unix.Fstat(w, &b) == nil && a.Dev == b.Dev && a.Ino == b.Ino
}

// startReader makes both ends blocking (F_SETFL: no O_NONBLOCK) and starts
// the goroutine that reads the pipe to its end: run under inlineSubsts.mu,
// while w is still open.
func (o *substOut) startReader() {
	unix.FcntlInt(uintptr(o.w), unix.F_SETFL, 0)
	unix.FcntlInt(uintptr(o.r), unix.F_SETFL, 0)
	o.out = make(chan []byte, 1)
	go func() {
		data, _ := io.ReadAll(fdReader(o.r))
		closeFd(o.r) // here: finish may have stopped waiting (Ctrl+C)
		o.out <- data
	}()
}

// finish is run by the shell once the list has ended and the copy has
// closed what it opened: it closes w and returns the output, read to its
// end (every copy of w closed). An inline pipe is read here; a released
// one by its goroutine. NUL bytes are dropped with bash's warning, as in
// substPipe.
//
// A released pipe may be held by a background process of the list
// ("$(sleep 10 &)"), whose end of file the shell waits for, as bash does;
// in an interactive command line Ctrl+C (interrupt, the line's context
// done) ends the wait, as it makes bash give up its read: finish then
// reports abandoned, and the goroutine reads on until end of file alone.
func (o *substOut) finish(sh *Shell, interrupt <-chan struct{}) (out string, abandoned bool) {
	inlineSubsts.mu.Lock()
	inline := o.out == nil
	if inline {
		if i := slices.Index(inlineSubsts.pipes, o); i >= 0 {
			inlineSubsts.pipes = slices.Delete(inlineSubsts.pipes, i, i+1)
		}
	}
	inlineSubsts.mu.Unlock()
	closeFd(o.w)        // after leaving the list: a release never meets a closed (or reused) number
	var small [512]byte // most outputs fit: no allocation but the string's
	var data []byte
	if inline {
		data = o.readInline(small[:0])
		if o.tr.On() {
			o.tr.Shell(jobs.Msg{
				En: "close(%d), then read(%d) until end of file: %d bytes, all the list wrote (the shell's own goroutine reads them: no other was needed)",
				Ko: "close(%d) 뒤 파일 끝까지 read(%d): %d바이트, 목록이 쓴 전부다 (셸 자신의 고루틴이 읽는다: 다른 고루틴은 필요 없었다)",
			}, o.w, o.r, len(data))
		}
		closeFd(o.r)
	} else {
		select {
		case data = <-o.out:
			if o.tr.On() {
				o.tr.Shell(jobs.Msg{
					En: "close(%d), then the goroutine's read(%d) until end of file (every write end closed): %d bytes in all; the goroutine closes %d",
					Ko: "close(%d) 뒤 고루틴이 파일 끝까지 read(%d) (모든 쓰는 끝이 닫혔다): 모두 %d바이트. 고루틴이 %d를 닫는다",
				}, o.w, o.r, len(data), o.r)
			}
		case <-interrupt:
			o.tr.Shell(jobs.Msg{
				En: "Ctrl+C: the shell stops waiting for the end of file of %d (a goroutine reads on until every write end is closed, then closes it)",
				Ko: "Ctrl+C: 셸은 %d의 파일 끝을 더는 기다리지 않는다 (고루틴이 모든 쓰는 끝이 닫힐 때까지 계속 읽은 뒤 닫는다)",
			}, o.r)
			return "", true
		}
	}
	if bytes.IndexByte(data, 0) >= 0 {
		data = bytes.ReplaceAll(data, []byte{0}, nil)
		sh.errorf("warning: command substitution: ignored null byte in input")
	}
	return string(data), false
}

// readInline reads an inline pipe after its write end was closed: read(2)
// until end of file. Nothing but the list wrote to it, and the list has
// ended, so every byte is there already; if read says EAGAIN instead,
// something still holds a write end, and the shell waits for its end with
// the pipe made blocking, as bash waits for end of file. The output is
// appended to data.
func (o *substOut) readInline(data []byte) []byte {
	for {
		if len(data) == cap(data) {
			data = slices.Grow(data, cap(data))
		}
		n, err := unix.Read(o.r, data[len(data):cap(data)])
		switch {
		case err == unix.EINTR:
			continue
		case err == unix.EAGAIN:
			o.tr.Shell(jobs.Msg{
				En: "read(%d) = EAGAIN after the list ended: something still holds the write end; fcntl(%d, F_SETFL, 0) and read until end of file",
				Ko: "목록이 끝났는데 read(%d) = EAGAIN: 아직 무언가가 쓰는 끝을 쥐고 있다. fcntl(%d, F_SETFL, 0) 뒤 파일 끝까지 읽는다",
			}, o.r, o.r)
			unix.FcntlInt(uintptr(o.r), unix.F_SETFL, 0)
			rest, _ := io.ReadAll(fdReader(o.r))
			return append(data, rest...)
		case err != nil || n <= 0:
			return data
		}
		data = data[:len(data)+n]
	}
}
