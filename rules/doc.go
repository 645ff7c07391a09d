// Package rules loads and compiles kg's extraction rules: entity lists
// (gazetteers) with aliases in English and Korean, title words, trigger
// words for meetings and partnerships, lexicons (Korean particles and
// surnames, organization suffixes, stop lists) and pattern rules that carry
// their own examples: regular expressions, or token patterns (package
// rules/tokpat) that Compile joins into one automaton (Set.TokProg).
//
// It is the first stage of the pipeline (rules → extract → graph → sinks →
// cmd/kg). Loading has two phases: Parse decodes each YAML file strictly,
// collecting every problem with its file, line and column in an ErrorList;
// Compile turns the decoded files into an immutable *Set that is safe for
// concurrent use. The default rules are embedded in the binary (Default).
package rules
