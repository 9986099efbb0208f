package builtins

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
)

var getoptsBuiltins = []*Builtin{
	{
		Name:     "getopts",
		Synopsis: "getopts optstring name [arg ...]",
		Summary:  "Parse option arguments.",
		Help: `Parse the options of a script or function, one per call, for use in a
loop:  while getopts ab:c opt; do case $opt in ...; esac; done
OPTSTRING lists the option letters; a letter followed by ':' takes an
argument, which getopts puts in $OPTARG. Each call puts the next option
letter in NAME and the index of the next argument to look at in
$OPTIND (1 at the start; set OPTIND=1 to start again). At the first
argument that is not an option, or after "--", the status is 1 and
NAME is '?'. ARGs are parsed instead of the positional parameters when
given.
Errors: for an unknown option NAME is '?'; for a missing argument too.
getopts prints a message unless OPTERR is 0. With a leading ':' in
OPTSTRING it is silent: an unknown option sets NAME to '?' and OPTARG
to the letter, a missing argument sets NAME to ':' and OPTARG to the
letter.`,
		Run: runGetopts,
	},
}

// getoptsState is where getopts is inside a cluster of options such as
// -abc between calls, as bash keeps it: the OPTIND it last set and the
// index of the next letter in that argument. A new value of OPTIND
// (OPTIND=1) starts afresh. (bash notices every assignment to OPTIND;
// here an assignment of the value getopts itself left, such as OPTIND=1
// in the middle of the first cluster, is not noticed.)
var getoptsState struct {
	sync.Mutex
	optind    string
	charIndex int
}

func runGetopts(sh Shell, io IO, args []string) (int, error) {
	_, args, ok := parseOptions(io, "getopts", args[1:], "")
	if !ok {
		return statusUsage, nil
	}
	if len(args) < 2 {
		return usageError(io, "getopts", ""), nil
	}
	optstring, name := args[0], args[1]
	// A bad NAME fails only when getopts comes to assign it: OPTIND and
	// OPTARG move on all the same, as in bash.
	badName := !isName(name)
	params := args[2:]
	if len(args) == 2 {
		params = sh.Positional()
	}
	silent := strings.HasPrefix(optstring, ":")
	if silent {
		optstring = optstring[1:]
	}
	report := !silent
	if v, ok := sh.Var("OPTERR"); ok && strings.TrimSpace(v) == "0" {
		report = false
	}

	st := &getoptsState
	st.Lock()
	defer st.Unlock()
	optindText, _ := sh.Var("OPTIND")
	optind, err := strconv.Atoi(strings.TrimSpace(optindText))
	if err != nil || optind < 1 {
		optind = 1
	}
	if optindText != st.optind {
		st.charIndex = 0
	}
	// set assigns NAME, OPTARG and OPTIND. roStatus is the status when
	// NAME cannot be assigned (read-only): bash's, which is 2 or 1 as
	// the case may be.
	set := func(letter string, optarg *string, roStatus int) int {
		status := statusOK
		if badName {
			errorf(io, "getopts", "`%s': not a valid identifier", name)
			status = statusFailure
		} else if err := sh.SetVar(name, letter); err != nil {
			if !noAssign(err) { // getopts a GROUPS: bash's status, no message
				fmt.Fprintf(io.Err, "%s%v\n", io.ErrPrefix(), err)
			}
			status = roStatus
		}
		if optarg != nil {
			sh.SetVar("OPTARG", *optarg)
		} else {
			sh.Unset("OPTARG")
		}
		st.optind = strconv.Itoa(optind)
		sh.SetVar("OPTIND", st.optind)
		return status
	}
	end := func() (int, error) {
		st.charIndex = 0
		set("?", nil, statusFailure)
		return statusFailure, nil
	}

	if st.charIndex == 0 {
		if optind > len(params) {
			optind = len(params) + 1
			return end()
		}
		arg := params[optind-1]
		if len(arg) < 2 || arg[0] != '-' {
			return end()
		}
		if arg == "--" {
			optind++
			return end()
		}
		st.charIndex = 1
	}
	if optind > len(params) || st.charIndex >= len(params[optind-1]) {
		// OPTIND was moved under us mid-cluster: start at the next argument.
		st.charIndex = 0
		return end()
	}
	arg := params[optind-1]
	c := arg[st.charIndex]
	st.charIndex++
	atEnd := st.charIndex >= len(arg)
	next := func() {
		optind++
		st.charIndex = 0
	}
	at := strings.IndexByte(optstring, c)
	if at < 0 || c == ':' {
		if atEnd {
			next()
		}
		letter := string(c)
		if silent {
			return set("?", &letter, statusFailure), nil
		}
		if report {
			fmt.Fprintf(io.Err, "%s: illegal option -- %c\n", sh.ScriptName(), c)
		}
		return set("?", nil, statusUsage), nil
	}
	if at+1 < len(optstring) && optstring[at+1] == ':' {
		var optarg string
		switch {
		case !atEnd:
			optarg = arg[st.charIndex:]
			next()
		case optind < len(params):
			optarg = params[optind]
			optind++
			next()
		default:
			next()
			letter := string(c)
			if silent {
				return set(":", &letter, statusUsage), nil
			}
			if report {
				fmt.Fprintf(io.Err, "%s: option requires an argument -- %c\n", sh.ScriptName(), c)
			}
			return set("?", nil, statusUsage), nil
		}
		return set(string(c), &optarg, statusUsage), nil
	}
	if atEnd {
		next()
	}
	return set(string(c), nil, statusUsage), nil
}
