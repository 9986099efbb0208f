package tests

import (
	"regexp"
	"strings"
	"testing"
)

// The language of the teaching texts, decided once (set -o lang, else
// LC_ALL, LC_MESSAGES, LANG), seen from outside: help, the trace and a
// child gosh all follow it.

const (
	cdKorean  = "셸의 현재 작업 디렉터리를 DIR로 바꾼다"
	cdEnglish = "Change the current directory to DIR"
)

func TestTeachLangOptionSwitchesHelp(t *testing.T) {
	out, errOut, status := runGosh(t, "", "-c", "set -o lang=ko; help cd; echo ===; set -o lang=en; help cd; echo ===; set -o lang=ko; help --lang en cd")
	parts := strings.Split(out, "===\n")
	if status != 0 || errOut != "" || len(parts) != 3 {
		t.Fatalf("status %d, stderr %q, stdout:\n%s", status, errOut, out)
	}
	if !strings.Contains(parts[0], cdKorean) || strings.Contains(parts[0], cdEnglish) {
		t.Errorf("set -o lang=ko; help cd is not Korean:\n%s", parts[0])
	}
	if !strings.Contains(parts[1], cdEnglish) {
		t.Errorf("set -o lang=en; help cd is not English:\n%s", parts[1])
	}
	if !strings.Contains(parts[2], cdEnglish) {
		t.Errorf("help --lang en cd under set -o lang=ko is not English:\n%s", parts[2])
	}
}

func TestTeachLangFromLocale(t *testing.T) {
	const jobsKorean, jobsEnglish = "이 셸이 시작했고 아직 잊지 않은 작업", "List the jobs this shell started"
	tests := []struct {
		env  []string
		args []string
		want string
	}{
		{[]string{"LANG=ko_KR.UTF-8"}, []string{"-c", "help jobs"}, jobsKorean},
		{[]string{"LANG=ko_KR.UTF-8", "LC_ALL=C"}, []string{"-c", "help jobs"}, jobsEnglish},
		{[]string{"LANG=C", "LC_MESSAGES=ko_KR.UTF-8"}, []string{"-c", "help jobs"}, jobsKorean},
		{[]string{"LANG=C", "LC_ALL=ko_KR.UTF-8"}, []string{"-c", "help jobs"}, jobsKorean},
		{[]string{"LANG=ko_KR.UTF-8"}, []string{"-c", "set -o lang=en; help jobs"}, jobsEnglish},
		{[]string{"LANG=ko_KR.UTF-8"}, []string{"-c", "help --lang en jobs"}, jobsEnglish},
		{[]string{"LANG=C"}, []string{"-o", "lang=ko", "-c", "help jobs"}, jobsKorean},
	}
	for _, tc := range tests {
		out, errOut, status := runShell(t, shellRun{Args: tc.args, Env: tc.env})
		if status != 0 || errOut != "" || !strings.Contains(out, tc.want) {
			t.Errorf("%v gosh %q: status %d, stderr %q, want %q in:\n%s", tc.env, tc.args, status, errOut, tc.want, out)
		}
	}
}

// A child gosh (a background subshell) gets the language in its snapshot.
func TestTeachLangInChildGosh(t *testing.T) {
	out, errOut, status := runGosh(t, "", "-c", "set -o lang=ko; (help cd) & wait")
	if status != 0 || errOut != "" || !strings.Contains(out, cdKorean) {
		t.Errorf("(help cd) & after set -o lang=ko: status %d, stderr %q:\n%s", status, errOut, out)
	}
}

// The trace follows set -o lang at once, in the shell and in a child gosh.
func TestTeachLangTraceFollows(t *testing.T) {
	_, errOut, _ := runGosh(t, "", "-c", "set -o trace; : > a; set -o lang=ko; : > b; (: > c) & wait; set -o lang=en; : > d")
	re := regexp.MustCompile(`open\("(\w)".*\((.*)\)`)
	got := map[string]string{}
	for _, line := range strings.Split(errOut, "\n") {
		if m := re.FindStringSubmatch(line); m != nil {
			got[m[1]] = m[2]
		}
	}
	for file, want := range map[string]string{"a": "a new file gets mode", "b": "새 파일의 모드는", "c": "새 파일의 모드는", "d": "a new file gets mode"} {
		if !strings.Contains(got[file], want) {
			t.Errorf("the trace of : > %s says %q, want %q\n%s", file, got[file], want, errOut)
		}
	}
	// A locale assigned in the shell reaches the trace from the next
	// command on.
	_, errOut, _ = runGosh(t, "", "-c", "set -o trace; : > e\nLANG=ko_KR.UTF-8\n: > f\nLC_ALL=C\n: > g")
	got = map[string]string{}
	for _, line := range strings.Split(errOut, "\n") {
		if m := re.FindStringSubmatch(line); m != nil {
			got[m[1]] = m[2]
		}
	}
	for file, want := range map[string]string{"e": "a new file gets mode", "f": "새 파일의 모드는", "g": "a new file gets mode"} {
		if !strings.Contains(got[file], want) {
			t.Errorf("the trace of : > %s says %q, want %q\n%s", file, got[file], want, errOut)
		}
	}
}

// At a prompt: set -o lang=ko, help, set -o lang=en, help.
func TestTeachLangOptionAtPrompt(t *testing.T) {
	requireGosh(t)
	s := startSession(t, sessionConfig{})
	s.WaitPrompt()
	s.run("set -o lang=ko")
	if out := s.run("help cd"); !strings.Contains(out, cdKorean) {
		t.Errorf("help cd after set -o lang=ko:\n%s", out)
	}
	if out := s.run("set -o | grep lang"); !strings.Contains(out, "ko") {
		t.Errorf("set -o does not list lang ko:\n%s", out)
	}
	s.run("set -o lang=en")
	if out := s.run("help cd"); !strings.Contains(out, cdEnglish) {
		t.Errorf("help cd after set -o lang=en:\n%s", out)
	}
}
