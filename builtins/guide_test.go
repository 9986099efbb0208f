package builtins

import (
	"os"
	"strings"
	"testing"
)

const guidePath = "../docs/user-guide.md"

// guideTable is the user guide's table of builtins, made from the
// builtins' own summaries.
func guideTable() string {
	var b strings.Builder
	b.WriteString("| Builtin | What it does |\n|---|---|\n")
	for _, bi := range All() {
		b.WriteString("| `" + bi.Name + "` | " + strings.ReplaceAll(bi.Summary, "|", `\|`) + " |\n")
	}
	return b.String()
}

// TestGuideListsEveryBuiltin: docs/user-guide.md has one line for every
// builtin, with its summary. GOSH_UPDATE_GUIDE=1 rewrites the table.
func TestGuideListsEveryBuiltin(t *testing.T) {
	data, err := os.ReadFile(guidePath)
	if err != nil {
		t.Fatal(err)
	}
	guide := string(data)
	start := strings.Index(guide, "| Builtin | What it does |\n")
	if start < 0 {
		t.Fatal("docs/user-guide.md has no table of builtins")
	}
	end := start
	for end < len(guide) && guide[end] == '|' {
		end += strings.IndexByte(guide[end:], '\n') + 1
	}
	want := guideTable()
	if guide[start:end] == want {
		return
	}
	if os.Getenv("GOSH_UPDATE_GUIDE") != "" {
		if err := os.WriteFile(guidePath, []byte(guide[:start]+want+guide[end:]), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("the table of builtins in docs/user-guide.md is out of date; run GOSH_UPDATE_GUIDE=1 go test ./builtins -run TestGuideListsEveryBuiltin\nwant:\n%s", want)
}

// TestEveryBuiltinHasHelp: help NAME shows a usage line, a summary and a
// description for every builtin.
func TestEveryBuiltinHasHelp(t *testing.T) {
	for _, b := range All() {
		if b.Synopsis == "" || b.Summary == "" || b.Help == "" {
			t.Errorf("%s: synopsis %q, summary %q, help %d bytes", b.Name, b.Synopsis, b.Summary, len(b.Help))
			continue
		}
		if !strings.HasPrefix(b.Synopsis, b.Name) {
			t.Errorf("%s: the usage line does not start with the name: %q", b.Name, b.Synopsis)
		}
		r := run(t, newFake(t), "", "help", b.Name)
		if r.status != 0 || !strings.HasPrefix(r.out, b.Name+": "+b.Synopsis+"\n    "+b.Summary+"\n") {
			t.Errorf("help %s: %d %q", b.Name, r.status, r.out)
		}
		r = run(t, newFake(t), "", "help", "-s", b.Name)
		if r.out != b.Name+": "+b.Synopsis+"\n" {
			t.Errorf("help -s %s: %q", b.Name, r.out)
		}
	}
}
