package shell

import (
	"sort"
	"strings"

	"gosh/parser"
)

// $BASH_COMMAND is the command being run or about to be run: the DEBUG
// trap sees the command it runs before, the ERR trap the command that
// failed (of a pipeline, its last stage), each printed as bash prints it.
// While a trap's action runs it stays the trapped command. Only simple
// commands, (( )) and [[ ]] are named; a compound command leaves it to
// the commands inside it. The shell keeps the node and prints it only
// when $BASH_COMMAND is read.

// noteCommand makes c the command $BASH_COMMAND names, unless a trap's
// action is running or c is not a command it names.
func (sh *Shell) noteCommand(c parser.Command) {
	if sh.specials.inTrap > 0 {
		return
	}
	switch c := c.(type) {
	case *parser.SimpleCommand, *parser.ArithCmd, *parser.TestCmd:
		sh.specials.bashCommand, sh.specials.bashHeader = c, ""
	case *parser.Case:
		sh.specials.bashHeader = "case " + parser.String(c.Word) + " in"
	case *parser.Select:
		sh.specials.bashHeader = loopHeader("select", c.Name, c.In, c.Words)
	}
}

// loopDebug runs the DEBUG trap before a pass of a for loop, as bash does,
// with $BASH_COMMAND the loop's head ("for i in 1 2").
func (sh *Shell) loopDebug(header string, line int) error {
	if sh.specials.inTrap == 0 {
		sh.specials.bashHeader = header
	}
	return sh.debugTrap(line)
}

// bashCommandText is the value of $BASH_COMMAND.
func (sh *Shell) bashCommandText() string {
	if sh.specials.bashHeader != "" {
		return sh.specials.bashHeader
	}
	if sh.specials.bashCommand == nil {
		return ""
	}
	return parser.CommandLayout(sh.specials.bashCommand)
}

// shellOpts is $SHELLOPTS: the set -o options that are on, sorted and
// joined with ':', as bash shows them, and gosh's own options (trace, lang) are not bash's. The variable
// is read-only; its value is computed when read.
func (sh *Shell) shellOpts() string {
	var on []string
	for _, name := range optionNames(false) {
		if name == "trace" || name == "lang" {
			continue
		}
		if v, ok := sh.Option(name); ok && v {
			on = append(on, name)
		}
	}
	sort.Strings(on)
	return strings.Join(on, ":")
}

// bashOpts is $BASHOPTS: the shopt options that are on, sorted and joined
// with ':', as bash shows them. Read-only; computed when read.
func (sh *Shell) bashOpts() string {
	var on []string
	for _, name := range optionNames(true) {
		if v, ok := sh.Option(name); ok && v {
			on = append(on, name)
		}
	}
	sort.Strings(on)
	return strings.Join(on, ":")
}
