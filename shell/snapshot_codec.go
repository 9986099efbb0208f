package shell

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"sort"
	"sync"
	"unsafe"
)

// The binary form of a Snapshot, as the parent gosh writes it into the
// memfd a child gosh reads at start-up. It is written and read by
// reflection over the exported fields of the types, in declaration order,
// so a field added to Snapshot or to Var travels with no change here. Both
// ends are the same executable (/proc/self/exe), so no field names or
// version are needed. encoding/gob would do the same, but its package
// initialisation alone costs a quarter of a millisecond in every gosh start,
// child or not.
//
//	string, []byte   uvarint length, bytes
//	int, int64 ...   varint
//	bool             one byte, 0 or 1
//	slice, map       uvarint 0 for nil, else length+1, then the elements
//	                 (map keys sorted, so equal snapshots encode equally;
//	                 the variables of a child's snapshot in any order,
//	                 appendLiveVars)
//	struct           each exported field in order
//	pointer          one byte, 0 for nil, then the element

// encodeSnapshotValue appends the binary form of v to buf.
func encodeSnapshotValue(buf []byte, v reflect.Value) ([]byte, error) {
	switch v.Kind() {
	case reflect.String:
		buf = binary.AppendUvarint(buf, uint64(v.Len()))
		return append(buf, v.String()...), nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return binary.AppendVarint(buf, v.Int()), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return binary.AppendUvarint(buf, v.Uint()), nil
	case reflect.Bool:
		if v.Bool() {
			return append(buf, 1), nil
		}
		return append(buf, 0), nil
	case reflect.Slice:
		if v.IsNil() {
			return append(buf, 0), nil
		}
		buf = binary.AppendUvarint(buf, uint64(v.Len())+1)
		var err error
		for i := 0; i < v.Len() && err == nil; i++ {
			buf, err = encodeSnapshotValue(buf, v.Index(i))
		}
		return buf, err
	case reflect.Map:
		if v.IsNil() {
			return append(buf, 0), nil
		}
		if v.Type() == varMapType {
			return appendVarMap(buf, v.Interface().(map[string]Var)), nil
		}
		if v.Type().Key().Kind() != reflect.String {
			return nil, fmt.Errorf("snapshot: map key %s is not a string", v.Type().Key())
		}
		keys := v.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return keys[i].String() < keys[j].String() })
		buf = binary.AppendUvarint(buf, uint64(len(keys))+1)
		var err error
		for _, k := range keys {
			if buf, err = encodeSnapshotValue(buf, k); err != nil {
				return nil, err
			}
			if buf, err = encodeSnapshotValue(buf, v.MapIndex(k)); err != nil {
				return nil, err
			}
		}
		return buf, nil
	case reflect.Struct:
		var live *Snapshot
		if v.Type() == snapshotType && v.CanAddr() {
			if s := v.Addr().Interface().(*Snapshot); s.live != nil {
				live = s
			}
		}
		var err error
		for _, i := range exportedFields(v.Type()) {
			if live != nil && i == snapshotVarsField {
				buf = appendLiveVars(buf, live.live, live.liveSet)
				continue
			}
			if buf, err = encodeSnapshotValue(buf, v.Field(i)); err != nil {
				return nil, err
			}
		}
		return buf, nil
	case reflect.Pointer:
		if v.IsNil() {
			return append(buf, 0), nil
		}
		return encodeSnapshotValue(append(buf, 1), v.Elem())
	}
	return nil, fmt.Errorf("snapshot: cannot encode a %s", v.Type())
}

// errSnapshotShort is a snapshot that ends too early.
var errSnapshotShort = errors.New("snapshot: truncated")

// snapshotDecoder reads what encodeSnapshotValue wrote. data is a view of
// an immutable string (decodeSnapshot), never written to: the strings it
// reads are slices of that string, not copies, so that a child gosh's
// variables cost no allocation each. With direct, a Snapshot's variables
// of one scope are read into the variable table itself (Snapshot.vars, as
// restore takes it), not into Vars and then copied (decodeChildStart).
type snapshotDecoder struct {
	data   []byte
	direct bool
}

// text reads n bytes as a string that shares the decoder's memory.
func (d *snapshotDecoder) text(n uint64) string {
	if n == 0 {
		return ""
	}
	s := unsafe.String(&d.data[0], int(n))
	d.data = d.data[n:]
	return s
}

func (d *snapshotDecoder) uvarint() (uint64, error) {
	n, k := binary.Uvarint(d.data)
	if k <= 0 {
		return 0, errSnapshotShort
	}
	d.data = d.data[k:]
	return n, nil
}

func (d *snapshotDecoder) varint() (int64, error) {
	n, k := binary.Varint(d.data)
	if k <= 0 {
		return 0, errSnapshotShort
	}
	d.data = d.data[k:]
	return n, nil
}

// length reads a slice or map length: -1 for nil.
func (d *snapshotDecoder) length() (int, error) {
	n, err := d.uvarint()
	if err != nil {
		return 0, err
	}
	if n > uint64(len(d.data))+1 || n > math.MaxInt32 {
		// Every element takes at least one byte.
		return 0, errSnapshotShort
	}
	return int(n) - 1, nil
}

// decode fills v (settable) from the data.
func (d *snapshotDecoder) decode(v reflect.Value) error {
	switch v.Kind() {
	case reflect.String:
		n, err := d.uvarint()
		if err != nil {
			return err
		}
		if n > uint64(len(d.data)) {
			return errSnapshotShort
		}
		v.SetString(d.text(n))
		return nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, err := d.varint()
		v.SetInt(n)
		return err
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		n, err := d.uvarint()
		v.SetUint(n)
		return err
	case reflect.Bool:
		if len(d.data) == 0 {
			return errSnapshotShort
		}
		v.SetBool(d.data[0] != 0)
		d.data = d.data[1:]
		return nil
	case reflect.Slice:
		n, err := d.length()
		if err != nil || n < 0 {
			return err
		}
		s := reflect.MakeSlice(v.Type(), n, n)
		for i := 0; i < n; i++ {
			if err := d.decode(s.Index(i)); err != nil {
				return err
			}
		}
		v.Set(s)
		return nil
	case reflect.Map:
		if v.Type() == varMapType {
			m, err := d.varMap()
			if err == nil {
				v.Set(reflect.ValueOf(m))
			}
			return err
		}
		n, err := d.length()
		if err != nil || n < 0 {
			return err
		}
		m := reflect.MakeMapWithSize(v.Type(), n)
		for i := 0; i < n; i++ {
			k := reflect.New(v.Type().Key()).Elem()
			e := reflect.New(v.Type().Elem()).Elem()
			if err := d.decode(k); err != nil {
				return err
			}
			if err := d.decode(e); err != nil {
				return err
			}
			m.SetMapIndex(k, e)
		}
		v.Set(m)
		return nil
	case reflect.Struct:
		var s *Snapshot
		if d.direct && v.Type() == snapshotType && v.CanAddr() {
			s = v.Addr().Interface().(*Snapshot)
		}
		for _, i := range exportedFields(v.Type()) {
			if s != nil && i == snapshotVarsField {
				ok, err := d.varTable(s)
				if err != nil {
					return err
				}
				if ok {
					continue
				}
			}
			if err := d.decode(v.Field(i)); err != nil {
				return err
			}
		}
		return nil
	case reflect.Pointer:
		if len(d.data) == 0 {
			return errSnapshotShort
		}
		isNil := d.data[0] == 0
		d.data = d.data[1:]
		if isNil {
			v.SetZero()
			return nil
		}
		p := reflect.New(v.Type().Elem())
		if err := d.decode(p.Elem()); err != nil {
			return err
		}
		v.Set(p)
		return nil
	}
	return fmt.Errorf("snapshot: cannot decode a %s", v.Type())
}

// encodeSnapshot is the binary form of any value built from the kinds
// above (a childStart, in practice).
func encodeSnapshot(x any) ([]byte, error) {
	return encodeSnapshotValue(nil, reflect.ValueOf(x).Elem())
}

// decodeSnapshot fills *x from data; all of data must be used.
func decodeSnapshot(data []byte, x any) error {
	text := string(data) // one copy, which the decoded strings share
	return decodeFrom(&snapshotDecoder{data: unsafe.Slice(unsafe.StringData(text), len(text))}, x)
}

// decodeChildStart is decodeSnapshot for a child gosh's start message,
// which the child read into data and never touches again: the decoded
// strings share data itself (no copy of it), and the variables go straight
// into the table restore takes (Snapshot.vars), not through Vars. In a new
// process every allocation is memory touched for the first time: restoring
// took 60-63 us of a child's CPU before, 47-48 after, the whole of RunChild
// 3-6 us less (issue 9, speed).
func decodeChildStart(data []byte, m *childStart) error {
	return decodeFrom(&snapshotDecoder{data: data, direct: true}, m)
}

func decodeFrom(d *snapshotDecoder, x any) error {
	if err := d.decode(reflect.ValueOf(x).Elem()); err != nil {
		return err
	}
	if len(d.data) != 0 {
		return errors.New("snapshot: trailing bytes")
	}
	return nil
}

// varTable reads Snapshot.Vars into s.vars when it is one scope (a child
// started outside any function), as varsFromScopes would build it; ok is
// false, with nothing read, for nil or several scopes, which decode reads
// into Vars as usual.
func (d *snapshotDecoder) varTable(s *Snapshot) (ok bool, err error) {
	if len(d.data) == 0 || d.data[0] != 2 { // not a slice of one map
		return false, nil
	}
	d.data = d.data[1:]
	n, err := d.length()
	if err != nil {
		return true, err
	}
	v := &Vars{m: make(map[string]*Var, max(n, 0))}
	slab := make([]Var, max(n, 0)) // one allocation for all, as varsFromScopes
	for i := 0; i < n; i++ {
		k, err := d.string()
		if err != nil {
			return true, err
		}
		if slab[i], err = d.variable(); err != nil {
			return true, err
		}
		v.m[k] = &slab[i]
	}
	s.vars = v
	return true, nil
}

// exportedFields lists the indices of t's exported fields, the ones the
// encoding carries (the others are process-local: a parsed tree, a cache).
// Looked up once per type: reflect's Field builds a StructField each time.
func exportedFields(t reflect.Type) []int {
	if f, ok := structFields.Load(t); ok {
		return f.([]int)
	}
	var f []int
	for i := 0; i < t.NumField(); i++ {
		if t.Field(i).IsExported() {
			f = append(f, i)
		}
	}
	structFields.Store(t, f)
	return f
}

var structFields sync.Map // reflect.Type → []int

// The variables are most of a snapshot: a shell encodes them for every
// child gosh it starts, and the child decodes them before anything else.
// appendVarMap and varMap write and read a map[string]Var without
// reflection, in exactly the form encodeSnapshotValue gives any map
// (TestSnapshotVarCodec checks both against it, for every field of Var).
var varMapType = reflect.TypeFor[map[string]Var]()

func appendVarMap(buf []byte, m map[string]Var) []byte {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	buf = binary.AppendUvarint(buf, uint64(len(keys))+1)
	for _, k := range keys {
		buf = appendSnapshotString(buf, k)
		buf = appendVar(buf, m[k])
	}
	return buf
}

// snapshotType and snapshotVarsField find Snapshot.Vars, which a snapshot
// taken for a child (childSnapshot) encodes from the shell's own table.
// (Vars is Snapshot's first field: TestSnapshotLiveVars checks it.)
var snapshotType = reflect.TypeFor[Snapshot]()

const snapshotVarsField = 0

// appendLiveVars writes the variables of v, with those of set instead of
// v's own, as Snapshot.Vars of one scope (the global one) with the same
// values would be written: a slice of one map[string]Var. The keys are in
// the map's order, not sorted: the snapshot is read once, by the child, and
// sorting them was a third of the cost.
//
// The buffer grows once by a guess (64 bytes a variable, about what a login
// session's take), not by a first pass over the table that adds up their
// sizes: walking the map cost as much as writing it.
func appendLiveVars(buf []byte, v *Vars, set map[string]Var) []byte {
	n := len(v.m)
	for k := range set {
		if v.m[k] == nil {
			n++
		}
	}
	buf = slices.Grow(buf, 16+64*n)
	buf = append(buf, 2) // a slice of one scope
	buf = binary.AppendUvarint(buf, uint64(n)+1)
	for k, x := range v.m {
		buf = appendSnapshotString(buf, k)
		if s, ok := set[k]; ok {
			buf = appendVar(buf, s)
		} else {
			buf = appendVar(buf, *x)
		}
	}
	for k, x := range set {
		if v.m[k] == nil {
			buf = appendSnapshotString(buf, k)
			buf = appendVar(buf, x)
		}
	}
	return buf
}

func appendSnapshotString(buf []byte, s string) []byte {
	buf = binary.AppendUvarint(buf, uint64(len(s)))
	return append(buf, s...)
}

func appendSnapshotBool(buf []byte, b bool) []byte {
	if b {
		return append(buf, 1)
	}
	return append(buf, 0)
}

// appendVar writes the fields of Var in their order.
func appendVar(buf []byte, v Var) []byte {
	buf = appendSnapshotString(buf, v.Value)
	buf = appendSnapshotBool(buf, v.Exported)
	buf = appendSnapshotBool(buf, v.ReadOnly)
	buf = appendSnapshotBool(buf, v.NoValue)
	buf = appendSnapshotBool(buf, v.Array)
	buf = appendSnapshotBool(buf, v.Assoc)
	if v.Elems == nil {
		buf = append(buf, 0)
	} else {
		buf = binary.AppendUvarint(buf, uint64(len(v.Elems))+1)
		for _, e := range v.Elems {
			buf = binary.AppendVarint(buf, e.Index)
			buf = appendSnapshotString(buf, e.Key)
			buf = appendSnapshotString(buf, e.Value)
		}
	}
	buf = appendSnapshotBool(buf, v.Integer)
	buf = appendSnapshotBool(buf, v.NameRef)
	buf = binary.AppendUvarint(buf, uint64(v.Case))
	return appendSnapshotBool(buf, v.Trace)
}

func (d *snapshotDecoder) string() (string, error) {
	n, err := d.uvarint()
	if err != nil {
		return "", err
	}
	if n > uint64(len(d.data)) {
		return "", errSnapshotShort
	}
	return d.text(n), nil
}

func (d *snapshotDecoder) bool() (bool, error) {
	if len(d.data) == 0 {
		return false, errSnapshotShort
	}
	b := d.data[0] != 0
	d.data = d.data[1:]
	return b, nil
}

// varMap reads what appendVarMap wrote.
func (d *snapshotDecoder) varMap() (map[string]Var, error) {
	n, err := d.length()
	if err != nil || n < 0 {
		return nil, err
	}
	m := make(map[string]Var, n)
	for i := 0; i < n; i++ {
		k, err := d.string()
		if err != nil {
			return nil, err
		}
		v, err := d.variable()
		if err != nil {
			return nil, err
		}
		m[k] = v
	}
	return m, nil
}

// variable reads what appendVar wrote.
func (d *snapshotDecoder) variable() (Var, error) {
	var v Var
	var err error
	flag := func(b *bool) {
		if err == nil {
			*b, err = d.bool()
		}
	}
	if v.Value, err = d.string(); err != nil {
		return v, err
	}
	flag(&v.Exported)
	flag(&v.ReadOnly)
	flag(&v.NoValue)
	flag(&v.Array)
	flag(&v.Assoc)
	if err != nil {
		return v, err
	}
	n, err := d.length()
	if err != nil {
		return v, err
	}
	if n >= 0 {
		v.Elems = make([]Elem, n)
		for i := range v.Elems {
			e := &v.Elems[i]
			if e.Index, err = d.varint(); err != nil {
				return v, err
			}
			if e.Key, err = d.string(); err != nil {
				return v, err
			}
			if e.Value, err = d.string(); err != nil {
				return v, err
			}
		}
	}
	flag(&v.Integer)
	flag(&v.NameRef)
	if err != nil {
		return v, err
	}
	c, err := d.uvarint()
	v.Case = byte(c)
	flag(&v.Trace)
	return v, err
}
