package extract

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kg-news/kg/rules"
)

// Dates written with numbers only; the expressions with words (month
// names, weekdays, 어제, 3일) are built from the lexicon (rules.Lexicon,
// rules/default/lexicon/dates.yaml).
var (
	pubDateRe = regexp.MustCompile(`(20\d\d|19\d\d)[-./](\d{1,2})[-./](\d{1,2})`)
	isoDateRe = regexp.MustCompile(`\b(20\d\d)-(\d\d)-(\d\d)\b`)
)

// PublicationDate finds the date a document was published: a date after
// one of the rules' publication labels ("Posted :", 입력, 기사등록) in its
// first lines, else a date in them, else a date in its id.
func (x *Extractor) PublicationDate(d Document) time.Time { return publicationDate(d, x.Set) }

func publicationDate(d Document, set *rules.Set) time.Time {
	head := d.Text
	if len(d.lines) > 25 {
		head = d.Text[:d.lines[25]]
	}
	for _, key := range set.Lex.PublicationLabels {
		if i := strings.Index(head, key); i >= 0 {
			if t, ok := parseYMD(pubDateRe.FindStringSubmatch(head[i:min(len(head), i+80)])); ok {
				return t
			}
		}
	}
	if t, ok := parseYMD(pubDateRe.FindStringSubmatch(head)); ok {
		return t
	}
	if t, ok := parseYMD(pubDateRe.FindStringSubmatch(d.ID)); ok {
		return t
	}
	return time.Time{}
}

func parseYMD(m []string) (time.Time, bool) {
	if m == nil {
		return time.Time{}, false
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	da, _ := strconv.Atoi(m[3])
	if mo < 1 || mo > 12 || da < 1 || da > 31 {
		return time.Time{}, false
	}
	return time.Date(y, time.Month(mo), da, 0, 0, 0, 0, time.UTC), true
}

// resolveDate finds a date expression in s and resolves it against pub
// (the publication date) and ctx (the last date the story spoke of). It
// returns the zero time when s states no date it can resolve.
func resolveDate(s, lang string, pub, ctx time.Time, set *rules.Set) time.Time {
	lex := &set.Lex
	if !mayHoldDate(s, lex) {
		return time.Time{}
	}
	// Literal prefilters: each regexp below runs only when s holds text
	// that every match of it contains.
	digits := strings.ContainsAny(s, "0123456789")
	if m := find(digits && strings.Contains(s, "-"), isoDateRe, s); m != nil {
		if t, ok := parseYMD(m); ok {
			return t
		}
	}
	if pub.IsZero() {
		if m := find(digits && containsAny(s, lex.MonthCuesEN), lex.DateEN, s); m != nil && m[3] != "" {
			return monthDay(m, pub, lex)
		}
		return time.Time{}
	}
	if lang == "ko" {
		if m := find(digits && strings.Contains(s, lex.MonthUnitKO) && strings.Contains(s, lex.DayUnitKO), lex.DateKO, s); m != nil {
			mo, _ := strconv.Atoi(m[2])
			da, _ := strconv.Atoi(m[3])
			y := pub.Year()
			if m[1] != "" {
				y, _ = strconv.Atoi(m[1])
			}
			t := time.Date(y, time.Month(mo), da, 0, 0, 0, 0, time.UTC)
			switch {
			case m[1] == "" && lastYearKO(s, m[0], lex):
				t = t.AddDate(-1, 0, 0) // 지난해 3월 12일, 작년 3월
			case m[1] == "" && t.After(pub.AddDate(0, 0, 7)):
				t = t.AddDate(-1, 0, 0)
			}
			return t
		}
		if m := find(containsAny(s, lex.RelCuesKO), lex.RelKO, s); m != nil {
			if t, ok := relative(lex.RelativeKO, m[1], pub, ctx); ok {
				return t
			}
		}
		if m := find(digits && strings.Contains(s, lex.DayUnitKO), lex.DayKO, s); m != nil && !containsAny(s, lex.MonthCountsKO) {
			da, _ := strconv.Atoi(m[1])
			if da >= 1 && da <= 31 {
				// the publication month, or the month before when the day
				// is still to come or the text says 지난달 (last_month_ko);
				// a day the month does not have (31 in a 30-day month)
				// names no date
				mo := pub.Month()
				if da > pub.Day() || precededBy(s, m[0], lex.LastMonthKO) {
					mo--
				}
				if t := time.Date(pub.Year(), mo, da, 0, 0, 0, 0, time.UTC); t.Day() == da {
					return t
				}
			}
		}
		if m := find(containsAny(s, lex.WeekdayCuesKO), lex.WeekKO, s); m != nil {
			return lastWeekday(pub, lex.WeekdayOfKO[m[0]])
		}
		return time.Time{}
	}
	if m := find(digits && containsAny(s, lex.MonthCuesEN), lex.DateEN, s); m != nil {
		return monthDay(m, pub, lex)
	}
	if m := find(containsAnyFoldASCII(s, lex.RelCuesEN), lex.RelEN, s); m != nil {
		if t, ok := relative(lex.RelativeEN, strings.ToLower(m[1]), pub, ctx); ok {
			return t
		}
	}
	if m := find(containsAny(s, lex.WeekdayCuesEN), lex.WeekEN, s); m != nil {
		return lastWeekday(pub, lex.WeekdayOfEN[strings.ToLower(m[1])])
	}
	return time.Time{}
}

// maskReportDates blanks, byte for byte, the date a sentence gives for its
// own telling ("…, the embassy said Thursday", "…고 6일 밝혔다"; lexicon:
// report_verbs_en, report_verbs_ko), so that resolveDate reads the date of
// what it tells, or none.
func maskReportDates(s, lang string, lex *rules.Lexicon) string {
	if !mayHoldDate(s, lex) {
		return s // most sentences: nothing to read, nothing copied
	}
	var b []byte // a copy only once something is blanked
	blank := func(i, j int) {
		if b == nil {
			b = []byte(s)
		}
		for k := i; k < j; k++ {
			b[k] = ' '
		}
	}
	done := func() string {
		if b == nil {
			return s
		}
		return string(b)
	}
	if lang == "ko" {
		for _, v := range lex.ReportVerbsKO {
			for from := 0; ; {
				i := strings.Index(s[from:], v)
				if i < 0 {
					break
				}
				i += from
				from = i + len(v)
				// only the few bytes before the verb: a day is at most
				// 지난 31일 long, and a long sentence is not read again for
				// each verb
				before := strings.TrimRight(s[:i], " ")
				lo := max(0, len(before)-12)
				for lo > 0 && !utf8.RuneStart(before[lo]) {
					lo--
				}
				if m := reportDayKO.FindStringIndex(before[lo:]); m != nil {
					blank(lo+m[0], lo+m[1])
				}
			}
		}
		return done()
	}
	// a wire dateline: "SEOUL, June 4 (Yonhap) --" dates the report
	if m := datelineEN.FindStringSubmatchIndex(s); m != nil {
		blank(m[2], m[3])
	}
	for _, v := range lex.ReportVerbsEN {
		for from := 0; ; {
			i := strings.Index(s[from:], v+" ")
			if i < 0 {
				break
			}
			i += from
			from = i + len(v)
			if i > 0 && s[i-1] != ' ' {
				continue
			}
			j := i + len(v) + 1
			j += len(s[j:]) - len(strings.TrimPrefix(s[j:], "on "))
			k := j
			for k < len(s) && (s[k] >= 'a' && s[k] <= 'z' || s[k] >= 'A' && s[k] <= 'Z') {
				k++
			}
			w := strings.ToLower(s[j:k])
			if _, ok := lex.WeekdayOfEN[w]; ok || w == "today" || w == "yesterday" {
				blank(j, k)
			}
		}
	}
	return done()
}

// datelineEN is a wire dateline: a city in capitals, the report's date, an
// agency in brackets or not, and a dash.
var datelineEN = regexp.MustCompile(`^[A-Z][A-Z .'\-]+,\s+([A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s+\d{4})?)\s*(?:\([^)]{1,40}\)\s*)?(?:--|—|–)`)

// reportDayKO is a day right before a verb of telling: 6일, 어제, 오늘.
var reportDayKO = regexp.MustCompile(`(?:\d{1,2}일|어제|오늘)$`)

// relative resolves the relative date word w (lower case for English):
// false when it names no date, and the search goes on.
func relative(words map[string]rules.RelativeDate, w string, pub, ctx time.Time) (time.Time, bool) {
	r, ok := words[w]
	if !ok {
		// a case variant strings.ToLower does not undo ("ſ" matches s in
		// the expression): the day the story speaks of
		r = rules.RelativeDate{FromStory: true}
	}
	return r.Resolve(pub, ctx)
}

func monthDay(m []string, pub time.Time, lex *rules.Lexicon) time.Time {
	mo := lex.MonthOf[strings.ToLower(m[1])]
	da, _ := strconv.Atoi(m[2])
	y := pub.Year()
	if m[3] != "" {
		y, _ = strconv.Atoi(m[3])
	}
	if da < 1 || da > 31 || mo == 0 {
		return time.Time{}
	}
	t := time.Date(y, mo, da, 0, 0, 0, 0, time.UTC)
	if m[3] == "" && !pub.IsZero() && t.After(pub.AddDate(0, 0, 7)) {
		t = t.AddDate(-1, 0, 0)
	}
	return t
}

// find runs re on s when may says a match is possible (and re has words
// to match).
func find(may bool, re *regexp.Regexp, s string) []string {
	if !may || re == nil {
		return nil
	}
	return re.FindStringSubmatch(s)
}

// containsAny reports whether s contains one of words.
func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// containsAnyFoldASCII reports whether s contains one of words (lower
// case), ASCII letters compared without case.
func containsAnyFoldASCII(s string, words []string) bool {
	for _, w := range words {
		if containsFoldASCII(s, w) {
			return true
		}
	}
	return false
}

// containsFoldASCII reports whether s contains w (lower-case ASCII) with
// ASCII letters of s compared without case.
func containsFoldASCII(s, w string) bool {
	if len(w) == 0 {
		return true
	}
	c0, u0 := w[0], w[0]
	if 'a' <= c0 && c0 <= 'z' {
		u0 = c0 - 32
	}
	for i := 0; i+len(w) <= len(s); i++ {
		if s[i] != c0 && s[i] != u0 {
			continue
		}
		j := 1
		for ; j < len(w); j++ {
			c := s[i+j]
			if 'A' <= c && c <= 'Z' {
				c += 32
			}
			if c != w[j] {
				break
			}
		}
		if j == len(w) {
			return true
		}
	}
	return false
}

// lastWeekday is the latest day on or before pub that falls on wd.
func lastWeekday(pub time.Time, wd time.Weekday) time.Time {
	diff := (int(pub.Weekday()) - int(wd) + 7) % 7
	return pub.AddDate(0, 0, -diff)
}

// mayHoldDate is a cheap prefilter: every date expression kg reads has a
// digit or one of the date words (weekdays, relative dates; English ones
// in any ASCII case).
func mayHoldDate(s string, lex *rules.Lexicon) bool {
	if strings.ContainsAny(s, "0123456789") {
		return true
	}
	// ASCII case folding finds what strings.ToLower would, but for a few
	// non-ASCII letters that fold to ASCII ones (K, the Kelvin sign):
	// an English date word spelled with one is not looked for
	return containsAnyFoldASCII(s, lex.DateCuesEN) || containsAny(s, lex.DateCuesKO)
}

// relativeDate returns the first date expression of s that needs the
// publication date to be resolved ("yesterday", "on Tuesday", 어제, 지난
// 3일), or "".
func relativeDate(s, lang string, set *rules.Set) string {
	lex := &set.Lex
	res := []*regexp.Regexp{lex.RelEN, lex.WeekEN}
	if lang == "ko" {
		res = []*regexp.Regexp{lex.RelKO, lex.WeekKO, lex.DayKO}
	}
	for _, re := range res {
		if re == nil {
			continue
		}
		if m := re.FindString(s); m != "" {
			return strings.TrimSpace(m)
		}
	}
	return ""
}

// lastYearKO: the month and day match is preceded by 지난해 or 작년 (last
// year; lexicon: last_year_ko), with at most a space between.
func lastYearKO(s, match string, lex *rules.Lexicon) bool {
	return precededBy(s, match, lex.LastYearKO)
}

// precededBy: the first occurrence of match in s comes right after one of
// words, with at most spaces between.
func precededBy(s, match string, words []string) bool {
	i := strings.Index(s, match)
	if i < 0 {
		return false
	}
	before := strings.TrimRight(s[:i], " ")
	return hasAnySuffix(before, words)
}
