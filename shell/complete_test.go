package shell

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"gosh/builtins"
)

// completionShell is a shell in a directory with known files, a PATH of
// one directory with two programs, a variable and an alias.
func completionShell(t *testing.T) (*Shell, string) {
	t.Helper()
	root := t.TempDir()
	dir := filepath.Join(root, "work")
	bin := filepath.Join(root, "bin")
	for _, d := range []string{dir, bin, filepath.Join(dir, "docs"), filepath.Join(dir, "dir two"), filepath.Join(root, "home", "notes")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	files := map[string]os.FileMode{
		filepath.Join(dir, "my file.txt"):      0o644,
		filepath.Join(dir, "my folder.txt"):    0o644,
		filepath.Join(dir, "it's.txt"):         0o644,
		filepath.Join(dir, "run.sh"):           0o755,
		filepath.Join(dir, ".hidden"):          0o644,
		filepath.Join(dir, "docs", "a.md"):     0o644,
		filepath.Join(bin, "zzprog-one"):       0o755,
		filepath.Join(bin, "zzprog-two"):       0o755,
		filepath.Join(bin, "zzdata"):           0o644, // not executable
		filepath.Join(root, "home", "todo.md"): 0o644,
	}
	for f, mode := range files {
		if err := os.WriteFile(f, nil, mode); err != nil {
			t.Fatal(err)
		}
	}
	sh := New(Config{Arg0: "gosh"})
	sh.wd = dir
	sh.Vars.Set("PWD", dir)
	sh.Vars.Set("PATH", bin)
	sh.Vars.Set("HOME", filepath.Join(root, "home"))
	sh.Vars.Set("ZZVAR_ONE", "1")
	sh.Vars.Set("ZZVAR_TWO", "2")
	sh.Vars.Set("ZZSOLO", "3")
	sh.Aliases["zzalias"] = "echo"
	return sh, dir
}

func TestCompletion(t *testing.T) {
	sh, _ := completionShell(t)
	c := &completer{sh: sh}
	tests := []struct {
		name   string
		line   string
		want   []string // the texts the editor may insert
		offset int
	}{
		// Command names: PATH programs, aliases, builtins.
		{"command-common-prefix", "zzp", []string{"rog-"}, 3},
		{"command-list", "zzprog-", []string{"one", "two"}, 7},
		{"command-alias", "zzal", []string{"ias "}, 4},
		{"command-builtin", "ech", []string{"o "}, 3},
		{"command-after-pipe", "ls | zzprog-o", []string{"ne "}, 8},
		{"command-not-executable", "zzda", nil, 0},
		// File names, quoted for the word they go into.
		{"file-space", "cat my\\ fi", []string{"le.txt "}, 6},
		{"file-space-common", "cat my", []string{"\\ f"}, 2},
		{"file-space-list", "cat my\\ f", []string{"ile.txt", "older.txt"}, 5},
		{"file-open-double-quote", "cat \"my fi", []string{"le.txt\" "}, 6},
		{"file-open-single-quote", "cat 'it", []string{"'\\''s.txt' "}, 3},
		{"file-quote-outside", "cat it", []string{"\\'s.txt "}, 2},
		{"file-dangling-backslash", "cat my\\", []string{" f"}, 3},
		{"dir-slash", "cat do", []string{"cs/"}, 2},
		{"dir-contents", "cat docs/", []string{"a.md "}, 0},
		{"dir-with-space", "ls dir", []string{"\\ two/"}, 3},
		{"hidden-only-with-dot", "cat .hi", []string{"dden "}, 3},
		{"tilde", "cat ~/to", []string{"do.md "}, 2},
		{"cd-dirs-only", "cd ", []string{"d"}, 0},
		{"cd-dirs-list", "cd d", []string{"ir\\ two/", "ocs/"}, 1},
		{"command-with-slash", "./r", []string{"un.sh "}, 1},
		// Variables.
		{"var", "echo $ZZVAR_", []string{"ONE", "TWO"}, 6},
		{"var-unique", "echo $ZZS", []string{"OLO "}, 3},
		{"var-brace", "echo ${ZZS", []string{"OLO}"}, 3},
		{"var-in-quotes", "echo \"$ZZS", []string{"OLO"}, 3},
		{"nothing", "cat zzzz-none", nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			line := []rune(tt.line)
			got, offset := c.Do(line, len(line))
			var texts []string
			for _, r := range got {
				texts = append(texts, string(r))
			}
			if !reflect.DeepEqual(texts, tt.want) || (tt.want != nil && offset != tt.offset) {
				t.Errorf("Do(%q) = %q, %d; want %q, %d", tt.line, texts, offset, tt.want, tt.offset)
			}
		})
	}
}

// TestCompletionMidLine: only the text before the cursor counts.
func TestCompletionMidLine(t *testing.T) {
	sh, _ := completionShell(t)
	c := &completer{sh: sh}
	line := []rune("cat do | wc -l")
	got, _ := c.Do(line, len("cat do"))
	if len(got) != 1 || string(got[0]) != "cs/" {
		t.Errorf("Do mid-line = %q", got)
	}
}

// TestCompletionShoptOptions: the shopt options of bash's completion.
// Each case gives the line, the options on, the texts the editor may
// insert, and the line once the editor has inserted the only one and
// applied the completer's rewrite ("" when nothing is inserted).
func TestCompletionShoptOptions(t *testing.T) {
	sh, dir := completionShell(t)
	home, _ := sh.Vars.Get("HOME")
	sh.SetCompSpec("zzcmd", &builtins.CompSpec{Wordlist: "alpha beta"})
	sh.Aliases["zzal2"] = "zzcmd -x"
	sh.Aliases["zzal3"] = "zzal2"
	sh.Aliases["zzloop"] = "zzloop"
	sh.Vars.Set("ZZDIR", dir+"/docs")
	tests := []struct {
		name, line string
		opts       []string
		want       []string
		after      string
	}{
		{"var-dir", "cat $HOME/to", nil, []string{"do.md "}, "cat $HOME/todo.md "},
		{"var-brace-dir", "cat ${ZZDIR}/", nil, []string{"a.md "}, "cat ${ZZDIR}/a.md "},
		{"no-comsub", "cat $(echo x)/", nil, nil, ""},
		{"direxpand-var", "cat $HOME/to", []string{"direxpand"}, []string{"do.md "}, "cat " + home + "/todo.md "},
		{"direxpand-tilde", "cat ~/no", []string{"direxpand"}, []string{"tes/"}, "cat " + home + "/notes/"},
		{"tilde-kept", "cat ~/no", nil, []string{"tes/"}, "cat ~/notes/"},
		{"direxpand-quoted-word", "cat \"$HOME/to", []string{"direxpand"}, []string{"do.md\" "}, "cat \"$HOME/todo.md\" "},
		{"dirspell", "cat dosc/", []string{"dirspell"}, []string{"a.md "}, "cat docs/a.md "},
		{"dirspell-off", "cat dosc/", nil, nil, ""},
		{"dirspell-cd", "cd dcos/", []string{"dirspell"}, nil, ""},
		{"empty-command", "", []string{"no_empty_cmd_completion"}, nil, ""},
		{"empty-command-after-semicolon", "ls; ", []string{"no_empty_cmd_completion"}, nil, ""},
		{"command-still", "zzprog-o", []string{"no_empty_cmd_completion"}, []string{"ne "}, "zzprog-one "},
		{"alias-spec", "zzal2 al", []string{"progcomp_alias"}, []string{"pha "}, "zzal2 alpha "},
		{"alias-of-alias", "zzal3 be", []string{"progcomp_alias"}, []string{"ta "}, "zzal3 beta "},
		{"alias-off", "zzal2 al", nil, nil, ""},
		{"alias-loop", "zzloop al", []string{"progcomp_alias"}, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, o := range tt.opts {
				if err := sh.SetOption(o, true); err != nil {
					t.Fatal(err)
				}
			}
			defer func() {
				for _, o := range tt.opts {
					sh.SetOption(o, false)
				}
			}()
			checkCompletion(t, sh, tt.line, tt.want, tt.after)
		})
	}
}

// checkCompletion completes line (the cursor at its end) and checks the
// texts the editor may insert, and, when there is only one, the line once
// the editor has inserted it and applied the completer's rewrite.
func checkCompletion(t *testing.T, sh *Shell, line string, want []string, after string) {
	t.Helper()
	c := &completer{sh: sh}
	runes := []rune(line)
	got, _ := c.Do(runes, len(runes))
	var texts []string
	for _, r := range got {
		texts = append(texts, string(r))
	}
	if !reflect.DeepEqual(texts, want) {
		t.Fatalf("Do(%q) = %q, want %q", line, texts, want)
	}
	if len(got) != 1 {
		return
	}
	full := append(append([]rune{}, runes...), got[0]...)
	if out, _, ok := c.fixCase(full, len(full)); ok {
		full = out
	}
	if string(full) != after {
		t.Errorf("the line became %q, want %q", string(full), after)
	}
}
