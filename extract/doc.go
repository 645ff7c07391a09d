// Package extract turns a news document into entities and relations with
// the rules of a *rules.Set. It is the second stage of the pipeline
// (rules → extract → graph → sinks → cmd/kg).
//
// The stages are plain functions over values: NewDocument normalizes the
// text once (NFC, width folding, line ends, control characters) and every
// later offset points into that normalized text; Segment splits lines into
// sentences and marks page furniture; the mention stage finds aliases,
// titles and triggers with one automaton pass and discovers unlisted names
// with pattern rules; resolution joins mentions of one entity across
// spellings and scripts; relate finds roles, meetings and partnerships.
// Every mention and relation carries a Span and the id of its rule.
package extract
