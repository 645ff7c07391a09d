package extract

import (
	"testing"
	"time"

	"github.com/kg-news/kg/rules"
)

// withLexicon compiles the default rules and one more lexicon file.
func withLexicon(t *testing.T, src string) *rules.Set {
	t.Helper()
	set, err := rules.DefaultWith("extra.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return set
}

// TestLexiconDrivesExtractor: words added to the lexicon in YAML change
// what the extractor reads, with no change in Go.
func TestLexiconDrivesExtractor(t *testing.T) {
	def := testSet(t)
	set := withLexicon(t, `lexicon:
  relative_dates_en: [{days: -2, words: [the day before yesterday]}]
  relative_dates_ko: [{days: -3, words: [사흘 전]}]
  venues: [lab]
  separate_meetings: [one after another]
  outlet_suffixes_en: [Insider]
  legal_endings_en: [Bhd]
`)
	pub := time.Date(2025, 2, 4, 0, 0, 0, 0, time.UTC)
	date := func(set *rules.Set, s, lang string) string {
		if d := resolveDate(s, lang, pub, time.Time{}, set); !d.IsZero() {
			return d.Format("2006-01-02")
		}
		return ""
	}
	tests := []struct {
		name      string
		got, want any
	}{
		{"relative date, default", date(def, "They met the day before yesterday.", "en"), "2025-02-03"}, // "the day before"
		{"relative date, added", date(set, "They met the day before yesterday.", "en"), "2025-02-02"},
		{"Korean relative date, default", date(def, "두 사람은 사흘 전 만났다.", "ko"), ""},
		{"Korean relative date, added", date(set, "두 사람은 사흘 전 만났다.", "ko"), "2025-02-01"},
		{"venue, default", venue("’s lab in Austin", def), false},
		{"venue, added", venue("’s lab in Austin", set), true},
		{"separately, added", separately("He met A and B one after another.", set), true},
		{"outlet, added", newsName(Entity{Name: "Business Insider"}, set), true},
		{"legal stem, added", legalStem("Koala Mining Bhd", set), "Koala Mining"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %v, want %v", tt.name, tt.got, tt.want)
		}
	}
}
