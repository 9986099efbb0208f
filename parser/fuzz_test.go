package parser

import (
	"errors"
	"io"
	"testing"
)

// FuzzParse feeds random text to the parser. Whatever the input, Parse must
// not panic and must return either a tree or a *SyntaxError inside the
// text; a tree must print as text that parses again and prints the same.
// CompletionAt must accept the same text.
//
// Plain "go test" runs the seed corpus below (and any crashers saved in
// testdata/fuzz/FuzzParse); "go test -fuzz=FuzzParse ./parser/" explores.
func FuzzParse(f *testing.F) {
	seeds := []string{
		"",
		"echo hi",
		"a=1 b= c=d=e cmd arg",
		"a | b | c",
		"! a && b || c; d & e",
		"a &\nb ;\n\n c",
		"# comment only\n",
		"echo 'single' \"double $x\" \\e",
		"echo \"a\\$b\\q\\\\\" $",
		"echo ${x} ${x-a} ${x:-a b} ${x=a} ${x:=a} ${x?a} ${x:?a} ${x+a} ${x:+a}",
		"echo ${#x} ${10} $10 $? $$ $! $# $@ $* $- $0",
		"echo ${x:-'q}'\"$y\"\\}} \"${x:-'a' \\}}\"",
		"echo $(a | b; c) $(echo \")\" ')' \\))",
		"echo `a` `echo \\`b\\`` \"`c \\\"d\\\"`\"",
		"echo $((1 + (2*$x) - $(y)))",
		"diff <(sort a) <(sort b) > >(cat) x<(y)z; while read l; do :; done < <(seq 3)",
		"cmd <in >out >>app >|clob <>rw 2>&1 0<&3 3>&- &>all &>>all2",
		"cmd 2>err 10>x 2 >y a2>z",
		"cat <<EOF\nbody $x\nEOF\n",
		"cat <<'EOF'\n$x `y`\nEOF\n",
		"cat <<-EOF\n\tindented\n\tEOF\n",
		"cat <<A; cat <<\"B\"\n1\nA\n2\nB\necho after",
		"cat <<A | wc && cat <<B &\na\nA\nb\nB\n",
		"x=$(cat <<EOF\ninner\nEOF\n)",
		"cat << -x\nb\n-x\n",
		"echo a\\\nb $\\\nHOME",
		"echo 'unterminated",
		"echo \"unterminated",
		"echo $(unterminated",
		"echo ${unterminated",
		"echo $((1+",
		"echo `unterminated",
		"a |",
		"a &&\n\n",
		"| a",
		"a ;;",
		"(a)",
		"echo ${x%y}",
		"cat <<EOF\nnever ends",
		"echo \\",
		"echo $ a$ \"$\" $% ${x:-$}",
		"echo ${x:-a\nb} ${x:-'\n'}",
		"\\! >f; a | \\!",
		"time ls; time -p a | b && ! time { c; }; time; time -- -p; time ! time -p -- x=(1 2) >f",
		"a | time b; \\time c; ! ; time !\ntime -p\n",
		"echo \xff\xfe \\\xc3\xa9",
		"ll; sudo ll | l && s",
		"a a a b ll",
		"h\nbody\nEOF\n",
		"e e; bg",
		"{ a; b & } >out 2>&1 | ( c; d ) && ! { e; }",
		"if a; then b; elif c\nthen d; else e; fi | wc -l",
		"while read -r l; do echo \"$l\"; done <file &",
		"until false\ndo break; done",
		"for i in 1 2 3; do sleep 60; done &",
		"for x do echo $x; done; for y\ndo :; done; for z in; do :; done",
		"select x in a \"b c\" $y; do echo $x; break; done 2>&1 | cat; select y\ndo :; done; select z in; { :; }",
		"PS3='? ' select x in *; do case $REPLY in q) break;; esac; done <in; for i in a; { echo; }",
		"echo $[1+2] $[ $x * (3 - 1) ] \"$[x]\" $[ ]",
		"case $x in (a|b) echo ab;; c) ;& *) echo d;;& esac",
		"case x in esac) a;; (esac) b; esac",
		"echo $(case x in a) echo a;; esac) `case y in b) :;; esac`",
		"f() { echo; }; function g { h; } >x; function k() ( l )",
		"coproc cat; coproc X { cat; } >f 2>&1; coproc Y (ls) | wc; ! coproc a b; coproc W ((1)) &",
		"coproc a\n{ :; }; coproc \"n\" while :; do :; done; coproc >f a=1 cat <<E\nx\nE\n",
		"coproc; coproc a fi; coproc ! x; coproc coproc; coproc a (",
		"f()\n{\n  local x=1\n  return 2\n}\n",
		"((x = 1 + (2 * $y))); for ((i=0; i<3; i++)); do :; done; for ((;;)) { break; }",
		"((echo a); echo b)",
		"[[ -f $f && $a == b* || ! ( $c =~ ^(a|b c)$ ) ]] && [[ a < b || x -eq 1 ]]",
		"[[ \\-f ]]; [[ ! -z x ]]; [[ a =~ x\\(y ]]",
		"if cat <<EOF; then\nbody\nEOF\n  echo yes\nfi",
		"cat <<A | while read l; do echo $l; done\nx\nA\n",
		"{ cat <<E; }\nin\nE\n",
		"\\if a; \\{ b; \\} c; \\fi; \\done",
		"echo if then fi { } done esac",
		"fi", "done", "}", "esac", "then", "if a; then", "while a; do", "case x in", "{ a;", "( a", "f()", "function",
		"[[ a", "[[ -f ]]", "for ((", "a | fi", "for 1 in a; do :; done", "select", "select x in a", "select 1; do :; done", "$[", "$[1+",
		"iff a; then b; fi", "fn :; }", "while a; do b; dn",
		"x=$( (a) | b) $( ((1)) )",
		"case x in a) cat <<E;; b) c;; esac\nbody\nE\n",
		"f() { cat <<E; } >out\n$x\nE\n",
		// line continuations inside reserved words, operators and an IO_NUMBER
		"\\\ni\\\nf true; t\\\nhen :; f\\\ni", "a &\\\n& b |\\\n| c", "echo 2\\\n>\\\n>f 3\\\n>\\\n&1",
		"cat <\\\n<\\\n-E\\\nND\n\tx\n\tEND\n", "f\\\nn \\\n( \\\n) { :; }", "a;\\\n;", "x=$'\\c\\\\'",
	}
	for _, s := range seeds {
		f.Add(s)
	}
	aliases := map[string]string{
		"ll": "ls -l", "ls": "ls -F", "l": "ls | wc -l", "sudo": "sudo ", "e": "",
		"iff": "if", "fn": "f() {", "dn": "done",
		"a": "b ", "b": "a ", "s": "$(s) `s`", "h": "cat <<EOF", "bg": "sleep 1 &",
	}
	cfg := Config{Alias: func(name string) (string, bool) {
		v, ok := aliases[name]
		return v, ok
	}}
	f.Fuzz(func(t *testing.T, src string) {
		if ctx := CompletionAt(src); ctx.Start < 0 || ctx.Start > len(src) {
			t.Fatalf("CompletionAt(%q).Start = %d", src, ctx.Start)
		}
		// With aliases expanded, the printed program is the expansion.
		if file, err := ParseConfig(src, cfg); err == nil {
			if _, err := Parse(String(file)); err != nil {
				t.Fatalf("ParseConfig(%q) printed as %q, which does not parse: %v", src, String(file), err)
			}
			if got := readAllItems(t, src, cfg); got != String(file) {
				t.Fatalf("ParseConfig(%q) printed as %q, the Reader's commands as %q", src, String(file), got)
			}
		}
		file, err := Parse(src)
		if err != nil {
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("Parse(%q): %T %v, want *SyntaxError", src, err, err)
			}
			if se.Pos.Line < 1 || se.Pos.Col < 1 || se.Pos.Offset < 0 || se.Pos.Offset > len(src) {
				t.Fatalf("Parse(%q): error position %+v out of range", src, se.Pos)
			}
			return
		}
		for _, it := range file.List.Items {
			if it.Pos.Offset < 0 || it.Pos.Offset > it.End || it.End > len(src) {
				t.Fatalf("Parse(%q): item at %d..%d", src, it.Pos.Offset, it.End)
			}
		}
		printed := String(file)
		file2, err := Parse(printed)
		if err != nil {
			t.Fatalf("Parse(%q) printed as %q, which does not parse: %v", src, printed, err)
		}
		if again := String(file2); again != printed {
			t.Fatalf("Parse(%q) printed as %q, then as %q", src, printed, again)
		}
		// Read a line at a time, the same text gives the same commands at
		// the same places.
		items := readItems(t, src, Config{})
		if got := String(&List{Items: items}); got != printed {
			t.Fatalf("Parse(%q) printed as %q, the Reader's commands as %q", src, printed, got)
		}
		for i, it := range items {
			if want := file.List.Items[i]; it.Pos != want.Pos || it.End != want.End {
				t.Fatalf("Parse(%q): item %d at %+v..%d, from the Reader at %+v..%d", src, i, want.Pos, want.End, it.Pos, it.End)
			}
		}
	})
}

// readItems reads src through a Reader and returns the list items of all
// the commands; it fails the test on an error.
func readItems(t *testing.T, src string, cfg Config) []*ListItem {
	r := NewReader(readerLines(src), cfg)
	var items []*ListItem
	for {
		f, err := r.Next()
		if errors.Is(err, io.EOF) {
			return items
		}
		if err != nil {
			t.Fatalf("%q parses whole, the Reader fails: %v", src, err)
		}
		items = append(items, f.List.Items...)
	}
}

// readAllItems is readItems printed as one list.
func readAllItems(t *testing.T, src string, cfg Config) string {
	return String(&List{Items: readItems(t, src, cfg)})
}
