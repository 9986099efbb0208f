package tests

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkTraceCost measures what the teaching layer's trace costs when it
// is off (issue 5: "runs no slower with trace off than without the trace
// code"). One op runs the 1,000-command script of BenchmarkScript1000 with:
//
//	notrace  gosh built from a copy of the source whose jobs/trace.go is
//	         replaced by a stub: On is the constant false and Shell and Child
//	         are empty, so the compiler drops the trace calls. The baseline.
//	off      the real gosh, trace off (the default).
//	on       the real gosh with GOSH_TRACE=1, the trace going to /dev/null.
//
//	go test -run '^$' -bench TraceCost -count 5 ./tests
func BenchmarkTraceCost(b *testing.B) {
	real := requireGosh(b)
	baseline := buildWithoutTrace(b)
	script := filepath.Join(b.TempDir(), "thousand.sh")
	if err := os.WriteFile(script, []byte(strings.Repeat("/bin/true\n", 1000)), 0o644); err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name, bin string
		env       []string
	}{
		{"notrace", baseline, nil},
		{"off", real, nil},
		{"on", real, []string{"GOSH_TRACE=1"}},
	} {
		b.Run(c.name, func(b *testing.B) {
			env := mergeEnv(cleanEnv(b.TempDir()), c.env)
			run := func() {
				cmd := exec.Command(c.bin, script)
				cmd.Env = env
				if out, err := cmd.CombinedOutput(); err != nil {
					b.Fatalf("%s %s: %v\n%.500s", c.bin, script, err, out)
				}
			}
			run()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				run()
			}
			b.StopTimer()
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/1000, "µs/command")
		})
	}
}

// traceStub replaces jobs/trace.go in the baseline build. It keeps the
// Tracer's API and does nothing.
const traceStub = `package jobs

import "io"

// Tracer is a stub for the no-trace baseline of BenchmarkTraceCost.
type Tracer struct{}

func (tr *Tracer) On() bool                                 { return false }
func (tr *Tracer) SetOutput(w io.Writer, color bool)        {}
func (tr *Tracer) Shell(format string, args ...any)         {}
func (tr *Tracer) Child(pid int, format string, args ...any) {}
func (tr *Tracer) firstFork() bool                          { return false }
func (tr *Tracer) firstReap() bool                          { return false }
`

// buildWithoutTrace copies the module's Go sources to a temporary directory,
// replaces the tracer with the stub and builds gosh from the copy. It skips
// the benchmark when the stub no longer matches the Tracer's API.
func buildWithoutTrace(b *testing.B) string {
	src := filepath.Join(b.TempDir(), "src")
	err := filepath.WalkDir(repoRoot, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(repoRoot, p)
		if d.IsDir() {
			if strings.HasPrefix(d.Name(), ".") && rel != "." {
				return filepath.SkipDir
			}
			return os.MkdirAll(filepath.Join(src, rel), 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(src, rel), data, 0o644)
	})
	if err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(src, "jobs", "trace.go"), []byte(traceStub), 0o644); err != nil {
		b.Fatal(err)
	}
	bin := filepath.Join(b.TempDir(), "gosh-notrace")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/gosh")
	cmd.Dir = src
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Skipf("the no-trace baseline does not build (has the Tracer's API changed?): %v\n%s", err, out)
	}
	return bin
}
