package shell

import (
	"testing"
	"time"
)

func TestFormatTime(t *testing.T) {
	span := timeSpan{
		real: 61*time.Second + 234567*time.Microsecond, // 61.235 after rounding
		user: 1999600 * time.Microsecond,               // 2.000 after rounding
		sys:  12345 * time.Microsecond,                 // 0.012
	}
	tests := []struct{ format, want string }{
		{defaultTimeFormat, "\nreal\t1m1.235s\nuser\t0m2.000s\nsys\t0m0.012s"},
		{posixTimeFormat, "real 61.23\nuser 2.00\nsys 0.01"},
		{"%R %U %S", "61.235 2.000 0.012"},
		{"%E", "61.235"},
		{"%0R %1R %2R %3R %4R %9R", "61 61.2 61.23 61.235 61.235 61.235"},
		{"%lR %0lR %1lU", "1m1.235s 1m1s 0m2.0s"},
		{"%%R %% 100%", "%R % 100%"},
		{"%", "%"},
		{"no specs", "no specs"},
		{"%P", "3.28"}, // (2.000 + 0.012) / 61.235 = 3.286%: truncated
		{"", ""},
	}
	for _, tt := range tests {
		got, _, ok := formatTime(tt.format, span)
		if !ok || got != tt.want {
			t.Errorf("formatTime(%q) = %q, %v; want %q", tt.format, got, ok, tt.want)
		}
	}
	// No real time: %P is 0.
	if got, _, _ := formatTime("%P", timeSpan{}); got != "0.00" {
		t.Errorf("formatTime(%%P) with no time = %q, want 0.00", got)
	}
}

// Formats bash rejects: the character it names.
func TestFormatTimeErrors(t *testing.T) {
	tests := []struct {
		format string
		bad    byte
	}{
		{"%x", 'x'},
		{"%R %Q", 'Q'},
		{"%3x", 'x'},
		{"%lP", 'P'},
		{"%2P", 'P'},
		{"%l", 0},
		{"%3", 0},
		{"%3l", 0},
	}
	for _, tt := range tests {
		got, bad, ok := formatTime(tt.format, timeSpan{})
		if ok || bad != tt.bad {
			t.Errorf("formatTime(%q) = %q, %q, %v; want error naming %q", tt.format, got, bad, ok, tt.bad)
		}
	}
}

func TestSecondsAndMillis(t *testing.T) {
	tests := []struct {
		d           time.Duration
		sec, millis int64
	}{
		{0, 0, 0},
		{499 * time.Microsecond, 0, 0},
		{500 * time.Microsecond, 0, 1},
		{999500 * time.Microsecond, 1, 0},
		{-time.Second, 0, 0},
		{3*time.Second + 7*time.Millisecond, 3, 7},
	}
	for _, tt := range tests {
		sec, millis := secondsAndMillis(tt.d)
		if sec != tt.sec || millis != tt.millis {
			t.Errorf("secondsAndMillis(%v) = %d, %d; want %d, %d", tt.d, sec, millis, tt.sec, tt.millis)
		}
	}
}
