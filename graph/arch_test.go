package graph_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestImportDirection guards the architecture: rules, extract and graph
// never import the Neo4j driver, viper or cobra.
func TestImportDirection(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "../rules", "../extract", "../graph").CombinedOutput()
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
