package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/kg-news/kg/graph"
	"github.com/kg-news/kg/graph/graphquery"
)

// isolated returns g with every node id (and every id a property names:
// a MET's meeting, a Meeting's participants) under prefix, and " "+tok
// after every name, English or Korean name and alias, so that the shared
// server's name lookups find this test's nodes only.
func isolated(g *graph.Graph, prefix, tok string) *graph.Graph {
	out := &graph.Graph{}
	for _, n := range g.Nodes {
		p := map[string]any{}
		for k, v := range n.Properties {
			p[k] = v
		}
		for _, k := range []string{"name", "name_en", "name_ko"} {
			if s, ok := p[k].(string); ok {
				p[k] = s + " " + tok
			}
		}
		if al, ok := p["aliases"].([]string); ok {
			al = slices.Clone(al)
			for i := range al {
				al[i] += " " + tok
			}
			p["aliases"] = al
		}
		if ps, ok := p["participants"].([]string); ok {
			ps = slices.Clone(ps)
			for i := range ps {
				ps[i] = prefix + ps[i]
			}
			p["participants"] = ps
		}
		out.Nodes = append(out.Nodes, graph.Node{ID: prefix + n.ID, Labels: n.Labels, Properties: p})
	}
	for _, r := range g.Relationships {
		p := map[string]any{}
		for k, v := range r.Properties {
			p[k] = v
		}
		if m, ok := p["meeting"].(string); ok {
			p["meeting"] = prefix + m
		}
		out.Relationships = append(out.Relationships, graph.Relationship{ID: prefix + r.ID, Type: r.Type,
			StartNode: prefix + r.StartNode, EndNode: prefix + r.EndNode, Properties: p})
	}
	return graph.Merge(out)
}

// onlyPrefix keeps the Mets of a who-met JSON answer whose person asked
// about has an id under prefix, and encodes them as kg prints them: the
// server may hold other people of the same name (another test's).
func onlyPrefix(t *testing.T, out, prefix string) string {
	t.Helper()
	var ms []graphquery.Met
	if err := json.Unmarshal([]byte(out), &ms); err != nil {
		t.Fatalf("who-met output is not JSON: %v\n%s", err, out)
	}
	mine := []graphquery.Met{}
	for _, m := range ms {
		if strings.HasPrefix(m.Who.ID, prefix) {
			mine = append(mine, m)
		}
	}
	b, err := json.MarshalIndent(mine, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b) + "\n"
}

// TestOfflineMatchesNeo4j builds the seed article and the test corpus to
// graph JSON, loads each (ids under the test's prefix, names marked with
// a token) into a corpus of its own in Neo4j, and asks the same questions
// with --from and of the server: who-met for every person by every name
// and alias (English and Korean; people who met many, few and no one;
// names several people share; a name nobody has), and path for pairs of
// people and organizations, a depth too short and a missing name. Who-met
// answers and errors must be byte-identical; a path must have the same
// nodes, and each step must be the server's or, where two relationships
// join the same two nodes (the server takes either), one of those. The
// export of the server must be the export of the file.
func TestOfflineMatchesNeo4j(t *testing.T) {
	if os.Getenv("KG_NEO4J_URI") == "" {
		t.Skip("KG_NEO4J_URI is not set; run eval \"$(scripts/neo4j-dev env)\" to test against Neo4j")
	}
	for _, tc := range []struct {
		name  string
		input string
		// maxNames bounds the who-met names asked (every person is asked
		// by name and Korean name; aliases up to this count)
		maxNames int
	}{
		{"seed", filepath.Join("..", "..", "testdata", "docs", "altman-seoul-2025-02-04.txt"), 200},
		{"corpus", filepath.Join(corpusDir, "docs"), 200},
	} {
		t.Run(tc.name, func(t *testing.T) {
			prefix := neo4jTest(t)
			t.Setenv("KG_GRAPH", "")
			tok := prefix[len(prefix)-9 : len(prefix)-1]
			dir := t.TempDir()
			built := filepath.Join(dir, "built.json")
			if code, _, errs := runKG(t, "build", "-q", "--out", built, tc.input); code != exitOK {
				t.Fatalf("kg build: exit %d: %s", code, errs)
			}
			g := isolated(readGraph(t, built), prefix, tok)
			file := writeGraphJSON(t, g)
			validateGraphFile(t, file)
			if code, _, errs := runKG(t, "load", file); code != exitOK {
				t.Fatalf("kg load: exit %d: %s", code, errs)
			}

			// export: the server's part under prefix equals the file's export
			offline := filepath.Join(dir, "offline-export.json")
			if code, _, errs := runKG(t, "export", "--format", "json", "--from", file, "--out", offline); code != exitOK {
				t.Fatalf("kg export --from: exit %d: %s", code, errs)
			}
			validateGraphFile(t, offline)
			server := filepath.Join(dir, "server-export.json")
			if code, _, errs := runKG(t, "export", "--neo4j", "--format", "json", "--out", server); code != exitOK {
				t.Fatalf("kg export: exit %d: %s", code, errs)
			}
			all := readGraph(t, server)
			mine := &graph.Graph{Nodes: []graph.Node{}, Relationships: []graph.Relationship{}}
			for _, n := range all.Nodes {
				if strings.HasPrefix(n.ID, prefix) {
					mine.Nodes = append(mine.Nodes, n)
				}
			}
			for _, r := range all.Relationships {
				if strings.HasPrefix(r.StartNode, prefix) {
					mine.Relationships = append(mine.Relationships, r)
				}
			}
			off, err := os.ReadFile(offline)
			if err != nil {
				t.Fatal(err)
			}
			got := encodeString(t, mine)
			if err := validateGraph(t, []byte(got)); err != nil {
				t.Errorf("kg export from the server, this test's part, does not follow the schema:\n%v", err)
			}
			if got != string(off) {
				t.Fatalf("kg export from the server, this test's part, differs from kg export --from:\n%s", firstDifference(string(off), got))
			}
			if src, _ := os.ReadFile(file); string(src) != string(off) {
				t.Errorf("kg export --from differs from the file it read:\n%s", firstDifference(string(src), string(off)))
			}

			// who-met: every person, by name, Korean name and aliases
			var names []string
			seen := map[string]bool{}
			add := func(s string) {
				if k := strings.ToLower(s); s != "" && !seen[k] {
					seen[k] = true
					names = append(names, s)
				}
			}
			var aliases []string
			for _, n := range g.Nodes {
				if !slices.Contains(n.Labels, graph.Person) {
					continue
				}
				for _, k := range []string{"name", "name_ko"} {
					s, _ := n.Properties[k].(string)
					add(s)
				}
				al, _ := n.Properties["aliases"].([]string)
				aliases = append(aliases, al...)
			}
			for _, s := range aliases {
				if len(names) < tc.maxNames {
					add(s)
				}
			}
			add("Nobody Here " + tok)
			for _, n := range g.Nodes {
				if slices.Contains(n.Labels, graph.Person) {
					add(n.ID) // by id
					break
				}
			}
			stats := map[string]int{}
			for i, name := range names {
				args := []string{"who-met", name, "--format", "json"}
				sc, so, se := runKG(t, append(args, "--neo4j")...)
				oc, oo, oe := runKG(t, append(args, "--from", file)...)
				if sc != oc || se != oe {
					t.Errorf("who-met %q: server exit %d %q, --from exit %d %q", name, sc, se, oc, oe)
					continue
				}
				if sc != exitOK {
					stats["errors"]++
					continue
				}
				if so != oo {
					if so2 := onlyPrefix(t, so, prefix); so2 != oo {
						t.Errorf("who-met %q --format json: server and --from differ (-server +from):\n%s", name, cmp.Diff(so2, oo))
						continue
					}
					stats["identical after dropping other tests' people"]++
				} else {
					stats["identical"]++
					if i%10 == 0 {
						_, st, _ := runKG(t, "who-met", name, "--neo4j")
						_, ot, _ := runKG(t, "who-met", name, "--from", file)
						if st != ot {
							t.Errorf("who-met %q: the same answer, printed differently (-server +from):\n%s", name, cmp.Diff(st, ot))
						}
					}
				}
				var ms []graphquery.Met
				json.Unmarshal([]byte(oo), &ms)
				who := map[string]bool{}
				for _, m := range ms {
					who[m.Who.ID] = true
				}
				switch {
				case len(ms) == 0:
					stats["met no one"]++
				case len(who) > 1:
					stats["several people of that name"]++
				}
			}
			t.Logf("who-met: %d names: %v", len(names), stats)
			if stats["identical"] < len(names)/2 {
				t.Errorf("who-met: %d byte-identical answers of %d", stats["identical"], len(names))
			}
			if stats["errors"] != 1 {
				t.Errorf("who-met: %d names not found, want 1 (the made-up one)", stats["errors"])
			}

			// path: pairs of people and organizations that a chain joins
			// (the offline answer picks them; the server must agree), by
			// name, Korean name and id; pairs too far apart for the depth;
			// a missing name
			var ends []graph.Node
			for _, n := range g.Nodes {
				if slices.Contains(n.Labels, graph.Person) || slices.Contains(n.Labels, graph.Organization) {
					ends = append(ends, n)
				}
			}
			name := func(n graph.Node, i int) string {
				switch i % 3 {
				case 0:
					return n.ID
				case 1:
					if s, _ := n.Properties["name_ko"].(string); s != "" {
						return s
					}
				}
				s, _ := n.Properties["name"].(string)
				return s
			}
			q := graphquery.New(g)
			type query struct{ from, to, depth string }
			var qs []query
			far := 0
			for i := 0; i < len(ends)*len(ends) && len(qs) < 40; i++ {
				a, b := ends[i%len(ends)], ends[(i*7+i/len(ends)+1)%len(ends)]
				p, err := q.ShortestPath(a.ID, b.ID, 6)
				switch {
				case err == nil && len(p.Steps) >= 2 && i%4 == 3 && far < 3:
					far++
					qs = append(qs, query{name(a, i), name(b, i+1), "1"}) // too short
				case err == nil && len(p.Steps) >= 2:
					qs = append(qs, query{name(a, i), name(b, i+1), "6"})
				case err == nil && len(p.Steps) == 1 && len(qs)%5 == 0:
					qs = append(qs, query{name(a, i), name(b, i+1), "6"})
				}
			}
			// two nodes that two relationships join (two meetings): the
			// server takes either
			joins := map[[2]string]int{}
			for _, r := range g.Relationships {
				joins[[2]string{min(r.StartNode, r.EndNode), max(r.StartNode, r.EndNode)}]++
			}
			for _, r := range g.Relationships {
				if k := [2]string{min(r.StartNode, r.EndNode), max(r.StartNode, r.EndNode)}; joins[k] > 1 {
					joins[k] = 0
					qs = append(qs, query{k[0], k[1], "6"}, query{k[1], k[0], "6"})
				}
			}
			qs = append(qs, query{name(ends[0], 2), "Nobody Here " + tok, "6"}, query{"Nobody Here " + tok, name(ends[1], 2), "6"})
			pstats := map[string]int{}
			for _, qq := range qs {
				args := []string{"path", qq.from, qq.to, "--max-depth", qq.depth}
				sc, so, se := runKG(t, append(args, "--format", "json", "--neo4j")...)
				oc, oo, oe := runKG(t, append(args, "--format", "json", "--from", file)...)
				_, sot, _ := runKG(t, append(args, "--neo4j")...)
				_, oot, _ := runKG(t, append(args, "--from", file)...)
				switch {
				case sc != oc || se != oe:
					t.Errorf("path %q %q: server exit %d %q, --from exit %d %q", qq.from, qq.to, sc, se, oc, oe)
				case sc != exitOK:
					pstats["the same error"]++
				case so == oo:
					pstats["identical"]++
					if sot != oot {
						t.Errorf("path %q %q: the same path, printed differently (-server +from):\n%s", qq.from, qq.to, cmp.Diff(sot, oot))
					}
				default:
					d := pathEquivalent(g, so, oo)
					if d == "" {
						d = "the same nodes through another of two relationships between two of them"
					}
					t.Errorf("path %q %q: server and --from differ: %s\nserver: %s\n--from: %s", qq.from, qq.to, d, so, oo)
				}
			}
			t.Logf("path: %d pairs: %v", len(qs), pstats)
			if pstats["identical"] < 20 {
				t.Errorf("path: %d identical answers, want at least 20", pstats["identical"])
			}
		})
	}
}

// pathEquivalent compares two path answers of kg path --format json: the
// same nodes, and for each step the same relationship or another of g
// that joins the same two nodes. It returns what differs, or "".
func pathEquivalent(g *graph.Graph, server, offline string) string {
	var a, b graphquery.Path
	if err := json.Unmarshal([]byte(server), &a); err != nil {
		return err.Error()
	}
	if err := json.Unmarshal([]byte(offline), &b); err != nil {
		return err.Error()
	}
	if d := cmp.Diff(a.Nodes, b.Nodes); d != "" {
		return "nodes (-server +from):\n" + d
	}
	js := func(s graphquery.Step) string { b, _ := json.Marshal(s); return string(b) }
	for i, s := range a.Steps {
		if js(s) == js(b.Steps[i]) {
			continue
		}
		x, y := a.Nodes[i].ID, a.Nodes[i+1].ID
		found := false
		for _, r := range g.Relationships {
			if r.StartNode == x && r.EndNode == y || r.StartNode == y && r.EndNode == x {
				found = found || js(graphquery.Step{Type: r.Type, Forward: r.StartNode == x, Properties: r.Properties}) == js(s)
			}
		}
		if !found {
			return fmt.Sprintf("step %d: the server's is no relationship between %s and %s", i, x, y)
		}
	}
	return ""
}
