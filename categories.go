package authlink

// Category is an integration category an auth link opens, as its wire value.
// The constants below are the values the schema defines; with
// [Options.OpenCategories] a decoded Category may hold any other string.
type Category string

// The categories of the schema, as their wire values.
const (
	CategoryATS        Category = "ats"
	CategoryHRIS       Category = "hris"
	CategoryHRISLegacy Category = "hris-legacy"
	CategoryCRM        Category = "crm"
	CategoryIAM        Category = "iam"
	CategoryMarketing  Category = "marketing"
	CategoryLMS        Category = "lms"
	CategoryStackOne   Category = "stackone"
	CategoryDocuments  Category = "documents"
	CategoryTicketing  Category = "ticketing"
	CategoryScreening  Category = "screening"
)

// categories lists the wire values in schema order; enumMessage is built from it.
var categories = []Category{
	CategoryATS, CategoryHRIS, CategoryHRISLegacy, CategoryCRM, CategoryIAM, CategoryMarketing,
	CategoryLMS, CategoryStackOne, CategoryDocuments, CategoryTicketing, CategoryScreening,
}

// Categories returns the categories the schema defines, in schema order.
func Categories() []Category {
	return append([]Category(nil), categories...)
}

// String returns the wire value.
func (c Category) String() string { return string(c) }

// Known reports whether c is one of the wire values the schema defines.
// An alias spelling such as "stackOne" is not Known: [ParseCategory] maps it.
func (c Category) Known() bool {
	k, ok := lookupCategory(string(c))
	return ok && k == c
}

// ParseCategory returns the category s names. It accepts the wire values and
// the alias spellings "hrisLegacy" and "stackOne"; matching is otherwise
// case-sensitive, so "HRIS" is not a category.
func ParseCategory(s string) (Category, bool) {
	return lookupCategory(s)
}

// lookupCategory is the enum check of the hot path: a switch on the text, so
// that neither validating nor decoding a known category allocates.
func lookupCategory[T ~string | ~[]byte](s T) (Category, bool) {
	switch string(s) {
	case "ats":
		return CategoryATS, true
	case "hris":
		return CategoryHRIS, true
	case "hris-legacy", "hrisLegacy":
		return CategoryHRISLegacy, true
	case "crm":
		return CategoryCRM, true
	case "iam":
		return CategoryIAM, true
	case "marketing":
		return CategoryMarketing, true
	case "lms":
		return CategoryLMS, true
	case "stackone", "stackOne":
		return CategoryStackOne, true
	case "documents":
		return CategoryDocuments, true
	case "ticketing":
		return CategoryTicketing, true
	case "screening":
		return CategoryScreening, true
	}
	return "", false
}
