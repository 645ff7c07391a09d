package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestNeo4jFaultsDevScriptSecrets: scripts/neo4j-dev start, on a fresh
// database, never puts the password on a command line (curl -u and
// set-initial-password PASSWORD did, readable by every user in ps), and
// leaves the data folder, where the credentials live, to its owner
// (auth.ini was world-readable). It runs with the fault tests, on their
// server (KG_NEO4J_FAULT_TEST=1).
func TestNeo4jFaultsDevScriptSecrets(t *testing.T) {
	srv := newFaultServer(t)
	srv.ctl("reset")
	t.Cleanup(func() { srv.ctl("reset") })

	var mu sync.Mutex
	var seen []string
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // every process's command line, every few milliseconds
		defer wg.Done()
		for {
			select {
			case <-done:
				return
			default:
			}
			procs, _ := filepath.Glob("/proc/[0-9]*/cmdline")
			for _, p := range procs {
				b, err := os.ReadFile(p)
				if err == nil && bytes.Contains(b, []byte(faultPassword)) {
					mu.Lock()
					seen = append(seen, strings.ReplaceAll(string(b), "\x00", " "))
					mu.Unlock()
				}
			}
			time.Sleep(5 * time.Millisecond)
		}
	}()
	start := exec.Command(srv.script, "start")
	start.Env = srv.env
	out, err := start.CombinedOutput()
	close(done)
	wg.Wait()
	if err != nil {
		t.Fatalf("scripts/neo4j-dev start: %v\n%s", err, out)
	}
	for _, c := range seen {
		t.Errorf("the password is on a command line: %.200s", c)
	}

	home := ""
	for _, kv := range srv.env {
		if v, ok := strings.CutPrefix(kv, "KG_NEO4J_HOME="); ok {
			home = v
		}
	}
	data := filepath.Join(home, "home", "data")
	st, err := os.Stat(data)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm()&0o077 != 0 {
		t.Errorf("%s has mode %v: others can read the credentials", data, st.Mode().Perm())
	}
	if b, err := os.ReadFile(filepath.Join(data, "dbms", "auth.ini")); err == nil && bytes.Contains(b, []byte(faultPassword)) {
		t.Errorf("auth.ini holds the password in clear")
	}
}
