package tokpat

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// Title masks as rules.MaskTitles writes them: "CEO", "대표", "MD".
const (
	ceo  = "\uE000"
	daep = "\uE000\x01\x01\x01"
	md   = "\u07FF"
)

func TestTokenize(t *testing.T) {
	type tk struct {
		Text  string
		Kind  Kind
		Runes int
	}
	tests := []struct {
		name string
		in   string
		want []tk
	}{
		{"empty", "", nil},
		{"latin", "McDonald's SK", []tk{{"Mc", Cap, 2}, {"Donald", Cap, 6}, {"'", Other, 1}, {"s", Lower, 1},
			{" ", Space, 1}, {"S", Cap, 1}, {"K", Cap, 1}}},
		{"hyphen digits", "Min-ji 2025", []tk{{"Min", Cap, 3}, {"-", Other, 1}, {"ji", Lower, 2}, {" ", Space, 1}, {"2025", Digits, 4}}},
		{"hangul and titles", "김창한 " + daep + "는", []tk{{"김창한", Hangul, 3}, {" ", Space, 1}, {daep, Title, 4}, {"는", Hangul, 1}}},
		{"short titles", ceo + md + "x", []tk{{ceo, Title, 1}, {md, Title, 1}, {"x", Lower, 1}}},
		{"other runes", "ß金’\x01\t", []tk{{"ß", Lower, 1}, {"金", Other, 1}, {"’", Other, 1}, {"\x01", Other, 1}, {"\t", Space, 1}}},
		{"accented names", "Hervé Müller Émile ñu", []tk{{"Hervé", Cap, 5}, {" ", Space, 1}, {"Müller", Cap, 6}, {" ", Space, 1}, {"Émile", Cap, 5}, {" ", Space, 1}, {"ñu", Lower, 2}}},
		{"glued", "카카오CEO", []tk{{"카카오", Hangul, 3}, {"C", Cap, 1}, {"E", Cap, 1}, {"O", Cap, 1}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []tk
			for _, x := range Tokenize(nil, tt.in) {
				got = append(got, tk{tt.in[x.Start:x.End], x.Kind, x.Runes})
			}
			if d := cmp.Diff(tt.want, got); d != "" {
				t.Errorf("Tokenize(%q) mismatch (-want +got):\n%s", tt.in, d)
			}
		})
	}
}

// testEnv mirrors the rule set's macros and predicates on a small lexicon.
func testEnv() *Env {
	sur := map[string]bool{"김": true, "이": true, "정": true, "남궁": true}
	return &Env{
		Macros: map[string]string{
			"NAME_EN_WORD": `(Cap[len>=2] | Cap Cap[len>=2]) ("-" (Cap | Lower))?`,
			"NAME_EN":      `@NAME_EN_WORD (Space @NAME_EN_WORD){1,2}`,
			"ORG_EN_REST":  `(Cap | Lower | Digits | "&" | "." | "-")*`,
			"ORG_EN":       `(Cap | Digits) @ORG_EN_REST (Space (("&" | Cap | Digits) @ORG_EN_REST | "of" | "hynix")){0,7}?`,
			"B":            `(^ | tail(Space | Other | Title))`,
			"LOOP":         `@LOOP`,
		},
		Preds: map[string]func(string) bool{
			"surname_ko": func(s string) bool { return sur[s] },
			"name_ko": func(s string) bool {
				rs := []rune(s)
				return (len(rs) == 3 || len(rs) == 4) && sur[string(rs[:2])] || len(rs) == 3 && sur[string(rs[:1])]
			},
		},
	}
}

// Regular expressions and the token patterns that must find the same.
var equivalents = []struct {
	name, re, tok string
	wordStarts    bool
}{
	{"title-name", `(?P<title>{T})\s(?P<person>{N})`, `title:Title Space person:@NAME_EN`, false},
	{"name-said", `(?:^|[.!?”"]\s|,\s|\ssaid\s)(?P<person>{N})\s(?:said|told|added)\b`,
		`(^ | ("." | "!" | "?" | "”" | "\"") Space | "," Space | Space "said" Space) person:@NAME_EN Space ("said" | "told" | "added") \b`, false},
	{"org-title-name", `(?P<org>{O})(?:'s|’s|'|’)?\s(?P<title>{T})(?:\s(?:and|&)\s(?:{T}))?\s(?P<person>{N})`,
		`org:@ORG_EN ("'s" | "’s" | "'" | "’")? Space title:Title (Space ("and" | "&") Space Title)? Space person:@NAME_EN`, false},
	{"roleref-en", `\b(?:the|The)\s(?:(?P<org>{O})(?:'s|’s)?\s)?(?P<title>{T})`,
		`\b ("the" | "The") Space (org:@ORG_EN ("'s" | "’s")? Space)? title:Title`, false},
	{"roleref-ko", `(?:^|[^가-힣A-Za-z0-9])(?P<org>[A-Za-z0-9가-힣&]+?)\s?(?P<title>{T})(?:는|은|가|이|도)(?:\s|$)`,
		`@B org:(Word | Hangul | "&")+? Space? title:Title ("는" | "은" | "가" | "이" | "도") (Space | $)`, false},
	{"name-title-ko", `(?:^|[^가-힣A-Za-z0-9])(?P<person>(?:남궁[가-힣]{1,2}|(?:김|이|정)[가-힣]{2}))\s?(?P<title>{T})`,
		`@B person:Hangul[name_ko] Space? title:Title`, true},
	{"surname-title-ko", `(?:^|[^가-힣A-Za-z0-9])(?P<person>(?:남궁|김|이|정))\s(?P<title>{T})`,
		`@B person:Hangul[surname_ko] Space title:Title`, true},
	{"title-name-of-org", `(?P<title>{T})\s(?P<person>{N})\s(?:of|at)\s(?:the\s)?(?P<org>{O})(?:[,.;:)]|\s[a-z(]|$)`,
		`title:Title Space person:@NAME_EN Space ("of" | "at") Space ("the" Space)? org:@ORG_EN ("," | "." | ";" | ":" | ")" | Space (head(Lower) | "(") | $)`, false},
	{"meeting-object", `\b(?:met|met with|had (?:lunch|a luncheon) with|joined)\s(?P<person>{N})(?:[,.;:)]|\s[a-z(]|$)`,
		`\b ("met" | "met with" | "had" Space ("lunch" | "a luncheon") Space "with" | "joined") Space person:@NAME_EN ("," | "." | ";" | ":" | ")" | Space (head(Lower) | "(") | $)`, false},
	{"lazy-greedy", `(?P<a>[A-Z][a-z]*)(?: [a-z]+)*? (?P<b>[0-9]+)`, `a:Cap (Space Lower)*? Space b:Digits`, false},
}

func expandTestRe(re string) string {
	word := `[A-Z](?:[a-z]+|[a-z]*[A-Z][a-z]+)(?:-[A-Za-z][a-z]*)?`
	return strings.NewReplacer(
		"{T}", `(?:\x{E000}\x{01}*|\x{07FF})`,
		"{N}", word+`(?:\s`+word+`){1,2}`,
		"{O}", `[A-Z0-9][A-Za-z0-9&.\-]*(?:\s(?:[A-Z0-9&][A-Za-z0-9&.\-]*|of|hynix)){0,7}?`).Replace(re)
}

// regexWordStarts is how extract runs Korean role rules: anchored at every
// word start.
func regexWordStarts(re *regexp.Regexp, text string) [][]int {
	anch := regexp.MustCompile(`^(?:` + re.String() + `)`)
	var out [][]int
	for i := 0; i < len(text); i++ {
		if i > 0 && text[i-1] != ' ' {
			continue
		}
		if m := anch.FindStringSubmatchIndex(text[i:]); m != nil {
			for k := range m {
				if m[k] >= 0 {
					m[k] += i
				}
			}
			out = append(out, m)
		}
	}
	return out
}

var pieces = []string{"Kim", "Lee", "Mc", "Donald", "Min", "-", "ji", "J", "I", "S", "K", "of", "the", "The", "said", "told",
	"and", "&", "'", "’", "s", "'s", " ", " ", " ", " ", ".", ",", "”", "\"", "2", "x", "hynix",
	ceo, daep, md, ceo, daep, "김창한", "김", "정", "남궁민", "이재", "는", "가", "카카오", "의", "\x01", "_", "é", "at", "(", ")", ";", "met", "with", "had", "lunch", "a", "luncheon", "joined"}

func randomText(r *rand.Rand) string {
	var b strings.Builder
	for range r.IntN(14) {
		b.WriteString(pieces[r.IntN(len(pieces))])
	}
	return b.String()
}

// TestMatchesRegexp checks each token pattern against the regular
// expression it stands for on hand-picked and random masked texts.
func TestMatchesRegexp(t *testing.T) {
	for _, walk := range []bool{false, true} {
		name := "precomputed"
		if walk {
			name = "walked"
		}
		t.Run(name, func(t *testing.T) {
			if walk {
				defer func(n int) { maxClosure = n }(maxClosure)
				maxClosure = 0 // every closure walked at run time
			}
			testMatchesRegexp(t)
		})
	}
}

func testMatchesRegexp(t *testing.T) {
	env := testEnv()
	fixed := []string{"CEO Ronald McDonald", ceo + " Ronald McDonald", ceo + " Kim Min-JI said", "Samsung's " + ceo + " Lee Jae-yong",
		"the Hyundai " + daep + " met", "이후 OpenAI " + ceo + "는 손", daep + "김" + daep + "는", "김창한 " + daep + "는", ceo + "김창한 " + daep,
		"“We are ready,” Jensen Huang told reporters", "SK Group " + daep + " and " + ceo + " Chey Tae-won"}
	r := rand.New(rand.NewPCG(1, 2))
	for _, eq := range equivalents {
		t.Run(eq.name, func(t *testing.T) {
			re := regexp.MustCompile(expandTestRe(eq.re))
			p, err := Compile(eq.tok, env)
			if err != nil {
				t.Fatalf("Compile(%q): %v", eq.tok, err)
			}
			if d := cmp.Diff(re.SubexpNames(), p.Names); d != "" {
				t.Fatalf("group names (-regexp +tokens):\n%s", d)
			}
			texts := append([]string(nil), fixed...)
			for range 5000 {
				texts = append(texts, randomText(r))
			}
			bad := 0
			for _, text := range texts {
				var want, got [][]int
				if eq.wordStarts {
					want, got = regexWordStarts(re, text), p.FindAtWordStarts(text)
				} else {
					want, got = re.FindAllStringSubmatchIndex(text, -1), p.FindAll(text)
				}
				if d := cmp.Diff(want, got, cmpopts.EquateEmpty()); d != "" {
					t.Errorf("on %q (-regexp +tokens):\n%s", text, d)
					if bad++; bad > 5 {
						t.FailNow()
					}
				}
			}
		})
	}
}

func TestCompileErrors(t *testing.T) {
	tests := []struct {
		src  string
		want Error
	}{
		{`Cap (Lower`, Error{4, "missing )"}},
		{`Cap Lowr`, Error{4, `unknown token kind "Lowr" (want Space, Title, Cap, Lower, Digits, Hangul, Other, Word or Any)`}},
		{`Hangul[surname]`, Error{7, `unknown token predicate "surname"`}},
		{`Cap[len>x]`, Error{4, `bad constraint "len>x" (want len=N, len>=N or len<=N)`}},
		{`Cap @NOPE`, Error{4, "unknown macro @NOPE"}},
		{`Cap @LOOP`, Error{4, "in @LOOP: macro @LOOP refers to itself"}},
		{`Cap{2`, Error{3, "missing } in repetition"}},
		{`Cap{3,1}`, Error{3, "bad repetition {3,1}"}},
		{`Cap**`, Error{4, "repeated quantifier"}},
		{`Space?`, Error{0, "pattern can match no token at all; every match must hold at least one"}},
		{`a:Cap a:Lower`, Error{6, `capture "a" named twice`}},
		{`"abc`, Error{0, "unterminated string"}},
		{`Cap tail(Other)`, Error{0, "tail(...) must be the first token a match consumes"}},
		{`tail(Other Other)`, Error{0, "tail(...) must match exactly one token"}},
		{`^*`, Error{1, "an assertion cannot be repeated"}},
		{`Cap )`, Error{4, `unexpected ')'`}},
		{`head(Lower) Cap`, Error{0, "head(...) must be the last token a match consumes, with no assertion after it"}},
		{`Cap head(Lower) $`, Error{0, "head(...) must be the last token a match consumes, with no assertion after it"}},
		{`x: Cap`, Error{2, "capture x: needs an element right after the colon"}},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			_, err := Compile(tt.src, testEnv())
			e, ok := err.(*Error)
			if !ok {
				t.Fatalf("Compile(%q) = %v, want an *Error", tt.src, err)
			}
			if d := cmp.Diff(tt.want, *e); d != "" {
				t.Errorf("Compile(%q) error mismatch (-want +got):\n%s", tt.src, d)
			}
		})
	}
}

func TestProgramRunsRulesTogether(t *testing.T) {
	env := testEnv()
	var rules []Rule
	for _, eq := range equivalents {
		p, err := Compile(eq.tok, env)
		if err != nil {
			t.Fatal(err)
		}
		rules = append(rules, Rule{Pattern: p, EveryWordStart: eq.wordStarts})
	}
	prog := Link(rules)
	r := rand.New(rand.NewPCG(3, 4))
	for range 5000 {
		text := randomText(r)
		toks := Tokenize(nil, text)
		enabled := make([]bool, len(rules))
		for i := range enabled {
			enabled[i] = r.IntN(3) > 0
		}
		all := prog.Run(text, toks, enabled)
		for i, rl := range rules {
			var want [][]int
			if enabled[i] {
				if rl.EveryWordStart {
					want = rl.Pattern.FindAtWordStarts(text)
				} else {
					want = rl.Pattern.FindAll(text)
				}
			}
			if d := cmp.Diff(want, all[i], cmpopts.EquateEmpty()); d != "" {
				t.Fatalf("rule %s on %q: together (-alone +together):\n%s", equivalents[i].name, text, d)
			}
		}
	}
}

func FuzzTokPat(f *testing.F) {
	for _, eq := range equivalents {
		f.Add(eq.tok, "Samsung's "+ceo+" Lee Jae-yong said 김창한 "+daep+"는")
	}
	f.Add(`tail(Any) Any*`, "a b"+daep+"c")
	f.Add(`(Cap | Lower)+? Space* $`, "x Y  ")
	env := testEnv()
	f.Fuzz(func(t *testing.T, src, text string) {
		p, err := Compile(src, env)
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("Compile(%q): error %T, want *Error", src, err)
			}
			return
		}
		if !utf8.ValidString(text) || len(text) > 300 {
			return // long texts only slow the fuzzer: a pass is linear, but resuming after a match (as FindAll does) can make a rule quadratic
		}
		toks := Tokenize(nil, text)
		end := 0
		for _, tk := range toks {
			if tk.Start != end || tk.End <= tk.Start {
				t.Fatalf("tokens of %q do not tile it: %+v", text, toks)
			}
			end = tk.End
		}
		if end != len(text) {
			t.Fatalf("tokens of %q end at %d", text, end)
		}
		for _, starts := range []bool{false, true} {
			if starts && p.MaxSpaces() < 0 {
				continue // rules allows at every word start only patterns with a bound on their spaces
			}
			run := func() [][]int {
				return Link([]Rule{{Pattern: p, EveryWordStart: starts}}).Run(text, toks, nil)[0]
			}
			ms := run()
			if d := cmp.Diff(ms, run()); d != "" {
				t.Fatalf("two runs differ:\n%s", d)
			}
			for _, m := range ms {
				if len(m) != 2*len(p.Names) {
					t.Fatalf("match %v has %d offsets, want %d", m, len(m), 2*len(p.Names))
				}
				if m[0] < 0 || m[0] >= m[1] || m[1] > len(text) {
					t.Fatalf("match %v of %q out of bounds", m, text)
				}
				for k := 0; k < len(m); k += 2 {
					if m[k] < 0 && m[k+1] < 0 {
						continue
					}
					if m[k] < m[0] || m[k+1] > m[1] || m[k] > m[k+1] {
						t.Fatalf("group %d of match %v outside it", k/2, m)
					}
					for _, o := range m[k : k+2] {
						if o < len(text) && !utf8.RuneStart(text[o]) {
							t.Fatalf("offset %d of %v not on a rune boundary of %q", o, m, text)
						}
					}
				}
			}
		}
	})
}

func TestStemRest(t *testing.T) {
	p, err := Compile(`org:(Hangul Space stem(Hangul) | stem(Hangul[len>=2])) (rest("의") | rest("와의")) Space`, nil)
	if err != nil {
		t.Fatal(err)
	}
	for text, want := range map[string]string{"삼성의 ": "삼성", "메종 라비뉴와의 ": "메종 라비뉴와" /* the longest stem first */, "삼의 ": "", "삼성 ": ""} {
		got := ""
		if m := p.FindAll(text); len(m) > 0 {
			got = text[m[0][2]:m[0][3]]
		}
		if got != want {
			t.Errorf("%q: org %q, want %q", text, got, want)
		}
	}
	for _, bad := range []string{`stem(Hangul) Space`, `rest("의") Space`, `stem(Hangul) ^ rest("의")`} {
		if _, err := Compile(bad, nil); err == nil {
			t.Errorf("%s: no error", bad)
		}
	}
}
