package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runKG runs kg with args and returns the exit code, stdout and stderr.
func runKG(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

// clearNeo4jEnv unsets every KG_NEO4J_* variable for the test (an empty
// variable counts as unset).
func clearNeo4jEnv(t *testing.T) {
	t.Helper()
	for _, k := range neo4jKeys {
		t.Setenv(k.env, "")
	}
}

func TestDefaultConfigInSync(t *testing.T) {
	want, err := os.ReadFile(filepath.Join("..", "..", "configs", "kg.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(want, defaultConfig) {
		t.Error("cmd/kg/kg.yaml differs from configs/kg.yaml: copy configs/kg.yaml over it")
	}
}

func TestConfigPrecedence(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	file := write("kg.yaml", "neo4j:\n  uri: bolt://file-host:7687\n  user: fileuser\n  database: filedb\n  batch_size: 500\n  timeout: 5\nrules_dir: other-section-is-fine\n")
	pwFile := write("pw", "from-file-pw\n")
	pwInConfig := write("pwcfg.yaml", "neo4j:\n  password_file: "+pwFile+"\n")
	tests := []struct {
		name string
		env  map[string]string
		args []string
		want []string // lines (value and origin) the output must contain
	}{
		{
			name: "built-in defaults",
			want: []string{`uri: "bolt://127.0.0.1:7687"`, `user: "neo4j"`, `password: "(unset)"`, `database: "neo4j"`, "batch_size: 2000", "timeout: 30s", "settings in effect: built-in defaults"},
		},
		{
			name: "file",
			args: []string{"--config", file},
			want: []string{`uri: "bolt://file-host:7687"`, `user: "fileuser"`, `database: "filedb"`, "batch_size: 500", "timeout: 5s", "# " + file},
		},
		{
			name: "env beats file",
			env:  map[string]string{"KG_NEO4J_URI": "neo4j://env-host", "KG_NEO4J_BATCH_SIZE": "300", "KG_NEO4J_PASSWORD": "envsecret"},
			args: []string{"--config", file},
			want: []string{`uri: "neo4j://env-host"`, "# KG_NEO4J_URI", "batch_size: 300", `user: "fileuser"`, `password: "********"`},
		},
		{
			name: "flags beat env",
			env:  map[string]string{"KG_NEO4J_URI": "neo4j://env-host", "KG_NEO4J_DATABASE": "envdb", "KG_NEO4J_BATCH_SIZE": "300"},
			args: []string{"--config", file, "--neo4j-uri", "bolt+s://flag-host:7687", "--neo4j-database", "flagdb", "--batch-size", "7", "--neo4j-user", "flaguser"},
			want: []string{`uri: "bolt+s://flag-host:7687"`, "# --neo4j-uri", `database: "flagdb"`, "batch_size: 7", `user: "flaguser"`},
		},
		{
			name: "password file from env",
			env:  map[string]string{"KG_NEO4J_PASSWORD_FILE": pwFile},
			want: []string{`password: "********"`, "# KG_NEO4J_PASSWORD_FILE (" + pwFile + ")"},
		},
		{
			name: "password beats password file of the same source",
			env:  map[string]string{"KG_NEO4J_PASSWORD_FILE": pwFile, "KG_NEO4J_PASSWORD": "envsecret"},
			want: []string{`password: "********"`, "# KG_NEO4J_PASSWORD\n"},
		},
		{
			name: "env password beats file's password_file",
			env:  map[string]string{"KG_NEO4J_PASSWORD": "envsecret"},
			args: []string{"--config", pwInConfig},
			want: []string{"# KG_NEO4J_PASSWORD\n"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clearNeo4jEnv(t)
			t.Chdir(dir) // no configs/kg.yaml here
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			code, out, errs := runKG(t, append([]string{"config"}, tt.args...)...)
			if code != exitOK {
				t.Fatalf("kg config: exit %d: %s", code, errs)
			}
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("kg config output lacks %q:\n%s", w, out)
				}
			}
			for _, secret := range []string{"envsecret", "from-file-pw"} {
				if strings.Contains(out, secret) {
					t.Errorf("kg config shows the password %q:\n%s", secret, out)
				}
			}
		})
	}
}

func TestConfigFoundInWorkingDirectory(t *testing.T) {
	clearNeo4jEnv(t)
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "configs"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "configs", "kg.yaml"), []byte("neo4j:\n  database: localdb\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	code, out, errs := runKG(t, "config")
	if code != exitOK || !strings.Contains(out, `database: "localdb"`) || !strings.Contains(out, `uri: "bolt://127.0.0.1:7687"`) {
		t.Errorf("kg config in a directory with configs/kg.yaml: exit %d, %s%s", code, out, errs)
	}
}

func TestBadConfigIsUsageError(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	tests := []struct {
		name string
		env  map[string]string
		args []string
		want string
	}{
		{"non-numeric batch size in env", map[string]string{"KG_NEO4J_BATCH_SIZE": "lots"}, nil, `neo4j.batch_size from KG_NEO4J_BATCH_SIZE: "lots" is not a whole number`},
		{"non-numeric batch size flag", nil, []string{"--batch-size", "lots"}, `invalid argument "lots"`},
		{"zero batch size", nil, []string{"--batch-size", "0"}, "batch size 0"},
		{"unknown scheme", map[string]string{"KG_NEO4J_URI": "http://127.0.0.1:7474"}, nil, `unknown scheme "http"`},
		{"credentials in uri", map[string]string{"KG_NEO4J_URI": "bolt://neo4j:topsecret@127.0.0.1"}, nil, "must not contain a user or password"},
		{"bad timeout", map[string]string{"KG_NEO4J_TIMEOUT": "soon"}, nil, `"soon" is not a duration`},
		{"missing config file", nil, []string{"--config", filepath.Join(dir, "nope.yaml")}, "nope.yaml"},
		{"misspelled key", nil, []string{"--config", write("typo.yaml", "neo4j:\n  pasword: x\n")}, "unknown setting neo4j.pasword"},
		{"bad yaml", nil, []string{"--config", write("bad.yaml", "neo4j: [\n")}, "bad.yaml"},
		{"missing password file", map[string]string{"KG_NEO4J_PASSWORD_FILE": filepath.Join(dir, "nopw")}, nil, "neo4j.password_file from KG_NEO4J_PASSWORD_FILE"},
	}
	for _, tt := range tests {
		for _, cmd := range []string{"config", "load"} {
			t.Run(tt.name+"/"+cmd, func(t *testing.T) {
				clearNeo4jEnv(t)
				t.Chdir(dir)
				for k, v := range tt.env {
					t.Setenv(k, v)
				}
				args := append([]string{cmd}, tt.args...)
				if cmd == "load" {
					g := write("g.json", `{"nodes":[],"relationships":[]}`)
					args = append(args, g)
				}
				code, _, errs := runKG(t, args...)
				if code != exitUsage {
					t.Errorf("exit %d, want %d (stderr %q)", code, exitUsage, errs)
				}
				if !strings.Contains(errs, tt.want) {
					t.Errorf("stderr %q lacks %q", errs, tt.want)
				}
				if strings.Contains(errs, "topsecret") {
					t.Errorf("stderr %q shows the password", errs)
				}
			})
		}
	}
}

func TestParseParams(t *testing.T) {
	got, err := parseParams([]string{"id=person:sam-altman", "n=42", "neg=-3", "f=1.5", "eq=a=b", "empty="})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"id": "person:sam-altman", "n": int64(42), "neg": int64(-3), "f": "1.5", "eq": "a=b", "empty": ""}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("param %s = %#v, want %#v", k, got[k], v)
		}
	}
	if _, err := parseParams([]string{"novalue"}); err == nil {
		t.Error("parseParams(novalue): no error")
	}
}

func TestTextTableAlignsHangul(t *testing.T) {
	var b bytes.Buffer
	if err := writeTextTable(&b, []string{"name", "x"}, [][]string{{"정신아", "1"}, {"Sam Altman", "2"}, {"two\nlines", "3"}}); err != nil {
		t.Fatal(err)
	}
	want := "name        x\n" +
		"──────────  ─\n" +
		"정신아      1\n" +
		"Sam Altman  2\n" +
		"two⏎lines   3\n"
	if b.String() != want {
		t.Errorf("table:\n%s\nwant:\n%s", b.String(), want)
	}
}
