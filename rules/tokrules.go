package rules

import (
	"errors"
	"strings"
	"unicode/utf8"

	"github.com/kg-news/kg/rules/tokpat"
	"gopkg.in/yaml.v3"
)

// Token pattern rules: a pattern rule may give `tokens:` (a pattern over
// the tokens of a sentence whose titles are masked; the language is
// described in package tokpat) instead of `regex:`. The rule set compiles
// every token rule into one automaton (Set.TokProg) that the extractor
// runs once per sentence.

// tokenEnv is what token patterns may use besides the token kinds: the
// macros that stand for the regex macros of the same names and the
// predicates they rest on.
func (s *Set) tokenEnv() *tokpat.Env {
	sur1, sur2 := map[string]bool{}, map[string]bool{}
	for k := range s.Surnames {
		if utf8.RuneCountInString(k) == 1 {
			sur1[k] = true
		} else {
			sur2[k] = true
		}
	}
	notFinal := map[rune]bool{} // {HW}: a foreign name's word does not end in these
	for _, w := range s.Lex.ForeignNameNotFinalKO {
		if r, n := utf8.DecodeRuneInString(w); n == len(w) {
			notFinal[r] = true
		}
	}
	return &tokpat.Env{
		Macros: map[string]string{
			// {NAME_EN}: two or three capitalized words, and a middle
			// initial (David L. Calhoun), camel case
			// (McDonald) and hyphenated parts (Shin-a, Jae-Yong,
			// Chan-o-cha) allowed.
			// camel case first: "McNerney" is one word, not "Mc" and the
			// rest; an Arabic name's chain (Mohammed bin Rashid Al Maktoum)
			// or family name (Khaldoon Khalifa Al Mubarak)
			"NAME_EN_WORD": `(Cap Cap[len>=2] | Cap[len>=2]) ("-" (Cap | Lower)){0,2}`,
			"NAME_EN":      `@NAME_EN_WORD ((Space ("bin" | "bint" | "ibn") Space @NAME_EN_WORD)+ (Space "Al" Space @NAME_EN_WORD)? | (Space @NAME_EN_WORD){0,2} Space ("Al" | "El") Space @NAME_EN_WORD | (Space Cap[len=1] ".")? (Space @NAME_EN_WORD){1,2})`,
			// a name written with bare initials, as Indian and Mongolian
			// names are ("N Chandrasekaran", "HD Kumaraswamy"): only after
			// a title, where nothing else can be meant (@NAME_EN_INIT)
			"NAME_EN_INIT": `Cap[len=1, initial_en]{1,3} "."? Space @NAME_EN_WORD (Space @NAME_EN_WORD)?`,
			// {ORG_EN}: a word that begins with a capital or a digit, then
			// up to seven more (or "of", "hynix"), as few as will do.
			"ORG_EN_REST": `(Cap | Lower | Digits | "&" | "." | "-")*`,
			"ORG_EN":      `(Cap | Digits) @ORG_EN_REST (Space (("&" | Cap | Digits) @ORG_EN_REST | "of" | "hynix")){0,7}?`,
			// {NAME_KO}, {SURNAME_KO}: a Hangul word that is a name (a
			// surname of the lexicon and one or two syllables), a surname.
			"NAME_KO":    `Hangul[name_ko]`,
			"SURNAME_KO": `Hangul[surname_ko]`,
			// {B}: the start, or one character that is no letter or digit
			// (a title's last byte included) just before.
			"B": `(^ | tail(Space | Other | Title))`,
			// [A-Za-z0-9가-힣&]: one token of a Korean word; {2,} of them
			// up to a title or a space: a word of two letters or more.
			"KO_W":    `(Word | Hangul | "&")`,
			"KO_RUN2": `(Word[len>=2] | Hangul[len>=2] | @KO_W @KO_W) @KO_W*?`,
			// [A-Za-z0-9가-힣&]{2,} that may end inside its last token, a
			// Hangul token whose rest (rest(...)) comes next: "삼성" of
			// "삼성의".
			"KO_STEM2": `(@KO_W+? (stem(Hangul) | @KO_W) | stem(Hangul[len>=2]) | Word[len>=2] | Hangul[len>=2])`,
			// {HW}: a Hangul word of two to five syllables whose last is
			// not in foreign_name_not_final_ko (a foreign name's word).
			"HW": `Hangul[len>=2, len<=5, hw_final]`,
		},
		Preds: map[string]func(string) bool{
			"surname_ko": func(w string) bool { return sur1[w] || sur2[w] },
			"name_ko": func(w string) bool {
				if len(w) > 4*maxSurnameBytes { // a name is a surname and two syllables at most
					return false
				}
				n := utf8.RuneCountInString(w)
				for i := range w {
					if i == 0 {
						continue
					}
					rest := n - utf8.RuneCountInString(w[:i])
					if sur2[w[:i]] && (rest == 1 || rest == 2) || sur1[w[:i]] && rest == 2 {
						return true
					}
				}
				return false
			},
			// initial_en: one capital letter that is no word of its own
			// (lexicon: not_names_en holds "A" and "I")
			"initial_en": func(w string) bool {
				return len(w) == 1 && w[0] >= 'A' && w[0] <= 'Z' && !s.NotNamesEN[strings.ToLower(w)]
			},
			"hw_final": func(w string) bool {
				r, _ := utf8.DecodeLastRuneInString(w)
				return !notFinal[r]
			},
			// particle: the word is one or more particles (at most six
			// syllables, so a long word costs nothing).
			"particle": s.ParticleSeq,
		},
	}
}

// maxSurnameBytes bounds a surname's length in name_ko.
const maxSurnameBytes = 4 * 3

// compileTokens compiles pattern rule r (index i of f), whose source is
// r.Tokens, into p. It reports located errors and returns false on any.
func (s *Set) compileTokens(env *tokpat.Env, f *File, i int, r RawPattern, groups []string, p *Pattern, errs *ErrorList) bool {
	tp, err := tokpat.Compile(r.Tokens, env)
	if err != nil {
		var te *tokpat.Error
		if errors.As(err, &te) {
			errs.Add(f.tokenPos(i, r.Tokens, te.Offset), r.ID, "invalid token pattern: %s", te.Msg)
		} else {
			errs.Add(f.pos("patterns", i, "tokens", -1), r.ID, "invalid token pattern: %v", err)
		}
		return false
	}
	ok := true
	for _, g := range groups {
		if tp.SubexpIndex(g) < 0 {
			errs.Add(f.pos("patterns", i, "tokens", -1), r.ID, "pattern of kind %s needs a capture %s:...", r.Kind, g)
			ok = false
		}
	}
	p.Source, p.Tok, p.MaxSpaces, p.BeginAssert = r.Tokens, tp, -1, false
	p.EveryWordStart = everyWordStart(p.Lang, p.Kind)
	if p.EveryWordStart && tp.MaxSpaces() < 0 {
		// It runs anchored at every word start: with no bound on the
		// words a match spans, that is quadratic in a sentence's words.
		errs.Add(f.pos("patterns", i, "tokens", -1), r.ID, "a %s %s rule runs at every word start, so a match must span a bounded number of spaces (no Space or Any under * + or {n,})", r.Lang, r.Kind)
		ok = false
	}
	if tp.Requires(tokpat.Title) {
		p.NeedsKw = "title"
	}
	p.KeywordsImplied = keywordsImplied(tp, p.Keywords)
	return ok
}

// keywordsImplied reports whether every match of tp holds one of the
// (lower-case) keywords: the keyword prefilter then never skips a
// sentence the rule would match in.
func keywordsImplied(tp *tokpat.Pattern, keywords []string) bool {
	strs, ok := tp.RequiredStrings()
	if !ok || len(keywords) == 0 {
		return false
	}
	for _, s := range strs {
		if !HasKeyword(keywords, strings.ToLower(s)) {
			return false
		}
	}
	return true
}

// everyWordStart reports whether rules of this language and kind run at
// every word start (Korean role and person rules: a wrong early match
// must not hide a right one; see extract's findAll).
func everyWordStart(lang string, kind PatternKind) bool {
	return lang == "ko" && (kind == PatRole || kind == PatRoleForeign || kind == PatPersonTitle)
}

// linkTokens joins the token patterns of the set into one automaton.
func (s *Set) linkTokens() {
	var rs []tokpat.Rule
	for i := range s.Patterns {
		p := &s.Patterns[i]
		if p.Tok == nil {
			continue
		}
		p.TokRule = len(rs)
		rs = append(rs, tokpat.Rule{Pattern: p.Tok, EveryWordStart: p.EveryWordStart})
	}
	if len(rs) > 0 {
		s.TokProg = tokpat.Link(rs)
	}
}

// tokenPos locates byte off of the token pattern of pattern i: on its
// line, for a one-line value; by lines, for a block scalar.
func (f *File) tokenPos(i int, src string, off int) Pos {
	p := f.pos("patterns", i, "tokens", -1)
	k, n := f.keyValue("patterns", i, "tokens")
	if n == nil || p.Line == 0 {
		return p
	}
	off = min(max(off, 0), len(src))
	switch n.Style {
	case yaml.LiteralStyle, yaml.FoldedStyle:
		// The lines of a block scalar are taken to be indented two
		// columns more than its key (yaml.v3 does not say).
		before := src[:off]
		p.Line += 1 + strings.Count(before, "\n")
		p.Col = k.Column + 2 + utf8.RuneCountInString(before[strings.LastIndexByte(before, '\n')+1:])
	case yaml.SingleQuotedStyle, yaml.DoubleQuotedStyle:
		p.Col += 1 + utf8.RuneCountInString(src[:off])
	default:
		p.Col += utf8.RuneCountInString(src[:off])
	}
	return p
}

// keyValue returns the key and value nodes of section[i].key.
func (f *File) keyValue(section string, i int, key string) (k, v *yaml.Node) {
	n := f.root
	if n == nil {
		return nil, nil
	}
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	n = mapValue(n, section)
	if n == nil || n.Kind != yaml.SequenceNode || i >= len(n.Content) || n.Content[i].Kind != yaml.MappingNode {
		return nil, nil
	}
	m := n.Content[i]
	for j := 0; j+1 < len(m.Content); j += 2 {
		if m.Content[j].Value == key {
			return m.Content[j], m.Content[j+1]
		}
	}
	return nil, nil
}

// SubexpNames returns the names of p's groups, "" for the whole match
// first, as regexp.Regexp.SubexpNames.
func (p *Pattern) SubexpNames() []string {
	if p.Tok != nil {
		return p.Tok.Names
	}
	return p.Re.SubexpNames()
}

// SubexpIndex returns the index of p's group name, or -1.
func (p *Pattern) SubexpIndex(name string) int {
	if p.Tok != nil {
		return p.Tok.SubexpIndex(name)
	}
	return p.Re.SubexpIndex(name)
}

// FindAll returns p's leftmost-first, non-overlapping matches in masked
// (a text with its titles masked), as regexp's FindAllStringSubmatchIndex.
func (p *Pattern) FindAll(masked string) [][]int {
	if p.Tok != nil {
		return p.Tok.FindAll(masked)
	}
	return p.Re.FindAllStringSubmatchIndex(masked, -1)
}

// FindAtWordStarts returns p's match anchored at each word start of
// masked (the start and after each U+0020), in order.
func (p *Pattern) FindAtWordStarts(masked string) [][]int {
	if p.Tok != nil {
		return p.Tok.FindAtWordStarts(masked)
	}
	var out [][]int
	for i := 0; i < len(masked); i++ {
		if i > 0 && masked[i-1] != ' ' {
			continue
		}
		if loc := p.Anchored.FindStringSubmatchIndex(masked[i:]); loc != nil {
			for k := range loc {
				if loc[k] >= 0 {
					loc[k] += i
				}
			}
			out = append(out, loc)
		}
	}
	return out
}

func lowerKeywords(ks []string) []string {
	var out []string
	for _, k := range ks {
		if k = strings.ToLower(Normalize(k)); k != "" {
			out = append(out, k)
		}
	}
	return out
}
