package builtins

import (
	"os"
	"path/filepath"
	"strings"
)

// cdspell is bash's shopt cdspell: in an interactive shell, cd to a
// directory that does not exist tries the name with small spelling
// mistakes mended in each component, the ones bash's spname mends: two
// characters swapped, one character wrong, one too many or one missing.
// It returns the mended name, or ok false when the option is off, the
// shell is not interactive, or a component has no near enough name.
func cdspell(sh Shell, dir string) (string, bool) {
	if on, _ := sh.Option("cdspell"); !on {
		return "", false
	}
	if on, _ := sh.Option("interactive"); !on {
		return "", false
	}
	return SpellDir(sh.Getwd(), dir)
}

// SpellDir mends the spelling of each component of the path dir that
// names no entry, as cdspell does (and shopt dirspell at completion): a
// relative dir is looked up in wd. ok is false when a component has no
// near enough name, or nothing needed mending.
func SpellDir(wd, dir string) (string, bool) {
	var out []string
	sofar := ""
	if strings.HasPrefix(dir, "/") {
		sofar = "/"
	}
	for _, comp := range strings.Split(dir, "/") {
		if comp == "" || comp == "." || comp == ".." {
			out = append(out, comp)
			sofar = joinSlash(sofar, comp)
			continue
		}
		at := orDot(sofar)
		if !filepath.IsAbs(at) {
			at = filepath.Join(wd, at)
		}
		best := nearestName(at, comp)
		if best == "" {
			return "", false
		}
		out = append(out, best)
		sofar = joinSlash(sofar, best)
	}
	fixed := strings.Join(out, "/")
	return fixed, fixed != dir
}

func orDot(p string) string {
	if p == "" {
		return "."
	}
	return p
}

func joinSlash(a, b string) string {
	if a == "" || strings.HasSuffix(a, "/") {
		return a + b
	}
	return a + "/" + b
}

// nearestName is the name in directory dir nearest to name (bash's
// mindist): itself if it is there, else the last of the nearest others
// in the directory's order, "" when none is near enough.
func nearestName(dir, name string) string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return ""
	}
	best, dist := "", 3
	for _, e := range entries {
		d := spellDistance(e.Name(), name)
		if d == 0 {
			return e.Name()
		}
		if d <= dist && d != 3 {
			best, dist = e.Name(), d
		}
	}
	return best
}

// spellDistance is bash's spdist between a name that exists (have) and
// one typed (typed): 0 the same, 1 two characters swapped, 2 one
// character wrong, extra or missing, 3 farther.
func spellDistance(have, typed string) int {
	i := 0
	for i < len(have) && i < len(typed) && have[i] == typed[i] {
		i++
	}
	cur, typ := have[i:], typed[i:]
	if cur == "" && typ == "" {
		return 0
	}
	if cur != "" {
		if typ != "" {
			if len(cur) > 1 && len(typ) > 1 && cur[0] == typ[1] && cur[1] == typ[0] && cur[2:] == typ[2:] {
				return 1
			}
			if cur[1:] == typ[1:] {
				return 2
			}
		}
		if cur[1:] == typ {
			return 2
		}
	}
	if typ != "" && cur == typ[1:] {
		return 2
	}
	return 3
}
