package builtins

// summaryKo is each builtin's one-line summary in Korean, for `help` in
// Korean (help --lang ko, or a Korean locale). The terms follow the
// course material: 수거, 슬립 상태, 좀비, 고아, 프로세스 그룹, 세션,
// 제어 터미널.
var summaryKo = map[string]string{
	".":        "파일의 명령을 현재 셸에서 실행한다.",
	":":        "아무것도 하지 않고 성공한다.",
	"[":        "조건식을 평가한다(test와 같고, 끝에 ]가 필요하다).",
	"alias":    "별칭을 정의하거나 보여 준다.",
	"bg":       "정지된 작업을 백그라운드에서 계속 실행한다(프로세스 그룹에 SIGCONT).",
	"break":    "for, while, until 반복문을 빠져나간다.",
	"builtin":  "셸 내장 명령을 실행한다.",
	"cd":       "셸의 작업 디렉터리를 바꾼다.",
	"command":  "별칭과 함수를 건너뛰고 명령을 실행한다.",
	"continue": "반복문의 다음 차례로 넘어간다.",
	"declare":  "변수의 값과 속성을 정한다.",
	"dirs":     "디렉터리 스택을 보여 준다.",
	"disown":   "작업 테이블에서 작업을 뺀다(셸이 끝날 때 SIGHUP을 보내지 않는다).",
	"echo":     "인자를 표준 출력에 쓴다.",
	"eval":     "인자를 셸 명령으로 실행한다.",
	"exec":     "셸을 프로그램으로 바꾸거나(execve), 셸의 fd를 바꾼다.",
	"exit":     "셸을 끝낸다.",
	"explain":  "명령 줄이 무엇을 할지 실행하지 않고 설명한다.",
	"export":   "변수를 자식 프로세스의 환경에 넣는다.",
	"false":    "실패 상태를 돌려준다.",
	"fc":       "히스토리의 명령을 보여 주거나 다시 실행한다.",
	"fg":       "작업을 포그라운드로 옮긴다(제어 터미널을 넘기고 SIGCONT).",
	"getopts":  "옵션 인자를 해석한다.",
	"hash":     "프로그램 위치를 기억하거나 보여 준다.",
	"help":     "내장 명령과 주제를 설명한다.",
	"history":  "히스토리 목록을 보여 주거나 고친다.",
	"jobs":     "셸의 작업과 그 상태를 보여 준다.",
	"kill":     "프로세스나 작업에 시그널을 보낸다.",
	"lab":      "gosh가 실제로 관찰한 것으로 확인하는 실습.",
	"let":      "산술식을 계산한다.",
	"local":    "함수의 지역 변수를 정한다.",
	"nohup":    "SIGHUP을 무시한 채 명령을 실행한다.",
	"popd":     "디렉터리 스택에서 디렉터리를 뺀다.",
	"printf":   "FORMAT에 맞춰 인자를 출력한다.",
	"procs":    "셸의 세션에 있는 프로세스를 프로세스 그룹, 상태와 함께 보여 준다.",
	"ptree":    "셸(또는 PID) 아래의 프로세스 트리를 보여 준다.",
	"pushd":    "디렉터리 스택에 디렉터리를 넣는다.",
	"pwd":      "현재 작업 디렉터리를 출력한다.",
	"read":     "표준 입력에서 한 줄을 읽어 변수에 나눠 넣는다.",
	"readonly": "변수를 읽기 전용으로 만든다.",
	"return":   "함수나 source한 파일에서 돌아간다.",
	"set":      "셸 옵션과 위치 매개변수를 정한다.",
	"shift":    "위치 매개변수를 왼쪽으로 민다.",
	"shopt":    "셸 선택 옵션을 켜고 끈다.",
	"source":   "파일의 명령을 현재 셸에서 실행한다(.과 같다).",
	"test":     "조건식을 평가한다.",
	"timeline": "작업의 일생을 그린다: 프로세스마다 한 줄기, 시간은 아래로.",
	"times":    "셸과 자식들이 쓴 CPU 시간을 보여 준다.",
	"trap":     "시그널이 오거나 셸이 끝날 때 실행할 명령을 정한다.",
	"true":     "성공 상태를 돌려준다.",
	"type":     "이름이 무엇으로 해석되는지 보여 준다.",
	"typeset":  "변수의 값과 속성을 정한다(declare와 같다).",
	"ulimit":   "셸의 자원 제한을 바꾼다.",
	"umask":    "파일 생성 마스크를 보여 주거나 정한다.",
	"unalias":  "별칭을 지운다.",
	"unset":    "셸 변수를 지운다.",
	"wait":     "백그라운드 작업이 끝나기를 기다리고 종료 상태를 수거한다.",
}

// summaryIn is b's summary in lang (English when there is no translation).
func summaryIn(b *Builtin, lang string) string {
	if lang == "ko" {
		if s, ok := summaryKo[b.Name]; ok {
			return s
		}
	}
	return b.Summary
}

// helpKo is the Korean description of the teaching builtins, for
// help --lang ko NAME (or a Korean locale).
var helpKo = map[string]string{
	"procs": `셸의 세션에 있는 프로세스를 /proc에서 읽어 PID PPID PGID SID TPGID
TTY STAT JOB COMMAND 열로 보여 준다("ps -o pid,ppid,pgid,sid,tpgid,tty,stat,cmd"와
같다). JOB은 셸의 작업에 속한 프로세스의 작업 번호([1])다.
STAT은 커널의 상태 문자(R 실행, S 슬립 상태, D, Z 좀비, T 정지, t, X)이고,
세션 리더에는 "s", 제어 터미널의 포그라운드 프로세스 그룹에는 "+"가 붙는다.
-a  세션만이 아니라 현재 사용자의 모든 프로세스를 보여 준다
-e  표 뒤에 모든 열과 상태 문자를 설명한다
--watch  0.5초마다(--interval 초) 제자리에서 다시 그린다. q나 Ctrl+C로 끝낸다.
     지난번 이후 상태, 프로세스 그룹, 제어 터미널 소유가 바뀐 프로세스는
     강조되고 바뀐 내용이 붙는다(S→T, fg→bg, new)
--session PID  이 셸 대신 프로세스 PID의 세션을 보여 준다(다른 터미널의 gosh)
--lang en|ko  -e의 언어(기본: LC_ALL, LC_MESSAGES, LANG)
procs는 셸 안에서 실행되므로 자기 목록에 나오지 않는다. 긴 명령 줄은 터미널
폭에 맞게 …로 자른다.`,
	"ptree": `셸(또는 PID) 아래의 프로세스를 /proc/PID/task/*/children에서 읽어
트리로 그린다. 각 줄은 pid, 상태(procs와 같은 R S D Z T t X, s와 +),
프로세스 그룹, 명령을 보여 주고, 작업에 속한 프로세스 뒤에는 작업 번호 [N]이
붙는다. 한 파이프라인의 프로세스는 프로세스 그룹을 함께 쓰는 형제이며,
그룹 번호가 달린 괄호로 묶인다. 좀비에는 <defunct>가 붙는다.
줄은 터미널 폭에 맞게 …로 자른다.
--watch  0.5초마다(--interval 초) 제자리에서 다시 그리고, 상태, 프로세스 그룹,
     제어 터미널 소유가 바뀐 프로세스를 바뀐 내용(S→T, fg→bg)과 함께 강조한다
--session PID  PID(다른 터미널의 gosh) 아래의 트리를 그린다`,
	"explain": `COMMAND-LINE을 해석해서 gosh가 무엇을 할지 아무것도 실행하지 않고
설명한다: 구조, 각 단어에 적용될 확장, 만들어질 프로세스와 그 프로세스 그룹,
파이프와 리다이렉션이 각 프로세스의 파일 디스크립터를 연결하는 방식(pipe2,
open, 그리고 자식이 clone과 execve 사이에 하는 dup3를 지금 셸이 받을 번호로),
셸 안에서 실행되는 내장 명령, 작업이 포그라운드(제어 터미널을 가짐)인지
백그라운드인지.
줄 전체를 따옴표로 감싸자. 그러지 않으면 explain이 보기 전에 셸이 파이프와
리다이렉션을 실행한다:  explain 'ls *.txt | wc -l > n &'`,
	"lab": `작업 제어, 파이프, 시그널, 좀비, 세션을 단계별로 실습한다. gosh는 입력한
글자가 아니라 실제로 관찰한 것(작업 테이블의 사건, 실행된 내장 명령, /proc의
프로세스 상태, trace)으로 각 단계를 확인하고, 명령의 출력과 작업 보고 뒤에
"✔ 실습: N단계 완료"를 표준 에러에 출력한다.
  lab list        실습 목록
  lab start 이름  실습을 첫 단계부터 시작
  lab status      단계, 끝난 단계, 다음에 할 일
  lab report [파일]  실행 기록(단계, 관찰한 것, 걸린 시간)을 Markdown으로
                  새 파일에 쓴다(덮어쓰지 않는다). 기본 gosh-lab-이름-시각.md
  lab reset       현재 실습을 첫 단계부터 다시
  lab stop        현재 실습을 멈춘다
  lab load 파일   실습 파일을 읽는다(형식: builtins/labs/README.md)
--lang en|ko  글의 언어(기본: LC_ALL, LC_MESSAGES, LANG)
실습은 작은 도우미 프로그램(zombie, orphan, intignore, spin, waitstatus,
daemon)을 쓴다. gosh 소스에서 go install ./cmd/...로 빌드하면
$(go env GOPATH)/bin(보통 ~/go/bin)에 설치되니 그 디렉터리를 PATH에 넣자.`,
	"timeline": `작업 N(기본: 가장 최근 작업)에 대해 셸이 본 것을 줄기로 그린다. 셸의 줄기
하나와 프로세스마다(실제 pid) 줄기 하나, 시간은 작업의 시작부터 아래로 흐른다:
fork+exec와 setpgid, 작업으로의 tcsetpgrp와 셸로 돌아오는 tcsetpgrp, 시그널과
함께 기록된 정지, 보낸 시그널, 계속, 상태와 함께 종료나 죽음(wait4가 수거한
순간). 실행 중, 정지, 끝난 작업 모두 되고, 셸은 최근 10개 작업의 사건을
기억한다. 그림은 터미널 폭에 맞고, 터미널이 허락하면 색을 쓴다.`,
}
