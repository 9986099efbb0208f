package builtins

import (
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"gosh/jobs"
)

// printf formats its arguments as C's printf(3) does, the way bash's
// builtin does it: numbers in 64-bit integers and 64-bit-mantissa floats
// (C's long double on x86, so %f and %a print what bash prints), widths
// and precisions counted in bytes, the format used again while arguments
// remain. It runs in the shell: no fork, and -v can set a variable.

var printfBuiltins = []*Builtin{
	{
		Name:     "printf",
		Synopsis: "printf [-v var] format [arguments]",
		Summary:  "Format and print ARGUMENTS under control of the FORMAT.",
		Help: `Write FORMAT to the standard output, with each %-directive replaced by
the next ARGUMENT formatted as the directive says. The FORMAT is used
again while arguments remain; a missing argument counts as "" or 0.
Directives: %s string, %b string with backslash escapes, %q string
quoted for reuse as shell input, %Q as %q with the precision cutting
the string before it is quoted, %n stores the number of bytes written
so far in the variable the ARGUMENT names, %c first character, %d %i
integer,
%u unsigned, %o octal, %x %X hex, %e %E %f %F %g %G %a %A floating
point, %(FMT)T the time ARGUMENT (seconds since 1970; -1 now, -2 when
the shell started) formatted by strftime(3)'s FMT, %% a percent sign.
Between % and the letter: flags (- left-justify, + sign, space, #
alternate form, 0 zero padding), a width, a .precision; * takes either
from the next argument.
A numeric ARGUMENT may be decimal, 0x hex, 0 octal, or 'c (the code of
character c). One that is not a number is reported ("invalid number"),
its leading number is used, and the status is 1.
The FORMAT knows the escapes \a \b \e \f \n \r \t \v \\ \" \' \NNN
(octal) \xHH \uHHHH \UHHHHHHHH.
-v VAR  assign the output to the shell variable VAR instead of printing it`,
		Run: runPrintf,
	},
}

// shellStart is when the shell started: %(...)T's -2.
var shellStart = time.Now()

// printfState is one printf run: the arguments left and what went wrong.
type printfState struct {
	sh     Shell
	io     IO
	args   []string
	used   bool // an argument was consumed in this pass over the format
	failed bool // a conversion error: the status will be 1
	out    strings.Builder
	// direct is set when the output goes to standard output (no -v), so
	// that it may be flushed before a warning; inB while %b expands its
	// argument into a builder of its own.
	direct, inB, writeFailed bool
	// flushed counts the bytes written out so far, passStart where the
	// current pass over the format began: %n stores the bytes since.
	flushed, passStart int
}

func runPrintf(sh Shell, io IO, args []string) (int, error) {
	args = args[1:]
	varName := ""
	for len(args) > 0 && len(args[0]) > 1 && args[0][0] == '-' {
		a := args[0]
		if a == "--" {
			args = args[1:]
			break
		}
		if a[1] != 'v' {
			return usageError(io, "printf", a[:2]+": invalid option"), nil
		}
		if len(a) > 2 {
			varName = a[2:]
			args = args[1:]
			continue
		}
		if len(args) < 2 {
			return usageError(io, "printf", "-v: option requires an argument"), nil
		}
		varName = args[1]
		args = args[2:]
	}
	if len(args) == 0 {
		return usageError(io, "printf", ""), nil
	}
	if varName != "" && !isName(varName) && !isArrayRef(varName) {
		errorf(io, "printf", "`%s': not a valid identifier", varName)
		return statusUsage, nil
	}
	p := &printfState{sh: sh, io: io, args: args[1:], direct: varName == ""}
	format := args[0]
	status := statusOK
	for {
		p.used = false
		ok, stop := p.formatOnce(format)
		if !ok {
			status = statusFailure
			break
		}
		if stop || len(p.args) == 0 || !p.used {
			break
		}
	}
	if p.failed {
		status = statusFailure
	}
	if varName != "" {
		if err := sh.SetVar(varName, p.out.String()); noAssign(err) {
			return statusFailure, nil
		} else if err != nil {
			fmt.Fprintf(io.Err, "%s%v\n", io.ErrPrefix(), err)
			return statusFailure, nil
		}
		return status, nil
	}
	if !p.flush() {
		return statusFailure, nil
	}
	return status, nil
}

// flush writes what is formatted so far to standard output; false after a
// write error (reported once).
func (p *printfState) flush() bool {
	if p.writeFailed {
		return false
	}
	text := p.out.String()
	p.flushed += len(text)
	p.out.Reset()
	if text != "" && writeOut(p.io, "printf", text) != statusOK {
		p.writeFailed = true
		return false
	}
	return true
}

// warn prints a diagnostic that does not change the status. The output
// formatted before it goes out first, so that on a terminal the message
// comes where bash's would (its standard output is line-buffered there).
func (p *printfState) warn(format string, args ...any) {
	if p.direct && !p.inB {
		p.flush()
	}
	errorf(p.io, "printf", format, args...)
}

// next takes the next argument; ok is false when none is left.
func (p *printfState) next() (string, bool) {
	if len(p.args) == 0 {
		return "", false
	}
	a := p.args[0]
	p.args = p.args[1:]
	p.used = true
	return a, true
}

// directive is one parsed %-directive.
type directive struct {
	minus, plus, space, hash, zero bool
	width                          int
	prec                           int // -1: none given
	conv                           byte
	long                           bool // the L length modifier (%Lf)
	double                         bool // the value is a double (POSIX mode without L)
}

// maxWidth bounds widths and precisions, so that a mistyped %99999999999d
// cannot make the shell allocate gigabytes.
const maxWidth = 1 << 24

// formatOnce writes the format once, taking arguments as directives need
// them. ok is false after a fatal format error (printed); stop is true
// when %b's \c ended all output.
func (p *printfState) formatOnce(format string) (ok, stop bool) {
	p.passStart = p.flushed + p.out.Len()
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c == '\\' {
			i += p.formatEscape(format[i:]) - 1
			continue
		}
		if c != '%' {
			p.out.WriteByte(c)
			continue
		}
		start := i
		i++
		if i < len(format) && format[i] == '%' {
			p.out.WriteByte('%')
			continue
		}
		d := directive{prec: -1}
	flags:
		for ; i < len(format); i++ {
			switch format[i] {
			case '-':
				d.minus = true
			case '+':
				d.plus = true
			case ' ':
				d.space = true
			case '#':
				d.hash = true
			case '0':
				d.zero = true
			case '\'': // thousands grouping: none in the C locale
			default:
				break flags
			}
		}
		if i < len(format) && format[i] == '*' {
			d.width = p.starArg()
			if d.width < 0 {
				d.minus = true
				d.width = -d.width
			}
			i++
		} else {
			d.width, i = scanDigits(format, i)
		}
		if i < len(format) && format[i] == '.' {
			i++
			if i < len(format) && format[i] == '*' {
				d.prec = p.starArg()
				if d.prec < 0 {
					d.prec = -1
				}
				i++
			} else {
				d.prec, i = scanDigits(format, i)
			}
		}
		d.width = min(d.width, maxWidth)
		d.prec = min(d.prec, maxWidth)
		for i < len(format) && strings.IndexByte("hjlLtz", format[i]) >= 0 {
			d.long = d.long || format[i] == 'L'
			i++
		}
		timeFormat := ""
		if i < len(format) && format[i] == '(' {
			end := strings.IndexByte(format[i:], ')')
			if end < 0 || i+end+1 >= len(format) || format[i+end+1] != 'T' {
				p.warn("`%s': invalid time format specification", format[start:])
				return false, false
			}
			timeFormat = format[i+1 : i+end]
			i += end + 1
		}
		if i >= len(format) {
			p.warn("`%s': missing format character", format[start:])
			return false, false
		}
		d.conv = format[i]
		if !p.convert(d, timeFormat) {
			if d.conv == 'b' {
				return true, true
			}
			p.warn("`%c': invalid format character", d.conv)
			return false, false
		}
	}
	return true, false
}

// scanDigits reads a decimal number at s[i:], returning it and the index
// after it.
func scanDigits(s string, i int) (int, int) {
	n := 0
	for i < len(s) && '0' <= s[i] && s[i] <= '9' {
		if n < maxWidth {
			n = n*10 + int(s[i]-'0')
		}
		i++
	}
	return n, i
}

// starArg reads a width or precision given as * from the next argument.
func (p *printfState) starArg() int {
	a, _ := p.next()
	n := p.intArg(a)
	return int(max(min(n, maxWidth), -maxWidth))
}

// convert writes one directive's conversion. It returns false for a
// conversion letter printf does not know, and for %b's \c (which stops
// all output): the caller tells them apart by d.conv.
func (p *printfState) convert(d directive, timeFormat string) bool {
	switch d.conv {
	case 's':
		a, _ := p.next()
		p.pad(d, "", "", truncate(a, d.prec), false)
	case 'b':
		a, _ := p.next()
		text, stop := p.expandB(a)
		p.pad(d, "", "", truncate(text, d.prec), false)
		if stop {
			return false
		}
	case 'q':
		a, _ := p.next()
		p.pad(d, "", "", truncate(shellQuote(a), d.prec), false)
	case 'Q':
		// As %q, but the precision cuts the argument, not its quoted
		// form (bash 5.2).
		a, _ := p.next()
		p.pad(d, "", "", shellQuote(truncate(a, d.prec)), false)
	case 'n':
		// The number of bytes this pass over the format has written,
		// stored in the variable the argument names.
		a, _ := p.next()
		if !isName(a) {
			p.warn("`%s': not a valid identifier", a)
			p.failed = true
			break
		}
		if err := p.sh.SetVar(a, strconv.Itoa(p.flushed+p.out.Len()-p.passStart)); err != nil {
			// "r: readonly variable", as bash says it: no printf:, and
			// the status stays.
			if p.direct && !p.inB {
				p.flush()
			}
			fmt.Fprintf(p.io.Err, "%s%v\n", p.io.ErrPrefix(), err)
		}
	case 'c':
		a, _ := p.next()
		ch := "\x00"
		if a != "" {
			ch = a[:1]
		}
		p.pad(d, "", "", ch, false)
	case 'T':
		a, given := p.next()
		p.pad(d, "", "", truncate(p.timeArg(a, given, timeFormat), d.prec), false)
	case 'd', 'i':
		a, _ := p.next()
		n := p.intArg(a)
		sign := ""
		u := uint64(n)
		switch {
		case n < 0:
			sign, u = "-", -u
		case d.plus:
			sign = "+"
		case d.space:
			sign = " "
		}
		p.integer(d, sign, u)
	case 'u', 'o', 'x', 'X':
		a, _ := p.next()
		p.integer(d, "", p.uintArg(a))
	case 'e', 'E', 'f', 'F', 'g', 'G', 'a', 'A':
		a, _ := p.next()
		v := p.floatArg(a)
		if posix, _ := p.sh.Option("posix"); posix && !d.long && v.x != nil {
			// bash's POSIX mode converts to a double (strtod), not a
			// long double, unless %L asks: 53 bits of mantissa.
			v.x = new(big.Float).SetPrec(53).SetMode(big.ToNearestEven).Set(v.x).SetPrec(64)
			d.double = true
		}
		p.float(d, v)
	default:
		return false
	}
	return true
}

// pad writes sign, prefix and body within the directive's width: spaces
// on the left, or on the right with -, or zeros between prefix and body
// when zeros is allowed and the 0 flag was given.
func (p *printfState) pad(d directive, sign, prefix, body string, zeros bool) {
	fill := d.width - len(sign) - len(prefix) - len(body)
	switch {
	case fill <= 0:
		p.out.WriteString(sign + prefix + body)
	case d.minus:
		p.out.WriteString(sign + prefix + body + strings.Repeat(" ", fill))
	case d.zero && zeros:
		p.out.WriteString(sign + prefix + strings.Repeat("0", fill) + body)
	default:
		p.out.WriteString(strings.Repeat(" ", fill) + sign + prefix + body)
	}
}

// truncate applies a string precision: at most prec bytes.
func truncate(s string, prec int) string {
	if prec >= 0 && prec < len(s) {
		return s[:prec]
	}
	return s
}

// integer writes an integer conversion of the magnitude u.
func (p *printfState) integer(d directive, sign string, u uint64) {
	base := 10
	switch d.conv {
	case 'o':
		base = 8
	case 'x', 'X':
		base = 16
	}
	digits := strconv.FormatUint(u, base)
	if d.conv == 'X' {
		digits = strings.ToUpper(digits)
	}
	if d.prec == 0 && u == 0 {
		digits = ""
	}
	if len(digits) < d.prec {
		digits = strings.Repeat("0", d.prec-len(digits)) + digits
	}
	prefix := ""
	switch {
	case d.hash && d.conv == 'o' && !strings.HasPrefix(digits, "0"):
		digits = "0" + digits
	case d.hash && d.conv == 'x' && u != 0:
		prefix = "0x"
	case d.hash && d.conv == 'X' && u != 0:
		prefix = "0X"
	}
	p.pad(d, sign, prefix, digits, d.prec < 0)
}

// ---- numeric arguments ----

// charCode is the value of an argument written 'c or "c: the code of
// the character after the quote (0 if there is none).
func charCode(a string) int64 {
	if len(a) < 2 {
		return 0
	}
	r, size := utf8.DecodeRuneInString(a[1:])
	if r == utf8.RuneError && size <= 1 {
		return int64(a[1])
	}
	return int64(r)
}

// scanInteger reads an integer as strtoimax(3) with base 0 does: blanks,
// a sign, then 0x hex, 0 octal or decimal digits. It returns the
// magnitude (saturated at 2^64-1 with overflow set), the sign, and the
// number of bytes used (0 if there was no number).
func scanInteger(s string) (mag uint64, neg, overflow bool, used int) {
	i := 0
	for i < len(s) && isCSpace(s[i]) {
		i++
	}
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		neg = s[i] == '-'
		i++
	}
	base := uint64(10)
	if i+1 < len(s) && s[i] == '0' && (s[i+1] == 'x' || s[i+1] == 'X') && i+2 < len(s) && isDigitIn(s[i+2], 16) {
		base = 16
		i += 2
	} else if i < len(s) && s[i] == '0' {
		base = 8
	}
	start := i
	for i < len(s) && isDigitIn(s[i], int(base)) {
		d := uint64(digitValue(s[i]))
		if mag > (^uint64(0)-d)/base {
			overflow = true
			mag = ^uint64(0)
		} else if !overflow {
			mag = mag*base + d
		}
		i++
	}
	if i == start {
		// "0x" with no hex digit: the 0 is the number.
		if i+1 < len(s) && s[i] == '0' {
			return 0, neg, false, i + 1
		}
		return 0, false, false, 0
	}
	return mag, neg, overflow, i
}

func isCSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

func isDigitIn(c byte, base int) bool {
	v := digitValue(c)
	return v >= 0 && v < base
}

func digitValue(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'a' <= c && c <= 'z':
		return int(c-'a') + 10
	case 'A' <= c && c <= 'Z':
		return int(c-'A') + 10
	}
	return 99
}

// invalidNumber reports an argument that is not (wholly) a number, with
// bash's wording, and marks the run failed.
func (p *printfState) invalidNumber(a string) {
	if p.direct && !p.inB {
		p.flush()
	}
	invalidNumberMsg(p.io, "printf", a)
	p.failed = true
}

func (p *printfState) outOfRange(a string) {
	p.warn("warning: %s: Numerical result out of range", a)
}

// intArg converts an argument for %d and %i (and * widths).
func (p *printfState) intArg(a string) int64 {
	if a != "" && (a[0] == '\'' || a[0] == '"') {
		return charCode(a)
	}
	mag, neg, overflow, used := scanInteger(a)
	if used < len(a) {
		p.invalidNumber(a)
	}
	var n int64
	switch {
	case neg && mag > 1<<63:
		n, overflow = -1<<63, true
	case neg:
		n = -int64(mag)
	case mag > 1<<63-1:
		n, overflow = 1<<63-1, true
	default:
		n = int64(mag)
	}
	if overflow && used == len(a) {
		p.outOfRange(a)
	}
	return n
}

// uintArg converts an argument for %u, %o, %x and %X: as strtoumax, a
// negative number wraps around ("-1" is 2^64-1).
func (p *printfState) uintArg(a string) uint64 {
	if a != "" && (a[0] == '\'' || a[0] == '"') {
		return uint64(charCode(a))
	}
	mag, neg, overflow, used := scanInteger(a)
	if used < len(a) {
		p.invalidNumber(a)
	}
	if overflow {
		if used == len(a) {
			p.outOfRange(a)
		}
		return ^uint64(0)
	}
	if neg {
		return -mag
	}
	return mag
}

// floatValue is a floating-point argument: a finite number with a 64-bit
// mantissa (C's long double on x86), or an infinity or a NaN.
type floatValue struct {
	x   *big.Float
	inf bool
	nan bool
	neg bool // the sign of an infinity or NaN
}

// The exponent range of an x86 long double, as big.Float's MantExp
// counts it (mantissa in [0.5, 1)).
const (
	longDoubleMaxExp = 16384
	longDoubleMinExp = -16444 // the smallest subnormal, 2^-16445
	// Below this exponent a long double is subnormal: it has only
	// e+16445 bits of mantissa.
	longDoubleNormalExp = -16381
)

// floatArg converts an argument for the floating-point conversions, as
// strtold(3) reads it.
func (p *printfState) floatArg(a string) floatValue {
	if a != "" && (a[0] == '\'' || a[0] == '"') {
		return floatValue{x: new(big.Float).SetPrec(64).SetInt64(charCode(a))}
	}
	v, used := scanFloat(a)
	if used < len(a) {
		p.invalidNumber(a)
	}
	if v.x != nil && v.x.Sign() != 0 {
		exp := v.x.MantExp(nil)
		switch {
		case exp > longDoubleMaxExp:
			if used == len(a) {
				p.outOfRange(a)
			}
			return floatValue{inf: true, neg: v.x.Signbit()}
		case exp < longDoubleMinExp:
			// Below the smallest subnormal: 0, or that subnormal for a
			// value above half of it (round to nearest).
			if used == len(a) {
				p.outOfRange(a)
			}
			z := new(big.Float).SetPrec(64)
			half := new(big.Float).SetMantExp(big.NewFloat(1), -16446)
			if exp == longDoubleMinExp-1 && new(big.Float).Abs(v.x).Cmp(half) > 0 {
				z.SetMantExp(big.NewFloat(1), -16445)
			}
			if v.x.Signbit() {
				z.Neg(z)
			}
			return floatValue{x: z}
		case exp < longDoubleNormalExp:
			// A subnormal keeps fewer bits. strtold reports the result out
			// of range unless it is exact, which a decimal fraction never
			// is: compare with the number read more precisely.
			q := new(big.Float).SetPrec(uint(exp + 16445)).SetMode(big.ToNearestEven).Set(v.x)
			if used == len(a) && !subnormalExact(a, q) {
				p.outOfRange(a)
			}
			v.x = q.SetPrec(64)
		}
	}
	return v
}

// subnormalExact reports whether the number a (already read) is exactly
// the subnormal q: a is read again with 256 bits of precision.
func subnormalExact(a string, q *big.Float) bool {
	v, _ := scanFloatPrec(a, 256)
	return v.x != nil && v.x.Cmp(q) == 0
}

// scanFloat reads the longest prefix of s that strtold accepts: blanks, a
// sign, then decimal digits with an optional point and e exponent, 0x
// hex digits with an optional point and p exponent, inf, infinity or
// nan. It returns the value and the bytes used (0: no number, value 0).
func scanFloat(s string) (floatValue, int) { return scanFloatPrec(s, 64) }

// scanFloatPrec is scanFloat with prec bits of mantissa.
func scanFloatPrec(s string, prec uint) (floatValue, int) {
	i := 0
	for i < len(s) && isCSpace(s[i]) {
		i++
	}
	neg := false
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		neg = s[i] == '-'
		i++
	}
	rest := strings.ToLower(s[i:])
	switch {
	case strings.HasPrefix(rest, "infinity"):
		return floatValue{inf: true, neg: neg}, i + 8
	case strings.HasPrefix(rest, "inf"):
		return floatValue{inf: true, neg: neg}, i + 3
	case strings.HasPrefix(rest, "nan"):
		return floatValue{nan: true, neg: neg}, i + 3
	}
	start := i
	base, expChar := 10, byte('e')
	if i+1 < len(s) && s[i] == '0' && (s[i+1] == 'x' || s[i+1] == 'X') &&
		(i+2 < len(s) && isDigitIn(s[i+2], 16) || i+3 < len(s) && s[i+2] == '.' && isDigitIn(s[i+3], 16)) {
		base, expChar = 16, 'p'
		i += 2
	}
	digits := 0
	for i < len(s) && isDigitIn(s[i], base) {
		i++
		digits++
	}
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && isDigitIn(s[i], base) {
			i++
			digits++
		}
	}
	if digits == 0 {
		zero := new(big.Float).SetPrec(64)
		if base == 16 { // "0x" alone: the 0
			return floatValue{x: zero}, start + 1
		}
		return floatValue{x: zero}, 0
	}
	if i < len(s) && (s[i]|0x20) == expChar {
		j := i + 1
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			j++
		}
		if j < len(s) && '0' <= s[j] && s[j] <= '9' {
			for j < len(s) && '0' <= s[j] && s[j] <= '9' {
				j++
			}
			i = j
		}
	}
	text := s[start:i]
	if base == 16 && !strings.ContainsAny(text, "pP") {
		text += "p0"
	}
	x, _, err := big.ParseFloat(text, 0, prec, big.ToNearestEven)
	if err != nil {
		// An exponent beyond big.Float's range.
		if strings.Contains(text, "-") {
			x = new(big.Float).SetPrec(64)
		} else {
			return floatValue{inf: true, neg: neg}, i
		}
	}
	if neg {
		x.Neg(x)
	}
	return floatValue{x: x}, i
}

// ---- floating-point conversions ----

func (p *printfState) float(d directive, v floatValue) {
	upper := d.conv == 'E' || d.conv == 'F' || d.conv == 'G' || d.conv == 'A'
	negative := v.neg
	if v.x != nil {
		negative = v.x.Signbit()
	}
	sign := ""
	switch {
	case negative:
		sign = "-"
	case d.plus:
		sign = "+"
	case d.space:
		sign = " "
	}
	if v.inf || v.nan {
		body := "inf"
		if v.nan {
			body = "nan"
		}
		if upper {
			body = strings.ToUpper(body)
		}
		p.pad(d, sign, "", body, false)
		return
	}
	x := new(big.Float).SetPrec(64).Abs(v.x)
	prec := d.prec
	if prec < 0 && d.conv != 'a' && d.conv != 'A' {
		prec = 6
	}
	var body, prefix string
	switch d.conv | 0x20 {
	case 'f':
		body = x.Text('f', prec)
		if d.hash && prec == 0 {
			body += "."
		}
	case 'e':
		body = formatE(x, prec, d.hash)
	case 'g':
		body = formatG(x, prec, d.hash)
	case 'a':
		prefix = "0x"
		body = formatHexFloat(x, prec, d.hash)
		if d.double {
			f, _ := x.Float64()
			body = formatHexDouble(f, prec, d.hash)
		}
	}
	if upper {
		body = strings.ToUpper(body)
		prefix = strings.ToUpper(prefix)
	}
	p.pad(d, sign, prefix, body, true)
}

// formatE is %e: d.ddde±dd, with a point even at precision 0 under #.
func formatE(x *big.Float, prec int, hash bool) string {
	s := x.Text('e', prec)
	if hash && prec == 0 {
		s = strings.Replace(s, "e", ".e", 1)
	}
	return s
}

// formatG is %g as C defines it: with P significant digits (6 if none,
// 1 if 0) and X the exponent %e would print, use %f with precision P-1-X
// if P > X >= -4, else %e with P-1; then drop trailing zeros and a
// trailing point, unless #.
func formatG(x *big.Float, prec int, hash bool) string {
	if prec == 0 {
		prec = 1
	}
	e := x.Text('e', prec-1)
	exp, _ := strconv.Atoi(e[strings.IndexByte(e, 'e')+1:])
	var s string
	if prec > exp && exp >= -4 {
		s = x.Text('f', prec-1-exp)
	} else {
		s = e
	}
	if hash {
		if !strings.Contains(s, ".") {
			if k := strings.IndexByte(s, 'e'); k >= 0 {
				s = s[:k] + "." + s[k:]
			} else {
				s += "."
			}
		}
		return s
	}
	mant, expPart := s, ""
	if k := strings.IndexByte(s, 'e'); k >= 0 {
		mant, expPart = s[:k], s[k:]
	}
	if strings.Contains(mant, ".") {
		mant = strings.TrimRight(mant, "0")
		mant = strings.TrimSuffix(mant, ".")
	}
	return mant + expPart
}

// formatHexFloat is %a as glibc prints a long double: the 64-bit
// mantissa's top four bits as the digit before the point (8 to f), the
// other 60 as fifteen hex digits (trailing zeros dropped unless a
// precision is given), and the binary exponent: 1 is 0x8p-3. The 0x is
// the caller's.
// formatHexDouble is %a of a double as glibc writes it, without the 0x:
// "1.999999999999ap-4", a leading 1 and 52 bits of fraction.
func formatHexDouble(f float64, prec int, hash bool) string {
	body := strings.TrimPrefix(strconv.FormatFloat(f, 'x', prec, 64), "0x")
	mant, exp, _ := strings.Cut(body, "p")
	if hash && !strings.Contains(mant, ".") {
		mant += "."
	}
	sign, digits := exp[:1], strings.TrimLeft(exp[1:], "0")
	if digits == "" {
		digits = "0"
	}
	return mant + "p" + sign + digits
}

func formatHexFloat(x *big.Float, prec int, hash bool) string {
	if x.Sign() == 0 {
		body := "0"
		if prec > 0 {
			body += "." + strings.Repeat("0", prec)
		} else if hash {
			body += "."
		}
		return body + "p+0"
	}
	m := new(big.Float).SetPrec(64)
	e := x.MantExp(m)     // x = m × 2^e, 0.5 <= m < 1
	m.SetMantExp(m, 64)   // now an integer in [2^63, 2^64)
	mant, _ := m.Uint64() // exact: the precision is 64 bits
	exp := e - 64 + 60    // x = (mant / 2^60) × 2^exp
	if e < longDoubleNormalExp {
		// A subnormal: its integer bit is 0, and glibc writes it with the
		// smallest normal exponent, 0x0.000000663278e62p-16385.
		m.SetMantExp(x, 16445)
		mant, _ = m.Uint64()
		exp = -16385
	}
	lead := mant >> 60 // 8..15, or 0..7 for a subnormal
	frac := mant & (1<<60 - 1)
	digits := fmt.Sprintf("%015x", frac)
	if prec >= 0 && prec < 15 {
		// Round the fraction to prec hex digits, to nearest even.
		drop := uint(4 * (15 - prec))
		keep := frac >> drop
		rem := frac & (1<<drop - 1)
		half := uint64(1) << (drop - 1)
		if rem > half || rem == half && keep&1 == 1 {
			keep++
		}
		if keep >= 1<<(4*uint(prec)) {
			keep -= 1 << (4 * uint(prec))
			lead++
		}
		if lead == 16 {
			lead, exp = 1, exp+4
		}
		digits = ""
		if prec > 0 {
			digits = fmt.Sprintf("%0*x", prec, keep)
		}
	} else if prec >= 15 {
		digits += strings.Repeat("0", prec-15)
	} else {
		digits = strings.TrimRight(digits, "0")
	}
	body := strconv.FormatUint(lead, 16)
	if digits != "" || hash {
		body += "." + digits
	}
	return fmt.Sprintf("%sp%+d", body, exp)
}

// ---- escapes ----

// formatEscape interprets the backslash escape at the start of s (in the
// format itself) and returns how many bytes it used.
func (p *printfState) formatEscape(s string) int {
	if len(s) < 2 {
		p.out.WriteByte('\\')
		return 1
	}
	c := s[1]
	switch c {
	case 'a', 'b', 'e', 'E', 'f', 'n', 'r', 't', 'v':
		p.out.WriteByte(simpleEscape(c))
		return 2
	case '\\', '"', '\'', '?':
		p.out.WriteByte(c)
		return 2
	case '0', '1', '2', '3', '4', '5', '6', '7':
		n, used := digits(s[1:], 8, 3)
		p.out.WriteByte(byte(n))
		return 1 + used
	}
	if n, ok := p.hexEscape(s); ok {
		return n
	}
	p.out.WriteByte('\\')
	p.out.WriteByte(c)
	return 2
}

// hexEscape handles \xHH, \uHHHH and \UHHHHHHHH at the start of s,
// shared by the format and %b. ok is false if s starts with none of them.
func (p *printfState) hexEscape(s string) (int, bool) {
	c := s[1]
	switch c {
	case 'x':
		n, used := digits(s[2:], 16, 2)
		if used == 0 {
			p.warn("missing hex digit for \\x")
			p.out.WriteString(`\x`)
			return 2, true
		}
		p.out.WriteByte(byte(n))
		return 2 + used, true
	case 'u', 'U':
		max := 4
		if c == 'U' {
			max = 8
		}
		n, used := digits(s[2:], 16, max)
		if used == 0 {
			p.warn("missing unicode digit for \\%c", c)
			p.out.WriteByte('\\')
			p.out.WriteByte(c)
			return 2, true
		}
		p.out.WriteRune(rune(n))
		return 2 + used, true
	}
	return 0, false
}

func simpleEscape(c byte) byte {
	switch c {
	case 'a':
		return '\a'
	case 'b':
		return '\b'
	case 'e', 'E':
		return 0x1b
	case 'f':
		return '\f'
	case 'n':
		return '\n'
	case 'r':
		return '\r'
	case 't':
		return '\t'
	}
	return '\v'
}

// expandB is %b: echo -e's escapes in an argument (\0NNN and \NNN octal,
// \c ending all output). It returns the text and whether \c was seen.
func (p *printfState) expandB(a string) (string, bool) {
	saved := p.out
	p.out = strings.Builder{}
	p.inB = true
	defer func() { p.out, p.inB = saved, false }()
	for i := 0; i < len(a); i++ {
		c := a[i]
		if c != '\\' || i+1 == len(a) {
			p.out.WriteByte(c)
			continue
		}
		e := a[i+1]
		switch {
		case e == 'c':
			return p.out.String(), true
		case strings.IndexByte("abeEfnrtv", e) >= 0:
			p.out.WriteByte(simpleEscape(e))
			i++
		case e == '\\':
			p.out.WriteByte('\\')
			i++
		case e == '0':
			n, used := digits(a[i+2:], 8, 3)
			p.out.WriteByte(byte(n))
			i += 1 + used
		case '1' <= e && e <= '7':
			n, used := digits(a[i+1:], 8, 3)
			p.out.WriteByte(byte(n))
			i += used
		case e == 'x' || e == 'u' || e == 'U':
			n, _ := p.hexEscape(a[i:])
			i += n - 1
		default:
			p.out.WriteByte('\\')
			p.out.WriteByte(e)
			i++
		}
	}
	return p.out.String(), false
}

// shellQuote is %q: the argument quoted so the shell reads it back as one
// word, as bash does: ” for empty, $'...' when it holds a control
// character or invalid UTF-8, else a backslash before each special
// character.
func shellQuote(s string) string {
	if s == "" {
		return "''"
	}
	if hasControl(s) || !utf8.ValidString(s) {
		return ansiCQuoteInvalid(s)
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case strings.IndexByte(" \t\n!\"$&'()*,;<>?[\\]^`{|}", c) >= 0,
			c == '#' && i == 0,
			c == '~' && (i == 0 || s[i-1] == ':' || s[i-1] == '='):
			b.WriteByte('\\')
		}
		b.WriteByte(c)
	}
	return b.String()
}

// ansiCQuoteInvalid is ansiCQuote, with each byte that is not part of a
// valid UTF-8 sequence written in octal too ($'\377'), as bash does.
func ansiCQuoteInvalid(s string) string {
	var b strings.Builder
	for len(s) > 0 {
		r, size := utf8.DecodeRuneInString(s)
		if r == utf8.RuneError && size == 1 {
			fmt.Fprintf(&b, "\\%03o", s[0])
		} else {
			q := jobs.ANSICQuote(s[:size])
			b.WriteString(q[2 : len(q)-1])
		}
		s = s[size:]
	}
	return "$'" + b.String() + "'"
}

// ---- %(fmt)T ----

// timeArg is %(fmt)T: the argument is seconds since the epoch, -1 now,
// -2 the shell's start; no argument means now. An empty format is %X.
func (p *printfState) timeArg(a string, given bool, format string) string {
	t := time.Now()
	if given {
		n := p.intArg(a)
		switch n {
		case -1:
		case -2:
			t = shellStart
		default:
			t = time.Unix(n, 0)
		}
	}
	t = t.In(p.location())
	if format == "" {
		format = "%X"
	}
	return strftime(format, t)
}

// location is the time zone: $TZ when exported (as the C library reads
// it from the environment), else the process's local zone. A zone the
// system does not know is UTC under that name, as glibc does.
func (p *printfState) location() *time.Location {
	tz, ok := p.sh.Var("TZ")
	if !ok || !p.sh.IsExported("TZ") {
		return time.Local
	}
	if tz == "" {
		return time.UTC
	}
	if loc, err := time.LoadLocation(strings.TrimPrefix(tz, ":")); err == nil {
		return loc
	}
	return time.FixedZone(tz, 0)
}

// strftime formats t as strftime(3) does in the C locale, with glibc's
// flags (- no padding, _ spaces, 0 zeros, ^ upper case, # swap case) and
// widths. An unknown conversion is copied as it is.
// Strftime is strftime(3) as printf's %(fmt)T does it, for the prompt's
// \D{fmt} (shell/prompt.go).
func Strftime(format string, t time.Time) string { return strftime(format, t) }

func strftime(format string, t time.Time) string {
	var b strings.Builder
	for i := 0; i < len(format); i++ {
		if format[i] != '%' || i+1 == len(format) {
			b.WriteByte(format[i])
			continue
		}
		start := i
		i++
		padFlag, upper := byte(0), false
		for i < len(format) && strings.IndexByte("-_0^#", format[i]) >= 0 {
			switch format[i] {
			case '^', '#':
				upper = true
			default:
				padFlag = format[i]
			}
			i++
		}
		width, j := scanDigits(format, i)
		i = j
		for i < len(format) && (format[i] == 'E' || format[i] == 'O') {
			i++
		}
		if i >= len(format) {
			b.WriteString(format[start:])
			break
		}
		text, numeric, defWidth, defPad, known := strftimeConv(format[i], t)
		if !known {
			b.WriteString(format[start : i+1])
			continue
		}
		if upper {
			text = strings.ToUpper(text)
		}
		if numeric {
			text = strings.TrimLeft(text, " 0")
			neg := strings.HasPrefix(text, "-")
			if text == "" {
				text = "0"
			}
			w, pad := defWidth, defPad
			if width > 0 {
				w = width
			}
			switch padFlag {
			case '-':
				// No padding of its own; an explicit width pads with spaces.
				w, pad = width, ' '
			case '_':
				pad = ' '
			case '0':
				pad = '0'
			}
			if neg {
				text = text[1:]
				w--
			}
			for len(text) < w {
				text = string(pad) + text
			}
			if neg {
				text = "-" + text
			}
		} else if width > len(text) {
			pad := " "
			if padFlag == '0' {
				pad = "0"
			}
			text = strings.Repeat(pad, width-len(text)) + text
		}
		b.WriteString(text)
	}
	return b.String()
}

// strftimeConv is one strftime conversion: its text, whether it is a
// number (which the padding flags apply to), and its default width and
// padding; known is false for a conversion it does not know.
func strftimeConv(c byte, t time.Time) (text string, numeric bool, width int, pad byte, known bool) {
	num := func(n, w int, p byte) (string, bool, int, byte, bool) {
		return strconv.Itoa(n), true, w, p, true
	}
	isoYear, isoWeek := t.ISOWeek()
	switch c {
	case 'a':
		return t.Format("Mon"), false, 0, 0, true
	case 'A':
		return t.Format("Monday"), false, 0, 0, true
	case 'b', 'h':
		return t.Format("Jan"), false, 0, 0, true
	case 'B':
		return t.Format("January"), false, 0, 0, true
	case 'c':
		return strftime("%a %b %e %H:%M:%S %Y", t), false, 0, 0, true
	case 'C':
		return num(t.Year()/100, 2, '0')
	case 'd':
		return num(t.Day(), 2, '0')
	case 'D', 'x':
		return strftime("%m/%d/%y", t), false, 0, 0, true
	case 'e':
		return num(t.Day(), 2, ' ')
	case 'F':
		return strftime("%Y-%m-%d", t), false, 0, 0, true
	case 'g':
		return num(isoYear%100, 2, '0')
	case 'G':
		return num(isoYear, 0, '0')
	case 'H':
		return num(t.Hour(), 2, '0')
	case 'I':
		return num((t.Hour()+11)%12+1, 2, '0')
	case 'j':
		return num(t.YearDay(), 3, '0')
	case 'k':
		return num(t.Hour(), 2, ' ')
	case 'l':
		return num((t.Hour()+11)%12+1, 2, ' ')
	case 'm':
		return num(int(t.Month()), 2, '0')
	case 'M':
		return num(t.Minute(), 2, '0')
	case 'n':
		return "\n", false, 0, 0, true
	case 'p':
		return t.Format("PM"), false, 0, 0, true
	case 'P':
		return strings.ToLower(t.Format("PM")), false, 0, 0, true
	case 'r':
		return strftime("%I:%M:%S %p", t), false, 0, 0, true
	case 'R':
		return strftime("%H:%M", t), false, 0, 0, true
	case 's':
		return num(int(t.Unix()), 0, '0')
	case 'S':
		return num(t.Second(), 2, '0')
	case 't':
		return "\t", false, 0, 0, true
	case 'T', 'X':
		return strftime("%H:%M:%S", t), false, 0, 0, true
	case 'u':
		return num((int(t.Weekday())+6)%7+1, 1, '0')
	case 'U':
		return num((t.YearDay()+6-int(t.Weekday()))/7, 2, '0')
	case 'V':
		return num(isoWeek, 2, '0')
	case 'w':
		return num(int(t.Weekday()), 1, '0')
	case 'W':
		return num((t.YearDay()+6-(int(t.Weekday())+6)%7)/7, 2, '0')
	case 'y':
		return num(t.Year()%100, 2, '0')
	case 'Y':
		return num(t.Year(), 0, '0')
	case 'z':
		return t.Format("-0700"), false, 0, 0, true
	case 'Z':
		name, _ := t.Zone()
		return name, false, 0, 0, true
	case '%':
		return "%", false, 0, 0, true
	}
	return "", false, 0, 0, false
}
