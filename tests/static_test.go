package tests

import (
	"debug/elf"
	"testing"
)

// TestStaticBinary checks that a plain go build of gosh, as the README and
// go install give users (cgo on wherever a C compiler is installed), is
// statically linked: no program interpreter (the dynamic loader) and no
// shared library it needs. A dynamically linked gosh pays the loader and
// the C library's thread start-up on every start, each child gosh included
// (README, "Why static"); cmd/gosh's TestNoCgoDependencies names the import
// that brought it back.
func TestStaticBinary(t *testing.T) {
	bin := requireGosh(t)
	f, err := elf.Open(bin)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, p := range f.Progs {
		if p.Type == elf.PT_INTERP {
			t.Errorf("%s has a program interpreter: it is dynamically linked", bin)
		}
	}
	libs, err := f.ImportedLibraries()
	if err != nil {
		t.Fatal(err)
	}
	if len(libs) != 0 {
		t.Errorf("%s needs shared libraries %q: it is dynamically linked", bin, libs)
	}
}
