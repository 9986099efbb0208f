package builtins

import (
	"os"
	"path/filepath"
	"testing"
)

func TestUmaskShow(t *testing.T) {
	tests := []struct {
		mask int
		argv []string
		out  string
	}{
		{0o022, []string{"umask"}, "0022\n"},
		{0o027, []string{"umask"}, "0027\n"},
		{0o777, []string{"umask"}, "0777\n"},
		{0o000, []string{"umask"}, "0000\n"},
		{0o022, []string{"umask", "-S"}, "u=rwx,g=rx,o=rx\n"},
		{0o027, []string{"umask", "-S"}, "u=rwx,g=rx,o=\n"},
		{0o777, []string{"umask", "-S"}, "u=,g=,o=\n"},
		{0o000, []string{"umask", "-S"}, "u=rwx,g=rwx,o=rwx\n"},
		{0o123, []string{"umask", "-S"}, "u=rw,g=rx,o=r\n"},
		{0o022, []string{"umask", "-p"}, "umask 0022\n"},
		{0o022, []string{"umask", "-pS"}, "umask -S u=rwx,g=rx,o=rx\n"},
		{0o022, []string{"umask", "-S", "-p"}, "umask -S u=rwx,g=rx,o=rx\n"},
		{0o022, []string{"umask", "--"}, "0022\n"},
	}
	for _, tt := range tests {
		sh := newFake(t)
		sh.umask = tt.mask
		check(t, "", run(t, sh, "", tt.argv...), 0, tt.out, "")
		if sh.umask != tt.mask {
			t.Errorf("%q changed the mask %04o to %04o", tt.argv, tt.mask, sh.umask)
		}
	}
}

func TestUmaskSet(t *testing.T) {
	tests := []struct {
		from int
		mode string
		want int
	}{
		// Octal, as bash reads it: up to 07777, then only the
		// permission bits count.
		{0o022, "027", 0o027},
		{0o022, "0027", 0o027},
		{0o022, "77", 0o077},
		{0o022, "0", 0},
		{0o022, "1777", 0o777},
		{0o022, "07777", 0o777},
		// Symbolic: the permissions to keep.
		{0o022, "u=rwx,g=rx,o=", 0o027},
		{0o022, "a=rx", 0o222},
		{0o022, "=rx", 0o222},
		{0o022, "=", 0o777},
		{0o022, "u=rwx,go=", 0o077},
		{0o027, "g+w", 0o007},
		{0o007, "o-r,a+x", 0o006},
		{0o077, "go+rx", 0o022},
		{0o000, "a-w", 0o222},
		{0o022, "+w", 0o000},
		{0o022, "u+", 0o022},
		{0o022, "ug=rwx,o=", 0o007},
		{0o022, "u=r,u+w", 0o122},
	}
	for _, tt := range tests {
		sh := newFake(t)
		sh.umask = tt.from
		check(t, "umask "+tt.mode, run(t, sh, "", "umask", tt.mode), 0, "", "")
		if sh.umask != tt.want {
			t.Errorf("umask %s from %04o: %04o, want %04o", tt.mode, tt.from, sh.umask, tt.want)
		}
	}
	// -S prints the new mask; words after the mode are ignored, as bash does.
	sh := newFake(t)
	check(t, "-S with a mode", run(t, sh, "", "umask", "-S", "077"), 0, "u=rwx,g=,o=\n", "")
	sh.umask = 0
	check(t, "mode after --", run(t, sh, "", "umask", "--", "-w"), 0, "", "")
	if sh.umask != 0o222 {
		t.Errorf("umask -- -w: %04o", sh.umask)
	}
	check(t, "extra words", run(t, sh, "", "umask", "027", "033"), 0, "", "")
	if sh.umask != 0o027 {
		t.Errorf("umask 027 033: %04o", sh.umask)
	}
}

func TestUmaskErrors(t *testing.T) {
	tests := []struct {
		argv   []string
		status int
		errOut string
	}{
		{[]string{"umask", "9"}, 1, "gosh: umask: 9: octal number out of range\n"},
		{[]string{"umask", "8"}, 1, "gosh: umask: 8: octal number out of range\n"},
		{[]string{"umask", "78"}, 1, "gosh: umask: 78: octal number out of range\n"},
		{[]string{"umask", "0777777"}, 1, "gosh: umask: 0777777: octal number out of range\n"},
		{[]string{"umask", "10000"}, 1, "gosh: umask: 10000: octal number out of range\n"},
		{[]string{"umask", "022x"}, 1, "gosh: umask: 022x: octal number out of range\n"},
		{[]string{"umask", "x"}, 1, "gosh: umask: `x': invalid symbolic mode operator\n"},
		{[]string{"umask", ","}, 1, "gosh: umask: `,': invalid symbolic mode operator\n"},
		{[]string{"umask", "u=rwx,q"}, 1, "gosh: umask: `q': invalid symbolic mode operator\n"},
		{[]string{"umask", "u"}, 1, "gosh: umask: `\x00': invalid symbolic mode operator\n"},
		{[]string{"umask", ""}, 1, "gosh: umask: `\x00': invalid symbolic mode operator\n"},
		{[]string{"umask", "u=q"}, 1, "gosh: umask: `q': invalid symbolic mode character\n"},
		{[]string{"umask", "a=r+w"}, 1, "gosh: umask: `+': invalid symbolic mode character\n"},
		{[]string{"umask", "ug=rwx-w"}, 1, "gosh: umask: `-': invalid symbolic mode character\n"},
		{[]string{"umask", "u=x=w"}, 1, "gosh: umask: `=': invalid symbolic mode character\n"},
		{[]string{"umask", "-w"}, 2, "gosh: umask: -w: invalid option\numask: usage: umask [-p] [-S] [mode]\n"},
		{[]string{"umask", "-z"}, 2, "gosh: umask: -z: invalid option\numask: usage: umask [-p] [-S] [mode]\n"},
	}
	for _, tt := range tests {
		sh := newFake(t)
		sh.umask = 0o022
		check(t, "", run(t, sh, "", tt.argv...), tt.status, "", tt.errOut)
		if sh.umask != 0o022 {
			t.Errorf("%q changed the mask to %04o", tt.argv, sh.umask)
		}
	}
}

func TestReadonly(t *testing.T) {
	sh := newFake(t)
	check(t, "assign", run(t, sh, "", "readonly", "x=1", "e="), 0, "", "")
	check(t, "existing", run(t, sh, "", "readonly", "HOME"), 0, "", "")
	check(t, "unset name", run(t, sh, "", "readonly", "y"), 0, "", "")
	check(t, "control chars", run(t, sh, "", "readonly", "t=a\tb"), 0, "", "")
	check(t, "quotes", run(t, sh, "", "readonly", `q=say "$x"`), 0, "", "")
	for _, name := range []string{"x", "e", "HOME", "y", "t", "q"} {
		if !sh.IsReadOnly(name) {
			t.Errorf("%s is not read-only", name)
		}
	}
	if sh.IsReadOnly("PATH") {
		t.Error("PATH became read-only")
	}
	if v, ok := sh.Var("y"); ok {
		t.Errorf("readonly y set y to %q", v)
	}
	want := "declare -rx HOME=\"" + sh.wd + "\"\n" +
		"declare -r e=\"\"\n" +
		"declare -r q=\"say \\\"\\$x\\\"\"\n" +
		"declare -r t=$'a\\tb'\n" +
		"declare -r x=\"1\"\n" +
		"declare -r y\n"
	check(t, "list", run(t, sh, "", "readonly"), 0, want, "")
	check(t, "list -p", run(t, sh, "", "readonly", "-p"), 0, want, "")

	// The mark sticks: assignment and unset are refused.
	check(t, "reassign", run(t, sh, "", "readonly", "x=2"), 1, "", "gosh: x: readonly variable\n")
	check(t, "assign declared", run(t, sh, "", "readonly", "y=2"), 1, "", "gosh: y: readonly variable\n")
	check(t, "export assign", run(t, sh, "", "export", "x=3"), 1, "", "gosh: x: readonly variable\n")
	check(t, "unset", run(t, sh, "", "unset", "x"), 1, "", "gosh: unset: x: cannot unset: readonly variable\n")
	if v, _ := sh.Var("x"); v != "1" {
		t.Errorf("x = %q after refused changes", v)
	}
	check(t, "again without value", run(t, sh, "", "readonly", "x"), 0, "", "")
}

func TestReadonlyErrors(t *testing.T) {
	tests := []struct {
		argv   []string
		status int
		errOut string
	}{
		{[]string{"readonly", "1a=2"}, 1, "gosh: readonly: `1a=2': not a valid identifier\n"},
		{[]string{"readonly", "a-b"}, 1, "gosh: readonly: `a-b': not a valid identifier\n"},
		{[]string{"readonly", "=x"}, 1, "gosh: readonly: `=x': not a valid identifier\n"},
		{[]string{"readonly", "-q"}, 2, "gosh: readonly: -q: invalid option\nreadonly: usage: readonly [-aAf] [name[=value] ...] or readonly -p\n"},
		{[]string{"readonly", "-f", "x"}, 1, "gosh: readonly: x: not a function\n"},
	}
	for _, tt := range tests {
		sh := newFake(t)
		check(t, "", run(t, sh, "", tt.argv...), tt.status, "", tt.errOut)
	}
	// A bad name does not stop the others.
	sh := newFake(t)
	check(t, "bad then good", run(t, sh, "", "readonly", "1a", "ok=1"), 1, "", "gosh: readonly: `1a': not a valid identifier\n")
	if !sh.IsReadOnly("ok") {
		t.Error("ok not read-only after a bad name before it")
	}
}

// fakeBin makes a PATH directory with executable programs in it.
func fakeBin(t *testing.T, sh *fakeShell, names ...string) string {
	t.Helper()
	dir := t.TempDir()
	for _, n := range names {
		if err := os.WriteFile(filepath.Join(dir, n), []byte("#!/bin/sh\n"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	sh.SetVar("PATH", dir)
	return dir
}

func TestHash(t *testing.T) {
	sh := newFake(t)
	bin := fakeBin(t, sh, "cc", "ld")
	check(t, "empty", run(t, sh, "", "hash"), 0, "hash: hash table empty\n", "")
	check(t, "remember", run(t, sh, "", "hash", "ld", "cc"), 0, "", "")
	check(t, "builtin skipped", run(t, sh, "", "hash", "echo", "./cc", "/bin/sh"), 0, "", "")
	sh.hash["cc"].Hits = 3 // as if run three times
	check(t, "list", run(t, sh, "", "hash"), 0,
		"hits\tcommand\n   3\t"+bin+"/cc\n   0\t"+bin+"/ld\n", "")
	check(t, "-t one", run(t, sh, "", "hash", "-t", "cc"), 0, bin+"/cc\n", "")
	check(t, "-t several", run(t, sh, "", "hash", "-t", "cc", "ld"), 0,
		"cc\t"+bin+"/cc\nld\t"+bin+"/ld\n", "")
	check(t, "-t missing", run(t, sh, "", "hash", "-t", "cc", "as"), 1,
		"cc\t"+bin+"/cc\n", "gosh: hash: as: not found\n")
	check(t, "-d", run(t, sh, "", "hash", "-d", "ld"), 0, "", "")
	check(t, "-d again", run(t, sh, "", "hash", "-d", "ld"), 1, "", "gosh: hash: ld: not found\n")
	check(t, "after -d", run(t, sh, "", "hash"), 0, "hits\tcommand\n   3\t"+bin+"/cc\n", "")
	check(t, "-r", run(t, sh, "", "hash", "-r"), 0, "", "")
	check(t, "after -r", run(t, sh, "", "hash"), 0, "hash: hash table empty\n", "")
	check(t, "-r then add", run(t, sh, "", "hash", "-r", "ld"), 0, "", "")
	check(t, "after -r ld", run(t, sh, "", "hash"), 0, "hits\tcommand\n   0\t"+bin+"/ld\n", "")
}

func TestHashErrors(t *testing.T) {
	tests := []struct {
		argv   []string
		status int
		errOut string
	}{
		{[]string{"hash", "nosuch"}, 1, "gosh: hash: nosuch: not found\n"},
		{[]string{"hash", "cc", "nosuch", "ld"}, 1, "gosh: hash: nosuch: not found\n"},
		{[]string{"hash", "-t", "cc"}, 1, "gosh: hash: cc: not found\n"},
		{[]string{"hash", "-d", "cc"}, 0, ""}, // the table is empty: bash says nothing
		{[]string{"hash", "-d"}, 1, "gosh: hash: -d: option requires an argument\n"},
		{[]string{"hash", "-t"}, 1, "gosh: hash: -t: option requires an argument\n"},
		{[]string{"hash", "-x"}, 2, "gosh: hash: -x: invalid option\nhash: usage: hash [-lr] [-p pathname] [-dt] [name ...]\n"},
	}
	for _, tt := range tests {
		sh := newFake(t)
		fakeBin(t, sh, "cc", "ld")
		check(t, "", run(t, sh, "", tt.argv...), tt.status, "", tt.errOut)
	}
}
