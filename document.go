package authlink

import (
	"bytes"
	"encoding/json"
	"math/bits"
	"strconv"
)

// doc is the single pass behind Validate and Decode: it reads the bytes once,
// checks that they are well-formed and applies every rule of the schema as it
// goes, and, when out is set, fills out at the same time.
type doc struct {
	lexer
	opts    Options
	prof    Profile // opts.Profile
	out     *AuthLink
	viols   []Violation
	seen    uint32  // bit i set once members[i] was read
	unknown nameSet // names of the members the profile does not define
	foreign int     // how many of those are the other profile's names
}

// read runs the pass; it returns nil, the single malformation if the input
// is not well-formed, or else every rule violation in document order.
func (d *doc) read() *ValidationError {
	if d.readDocument(); d.bad != nil {
		return &ValidationError{Violations: locate(d.data, []Violation{d.malformation()})}
	}
	if len(d.viols) == 0 {
		return nil
	}
	locate(d.data, d.viols) // in document order, before sorting
	sortViolations(d.viols)
	return &ValidationError{Violations: d.viols, Hint: d.hint()}
}

// hint explains a document that breaks the profile's rules and whose member
// names are mostly the other profile's.
func (d *doc) hint() string {
	if d.foreign > 0 && d.foreign > bits.OnesCount32(d.seen&distinctMask[d.prof]) {
		return hints[d.prof]
	}
	return ""
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
	start := d.pos
	if d.peek() != '{' {
		if d.value(0) && d.end() {
			d.rule("", kindRoot, CodeType, start)
		}
		return
	}
	if !d.root() || !d.end() {
		return
	}
	if missing := requiredMask[d.prof] &^ d.seen; missing != 0 {
		for i := range members {
			if missing&(1<<i) != 0 {
				d.memberRule(i, CodeRequired, start) // at the object's opening brace
			}
		}
	}
}

// rule records a rule violation of the value that starts at data[at].
func (d *doc) rule(pointer string, k kind, code Code, at int) {
	v := violation(d.prof, pointer, k, code)
	v.Offset = at
	if d.viols == nil {
		d.viols = make([]Violation, 0, 8) // one allocation for a typical invalid payload
	}
	d.viols = append(d.viols, v)
}

// memberRule records a violation of members[m] itself, at data[at].
func (d *doc) memberRule(m int, code Code, at int) {
	d.rule(memberPointers[d.prof][m], members[m].kind[d.prof], code, at)
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
	// Writers put members in one of two orders: StackOne's, which is the
	// table's, or sorted by name (Go maps, jq -S). The name each order
	// expects next is compared in place, before any scan or lookup.
	inTable, sorted := 0, int(sortedFirst[d.prof])
	for {
		d.ws()
		if d.peek() != '"' {
			return d.unexpected("a member name")
		}
		m, s, e, esc := d.expectedName(inTable)
		if m < 0 {
			m, s, e, esc = d.expectedName(sorted)
		}
		if m < 0 {
			var ok bool
			if s, e, esc, ok = d.str(); !ok {
				return false
			}
			name := d.unescape(s, e, esc)
			m = lookupMember(d.prof, name)
			if m < 0 && lookupMember(d.prof.other(), name) >= 0 {
				d.foreign++
			}
		}
		if m >= 0 {
			inTable, sorted = m+1, int(sortedNext[d.prof][m])
		}
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
		var ok bool
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

// expectedName reads the name of members[m] at d.pos, the quote, if it is
// there as written (no escapes: any other spelling takes the general path),
// and returns m and its span; otherwise it returns -1 and reads nothing.
func (d *doc) expectedName(m int) (int, int, int, bool) {
	if m < 0 || m >= memberCount {
		return -1, 0, 0, false
	}
	name := members[m].name[d.prof]
	s := d.pos + 1
	e := s + len(name)
	if name == "" || e >= len(d.data) || d.data[e] != '"' || string(d.data[s:e]) != name {
		return -1, 0, 0, false
	}
	d.pos = e + 1
	return m, s, e, false
}

// member reads the value of members[m] and applies its rule.
func (d *doc) member(m int) bool {
	k, start := members[m].kind[d.prof], d.pos
	switch c := d.peek(); {
	case (k == kindDouble || k == kindOrgID) && (c == '-' || isDigit(c)):
		return d.double(m)
	case k.nullable() && c == 'n':
		if !d.literal("null") {
			return false
		}
		if d.out != nil {
			members[m].field(d.out).(nullSetter).setNull()
		}
		return true
	case (k == kindString || k == kindOrgID || k == kindNullString || k == kindDateTime || k == kindURL) && c == '"':
		return d.string(m)
	case (k == kindCategories || k == kindNullCategories) && c == '[':
		return d.categories()
	case k == kindMetadata && c == '{':
		return d.metadata()
	}
	if !d.value(1) {
		return false
	}
	d.memberRule(m, CodeType, start)
	return true
}

func (d *doc) double(m int) bool {
	s, e, ok := d.number()
	if !ok {
		return false
	}
	num := d.data[s:e]
	if !isFiniteNumber(num) {
		d.memberRule(m, CodeRange, s)
	}
	if d.out != nil {
		switch p := members[m].field(d.out).(type) {
		case *json.Number:
			*p = json.Number(d.copyOf(s, e, false, nil))
		case *OrganizationID:
			*p = OrganizationID{text: d.copyOf(s, e, false, nil)}
		}
	}
	return true
}

func (d *doc) string(m int) bool {
	s, e, esc, ok := d.str()
	if !ok {
		return false
	}
	text := d.unescape(s, e, esc)
	switch k := members[m].kind[d.prof]; {
	case (k == kindString || k == kindOrgID) && s == e:
		d.memberRule(m, CodeEmpty, s-1)
	case k == kindDateTime && !isDateTime(text), k == kindURL && !isAuthLinkURL(text):
		d.memberRule(m, CodeFormat, s-1)
	}
	if d.out != nil {
		setString(members[m].field(d.out), d.copyOf(s, e, esc, text))
	}
	return true
}

// setString stores a string member in the field p points to.
func setString(p any, s string) {
	switch p := p.(type) {
	case *string:
		*p = s
	case *Token:
		*p = Token(s)
	case *OrganizationID:
		*p = OrganizationIDString(s)
	case *Nullable[string]:
		*p = ValueOf(s)
	case *Nullable[Token]:
		*p = ValueOf(Token(s))
	case *Nullable[LinkType]:
		*p = ValueOf(LinkType(s))
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
		d.out.Categories = ValueOf(make([]Category, 0, 4)) // room for a typical link's, in one allocation
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
	if start := d.pos; d.peek() != '"' {
		if !d.value(depth) {
			return false
		}
		d.rule(categoryPointer(d.prof, i), kindCategory, CodeType, start)
		return true
	}
	s, e, esc, ok := d.str()
	if !ok {
		return false
	}
	text := d.unescape(s, e, esc)
	c, index := lookupCategory(text)
	switch {
	case inProfile(index, d.prof):
	case d.opts.OpenCategories:
		if d.out != nil {
			c = Category(d.copyOf(s, e, esc, text))
		}
	default:
		d.rule(categoryPointer(d.prof, i), kindCategory, CodeEnum, s-1)
	}
	if d.out != nil {
		d.out.Categories.value = append(d.out.Categories.value, c)
	}
	return true
}

func categoryPointer(p Profile, i int) string {
	if i < len(categoryPointers[p]) {
		return categoryPointers[p][i]
	}
	return memberPointers[p][mCategories] + "/" + strconv.Itoa(i)
}

// categoryPointers holds the pointers of the first items of categories, so
// that a typical invalid payload does not build them.
var categoryPointers = func() (t [profileCount][16]string) {
	for p := range t {
		for i := range t[p] {
			t[p][i] = "/" + members[mCategories].name[p] + "/" + strconv.Itoa(i)
		}
	}
	return t
}()

// metadata reads the metadata object: any members, checked to be
// well-formed, and kept as Go values when decoding.
func (d *doc) metadata() bool {
	if d.out == nil {
		return d.object(2)
	}
	v, ok := d.anyObject(2)
	if ok {
		d.out.Metadata = ValueOf(Metadata(v))
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
		d.rule(string(appendToken(nil, name)), kindUnknown, CodeUnknown, s-1) // at the name
	}
	if d.out != nil {
		if d.out.Extra == nil {
			d.out.Extra = make(map[string]json.RawMessage)
		}
		d.out.Extra[name] = bytes.Clone(d.data[start:d.pos])
	}
	return true
}
