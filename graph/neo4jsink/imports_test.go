package neo4jsink

import (
	"os/exec"
	"strings"
	"testing"
)

// TestImportDirection guards the architecture: only this package imports
// the Neo4j driver, and only cmd/kg imports viper, cobra or pflag.
func TestImportDirection(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go tool")
	}
	cmd := exec.Command(goTool, "list", "-e", "-f", "{{.ImportPath}}{{range .Imports}} {{.}}{{end}}", "./...")
	cmd.Dir = "../.."
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	const mod = "github.com/kg-news/kg/"
	rules := []struct{ dep, onlyIn string }{
		{"github.com/neo4j/neo4j-go-driver", mod + "graph/neo4jsink"},
		{"github.com/spf13/viper", mod + "cmd/kg"},
		{"github.com/spf13/cobra", mod + "cmd/kg"},
		{"github.com/spf13/pflag", mod + "cmd/kg"},
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		pkg := fields[0]
		for _, imp := range fields[1:] {
			for _, r := range rules {
				if strings.HasPrefix(imp, r.dep) && pkg != r.onlyIn {
					t.Errorf("%s imports %s; only %s may", pkg, imp, r.onlyIn)
				}
			}
		}
	}
}
