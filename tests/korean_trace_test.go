package tests

import (
	"regexp"
	"strings"
	"testing"
)

// hangul matches a Korean syllable.
var hangul = regexp.MustCompile(`[가-힣]`)

// With LANG=ko_KR.UTF-8 every line of the trace is Korean: who made the
// step (셸, 자식, 자식 gosh with its role) and what it is for; the system
// calls themselves are written as strace writes them. explain speaks
// Korean too. With LANG=C the same run is English.
func TestKoreanTraceAndExplain(t *testing.T) {
	script := "set -o trace\n" +
		"ls /nonexistent 2>&1 >out\n" +
		"( echo sub ) &\n" +
		"wait\n" +
		"echo x | read y\n" +
		"trap 'echo got' USR1\n" +
		"trap - USR1\n" +
		"set +o trace\n" +
		"explain 'ls *.txt | wc -l > n &'\n"
	ko, koErr, _ := runShell(t, shellRun{Args: []string{"-c", script}, Env: []string{"LANG=ko_KR.UTF-8"}})
	en, enErr, _ := runShell(t, shellRun{Args: []string{"-c", script}, Env: []string{"LANG=C"}})

	var lines int
	for _, line := range strings.Split(koErr, "\n") {
		line = strings.TrimPrefix(line, "\x1b[2m")
		if !strings.HasPrefix(line, "trace· ") {
			continue
		}
		lines++
		who, text, ok := strings.Cut(strings.TrimPrefix(line, "trace· "), ": ")
		if !ok {
			t.Errorf("a trace line without its author: %q", line)
			continue
		}
		if !strings.HasPrefix(who, "셸 ") && !strings.HasPrefix(who, "자식 ") {
			t.Errorf("the author is not Korean: %q", line)
		}
		if strings.HasPrefix(who, "자식 gosh") && !strings.Contains(who, "서브셸") && !strings.Contains(who, "작업") && !strings.Contains(who, "단계") {
			t.Errorf("a child gosh without its role: %q", line)
		}
		// A step's explanation is Korean; a bare system call (execve,
		// chdir, fork+exec: pid ...) has none to translate.
		bare := strings.HasPrefix(text, "execve(") || strings.HasPrefix(text, "fork+exec: pid ") || strings.HasPrefix(text, "chdir(")
		if !bare {
			if !hangul.MatchString(text) {
				t.Errorf("an English explanation in the Korean trace: %q", line)
			}
		}
	}
	if lines < 20 {
		t.Fatalf("only %d trace lines in Korean; stderr:\n%s", lines, koErr)
	}
	for _, want := range []string{"수거했다: 좀비가 사라졌다", "백그라운드 작업인 서브셸 ( echo sub ) 실행", "ForkExec의 오류 파이프", "trap: SIGUSR1: 기본 동작으로 돌아간다"} {
		if !strings.Contains(koErr, want) {
			t.Errorf("the Korean trace does not say %q:\n%s", want, koErr)
		}
	}
	for _, want := range []string{"구조: 명령 2개의 파이프라인", "프로세스:", "제어 터미널과 기다림:", "백그라운드"} {
		if !strings.Contains(ko, want) {
			t.Errorf("explain in Korean does not say %q:\n%s", want, ko)
		}
	}
	if hangul.MatchString(enErr) || hangul.MatchString(en) {
		t.Errorf("LANG=C: Korean in the output:\n%s\n%s", en, enErr)
	}
	if !strings.Contains(enErr, "reaped: its zombie is gone") || !strings.Contains(en, "Structure: a pipeline of 2 commands") {
		t.Errorf("LANG=C: the English trace or explain is missing:\n%s\n%s", en, enErr)
	}
}
