//go:build linux

package builtins

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"golang.org/x/sys/unix"

	"gosh/jobs"
)

// viewOptions are the long options procs and ptree share for their live
// view: --watch, --interval SECONDS, --session PID.
type viewOptions struct {
	watch    bool
	interval time.Duration
	session  int // 0: the shell's own session
}

// takeViewOptions removes --watch, --interval S (or --interval=S) and
// --session PID (or --session=PID) from args.
func takeViewOptions(io IO, name string, args []string) (viewOptions, []string, bool) {
	v := viewOptions{interval: 500 * time.Millisecond}
	var rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			rest = append(rest, args[i:]...)
			break
		}
		key, val, hasVal := strings.Cut(a, "=")
		switch key {
		case "--watch":
			if hasVal {
				usageError(io, name, "--watch takes no value")
				return v, nil, false
			}
			v.watch = true
			continue
		case "--interval", "--session":
		default:
			rest = append(rest, a)
			continue
		}
		if !hasVal {
			if i+1 >= len(args) {
				usageError(io, name, key+": a value is needed")
				return v, nil, false
			}
			i++
			val = args[i]
		}
		switch key {
		case "--interval":
			secs, err := strconv.ParseFloat(val, 64)
			if err != nil || secs < 0.05 || secs > 3600 {
				usageError(io, name, "--interval "+val+": seconds, from 0.05 to 3600")
				return v, nil, false
			}
			v.interval = time.Duration(secs * float64(time.Second))
		case "--session":
			pid, err := strconv.Atoi(val)
			if err != nil || pid <= 0 {
				usageError(io, name, "--session "+val+": not a process id")
				return v, nil, false
			}
			v.session = pid
		}
	}
	return v, rest, true
}

// procMark is what the live views compare between two redraws.
type procMark struct {
	state byte
	pgid  int
	fg    bool // its group is the terminal's foreground group
	seen  bool
}

func markOf(p *procInfo) procMark {
	return procMark{state: p.State, pgid: p.Pgid, fg: p.TtyNr != 0 && p.Tpgid > 0 && p.Pgid == p.Tpgid, seen: true}
}

// changeNotes names what changed for each process since prev: "S→T",
// "fg→bg", "pgid 4242→4250", "new". cur is updated to the marks now.
func changeNotes(prev map[int]procMark, procs []*procInfo, first bool) (map[int]string, map[int]procMark) {
	notes := map[int]string{}
	cur := map[int]procMark{}
	for _, p := range procs {
		m := markOf(p)
		cur[p.Pid] = m
		old, ok := prev[p.Pid]
		if first {
			continue
		}
		if !ok {
			notes[p.Pid] = "new"
			continue
		}
		var parts []string
		if old.state != m.state {
			parts = append(parts, string(old.state)+"→"+string(m.state))
		}
		if old.fg != m.fg {
			parts = append(parts, fgWord(old.fg)+"→"+fgWord(m.fg))
		}
		if old.pgid != m.pgid {
			parts = append(parts, fmt.Sprintf("pgid %d→%d", old.pgid, m.pgid))
		}
		if len(parts) > 0 {
			notes[p.Pid] = strings.Join(parts, " ")
		}
	}
	return notes, cur
}

func fgWord(fg bool) string {
	if fg {
		return "fg"
	}
	return "bg"
}

// noteText is what a changed process's line ends with.
func noteText(note, lang string) string {
	if note == "new" {
		note = newWord.In(lang)
	}
	return "  ◀ " + note
}

// newWord is the note of a process a live view sees for the first time.
var newWord = jobs.Msg{En: "new", Ko: "새 프로세스"}

// highlight marks a changed line: reverse video on a terminal that allows
// colour, the note alone otherwise.
func highlight(line string, color bool) string {
	if !color {
		return line
	}
	return "\x1b[7m" + line + "\x1b[0m"
}

// colorOK reports whether a view may use ANSI attributes on its output.
func colorOK(sh Shell, io IO) bool {
	if _, ok := sh.Var("NO_COLOR"); ok {
		return false
	}
	if term, _ := sh.Var("TERM"); term == "" || term == "dumb" {
		return false
	}
	_, err := unix.IoctlGetTermios(io.OutFd, unix.TCGETS)
	return err == nil
}

// sessionOf is the session to show: the shell's own, or PID's.
func sessionOf(v viewOptions) (int, error) {
	return unix.Getsid(v.session) // getsid(0) is the calling process's
}

// watchHeader is the first line of a live view, in lang, cut to width
// columns (0: no limit).
func watchHeader(name, lang string, interval time.Duration, now time.Time, width int) string {
	h := jobs.Msg{
		En: "%s --watch: every %v; %s  (q or Ctrl+C to quit)",
		Ko: "%s --watch: %v마다; %s  (끝내려면 q 또는 Ctrl+C)",
	}.Format(lang, name, interval, now.Format("15:04:05.0"))
	if width > 0 {
		h = cutToWidth(h, width)
	}
	return h + "\n"
}

// runWatch redraws a view in place every interval until q, Q or Ctrl+C
// is typed (or the shell's context is cancelled). draw returns the view's
// text for the processes now, with changes since the last redraw named.
// The terminal is put in non-canonical mode without echo or signals for
// the time of the view, so one key is enough and Ctrl+C arrives as a
// byte; its modes are restored after.
func runWatch(sh Shell, io IO, name, lang string, interval time.Duration, draw func() (string, error)) int {
	in := io.InFd
	old, err := unix.IoctlGetTermios(in, unix.TCGETS)
	if err == nil {
		raw := *old
		raw.Lflag &^= unix.ICANON | unix.ECHO | unix.ISIG
		raw.Cc[unix.VMIN], raw.Cc[unix.VTIME] = 1, 0
		unix.IoctlSetTermios(in, unix.TCSETS, &raw)
		defer unix.IoctlSetTermios(in, unix.TCSETS, old)
	}
	ctx := sh.Context()
	fmt.Fprint(io.Out, "\x1b[?25l") // hide the cursor while drawing
	defer fmt.Fprint(io.Out, "\x1b[?25h")
	for {
		text, err := draw()
		if err != nil {
			errorf(io, name, "%s", err)
			return statusFailure
		}
		header := watchHeader(name, lang, interval, time.Now(), outputWidth(io))
		// Home, the view, and erase what an earlier, longer view left.
		if _, err := fmt.Fprint(io.Out, "\x1b[H\x1b[2J"+header+strings.ReplaceAll(text, "\n", "\x1b[K\n")+"\x1b[J"); err != nil {
			return statusFailure
		}
		deadline := time.Now().Add(interval)
		for {
			if ctx != nil && ctx.Err() != nil {
				fmt.Fprint(io.Out, "\n")
				return statusOK
			}
			left := time.Until(deadline)
			if left <= 0 {
				break
			}
			pfd := []unix.PollFd{{Fd: int32(in), Events: unix.POLLIN}}
			n, err := unix.Poll(pfd, int(min(left, 100*time.Millisecond)/time.Millisecond)+1)
			if err == unix.EINTR || n == 0 {
				continue
			}
			if err != nil || pfd[0].Revents&(unix.POLLHUP|unix.POLLERR|unix.POLLNVAL) != 0 {
				return statusOK
			}
			var b [16]byte
			m, err := unix.Read(in, b[:])
			if err == unix.EINTR {
				continue
			}
			if err != nil || m == 0 {
				return statusOK
			}
			for _, c := range b[:m] {
				if c == 'q' || c == 'Q' || c == 3 {
					fmt.Fprint(io.Out, "\n")
					return statusOK
				}
			}
		}
	}
}
