package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"syscall"
	"time"

	"github.com/kg-news/kg/internal/atomicfile"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// Exit codes.
const (
	exitOK      = 0
	exitRuntime = 1
	exitUsage   = 2
	// exitInterrupted is the shell's code for a run ended by SIGINT
	// (128+2); SIGTERM gives exitTerminated (128+15).
	exitInterrupted = 130
	exitTerminated  = 143
)

// exitError carries the exit code an error maps to.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// usageErr marks err as a usage or configuration problem (exit code 2).
func usageErr(err error) error { return &exitError{code: exitUsage, err: err} }

// app is what every command shares: the standard streams and the settings.
type app struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	// cfgFile is the --config flag: a kg.yaml that overrides the defaults.
	cfgFile string
	// neo4jFlags holds the persistent flags that override the Neo4j
	// settings (--neo4j-uri, ...); set by addNeo4jCommands.
	neo4jFlags *pflag.FlagSet
}

func newRootCmd(a *app) *cobra.Command {
	root := &cobra.Command{
		Use:           "kg",
		Short:         "Build a who-met-whom knowledge graph from English and Korean news",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetIn(a.stdin)
	root.SetOut(a.stdout)
	root.SetErr(a.stderr)
	root.PersistentFlags().StringVar(&a.cfgFile, "config", "", "settings file (default: configs/kg.yaml if present)")
	root.AddCommand(newCmdBuild(a), newCmdEval(a), newCmdRules(a), newCmdWhySame(a))
	addNeo4jCommands(root, a)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageErr(err) })
	return root
}

// run executes kg with args and returns the process exit code.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	out := &stickyWriter{w: stdout}
	a := &app{stdin: stdin, stdout: out, stderr: stderr}
	root := newRootCmd(a)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err == nil && out.err != nil {
		// a full disk or a closed pipe behind standard output
		err = fmt.Errorf("write standard output: %w", atomicfile.Bare(out.err))
	}
	if err == nil {
		return exitOK
	}
	fmt.Fprintf(stderr, "kg: %v\n", err)
	if ctx.Err() != nil || deadlinePassed(ctx) {
		// whatever failed, it failed because the run was interrupted
		return interruptedCode(ctx)
	}
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	if isCobraUsage(err) {
		return exitUsage
	}
	return exitRuntime
}

// deadlinePassed: ctx's deadline is past even if ctx does not say so yet.
// A socket deadline taken from ctx (the Neo4j driver's handshake) can fire
// a moment before ctx's own timer, and the error it causes ("no Bolt
// version offered") is the interruption's.
func deadlinePassed(ctx context.Context) bool {
	d, ok := ctx.Deadline()
	return ok && !time.Now().Before(d)
}

// interruptedCode is the exit code of a run ended by ctx: 143 for
// SIGTERM, else 130.
func interruptedCode(ctx context.Context) int {
	var sc signalCause
	if errors.As(context.Cause(ctx), &sc) && sc.sig == syscall.SIGTERM {
		return exitTerminated
	}
	return exitInterrupted
}

// isCobraUsage recognizes cobra's own argument and command errors.
func isCobraUsage(err error) bool {
	msg := err.Error()
	for _, p := range []string{"unknown command", "unknown flag", "unknown shorthand", "accepts ", "requires at least", "requires at most", "invalid argument"} {
		if strings.Contains(msg, p) {
			return true
		}
	}
	return false
}
