package builtins

import (
	"fmt"
	"slices"
	"strings"
)

var shoptBuiltins = []*Builtin{
	{
		Name:     "shopt",
		Synopsis: "shopt [-pqsu] [-o] [optname ...]",
		Summary:  "Set and unset shell options.",
		Help: `Turn the shell's optional behaviours on (-s) or off (-u), or show them.
  dotglob         patterns match names that start with '.'
  expand_aliases  aliases are expanded (on at an interactive prompt,
                  off in scripts)
  failglob        a pattern that matches no file is an error
  globstar        ** alone as a path component matches any number of
                  directories (**/*.c: every .c file below)
  nocaseglob      patterns match file names in either case
  nullglob        a pattern that matches no file disappears, instead of
                  staying as it is
  histappend      on exit the history file keeps what other shells
                  appended (on: gosh appends each command as it runs);
                  off: exit rewrites it with this shell's list, as bash
  checkwinsize    COLUMNS and LINES follow the terminal's size (on)
  extglob         extended patterns ?(a|b) *(a|b) +(a|b) @(a|b) !(a|b)
                  (read from the line after the shopt; always on the
                  right of == != in [[ ]])
  nocasematch     case, [[ == ]] and [[ =~ ]] ignore case
  autocd          at a prompt, a directory's name alone runs cd
  cdspell         at a prompt, cd mends a small spelling mistake
  checkjobs       exit with running jobs warns once, listing them
  cmdhist, lithist  a command of several lines is one history entry
                  (on); lithist keeps its newlines
  histverify      a line history expansion changed comes back to the
                  editor before it runs; histreedit: a failed one does
  extdebug        declare -F shows a function's line and file; a DEBUG
                  trap that fails skips the command (2: returns from
                  the function); BASH_ARGV, BASH_ARGC; errtrace and
                  functrace with it
  compat31 .. compat44  set $BASH_COMPAT to that level (gosh behaves as
                  bash 5.2 at every level)
  checkhash       a remembered program that has gone is searched for again
  lastpipe        without job control (a script, set +m) the last stage
                  of a pipeline runs in the shell: echo a | read x sets x
  noexpand_translation  kept and shown: gosh translates no $"..." string,
                  so it changes nothing, as in bash without a catalog
  mailwarn        the prompt's mail check ($MAILCHECK, $MAILPATH, $MAIL)
                  also says when a mail file has been read
  dirspell        Tab mends a small spelling mistake in a directory
  direxpand       Tab writes ~ and $VAR of a directory expanded
  no_empty_cmd_completion  Tab on an empty command word offers nothing
  progcomp_alias  an alias without a complete specification completes
                  as the command it stands for
  hostcomplete    Tab after '@' completes a host name of $HOSTFILE or
                  /etc/hosts (user@host); on, with '@' in $COMP_WORDBREAKS
  force_fignore   $FIGNORE's suffixes (FIGNORE=.o:~) leave file names
                  out of Tab even when none is left (on); off: all stay then
  cdable_vars, execfail, inherit_errexit, interactive_comments,
  localvar_inherit, localvar_unset, patsub_replacement, progcomp, promptvars,
  shift_verbose, sourcepath, xpg_echo, assoc_expand_once: as in bash;
  gnu_errfmt is kept and shown, and changes no message
The other names of bash's list are shown in the one state gosh has;
changing them is an error that says why (globskipdots, restricted_shell, ...).
Without -s or -u, show each OPTNAME (every option without any) and
return 1 if one is off. -s or -u without OPTNAME lists the options
that are on, or off.
-p  show them as shopt commands that would set them again
-q  show nothing; the status says whether every OPTNAME is on
-o  OPTNAMEs are set -o options (errexit, pipefail, ...)`,
		Run: runShopt,
	},
}

func runShopt(sh Shell, io IO, args []string) (int, error) {
	o, names, ok := parseOptions(io, "shopt", args[1:], "pqsuo")
	if !ok {
		return statusUsage, nil
	}
	if o.has('s') && o.has('u') {
		errorf(io, "shopt", "cannot set and unset shell options simultaneously")
		return statusFailure, nil
	}
	known := sh.ShoptNames()
	if o.has('o') {
		known = settableOptions(sh)
	}
	if (o.has('s') || o.has('u')) && len(names) > 0 {
		status := statusOK
		for _, name := range names {
			if !slices.Contains(known, name) {
				invalidShopt(io, o, name)
				status = statusFailure
				continue
			}
			if err := sh.SetOption(name, o.has('s')); err != nil {
				errorf(io, "shopt", "%v", err)
				status = statusFailure
			}
		}
		return status, nil
	}

	// Showing: the names given, or every option (only those on with -s,
	// only those off with -u).
	list := names
	if len(list) == 0 {
		for _, name := range known {
			on, _ := sh.Option(name)
			if o.has('s') && !on || o.has('u') && on {
				continue
			}
			list = append(list, name)
		}
	}
	status := statusOK
	var b strings.Builder
	for _, name := range list {
		if !slices.Contains(known, name) {
			invalidShopt(io, o, name)
			status = statusFailure
			continue
		}
		on, _ := sh.Option(name)
		if !on {
			status = statusFailure
		}
		value, valued := sh.OptionValue(name) // set -o lang=ko: shown with its value
		switch {
		case o.has('q'):
		case o.has('p') && o.has('o') && valued && value != "":
			fmt.Fprintf(&b, "set -o %s=%s\n", name, value)
		case valued && value != "" && !o.has('p'):
			fmt.Fprintf(&b, "%-15s\t%s\n", name, value)
		case o.has('p') && o.has('o'):
			fmt.Fprintf(&b, "set %co %s\n", map[bool]byte{true: '-', false: '+'}[on], name)
		case o.has('p'):
			fmt.Fprintf(&b, "shopt -%c %s\n", map[bool]byte{true: 's', false: 'u'}[on], name)
		default:
			fmt.Fprintf(&b, "%-15s\t%s\n", name, map[bool]string{true: "on", false: "off"}[on])
		}
	}
	if st := writeOut(io, "shopt", b.String()); st != statusOK {
		return st, nil
	}
	if len(names) == 0 {
		return statusOK, nil
	}
	return status, nil
}

func invalidShopt(io IO, o *options, name string) {
	if o.has('o') {
		errorf(io, "shopt", "%s: invalid option name", name)
		return
	}
	errorf(io, "shopt", "%s: invalid shell option name", name)
}
