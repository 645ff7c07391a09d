package extract

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// mergeMeetingsByScan is mergeMeetings as it was: each report compared
// with every meeting so far.
func mergeMeetingsByScan(ms []Relation, lead int) []Relation {
	var out []Relation
	var summary []Relation
	for _, m := range ms {
		if m.Line < lead {
			summary = append(summary, m)
			continue
		}
		m.Args = uniqInts(m.Args)
		merged := false
		for k := range out {
			o := &out[k]
			same := sameSet(o.Args, m.Args) && (o.Date == m.Date || (!o.Dated || !m.Dated) && o.Place == m.Place)
			trans := o.Lang != m.Lang && abs(o.Line-m.Line) == 1 && overlap(o.Args, m.Args) >= 2
			if same || trans {
				if trans {
					for _, a := range m.Args {
						if !slices.Contains(o.Args, a) {
							o.Args = append(o.Args, a)
						}
					}
					if o.Lang != "en" && m.Lang == "en" {
						o.Date = m.Date
						o.Place, o.PlaceKO = m.Place, m.PlaceKO
					}
				}
				if same && !o.Dated && m.Dated {
					o.Date, o.Dated = m.Date, true
				}
				o.Also = append(o.Also, m.Evidence)
				o.AlsoSents = append(o.AlsoSents, m.Sent)
				o.AlsoRules = append(o.AlsoRules, m.Rule)
				merged = true
				break
			}
		}
		if !merged {
			out = append(out, m)
		}
	}
	for _, m := range summary {
		m.Args = uniqInts(m.Args)
		merged := false
		for k := range out {
			if overlap(out[k].Args, m.Args) == len(m.Args) {
				out[k].Also = append(out[k].Also, m.Evidence)
				out[k].AlsoSents = append(out[k].AlsoSents, m.Sent)
				out[k].AlsoRules = append(out[k].AlsoRules, m.Rule)
				merged = true
				break
			}
		}
		if !merged {
			out = append(out, m)
		}
	}
	return out
}

// TestMergeMeetingsAsScan: the indexed mergeMeetings merges random
// reports (few people, dates, places and lines, so that they repeat,
// translate and change) as comparing with every meeting did.
func TestMergeMeetingsAsScan(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for round := range 2000 {
		var ms []Relation
		for i := range r.IntN(25) {
			args := make([]int, 1+r.IntN(4))
			for j := range args {
				args[j] = r.IntN(5)
			}
			ms = append(ms, Relation{Kind: RelMeeting, Args: args,
				Date: fmt.Sprintf("2025-01-0%d", 1+r.IntN(2)), Dated: r.IntN(2) == 0,
				Place: []string{"", "Seoul", "Busan"}[r.IntN(3)], PlaceKO: fmt.Sprint(i),
				Sent: i, Evidence: Span{i, i + 1}, Rule: fmt.Sprint("r", i),
				Line: r.IntN(6), Lang: []string{"en", "ko"}[r.IntN(2)]})
		}
		clone := func() []Relation {
			c := make([]Relation, len(ms))
			for i, m := range ms {
				c[i] = m
				c[i].Args = slices.Clone(m.Args)
			}
			return c
		}
		lead := r.IntN(3)
		want, got := mergeMeetingsByScan(clone(), lead), mergeMeetings(clone(), lead)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("round %d (lead %d) %+v:\n%s", round, lead, ms, diff)
		}
	}
}
