package shell

import (
	"errors"
	"os"
	"sort"
	"strings"

	"golang.org/x/sys/unix"

	"gosh/builtins"
)

// lookPath finds the program a command name runs: a name with a slash is
// used as is; otherwise each directory of $PATH is tried in order (an empty
// entry means the current directory). Like bash, a file that exists but is
// not executable is remembered and reported (126) if nothing better turns up.
func (sh *Shell) lookPath(name string) (string, error) {
	return sh.lookPathIn(name, "", false)
}

// lookPathIn is lookPath with pathOverride in place of $PATH when override
// is set (for "PATH=/x cmd"); such a search is not remembered.
func (sh *Shell) lookPathIn(name, pathOverride string, override bool) (string, error) {
	if strings.Contains(name, "/") {
		// A relative name stays relative: the child starts in the
		// shell's directory (ProcAttr.Dir) before its execve.
		if _, err := isExecutable(sh.abs(name)); err != nil {
			return "", err
		}
		return name, nil
	}
	if name == "" {
		return "", errNotFound
	}
	pathVar, _ := sh.Vars.Get("PATH")
	if override {
		return sh.searchPath(name, pathOverride)
	}
	if sh.Opts.NoHashall {
		// set +h: search every time, as bash; the table is neither
		// read nor filled.
		return sh.searchPath(name, pathVar)
	}
	if p, ok := sh.hash.lookup(name, pathVar); ok {
		// As bash with checkhash off: the remembered file is run without
		// a new search, and if it has gone the command fails on it
		// ("/usr/local/bin/x: No such file or directory", 127).
		// With checkhash on, it is searched for again.
		_, err := isExecutable(sh.abs(p))
		if err == nil {
			return p, nil
		}
		if !sh.Opts.Shopt.Checkhash && !sh.Opts.Posix { // POSIX mode searches again too (bash)
			return p, err
		}
	}
	p, err := sh.searchPath(name, pathVar)
	if err == nil && p[0] == '/' {
		sh.hash.remember(name, p, pathVar, 1)
	}
	return p, err
}

// searchPath tries each directory of pathVar in order (an empty entry
// means the current directory) for an executable file called name. A
// relative directory is relative to the shell's directory (abs). When
// only a file that cannot be run is found, the error says why and the
// path is that file's, which bash names in its message.
func (sh *Shell) searchPath(name, pathVar string) (string, error) {
	var denied error
	var deniedPath string
	for _, dir := range strings.Split(pathVar, ":") {
		if dir == "" {
			dir = "."
		}
		p := dir + "/" + name
		ok, err := isExecutable(sh.abs(p))
		if ok {
			return p, nil
		}
		if err != nil && denied == nil && foundUnrunnable(sh.abs(p), err) {
			denied, deniedPath = err, p
		}
	}
	if denied != nil {
		return deniedPath, denied
	}
	if pathVar == "" {
		// With PATH unset or empty, bash runs ./name and reports what
		// the execve said: "ls: No such file or directory".
		return "", unix.ENOENT
	}
	return "", errNotFound
}

// foundUnrunnable tells whether isExecutable's err for path means a file
// that is there but cannot be run (bash's PATH search remembers it and
// reports 126 if nothing better turns up), not a file that could not be
// looked at: a name too long, a PATH entry that is no directory or cannot
// be searched, a loop of links. bash's search skips those as not found, so
// "command not found" (127) stays its answer.
func foundUnrunnable(path string, err error) bool {
	if os.IsNotExist(err) || errors.Is(err, unix.EISDIR) {
		return false
	}
	var st unix.Stat_t
	return unix.Stat(path, &st) == nil
}

// LookPath resolves a name as the shell would run it, for type and
// command -v: alias, builtin, then a file on PATH.
func (sh *Shell) LookPath(name string) (builtins.Kind, string) {
	if v, ok := sh.Aliases[name]; ok {
		if on, _ := sh.Option("expand_aliases"); on {
			return builtins.KindAlias, v // only where aliases are expanded, as bash
		}
	}
	if _, ok := builtins.LookupEnabled(sh, name); ok {
		return builtins.KindBuiltin, name
	}
	if name == "" || strings.Contains(name, "/") {
		if p, err := sh.lookPath(name); err == nil {
			return builtins.KindFile, p
		}
		return builtins.NotFound, ""
	}
	// Asking is not running: like bash's type, consult the hash table but
	// neither count a hit nor add what the search finds.
	pathVar, _ := sh.Vars.Get("PATH")
	if p, ok := sh.hash.peek(name, pathVar); ok && !sh.Opts.NoHashall {
		return builtins.KindFile, p
	}
	p, err := sh.searchPath(name, pathVar)
	if err == nil {
		return builtins.KindFile, p
	}
	if p := sh.unrunnableInPath(name, pathVar); p != "" {
		// As bash: with no program of that name, type and command -v
		// name the file that running it would fail on (126).
		return builtins.KindFile, p
	}
	return builtins.NotFound, ""
}

// unrunnableInPath is the first file called name in pathVar's directories
// that is no directory, executable or not; "" if there is none.
func (sh *Shell) unrunnableInPath(name, pathVar string) string {
	for _, dir := range strings.Split(pathVar, ":") {
		if dir == "" {
			dir = "."
		}
		p := dir + "/" + name
		var st unix.Stat_t
		if unix.Stat(sh.abs(p), &st) == nil && st.Mode&unix.S_IFMT != unix.S_IFDIR {
			return p
		}
	}
	return ""
}

// pathHash remembers where PATH search found each command, as bash's and
// dash's command hash tables do, so a script running one program a
// thousand times searches $PATH once. It is valid only for the PATH value it
// was filled with. As in bash (its checkhash off), an entry stays when its
// file is gone: running the name fails on that file until hash -r, hash
// -d or a new PATH. Each
// entry counts its hits, the times the shell ran it, for the hash builtin.
type pathHash struct {
	path  string
	found map[string]*hashEntry
	// shared is set when found is shared between a shell and its copies
	// (copy): neither changes it, nor its entries, but copies it first
	// (own), so that a copy that runs only builtins ($(echo hi)) costs
	// no copy of the table.
	shared bool
}

type hashEntry struct {
	path string
	hits int
}

// lookup finds name's entry for running it, and counts a hit.
func (h *pathHash) lookup(name, pathVar string) (string, bool) {
	p, ok := h.peek(name, pathVar)
	if ok {
		h.own()
		h.found[name].hits++
	}
	return p, ok
}

// peek finds name's entry without counting a hit.
func (h *pathHash) peek(name, pathVar string) (string, bool) {
	if h.path != pathVar || h.found == nil {
		return "", false
	}
	e, ok := h.found[name]
	if !ok {
		return "", false
	}
	return e.path, true
}

func (h *pathHash) remember(name, p, pathVar string, hits int) {
	if h.path != pathVar || h.found == nil {
		h.path, h.found, h.shared = pathVar, map[string]*hashEntry{}, false
	}
	h.own()
	h.found[name] = &hashEntry{path: p, hits: hits}
}

// copy is the table for a copy of the shell (a builtin pipeline stage,
// $( )), which may change its own without touching the shell's: "hash |
// cat". Both share the map until one of them changes it (own).
func (h *pathHash) copy() pathHash {
	h.shared = h.found != nil
	return *h
}

// own makes the table's map its own before a change, if it is shared:
// a copy of the map and of its entries.
func (h *pathHash) own() {
	if !h.shared {
		return
	}
	c := make(map[string]*hashEntry, len(h.found))
	for name, e := range h.found {
		cp := *e
		c[name] = &cp
	}
	h.found, h.shared = c, false
}

// Hashed lists the hash table for the hash builtin, sorted by name. Entries
// remembered under another value of PATH are no longer valid: none.
func (sh *Shell) Hashed() []builtins.HashEntry {
	pathVar, _ := sh.Vars.Get("PATH")
	if sh.hash.path != pathVar {
		return nil
	}
	list := make([]builtins.HashEntry, 0, len(sh.hash.found))
	for name, e := range sh.hash.found {
		list = append(list, builtins.HashEntry{Name: name, Path: e.path, Hits: e.hits})
	}
	sort.Slice(list, func(i, j int) bool { return list[i].Name < list[j].Name })
	return list
}

// Hash searches PATH for name now (whatever the table held) and remembers
// the program found, with no hits yet: "hash cc".
func (sh *Shell) Hash(name string) (string, bool) {
	pathVar, _ := sh.Vars.Get("PATH")
	sh.hash.own()
	delete(sh.hash.found, name)
	p, err := sh.searchPath(name, pathVar)
	if err != nil {
		return "", false
	}
	if p[0] == '/' {
		sh.hash.remember(name, p, pathVar, 0)
	}
	return p, true
}

// HashPath remembers path as the program name runs, with no hits, without
// searching: "hash -p /opt/cc/bin/cc cc" (builtins.HashPathShell).
func (sh *Shell) HashPath(name, path string) {
	pathVar, _ := sh.Vars.Get("PATH")
	sh.hash.remember(name, path, pathVar, 0)
}

// HashRan implements builtins.HashRanShell (command -p).
func (sh *Shell) HashRan(name, path string) {
	if sh.Opts.NoHashall {
		return
	}
	pathVar, _ := sh.Vars.Get("PATH")
	sh.hash.remember(name, path, pathVar, 1)
}

// Unhash forgets one name ("hash -d"); it reports whether it was there.
func (sh *Shell) Unhash(name string) bool {
	pathVar, _ := sh.Vars.Get("PATH")
	if _, ok := sh.hash.peek(name, pathVar); !ok {
		return false
	}
	sh.hash.own()
	delete(sh.hash.found, name)
	return true
}

// ClearHash forgets every name ("hash -r"): the next run of each command
// searches PATH again.
func (sh *Shell) ClearHash() { sh.hash = pathHash{} }
