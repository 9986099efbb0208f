package shell

import (
	"os"
	"strings"

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
		if _, err := isExecutable(name); err != nil {
			if os.IsNotExist(err) {
				return "", err
			}
			return "", err
		}
		return name, nil
	}
	if name == "" {
		return "", errNotFound
	}
	pathVar, _ := sh.Vars.Get("PATH")
	remember := !override
	if override {
		pathVar = pathOverride
	} else if p, ok := sh.hash.lookup(name, pathVar); ok {
		return p, nil
	}
	var denied error
	for _, dir := range strings.Split(pathVar, ":") {
		if dir == "" {
			dir = "."
		}
		p := dir + "/" + name
		ok, err := isExecutable(p)
		if ok {
			if remember && dir[0] == '/' {
				sh.hash.remember(name, p, pathVar)
			}
			return p, nil
		}
		if err != nil && !os.IsNotExist(err) && denied == nil && !isDirErr(err) {
			denied = err
		}
	}
	if denied != nil {
		return "", denied
	}
	return "", errNotFound
}

func isDirErr(err error) bool { return err != nil && err.Error() == "is a directory" }

// LookPath resolves a name as the shell would run it, for type and
// command -v: alias, builtin, then a file on PATH.
func (sh *Shell) LookPath(name string) (builtins.Kind, string) {
	if v, ok := sh.Aliases[name]; ok {
		return builtins.KindAlias, v
	}
	if _, ok := builtins.Lookup(name); ok {
		return builtins.KindBuiltin, name
	}
	if p, err := sh.lookPath(name); err == nil {
		return builtins.KindFile, p
	}
	return builtins.NotFound, ""
}

// pathHash remembers where PATH search found each command, as bash's and
// dash's command hash tables do, so a script running one program a
// thousand times searches $PATH once. It is valid only for the PATH value it
// was filled with, and an entry is dropped when its file is gone.
type pathHash struct {
	path  string
	found map[string]string
}

func (h *pathHash) lookup(name, pathVar string) (string, bool) {
	if h.path != pathVar || h.found == nil {
		return "", false
	}
	p, ok := h.found[name]
	if ok {
		if ok, _ := isExecutable(p); !ok {
			delete(h.found, name)
			return "", false
		}
	}
	return p, ok
}

func (h *pathHash) remember(name, p, pathVar string) {
	if h.path != pathVar || h.found == nil {
		h.path, h.found = pathVar, map[string]string{}
	}
	h.found[name] = p
}
