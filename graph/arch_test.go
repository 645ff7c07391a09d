package graph_test

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// module is the import path every kg package starts with.
const module = "github.com/kg-news/kg"

// goListDeps returns the import paths go list -deps names for args (a
// test variant's "[pkg.test]" suffix dropped).
func goListDeps(t *testing.T, args ...string) []string {
	t.Helper()
	out, err := exec.Command("go", append([]string{"list", "-deps"}, args...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	var deps []string
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if f := strings.Fields(line); len(f) > 0 {
			deps = append(deps, f[0])
		}
	}
	return deps
}

// under reports whether the package path is pkg or a package below it.
func under(path, pkg string) bool {
	return path == pkg || strings.HasPrefix(path, pkg+"/")
}

// TestImportDirection guards the architecture: rules, extract, docgraph,
// graph, corpus resolution and the input reader never import the Neo4j
// driver, viper or cobra, and the Neo4j sink gets resolution as a
// function, not an import.
func TestImportDirection(t *testing.T) {
	for _, dep := range goListDeps(t, "./neo4jsink") {
		if under(dep, module+"/resolve") {
			t.Errorf("graph/neo4jsink depends on resolve")
		}
	}
	for _, dep := range goListDeps(t, "../rules", "../extract", "../docgraph", "../graph", "../resolve", "../internal/input", "./graphquery", "./graphml", "../view") {
		for _, bad := range []string{"neo4j-go-driver", "spf13/viper", "spf13/cobra"} {
			if strings.Contains(dep, bad) {
				t.Errorf("core packages depend on %s", dep)
			}
		}
	}
}

// TestGraphIsLeaf guards graph as the model that extraction feeds and
// sinks read: graph (its tests included) and its sinks import no
// extraction code, neither extract, rules and the matcher (internal/ac)
// nor docgraph, which turns extraction results into graphs.
func TestGraphIsLeaf(t *testing.T) {
	deps := goListDeps(t, "-test", ".", "./neo4jsink")
	if !slices.Contains(deps, module+"/graph") {
		t.Fatalf("go list did not name graph: %q", deps)
	}
	for _, dep := range deps {
		for _, bad := range []string{"extract", "rules", "internal/ac", "docgraph"} {
			if under(dep, module+"/"+bad) {
				t.Errorf("graph depends on %s", dep)
			}
		}
	}
}

// TestDocgraphImports: docgraph joins extraction to the model. It may
// import extract and graph, but no sink (a package below graph), no Neo4j
// driver, and neither viper nor cobra.
func TestDocgraphImports(t *testing.T) {
	deps := goListDeps(t, "../docgraph")
	if !slices.Contains(deps, module+"/docgraph") {
		t.Fatalf("go list did not name docgraph: %q", deps)
	}
	reported := map[string]bool{}
	for _, dep := range deps {
		if strings.HasPrefix(dep, module+"/graph/") {
			t.Errorf("docgraph depends on the sink %s", dep)
		}
		for _, bad := range []string{"neo4j-go-driver", "spf13/viper", "spf13/cobra"} {
			if strings.Contains(dep, bad) && !reported[bad] {
				reported[bad] = true
				t.Errorf("docgraph depends on %s", dep)
			}
		}
	}
}
