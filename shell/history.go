package shell

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"golang.org/x/sys/unix"

	"gosh/parser"
)

// This file keeps the command history of an interactive shell: the list
// the history builtin shows and the line editor walks with Up, Down and
// Ctrl+R, and the file it is kept in between sessions ($HISTFILE).
//
// The file is written as the user goes: each command is appended the moment
// it is entered, before it runs, with one write(2) on a descriptor opened
// with O_APPEND, so a crash or a hangup loses nothing and two shells
// appending at once never interleave inside a line. A line that only
// starts background jobs ("make >log 2>&1 &") is appended just after:
// once the next prompt is on the screen (addLater), so that the prompt
// comes back sooner; in any case before the next command runs and before
// the shell exits or hangs up. Only trimming the file to $HISTSIZE entries
// rewrites it (into a temporary file that is renamed over the old one).
// Appending and trimming both hold an flock(2) lock on the file, so a trim
// in one shell cannot lose a line another shell appends meanwhile.
//
// One entry is one physical line of the file. A command typed over several
// lines (a for loop, a trailing |) is stored as one line, joined the way
// the parser prints it ("for i in 1 2; do echo $i; done"), as bash does.
// When no one-line form exists (a here-document, a newline inside quotes),
// the entry is written as "#+" followed by the text with "\" doubled and
// each newline written as "\n".

// defaultHistSize is HISTSIZE when it is unset or not a number.
const defaultHistSize = 1000

// multiLineMark starts a line of the history file that holds an encoded
// multi-line entry.
const multiLineMark = "#+"

// history is the command history of one interactive shell.
type history struct {
	sh *Shell

	mu      sync.Mutex
	entries []string // oldest first, at most size
	// gen changes whenever entries are replaced or cleared, rather than
	// appended to; added counts appends since then. The line editor uses
	// both to keep its own copy of the list in step.
	gen, added int
	// fileCount estimates the number of entries in the file, to know
	// when it is worth trimming.
	fileCount int
	// commands counts the commands entered in this session (\# in PS1).
	commands int
	// path and limit are $HISTFILE and $HISTSIZE as last read by the REPL,
	// for save, which the signal goroutine may run (on SIGHUP) while the
	// REPL changes variables.
	path  string
	limit int
	// out is the history file, kept open between commands, so that saving
	// one costs a lock, a check that it is still the file at path, and one
	// write.
	out *os.File
	// reported is the last history-file error printed, so that a file
	// that stays unusable is reported once, not after every command.
	reported string
	// pending are entries of lines that only started background jobs,
	// whose append waits for the next prompt (addLater); late is the
	// first error of such an append, reported with the next command.
	pending    []pendingEntry
	late       *pendingEntry
	hasPending atomic.Bool // pending is not empty: read without the lock
	// lastAdded: the command being run was stored as the newest entry
	// (bash's hist_last_line_added), which history -s and fc replace.
	lastAdded bool
	// noFile: a script's list (set -o history), which no file keeps.
	noFile bool
}

// pendingEntry is an append to the history file that waits (addLater),
// with $HISTFILE as it was when the command was entered.
type pendingEntry struct {
	path, entry string
	err         error
}

func newHistory(sh *Shell) *history { return &history{sh: sh} }

// setDefaults gives HISTFILE and HISTSIZE their default values unless the
// environment set them. It runs before the start-up files, which may
// change them.
func (h *history) setDefaults() {
	if _, ok := h.sh.Vars.Get("HISTFILE"); !ok {
		if home, ok := h.sh.Vars.Get("HOME"); ok && home != "" {
			name := ".gosh_history"
			if h.sh.Opts.Posix {
				name = ".sh_history" // bash's POSIX mode (gosh --posix)
			}
			h.sh.Vars.Set("HISTFILE", filepath.Join(home, name))
		}
	}
	if _, ok := h.sh.Vars.Get("HISTSIZE"); !ok {
		h.sh.Vars.Set("HISTSIZE", strconv.Itoa(defaultHistSize))
	}
}

// file is the history file in use: $HISTFILE, or "" (no file) when it is
// unset or empty.
func (h *history) file() string {
	if h.noFile {
		return ""
	}
	f, _ := h.sh.Vars.Get("HISTFILE")
	return f
}

// size is $HISTSIZE: how many entries to keep. A negative value keeps
// everything, as in bash; 0 keeps nothing.
func (h *history) size() int {
	v, _ := h.sh.Vars.Get("HISTSIZE")
	n, err := strconv.Atoi(strings.TrimSpace(v))
	switch {
	case err != nil:
		return defaultHistSize
	case n < 0:
		return int(^uint(0) >> 1)
	}
	return n
}

// load reads the history file, creating it (mode 0600) if it is missing,
// and trims it when it holds more than $HISTSIZE entries.
func (h *history) load() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.entries = nil
	h.gen++
	h.added = 0
	path, size := h.file(), h.size()
	h.path, h.limit = path, size
	if path == "" {
		return
	}
	var all []string
	total := 0
	err := withLockedFile(path, func(f *os.File) error {
		var err error
		all, total, err = readHistory(f, size)
		if err != nil {
			return err
		}
		if total > size {
			return rewriteHistory(path, all)
		}
		return nil
	})
	if !errors.Is(err, os.ErrNotExist) {
		// A file whose directory is missing ($HOME gone) is not an error
		// yet before the first prompt, as bash: the first command that
		// cannot be kept in it reports it (addEntry).
		h.report(path, err)
	}
	h.entries = all
	h.fileCount = len(all)
}

// report prints a failure to use the history file, once: while the file
// stays unusable (a directory, unreadable, on a full disk), later failures
// with the same message are not repeated after every command. A success
// (err nil) clears the record.
func (h *history) report(path string, err error) {
	if err == nil {
		h.reported = ""
		return
	}
	msg := path + ": " + errnoText(err)
	if msg == h.reported {
		return
	}
	h.reported = msg
	h.sh.errorf("%s", msg)
}

// list returns a copy of the entries, oldest first.
func (h *history) list() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]string(nil), h.entries...)
}

// clear empties the list (history -c). The file is left alone, as bash does.
func (h *history) clear() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.entries = nil
	h.gen++
	h.added = 0
}

// nextNumber is the history number the next command will get (\! in PS1).
func (h *history) nextNumber() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.entries) + 1
}

// commandNumber is the number of the next command of this session (\#).
func (h *history) commandNumber() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.commands + 1
}

// add records a command as it was entered (the lines it was typed on,
// each ending in a newline) and appends it to the history file at once.
// Blank commands are not stored, nor those $HISTCONTROL and $HISTIGNORE
// leave out (control, ignored).
func (h *history) add(text string) { h.addAs(text, false) }

// addAs is add; with literal, a command of several lines keeps its
// newlines instead of taking its one-line form (shopt lithist).
func (h *history) addAs(text string, literal bool) { h.addEntry(text, literal, false) }

// addLater is addAs for a command line that only starts background jobs:
// the entry is in the list at once, and in the file once the next prompt
// is on the screen (writePending, which the line editor runs then), or
// before the next command, or when the shell exits or hangs up, whichever
// comes first. Appending it takes some 20-35 us: the prompt no longer waits
// for that (issue 9, speed).
func (h *history) addLater(text string, literal bool) { h.addEntry(text, literal, true) }

func (h *history) addEntry(text string, literal, later bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.writePendingLocked() // entries go to the file in the order entered
	if p := h.late; p != nil {
		h.late = nil
		h.report(p.path, p.err)
	}
	h.commands++
	h.lastAdded = false
	entry := historyEntry(text)
	if literal {
		entry = strings.TrimRight(text, "\n")
	}
	c := h.control()
	if entry == "" || c.space && (entry[0] == ' ' || entry[0] == '\t') {
		return
	}
	n := len(h.entries)
	if c.dups && n > 0 && h.entries[n-1] == entry || h.ignored(entry) {
		return
	}
	size := h.size()
	h.limit = size
	if size == 0 {
		return
	}
	if c.erase && slices.Contains(h.entries, entry) {
		// HISTCONTROL=erasedups: the earlier copies leave the list (the
		// file, a log appended to as commands are entered, keeps them).
		h.entries = slices.DeleteFunc(slices.Clone(h.entries), func(e string) bool { return e == entry })
		h.gen++
		h.added = 0
	}
	h.lastAdded = true
	h.entries = append(h.entries, entry)
	h.added++
	if len(h.entries) > size {
		// Drop the oldest. The slice moves on in its backing array, which
		// append replaces by one holding only the entries kept when it is
		// full: memory stays bounded, and a full list costs no copy of
		// every entry per command.
		h.entries = h.entries[len(h.entries)-size:]
	}
	path := h.file()
	h.path = path
	if path == "" {
		return
	}
	if later {
		h.pending = append(h.pending, pendingEntry{path: path, entry: entry})
		h.hasPending.Store(true)
		return
	}
	err := h.append(path, entry)
	h.report(path, err)
	if err != nil {
		return
	}
	h.fileCount++
	// Trim now and then, not after every command: the file may hold up to
	// half as many entries again as HISTSIZE before it is rewritten.
	if h.fileCount > size+size/2+1 {
		h.trimFile(path, size)
	}
}

// histControl is $HISTCONTROL: which commands the list leaves out.
type histControl struct {
	space bool // ignorespace: a command that starts with a blank
	dups  bool // ignoredups: a repeat of the newest entry
	erase bool // erasedups: earlier copies of the command leave the list
}

// control reads $HISTCONTROL, at a prompt as in a script's list (set -o
// history), as bash: unset or empty, every command is kept; unknown
// words are ignored.
func (h *history) control() histControl {
	var c histControl
	v, _ := h.sh.Vars.Get("HISTCONTROL")
	for _, w := range strings.Split(v, ":") {
		switch w {
		case "ignorespace":
			c.space = true
		case "ignoredups":
			c.dups = true
		case "ignoreboth":
			c.space, c.dups = true, true
		case "erasedups":
			c.erase = true
		}
	}
	return c
}

// ignored reports whether entry matches a pattern of $HISTIGNORE, as bash:
// the patterns are separated by colons (a backslash keeps a colon in a
// pattern), each must match the whole entry, and "&" stands for the
// newest entry.
func (h *history) ignored(entry string) bool {
	v, _ := h.sh.Vars.Get("HISTIGNORE")
	if v == "" {
		return false
	}
	for _, pat := range splitHistIgnore(v) {
		switch {
		case pat == "":
		case pat == "&":
			if n := len(h.entries); n > 0 && h.entries[n-1] == entry {
				return true
			}
		case matchPattern(pat, entry):
			return true
		}
	}
	return false
}

// splitHistIgnore splits $HISTIGNORE at the colons that no backslash
// quotes; "\:" becomes ":" in the pattern, other backslashes stay for
// the pattern matcher.
func splitHistIgnore(v string) []string {
	var pats []string
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		switch {
		case v[i] == '\\' && i+1 < len(v) && v[i+1] == ':':
			b.WriteByte(':')
			i++
		case v[i] == ':':
			pats = append(pats, b.String())
			b.Reset()
		default:
			b.WriteByte(v[i])
		}
	}
	return append(pats, b.String())
}

// writePending appends the entries that wait (addLater) to the file: run
// by the line editor once the prompt is on the screen, on whichever
// goroutine wrote it. An error waits in late for the REPL to report it.
func (h *history) writePending() {
	if !h.hasPending.Load() {
		return
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	h.writePendingLocked()
}

// writePendingLocked is writePending with h.mu held. The file is trimmed
// at the next entry appended at once, not here.
func (h *history) writePendingLocked() {
	for _, p := range h.pending {
		if err := h.append(p.path, p.entry); err != nil {
			if h.late == nil {
				p.err = err
				h.late = &p
			}
			continue
		}
		h.fileCount++
	}
	h.pending = h.pending[:0]
	h.hasPending.Store(false)
}

// save runs when the shell exits (or hangs up): it appends the entries
// that wait (addLater), then trims the file to $HISTSIZE entries.
func (h *history) save() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.writePendingLocked()
	if h.path != "" && h.fileCount > h.limit {
		h.trimFile(h.path, h.limit)
	}
}

// rewrite runs when the shell exits under shopt -u histappend: as bash
// does then, the file is replaced by this shell's history list, and what
// other shells appended since it started is lost.
func (h *history) rewrite() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.writePendingLocked()
	path := h.file()
	if path == "" {
		return
	}
	err := withLockedFile(path, func(*os.File) error {
		return rewriteHistory(path, h.entries)
	})
	h.report(path, err)
}

// trimFile keeps the last size entries of the file, which other shells may
// have appended to. Call with h.mu held.
func (h *history) trimFile(path string, size int) {
	err := withLockedFile(path, func(f *os.File) error {
		last, total, err := readHistory(f, size)
		if err != nil {
			return err
		}
		h.fileCount = total
		if total <= size {
			return nil
		}
		h.fileCount = len(last)
		return rewriteHistory(path, last)
	})
	h.report(path, err)
}

// historyEntry turns the text of a command, as typed, into a history entry:
// without its final newline, and on one line when the command spans
// several and has a one-line form.
func historyEntry(text string) string {
	text = strings.TrimRight(text, "\n")
	if !strings.Contains(text, "\n") || strings.TrimSpace(text) == "" {
		return text
	}
	f, err := parsePrinted(text)
	if err != nil {
		return text
	}
	one := parser.String(f)
	if one == "" || strings.Contains(one, "\n") {
		return text
	}
	if text[0] == ' ' {
		one = " " + one // keep the "not stored" mark
	}
	return one
}

// encodeHistory gives the line of the history file for an entry.
func encodeHistory(entry string) string {
	if !strings.Contains(entry, "\n") && !strings.HasPrefix(entry, multiLineMark) {
		return entry
	}
	r := strings.NewReplacer(`\`, `\\`, "\n", `\n`)
	return multiLineMark + r.Replace(entry)
}

// decodeHistory reads the entries of a history file. Timestamp lines that
// bash writes ("#1700000000") are skipped, so a bash history file works too.
func decodeHistory(data []byte) []string {
	all, _, _ := decodeHistoryFrom(bytes.NewReader(data), int(^uint(0)>>1))
	return all
}

// readHistory reads the history file from its start, keeping only its last
// keep entries; total is how many it holds.
func readHistory(f *os.File, keep int) (last []string, total int, err error) {
	return decodeHistoryFrom(io.NewSectionReader(f, 0, 1<<62), keep)
}

// decodeHistoryFrom decodes a history file as it streams past, keeping
// only the last keep entries in a ring, so that a huge file costs memory
// for keep entries and one line, never for the whole file. The ring holds
// raw lines in buffers it reuses; only the entries kept become strings.
func decodeHistoryFrom(r io.Reader, keep int) (last []string, total int, err error) {
	br := bufio.NewReaderSize(r, 64<<10)
	var ring [][]byte
	pos := 0 // once the ring is full, the index of its oldest entry
	var long []byte
	for {
		chunk, rerr := br.ReadSlice('\n')
		if rerr == bufio.ErrBufferFull {
			long = append(long, chunk...)
			continue
		}
		line := chunk
		if long != nil {
			line = append(long, chunk...)
			long = nil
		}
		line = bytes.TrimSuffix(line, []byte{'\n'})
		if isHistoryEntry(line) {
			total++
			switch {
			case keep <= 0:
			case len(ring) < keep:
				ring = append(ring, append([]byte(nil), line...))
			default:
				ring[pos] = append(ring[pos][:0], line...)
				pos = (pos + 1) % keep
			}
		}
		if rerr != nil {
			if !errors.Is(rerr, io.EOF) {
				err = rerr
			}
			break
		}
	}
	last = make([]string, 0, len(ring))
	for i := range ring {
		last = append(last, decodeHistoryLine(ring[(pos+i)%len(ring)]))
	}
	return last, total, err
}

// isHistoryEntry reports whether a line of the file holds an entry: not
// blank, not one of bash's timestamps.
func isHistoryEntry(line []byte) bool {
	return len(line) > 0 && (line[0] != '#' || len(line) == 1 || !isDigits(string(line[1:])))
}

// decodeHistoryLine gives the entry a line of the file holds.
func decodeHistoryLine(line []byte) string {
	if bytes.HasPrefix(line, []byte(multiLineMark)) {
		return unescapeHistory(string(line[len(multiLineMark):]))
	}
	return string(line)
}

func unescapeHistory(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
			if s[i] == 'n' {
				b.WriteByte('\n')
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// append adds one entry to the file with a single write(2) on an O_APPEND
// descriptor: the kernel moves to the end of the file and writes in one
// step, so lines from two shells never interleave. The lock keeps the
// entry from landing in a file that another shell is trimming. The
// descriptor is kept open for the next command; if another shell renamed
// a trimmed file into place, it is opened again. Call with h.mu held.
func (h *history) append(path, entry string) error {
	line := []byte(encodeHistory(entry) + "\n")
	for try := 0; ; try++ {
		if h.out == nil || h.out.Name() != path {
			if h.out != nil {
				h.out.Close()
			}
			f, err := openHigh(path, os.O_RDWR|os.O_APPEND|os.O_CREATE, 0o600)
			if err != nil {
				h.out = nil
				return err
			}
			h.out = f
		}
		if err := flock(h.out, unix.LOCK_EX); err != nil {
			return err
		}
		if try < 10 && !sameFile(h.out, path) {
			flock(h.out, unix.LOCK_UN)
			h.out.Close()
			h.out = nil
			continue
		}
		_, err := h.out.Write(line)
		flock(h.out, unix.LOCK_UN)
		return err
	}
}

// rewriteHistory replaces the file with the given entries: it writes a
// temporary file next to it and renames it over the old one, so a reader
// sees either the old file or the new one, never half of it. The temporary
// file gets a random name and is created with O_CREAT|O_EXCL (mode 0600),
// so a file or symlink planted under a guessable name is never followed
// or overwritten. When $HISTFILE is a symlink, its target is replaced and
// the link stays. The caller holds the lock on the old file.
//
// Only a regular file is replaced. Anything else ($HISTFILE=/dev/null, a
// FIFO, a terminal) is written in place, as bash does: a rename would put
// a regular file where the device was (for root, /dev/null for the whole
// machine).
func rewriteHistory(path string, entries []string) error {
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		return err
	}
	if st, err := os.Stat(real); err == nil && !st.Mode().IsRegular() {
		f, err := os.OpenFile(real, os.O_WRONLY|os.O_TRUNC, 0)
		if err != nil {
			return err
		}
		err = writeHistoryEntries(f, entries)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(real), "."+filepath.Base(real)+".tmp*")
	if err != nil {
		return err
	}
	err = writeHistoryEntries(tmp, entries)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), real)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}

// writeHistoryEntries writes entries to f, one encoded entry per line.
func writeHistoryEntries(f *os.File, entries []string) error {
	w := bufio.NewWriterSize(f, 64<<10)
	for _, e := range entries {
		w.WriteString(encodeHistory(e))
		w.WriteByte('\n')
	}
	return w.Flush()
}

// withLockedFile opens the history file (creating it with mode 0600),
// takes an exclusive flock(2) lock on it and runs fn. If another shell
// renamed a new file into place while this one waited for the lock, the
// lock is on a file nobody will read again: open the new one and retry.
func withLockedFile(path string, fn func(f *os.File) error) error {
	for try := 0; ; try++ {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_APPEND|os.O_CREATE, 0o600)
		if err != nil {
			return err
		}
		if err := flock(f, unix.LOCK_EX); err != nil {
			f.Close()
			return err
		}
		if try < 10 && !sameFile(f, path) {
			f.Close() // closing releases the lock
			continue
		}
		err = fn(f)
		flock(f, unix.LOCK_UN)
		f.Close()
		return err
	}
}

// flock locks or unlocks a whole file: run by the shell around every change
// to the history file, which other gosh sessions change too.
func flock(f *os.File, how int) error {
	for {
		err := unix.Flock(int(f.Fd()), how)
		if !errors.Is(err, unix.EINTR) {
			return err
		}
	}
}

// sameFile reports whether f is still the file at path.
func sameFile(f *os.File, path string) bool {
	a, err1 := f.Stat()
	b, err2 := os.Stat(path)
	return err1 == nil && err2 == nil && os.SameFile(a, b)
}

// since tells the line editor what changed since it last looked, at
// version (gen, added): with whole set, entries is the whole list (it was
// cleared or reloaded); otherwise it is the entries added since.
func (h *history) since(gen, added int) (newGen, newAdded int, entries []string, whole bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if gen != h.gen {
		return h.gen, h.added, append([]string(nil), h.entries...), true
	}
	n := min(h.added-added, len(h.entries))
	return h.gen, h.added, append([]string(nil), h.entries[len(h.entries)-n:]...), false
}
