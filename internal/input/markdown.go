package input

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"golang.org/x/net/html"
)

// markdownParser parses CommonMark with GitHub's tables, strikethrough,
// autolinks and task lists. A goldmark parser is safe for concurrent use.
var markdownParser = goldmark.New(goldmark.WithExtensions(extension.GFM)).Parser()

// markdownText turns Markdown into the plain text kg extracts from: the
// words without their markup. Headings, paragraphs, block quotes' and
// code blocks' paragraphs are blocks, one blank line apart; a paragraph's
// lines are joined into one line (kg reads a line as a paragraph, and a
// sentence never spans two); list items and table rows are one a line,
// table cells tab-separated. Links keep their text, images are dropped
// (as an HTML page's are), emphasis and code marks go, entities and
// backslash escapes are resolved, raw HTML keeps its text only.
// Offsets in the graph are into this text.
func markdownText(src []byte) []byte {
	src = tameMarkdown(src)
	doc := markdownParser.Parse(text.NewReader(src))
	w := &blockWriter{}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n := n.(type) {
		case *ast.Paragraph, *ast.Heading, *ast.ThematicBreak, *east.Table:
			w.breakLines(blockGap(n))
		case *ast.ListItem, *east.TableRow, *east.TableHeader:
			w.breakLines(1)
		case *east.TableCell:
			if entering && n.PreviousSibling() != nil {
				w.space('\t')
			}
		case *ast.CodeBlock, *ast.FencedCodeBlock:
			if entering {
				w.breakLines(2)
				lines := n.Lines()
				for i := 0; i < lines.Len(); i++ {
					seg := lines.At(i)
					w.word(bytes.TrimRight(seg.Value(src), "\r\n"))
					w.breakLines(1)
				}
				w.breakLines(2)
			}
			return ast.WalkSkipChildren, nil
		case *ast.HTMLBlock:
			if entering {
				w.breakLines(2)
				var raw []byte
				lines := n.Lines()
				for i := 0; i < lines.Len(); i++ {
					seg := lines.At(i)
					raw = append(raw, seg.Value(src)...)
				}
				if n.HasClosure() {
					raw = append(raw, n.ClosureLine.Value(src)...)
				}
				w.htmlText(raw)
				w.breakLines(2)
			}
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			if entering {
				v := n.Segment.Value(src)
				if !n.IsRaw() {
					v = unescapeMarkdown(v)
				}
				w.word(v)
				switch {
				case n.HardLineBreak():
					w.breakLines(1)
				case n.SoftLineBreak():
					w.space(' ')
				}
			}
		case *ast.String:
			if entering {
				w.word(n.Value)
			}
		case *ast.AutoLink:
			if entering {
				w.word(n.Label(src))
			}
			return ast.WalkSkipChildren, nil
		case *ast.Image, *ast.RawHTML, *east.TaskCheckBox:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return w.bytes()
}

// blockGap is the line breaks around a block: one around a paragraph that
// is a list item's (so items stay one a line), else two.
func blockGap(n ast.Node) int {
	if _, ok := n.(*ast.Paragraph); ok {
		if _, ok := n.Parent().(*ast.ListItem); ok {
			return 1
		}
	}
	return 2
}

// unescapeMarkdown resolves backslash escapes and character references
// in a text node, as goldmark's HTML renderer does.
func unescapeMarkdown(v []byte) []byte {
	if bytes.IndexByte(v, '\\') >= 0 {
		v = util.UnescapePunctuations(v)
	}
	if bytes.IndexByte(v, '&') >= 0 {
		v = util.ResolveEntityNames(util.ResolveNumericReferences(v))
	}
	return v
}

// blockWriter builds plain text from words and block boundaries: breaks
// between blocks collapse (two blocks are one blank line apart however
// deeply they nest), and spaces collapse too.
type blockWriter struct {
	buf   []byte
	nl    int  // line breaks wanted before the next word
	sp    byte // a space wanted before the next word
	lines int  // line breaks at the end of buf
}

// breakLines asks for n line breaks (at most; they do not add up) before
// the next word.
func (w *blockWriter) breakLines(n int) { w.nl = max(w.nl, n) }

// space asks for a space before the next word on the same line.
func (w *blockWriter) space(c byte) {
	if w.sp == 0 {
		w.sp = c
	}
}

func (w *blockWriter) word(b []byte) {
	if len(b) == 0 {
		return
	}
	if len(w.buf) > 0 {
		switch {
		case w.nl > w.lines:
			for ; w.lines < w.nl; w.lines++ {
				w.buf = append(w.buf, '\n')
			}
		case w.sp != 0 && w.lines == 0:
			w.buf = append(w.buf, w.sp)
		}
	}
	w.nl, w.sp = 0, 0
	w.buf = append(w.buf, b...)
	if b[len(b)-1] == '\n' {
		w.lines = 1
	} else {
		w.lines = 0
	}
}

// htmlText writes the text of a block of raw HTML: its text nodes, one
// line per block element, without scripts, styles and comments.
func (w *blockWriter) htmlText(raw []byte) {
	z := html.NewTokenizer(bytes.NewReader(raw))
	skip := 0
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return
		case html.TextToken:
			if skip == 0 {
				t := z.Text()
				for i, f := range bytes.Fields(t) {
					if i > 0 || isSpace(t[0]) {
						w.space(' ')
					}
					w.word(f)
				}
				if len(t) > 0 && isSpace(t[len(t)-1]) {
					w.space(' ')
				}
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			switch string(name) {
			case "script", "style":
				if tt == html.StartTagToken {
					skip++
				} else if tt == html.EndTagToken && skip > 0 {
					skip--
				}
			case "p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote", "section", "article", "figcaption":
				w.breakLines(1)
			}
		}
	}
}

func (w *blockWriter) bytes() []byte {
	if len(w.buf) > 0 && w.buf[len(w.buf)-1] != '\n' {
		w.buf = append(w.buf, '\n')
	}
	return w.buf
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

// Bounds on the Markdown goldmark parses: see tameMarkdown.
const (
	maxMarkdownNesting = 32       // block quote and list markers opening a line
	maxMarkdownIndent  = 64       // columns of white space among them
	maxMarkdownBlock   = 16 << 10 // bytes of a run of lines without a blank one
)

// tameMarkdown bounds what makes goldmark's time grow faster than the
// text: nesting, whose cost grows with its square (0.08 s for a line of
// 10,000 ">", 4.4 s for 80,000), and long blocks, whose inline parsing
// grows with the square of their length for some inputs (a paragraph of
// 80,000 brackets "[[[...]]]" takes 0.6 s, of 250,000 5.7 s). A line
// whose block quote and list markers ("> > - 1. ...") number more than
// maxMarkdownNesting, or whose white space among them is wider than
// maxMarkdownIndent columns, loses them; a run of lines longer than
// maxMarkdownBlock gets a blank line (a new paragraph) at its next line
// end, and a longer line is cut into paragraphs at a space. No news
// article nests this deep or writes a paragraph this long, so real text
// is left as it is and the cost of the check is one scan.
func tameMarkdown(src []byte) []byte {
	var out []byte // nil until something is changed
	emit := func(upto int, b ...[]byte) {
		if out == nil {
			out = append(make([]byte, 0, len(src)+len(src)/maxMarkdownBlock*2+2), src[:upto]...)
		}
		for _, x := range b {
			out = append(out, x...)
		}
	}
	block := 0 // bytes since the last blank line
	for start := 0; start < len(src); {
		end := bytes.IndexByte(src[start:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += start + 1
		}
		line := src[start:end]
		changed := false
		if n := containerPrefix(line); n > 0 {
			line, changed = line[n:], true
		}
		for len(line) > maxMarkdownBlock {
			cut := bytes.LastIndexByte(line[:maxMarkdownBlock], ' ') + 1
			if cut <= 0 {
				cut = len(CutAtRune(line[:maxMarkdownBlock]))
				if cut == 0 {
					cut = maxMarkdownBlock
				}
			}
			emit(start, line[:cut], []byte("\n\n"))
			line, changed, block = line[cut:], true, 0
		}
		switch {
		case len(bytes.TrimSpace(line)) == 0:
			block = 0
		case block+len(line) > maxMarkdownBlock:
			emit(start, []byte("\n"))
			block = 0
			changed = true
		}
		block += len(line)
		if changed {
			emit(start, line)
		} else if out != nil {
			out = append(out, line...)
		}
		start = end
	}
	if out == nil {
		return src
	}
	return out
}

// containerPrefix is the length of line's block quote and list markers
// and the white space among them when they nest too deep, else 0.
func containerPrefix(line []byte) int {
	i, markers, indent := 0, 0, 0
	for i < len(line) {
		switch c := line[i]; {
		case c == ' ':
			indent++
			i++
		case c == '\t':
			indent += 4
			i++
		case c == '>':
			markers++
			i++
		case (c == '-' || c == '+' || c == '*') && i+1 < len(line) && (line[i+1] == ' ' || line[i+1] == '\t'):
			markers++
			i++
		case c >= '0' && c <= '9':
			j := i
			for j < len(line) && j-i < 9 && line[j] >= '0' && line[j] <= '9' {
				j++
			}
			if j+1 < len(line) && (line[j] == '.' || line[j] == ')') && (line[j+1] == ' ' || line[j+1] == '\t') {
				markers++
				i = j + 1
				continue
			}
			return tooDeep(i, markers, indent)
		default:
			return tooDeep(i, markers, indent)
		}
	}
	return tooDeep(i, markers, indent)
}

func tooDeep(prefix, markers, indent int) int {
	if markers > maxMarkdownNesting || indent > maxMarkdownIndent {
		return prefix
	}
	return 0
}
