package ac

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/kg-news/kg/internal/corpus"
)

// TestGazetteer: the aliases of a generated gazetteer over generated news,
// in every layout, against the map-based reference.
func TestGazetteer(t *testing.T) {
	text := corpus.Text(5, 300_000)
	for _, n := range []int{100, 5000} {
		pats := corpus.Aliases(n, 5)
		pats = append(pats, "the", "met", "만났다", "CEO", "대표", "e", "ee")
		want := reference(pats, text)
		if len(want) == 0 {
			t.Fatal("no matches to compare")
		}
		for _, l := range layouts {
			got := l.build(pats).FindAll(nil, text)
			if d := cmp.Diff(want, got); d != "" {
				t.Fatalf("%d aliases, %s: mismatch (-want +got):\n%.3000s", n, l.name, d)
			}
		}
	}
}
