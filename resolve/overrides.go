package resolve

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// Overrides are a user's decisions, which win over the automatic ones:
// each list of Same names one entity; the two names of each Different
// pair are never one. A name is a node id (person:kim-min-jun) or a name
// or alias of the nodes meant, compared without case, spaces or hyphens.
type Overrides struct {
	Same      [][]string `yaml:"same"`
	Different [][]string `yaml:"different"`
}

// LoadOverrides reads a merges.yaml file strictly: unknown keys, a list
// of fewer than two names and a pair that is both same and different are
// errors naming file:line:col.
func LoadOverrides(path string) (*Overrides, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return ParseOverrides(path, b)
}

// ParseOverrides decodes the merges.yaml text b; path names it in errors.
func ParseOverrides(path string, b []byte) (*Overrides, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(b, &root); err != nil {
		return nil, fmt.Errorf("%s:%s", path, strings.TrimPrefix(strings.Replace(err.Error(), "yaml: line ", "", 1), "yaml: "))
	}
	ov := &Overrides{}
	if len(root.Content) == 0 {
		return ov, nil
	}
	m := root.Content[0]
	if m.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s:%d:%d: want a mapping with the keys same and different", path, m.Line, m.Column)
	}
	var errs []error
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		var dst *[][]string
		switch k.Value {
		case "same":
			dst = &ov.Same
		case "different":
			dst = &ov.Different
		default:
			errs = append(errs, fmt.Errorf("%s:%d:%d: unknown key %q (want same or different)", path, k.Line, k.Column, k.Value))
			continue
		}
		if v.Kind != yaml.SequenceNode {
			errs = append(errs, fmt.Errorf("%s:%d:%d: %s: want a list of name lists", path, v.Line, v.Column, k.Value))
			continue
		}
		for _, item := range v.Content {
			var names []string
			if item.Kind != yaml.SequenceNode {
				errs = append(errs, fmt.Errorf("%s:%d:%d: %s: want a list of names, like [\"Chung Shin-a\", 정신아]", path, item.Line, item.Column, k.Value))
				continue
			}
			for _, n := range item.Content {
				if n.Kind != yaml.ScalarNode || strings.TrimSpace(n.Value) == "" {
					errs = append(errs, fmt.Errorf("%s:%d:%d: %s: want a name", path, n.Line, n.Column, k.Value))
					continue
				}
				names = append(names, strings.TrimSpace(n.Value))
			}
			if len(names) < 2 {
				errs = append(errs, fmt.Errorf("%s:%d:%d: %s: want at least two names", path, item.Line, item.Column, k.Value))
				continue
			}
			if k.Value == "different" && len(names) != 2 {
				errs = append(errs, fmt.Errorf("%s:%d:%d: different: want a pair of names", path, item.Line, item.Column))
				continue
			}
			*dst = append(*dst, names)
		}
	}
	// a pair both same and different: the same lists each name is in,
	// indexed (a file of thousands of entries is checked in its length)
	inSame := map[string][]int{}
	for i, s := range ov.Same {
		for _, n := range s {
			inSame[fold(n)] = append(inSame[fold(n)], i)
		}
	}
	for _, d := range ov.Different {
		for _, i := range inSame[fold(d[0])] {
			if slices.Contains(inSame[fold(d[1])], i) {
				errs = append(errs, fmt.Errorf("%s: %q and %q are listed both as same and as different", path, d[0], d[1]))
				break
			}
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return ov, nil
}

// fold compares names: lower case, without spaces, hyphens and dots.
func fold(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '-', '.', '\t':
			return -1
		}
		return r
	}, strings.ToLower(strings.TrimSpace(s)))
}

// overrides applies a merges.yaml: the sides of each Different pair are
// tagged so no join puts them together, then each Same list is joined.
func (u *union) overrides(ov *Overrides) []string {
	if ov == nil {
		return nil
	}
	// the atoms each name means, looked up, not searched for: a merges.yaml
	// of thousands of lines costs its length, not its length times the
	// corpus
	byName := map[string][]int{}
	for i, a := range u.atoms {
		keys := map[string]bool{a.id: true}
		for _, x := range append([]string{a.name, a.en, a.ko}, a.aliases...) {
			if f := fold(x); f != "" {
				keys[f] = true
			}
		}
		for k := range keys {
			byName[k] = append(byName[k], i)
		}
	}
	var unmatched []string
	lookup := func(n string) []int {
		if ids, ok := byName[n]; ok {
			return ids
		}
		ids := byName[fold(n)]
		if len(ids) == 0 && !slices.Contains(unmatched, n) {
			unmatched = append(unmatched, n)
		}
		return ids
	}
	for p, d := range ov.Different {
		for side, n := range d {
			for _, i := range lookup(n) {
				if u.tags[i] == nil {
					u.tags[i] = map[string]bool{}
				}
				u.tags[i][fmt.Sprintf("%d:%c", p, 'a'+side)] = true
			}
		}
	}
	for _, s := range ov.Same {
		var ids []int
		for _, n := range s {
			ids = append(ids, lookup(n)...)
		}
		slices.Sort(ids)
		ids = slices.Compact(ids)
		for _, i := range ids[min(1, len(ids)):] {
			if u.atoms[ids[0]].person == u.atoms[i].person {
				u.join(ids[0], i, "merges.yaml lists them as the same", true)
			}
		}
	}
	return unmatched
}
