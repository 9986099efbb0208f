package shell

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"os"
	"strconv"
	"strings"

	"gosh/jobs/lazy"
)

// This file is gosh's own look-up of users in the password file, in place
// of os/user. With cgo (the default of go build when a C compiler is
// installed) os/user calls the C library's getpwnam/getpwuid, which links
// gosh dynamically and costs every gosh start the dynamic loader; without
// cgo os/user reads /etc/passwd, as this file does. Like os/user without
// cgo, gosh sees only the users /etc/passwd lists: a user known only
// through NSS (LDAP, sssd, systemd-homed) is not found. For the user the shell runs as,
// currentUser falls back on $USER and $HOME; ~name of any other such user
// stays literal. The README ("Using it") says so.
//
// The file is read line by line, never whole; each line is
//
//	name:password:uid:gid:gecos:home:shell
//
// Blank lines and lines starting with '#' (after leading blanks) are
// skipped, as the C library skips them, and so are malformed lines (fewer
// than seven fields, an empty name, a uid or gid that is not a number), NIS
// compat lines ("+name", "-name") and lines longer than maxPasswdLine.

// passwd is one entry of the password file: the fields a shell uses.
type passwd struct {
	name  string // login name: \u, USER, LOGNAME, ~name
	uid   int    // numeric user id
	home  string // home directory: ~, ~name, HOME
	shell string // login shell: SHELL
}

// passwdFile is the password file the look-ups read.
const passwdFile = "/etc/passwd"

// maxPasswdLine is the longest line of the password file a look-up
// parses. A longer line is skipped whole and the scan goes on at the next
// line, so a corrupt file cannot make the shell hold it in memory.
const maxPasswdLine = 64 << 10

// noUserName is \u for a user neither the password file nor the
// environment names: bash's text for the same case.
const noUserName = "I have no name!"

// errNoPasswdEntry reports that no line of the password file matched.
var errNoPasswdEntry = errors.New("no such user in " + passwdFile)

// errPasswdLine reports a line that is not a password-file entry.
var errPasswdLine = errors.New("not a password-file entry")

// lookupUserName finds the entry of the user called name (for ~name).
func lookupUserName(name string) (passwd, error) {
	return scanPasswdFile(func(p passwd) bool { return p.name == name })
}

// lookupUserID finds the first entry with user id uid (for \u and the
// variables of a login shell), as getpwuid does.
func lookupUserID(uid int) (passwd, error) {
	return scanPasswdFile(func(p passwd) bool { return p.uid == uid })
}

// scanPasswdFile opens the password file and returns the first entry that
// match accepts.
func scanPasswdFile(match func(passwd) bool) (passwd, error) {
	f, err := os.Open(passwdFile)
	if err != nil {
		return passwd{}, err
	}
	defer f.Close()
	return scanPasswd(f, match)
}

// scanPasswd reads r line by line and returns the first entry that match
// accepts: errNoPasswdEntry when none does, or the read error that ended
// the scan.
func scanPasswd(r io.Reader, match func(passwd) bool) (passwd, error) {
	br := bufio.NewReader(r)
	for {
		line, err := readPasswdLine(br)
		if line != nil {
			if p, perr := parsePasswdLine(string(line)); perr == nil && match(p) {
				return p, nil
			}
		}
		if err == io.EOF {
			return passwd{}, errNoPasswdEntry
		}
		if err != nil {
			return passwd{}, err
		}
	}
}

// readPasswdLine reads one line of at most maxPasswdLine bytes, without
// its newline. A longer line is read to its end and returned as nil, so
// that the caller skips it. At the end of the input it returns the last
// line, if there is one without a newline, and io.EOF.
func readPasswdLine(br *bufio.Reader) ([]byte, error) {
	var line []byte
	tooLong := false
	for {
		chunk, err := br.ReadSlice('\n')
		if !tooLong {
			if len(line)+len(chunk) > maxPasswdLine+1 {
				tooLong, line = true, nil
			} else {
				line = append(line, chunk...)
			}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if tooLong {
			return nil, err
		}
		line = bytes.TrimSuffix(line, []byte("\n"))
		if err == io.EOF && len(line) == 0 {
			return nil, io.EOF
		}
		return line, err
	}
}

// parsePasswdLine parses one line of the password file. A blank or
// comment line and a malformed one are errPasswdLine.
func parsePasswdLine(line string) (passwd, error) {
	line = strings.TrimLeft(line, " \t")
	if line == "" || line[0] == '#' {
		return passwd{}, errPasswdLine
	}
	f := strings.SplitN(line, ":", 7)
	if len(f) < 7 || f[0] == "" || f[0][0] == '+' || f[0][0] == '-' {
		return passwd{}, errPasswdLine
	}
	uid, err := strconv.Atoi(f[2])
	if err != nil || uid < 0 {
		return passwd{}, errPasswdLine
	}
	if gid, err := strconv.Atoi(f[3]); err != nil || gid < 0 {
		return passwd{}, errPasswdLine
	}
	return passwd{name: f[0], uid: uid, home: f[5], shell: f[6]}, nil
}

// currentUser is the entry of the user the shell runs as (its real user
// id, as bash's getpwuid(getuid())), looked up once, when first needed.
func currentUser() passwd { return currentUserValue.Get() }

var currentUserValue = lazy.Value[passwd]{Build: func() passwd {
	return currentUserFrom(os.Getuid(), lookupUserID, lookupUserName, os.Getenv)
}}

// currentUserFrom is currentUser with its sources as arguments, so that a
// test can give it a password file and an environment. A user the file
// does not list (NSS only) is taken from the environment: $USER, else
// $LOGNAME, with $HOME, as os/user does without cgo. The environment is
// believed unless the file gives that name to another user id: then it is
// left over from someone else (su without -), and the entry has no name
// (\u shows noUserName, as bash does).
func currentUserFrom(uid int, byID func(int) (passwd, error), byName func(string) (passwd, error), getenv func(string) string) passwd {
	if p, err := byID(uid); err == nil {
		return p
	}
	name := getenv("USER")
	if name == "" {
		name = getenv("LOGNAME")
	}
	if name == "" {
		return passwd{uid: uid}
	}
	if p, err := byName(name); err == nil && p.uid != uid {
		return passwd{uid: uid}
	}
	return passwd{name: name, uid: uid, home: getenv("HOME")}
}

// userHome is the home directory of the user called name, for ~name: the
// shell's own user first (who may be known only from the environment),
// then the password file. ok is false for a user neither knows.
func userHome(name string) (home string, ok bool) {
	if cur := currentUser(); cur.name == name && cur.home != "" {
		return cur.home, true
	}
	p, err := lookupUserName(name)
	if err != nil {
		return "", false
	}
	return p.home, true
}
