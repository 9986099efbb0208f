package shell

import "testing"

// BenchmarkCommandSubst is x=$(echo hi): a copy of the shell (clone, built
// from a Snapshot) per substitution. Issue 9 keeps 1,000 of them under 0.1
// of bash's time (tests/bench/compare.sh).
func BenchmarkCommandSubst(b *testing.B) {
	sh := New(Config{})
	f, err := sh.parse("x=$(echo hi)")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := sh.Run(f); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkClone is the copy alone.
func BenchmarkClone(b *testing.B) {
	sh := New(Config{})
	b.ReportAllocs()
	for b.Loop() {
		sh.clone()
	}
}
