package extract_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/kg-news/kg/extract"
	"github.com/kg-news/kg/rules"
)

// persons lists the names of the persons extracted from text, sorted.
func persons(t *testing.T, x *extract.Extractor, text string) []string {
	t.Helper()
	d, _ := extract.NewDocument("t", []byte(text))
	var out []string
	for _, e := range x.Run(d).Entities {
		if e.Type == rules.TypePerson {
			out = append(out, e.Name)
		}
	}
	slices.Sort(out)
	return out
}

// TestConjuncts: the untitled names of a list one of whose items the
// rules find to be a person are persons too; lists of other things are
// not read as names.
func TestConjuncts(t *testing.T) {
	x := extract.New(defaultSet(t))
	for _, tt := range []struct {
		name, text string
		want       []string
	}{
		{"a list before met, the last item found by its rule",
			"Mira Solberg, Tomas Ekdahl, R.J. Varga and Mark Hartmann met Prime Minister Ilse Brandt in Oslo on Monday.",
			[]string{"Ilse Brandt", "Mark Hartmann", "Mira Solberg", "R.J. Varga", "Tomas Ekdahl"}},
		{"a list after met, with a final full stop",
			"Prime Minister Ilse Brandt met Steve Solberg, Tomas Ekdahl and Lena Hartmann.",
			[]string{"Ilse Brandt", "Lena Hartmann", "Steve Solberg", "Tomas Ekdahl"}},
		{"two items: only a name that looks like one",
			"Orion Motors CEO Park Min-jae and Kim Soo-hyun met on Monday.",
			[]string{"Kim Soo-hyun", "Park Min-jae"}},
		{"two items: a capitalized pair that is not a name stays out",
			"Orion Motors CEO Park Min-jae and Tokyo Station were in the news.",
			[]string{"Park Min-jae"}},
		{"organizations in a list with a person stay organizations",
			"Orion Motors CEO Park Min-jae, Hanul Steel and Daon Motors signed the deal.",
			[]string{"Park Min-jae"}},
		{"an item too long to be a name ends the list",
			"Orion Motors CEO Park Min-jae, Some Very Long Capitalized Thing and Mark Solberg met on Monday.",
			[]string{"Mark Solberg", "Park Min-jae"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, persons(t, x, tt.text)); diff != "" {
				t.Errorf("persons (-want +got):\n%s", diff)
			}
		})
	}
}

// TestConjunctsLinear: a list of thousands of names, every one a seed,
// is read once: four times the list allocates about four times the
// memory (reading it from each seed would be quadratic).
func TestConjunctsLinear(t *testing.T) {
	x := extract.New(defaultSet(t))
	doc := func(n int) []byte {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, "Acme CEO Kim Min-%c%c, ", 'a'+rune(i%26), 'a'+rune(i/26%26))
		}
		b.WriteString("and Lena Hartmann met Prime Minister Ilse Brandt.")
		return []byte(b.String())
	}
	allocs := func(n int) float64 {
		raw := doc(n)
		return testing.AllocsPerRun(1, func() {
			d, _ := extract.NewDocument("t", raw)
			x.Run(d)
		})
	}
	small, big := allocs(300), allocs(1200)
	if r := big / small; r > 6 {
		t.Errorf("4x the list: %.1fx the allocations, want about 4x", r)
	}
}

// TestPluralOfThings: "the two companies" is no reference to the two
// persons spoken of last, so an organizations' signing with it makes no
// meeting of theirs.
func TestPluralOfThings(t *testing.T) {
	x := extract.New(defaultSet(t))
	for _, tt := range []struct {
		text string
		want int // meetings
	}{
		{"Kakao CEO Chung Shin-a met Krafton CEO Kim Chang-han on Monday. Naver CEO Choi Soo-yeon spoke at a forum. Hanul Steel signed an agreement with Daon Motors, the two companies said.", 1},
		{"Kakao CEO Chung Shin-a and Krafton CEO Kim Chang-han spoke on Monday. Later the two met in Seoul.", 1},
	} {
		d, _ := extract.NewDocument("t", []byte(tt.text))
		n := 0
		for _, r := range x.Run(d).Relations {
			if r.Kind == extract.RelMeeting {
				n++
			}
		}
		if n != tt.want {
			t.Errorf("%q: %d meetings, want %d", tt.text, n, tt.want)
		}
	}
}
