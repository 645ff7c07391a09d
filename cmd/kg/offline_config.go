package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/pflag"
	"github.com/spf13/viper"
)

// graphSource is where who-met, path and export read the graph: graph
// JSON files (--from, else the graph setting), or the configured Neo4j.
type graphSource struct {
	from  []string
	neo4j bool
}

// addGraphSourceFlags registers --from and --neo4j.
func addGraphSourceFlags(fs *pflag.FlagSet, s *graphSource) {
	fs.StringArrayVar(&s.from, "from", nil, "read the graph from graph JSON `FILE` (- for standard input), not from Neo4j; repeat to merge several (default: the graph setting or KG_GRAPH)")
	fs.BoolVar(&s.neo4j, "neo4j", false, "read the graph from Neo4j even when the graph setting or KG_GRAPH names a file")
}

// files returns the graph JSON files to read, or nil to ask Neo4j: the
// --from files, else none for --neo4j, else the graph setting. Giving
// both flags is a usage error.
func (s *graphSource) files(a *app) ([]string, error) {
	switch {
	case len(s.from) > 0 && s.neo4j:
		return nil, usageErr(&argError{errors.New("--from reads a graph file and --neo4j the database: give one")})
	case len(s.from) > 0:
		for _, f := range s.from {
			if f == "" {
				return nil, usageErr(&argError{errors.New("--from: empty file name")})
			}
		}
		return s.from, nil
	case s.neo4j:
		return nil, nil
	}
	files, err := graphSetting(a)
	if err != nil {
		return nil, usageErr(err)
	}
	return files, nil
}

// graphSetting reads the graph setting the way the Neo4j settings are
// read (readNeo4jSettings): the settings file (--config, else
// ./configs/kg.yaml if present), then the KG_GRAPH environment variable
// (an empty one counts as unset). In the file it is one file name or a
// list of them; KG_GRAPH holds one, or several separated by the system's
// list separator (":"), as PATH does. Relative names are relative to the
// working directory. No setting gives nil.
func graphSetting(a *app) ([]string, error) {
	v := viper.New()
	v.SetConfigType("yaml")
	file := a.cfgFile
	if file == "" {
		if _, err := os.Stat(defaultConfigPath); err == nil {
			file = defaultConfigPath
		}
	}
	origin := "KG_GRAPH"
	if file != "" {
		b, err := os.ReadFile(file)
		if err != nil {
			return nil, fmt.Errorf("settings: %w", err)
		}
		if err := v.ReadConfig(bytes.NewReader(b)); err != nil {
			return nil, fmt.Errorf("settings %s: %w", file, err)
		}
		if v.IsSet("graph") {
			origin = file
		}
	}
	if err := v.BindEnv("graph", "KG_GRAPH"); err != nil {
		return nil, err
	}
	if env := os.Getenv("KG_GRAPH"); env != "" {
		// several files as PATH lists them: a.json:b.json
		var files []string
		for _, f := range filepath.SplitList(env) {
			if strings.TrimSpace(f) != "" {
				files = append(files, f)
			}
		}
		if len(files) == 0 {
			return nil, fmt.Errorf("graph from KG_GRAPH: no file name in %q", env)
		}
		return files, nil
	}
	var files []string
	switch x := v.Get("graph").(type) {
	case nil:
		return nil, nil
	case string:
		files = []string{x}
	case []any:
		for _, e := range x {
			s, ok := e.(string)
			if !ok {
				return nil, fmt.Errorf("graph from %s: want a file name or a list of file names", origin)
			}
			files = append(files, s)
		}
	default:
		return nil, fmt.Errorf("graph from %s: want a file name or a list of file names", origin)
	}
	for _, f := range files {
		if strings.TrimSpace(f) == "" {
			return nil, fmt.Errorf("graph from %s: empty file name", origin)
		}
	}
	return files, nil
}
