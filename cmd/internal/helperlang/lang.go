// Package helperlang decides the language of the lab helpers' messages
// (cmd/zombie, cmd/orphan, cmd/intignore, cmd/waitstatus, cmd/daemon) the
// way gosh decides it for its teaching texts from the locale: LC_ALL, then
// LC_MESSAGES, then LANG, the first one set and not empty; a value that
// starts with "ko" (ko_KR.UTF-8) means Korean, any other English. gosh's
// `set -o lang=ko` is an option of the shell and does not reach the
// programs it starts: under it, LANG=ko_KR.UTF-8 zombie 20 speaks Korean.
package helperlang

import (
	"os"
	"strings"
)

// Korean reports whether the helper's messages are to be in Korean.
func Korean() bool { return korean(os.Getenv) }

func korean(getenv func(string) string) bool {
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
