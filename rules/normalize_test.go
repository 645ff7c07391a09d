package rules

import "testing"

func TestNormalizeFastPath(t *testing.T) {
	for _, s := range []string{"", "Kim Min-su", "김민수", "삼성전자 Samsung", "Ａ", "ｶﾞ", "가\u11a8", "\u1100\u1161", "a\x00b", "tab\tx",
		"e\u0301", "Zoë", "“quoted”", "\uac00\u11a8", "\ud7a3", "\uac00", "x\x7f"} {
		if got, want := Normalize(s), slowNormalize(s); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzNormalize(f *testing.F) {
	f.Add("Kim 김")
	f.Add("ｶﾞ가\u11a8")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Normalize(s), slowNormalize(s); got != want {
			t.Fatalf("Normalize(%q) = %q, want %q", s, got, want)
		}
	})
}
