package graph_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestImportDirection guards the architecture: rules, extract, graph,
// corpus resolution and the input reader never import the Neo4j driver,
// viper or cobra, and the Neo4j sink gets resolution as a function, not
// an import.
func TestImportDirection(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "./neo4jsink").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	if strings.Contains(string(out), "kg/resolve") {
		t.Errorf("graph/neo4jsink depends on resolve")
	}
	out, err = exec.Command("go", "list", "-deps", "../rules", "../extract", "../graph", "../resolve", "../internal/input").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, dep := range strings.Fields(string(out)) {
		for _, bad := range []string{"neo4j-go-driver", "spf13/viper", "spf13/cobra"} {
			if strings.Contains(dep, bad) {
				t.Errorf("core packages depend on %s", dep)
			}
		}
	}
}
