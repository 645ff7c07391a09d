package input

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/encoding/korean"
)

// page wraps head and body elements in a page.
func page(head, body string) string {
	return "<!DOCTYPE html><html><head>" + head + "</head><body>" + body + "</body></html>"
}

// meta is the metadata of a Doc, as TestPageMeta compares it.
type meta struct {
	Title, URL, Source, Lang string
	Published                time.Time
	Warnings                 []string
}

func TestPageMeta(t *testing.T) {
	const (
		og = `<meta property="og:title" content="OG title"><meta property="og:url" content="https://e.com/og">` +
			`<meta property="og:site_name" content="OG Outlet"><meta property="og:locale" content="ko_KR">` +
			`<meta property="article:published_time" content="2025-03-12T23:30:00+09:00">`
		ld = `<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",` +
			`"headline":"LD headline","name":"LD name","datePublished":"2025-03-10","url":"https://e.com/ld",` +
			`"mainEntityOfPage":"https://e.com/ld-page","publisher":{"@type":"Organization","name":"LD Outlet"},"inLanguage":"en"}</script>`
		plain = `<title>Plain title | OG Outlet</title><link rel="canonical" href="https://e.com/canonical">`
	)
	tests := []struct {
		name, html string
		want       meta
	}{
		{"og first", page(og+ld+plain, "") + `<html lang="fr">`,
			meta{Title: "OG title", URL: "https://e.com/og", Source: "OG Outlet", Lang: "ko-KR", Published: date("2025-03-12")}},
		{"JSON-LD second", `<html lang="fr"><head>` + ld + plain + `</head></html>`,
			meta{Title: "LD headline", URL: "https://e.com/ld", Source: "LD Outlet", Lang: "en", Published: date("2025-03-10")}},
		{"plain HTML last; <title> without the outlet", `<html lang="de"><head><meta property="og:site_name" content="OG Outlet">` + plain + `</head></html>`,
			meta{Title: "Plain title", URL: "https://e.com/canonical", Source: "OG Outlet", Lang: "de"}},
		{"<title> kept whole when no outlet is known", `<html><head>` + plain + `</head></html>`,
			meta{Title: "Plain title | OG Outlet", URL: "https://e.com/canonical"}},
		{"JSON-LD name when no headline; mainEntityOfPage when no url",
			page(`<script type="application/ld+json">{"@type":"Article","name":"LD name","mainEntityOfPage":{"@type":"WebPage","@id":"https://e.com/page"}}</script>`, ""),
			meta{Title: "LD name", URL: "https://e.com/page"}},
		{"JSON-LD list: the article, not the breadcrumbs or video",
			page(`<script type="application/ld+json">[{"@type":"BreadcrumbList","name":"Crumbs"},{"@type":"VideoObject","name":"Video"},{"@type":["NewsArticle"],"headline":"The story","inLanguage":{"@type":"Language","name":"Korean","alternateName":"ko"}}]</script>`, ""),
			meta{Title: "The story", Lang: "ko"}},
		{"JSON-LD @graph with a publisher by @id",
			page(`<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"Organization","@id":"#org","name":"Graph Outlet"},{"@type":"WebPage","@id":"https://e.com/p","url":"https://e.com/p"},{"@type":"BlogPosting","headline":"Post &amp; more","publisher":{"@id":"#org"},"mainEntityOfPage":{"@id":"https://e.com/p"},"datePublished":"2025-08-19T14:05:31+00:00"}]}</script>`, ""),
			meta{Title: "Post & more", URL: "https://e.com/p", Source: "Graph Outlet", Published: date("2025-08-19")}},
		{"JSON-LD in a WebPage's mainEntity, CDATA-wrapped",
			page(`<script type="application/ld+json"><![CDATA[{"@type":"WebPage","mainEntity":{"@type":"ReportageNewsArticle","headline":"Inside"}}]]></script>`, ""),
			meta{Title: "Inside"}},
		{"broken JSON-LD is passed over",
			page(`<script type="application/ld+json">{"@type":"NewsArticle","headline":"cut</script><script type="application/ld+json">{"@type":"NewsArticle","headline":"Second block"}</script>`, ""),
			meta{Title: "Second block"}},
		{"a date that does not parse gives way to the next source, with a warning",
			page(`<meta property="article:published_time" content="Fri, 10 Oct 2025 18:45:00 +0900"><script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2025-10-10T18:45:00+09:00"}</script>`, ""),
			meta{Published: date("2025-10-10"), Warnings: []string{`page metadata: article:published_time "Fri, 10 Oct 2025 18:45:00 +0900": want YYYY-MM-DD or an RFC 3339 time such as 2025-03-12T09:30:00+09:00; not used`}}},
		{"an RFC 3339 time counts in its own zone",
			page(`<meta property="article:published_time" content="2025-10-16T23:30:00-07:00">`, ""),
			meta{Published: date("2025-10-16")}},
		{"relative URLs do not count",
			page(`<meta property="og:url" content="/news/1"><link rel="canonical" href="https://e.com/news/1">`, ""),
			meta{URL: "https://e.com/news/1"}},
		{"name= instead of property=, the first of each",
			page(`<meta name="og:title" content="First"><meta property="og:title" content="Second">`, ""),
			meta{Title: "First"}},
		{"nothing", page("", "<p>Text.</p>"), meta{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := htmlDoc(File{Path: "p.html", Name: "p", Format: HTML}, []byte(tt.html))
			if d.Err != nil {
				t.Fatal(d.Err)
			}
			got := meta{Title: d.Title, URL: d.URL, Source: d.Source, Lang: d.Lang, Published: d.Published}
			for _, w := range d.Warnings {
				if w != "no article text found in the page" {
					got.Warnings = append(got.Warnings, w)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("page metadata mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// article is a page whose article readability finds: enough paragraphs
// of prose among the page's furniture.
func article(head, paras string) string {
	return page(head, `<nav><a href="/">Home</a> <a href="/business/">Business</a></nav>`+
		`<article><h1>The headline</h1><div class="body">`+paras+`</div></article>`+
		`<aside class="related"><h2>Related stories</h2><ul><li><a href="/a">Lee Jae-yong met Jensen Huang in Seoul</a></li></ul></aside>`+
		`<footer><p>Copyright 2025 Outlet. All rights reserved.</p></footer>`)
}

// prose is three paragraphs of an article.
const prose = `<p>Kakao CEO Chung Shin-a met OpenAI CEO Sam Altman in Seoul on Tuesday to discuss a partnership on artificial intelligence services for Korean users, the companies said.</p>
<h2>A second section</h2>
<p>The two executives talked for about an hour at Kakao's office in Pangyo, south of Seoul, and agreed to meet again in San Francisco next month to sign the agreement.</p>
<ul><li>First point of the list.</li><li>Second point of the list.</li></ul>
<p>Kakao shares rose 3 percent in Seoul trading after the announcement, while the broader market was little changed for the day.</p>`

// TestHTMLText: the article's text alone, with its blocks: paragraphs
// and headings one blank line apart, list items one a line.
func TestHTMLText(t *testing.T) {
	want := `Kakao CEO Chung Shin-a met OpenAI CEO Sam Altman in Seoul on Tuesday to discuss a partnership on artificial intelligence services for Korean users, the companies said.

A second section

The two executives talked for about an hour at Kakao's office in Pangyo, south of Seoul, and agreed to meet again in San Francisco next month to sign the agreement.

First point of the list.
Second point of the list.

Kakao shares rose 3 percent in Seoul trading after the announcement, while the broader market was little changed for the day.
`
	tests := []struct{ name, html string }{
		{"plain", article("<title>The headline</title>", prose)},
		{"a link-only paragraph and a labelled one are dropped",
			article("<title>The headline</title>", strings.Replace(prose, "<h2>", `<p><a href="/b">Samsung's Lee met Nvidia's Huang</a></p><p>READ MORE: <a href="/c">SK's Chey met Microsoft's Nadella</a></p><h2>`, 1))},
		{"a cookie notice beside the article is dropped",
			strings.Replace(article("<title>The headline</title>", prose), "<nav>", `<div id="cookie-law-info-bar"><span>This website uses cookies to improve your experience. We'll assume you're ok with this, but you can opt-out if you wish.</span></div><nav>`, 1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := htmlDoc(File{Path: "p.html", Name: "p", Format: HTML}, []byte(tt.html))
			if d.Err != nil {
				t.Fatal(d.Err)
			}
			if diff := cmp.Diff(want, string(d.Text)); diff != "" {
				t.Errorf("text mismatch (-want +got):\n%s", diff)
			}
		})
	}
	// a paragraph with a link in its prose stays
	d := htmlDoc(File{Path: "p.html", Name: "p", Format: HTML}, []byte(article("", strings.Replace(prose, "Kakao shares", `<a href="/k">Kakao</a> shares`, 1))))
	if !bytes.Contains(d.Text, []byte("Kakao shares rose 3 percent")) {
		t.Errorf("a paragraph with a link was dropped:\n%s", d.Text)
	}
}

// koPage is a Korean article page with its <meta> charset declaration.
func koPage(charsetMeta, pad string) string {
	return "<!DOCTYPE html><html lang=\"ko\"><head>" + pad + charsetMeta + "<title>카카오, 오픈AI와 협력</title></head><body><article>" +
		"<p>정신아 카카오 대표는 4일 서울에서 샘 알트먼 오픈AI 최고경영자(CEO)를 만나 인공지능 서비스 협력 방안을 논의했다고 밝혔다.</p>" +
		"<p>두 회사는 카카오의 메신저와 오픈AI의 언어 모델을 결합한 새 서비스를 올해 안에 내놓기로 했다. 카카오는 한국어 데이터를 제공한다.</p>" +
		"<p>업계에서는 이번 협력이 국내 인공지능 시장의 판도를 바꿀 수 있다고 보고 있다. 카카오 주가는 이날 3% 올랐다.</p>" +
		"</article></body></html>"
}

// TestHTMLCharset: a page in EUC-KR (the <meta> near the top, or after a
// long <head>) reads as the same text as the page in UTF-8; a page that
// declares nothing is UTF-8 when it is, else windows-1252 with a warning.
func TestHTMLCharset(t *testing.T) {
	enc := func(s string) []byte {
		b, err := korean.EUCKR.NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	pad := "<script>" + strings.Repeat("var x = 1; // padding\n", 100) + "</script>"
	ref := htmlDoc(File{Path: "utf8.html", Name: "p", Format: HTML}, []byte(koPage(`<meta charset="utf-8">`, "")))
	if !bytes.Contains(ref.Text, []byte("정신아 카카오 대표는")) {
		t.Fatalf("the UTF-8 page's text: %q", ref.Text)
	}
	tests := []struct {
		name string
		raw  []byte
		warn string
	}{
		{"meta charset euc-kr", enc(koPage(`<meta charset="euc-kr">`, "")), ""},
		{"http-equiv ks_c_5601-1987", enc(koPage(`<meta http-equiv="Content-Type" content="text/html; charset=ks_c_5601-1987">`, "")), ""},
		{"meta after 1024 bytes", enc(koPage(`<meta charset="EUC-KR">`, pad)), ""},
		{"no meta, UTF-8", []byte(koPage("", pad)), ""},
		{"UTF-8 BOM", append([]byte("\ufeff"), koPage("", "")...), ""},
		{"no meta, not UTF-8", enc(koPage("", "")), "read as windows-1252"},
		{"stale late meta, UTF-8", []byte(koPage(`<meta charset="euc-kr">`, pad)), "is valid UTF-8: read as UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := htmlDoc(File{Path: "p.html", Name: "p", Format: HTML}, tt.raw)
			if d.Err != nil {
				t.Fatal(d.Err)
			}
			if !utf8.Valid(d.Text) {
				t.Errorf("text is not UTF-8")
			}
			if tt.warn != "" {
				if len(d.Warnings) != 1 || !strings.Contains(d.Warnings[0], tt.warn) {
					t.Errorf("warnings %q, want one saying %q", d.Warnings, tt.warn)
				}
				if strings.Contains(tt.warn, "UTF-8") && !bytes.Equal(ref.Text, d.Text) {
					t.Errorf("text mismatch:\n%s", cmp.Diff(string(ref.Text), string(d.Text)))
				}
				return
			}
			if len(d.Warnings) != 0 {
				t.Errorf("warnings %q", d.Warnings)
			}
			if diff := cmp.Diff(string(ref.Text), string(d.Text)); diff != "" {
				t.Errorf("text mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestHTMLPathological: a page nested 100,000 deep is refused at once
// (golang.org/x/net/html stops at 512 open elements), not parsed for
// minutes; a page without text has none, with a warning.
func TestHTMLPathological(t *testing.T) {
	deep := "<html><body>" + strings.Repeat("<div>", 100000) + "Text." + strings.Repeat("</div>", 100000) + "</body></html>"
	start := time.Now()
	d := htmlDoc(File{Path: "deep.html", Name: "deep", Format: HTML}, []byte(deep))
	if d.Err == nil || !strings.Contains(d.Err.Error(), "read deep.html: not a page kg can read: html: open stack of elements exceeds 512 nodes") {
		t.Errorf("deep page: error %v", d.Err)
	}
	if el := time.Since(start); el > 10*time.Second {
		t.Errorf("deep page took %s", el)
	}
	d = htmlDoc(File{Path: "empty.html", Name: "empty", Format: HTML}, []byte(page("<title>Nothing</title>", `<img src="x.png">`)))
	if d.Err != nil || len(d.Text) != 0 || !cmp.Equal(d.Warnings, []string{"no article text found in the page"}) {
		t.Errorf("no text: err %v, text %q, warnings %q", d.Err, d.Text, d.Warnings)
	}
}

// FuzzHTML feeds arbitrary bytes to the HTML reader: it never panics,
// and the text and metadata it returns are valid UTF-8. The seeds are
// small on purpose: the fuzzer minimizes every input that finds new
// code, and minimizing a whole saved page stalls it for a minute.
func FuzzHTML(f *testing.F) {
	f.Add([]byte(page(`<meta property="og:title" content="T"><link rel="canonical" href="https://e.com/a">`, "<article><h1>T</h1><p>Kim met Lee.</p><p>Then <a href=x>this</a>.</p></article><footer>f</footer>")))
	f.Add([]byte("<meta charset=euc-kr><p>\xc1\xa4\xbd\xc5\xbe\xc6</p>"))
	f.Add([]byte("<html><head><meta charset=\"euc-kr\"></head><body><p>\xb0\xa1\xff\xfe</p></body></html>"))
	f.Add([]byte(`<script type="application/ld+json">[{"@graph":[{"@type":"NewsArticle","publisher":{"@id":"x"}}]}]</script>`))
	f.Add([]byte("\xef\xbb\xbf<p>a</p>"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		d := htmlDoc(File{Path: "f.html", Name: "f", Format: HTML}, raw)
		if d.Err != nil {
			return
		}
		for what, s := range map[string]string{"text": string(d.Text), "title": d.Title, "url": d.URL, "source": d.Source, "lang": d.Lang, "id": d.ID} {
			if !utf8.ValidString(s) {
				t.Fatalf("%s %q is not valid UTF-8", what, s)
			}
		}
		if d.ID == "" {
			t.Fatal("no id")
		}
	})
}
