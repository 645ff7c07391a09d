// Command kg extracts a knowledge graph of people, organizations, roles,
// meetings and partnerships from English and Korean news text and writes it
// as graph JSON or into Neo4j.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"
)

// interruptGrace is how long kg may take to stop after Ctrl-C or SIGTERM
// before it exits regardless (a write blocked on a pipe nobody reads
// cannot always be woken). Output files are only renamed into place at
// the very end, so exiting early leaves at most a temporary file, which
// the next run removes.
const interruptGrace = 10 * time.Second

func main() {
	// A closed pipe behind standard output is then a write error that kg
	// reports and exits 1 on, instead of a silent death by SIGPIPE.
	signal.Ignore(syscall.SIGPIPE)
	ctx, cancel := context.WithCancelCause(context.Background())
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go func() {
		s := <-sigs
		cancel(signalCause{s})
		// a second Ctrl-C ends kg at once, as the default action does
		signal.Reset(os.Interrupt, syscall.SIGTERM)
		time.Sleep(interruptGrace)
		fmt.Fprintf(os.Stderr, "kg: interrupted, and still busy after %s (a write blocked on a pipe?): exiting\n", interruptGrace)
		os.Exit(interruptedCode(ctx))
	}()
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	os.Exit(code)
}

// signalCause is the cause of main's context when a signal ended the run.
type signalCause struct{ sig os.Signal }

func (s signalCause) Error() string { return s.sig.String() + " signal received" }
