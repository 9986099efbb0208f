package shell

import "strings"

// keptTempNames lists the names whose temporary assignment outlives
// "NAME=v export NAME" and "NAME=v readonly NAME" (without options): bash
// gives the variable named to export or readonly its global value from
// the temporary one, so "x=5 export x" leaves x=5, exported.
func keptTempNames(argv []string) map[string]bool {
	if len(argv) < 2 || (argv[0] != "export" && argv[0] != "readonly") {
		return nil
	}
	kept := map[string]bool{}
	for _, a := range argv[1:] {
		if strings.HasPrefix(a, "-") {
			return nil
		}
		name, _, _ := strings.Cut(a, "=")
		kept[name] = true
	}
	return kept
}
