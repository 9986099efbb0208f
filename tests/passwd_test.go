package tests

import (
	"bufio"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// TestUserNotInPasswd runs gosh as a user id that /etc/passwd does not
// list, as for a user known only through NSS (LDAP, sssd), which gosh's
// own look-up does not ask (README, "Using it"): \u and ~ come from $USER
// (or $LOGNAME) and $HOME unless /etc/passwd gives that name to another
// uid; \u is then bash's "I have no name!"; ~name of an unknown user stays
// as written. It needs root to change its user id, and skips otherwise.
func TestUserNotInPasswd(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root to run gosh as a user id /etc/passwd does not list")
	}
	uid := unlistedUID(t)
	// The unlisted user must be able to run the binary: a copy in a
	// directory everyone can read.
	// (t.TempDir's parent is private to root.)
	dir, err := os.MkdirTemp("", "gosh-passwd-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "gosh")
	copyExecutable(t, requireGosh(t), bin)
	const script = `x='\u'; echo "${x@P}" ~ ~nss_user_gosh ~no_such_user_gosh; unset HOME; echo ~`
	tests := []struct {
		what string
		env  []string
		want string
	}{
		{"USER names no listed user", []string{"USER=nss_user_gosh", "HOME=/net/h"},
			"nss_user_gosh /net/h /net/h ~no_such_user_gosh\n/net/h\n"},
		{"LOGNAME when USER is unset", []string{"LOGNAME=nss_user_gosh", "HOME=/net/h"},
			"nss_user_gosh /net/h /net/h ~no_such_user_gosh\n/net/h\n"},
		{"USER names root, another uid", []string{"USER=root", "HOME=/net/h"},
			"I have no name! /net/h ~nss_user_gosh ~no_such_user_gosh\n~\n"},
		{"no USER nor LOGNAME", []string{"HOME=/net/h"},
			"I have no name! /net/h ~nss_user_gosh ~no_such_user_gosh\n~\n"},
	}
	for _, tt := range tests {
		env := append([]string{"PATH=/usr/bin:/bin", "LANG=C"}, tt.env...)
		got, errOut := runAsUID(t, uid, dir, env, bin, "-c", script)
		if got != tt.want || errOut != "" {
			t.Errorf("%s: got %q, stderr %q; want %q", tt.what, got, errOut, tt.want)
		}
	}
}

// unlistedUID returns a user id that no line of /etc/passwd has.
func unlistedUID(t *testing.T) int {
	t.Helper()
	f, err := os.Open("/etc/passwd")
	if err != nil {
		t.Skip("no /etc/passwd:", err)
	}
	defer f.Close()
	listed := map[string]bool{}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		if fields := strings.Split(sc.Text(), ":"); len(fields) > 2 {
			listed[fields[2]] = true
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	for uid := 4242; ; uid++ {
		if !listed[strconv.Itoa(uid)] {
			return uid
		}
	}
}

// copyExecutable copies the file src to dst, mode 0755.
func copyExecutable(t *testing.T, src, dst string) {
	t.Helper()
	in, err := os.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}

// runAsUID runs argv as user and group uid, with no supplementary groups,
// in a session of its own, in dir with exactly env, and returns its
// standard output and error. It fails the test if the command does not
// exit 0 within runTimeout; the context kills it then.
func runAsUID(t *testing.T, uid int, dir string, env []string, argv ...string) (stdout, stderr string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), runTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	cmd.Dir = dir
	cmd.Env = env
	var out, errOut strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errOut
	cmd.SysProcAttr = &syscall.SysProcAttr{
		Setsid:     true,
		Pdeathsig:  syscall.SIGKILL,
		Credential: &syscall.Credential{Uid: uint32(uid), Gid: uint32(uid), Groups: []uint32{}},
	}
	if err := cmd.Run(); err != nil {
		t.Fatalf("%q as uid %d: %v (stderr %q)", argv, uid, err, errOut.String())
	}
	return out.String(), errOut.String()
}
