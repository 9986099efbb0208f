package builtins

import (
	"strings"
	"testing"
)

func TestWrapToWidth(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		width int
		want  string
	}{
		{"fits", "short line\n", 40, "short line\n"},
		{"no width: a pipe or a file", "a b c d e f g h i j k l m n o p q r s t u v w x y z\n", 0, "a b c d e f g h i j k l m n o p q r s t u v w x y z\n"},
		{"too narrow to help", "aaaa bbbb cccc dddd eeee ffff\n", 10, "aaaa bbbb cccc dddd eeee ffff\n"},
		{"folds at spaces", "one two three four five six seven eight nine ten\n", 20,
			"one two three four\n  five six seven\n  eight nine ten\n"},
		{"keeps the indent, continues two deeper", "  1. child: fd 0 = 0, fd 1 = 8, fd 2 = 2, and more\n", 24,
			"  1. child: fd 0 = 0, fd\n    1 = 8, fd 2 = 2, and\n    more\n"},
		{"a long word stays whole", "see /a/very/long/path/that/does/not/fit here\n", 20,
			"see\n  /a/very/long/path/that/does/not/fit\n  here\n"},
		{"Hangul counts two columns", "자식 프로세스가 파이프의 쓰기 끝을 받는다\n", 20,
			"자식 프로세스가\n  파이프의 쓰기 끝을\n  받는다\n"},
		{"last line without newline", "alpha beta gamma delta epsilon", 20, "alpha beta gamma\n  delta epsilon"},
		{"a run of spaces stays", "echo 'a   b': one word, 'a   b', given to echo\n", 20,
			"echo 'a   b': one\n  word, 'a   b',\n  given to echo\n"},
		{"only the long lines change", "ok\nalpha beta gamma delta epsilon\nok\n", 20, "ok\nalpha beta gamma\n  delta epsilon\nok\n"},
	}
	for _, tc := range tests {
		got := wrapToWidth(tc.text, tc.width)
		if got != tc.want {
			t.Errorf("%s: wrapToWidth(%q, %d) =\n%q\nwant\n%q", tc.name, tc.text, tc.width, got, tc.want)
		}
		if tc.width >= 20 {
			for _, l := range strings.Split(got, "\n") {
				if displayWidth(l) > tc.width && !strings.Contains(l, "/a/very/long") {
					t.Errorf("%s: line %q is %d columns, over %d", tc.name, l, displayWidth(l), tc.width)
				}
			}
		}
	}
}
