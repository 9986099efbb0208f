package helperlang

import "testing"

func TestKorean(t *testing.T) {
	tests := []struct {
		env  map[string]string
		want bool
	}{
		{map[string]string{}, false},
		{map[string]string{"LANG": "ko_KR.UTF-8"}, true},
		{map[string]string{"LANG": "C.UTF-8"}, false},
		{map[string]string{"LANG": "ko_KR.UTF-8", "LC_ALL": "C"}, false},
		{map[string]string{"LANG": "C", "LC_MESSAGES": "ko_KR.UTF-8"}, true},
		{map[string]string{"LANG": "en_US.UTF-8", "LC_ALL": "ko"}, true},
		{map[string]string{"LANG": "ko_KR.UTF-8", "LC_ALL": ""}, true}, // empty: not set
		{map[string]string{"LANG": "C", "GOSH_LANG": "ko"}, true},      // set -o lang=ko
		{map[string]string{"LC_ALL": "ko_KR.UTF-8", "GOSH_LANG": "en"}, false},
	}
	for _, tt := range tests {
		if got := korean(func(k string) string { return tt.env[k] }); got != tt.want {
			t.Errorf("korean(%v) = %v, want %v", tt.env, got, tt.want)
		}
	}
}
