package corpus

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// A paragraph template: an English sentence and its Korean translation.
// {KEY} is replaced by the document's value for KEY; {KEY|은} also appends
// the Korean particle that fits the value's last syllable (은/는, 이/가,
// 을/를, 과/와).
type tmpl struct{ en, ko string }

var headlines = []tmpl{
	{"{O1} and {O2} team up on {SEC}", "{O1k}·{O2k}, {SECk} 협력"},
	{"{O1} chief meets {O2} head in {CITY}", "{O1k} 대표, {CITYk}에서 {O2k} 수장과 회동"},
	{"{O2} picks {O1} as {SEC} partner", "{O2k}, {SECk} 협력사로 {O1k} 낙점"},
	{"{P1} courts {O2} as {SEC} race heats up", "{SECk} 경쟁 가열 속 {P1k}, {O2k}에 손짓"},
}

var subheads = []tmpl{
	{"{P1} and {P2} discuss {SEC} supply", "{P1k}·{P2k}, {SECk} 공급 논의"},
	{"Deal follows months of talks between the two firms", "두 회사의 수개월 협상 끝에 나온 합의"},
	{"Heads of {O1}, {O2} and {O3} meet in {CITY}", "{O1k}, {O2k}, {O3k}의 수장들이 {CITYk}에서 만나"},
}

var summaries = []tmpl{
	{"", "{WDk}, {O1k} {P1k} {T1k|이} {CITYk}에서 {O2k} {P2k} {T2k|을} 만났습니다."},
	{"", "양사는 {SECk} 분야에서 협력하기로 했습니다."},
	{"", "이번 만남으로 {SECk} 시장에서 두 회사의 입지가 강화될 것으로 보입니다."},
	{"", "{P3k} {T3k|은} 다음 달 {CITYk|을} 찾을 예정입니다."},
}

// opening paragraphs: a meeting or a partnership.
var openings = []tmpl{
	{"{P1}, {T1} of {O1}, met {P2}, {T2} of {O2}, in {CITY} on {WD} to discuss cooperation in {SEC}.",
		"{O1k} {P1k} {T1k|은} {WDk} {CITYk}에서 {O2k} {P2k} {T2k|을} 만나 {SECk} 분야 협력 방안을 논의했다."},
	{"{O1} {T1} {P1} held talks with {P2} of {O2} at the company's headquarters in {CITY} on {MD}.",
		"{P1k} {O1k} {T1k|은} {DK} {CITYk} 본사에서 {O2k}의 {P2k|과} 회동했다."},
	{"{O1} signed a memorandum of understanding with {O2} on {WD} to jointly develop {SEC}.",
		"{O1k|은} {WDk} {O2k|과} {SECk} 공동 개발을 위한 업무협약(MOU)을 체결했다."},
	{"{O1} and {O2} formed a strategic partnership covering {SEC}, {P1} said in a statement on {WD}.",
		"{P1k} {T1k|은} {WDk} 성명에서 {O1k|과} {O2k|이} {SECk} 분야에서 전략적 파트너십을 맺었다고 밝혔다."},
}

var bodies = []tmpl{
	{"{P1} later hosted a luncheon for {P2} and {P3}, according to people familiar with the schedule.",
		"일정에 정통한 관계자에 따르면 {P1k} {T1k|은} 이후 {P2k}, {P3k|과} 오찬을 함께했다."},
	{"{P2}, the {O2} {T2}, had dinner with {P1} that evening.",
		"{O2k} {P2k} {T2k|은} 그날 저녁 {P1k|과} 만찬을 가졌다."},
	{"{P3} is expected to visit {CITY} next month to meet {P1}, but no date has been set.",
		"{P3k|은} 다음 달 {CITYk|을} 방문해 {P1k|을} 만날 예정이지만 일정은 정해지지 않았다."},
	{"Under the agreement, the two companies will set up a joint research team in {CITY} and share {N} patents.",
		"협약에 따라 양사는 {CITYk}에 공동 연구팀을 꾸리고 특허 {N}건을 공유하기로 했다."},
	{"{O3} is also considering a partnership with {O1}, though no decision has been made.",
		"{O3k|은} {O1k|과}의 협력도 검토하고 있으나 아직 결정된 것은 없다."},
	{"“Demand for {SEC} is growing faster than anyone expected,” {P2} said. “We want to move quickly.”",
		"{P2k} {T2k|은} \"{SECk} 수요가 예상보다 빠르게 늘고 있다\"며 \"속도를 내고 싶다\"고 말했다."},
	{"Shares of {O1} rose {PCT} percent in {CITY} trading after the announcement.",
		"발표 이후 {O1k} 주가는 {PCT}% 올랐다."},
	{"Analysts said the deal could add {N} billion won to {O2}'s annual sales by {YEAR2}.",
		"증권가에서는 이번 거래로 {O2k}의 연간 매출이 {YEAR2}년까지 {N}억 원 늘어날 수 있다고 본다."},
	{"{P4}, who heads {O3}, did not attend the meeting.",
		"{O3k|을} 이끄는 {P4k|은} 이날 회동에 참석하지 않았다."},
	{"The two executives first met in {CITY} three years ago, when {O1} began supplying {SEC} to {O2}.",
		"두 경영자는 3년 전 {O1k|이} {O2k}에 {SECk|을} 공급하기 시작하면서 {CITYk}에서 처음 만났다."},
	{"{O2} was founded in {YEAR} and employs about {N} people, most of them engineers.",
		"{YEAR}년 설립된 {O2k|은} 직원 약 {N}명을 두고 있으며 대부분이 엔지니어다."},
	{"{P3}, {T3} of {O3}, joined the talks by video link from {CITY2}.",
		"{O3k} {P3k} {T3k|은} {CITY2k}에서 화상으로 회의에 참여했다."},
	{"Industry watchers expect more tie-ups in {SEC} as costs climb and lead times stretch.",
		"업계는 비용이 오르고 납기가 길어지면서 {SECk} 분야의 제휴가 늘어날 것으로 본다."},
	{"{P4} of {O3} met {P2} separately on {MD} to discuss a supply contract.",
		"{O3k}의 {P4k|은} {DK} {P2k|을} 따로 만나 공급 계약을 논의했다."},
	{"The companies did not disclose the financial terms of the agreement.",
		"양사는 계약의 재무 조건을 공개하지 않았다."},
}

// docCtx holds one document's values.
type docCtx map[string]string

// hasBatchim reports whether s ends in a Hangul syllable with a final
// consonant.
func hasBatchim(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	if r >= 0xAC00 && r <= 0xD7A3 {
		return (r-0xAC00)%28 != 0
	}
	return false
}

var particles = map[string][2]string{
	"은": {"은", "는"}, "는": {"은", "는"}, "이": {"이", "가"}, "가": {"이", "가"},
	"을": {"을", "를"}, "를": {"을", "를"}, "과": {"과", "와"}, "와": {"과", "와"},
}

// expand fills template t from c into b.
func (c docCtx) expand(b *strings.Builder, t string) {
	for {
		i := strings.IndexByte(t, '{')
		if i < 0 {
			b.WriteString(t)
			return
		}
		j := strings.IndexByte(t[i:], '}')
		if j < 0 {
			b.WriteString(t)
			return
		}
		b.WriteString(t[:i])
		key := t[i+1 : i+j]
		part := ""
		if k := strings.IndexByte(key, '|'); k >= 0 {
			key, part = key[:k], key[k+1:]
		}
		v, ok := c[key]
		if !ok {
			panic("corpus: template key " + key + " unknown")
		}
		b.WriteString(v)
		if part != "" {
			p := particles[part]
			if hasBatchim(v) {
				b.WriteString(p[0])
			} else {
				b.WriteString(p[1])
			}
		}
		t = t[i+j+1:]
	}
}

// zipfPick draws a position in [0, n) with a Zipf distribution.
func zipfPick(z *rand.Zipf) int { return int(z.Uint64()) }

// Document returns document i of the seed's corpus: a file name and its
// text. Documents are independent of each other, so any one can be made
// without the ones before it.
func Document(seed uint64, i int) (name string, text []byte) {
	u := universeOf(seed)
	r := rand.New(rand.NewPCG(seed, uint64(i)+1))
	zo := rand.NewZipf(r, 1.05, 1, uint64(len(u.orgs)-1))
	zp := rand.NewZipf(r, 1.05, 1, uint64(len(u.ppl)-1))
	c := docCtx{}
	pick := func(z *rand.Zipf, list []int32, taken map[int32]bool) Entity {
		for {
			p := list[zipfPick(z)]
			if !taken[p] {
				taken[p] = true
				return entityAt(int(u.order[p]))
			}
		}
	}
	taken := map[int32]bool{}
	for k := 1; k <= 3; k++ {
		o := pick(zo, u.orgs, taken)
		c["O"+strconv.Itoa(k)], c["O"+strconv.Itoa(k)+"k"] = o.Name, o.NameKO
	}
	for k := 1; k <= 4; k++ {
		p := pick(zp, u.ppl, taken)
		t := titles[r.IntN(len(titles))]
		ks := strconv.Itoa(k)
		c["P"+ks], c["P"+ks+"k"], c["T"+ks], c["T"+ks+"k"] = p.Name, p.NameKO, t.en, t.ko
	}
	rep := entityAt(int(u.order[u.ppl[r.IntN(len(u.ppl))]]))
	city, city2 := cities[r.IntN(len(cities))], cities[r.IntN(len(cities))]
	sec := sectors[r.IntN(len(sectors))]
	day := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(731))
	wd := weekdays[day.Weekday()]
	c["CITY"], c["CITYk"], c["CITY2"], c["CITY2k"] = city.en, city.ko, city2.en, city2.ko
	c["SEC"], c["SECk"] = sec.en, sec.ko
	c["WD"], c["WDk"] = wd.en, wd.ko
	c["MD"] = months[day.Month()-1] + " " + strconv.Itoa(day.Day())
	c["DK"] = "지난 " + strconv.Itoa(day.Day()) + "일"
	c["N"] = strconv.Itoa(2 + r.IntN(900))
	c["PCT"] = fmt.Sprintf("%d.%d", r.IntN(9), r.IntN(10))
	c["YEAR"] = strconv.Itoa(1960 + r.IntN(60))
	c["YEAR2"] = strconv.Itoa(day.Year() + 2)

	var b strings.Builder
	b.Grow(4096)
	line := func(t string) {
		c.expand(&b, t)
		b.WriteByte('\n')
	}
	// Korean summary, then the article in English with each paragraph
	// followed by its Korean translation.
	for _, s := range summaries[:2+r.IntN(len(summaries)-1)] {
		line(s.ko)
	}
	h := headlines[r.IntN(len(headlines))]
	line(h.en)
	line(h.ko)
	b.WriteString("By " + rep.Name + " " + rep.NameKO + " 기자\n")
	posted := day.Add(time.Duration(7*60+r.IntN(12*60)) * time.Minute)
	fmt.Fprintf(&b, "Posted : %s Updated : %s\n", posted.Format("2006-01-02 15:04"),
		posted.Add(time.Duration(30+r.IntN(20*60))*time.Minute).Format("2006-01-02 15:04"))
	b.WriteString(outlets[r.IntN(len(outlets))] + "\n")
	s := subheads[r.IntN(len(subheads))]
	line(s.en)
	line(s.ko)
	o := openings[r.IntN(len(openings))]
	line(o.en)
	line(o.ko)
	for _, k := range r.Perm(len(bodies))[:5+r.IntN(7)] {
		line(bodies[k].en)
		line(bodies[k].ko)
	}
	return fmt.Sprintf("gen-%06d", i), []byte(b.String())
}

// Text returns documents 0, 1, ... of the seed's corpus joined by blank
// lines, at least minBytes long.
func Text(seed uint64, minBytes int) string {
	var b strings.Builder
	b.Grow(minBytes + 8192)
	for i := 0; b.Len() < minBytes; i++ {
		_, t := Document(seed, i)
		b.Write(t)
		b.WriteByte('\n')
	}
	return b.String()
}
