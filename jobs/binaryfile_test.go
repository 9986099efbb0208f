package jobs

import (
	"os"
	"path/filepath"
	"testing"
)

// IsBinaryFile decides as bash: an ELF header, or a NUL byte before the
// first newline of the first 80 bytes, makes a file binary; a missing
// file is not.
func TestIsBinaryFile(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name, content string
		binary        bool
	}{
		{"elf", "\x7fELF", true},
		{"elf-rest", "\x7fELF\x02\x01\x01\n", true},
		{"nul-first-line", "ab\x00cd\n", true},
		{"nul-second-line", "abc\n\x00", false},
		{"script", "echo hi\n", false},
		{"empty", "", false},
		{"nul-after-80", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\x00", false},
	}
	for _, tt := range tests {
		path := filepath.Join(dir, tt.name)
		if err := os.WriteFile(path, []byte(tt.content), 0o755); err != nil {
			t.Fatal(err)
		}
		if got := IsBinaryFile(path); got != tt.binary {
			t.Errorf("%s: IsBinaryFile = %v, want %v", tt.name, got, tt.binary)
		}
	}
	if IsBinaryFile(filepath.Join(dir, "missing")) {
		t.Error("a missing file is binary")
	}
}
