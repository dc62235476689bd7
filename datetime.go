package authlink

import (
	"errors"
	"time"
)

// dateTime holds the fields of an RFC 3339 date-time.
type dateTime struct {
	year, month, day, hour, minute, second int
	nanos                                  int
	offset                                 int // seconds east of UTC
	utc                                    bool
}

// parseDateTime applies RFC 3339 section 5.6 to the letter:
//
//	date-time = full-date ("T" / "t") partial-time time-offset
//	full-date = 4DIGIT "-" 2DIGIT "-" 2DIGIT            ; a day that exists
//	partial-time = 2DIGIT ":" 2DIGIT ":" 2DIGIT ["." 1*DIGIT]
//	time-offset = "Z" / "z" / ("+" / "-") 2DIGIT ":" 2DIGIT
//
// Hours run 00-23, minutes 00-59 (in the offset too), and a second of 60 is
// a leap second, allowed only where the time in UTC is 23:59:60.
func parseDateTime[T ~string | ~[]byte](s T) (dateTime, bool) {
	var dt dateTime
	if len(s) < len("2006-01-02T15:04:05Z") ||
		s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != 't') || s[13] != ':' || s[16] != ':' {
		return dt, false
	}
	ok := true
	num := func(i, n int) int {
		v, good := decimal(s, i, n)
		ok = ok && good
		return v
	}
	dt.year, dt.month, dt.day = num(0, 4), num(5, 2), num(8, 2)
	dt.hour, dt.minute, dt.second = num(11, 2), num(14, 2), num(17, 2)
	i := 19
	if s[i] == '.' {
		i++
		start := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			if i-start < 9 {
				dt.nanos = dt.nanos*10 + int(s[i]-'0')
			}
			i++
		}
		if i == start {
			return dt, false
		}
		for n := i - start; n < 9; n++ {
			dt.nanos *= 10
		}
	}
	if i >= len(s) {
		return dt, false
	}
	switch s[i] {
	case 'Z', 'z':
		dt.utc = true
		i++
	case '+', '-':
		if len(s)-i != 6 || s[i+3] != ':' {
			return dt, false
		}
		oh, om := num(i+1, 2), num(i+4, 2)
		if oh > 23 || om > 59 {
			return dt, false
		}
		dt.offset = oh*3600 + om*60
		if s[i] == '-' {
			dt.offset = -dt.offset
		}
		i += 6
	default:
		return dt, false
	}
	if !ok || i != len(s) ||
		dt.month < 1 || dt.month > 12 || dt.day < 1 || dt.day > daysIn(dt.month, dt.year) ||
		dt.hour > 23 || dt.minute > 59 || dt.second > 60 {
		return dt, false
	}
	if dt.second == 60 {
		utcMinute := ((dt.hour*60+dt.minute-dt.offset/60)%1440 + 1440) % 1440
		if utcMinute != 23*60+59 {
			return dt, false
		}
	}
	return dt, true
}

// decimal reads the n digits at s[i:].
func decimal[T ~string | ~[]byte](s T, i, n int) (int, bool) {
	v := 0
	for j := i; j < i+n; j++ {
		c := s[j]
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int(c-'0')
	}
	return v, true
}

// isDateTime is the rule of createdAt, shared by every entry point.
func isDateTime[T ~string | ~[]byte](s T) bool {
	_, ok := parseDateTime(s)
	return ok
}

func daysIn(month, year int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// ErrDateTime is the error ParseTime returns for text that is not an RFC
// 3339 date-time; match it with errors.Is.
var ErrDateTime = errors.New("authlink: not an RFC 3339 date-time")

// ParseTime parses an RFC 3339 date-time by the rule createdAt follows. It
// accepts what time.Parse refuses but the RFC allows: a lower-case "t" or
// "z" and a leap second, which becomes the first second of the next minute.
// Digits of the fraction past nanoseconds are dropped.
func ParseTime(s string) (time.Time, error) {
	dt, ok := parseDateTime(s)
	if !ok {
		return time.Time{}, ErrDateTime
	}
	loc := time.UTC
	if !dt.utc {
		loc = time.FixedZone("", dt.offset)
	}
	return time.Date(dt.year, time.Month(dt.month), dt.day, dt.hour, dt.minute, dt.second, dt.nanos, loc), nil
}
