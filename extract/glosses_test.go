package extract

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestDropGlosses(t *testing.T) {
	set := testSet(t)
	for _, tc := range []struct{ in, want string }{
		{"와타나베 마사타카(渡邊雅隆) 일본 아사히신문 사장(왼쪽)이", "와타나베 마사타카 일본 아사히신문 사장이"},
		{"사티아 나델라(Satya Nadella) 마이크로소프트 CEO", "사티아 나델라 마이크로소프트 CEO"},
		{"바라트게이트웨이터미널(BGT)과", "바라트게이트웨이터미널(BGT)과"},
		{"삼성전자(005930)는", "삼성전자(005930)는"},
		{"(渡邊雅隆) 앞에", "(渡邊雅隆) 앞에"},
	} {
		got, _, orig := dropGlosses(tc.in, tc.in, set)
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("dropGlosses(%q) (-want +got):\n%s", tc.in, diff)
		}
		if orig != nil {
			for i := range len(got) {
				if got[i] != tc.in[orig[i]] {
					t.Fatalf("%q: byte %d maps to %d, which differs", tc.in, i, orig[i])
				}
			}
		}
	}
}
