package rules

import (
	"fmt"
	"io"
	"reflect"
	"regexp"
	"sort"
	"strings"

	"github.com/kg-news/kg/internal/ac"
)

// Dump writes the compiled set as text, one value per line, in a stable
// order (maps by key): every entity, title, trigger, pattern (its
// expanded regular expression and the facts derived from it), keyword
// with its meanings, and lexicon table; examples and positions are left
// out. The golden dump of the default
// rules (rules/testdata/default.dump) shows in review what a change to a
// rule file or to Compile does to the set; `kg rules dump` prints it.
//
// It walks the Set by reflection so that a field added to Set is dumped
// without a change here; the automaton is left out (it is built from
// Words, which are dumped).
func (s *Set) Dump(w io.Writer) error {
	d := dumper{w: w}
	d.value("", reflect.ValueOf(s).Elem())
	return d.err
}

type dumper struct {
	w   io.Writer
	err error
}

// dumpSkips are fields the dump leaves out: examples and positions,
// which move whenever a rule file gains a line, and the collisions, which
// `kg rules check` reports.
var dumpSkips = map[string]bool{"Examples": true, "LexiconExamples": true, "Pos": true, "Collisions": true}

var (
	regexpType  = reflect.TypeOf((*regexp.Regexp)(nil))
	matcherType = reflect.TypeOf((*ac.Matcher)(nil))
)

func (d *dumper) line(path string, v any) {
	if d.err == nil {
		_, d.err = fmt.Fprintf(d.w, "%s = %v\n", path, v)
	}
}

func (d *dumper) value(path string, v reflect.Value) {
	switch v.Type() {
	case regexpType:
		if !v.IsNil() {
			d.line(path, fmt.Sprintf("%q", v.Interface().(*regexp.Regexp).String()))
		}
		return
	case matcherType:
		return
	}
	switch v.Kind() {
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			if !t.Field(i).IsExported() || dumpSkips[t.Field(i).Name] {
				continue
			}
			p := t.Field(i).Name
			if t.Field(i).Anonymous {
				p = ""
			}
			d.value(join(path, p), v.Field(i))
		}
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			d.value(path, v.Elem())
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			d.value(fmt.Sprintf("%s[%d]", path, i), v.Index(i))
		}
	case reflect.Map:
		keys := v.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return fmt.Sprint(keys[i]) < fmt.Sprint(keys[j]) })
		for _, k := range keys {
			d.value(fmt.Sprintf("%s[%q]", path, fmt.Sprint(k)), v.MapIndex(k))
		}
	case reflect.String:
		d.line(path, fmt.Sprintf("%q", v.String()))
	case reflect.Func, reflect.Chan, reflect.UnsafePointer:
	default:
		d.line(path, v.Interface())
	}
}

func join(path, name string) string {
	switch {
	case name == "":
		return path
	case path == "":
		return name
	}
	return path + "." + name
}

// DumpString is Dump into a string.
func (s *Set) DumpString() string {
	var b strings.Builder
	_ = s.Dump(&b)
	return b.String()
}
