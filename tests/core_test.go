package tests

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Issue 2, points 3 to 5: parsing, expansion and execution, end to end.

var txtFiles = map[string]string{"a.txt": "", "b.txt": "", "notes.txt": "", "c.md": "", "d.go": ""}

func TestPipelines(t *testing.T) {
	runRows(t, []row{
		{name: "ls-grep-wc", script: "ls | grep .txt | wc -l", files: txtFiles, out: "3\n"},
		{name: "printf-wc", script: `printf 'a\nb\n' | wc -l`, out: "2\n"},
		{name: "three-stages", script: "echo hello | tr a-z A-Z | sed s/L/l/g", out: "HEllO\n"},
		{name: "status-last-stage-true", script: "false | true; echo $?", out: "0\n"},
		{name: "status-last-stage-false", script: "true | false; echo $?", out: "1\n"},
		{name: "status-last-stage-code", script: "true | sh -c 'exit 9'; echo $?", out: "9\n"},
		{name: "bang-false", script: "! false; echo $?", out: "0\n"},
		{name: "bang-true", script: "! true; echo $?", out: "1\n"},
		{name: "bang-pipeline", script: "! true | false; echo $?", out: "0\n"},
		{name: "bang-code", script: "! sh -c 'exit 3'; echo $?", out: "0\n"},
		{name: "big-data", script: "seq 1 200000 | sort -n | tail -n 1", out: "200000\n"},
		{name: "sigpipe-ends-writer", script: "yes | head -n 3; echo $?", out: "y\ny\ny\n0\n"},
		{name: "stages-run-concurrently", script: "yes | head -c 1000000 | wc -c", out: "1000000\n"},
		{name: "stderr-not-piped", script: "sh -c 'echo out; echo err >&2' | tr a-z A-Z", out: "OUT\n", err: "err\n"},
		{name: "stderr-piped-by-redirect", script: "sh -c 'echo err >&2' 2>&1 | tr a-z A-Z", out: "ERR\n"},
		{name: "newline-after-pipe", script: "echo a |\ntr a b", out: "b\n"},
		{name: "read-in-pipeline-does-not-leak", script: "printf 'x y\\n' | read a b; echo \"${a-unset}\"", out: "unset\n"},
	})
}

func TestLists(t *testing.T) {
	runRows(t, []row{
		{name: "and-true", script: "true && echo a", out: "a\n"},
		{name: "and-false", script: "false && echo a; echo $?", out: "1\n"},
		{name: "or-false", script: "false || echo b", out: "b\n"},
		{name: "or-true", script: "true || echo b; echo $?", out: "0\n"},
		{name: "and-or", script: "false && echo a || echo b", out: "b\n"},
		{name: "left-assoc", script: "true || false && echo c", out: "c\n"},
		{name: "left-assoc-2", script: "false || false && echo c; echo $?", out: "1\n"},
		{name: "newline-after-and", script: "true &&\necho yes", out: "yes\n"},
		{name: "semicolons", script: "echo a; echo b;", out: "a\nb\n"},
		{name: "newlines", script: "echo a\n\necho b\n", out: "a\nb\n"},
		{name: "background-then-wait", script: "sh -c 'echo bg' & wait; echo fg", out: "bg\nfg\n"},
		{name: "background-does-not-block", script: "sleep 5 & echo first; kill $!", out: "first\n"},
		{name: "bang-pid", script: "sleep 10 & p=$!; kill -0 $p && echo alive; kill $p; wait $p; echo $?", out: "alive\n143\n"},
		{name: "bang-pid-is-child", script: "sh -c 'echo $$ > pid' & wait; read p < pid; [ \"$p\" = \"$!\" ] && echo same", out: "same\n"},
		{name: "background-status-zero", script: "false & echo $?", out: "0\n"},
		{name: "ampersand-separator", script: "echo a & wait; echo b", out: "a\nb\n"},
		{name: "and-in-background", script: "true && echo x & wait", out: "x\n"},
		{name: "final-backslash-literal", script: "echo a \\", out: "a \\\n"},
		{name: "final-continuation-file", argv: []string{"s.sh"}, files: map[string]string{"s.sh": "echo a \\\n"}, out: "a\n"},
	})
}

func TestRedirections(t *testing.T) {
	f := map[string]string{"f": "content\n"}
	runRows(t, []row{
		{name: "out", script: "echo hi > o; cat o", out: "hi\n"},
		{name: "out-truncates", script: "echo long-line > o; echo s > o; cat o", out: "s\n"},
		{name: "append", script: "echo a > o; echo b >> o; cat o", out: "a\nb\n"},
		{name: "in", script: "cat < f", files: f, out: "content\n"},
		{name: "in-builtin", script: "read x < f; echo $x", files: f, out: "content\n"},
		{name: "anywhere-first", script: "> o echo a b; cat o", out: "a b\n"},
		{name: "anywhere-middle", script: "echo a > o b; cat o", out: "a b\n"},
		{name: "no-space", script: "echo a>o; cat o", out: "a\n"},
		{name: "fd-number", script: "sh -c 'echo e >&2' 2> o; cat o", out: "e\n"},
		{name: "fd-number-append", script: "sh -c 'echo 1 >&2' 2> o; sh -c 'echo 2 >&2' 2>> o; cat o", out: "1\n2\n"},
		{name: "dup-out-to-err", script: "echo x 1>&2", err: "x\n"},
		{name: "dup-short", script: "echo x >&2", err: "x\n"},
		{name: "left-to-right-1", script: "sh -c 'echo o; echo e >&2' > o 2>&1; cat o", out: "o\ne\n"},
		{name: "left-to-right-2", script: "sh -c 'echo e >&2' 2>&1 > /dev/null", out: "e\n"},
		{name: "dup-in", script: "cat 3< f 0<&3", files: f, out: "content\n"},
		{name: "dup-in-short", script: "cat 3< f <&3", files: f, out: "content\n"},
		{name: "dup-bad-fd", script: "echo x >&7; echo $?", out: "1\n", errHas: "7: Bad file descriptor"},
		{name: "close-fd", script: "sh -c 'if [ -e /proc/$$/fd/2 ]; then echo open; else echo closed; fi' 2>&-", out: "closed\n"},
		{name: "close-stdout-builtin", script: "echo x >&-; echo $?", out: "1\n", errHas: "Bad file descriptor"},
		{name: "and-great", script: "sh -c 'echo o; echo e >&2' &> o; cat o", out: "o\ne\n"},
		{name: "and-great-great", script: "echo first > o; sh -c 'echo o; echo e >&2' &>> o; cat o", out: "first\no\ne\n"},
		{name: "read-write", script: "cat <> f", files: f, out: "content\n"},
		{name: "read-write-fd", script: "exec 3<> f; read x <&3; echo \"$x\"", files: f, out: "content\n"},
		{name: "read-write-creates", script: "cat <> new; [ -f new ] && echo created", out: "created\n"},
		{name: "noclobber", script: "set -C; echo a > o; echo b > o; echo $?; cat o", out: "1\na\n", errHas: "o: cannot overwrite existing file"},
		{name: "noclobber-long", script: "set -o noclobber; echo a > o; echo b > o; cat o", out: "a\n", errHas: "o: cannot overwrite existing file"},
		{name: "noclobber-force", script: "set -C; echo a > o; echo c >| o; cat o", out: "c\n"},
		{name: "noclobber-append-ok", script: "set -C; echo a > o; echo b >> o; cat o", out: "a\nb\n"},
		{name: "noclobber-dev-null", script: "set -C; echo x > /dev/null; echo $?", out: "0\n"},
		{name: "noclobber-off", script: "set -C; set +C; echo a > o; echo b > o; cat o", out: "b\n"},
		{name: "clobber-without-C", script: "echo a > o; echo b >| o; cat o", out: "b\n"},
		{name: "missing-dir", script: "echo x > /nonexistent/f; echo $?", out: "1\n", errHas: "/nonexistent/f: No such file or directory"},
		{name: "missing-input", script: "cat < nosuch; echo $?", out: "1\n", errHas: "nosuch: No such file or directory"},
		{name: "failed-redirect-skips-command", script: "echo ran > /nonexistent/f", status: 1, errHas: "No such file or directory"},
		{name: "fd3-to-file", script: "echo x 3> o >&3; cat o", out: "x\n"},
		{name: "target-expanded", script: "n=o; echo x > $n; cat o", out: "x\n"},
		{name: "target-quoted", script: "echo x > 'a b'; cat 'a b'", out: "x\n"},
		{name: "target-tilde", script: "echo x > ~/t; cat $HOME/t", out: "x\n"},
		{name: "builtin-redirect-temporary", script: "echo a > o; echo b; cat o", out: "b\na\n"},
		{name: "builtin-redirect-pwd", script: "pwd > o; echo after; cat o", out: "after\n{DIR}\n"},
		{name: "builtin-err-redirect-temporary", script: "cd /nonexistent 2> o; echo $?; cd /nonexistent2", out: "1\n", errHas: "nonexistent2", status: 1},
		{name: "exec-redirects-shell", script: "exec > o; echo x; cat o >&2", err: "x\n"},
		{name: "exec-fd3", script: "exec 3> o; echo x >&3; echo y >&3; cat o", out: "x\ny\n"},
		{name: "exec-close-fd3", script: "exec 3> o; exec 3>&-; echo x >&3; echo $?", out: "1\n", errHas: "Bad file descriptor"},
		{name: "exec-stderr", script: "exec 2> /dev/null; ls nosuch; echo $?", out: "2\n"},
		{name: "exec-stdin", script: "exec < f; read x; echo $x", files: f, out: "content\n"},
		{name: "exec-restore", script: "exec 3>&1; exec > o; echo in-file; exec >&3 3>&-; echo on-stdout; cat o", out: "on-stdout\nin-file\n"},
	})
}

func TestHereDocuments(t *testing.T) {
	runRows(t, []row{
		{name: "expanded", script: "x=1\ncat <<EOF\nvalue $x $(echo cs) $((2+3))\nEOF", out: "value 1 cs 5\n"},
		{name: "quoted-single", script: "x=1\ncat <<'EOF'\nvalue $x $(echo cs)\nEOF", out: "value $x $(echo cs)\n"},
		{name: "quoted-double", script: "x=1\ncat <<\"EOF\"\nvalue $x\nEOF", out: "value $x\n"},
		{name: "quoted-partly", script: "x=1\ncat <<E\\OF\nvalue $x\nEOF", out: "value $x\n"},
		{name: "backslashes", script: "x=1\ncat <<EOF\n\\$x \\\\ \\a \"q\"\nEOF", out: "$x \\ \\a \"q\"\n"},
		{name: "backslash-newline", script: "cat <<EOF\na\\\nb\nEOF", out: "ab\n"},
		{name: "dash-strips-tabs", script: "cat <<-EOF\n\t\tindented\n\tEOF", out: "indented\n"},
		{name: "dash-quoted", script: "x=1\ncat <<-'EOF'\n\t$x\n\tEOF", out: "$x\n"},
		{name: "dash-keeps-spaces", script: "cat <<-EOF\n  two spaces\nEOF", out: "  two spaces\n"},
		{name: "no-dash-keeps-tabs", script: "cat <<EOF\n\tt\nEOF", out: "\tt\n"},
		{name: "two-on-a-line", script: "cat <<A; cat <<B\none\nA\ntwo\nB", out: "one\ntwo\n"},
		{name: "into-builtin", script: "read x <<EOF\nfrom-heredoc\nEOF\necho $x", out: "from-heredoc\n"},
		{name: "in-pipeline", script: "cat <<EOF | tr a-z A-Z\nabc\nEOF", out: "ABC\n"},
		{name: "fd-number", script: "cat 3<<EOF <&3\nthree\nEOF", out: "three\n"},
		{name: "empty", script: "cat <<EOF\nEOF\necho after", out: "after\n"},
		{name: "delimiter-needs-whole-line", script: "cat <<EOF\nEOF x\n EOF\nEOF", out: "EOF x\n EOF\n"},
		{name: "then-command", script: "cat <<EOF && echo ok\nbody\nEOF", out: "body\nok\n"},
		{name: "large", script: "cat <<EOF | wc -c\n" + strings.Repeat("0123456789abcdef\n", 6000) + "EOF", out: "102000\n"},
		// As bash in a script: the end of the input ends the body, with a warning.
		// The warning starts as bash's: the input's last line, for -c text
		// without "-c: ", for a script with its name.
		{name: "unterminated", script: "cat <<EOF\nno end", out: "no end\n", err: "gosh: line 2: warning: here-document at line 1 delimited by end-of-file (wanted `EOF')\n"},
		{name: "unterminated-script", argv: []string{"s"}, files: map[string]string{"s": "echo a\ncat <<EOF\nno end\n\n"}, out: "a\nno end\n\n",
			err: "s: line 4: warning: here-document at line 2 delimited by end-of-file (wanted `EOF')\n"},
		{name: "unterminated-stdin", argv: []string{}, stdin: "cat <<EOF\nno end\n", out: "no end\n",
			err: "gosh: line 2: warning: here-document at line 1 delimited by end-of-file (wanted `EOF')\n"},
	})
}

func TestExpansions(t *testing.T) {
	glob := map[string]string{"a.txt": "", "b.txt": "", "Z.txt": "", "c.md": "", ".hidden.txt": "", "sub/f": ""}
	runRows(t, []row{
		// tilde
		{name: "tilde", script: "echo ~", out: "{HOME}\n"},
		{name: "tilde-slash", script: "echo ~/x", out: "{HOME}/x\n"},
		{name: "tilde-quoted", script: `echo "~" '~' \~`, out: "~ ~ ~\n"},
		{name: "tilde-not-first", script: "echo a~ a/~", out: "a~ a/~\n"},
		{name: "tilde-assign", script: "x=~/a; echo $x", out: "{HOME}/a\n"},
		{name: "tilde-assign-colon", script: "x=a:~/b:~; echo $x", out: "a:{HOME}/b:{HOME}\n"},
		{name: "tilde-user", script: "echo ~root ~root/x", out: "/root /root/x\n"},
		{name: "tilde-unknown-user", script: "echo ~nosuchuser_gosh", out: "~nosuchuser_gosh\n"},

		// parameters
		{name: "param-plain", script: "x=val; echo $x ${x} ${x}s", out: "val val vals\n"},
		{name: "param-unset-empty", script: "echo \"[$nosuch]\"", out: "[]\n"},
		{name: "param-dash", script: `unset u; e=; s=set; echo "${u-w}|${e-w}|${s-w}"`, out: "w||set\n"},
		{name: "param-colon-dash", script: `unset u; e=; s=set; echo "${u:-w}|${e:-w}|${s:-w}"`, out: "w|w|set\n"},
		{name: "param-colon-equal", script: `unset u; e=; echo "${u:=d}|${e:=f}"; echo "$u|$e"`, out: "d|f\nd|f\n"},
		{name: "param-colon-question", script: `s=set; echo "${s:?msg}"; unset u; echo ${u:?it is gone}; echo after`, out: "set\n", errHas: "u: it is gone", failed: true},
		{name: "param-colon-question-default", script: `e=; echo ${e:?}`, errHas: "e: parameter null or not set", failed: true},
		{name: "param-colon-plus", script: `unset u; e=; s=set; echo "${u:+w}|${e:+w}|${s:+w}|${e+w}"`, out: "||w|w\n"},
		{name: "param-length", script: `s=hello; e=; unset u; echo ${#s} ${#e} ${#u}`, out: "5 0 0\n"},
		{name: "param-word-expanded", script: `s=set; unset u; echo ${u:-$s} ${u:-$(echo cs)} ${u:-~}`, out: "set cs {HOME}\n"},
		{name: "param-word-quoted", script: `unset u; set -- ${u:-"a b"}; echo $#; set -- ${u:-a b}; echo $#`, out: "1\n2\n"},
		{name: "param-not-rescanned", script: `x='$y'; y=no; echo $x`, out: "$y\n"},

		// special parameters
		{name: "special-status", script: "false; echo $?; echo $?", out: "1\n0\n"},
		{name: "special-pid", script: `sh -c 'echo $PPID' > p; read p < p; [ "$p" = "$$" ] && echo same`, out: "same\n"},
		{name: "special-pid-in-subst", script: `[ "$(echo $$)" = "$$" ] && echo same`, out: "same\n"},
		{name: "special-count", script: `echo $#`, args: []string{"n", "a", "b", "c"}, out: "3\n"},
		{name: "special-positional", script: `echo $1-$2-$3-$4`, args: []string{"n", "a", "b", "c"}, out: "a-b-c-\n"},
		{name: "special-ten", script: `set -- 1 2 3 4 5 6 7 8 9 ten; echo ${10} $10`, out: "ten 10\n"},
		{name: "special-at-quoted", script: `set -- a "b c" d; printf '<%s>' "$@"; echo`, out: "<a><b c><d>\n"},
		{name: "special-at-unquoted", script: `set -- a "b c" d; printf '<%s>' $@; echo`, out: "<a><b><c><d>\n"},
		{name: "special-star-quoted", script: `set -- a "b c" d; printf '<%s>' "$*"; echo`, out: "<a b c d>\n"},
		{name: "special-star-ifs", script: `set -- a "b c" d; IFS=:; printf '<%s>' "$*"; echo`, out: "<a:b c:d>\n"},
		{name: "special-at-empty", script: `set --; set -- "$@"; echo $#; set -- "$*"; echo $#`, out: "0\n1\n"},
		{name: "special-at-affixes", script: `set -- a b; printf '<%s>' "x$@y"; echo`, out: "<xa><by>\n"},
		{name: "special-at-keeps-empty", script: `set -- "" b ""; printf '<%s>' "$@"; echo; echo $#`, out: "<><b><>\n3\n"},
		{name: "special-flags", script: `set -u; echo $- | grep -q u && echo has-u; set +u; echo $- | grep -q u || echo no-u`, out: "has-u\nno-u\n"},
		{name: "special-bang-unset", script: `echo "[$!]"`, out: "[]\n"},
		{name: "special-zero", script: `echo $0`, args: []string{"myname"}, out: "myname\n"},

		// command substitution
		{name: "subst-dollar", script: "echo $(echo hi)", out: "hi\n"},
		{name: "subst-backquote", script: "echo `echo hi`", out: "hi\n"},
		{name: "subst-trailing-newlines", script: `x="$(printf 'a\n\n\n')"; echo "[$x]"`, out: "[a]\n"},
		{name: "subst-inner-newlines", script: `echo "$(printf 'a\n\nb')"`, out: "a\n\nb\n"},
		{name: "subst-split", script: "set -- $(echo a b; echo c); echo $#", out: "3\n"},
		{name: "subst-quoted-no-split", script: `set -- "$(echo a b)"; echo $#`, out: "1\n"},
		{name: "subst-nested", script: "echo $(echo $(echo nested))", out: "nested\n"},
		{name: "subst-nested-backquote", script: "echo `echo \\`echo inner\\``", out: "inner\n"},
		{name: "subst-quotes-inside", script: `echo "$(echo "inner quotes")"`, out: "inner quotes\n"},
		{name: "subst-paren-in-quotes", script: `echo $(echo ')')`, out: ")\n"},
		{name: "subst-status", script: "x=$(false); echo $?; x=$(sh -c 'exit 4'); echo $?", out: "1\n4\n"},
		{name: "subst-builtin", script: `x=$(pwd); [ "$x" = "$PWD" ] && echo ok`, out: "ok\n"},
		{name: "subst-no-leak", script: "x=$(y=1; cd /; echo $y); echo $x ${y-unset} $PWD", out: "1 unset {DIR}\n"},
		{name: "subst-pipeline", script: "echo $(printf 'b\\na\\n' | sort | tr '\\n' ' ')", out: "a b\n"},
		{name: "subst-stderr-passes", script: "x=$(sh -c 'echo e >&2; echo o'); echo $x", out: "o\n", err: "e\n"},
		{name: "subst-multiline", script: "echo $(echo a\necho b)", out: "a b\n"},
		{name: "subst-in-word", script: "echo pre$(echo mid)post", out: "premidpost\n"},

		// arithmetic
		{name: "arith-precedence", script: "echo $((1+2*3)) $(((1+2)*3))", out: "7 9\n"},
		{name: "arith-div-mod", script: "echo $((7/2)) $((7%3)) $((-7/2)) $((-7%3))", out: "3 1 -3 -1\n"},
		{name: "arith-left-assoc", script: "echo $((10-2-3)) $((64/4/2))", out: "5 8\n"},
		{name: "arith-unary", script: "echo $((-3)) $((2*-3)) $((+4)) $((- -2))", out: "-3 -6 4 2\n"},
		{name: "arith-compare", script: "echo $((2>1)) $((1>2)) $((1==1)) $((1!=1)) $((2<=2)) $((3>=4)) $((1<2))", out: "1 0 1 0 1 0 1\n"},
		{name: "arith-vars", script: "x=5; echo $((x+1)) $(($x*2)) $((x*x-y))", out: "6 10 25\n"},
		{name: "arith-spaces", script: "echo $(( 1 + 2 ))", out: "3\n"},
		{name: "arith-nested", script: "echo $(( $((2+3)) * 2 ))", out: "10\n"},
		{name: "arith-large", script: "echo $((2147483647+1)) $((3000000000*3))", out: "2147483648 9000000000\n"},
		{name: "arith-in-quotes", script: `echo "$((6*7))"`, out: "42\n"},
		{name: "arith-div-zero", script: "echo $((1/0))", errHas: "division by 0", status: 1},

		// field splitting
		{name: "ifs-default", script: `x="a b  c"; set -- $x; echo $#`, out: "3\n"},
		{name: "ifs-trim", script: `x="  lead  trail  "; printf '<%s>' $x; echo`, out: "<lead><trail>\n"},
		{name: "ifs-tabs-newlines", script: "x=\"a\tb\nc\"; set -- $x; echo $#", out: "3\n"},
		{name: "ifs-quoted-no-split", script: `x="  a  b  "; printf '<%s>' "$x"; echo`, out: "<  a  b  >\n"},
		{name: "ifs-colon", script: `IFS=:; x=a:b::c; set -- $x; echo $#; printf '<%s>' $x; echo`, out: "4\n<a><b><><c>\n"},
		{name: "ifs-colon-echo", script: `IFS=:; x=a:b; echo $x`, out: "a b\n"},
		{name: "ifs-mixed", script: `IFS=' :'; x=' a : b '; printf '<%s>' $x; echo`, out: "<a><b>\n"},
		{name: "ifs-empty", script: `IFS=; x="a b"; set -- $x; echo $#`, out: "1\n"},
		{name: "ifs-unset", script: `IFS=:; unset IFS; x="a b:c"; set -- $x; echo $#`, out: "2\n"},
		{name: "ifs-literal-not-split", script: `IFS=:; set -- a:b; echo $#`, out: "1\n"},
		{name: "ifs-empty-unquoted-vanishes", script: `e=; set -- $e "$e" $e; echo $#`, out: "1\n"},

		// pathname expansion
		{name: "glob-star", script: "echo *.txt", files: glob, out: "Z.txt a.txt b.txt\n"},
		{name: "glob-all-sorted", script: "echo *", files: glob, out: "Z.txt a.txt b.txt c.md sub\n"},
		{name: "glob-question", script: "echo ?.md", files: glob, out: "c.md\n"},
		{name: "glob-class", script: "echo [ab].txt", files: glob, out: "a.txt b.txt\n"},
		{name: "glob-range", script: "echo [a-c]*", files: glob, out: "a.txt b.txt c.md\n"},
		{name: "glob-negated", script: "echo [!a].txt", files: glob, out: "Z.txt b.txt\n"},
		{name: "glob-no-match-kept", script: "echo *.none x?y", files: glob, out: "*.none x?y\n"},
		{name: "glob-dotfiles", script: "echo .*.txt", files: glob, out: ".hidden.txt\n"},
		{name: "glob-star-skips-dot", script: "echo *hidden*", files: glob, out: "*hidden*\n"},
		{name: "glob-dir", script: "echo sub/* */", files: glob, out: "sub/f sub/\n"},
		{name: "glob-quoted", script: `echo "*.txt" '*.txt' \*.txt`, files: glob, out: "*.txt *.txt *.txt\n"},
		{name: "glob-from-variable", script: `x='*.md'; echo $x "$x"`, files: glob, out: "c.md *.md\n"},
		{name: "glob-noglob", script: "set -f; echo *.txt; set +f; echo *.md", files: glob, out: "*.txt\nc.md\n"},
		{name: "glob-args-separate", script: "printf '<%s>' *.txt; echo", files: glob, out: "<Z.txt><a.txt><b.txt>\n"},
		{name: "glob-spaces-in-names", script: "printf '<%s>' *.log; echo", files: map[string]string{"a b.log": "", "c.log": ""}, out: "<a b.log><c.log>\n"},
		{name: "glob-absolute", script: "echo /etc/host*name*", outHas: "/etc/hostname"},

		// quoting and quote removal
		{name: "quote-single-double", script: `echo 'a  b' "c  d" e\ \ f`, out: "a  b c  d e  f\n"},
		{name: "quote-specials-in-double", script: `x=v; echo "$x \$x \\ \q ${x} $(echo s) ` + "`echo b`" + `"`, out: "v $x \\ \\q v s b\n"},
		{name: "quote-single-literal", script: `echo '$x \ "'`, out: "$x \\ \"\n"},
		{name: "quote-operators", script: `echo 'a|b' "c;d" e\&f '>'`, out: "a|b c;d e&f >\n"},
		{name: "quote-empty-args", script: `printf '<%s>' "" ''; echo`, out: "<><>\n"},
		{name: "quote-adjacent", script: `echo 'a'"b"c'd'`, out: "abcd\n"},
		{name: "quote-double-newline", script: "echo \"a\nb\"", out: "a\nb\n"},
		{name: "continuation", script: "echo a\\\nb", out: "ab\n"},
		{name: "continuation-in-double", script: "echo \"a\\\nb\"", out: "ab\n"},
		{name: "continuation-not-in-single", script: "echo 'a\\\nb'", out: "a\\\nb\n"},
		{name: "comment", script: "echo a # comment here\necho b#c '#'", out: "a\nb#c #\n"},
		{name: "comment-line", script: "# whole line\necho x", out: "x\n"},
	})
}

func TestErrors(t *testing.T) {
	runRows(t, []row{
		{name: "syntax-pipe", script: "echo | | wc", err: "gosh: -c: line 1: syntax error near unexpected token `|'\ngosh: -c: line 1: `echo | | wc'\n", status: 2},
		{name: "syntax-leading-pipe", script: "| wc", err: "gosh: -c: line 1: syntax error near unexpected token `|'\ngosh: -c: line 1: `| wc'\n", status: 2},
		{name: "syntax-and-first", script: "&& true", err: "gosh: -c: line 1: syntax error near unexpected token `&&'\ngosh: -c: line 1: `&& true'\n", status: 2},
		{name: "syntax-double-semi", script: "echo a; ; echo b", err: "gosh: -c: line 1: syntax error near unexpected token `;'\ngosh: -c: line 1: `echo a; ; echo b'\n", status: 2},
		{name: "syntax-nothing-runs", script: "echo ran; echo | | wc", err: "gosh: -c: line 1: syntax error near unexpected token `|'\ngosh: -c: line 1: `echo ran; echo | | wc'\n", status: 2},
		{name: "syntax-second-line", script: "echo ok\necho | | wc\necho never", out: "ok\n", err: "gosh: -c: line 2: syntax error near unexpected token `|'\ngosh: -c: line 2: `echo | | wc'\n", status: 2},
		{name: "syntax-redirect-newline", script: "echo >", errHas: "syntax error near unexpected token `newline'", status: 2},
		{name: "syntax-redirect-operator", script: "echo > | x", errHas: "syntax error near unexpected token `|'", status: 2},
		{name: "syntax-trailing-pipe", script: "echo a |", errHas: "gosh: ", status: 2},
		{name: "syntax-trailing-and", script: "true &&", errHas: "gosh: ", status: 2},
		{name: "syntax-unterminated-single", script: "echo 'abc", errHas: "gosh: ", status: 2},
		{name: "syntax-unterminated-double", script: `echo "abc`, errHas: "gosh: ", status: 2},
		{name: "syntax-unterminated-subst", script: "echo $(echo", errHas: "gosh: ", status: 2},
		{name: "syntax-file", argv: []string{"s.sh"}, files: map[string]string{"s.sh": "echo one\n\necho two; | x\n"}, out: "one\n", err: "s.sh: line 3: syntax error near unexpected token `|'\ns.sh: line 3: `echo two; | x'\n", status: 2},

		{name: "not-found", script: "nosuchcmd_gosh", err: "gosh: line 1: nosuchcmd_gosh: command not found\n", status: 127},
		{name: "not-found-continues", script: "nosuchcmd_gosh; echo $?", out: "127\n", err: "gosh: line 1: nosuchcmd_gosh: command not found\n"},
		{name: "not-found-in-pipeline", script: "nosuchcmd_gosh | cat; echo $?; echo x | nosuchcmd_gosh; echo $?", out: "0\n127\n", errHas: "gosh: line 1: nosuchcmd_gosh: command not found\n"},
		{name: "not-found-path", script: "./nosuch; echo $?", out: "127\n", errHas: "./nosuch: No such file or directory"},
		{name: "not-found-empty-path", script: "PATH=/nonexistent ls; echo $?", out: "127\n", errHas: "ls: command not found"},
		{name: "not-executable", script: "./plain; echo $?", files: map[string]string{"plain": "echo hi\n"}, out: "126\n", errHas: "./plain: Permission denied"},
		{name: "is-directory", script: "./sub; echo $?", files: map[string]string{"sub/": ""}, out: "126\n", errHas: "./sub: Is a directory"},
		{name: "not-executable-status", script: "./plain", files: map[string]string{"plain": "echo hi\n"}, errAny: true, status: 126},
		{name: "killed-9", script: "sh -c 'kill -9 $$'; echo $?", out: "137\n", errAny: true},
		{name: "killed-term", script: "sh -c 'kill -TERM $$'; echo $?", out: "143\n", errAny: true},
		{name: "killed-last", script: "sh -c 'kill -9 $$'", errAny: true, status: 137},
		{name: "killed-in-pipeline", script: "true | sh -c 'kill -9 $$'; echo $?", out: "137\n", errAny: true},
		{name: "killed-int-in-script", script: "sh -c 'kill -INT $$'; echo $?", out: "130\n", errAny: true},
	})
}

func TestExecution(t *testing.T) {
	zeros := "SigBlk:\t0000000000000000\nSigIgn:\t0000000000000000\n"
	runRows(t, []row{
		{name: "path-search", script: "ls f", files: map[string]string{"f": ""}, out: "f\n"},
		{name: "path-own-dir", script: "PATH=$PWD/bin:$PATH; mytool", files: map[string]string{"bin/mytool*": "#!/bin/sh\necho mine\n"}, out: "mine\n"},
		{name: "path-order", script: "PATH=$PWD/b1:$PWD/b2; t", files: map[string]string{"b1/t*": "#!/bin/sh\necho one\n", "b2/t*": "#!/bin/sh\necho two\n"}, out: "one\n"},
		{name: "path-skips-non-executable", script: "PATH=$PWD/b1:$PWD/b2; t", files: map[string]string{"b1/t": "echo one\n", "b2/t*": "#!/bin/sh\necho two\n"}, out: "two\n"},
		{name: "shebang", script: "./s arg", files: map[string]string{"s*": "#!/bin/sh\necho \"sh: $1\"\n"}, out: "sh: arg\n"},
		{name: "enoexec-runs-as-script", script: "./noshebang arg; echo $?", files: map[string]string{"noshebang*": "echo \"from script $1\"\nsh -c 'exit 7'\n"}, out: "from script arg\n7\n"},
		{name: "enoexec-in-path", script: "PATH=$PWD:$PATH; noshebang x y", files: map[string]string{"noshebang*": "echo \"$# $1 $2\"\n"}, out: "2 x y\n"},
		{name: "enoexec-exit", script: "./s; echo $?", files: map[string]string{"s*": "exit 5\n"}, out: "5\n"},
		{name: "enoexec-own-variables", script: "x=outer; ./s; echo $x", files: map[string]string{"s*": "echo ${x-unset}\nx=inner\n"}, out: "unset\nouter\n"},
		{name: "fds-only-012", script: "ls /proc/self/fd", out: "0\n1\n2\n3\n"},
		{name: "fds-in-pipeline", script: "ls /proc/self/fd | cat", out: "0\n1\n2\n3\n"},
		{name: "fds-middle-stage", script: "true | ls /proc/self/fd | cat", out: "0\n1\n2\n3\n"},
		{name: "fds-redirect-adds", script: "ls /proc/self/fd 5> /dev/null", out: "0\n1\n2\n3\n5\n"},
		{name: "fds-after-exec-fd", script: "exec 4> o; ls /proc/self/fd", out: "0\n1\n2\n3\n4\n"},
		{name: "fds-cloexec-after-subst", script: "x=$(echo a); y=`echo b`; ls /proc/self/fd", out: "0\n1\n2\n3\n"},
		{name: "fds-heredoc", script: "ls /proc/self/fd <<EOF\nx\nEOF", out: "0\n1\n2\n3\n"},
		{name: "signals-clean", script: "grep -E 'SigIgn|SigBlk' /proc/self/status", out: zeros},
		{name: "signals-clean-in-pipeline", script: "grep -E 'SigIgn|SigBlk' /proc/self/status | cat", out: zeros},
		{name: "cwd-inherited", script: "cd sub; sh -c pwd", files: map[string]string{"sub/": ""}, out: "{DIR}/sub\n"},
		{name: "assign-alone-vs-prefix", script: "a=1; a=2 sh -c 'echo $a'; echo $a", out: "2\n1\n"},
		{name: "assign-prefix-not-kept", script: "a=1 sh -c 'echo $a'; echo ${a-unset}", out: "1\nunset\n"},
		{name: "assign-prefix-builtin", script: "x=5 true; echo ${x-unset}", out: "unset\n"},
		{name: "assign-prefix-exported", script: "export a=1; a=2 sh -c 'echo $a'; sh -c 'echo $a'", out: "2\n1\n"},
		{name: "assign-not-exported", script: "b=2; sh -c 'echo ${b-unset}'", out: "unset\n"},
		{name: "assign-several", script: "a=1 b=2; echo $a$b", out: "12\n"},
		{name: "assign-value-with-equals", script: "a=b=c; echo $a", out: "b=c\n"},
		{name: "assign-no-split", script: "v='x  y'; a=$v; echo \"$a\"", out: "x  y\n"},
		{name: "assign-no-glob", script: "a=*; echo \"$a\"", files: map[string]string{"f": ""}, out: "*\n"},
		{name: "assign-prefix-path", script: "PATH=/nonexistent ls 2>/dev/null; echo $?", out: "127\n"},
		{name: "assign-prefix-empty-path", script: "PATH= ls 2>/dev/null; echo $?", out: "127\n"},
		{name: "background-stdin-devnull", script: "cat &\nwait\necho after", stdin: "line for nobody\n", out: "after\n"},
		{name: "background-stdin-redirected", script: "cat < in &\nwait", files: map[string]string{"in": "from file\n"}, out: "from file\n"},
		{name: "subshell-keeps-dollar-dollar", script: "p=$$; echo $$ > o & wait; [ \"$(cat o)\" = \"$p\" ] && echo same", out: "same\n"},
		{name: "export-value-not-split", script: `export W=$(echo "a  b"); echo "[$W]"`, out: "[a  b]\n"},
		{name: "export-value-not-globbed", script: "export G=*; echo \"$G\"", files: map[string]string{"f": ""}, out: "*\n"},
		{name: "export-value-tilde", script: "HOME=/h; export P=~/bin:~/x; echo $P", out: "/h/bin:/h/x\n"},
		{name: "readonly-assign-ends-script", script: "readonly R=1; R=2; echo not-reached", out: "", errHas: "R: readonly variable", status: 1},
		{name: "assign-prefix-multiple", script: "a=1 b=2 sh -c 'echo $a $b'", out: "1 2\n"},
		{name: "assign-after-word-is-arg", script: "echo a=1", out: "a=1\n"},
		{name: "assign-status", script: "false; a=1; echo $?; a=$(false); echo $?", out: "0\n1\n"},
		{name: "empty-command-from-expansion", script: "e=; $e; echo $?", out: "0\n"},
		{name: "command-from-variable", script: "c='echo hi'; $c there", out: "hi there\n"},
		// Who collects children (jobs.waitForChildren, the SIGCHLD reaper):
		// an in-shell stage's own child ends after the shell's last
		// external stage; one ends while the shell waits for another.
		{name: "collect-instage-child-last", script: "command sleep 0.2 | true; echo a", out: "a\n"},
		{name: "collect-instage-child-first", script: "command true | sleep 0.2; echo b", out: "b\n"},
		{name: "collect-instage-child-outlives", script: "command sleep 0.3 | sleep 0.1; echo d", out: "d\n"},
		{name: "collect-instage-chain", script: "command sleep 0.1 | command sleep 0.2 | cat; echo c", out: "c\n"},
		{name: "collect-background-during-foreground", script: "sleep 0.1 & sleep 0.3; wait $!; echo $?; jobs", out: "0\n"},
		// The reaper collects them while the script goes on, without a
		// wait; how soon depends on the machine's load: poll for 10 s.
		{name: "collect-no-zombies-in-script", script: `true & true & true & sleep 0.3; for i in $(seq 100); do [ "$(ps -o stat= --ppid $$ | grep -c Z)" = 0 ] && break; sleep 0.1; done; ps -o stat= --ppid $$ | grep -c Z`, out: "0\n", status: 1},
		{name: "collect-child-not-a-job", script: `exec sh -c 'sleep 0.1 & exec "$1" -c "sleep 0.3; echo done"' sh "$(readlink /proc/$$/exe)"`, out: "done\n"},
	})
}

// TestManyCommandsNoLeak: a script of many external commands (and pipelines,
// substitutions, redirections) does not grow the shell's fd count. The test
// reads the shell's fd table at a pause after 5 rounds and after 200 more
// (fdsAtPauses) and compares them, without the Go runtime's own fds (epoll,
// eventfd), opened the first time the runtime needs them. A
// leak of one fd per round shows as 200.
func TestManyCommandsNoLeak(t *testing.T) {
	round := func(n int) string {
		var b strings.Builder
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, "true | cat; x=$(echo %d); y=`echo b`; echo $x > o; cat < o > /dev/null; read z < o; cat <<EOF >/dev/null\nhd\nEOF\n", i)
		}
		return b.String()
	}
	tables := fdsAtPauses(t, round(5), round(200))
	before, after := shellFds(tables[0]), shellFds(tables[1])
	if len(before) != len(after) {
		t.Errorf("the shell had %d fds before 200 rounds and %d after\nbefore: %q\nafter: %q", len(before), len(after), before, after)
	}
}

// TestInteractiveSyntaxError: in an interactive shell a syntax error is
// reported with its position, sets $? to 2, and the shell goes on; an
// incomplete line (open quote, trailing |, && or ||, here-document) asks for
// more with PS2.
func TestInteractiveSyntaxError(t *testing.T) {
	s := newSession(t)
	out := s.Run("echo | | wc")
	if out != s.Name+": syntax error near unexpected token `|'\n" {
		t.Errorf("syntax error printed %q", out)
	}
	if st := s.Status(); st != 2 {
		t.Errorf("$? after a syntax error = %d, want 2", st)
	}
	if out := s.Run("echo still here"); out != "still here\n" {
		t.Errorf("after the syntax error: %q", out)
	}
	if s.Exited(0) {
		t.Fatal("the shell exited on a syntax error")
	}

	for _, tc := range []struct{ first, rest, want string }{
		{"echo 'abc", "def'", "abc\ndef\n"},
		{"echo a |", "tr a b", "b\n"},
		{"true &&", "echo and", "and\n"},
		{"false ||", "echo or", "or\n"},
		{"cat <<EOF", "heredoc line\nEOF", "heredoc line\n"},
		{"echo back\\", "slash", "backslash\n"},
	} {
		s.Send(tc.first + "\r")
		s.WaitPS2()
		lines := strings.Split(tc.rest, "\n")
		for i, l := range lines {
			s.Send(l + "\r")
			if i < len(lines)-1 {
				s.WaitPS2()
			}
		}
		s.Expect(lines[len(lines)-1] + "\n")
		if out := s.WaitPrompt(); out != tc.want {
			t.Errorf("%q then %q printed %q, want %q", tc.first, tc.rest, out, tc.want)
		}
	}
}

// TestBackgroundInSubstitutionReaped: a background job started inside a
// command substitution is nobody's to wait for; the reaper must collect it
// even while the shell sits in a builtin (read), not only at its next
// external command.
func TestBackgroundInSubstitutionReaped(t *testing.T) {
	cmd := exec.Command(requireGosh(t), "-c", `x=$(/bin/sleep 0.1 >/dev/null &); echo started; read y; echo "read $y"`)
	cmd.Env = cleanEnv(t.TempDir())
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	lines := bufio.NewReader(stdout)
	if line, err := lines.ReadString('\n'); line != "started\n" {
		t.Fatalf("gosh printed %q, %v", line, err)
	}
	// The sleep has started; the shell is on its way into read. Any
	// thread of the shell may have started it: each thread has its own
	// list of children.
	if kids := childrenOf(t, cmd.Process.Pid); len(kids) == 0 {
		t.Fatal("gosh has no child: the background sleep did not start")
	}
	waitFor(t, 5*time.Second, "the background sleep to be collected while the shell waits in read", func() bool {
		return len(childrenOf(t, cmd.Process.Pid)) == 0
	})
	io.WriteString(stdin, "line\n")
	stdin.Close()
	rest, _ := io.ReadAll(lines)
	if err := cmd.Wait(); err != nil || string(rest) != "read line\n" {
		t.Fatalf("gosh: %v, output %q", err, rest)
	}
}

// childrenOf lists the pids of pid's children, from the children file of
// each of its threads.
func childrenOf(t *testing.T, pid int) []string {
	t.Helper()
	files, err := filepath.Glob(fmt.Sprintf("/proc/%d/task/*/children", pid))
	if err != nil || len(files) == 0 {
		t.Fatalf("no task children files for %d: %v", pid, err)
	}
	var kids []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			continue // a thread that ended meanwhile
		}
		kids = append(kids, strings.Fields(string(data))...)
	}
	return kids
}

// TestInteractiveHeredocAtEOF: Ctrl+D at the PS2 of a here-document's body
// ends the body, as in bash: the warning (without a line number, as at a
// prompt), the command runs, and the shell reads its next line, with the
// line editor and with the plain one (TERM=dumb), whose Ctrl+D ends one
// read, not the terminal.
func TestInteractiveHeredocAtEOF(t *testing.T) {
	for _, term := range []string{"xterm", "dumb"} {
		t.Run(term, func(t *testing.T) {
			c := sessionConfig{Term: term}
			if ref := os.Getenv("GOSH_TEST_REFERENCE"); ref != "" {
				p, err := exec.LookPath(ref)
				if err != nil {
					t.Fatal(err)
				}
				c.Bin, c.Args = p, []string{"--norc", "--noprofile", "-i"}
			}
			s := startSession(t, c)
			s.WaitPrompt()
			s.Send("cat <<EOF\r")
			s.WaitPS2()
			s.Send("body line\r")
			s.WaitPS2()
			s.Send("\x04")
			out := s.WaitPrompt()
			want := s.Name + ": warning: here-document at line 1 delimited by end-of-file (wanted `EOF')\nbody line\n"
			if !strings.HasSuffix(out, want) {
				t.Errorf("Ctrl+D in the body printed %q, want it to end with %q", out, want)
			}
			if out := s.run("echo still here"); out != "still here\n" {
				t.Errorf("after the here-document: %q", out)
			}
		})
	}
}
