package authlink

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
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

// ValueOf returns a Nullable that holds v.
func ValueOf[T any](v T) Nullable[T] {
	return Nullable[T]{value: v, state: stateValue}
}

// NullOf returns a Nullable that is explicitly null.
func NullOf[T any]() Nullable[T] {
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

// Format formats the value with the verb and flags given, so that a value
// with a Format method of its own (a Token) keeps it; "<null>" or
// "<absent>" otherwise, and the Go expression for %#v.
func (n Nullable[T]) Format(f fmt.State, verb rune) {
	switch {
	case verb == 'v' && f.Flag('#'):
		io.WriteString(f, n.GoString())
	case n.state != stateValue:
		io.WriteString(f, n.String())
	default:
		fmt.Fprintf(f, fmt.FormatString(f, verb), n.value)
	}
}

// LogValue returns the value for log/slog, nil when n is null or absent, so
// that a value with a LogValue method of its own (a Token) keeps it.
func (n Nullable[T]) LogValue() slog.Value {
	if n.state != stateValue {
		return slog.AnyValue(nil)
	}
	return slog.AnyValue(n.value)
}

// GoString formats n as the Go expression that builds it.
func (n Nullable[T]) GoString() string {
	switch n.state {
	case stateNull:
		return fmt.Sprintf("authlink.NullOf[%T]()", n.value)
	case stateAbsent:
		return fmt.Sprintf("authlink.Nullable[%T]{}", n.value)
	}
	return fmt.Sprintf("authlink.ValueOf(%#v)", n.value)
}

// MarshalJSON encodes null or the value. An absent Nullable that is not
// omitted encodes as null, since JSON has no way to write "absent".
func (n Nullable[T]) MarshalJSON() ([]byte, error) {
	if n.state != stateValue {
		return []byte("null"), nil
	}
	return json.Marshal(n.value)
}

// strictMaxDepth is encoding/json's own nesting limit, for values read
// outside a Validator.
const strictMaxDepth = 10000

// UnmarshalJSON decodes null or a value. A member missing from the document
// never reaches it, so the Nullable stays absent. It reads as strictly as
// Decode: invalid UTF-8, an escaped lone surrogate or a duplicate member
// name, which encoding/json would repair or let pass, is a
// *[ValidationError].
func (n *Nullable[T]) UnmarshalJSON(data []byte) error {
	l := lexer{data: data, maxDepth: strictMaxDepth}
	if l.ws(); !l.value(0) || !l.end() {
		return &ValidationError{Violations: []Violation{l.malformation()}}
	}
	if string(bytes.Trim(data, " \t\r\n")) == "null" { // the value, without the JSON white space around it
		*n = NullOf[T]()
		return nil
	}
	var v T
	if err := json.Unmarshal(data, &v); err != nil {
		return err
	}
	*n = ValueOf(v)
	return nil
}

// nullSetter is implemented by every *Nullable, so that the reader can make
// any nullable member null through its field pointer.
type nullSetter interface{ setNull() }

func (n *Nullable[T]) setNull() { *n = NullOf[T]() }
