package builtins

import (
	"strings"
	"testing"
)

func TestPrintf(t *testing.T) {
	tests := []struct {
		argv []string
		out  string
	}{
		{[]string{"%s|%s|\n", "a"}, "a||\n"},
		{[]string{"%s %s %s\n", "a", "b", "c", "d"}, "a b c\nd  \n"},
		{[]string{"x\n", "a", "b"}, "x\n"},
		{[]string{"%5s|%-5s|%.2s|%05s|\n", "ab", "ab", "abc", "ab"}, "   ab|ab   |ab|   ab|\n"},
		{[]string{"%3s|%.1s|", "é", "é"}, " é|\xc3|"},
		{[]string{"%c|%c|%5c|", "abc", "1", ""}, "a|1|    \x00|"},
		{[]string{"%d %i %d %d %d %d %d %d", "'a", "'é", "0x1f", "010", " 12", "-0x10", "", "'"}, "97 233 31 8 12 -16 0 0"},
		{[]string{"%u %x %X %o", "-1", "255", "255", "8"}, "18446744073709551615 ff FF 10"},
		{[]string{"%#x %#o %#x %#X %#o", "0", "0", "255", "255", "0"}, "0 0 0xff 0XFF 0"},
		{[]string{"%+d|% d|%05d|%-5d|%.3d|%5.3d|%05.3d|%.0d|", "5", "5", "-42", "7", "7", "7", "7", "0"}, "+5| 5|-0042|7    |007|  007|  007||"},
		{[]string{"%*d|%-*d|%.*f|%*d|%.*s|", "5", "1", "4", "2", "2", "3.14159", "-3", "1", "-1", "abc"}, "    1|2   |3.14|1  |abc|"},
		{[]string{"%f %e %g %G %E", "1.5", "123.456", "0.0001", "1e-10", "0"}, "1.500000 1.234560e+02 0.0001 1E-10 0.000000E+00"},
		{[]string{"%g|%g|%g|%.0g|%.1g|%#.3g|%#g", "123456", "1234567", "0.00001234", "0", "15", "1", "1.5"}, "123456|1.23457e+06|1.234e-05|0|2e+01|1.00|1.50000"},
		{[]string{"%.0f %.0f %.0f %.20f", "0.5", "1.5", "2.5", "0.1"}, "0 2 2 0.10000000000000000000"},
		{[]string{"%f", "1e100"}, "9999999999999999999669353532207342619498699019828496079271391541752018669482644324418977840117055488.000000"},
		{[]string{"%05.1f|%-08.2f|%+08.2f|% f|%#.0f|%#.0e", "1.25", "1.5", "-1.5", "1", "1", "1"}, "001.2|1.50    |-0001.50| 1.000000|1.|1.e+00"},
		{[]string{"%e %f %g %E %5f|%-5f|%05f", "inf", "-inf", "nan", "inf", "inf", "inf", "inf"}, "inf -inf nan INF   inf|inf  |  inf"},
		{[]string{"%f %e", "-0", "-0"}, "-0.000000 -0.000000e+00"},
		{[]string{"%a %a %a %a %a %a %A", "1", "0.5", "3", "0.1", "-2", "0", "255"}, "0x8p-3 0x8p-4 0xcp-2 0xc.ccccccccccccccdp-7 -0x8p-2 0x0p+0 0XF.FP+4"},
		{[]string{"%.3a|%10a|%-12a|%+a", "1.5", "1", "1", "1"}, "0xc.000p-3|    0x8p-3|0x8p-3      |+0x8p-3"},
		{[]string{"%f %f %d", "0x10", "'a", "0X1F"}, "16.000000 97.000000 31"},
		{[]string{"%q ", "a,b c", "#x", "~y", "a=~", ":~", "it's", "", "é", "\x01", "a\nb", "\xff"}, `a\,b\ c \#x \~y a=\~ :\~ it\'s '' é $'\001' $'a\nb' $'\377' `},
		{[]string{"%.2Q%Q|%5.1Q|%-4Q|%.2q|", "a'b", ";ls", "ab c", "x", "a'b"}, `a\'\;ls|    a|x   |a\|`},
		{[]string{"%b|", `\101\0101\01011`, `\x41\u00e9`, `\q`, `\`, `a\`, `\\`, `\1234`}, `AAA1|Aé|\q|\|a\|\|S4|`},
		{[]string{"%b|%s|", `a\cb`, "x", "y"}, "a"},
		{[]string{`\101\0101\x41\e\"\?\q|\u00e9\1\18\n`}, "A\b1A\x1b\"?\\q|é\x01\x018\n"},
		{[]string{`a\cb`}, `a\cb`},
		{[]string{"%%|%ld %lld %hd %Lf %zd|%'d", "1", "2", "3", "4.5", "5", "1234"}, "%|1 2 3 4.500000 5|1234"},
		{[]string{"%(%Y-%m-%d %H:%M:%S %j %e|%10(%H)T|%.2(%Y)T|%-6(%H)T|%()T", "86400", "0", "0", "0", "0"}, ""},
		{[]string{"%s=%d\n", "a", "1", "b", "2", "c"}, "a=1\nb=2\nc=0\n"},
		{[]string{"%d|%s|%f|%x|", ""}, "0||0.000000|0|"},
		{[]string{"--", "--"}, "--"},
		{[]string{"-"}, "-"},
	}
	for _, tc := range tests {
		sh := newFake(t)
		sh.SetVar("TZ", "UTC")
		sh.Export("TZ")
		name := strings.Join(tc.argv, " ")
		if strings.HasPrefix(tc.argv[0], "%(") {
			// Formats with a time: checked below against fixed text.
			tc.argv[0] = "%(%Y-%m-%d %H:%M:%S %j %e)T|%10(%H)T|%.2(%Y)T|%-6(%H)T|%()T"
			tc.out = "1970-01-02 00:00:00 002  2|        00|19|00    |00:00:00"
		}
		check(t, name, run(t, sh, "", append([]string{"printf"}, tc.argv...)...), 0, tc.out, "")
	}
}

func TestPrintfVar(t *testing.T) {
	sh := newFake(t)
	check(t, "-v", run(t, sh, "", "printf", "-v", "x", "%s-%d", "a", "7"), 0, "", "")
	if v, _ := sh.Var("x"); v != "a-7" {
		t.Errorf("x = %q", v)
	}
	check(t, "-vname", run(t, sh, "", "printf", "-vy", "%s", "z"), 0, "", "")
	if v, _ := sh.Var("y"); v != "z" {
		t.Errorf("y = %q", v)
	}
	check(t, "-v --", run(t, sh, "", "printf", "-v", "y", "--", "%s", "w"), 0, "", "")
	if v, _ := sh.Var("y"); v != "w" {
		t.Errorf("y = %q", v)
	}
	sh.SetReadOnly("r")
	check(t, "readonly", run(t, sh, "", "printf", "-v", "r", "x"), 1, "", "gosh: r: readonly variable\n")
}

func TestPrintfErrors(t *testing.T) {
	usage := "printf: usage: printf [-v var] format [arguments]\n"
	tests := []struct {
		argv   []string
		status int
		out    string
		errOut string
	}{
		{nil, 2, "", usage},
		{[]string{"--"}, 2, "", usage},
		{[]string{"-v"}, 2, "", "gosh: printf: -v: option requires an argument\n" + usage},
		{[]string{"-x"}, 2, "", "gosh: printf: -x: invalid option\n" + usage},
		{[]string{"-v", "1a", "x"}, 2, "", "gosh: printf: `1a': not a valid identifier\n"},
		{[]string{"a%"}, 1, "a", "gosh: printf: `%': missing format character\n"},
		{[]string{"%z"}, 1, "", "gosh: printf: `%z': missing format character\n"},
		{[]string{"%-"}, 1, "", "gosh: printf: `%-': missing format character\n"},
		{[]string{"ab%5yc"}, 1, "ab", "gosh: printf: `y': invalid format character\n"},
		{[]string{"%5%"}, 1, "", "gosh: printf: `%': invalid format character\n"},
		{[]string{"ab%n|", "1a"}, 1, "ab|", "gosh: printf: `1a': not a valid identifier\n"},
		{[]string{"%d ", "12abc", "abc", "12 ", "1.5", "0x", "08", "--5"}, 1, "12 0 12 1 0 0 0 ",
			"gosh: printf: 12abc: invalid number\ngosh: printf: abc: invalid number\ngosh: printf: 12 : invalid number\n" +
				"gosh: printf: 1.5: invalid number\ngosh: printf: 0x: invalid hex number\ngosh: printf: 08: invalid octal number\n" +
				"gosh: printf: --5: invalid number\n"},
		{[]string{"%f ", "1,5", "abc"}, 1, "1.000000 0.000000 ",
			"gosh: printf: 1,5: invalid number\ngosh: printf: abc: invalid number\n"},
		{[]string{"%*d|", "abc", "1"}, 1, "1|", "gosh: printf: abc: invalid number\n"},
		// Out of range is a warning: the value is clamped, the status stays 0.
		{[]string{"%d %d %u %e", "99999999999999999999", "-9223372036854775809", "18446744073709551616", "1e5000"}, 0,
			"9223372036854775807 -9223372036854775808 18446744073709551615 inf",
			"gosh: printf: warning: 99999999999999999999: Numerical result out of range\n" +
				"gosh: printf: warning: -9223372036854775809: Numerical result out of range\n" +
				"gosh: printf: warning: 18446744073709551616: Numerical result out of range\n" +
				"gosh: printf: warning: 1e5000: Numerical result out of range\n"},
		{[]string{`\x|%b`, `\xZ`}, 0, `\x|\xZ`, "gosh: printf: missing hex digit for \\x\ngosh: printf: missing hex digit for \\x\n"},
		{[]string{"%(%H)d"}, 1, "", "gosh: printf: `%(%H)d': invalid time format specification\n"},
	}
	for _, tc := range tests {
		argv := append([]string{"printf"}, tc.argv...)
		check(t, strings.Join(argv, " "), run(t, newFake(t), "", argv...), tc.status, tc.out, tc.errOut)
	}
	sh := newFake(t)
	var errOut strings.Builder
	io := IO{Out: failingWriter{}, Err: &errOut, InFd: -1, OutFd: -1, ErrFd: -1}
	if st, _ := runPrintf(sh, io, []string{"printf", "x"}); st != 1 || errOut.String() != "gosh: printf: write error: Broken pipe\n" {
		t.Errorf("write error: status %d, %q", st, errOut.String())
	}
}

// failingWriter fails every write with EPIPE.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errEPIPE }

func TestStrftime(t *testing.T) {
	sh := newFake(t)
	sh.SetVar("TZ", "UTC")
	sh.Export("TZ")
	tests := map[string]string{
		"%c": "Sun Sep  9 01:46:40 2001", "%x": "09/09/01", "%X": "01:46:40", "%D": "09/09/01",
		"%r": "01:46:40 AM", "%R": "01:46", "%T": "01:46:40", "%p": "AM", "%P": "am", "%I": "01",
		"%l": " 1", "%k": " 1", "%C": "20", "%g": "01", "%G": "2001", "%u": "7", "%w": "0",
		"%U": "36", "%W": "36", "%V": "36", "%h": "Sep", "%y": "01", "%n": "\n", "%t": "\t",
		"%%": "%", "%q": "%q", "%s": "1000000000", "%Ey": "01", "%Od": "09", "%-d": "9",
		"%_d": " 9", "%05d": "00009", "%^a": "SUN", "%#b": "SEP", "%F": "2001-09-09",
		"%10A": "    Sunday", "%-10j": "       252", "%z": "+0000", "%Z": "UTC", "%A %B": "Sunday September",
	}
	for f, want := range tests {
		check(t, f, run(t, sh, "", "printf", "%("+f+")T", "1000000000"), 0, want, "")
	}
}

// orderWriter records writes to standard output and error in one list.
type orderWriter struct {
	log *[]string
	tag string
}

func (w orderWriter) Write(p []byte) (int, error) {
	*w.log = append(*w.log, w.tag+string(p))
	return len(p), nil
}

// TestPrintfOutputBeforeWarning: what was formatted before a warning is
// written before it, as bash's line-buffered output on a terminal is.
func TestPrintfOutputBeforeWarning(t *testing.T) {
	var log []string
	io := IO{Out: orderWriter{&log, "out:"}, Err: orderWriter{&log, "err:"}, InFd: -1, OutFd: -1, ErrFd: -1}
	runPrintf(newFake(t), io, []string{"printf", "%d\n", "1", "x", "99999999999999999999"})
	want := []string{"out:1\n", "err:gosh: printf: x: invalid number\n", "out:0\n",
		"err:gosh: printf: warning: 99999999999999999999: Numerical result out of range\n", "out:9223372036854775807\n"}
	if strings.Join(log, "|") != strings.Join(want, "|") {
		t.Errorf("writes %q\nwant %q", log, want)
	}
}
