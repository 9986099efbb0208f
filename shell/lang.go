package shell

import (
	"fmt"
	"strings"

	"gosh/builtins"
)

// The language of every teaching text gosh prints (help, its topics, the
// labs, explain, the trace's explanations, the legends of procs) is
// decided here, and only here, by Shell.Lang. A builtin that takes
// --lang (help --lang ko) overrides it for that one command. The list of
// languages is builtins.Languages, the one the texts are written in.

// localeVars are the variables setlocale(LC_MESSAGES, "") reads, in the
// order it reads them: the first that is set and not empty decides.
var localeVars = []string{"LC_ALL", "LC_MESSAGES", "LANG"}

// Lang is the language of the teaching texts: "en" or "ko". `set -o
// lang=ko` (or lang=en) decides when it is set; otherwise the locale as
// setlocale reads it for messages: LC_ALL, then LC_MESSAGES, then LANG,
// where a value starting with "ko" (ko_KR.UTF-8, ko) means Korean and any
// other (C, POSIX, en_US.UTF-8) English.
func (sh *Shell) Lang() string {
	if sh.Opts.Lang != "" {
		return sh.Opts.Lang
	}
	return langOfLocale(func(name string) string {
		v, _ := sh.Vars.Get(name)
		return v
	})
}

// langOfLocale applies the LC_ALL > LC_MESSAGES > LANG rule to get.
func langOfLocale(get func(string) string) string {
	for _, name := range localeVars {
		v := get(name)
		if v == "" {
			continue
		}
		if strings.HasPrefix(v, "ko") {
			return "ko"
		}
		return builtins.Languages[0]
	}
	return builtins.Languages[0]
}

// setLang is `set -o lang=L` (L one of builtins.Languages) and, with "", `set +o
// lang`, which gives the decision back to the locale. The trace follows
// at once: its next explanation is in the new language.
func (sh *Shell) setLang(l string) error {
	if l != "" && !builtins.KnownLang(l) {
		return fmt.Errorf("lang=%s: unknown language (known: %s)", l, strings.Join(builtins.Languages, ", "))
	}
	sh.Opts.Lang = l
	sh.Jobs.Trace().SetLang(sh.traceLang())
	return nil
}

// traceFollowsLocale gives the trace the shell's language before each
// command the shell reads, while the trace is on: a locale changed by an
// assignment (LANG=ko_KR.UTF-8) reaches the trace from the next command on.
// Run by the shell between commands; set -o lang reaches it at once.
func (sh *Shell) traceFollowsLocale() {
	if sh.Opts.Trace {
		sh.Jobs.Trace().SetLang(sh.traceLang())
	}
}

// langOption reads a set -o argument that gives the lang option a value
// ("lang=ko"): ok is false for any other option name.
func langOption(name string) (value string, ok bool) {
	return strings.CutPrefix(name, "lang=")
}

// OptionValue is the value of an option that takes one: for "lang", the
// language set with set -o lang ("" when the locale decides). ok is false
// for an option that is only on or off.
func (sh *Shell) OptionValue(name string) (value string, ok bool) {
	if name == "lang" {
		return sh.Opts.Lang, true
	}
	return "", false
}
