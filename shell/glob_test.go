package shell

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// writeFiles creates empty files (and the directories they need) under dir.
// A name ending in '/' makes a directory.
func writeFiles(t testing.TB, dir string, names ...string) {
	t.Helper()
	for _, name := range names {
		path := filepath.Join(dir, name)
		if strings.HasSuffix(name, "/") {
			if err := os.MkdirAll(path, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestMatchPattern(t *testing.T) {
	cases := []struct {
		pattern string
		yes     []string
		no      []string
	}{
		{"*", []string{"", "a", "abc", ".x"}, nil},
		{"a*", []string{"a", "abc"}, []string{"b", "ba"}},
		{"*.go", []string{"x.go", ".go", "a.b.go"}, []string{"x.goo", "go"}},
		{"a*b*c", []string{"abc", "aXbYc", "abbc", "acbc"}, []string{"ab", "acb", "abcd"}},
		{"?", []string{"a", "é"}, []string{"", "ab"}},
		{"??", []string{"ab", "éé"}, []string{"a", "abc"}},
		{"[abc]", []string{"a", "c"}, []string{"d", "", "ab"}},
		{"[a-c]x", []string{"ax", "bx", "cx"}, []string{"dx", "-x"}},
		{"[!a]", []string{"b", "é"}, []string{"a", ""}},
		{"[^a]", []string{"b"}, []string{"a"}},
		{"[]a]", []string{"]", "a"}, []string{"b"}},
		{"[!]a]", []string{"b"}, []string{"]", "a"}},
		{"[a-]", []string{"a", "-"}, []string{"b"}},
		{"[[:digit:]]*", []string{"1", "9z"}, []string{"a1"}},
		{"[[:alpha:][:digit:]]", []string{"a", "5"}, []string{"-"}},
		{"[[:upper:]]", []string{"A"}, []string{"a"}},
		{"[[:space:]]", []string{" ", "\t"}, []string{"x"}},
		{"[é-ê]", []string{"é", "ê"}, []string{"e"}},
		{"[[.-.]]", []string{"-"}, []string{"[", ".", "]"}},
		{"[[.].]]", []string{"]"}, []string{".", "["}},
		{"[[=]=]]", []string{"]"}, []string{"="}},
		{"[![.].]]", []string{"a", "."}, []string{"]"}},
		{"[[.a.]-[.c.]]", []string{"a", "b", "c"}, []string{"d", "-"}},
		{"[[=é=]x]", []string{"é", "x"}, []string{"e"}},
		{"[[.ab.]]", nil, []string{"a", "b", "ab"}},
		{"[[...]]", []string{"."}, []string{"["}},
		{"[a", []string{"[a"}, []string{"a"}},
		{"a]", []string{"a]"}, nil},
		{`\*`, []string{"*"}, []string{"a"}},
		{`\[a]`, []string{"[a]"}, []string{"a"}},
		{`a\?`, []string{"a?"}, []string{"ab"}},
		{`[\]]`, []string{"]"}, []string{`\`}},
		{`[\!a]`, []string{"!", "a"}, []string{"b"}},
		{`\\`, []string{`\`}, nil},
		{"**", []string{"", "abc"}, nil},
		{"*a*a*a*a*b", []string{"aaaab"}, []string{strings.Repeat("a", 40)}},
	}
	for _, c := range cases {
		for _, s := range c.yes {
			if !matchPattern(c.pattern, s) {
				t.Errorf("matchPattern(%q, %q) = false, want true", c.pattern, s)
			}
		}
		for _, s := range c.no {
			if matchPattern(c.pattern, s) {
				t.Errorf("matchPattern(%q, %q) = true, want false", c.pattern, s)
			}
		}
	}
}

func TestGlob(t *testing.T) {
	sh := testShell(t) // in an empty temporary directory
	writeFiles(t, ".", "a.go", "b.go", "c.txt", "B.go", ".hidden.go", ".h", "x*", "xy", "d1/", "d1/f.go", "d1/.e.go",
		"d2/g.go", "d2/sub/", "d2/g.txt", "file", "[ab]", "a b.go")
	dir, _ := os.Getwd()
	sh.Vars.Set("pat", "*.txt")
	sh.Vars.Set("qpat", `x\*`)
	sh.Vars.Set("epat", `\x*`)

	cases := []struct {
		srcs []string
		want []string
	}{
		{[]string{`*.go`, `*".go"`, `*'.go'`, `*\.go`}, []string{"B.go", "a b.go", "a.go", "b.go"}},
		{[]string{`*`}, []string{"B.go", "[ab]", "a b.go", "a.go", "b.go", "c.txt", "d1", "d2", "file", "x*", "xy"}},
		{[]string{`.*`}, []string{".h", ".hidden.go"}},
		{[]string{`.h*`, `".h"*`}, []string{".h", ".hidden.go"}},
		{[]string{`?.go`}, []string{"B.go", "a.go", "b.go"}},
		{[]string{`[ab].go`}, []string{"a.go", "b.go"}},
		{[]string{`[!a].go`, `[^a].go`}, []string{"B.go", "b.go"}},
		{[]string{`[a-z].go`}, []string{"a.go", "b.go"}},
		{[]string{`*.nomatch`, `"*.nomatch"`}, []string{"*.nomatch"}},
		{[]string{`"*".go`, `\*.go`, `'*.go'`}, []string{"*.go"}},
		{[]string{`"x*"`, `x\*`, `'x*'`}, []string{"x*"}},
		{[]string{`x*`}, []string{"x*", "xy"}},
		{[]string{`"[ab]"`, `\[ab]`}, []string{"[ab]"}},
		{[]string{`[ab]`}, []string{"[ab]"}}, // no a or b: kept, which names the file
		{[]string{`*/*.go`, `d?/*.go`, `d[12]/*.go`}, []string{"d1/f.go", "d2/g.go"}},
		{[]string{`*/.*`}, []string{"d1/.e.go"}},
		{[]string{`*/`}, []string{"d1/", "d2/"}},
		{[]string{`*/*/`}, []string{"d2/sub/"}},
		{[]string{`d2/*`}, []string{"d2/g.go", "d2/g.txt", "d2/sub"}},
		{[]string{`file/*`}, []string{"file/*"}},
		{[]string{dir + `/d1/*.go`}, []string{dir + "/d1/f.go"}},
		{[]string{dir + `/d*/g.*`}, []string{dir + "/d2/g.go", dir + "/d2/g.txt"}},
		{[]string{`$pat`}, []string{"c.txt"}},
		{[]string{`"$pat"`}, []string{"*.txt"}},
		{[]string{`$qpat`}, []string{`x\*`}},      // no unescaped special character: no pattern, kept
		{[]string{`$epat`}, []string{"x*", "xy"}}, // a backslash from an expansion escapes
		{[]string{`a\ *`, `"a "*`}, []string{"a b.go"}},
		{[]string{`c.txt`}, []string{"c.txt"}},
	}
	for _, c := range cases {
		for _, src := range c.srcs {
			got, err := sh.expandFields(parseWords(t, src))
			if err != nil {
				t.Errorf("%s: %v", src, err)
				continue
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("%s: got %q, want %q", src, got, c.want)
			}
		}
	}

	// set -f turns pathname expansion off.
	sh.Opts.Noglob = true
	got, err := sh.expandFields(parseWords(t, `*.go $pat`))
	if err != nil || !reflect.DeepEqual(got, []string{"*.go", "*.txt"}) {
		t.Errorf("set -f: got %q, %v", got, err)
	}
}

func TestGlobUnreadableDir(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads every directory")
	}
	sh := testShell(t)
	writeFiles(t, ".", "locked/f")
	if err := os.Chmod("locked", 0); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod("locked", 0o755)
	got, err := sh.expandFields(parseWords(t, `locked/*`))
	if err != nil || !reflect.DeepEqual(got, []string{"locked/*"}) {
		t.Errorf("got %q, %v", got, err)
	}
}

func TestExpandPattern(t *testing.T) {
	sh := testShell(t)
	cases := []struct {
		src     string
		pattern string
		yes, no []string
	}{
		{`a*`, `a*`, []string{"abc"}, []string{"b"}},
		{`"a*"`, `a\*`, []string{"a*"}, []string{"abc"}},
		{`$star`, `*`, []string{"anything"}, nil},
		{`"$star"`, `\*`, []string{"*"}, []string{"x"}},
		{`[!x]`, `[!x]`, []string{"y"}, []string{"x"}},
		{`["!"x]`, `[\!x]`, []string{"!", "x"}, []string{"y"}},
		{`~`, `/home/test`, []string{"/home/test"}, nil},
	}
	for _, c := range cases {
		p, err := sh.expandPattern(parseWord(t, c.src), false)
		if err != nil || p != c.pattern {
			t.Errorf("expandPattern(%s) = %q, %v; want %q", c.src, p, err, c.pattern)
			continue
		}
		for _, s := range c.yes {
			if !matchPattern(p, s) {
				t.Errorf("%s does not match %q", c.src, s)
			}
		}
		for _, s := range c.no {
			if matchPattern(p, s) {
				t.Errorf("%s matches %q", c.src, s)
			}
		}
	}
}

func BenchmarkGlob(b *testing.B) {
	sh := testShell(b)
	for i := range 200 {
		writeFiles(b, ".", strings.Repeat("f", 1+i%7)+string(rune('a'+i%26))+".go")
	}
	words := parseWords(b, `*.go f*[a-m].go`)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := sh.expandFields(words); err != nil {
			b.Fatal(err)
		}
	}
}
