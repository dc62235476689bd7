package authlink

import (
	"encoding/json"
	"fmt"
)

// Nullable is a JSON member that may be absent, null, or hold a value. The
// zero value is absent, so a struct field tagged `json:",omitzero"` stays
// out of the encoded document.
type Nullable[T any] struct {
	value T
	state nullState
}

type nullState uint8

const (
	stateAbsent nullState = iota
	stateNull
	stateValue
)

// Value returns a Nullable that holds v.
func Value[T any](v T) Nullable[T] {
	return Nullable[T]{value: v, state: stateValue}
}

// Null returns a Nullable that is explicitly null.
func Null[T any]() Nullable[T] {
	return Nullable[T]{state: stateNull}
}

// Get returns the value and true if n holds one; the zero T and false if n
// is absent or null.
func (n Nullable[T]) Get() (T, bool) {
	return n.value, n.state == stateValue
}

// IsNull reports whether n is explicitly null.
func (n Nullable[T]) IsNull() bool { return n.state == stateNull }

// IsZero reports whether n is absent. encoding/json's omitzero uses it.
func (n Nullable[T]) IsZero() bool { return n.state == stateAbsent }

// String formats the value, "<null>" or "<absent>".
func (n Nullable[T]) String() string {
	switch n.state {
	case stateNull:
		return "<null>"
	case stateAbsent:
		return "<absent>"
	}
	return fmt.Sprint(n.value)
}

// GoString formats n as the Go expression that builds it.
func (n Nullable[T]) GoString() string {
	switch n.state {
	case stateNull:
		return fmt.Sprintf("authlink.Null[%T]()", n.value)
	case stateAbsent:
		return fmt.Sprintf("authlink.Nullable[%T]{}", n.value)
	}
	return fmt.Sprintf("authlink.Value(%#v)", n.value)
}

// MarshalJSON encodes null or the value. An absent Nullable that is not
// omitted encodes as null, since JSON has no way to write "absent".
func (n Nullable[T]) MarshalJSON() ([]byte, error) {
	if n.state != stateValue {
		return []byte("null"), nil
	}
	return json.Marshal(n.value)
}

// UnmarshalJSON decodes null or a value. A member missing from the document
// never reaches it, so the Nullable stays absent.
func (n *Nullable[T]) UnmarshalJSON(data []byte) error {
	if string(data) == "null" {
		*n = Null[T]()
		return nil
	}
	var v T
	if err := json.Unmarshal(data, &v); err != nil {
		return err
	}
	*n = Value(v)
	return nil
}
