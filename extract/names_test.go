package extract

import (
	"strings"
	"testing"
	"time"

	"github.com/kg-news/kg/rules"
)

func testSet(t *testing.T) *rules.Set {
	t.Helper()
	set, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	return set
}

func TestRomanOf(t *testing.T) {
	set := testSet(t)
	tests := []struct {
		ko, en string
		want   bool
	}{
		{"정신아", "Chung Shin-a", true},
		{"최태원", "Chey Tae-won", true},
		{"조현상", "Cho Hyun-sang", true},
		{"허윤홍", "Huh Yoon-hong", true},
		{"최성환", "Choi Sung-hwan", true},
		{"남현우", "Nam Hyun-woo", true},
		{"문승아", "Moon Seung-ah", true},
		{"이재용", "Lee Jae-yong", true},
		{"이재용", "Lee Jae-myung", false}, // same surname, other person
		{"김창한", "Kim Chang-ho", false},
		{"정신아", "Jung Shin-a", true}, // surname variants
	}
	for _, tt := range tests {
		t.Run(tt.ko+"="+tt.en, func(t *testing.T) {
			if got := romanOf(tt.ko, tt.en, set); got != tt.want {
				t.Errorf("romanOf(%q, %q) = %v, want %v", tt.ko, tt.en, got, tt.want)
			}
		})
	}
}

func TestSkeletonJoins(t *testing.T) {
	set := testSet(t)
	persons := []struct {
		ko, en string
		want   bool
	}{
		{"마티아스 켈러", "Matthias Keller", true},
		{"라제시 메타", "Rajesh Mehta", true},
		{"제임스 오코너", "James O'Connor", true},
		{"모리 다케시", "Takeshi Mori", true}, // any order
		{"나이르", "Priya Nair", true},
		{"클라우스 베버", "Heike Schneider", false},
		{"정신아", "Chung Shin-a", false}, // Korean names go by romanization
	}
	for _, tt := range persons {
		t.Run(tt.ko, func(t *testing.T) {
			if got := personSkelJoin(tt.ko, tt.en); got != tt.want {
				t.Errorf("personSkelJoin(%q, %q) = %v, want %v", tt.ko, tt.en, got, tt.want)
			}
		})
	}
	orgs := []struct {
		ko, en string
		want   bool
	}{
		{"동방제철", "Dongbang Steel", true},
		{"서린바이오", "Seorin Bio", true},
		{"스타힐", "Starhill Entertainment", true},
		{"나르마다", "Narmada Steel", true},
		{"동방제철", "Dongbang Group", false}, // the suffix must correspond
		{"슈나이더", "Hyundai Motor", false},
	}
	for _, tt := range orgs {
		t.Run(tt.ko+"/"+tt.en, func(t *testing.T) {
			if got := orgSkelJoin(tt.ko, tt.en, set); got != tt.want {
				t.Errorf("orgSkelJoin(%q, %q) = %v, want %v", tt.ko, tt.en, got, tt.want)
			}
		})
	}
}

func TestJamoDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"알트민", "알트먼", 1},
		{"알트만", "알트먼", 1},
		{"알트먼", "알트먼", 0},
		{"알트먼", "알트", -1},
		{"김창한", "김창안", 1},
		{"김창한", "박창한", 3},
	}
	for _, tt := range tests {
		if got := jamoDistance(tt.a, tt.b); got != tt.want {
			t.Errorf("jamoDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestStripParticles(t *testing.T) {
	set := testSet(t)
	tests := []struct{ in, want string }{
		{"카카오와의", "카카오"},
		{"삼성전자는", "삼성전자"},
		{"SK그룹과", "SK그룹"},
		{"오픈AI가", "오픈AI"},
		{"오션스타라인의", "오션스타라인"}, // the copula 인 is never cut
		{"이재용", "이재용"},
		{"하나", "하나"}, // a stem keeps two syllables
	}
	for _, tt := range tests {
		if got := stripParticles(tt.in, set); got != tt.want {
			t.Errorf("stripParticles(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestResolveDate(t *testing.T) {
	set := testSet(t)
	pub := time.Date(2025, 2, 4, 0, 0, 0, 0, time.UTC) // a Tuesday
	ctx := time.Date(2025, 2, 3, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		s, lang, want string
	}{
		{"He met her on Tuesday.", "en", "2025-02-04"},
		{"They met yesterday.", "en", "2025-02-03"},
		{"They met on Jan. 30.", "en", "2025-01-30"},
		{"They met on Dec. 30.", "en", "2024-12-30"},
		{"The day before, they talked.", "en", "2025-02-02"},
		{"어제 만났다.", "ko", "2025-02-03"},
		{"지난 3일 만났다.", "ko", "2025-02-03"},
		{"화요일 만났다.", "ko", "2025-02-04"},
		{"2월 1일 만났다.", "ko", "2025-02-01"},
		{"두 사람은 지난해 2월 1일 처음 만났다.", "ko", "2024-02-01"},
		{"작년 1월 30일 만났다.", "ko", "2024-01-30"},
		{"No date here.", "en", ""},
	}
	for _, tt := range tests {
		t.Run(tt.s, func(t *testing.T) {
			got := ""
			if d := resolveDate(tt.s, tt.lang, pub, ctx, set); !d.IsZero() {
				got = d.Format("2006-01-02")
			}
			if got != tt.want {
				t.Errorf("resolveDate(%q) = %q, want %q", tt.s, got, tt.want)
			}
		})
	}
}

func TestClausesKO(t *testing.T) {
	text := "로라 브레넌 CEO는 박경호 회장을 만났고, 휘테커 CCO는 홍가은 대표와 면담했다."
	cs := clausesKO(text, Span{0, len(text)}, testSet(t))
	if len(cs) != 2 {
		t.Fatalf("clausesKO gave %d clauses, want 2: %v", len(cs), cs)
	}
	if got := text[cs[1].Start:cs[1].End]; got != "휘테커 CCO는 홍가은 대표와 면담했다." {
		t.Errorf("second clause = %q", got)
	}
}

func TestContainsFoldASCII(t *testing.T) {
	for _, s := range []string{"", "Monday", "MONDAY", "this Morning", "tonighT", "to night", "dа y", "daY", "evening", "EVENIN", "Kelvin K", "İstanbul", " x\x00"} {
		for _, w := range []string{"day", "morning", "tonight", "evening", "a", " x"} {
			if got, want := containsFoldASCII(s, w), strings.Contains(asciiLower(s), w); got != want {
				t.Errorf("containsFoldASCII(%q, %q) = %v, want %v", s, w, got, want)
			}
		}
	}
}
