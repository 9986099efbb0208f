package jobs

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestMessagesHaveKorean reads every Msg literal in the module's source
// (Msg{...} in package jobs, jobs.Msg{...} elsewhere) and every Same(...):
// each Msg must have an English and a Korean text, both fmt formats over
// the same arguments; a Same text must hold no English prose (only a
// system call, a signal name, a format). A new trace line, explain
// sentence or heading without its Korean fails here; so does a trace call
// that passes a plain string, which does not compile.
func TestMessagesHaveKorean(t *testing.T) {
	root := filepath.Join("..")
	fset := token.NewFileSet()
	count := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); strings.HasPrefix(name, ".") && path != root || name == "testdata" {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		inJobs := f.Name.Name == "jobs"
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CompositeLit:
				if isMsgType(n.Type, inJobs) {
					count++
					checkMsgLit(t, fset, n)
				}
				if arr, ok := n.Type.(*ast.ArrayType); ok && isMsgType(arr.Elt, inJobs) {
					for _, el := range n.Elts {
						if c, ok := el.(*ast.CompositeLit); ok && c.Type == nil {
							count++
							checkMsgLit(t, fset, c)
						}
					}
				}
			case *ast.CallExpr:
				if isSameCall(n.Fun, inJobs) && len(n.Args) == 1 {
					count++
					if s, ok := stringLit(n.Args[0]); ok && hasProse(s) {
						t.Errorf("%s: Same(%q) holds English words: make it a Msg with its Korean", fset.Position(n.Pos()), s)
					}
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if count < 200 {
		t.Fatalf("only %d messages found: the scan is not reading the module", count)
	}
}

func isMsgType(e ast.Expr, inJobs bool) bool {
	switch e := e.(type) {
	case *ast.Ident:
		return inJobs && e.Name == "Msg"
	case *ast.SelectorExpr:
		x, ok := e.X.(*ast.Ident)
		return ok && x.Name == "jobs" && e.Sel.Name == "Msg"
	}
	return false
}

func isSameCall(e ast.Expr, inJobs bool) bool {
	switch e := e.(type) {
	case *ast.Ident:
		return inJobs && e.Name == "Same"
	case *ast.SelectorExpr:
		x, ok := e.X.(*ast.Ident)
		return ok && x.Name == "jobs" && e.Sel.Name == "Same"
	}
	return false
}

// checkMsgLit checks one Msg{En: ..., Ko: ...} literal.
func checkMsgLit(t *testing.T, fset *token.FileSet, lit *ast.CompositeLit) {
	t.Helper()
	if len(lit.Elts) == 0 {
		return // the zero Msg: no text at all
	}
	texts := map[string]string{}
	for _, el := range lit.Elts {
		kv, ok := el.(*ast.KeyValueExpr)
		if !ok {
			t.Errorf("%s: a Msg literal must name its fields (En:, Ko:)", fset.Position(el.Pos()))
			return
		}
		key := kv.Key.(*ast.Ident).Name
		s, ok := stringLit(kv.Value)
		if !ok {
			// A computed text (plural forms, a shared phrase): it is
			// checked where its parts are written.
			texts[key] = "\x00"
			continue
		}
		texts[key] = s
	}
	pos := fset.Position(lit.Pos())
	en, ko := texts["En"], texts["Ko"]
	if ko == "" {
		t.Errorf("%s: %q has no Korean (Ko)", pos, en)
		return
	}
	if en == "" {
		t.Errorf("%s: %q has no English (En)", pos, ko)
		return
	}
	if en == "\x00" || ko == "\x00" {
		return
	}
	if ve, vk := formatVerbs(en), formatVerbs(ko); !slices.Equal(ve, vk) {
		t.Errorf("%s: the English and the Korean take different arguments:\n en %v %q\n ko %v %q", pos, ve, en, vk, ko)
	}
	if en == ko && hasProse(en) {
		t.Errorf("%s: %q is English in both languages", pos, en)
	}
}

// stringLit is the value of a string literal or a + of string literals.
func stringLit(e ast.Expr) (string, bool) {
	switch e := e.(type) {
	case *ast.BasicLit:
		if e.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(e.Value)
		return s, err == nil
	case *ast.BinaryExpr:
		if e.Op != token.ADD {
			return "", false
		}
		a, ok1 := stringLit(e.X)
		b, ok2 := stringLit(e.Y)
		return a + b, ok1 && ok2
	case *ast.ParenExpr:
		return stringLit(e.X)
	}
	return "", false
}

var verbRe = regexp.MustCompile(`%(\[(\d+)\])?[-+# 0]*\d*(\.\d+)?([a-zA-Z%])`)

// formatVerbs lists, by argument number, the verb each argument of a
// format gets: "%d %[1]s" -> [1:d 1:s], sorted, so that the English and
// the Korean can take their arguments in different orders.
func formatVerbs(format string) []string {
	var verbs []string
	next := 1
	for _, m := range verbRe.FindAllStringSubmatch(format, -1) {
		if m[4] == "%" {
			continue
		}
		n := next
		if m[2] != "" {
			n, _ = strconv.Atoi(m[2])
		}
		verbs = append(verbs, strconv.Itoa(n)+":"+m[4])
		next = n + 1
	}
	slices.Sort(verbs)
	return slices.Compact(verbs)
}

// proseRe is an English word of three letters or more that is not a
// system-call, flag or signal name: what a Same text must not hold.
var proseRe = regexp.MustCompile(`(^|[\s(:;,])([a-z]{3,})([\s).:;,]|$)`)

// hasProse reports whether s has English words outside of calls and
// flags ("chdir(%q)" and "SIGCHLD" have none; "wait" alone counts).
func hasProse(s string) bool {
	for _, m := range proseRe.FindAllStringSubmatch(s, -1) {
		if !strings.Contains(s, m[2]+"(") && !shellWords[m[2]] {
			return true
		}
	}
	return false
}

// shellWords are names that read the same in every language: keywords,
// builtins and system calls the trace names without parentheses.
var shellWords = map[string]bool{
	"case": true, "for": true, "while": true, "until": true,
	"read": true, "trap": true, "exec": true, "pid": true, "fork": true,
}

// The scan's own rules.
func TestFormatVerbs(t *testing.T) {
	tests := []struct {
		format string
		want   string
	}{
		{"fd %d is %d", "1:d 2:d"},
		{"fd %[2]d를 위한 %[1]d", "1:d 2:d"},
		{"%s: %s %%N", "1:s 2:s"},
		{"%[1]s %[2]s %[3]s", "1:s 2:s 3:s"},
		{"status %#x", "1:x"},
		{"%04o", "1:o"},
	}
	for _, tt := range tests {
		if got := strings.Join(formatVerbs(tt.format), " "); got != tt.want {
			t.Errorf("formatVerbs(%q) = %q, want %q", tt.format, got, tt.want)
		}
	}
	prose := []struct {
		s    string
		want bool
	}{
		{"chdir(%q)", false},
		{"execve(%q, %s)", false},
		{"%s: wait4(-1, WNOHANG|WUNTRACED|WCONTINUED) = %d, %s%s", false},
		{"SIGCHLD", false},
		{"; ", false},
		{"wait", true},
		{"the shell runs it", true},
	}
	for _, tt := range prose {
		if got := hasProse(tt.s); got != tt.want {
			t.Errorf("hasProse(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

// A particle after a number takes the form the number's Korean reading
// needs.
func TestKoParticles(t *testing.T) {
	tests := []struct{ in, want string }{
		{"fd 0는 그대로", "fd 0은 그대로"},
		{"fd 1는 이제 5와 같은", "fd 1은 이제 5와 같은"},
		{"fd 2는 이제 8와 같은", "fd 2는 이제 8과 같은"},
		{"1가 덮어쓰일", "1이 덮어쓰일"},
		{"fd 253를 설정", "fd 253을 설정"},
		{"fd 254를 설정", "fd 254를 설정"},
		{"10는", "10은"},
		{"fd 7로 받는다", "fd 7로 받는다"},
		{"fd 3로 받는다", "fd 3으로 받는다"},
		{"fd 20로", "fd 20으로"},
		{"그룹 4200에 들어간다", "그룹 4200에 들어간다"},
		{"pid 4242이다", "pid 4242이다"}, // a copula is no particle
		{"그 이름은 /dev/fd/63다", "그 이름은 /dev/fd/63이다"},
		{"디스크립터 10다 (", "디스크립터 10이다 ("},
		{"사용자의 fd 2다", "사용자의 fd 2다"},
		{"fd 3다른", "fd 3다른"},
		{"no numbers는", "no numbers는"},
	}
	for _, tt := range tests {
		if got := koParticles(tt.in); got != tt.want {
			t.Errorf("koParticles(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// With fills in both languages; Msg arguments follow the language.
func TestMsgWith(t *testing.T) {
	inner := Msg{En: "the shell", Ko: "셸"}
	m := Msg{En: "%s holds fd %d", Ko: "%s이 fd %d를 쥔다"}.With(inner, 3)
	if m.In("en") != "the shell holds fd 3" || m.In("ko") != "셸이 fd 3을 쥔다" {
		t.Errorf("With: %q / %q", m.In("en"), m.In("ko"))
	}
	if got := m.In("fr"); got != m.In("en") {
		t.Errorf("In(fr) = %q, want the English", got)
	}
	// A With'ed text takes arguments of its own; a % in a word stays.
	word := Msg{En: "file %s", Ko: "파일 %s"}.With("100%")
	if got := (Msg{En: "%s: %d", Ko: "%s: %d"}).With(word, 7).In("ko"); got != "파일 100%: 7" {
		t.Errorf("nested = %q", got)
	}
	if got := word.With().In("en"); got != "file 100%" {
		t.Errorf("re-With = %q", got)
	}
}
