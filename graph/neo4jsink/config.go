package neo4jsink

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
)

// Default settings applied by New to zero fields of Config.
const (
	DefaultURI       = "bolt://127.0.0.1:7687"
	DefaultUser      = "neo4j"
	DefaultDatabase  = "neo4j"
	DefaultBatchSize = 2000
	DefaultTimeout   = 30 * time.Second
)

// MaxBatchSize bounds Config.BatchSize: bigger batches only risk the
// server's transaction memory limit.
const MaxBatchSize = 100000

// schemes lists the URI schemes the driver accepts.
var schemes = []string{"bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc"}

// Config says where and how to write.
type Config struct {
	// URI of the server, e.g. bolt://127.0.0.1:7687. It must not carry
	// credentials.
	URI string
	// User and Password authenticate with basic auth.
	User     string
	Password string
	// Database is named on every session, so writes never land in whatever
	// the server's default database happens to be.
	Database string
	// BatchSize is the number of rows per transaction.
	BatchSize int
	// Timeout bounds every wait for the server as an idle bound: kg gives
	// up when the server has sent nothing for that long (connecting, a
	// statement, the next record, a COMMIT; see idle.go). It also bounds
	// the retries of a transaction.
	Timeout time.Duration
	// Corpus names the corpus LoadCorpus adds to: identity is resolved
	// among the documents of one corpus (DefaultCorpus when empty).
	Corpus string
}

// WithDefaults returns c with zero fields set to the defaults.
func (c Config) WithDefaults() Config {
	if c.URI == "" {
		c.URI = DefaultURI
	}
	if c.User == "" {
		c.User = DefaultUser
	}
	if c.Database == "" {
		c.Database = DefaultDatabase
	}
	if c.BatchSize == 0 {
		c.BatchSize = DefaultBatchSize
	}
	if c.Corpus == "" {
		c.Corpus = DefaultCorpus
	}
	if c.Timeout == 0 {
		c.Timeout = DefaultTimeout
	}
	return c
}

// Validate reports the first setting that cannot work. It never quotes the
// password, and quotes the URI only when it carries no credentials.
func (c Config) Validate() error {
	u, err := url.Parse(c.URI)
	if err != nil {
		return fmt.Errorf("neo4j uri: cannot parse %q", redactURI(c.URI))
	}
	if u.User != nil {
		return errors.New("neo4j uri: must not contain a user or password; set them separately")
	}
	if !contains(schemes, u.Scheme) {
		return fmt.Errorf("neo4j uri %q: unknown scheme %q (want one of %s)", c.URI, u.Scheme, strings.Join(schemes, ", "))
	}
	if u.Hostname() == "" {
		return fmt.Errorf("neo4j uri %q: no host", c.URI)
	}
	if c.User == "" {
		return errors.New("neo4j user: empty")
	}
	if c.Database == "" {
		return errors.New("neo4j database: empty")
	}
	if c.BatchSize < 1 || c.BatchSize > MaxBatchSize {
		return fmt.Errorf("neo4j batch size %d: want 1 to %d", c.BatchSize, MaxBatchSize)
	}
	if c.Timeout <= 0 {
		return fmt.Errorf("neo4j timeout %s: must be positive", c.Timeout)
	}
	return nil
}

// redactURI hides any password in a URI that failed to parse or carries
// credentials.
func redactURI(s string) string {
	if u, err := url.Parse(s); err == nil {
		if u.User == nil {
			return s
		}
		return u.Redacted()
	}
	if i := strings.LastIndex(s, "@"); i >= 0 {
		if j := strings.Index(s, "://"); j >= 0 && j < i {
			return s[:j+3] + "xxxxx" + s[i:]
		}
		return "xxxxx" + s[i:]
	}
	return s
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
