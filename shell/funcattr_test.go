package shell

import (
	"slices"
	"strings"
	"testing"
)

// Functions a parent passes as BASH_FUNC_name%% come back as exported
// functions; anything that is not exactly one definition of that name
// stays an ordinary variable (bash's rule since Shellshock).
func TestImportFunctions(t *testing.T) {
	tests := []struct {
		env      string
		name     string
		imported bool
	}{
		{"BASH_FUNC_f%%=() {  echo hi\n}", "f", true},
		{"BASH_FUNC_f-x%%=() { echo dash; }", "f-x", true},
		{"BASH_FUNC_g%%=() { echo g; } 2>/dev/null", "g", true},
		{"BASH_FUNC_f%%=() { echo hi; }; echo INJECTED", "f", false},
		{"BASH_FUNC_f%%=() { echo hi; } & echo INJECTED", "f", false},
		{"BASH_FUNC_f%%=() { echo hi; }\necho INJECTED", "f", false},
		{"BASH_FUNC_f%%=() { echo hi; }; g() { :; }", "f", false},
		{"BASH_FUNC_f%%=() { unterminated", "f", false},
		{"BASH_FUNC_f%%=echo hi", "f", false},
		{"BASH_FUNC_f=() { echo hi; }", "f", false},
		{"BASH_FUNC_%%=() { echo hi; }", "", false},
	}
	for _, tt := range tests {
		sh := New(Config{})
		sh.funcs, sh.funcAttrs = nil, nil
		key, _, _ := strings.Cut(tt.env, "=")
		_ = sh.Vars.Set(key, "")
		sh.importFunctions([]string{tt.env})
		exported, _, ok := sh.FuncAttrs(tt.name)
		if ok != tt.imported || ok && !exported {
			t.Errorf("import %q: function %q defined %v exported %v, want %v", tt.env, tt.name, ok, exported, tt.imported)
		}
		if _, still := sh.Vars.Get(key); still == tt.imported {
			t.Errorf("import %q: the variable %s is kept %v, want %v", tt.env, key, still, !tt.imported)
		}
	}
}

// A value that is not one function definition is refused with bash's
// messages.
func TestImportFunctionMessages(t *testing.T) {
	tests := []struct {
		env  string
		msgs []string
	}{
		{"BASH_FUNC_f%%=() { echo hi; }", nil},
		{"BASH_FUNC_f%%=echo hi", nil}, // not even an attempt: an ordinary variable
		{"BASH_FUNC_f%%=() { echo hi; }; echo INJECTED", []string{"warning: f: ignoring function definition attempt", "error importing function definition for `f'"}},
		{"BASH_FUNC_f%%=() { unterminated", []string{"f: line 1: syntax error: unexpected end of file", "error importing function definition for `f'"}},
		{"BASH_FUNC_/bin/ls%%=() { echo evil; }", []string{"error importing function definition for `/bin/ls'"}},
	}
	for _, tt := range tests {
		sh := New(Config{})
		sh.funcs, sh.funcAttrs = nil, nil
		if got := sh.importFunctions([]string{tt.env}); !slices.Equal(got, tt.msgs) {
			t.Errorf("import %q: messages %q, want %q", tt.env, got, tt.msgs)
		}
	}
}

// Exported functions reach a program's environment in bash's form, before
// the command's own assignments; unexported and unset ones do not.
func TestChildEnviron(t *testing.T) {
	sh := New(Config{})
	sh.funcs, sh.funcAttrs = nil, nil
	if _, err := sh.RunString("f() { echo hi; }; g() { :; }; h() { :; }; export -f f h; unset -f h"); err != nil {
		t.Fatal(err)
	}
	env := sh.childEnviron([]string{"_=/bin/env"})
	var funcs []string
	for _, kv := range env {
		if strings.HasPrefix(kv, "BASH_FUNC_") {
			funcs = append(funcs, kv)
		}
	}
	if want := []string{"BASH_FUNC_f%%=() {  echo hi\n}"}; !slices.Equal(funcs, want) {
		t.Errorf("functions in the environment = %q, want %q", funcs, want)
	}
	if env[len(env)-1] != "_=/bin/env" {
		t.Errorf("environment ends with %q, want the command's assignment", env[len(env)-1])
	}
	// A read-only function cannot be redefined, and keeps its attributes
	// in a copy of the shell.
	if _, err := sh.RunString("readonly -f f; f() { echo new; }"); err != nil {
		t.Fatal(err)
	}
	if sh.Status != 1 {
		t.Errorf("redefining a readonly function: status %d, want 1", sh.Status)
	}
	c := sh.clone()
	if exported, readonly, ok := c.FuncAttrs("f"); !ok || !exported || !readonly {
		t.Errorf("copy: f exported %v readonly %v (defined %v), want both", exported, readonly, ok)
	}
}
