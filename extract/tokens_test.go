package extract

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/kg-news/kg/internal/corpus"
	"github.com/kg-news/kg/rules"
)

// regexOf holds the regular expressions that token pattern rules replaced:
// TestTokenRulesFindWhatRegexesFound runs both.
var regexOf = map[string]string{
	"person.en.title-name":              `(?P<title>{TITLE_EN})\s(?P<person>{NAME_EN}|{NAME_EN_INIT})`,
	"person.en.name-said":               `(?:^|[.!?”"]\s|,\s|\ssaid\s)(?P<person>{NAME_EN})\s(?:said|says|told|added|noted|stressed|explained|announced|emphasized|wrote)\b`,
	"role.en.org-title-name":            `(?P<org>{ORG_EN})(?:'s|’s|'|’)?\s(?P<title>{TITLE_EN})(?:\s(?:and|&)\s{TITLE_EN})?\s(?P<person>{NAME_EN}|{NAME_EN_INIT})`,
	"roleref.en.the-org-title":          `\b(?:the|The)\s(?:(?P<org>{ORG_EN})(?:'s|’s)?\s)?(?P<title>{TITLE_EN})`,
	"role.ko.name-org-title":            `{B}(?P<person>{NAME_KO})\s(?:(?:전|前)\s)?(?P<org>[A-Za-z0-9&]+\s[가-힣A-Za-z0-9&]{2,}?|[A-Za-z0-9가-힣&]{2,}?)\s?(?P<title>{TITLE_KO})`,
	"person.ko.name-title":              `{B}(?P<person>{NAME_KO})\s?(?P<title>{TITLE_KO})`,
	"person.ko.surname-title":           `{B}(?P<person>{SURNAME_KO})\s(?P<title>{TITLE_KO})`,
	"roleref.ko.org-title":              `{B}(?P<org>[A-Za-z0-9가-힣&]+?)\s?(?P<title>{TITLE_KO})(?:는|은|가|이|도)(?:\s|$)`,
	"byline.ko.reporter":                `{B}(?P<person>{NAME_KO})\s?(?P<title>{TITLE_KO})(?:\s?=|\s|$|[\]),])`,
	"org.en.descriptor":                 `\b(?:startup|start-up|firm|developer|maker|giant|operator|carrier|conglomerate|chaebol|affiliate|subsidiary|rival|chipmaker|automaker|carmaker|retailer|lender|insurer|provider|publisher|unicorn|shipbuilder|steelmaker|foundry|supplier|airline|refiner|company|unit|arm|division)\s(?P<org>[A-Z][A-Za-z0-9&.\-]*(?:\s[A-Z0-9][A-Za-z0-9&.\-]*){0,3})`,
	"role.en.title-name-of-org":         `(?P<title>{TITLE_EN})\s(?P<person>{NAME_EN})\s(?:of|at)\s(?:the\s)?(?P<org>{ORG_EN})(?:[,.;:)]|\s[a-z(]|$)`,
	"role.en.name-org-title":            `(?P<person>{NAME_EN}),\s(?:the\s)?(?P<org>{ORG_EN})(?:'s|’s|'|’)?\s(?:(?:deputy|senior|executive|acting|interim|global|regional|co-)\s?)?(?P<title>{TITLE_EN})(?:[,.;:)]|\s[a-z(]|$)`,
	"person.en.meeting-object":          `\b(?:met|met with|sat down with|held talks with|had (?:lunch|dinner|a luncheon) with|joined|hosted)\s(?P<person>{NAME_EN})(?:[,.;:)]|\s[a-z(]|$)`,
	"person.en.apposition":              `(?P<person>{NAME_EN}),\s(?:the\s|a\s|its\s|their\s)?(?:[a-z\-]+\s)?(?P<title>{TITLE_EN})`,
	"role.en.org-poss-title-comma-name": `(?P<org>{ORG_EN})(?:'s|’s)\s(?:new\s)?(?P<title>{TITLE_EN}),\s(?P<person>{NAME_EN})`,
	"role.ko.org-name-title":            `{B}(?P<org>[A-Za-z0-9가-힣&]{2,}?)(?:의)?\s(?P<person>{NAME_KO})\s?(?P<title>{TITLE_KO})`,
	"role.ko.org-foreign-name-title":    `{B}(?P<org>[A-Za-z0-9가-힣&]{2,}(?:\s[가-힣A-Za-z0-9&]{2,})?)의\s(?P<person>{HW}\s{HW})\s?(?P<title>{TITLE_KO})`,
	"byline.en.by":                      `^By\s(?P<person>{NAME_EN}|[A-Z][A-Z]+\s[A-Z][A-Z]+(?:-[A-Z]+)?)`,
	"byline.en.reporting-by":            `(?:^|\(|;\s)(?:Reporting|Writing|Additional reporting|(?P<title>{TITLE_EN})) by\s(?P<person>{NAME_EN})`,
	"org.en.legal-prefix":               `\b(?P<org>(?:PT|CV|PJSC|OOO)\s[A-Z][A-Za-z0-9&\-]*(?:\s[A-Z][A-Za-z0-9&\-]*){0,4})`,
}

// regexSet compiles the default rules with each token rule written back
// as the regular expression it replaced.
func regexSet(t testing.TB) (*rules.Set, []string) {
	t.Helper()
	files, errs := rules.ParseFS(rules.DefaultFS(), "default")
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var converted []string
	for _, f := range files {
		for i := range f.Patterns {
			p := &f.Patterns[i]
			if p.Tokens == "" {
				continue
			}
			re, ok := regexOf[p.ID]
			if !ok {
				// written as a token rule from the start: its examples
				// prove it, and it runs unchanged in both sets
				continue
			}
			p.Tokens, p.Regex = "", re
			converted = append(converted, p.ID)
		}
	}
	set, err := rules.Compile(files)
	if err != nil {
		t.Fatal(err)
	}
	return set, converted
}

// testTexts are every test document and 60 generated ones.
func testTexts(t testing.TB) []string {
	t.Helper()
	var texts []string
	files, _ := filepath.Glob("../testdata/*/*.txt")
	more, _ := filepath.Glob("../testdata/*/*/*.txt")
	for _, f := range append(files, more...) {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(raw))
	}
	for i := range 60 {
		_, text := corpus.Document(3, i)
		texts = append(texts, string(text))
	}
	return texts
}

// TestTokenRulesFindWhatRegexesFound runs the pattern stage with the
// default rules and with the token rules written back as regular
// expressions: the facts must be the same, in the same order.
func TestTokenRulesFindWhatRegexesFound(t *testing.T) {
	set, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	ref, converted := regexSet(t)
	if len(converted) == 0 {
		t.Skip("no token pattern rules")
	}
	facts := 0
	for _, raw := range testTexts(t) {
		d, _ := NewDocument("t", []byte(raw))
		sents := Segment(d, set)
		hasTitle := make([]bool, len(sents))
		for _, h := range scanKeywords(d.Text, set) {
			if h.Kw.Kind == rules.KwTitle {
				if si := (&state{sents: sents}).sentOf(h.Span.Start); si >= 0 {
					hasTitle[si] = true
				}
			}
		}
		want := runPatterns(d, sents, hasTitle, ref)
		got := runPatterns(d, sents, hasTitle, set)
		facts += len(got)
		if diff := cmp.Diff(want, got, cmp.AllowUnexported(fact{}, Span{})); diff != "" {
			t.Errorf("%.60q…: facts (-regex +tokens):\n%s", raw, diff)
		}
	}
	if facts == 0 {
		t.Fatal("no facts at all")
	}
	t.Logf("%d facts; token rules: %v", facts, converted)
}

// TestTokenRulesOnRandomText compares each token rule with its regular
// expression on random masked texts made of the pieces rules stumble on.
func TestTokenRulesOnRandomText(t *testing.T) {
	set, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	ref, _ := regexSet(t)
	pieces := []string{"Kim", "Lee", "Mc", "Donald", "Min", "-", "ji", "JI", "S", "K", "of", "at", "the", "The", "said", "told",
		"and", "&", "'", "’", "s", "'s", " ", " ", " ", " ", " ", ".", ",", ";", "(", ")", "”", "\"", "2", "x", "hynix", "met", "with",
		"firm", "start-up", "PT", "new", "deputy", "co-", "a", "By", "by", "KIM", "SO", "Yeon", "Reporting", "Additional reporting", "Writing", " by ",
		"\uE000", "\uE000\x01\x01\x01", "\u07FF", "김창한", "김", "정", "남궁민", "이재", "는", "가", "카카오", "의", "=", "]", "_", "é",
		"삼성의", "의의", "그룹의", "하이케", "슈나이더", "베버는", "클라우스", "와", "과", "와의", "인", "총괄", "한국", "아시아태평양", "수석", "아닐쿠마르", "스타트업", "기업", "개발사", "선사", "해운"}
	compareOnRandomText(t, set, ref, pieces, 5000, 16, 5)
}

// TestTokenRulesOnRandomKorean is TestTokenRulesOnRandomText with the
// pieces of Korean sentences: names, particles glued or not, modifiers,
// descriptors, titles.
func TestTokenRulesOnRandomKorean(t *testing.T) {
	set, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	ref, _ := regexSet(t)
	pieces := []string{"\uE000\x01", "\uE000\x01", "\uE000\x01", "\uE000\x01\x01", "\u07FF", "김창한", "문정숙", "김", "정", "남궁민", "이재", "는", "가", "이", "도",
		"카카오", "의", "삼성의", "의의", "그룹", "그룹의", "하이케", "슈나이더", "베버는", "클라우스", "와", "과", "와의", "과의", "인", "총괄", "한국", "아시아태평양",
		"수석", "아닐쿠마르", "스타트업", "기업", "개발사", "선사", "해운", "회사", "브랜드", "연합뉴스", "서울", "SK", "A", "LG", "3", "&", "(", ")", "[", "]", "=", ",", "."}
	// words of one or two pieces, mostly apart
	r := rand.New(rand.NewPCG(7, 8))
	var words []string
	for range 300 {
		w := pieces[r.IntN(len(pieces))]
		if r.IntN(3) == 0 {
			w += pieces[r.IntN(len(pieces))]
		}
		if r.IntN(5) > 0 {
			w += " "
		}
		words = append(words, w)
	}
	compareOnRandomText(t, set, ref, words, 3000, 8, 7)
}

// TestTokenRulesOnRandomByline is TestTokenRulesOnRandomText with the
// pieces of English bylines.
func TestTokenRulesOnRandomByline(t *testing.T) {
	set, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	ref, _ := regexSet(t)
	pieces := []string{"By ", "By ", "By", "(", "; ", ";", "Reporting", "Writing", "Additional reporting", " by ", " by ", " by", "by ",
		"KIM", "SO", "-", "YEON", "Yeon", "Kim", "Lee", "Min", "ji", "Ji", "JI", "A", "B", "Bc", "Mc", "Donald", "Kim Lee", "Lee Min-ji", "KIM SO-YEON", "(Reporting by ", "; \uE000\x01 by ", "\uE000\x01", " ", " ", ".", ")"}
	compareOnRandomText(t, set, ref, pieces, 3000, 8, 9)
}

// compareOnRandomText compares each token rule of set with its regular
// expression (of ref) on n random texts of up to k pieces.
func compareOnRandomText(t *testing.T, set, ref *rules.Set, pieces []string, n, k int, seed uint64) {
	r := rand.New(rand.NewPCG(seed, 6))
	texts := make([]string, n)
	for i := range texts {
		var b strings.Builder
		for range r.IntN(k) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		texts[i] = b.String()
	}
	for i, p := range set.Patterns {
		if p.Tok == nil {
			continue
		}
		rp := ref.Patterns[i]
		t.Run(p.ID, func(t *testing.T) {
			bad, matches := 0, 0
			defer func() { t.Logf("%d matches", matches) }()
			for _, text := range texts {
				want, got := rp.FindAll(text), p.FindAll(text)
				if p.EveryWordStart {
					want, got = rp.FindAtWordStarts(text), p.FindAtWordStarts(text)
				}
				matches += len(got)
				if d := cmp.Diff(want, got, cmpopts.EquateEmpty()); d != "" {
					t.Errorf("on %q (-regex +tokens):\n%s", text, d)
					if bad++; bad > 3 {
						t.FailNow()
					}
				}
			}
		})
	}
}

// BenchmarkExtractAsRegex is BenchmarkExtract with the token rules
// written back as the regular expressions they replaced, to compare.
func BenchmarkExtractAsRegex(b *testing.B) {
	set, _ := regexSet(b)
	raw, err := os.ReadFile(seedArticle)
	if err != nil {
		b.Fatal(err)
	}
	x := New(set)
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		d, _ := NewDocument("seed", raw)
		_ = x.Run(d)
	}
}

// BenchmarkPatterns times the pattern stage alone on the seed article,
// with the default rules (tokens) and with the token rules as regular
// expressions (regex).
func BenchmarkPatterns(b *testing.B) {
	set, err := rules.Default()
	if err != nil {
		b.Fatal(err)
	}
	ref, _ := regexSet(b)
	raw, err := os.ReadFile(seedArticle)
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name string
		set  *rules.Set
	}{{"tokens", set}, {"regex", ref}} {
		b.Run(c.name, func(b *testing.B) {
			d, _ := NewDocument("seed", raw)
			sents := Segment(d, c.set)
			hasTitle := make([]bool, len(sents))
			for _, h := range scanKeywords(d.Text, c.set) {
				if h.Kw.Kind == rules.KwTitle {
					if si := (&state{sents: sents}).sentOf(h.Span.Start); si >= 0 {
						hasTitle[si] = true
					}
				}
			}
			b.SetBytes(int64(len(raw)))
			b.ReportAllocs()
			for b.Loop() {
				runPatterns(d, sents, hasTitle, c.set)
			}
		})
	}
}

const seedArticle = "../testdata/docs/altman-seoul-2025-02-04.txt"
