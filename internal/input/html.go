package input

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"codeberg.org/readeck/go-readability/v2/render"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
)

// htmlDoc makes the document of a web page saved from a browser: the
// article's main text, as readability (a port of Firefox's Reader View)
// finds it, without the page's menus, scripts, related-story lists,
// comments and footers; and the page's metadata (see pageMeta). The text
// keeps the article's blocks: paragraphs and headings one blank line
// apart, list items one a line.
func htmlDoc(f File, raw []byte) Doc {
	d := Doc{Path: f.Path, Rel: f.Rel}
	root, warns, err := parsePage(raw)
	if err != nil {
		d.Err = fmt.Errorf("read %s: not a page kg can read: %v", f.Path, err)
		return d
	}
	d.Warnings = warns
	m := readPageMeta(root)
	d.Warnings = append(d.Warnings, m.apply(&d)...)
	// readability changes the tree as it goes: the metadata is read first
	dropConsentNotices(root)
	p := readability.NewParser()
	art, err := p.ParseAndMutate(root, nil)
	if err == nil && art.Node != nil {
		dropLinkParagraphs(art.Node)
		d.Text = []byte(pageText(render.InnerText(art.Node)))
	}
	if len(d.Text) == 0 {
		d.Warnings = append(d.Warnings, "no article text found in the page")
	}
	d.fillID(f.Name)
	return d
}

// parsePage decodes a page into UTF-8 and parses it. The encoding is the
// one a byte order mark names, else a <meta charset> (or http-equiv
// Content-Type) in the first 1024 bytes, as browsers find it
// (charset.DetermineEncoding); a page with neither is UTF-8 when it is
// valid UTF-8. A <meta charset> that comes later (after a long <head>)
// and names another encoding makes the page parsed again in that one, as
// the HTML standard's "change the encoding while parsing" does; without
// it a page that is not UTF-8 is read as windows-1252, the standard's
// default, with a warning. Bytes that are not valid in the encoding
// become U+FFFD. The parser refuses a page nested more than 512
// elements deep (golang.org/x/net/html's limit, which keeps the cost of a
// pathological page linear).
func parsePage(raw []byte) (*html.Node, []string, error) {
	var warns []string
	enc, name, certain := charset.DetermineEncoding(raw, "")
	if !certain && name == "windows-1252" && utf8.Valid(raw) {
		// DetermineEncoding looks at 1024 bytes only, and a UTF-8
		// sequence cut at byte 1024 makes it guess windows-1252
		enc, name = encoding.Nop, "utf-8"
	}
	root, err := parseIn(raw, enc)
	if err != nil {
		return nil, nil, err
	}
	if !certain {
		if label := declaredCharset(root); label != "" {
			if e, n := charset.Lookup(label); e != nil && n != name {
				if strings.HasPrefix(n, "utf-16") {
					e, n = encoding.Nop, "utf-8" // a page read as ASCII is not UTF-16
				}
				if name == "utf-8" && n != "utf-8" && !isASCII(raw) {
					// a page of valid UTF-8 beyond ASCII is UTF-8 whatever
					// a late, stale <meta charset> says: EUC-KR text is
					// almost never valid UTF-8
					warns = append(warns, fmt.Sprintf("the page says <meta charset=%q> late but is valid UTF-8: read as UTF-8", label))
					n = name
				}
				if n != name {
					enc, name = e, n
					if root, err = parseIn(raw, enc); err != nil {
						return nil, nil, err
					}
				}
			}
		} else if name == "windows-1252" {
			warns = append(warns, "the page names no character set and is not UTF-8: read as windows-1252; add <meta charset=...> to read it in its own")
		}
	}
	return root, warns, nil
}

// isASCII: b holds no byte above 0x7F.
func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// parseIn parses raw decoded from enc.
func parseIn(raw []byte, enc encoding.Encoding) (*html.Node, error) {
	b := raw
	if enc != encoding.Nop {
		if dec, err := enc.NewDecoder().Bytes(raw); err == nil {
			b = dec
		}
	}
	return html.Parse(bytes.NewReader(b))
}

// declaredCharset is the character set the page's first <meta charset>
// or <meta http-equiv="Content-Type" content="...; charset=..."> names.
func declaredCharset(root *html.Node) string {
	for n := range walkNodes(root) {
		if n.Type != html.ElementNode || n.Data != "meta" {
			continue
		}
		if cs := attr(n, "charset"); cs != "" {
			return strings.TrimSpace(cs)
		}
		if strings.EqualFold(attr(n, "http-equiv"), "content-type") {
			if _, cs, ok := strings.Cut(strings.ToLower(attr(n, "content")), "charset="); ok {
				return strings.Trim(strings.TrimSpace(cs), `"';`)
			}
		}
	}
	return ""
}

// walkNodes yields every node of the tree below root, root first, in
// document order. It keeps no stack, so a page nested 100,000 deep costs
// no more than a flat one.
func walkNodes(root *html.Node) func(func(*html.Node) bool) {
	return func(yield func(*html.Node) bool) {
		for n := root; n != nil; {
			if !yield(n) {
				return
			}
			if n.FirstChild != nil {
				n = n.FirstChild
				continue
			}
			for n != root && n.NextSibling == nil {
				n = n.Parent
			}
			if n == root {
				return
			}
			n = n.NextSibling
		}
	}
}

// attr is the value of n's attribute key ("" if none).
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

// consentRe matches the class or id of a cookie or consent notice.
var consentRe = regexp.MustCompile(`(?i)cookie|consent`)

// dropConsentNotices removes cookie and consent notices (an element whose
// id or class names a cookie or consent, other than the page's body,
// main and article elements) before readability runs. Readability's list
// of unlikely names knows "gdpr" and "banner" but not "cookie" or
// "consent", and keeps a notice that is a sibling of the article with
// enough text (WordPress's "cookie-law-info-bar" is one); its text is
// never the article's.
func dropConsentNotices(root *html.Node) {
	var drop []*html.Node
	for n := range walkNodes(root) {
		if n.Type != html.ElementNode {
			continue
		}
		switch n.Data {
		case "html", "body", "main", "article":
			continue
		}
		if consentRe.MatchString(attr(n, "id")) || consentRe.MatchString(attr(n, "class")) {
			drop = append(drop, n)
		}
	}
	for _, n := range drop {
		if n.Parent != nil {
			n.Parent.RemoveChild(n)
		}
	}
}

// dropLinkParagraphs removes from the article the paragraphs that are a
// link and nothing else, or a short label and a link: "Related: <a>Lee
// Jae-yong met Jensen Huang</a>", "READ MORE: <a>...</a>". Readability
// cleans lists and boxes of links by their link density, but never a
// single paragraph, and these teasers for other stories sit between the
// article's paragraphs; their text is another story's headline, and kg
// would read its meeting into this article.
func dropLinkParagraphs(article *html.Node) {
	var drop []*html.Node
	for n := range walkNodes(article) {
		if n.Type != html.ElementNode || n.Data != "p" {
			continue
		}
		var inLinks, outside strings.Builder
		for c := range walkNodes(n) {
			if c.Type != html.TextNode {
				continue
			}
			if insideLink(c, n) {
				inLinks.WriteString(c.Data)
			} else {
				outside.WriteString(c.Data)
			}
		}
		label := strings.TrimSpace(outside.String())
		if strings.TrimSpace(inLinks.String()) == "" {
			continue
		}
		if label == "" || len(strings.Fields(label)) <= 3 && strings.HasSuffix(label, ":") {
			drop = append(drop, n)
		}
	}
	for _, n := range drop {
		if n.Parent != nil {
			n.Parent.RemoveChild(n)
		}
	}
}

// insideLink reports whether n is inside an <a> below top.
func insideLink(n, top *html.Node) bool {
	for p := n.Parent; p != nil && p != top; p = p.Parent {
		if p.Type == html.ElementNode && p.Data == "a" {
			return true
		}
	}
	return false
}

// pageText tidies readability's text: each line trimmed, runs of blank
// lines made one, no blank lines at either end, invalid UTF-8 replaced.
func pageText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	blank := false
	for line := range strings.Lines(s) {
		line = strings.TrimSpace(line)
		if line == "" {
			blank = b.Len() > 0
			continue
		}
		if blank {
			b.WriteByte('\n')
			blank = false
		}
		b.WriteString(line)
		b.WriteByte('\n')
	}
	return b.String()
}

// describe is a short account of a value for messages.
func describe(s string) string {
	if len(s) > 60 {
		s = string(CutAtRune([]byte(s[:60]))) + "…"
	}
	return fmt.Sprintf("%q", s)
}
