package authlink

// Category is an integration category an auth link opens, as its wire value.
// The constants below are the values the schemas define; with
// [Options.OpenCategories] a decoded Category may hold any other string.
type Category string

// The categories of the schemas, as their wire values. The document profile
// has the first eleven; the api profile has all fourteen.
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
	CategoryMessaging  Category = "messaging"  // api profile only
	CategoryAccounting Category = "accounting" // api profile only
	CategoryScheduling Category = "scheduling" // api profile only
)

// categories lists the wire values in schema order: the document's eleven,
// then those the API added. A profile has the first categoryCount[p]; a test
// ties each prefix to that profile's schema enum.
var categories = []Category{
	CategoryATS, CategoryHRIS, CategoryHRISLegacy, CategoryCRM, CategoryIAM, CategoryMarketing,
	CategoryLMS, CategoryStackOne, CategoryDocuments, CategoryTicketing, CategoryScreening,
	CategoryMessaging, CategoryAccounting, CategoryScheduling,
}

var categoryCount = [profileCount]int{ProfileAPI: 14, ProfileDocument: 11}

// Categories returns the categories the profile's schema defines, as wire
// values in schema order (the alias spellings are not listed).
func (p Profile) Categories() []Category {
	return append([]Category(nil), categories[:categoryCount[p]]...)
}

// String returns the wire value.
func (c Category) String() string { return string(c) }

// Known reports whether c is one of the wire values the api profile's schema
// defines. An alias spelling such as "stackOne" is not Known: [ParseCategory]
// maps it.
func (c Category) Known() bool {
	k, i := lookupCategory(string(c))
	return i >= 0 && k == c
}

// ParseCategory returns the category s names, in either profile. It accepts
// the wire values and the alias spellings "hrisLegacy" and "stackOne";
// matching is otherwise case-sensitive, so "HRIS" is not a category.
func ParseCategory(s string) (Category, bool) {
	c, i := lookupCategory(s)
	return c, i >= 0
}

// inProfile reports whether the category at index i of categories belongs
// to profile p.
func inProfile(i int, p Profile) bool { return i >= 0 && i < categoryCount[p] }

// lookupCategory is the enum check of the hot path: a switch on the text, so
// that neither validating nor decoding a known category allocates. It
// returns the wire value and its index in categories, or -1.
func lookupCategory[T ~string | ~[]byte](s T) (Category, int) {
	switch string(s) {
	case "ats":
		return CategoryATS, 0
	case "hris":
		return CategoryHRIS, 1
	case "hris-legacy", "hrisLegacy":
		return CategoryHRISLegacy, 2
	case "crm":
		return CategoryCRM, 3
	case "iam":
		return CategoryIAM, 4
	case "marketing":
		return CategoryMarketing, 5
	case "lms":
		return CategoryLMS, 6
	case "stackone", "stackOne":
		return CategoryStackOne, 7
	case "documents":
		return CategoryDocuments, 8
	case "ticketing":
		return CategoryTicketing, 9
	case "screening":
		return CategoryScreening, 10
	case "messaging":
		return CategoryMessaging, 11
	case "accounting":
		return CategoryAccounting, 12
	case "scheduling":
		return CategoryScheduling, 13
	}
	return "", -1
}
