package shell

import (
	"strings"
	"testing"
)

// Lang: set -o lang first, then LC_ALL, LC_MESSAGES, LANG (the first set
// and not empty decides; "ko..." is Korean, anything else English).
func TestLang(t *testing.T) {
	tests := []struct {
		name string
		opt  string // set -o lang=opt, when not ""
		env  map[string]string
		want string
	}{
		{"nothing set", "", nil, "en"},
		{"LANG ko_KR", "", map[string]string{"LANG": "ko_KR.UTF-8"}, "ko"},
		{"LANG ko", "", map[string]string{"LANG": "ko"}, "ko"},
		{"LANG en_US", "", map[string]string{"LANG": "en_US.UTF-8"}, "en"},
		{"LANG C", "", map[string]string{"LANG": "C"}, "en"},
		{"LC_MESSAGES beats LANG", "", map[string]string{"LANG": "ko_KR.UTF-8", "LC_MESSAGES": "en_US.UTF-8"}, "en"},
		{"LC_MESSAGES ko", "", map[string]string{"LANG": "C", "LC_MESSAGES": "ko_KR.eucKR"}, "ko"},
		{"LC_ALL beats both", "", map[string]string{"LANG": "C", "LC_MESSAGES": "C", "LC_ALL": "ko_KR.UTF-8"}, "ko"},
		{"LC_ALL POSIX beats LANG ko", "", map[string]string{"LANG": "ko_KR.UTF-8", "LC_ALL": "POSIX"}, "en"},
		{"empty LC_ALL is not set", "", map[string]string{"LANG": "ko_KR.UTF-8", "LC_ALL": ""}, "ko"},
		{"option ko beats locale", "ko", map[string]string{"LC_ALL": "en_US.UTF-8"}, "ko"},
		{"option en beats locale", "en", map[string]string{"LANG": "ko_KR.UTF-8", "LC_ALL": "ko_KR.UTF-8"}, "en"},
		{"option ko, no locale", "ko", nil, "ko"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sh := testShell(t)
			for _, name := range localeVars {
				sh.Vars.Unset(name)
			}
			for k, v := range tc.env {
				if err := sh.Vars.Set(k, v); err != nil {
					t.Fatal(err)
				}
			}
			if tc.opt != "" {
				if err := sh.SetOption("lang="+tc.opt, true); err != nil {
					t.Fatal(err)
				}
			}
			if got := sh.Lang(); got != tc.want {
				t.Errorf("Lang() = %s, want %s", got, tc.want)
			}
			if got := sh.Jobs.Trace(); tc.opt != "" && got.Lang() != tc.want {
				t.Errorf("the trace's language is %s after set -o lang=%s", got.Lang(), tc.opt)
			}
		})
	}
}

// set -o lang=L, set +o lang, and what set -o and set +o print for it;
// help follows the option, and help --lang overrides it for one command.
func TestLangOption(t *testing.T) {
	const unsetLocale = "unset LC_ALL LC_MESSAGES LANG; "
	tests := []struct {
		name   string
		src    string
		out    []string // each must appear in stdout
		notOut []string // none may appear in stdout
		errOut string   // must appear in stderr
		status int
	}{
		{name: "set -o lang=ko: help is Korean", src: "set -o lang=ko; help cd",
			out: []string{"작업 디렉터리"}, notOut: []string{"Change the current directory"}},
		{name: "set -o lang=en: back to English", src: "set -o lang=ko; set -o lang=en; help cd",
			out: []string{"Change the current directory"}},
		{name: "help --lang en beats the option", src: "set -o lang=ko; help --lang en cd",
			out: []string{"Change the current directory"}},
		{name: "help --lang ko beats the locale", src: "LC_ALL=C; help --lang ko cd",
			out: []string{"작업 디렉터리"}},
		{name: "the option beats the locale", src: "LC_ALL=ko_KR.UTF-8; set -o lang=en; help cd",
			out: []string{"Change the current directory"}},
		{name: "set +o lang gives it back to the locale", src: "LANG=ko_KR.UTF-8; set -o lang=en; set +o lang; help cd",
			out: []string{"작업 디렉터리"}},
		{name: "LANG alone", src: "LANG=ko_KR.UTF-8; help cd", out: []string{"작업 디렉터리"}},
		{name: "set -o lists the value", src: "set -o lang=ko; set -o", out: []string{"lang           \tko\n"}},
		{name: "set -o lists off", src: "set -o", out: []string{"lang           \toff\n"}},
		{name: "set +o restores the value", src: "set -o lang=ko; set +o", out: []string{"set -o lang=ko\n"}, notOut: []string{"set +o lang\n"}},
		{name: "set +o without a value", src: "set +o", out: []string{"set +o lang\n"}},
		{name: "set +o's output restores it", src: "set -o lang=ko; s=$(set +o); set -o lang=en; eval \"$s\"; help cd",
			out: []string{"작업 디렉터리"}},
		{name: "shopt -po restores the value", src: "set -o lang=ko; shopt -po lang; shopt -o lang", out: []string{"set -o lang=ko\nlang           \tko\n"}},
		{name: "shopt -uo lang", src: "set -o lang=ko; shopt -uo lang; shopt -po lang", out: []string{"set +o lang\n"}, status: 1},
		{name: "unknown language", src: "set -o lang=fr", errOut: "lang=fr: unknown language", status: 1},
		{name: "no language", src: "set -o lang", errOut: "which language?", status: 1},
		{name: "+o takes no value", src: "set +o lang=ko", errOut: "takes no value", status: 1},
		{name: "not an option with a value", src: "set -o errexit=1", errOut: "errexit=1: invalid option name", status: 2},
		{name: "a failed set keeps the language", src: "set -o lang=ko; set -o lang=fr; help cd",
			out: []string{"작업 디렉터리"}, errOut: "unknown language", status: 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, errOut, status := runCaptured(t, unsetLocale+tc.src)
			for _, w := range tc.out {
				if !strings.Contains(out, w) {
					t.Errorf("%s: stdout has no %q:\n%s", tc.src, w, out)
				}
			}
			for _, w := range tc.notOut {
				if strings.Contains(out, w) {
					t.Errorf("%s: stdout has %q:\n%s", tc.src, w, out)
				}
			}
			if tc.errOut != "" && !strings.Contains(errOut, tc.errOut) {
				t.Errorf("%s: stderr %q, want %q", tc.src, errOut, tc.errOut)
			}
			if tc.errOut == "" && errOut != "" {
				t.Errorf("%s: stderr %q", tc.src, errOut)
			}
			if status != tc.status {
				t.Errorf("%s: status %d, want %d", tc.src, status, tc.status)
			}
		})
	}
}

// The language set with set -o lang is one of the options a child gosh
// gets in its snapshot.
func TestLangInSnapshot(t *testing.T) {
	sh := testShell(t)
	for _, name := range localeVars {
		sh.Vars.Unset(name)
	}
	if err := sh.SetOption("lang=ko", true); err != nil {
		t.Fatal(err)
	}
	data, err := encodeSnapshot(sh.snapshot())
	if err != nil {
		t.Fatal(err)
	}
	var s Snapshot
	if err := decodeSnapshot(data, &s); err != nil {
		t.Fatal(err)
	}
	child := testShell(t)
	for _, name := range localeVars {
		child.Vars.Unset(name)
	}
	if err := child.restore(&s); err != nil {
		t.Fatal(err)
	}
	if got := child.Lang(); got != "ko" {
		t.Errorf("a child's Lang() = %s after set -o lang=ko in its parent", got)
	}
}
