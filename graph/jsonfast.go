package graph

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// A hand-written writer for one node or relationship, for the value kinds
// kg's properties hold (strings, string lists, integers, booleans). It
// writes the bytes encoding/json's Encoder writes with SetEscapeHTML(false)
// and SetIndent("  ", " ") for an element of the top-level arrays, about
// five times faster; a value of any other kind makes it report false, and
// the caller falls back to encoding/json.

// appendItem appends the JSON of a *Node, *Relationship, *cNode or *cRel.
func appendItem(b []byte, item any) ([]byte, bool) {
	switch x := item.(type) {
	case *Node:
		return appendNode(b, x.ID, x.Labels, mapProps(x.Properties), x.Properties == nil)
	case *cNode:
		return appendNode(b, x.id, x.labels, x.props, false)
	case *Relationship:
		return appendRel(b, x.ID, x.Type, x.StartNode, x.EndNode, mapProps(x.Properties), x.Properties == nil)
	case *cRel:
		return appendRel(b, x.id, x.typ, x.start, x.end, x.props, false)
	}
	return b, false
}

// mapProps returns p as props sorted by key, as encoding/json orders a
// map's keys.
func mapProps(p map[string]any) props {
	out := make(props, 0, len(p))
	for k, v := range p {
		out = append(out, prop{k, v})
	}
	slices.SortFunc(out, func(a, b prop) int { return strings.Compare(a.key, b.key) })
	return out
}

func appendNode(b []byte, id string, labels []string, ps props, nilProps bool) ([]byte, bool) {
	b = append(b, '{')
	b = appendField(b, "id", 1)
	b = appendJSONString(b, id)
	b = append(b, ',')
	b = appendField(b, "labels", 1)
	b = appendStrings(b, labels, 1)
	b = append(b, ',')
	b = appendField(b, "properties", 1)
	b, ok := appendProps(b, ps, nilProps, 1)
	b = appendIndent(b, 0)
	return append(b, '}'), ok
}

func appendRel(b []byte, id, typ, start, end string, ps props, nilProps bool) ([]byte, bool) {
	b = append(b, '{')
	for _, f := range [...]struct{ k, v string }{{"id", id}, {"type", typ}, {"startNode", start}, {"endNode", end}} {
		b = appendField(b, f.k, 1)
		b = appendJSONString(b, f.v)
		b = append(b, ',')
	}
	b = appendField(b, "properties", 1)
	b, ok := appendProps(b, ps, nilProps, 1)
	b = appendIndent(b, 0)
	return append(b, '}'), ok
}

// appendIndent starts a new line at depth: the element prefix and one
// space a level.
func appendIndent(b []byte, depth int) []byte {
	b = append(b, '\n', ' ', ' ')
	for range depth {
		b = append(b, ' ')
	}
	return b
}

func appendField(b []byte, key string, depth int) []byte {
	b = appendIndent(b, depth)
	b = appendJSONString(b, key)
	return append(b, ':', ' ')
}

func appendStrings(b []byte, ss []string, depth int) []byte {
	if ss == nil {
		return append(b, "null"...)
	}
	if len(ss) == 0 {
		return append(b, '[', ']')
	}
	b = append(b, '[')
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendIndent(b, depth+1)
		b = appendJSONString(b, s)
	}
	b = appendIndent(b, depth)
	return append(b, ']')
}

func appendProps(b []byte, ps props, isNil bool, depth int) ([]byte, bool) {
	if isNil {
		return append(b, "null"...), true
	}
	if len(ps) == 0 {
		return append(b, '{', '}'), true
	}
	b = append(b, '{')
	for i, p := range ps {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendField(b, p.key, depth+1)
		switch v := p.val.(type) {
		case string:
			b = appendJSONString(b, v)
		case []string:
			b = appendStrings(b, v, depth+1)
		case int64:
			b = strconv.AppendInt(b, v, 10)
		case int:
			b = strconv.AppendInt(b, int64(v), 10)
		case bool:
			b = strconv.AppendBool(b, v)
		case nil:
			b = append(b, "null"...)
		default:
			return b, false
		}
	}
	b = appendIndent(b, depth)
	return append(b, '}'), true
}

const hexDigits = "0123456789abcdef"

// appendJSONString quotes s as encoding/json does without HTML escaping:
// invalid UTF-8 becomes U+FFFD, U+2028 and U+2029 are escaped.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
