package shell

import "strings"

// keptTempNames lists the names whose temporary assignment outlives
// "NAME=v export NAME" and "NAME=v readonly NAME" (without options): bash
// gives the variable named to export or readonly its global value from
// the temporary one, so "x=5 export x" leaves x=5, exported. So do
// declare -x and -r (typeset too) outside a function (inFunc false),
// which export and readonly the variable: "x=5 declare -r x".
func keptTempNames(argv []string, inFunc bool) map[string]bool {
	if len(argv) < 2 {
		return nil
	}
	declare := argv[0] == "declare" || argv[0] == "typeset"
	switch {
	case argv[0] == "export", argv[0] == "readonly":
	case declare && !inFunc:
	default:
		return nil
	}
	kept := map[string]bool{}
	attrs := false
	for _, a := range argv[1:] {
		if strings.HasPrefix(a, "-") {
			if !declare || strings.Trim(a[1:], "xr") != "" || a == "-" {
				return nil
			}
			attrs = true
			continue
		}
		name, _, _ := strings.Cut(a, "=")
		kept[name] = true
	}
	if declare && !attrs {
		return nil // plain declare NAME: the temporary value goes (bash)
	}
	return kept
}
