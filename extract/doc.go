// Package extract turns a news document into entities and relations with
// the rules of a *rules.Set. It is the second stage of the pipeline
// (rules → extract → graph → sinks → cmd/kg). Every mention and relation
// carries a Span into the normalized text and the id of the rule that
// found it.
//
// # Stages
//
// (*Extractor).Run in run.go calls the stages in this order. The struct
// state (run.go) carries one document from segmentation to the result;
// relState (relate.go) carries it through the relation stages. Each
// stage, its file, what it reads and what it makes:
//
//  1. Normalize, document.go. NewDocument: raw bytes → Document (NFC,
//     width folding, line ends, control characters). Every later offset
//     points into Document.Text.
//  2. Segment, segment.go. Segment: Document → []Sentence, each with its
//     line, language (lang) and kind: body, headline, byline, or page
//     furniture (KindSkip, which the mention stages mostly pass over;
//     state.skipped).
//  3. Keyword scan, scan.go. scanKeywords: text → []kwHit, one automaton
//     pass over the whole text for gazetteer aliases, titles, triggers and
//     lexicon words (pronouns, plurals), each kept when its edges fit its
//     script (caseOK, beforeOK, afterOK).
//  4. Pattern facts, patterns.go and suffixorgs.go. runPatterns:
//     sentences → []fact, the pattern rules run sentence by sentence
//     (regular expressions through findAll, token rules through
//     tokens.go). suffixOrgs: sentences → []fact, organizations found by
//     their suffix (Group, Inc., 전자, 그룹).
//  5. Mentions, mentions.go and names.go. gazetteer: entity hits → cand
//     (a candidate mention) and registry entities. discover: facts → cand,
//     roleFact (a person holds a title at an organization), refFact (a
//     person named by title: "the OpenAI CEO", "정 대표") and bylineFact.
//     names.go checks and creates what a fact names: person, org,
//     cleanPersonEN, cleanPersonKO, cleanOrg.
//     conjuncts.go: conjuncts → cand, the other names of a coordinated
//     English list one of whose items is a person ("A, B and C met").
//  6. Resolution within the document, registry.go. The registry holds
//     the document's entities and their aliases (lookup, ensure, merge).
//     joinScripts and joinOrgs merge the Korean and the English name of
//     one person or organization (romanOf, personSkelJoin, orgSkelJoin).
//  7. Second pass, secondpass.go. secondScan: the registry's entities →
//     more cand: every further mention of their names, English surnames
//     alone, short forms of organizations; fuzzyHangul adds Korean names
//     misspelled by one jamo.
//  8. Result, result.go. finish: cand → Result.Entities and
//     Result.Mentions, overlaps settled longest first, then by prio
//     (state.newIdx maps registry entities to result indexes). Run then
//     sets Result.Published (dates.go: publicationDate).
//  9. Relate, relate.go. relate: Result → Result.Relations. It makes the
//     role relations first (roles.go), then walks the body sentences in
//     order: the sentence's date (dates.go: resolveDate), who it speaks
//     of (references.go: sentenceEntities resolves title references,
//     pronouns and "the two" to persons; resolveRef, focusFor, lastN),
//     its meetings (meetings.go) and its partnerships (partnerships.go);
//     it keeps the story's focus (the first unquoted person of a sentence
//     that quotes no one) and where each person was last mentioned.
//
// # Where a role is decided
//
// A role is stated by a pattern rule of kind role or rolefn: discover
// (mentions.go, case rules.PatRole) makes a roleFact when the rule's
// person, organization and title all check out. roleRelations (roles.go)
// turns each roleFact whose person and organization reached the result
// into a RelRole relation, and each byline into a reporter's role at the
// outlet named in the first lines (isOutlet, newsName, isOutletLine).
//
// # Where a meeting is decided
//
// In meetings.go, sentence by sentence, from relate:
//   - meetings reads a Korean sentence clause by clause (clausesKO) and
//     calls meetingsIn on each clause (an English sentence is one clause).
//   - meetingsIn decides. A meeting trigger (triggersIn, TrigMeeting) not
//     inside quotes; no hedge near it, in Korean none from just before it
//     on (hedgedIn, TrigHedgeMeeting: else the clause reports no meeting);
//     the participants are the sentence's persons, quoted persons and
//     reporters left out, split into subject and object by position
//     (English) or by a topic particle (Korean: topicMarked in
//     references.go), the story's focus standing in for a missing subject;
//     at least two of them. One relation for all (clique) or one per
//     object (star: separately, hasVisit). The date is the sentence's,
//     else the last one the story gave, else the publication date; the
//     place is meetingPlace: the sentence's (placeOf), else one named
//     earlier in its paragraph, else docPlace; PlaceKO is its Korean name.
//   - attendance: a sentence that reports no meeting but says who was
//     there (TrigJoinPrevious) adds its persons to the meeting just before
//     (joinPrevious), or, with none, makes a meeting of two or more.
//   - mergeMeetings, at the end of relate: one meeting told twice (the
//     same people on the same day, a translation on the next line, a
//     summary above the byline) becomes one relation with Also evidence.
//
// # Where a partnership is decided
//
// partnerships (partnerships.go), sentence by sentence, from relate: a
// partnership trigger not inside quotes, and no hedge (hedged,
// TrigHedgePartner: in English anywhere in the sentence, in Korean from
// just before the trigger on; else the sentence reports no partnership).
// The parties are the sentence's organizations that act (not quoted, not a
// news outlet: isNewsOrg; not in an English apposition: appositions; not a
// venue; not a Korean possessive modifier: possessiveModifier): those
// before the clause break after the trigger (English) or before the
// trigger (Korean), or, for a trigger of mode coordinated, the ones listed
// right next to it (coordinated); "it" before an English trigger adds the
// sentence's first organization (orgPronoun). Two to eight parties give a
// relation for every pair, or, when the sentence says the deals were
// separate, the first party with each of the others.
//
// # Not stages
//
// words.go (the lexicon's word lists), romanize.go, skeleton.go and
// identity.go (does a Korean name fit an English one), tokens.go (token
// pattern rules for runPatterns), examples.go (CheckExamples: every rule
// proves itself on its examples).
package extract
