package rules

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestLexiconErrors(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string // substrings, each must appear in the error
	}{
		{"unknown key", "lexicon:\n  venue: [plant]\n", []string{"r/a.yaml:2:3: unknown key \"venue\""}},
		{"eleven months", "lexicon:\n  months_en: [[Jan], [Feb], [Mar], [Apr], [May], [Jun], [Jul], [Aug], [Sep], [Oct], [Nov]]\n",
			[]string{"r/a.yaml:2:14: months_en: want 12 months, January first, not 11"}},
		{"six weekdays", "lexicon:\n  weekdays_ko: [월요일, 화요일, 수요일, 목요일, 금요일, 토요일]\n",
			[]string{"r/a.yaml:2:16: weekdays_ko: want 7 weekdays, Sunday first, not 6"}},
		{"unknown from", "lexicon:\n  relative_dates_en:\n    - {days: -1, words: [yesterday]}\n    - {days: 1, from: tomorrow, words: [the next day]}\n",
			[]string{"r/a.yaml:4:7: relative_dates_en: unknown from \"tomorrow\""}},
		{"fused title sharing nothing", "lexicon:\n  fused_titles_ko: [{org: 협회, title: 대표}]\n",
			[]string{"r/a.yaml:2:21: fused_titles_ko: org \"협회\" must end in the syllables title \"대표\" starts with"}},
		{"dotted form without a period", "lexicon:\n  dotted_legal_forms_en: [Inc., Corp]\n",
			[]string{"r/a.yaml:2:33: dotted_legal_forms_en: \"Corp\" does not end in a period"}},
		{"date units missing one", "lexicon:\n  date_units_ko: {year: 년, month: 월}\n",
			[]string{"r/a.yaml:2:18: date_units_ko: needs year, month and day"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{
				"r/a.yaml":      {Data: []byte(tt.src)},
				"r/titles.yaml": {Data: []byte("titles:\n  - {id: t1, title: CEO, en: [CEO]}\n")},
			}
			_, err := LoadFS(fsys, "r")
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error lacks %q:\n%v", w, err)
				}
			}
		})
	}
}

// TestLexiconLists checks a few lists of the default rules as the
// extractor reads them.
func TestLexiconLists(t *testing.T) {
	set, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	x := set.Lex
	if d := cmp.Diff([]FusedTitle{{OrgHead: "협", Shared: "회", Title: "회장"}}, x.FusedTitlesKO); d != "" {
		t.Errorf("FusedTitlesKO mismatch (-want +got):\n%s", d)
	}
	if x.MonthOf["sept"] != time.September || x.WeekdayOfEN["tuesday"] != time.Tuesday || x.WeekdayOfKO["화요일"] != time.Tuesday {
		t.Errorf("months or weekdays: sept %v, tuesday %v, 화요일 %v", x.MonthOf["sept"], x.WeekdayOfEN["tuesday"], x.WeekdayOfKO["화요일"])
	}
	// the cues: a month word containing another (January, Jan) is not one
	if d := cmp.Diff([]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}, x.MonthCuesEN); d != "" {
		t.Errorf("MonthCuesEN mismatch (-want +got):\n%s", d)
	}
	for _, q := range []struct {
		s    string
		want bool
	}{{"20일", true}, {"3 사", true}, {"1,000억", true}, {"5%", true}, {"30달러", true}, {"3사장", false}, {"SK", false}} {
		if got := x.Quantity.MatchString(q.s); got != q.want {
			t.Errorf("Quantity.MatchString(%q) = %v, want %v", q.s, got, q.want)
		}
	}
	macros := set.macros()
	if want := `(?:(?:총괄|수석|공동|신임|전략|사업|글로벌|아시아태평양|아시아-태평양|아태|북미|유럽|미주|한국|해외|지역|동북아|동북아지역|동남아|상근)\s?){0,3}`; macros["TITLE_MOD_KO"] != want {
		t.Errorf("TITLE_MOD_KO = %s, want %s", macros["TITLE_MOD_KO"], want)
	}
	if want := `[A-Z0-9][A-Za-z0-9&.\-]*(?:\s(?:[A-Z0-9&][A-Za-z0-9&.\-]*|of|hynix)){0,7}?`; macros["ORG_EN"] != want {
		t.Errorf("ORG_EN = %s, want %s", macros["ORG_EN"], want)
	}
}

func TestRelativeDateResolve(t *testing.T) {
	pub := time.Date(2025, 2, 4, 0, 0, 0, 0, time.UTC)
	ctx := time.Date(2025, 1, 30, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		r    RelativeDate
		ctx  time.Time
		want string // "" for none
	}{
		{"yesterday", RelativeDate{Days: -1}, ctx, "2025-02-03"},
		{"the previous day", RelativeDate{Days: -1, FromStory: true}, ctx, "2025-01-29"},
		{"the previous day, no story date", RelativeDate{Days: -1, FromStory: true}, time.Time{}, "2025-02-03"},
		{"the next day", RelativeDate{Days: 1, FromStory: true}, ctx, "2025-01-31"},
		{"the next day, no story date", RelativeDate{Days: 1, FromStory: true}, time.Time{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ""
			if d, ok := tt.r.Resolve(pub, tt.ctx); ok {
				got = d.Format("2006-01-02")
			}
			if got != tt.want {
				t.Errorf("%+v.Resolve = %q, want %q", tt.r, got, tt.want)
			}
		})
	}
}
