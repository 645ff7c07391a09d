package graphquery

import "testing"

// TestCypherString: property values as Cypher's toString gives them (the
// floats as Neo4j 5.26 on Java 17 printed them).
func TestCypherString(t *testing.T) {
	tests := []struct {
		in   any
		want string
	}{
		{"2025-02-04", "2025-02-04"},
		{int64(12), "12"},
		{true, "true"},
		{nil, ""},
		{[]string{"a"}, ""},
		{1.0, "1.0"},
		{0.001, "0.001"},
		{0.0001, "1.0E-4"},
		{1.0e7, "1.0E7"},
		{9999999.0, "9999999.0"},
		{1.5e-4, "1.5E-4"},
		{123456.789, "123456.789"},
		{-2.5, "-2.5"},
		{1.0e21, "1.0E21"},
		{0.1, "0.1"},
		{100.0, "100.0"},
		{1.7976931348623157e308, "1.7976931348623157E308"},
		// not 4.9e-324, which Java before 19 prints as 4.9E-324 (not the
		// shortest form, 5.0E-324, that Go and later Javas give)
	}
	for _, tt := range tests {
		if got := cypherString(tt.in); got != tt.want {
			t.Errorf("cypherString(%#v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
