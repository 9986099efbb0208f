package shell

import (
	"errors"
	"io"
	"os"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"
)

// TestParsePasswdLine checks the fields taken from one line, and which
// lines are not entries.
func TestParsePasswdLine(t *testing.T) {
	tests := []struct {
		line string
		want passwd
	}{
		{"root:x:0:0:root:/root:/bin/bash", passwd{"root", 0, "/root", "/bin/bash"}},
		{"ann:x:1000:1000:Ann Lee,,,:/home/ann:/usr/bin/zsh", passwd{"ann", 1000, "/home/ann", "/usr/bin/zsh"}},
		{"nosh:x:7:7:::", passwd{"nosh", 7, "", ""}},                                  // empty gecos, home, shell
		{"odd:x:8:8::/h:/bin/sh:extra", passwd{"odd", 8, "/h", "/bin/sh:extra"}},      // the shell is the rest of the line, as in the C library
		{"  \tlead:x:9:9::/l:/bin/sh", passwd{"lead", 9, "/l", "/bin/sh"}},            // leading blanks skipped
		{"nopw::10:10::/n:", passwd{"nopw", 10, "/n", ""}},                            // empty password field
		{"big:x:4294967294:4294967294::/b:/s", passwd{"big", 4294967294, "/b", "/s"}}, // nobody-style ids
	}
	for _, tt := range tests {
		got, err := parsePasswdLine(tt.line)
		if err != nil || got != tt.want {
			t.Errorf("parsePasswdLine(%q) = %+v, %v; want %+v", tt.line, got, err, tt.want)
		}
	}
	bad := []struct {
		line, why string
	}{
		{"", "blank"},
		{"   \t", "blank after blanks"},
		{"# root:x:0:0:root:/root:/bin/bash", "comment"},
		{"  #root:x:0:0:root:/root:/bin/bash", "comment after blanks"},
		{"root:x:0:0:root:/root", "six fields"},
		{"root", "one field"},
		{":x:0:0:root:/root:/bin/bash", "empty name"},
		{"root:x::0:root:/root:/bin/bash", "empty uid"},
		{"root:x:zero:0:root:/root:/bin/bash", "uid not a number"},
		{"root:x:-1:0:root:/root:/bin/bash", "negative uid"},
		{"root:x:0:g:root:/root:/bin/bash", "gid not a number"},
		{"root:x:0::root:/root:/bin/bash", "empty gid"},
		{"+root:x:0:0:root:/root:/bin/bash", "NIS compat +"},
		{"-root:x:0:0:root:/root:/bin/bash", "NIS compat -"},
		{"+", "NIS compat include-all"},
	}
	for _, tt := range bad {
		if got, err := parsePasswdLine(tt.line); !errors.Is(err, errPasswdLine) {
			t.Errorf("%s: parsePasswdLine(%q) = %+v, %v; want errPasswdLine", tt.why, tt.line, got, err)
		}
	}
}

// passwdText is a password file with the kinds of line a look-up must
// step over before and between real entries.
var passwdText = strings.Join([]string{
	"# /etc/passwd",
	"",
	"root:x:0:0:root:/root:/bin/bash",
	"broken:x:1000",                      // malformed: looks like uid 1000
	"+ann:x:1000:1000::/nis/ann:/bin/sh", // NIS compat, not ann
	"ann:x:1000:1000:Ann:/home/ann:/bin/zsh",
	"ann2:x:1000:1000::/home/ann2:/bin/sh", // same uid: the first wins
	"bob:x:1001:1001::/home/bob:/bin/sh",
	"  # carl:x:1002:1002::/home/carl:/bin/sh",
	"dora:x:1003:1003::/home/dora:/bin/sh", // no newline at the end
}, "\n")

func matchName(name string) func(passwd) bool {
	return func(p passwd) bool { return p.name == name }
}

func matchUID(uid int) func(passwd) bool {
	return func(p passwd) bool { return p.uid == uid }
}

// TestScanPasswd looks users up by name and by uid in passwdText, through
// a reader that returns one byte at a time, so that no line arrives whole.
func TestScanPasswd(t *testing.T) {
	tests := []struct {
		what  string
		match func(passwd) bool
		want  passwd
	}{
		{"name root", matchName("root"), passwd{"root", 0, "/root", "/bin/bash"}},
		{"name ann", matchName("ann"), passwd{"ann", 1000, "/home/ann", "/bin/zsh"}},
		{"name ann2", matchName("ann2"), passwd{"ann2", 1000, "/home/ann2", "/bin/sh"}},
		{"uid 1000", matchUID(1000), passwd{"ann", 1000, "/home/ann", "/bin/zsh"}},
		{"uid 1001", matchUID(1001), passwd{"bob", 1001, "/home/bob", "/bin/sh"}},
		{"last line without newline", matchName("dora"), passwd{"dora", 1003, "/home/dora", "/bin/sh"}},
	}
	for _, tt := range tests {
		got, err := scanPasswd(iotest.OneByteReader(strings.NewReader(passwdText)), tt.match)
		if err != nil || got != tt.want {
			t.Errorf("%s: got %+v, %v; want %+v", tt.what, got, err, tt.want)
		}
	}
	notFound := []struct {
		what  string
		match func(passwd) bool
	}{
		{"unknown name", matchName("nobody")},
		{"unknown uid", matchUID(4242)},
		{"name of a comment line", matchName("carl")},
		{"uid of a comment line", matchUID(1002)},
		{"name of a malformed line", matchName("broken")},
		{"name of a NIS line", matchName("+ann")},
		{"empty name", matchName("")},
		{"a prefix of a name", matchName("an")},
	}
	for _, tt := range notFound {
		got, err := scanPasswd(strings.NewReader(passwdText), tt.match)
		if !errors.Is(err, errNoPasswdEntry) {
			t.Errorf("%s: got %+v, %v; want errNoPasswdEntry", tt.what, got, err)
		}
	}
	for _, text := range []string{"", "\n", "# only a comment\n", "no newline and not an entry"} {
		if got, err := scanPasswd(strings.NewReader(text), matchUID(0)); !errors.Is(err, errNoPasswdEntry) {
			t.Errorf("file %q: got %+v, %v; want errNoPasswdEntry", text, got, err)
		}
	}
	readErr := errors.New("disk on fire")
	r := io.MultiReader(strings.NewReader("# first line\n"), iotest.ErrReader(readErr))
	if got, err := scanPasswd(r, matchUID(0)); !errors.Is(err, readErr) {
		t.Errorf("read error: got %+v, %v; want %v", got, err, readErr)
	}
}

// TestScanPasswdLongLines checks lines longer than bufio's buffer (parsed
// whole) and longer than maxPasswdLine (skipped, with the next line still
// found).
func TestScanPasswdLongLines(t *testing.T) {
	gecos := strings.Repeat("g", 10000)
	long := "long:x:2000:2000:" + gecos + ":/home/long:/bin/sh"
	huge := "huge:x:2001:2001:" + strings.Repeat("h", maxPasswdLine) + ":/home/huge:/bin/sh"
	atMax := "atmax:x:2002:2002:" + strings.Repeat("m", maxPasswdLine-len("atmax:x:2002:2002:::")) + "::"
	text := strings.Join([]string{long, huge, atMax, "after:x:2003:2003::/home/after:/bin/sh", huge}, "\n")
	tests := []struct {
		what  string
		match func(passwd) bool
		want  passwd
		err   error
	}{
		{"a 10 KB line", matchName("long"), passwd{"long", 2000, "/home/long", "/bin/sh"}, nil},
		{"a line of maxPasswdLine bytes", matchName("atmax"), passwd{"atmax", 2002, "", ""}, nil},
		{"the line after a skipped one", matchName("after"), passwd{"after", 2003, "/home/after", "/bin/sh"}, nil},
		{"a line over maxPasswdLine", matchName("huge"), passwd{}, errNoPasswdEntry},
		{"uid of a line over maxPasswdLine", matchUID(2001), passwd{}, errNoPasswdEntry},
	}
	if len(atMax) != maxPasswdLine {
		t.Fatalf("atMax is %d bytes, want %d", len(atMax), maxPasswdLine)
	}
	for _, tt := range tests {
		got, err := scanPasswd(strings.NewReader(text), tt.match)
		if got != tt.want || !errors.Is(err, tt.err) {
			t.Errorf("%s: got %+v, %v; want %+v, %v", tt.what, got, err, tt.want, tt.err)
		}
	}
}

// TestCurrentUserFrom checks the user the shell runs as, found in the file
// or taken from the environment.
func TestCurrentUserFrom(t *testing.T) {
	file := func(match func(passwd) bool) (passwd, error) {
		return scanPasswd(strings.NewReader(passwdText), match)
	}
	byID := func(uid int) (passwd, error) { return file(matchUID(uid)) }
	byName := func(name string) (passwd, error) { return file(matchName(name)) }
	noFile := func(int) (passwd, error) { return passwd{}, os.ErrNotExist }
	noFileName := func(string) (passwd, error) { return passwd{}, os.ErrNotExist }
	tests := []struct {
		what   string
		uid    int
		env    map[string]string
		byID   func(int) (passwd, error)
		byName func(string) (passwd, error)
		want   passwd
	}{
		{"in the file", 1001, map[string]string{"USER": "someone", "HOME": "/x"}, byID, byName,
			passwd{"bob", 1001, "/home/bob", "/bin/sh"}},
		{"NSS user from USER", 5000, map[string]string{"USER": "ldapuser", "LOGNAME": "other", "HOME": "/net/home/l"}, byID, byName,
			passwd{"ldapuser", 5000, "/net/home/l", ""}},
		{"NSS user from LOGNAME", 5000, map[string]string{"LOGNAME": "ldapuser", "HOME": "/net/home/l"}, byID, byName,
			passwd{"ldapuser", 5000, "/net/home/l", ""}},
		{"USER names another uid in the file", 5000, map[string]string{"USER": "bob", "HOME": "/home/bob"}, byID, byName,
			passwd{uid: 5000}},
		{"no USER nor LOGNAME", 5000, map[string]string{"HOME": "/h"}, byID, byName,
			passwd{uid: 5000}},
		{"no password file", 5000, map[string]string{"USER": "u", "HOME": "/h"}, noFile, noFileName,
			passwd{"u", 5000, "/h", ""}},
		{"NSS user without HOME", 5000, map[string]string{"USER": "ldapuser"}, byID, byName,
			passwd{"ldapuser", 5000, "", ""}},
	}
	for _, tt := range tests {
		getenv := func(k string) string { return tt.env[k] }
		got := currentUserFrom(tt.uid, tt.byID, tt.byName, getenv)
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: got %+v, want %+v", tt.what, got, tt.want)
		}
	}
}

// TestTildeUnknownUser checks that ~name of a user the password file does
// not list stays as it was written, as in bash.
func TestTildeUnknownUser(t *testing.T) {
	sh := testShell(t)
	for _, w := range []string{"~no_such_user_gosh", "~no_such_user_gosh/x", "~+root", "~#"} {
		got, err := sh.expandFields(parseWords(t, w))
		if err != nil || !reflect.DeepEqual(got, []string{w}) {
			t.Errorf("%s: got %q, %v; want it unchanged", w, got, err)
		}
	}
	if _, err := lookupUserName("root"); err == nil {
		got, err := sh.expandFields(parseWords(t, "~root/x"))
		if p, _ := lookupUserName("root"); err != nil || len(got) != 1 || got[0] != p.home+"/x" {
			t.Errorf("~root/x: got %q, %v; want %q", got, err, p.home+"/x")
		}
	}
}
