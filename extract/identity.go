package extract

import (
	"strings"

	"github.com/kg-news/kg/rules"
)

// The name tests the extractor uses to join two scripts inside one
// document, for corpus resolution to use across documents.

// RomanizationFits reports whether the Latin name en can be read as the
// Korean name ko: a romanization of its surname (Lee, Yi, Rhee for 이) and
// its given syllables (hyphens, spaces and case aside), in either order.
func RomanizationFits(ko, en string, set *rules.Set) bool {
	ko = strings.ReplaceAll(ko, " ", "")
	if romanOf(ko, en, set) {
		return true
	}
	// surname first or last, hyphenated or not (Jo Eunseo, Eunseo Jo)
	for _, sp := range koreanSplits(en, set) {
		for _, ks := range surnamePrefixes(ko) {
			for _, v := range set.Surnames[ks] {
				if strings.EqualFold(v, sp[0]) && romanMatches(ko[len(ks):], foldLatin(sp[1])) {
					return true
				}
			}
		}
	}
	return false
}

// KoreanSplits returns the ways a Latin name splits into a Korean
// surname the rules know and a given name: surname first, or last.
func KoreanSplits(name string, set *rules.Set) [][2]string { return koreanSplits(name, set) }

// ForeignNameFits reports whether a foreign name written in Hangul (팀 쿡,
// 모리 다케시) sounds like the Latin name en, word by word in any order.
func ForeignNameFits(ko, en string) bool { return personSkelJoin(ko, en) }

// OrgNameFits reports whether the Korean organization name ko fits the
// English name en: stems that sound alike and corresponding suffixes
// (하늘화학, Haneul Chemical), or a Korean short form of the English name.
func OrgNameFits(ko, en string, set *rules.Set) bool { return orgSkelJoin(ko, en, set) }

// Skeleton is the consonant skeleton of a Latin or Hangul word: names in
// two romanizations (Chung, Jung; Yoon, Yun) have the same skeleton.
func Skeleton(s string) string { return skeleton(s) }

// SurnameEN splits a Latin Korean-style name into surname and given name,
// in either order ("Hong Gil-dong", "Gil-dong Hong"); "" when it has one
// word.
func SurnameEN(name string, set *rules.Set) (sur, given string) { return surnameEN(name, set) }

// SplitOrgKO splits a Korean organization name into its stem and its
// sector suffix (늘봄소재: 늘봄, 소재), and returns the suffix's English
// words; the suffix is "" when the rules know none.
func SplitOrgKO(name string, set *rules.Set) (stem, suffix string, en []string) {
	stem, suffix = splitSuffixKO(name, set)
	return stem, suffix, set.SuffixEN[suffix]
}

// SoundsLike compares a Hangul word with a Latin one by their consonant
// skeletons, as the extractor does (Keller and 켈러, Dongbang and 동방).
func SoundsLike(ko, en string) bool { return skelMatchWord(ko, en) }

// JamoDistance counts the jamo in which two Hangul names of equal length
// differ (스/즈 is one); -1 when they cannot be compared.
func JamoDistance(a, b string) int { return jamoDistance(a, b) }

// NameReadsAs reports whether the Latin name latin reads as the Hangul
// name ko syllable by syllable (카카오, Kakao), in one of the usual
// romanizations.
func NameReadsAs(ko, latin string) bool {
	return romanMatches(strings.ReplaceAll(ko, " ", ""), foldLatin(latin))
}
