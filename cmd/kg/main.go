// Command kg extracts a knowledge graph of people, organizations, roles,
// meetings and partnerships from English and Korean news text and writes it
// as graph JSON or into Neo4j.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	// A closed pipe behind standard output is then a write error that kg
	// reports and exits 1 on, instead of a silent death by SIGPIPE.
	signal.Ignore(syscall.SIGPIPE)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
