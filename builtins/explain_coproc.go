package builtins

import (
	"gosh/jobs"
	"gosh/parser"
)

// coproc describes "coproc [NAME] command": where its command runs is
// the shell's one rule's answer (Shell.Decide), as for "command &"; the
// rest is what the shell does around it (shell/coproc.go).
func (e *explainer) coproc(c *parser.Coproc) {
	name := c.NameText()
	body := parser.String(c.Body)
	e.printf(jobs.Msg{
		En: "Structure: a coprocess (coproc) named %s, running: %s\n",
		Ko: "구조: 이름이 %s인 코프로세스(coproc). 실행하는 것: %s\n",
	}, name, body)
	d := e.sh.Decide(c, Site{Background: true})
	e.printf(jobs.Msg{
		En: "Where: it runs %s, because %s.\n",
		Ko: "어디서: %s 실행한다. 까닭: %s.\n",
	}, d.Place.Words(), d.Reason)
	e.printf(jobs.Msg{
		En: "Steps:\n" +
			"  1. The shell makes two pipes (pipe2 with O_CLOEXEC): one for the coprocess's output, one for its input.\n" +
			"  2. It starts the coprocess as a background job (%s), with fd 1 the write end of the first pipe and\n" +
			"     fd 0 the read end of the second, before the command's own redirections; then it closes those two ends.\n" +
			"  3. It keeps the other two ends as its fds ${%s[0]} (read what the coprocess writes; 63 when free) and\n" +
			"     ${%s[1]} (write what it reads; 60 when free), close-on-exec: no program gets them unless a\n" +
			"     redirection names them (\"echo hi >&${%s[1]}\", \"read -u ${%s[0]}\"); a subshell does not keep them.\n" +
			"  4. It sets %s=(readfd writefd), %s_PID and $! to the coprocess's pid, and does not wait: jobs, fg, wait\n" +
			"     and kill %%N see the job; the status is 0.\n" +
			"  5. The coprocess sees end-of-file when the shell closes ${%s[1]} (exec {%s[1]}>&-). When it has ended,\n" +
			"     the shell, at its next command, closes both fds and unsets %s and %s_PID, even if output is left unread.\n",
		Ko: "단계:\n" +
			"  1. 셸이 파이프 두 개를 만든다(O_CLOEXEC를 준 pipe2): 하나는 코프로세스의 출력, 하나는 입력용이다.\n" +
			"  2. 코프로세스를 백그라운드 작업으로 시작한다(%s). fd 1은 첫 파이프의 쓰는 끝, fd 0은 둘째 파이프의\n" +
			"     읽는 끝이며, 명령 자신의 리다이렉션은 그 뒤에 적용된다. 그다음 셸은 그 두 끝을 닫는다.\n" +
			"  3. 나머지 두 끝은 셸의 fd ${%s[0]}(코프로세스가 쓴 것을 읽는다. 비어 있으면 63)과 ${%s[1]}(코프로세스가\n" +
			"     읽을 것을 쓴다. 비어 있으면 60)로 남는다. close-on-exec: 리다이렉션이 가리키지 않으면 어떤 프로그램도\n" +
			"     받지 않는다(\"echo hi >&${%s[1]}\", \"read -u ${%s[0]}\"). 서브셸도 가지지 않는다.\n" +
			"  4. %s=(읽는fd 쓰는fd), %s_PID, $!를 코프로세스의 pid로 정하고 기다리지 않는다: jobs, fg, wait, kill %%N이\n" +
			"     이 작업을 본다. 상태는 0이다.\n" +
			"  5. 셸이 ${%s[1]}을 닫으면(exec {%s[1]}>&-) 코프로세스는 파일 끝을 본다. 코프로세스가 끝나면 셸은 다음\n" +
			"     명령에서 두 fd를 닫고 %s와 %s_PID를 지운다. 읽지 않은 출력이 남아 있어도 그렇다.\n",
	}, d.Place.Words(), name, name, name, name, name, name, name, name, name, name)
}
