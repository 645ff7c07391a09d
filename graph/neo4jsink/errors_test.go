package neo4jsink

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// TestDescribe: each kind of failure gets its own words, naming the
// server, without the password.
func TestDescribe(t *testing.T) {
	cfg := Config{URI: "bolt://db.example:7687", User: "neo4j", Password: "s3cret-pw", Database: "news", Timeout: 5 * time.Second}
	for _, tc := range []struct {
		name string
		err  error
		want string
	}{
		{"lost commit", &neo4j.ConnectivityError{Inner: errors.New("Connection lost during commit: EOF")},
			"neo4j at bolt://db.example:7687: merge batch: the connection was lost during COMMIT, so the batch may or may not be written; loading the same graph again completes it safely"},
		{"unreachable", &neo4j.ConnectivityError{Inner: errors.New("dial tcp: connection refused")},
			"neo4j at bolt://db.example:7687: server unreachable (gave up after at most 5s)"},
		{"unauthorized", &neo4j.Neo4jError{Code: codeUnauthorized, Msg: "bad"},
			`neo4j at bolt://db.example:7687: authentication failed for user "neo4j"`},
		{"other, with the password in it", fmt.Errorf("odd failure for s3cret-pw"),
			"neo4j at bolt://db.example:7687: merge batch: odd failure for ********"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := cfg.describe("merge batch", tc.err).Error()
			if !strings.HasPrefix(got, tc.want) {
				t.Errorf("got  %q\nwant %q...", got, tc.want)
			}
			if strings.Contains(got, cfg.Password) {
				t.Errorf("the message shows the password: %q", got)
			}
		})
	}
}
