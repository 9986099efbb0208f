package shell

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// TestCompLineWords: COMP_WORDS and COMP_CWORD as bash 5.2 gives them to a
// completion function (checked with bash: complete -F f, f prints them).
func TestCompLineWords(t *testing.T) {
	tests := []struct {
		line  string
		words []string
		cword int
	}{
		{"", []string{""}, 0},
		{"git ", []string{"git", ""}, 1},
		{"git chec", []string{"git", "chec"}, 1},
		{"ls --color=au", []string{"ls", "--color", "=", "au"}, 3},
		{"ls --color=", []string{"ls", "--color", "="}, 2},
		{"f a=b:c x@y", []string{"f", "a", "=", "b", ":", "c", "x", "@", "y"}, 8},
		{`f "a b" c`, []string{"f", `"a b"`, "c"}, 2},
		{`f "a b`, []string{"f", `"a b`}, 1},
		{`f a\ b c`, []string{"f", `a\ b`, "c"}, 2},
		{"f 'x=y' z", []string{"f", "'x=y'", "z"}, 2},
		{"f a>b", []string{"f", "a", ">", "b"}, 3},
		{"f a:=b", []string{"f", "a", ":=", "b"}, 3},
		{"f  \tx  ", []string{"f", "x", ""}, 2},
	}
	for _, tt := range tests {
		words, cword := compLineWords(tt.line, len(tt.line), defaultWordBreaks)
		if !reflect.DeepEqual(words, tt.words) || cword != tt.cword {
			t.Errorf("compLineWords(%q) = %q, %d; want %q, %d", tt.line, words, cword, tt.words, tt.cword)
		}
	}
	// Other break characters: only blanks.
	if words, cword := compLineWords("ls --color=au", 13, " \t\n"); !reflect.DeepEqual(words, []string{"ls", "--color=au"}) || cword != 1 {
		t.Errorf("blanks only: %q, %d", words, cword)
	}
}

// TestCompletionText: the text Tab completes (readline's word).
func TestCompletionText(t *testing.T) {
	tests := []struct{ line, text string }{
		{"", ""},
		{"git chec", "chec"},
		{"git log --pretty=one", "one"},
		{"ssh root@lo", "@lo"},
		{"scp f host:/tm", "/tm"},
		{`ls "my fi`, "my fi"},
		{`ls "a=b`, "a=b"},
		{`ls a\=b`, `a\=b`},
		{"ls 'x:y", "x:y"},
		{"ls x y ", ""},
	}
	for _, tt := range tests {
		if got := tt.line[completionText(tt.line, len(tt.line), defaultWordBreaks):]; got != tt.text {
			t.Errorf("completionText(%q) = %q, want %q", tt.line, got, tt.text)
		}
	}
}

// TestCompletionWordBreaks: Tab completion with bash's word breaks: a
// completion specification's names continue the text after '=' or ':',
// are inserted as they are (not quoted) unless they are file names, and
// the only name that does not continue the text replaces it; user@host
// (shopt hostcomplete, $HOSTFILE); a file name after '=' when the whole
// word names none; $FIGNORE and shopt force_fignore. Each case gives the
// line, the texts the editor may insert, and the line once it inserted
// the only one ("" when there are several or none).
func TestCompletionWordBreaks(t *testing.T) {
	sh, dir := completionShell(t)
	hosts := filepath.Join(dir, "hosts")
	if err := os.WriteFile(hosts, []byte("10.0.0.1 alpha alpha.lan # the router\n# 10.0.0.9 ghost\n10.0.0.2 beta\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"a.o", "a.c", "b.o"} {
		if err := os.WriteFile(filepath.Join(dir, f), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := sh.RunString(`HOSTFILE=hosts
_zzfmt() { COMPREPLY=($(compgen -W 'oneline short full' -- "$2")); }
_zzsub() { local c; COMPREPLY=(); for c in checkout cherry-pick; do [[ $c == "$2"* ]] && COMPREPLY+=("$c "); done; compopt -o nospace; }
_zzany() { COMPREPLY=(replaced); }
_zztwo() { COMPREPLY=("a b" "a c"); }
complete -F _zzfmt zzlog; complete -F _zzsub zzgit; complete -F _zzany zzany; complete -F _zztwo zztwo
complete -o filenames -W 'x\ y' zzfile`); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, setup, line string
		want              []string
		after             string
	}{
		{"after-equals", "", "zzlog --pretty=one", []string{"line "}, "zzlog --pretty=oneline "},
		{"after-colon", "", "zzlog x:sh", []string{"ort "}, "zzlog x:short "},
		{"several", "", "zzlog --pretty=", []string{"full", "oneline", "short"}, ""},
		{"literal", "", "zzgit chec", []string{"kout "}, "zzgit checkout "},
		{"common-literal", "", "zzgit che", []string{"ckout ", "rry-pick "}, ""},
		{"file-names-quoted", "", "zzfile x", []string{"\\ y "}, "zzfile x\\ y "},
		{"replaces", "", "zzany p=q", []string{" "}, "zzany p=replaced "},
		{"replaces-common", "", "zztwo q", []string{""}, "zztwo a "},
		{"host", "", "ssh root@al", []string{"pha"}, "ssh root@alpha"},
		{"host-one", "", "ssh root@be", []string{"ta "}, "ssh root@beta "},
		{"host-at-start", "", "echo @alpha.", []string{"lan "}, "echo @alpha.lan "},
		{"host-comment", "", "ssh @gh", nil, ""},
		{"host-off", "shopt -u hostcomplete", "ssh root@be", nil, ""},
		{"host-no-break", "COMP_WORDBREAKS=' :'", "ssh root@be", nil, ""},
		{"file-after-equals", "", "ls --dir=do", []string{"cs/"}, "ls --dir=docs/"},
		{"fignore", "FIGNORE=.o", "ls a.", []string{"c "}, "ls a.c "},
		{"fignore-all", "FIGNORE=.o", "ls b", nil, ""},
		{"fignore-kept", "FIGNORE=.o; shopt -u force_fignore", "ls b", []string{".o "}, "ls b.o "},
		{"fignore-name-is-suffix", "FIGNORE=a.c", "ls a.", []string{"c", "o"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.setup != "" {
				if _, err := sh.RunString(tt.setup); err != nil {
					t.Fatal(err)
				}
				defer sh.RunString("unset FIGNORE; shopt -s hostcomplete force_fignore; COMP_WORDBREAKS=$' \\t\\n\"\\'@><=;|&(:'")
			}
			checkCompletion(t, sh, tt.line, tt.want, tt.after)
		})
	}
}

// TestCompWordBreaksHostcomplete: shopt hostcomplete takes '@' out of
// $COMP_WORDBREAKS and puts it back in front, as bash; an unset variable
// stays unset.
func TestCompWordBreaksHostcomplete(t *testing.T) {
	sh := New(Config{Arg0: "gosh"})
	steps := []struct {
		script, want string
		set          bool
	}{
		{"", defaultWordBreaks, true},
		{"shopt -u hostcomplete", " \t\n\"'><=;|&(:", true},
		{"shopt -s hostcomplete", "@ \t\n\"'><=;|&(:", true},
		{"COMP_WORDBREAKS=' :'; shopt -u hostcomplete; shopt -s hostcomplete", "@ :", true},
		{"unset COMP_WORDBREAKS; shopt -u hostcomplete", "", false},
	}
	for _, s := range steps {
		if _, err := sh.RunString(s.script); err != nil {
			t.Fatal(err)
		}
		got, set := sh.Vars.Get("COMP_WORDBREAKS")
		if got != s.want || set != s.set {
			t.Errorf("after %q: COMP_WORDBREAKS = %q (set %v), want %q (set %v)", s.script, got, set, s.want, s.set)
		}
	}
	if got := sh.wordBreaks(); got != defaultWordBreaks {
		t.Errorf("unset COMP_WORDBREAKS: completion breaks at %q, want bash's default", got)
	}
}
