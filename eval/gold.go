// Package eval scores an extracted graph against a hand-written gold
// annotation of one document (testdata/docs/*.gold.yaml).
//
// The matching rules are the ones stated in the gold files' header:
// entities match by name or alias (case-insensitively, spaces and hyphens
// ignored) when their types agree; roles match on (person, org) and their
// titles are scored separately; meetings are scored as unordered person
// pairs and partnerships as unordered organization pairs.
package eval

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"
)

// Gold entity types.
const (
	PersonType = "PERSON"
	OrgType    = "ORGANIZATION"
)

// RoleFormer is the gold role status of a title the person no longer holds.
const RoleFormer = "former"

// Gold is one document's gold annotation.
type Gold struct {
	Document      Document `yaml:"document"`
	Entities      []Entity `yaml:"entities"`
	Roles         []Role   `yaml:"roles"`
	OptionalRoles []Role   `yaml:"optional_roles"`
	// OptionalEntities are stated but not scored either way (a place-like
	// body such as the EU): a node that matches one is no false positive.
	OptionalEntities []Entity      `yaml:"optional_entities"`
	Meetings         []Meeting     `yaml:"meetings"`
	Partnerships     []Partnership `yaml:"partnerships"`
	// Other holds stated facts beyond the scored kinds; any keys are
	// accepted here, and nothing in it is scored.
	Other map[string]any `yaml:"other"`
}

// Document describes the annotated text.
type Document struct {
	// ID is the kg document id (corpus gold files: which document of the
	// corpus graph this annotates).
	ID        string   `yaml:"id"`
	Title     string   `yaml:"title"`
	Outlet    string   `yaml:"outlet"`
	Author    string   `yaml:"author"`
	Published string   `yaml:"published"`
	Languages []string `yaml:"languages"`
}

// Entity is a gold person or organization.
type Entity struct {
	Name    string   `yaml:"name"`
	Type    string   `yaml:"type"` // PersonType or OrgType
	Aliases []string `yaml:"aliases"`
	Note    string   `yaml:"note"`
}

// Role is a gold (person, org) pair with the accepted titles: Title or any
// of Also. Person and Org are gold entity names (for optional roles, Org
// may name something that is not an entity).
type Role struct {
	Person string   `yaml:"person"`
	Title  string   `yaml:"title"`
	Org    string   `yaml:"org"`
	Also   []string `yaml:"also"`
	// Status is "former" when the text says the person no longer holds
	// the title ("former CEO", "전 회장"); empty means current.
	Status   string `yaml:"status"`
	Evidence string `yaml:"evidence"`
	Note     string `yaml:"note"`
}

// Meeting is one gold meeting; every pair of its participants met.
type Meeting struct {
	Participants []string `yaml:"participants"`
	Place        string   `yaml:"place"`
	Date         string   `yaml:"date"`
	Kind         string   `yaml:"kind"`
	Evidence     string   `yaml:"evidence"`
	Note         string   `yaml:"note"`
}

// Partnership is one gold pair of partnering organizations.
type Partnership struct {
	Orgs     []string `yaml:"orgs"`
	Evidence string   `yaml:"evidence"`
	Note     string   `yaml:"note"`
}

// HasLanguage reports whether the document lists language code lang.
func (g *Gold) HasLanguage(lang string) bool {
	for _, l := range g.Document.Languages {
		if strings.EqualFold(l, lang) {
			return true
		}
	}
	return false
}

// MeetingPairs returns the unordered person pairs of all gold meetings,
// deduplicated, each as [2]string in byte order, sorted.
func (g *Gold) MeetingPairs() [][2]string {
	set := map[[2]string]bool{}
	for _, m := range g.Meetings {
		for i := range m.Participants {
			for j := i + 1; j < len(m.Participants); j++ {
				set[pairKey(m.Participants[i], m.Participants[j])] = true
			}
		}
	}
	return sortedPairs(set)
}

// LoadGold reads and checks a gold YAML file. Unknown keys are an error
// except under `other`; errors name the file and, where known, the line.
func LoadGold(path string) (*Gold, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("load gold: %w", err)
	}
	return ParseGold(path, data)
}

// ParseGold decodes gold YAML; name is used in error messages.
func ParseGold(name string, data []byte) (*Gold, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var g Gold
	if err := dec.Decode(&g); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("%s: empty gold file", name)
		}
		return nil, yamlError(name, err)
	}
	if err := g.check(); err != nil {
		var ce *checkError
		if errors.As(err, &ce) {
			if line := itemLine(data, ce.section, ce.index); line > 0 {
				return nil, fmt.Errorf("%s:%d: %s", name, line, ce.msg)
			}
			return nil, fmt.Errorf("%s: %s", name, ce.msg)
		}
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return &g, nil
}

var yamlLineRE = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)

// yamlError rewrites yaml.v3's "line N: msg" errors as "file:N: msg".
func yamlError(name string, err error) error {
	var lines []string
	var te *yaml.TypeError
	if errors.As(err, &te) {
		lines = te.Errors
	} else {
		lines = []string{err.Error()}
	}
	var msgs []string
	for _, l := range lines {
		if m := yamlLineRE.FindStringSubmatch(l); m != nil {
			msgs = append(msgs, fmt.Sprintf("%s:%s: %s", name, m[1], m[2]))
		} else {
			msgs = append(msgs, fmt.Sprintf("%s: %s", name, strings.TrimPrefix(l, "yaml: ")))
		}
	}
	return errors.New(strings.Join(msgs, "\n"))
}

// checkError is a semantic error in one item of a gold section.
type checkError struct {
	section string
	index   int
	msg     string
}

func (e *checkError) Error() string { return e.msg }

func errAt(section string, index int, format string, args ...any) error {
	return &checkError{section: section, index: index, msg: fmt.Sprintf("%s[%d]: ", section, index) + fmt.Sprintf(format, args...)}
}

// check verifies that names are unique and that roles, meetings and
// partnerships refer to gold entities of the right type.
func (g *Gold) check() error {
	types := map[string]string{}
	keys := map[string]string{}
	for i, e := range g.Entities {
		if strings.TrimSpace(e.Name) == "" {
			return errAt("entities", i, "empty name")
		}
		if e.Type != PersonType && e.Type != OrgType {
			return errAt("entities", i, "type %q, want %s or %s", e.Type, PersonType, OrgType)
		}
		k := normName(e.Name)
		if prev, ok := keys[k]; ok {
			return errAt("entities", i, "name %q repeats entity %q", e.Name, prev)
		}
		keys[k] = e.Name
		types[e.Name] = e.Type
	}
	want := func(section string, i int, name, typ, what string) error {
		t, ok := types[name]
		if !ok {
			return errAt(section, i, "%s %q is not a gold entity", what, name)
		}
		if t != typ {
			return errAt(section, i, "%s %q is a %s, want %s", what, name, t, typ)
		}
		return nil
	}
	for i, r := range g.Roles {
		if err := want("roles", i, r.Person, PersonType, "person"); err != nil {
			return err
		}
		if err := want("roles", i, r.Org, OrgType, "org"); err != nil {
			return err
		}
		if strings.TrimSpace(r.Title) == "" {
			return errAt("roles", i, "empty title")
		}
		if r.Status != "" && r.Status != RoleFormer {
			return errAt("roles", i, "status %q, want %q or none", r.Status, RoleFormer)
		}
	}
	for i, r := range g.OptionalRoles {
		if strings.TrimSpace(r.Person) == "" || strings.TrimSpace(r.Org) == "" {
			return errAt("optional_roles", i, "person and org are required")
		}
	}
	for i, m := range g.Meetings {
		if len(m.Participants) < 2 {
			return errAt("meetings", i, "%d participants, want at least 2", len(m.Participants))
		}
		seen := map[string]bool{}
		for _, p := range m.Participants {
			if err := want("meetings", i, p, PersonType, "participant"); err != nil {
				return err
			}
			if seen[p] {
				return errAt("meetings", i, "participant %q listed twice", p)
			}
			seen[p] = true
		}
	}
	for i, p := range g.Partnerships {
		if len(p.Orgs) != 2 {
			return errAt("partnerships", i, "%d orgs, want 2", len(p.Orgs))
		}
		for _, o := range p.Orgs {
			if err := want("partnerships", i, o, OrgType, "org"); err != nil {
				return err
			}
		}
		if p.Orgs[0] == p.Orgs[1] {
			return errAt("partnerships", i, "org %q partners with itself", p.Orgs[0])
		}
	}
	return nil
}

// itemLine finds the line of item index of the top-level sequence section.
func itemLine(data []byte, section string, index int) int {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil || len(root.Content) == 0 {
		return 0
	}
	m := root.Content[0]
	if m.Kind != yaml.MappingNode {
		return 0
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value != section {
			continue
		}
		seq := m.Content[i+1]
		if seq.Kind == yaml.SequenceNode && index < len(seq.Content) {
			return seq.Content[index].Line
		}
		return seq.Line
	}
	return 0
}
