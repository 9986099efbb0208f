package builtins

import (
	"fmt"
	"path"
	"strings"
)

// The concept topics that `help TOPIC` prints (fork-exec, pipes,
// signals, ...) live in topics.go, with the language helpers
// takeLangOption and resolveLang; this file lists and finds them through
// TopicNames, TopicText and TopicSummary. The language is the shell's
// (Shell.Lang: set -o lang, else the locale) unless --lang overrides it.

var helpBuiltins = []*Builtin{
	{
		Name:     "help",
		Synopsis: "help [-ds] [--lang en|ko] [name|pattern|topic ...]",
		Summary:  "Describe builtin commands and topics.",
		Help: `Without arguments, list the builtins with a one-line summary each,
and the topics that help can explain. With NAME, print the usage and
description of that builtin, or the text of that topic. A PATTERN
with * ? [ ] (or a prefix of a name) shows every builtin it matches.
-d  print only the one-line summary of each NAME
-s  print only the usage line of each NAME
--lang en|ko  the language of this one command. By default the shell's:
    what set -o lang=ko or set -o lang=en chose, else the locale (the
    first of LC_ALL, LC_MESSAGES, LANG that is set): Korean if it starts
    with "ko"`,
		Run: runHelp,
	},
}

func runHelp(sh Shell, io IO, args []string) (int, error) {
	lang, args, ok := takeLangOption(io, "help", args[1:])
	if !ok {
		return statusUsage, nil
	}
	o, names, ok := parseOptions(io, "help", args, "ds")
	if !ok {
		return statusUsage, nil
	}
	lang = resolveLang(sh, lang)
	if len(names) == 0 {
		return writeOut(io, "help", helpIndex(lang)), nil
	}
	var b strings.Builder
	status := statusOK
	for _, name := range names {
		bs, topics := helpMatches(name)
		if len(bs) == 0 && len(topics) == 0 {
			errorf(io, "help", "no help topics match `%s'.  Try `help help' or `man -k %s' or `info %s'.", name, name, name)
			status = statusFailure
			continue
		}
		for _, bi := range bs {
			switch {
			case o.has('s'):
				fmt.Fprintf(&b, "%s: %s\n", bi.Name, bi.Synopsis)
			case o.has('d'):
				fmt.Fprintf(&b, "%s - %s\n", bi.Name, summaryIn(bi, lang))
			default:
				b.WriteString(builtinHelpIn(bi, lang))
			}
		}
		if o.has('s') || o.has('d') {
			continue
		}
		for _, t := range topics {
			if b.Len() > 0 {
				b.WriteString("\n")
			}
			text, _ := TopicText(t, lang)
			b.WriteString(text)
			if !strings.HasSuffix(text, "\n") {
				b.WriteString("\n")
			}
		}
	}
	if st := writeOut(io, "help", b.String()); st != statusOK {
		return st, nil
	}
	return status, nil
}

// helpMatches finds the builtins and topics that a help argument names:
// the exact name if there is one; else every name that the argument
// matches as a glob pattern, or starts with when it has no glob
// characters (bash's rule: "help re" shows read and the others).
func helpMatches(arg string) ([]*Builtin, []string) {
	var bs []*Builtin
	var topics []string
	if b, ok := Lookup(arg); ok {
		bs = append(bs, b)
	}
	if isTopic(arg) {
		topics = append(topics, arg)
	}
	if len(bs) > 0 || len(topics) > 0 {
		return bs, topics
	}
	match := func(name string) bool { return strings.HasPrefix(name, arg) }
	if strings.ContainsAny(arg, "*?[") {
		match = func(name string) bool {
			ok, err := path.Match(arg, name)
			return err == nil && ok
		}
	}
	for _, b := range All() {
		if match(b.Name) {
			bs = append(bs, b)
		}
	}
	for _, t := range TopicNames() {
		if match(t) {
			topics = append(topics, t)
		}
	}
	return bs, topics
}

// builtinHelp is `help NAME`: the usage line, then the summary and the
// description, indented as bash does.
func builtinHelp(b *Builtin) string { return builtinHelpIn(b, "en") }

// builtinHelpIn is builtinHelp in lang: in Korean, the summary from
// summaryKo and the description from helpKo (help_ko_text.go).
func builtinHelpIn(b *Builtin, lang string) string {
	var s strings.Builder
	fmt.Fprintf(&s, "%s: %s\n", b.Name, b.Synopsis)
	fmt.Fprintf(&s, "    %s\n", summaryIn(b, lang))
	help := b.Help
	if h, ok := helpKo()[b.Name]; ok && lang == "ko" {
		help = h
	}
	if help != "" {
		s.WriteString("\n")
		for _, line := range strings.Split(strings.TrimRight(help, "\n"), "\n") {
			if line == "" {
				s.WriteString("\n")
				continue
			}
			s.WriteString("    " + line + "\n")
		}
	}
	return s.String()
}

// helpIndex is `help` alone: every builtin with its summary, in aligned
// columns, then the topics with theirs, in lang.
func helpIndex(lang string) string {
	var s strings.Builder
	if lang == "ko" {
		s.WriteString("gosh 내장 명령. fork 없이 셸 프로세스 안에서 실행된다:\n")
		s.WriteString("대부분 셸 자신을 바꾼다(cd, exit, fg, ...).\n")
		s.WriteString("`help 이름'은 그 명령을, `help 패턴'은 맞는 것 모두를 자세히 보여 준다.\n\n")
	} else {
		s.WriteString("gosh builtin commands. They run inside the shell process itself,\n")
		s.WriteString("without fork: most of them change the shell (cd, exit, fg, ...).\n")
		s.WriteString("Type `help NAME' for more about NAME, `help PATTERN' for every match.\n\n")
	}
	all := All()
	width := 0
	for _, b := range all {
		width = max(width, len(b.Name))
	}
	for _, b := range all {
		fmt.Fprintf(&s, "  %-*s  %s\n", width, b.Name, summaryIn(b, lang))
	}
	topics := TopicNames()
	if len(topics) == 0 {
		return s.String()
	}
	if lang == "ko" {
		s.WriteString("\n주제: `help 주제'(영어는 `help --lang en 주제', 늘 영어로는 set -o lang=en):\n\n")
	} else {
		s.WriteString("\nTopics: type `help TOPIC' (`help --lang ko TOPIC' for Korean; set -o lang=ko for Korean throughout):\n\n")
	}
	width = 0
	for _, t := range topics {
		width = max(width, len(t))
	}
	for _, t := range topics {
		fmt.Fprintf(&s, "  %-*s  %s\n", width, t, TopicSummary(t, lang))
	}
	return s.String()
}
