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
	"github.com/kg-news/kg/internal/editdist"
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
	root.Version = versionLine()
	root.SetVersionTemplate("{{.Version}}\n")
	// the Neo4j flags go only on the commands that talk to Neo4j: one
	// flag set, shared, so the settings read whichever command ran
	a.neo4jFlags = pflag.NewFlagSet("neo4j", pflag.ContinueOnError)
	addNeo4jFlags(a.neo4jFlags)
	build := newCmdBuild(a)
	addNeo4jFlagsTo(build, a)
	root.AddCommand(build, newCmdEval(a), newCmdRules(a), newCmdWhySame(a), newCmdView(a), newCmdVersion(a))
	addNeo4jCommands(root, a)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		if name, ok := strings.CutPrefix(err.Error(), "unknown flag: --"); ok {
			if sugg := suggestFlags(c, name); len(sugg) > 0 {
				err = fmt.Errorf("%w; did you mean %s?", err, strings.Join(sugg, " or "))
			}
		}
		return usageErr(&argError{err})
	})
	root.InitDefaultHelpCmd()
	for _, c := range root.Commands() {
		if c.Name() == "help" {
			strictHelp(root, c)
		}
	}
	for _, c := range root.Commands() {
		guardArgs(c)
	}
	return root
}

// argError marks a problem with a command's arguments or flags: run
// prints it with the command's name and usage line.
type argError struct{ err error }

func (e *argError) Error() string { return e.err.Error() }
func (e *argError) Unwrap() error { return e.err }

// guardArgs makes c and its subcommands report argument problems as
// argError, and makes a command that only groups others (kg rules) refuse
// an unknown subcommand with suggestions instead of printing its help and
// exiting 0.
func guardArgs(c *cobra.Command) {
	if c.HasSubCommands() && c.RunE == nil && c.Run == nil {
		c.Args = cobra.ArbitraryArgs
		c.SuggestionsMinimumDistance = 2
		c.RunE = func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return cmd.Help()
			}
			msg := fmt.Sprintf("unknown command %q for %q", args[0], cmd.CommandPath())
			if sugg := cmd.SuggestionsFor(args[0]); len(sugg) > 0 {
				msg += "; did you mean " + strings.Join(sugg, " or ") + "?"
			}
			return usageErr(&argError{errors.New(msg)})
		}
	}
	if check := c.Args; check != nil {
		c.Args = func(cmd *cobra.Command, args []string) error {
			if err := check(cmd, args); err != nil {
				var ee *exitError
				if errors.As(err, &ee) {
					return err
				}
				if !cmd.HasSubCommands() && strings.HasPrefix(err.Error(), "unknown command") && len(args) > 0 {
					// cobra.NoArgs says "unknown command" of a leaf
					err = fmt.Errorf("takes no arguments, got %q", args[0])
				}
				return usageErr(&argError{err})
			}
			return nil
		}
	}
	for _, sub := range c.Commands() {
		guardArgs(sub)
	}
}

// run executes kg with args and returns the process exit code.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	out := &stickyWriter{w: stdout}
	a := &app{stdin: stdin, stdout: out, stderr: stderr}
	root := newRootCmd(a)
	root.SetArgs(args)
	cmd, err := root.ExecuteContextC(ctx)
	if err == nil && out.err != nil {
		// a full disk or a closed pipe behind standard output
		err = fmt.Errorf("write standard output: %w", atomicfile.Bare(out.err))
	}
	if err == nil {
		return exitOK
	}
	printError(stderr, cmd, err)
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

// printError reports err on stderr. A problem with the arguments names
// the command and shows its usage line; an unknown command suggests the
// ones it may have meant.
func printError(w io.Writer, cmd *cobra.Command, err error) {
	var ae *argError
	unknown := strings.HasPrefix(err.Error(), "unknown command")
	if errors.As(err, &ae) && !strings.HasPrefix(ae.Error(), "unknown command") {
		unknown = false
	}
	if !errors.As(err, &ae) && !unknown || cmd == nil {
		fmt.Fprintf(w, "kg: %v\n", err)
		return
	}
	msg := strings.TrimSpace(err.Error())
	if unknown && !strings.Contains(msg, "did you mean") {
		// cobra's own: "unknown command "biuld" for "kg"\n\nDid you mean this?\n\tbuild"
		first, rest, _ := strings.Cut(msg, "\n")
		var sugg []string
		for _, l := range strings.Split(rest, "\n") {
			if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "Did you mean") {
				sugg = append(sugg, l)
			}
		}
		msg = first
		if len(sugg) > 0 {
			msg += "; did you mean " + strings.Join(sugg, " or ") + "?"
		}
	}
	// "kg: eval: accepts 1 arg(s)", not "kg: kg eval: ..."
	if name := strings.TrimPrefix(cmd.CommandPath(), cmd.Root().Name()+" "); !unknown && cmd.HasParent() && !strings.HasPrefix(msg, name+":") {
		msg = name + ": " + msg
	}
	fmt.Fprintf(w, "kg: %s\n", msg)
	if cmd.Runnable() && !unknown {
		fmt.Fprintf(w, "Usage: %s\n", cmd.UseLine())
	}
	fmt.Fprintf(w, "Run '%s --help' for more.\n", cmd.CommandPath())
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

// strictHelp makes kg help TOPIC refuse a topic that is no command (it
// printed "Unknown help topic" and exited 0), suggesting the ones meant.
func strictHelp(root, help *cobra.Command) {
	show := help.Run
	help.Run = nil
	help.RunE = func(c *cobra.Command, args []string) error {
		if cmd, rest, err := root.Find(args); err != nil || cmd == nil || len(rest) > 0 {
			bad := args[len(args)-1]
			if len(rest) > 0 {
				bad = rest[0]
			}
			parent := root
			if cmd != nil {
				parent = cmd
			}
			msg := fmt.Sprintf("no help topic %q for %q", bad, parent.CommandPath())
			if sugg := parent.SuggestionsFor(bad); len(sugg) > 0 {
				msg += "; did you mean " + strings.Join(sugg, " or ") + "?"
			}
			return usageErr(&argError{errors.New(msg)})
		}
		show(c, args)
		return nil
	}
}

// suggestFlags lists the flags of c (its own and inherited) whose names
// are within two edits of name or start with it: what a typo meant.
func suggestFlags(c *cobra.Command, name string) []string {
	var out []string
	seen := map[string]bool{}
	visit := func(f *pflag.Flag) {
		if seen[f.Name] || f.Hidden {
			return
		}
		seen[f.Name] = true
		if editdist.Distance(name, f.Name) <= 2 || (len(name) >= 3 && strings.HasPrefix(f.Name, name)) {
			out = append(out, "--"+f.Name)
		}
	}
	c.Flags().VisitAll(visit)
	c.InheritedFlags().VisitAll(visit)
	return out
}
