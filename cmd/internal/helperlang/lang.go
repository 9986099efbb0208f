// Package helperlang decides the language of the lab helpers' messages
// (cmd/zombie, cmd/orphan, cmd/intignore, cmd/waitstatus, cmd/daemon) the
// way gosh decides it for its teaching texts from the locale: LC_ALL, then
// LC_MESSAGES, then LANG, the first one set and not empty; a value that
// starts with "ko" (ko_KR.UTF-8) means Korean, any other English. Before
// the locale comes GOSH_LANG, which gosh puts in the environment of every
// program it starts while `set -o lang=L` is set (the option wins over the
// locale in gosh too).
package helperlang

import (
	"os"
	"strings"
)

// Korean reports whether the helper's messages are to be in Korean.
func Korean() bool { return korean(os.Getenv) }

func korean(getenv func(string) string) bool {
	switch getenv("GOSH_LANG") { // set -o lang=L in the gosh that started us
	case "ko":
		return true
	case "en":
		return false
	}
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(name); v != "" {
			return strings.HasPrefix(v, "ko")
		}
	}
	return false
}

// Pick returns ko under a Korean locale, en otherwise.
func Pick(en, ko string) string {
	if Korean() {
		return ko
	}
	return en
}
