package builtins

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/sys/unix"

	"gosh/jobs"
)

// A lab speaks the shell's language: after set -o lang=ko its ticks, its
// status and its report are Korean; lab --lang en changes one command only.
func TestLabSpeaksTheShellsLanguage(t *testing.T) {
	sh := newFake(t)
	lab, err := ParseLab("t.lab", sampleLab)
	if err != nil {
		t.Fatal(err)
	}
	var out syncWriter
	r := startLab(sh, lab, "en", &out)
	defer stopLab()
	if res := run(t, sh, "", "set", "-o", "lang=ko"); res.status != 0 {
		t.Fatalf("set -o lang=ko: %d %s", res.status, res.errOut)
	}
	r.event(jobs.Event{Kind: jobs.EvStopped, Job: 1, Pid: 4242, Pgid: 4242, Signal: unix.SIGTSTP, Status: 148, Text: "sleep 100"})
	if got := out.String(); !strings.Contains(got, "✔ 실습: 1단계 완료: sleep 후 Ctrl+Z.") || !strings.Contains(got, "2/2단계") {
		t.Errorf("the tick after set -o lang=ko is not Korean:\n%s", got)
	}
	if res := run(t, sh, "", "lab", "--lang", "en", "status"); !strings.Contains(res.out, "1 of 2 steps done") {
		t.Errorf("lab --lang en status:\n%s", res.out)
	}
	if res := run(t, sh, "", "lab", "status"); !strings.Contains(res.out, "1/2단계 완료") {
		t.Errorf("lab status after lab --lang en status is not Korean again:\n%s", res.out)
	}
	res := run(t, sh, "", "lab", "report", "r.md")
	if res.status != 0 || !strings.Contains(res.out, "보고서를 r.md에 썼다") {
		t.Fatalf("lab report: status %d, %q %q", res.status, res.out, res.errOut)
	}
	data, err := os.ReadFile(filepath.Join(sh.wd, "r.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"# gosh 실습 보고서: 멈추고 계속하기 (sample)", "- 끝낸 단계: 1/2", "| 단계 | 끝난 시각 | 걸린 시간 | 관찰한 것 |",
		"| 1. sleep 후 Ctrl+Z. | ", "| 2. fg, then Ctrl+C. | 진행 중, ",
	} {
		if !strings.Contains(string(data), want) {
			t.Errorf("the Korean report lacks %q:\n%s", want, data)
		}
	}
	if res := run(t, sh, "", "lab", "report", "r.md"); !strings.Contains(res.errOut, "파일이 이미 있다") {
		t.Errorf("second report, in Korean: %q", res.errOut)
	}
	if res := run(t, sh, "", "lab", "start", "nosuch"); !strings.Contains(res.errOut, "nosuch: 그런 실습이 없다") {
		t.Errorf("lab start nosuch, in Korean: %q", res.errOut)
	}
}
