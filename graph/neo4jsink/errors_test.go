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
		{"no answer", &NoAnswer{Limit: 3 * time.Second, Err: &neo4j.ConnectivityError{Inner: errors.New("Timeout while reading from connection: context deadline exceeded")}},
			"neo4j at bolt://db.example:7687: merge batch: no answer from the server for 3s (--neo4j-timeout); gave up"},
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

// TestDescribeMasksValueNotWords: a password that is also a word of kg's
// own messages is not given away by masking those words; where the
// driver's text holds it, it is masked.
func TestDescribeMasksValueNotWords(t *testing.T) {
	for _, pw := range []string{"password", "authentication", "neo4j", "failed"} {
		cfg := Config{URI: "bolt://db.example:7687", User: "kg", Password: pw, Database: "news", Timeout: 5 * time.Second}
		got := cfg.describe("merge batch", &neo4j.Neo4jError{Code: codeUnauthorized, Msg: "The client is unauthorized due to authentication failure."}).Error()
		want := `neo4j at bolt://db.example:7687: authentication failed for user "kg": wrong user name or password`
		if got != want {
			t.Errorf("password %q:\ngot  %q\nwant %q", pw, got, want)
		}
		got = cfg.describe("merge batch", fmt.Errorf("handshake echoed %q", pw)).Error()
		if strings.Contains(got, `"`+pw+`"`) {
			t.Errorf("password %q shown in the driver's text: %q", pw, got)
		}
	}
}

// TestScrubWholeValue: the password is masked where it stands alone, not
// inside longer words (a password "x" made "conte********t deadline").
func TestScrubWholeValue(t *testing.T) {
	for _, tc := range []struct{ msg, pw, want string }{
		{"context deadline exceeded", "x", "context deadline exceeded"},
		{"bad credentials x for user", "x", "bad credentials ******** for user"},
		{`auth "s3cret-pw" refused`, "s3cret-pw", `auth "********" refused`},
		{"s3cret-pw", "s3cret-pw", "********"},
		{"pw=hunter2;", "hunter2", "pw=********;"},
		{"hunter22 is not hunter2", "hunter2", "hunter22 is not ********"},
	} {
		if got := scrub(tc.msg, tc.pw); got != tc.want {
			t.Errorf("scrub(%q, %q) = %q, want %q", tc.msg, tc.pw, got, tc.want)
		}
	}
}
