// Package tokpat is kg's token-pattern engine: a tokenizer for sentences
// whose titles are masked (see rules.MaskTitles), a compiler for patterns
// over those tokens, and an automaton that runs the patterns of a whole
// rule set together in one pass, without backtracking.
//
// # Tokens
//
// Tokenize cuts a text into tokens of seven kinds, each a byte span:
//
//	Space   one of \t \n \f \r and U+0020, one token per character
//	Title   a title the keyword automaton found, masked: U+E000 and its
//	        0x01 fill bytes, or U+07FF
//	Cap     a Latin capital and the lower-case letters after it ("Kim",
//	        "Hervé", "Émile"); accented letters are those of Latin-1
//	        Supplement and Latin Extended-A/B (U+00C0–U+024F)
//	Lower   a run of Latin lower-case letters, accented ones included
//	Digits  a run of ASCII digits
//	Hangul  a run of Hangul syllables (U+AC00–U+D7A3)
//	Other   any other character, one token each ("-", "&", "’", 金)
//
// Tokens are finer than words: "McDonald" is Mc + Donald, "Min-ji" is Min
// + - + ji, "SK" is S + K. They break wherever the character classes of
// the regular expressions they replace could stop, so that a pattern says
// everything those said, and spaces are tokens, so a pattern says where
// one may or must stand ("김창한 대표", "김창한대표"). A token's length is
// its number of runes (a Hangul token's syllables).
//
// # Patterns
//
// A pattern is a sequence of elements, each of which matches tokens one
// after another with nothing skipped:
//
//	Cap  Lower  Digits  Hangul  Space  Title  Other   one token of that kind
//	Word                                              Cap, Lower or Digits
//	Any                                               any token
//	Cap[len>=2]  Hangul[len=3]  Hangul[name_ko]       a kind with constraints,
//	Hangul[!particle, len<=4]                         comma-separated: len=N,
//	                                                  len>=N, len<=N (runes),
//	                                                  a named predicate the
//	                                                  rule set defines, !name
//	"said"  "had lunch with"  "’s"                    the tokens of the string,
//	                                                  each with exactly that
//	                                                  text (case matters; \"
//	                                                  and \\ escape)
//	@NAME                                             a macro of the rule set
//	( a b | c )                                       grouping, alternatives
//	x?  x*  x+  x{n}  x{n,}  x{n,m}                   repetition, greedy;
//	x??  x*?  x+?  x{n,m}?                            lazy
//	name:x                                            capture what x matched
//	                                                  as group name
//	^  $                                              start, end of the text
//	\b  \B                                            an ASCII word boundary,
//	                                                  none (as regexp's)
//	tail(x)                                           the last rune of a
//	                                                  token x, where a match
//	                                                  may begin (first element
//	                                                  only): regexp's [^…]
//	                                                  before a word, which can
//	                                                  be a title's last byte
//	head(x)                                           the first rune of a
//	                                                  token x, where a match
//	                                                  ends (last element
//	                                                  only): regexp's \s[a-z]
//	                                                  after a name; the rule's
//	                                                  next match is sought
//	                                                  from the next token
//	stem(x) rest(y)                                   one token cut in two at a
//	                                                  rune boundary: a first
//	                                                  part that passes x, the
//	                                                  rest passing y, tried
//	                                                  longest stem first;
//	                                                  only captures between,
//	                                                  saved at the cut
//	                                                  ("삼성" + "의" of
//	                                                  "삼성의"); a stem not
//	                                                  followed by a rest, or
//	                                                  a rest after anything
//	                                                  else, matches nothing
//	# comment                                         to the end of the line
//
// Alternatives are tried in order and repetitions greedy or lazy as
// written, as in Perl and Go regular expressions: of the matches that
// begin leftmost, the one the first choices lead to wins (leftmost-first).
// A pattern must consume at least one token.
//
// # Automaton
//
// Compile turns a pattern into a program of instructions (consume a token
// that passes a test, split, jump, save an offset, assert, match) as
// regexp/syntax does for characters. Link joins the programs of a rule
// set into one, and Program.Run simulates it over a sentence's tokens as a
// Pike VM: a list of threads in priority order, each instruction at most
// once per token, the threads of every rule advanced together. Each rule
// keeps its own leftmost-first, non-overlapping matches, or, marked
// EveryWordStart, the match anchored at each word start. Time is linear
// in the tokens for each pass; matches come out as regexp's
// FindAllStringSubmatchIndex gives them, byte offsets of the whole match
// and of each named group.
package tokpat
