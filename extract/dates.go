package extract

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

var (
	pubDateRe  = regexp.MustCompile(`(20\d\d|19\d\d)[-./](\d{1,2})[-./](\d{1,2})`)
	weekdaysEN = map[string]time.Weekday{"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday,
		"wednesday": time.Wednesday, "thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday}
	weekdaysKO = map[string]time.Weekday{"일요일": time.Sunday, "월요일": time.Monday, "화요일": time.Tuesday,
		"수요일": time.Wednesday, "목요일": time.Thursday, "금요일": time.Friday, "토요일": time.Saturday}
	monthsEN = map[string]time.Month{"jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4,
		"april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
		"september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12}
	enDateRe  = regexp.MustCompile(`\b(Jan|January|Feb|February|Mar|March|Apr|April|May|Jun|June|Jul|July|Aug|August|Sept|Sep|September|Oct|October|Nov|November|Dec|December)\.?\s(\d{1,2})(?:,\s(\d{4}))?\b`)
	enWeekRe  = regexp.MustCompile(`\b(Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday)\b`)
	enRelRe   = regexp.MustCompile(`(?i)\b(yesterday|today|this morning|this afternoon|earlier today|tonight|the previous day|a day earlier|the day before|the next day|that evening|later that day|the same day)\b`)
	koDateRe  = regexp.MustCompile(`(?:(\d{4})년\s?)?(\d{1,2})월\s?(\d{1,2})일`)
	koDayRe   = regexp.MustCompile(`(?:지난|오는)?\s?(\d{1,2})일`)
	koWeekRe  = regexp.MustCompile(`(일|월|화|수|목|금|토)요일`)
	koRelRe   = regexp.MustCompile(`(어제|그제|그저께|오늘|전날|이날|당일|같은 날|그날)`)
	isoDateRe = regexp.MustCompile(`\b(20\d\d)-(\d\d)-(\d\d)\b`)
)

// PublicationDate finds the date a document was published: a "Posted :",
// 입력, 기사등록 or dateline date in its first lines, else a date in id.
func PublicationDate(d Document) time.Time {
	head := d.Text
	if len(d.lines) > 25 {
		head = d.Text[:d.lines[25]]
	}
	for _, key := range []string{"Posted", "입력", "기사등록", "송고", "Published", "등록"} {
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
func resolveDate(s, lang string, pub, ctx time.Time) time.Time {
	if !mayHoldDate(s) {
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
		if m := find(digits && hasMonthEN(s), enDateRe, s); m != nil && m[3] != "" {
			return monthDay(m, pub)
		}
		return time.Time{}
	}
	if lang == "ko" {
		if m := find(digits && strings.Contains(s, "월") && strings.Contains(s, "일"), koDateRe, s); m != nil {
			mo, _ := strconv.Atoi(m[2])
			da, _ := strconv.Atoi(m[3])
			y := pub.Year()
			if m[1] != "" {
				y, _ = strconv.Atoi(m[1])
			}
			t := time.Date(y, time.Month(mo), da, 0, 0, 0, 0, time.UTC)
			switch {
			case m[1] == "" && lastYearKO(s, m[0]):
				t = t.AddDate(-1, 0, 0) // 지난해 3월 12일, 작년 3월
			case m[1] == "" && t.After(pub.AddDate(0, 0, 7)):
				t = t.AddDate(-1, 0, 0)
			}
			return t
		}
		if m := find(strings.Contains(s, "제") || strings.Contains(s, "그저께") || strings.Contains(s, "오늘") ||
			strings.Contains(s, "날") || strings.Contains(s, "당일"), koRelRe, s); m != nil {
			switch m[1] {
			case "어제":
				return pub.AddDate(0, 0, -1)
			case "그제", "그저께":
				return pub.AddDate(0, 0, -2)
			case "오늘":
				return pub
			case "전날":
				if !ctx.IsZero() {
					return ctx.AddDate(0, 0, -1)
				}
				return pub.AddDate(0, 0, -1)
			default:
				if !ctx.IsZero() {
					return ctx
				}
				return pub
			}
		}
		if m := find(digits && strings.Contains(s, "일"), koDayRe, s); m != nil && !strings.Contains(s, "개월") {
			da, _ := strconv.Atoi(m[1])
			if da >= 1 && da <= 31 {
				t := time.Date(pub.Year(), pub.Month(), da, 0, 0, 0, 0, time.UTC)
				if t.After(pub) {
					t = t.AddDate(0, -1, 0)
				}
				return t
			}
		}
		if m := find(strings.Contains(s, "요일"), koWeekRe, s); m != nil {
			return lastWeekday(pub, weekdaysKO[m[0]])
		}
		return time.Time{}
	}
	if m := find(digits && hasMonthEN(s), enDateRe, s); m != nil {
		return monthDay(m, pub)
	}
	if m := find(enRelMay(s), enRelRe, s); m != nil {
		switch strings.ToLower(m[1]) {
		case "yesterday":
			return pub.AddDate(0, 0, -1)
		case "today", "this morning", "this afternoon", "earlier today", "tonight":
			return pub
		case "the previous day", "a day earlier", "the day before":
			if !ctx.IsZero() {
				return ctx.AddDate(0, 0, -1)
			}
			return pub.AddDate(0, 0, -1)
		case "the next day":
			if !ctx.IsZero() {
				return ctx.AddDate(0, 0, 1)
			}
		default:
			if !ctx.IsZero() {
				return ctx
			}
			return pub
		}
	}
	if m := find(strings.Contains(s, "day"), enWeekRe, s); m != nil {
		return lastWeekday(pub, weekdaysEN[strings.ToLower(m[1])])
	}
	return time.Time{}
}

func monthDay(m []string, pub time.Time) time.Time {
	mo := monthsEN[strings.ToLower(m[1])]
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

// find runs re on s when may says a match is possible.
func find(may bool, re *regexp.Regexp, s string) []string {
	if !may {
		return nil
	}
	return re.FindStringSubmatch(s)
}

// hasMonthEN: every match of enDateRe starts with one of these.
func hasMonthEN(s string) bool {
	for _, m := range []string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"} {
		if strings.Contains(s, m) {
			return true
		}
	}
	return false
}

// enRelMay: every match of enRelRe contains one of these words, in any
// case (none of their letters folds to anything but its own upper case).
func enRelMay(s string) bool {
	for _, w := range []string{"day", "morning", "afternoon", "tonight", "evening"} {
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
// digit, "day", a time of day or one of the Korean day words.
func mayHoldDate(s string) bool {
	if strings.ContainsAny(s, "0123456789") {
		return true
	}
	// ASCII case folding finds what strings.ToLower would here: of the
	// non-ASCII letters it lowers to ASCII, K (Kelvin) is in no word and
	// İ becomes i with a combining dot after it, which no word has
	for _, w := range []string{"day", "morning", "afternoon", "tonight", "evening"} {
		if containsFoldASCII(s, w) {
			return true
		}
	}
	for _, w := range []string{"요일", "어제", "그제", "그저께", "오늘", "전날", "이날", "당일", "같은 날", "그날"} {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// relativeDate returns the first date expression of s that needs the
// publication date to be resolved ("yesterday", "on Tuesday", 어제, 지난
// 3일), or "".
func relativeDate(s, lang string) string {
	res := []*regexp.Regexp{enRelRe, enWeekRe}
	if lang == "ko" {
		res = []*regexp.Regexp{koRelRe, koWeekRe, koDayRe}
	}
	for _, re := range res {
		if m := re.FindString(s); m != "" {
			return strings.TrimSpace(m)
		}
	}
	return ""
}

// lastYearKO: the month and day match is preceded by 지난해 or 작년 (last
// year), with at most a space between.
func lastYearKO(s, match string) bool {
	i := strings.Index(s, match)
	if i < 0 {
		return false
	}
	before := strings.TrimRight(s[:i], " ")
	return strings.HasSuffix(before, "지난해") || strings.HasSuffix(before, "작년")
}
