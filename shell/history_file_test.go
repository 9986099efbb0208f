package shell

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

// TestDecodeHistoryKeepsLast: the streaming reader keeps the last entries
// in order, counts all of them, and reads lines longer than its buffer.
func TestDecodeHistoryKeepsLast(t *testing.T) {
	long := "echo " + strings.Repeat("y", 200<<10)
	file := "#1700000000\necho 1\n\necho 2\n#+echo 'a\\nb'\n" + long + "\necho 5\necho 6"
	all := []string{"echo 1", "echo 2", "echo 'a\nb'", long, "echo 5", "echo 6"}
	for _, tt := range []struct {
		keep int
		want []string
	}{
		{100, all},
		{6, all},
		{4, all[2:]},
		{3, all[3:]},
		{1, all[5:]},
		{0, []string{}},
	} {
		got, total, err := decodeHistoryFrom(strings.NewReader(file), tt.keep)
		if err != nil || total != len(all) {
			t.Errorf("keep %d: total %d, err %v; want %d, nil", tt.keep, total, err, len(all))
		}
		if fmt.Sprintf("%q", got) != fmt.Sprintf("%q", tt.want) {
			t.Errorf("keep %d: got %.80q, want %.80q", tt.keep, got, tt.want)
		}
	}
}

// TestHistoryTrimSafeFiles: trimming writes a temporary file with a random
// name (O_EXCL), never one planted under the old predictable name, and a
// symlinked HISTFILE keeps being a symlink whose target is updated.
func TestHistoryTrimSafeFiles(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "real-history")
	link := filepath.Join(dir, "hist")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for i := 1; i <= 20; i++ {
		fmt.Fprintf(&b, "echo %d\n", i)
	}
	if err := os.WriteFile(target, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	// A planted symlink under the name the old code used.
	victim := filepath.Join(dir, "victim")
	os.WriteFile(victim, []byte("precious\n"), 0o600)
	for _, name := range []string{link, target} {
		os.Symlink(victim, fmt.Sprintf("%s.tmp%d", name, os.Getpid()))
	}

	sh := New(Config{Arg0: "gosh"})
	sh.Vars.Set("HISTFILE", link)
	sh.Vars.Set("HISTSIZE", "5")
	h := newHistory(sh)
	h.load()

	if data, _ := os.ReadFile(victim); string(data) != "precious\n" {
		t.Errorf("victim overwritten: %q", data)
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Errorf("HISTFILE is no longer a symlink (%v)", err)
	}
	if data, _ := os.ReadFile(target); string(data) != "echo 16\necho 17\necho 18\necho 19\necho 20\n" {
		t.Errorf("target after trim = %q", data)
	}
	if got := h.list(); len(got) != 5 || got[0] != "echo 16" {
		t.Errorf("list = %q", got)
	}
	// Appending after the trim goes to the new target too.
	h.add("echo 21\n")
	if data, _ := os.ReadFile(target); !strings.HasSuffix(string(data), "echo 20\necho 21\n") {
		t.Errorf("target after add = %q", data)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 5 { // hist, real-history, victim, two planted links
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("files left in the directory: %q", names)
	}
}

// TestHistoryUnusableReportedOnce: a HISTFILE that is a directory or
// unreadable is reported at load, not again after every command.
func TestHistoryUnusableReportedOnce(t *testing.T) {
	dir := t.TempDir()
	unreadable := filepath.Join(dir, "unreadable")
	os.WriteFile(unreadable, nil, 0)
	for _, path := range []string{dir, unreadable} {
		if path == unreadable && os.Geteuid() == 0 {
			continue // root reads everything
		}
		sh := New(Config{Arg0: "gosh"})
		r, w, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		sh.stdio[2] = int(w.Fd())
		sh.Vars.Set("HISTFILE", path)
		h := newHistory(sh)
		h.load()
		for i := 0; i < 3; i++ {
			h.add(fmt.Sprintf("echo %d\n", i))
		}
		h.save()
		w.Close()
		errs, _ := io.ReadAll(r)
		r.Close()
		if n := strings.Count(string(errs), path+": "); n != 1 {
			t.Errorf("HISTFILE=%s: reported %d times: %q", path, n, errs)
		}
	}
}

// TestRewriteHistoryKeepsNonRegularFile: a history file that is not a
// regular file (HISTFILE=/dev/null, a FIFO) is written in place, never
// replaced by a renamed temporary file. The test uses a FIFO, with a reader
// draining it, so that a regression replaces only that FIFO.
func TestRewriteHistoryKeepsNonRegularFile(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "hist")
	if err := unix.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	got := make(chan string, 1)
	go func() {
		f, err := os.Open(fifo)
		if err != nil {
			got <- err.Error()
			return
		}
		b, _ := io.ReadAll(f)
		f.Close()
		got <- string(b)
	}()
	link := filepath.Join(dir, "link")
	if err := os.Symlink(fifo, link); err != nil {
		t.Fatal(err)
	}
	if err := rewriteHistory(link, []string{"echo 1", "echo 2"}); err != nil {
		t.Fatalf("rewriteHistory: %v", err)
	}
	if s := <-got; s != "echo 1\necho 2\n" {
		t.Errorf("the FIFO's reader got %q", s)
	}
	st, err := os.Lstat(fifo)
	if err != nil || st.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("%s is no longer a FIFO: %v %v", fifo, st.Mode(), err)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 2 {
		t.Errorf("left behind in the directory: %v", ents)
	}
}
