package parser

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// dump renders a node's structure without positions, so that two spellings
// of the same program can be compared. Zero-valued fields are left out:
// Word{Parts: [Lit{Value: "a"}]}.
func dump(node any) string {
	var b strings.Builder
	dumpValue(&b, reflect.ValueOf(node))
	return b.String()
}

func dumpValue(b *strings.Builder, v reflect.Value) {
	switch v.Kind() {
	case reflect.Invalid:
		b.WriteString("nil")
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			b.WriteString("nil")
			return
		}
		dumpValue(b, v.Elem())
	case reflect.Struct:
		t := v.Type()
		b.WriteString(t.Name() + "{")
		sep := ""
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if f.Name == "Pos" || f.Name == "End" || f.Name == "Line" || !f.IsExported() || v.Field(i).IsZero() {
				continue
			}
			b.WriteString(sep + f.Name + ": ")
			dumpValue(b, v.Field(i))
			sep = ", "
		}
		b.WriteString("}")
	case reflect.Slice:
		b.WriteString("[")
		for i := 0; i < v.Len(); i++ {
			if i > 0 {
				b.WriteString(" ")
			}
			dumpValue(b, v.Index(i))
		}
		b.WriteString("]")
	case reflect.String:
		fmt.Fprintf(b, "%q", v.String())
	default:
		if s, ok := v.Interface().(fmt.Stringer); ok {
			b.WriteString(s.String())
			return
		}
		fmt.Fprint(b, v.Interface())
	}
}

// mustParse parses src or fails the test.
func mustParse(t *testing.T, src string) *File {
	t.Helper()
	f, err := Parse(src)
	if err != nil {
		t.Fatalf("Parse(%q): %v", src, err)
	}
	return f
}

// firstCmd returns the first simple command of a program.
func firstCmd(t *testing.T, f *File) *SimpleCommand {
	t.Helper()
	if len(f.List.Items) == 0 {
		t.Fatalf("no list items")
	}
	return f.List.Items[0].AndOr.First.Cmds[0].(*SimpleCommand)
}

// firstWordArg returns the dump of argument i of the first command.
func argDump(t *testing.T, src string, i int) string {
	t.Helper()
	c := firstCmd(t, mustParse(t, src))
	if i >= len(c.Args) {
		t.Fatalf("%q: no argument %d in %s", src, i, dump(c))
	}
	return dump(c.Args[i])
}
