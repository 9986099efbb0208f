package shell

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"gosh/parser"
)

// fillValue gives every field reachable from v a value that is not its
// zero value, different for each field (n counts), so that a field lost on
// the way shows. path names the field for the overrides below.
func fillValue(t *testing.T, v reflect.Value, path string, n *int) {
	*n++
	switch path {
	case "Functions":
		v.Set(reflect.ValueOf(map[string]Function{
			// The canonical text (parser.String), which a snapshot of a
			// restored shell prints again.
			"greet": {Source: "greet() { echo hello \"$1\"; }", Line: 7, Attrs: uint8(funcExported | funcReadonly), File: "./lib.sh"},
		}))
		return
	case "Vars":
		// One scope: a child flattens local scopes into the global one
		// until functions with local variables exist.
		scope := reflect.MakeMap(v.Type().Elem())
		for i := 0; i < 2; i++ {
			x := reflect.New(v.Type().Elem().Elem()).Elem()
			fillValue(t, x, path+".Var", n)
			scope.SetMapIndex(reflect.ValueOf(fmt.Sprintf("v%d", *n)), x)
		}
		s := reflect.MakeSlice(v.Type(), 1, 1)
		s.Index(0).Set(scope)
		v.Set(s)
		return
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString(fmt.Sprintf("value %d: 'quote' \x00 \xff\n", *n))
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(int64(*n))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(uint64(*n))
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 2, 2)
		for i := 0; i < 2; i++ {
			fillValue(t, s.Index(i), path+"[]", n)
		}
		v.Set(s)
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		for i := 0; i < 2; i++ {
			e := reflect.New(v.Type().Elem()).Elem()
			fillValue(t, e, path+"[]", n)
			m.SetMapIndex(reflect.ValueOf(fmt.Sprintf("k%d", *n)), e)
		}
		v.Set(m)
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			f := v.Type().Field(i)
			if !f.IsExported() {
				continue
			}
			name := f.Name
			if path != "" {
				name = path + "." + f.Name
			}
			fillValue(t, v.Field(i), name, n)
		}
	case reflect.Pointer:
		p := reflect.New(v.Type().Elem())
		fillValue(t, p.Elem(), path, n)
		v.Set(p)
	default:
		t.Fatalf("snapshot field %s: a %s cannot be filled; teach fillValue", path, v.Type())
	}
}

// checkNonZero fails for every exported field reachable from v that is
// zero: a field that did not survive.
func checkNonZero(t *testing.T, v reflect.Value, path string) {
	t.Helper()
	if v.IsZero() && !(path == "Snapshot.Functions" && v.Len() == 0) {
		t.Errorf("snapshot field %s was lost (zero after the round trip)", path)
		return
	}
	switch v.Kind() {
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if f := v.Type().Field(i); f.IsExported() {
				checkNonZero(t, v.Field(i), path+"."+f.Name)
			}
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			checkNonZero(t, v.Index(i), path+"[]")
		}
	case reflect.Map:
		iter := v.MapRange()
		for iter.Next() {
			checkNonZero(t, iter.Value(), path+"[]")
		}
	}
}

func filledSnapshot(t *testing.T) *Snapshot {
	s := &Snapshot{}
	n := 0
	fillValue(t, reflect.ValueOf(s).Elem(), "", &n)
	line := s.Functions["greet"].Line
	if d, err := parseFunctionAt(s.Functions["greet"].Source, line); err == nil {
		// As snapshot prints it, defined on line.
		s.Functions["greet"] = Function{Source: parser.StringAt(d, line), Line: line, Attrs: s.Functions["greet"].Attrs, File: s.Functions["greet"].File}
	} else {
		// Until the parser reads function definitions, a snapshot cannot
		// hold one; this test covers the field as soon as it can.
		t.Logf("functions are not parsed yet (%v): Snapshot.Functions left empty", err)
		s.Functions = map[string]Function{"": {}}
		delete(s.Functions, "")
	}
	return s
}

func mustEncode(t *testing.T, s *Snapshot) []byte {
	t.Helper()
	data, err := encodeSnapshot(s.encodable())
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestSnapshotEveryField walks every field of Snapshot through both ways
// of making a subshell: restore into a shell and snapshot it again (what
// clone does), and encode, decode and restore (what a child gosh does).
func TestSnapshotEveryField(t *testing.T) {
	want := filledSnapshot(t)
	wantData := mustEncode(t, want)

	// The copy: restore, then snapshot again; then clone that shell.
	sh := New(Config{})
	if err := sh.restore(filledSnapshot(t)); err != nil {
		t.Fatal(err)
	}
	got := sh.snapshot().encodable()
	checkNonZero(t, reflect.ValueOf(got).Elem(), "Snapshot")
	if !bytes.Equal(mustEncode(t, got), wantData) {
		t.Errorf("restore then snapshot changed the snapshot:\n got %+v\nwant %+v", got, want)
	}
	// A clone is a subshell: it resets the caught traps (forSubshell).
	wantClone := *want
	wantClone.Traps = want.Traps.forSubshell()
	if c := sh.clone(); !bytes.Equal(mustEncode(t, c.snapshot()), mustEncode(t, &wantClone)) {
		t.Errorf("a clone's snapshot differs from its shell's:\n got %+v\nwant %+v", c.snapshot(), &wantClone)
	}

	// The child: encode the start message, decode it, restore.
	msg, err := encodeSnapshot(&childStart{Snap: *want, Body: "echo hi"})
	if err != nil {
		t.Fatal(err)
	}
	var m childStart
	if err := decodeSnapshot(msg, &m); err != nil {
		t.Fatal(err)
	}
	if m.Body != "echo hi" {
		t.Errorf("body: got %q", m.Body)
	}
	checkNonZero(t, reflect.ValueOf(&m.Snap).Elem(), "Snapshot")
	child := New(Config{})
	if err := child.restore(&m.Snap); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(mustEncode(t, child.snapshot()), wantData) {
		t.Errorf("encode, decode and restore changed the snapshot:\n got %+v\nwant %+v", child.snapshot(), want)
	}

	// As a child gosh decodes it (decodeChildStart: its variables straight
	// into the table), with one scope and with several.
	for _, scopes := range []int{1, 3} {
		s := filledSnapshot(t)
		for len(s.Vars) < scopes {
			s.Vars = append(s.Vars, map[string]Var{"LOCAL": {Value: "in a function"}})
		}
		s.Vars = s.Vars[:scopes]
		msg, err := encodeSnapshot(&childStart{Snap: *s, Body: "echo hi"})
		if err != nil {
			t.Fatal(err)
		}
		// What decodeSnapshot and restore make of it (several scopes
		// become one table) is what the child must have.
		var plain childStart
		if err := decodeSnapshot(msg, &plain); err != nil {
			t.Fatal(err)
		}
		viaPlain := New(Config{})
		if err := viaPlain.restore(&plain.Snap); err != nil {
			t.Fatal(err)
		}
		want := mustEncode(t, viaPlain.snapshot())
		var m childStart
		if err := decodeChildStart(msg, &m); err != nil {
			t.Fatalf("%d scopes: %v", scopes, err)
		}
		if direct := m.Snap.vars != nil; direct != (scopes == 1) {
			t.Errorf("%d scopes: variables read into the table: %v", scopes, direct)
		}
		child := New(Config{})
		if err := child.restore(&m.Snap); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(mustEncode(t, child.snapshot()), want) {
			t.Errorf("%d scopes: decodeChildStart and restore give another shell than decodeSnapshot and restore:\n got %+v\nwant %+v", scopes, child.snapshot(), viaPlain.snapshot())
		}
		for cut := 0; cut < len(msg); cut += max(1, len(msg)/50) {
			var m childStart
			if err := decodeChildStart(msg[:cut], &m); err == nil {
				t.Errorf("%d scopes: a message cut at %d of %d bytes decoded", scopes, cut, len(msg))
			}
		}
	}
}

// perProcess lists the fields of Shell that a subshell does not inherit
// from a Snapshot, and why. Every other field of Shell must be carried by
// the Snapshot (snapshotOf). A new field of Shell must be added to one of
// the two, or this test fails: that is the point.
var perProcess = map[string]string{
	"Jobs":           "a subshell sees no jobs of its parent (only $!): a copy shares the job table, a child has its own",
	"subshell":       "says whether this shell is a copy",
	"lastCmd":        "the command a child gosh may become, from the body it was given (tailexec.go); a child of a child gets its own",
	"textRead":       "the -c text's reading loop only (tailexec.go)",
	"forkedChild":    "says whether this copy stands for a child of the top-level shell (a trap on CHLD counts its end)",
	"lineCopy":       "says whether this copy runs a $( ) of an interactive command line, in the shell's process (Ctrl+C abandons the line from inside it); a child gosh is not interactive",
	"self":           "the gosh executable, found by each process at start",
	"source":         "where the commands come from; a subshell runs what it is given",
	"pipeBroken":     "set by the builtin stage that owns it",
	"compoundArgs":   "the arguments of the declaration builtin running now, set around that one call",
	"hash":           "a cache of PATH searches: a copy gets a copy, a child searches again",
	"lastSubst":      "the status of the last $( ) of the command being expanded, read at once",
	"ctx":            "Ctrl+C of the interactive command line",
	"cancel":         "Ctrl+C of the interactive command line",
	"hangup":         "SIGHUP of the interactive shell",
	"noEditing":      "gosh --noediting: the prompt of the interactive shell, which no subshell shows",
	"Hooks":          "the interactive layer's callbacks",
	"limits":         "a copy's own resource limits: a child gosh started from a copy gets them for real, set by the --rlimits helper",
	"specials":       "$RANDOM's generator, $SECONDS' start, $_ and PIPESTATUS in the making: a subshell starts them afresh, as bash reseeds RANDOM in one",
	"sigs":           "the process's signal dispositions and pending signals: a copy shares them, a child gosh has its own",
	"errTrapDepth":   "set while this shell runs its ERR trap",
	"xtraceDepth":    "how many $( ) deep a copy runs, for set -x; a child gosh starts at 0",
	"inDebugTrap":    "set while this shell runs its DEBUG trap",
	"inReturnTrap":   "set while this shell runs its RETURN trap",
	"inExitTrap":     "set while this shell runs its EXIT trap; a copy is no longer in it",
	"exitTrapFrom":   "the status the shell ends with, read by exit in its EXIT trap",
	"fdHold":         "who holds each fd: a copy borrows the shell's (borrowAll), a child gosh owns what it was started with (adoptInheritedFds)",
	"umaskHeld":      "set only while this shell's launch holds the umask lock",
	"srcFile":        "the file being run, for caller: a copy has it; a child gosh runs what it is given, and its caller names no file",
	"stack":          "the frames behind FUNCNAME, BASH_SOURCE and BASH_LINENO: a copy shares them (a frame never changes once pushed); their arrays travel in Vars, from which a child gosh rebuilds its caller's frame (inheritedFrame)",
	"procSubsts":     "the <(list) ends this shell closes when their command is done; a subshell sees them as fds of its table (stdio) and closes only its own",
	"hotStore":       "the executor's scratch storage, reused from command to command: each shell makes its own (hotpath.go)",
	"coproc":         "the shell's coprocess, whose fds a subshell does not keep (bash's closes them): a copy forgets it (cloneJobs), a child gosh is started without its fds (childStage)",
	"cloexecFds":     "the user fds no program gets: a child gosh is started without them, a copy shares the list so that its programs do not get them either",
	"declTrace":      "the set -x line of the declaration builtin running now (xtrace.go): a subshell starts with none",
	"declTraceLists": "with declTrace",
	"declTraceCmd":   "with declTrace",
	"unaliased":      "a hint to parse a command substitution again after unalias, for this shell's own parse",
	"owns":           "whether the process is this shell's to replace by execve (Config.OwnsProcess): cmd/gosh says so for each process it starts, a copy shares its shell's process",
	"lastpipeWriter": "the builtin stage writing into the pipe of the last stage this shell runs itself (lastpipe.go)",
	"substLines":     "how the $( ) this copy runs numbers its lines (substlines.go); a child gosh numbers its own body",
	"mail":           "the interactive prompt's mail check (mail.go), which no subshell shows",
	"inTrapAction":   "set while this shell runs a trap's action, for return's status there; a child gosh runs a body of its own",
	"trapFrom":       "with inTrapAction",
}

// snapshotOf maps the fields of Shell that a Snapshot carries to their
// Snapshot field.
var snapshotOf = map[string]string{
	"Vars": "Vars", "funcs": "Functions", "Aliases": "Aliases", "Opts": "Opts",
	"Arg0": "Arg0", "Params": "Params", "Status": "Status", "LastBg": "LastBg",
	"pid": "Pid", "ppid": "PPid", "wd": "Dir", "umask": "Umask", "traps": "Traps",
	"stdio": "Fds", "line": "Line", "flow": "Flow", "shown": "Shown",
	"funcAttrs":    "Functions", // each Function's Attrs
	"asyncIgnored": "AsyncIgnored", "compSpecs": "CompSpecs", "plainDynamic": "PlainDynamic",
	"keys": "EditorKeys",
}

func TestSnapshotCoversShell(t *testing.T) {
	shellType := reflect.TypeOf(Shell{})
	carried := map[string]bool{}
	for i := 0; i < shellType.NumField(); i++ {
		name := shellType.Field(i).Name
		_, local := perProcess[name]
		to, ok := snapshotOf[name]
		switch {
		case local && ok:
			t.Errorf("Shell.%s is listed both as per-process and as carried by the Snapshot", name)
		case !local && !ok:
			t.Errorf("Shell.%s is new: carry it in the Snapshot (snapshot.go: snapshot, restore) or list it in perProcess with a reason", name)
		case ok:
			if _, found := reflect.TypeOf(Snapshot{}).FieldByName(to); !found {
				t.Errorf("Shell.%s maps to Snapshot.%s, which does not exist", name, to)
			}
			carried[to] = true
		}
	}
	st := reflect.TypeOf(Snapshot{})
	for i := 0; i < st.NumField(); i++ {
		f := st.Field(i)
		if f.Name == "vars" || f.Name == "live" || f.Name == "liveSet" {
			continue // in-process forms of Vars (encodable fills Vars from vars; the encoding reads live)
		}
		if !f.IsExported() {
			t.Errorf("Snapshot.%s is not exported: the encoding would drop it", f.Name)
		}
		if !carried[f.Name] {
			t.Errorf("Snapshot.%s comes from no field of Shell (add it to snapshotOf)", f.Name)
		}
	}
	vt := reflect.TypeOf(Var{})
	for i := 0; i < vt.NumField(); i++ {
		if !vt.Field(i).IsExported() {
			t.Errorf("Var.%s is not exported: a child gosh would not get it", vt.Field(i).Name)
		}
	}
}

func TestSnapshotDecodeErrors(t *testing.T) {
	good := mustEncode(t, filledSnapshot(t))
	tests := []struct {
		name string
		data []byte
	}{
		{"empty", nil},
		{"truncated", good[:len(good)/2]},
		{"one byte short", good[:len(good)-1]},
		{"trailing bytes", append(append([]byte(nil), good...), 0)},
		{"huge length", []byte{0xff, 0xff, 0xff, 0xff, 0x0f}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var s Snapshot
			if err := decodeSnapshot(tt.data, &s); err == nil {
				t.Errorf("decoding %d bytes succeeded; want an error", len(tt.data))
			}
		})
	}
}

func TestChildLabel(t *testing.T) {
	long := ""
	for len(long) < 200 {
		long += "echo x; "
	}
	tests := []struct{ in, want string }{
		{"make && ./a.out", "make && ./a.out"},
		{"  sleep 1  ", "sleep 1"},
		{"cat <<EOF\nsecret body\nEOF", "cat <<EOF ..."},
		{long, long[:childTextMax] + "..."},
		{strings.Repeat("é", 100), strings.Repeat("é", childTextMax/2) + "..."},
		{"x" + strings.Repeat("é", 100), "x" + strings.Repeat("é", (childTextMax-1)/2) + "..."},
	}
	for _, tt := range tests {
		if got := childLabel(tt.in); got != tt.want {
			t.Errorf("childLabel(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestSnapshotVarCodec: the variables' codec written out by hand
// (appendVarMap, varMap) gives exactly the bytes the reflective one gives,
// for a Var with every field set: a field added to Var that the hand-written
// codec does not carry fails here.
func TestSnapshotVarCodec(t *testing.T) {
	n := 0
	var v Var
	fillValue(t, reflect.ValueOf(&v).Elem(), "Var", &n)
	vars := map[string]Var{"b": v, "a": {Value: "plain"}, "": {}}
	var want []byte
	want = binary.AppendUvarint(want, uint64(len(vars))+1)
	for _, k := range []string{"", "a", "b"} {
		want = appendSnapshotString(want, k)
		x := vars[k]
		var err error
		if want, err = encodeSnapshotValue(want, reflect.ValueOf(&x).Elem()); err != nil {
			t.Fatal(err)
		}
	}
	if got := appendVarMap(nil, vars); !bytes.Equal(got, want) {
		t.Errorf("appendVarMap differs from the reflective encoding (does it write every field of Var?):\n got %q\nwant %q", got, want)
	}
	var back map[string]Var
	if err := decodeSnapshot(want, &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, vars) {
		t.Errorf("varMap read back %+v, want %+v", back, vars)
	}
	for cut := 0; cut < len(want); cut++ {
		var m map[string]Var
		if err := decodeSnapshot(want[:cut], &m); err == nil {
			t.Errorf("decoding the first %d of %d bytes succeeded; want an error", cut, len(want))
		}
	}
}

// TestSnapshotLiveVars: a snapshot taken for a child gosh (childSnapshot),
// whose encoding reads the shell's own variable table, decodes to what
// the snapshot with its copied variables does; a value the child gets
// instead of the shell's (BASH_SUBSHELL) goes in its place, or is added,
// and the shell's table is left as it was.
func TestSnapshotLiveVars(t *testing.T) {
	if f := reflect.TypeFor[Snapshot]().Field(snapshotVarsField); f.Name != "Vars" {
		t.Fatalf("Snapshot's field %d is %s: snapshotVarsField must be the index of Vars", snapshotVarsField, f.Name)
	}
	tests := []struct {
		name string
		set  map[string]Var // given to the child instead
	}{
		{"as the shell has them", nil},
		{"one replaced", map[string]Var{"BASH_SUBSHELL": {Value: "7"}}},
		{"one added", map[string]Var{"ZZ_NEW": {Value: "new", Exported: true}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sh := New(Config{})
			sh.Vars.Set("PLAIN", "v")
			sh.Vars.Set("EXP", "e")
			sh.Vars.Export("EXP")
			n := 0
			var full Var
			fillValue(t, reflect.ValueOf(&full).Elem(), "Var", &n)
			sh.Vars.m["FULL"] = &full
			before := slices.Sorted(slices.Values(sh.Vars.Environ(nil)))
			want := sh.snapshot().encodable()
			live := sh.childSnapshot()
			for k, v := range tt.set {
				want.setVar(k, v)
				live.setVar(k, v)
			}
			wantData, err := encodeSnapshot(&childStart{Snap: *want, Body: "true"})
			if err != nil {
				t.Fatal(err)
			}
			gotData, err := encodeSnapshot(&childStart{Snap: *live, Body: "true"})
			if err != nil {
				t.Fatal(err)
			}
			if len(gotData) != len(wantData) {
				t.Errorf("the live encoding has %d bytes, the copied one %d", len(gotData), len(wantData))
			}
			var back, wantBack childStart
			if err := decodeSnapshot(gotData, &back); err != nil {
				t.Fatal(err)
			}
			if err := decodeSnapshot(wantData, &wantBack); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(back, wantBack) {
				t.Errorf("the live encoding decodes to\n%+v\nthe copied one to\n%+v", back, wantBack)
			}
			for k, v := range tt.set {
				if got := back.Snap.Vars[0][k]; got.Value != v.Value {
					t.Errorf("%s decoded as %q, want %q", k, got.Value, v.Value)
				}
			}
			if after := slices.Sorted(slices.Values(sh.Vars.Environ(nil))); !slices.Equal(before, after) {
				t.Errorf("the shell's environment changed: %q, was %q", after, before)
			}
			if _, ok := tt.set["BASH_SUBSHELL"]; ok {
				if v, _ := sh.Vars.Get("BASH_SUBSHELL"); v == "7" {
					t.Errorf("the shell's own BASH_SUBSHELL changed")
				}
			}
		})
	}
}
