package shell

// This file is the array side of the variable table: bash's indexed arrays
// (a=(x y z), a[3]=w, sparse: unset 'a[1]' leaves a hole) and associative
// arrays (declare -A). Both keep their elements in Var.Elems: an indexed
// array sorted by Index, an associative one in the order keys were added
// (listed in the order of bash's hash table: bashOrder).

import (
	"sort"
	"strconv"
	"strings"
)

// find returns the position in Elems of element key (associative) or
// index (indexed), and whether it is there.
func (x *Var) find(key string, index int64) (int, bool) {
	if x.Assoc {
		for i, e := range x.Elems {
			if e.Key == key {
				return i, true
			}
		}
		return len(x.Elems), false
	}
	i := sort.Search(len(x.Elems), func(i int) bool { return x.Elems[i].Index >= index })
	return i, i < len(x.Elems) && x.Elems[i].Index == index
}

// elem returns an element's value and whether it is set.
func (x *Var) elem(key string, index int64) (string, bool) {
	if i, ok := x.find(key, index); ok {
		return x.Elems[i].Value, true
	}
	return "", false
}

// setElem sets an element, adding it if needed.
func (x *Var) setElem(key string, index int64, value string) {
	value = x.conv(value)
	i, ok := x.find(key, index)
	if ok {
		x.Elems[i].Value = value
		return
	}
	e := Elem{Index: index, Key: key, Value: value}
	x.Elems = append(x.Elems, Elem{})
	copy(x.Elems[i+1:], x.Elems[i:])
	x.Elems[i] = e
	x.NoValue = false
}

// toArray turns a string variable into an indexed array whose element 0 is
// its value (bash: a=x; a[1]=y makes (x y)). A variable declared but never
// assigned becomes an empty array that still has no value (declare -a a:
// declare -p shows no "=()" until something is assigned).
func (x *Var) toArray() {
	if x.Array || x.Assoc {
		return
	}
	x.Array = true
	if !x.NoValue {
		x.Elems = []Elem{{Index: 0, Value: x.Value}}
	}
	x.Value = ""
}

// nextIndex is the index after the highest one: where a+=(v) appends.
func (x *Var) nextIndex() int64 {
	if len(x.Elems) == 0 {
		return 0
	}
	return x.Elems[len(x.Elems)-1].Index + 1
}

// values lists the elements' values in order; a string variable is a list
// of one.
func (x *Var) values() []string {
	if !x.Array && !x.Assoc {
		if x.NoValue {
			return nil
		}
		return []string{x.Value}
	}
	out := make([]string, len(x.Elems))
	if x.Assoc {
		for i, j := range bashOrder(x.Elems) {
			out[i] = x.Elems[j].Value
		}
		return out
	}
	for i, e := range x.Elems {
		out[i] = e.Value
	}
	return out
}

// bashOrder gives the positions in elems (an associative array's, in the
// order their keys were added) in the order bash lists them: the order of
// its hash table. Bash hashes a key with 32-bit FNV-1 into 1024 buckets,
// lists the buckets in turn, and in a bucket the key added last first;
// when the keys reach twice the buckets it has four times as many and
// moves the keys over bucket by bucket, each to the front of its new one.
// Keys unset on the way are left out of the replay (bash's growth counts
// them while they live, so past 2048 keys the order may then differ).
func bashOrder(elems []Elem) []int {
	hashes := make([]uint32, len(elems))
	for i, e := range elems {
		h := uint32(2166136261)
		for j := 0; j < len(e.Key); j++ {
			h = h*16777619 ^ uint32(e.Key[j])
		}
		hashes[i] = h
	}
	buckets := make([][]int, 1024) // each list from its front
	for i := range elems {
		if i >= 2*len(buckets) {
			grown := make([][]int, 4*len(buckets))
			for _, list := range buckets {
				for _, j := range list {
					b := hashes[j] & uint32(len(grown)-1)
					grown[b] = append([]int{j}, grown[b]...)
				}
			}
			buckets = grown
		}
		b := hashes[i] & uint32(len(buckets)-1)
		buckets[b] = append([]int{i}, buckets[b]...)
	}
	order := make([]int, 0, len(elems))
	for _, list := range buckets {
		order = append(order, list...)
	}
	return order
}

// keys lists the indices or keys in order; a set string variable has the
// one index 0.
func (x *Var) keys() []string {
	if !x.Array && !x.Assoc {
		if x.NoValue {
			return nil
		}
		return []string{"0"}
	}
	out := make([]string, len(x.Elems))
	if x.Assoc {
		for i, j := range bashOrder(x.Elems) {
			out[i] = x.Elems[j].Key
		}
		return out
	}
	for i, e := range x.Elems {
		out[i] = strconv.FormatInt(e.Index, 10)
	}
	return out
}

// writable returns the variable name, creating it unset when it does not
// exist, or an error when it is read-only.
func (v *Vars) writable(name string) (*Var, error) {
	name, err := v.target(name)
	if err != nil {
		return nil, err
	}
	if strings.IndexByte(name, '[') >= 0 {
		// r=(x y) with r referring to an element: as bash says it.
		return nil, &invalidNameError{name}
	}
	x, ok := v.m[name]
	if ok && x.NameRef {
		// declare -n r; r[1]=x: a reference with no target yet.
		return nil, &invalidNameError{""}
	}
	if !ok {
		x = &Var{NoValue: true}
		v.m[name] = x
		v.changed(name)
	}
	if x.ReadOnly {
		return nil, &readOnlyError{name}
	}
	return x, nil
}

// SetIndex sets element index of the indexed array name, making name an
// array if it is not one (an associative array takes index as a key).
func (v *Vars) SetIndex(name string, index int64, value string) error {
	x, err := v.writable(name)
	if err != nil {
		return err
	}
	if x.Assoc {
		x.setElem(strconv.FormatInt(index, 10), 0, value)
		return nil
	}
	x.toArray()
	x.setElem("", index, value)
	return nil
}

// SetKey sets element key of the associative array name.
func (v *Vars) SetKey(name, key, value string) error {
	x, err := v.writable(name)
	if err != nil {
		return err
	}
	if !x.Assoc {
		x.Array, x.Assoc, x.Elems, x.Value, x.NoValue = false, true, nil, "", false
	}
	x.setElem(key, 0, value)
	return nil
}

// SetArray makes name an indexed array holding values at 0, 1, ...
// (a=(x y z), read -a). With add, the values are appended after the
// highest index instead (a+=(v)).
func (v *Vars) SetArray(name string, values []string, add bool) error {
	x, err := v.writable(name)
	if err != nil {
		return err
	}
	if !add {
		x.Assoc = false
		x.Elems = nil
		x.NoValue = true
	}
	x.toArray()
	x.NoValue = false // it has a value now, even when it was an array before
	next := x.nextIndex()
	for i, s := range values {
		x.Elems = append(x.Elems, Elem{Index: next + int64(i), Value: x.conv(s)})
	}
	return nil
}

// clearArray makes name an empty array of the kind asked for (a=() ).
func (v *Vars) clearArray(name string, assoc bool) error {
	x, err := v.writable(name)
	if err != nil {
		return err
	}
	x.Array, x.Assoc = !assoc, assoc
	x.Elems, x.Value, x.NoValue = nil, "", false
	return nil
}

// DeclareArray makes name an empty array of the kind asked for, or keeps
// it if it already is one (declare -a, declare -A). A string variable
// becomes an indexed array whose element 0 is its value.
func (v *Vars) DeclareArray(name string, assoc bool) error {
	x, err := v.writable(name)
	if err != nil {
		return err
	}
	switch {
	case assoc && !x.Assoc:
		if x.Array {
			return &arrayKindError{name}
		}
		x.Assoc, x.Elems = true, nil
		if !x.NoValue {
			x.Elems = []Elem{{Key: "0", Value: x.Value}}
		}
		x.Value = "" // declared without a value, it still has none
	case !assoc && !x.Assoc:
		x.toArray()
	}
	return nil
}

// GetArray returns the values of an array in order (a string variable
// gives a list of one) and whether the variable exists.
func (v *Vars) GetArray(name string) ([]string, bool) {
	x := v.find(name)
	if x == nil {
		return nil, false
	}
	return x.values(), true
}

// ArrayKeys returns the indices or keys of an array in order.
func (v *Vars) ArrayKeys(name string) ([]string, bool) {
	x := v.find(name)
	if x == nil {
		return nil, false
	}
	return x.keys(), true
}

// UnsetElem removes one element: a key of an associative array, an index
// of an indexed one. Removing element 0 of a string variable unsets it.
func (v *Vars) UnsetElem(name, key string, index int64) error {
	name, _ = v.target(name)
	x, ok := v.m[name]
	if !ok {
		return nil
	}
	if x.ReadOnly {
		return &readOnlyError{name}
	}
	if !x.Array && !x.Assoc {
		if index != 0 {
			return &notArrayError{name}
		}
		delete(v.m, name)
		v.changed(name)
		return nil
	}
	if i, ok := x.find(key, index); ok {
		x.Elems = append(x.Elems[:i], x.Elems[i+1:]...)
	}
	return nil
}

// clearElems removes all the elements of an indexed array, which stays
// (unset 'a[@]'). A string variable is no array: an error.
func (v *Vars) clearElems(name string) error {
	name, _ = v.target(name)
	x, ok := v.m[name]
	switch {
	case !ok:
		return nil
	case x.ReadOnly:
		return &readOnlyError{name}
	case !x.Array:
		return &notArrayError{name}
	}
	x.Elems = nil
	return nil
}

type notArrayError struct{ name string }

func (e *notArrayError) Error() string { return e.name + ": not an array variable" }

type arrayKindError struct{ name string }

func (e *arrayKindError) Error() string {
	return e.name + ": cannot convert indexed to associative array"
}
