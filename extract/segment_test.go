package extract_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/kg-news/kg/extract"
)

// TestGluedSentences: pages flattened to text run paragraphs together with
// no space after the period; a new sentence still starts there, but not
// after an abbreviation, inside a number or an all-caps initialism.
func TestGluedSentences(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"They may partner.The two met in Seoul.", []string{"They may partner.", "The two met in Seoul."}},
		{"It was agreed.”The deal stands.", []string{"It was agreed.”", "The deal stands."}},
		{"Shares rose 3.5 percent on Monday.", []string{"Shares rose 3.5 percent on Monday."}},
		{"He left for the U.S.Then he spoke.", []string{"He left for the U.S.Then he spoke."}},
		{"He joined Acme Inc.Then he spoke.", []string{"He joined Acme Inc.Then he spoke."}},
		{"Visit heraldcorp.com for more.", []string{"Visit heraldcorp.com for more."}},
		{"양사는 협약을 맺었다.이 자리에는 대표가 참석했다.", []string{"양사는 협약을 맺었다.", "이 자리에는 대표가 참석했다."}},
	}
	for _, tc := range tests {
		d, _ := extract.NewDocument("s", []byte(tc.text))
		var got []string
		for _, s := range extract.Segment(d, defaultSet(t)) {
			got = append(got, d.Text[s.Span.Start:s.Span.End])
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("Segment(%q) (-want +got):\n%s", tc.text, diff)
		}
	}
}
