package input

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strings"

	"golang.org/x/net/html"
)

// pageMeta is what a web page says about itself, by source.
//
// Precedence: for each field, the first source that gives a usable value
// wins, in this order:
//
//	field      1. Open Graph tags         2. JSON-LD article            3. plain HTML
//	title      og:title                   headline, else name           <title> (less " | outlet")
//	url        og:url                     url, else mainEntityOfPage    <link rel=canonical>
//	published  article:published_time    datePublished                 -
//	source     og:site_name               publisher.name                -
//	lang       og:locale (ko_KR: ko-KR)   inLanguage                    <html lang>
//
// Open Graph comes first because it is what every share of the page
// shows, so publishers see and fix it (and JSON-LD headlines are often cut
// to 110 characters, an old limit of Google's); JSON-LD next, from the
// first object typed NewsArticle, Article or another article type (a
// JSON-LD block may be one object, a list, or an @graph; a publisher
// given as {"@id": ...} is looked up); plain HTML last (a <title> usually
// carries the outlet's name, <html lang> is the site's template's). A URL
// counts only when absolute (http or https); a date that is neither
// YYYY-MM-DD nor RFC 3339 is passed over with a warning, and the next
// source's is used. Front matter and JSON Lines keys have the same
// meanings (title, url, date, source, lang).
type pageMeta struct {
	og, ld, plain metaFields
}

// metaFields are the metadata one source gives.
type metaFields struct {
	title, url, published, source, lang string
}

// Names of the sources, for warnings.
var metaSourceNames = [3]map[string]string{
	{"published": "article:published_time"},
	{"published": "JSON-LD datePublished"},
	{},
}

// apply fills d's metadata from m, by the precedence above, and returns
// the warnings about values passed over.
func (m pageMeta) apply(d *Doc) []string {
	var warns []string
	srcs := [3]metaFields{m.og, m.ld, m.plain}
	first := func(get func(metaFields) string, ok func(string) bool) string {
		for _, s := range srcs {
			if v := strings.TrimSpace(get(s)); v != "" && (ok == nil || ok(v)) {
				return v
			}
		}
		return ""
	}
	for _, s := range []*metaFields{&srcs[0], &srcs[1], &srcs[2]} {
		// one line each, valid UTF-8 (a page may hold any bytes)
		for _, v := range []*string{&s.title, &s.url, &s.published, &s.source, &s.lang} {
			*v = strings.Join(strings.Fields(strings.ToValidUTF8(*v, "\uFFFD")), " ")
		}
	}
	d.Source = first(func(s metaFields) string { return s.source }, nil)
	d.Title = first(func(s metaFields) string { return s.title }, nil)
	if d.Title == srcs[2].title {
		d.Title = trimOutlet(d.Title, d.Source)
	}
	d.URL = first(func(s metaFields) string { return s.url }, absoluteURL)
	d.Lang = first(func(s metaFields) string { return s.lang }, nil)
	for i, s := range srcs {
		v := strings.TrimSpace(s.published)
		if v == "" {
			continue
		}
		t, err := ParseDate(v)
		if err != nil {
			warns = append(warns, fmt.Sprintf("page metadata: %s %s: %v; not used", metaSourceNames[i]["published"], describe(v), err))
			continue
		}
		d.Published = t
		break
	}
	return warns
}

// absoluteURL reports whether s is an absolute http(s) URL on one line.
func absoluteURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// trimOutlet drops the outlet's name from the end of a <title>:
// "Kakao signs MOU | Seoul Wire" is "Kakao signs MOU".
func trimOutlet(title, outlet string) string {
	if outlet == "" {
		return title
	}
	for _, sep := range []string{" | ", " - ", " – ", " — ", " :: ", " : ", " · "} {
		if rest, ok := strings.CutSuffix(title, sep+outlet); ok && strings.TrimSpace(rest) != "" {
			return strings.TrimSpace(rest)
		}
	}
	return title
}

// readPageMeta reads the metadata of a parsed page (before readability
// changes the tree): Open Graph and article: <meta> tags, JSON-LD blocks,
// <link rel=canonical>, <html lang> and <title>. Of each, the first one
// in the page counts.
func readPageMeta(root *html.Node) pageMeta {
	var m pageMeta
	var ld [][]byte
	set := func(dst *string, v string) {
		if *dst == "" {
			*dst = strings.TrimSpace(v)
		}
	}
	for n := range walkNodes(root) {
		if n.Type != html.ElementNode {
			continue
		}
		switch n.Data {
		case "html":
			set(&m.plain.lang, attr(n, "lang"))
		case "title":
			if n.FirstChild != nil && n.FirstChild.Type == html.TextNode {
				set(&m.plain.title, strings.Join(strings.Fields(n.FirstChild.Data), " "))
			}
		case "link":
			for _, rel := range strings.Fields(strings.ToLower(attr(n, "rel"))) {
				if rel == "canonical" {
					set(&m.plain.url, attr(n, "href"))
				}
			}
		case "meta":
			key := strings.ToLower(strings.TrimSpace(attr(n, "property")))
			if key == "" {
				key = strings.ToLower(strings.TrimSpace(attr(n, "name"))) // some pages write name="og:title"
			}
			v := attr(n, "content")
			switch key {
			case "og:title":
				set(&m.og.title, v)
			case "og:url":
				set(&m.og.url, v)
			case "og:site_name":
				set(&m.og.source, v)
			case "og:locale":
				set(&m.og.lang, strings.ReplaceAll(v, "_", "-"))
			case "article:published_time":
				set(&m.og.published, v)
			}
		case "script":
			if t, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(attr(n, "type"))), ";"); t == "application/ld+json" {
				var b strings.Builder
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					if c.Type == html.TextNode {
						b.WriteString(c.Data)
					}
				}
				ld = append(ld, []byte(b.String()))
			}
		}
	}
	m.ld = jsonLDArticle(ld)
	return m
}

// maxJSONLDDepth bounds how deep jsonLDArticle looks for an article
// object (inside lists, @graph and mainEntity).
const maxJSONLDDepth = 8

// jsonLDArticle reads the metadata of the first article object in the
// page's JSON-LD blocks. A block that is not valid JSON is passed over
// (pages get these wrong often, and it is not the reader's to fix).
func jsonLDArticle(blocks [][]byte) metaFields {
	var objs []map[string]any // every object, for @id references
	var article map[string]any
	var visit func(v any, depth int)
	visit = func(v any, depth int) {
		if depth > maxJSONLDDepth {
			return
		}
		switch v := v.(type) {
		case []any:
			for _, x := range v {
				visit(x, depth+1)
			}
		case map[string]any:
			objs = append(objs, v)
			if article == nil && isArticleType(v["@type"]) {
				article = v
			}
			visit(v["@graph"], depth+1)
			visit(v["mainEntity"], depth+1)
		}
	}
	for _, b := range blocks {
		b = []byte(strings.TrimSpace(string(b)))
		b = []byte(strings.TrimSuffix(strings.TrimPrefix(string(b), "<![CDATA["), "]]>"))
		var v any
		if json.Unmarshal(b, &v) == nil {
			visit(v, 0)
		}
	}
	if article == nil {
		return metaFields{}
	}
	ref := func(v any) map[string]any { // an object, or the object an {"@id"} names
		switch v := v.(type) {
		case []any:
			if len(v) == 0 {
				return nil
			}
			return refObject(v[0], objs)
		default:
			return refObject(v, objs)
		}
	}
	var f metaFields
	f.title = or(ldString(article["headline"]), ldString(article["name"]))
	f.published = ldString(article["datePublished"])
	f.url = ldString(article["url"])
	if !absoluteURL(f.url) {
		f.url = ldString(article["mainEntityOfPage"])
		if f.url == "" {
			if page := ref(article["mainEntityOfPage"]); page != nil {
				f.url = or(ldString(page["url"]), ldString(page["@id"]))
			}
		}
	}
	if pub := ref(article["publisher"]); pub != nil {
		f.source = ldString(pub["name"])
	}
	f.lang = ldString(article["inLanguage"])
	if f.lang == "" {
		if lang := ref(article["inLanguage"]); lang != nil {
			f.lang = or(ldString(lang["alternateName"]), ldString(lang["name"]))
		}
	}
	return f
}

// refObject is v if it is an object with more than an @id, else the
// object of objs with v's @id.
func refObject(v any, objs []map[string]any) map[string]any {
	o, ok := v.(map[string]any)
	if !ok {
		return nil
	}
	id, _ := o["@id"].(string)
	if id == "" || len(o) > 1 {
		return o
	}
	for _, x := range objs {
		if x["@id"] == id && len(x) > 1 {
			return x
		}
	}
	return o
}

// ldString is a JSON-LD value as a string: a string (entities such as
// &amp; resolved: pages write them), the first string of a list, or ""
// for anything else.
func ldString(v any) string {
	switch v := v.(type) {
	case string:
		return strings.TrimSpace(html.UnescapeString(v))
	case []any:
		for _, x := range v {
			if s, ok := x.(string); ok {
				return strings.TrimSpace(html.UnescapeString(s))
			}
		}
	}
	return ""
}

// isArticleType reports whether a JSON-LD @type (a string or a list) is
// an article: Article, NewsArticle and the other schema.org types whose
// names end in Article (ReportageNewsArticle, TechArticle ...), and
// BlogPosting, LiveBlogPosting and Report.
func isArticleType(v any) bool {
	check := func(s string) bool {
		s = s[strings.LastIndexAny(s, "/:")+1:] // http://schema.org/NewsArticle, schema:NewsArticle
		return strings.HasSuffix(s, "Article") || s == "BlogPosting" || s == "LiveBlogPosting" || s == "Report"
	}
	switch v := v.(type) {
	case string:
		return check(v)
	case []any:
		for _, x := range v {
			if s, ok := x.(string); ok && check(s) {
				return true
			}
		}
	}
	return false
}
