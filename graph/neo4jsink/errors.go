package neo4jsink

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Neo4j status codes kg reacts to.
const (
	codeUnauthorized       = "Neo.ClientError.Security.Unauthorized"
	codeAuthRateLimit      = "Neo.ClientError.Security.AuthenticationRateLimit"
	codeDatabaseNotFound   = "Neo.ClientError.Database.DatabaseNotFound"
	codeConstraintFailed   = "Neo.ClientError.Schema.ConstraintValidationFailed"
	codeEquivalentSchema   = "Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists"
	codeConstraintExists   = "Neo.ClientError.Schema.ConstraintAlreadyExists"
	codeIndexExists        = "Neo.ClientError.Schema.IndexAlreadyExists"
	codeAccessMode         = "Neo.ClientError.Statement.AccessMode"
	codeForbiddenReadOnly  = "Neo.ClientError.General.ForbiddenOnReadOnlyDatabase"
	codeStatementSyntax    = "Neo.ClientError.Statement.SyntaxError"
	codeDeadlockDetected   = "Neo.TransientError.Transaction.DeadlockDetected"
	codeSchemaModifiedRace = "Neo.TransientError.Schema.SchemaModifiedConcurrently"
)

// describe turns a driver error into one that names the server and the
// database and says what went wrong in words, cause last. The password never
// appears: it is masked in every part of the message that comes from the
// driver or the server, as a last line of defence. kg's own words are not
// masked: masking every occurrence of the password's text told it away
// (with the password "password", "wrong user name or ********").
func (c Config) describe(op string, err error) error {
	if err == nil {
		return nil
	}
	outside := func(s string) string { return scrub(s, c.Password) }
	where := fmt.Sprintf("neo4j at %s", redactURI(c.URI))
	var msg string
	var ne *neo4j.Neo4jError
	var na *NoAnswer
	switch {
	case errors.As(err, &na):
		msg = fmt.Sprintf("%s: %s: no answer from the server for %s (--neo4j-timeout); gave up", where, op, na.Limit)
	case errors.As(err, &ne) && ne.Code == codeUnauthorized:
		msg = fmt.Sprintf("%s: authentication failed for user %q: wrong user name or password", where, c.User)
	case errors.As(err, &ne) && ne.Code == codeAuthRateLimit:
		msg = fmt.Sprintf("%s: authentication failed for user %q: too many failed attempts, try again later", where, c.User)
	case errors.As(err, &ne) && ne.Code == codeDatabaseNotFound:
		msg = fmt.Sprintf("%s: database %q does not exist", where, c.Database)
	case errors.As(err, &ne) && (ne.Code == codeAccessMode || ne.Code == codeForbiddenReadOnly):
		msg = fmt.Sprintf("%s: %s: the statement writes, but runs in a read transaction (use --write): %s", where, op, outside(ne.Msg))
	case errors.As(err, &ne):
		msg = fmt.Sprintf("%s: %s: %s (%s)", where, op, outside(ne.Msg), outside(ne.Code))
	case lostCommit(err):
		msg = fmt.Sprintf("%s: %s: the connection was lost during COMMIT, so the batch may or may not be written; loading the same graph again completes it safely (%s)",
			where, op, outside(rootCause(err)))
	case unreachable(err):
		msg = fmt.Sprintf("%s: server unreachable (gave up after at most %s): %s", where, c.Timeout, outside(rootCause(err)))
	default:
		msg = fmt.Sprintf("%s: %s: %s", where, op, outside(err.Error()))
	}
	return &Error{msg: msg, err: err}
}

// Error is an error from the server or the connection to it, described for
// people. Unwrap gives the driver's error.
type Error struct {
	msg string
	err error
}

func (e *Error) Error() string { return e.msg }

// Unwrap returns the underlying driver error.
func (e *Error) Unwrap() error { return e.err }

// scrub hides the password in msg where it stands as a value: an
// occurrence not inside a longer word (the password "x" is no part of
// "context").
func scrub(msg, password string) string {
	if password == "" {
		return msg
	}
	var b strings.Builder
	for {
		i := strings.Index(msg, password)
		if i < 0 {
			b.WriteString(msg)
			return b.String()
		}
		end := i + len(password)
		before, _ := utf8.DecodeLastRuneInString(msg[:i])
		after, _ := utf8.DecodeRuneInString(msg[end:])
		b.WriteString(msg[:i])
		if i > 0 && isWordRune(before) || end < len(msg) && isWordRune(after) {
			b.WriteString(msg[i:end])
		} else {
			b.WriteString("********")
		}
		msg = msg[end:]
	}
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// unreachable reports whether err means the server could not be reached
// (refused, timed out, no route, closed connection, pool timeout).
func unreachable(err error) bool {
	var ce *neo4j.ConnectivityError
	var te *neo4j.TransactionExecutionLimit
	var oe *net.OpError
	var de *net.DNSError
	switch {
	case errors.As(err, &ce), errors.As(err, &oe), errors.As(err, &de),
		errors.Is(err, context.DeadlineExceeded):
		return true
	case errors.As(err, &te):
		for _, e := range te.Errors {
			if unreachable(e) {
				return true
			}
		}
	}
	return strings.Contains(err.Error(), "ConnectivityError") || strings.Contains(err.Error(), "PoolTimeout")
}

// lostCommit reports whether err is the driver's "Connection lost during
// commit" (its CommitFailedDeadError, internal to the driver, so known by
// its message): the commit may have happened.
func lostCommit(err error) bool {
	return strings.Contains(err.Error(), "Connection lost during commit")
}

// rootCause gives the innermost useful message of a connectivity failure.
func rootCause(err error) string {
	var oe *net.OpError
	if errors.As(err, &oe) {
		return oe.Error()
	}
	var de *net.DNSError
	if errors.As(err, &de) {
		return de.Error()
	}
	var te *neo4j.TransactionExecutionLimit
	if errors.As(err, &te) && len(te.Errors) > 0 {
		return rootCause(te.Errors[len(te.Errors)-1])
	}
	return err.Error()
}

// hasCode reports whether err is a server error with one of the codes.
func hasCode(err error, codes ...string) bool {
	var ne *neo4j.Neo4jError
	if !errors.As(err, &ne) {
		var te *neo4j.TransactionExecutionLimit
		if errors.As(err, &te) && len(te.Errors) > 0 {
			return hasCode(te.Errors[len(te.Errors)-1], codes...)
		}
		return false
	}
	return contains(codes, ne.Code)
}
