package slug

import "testing"

func TestMake(t *testing.T) {
	tests := []struct{ in, want string }{
		{"GS E&C", "gs-e-and-c"},
		{"Étienne Morvan", "etienne-morvan"},
		{"Etienne Morvan", "etienne-morvan"},
		{"José Muñoz", "jose-munoz"},
		{"Søren Ørsted-Müller", "soren-orsted-muller"},
		{"Straße", "strasse"},
		{"삼성전자", "삼성전자"},
		{"이재용 (Lee Jae-yong)", "이재용-lee-jae-yong"},
	}
	for _, tt := range tests {
		if got := Make(tt.in); got != tt.want {
			t.Errorf("Make(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
