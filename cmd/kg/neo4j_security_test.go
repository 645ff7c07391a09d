package main

import (
	"bytes"
	"context"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kg-news/kg/graph"
	"github.com/kg-news/kg/graph/neo4jsink"
	"github.com/kg-news/kg/rules"
)

// TestSecureSchemesAccepted: bolt+s, neo4j+s and their +ssc forms are valid
// settings; connecting to a closed port with them is a runtime error (exit
// 1) that names the server, not a configuration error.
func TestSecureSchemesAccepted(t *testing.T) {
	g := writeGraphJSON(t, &graph.Graph{})
	for _, scheme := range []string{"bolt+s", "neo4j+s", "bolt+ssc", "neo4j+ssc"} {
		t.Run(scheme, func(t *testing.T) {
			clearNeo4jEnv(t)
			t.Chdir(t.TempDir())
			uri := scheme + "://db.example.com:7687"
			t.Setenv("KG_NEO4J_URI", uri)
			code, out, errs := runKG(t, "config")
			if code != exitOK || !strings.Contains(out, `uri: "`+uri+`"`) {
				t.Errorf("kg config with %s: exit %d, %q %q", uri, code, out, errs)
			}
			closed := scheme + "://127.0.0.1:1"
			start := time.Now()
			code, _, errs = runKG(t, "load", "--neo4j-uri", closed, "--neo4j-timeout", "3s", g)
			if code != exitRuntime || !strings.Contains(errs, "neo4j at "+closed+": server unreachable") {
				t.Errorf("kg load --neo4j-uri %s: exit %d, %q; want 1 and the server unreachable", closed, code, errs)
			}
			if d := time.Since(start); d > 15*time.Second {
				t.Errorf("took %s to fail", d)
			}
		})
	}
}

// TestTLSToPlainServer: bolt+s to a server without TLS fails with the
// driver's hint to check TLS, naming the server.
func TestTLSToPlainServer(t *testing.T) {
	neo4jTest(t)
	u, err := url.Parse(os.Getenv("KG_NEO4J_URI"))
	if err != nil || u.Scheme != "bolt" {
		t.Skipf("KG_NEO4J_URI %q is not a plain bolt:// server", os.Getenv("KG_NEO4J_URI"))
	}
	tls := "bolt+s://" + u.Host
	code, _, errs := runKG(t, "load", "--neo4j-uri", tls, "--neo4j-timeout", "5s", writeGraphJSON(t, &graph.Graph{}))
	if code != exitRuntime || !strings.Contains(errs, "neo4j at "+tls) || !strings.Contains(errs, "TLS") {
		t.Errorf("exit %d, %q; want 1, the server and a word on TLS", code, errs)
	}
}

// TestUnreachableHostMessages: a closed port and a host that does not exist
// each give a message that names the server and says what happened.
func TestUnreachableHostMessages(t *testing.T) {
	g := writeGraphJSON(t, &graph.Graph{})
	for _, tt := range []struct{ uri, want string }{
		{"bolt://127.0.0.1:1", "connection refused"},
		{"bolt://kg-no-such-host.invalid:7687", "kg-no-such-host.invalid"},
	} {
		start := time.Now()
		code, _, errs := runKG(t, "load", "--neo4j-uri", tt.uri, "--neo4j-timeout", "3s", g)
		if code != exitRuntime || !strings.Contains(errs, "neo4j at "+tt.uri+": server unreachable") || !strings.Contains(errs, tt.want) {
			t.Errorf("%s: exit %d, %q; want 1, unreachable and %q", tt.uri, code, errs, tt.want)
		}
		if d := time.Since(start); d > 15*time.Second {
			t.Errorf("%s: took %s to fail", tt.uri, d)
		}
	}
}

// TestPasswordNeverPrinted runs kg with a password from the environment and
// from a file, against settings and servers that fail in every way it can
// reach, and checks that the password appears in no output.
func TestPasswordNeverPrinted(t *testing.T) {
	const secret = "Xy7-n0t-For-Your-Eyes"
	dir := t.TempDir()
	pwFile := writeFile(t, dir, "pw", []byte(secret+"\n"))
	g := writeGraphJSON(t, &graph.Graph{})
	server := os.Getenv("KG_NEO4J_URI")
	doc, err := filepath.Abs(filepath.Join(badDocsDir, "emoji.txt"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		uri  string // KG_NEO4J_URI; "server" for the test server
		args []string
		code int
	}{
		{"config", "", []string{"config"}, exitOK},
		{"closed port", "bolt://127.0.0.1:1", []string{"load", g}, exitRuntime},
		{"no such host", "bolt://kg-no-such-host.invalid:7687", []string{"load", g}, exitRuntime},
		{"tls closed port", "neo4j+s://127.0.0.1:1", []string{"query", "RETURN 1"}, exitRuntime},
		{"build --neo4j", "bolt://127.0.0.1:1", []string{"build", "-q", "--out", filepath.Join(dir, "g.json"), "--neo4j", doc}, exitRuntime},
		{"password in uri", "bolt://neo4j:" + secret + "@127.0.0.1:1", []string{"load", g}, exitUsage},
		{"password in unparsable uri", "bolt://neo4j:" + secret + "@[::1", []string{"load", g}, exitUsage},
		{"unknown scheme", "http://neo4j:" + secret + "@127.0.0.1:7474", []string{"who-met", "x"}, exitUsage},
		{"wrong password", "server", []string{"load", g}, exitRuntime},
		{"wrong password, export", "server", []string{"export"}, exitRuntime},
	}
	for _, source := range []string{"KG_NEO4J_PASSWORD", "KG_NEO4J_PASSWORD_FILE"} {
		for _, tt := range tests {
			t.Run(source+"/"+tt.name, func(t *testing.T) {
				clearNeo4jEnv(t)
				t.Chdir(dir)
				switch tt.uri {
				case "server":
					if server == "" {
						t.Skip("KG_NEO4J_URI is not set")
					}
					t.Setenv("KG_NEO4J_URI", server)
				default:
					t.Setenv("KG_NEO4J_URI", tt.uri)
				}
				if source == "KG_NEO4J_PASSWORD" {
					t.Setenv(source, secret)
				} else {
					t.Setenv(source, pwFile)
				}
				code, out, errs := runKG(t, append(tt.args, "--neo4j-timeout", "3s")...)
				if code != tt.code {
					t.Errorf("exit %d, want %d: %s", code, tt.code, errs)
				}
				if strings.Contains(out+errs, secret) {
					t.Errorf("the password is shown:\n%s%s", out, errs)
				}
				if tt.name == "config" && !strings.Contains(out, `password: "********"`) {
					t.Errorf("kg config does not show the password masked:\n%s", out)
				}
				if tt.uri == "server" && !strings.Contains(errs, "authentication failed") {
					t.Errorf("stderr %q does not say authentication failed", errs)
				}
			})
		}
	}
}

// TestLoadRejectsLabelsOutsideSchema: graph JSON with a label or a
// relationship type outside kg's schema, made to break out of a Cypher
// statement, is refused before kg connects to anything (exit 2).
func TestLoadRejectsLabelsOutsideSchema(t *testing.T) {
	dir := t.TempDir()
	tests := map[string]string{
		"label": `{"nodes":[{"id":"a","labels":["Person"],"properties":{}},{"id":"b","labels":["Person) DETACH DELETE n //"],"properties":{}}],"relationships":[]}`,
		"type": `{"nodes":[{"id":"a","labels":["Person"],"properties":{}},{"id":"b","labels":["Person"],"properties":{}}],
"relationships":[{"id":"r","type":"MET]->() DETACH DELETE a //","startNode":"a","endNode":"b","properties":{}}]}`,
		"backtick label": "{\"nodes\":[{\"id\":\"a\",\"labels\":[\"Person`:`Admin\"],\"properties\":{}}],\"relationships\":[]}",
	}
	for name, text := range tests {
		t.Run(name, func(t *testing.T) {
			p := writeFile(t, dir, name+".json", []byte(text))
			code, _, errs := runKG(t, "load", "--neo4j-uri", "bolt://127.0.0.1:1", p)
			if code != exitUsage || !strings.Contains(errs, p) || !strings.Contains(errs, "unknown ") {
				t.Errorf("exit %d, %q; want 2 and the file and an unknown label or type", code, errs)
			}
			if strings.Contains(errs, "unreachable") {
				t.Errorf("kg tried to connect: %q", errs)
			}
		})
	}
}

// hostileRules extends the embedded rules with names, aliases and a rule id
// that look like Cypher.
const hostileRules = `entities:
  - {name: "Robert\"); MATCH (n) DETACH DELETE n; //", type: PERSON, aliases: ["Bobby $rows {id: 1}"]}
  - {name: "Tables'}) DETACH DELETE n // Corp", type: ORGANIZATION, aliases: ["Tables` + "`" + ` Corp"]}
triggers:
  - {id: "meet.en.x'}) DETACH DELETE n //", kind: meeting, lang: en, words: [hobnobbed with]}
`

// TestCypherTextStoredVerbatim builds documents and rules full of Cypher
// syntax, loads the graph into Neo4j and exports it: the export is the
// graph, byte for byte; the text was stored, not run.
func TestCypherTextStoredVerbatim(t *testing.T) {
	prefix := neo4jTest(t)
	dir := t.TempDir()
	rulesDir := filepath.Join(dir, "rules")
	err := fs.WalkDir(rules.DefaultFS(), "default", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(rules.DefaultFS(), p)
		if err != nil {
			return err
		}
		writeFile(t, rulesDir, strings.TrimPrefix(p, "default/"), b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, rulesDir, "hostile.yaml", []byte(hostileRules))
	raw, err := os.ReadFile(filepath.Join(badDocsDir, "cypher.txt"))
	if err != nil {
		t.Fatal(err)
	}
	docs := filepath.Join(dir, "docs")
	writeFile(t, docs, "cypher.txt", raw)
	writeFile(t, docs, "hostile-names.txt", []byte("Kakao CEO Chung Shin-a hobnobbed with OpenAI CEO Sam Altman in Seoul on Tuesday, "+
		"Robert\"); MATCH (n) DETACH DELETE n; // said. Tables'}) DETACH DELETE n // Corp partnered with Kakao. "+
		"Bobby $rows {id: 1} of Tables` Corp met Sam Altman.\n"))
	out := filepath.Join(dir, "graph.json")
	if code, _, errs := runKG(t, "build", "-q", "--rules", rulesDir, "--out", out, docs); code != exitOK {
		t.Fatalf("kg build: exit %d: %s", code, errs)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	g := decodeGraph(t, b)
	for _, want := range []string{`Robert\"); MATCH (n) DETACH DELETE n; //`, `Tables'}) DETACH DELETE n // Corp`, `meet.en.x'}) DETACH DELETE n //`, "'}) DETACH DELETE n //"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("graph JSON lacks %s", want)
		}
	}
	g = prefixIDs(g, prefix)
	if code, _, errs := runKG(t, "load", writeGraphJSON(t, g)); code != exitOK {
		t.Fatalf("kg load: exit %d: %s", code, errs)
	}
	w, err := neo4jsink.New(context.Background(), neo4jsink.Config{
		URI: os.Getenv("KG_NEO4J_URI"), User: os.Getenv("KG_NEO4J_USER"),
		Password: os.Getenv("KG_NEO4J_PASSWORD"), Database: os.Getenv("KG_NEO4J_DATABASE"),
	})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close(context.Background())
	got, err := w.ExportPrefix(context.Background(), prefix)
	if err != nil {
		t.Fatal(err)
	}
	if want, got := encodeString(t, g), encodeString(t, got); want != got {
		t.Errorf("export differs from the graph loaded:\n%s", firstLines(lineDiff(want, got), 20))
	}
}

// prefixIDs returns g with prefix before every id and every reference to
// one, so a test's nodes are its own in a shared database.
func prefixIDs(g *graph.Graph, prefix string) *graph.Graph {
	var buf bytes.Buffer
	if err := graph.Encode(&buf, g); err != nil {
		panic(err)
	}
	out, err := graph.Decode(&buf)
	if err != nil {
		panic(err)
	}
	for i := range out.Nodes {
		out.Nodes[i].ID = prefix + out.Nodes[i].ID
	}
	for i := range out.Relationships {
		r := &out.Relationships[i]
		r.ID, r.StartNode, r.EndNode = prefix+r.ID, prefix+r.StartNode, prefix+r.EndNode
		if m, ok := r.Properties["meeting"].(string); ok {
			r.Properties["meeting"] = prefix + m
		}
	}
	out.Sort()
	return out
}
