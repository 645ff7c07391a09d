// Package resolve is corpus resolution: it decides which nodes of the
// documents' graphs are one real person, organization or meeting, and
// gives each the id, names and evidence it has in the corpus graph.
//
// Resolution is a pure function of the set of documents' graphs (merged
// first, so the order they come in does not matter): kg build applies it
// to everything it read, and the Neo4j sink applies it again to every
// document stored in the database whenever one is added, so a corpus
// loaded one document at a time, in any order or by several processes,
// ends as the same graph as one build.
//
// How identity is decided, strongest evidence first:
//
//   - The same name: Latin names fold case, hyphens, spaces and
//     given-name order (HONG GIL-DONG, Hong Gil Dong and Gildong Hong are
//     one key); organization names also drop their legal form (Acme Co.,
//     ACME Corporation). Hangul names compare without spaces.
//   - A pairing: a node that carries both a Hangul and a Latin name (a
//     bilingual article, a rule file entry) joins everything named either
//     way; an organization's short form that one article pairs with its
//     full name joins the full name when no other organization claims it.
//   - Corpus support across scripts: a Hangul-only person and a
//     Latin-only one are joined when the romanization fits (surname
//     variants, syllable spellings, either order; a foreign name by sound)
//     and both hold a role at the same organization; two Latin spellings of
//     one Korean name likewise. A Korean organization name and an English
//     one are joined when their stems sound alike and their sector words
//     correspond (하늘화학, Haneul Chemical), and no other candidate fits.
//   - Meetings: one date, two or more participants in common, no
//     conflicting place, and not two meetings of one document. Undated
//     meetings are never joined across documents.
//
// Guards, which refuse a join whatever the evidence: a cluster never holds
// two different Hangul names (이재용 and 이재명 stay two); persons whose
// Latin names do not sound alike are not joined; organizations whose
// sector words differ (Samsung Group, Samsung Electronics) are not
// joined; a one-word person name (Kim, 김) is its document's only; and
// a user's merges.yaml can force or forbid any join.
//
// Every join is recorded on the node it made, in the "identity" property,
// with its reason and documents: kg why-same reads it back.
package resolve
