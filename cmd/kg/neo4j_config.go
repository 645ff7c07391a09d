package main

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/kg-news/kg/graph/neo4jsink"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/spf13/viper"
)

// defaultConfig is a copy of configs/kg.yaml, used when no settings file
// is found (TestDefaultConfigInSync keeps the two equal).
//
//go:embed kg.yaml
var defaultConfig []byte

// defaultConfigPath is read when --config is not given and it exists.
const defaultConfigPath = "configs/kg.yaml"

// neo4jKey is one Neo4j setting: its key in kg.yaml, its environment
// variable and its flag, if any.
type neo4jKey struct {
	key, env, flag string
}

var neo4jKeys = []neo4jKey{
	{"neo4j.uri", "KG_NEO4J_URI", "neo4j-uri"},
	{"neo4j.user", "KG_NEO4J_USER", "neo4j-user"},
	{"neo4j.password", "KG_NEO4J_PASSWORD", ""}, // no flag: it would show in ps
	{"neo4j.password_file", "KG_NEO4J_PASSWORD_FILE", ""},
	{"neo4j.database", "KG_NEO4J_DATABASE", "neo4j-database"},
	{"neo4j.batch_size", "KG_NEO4J_BATCH_SIZE", "batch-size"},
	{"neo4j.timeout", "KG_NEO4J_TIMEOUT", "neo4j-timeout"},
	{"neo4j.corpus", "KG_NEO4J_CORPUS", "neo4j-corpus"},
}

// addNeo4jFlags registers the persistent flags that override the Neo4j
// settings.
func addNeo4jFlags(fs *pflag.FlagSet) {
	fs.String("neo4j-uri", "", "Neo4j URI (default from config: bolt://127.0.0.1:7687)")
	fs.String("neo4j-user", "", "Neo4j user (default from config: neo4j)")
	fs.String("neo4j-database", "", "Neo4j database (default from config: neo4j)")
	fs.Int("batch-size", 0, "rows per Neo4j write transaction (default from config: 2000)")
	fs.Duration("neo4j-timeout", 0, "bound on connecting to Neo4j and retrying (default from config: 30s)")
	fs.String("neo4j-corpus", "", "the corpus in Neo4j that loads add to; identity is resolved within it (default from config: default)")
}

// neo4jSettings are the Neo4j settings in effect and where each came from.
type neo4jSettings struct {
	sink neo4jsink.Config
	// file is the settings file read, "" for the built-in defaults.
	file string
	// origin maps a key to "default", the file name, the environment
	// variable or the flag that set it.
	origin map[string]string
}

// loadNeo4jSettings layers the built-in defaults, the settings file
// (--config, else ./configs/kg.yaml if present), the KG_NEO4J_*
// environment and the flags, in that order, and checks the result. Any
// problem is a usage error (exit code 2).
func loadNeo4jSettings(a *app) (*neo4jSettings, error) {
	s, err := readNeo4jSettings(a)
	if err != nil {
		return nil, usageErr(err)
	}
	return s, nil
}

func readNeo4jSettings(a *app) (*neo4jSettings, error) {
	v := viper.New()
	v.SetConfigType("yaml")
	if err := v.ReadConfig(bytes.NewReader(defaultConfig)); err != nil {
		return nil, fmt.Errorf("built-in settings: %w", err)
	}
	s := &neo4jSettings{origin: map[string]string{}}
	for _, k := range neo4jKeys {
		s.origin[k.key] = "default"
	}
	file := a.cfgFile
	if file == "" {
		if _, err := os.Stat(defaultConfigPath); err == nil {
			file = defaultConfigPath
		}
	}
	if file != "" {
		b, err := os.ReadFile(file)
		if err != nil {
			return nil, fmt.Errorf("settings: %w", err)
		}
		fv := viper.New()
		fv.SetConfigType("yaml")
		if err := fv.ReadConfig(bytes.NewReader(b)); err != nil {
			return nil, fmt.Errorf("settings %s: %w", file, err)
		}
		if err := checkNeo4jKeys(fv.AllKeys()); err != nil {
			return nil, fmt.Errorf("settings %s: %w", file, err)
		}
		if err := v.MergeConfig(bytes.NewReader(b)); err != nil {
			return nil, fmt.Errorf("settings %s: %w", file, err)
		}
		for _, k := range neo4jKeys {
			if fv.IsSet(k.key) {
				s.origin[k.key] = file
			}
		}
		s.file = file
	}
	for _, k := range neo4jKeys {
		if err := v.BindEnv(k.key, k.env); err != nil {
			return nil, err
		}
		if os.Getenv(k.env) != "" {
			s.origin[k.key] = k.env
		}
		if k.flag == "" || a.neo4jFlags == nil {
			continue
		}
		if f := a.neo4jFlags.Lookup(k.flag); f != nil && f.Changed {
			if err := v.BindPFlag(k.key, f); err != nil {
				return nil, err
			}
			s.origin[k.key] = "--" + k.flag
		}
	}

	c := neo4jsink.Config{
		URI:      strings.TrimSpace(v.GetString("neo4j.uri")),
		User:     v.GetString("neo4j.user"),
		Database: strings.TrimSpace(v.GetString("neo4j.database")),
		Corpus:   strings.TrimSpace(v.GetString("neo4j.corpus")),
	}
	var err error
	if c.BatchSize, err = strconv.Atoi(strings.TrimSpace(v.GetString("neo4j.batch_size"))); err != nil {
		return nil, fmt.Errorf("neo4j.batch_size from %s: %q is not a whole number", s.origin["neo4j.batch_size"], v.GetString("neo4j.batch_size"))
	}
	if c.Timeout, err = parseTimeout(v.GetString("neo4j.timeout")); err != nil {
		return nil, fmt.Errorf("neo4j.timeout from %s: %w", s.origin["neo4j.timeout"], err)
	}
	if c.Password, err = s.password(v); err != nil {
		return nil, err
	}
	// Empty values are checked here rather than defaulted: an empty
	// KG_NEO4J_URI is ignored, but uri: "" in a file is a mistake.
	if err := c.Validate(); err != nil {
		return nil, err
	}
	s.sink = c
	return s, nil
}

// password picks the password or the password file, whichever was set by
// the stronger source (environment over file); the password wins a tie.
// It never quotes the password.
func (s *neo4jSettings) password(v *viper.Viper) (string, error) {
	rank := func(key string) int {
		switch o := s.origin[key]; {
		case o == "default":
			return 0
		case strings.HasPrefix(o, "KG_"):
			return 2
		default:
			return 1
		}
	}
	pw, file := v.GetString("neo4j.password"), v.GetString("neo4j.password_file")
	if pw != "" && (file == "" || rank("neo4j.password") >= rank("neo4j.password_file")) {
		s.origin["neo4j.password_file"] = "default"
		return pw, nil
	}
	if file == "" {
		return "", nil
	}
	b, err := os.ReadFile(file)
	if err != nil {
		return "", fmt.Errorf("neo4j.password_file from %s: %w", s.origin["neo4j.password_file"], err)
	}
	s.origin["neo4j.password"] = s.origin["neo4j.password_file"] + " (" + file + ")"
	return strings.TrimRight(string(b), "\r\n"), nil
}

// parseTimeout reads a duration ("30s", "2m") or a whole number of seconds.
func parseTimeout(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if d, err := time.ParseDuration(s); err == nil {
		return d, nil
	}
	if n, err := strconv.Atoi(s); err == nil {
		return time.Duration(n) * time.Second, nil
	}
	return 0, fmt.Errorf("%q is not a duration such as 30s or 2m", s)
}

// checkNeo4jKeys rejects misspelled keys in the neo4j section of a settings
// file; other sections belong to other commands.
func checkNeo4jKeys(keys []string) error {
	known := map[string]bool{}
	for _, k := range neo4jKeys {
		known[k.key] = true
	}
	var bad []string
	for _, k := range keys {
		if strings.HasPrefix(k, "neo4j.") && !known[k] {
			bad = append(bad, k)
		}
	}
	if len(bad) == 0 {
		return nil
	}
	sort.Strings(bad)
	return fmt.Errorf("unknown setting %s", strings.Join(bad, ", "))
}

// print writes the settings as YAML, the password masked, each value with
// a comment saying where it came from.
func (s *neo4jSettings) print(w io.Writer) error {
	src := s.file
	if src == "" {
		src = "built-in defaults"
	}
	pw := "(unset)"
	if s.sink.Password != "" {
		pw = "********"
	}
	q := func(v string) string { b, _ := json.Marshal(v); return string(b) }
	vals := map[string]string{
		"neo4j.uri":           q(s.sink.URI),
		"neo4j.user":          q(s.sink.User),
		"neo4j.password":      q(pw),
		"neo4j.password_file": "",
		"neo4j.database":      q(s.sink.Database),
		"neo4j.batch_size":    strconv.Itoa(s.sink.BatchSize),
		"neo4j.timeout":       s.sink.Timeout.String(),
		"neo4j.corpus":        q(s.sink.Corpus),
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# settings in effect: %s, then KG_NEO4J_* environment, then flags\nneo4j:\n", src)
	for _, k := range neo4jKeys {
		if k.key == "neo4j.password_file" {
			continue // folded into password
		}
		line := fmt.Sprintf("  %s: %s", strings.TrimPrefix(k.key, "neo4j."), vals[k.key])
		fmt.Fprintf(&b, "%-40s # %s\n", line, s.origin[k.key])
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func newCmdConfig(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "config",
		Short: "Print the settings in effect (password masked)",
		Long: `Config prints the settings kg would use, as YAML, each with the place it
came from: the built-in defaults, the settings file (--config, else
./configs/kg.yaml if present), a KG_NEO4J_* environment variable or a flag.
The password is shown as ******** or (unset). The last line is the graph
setting: the graph JSON files who-met, path and export read instead of
Neo4j (graph: in the settings file, or KG_GRAPH).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, err := loadNeo4jSettings(a)
			if err != nil {
				return err
			}
			if err := s.print(a.stdout); err != nil {
				return err
			}
			// the graph JSON who-met, path and export read instead of Neo4j
			files, err := graphSetting(a)
			if err != nil {
				return usageErr(err)
			}
			where := "KG_GRAPH"
			switch {
			case len(files) == 0:
				_, err = fmt.Fprintf(a.stdout, "%-40s # %s\n", "graph: []", "unset: who-met, path and export ask Neo4j")
				return err
			case os.Getenv("KG_GRAPH") == "":
				where = s.file
			}
			q, _ := json.Marshal(files)
			_, err = fmt.Fprintf(a.stdout, "%-40s # %s\n", "graph: "+string(q), where)
			return err
		},
	}
}
