package input

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestMarkdownText(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"heading and paragraphs",
			"# Kakao signs MOU\n\nKakao CEO Chung Shin-a met\nOpenAI CEO Sam Altman on Tuesday.\n\nThe two companies agreed to work together.\n",
			"Kakao signs MOU\n\nKakao CEO Chung Shin-a met OpenAI CEO Sam Altman on Tuesday.\n\nThe two companies agreed to work together.\n"},
		{"setext heading", "Kakao signs MOU\n===============\n\nText.\n", "Kakao signs MOU\n\nText.\n"},
		{"emphasis and code marks go",
			"**Chung Shin-a** met _Sam Altman_ and __Lee Jae-yong__ at `Kakao` ~~headquarters~~ HQ.\n",
			"Chung Shin-a met Sam Altman and Lee Jae-yong at Kakao headquarters HQ.\n"},
		{"links keep their text, images go",
			"![Sam Altman in Seoul](altman.jpg)\n\n[Kakao](https://kakao.example) CEO Chung Shin-a met [Sam Altman][sa] in <https://seoul.example>.\n\n[sa]: https://openai.example\n",
			"Kakao CEO Chung Shin-a met Sam Altman in https://seoul.example.\n"},
		{"lists one item a line",
			"Attendees:\n\n- Chung Shin-a, Kakao CEO\n- Sam Altman, OpenAI CEO\n  - nested: Kevin Weil\n1. first\n2. second\n",
			"Attendees:\n\nChung Shin-a, Kakao CEO\nSam Altman, OpenAI CEO\nnested: Kevin Weil\nfirst\nsecond\n"},
		{"loose list too", "- one\n\n- two\n", "one\ntwo\n"},
		{"block quote", "> \"We will build it together,\"\n> Altman said.\n\nAfter.\n", "\"We will build it together,\" Altman said.\n\nAfter.\n"},
		{"escapes and entities", "Lee \\*not emphasis\\* &amp; Chung &#50640; &copy;\n", "Lee *not emphasis* & Chung 에 ©\n"},
		{"hard line break", "Seoul, Feb. 4  \nBy Nam Hyun-woo\n", "Seoul, Feb. 4\nBy Nam Hyun-woo\n"},
		{"code block kept as lines", "Before.\n\n```\nline one\nline two\n```\n\nAfter.\n", "Before.\n\nline one\nline two\n\nAfter.\n"},
		{"raw HTML keeps its text", "<div class=\"note\">\n<p>Kakao met <b>OpenAI</b>.</p>\n<script>var x = 1;</script>\n</div>\n\nAfter <span>inline</span> tags.\n", "Kakao met OpenAI.\n\nAfter inline tags.\n"},
		{"table rows one a line", "| name | org |\n|---|---|\n| Chung Shin-a | Kakao |\n| Sam Altman | OpenAI |\n", "name\torg\nChung Shin-a\tKakao\nSam Altman\tOpenAI\n"},
		{"thematic break", "One.\n\n---\n\nTwo.\n", "One.\n\nTwo.\n"},
		{"Korean soft break", "정신아 카카오 대표는\n샘 알트먼을 만났다.\n", "정신아 카카오 대표는 샘 알트먼을 만났다.\n"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if d := cmp.Diff(tt.want, string(markdownText([]byte(tt.in)))); d != "" {
				t.Errorf("markdownText(%q) mismatch (-want +got):\n%s", tt.in, d)
			}
		})
	}
}

// TestMarkdownFrontMatter: a Markdown file's front matter gives the
// metadata, and its body is read without its markup.
func TestMarkdownFrontMatter(t *testing.T) {
	raw := "---\ntitle: A note\ndate: 2025-03-06\n---\n# A note\n\n**Kim Min-jun**, CEO of Acme Robotics, met Sam Altman on Tuesday.\n"
	d := textDoc(File{Path: "note.md", Name: "note", Format: Markdown}, []byte(raw))
	want := Doc{ID: "note", Path: "note.md", Title: "A note", Published: date("2025-03-06"),
		Text: []byte("A note\n\nKim Min-jun, CEO of Acme Robotics, met Sam Altman on Tuesday.\n")}
	if diff := cmp.Diff(want, d); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestMarkdownPathological: nesting and blocks no article has are
// flattened and cut before goldmark sees them (its time grows with their
// square), so hostile files take time in proportion to their size; real
// Markdown is left as it is.
func TestMarkdownPathological(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"a line nested 100,000 deep", strings.Repeat(">", 100000) + " Kim met Lee.\n", "Kim met Lee.\n"},
		{"list markers nested 50,000 deep", strings.Repeat("- ", 50000) + "Kim met Lee.\n", "Kim met Lee.\n"},
		{"indented 10,000 columns", strings.Repeat(" ", 10000) + "- Kim met Lee.\n", "Kim met Lee.\n"},
		{"500,000 brackets", strings.Repeat("[", 250000) + strings.Repeat("]", 250000), ""},
		{"a paragraph of 2 MB", strings.Repeat("Kim met Lee. ", 160000), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			got := string(markdownText([]byte(tt.in)))
			if el := time.Since(start); el > 10*time.Second {
				t.Errorf("took %s", el)
			}
			if tt.want != "" && got != tt.want {
				t.Errorf("markdownText = %q, want %q", got, tt.want)
			}
		})
	}
	// a long paragraph is cut at spaces into paragraphs, its words kept
	long := strings.Repeat("Kim met Lee. ", 3000)
	got := string(markdownText([]byte(long)))
	if strings.Count(got, "\n\n") < 2 || strings.Join(strings.Fields(got), " ") != strings.TrimSpace(long) {
		t.Errorf("a 39 KB paragraph: %d breaks, words kept %v", strings.Count(got, "\n\n"), strings.Join(strings.Fields(got), " ") == strings.TrimSpace(long))
	}
	// real Markdown is not touched
	for _, in := range []string{"# T\n\n> quote\n> > nested\n\n- a\n  - b\n    1. c\n", strings.Repeat("Paragraph.\n\n", 5000)} {
		if out := tameMarkdown([]byte(in)); string(out) != in {
			t.Errorf("tameMarkdown changed %.40q", in)
		}
	}
}
