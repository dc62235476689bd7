package authlink

import (
	"bytes"
	"encoding/json"
	"strconv"
)

// doc is the single pass behind Validate and Decode: it reads the bytes once,
// checks that they are well-formed and applies every rule of the schema as it
// goes, and, when out is set, fills out at the same time.
type doc struct {
	lexer
	opts    Options
	out     *AuthLink
	viols   []Violation
	seen    uint32  // bit i set once members[i] was read
	unknown nameSet // names of the members the schema does not define
}

// read runs the pass; it returns the single malformation if the input is not
// well-formed, or else every rule violation in document order.
func (d *doc) read() []Violation {
	if d.readDocument(); d.bad != nil {
		return []Violation{*d.bad}
	}
	return d.viols
}

func (d *doc) readDocument() {
	d.ws()
	switch {
	case d.pos == len(d.data):
		d.fail(CodeSyntax, "input is empty")
		return
	case bytes.HasPrefix(d.data, []byte("\xEF\xBB\xBF")):
		d.fail(CodeSyntax, "input starts with a byte order mark, which JSON does not allow")
		return
	}
	if d.peek() != '{' {
		if d.value(0) && d.end() {
			d.rule("", kindRoot, CodeType)
		}
		return
	}
	if !d.root() || !d.end() {
		return
	}
	for i := range members {
		if bit := uint32(1) << i; requiredMask&bit != 0 && d.seen&bit == 0 {
			d.rule(memberPointers[i], members[i].kind, CodeRequired)
		}
	}
}

func (d *doc) rule(pointer string, k kind, code Code) {
	d.viols = append(d.viols, violation(pointer, k, code))
}

// root reads the top-level object, dispatching each member by name.
func (d *doc) root() bool {
	if d.tooDeep(1) {
		return false
	}
	d.pos++
	d.ws()
	if d.peek() == '}' {
		d.pos++
		return true
	}
	for {
		d.ws()
		if d.peek() != '"' {
			return d.unexpected("a member name")
		}
		s, e, esc, ok := d.str()
		if !ok {
			return false
		}
		m := lookupMember(d.unescape(s, e, esc))
		switch {
		case m >= 0 && d.seen&(1<<m) != 0, m < 0 && !d.unknown.add(&d.lexer, s, e, esc):
			return d.duplicate(s, e, esc)
		case m >= 0:
			d.seen |= 1 << m
		}
		if !d.expect(':', "':'") {
			return false
		}
		d.ws()
		if m >= 0 {
			ok = d.member(m)
		} else {
			ok = d.extra(s, e, esc)
		}
		if !ok {
			return d.under(d.data[s:e], esc)
		}
		if more, ok := d.next('}', "',' or '}'"); !ok || !more {
			return ok
		}
	}
}

// member reads the value of members[m] and applies its rule.
func (d *doc) member(m int) bool {
	k := members[m].kind
	switch c := d.peek(); {
	case k == kindDouble && (c == '-' || isDigit(c)):
		return d.double(m)
	case (k == kindNullString || k == kindMetadata) && c == 'n':
		if !d.literal("null") {
			return false
		}
		d.setNull(m)
		return true
	case (k == kindString || k == kindNullString || k == kindDateTime || k == kindURL) && c == '"':
		return d.string(m)
	case k == kindCategories && c == '[':
		return d.categories()
	case k == kindMetadata && c == '{':
		return d.metadata()
	}
	if !d.value(1) {
		return false
	}
	d.rule(memberPointers[m], k, CodeType)
	return true
}

func (d *doc) double(m int) bool {
	s, e, ok := d.number()
	if !ok {
		return false
	}
	num := d.data[s:e]
	if d.out == nil {
		if !isFiniteNumber(num) {
			d.rule(memberPointers[m], kindDouble, CodeRange)
		}
		return true
	}
	f, finite := parseDouble(num)
	if !finite {
		d.rule(memberPointers[m], kindDouble, CodeRange)
	}
	if m == mID {
		d.out.ID = f
	} else {
		d.out.OrganizationID = f
	}
	return true
}

func (d *doc) string(m int) bool {
	s, e, esc, ok := d.str()
	if !ok {
		return false
	}
	text := d.unescape(s, e, esc)
	switch k := members[m].kind; {
	case k == kindString && s == e,
		k == kindDateTime && !isDateTime(text),
		k == kindURL && !isAuthLinkURL(text):
		code := CodeFormat
		if k == kindString {
			code = CodeEmpty
		}
		d.rule(memberPointers[m], k, code)
	}
	if d.out != nil {
		d.setString(m, string(text))
	}
	return true
}

func (d *doc) setString(m int, s string) {
	switch a := d.out; m {
	case mProjectID:
		a.ProjectID = s
	case mProvider:
		a.Provider = Value(s)
	case mOriginOwnerID:
		a.OriginOwnerID = s
	case mOriginOwnerName:
		a.OriginOwnerName = s
	case mOriginUsername:
		a.OriginUsername = Value(s)
	case mAccountID:
		a.AccountID = Value(s)
	case mLabel:
		a.Label = Value(s)
	case mCreatedAt:
		a.CreatedAt = s
	case mToken:
		a.Token = Token(s)
	case mAuthLinkURL:
		a.AuthLinkURL = s
	}
}

func (d *doc) setNull(m int) {
	if d.out == nil {
		return
	}
	switch a := d.out; m {
	case mProvider:
		a.Provider = Null[string]()
	case mOriginUsername:
		a.OriginUsername = Null[string]()
	case mAccountID:
		a.AccountID = Null[string]()
	case mLabel:
		a.Label = Null[string]()
	case mMetadata:
		a.Metadata = Null[Metadata]()
	}
}

// categories reads the categories array: each item a string of the enum.
func (d *doc) categories() bool {
	const depth = 2
	if d.tooDeep(depth) {
		return false
	}
	d.pos++
	if d.out != nil {
		d.out.Categories = []Category{}
	}
	d.ws()
	if d.peek() == ']' {
		d.pos++
		return true
	}
	for i := 0; ; i++ {
		d.ws()
		if !d.category(i, depth) {
			return d.underIndex(i)
		}
		if more, ok := d.next(']', "',' or ']'"); !ok || !more {
			return ok
		}
	}
}

func (d *doc) category(i, depth int) bool {
	if d.peek() != '"' {
		if !d.value(depth) {
			return false
		}
		d.rule(categoryPointer(i), kindCategory, CodeType)
		return true
	}
	s, e, esc, ok := d.str()
	if !ok {
		return false
	}
	text := d.unescape(s, e, esc)
	c, known := lookupCategory(text)
	switch {
	case known:
	case d.opts.OpenCategories:
		if d.out != nil {
			c = Category(text)
		}
	default:
		d.rule(categoryPointer(i), kindCategory, CodeEnum)
	}
	if d.out != nil {
		d.out.Categories = append(d.out.Categories, c)
	}
	return true
}

func categoryPointer(i int) string {
	return memberPointers[mCategories] + "/" + strconv.Itoa(i)
}

// metadata reads the metadata object: any members, checked to be
// well-formed, and kept as Go values when decoding.
func (d *doc) metadata() bool {
	if d.out == nil {
		return d.object(2)
	}
	v, ok := d.anyObject(2)
	if ok {
		d.out.Metadata = Value(Metadata(v))
	}
	return ok
}

// extra reads the value of a member the schema does not define.
func (d *doc) extra(s, e int, esc bool) bool {
	start := d.pos
	if !d.value(1) {
		return false
	}
	if !d.opts.Strict && d.out == nil {
		return true
	}
	name := string(d.unescape(s, e, esc))
	if d.opts.Strict {
		d.rule(string(appendToken(nil, name)), kindUnknown, CodeUnknown)
	}
	if d.out != nil {
		if d.out.Extra == nil {
			d.out.Extra = make(map[string]json.RawMessage)
		}
		d.out.Extra[name] = bytes.Clone(d.data[start:d.pos])
	}
	return true
}
