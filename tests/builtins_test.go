package tests

import "testing"

// Issue 2, point 6: the builtins needed now, with bash's output and status.

func TestBuiltinCdPwd(t *testing.T) {
	dirs := map[string]string{"real/": "", "f": ""}
	runRows(t, []row{
		{name: "pwd", script: "pwd", out: "{DIR}\n"},
		{name: "cd-abs", script: "cd /tmp; pwd; echo $PWD", out: "/tmp\n/tmp\n"},
		{name: "cd-rel", script: "cd real; pwd", files: dirs, out: "{DIR}/real\n"},
		{name: "cd-dotdot", script: "cd real; cd ..; pwd", files: dirs, out: "{DIR}\n"},
		{name: "cd-home", script: "cd; pwd", out: "{HOME}\n"},
		{name: "cd-oldpwd", script: "cd /usr; cd /tmp; echo $OLDPWD", out: "/usr\n"},
		{name: "cd-dash", script: "cd /; cd /tmp; cd -; pwd; echo $OLDPWD", out: "/\n/\n/tmp\n"},
		{name: "cd-dash-no-oldpwd", script: "cd -", errHas: "cd: OLDPWD not set", status: 1},
		{name: "cd-missing", script: "cd /nonexistent; echo $?; pwd", out: "1\n{DIR}\n", err: "gosh: line 1: cd: /nonexistent: No such file or directory\n"},
		{name: "cd-not-dir", script: "cd f", files: dirs, errHas: "cd: f: Not a directory", status: 1},
		{name: "cd-too-many", script: "cd /tmp /usr", errHas: "cd: too many arguments", status: 1},
		{name: "cd-symlink-logical", script: "ln -s real link; cd link; pwd; echo $PWD; pwd -P; cd ..; pwd", files: dirs, out: "{DIR}/link\n{DIR}/link\n{DIR}/real\n{DIR}\n"},
		{name: "cd-child-sees-it", script: "cd /tmp && sh -c 'pwd; echo $PWD'", out: "/tmp\n/tmp\n"},
		{name: "cd-home-unset", script: "unset HOME; cd", errHas: "cd: HOME not set", status: 1},
	})
}

func TestBuiltinVariables(t *testing.T) {
	runRows(t, []row{
		{name: "export-assign", script: "export A=1; sh -c 'echo $A'", out: "1\n"},
		{name: "export-existing", script: "B=2; export B; sh -c 'echo $B'", out: "2\n"},
		{name: "export-several", script: "export C=1 D=2; sh -c 'echo $C$D'", out: "12\n"},
		{name: "export-later-change", script: "export E=1; E=2; sh -c 'echo $E'", out: "2\n"},
		{name: "export-p", script: "export A='a b'; export -p | grep 'A='", out: "declare -x A=\"a b\"\n"},
		{name: "export-p-lists-env", script: "export -p | grep -c HOME=", out: "1\n"},
		{name: "export-no-value", script: "export N; export -p | grep -w N", out: "declare -x N\n"},
		{name: "export-bad-name", script: "export 1x=2; echo $?", out: "1\n", errHas: "not a valid identifier"},
		{name: "unset-var", script: "x=1; unset x; echo ${x-gone}", out: "gone\n"},
		{name: "unset-exported", script: "export E=1; unset E; sh -c 'echo ${E-gone}'", out: "gone\n"},
		{name: "unset-several", script: "a=1 b=2; unset a b; echo ${a-x}${b-y}", out: "xy\n"},
		{name: "unset-missing-ok", script: "unset nosuch; echo $?", out: "0\n"},
		{name: "unset-env-from-parent", script: "unset GREETING; sh -c 'echo ${GREETING-gone}'", env: []string{"GREETING=hi"}, out: "gone\n"},
	})
}

func TestBuiltinEcho(t *testing.T) {
	runRows(t, []row{
		{name: "plain", script: "echo a b", out: "a b\n"},
		{name: "empty", script: "echo", out: "\n"},
		{name: "n", script: "echo -n a; echo b", out: "ab\n"},
		{name: "e", script: `echo -e 'a\tb\nc\\d'`, out: "a\tb\nc\\d\n"},
		{name: "no-e-literal", script: `echo 'a\tb'`, out: "a\\tb\n"},
		{name: "e-stop", script: `echo -e 'x\cy'; echo z`, out: "xz\n"},
		{name: "e-octal", script: `echo -e '\0101\x42'`, out: "AB\n"},
		{name: "ne", script: `echo -ne 'a\n'`, out: "a\n"},
		{name: "n-e-separate", script: `echo -n -e 'a\tb'`, out: "a\tb"},
		{name: "double-dash-printed", script: "echo -- a", out: "-- a\n"},
		{name: "unknown-option-printed", script: "echo -x a", out: "-x a\n"},
		{name: "options-only-first", script: "echo a -n", out: "a -n\n"},
		{name: "true-false-colon", script: "true; echo $?; false; echo $?; :; echo $?; : ignored args; echo $?", out: "0\n1\n0\n0\n"},
	})
}

func TestBuiltinWait(t *testing.T) {
	runRows(t, []row{
		{name: "wait-pid-status", script: "false & wait $!; echo $?", out: "1\n"},
		{name: "wait-pid-code", script: "sh -c 'exit 5' & wait $!; echo $?", out: "5\n"},
		{name: "wait-all", script: "sh -c 'sleep 0.1; echo one >a' & sh -c 'sleep 0.2; echo two >b' & wait; echo $?; cat a b", out: "0\none\ntwo\n"},
		{name: "wait-killed", script: "sleep 10 & kill $!; wait $!; echo $?", out: "143\n"},
		{name: "wait-killed-9", script: "sleep 10 & kill -9 $!; wait $!; echo $?", out: "137\n", errHas: "Killed                  sleep 10\n"}, // bash: "bash:  PID Killed ..."
		{name: "wait-unknown", script: "wait 99999; echo $?", out: "127\n", errHas: "pid 99999 is not a child of this shell"},
		{name: "wait-nothing", script: "wait; echo $?", out: "0\n"},
		{name: "wait-several", script: "sh -c 'exit 2' & a=$!; sh -c 'exit 4' & b=$!; wait $a $b; echo $?", out: "4\n"},
		{name: "wait-finished-long-ago", script: "sh -c 'exit 6' & p=$!; sleep 0.3; wait $p; echo $?", out: "6\n"},
	})
}

func TestBuiltinExec(t *testing.T) {
	runRows(t, []row{
		{name: "replaces", script: "exec echo replaced; echo not-reached", out: "replaced\n"},
		{name: "status", script: "exec sh -c 'exit 3'; echo not-reached", status: 3},
		{name: "same-pid", script: "echo $$ > p; exec sh -c 'read p < p; [ \"$p\" = \"$$\" ] && echo same'", out: "same\n"},
		{name: "prefix-assign", script: "x=1 exec sh -c 'echo $x'", out: "1\n"},
		{name: "not-found", script: "exec nosuchcmd_gosh; echo after", errHas: "nosuchcmd_gosh", status: 127},
		{name: "only-redirects-stay", script: "exec 3> o; echo $?; echo x >&3; cat o", out: "0\nx\n"},
		{name: "fds-in-exec-cmd", script: "exec ls /proc/self/fd", out: "0\n1\n2\n3\n"},
	})
}

func TestBuiltinSource(t *testing.T) {
	lib := map[string]string{
		"lib.sh":  "x=from-lib\necho \"in lib: $# $1\"\n",
		"fail.sh": "false\n",
		"exit.sh": "exit 4\necho never\n",
	}
	runRows(t, []row{
		{name: "dot", script: ". ./lib.sh; echo $x", files: lib, out: "in lib: 0 \nfrom-lib\n"},
		{name: "source", script: "source ./lib.sh; echo $x", files: lib, out: "in lib: 0 \nfrom-lib\n"},
		{name: "args", script: "set -- outer; . ./lib.sh a b; echo $1", files: lib, out: "in lib: 2 a\nouter\n"},
		{name: "inherits-params", script: "set -- p1 p2; . ./lib.sh", files: lib, out: "in lib: 2 p1\n"},
		{name: "status", script: ". ./fail.sh; echo $?", files: lib, out: "1\n"},
		{name: "exit-exits-shell", script: ". ./exit.sh; echo after", files: lib, status: 4},
		{name: "missing", script: ". ./nosuch.sh; echo $?", out: "1\n", errHas: "./nosuch.sh: No such file or directory"},
		{name: "absolute", script: ". $PWD/lib.sh >/dev/null; echo $x", files: lib, out: "from-lib\n"},
		{name: "redirected", script: ". ./lib.sh > o; echo $x; cat o", files: lib, out: "from-lib\nin lib: 0 \n"},
	})
}

func TestBuiltinShiftSet(t *testing.T) {
	runRows(t, []row{
		{name: "shift", script: "set -- a b c; shift; echo $@; shift 2; echo $#", out: "b c\n0\n"},
		{name: "shift-too-far", script: "set -- a; shift 2; echo $? $#", out: "1 1\n", errAny: true},
		{name: "shift-args", script: `shift; echo "$1"`, args: []string{"n", "a", "b"}, out: "b\n"},
		{name: "set-args", script: "set -- x 'y z'; echo $# $1 $2", out: "2 x y z\n"},
		{name: "set-clears", script: "set -- a b; set --; echo $#", out: "0\n"},
		{name: "set-dash-args", script: "set -- -x -y; echo $1 $2", out: "-x -y\n"},
		{name: "set-e-exits", script: "set -e; false; echo no", status: 1},
		{name: "set-e-external", script: "set -e; sh -c 'exit 3'; echo no", status: 3},
		{name: "set-e-or", script: "set -e; false || true; echo yes", out: "yes\n"},
		{name: "set-e-and-left", script: "set -e; false && true; echo yes", out: "yes\n"},
		{name: "set-e-and-last", script: "set -e; true && false; echo no", status: 1},
		{name: "set-e-bang", script: "set -e; ! true; echo yes", out: "yes\n"},
		{name: "set-e-pipeline-last", script: "set -e; false | true; echo yes; true | false; echo no", out: "yes\n", status: 1},
		{name: "set-e-subst-assign", script: "set -e; x=$(false); echo no", status: 1},
		{name: "set-e-not-found", script: "set -e; nosuchcmd_gosh; echo no", errHas: "command not found", status: 127},
		{name: "set-e-off", script: "set -e; set +e; false; echo yes", out: "yes\n"},
		{name: "set-o-errexit", script: "set -o errexit; false; echo no", status: 1},
		{name: "set-u", script: "set -u; echo $nosuch; echo no", errHas: "nosuch: unbound variable", failed: true},
		{name: "set-u-braces", script: "set -u; echo ${nosuch}; echo no", errHas: "nosuch: unbound variable", failed: true},
		{name: "set-u-default-ok", script: "set -u; echo ${nosuch-ok} ${nosuch:-ok2}", out: "ok ok2\n"},
		{name: "set-u-at-ok", script: `set -u; echo "$@" $#`, out: "0\n"},
		{name: "set-u-set-ok", script: "set -u; x=1; echo $x", out: "1\n"},
		{name: "set-u-positional", script: "set -u; echo $1", errHas: "1: unbound variable", failed: true},
		// bash's exit statuses for a script ended by an expansion error:
		// 127 for a parameter that is not set, 1 for the others.
		{name: "set-u-exit-127", script: "set -u; echo $nosuch; echo no", errHas: "nosuch: unbound variable", status: 127},
		{name: "set-u-arith-exit-127", script: "set -u; echo $((nosuch + 1)); echo no", errHas: "nosuch: unbound variable", status: 127},
		{name: "param-question-exit-127", script: "unset u; echo ${u?}; echo no", errHas: "u: parameter not set", status: 127},
		{name: "arith-error-exit-1", script: "echo $((1/0)); echo no", errHas: "division by 0", status: 1},
		{name: "set-x", script: "set -x; echo hi", out: "hi\n", err: "+ echo hi\n"},
		{name: "set-x-expanded", script: "x=v; set -x; echo $x", out: "v\n", err: "+ echo v\n"},
		{name: "set-x-quoted", script: "set -x; echo 'a b'", out: "a b\n", err: "+ echo 'a b'\n"},
		{name: "set-x-assign", script: "set -x; y=1", err: "+ y=1\n"},
		{name: "set-x-external", script: "set -x; sh -c true", err: "+ sh -c true\n"},
		{name: "set-x-off", script: "set -x; set +x; echo quiet", out: "quiet\n", err: "+ set +x\n"},
	})
}

func TestBuiltinRead(t *testing.T) {
	runRows(t, []row{
		{name: "one", script: "read x < f; echo \"<$x>\"", files: map[string]string{"f": "hello world\n"}, out: "<hello world>\n"},
		{name: "two", script: "read x y < f; echo \"<$x|$y>\"", files: map[string]string{"f": "a b c\n"}, out: "<a|b c>\n"},
		{name: "more-names", script: "read x y z < f; echo \"<$x|$y|$z>\"", files: map[string]string{"f": "a\n"}, out: "<a||>\n"},
		{name: "trims", script: "read x < f; echo \"<$x>\"", files: map[string]string{"f": "  lead  \n"}, out: "<lead>\n"},
		{name: "backslash", script: "read x < f; echo \"<$x>\"", files: map[string]string{"f": "a\\b\\\nc\n"}, out: "<abc>\n"},
		{name: "raw", script: "read -r x < f; echo \"<$x>\"", files: map[string]string{"f": "a\\b\\\nc\n"}, out: "<a\\b\\>\n"},
		{name: "ifs", script: "IFS=: read a b < f; echo \"<$a|$b>\"", files: map[string]string{"f": "1:2:3\n"}, out: "<1|2:3>\n"},
		{name: "eof-status", script: "read x < /dev/null; echo $?", out: "1\n"},
		{name: "last-line-no-newline", script: "read x < f; echo $? \"<$x>\"", files: map[string]string{"f": "partial"}, out: "1 <partial>\n"},
		{name: "reply", script: "read < f; echo \"<$REPLY>\"", files: map[string]string{"f": "  r  \n"}, out: "<  r  >\n"},
		{name: "lines-in-order", script: "exec < f; read a; read b; echo $b $a", files: map[string]string{"f": "1\n2\n"}, out: "2 1\n"},
		{name: "heredoc", script: "read x <<EOF\nhd\nEOF\necho $x", out: "hd\n"},
		{name: "from-pipe-status", script: "echo hello | read x; echo $?", out: "0\n"},
	})
}

func TestBuiltinTypeCommand(t *testing.T) {
	runRows(t, []row{
		{name: "type-builtin", script: "type echo", out: "echo is a shell builtin\n"},
		{name: "type-cd", script: "type cd", out: "cd is a shell builtin\n"},
		{name: "type-external", script: "type ls", out: "ls is /usr/bin/ls\n"},
		{name: "type-missing", script: "type nosuchcmd_gosh; echo $?", out: "1\n", errHas: "type: nosuchcmd_gosh: not found"},
		{name: "type-several", script: "type echo ls", out: "echo is a shell builtin\nls is /usr/bin/ls\n"},
		{name: "command-v-builtin", script: "command -v echo", out: "echo\n"},
		{name: "command-v-external", script: "command -v ls", out: "/usr/bin/ls\n"},
		{name: "command-v-missing", script: "command -v nosuchcmd_gosh; echo $?", out: "1\n"},
		{name: "command-v-path", script: "command -v ./s", files: map[string]string{"s*": "#!/bin/sh\n"}, out: "./s\n"},
	})
}

// Builtins in pipelines run with their stdin and stdout on the pipes, and
// what they change there does not reach the shell.
func TestBuiltinsInPipelines(t *testing.T) {
	runRows(t, []row{
		{name: "pwd-tr", script: "pwd | tr / _", out: "{DIR_}\n"},
		{name: "echo-first", script: "echo hello | tr a-z A-Z", out: "HELLO\n"},
		{name: "echo-middle", script: "echo b | echo a | cat", out: "a\n"},
		{name: "read-last", script: "printf 'x\\n' | read v; echo ${v-unset}", out: "unset\n"},
		{name: "cd-does-not-leak", script: "cd /tmp | true; pwd", out: "{DIR}\n"},
		{name: "cd-last-does-not-leak", script: "true | cd /tmp; pwd", out: "{DIR}\n"},
		{name: "assign-does-not-leak", script: "x=5 | true; echo ${x-unset}", out: "unset\n"},
		{name: "export-does-not-leak", script: "export Y=1 | true; sh -c 'echo ${Y-unset}'", out: "unset\n"},
		{name: "exit-does-not-exit", script: "exit 3 | true; echo still", out: "still\n"},
		{name: "exit-status-last", script: "true | exit 3; echo $?", out: "3\n"},
		{name: "set-does-not-leak", script: "set -- a b | true; echo $#", out: "0\n"},
		{name: "builtin-status", script: "echo x | false; echo $?", out: "1\n"},
		{name: "type-into-pipe", script: "type echo | wc -l", out: "1\n"},
		{name: "big-builtin-output", script: "echo $(seq 1 50000) | wc -w", out: "50000\n"},
	})
}

func TestBuiltinUmask(t *testing.T) {
	runRows(t, []row{
		{name: "octal-file", script: "umask 027; umask; touch f; stat -c %a f", out: "0027\n640\n"},
		{name: "octal-dir", script: "umask 077; mkdir d; stat -c %a d", out: "700\n"},
		{name: "symbolic", script: "umask u=rwx,g=rx,o=; umask; umask -S; umask -p", out: "0027\nu=rwx,g=rx,o=\numask 0027\n"},
		{name: "symbolic-relative", script: "umask 027; umask g+w,o-r; umask", out: "0007\n"},
		{name: "show-S-p", script: "umask 022; umask -S; umask -pS", out: "u=rwx,g=rx,o=rx\numask -S u=rwx,g=rx,o=rx\n"},
		{name: "child-inherits", script: "umask 077; sh -c umask", out: "0077\n"},
		{name: "stage-reads-it", script: "umask 027; umask | cat", out: "0027\n"},
		{name: "stage-does-not-leak", script: "umask 022; umask 077 | cat; umask; touch f; stat -c %a f", out: "0022\n644\n"},
		{name: "subst-does-not-leak", script: "umask 022; x=$(umask 077); umask", out: "0022\n"},
		{name: "background-does-not-leak", script: "umask 022; umask 077 & wait; umask", out: "0022\n"},
		{name: "bad-octal", script: "umask 022; umask 9; echo $?; umask", out: "1\n0022\n", err: "gosh: line 1: umask: 9: octal number out of range\n"},
		{name: "bad-operator", script: "umask x; echo $?", out: "1\n", err: "gosh: line 1: umask: `x': invalid symbolic mode operator\n"},
		{name: "bad-character", script: "umask u=q; echo $?", out: "1\n", err: "gosh: line 1: umask: `q': invalid symbolic mode character\n"},
		{name: "bad-option", script: "umask -z; echo $?", out: "2\n", err: "gosh: line 1: umask: -z: invalid option\numask: usage: umask [-p] [-S] [mode]\n"},
	})
}

func TestBuiltinReadonly(t *testing.T) {
	runRows(t, []row{
		{name: "assign-refused", script: "readonly x=1; x=2", err: "gosh: line 1: x: readonly variable\n", status: 1},
		{name: "readonly-again", script: "readonly x=1; readonly x=2; echo $? $x", out: "1 1\n", err: "gosh: line 1: x: readonly variable\n"},
		{name: "export-refused", script: "readonly x=1; export x=2; echo $? $x", out: "1 1\n", err: "gosh: line 1: x: readonly variable\n"},
		{name: "unset-refused", script: "readonly x=1; unset x; echo $? $x", out: "1 1\n", err: "gosh: line 1: unset: x: cannot unset: readonly variable\n"},
		{name: "existing", script: "x=1; readonly x; x=2", err: "gosh: line 1: x: readonly variable\n", status: 1},
		{name: "list", script: "readonly a='x y' b; export c=3; readonly c; readonly -p | grep -E ' [abc]($|=)'", out: "declare -r a=\"x y\"\ndeclare -r b\ndeclare -rx c=\"3\"\n"},
		{name: "list-no-args", script: "readonly a=1; readonly | grep ' a='", out: "declare -r a=\"1\"\n"},
		{name: "bad-name", script: "readonly 1a=2; echo $?", out: "1\n", err: "gosh: line 1: readonly: `1a=2': not a valid identifier\n"},
		{name: "background-keeps-it", script: "readonly x=1; true && echo $x & wait", out: "1\n"},
		{name: "background-refuses", script: "readonly x=1; true && unset x & wait $!; echo $?", out: "1\n", errHas: "x: cannot unset: readonly variable"},
		{name: "child-free", script: "readonly x=1; export x; sh -c 'x=2; echo $x'", out: "2\n"},
	})
}

func TestBuiltinHash(t *testing.T) {
	bin := map[string]string{"bin/prog*": "#!/bin/sh\n", "bin/tool*": "#!/bin/sh\n"}
	runRows(t, []row{
		{name: "empty", script: "hash -r; hash", out: "hash: hash table empty\n"},
		{name: "counts-runs", script: "PATH=$PWD/bin:$PATH; prog; prog; hash", files: bin, out: "hits\tcommand\n   2\t{DIR}/bin/prog\n"},
		{name: "name-remembered", script: "PATH=$PWD/bin:$PATH; hash tool; hash; hash -t tool", files: bin, out: "hits\tcommand\n   0\t{DIR}/bin/tool\n{DIR}/bin/tool\n"},
		{name: "r-forgets", script: "PATH=$PWD/bin:$PATH; prog; hash -r; hash", files: bin, out: "hash: hash table empty\n"},
		{name: "d-forgets-one", script: "PATH=$PWD/bin:$PATH; prog; tool; hash -d prog; hash", files: bin, out: "hits\tcommand\n   1\t{DIR}/bin/tool\n"},
		{name: "in-pipeline", script: "PATH=$PWD/bin:$PATH; prog; hash | grep prog", files: bin, out: "   1\t{DIR}/bin/prog\n"},
		{name: "type-does-not-hash", script: "PATH=$PWD/bin:$PATH; type prog >/dev/null; hash", files: bin, out: "hash: hash table empty\n"},
		{name: "not-found", script: "hash nosuch; echo $?", out: "1\n", err: "gosh: line 1: hash: nosuch: not found\n"},
		{name: "moved-program", script: "PATH=$PWD/a:$PWD/bin:$PATH; prog; mkdir a; printf 'echo new\\n' > a/prog; chmod +x a/prog; prog; hash -r; prog", files: bin, out: "new\n"},
	})
}
