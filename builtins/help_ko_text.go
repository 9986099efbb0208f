package builtins

import "gosh/jobs/lazy"

// helpKo is the Korean description of every builtin, for help --lang ko
// NAME, set -o lang=ko or a Korean locale: the counterpart of each
// Builtin's Help, line for line where the English has a table. A test
// (TestEveryBuiltinHasKoreanHelp) fails when a builtin has no entry here.
// The terms follow the course material: 수거, 슬립 상태, 좀비, 고아,
// 프로세스 그룹, 세션, 제어 터미널, 포그라운드/백그라운드.
// It is made at its first use, so that starting gosh does not build it.
func helpKo() map[string]string { return helpKoValue.Get() }

var helpKoValue = lazy.Value[map[string]string]{Build: func() map[string]string {
	return map[string]string{
		".":      helpKoSource,
		"source": helpKoSource,
		":": `인자를 확장하고 리다이렉션을 수행하는 것 말고는 아무것도 하지 않는다.
종료 상태는 0이다. ": > 파일"은 파일을 비운다.`,
		"[":    helpKoTest + "\n마지막 인자는 [를 닫는 글자 그대로의 ]여야 한다.",
		"test": helpKoTest,
		"alias": `NAME=VALUE로 NAME을 별칭으로 만든다: NAME이 명령의 첫 단어이면 셸이
나머지를 해석하기 전에 NAME을 VALUE로 바꾼다. VALUE가 공백으로 끝나면
다음 단어도 별칭 확장 대상이 된다.
NAME만 주면 그 별칭을, 인자가 없으면(또는 -p) 모든 별칭을 다시 정의하는
alias 명령의 형태로 보여 준다.
별칭은 셸의 파서가 확장하므로 이 셸 안에만 있다: 스크립트나 자식
프로세스는 별칭을 보지 못한다.`,
		"unalias": `별칭 NAME을 각각 지운다. -a는 모든 별칭을 지운다.
"command NAME"이나 "\NAME"은 별칭을 지우지 않고 건너뛴다.`,
		"bg": `정지된 JOBSPEC(기본: 현재 작업)을 백그라운드에서 계속 실행한다. 작업의
프로세스 그룹에 SIGCONT를 보내므로 처음부터 &로 시작한 것과 같다.
제어 터미널은 셸에게 남으므로, 터미널에서 읽으려는 작업은 다시
정지된다(SIGTTIN).`,
		"bind": `줄 편집기의 키를 묶고 변수를 ~/.inputrc의 줄처럼 설정한다.
  bind '"\e[A": history-search-backward'   키를 함수에 묶는다
  bind 'Control-u: kill-whole-line'        키를 이름으로 쓴다
  bind '"\C-xq": "some text"'              글을 입력하는 키(매크로)
  bind -x '"\C-o": command'                셸 명령을 실행하는 키: 줄은
                   READLINE_LINE에, 커서(바이트 위치)는 READLINE_POINT에
                   있고 명령이 둘 다 바꿀 수 있다; 그러고 나면 프롬프트가
                   새 줄에 그 줄과 함께 다시 나온다
  bind 'set completion-ignore-case on'     변수
옵션:
  -l        gosh 편집기가 할 수 있는 함수(묶을 수 있는 것은 이것뿐)
  -p, -P    함수마다 그 키를, 입력 줄로 또는 글로
  -s, -S    글을 입력하는 키(매크로);  -X  bind -x로 묶은 키
  -v, -V    변수와 그 값
  -q NAME   함수 NAME의 키;  -u NAME  그 키를 모두 풀기
  -r KEYS   키 시퀀스 하나를 풀기;  -f FILE  FILE을 초기화 파일로 읽기
  -m KEYMAP emacs, emacs-standard...: 키는 emacs 키 맵에만 묶인다;
            vi 키 맵(set -o vi)은 편집기 자신의 키를 그대로 쓴다
키: "\e[A", "\C-x\C-r", "\M-f"(ESC f), "\t", "\177", 또는 이름:
Control-u, Meta-b, TAB, RET, DEL, ESC, SPC. 더 긴 바인딩의 앞부분인 시퀀스는
다음 키를 기다린다. 함수는 bind -l을 보라. complete, menu-complete,
possible-completions는 모두 Tab과 같다(공통 부분을 채우거나 이름을 보여
주고, Tab을 다시 누르면 하나씩 고른다); Ctrl+D가 아닌 키의 delete-char는
셸을 끝내지 않는다.
gosh가 따르는 변수: completion-ignore-case, show-all-if-ambiguous,
bell-style(none; visible도 소리를 내지 않는다; audible), mark-directories,
mark-symlinked-directories, comment-begin, enable-bracketed-paste,
editing-mode, keymap. 목록을 보여 주는 모양만 정하는 변수
(completion-query-items, page-completions, horizontal-scroll-mode,
colored-stats...)는 받아서 보여 주기만 하고 아무것도 바꾸지 않는다. 편집기가
한 가지로만 동작하는 변수(input-meta on, convert-meta off...)는 그 값만 받고
다른 값은 메시지와 함께 상태 1로 거부한다. gosh 편집기가 할 수 없는 함수에
키를 묶는 것도 그렇다. 모르는 변수는 bash처럼 알리고 상태는 0이다.
대화형 셸은 줄 편집기가 시작할 때(또는 그보다 먼저 bind가 실행되면 그때)
$INPUTRC, 없으면 ~/.inputrc, 없으면 /etc/inputrc를 읽는다: $if
mode=emacs|vi, term=NAME, version >= N, Bash 또는 gosh(둘 다 참), $else,
$endif, $include. 따를 수 없는 줄은 시작할 때 한 번, 파일과 줄 번호와 나머지
줄의 개수와 함께 알린다(bind -f FILE이 모두 보여 준다).`,
		"break": `가장 안쪽의 for, while, until 반복문을 빠져나간다. N을 주면 안쪽부터
N겹의 반복문을 빠져나간다(N >= 1). 반복문은 셸 자신이 실행하므로 break에는
프로세스가 필요 없다: 반복이 그냥 멈춘다.`,
		"continue": `가장 안쪽 for, while, until 반복문의 다음 차례로 넘어간다. N을 주면
바깥쪽으로 N번째 반복문의 다음 차례로 넘어간다(N >= 1).`,
		"builtin": `같은 이름의 함수가 가리고 있어도 내장 명령 SHELL-BUILTIN을 ARG와 함께
실행한다: cd라는 함수는 마지막에 "builtin cd "$@""로 진짜 일을 시킬 수 있다.`,
		"caller": `EXPR이 없으면 "줄 파일"을 출력한다: 실행 중인 함수를 호출한 곳의 줄과
파일이다. EXPR로 숫자 N을 주면 스택을 N단계 올라간 호출의 "줄 함수 파일"을
출력한다(0은 실행 중인 함수의 호출, 함수는 그 호출을 한 함수이고 맨 위는
"main"). 디버거와 오류 처리기는 상태가 1이 될 때까지 caller 0, caller 1,
...로 스택을 거슬러 올라간다.
함수 밖이거나 N이 스택보다 깊으면 상태는 1이다.`,
		"cd": `셸의 현재 작업 디렉터리를 DIR로 바꾼다. DIR이 없으면 $HOME으로 간다.
"cd -"는 $OLDPWD로 돌아가고 새 디렉터리를 출력한다.
상대 경로 DIR은 $CDPATH의 각 디렉터리에서도 찾는다.
-L은 심볼릭 링크를 논리적으로 따른다(기본). -P는 링크를 먼저 풀어 낸다.
-P와 함께 -e를 주면, 옮긴 뒤 새 디렉터리의 이름을 알 수 없을 때 cd가
실패한다(상태 1). (확장 속성용 -@는 리눅스에서 거절한다.)
cd는 내장 명령이어야 한다: 자식 프로세스가 자기 디렉터리를 바꿔 봐야 셸은
제자리에 남는다. PWD와 OLDPWD가 갱신된다.`,
		"command": `별칭을 무시하고 COMMAND를 ARG와 함께 실행한다: 내장 명령과 $PATH의
프로그램만 찾는다. ls가 별칭이어도 "command ls"는 진짜 ls를 실행한다.
-v  COMMAND를 어떻게 찾을지 출력한다: 경로, 내장 명령이나 키워드면 이름,
    별칭이면 그 정의
-V  type처럼 COMMAND를 말로 설명한다
-p  기본 PATH(/bin:/usr/bin)에서 찾는다. $PATH가 무엇이든 표준 유틸리티를
    찾을 수 있고, 그렇게 찾은 프로그램은 그 경로로 실행된다`,
		"compgen": `WORD의 완성 후보를 한 줄에 하나씩 출력한다(WORD가 없으면 전부).
-W WORDLIST  WORDLIST의 단어 중 WORD로 시작하는 것
-A ACTION    WORD로 시작하는 어떤 종류의 이름(help complete 참고).
             -a 별칭, -b 내장 명령, -c 명령, -d 디렉터리, -e export된 변수,
             -f 파일, -g 그룹, -j 작업, -k 키워드, -s 서비스, -u 사용자,
             -v 변수
-G PATTERN   PATTERN에 맞는 파일 이름
-F FUNCTION  FUNCTION을 실행한다. 그 함수가 COMPREPLY에 남긴 단어들
-C COMMAND   COMMAND를 실행한다. 그 명령이 출력한 각 줄
-X FILTER    FILTER에 맞는 후보를 뺀다(앞에 '!'가 있으면 맞는 것만
             남긴다)
-P PREFIX, -S SUFFIX  각 후보의 앞과 뒤에 붙인다
-o OPTION    dirnames와 default는 아무것도 맞지 않을 때 디렉터리와 파일
             이름을 더하고, plusdirs는 늘 디렉터리 이름을 더한다
맞는 것이 없으면 상태는 1이다.`,
		"complete": `Tab이 각 명령 NAME의 인자를 어떻게 완성할지 정한다.
-W WORDLIST  WORDLIST의 단어(Tab을 누를 때 확장된다)
-F FUNCTION  COMP_WORDS, COMP_CWORD, COMP_LINE, COMP_POINT를 설정하고
             $1 $2 $3에 명령, 완성할 단어, 그 앞 단어를 주어 FUNCTION을
             실행한다. 함수가 COMPREPLY에 넣은 단어가 후보다
-A ACTION    어떤 종류의 이름: alias arrayvar builtin command directory
             disabled enabled export file function group helptopic
             hostname job keyword running service setopt shopt signal
             stopped user variable (-a -b -c -d -e -f -g -j -k -s -u -v는
             그중 일부의 짧은 형태)
-G PATTERN, -C COMMAND, -X FILTER, -P PREFIX, -S SUFFIX, -o OPTION:
             compgen과 같다(help compgen)
-p  (각 NAME의, 또는 모든) 명세를 complete 명령으로 출력한다
-r  각 NAME의 명세를 지운다(NAME이 없으면 전부)
-D, -E, -I  명세가 없는 명령, 빈 줄, 명령 단어 자체의 명세(저장하고
            출력한다. Tab은 -D만 쓴다)
출력하거나 지울 명세가 없는 NAME이 있으면 상태는 1이다.`,
		"declare": helpKoDeclare,
		"typeset": helpKoDeclare,
		"dirs": `디렉터리 스택을 보여 준다: 현재 디렉터리가 먼저, 그다음 pushd가 저장한
디렉터리들. 홈 디렉터리는 ~로 적는다.
-c  스택을 비운다
-l  홈 디렉터리를 ~ 대신 전체 경로로 적는다
-p  한 줄에 디렉터리 하나
-v  한 줄에 하나씩, 번호와 함께(pushd +N, popd +N의 N)
+N  N번째 항목만 보여 준다.  -N  오른쪽부터 센 N번째`,
		"disown": `각 JOBSPEC(기본: 현재 작업)을 잊는다: 작업이 작업 테이블에서 빠지므로
jobs에 더는 나오지 않고, 셸이 끝날 때 SIGHUP도 받지 않는다. 작업의
프로세스들은 계속 실행된다.
-h  작업을 테이블에 두되 셸이 끝날 때 SIGHUP을 보내지 않는다
-a  모든 작업.  -r  실행 중인 작업만`,
		"echo": `ARG들을 공백으로 이어 쓰고 줄바꿈을 붙인다.
-n  끝의 줄바꿈을 쓰지 않는다
-e  백슬래시 이스케이프를 해석한다: \a \b \c(출력 중단) \e \f \n \r
    \t \v \\ \0nnn(8진수) \xHH(16진수) \uHHHH \UHHHHHHHH
-E  이스케이프를 해석하지 않는다(기본)`,
		"eval": `ARG들을 공백으로 이어 붙인 결과를 셸 입력으로 현재 셸에서 실행한다.
종료 상태는 그 명령의 종료 상태다.`,
		"exec": `fork 없이 execve(2)로 셸 프로세스를 COMMAND로 바꾼다: 프로그램은 셸의
pid, 열린 파일, 프로세스 트리의 자리를 그대로 물려받고, 셸은 사라진다.
COMMAND를 실행할 수 없으면 비대화형 셸은 끝나고(찾지 못하면 127, 실행할 수
없으면 126), 대화형 셸은 남는다.
COMMAND가 없으면 리다이렉션이 셸 자신에 적용된다: "exec 3>log"는 이후의
모든 명령을 위해 fd 3을 연다.
-a NAME  NAME을 프로그램의 argv[0]으로 준다(ps에 보이는 이름)
-c       빈 환경으로 프로그램을 실행한다
-l       login처럼 argv[0] 앞에 대시를 붙인다(로그인 셸)`,
		"exit": `상태 N(256으로 나눈 나머지)으로 셸을 끝낸다.
N이 없으면 마지막으로 실행한 명령의 상태로 끝낸다.
부모 프로세스는 wait(2)로 이 숫자를 종료 코드로 읽는다.`,
		"export": `각 NAME을 셸이 시작하는 프로그램에 넘기도록 표시한다. VALUE를 주면 먼저
대입한다. export된 변수가 execve에 넘겨지는 환경(envp)을 이룬다.
-n은 export 표시를 없앤다. -p(또는 NAME 없음)는 export된 변수를
"declare -x" 명령으로 보여 준다. NAME+=VALUE는 뒤에 덧붙이고,
NAME=(...)는 배열을 대입한다.
-f: 각 NAME은 함수이며, bash처럼 변수 BASH_FUNC_NAME%%에 담아 프로그램에
넘긴다(gosh가 시작한 bash는 그 함수를 가진다). NAME이 없으면 export된
함수를 보여 준다. 서브셸은 어차피 모든 함수를 가진다.`,
		"false": `아무것도 하지 않고 종료 상태 1을 돌려준다.`,
		"true":  `아무것도 하지 않고 종료 상태 0을 돌려준다.`,
		"fc": `히스토리 목록의 명령을 보여 주거나, 고치거나, 다시 실행한다. FIRST와
LAST는 히스토리 번호(음수면 이 명령에서 거꾸로 센 것)이거나 명령의
앞부분(그것으로 시작하는 가장 최근 명령)이다.
-l  명령을 실행하지 않고 보여 준다(FIRST가 없으면 마지막 16개)
    -n  번호 없이.  -r  최근 것부터
-s [PAT=REP] [COMMAND]  COMMAND(기본: 마지막 명령)를 처음 나오는 PAT를
    REP로 바꿔 다시 실행한다. 실행하기 전에 보여 준다
-e ENAME  $FCEDIT, $EDITOR, vi 대신 ENAME으로 편집한다. -e -는 -s와 같다
-l이나 -s가 없으면 명령들을 임시 파일에 써서 편집기를 그 파일로 시작한다.
편집기가 끝났을 때 파일에 있는 내용을 보여 주고 실행한다. 편집기 값은
셸처럼 단어로 나누므로(google/shlex) EDITOR="code -w"도 된다. 실행된
명령이 히스토리에서 fc 명령의 자리를 차지한다.`,
		"fg": `JOBSPEC(기본: 현재 작업)을 포그라운드에서 계속 실행한다: 셸은 제어
터미널을 작업의 프로세스 그룹에 넘기고(tcsetpgrp), 정지 상태였으면
SIGCONT를 보내고, 작업이 끝나거나 정지할 때까지 기다린다.
종료 상태는 작업의 종료 상태다. 작업 제어(set -m)가 필요하다.`,
		"getopts": `스크립트나 함수의 옵션을 반복문 안에서 한 번에 하나씩 해석한다:
  while getopts ab:c opt; do case $opt in ...; esac; done
OPTSTRING은 옵션 글자를 나열한다. 글자 뒤에 ':'가 있으면 인자를 받고,
getopts는 그 인자를 $OPTARG에 넣는다. 호출할 때마다 다음 옵션 글자를
NAME에, 다음에 볼 인자의 번호를 $OPTIND에 넣는다(처음엔 1, 다시
시작하려면 OPTIND=1). 옵션이 아닌 첫 인자나 "--" 뒤에서는 상태가 1이고
NAME은 '?'다. ARG를 주면 위치 매개변수 대신 ARG를 해석한다.
오류: 모르는 옵션이면 NAME은 '?'이고, 인자가 빠져도 그렇다. OPTERR가 0이
아니면 getopts가 메시지를 출력한다. OPTSTRING이 ':'로 시작하면 조용하다:
모르는 옵션은 NAME을 '?', OPTARG를 그 글자로, 빠진 인자는 NAME을 ':',
OPTARG를 그 글자로 정한다.`,
		"logout": `로그인 셸을 상태 N으로 끝낸다. exit와 같다(대화형 셸이면 끝나면서
"logout"이라고 말한다). 로그인 셸이 아닌 셸에서는 오류다: exit를 쓴다.`,
		"suspend": `이 셸을 SIGCONT(이 셸을 시작한 셸의 fg)가 올 때까지 멈춘다: Ctrl+Z가
작업을 멈추듯이 셸 자신의 프로세스 그룹에 SIGSTOP을 보낸다. 작업 제어가
있는 셸만 멈출 수 있고, 아무것도 다시 이어 줄 수 없는 로그인 셸은 안 된다.
-f면 그래도 멈춘다.`,
		"compopt": `각 -o OPTION을 켜고 각 +o OPTION을 끈다. 대상은 각 NAME의 완성 명세,
-D(명세가 없는 명령), -E(빈 줄), -I(명령 단어)의 명세이고, NAME이 없으면
지금 함수(complete -F)가 실행 중인 완성이다(이번 완성에만). -o도 +o도
없으면 옵션들을 compopt 명령으로 출력한다.
옵션은 complete의 것과 같다: bashdefault default dirnames filenames
noquote nosort nospace plusdirs.
NAME에 명세가 없거나, NAME이 없는데 완성 함수가 실행 중이 아니면 상태는 1이다.`,
		"enable": `내장 명령 NAME을 켠다. -n이면 끈다. 꺼진 내장 명령은 명령을 실행할 때
찾지 않는다: "enable -n echo; echo hi"는 셸에 echo가 없는 것처럼 PATH의
echo 프로그램을 실행한다. "builtin NAME"으로도 실행할 수 없고,
"enable NAME"으로 다시 켠다.
NAME이 없으면 켜진 내장 명령을 enable 명령으로 나열한다:
-a  모든 내장 명령을 나열한다(꺼진 것에는 -n을 붙인다)
-n  꺼진 내장 명령만 나열한다
-s  POSIX 특수 내장 명령만 나열한다
-p  나열한다(NAME이 없을 때의 기본)
-f FILE  bash는 C 공유 객체 FILE에서 새 내장 명령을 읽어 들인다. gosh는
    Go 프로그램이라 C 코드를 읽어 들일 수 없어서 늘 실패한다
-d  -f로 읽어 들인 내장 명령을 없앤다: gosh에는 그런 것이 없다
NAME이 내장 명령이 아니면 상태는 1, 아니면 0이다.`,
		"hash": `셸은 PATH 탐색으로 각 프로그램을 어디서 찾았는지와 그 뒤로 몇 번
실행했는지(hits)를 기억해서, 다음 실행 때 탐색을 건너뛴다. NAME이 없으면
그 표를 출력한다.
NAME  지금 PATH에서 NAME을 찾아 위치를 기억한다
-r    모든 위치를 잊는다(예: 프로그램을 옮긴 뒤)
-d    각 NAME의 위치를 잊는다
-t    각 NAME의 기억된 위치를 출력한다
-p PATHNAME  탐색하지 않고 PATHNAME을 각 NAME의 위치로 기억한다
-l    표를 다시 만드는 hash -p 명령들로 출력한다
PATH에 새 값을 주면 셸은 표를 잊는다.`,
		"help": `인자가 없으면 내장 명령을 한 줄 요약과 함께 나열하고, help가 설명할 수
있는 주제도 나열한다. NAME을 주면 그 내장 명령의 사용법과 설명, 또는 그
주제의 글을 출력한다. * ? [ ]가 든 패턴(또는 이름의 앞부분)은 맞는 내장
명령을 모두 보여 준다.
-d  각 NAME의 한 줄 요약만 출력한다
-s  각 NAME의 사용법 줄만 출력한다
--lang en|ko  이 명령 한 번의 언어. 기본은 셸의 언어: set -o lang=ko나
    set -o lang=en으로 정한 것, 정하지 않았으면 로캘(LC_ALL, LC_MESSAGES,
    LANG 순서로 처음 설정된 것)이 "ko"로 시작할 때 한국어`,
		"history": `이 대화형 셸에서 입력한 명령 줄을 번호와 함께 보여 준다. N을 주면 마지막
N개만 보여 준다. 프롬프트에서 위/아래 화살표로 목록을 오가고,
!-참조(!!, !$, !n, ^old^new)로 항목을 다시 쓴다. 스크립트는 set -o history를
켠 뒤 읽는 명령을 기록한다(파일에는 남기지 않는다).
-c          목록을 비운다(파일은 그대로 둔다)
-d OFFSET   OFFSET 항목을 지운다(음수면 끝에서 센다).
            -d START-END는 범위를 지운다
-s ARG...   ARG들을 한 항목으로 저장한다(이 history 명령을 대신한다)
-p ARG...   각 ARG에 히스토리 확장(!!, !n, ...)을 해서 보여 준다(실행하지도
            저장하지도 않는다)
-w [FILE]   목록을 FILE(기본 $HISTFILE)에 써서 내용을 바꾼다
-r [FILE]   FILE을 읽어 그 항목들을 목록 뒤에 붙인다
-a [FILE]   이번 세션의 항목을 FILE 뒤에 붙인다(gosh는 명령을 입력할
            때마다 $HISTFILE에 쓰므로 거기엔 더할 것이 남지 않는다)`,
		"jobs": `이 셸이 시작했고 아직 잊지 않은 작업을 나열한다: [N]은 작업 번호, +는
현재 작업(fg와 bg의 기본값), -는 그 이전 작업이다. 작업 하나는
파이프라인 하나이고, 그 프로세스들은 모두 한 프로세스 그룹에 속한다.
-l  각 프로세스의 pid도 보여 준다
-p  각 작업의 프로세스 그룹 id만 출력한다
-r  실행 중인 작업만.  -s  정지된 작업만
-x COMMAND ARGS  ARGS 중의 각 JOBSPEC을 그 작업의 프로세스 그룹 id로 바꾸고
    COMMAND를 실행한다
JOBSPEC은 %N(작업 N), %+나 %%(현재), %-(이전), %NAME(NAME으로 시작하는
명령), %?TEXT(TEXT가 든 명령)이다.`,
		"kill": `각 PID나 JOBSPEC에 kill(2)로 시그널(기본 SIGTERM)을 보낸다.
작업은 프로세스 그룹을 통해 시그널을 받는다(파이프라인의 모든 프로세스가
한꺼번에). 음수 PID는 프로세스 그룹을 뜻한다.
시그널은 이름(TERM, SIGTERM, term)이나 번호(15)로 준다:
  kill -9 %1    kill -s STOP 1234    kill -INT -1234
정지된 작업에 TERM이나 HUP을 보내면 SIGCONT도 함께 보내서, 작업이 그
시그널에 반응할 수 있게 한다.
kill -l은 시그널을 나열한다. kill -l N은 시그널 N의 이름을 알려 주고,
128보다 큰 상태($?의 130 같은)를 주면 그 상태를 만든 시그널의 이름을
알려 준다.
kill이 내장 명령인 것은 %작업을 알아듣기 위해서이고, 새 프로세스를 만들 수
없을 때에도 쓸 수 있게 하기 위해서다.`,
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
--lang en|ko  글의 언어(기본: set -o lang, 없으면 LC_ALL, LC_MESSAGES, LANG)
실습은 작은 도우미 프로그램(zombie, orphan, intignore, spin, waitstatus,
daemon)을 쓴다. gosh 소스에서 go install ./cmd/...로 빌드하면
$(go env GOPATH)/bin(보통 ~/go/bin)에 설치되니 그 디렉터리를 PATH에 넣자.`,
		"let": `각 ARG를 $((ARG))처럼 산술식으로 계산한다: let "x = y * 2" "n++".
변수에는 $가 필요 없고, 대입은 셸의 변수를 바꾼다. 마지막 ARG의 값이
0이 아니면 상태는 0, 0이거나 식이 잘못되었으면 1이다.`,
		"local": `각 NAME을 실행 중인 함수의 지역 변수로 만들고, VALUE를 주면 대입한다.
그 함수와 함수가 부르는 함수들이 지역 변수를 보고, 함수가 돌아가면 호출한
쪽의 같은 이름 변수가 되돌아온다(bash의 동적 범위). 함수 안에서만 쓸 수
있다. declare의 속성 옵션을 받는다(-a -A -i -n -r -x): local -n out=$1은
out을 호출한 쪽이 이름을 준 변수의 이름 참조로 만든다.`,
		"mapfile":   helpKoMapfile,
		"readarray": helpKoMapfile,
		"nohup": `터미널이 사라져도 살아남도록 COMMAND를 실행한다: COMMAND는 SIGHUP을
무시한 채 시작하고, 무시된 시그널은 execve를 지나도 무시된 채로 남으므로
커널이(그리고 끝나는 셸이) 세션의 작업들에 보내는 SIGHUP에 죽지 않는다.
nohup(1)처럼: 표준 입력이 터미널이면 /dev/null로 바꾸고, 표준 출력이
터미널이면 출력을 nohup.out(또는 $HOME/nohup.out)에 덧붙이며 이 파일은 모드
0600으로 만든다. 표준 에러가 터미널이면 표준 출력과 같은 곳으로 보낸다.
gosh는 nohup을 직접 실행하지만, 작업이 되는 진짜 자식 프로세스로 실행한다:
"nohup cmd &"는 다른 것과 똑같은 백그라운드 작업이고 jobs에 보인다.`,
		"popd": `스택 맨 위의 디렉터리를 빼고 새 맨 위 디렉터리로 이동한다: 마지막 pushd를
한 곳으로 돌아간다. 그다음 스택을 보여 준다.
+N  대신 N번째 항목(dirs가 나열하는 순서로 0부터)을 뺀다.
-N  오른쪽부터 센다
-n  디렉터리는 바꾸지 않고 스택만 바꾼다`,
		"pushd": `DIR로 이동하면서 있던 디렉터리를 스택에 저장해서, popd로 돌아올 수 있게
한다. 그다음 dirs처럼 스택을 보여 준다.
DIR이 없으면 맨 위 두 디렉터리를 맞바꾼다.
+N  스택을 돌려서 N번째 항목(dirs 목록의 왼쪽부터, 0부터)을 맨 위에 놓고
    그리로 이동한다.  -N  오른쪽부터 센다
-n  디렉터리는 바꾸지 않고 DIR을 스택에만 넣는다(현재 디렉터리 다음,
    두 번째 자리)`,
		"printf": `FORMAT을 표준 출력에 쓰되, 각 %-지시자를 다음 ARGUMENT를 그 지시자대로
형식화한 것으로 바꾼다. 인자가 남아 있는 동안 FORMAT을 되풀이해 쓰고,
빠진 인자는 ""나 0으로 친다.
지시자: %s 문자열, %b 백슬래시 이스케이프를 해석한 문자열, %q 셸 입력으로
다시 쓸 수 있게 따옴표를 친 문자열, %c 첫 글자, %d %i 정수, %u 부호 없는
정수, %o 8진수, %x %X 16진수, %e %E %f %F %g %G %a %A 부동소수점,
%(FMT)T 시각 ARGUMENT(1970년부터의 초. -1은 지금, -2는 셸이 시작한 때)를
strftime(3)의 FMT로 형식화, %% 퍼센트 기호.
%와 글자 사이에: 플래그(- 왼쪽 정렬, + 부호, 공백, # 대체 형식, 0 0으로
채우기), 폭, .정밀도. *는 폭이나 정밀도를 다음 인자에서 가져온다.
숫자 ARGUMENT는 10진수, 0x 16진수, 0 8진수, 'c(글자 c의 코드)일 수 있다.
숫자가 아니면 보고하고("invalid number"), 앞부분의 숫자를 쓰며, 상태는 1이다.
FORMAT은 이스케이프 \a \b \e \f \n \r \t \v \\ \" \' \NNN(8진수) \xHH
\uHHHH \UHHHHHHHH를 안다.
-v VAR  출력하지 않고 셸 변수 VAR에 대입한다`,
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
--session PID  이 셸 대신 프로세스 PID의 세션을 보여 준다(다른 터미널의 gosh).
     작업 번호는 작업을 만든 셸의 것이므로 이때 JOB 열은 비어 있다
--lang en|ko  -e의 언어(기본: set -o lang, 없으면 LC_ALL, LC_MESSAGES, LANG)
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
리다이렉션을 실행한다:  explain 'ls *.txt | wc -l > n &'
--lang en|ko  설명의 언어(기본: 셸의 언어. set -o lang, 없으면 LC_ALL,
     LC_MESSAGES, LANG)`,
		"timeline": `작업 N(기본: 가장 최근 작업)에 대해 셸이 본 것을 줄기로 그린다. 셸의 줄기
하나와 프로세스마다(실제 pid) 줄기 하나, 시간은 작업의 시작부터 아래로 흐른다:
fork+exec와 setpgid, 작업으로의 tcsetpgrp와 셸로 돌아오는 tcsetpgrp, 시그널과
함께 기록된 정지, 보낸 시그널, 계속, 상태와 함께 종료나 죽음(wait4가 수거한
순간). 실행 중, 정지, 끝난 작업 모두 되고, 셸은 최근 10개 작업의 사건을
기억한다. 그림은 터미널 폭에 맞고, 터미널이 허락하면 색을 쓴다.`,
		"pwd": `셸의 작업 디렉터리를 출력한다.
-L은 심볼릭 링크가 들어 있을 수 있는 $PWD를 출력한다(기본).
-P는 링크를 모두 풀어 낸 물리적 디렉터리를 출력한다.`,
		"read": `한 줄을 읽어 $IFS로 단어를 나눈다: 첫 단어는 첫 NAME에, 둘째 단어는 둘째
NAME에 들어가고, 마지막 NAME은 줄의 나머지를 받는다. NAME이 없으면 줄 전체가
$REPLY에 들어간다.
-r을 주지 않으면 백슬래시는 다음 글자를 이스케이프한다(백슬래시로 끝나는
줄은 다음 줄과 이어진다).
-a ARRAY   단어들을 인덱스 배열 ARRAY에 원소 하나에 하나씩 넣는다
-d DELIM   줄바꿈 대신 DELIM에서 멈춘다
-e         대화형 셸이 자기 터미널에서 읽을 때, 프롬프트의 줄 편집기(그
           키와 히스토리)로 줄을 읽는다
-i TEXT    -e와 함께, 줄이 고치거나 지울 TEXT로 시작한다
-n NCHARS  NCHARS 글자를 읽으면 멈춘다
-N NCHARS  무엇이든 정확히 NCHARS 글자를 읽어(파일 끝에서만 더 적게) 모두
           첫 NAME에 넣는다
-p PROMPT  터미널에서 읽을 때 먼저 표준 에러에 PROMPT를 출력한다
-s         조용히: 터미널이 입력을 되보여 주지 않는다(비밀번호)
-t SECS    SECS초가 지나면 포기한다(상태 142)
-u FD      파일 디스크립터 FD에서 읽는다
터미널에서 -n과 -s는 read가 도는 동안 터미널 모드를 바꾼다(tcsetattr):
-n은 줄 편집을 꺼서 키가 누르는 즉시 도착하게 하고, -s는 에코를 끈다.
read는 read(2)로 한 번에 한 바이트씩 읽으므로, 줄 뒤에 오는 것은 다음 명령을
위해 파일에 남는다. 파일 끝에서는 상태가 1이다.`,
		"readonly": `각 NAME을 읽기 전용으로 표시하고, VALUE를 주면 먼저 대입한다. 읽기 전용
변수는 셸이 끝날 때까지 다시 대입하거나 unset할 수 없다. -p(또는 NAME
없음)는 읽기 전용 변수를 "declare -r" 명령으로 보여 준다. NAME=(...)은
읽기 전용 배열을 만들고, -a와 -A는 NAME을 인덱스 배열이나 연관 배열로
만든다. -f: 각 NAME은 함수이며, 그 뒤로는 다시 정의하거나 unset할 수 없다.
NAME이 없으면 읽기 전용 함수를 보여 준다.`,
		"return": `실행 중인 함수나 '.'(source)로 실행 중인 파일에서 상태 N으로 돌아간다.
N이 없으면 마지막 명령의 상태로 돌아간다. 함수는 셸 자신 안에서 실행되므로
돌아가기는 셸 안의 점프이지 프로세스의 끝이 아니다.`,
		"set": `인자가 없으면 모든 셸 변수를 출력한다.
-a allexport  대입하는 모든 변수를 export한다
-e errexit    명령이 실패하면 셸을 끝낸다
-u nounset    설정되지 않은 변수를 확장하면 오류다
-x xtrace     각 명령을 실행하기 전에 출력한다
-b notify     끝난 백그라운드 작업을 바로 알린다
-m monitor    작업 제어: 작업마다 자기 프로세스 그룹을 가진다
-C noclobber  '>'가 이미 있는 파일을 덮어쓰지 않는다
-f noglob     경로 이름 확장을 하지 않는다
-H histexpand ! 히스토리 확장(대화형 프롬프트에서 켜짐)
-B braceexpand {a,b}와 {1..5} 중괄호 확장(기본으로 켜짐)
-p privileged  setuid로 시작했을 때의 id를 유지한다. +p는 영구히 버린다
-v verbose    입력 줄을 읽는 대로 출력한다
-n noexec     명령을 읽기만 하고 실행하지 않는다(프롬프트에서는 무시)
-o pipefail   파이프라인의 상태가 마지막으로 실패한 단계의 상태가 된다
-o vi, -o emacs  줄 편집기의 키 맵: vi 키 또는 emacs 키
-o history    명령을 히스토리에 기록한다(프롬프트에서 켜짐)
-o ignoreeof  Ctrl+D로 셸을 떠나지 않는다(IGNOREEOF=10으로 설정)
-o posix      bash의 POSIX 모드($POSIXLY_CORRECT, gosh --posix, sh라는
              이름으로 시작한 gosh와 같다): 특수 builtin의 규칙 등
-o lang=en|ko  가르치는 글(help, 실습, explain, trace)의 언어. +o lang은
              로캘(LC_ALL, LC_MESSAGES, LANG)에 맡긴다
-o NAME은 이름으로 옵션을 켠다(예: -o trace는 셸이 하는 시스템 호출을
설명한다). +o와 +글자는 옵션을 끈다.
"set -o"는 옵션을 나열하고, "set +o"는 옵션을 되살리는 명령을 출력한다.
남은 ARG는 $1 $2 ...가 된다. "set --"는 그것들을 비운다.`,
		"shift": `처음 N개(기본 1)의 위치 매개변수를 버린다: $N+1이 $1이 된다.
N이 $#보다 크면 실패한다.`,
		"shopt": `셸의 선택 동작을 켜거나(-s) 끄거나(-u) 보여 준다.
  dotglob         패턴이 '.'로 시작하는 이름에도 맞는다
  expand_aliases  별칭을 확장한다(대화형 프롬프트에서 켜짐, 스크립트에서
                  꺼짐)
  failglob        아무 파일에도 맞지 않는 패턴은 오류다
  globstar        경로 구성 요소로 홀로 쓴 **가 여러 단계의 디렉터리에
                  맞는다(**/*.c: 아래의 모든 .c 파일)
  nocaseglob      패턴이 대소문자를 가리지 않고 파일 이름에 맞는다
  nullglob        아무 파일에도 맞지 않는 패턴은 그대로 남지 않고
                  사라진다
  histappend      셸이 끝날 때 히스토리 파일이 다른 셸들이 덧붙인 것을
                  지킨다(켜짐: gosh는 명령마다 실행할 때 덧붙인다).
                  꺼짐: bash처럼 끝날 때 이 셸의 목록으로 다시 쓴다
  checkwinsize    COLUMNS와 LINES가 터미널 크기를 따른다(켜짐)
  extglob         확장 패턴 ?(a|b) *(a|b) +(a|b) @(a|b) !(a|b)
                  (shopt 다음 줄부터 읽힌다. [[ ]]의 == != 오른쪽에서는
                  언제나 켜져 있다)
  nocasematch     case, [[ == ]], [[ =~ ]]가 대소문자를 가리지 않는다
  autocd          프롬프트에서 디렉터리 이름만 쓰면 cd를 실행한다
  cdspell         프롬프트에서 cd가 작은 철자 실수를 고친다
  checkjobs       실행 중인 작업이 있으면 exit가 한 번 경고하고 목록을
                  보여 준다
  cmdhist, lithist  여러 줄 명령이 히스토리 항목 하나가 된다(켜짐).
                  lithist는 줄바꿈을 그대로 둔다
  histverify      히스토리 확장으로 바뀐 줄을 실행하기 전에 편집기로
                  돌려준다. histreedit: 확장에 실패한 줄을 돌려준다
  extdebug        declare -F가 함수의 줄과 파일을 보여 준다. 실패한 DEBUG
                  트랩은 명령을 건너뛴다(2면 함수에서 돌아온다).
                  BASH_ARGV, BASH_ARGC. errtrace와 functrace도 함께 켠다
  compat31 .. compat44  $BASH_COMPAT을 그 수준으로 둔다(gosh는 어느
                  수준에서나 bash 5.2처럼 동작한다)
  checkhash       기억해 둔 프로그램이 사라졌으면 다시 찾는다
  lastpipe        작업 제어가 없으면(스크립트, set +m) 파이프라인의 마지막
                  단계를 셸이 직접 실행한다: echo a | read x가 x를 정한다
  noexpand_translation  켜 두고 보여 줄 뿐이다: gosh는 $"..."를 번역하지
                  않으므로, 카탈로그 없는 bash처럼 아무것도 바뀌지 않는다
  mailwarn        프롬프트의 메일 검사($MAILCHECK, $MAILPATH, $MAIL)가
                  메일 파일을 읽었다는 것도 알린다
  dirspell        Tab이 디렉터리 이름의 작은 철자 실수를 고친다
  direxpand       Tab이 디렉터리의 ~와 $VAR를 펼쳐 쓴다
  no_empty_cmd_completion  빈 명령 단어에서 Tab은 아무것도 내놓지 않는다
  progcomp_alias  complete 명세가 없는 별칭을 그 별칭이 뜻하는 명령처럼
                  완성한다
  hostcomplete    '@' 뒤에서 Tab이 $HOSTFILE이나 /etc/hosts의 호스트 이름을
                  완성한다(user@host). 켜짐, $COMP_WORDBREAKS에 '@'가 있다
  force_fignore   $FIGNORE의 접미사(FIGNORE=.o:~)가 붙은 파일 이름은 Tab에서
                  빠진다. 남는 것이 없어도 그렇다(켜짐). 꺼짐: 그때는 모두 남는다
  cdable_vars, execfail, inherit_errexit, interactive_comments,
  localvar_inherit, localvar_unset, patsub_replacement, progcomp, promptvars,
  shift_verbose, sourcepath, xpg_echo, assoc_expand_once: bash와 같다.
  gnu_errfmt는 켜 두고 보여 줄 뿐 메시지를 바꾸지 않는다
bash 목록의 나머지 이름은 gosh가 가진 한 가지 상태로 보이며, 바꾸려 하면
이유를 말하는 오류가 난다(globskipdots, restricted_shell, ...).
-s나 -u가 없으면 각 OPTNAME(없으면 모든 옵션)을 보여 주고, 꺼진 것이 있으면
1을 돌려준다. OPTNAME 없이 -s나 -u만 주면 켜진(또는 꺼진) 옵션을 나열한다.
-p  다시 설정하는 shopt 명령의 형태로 보여 준다
-q  아무것도 보여 주지 않는다. 상태가 모든 OPTNAME이 켜졌는지 알려 준다
-o  OPTNAME이 set -o 옵션이다(errexit, pipefail, ...)`,
		"times": `지금까지 쓴 CPU 시간을 출력한다: 첫 줄은 셸 자신이, 둘째 줄은 셸이
기다려 수거한 자식들이 쓴 시간이다. 각 줄에는 사용자 시간(프로그램의
코드를 실행한 시간)과 시스템 시간(커널이 그 프로세스를 위해 일한 시간)이
getrusage(2)로 나온다.`,
		"trap": `trap 'COMMANDS' SIG...   시그널 SIG가 오면 COMMANDS를 실행한다
trap '' SIG...           SIG를 무시한다. 셸도, 이제부터 셸이 시작하는 모든
                         명령도(SIG_IGN을 물려받는다)
trap - SIG...            SIG를 기본 동작으로 되돌린다
trap -p [SIG...]         trap을 다시 설정하는 명령으로 출력한다
trap                     trap -p와 같다
trap -l                  시그널을 번호와 함께 나열한다
SIG는 시그널 이름(INT, SIGINT, int)이나 번호(2), 또는 다음 중 하나다:
  EXIT (0)  셸이 끝날 때: exit, 스크립트의 끝, 오류, 치명적인 시그널.
            ERR  명령이 실패한 뒤(set -e라면 끝났을 곳).
            DEBUG  각 명령 전.   RETURN  . 파일이나 그것을 설정한 함수가
            끝난 뒤.
CHLD trap은 끝나거나 정지한 자식 하나마다 한 번씩 실행된다.
잡힌 시그널의 COMMANDS는 셸 자신 안에서, 시그널이 왔을 때 실행 중이던 명령
뒤에 실행된다. wait 내장 명령은 바로 끊기고 128+N을 돌려준다. $?는 그
앞뒤로 보존된다. 서브셸은 잡힌 시그널을 기본 동작으로 되돌린 채 시작하고,
무시된 시그널은 계속 무시한다.
대화형 셸은 필요한 것을 지킨다: Ctrl+Z는 셸을 결코 정지시키지 않고,
프롬프트에서 Ctrl+C는 여전히 입력 중인 줄을 버린다.`,
		"type": `각 NAME이 별칭, 셸 키워드, 내장 명령, 프로그램 파일 중 무엇인지(파일이면
$PATH로 찾은 어느 파일인지) 말해 준다.
-t  한 단어를 출력한다: alias, keyword, builtin, file
-p  실행될 것이 파일이면 그 파일의 경로를 출력한다
-P  NAME이 별칭이나 내장 명령이어도 $PATH에서 찾는다
-a  $PATH의 모든 파일을 포함해 가능한 해석을 모두 출력한다
-f  셸 함수에서는 NAME을 찾지 않는다`,
		"ulimit": `커널이 이 셸과 셸이 시작하는 모든 프로세스에 거는 제한을 보여 주거나
정한다(getrlimit(2), setrlimit(2)). 옵션마다 자원 하나를 가리키고, 옵션이
없으면 -f다. LIMIT을 주면 그 자원을 정하고, 아니면 보여 준다.
  -a  모든 제한
  -c  코어 파일 크기(1024바이트 블록)
  -d  데이터 세그먼트(KB)
  -e  스케줄링 우선순위(nice)
  -f  파일 크기(블록)
  -i  대기 중인 시그널
  -l  잠금 메모리(KB)
  -m  상주 메모리 크기(KB)
  -n  열린 파일
  -p  파이프 크기(512바이트 단위, 읽기 전용)
  -q  POSIX 메시지 큐(바이트)
  -r  실시간 우선순위
  -s  스택 크기(KB)
  -t  CPU 시간(초)
  -u  사용자 프로세스
  -v  가상 메모리(KB)
  -x  파일 잠금
  -R  실시간 타임아웃(마이크로초)
-b -k -P -T는 Linux에 없는 제한(소켓 버퍼, kqueue, 의사 터미널, 스레드)을
가리킨다: Linux의 bash처럼 거부한다.
-S는 소프트 제한(커널이 실제로 적용하는 값), -H는 하드 제한(소프트 제한의
상한, root만 올릴 수 있다)에 작용한다. 둘 다 없으면 정할 때는 둘 다 정하고,
보여 줄 때는 소프트 제한을 보여 준다.
LIMIT은 숫자, "unlimited", "soft", "hard"(현재 값)이다.
제한은 fork와 execve를 지나 상속되므로 ulimit은 내장 명령이어야 한다.
"ulimit -u 100"으로 포크 폭탄을 막을 수 있다. 셸의 복사본(파이프라인의 단계,
$(...)) 안에서 정한 새 제한은 그 복사본이 시작하는 프로그램에만 적용되고,
셸에는 결코 적용되지 않는다.`,
		"umask": `셸의 파일 생성 마스크를 MODE로 정한다: 프로그램이 요청한 모드에서
creat(2), open(2), mkdir(2)가 지우는 권한 비트다. MODE가 없으면 마스크를
출력한다.
MODE는 8진수(027)이거나, chmod처럼 남길 권한을 적는 기호 형식이다:
u=rwx,g=rx,o=는 027과 같다.
-S  마스크를 그것이 남기는 권한으로, 기호 형식으로 출력한다
-p  다시 설정하는 명령으로 출력한다("umask 0022")
마스크는 프로세스의 것이고 모든 자식이 물려받으므로 umask는 내장 명령이어야
한다. 파이프라인의 단계나 $(...)에서는 gosh가 같은 프로세스 안의 셸 복사본에서
내장 명령을 실행할 수 있다: 거기서 "umask MODE"는 그 복사본이 만들고
시작하는 것에 적용되고, 셸의 마스크는 그대로다. fork한 서브셸에서 바꾼 것이
서브셸과 함께 사라지는 것과 같다.`,
		"unset": `각 변수 NAME을 셸에서 지운다(그래서 이후 자식의 환경에서도 빠진다).
읽기 전용 변수는 지울 수 없다. NAME[SUB]는 배열의 원소 하나를 지운다.
-v  NAME은 변수다(기본)
-f  NAME은 함수다
-n  NAME이 이름 참조(declare -n)면 참조하는 변수가 아니라 참조 자신을
    지운다. 이름 참조가 아닌 NAME은 그대로 둔다(bash 5.2)
-v나 -f가 없을 때, 변수가 아니고 함수인 NAME은 그 함수를 지운다.`,
		"wait": `각 PID나 JOBSPEC을 기다리고 마지막 것의 상태를 돌려준다: 그 종료 코드,
또는 시그널 N에 죽었으면 128+N. 인자가 없으면 실행 중인 모든 백그라운드
작업을 기다린다(상태 0).
-n  (주어진 것 중) 다음 작업이 끝나기를 기다린다.
-f  작업 제어 아래에서 각 작업이 끝날 때까지 기다린다: 정지한 작업은 기다림을
    끝내지 않는다(-f가 없으면 끝낸다).
-p VAR  돌려주는 상태의 pid를 VAR에 넣는다(-n이면 어느 작업이 끝났는지).
    그런 것이 없으면 VAR은 unset된다.
이 셸의 자식만 기다릴 수 있다(wait4는 자기 자식에게만 통한다). 기다리는 셸은
자식의 종료 상태를 수거하고, 수거된 자식은 좀비로 남지 않는다. Ctrl+C는
기다림을 끊는다(상태 130).`,
	}
}}

// helpKoSource is . and source.
const helpKoSource = `FILENAME의 명령을 자식이 아닌 이 셸에서 읽어 실행하므로, 그 안의 cd,
변수 대입, 별칭이 그대로 남는다. 슬래시가 없는 이름은 $PATH에서, 그다음 현재
디렉터리에서 찾는다. ARGUMENTS가 있으면 실행하는 동안 위치 매개변수가 된다.`

// helpKoTest is test and [.
const helpKoTest = `EXPR을 평가해서 참이면 0, 거짓이면 1, 오류면 2를 돌려준다.
파일(상대 경로는 셸의 디렉터리에서 찾는다):
  -e FILE  있다
  -f FILE  일반 파일
  -d FILE  디렉터리
  -L FILE  심볼릭 링크(-h도 같다)
  -p FILE  이름 있는 파이프
  -S FILE  소켓
  -b FILE  블록 장치
  -c FILE  문자 장치
  -s FILE  비어 있지 않다
  -r/-w/-x FILE  내가 읽을/쓸/실행할 수 있다(access(2))
  -u/-g/-k FILE  set-user-id/set-group-id/sticky 비트가 켜져 있다
  -O/-G FILE  유효 사용자/그룹이 소유한다
  -N FILE  마지막으로 읽은 뒤 바뀌었다
  -t FD    FD가 터미널이다
  F1 -nt F2  더 새롭다   F1 -ot F2  더 오래됐다   F1 -ef F2  같은 파일(장치, inode)
문자열: -z S 비었다, -n S 비어 있지 않다, S1 = S2(== 도), S1 != S2,
  S1 < S2와 S1 > S2 정렬 순서. S만 있으면 비어 있지 않을 때 참.
정수: N1 -eq -ne -lt -le -gt -ge N2.
그 밖: -o OPTION 옵션이 켜져 있다, -v NAME 변수가 설정되어 있다,
  -R NAME 대상이 있는 이름 참조다(declare -n).
! EXPR, ( EXPR ), EXPR -a EXPR(그리고), EXPR -o EXPR(또는)로 묶는다.
-a가 -o보다 먼저 묶인다. 인자가 0개에서 4개면 POSIX 규칙이 각 인자가
무엇인지 정하므로, $x가 "("여도 [ "$x" = "" ]가 제대로 동작한다.`

// helpKoDeclare is declare and typeset.
const helpKoDeclare = `변수를 선언하고 속성을 주거나, 변수를 보여 준다.
-a  NAME은 인덱스 배열
-A  NAME은 연관 배열
-i  NAME은 정수: 대입하는 값을 먼저 산술식으로 계산한다
    (declare -i n; n=2*3이면 6)
-n  NAME은 이름 참조: 값(VALUE)은 다른 변수의 이름이고, NAME을 읽고
    대입하고 unset하면 그 변수에 작용한다(f() { local -n out=$1;
    out=(a b); }로 호출한 쪽이 준 이름의 변수에 돌려준다). 대상은 쓰는
    순간에 동적 범위로 찾는다. ${!NAME}은 대상의 이름이다
-r  읽기 전용
-x  자식 프로세스에 export한다
-l  대입하는 값을 소문자로 바꾼다. -u는 대문자로 바꾼다
+i +l +u +x  속성을 없앤다(읽기 전용 표시는 남는다)
+n  이름 참조를 그만둔다: 대상의 이름이 그냥 값으로 남는다
-g  함수 안에서 전역 변수에 작용한다(아니면 declare는 local처럼 NAME을
    함수의 지역 변수로 만든다)
-I  함수 안에서 지역 NAME이 자신이 가리는 NAME의 값과 속성으로
    시작한다
-t  추적 속성: 이 속성이 있는 함수는 set -T에서처럼 DEBUG와 RETURN
    트랩을 실행한다. 변수는 속성을 지니기만 한다
-p  각 NAME(NAME이 없으면 모든 변수)을 다시 만드는 declare 명령으로
    보여 준다. -a -A -i -n -r -x와 함께면 그런 변수만
-f  함수들(전부 또는 각 NAME)을 정의 그대로 보여 준다
-F  함수의 이름만 보여 준다
NAME도 옵션도 없으면 모든 변수와 함수를 출력한다.`

// helpKoMapfile is mapfile and readarray.
const helpKoMapfile = `줄들을 인덱스 배열 ARRAY(이름이 없으면 MAPFILE)로 읽는다.
-d DELIM    줄바꿈이 아니라 DELIM의 첫 글자에서 줄이 끝난다(''는 NUL)
-n COUNT    최대 COUNT 줄을 읽는다(0: 전부)
-O ORIGIN   ORIGIN 번째부터 저장하고 그 앞의 원소는 둔다
            (-O가 없으면 배열을 먼저 비운다)
-s COUNT    처음 COUNT 줄을 건너뛴다
-t          각 줄 끝의 구분자를 없앤다
-u FD       표준 입력 대신 파일 디스크립터 FD에서 읽는다
-C CALLBACK QUANTUM 줄마다 줄을 저장하기 전에 "CALLBACK INDEX LINE"을
            평가한다(INDEX는 그 줄이 들어갈 원소)
-c QUANTUM  CALLBACK 호출 사이의 줄 수(기본 5000)
ARRAY에 대입할 수 없거나 FD를 읽을 수 없으면 상태는 1이다.`
