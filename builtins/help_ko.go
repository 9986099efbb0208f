package builtins

import "gosh/jobs/lazy"

// summaryKo is each builtin's one-line summary in Korean, for `help` in
// Korean (help --lang ko, or a Korean locale). The terms follow the
// course material: 수거, 슬립 상태, 좀비, 고아, 프로세스 그룹, 세션,
// 제어 터미널.
// It is made at its first use, so that starting gosh does not build it.
func summaryKo() map[string]string { return summaryKoValue.Get() }

var summaryKoValue = lazy.Value[map[string]string]{Build: func() map[string]string {
	return map[string]string{
		".":         "파일의 명령을 현재 셸에서 실행한다.",
		":":         "아무것도 하지 않고 성공한다.",
		"[":         "조건식을 평가한다(test와 같고, 끝에 ]가 필요하다).",
		"alias":     "별칭을 정의하거나 보여 준다.",
		"bg":        "정지된 작업을 백그라운드에서 계속 실행한다(프로세스 그룹에 SIGCONT).",
		"break":     "for, while, until 반복문을 빠져나간다.",
		"builtin":   "셸 내장 명령을 실행한다.",
		"cd":        "셸의 작업 디렉터리를 바꾼다.",
		"command":   "별칭과 함수를 건너뛰고 명령을 실행한다.",
		"continue":  "반복문의 다음 차례로 넘어간다.",
		"declare":   "변수의 값과 속성을 정한다.",
		"dirs":      "디렉터리 스택을 보여 준다.",
		"disown":    "작업 테이블에서 작업을 뺀다(셸이 끝날 때 SIGHUP을 보내지 않는다).",
		"echo":      "인자를 표준 출력에 쓴다.",
		"eval":      "인자를 셸 명령으로 실행한다.",
		"exec":      "셸을 프로그램으로 바꾸거나(execve), 셸의 fd를 바꾼다.",
		"exit":      "셸을 끝낸다.",
		"explain":   "명령 줄이 무엇을 할지 실행하지 않고 설명한다.",
		"export":    "변수를 자식 프로세스의 환경에 넣는다.",
		"false":     "실패 상태를 돌려준다.",
		"fc":        "히스토리의 명령을 보여 주거나 다시 실행한다.",
		"fg":        "작업을 포그라운드로 옮긴다(제어 터미널을 넘기고 SIGCONT).",
		"getopts":   "옵션 인자를 해석한다.",
		"caller":    "실행 중인 함수가 어디서 호출되었는지 보여 준다.",
		"compgen":   "옵션에 따라 가능한 완성 후보를 보여 준다.",
		"complete":  "명령 인자를 어떻게 완성할지 정한다.",
		"bind":      "Readline 키 바인딩과 변수를 설정한다.",
		"mapfile":   "표준 입력의 줄들을 인덱스 배열로 읽는다.",
		"readarray": "표준 입력의 줄들을 인덱스 배열로 읽는다.",
		"hash":      "프로그램 위치를 기억하거나 보여 준다.",
		"enable":    "셸 내장 명령을 켜거나 끈다.",
		"compopt":   "완성 옵션을 바꾸거나 보여 준다.",
		"suspend":   "셸의 실행을 멈춘다.",
		"logout":    "로그인 셸을 끝낸다.",
		"help":      "내장 명령과 주제를 설명한다.",
		"history":   "히스토리 목록을 보여 주거나 고친다.",
		"jobs":      "셸의 작업과 그 상태를 보여 준다.",
		"kill":      "프로세스나 작업에 시그널을 보낸다.",
		"lab":       "gosh가 실제로 관찰한 것으로 확인하는 실습.",
		"let":       "산술식을 계산한다.",
		"local":     "함수의 지역 변수를 정한다.",
		"nohup":     "SIGHUP을 무시한 채 명령을 실행한다.",
		"popd":      "디렉터리 스택에서 디렉터리를 뺀다.",
		"printf":    "FORMAT에 맞춰 인자를 출력한다.",
		"procs":     "셸의 세션에 있는 프로세스를 프로세스 그룹, 상태와 함께 보여 준다.",
		"ptree":     "셸(또는 PID) 아래의 프로세스 트리를 보여 준다.",
		"pushd":     "디렉터리 스택에 디렉터리를 넣는다.",
		"pwd":       "현재 작업 디렉터리를 출력한다.",
		"read":      "표준 입력에서 한 줄을 읽어 변수에 나눠 넣는다.",
		"readonly":  "변수를 읽기 전용으로 만든다.",
		"return":    "함수나 source한 파일에서 돌아간다.",
		"set":       "셸 옵션과 위치 매개변수를 정한다.",
		"shift":     "위치 매개변수를 왼쪽으로 민다.",
		"shopt":     "셸 선택 옵션을 켜고 끈다.",
		"source":    "파일의 명령을 현재 셸에서 실행한다(.과 같다).",
		"test":      "조건식을 평가한다.",
		"timeline":  "작업의 일생을 그린다: 프로세스마다 한 줄기, 시간은 아래로.",
		"times":     "셸과 자식들이 쓴 CPU 시간을 보여 준다.",
		"trap":      "시그널이 오거나 셸이 끝날 때 실행할 명령을 정한다.",
		"true":      "성공 상태를 돌려준다.",
		"type":      "이름이 무엇으로 해석되는지 보여 준다.",
		"typeset":   "변수의 값과 속성을 정한다(declare와 같다).",
		"ulimit":    "셸의 자원 제한을 바꾼다.",
		"umask":     "파일 생성 마스크를 보여 주거나 정한다.",
		"unalias":   "별칭을 지운다.",
		"unset":     "셸 변수를 지운다.",
		"wait":      "백그라운드 작업이 끝나기를 기다리고 종료 상태를 수거한다.",
	}
}}

// summaryIn is b's summary in lang (English when there is no translation).
func summaryIn(b *Builtin, lang string) string {
	if lang == "ko" {
		if s, ok := summaryKo()[b.Name]; ok {
			return s
		}
	}
	return b.Summary
}
