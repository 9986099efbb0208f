package shell

// This file holds bash's special variables: those whose value the shell
// computes when they are read ($LINENO, $RANDOM, $SECONDS, $EPOCHSECONDS,
// $EPOCHREALTIME, $SRANDOM), those it sets
// at start-up ($UID, $EUID, $HOSTNAME, $OSTYPE, $PPID, the read-only
// $SHELLOPTS and $BASHOPTS computed when read), and those
// it sets after every command ($_, PIPESTATUS).

import (
	"encoding/binary"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"

	"gosh/jobs"
	"gosh/parser"
)

// specialVars is the state behind the computed variables.
type specialVars struct {
	// bashCommand is the command $BASH_COMMAND names; inTrap is > 0
	// while a trap's action runs, and bashCommand then stays
	// (bashcommand.go).
	bashCommand parser.Command
	// bashHeader, when not "", is $BASH_COMMAND instead: the head of the
	// for, select or case command about to run ("for i in 1 2"), as
	// bash names it (bashcommand.go).
	bashHeader string
	inTrap     int
	// condBang is set while a [[ ]] test negated by ! runs: set -x shows
	// the ! (cond.go).
	condBang bool

	// RANDOM: bash's generator (Park and Miller's minimal standard), so
	// that a seed gives the same numbers as in bash. randomText is the
	// value last given out: when RANDOM holds anything else, the user
	// assigned it, and that is the new seed.
	randomSeed uint32
	randomLast int
	randomText string
	randomInit bool
	// randomKnown: randomText was set when this subshell was made, to
	// the value of RANDOM it inherited (inheritRandom).
	randomKnown bool

	// SECONDS: the time it counts from, and the value last given out
	// (another value was assigned: count from it).
	secondsBase time.Time
	secondsText string

	// lastArg is the last argument of the command being run: $_ once it
	// has finished.
	lastArg string
	// stages are the statuses of the last foreground job's stages, for
	// PIPESTATUS; nil when the pipeline ran inside the shell.
	stages []int

	// argsSet counts the times the set builtin gave new positional
	// parameters: a . file with arguments that does so keeps them (api.go
	// Source).
	argsSet uint64

	// ownSubshell is set in a child gosh started to run one "( list )":
	// the child is that subshell's process, so the first ( ) it runs is
	// itself, not a new one (bashvars.go).
	ownSubshell bool
	// simpleTop is set in a child gosh started to run one simple command
	// ("echo $x &", "f &"): bash runs that in a forked child of the top
	// level, not in a subshell, so set -u's failure there exits as the
	// top-level shell's does (unsetExitStatus).
	simpleTop bool
}

// initSpecialVars sets the variables bash sets at start-up (SHLVL is
// startup.go's bumpShellLevel).
func (sh *Shell) initSpecialVars() {
	sh.specials.secondsBase = time.Now()
	sh.specials.randomSeed = uint32(time.Now().UnixNano()) ^ uint32(os.Getpid())
	sh.specials.randomInit = true
	for _, v := range []struct {
		name, value string
	}{
		{"UID", strconv.Itoa(os.Getuid())},
		{"EUID", strconv.Itoa(os.Geteuid())},
	} {
		if sh.Vars.Lookup(v.name) == nil {
			sh.Vars.put(v.name, &Var{Value: v.value, ReadOnly: true, Integer: true})
		}
	}
	sh.Vars.SetReadOnly("PPID")
	if x := sh.Vars.Lookup("PPID"); x != nil {
		x.Integer = true // declare -ir, as bash's UID, EUID and PPID
	}
	if _, ok := sh.Vars.Get("_"); !ok && len(os.Args) > 0 {
		// $_ starts as the pathname the shell was started by, as in
		// bash: "env -i ./gosh -c 'echo $_'" prints ./gosh. (A shell
		// started by bash or gosh finds it in its environment.) No
		// link is read: /proc/self/exe cost every start 15-25 us.
		sh.Vars.Set("_", os.Args[0])
	}
	if host, err := os.Hostname(); err == nil {
		sh.Vars.Set("HOSTNAME", host)
	}
	sh.Vars.Set("OSTYPE", "linux-gnu")
	for _, v := range [...][2]string{{"HOSTTYPE", hosttype}, {"MACHTYPE", hosttype + "-pc-linux-gnu"}} {
		if _, ok := sh.Vars.Get(v[0]); !ok && hosttype != "" {
			sh.Vars.Set(v[0], v[1])
		}
	}
	sh.Vars.Set("OPTERR", "1")
	if _, ok := sh.Vars.Get("COMP_WORDBREAKS"); !ok {
		sh.Vars.Set("COMP_WORDBREAKS", defaultWordBreaks) // compwords.go
	}
	// As bash, a PS4 from the environment is kept, except by root.
	if _, ok := sh.Vars.Get("PS4"); !ok || os.Geteuid() == 0 {
		sh.Vars.Set("PS4", "+ ")
	}
	sh.initGroups()
	sh.setVersionVars()
	sh.Vars.Set("OPTIND", "1") // bash starts getopts afresh in every shell
	// SHELLOPTS is read-only; its value is computed when read (getVar).
	sh.Vars.Unset("SHELLOPTS")
	sh.Vars.SetReadOnly("SHELLOPTS")
	sh.Vars.Unset("BASHOPTS") // the same for shopt's options
	sh.Vars.SetReadOnly("BASHOPTS")
	// FUNCNAME is declared, an array without a value until a function
	// runs (bashvars.go).
	sh.Vars.put("FUNCNAME", &Var{Array: true, NoValue: true})
	// bash starts every shell at level 0, whatever the environment says.
	sh.Vars.Unset("BASH_SUBSHELL")
	sh.Vars.Set("BASH_SUBSHELL", "0")
}

// hosttype is bash's $HOSTTYPE for the machine gosh was built for: the
// name uname -m gives ("" for one gosh does not name).
var hosttype = map[string]string{"amd64": "x86_64", "386": "i686", "arm64": "aarch64", "riscv64": "riscv64", "ppc64le": "powerpc64le", "s390x": "s390x"}[runtime.GOARCH]

// initGroups sets GROUPS, the array of the groups the user is in: the
// real group first, then the supplementary ones (bash's order).
func (sh *Shell) initGroups() {
	gid := os.Getgid()
	elems := []Elem{{Index: 0, Value: strconv.Itoa(gid)}}
	groups, _ := unix.Getgroups()
	for _, g := range groups {
		if g != gid {
			elems = append(elems, Elem{Index: int64(len(elems)), Value: strconv.Itoa(g)})
		}
	}
	sh.Vars.put("GROUPS", &Var{Array: true, Elems: elems})
}

// Version is gosh's version, MAJOR.MINOR.PATCH: gosh --version and
// $GOSH_VERSION.
const Version = "0.1.0"

// setVersionVars sets $GOSH_VERSION and the read-only array GOSH_VERSINFO
// (major, minor, patch), gosh's counterparts of bash's BASH_VERSION and
// BASH_VERSINFO. gosh is not bash and does not say it is: it sets neither
// of bash's, as zsh (ZSH_VERSION), mksh (KSH_VERSION) and Oils
// (OILS_VERSION) do not, so that a script testing [ -n "$BASH_VERSION" ]
// or ${BASH_VERSINFO[0]} learns that bash is not what runs it.
func (sh *Shell) setVersionVars() {
	sh.Vars.Set("GOSH_VERSION", Version)
	sh.Vars.put("GOSH_VERSINFO", &Var{Array: true, ReadOnly: true,
		Elems: []Elem{{Index: 0, Value: "0"}, {Index: 1, Value: "1"}, {Index: 2, Value: "0"}}})
}

// dynamicBit is the bit of Shell.plainDynamic for a variable whose value
// the shell computes, 0 for any other name. As in bash, unset takes the
// special meaning away for good: the name is then an ordinary variable.
func dynamicBit(name string) uint32 {
	for i, n := range dynamicNames {
		if n == name {
			return 1 << i
		}
	}
	return 0
}

// dynamicNames are the variables whose value getVar computes, and
// GROUPS, which may not be assigned while it is bash's (Shell.assign).
var dynamicNames = [...]string{"LINENO", "BASHPID", "RANDOM", "SECONDS", "EPOCHSECONDS", "EPOCHREALTIME", "SRANDOM", "HISTCMD", "GROUPS"}

// getVar is a variable's value, computed for the dynamic ones.
func (sh *Shell) getVar(name string) (string, bool) {
	if sh.plainDynamic != 0 && sh.plainDynamic&dynamicBit(name) != 0 {
		return sh.lookupVar(name).get()
	}
	switch name {
	case "LINENO":
		return strconv.Itoa(sh.line), true
	case "BASHPID":
		return bashPid(), true
	case "HISTCMD":
		return sh.histcmd(), true // historycmd.go
	case "RANDOM":
		if v := sh.Vars.Lookup(name); v == nil || !v.ReadOnly {
			return sh.random(), true
		}
	case "SECONDS":
		return sh.seconds(), true
	case "EPOCHSECONDS", "EPOCHREALTIME", "SRANDOM":
		return epochVar(name), true
	case "BASH_ARGV0":
		return sh.arg0(), true
	case "BASH_COMMAND":
		if sh.lookupVar(name) == nil {
			return sh.bashCommandText(), true // bashcommand.go
		}
	case "SHELLOPTS":
		if v := sh.lookupVar(name); v != nil && v.ReadOnly {
			return sh.shellOpts(), true // bashcommand.go
		}
	case "BASHOPTS":
		if v := sh.lookupVar(name); v != nil && v.ReadOnly {
			return sh.bashOpts(), true // bashcommand.go
		}
	}
	return sh.lookupVar(name).get()
}

// arg0 is $0. Assigning BASH_ARGV0 sets it, as in bash: the variable
// is made by the assignment (reading it before gives $0), and its value,
// while it has one, is what $0 was last set to.
func (sh *Shell) arg0() string {
	if v := sh.lookupVar("BASH_ARGV0"); v != nil && !v.NoValue && !v.Array && !v.Assoc {
		sh.Arg0 = v.Value
	}
	return sh.Arg0
}

// epochVar computes bash 5's $EPOCHSECONDS (seconds since 1970),
// $EPOCHREALTIME (the same with microseconds) and $SRANDOM (32 random
// bits from the kernel). As in bash, assigning them changes nothing.
func epochVar(name string) string {
	now := time.Now()
	switch name {
	case "EPOCHSECONDS":
		return strconv.FormatInt(now.Unix(), 10)
	case "EPOCHREALTIME":
		return fmt.Sprintf("%d.%06d", now.Unix(), now.Nanosecond()/1000)
	}
	// getrandom(2) directly: crypto/rand would bring the crypto packages
	// and their initialisation into every gosh start (issue 9, speed).
	var b [4]byte
	if n, err := unix.Getrandom(b[:], 0); err != nil || n != len(b) {
		return strconv.FormatUint(uint64(now.UnixNano()&0xffffffff), 10)
	}
	return strconv.FormatUint(uint64(binary.LittleEndian.Uint32(b[:])), 10)
}

// startSpecials starts $RANDOM's generator and $SECONDS' clock in a shell
// that did not come through initSpecialVars: a subshell (a copy or a
// child gosh). Its RANDOM gets a new seed, as bash reseeds in a subshell,
// rather than repeating its parent's next numbers; its SECONDS goes on
// from the value it inherited.
func (sh *Shell) startSpecials() {
	s := &sh.specials
	if !s.randomInit {
		s.randomSeed = uint32(time.Now().UnixNano()) ^ uint32(os.Getpid()) ^ uint32(uintptr(unsafe.Pointer(sh)))
		s.randomInit = true
		if !s.randomKnown {
			s.randomText, _ = sh.Vars.Get("RANDOM")
		}
	}
	if s.secondsBase.IsZero() {
		s.secondsBase = time.Now()
		if v, ok := sh.Vars.Get("SECONDS"); ok {
			n, _ := strconv.ParseInt(v, 10, 64)
			s.secondsBase = s.secondsBase.Add(-time.Duration(n) * time.Second)
			s.secondsText = v
		}
	}
}

// inheritRandom records the value of RANDOM a subshell inherited, as it
// is made (a copy: cloneFrom; a child gosh: RunChild), before it runs
// anything: an assignment before its first $RANDOM is then told from the
// inherited value and seeds its generator, as in bash: x=$(RANDOM=1; echo
// $RANDOM) gives 16807. (Recorded at the first $RANDOM instead, the
// assigned value was taken for the inherited one, and the new seed was
// lost.)
func (sh *Shell) inheritRandom() {
	sh.specials.randomText, _ = sh.Vars.Get("RANDOM")
	sh.specials.randomKnown = true
}

// random gives the next value of $RANDOM, 0 to 32767, reseeding first
// when RANDOM was assigned since the last one.
func (sh *Shell) random() string {
	sh.startSpecials()
	s := &sh.specials
	if v, ok := sh.Vars.Get("RANDOM"); ok && v != s.randomText {
		n, _ := strconv.ParseUint(v, 10, 64)
		s.randomSeed = uint32(n)
		s.randomLast = 0
	}
	var r int
	for {
		s.randomSeed = minStdRand(s.randomSeed)
		r = int((s.randomSeed>>16)^(s.randomSeed&0xffff)) & 0x7fff
		if r != s.randomLast {
			break
		}
	}
	s.randomLast = r
	s.randomText = strconv.Itoa(r)
	sh.Vars.Set("RANDOM", s.randomText)
	return s.randomText
}

// minStdRand is one step of the minimal standard generator x' = 16807x mod
// (2^31-1), computed without overflow as bash does (Schrage's method).
func minStdRand(last uint32) uint32 {
	x := int64(last)
	if x == 0 {
		x = 123459876
	}
	h := x / 127773
	l := x - 127773*h
	t := 16807*l - 2836*h
	if t < 0 {
		t += 0x7fffffff
	}
	return uint32(t)
}

// seconds gives $SECONDS: the seconds since start-up, or since it was
// assigned plus the value assigned.
func (sh *Shell) seconds() string {
	sh.startSpecials()
	s := &sh.specials
	if v, ok := sh.Vars.Get("SECONDS"); ok && v != s.secondsText {
		n, _ := strconv.ParseInt(v, 10, 64)
		s.secondsBase = time.Now().Add(-time.Duration(n) * time.Second)
	}
	s.secondsText = strconv.FormatInt(int64(time.Since(s.secondsBase)/time.Second), 10)
	sh.Vars.Set("SECONDS", s.secondsText)
	return s.secondsText
}

// parseAt parses src with the shell's aliases, its first line numbered
// line: the commands' $LINENO count from there.
func (sh *Shell) parseAt(src string, line int) (*parser.File, error) {
	return parser.ParseConfig(src, parser.Config{Alias: sh.aliasLookup, FirstLine: line, Extglob: sh.extglobOn})
}

// noteLine records the line of the simple command about to be expanded,
// for $LINENO.
func (sh *Shell) noteLine(line int) {
	if line > 0 {
		if sh.substLines != nil {
			line = sh.substLines.at(line)
		}
		sh.line = line
	}
}

// noteLastArg records the last argument of the command about to run: $_
// once it has finished. compound are its arguments written NAME=(...),
// of which $_ is the NAME.
func (sh *Shell) noteLastArg(argv []string, compound map[string]bool) {
	if len(argv) > 0 {
		sh.specials.lastArg = argv[len(argv)-1]
		if name, _, ok := strings.Cut(sh.specials.lastArg, "="); ok && compound[sh.specials.lastArg] {
			sh.specials.lastArg = name // "declare a=(1 2)": $_ is a, as bash
		}
	} else {
		sh.specials.lastArg = ""
	}
}

// notePipeline sets $_ (after a lone simple command only) and PIPESTATUS
// once a pipeline has finished:
// PIPESTATUS holds every stage's status when the pipeline was a job, and
// its one status when it ran inside the shell. A lone compound command
// leaves both as the last pipeline inside it set them (bash: after
// "while false; do :; done" PIPESTATUS is false's).
func (sh *Shell) notePipeline(p *parser.Pipeline, status int) {
	if len(p.Cmds) == 1 {
		if _, simple := p.Cmds[0].(*parser.SimpleCommand); !simple {
			sh.specials.stages = nil
			return
		}
	}
	hv := sh.specialVars()
	if len(p.Cmds) == 1 {
		sh.setUnderscore(hv)
	} // else the stages ran as subshells: $_ stays as it was, as in bash
	// (but a simple last stage that lastpipe ran in the shell sets it)
	if sh.specials.stages == nil {
		// The usual case, a command run in the shell: PIPESTATUS is
		// already the one-element array it becomes; change the element
		// in place instead of building the array again.
		if x := hv.pipestatus; x != nil && x.Array && !x.Assoc && !x.ReadOnly && !x.NoValue &&
			len(x.Elems) == 1 && x.Elems[0].Index == 0 {
			x.Elems[0].Value = strconv.Itoa(status)
			return
		}
	}
	var vals []string
	if st := sh.specials.stages; st != nil {
		vals = make([]string, len(st))
		for i, n := range st {
			vals[i] = strconv.Itoa(n)
		}
	} else {
		vals = []string{strconv.Itoa(status)}
	}
	sh.specials.stages = nil
	sh.Vars.SetArray("PIPESTATUS", vals, false)
}

// setUnderscore sets $_ to the last argument noteLastArg kept.
func (sh *Shell) setUnderscore(hv *hotVars) {
	if x := hv.underscore; x != nil {
		sh.Vars.setIn("_", x, sh.specials.lastArg)
		return
	}
	sh.Vars.Set("_", sh.specials.lastArg)
}

// noteStages records the statuses of a finished foreground job's stages.
func (sh *Shell) noteStages(statuses []int) { sh.specials.stages = statuses }

// stageStatuses lists the statuses of a job's stages in pipeline order.
func stageStatuses(j *jobs.Job) []int {
	procs := j.Processes()
	out := make([]int, len(procs))
	for i, p := range procs {
		out[i] = p.Status
	}
	return out
}
