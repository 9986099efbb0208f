package shell

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"gosh/builtins"
	"gosh/jobs"
	"gosh/parser"
)

// This file runs bash's "time" reserved word: "time [-p] pipeline" runs
// the pipeline, then prints how long it took on the shell's standard
// error, in the format of $TIMEFORMAT (bash's default when unset, nothing
// when empty) or, with -p, in POSIX's.
//
// Real time is the wall clock. User and system times are what the shell
// itself spent (builtins, functions and loops run in the shell) plus what
// its children spent: the deltas of getrusage(RUSAGE_SELF) and
// getrusage(RUSAGE_CHILDREN) around the pipeline, as bash computes them.
// The kernel adds a child's times to RUSAGE_CHILDREN when the shell
// collects it with wait4 (jobs' reaper), which happens before the
// foreground pipeline counts as finished.

// Formats of bash's time report.
const (
	defaultTimeFormat = "\nreal\t%3lR\nuser\t%3lU\nsys\t%3lS"
	posixTimeFormat   = "real %2R\nuser %2U\nsys %2S"
)

// cpuTimes are the user and system times used so far.
type cpuTimes struct{ user, sys time.Duration }

// timeSpan is what a timed pipeline used: wall clock, user and system.
type timeSpan struct{ real, user, sys time.Duration }

// runTimed runs a pipeline under "time" and reports its times, also when
// it ends the shell ("time exit 3" prints them first, as in bash) or a
// loop ("time break"). Only "time return" in a function reports nothing:
// bash's return jumps past the report.
func (sh *Shell) runTimed(p *parser.Pipeline) error {
	if sh.Opts.Posix && p.Time != nil && !p.Time.Posix && nullCommand(p) {
		sh.reportShellTimes() // posix.go
		return sh.runPipelineUntimed(p)
	}
	start := time.Now()
	before := shellAndChildTimes()
	err := sh.runPipelineUntimed(p)
	if _, ok := errors.AsType[*builtins.ReturnRequest](err); ok {
		return err
	}
	after := shellAndChildTimes()
	span := timeSpan{
		real: time.Since(start),
		user: after.user - before.user,
		sys:  after.sys - before.sys,
	}
	if tr := sh.Jobs.Trace(); tr.On() {
		tr.Shell(jobs.Msg{
			En: "time: real %v from the clock; user %v and sys %v from getrusage(RUSAGE_SELF) + getrusage(RUSAGE_CHILDREN) after minus before (children count once the reaper has collected them with wait4)",
			Ko: "time: real %v는 시계에서, user %v와 sys %v는 getrusage(RUSAGE_SELF) + getrusage(RUSAGE_CHILDREN)의 뒤 값에서 앞 값을 뺀 것 (자식은 wait4로 수거된 뒤에야 셈에 들어간다)",
		},
			span.real.Round(time.Microsecond), span.user, span.sys)
	}
	sh.reportTime(p.Time, span)
	return err
}

// reportTime prints span in the format that tc and $TIMEFORMAT ask for.
func (sh *Shell) reportTime(tc *parser.TimeClause, span timeSpan) {
	format := defaultTimeFormat
	if tc.Posix {
		format = posixTimeFormat
	} else if v, ok := sh.getVar("TIMEFORMAT"); ok {
		format = v
	}
	sh.writeTimes(format, span)
}

// writeTimes prints span in format on the shell's stderr; nothing for an
// empty format, bash's message for a bad one.
func (sh *Shell) writeTimes(format string, span timeSpan) {
	if format == "" {
		return
	}
	text, bad, ok := formatTime(format, span)
	if !ok {
		sh.errorf("TIMEFORMAT: `%c': invalid format character", bad)
		return
	}
	fmt.Fprint(sh.Stderr(), text+"\n")
}

// formatTime expands a TIMEFORMAT string as bash does:
//
//	%%          a percent sign
//	%[p][l]R    real time; %E is the same
//	%[p][l]U    user time
//	%[p][l]S    system time
//	%P          CPU use, (user + sys) / real, in percent with 2 decimals
//
// p is the number of decimals, 0 to 3 (default 3, larger means 3); l
// writes minutes too, "1m2.345s". Any other character after the '%' is
// an error: ok is false and bad is the character (0 at the end of the
// string). A '%' that ends the string is printed as it is.
func formatTime(format string, span timeSpan) (text string, bad byte, ok bool) {
	var b strings.Builder
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c != '%' || i+1 == len(format) {
			b.WriteByte(c)
			continue
		}
		i++
		switch format[i] {
		case '%':
			b.WriteByte('%')
			continue
		case 'P':
			cpu := cpuPercent(span)
			b.WriteString(secondsText(cpu/100, (cpu%100)*10, 2, false))
			continue
		}
		prec, long := 3, false
		if c := format[i]; c >= '0' && c <= '9' {
			prec = min(int(c-'0'), 3)
			i++
		}
		if i < len(format) && format[i] == 'l' {
			long = true
			i++
		}
		if i == len(format) {
			return "", 0, false
		}
		var d time.Duration
		switch format[i] {
		case 'R', 'E':
			d = span.real
		case 'U':
			d = span.user
		case 'S':
			d = span.sys
		default:
			return "", format[i], false
		}
		sec, millis := secondsAndMillis(d)
		b.WriteString(secondsText(sec, millis, prec, long))
	}
	return b.String(), 0, true
}

// secondsAndMillis splits d into whole seconds and milliseconds, the
// microseconds rounded to the nearest millisecond as bash does.
func secondsAndMillis(d time.Duration) (int64, int64) {
	if d < 0 {
		d = 0
	}
	us := d.Microseconds()
	sec, frac := us/1e6, us%1e6
	millis := frac / 1000
	if frac%1000 >= 500 {
		millis++
	}
	if millis >= 1000 {
		sec, millis = sec+1, millis-1000
	}
	return sec, millis
}

// secondsText writes sec and millis with prec decimals (truncated, as
// bash does), and with long as "MmS.FFFs".
func secondsText(sec, millis int64, prec int, long bool) string {
	var b strings.Builder
	if long {
		b.WriteString(strconv.FormatInt(sec/60, 10) + "m")
		sec %= 60
	}
	b.WriteString(strconv.FormatInt(sec, 10))
	if prec > 0 {
		digits := fmt.Sprintf("%03d", millis)
		b.WriteString("." + digits[:prec])
	}
	if long {
		b.WriteByte('s')
	}
	return b.String()
}

// cpuPercent is (user + sys) / real in hundredths of a percent, 0 when
// no real time passed.
func cpuPercent(span timeSpan) int64 {
	real := span.real.Microseconds()
	if real <= 0 {
		return 0
	}
	cpu := (span.user + span.sys).Microseconds()
	return cpu * 10000 / real
}
