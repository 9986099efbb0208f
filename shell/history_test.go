package shell

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

// historyShell is a shell whose HISTFILE is in a temporary directory.
func historyShell(t *testing.T, size string) (*Shell, *history, string) {
	t.Helper()
	sh := New(Config{Arg0: "gosh"})
	path := filepath.Join(t.TempDir(), "hist")
	sh.Vars.Set("HISTFILE", path)
	if size != "" {
		sh.Vars.Set("HISTSIZE", size)
	}
	return sh, newHistory(sh), path
}

func TestHistoryEntry(t *testing.T) {
	tests := []struct{ typed, want string }{
		{"echo hi\n", "echo hi"},
		{"echo a |\ncat\n", "echo a | cat"},
		{"echo a &&\necho b\n", "echo a && echo b"},
		{"echo a \\\nb\n", "echo a b"},
		// No one-line form: kept as typed.
		{"echo 'a\nb'\n", "echo 'a\nb'"},
		{"cat <<EOF\nbody\nEOF\n", "cat <<EOF\nbody\nEOF"},
		// A syntax error is stored as typed.
		{"echo (\n", "echo ("},
	}
	for _, tt := range tests {
		if got := historyEntry(tt.typed); got != tt.want {
			t.Errorf("historyEntry(%q) = %q, want %q", tt.typed, got, tt.want)
		}
	}
}

func TestHistoryEncoding(t *testing.T) {
	entries := []string{
		"echo plain",
		"echo 'a\nb'",
		`printf 'x\ny' \\`,
		"#+starts like a marker",
		"cat <<EOF\n\\n is not a newline\nEOF",
	}
	var file strings.Builder
	for _, e := range entries {
		line := encodeHistory(e)
		if strings.Contains(line, "\n") {
			t.Errorf("encodeHistory(%q) = %q spans lines", e, line)
		}
		file.WriteString(line + "\n")
	}
	// bash's timestamp lines are skipped, blank lines ignored.
	file.WriteString("#1700000000\n\n")
	got := decodeHistory([]byte(file.String()))
	if fmt.Sprint(got) != fmt.Sprint(entries) {
		t.Errorf("round trip:\n got %q\nwant %q", got, entries)
	}
	if encodeHistory("echo plain") != "echo plain" {
		t.Error("a one-line entry is not written as it is")
	}
}

func TestHistoryAddAndLoad(t *testing.T) {
	sh, h, path := historyShell(t, "")
	sh.Vars.Set("HISTCONTROL", "ignoreboth")
	h.load()
	st, err := os.Stat(path)
	if err != nil {
		t.Fatalf("load did not create the history file: %v", err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("history file mode %v, want 0600", st.Mode().Perm())
	}
	for _, typed := range []string{
		"echo one\n",
		"echo one\n",     // consecutive duplicate
		" echo secret\n", // leading space
		"\n", "   \n",    // blank
		"echo two |\ncat\n", // two lines, one entry
		"echo one\n",        // not consecutive: stored
	} {
		h.add(typed)
	}
	want := []string{"echo one", "echo two | cat", "echo one"}
	if got := h.list(); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("list = %q, want %q", got, want)
	}
	// Saved as entered, before any exit.
	data, _ := os.ReadFile(path)
	if string(data) != "echo one\necho two | cat\necho one\n" {
		t.Errorf("file = %q", data)
	}
	if n := h.nextNumber(); n != 4 {
		t.Errorf("nextNumber = %d, want 4", n)
	}
	if n := h.commandNumber(); n != 8 {
		t.Errorf("commandNumber = %d, want 8 (7 commands entered)", n)
	}

	// A new session reads the entries back.
	h2 := newHistory(sh)
	h2.load()
	if got := h2.list(); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("reloaded list = %q, want %q", got, want)
	}
	// history -c empties the list, not the file.
	h2.clear()
	if len(h2.list()) != 0 {
		t.Error("clear left entries")
	}
	if data2, _ := os.ReadFile(path); string(data2) != string(data) {
		t.Error("clear changed the file")
	}
}

func TestHistorySize(t *testing.T) {
	_, h, path := historyShell(t, "5")
	h.load()
	for i := 1; i <= 20; i++ {
		h.add(fmt.Sprintf("echo %d\n", i))
	}
	if got := h.list(); len(got) != 5 || got[0] != "echo 16" || got[4] != "echo 20" {
		t.Errorf("list = %q, want echo 16..20", got)
	}
	h.save()
	data, _ := os.ReadFile(path)
	if lines := strings.Split(strings.TrimSpace(string(data)), "\n"); len(lines) != 5 || lines[0] != "echo 16" {
		t.Errorf("file after save = %q", lines)
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o600 {
		t.Errorf("rewritten file mode %v", st.Mode().Perm())
	}

	// HISTSIZE=0 stores nothing; a bad value means the default.
	for _, tt := range []struct {
		size string
		want int
	}{{"0", 0}, {"-1", int(^uint(0) >> 1)}, {"lots", defaultHistSize}, {" 12 ", 12}} {
		_, h, _ := historyShell(t, tt.size)
		if got := h.size(); got != tt.want {
			t.Errorf("HISTSIZE=%q: size %d, want %d", tt.size, got, tt.want)
		}
	}
	_, h0, _ := historyShell(t, "0")
	h0.load()
	h0.add("echo x\n")
	if len(h0.list()) != 0 {
		t.Error("HISTSIZE=0 stored an entry")
	}
}

// TestHistoryConcurrentSessions: several shells append to the same file at
// once. Without trimming every entry of every session is there, each on a
// whole line; with trimming (HISTSIZE=100) the file still holds only whole
// entries, at most 100 after the last session exits.
func TestHistoryConcurrentSessions(t *testing.T) {
	for _, size := range []int{100000, 100} {
		path := filepath.Join(t.TempDir(), "hist")
		const sessions, each = 4, 150
		var wg sync.WaitGroup
		for s := 0; s < sessions; s++ {
			sh := New(Config{Arg0: "gosh"})
			sh.Vars.Set("HISTFILE", path)
			sh.Vars.Set("HISTSIZE", fmt.Sprint(size))
			h := newHistory(sh)
			h.load()
			wg.Add(1)
			go func(s int) {
				defer wg.Done()
				for i := 0; i < each; i++ {
					h.add(fmt.Sprintf("echo session-%d-command-%03d %s\n", s, i, strings.Repeat("x", 200)))
				}
				h.save()
			}(s)
		}
		wg.Wait()
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
		seen := map[string]bool{}
		for _, l := range lines {
			var s, i int
			var tail string
			if n, _ := fmt.Sscanf(l, "echo session-%d-command-%d %s", &s, &i, &tail); n != 3 || len(tail) != 200 {
				t.Fatalf("HISTSIZE=%d: corrupt line %q", size, l)
			}
			seen[l] = true
		}
		if size < sessions*each {
			if len(lines) > size {
				t.Errorf("HISTSIZE=%d: %d entries after exit", size, len(lines))
			}
		} else if len(seen) != sessions*each || len(lines) != sessions*each {
			t.Errorf("HISTSIZE=%d: %d entries (%d different), want %d", size, len(lines), len(seen), sessions*each)
		}
		if matches, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "*.tmp*")); len(matches) > 0 {
			t.Errorf("temporary files left: %v", matches)
		}
	}
}

// TestHistoryAddLater: the entry of a line that only starts background
// jobs is in the list at once and in the file once the prompt is shown
// (writePending), or before the next entry, or at exit, always in the order
// entered.
func TestHistoryAddLater(t *testing.T) {
	_, h, path := historyShell(t, "")
	h.load()
	file := func() string {
		data, _ := os.ReadFile(path)
		return string(data)
	}
	h.addLater("make &\n", false)
	if got := h.list(); len(got) != 1 || got[0] != "make &" {
		t.Errorf("list = %q, want the entry at once", got)
	}
	if got := file(); got != "" {
		t.Errorf("file = %q before the prompt, want it empty", got)
	}
	h.writePending()
	if got := file(); got != "make &\n" {
		t.Errorf("file = %q after the prompt, want the entry", got)
	}
	// Not written before the next command: that command writes it first.
	h.addLater("sleep 1 &\n", false)
	h.add("echo fg\n")
	if got := file(); got != "make &\nsleep 1 &\necho fg\n" {
		t.Errorf("file = %q, want the entries in order", got)
	}
	// At exit.
	h.addLater("true &\n", false)
	h.save()
	if got := file(); !strings.HasSuffix(got, "echo fg\ntrue &\n") {
		t.Errorf("file = %q after save, want the waiting entry", got)
	}
	h.writePending() // nothing left: writes nothing again
	if got := file(); strings.Count(got, "true &") != 1 {
		t.Errorf("file = %q, the entry written twice", got)
	}
}

// TestHistoryFullList: once the list holds HISTSIZE entries, each new one
// drops the oldest, and over many commands the list keeps exactly the last
// HISTSIZE in order.
func TestHistoryFullList(t *testing.T) {
	_, h, _ := historyShell(t, "7")
	h.load()
	for i := 1; i <= 1000; i++ {
		h.add(fmt.Sprintf("echo %d\n", i))
		got := h.list()
		want := min(i, 7)
		if len(got) != want || got[len(got)-1] != fmt.Sprintf("echo %d", i) || got[0] != fmt.Sprintf("echo %d", i-want+1) {
			t.Fatalf("after %d: list = %q", i, got)
		}
	}
	if c := cap(h.entries); c > 4*7+8 {
		t.Errorf("the list's backing array holds %d entries for 7 kept", c)
	}
}

// TestHistoryControl: at a prompt the list follows $HISTCONTROL and
// $HISTIGNORE as bash's does: without them every command is kept.
func TestHistoryControl(t *testing.T) {
	cases := []struct {
		control, ignore string
		add             []string
		want            []string
	}{
		{"", "", []string{"a\n", "a\n", " b\n"}, []string{"a", "a", " b"}},
		{"ignoredups", "", []string{"a\n", "a\n", " b\n", "a\n"}, []string{"a", " b", "a"}},
		{"ignorespace", "", []string{"a\n", "a\n", " b\n", "\tc\n"}, []string{"a", "a"}},
		{"ignoreboth", "", []string{"a\n", "a\n", " b\n", "c\n"}, []string{"a", "c"}},
		{"erasedups", "", []string{"a\n", "b\n", "a\n", "b\n"}, []string{"a", "b"}},
		{"", "ls*:&", []string{"ls -l\n", "x\n", "x\n", "lsx\n", "y\n", "x\n"}, []string{"x", "y", "x"}},
		{"", `a\:b:[0-9]*`, []string{"a:b\n", "a\n", "b\n", "1x\n", "x1\n"}, []string{"a", "b", "x1"}},
		{"", "?:", []string{"a\n", "ab\n", "\n"}, []string{"ab"}},
		{"", "@(f|g) *", []string{"f x\n", "g y\n", "h z\n"}, []string{"h z"}},
	}
	for _, c := range cases {
		sh, h, _ := historyShell(t, "")
		sh.Vars.Set("HISTFILE", "")
		sh.Vars.Set("HISTCONTROL", c.control)
		sh.Vars.Set("HISTIGNORE", c.ignore)
		for _, a := range c.add {
			h.add(a)
		}
		if got := h.list(); !slices.Equal(got, c.want) {
			t.Errorf("HISTCONTROL=%q HISTIGNORE=%q: %q, want %q", c.control, c.ignore, got, c.want)
		}
	}
}

// TestScriptHistory: a script's list (set -o history) follows
// $HISTCONTROL, and history -s replaces only a command the list took.
func TestScriptHistory(t *testing.T) {
	cases := []struct {
		control string
		add     []string
		want    []string
	}{
		{"", []string{"a\n", "a\n", " b\n"}, []string{"a", "a", " b"}},
		{"ignoredups", []string{"a\n", "a\n", " b\n"}, []string{"a", " b"}},
		{"ignorespace", []string{"a\n", "a\n", " b\n"}, []string{"a", "a"}},
		{"ignoreboth", []string{"a\n", "a\n", " b\n", "c\n"}, []string{"a", "c"}},
		{"erasedups:nosuch", []string{"a\n", "b\n", "a\n", "a\n"}, []string{"b", "a"}},
		{"ignoredups:erasedups", []string{"a\n", "b\n", "a\n", "c\n"}, []string{"b", "a", "c"}},
	}
	for _, c := range cases {
		sh := New(Config{Arg0: "gosh"})
		if err := sh.SetOption("history", true); err != nil {
			t.Fatal(err)
		}
		sh.Vars.Set("HISTCONTROL", c.control)
		for _, a := range c.add {
			sh.scriptHistory(a)
		}
		if got := sh.History(); !slices.Equal(got, c.want) {
			t.Errorf("HISTCONTROL=%q: %q, want %q", c.control, got, c.want)
		}
	}
	sh := New(Config{Arg0: "gosh"})
	sh.SetOption("history", true)
	h := sh.Hooks.Hist
	h.ReplaceLast("x") // nothing was read (-c text): added
	h.ReplaceLast("y")
	sh.scriptHistory("history -s z\n")
	h.ReplaceLast("z") // replaces the history -s command
	if got := sh.History(); !slices.Equal(got, []string{"x", "y", "z"}) {
		t.Errorf("history -s: %q", got)
	}
}
