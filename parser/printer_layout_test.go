package parser

import "testing"

// FuncLayout prints a definition as bash's type and declare -f do. Each
// want is what bash 5.2 prints for the source (declare -f f, without its
// final newline).
func TestFuncLayout(t *testing.T) {
	tests := []struct{ src, want string }{
		{"f() { echo hi; }",
			"f () \n{ \n    echo hi\n}"},
		{"f() { echo a; echo b & echo c; }",
			"f () \n{ \n    echo a;\n    echo b & echo c\n}"},
		{"f() { a && b || ! c | d; }",
			"f () \n{ \n    a && b || ! c | d\n}"},
		{"f() { if a; then b; elif c; then d; else e; fi; }",
			"f () \n{ \n    if a; then\n        b;\n    else\n        if c; then\n            d;\n        else\n            e;\n        fi;\n    fi\n}"},
		{"f() { while a; do b; c; done; }",
			"f () \n{ \n    while a; do\n        b;\n        c;\n    done\n}"},
		{"f() { until a; do b; done >out 2>&1; }",
			"f () \n{ \n    until a; do\n        b;\n    done > out 2>&1\n}"},
		{"f() { for i in 1 2 \"$x\"; do echo $i; done; }",
			"f () \n{ \n    for i in 1 2 \"$x\";\n    do\n        echo $i;\n    done\n}"},
		{"f() { for i; do echo $i; done; }",
			"f () \n{ \n    for i in \"$@\";\n    do\n        echo $i;\n    done\n}"},
		{"f() { select x in a \"b c\" $y; do echo $x; break; done >&2; select y\ndo :; done; }",
			"f () \n{ \n    select x in a \"b c\" $y;\n    do\n        echo $x;\n        break;\n    done 1>&2;\n    select y in \"$@\";\n    do\n        :;\n    done\n}"},
		{"f() { select x; do :; done | cat; for i in a; { echo; }; }",
			"f () \n{ \n    select x in \"$@\";\n    do\n        :;\n    done | cat;\n    for i in a;\n    do\n        echo;\n    done\n}"},
		{"f() { for ((i=0;i<1;i++)) { echo; }; }",
			"f () \n{ \n    for ((i=0; i<1; i++))\n    do\n        echo;\n    done\n}"},
		{"f() { for ((i=0;i<3;i++)); do echo $i; done; }",
			"f () \n{ \n    for ((i=0; i<3; i++))\n    do\n        echo $i;\n    done\n}"},
		{"f() { for ((;;)); do break; done; }",
			"f () \n{ \n    for ((1; 1; 1))\n    do\n        break;\n    done\n}"},
		{"f() { case $x in a|b) echo ab;; c) echo c;& d) ;;& *) echo star; esac; }",
			"f () \n{ \n    case $x in \n        a | b)\n            echo ab\n        ;;\n        c)\n            echo c\n        ;&\n        d)\n\n        ;;&\n        *)\n            echo star\n        ;;\n    esac\n}"},
		{"f() { ( cd /; ls ); }",
			"f () \n{ \n    ( cd /;\n    ls )\n}"},
		{"f() { { a; b; } > f; }",
			"f () \n{ \n    { \n        a;\n        b\n    } > f\n}"},
		{"f() { echo >&2 hi; cat <in >>out 2>/dev/null 3<&0 4<&-; }",
			"f () \n{ \n    echo hi 1>&2;\n    cat < in >> out 2> /dev/null 3<&0 4>&-\n}"},
		{"f() { [[ -f x && $a == b* ]]; (( x = 1 + 2 )); }",
			"f () \n{ \n    [[ -f x && $a == b* ]];\n    (( x = 1 + 2 ))\n}"},
		{"f() { g() { echo inner; }; g; }",
			"f () \n{ \n    function g () \n    { \n        echo inner\n    };\n    g\n}"},
		{"f() ( echo subshell body )",
			"f () \n{ \n    ( echo subshell body )\n}"},
		{"f() { echo $'a\\'b' $'t\\tx'; }",
			"f () \n{ \n    echo 'a'\\''b' 't\tx'\n}"},
		{"f() { a & }",
			"f () \n{ \n    a &\n}"},
		{"f() { if a; then b & fi; }",
			"f () \n{ \n    if a; then\n        b &\n    fi\n}"},
		{"f() { time -p ! ls; time; ! ; }",
			"f () \n{ \n    time -p ! ls;\n    time ;\n    ! \n}"},
		{"f() { echo a; } 2>/dev/null",
			"f () \n{ \n    echo a\n} 2> /dev/null"},
		{"f() { cat <<EOF\nhello $x\nEOF\n}",
			"f () \n{ \n    cat <<EOF\nhello $x\nEOF\n\n}"},
		{"f() { cat <<'EOF'\nliteral\nEOF\necho after; }",
			"f () \n{ \n    cat <<'EOF'\nliteral\nEOF\n\n    echo after\n}"},
		{"f() { cat <<A; echo z; echo w; }\na\nA\n",
			"f () \n{ \n    cat <<A\na\nA\n\n    echo z\n    echo w\n}"},
		{"f() { cat <<A && echo z; }\na\nA\n",
			"f () \n{ \n    cat <<A && \na\nA\n echo z\n}"},
		{"f() { cat <<A & echo z; }\na\nA\n",
			"f () \n{ \n    cat <<A &\na\nA\n  echo z\n}"},
		{"f() { cat <<A | cat <<B; echo z; }\na\nA\nb\nB\n",
			"f () \n{ \n    cat <<A |\na\nA\n  cat <<B\nb\nB\n\n    echo z\n}"},
		{"f() { while cat <<A; do :; done; }\na\nA\n",
			"f () \n{ \n    while cat <<A\na\nA\n do\n        :;\n    done\n}"},
		{"f() { case x in a) cat <<A;; esac; echo z; }\na\nA\n",
			"f () \n{ \n    case x in \n        a)\n            cat <<A\na\nA\n\n        ;;\n    esac\n    echo z\n}"},
		{"f() { ( cat <<A ); }\na\nA\n",
			"f () \n{ \n    ( cat <<A\na\nA\n )\n}"},
		{"f() { cat <<-\"B\"\n\tb\n\tB\n}",
			"f () \n{ \n    cat <<-'B'\nb\nB\n\n}"},
		{"f() { echo \"a\nb\"; }",
			"f () \n{ \n    echo \"a\nb\"\n}"},
	}
	for _, tt := range tests {
		f := mustParse(t, tt.src)
		fd, ok := f.List.Items[0].AndOr.First.Cmds[0].(*FuncDecl)
		if !ok {
			t.Fatalf("Parse(%q): not a function definition", tt.src)
		}
		if got := FuncLayout(fd); got != tt.want {
			t.Errorf("FuncLayout(%q)\n got  %q\n want %q", tt.src, got, tt.want)
		}
	}
	if got := FuncLayout(nil); got != "" {
		t.Errorf("FuncLayout(nil) = %q", got)
	}
}

// The one-line mode is unchanged by the layout mode: a function's job text
// stays on one line, $'...' stays as written.
func TestFuncLayoutLeavesStringAlone(t *testing.T) {
	f := mustParse(t, "f() { echo $'a\\tb'; if a; then b; fi; }")
	if got, want := String(f), "f() { echo $'a\\tb'; if a; then b; fi; }"; got != want {
		t.Errorf("String = %q, want %q", got, want)
	}
}

// FuncEnvValue is the value bash gives BASH_FUNC_f%% for an exported
// function (env shows it after bash's export -f).
func TestFuncEnvValue(t *testing.T) {
	tests := []struct{ src, want string }{
		{"f() { echo hi; }", "() {  echo hi\n}"},
		{"h() ( sub )", "() {  ( sub )\n}"},
		{"f() { if a; then b; fi; g() { :; }; case x in a) y;; esac; { z; }; } 2>/dev/null",
			"() {  if a; then\n b;\n fi;\n function g () \n { \n :\n };\n case x in \n a)\n y\n ;;\n esac;\n { \n z\n }\n} 2> /dev/null"},
	}
	for _, tt := range tests {
		f := mustParse(t, tt.src)
		fd := f.List.Items[0].AndOr.First.Cmds[0].(*FuncDecl)
		if got := FuncEnvValue(fd); got != tt.want {
			t.Errorf("FuncEnvValue(%q)\n got  %q\n want %q", tt.src, got, tt.want)
		}
	}
}
