package extract

import "strings"

// Helpers for the lexicon's word lists (rules.Set.Lex).

// hasAnyPrefix reports whether s starts with one of words.
func hasAnyPrefix(s string, words []string) bool {
	for _, w := range words {
		if strings.HasPrefix(s, w) {
			return true
		}
	}
	return false
}

// hasAnySuffix reports whether s ends in one of words.
func hasAnySuffix(s string, words []string) bool {
	for _, w := range words {
		if strings.HasSuffix(s, w) {
			return true
		}
	}
	return false
}

// trimPossessive drops the possessive endings (lexicon: possessives_en)
// from w, each once, in their order.
func trimPossessive(w string, possessives []string) string {
	for _, p := range possessives {
		w = strings.TrimSuffix(w, p)
	}
	return w
}
