package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/kg-news/kg/extract"
	"github.com/kg-news/kg/rules"
	"github.com/spf13/cobra"
)

func newCmdRules(a *app) *cobra.Command {
	cmd := &cobra.Command{Use: "rules", Short: "Work with rule files"}
	var checkAlone, dumpAlone bool
	check := &cobra.Command{
		Use:   "check [DIR]",
		Short: "Validate rule files and run every rule's examples",
		Long: `Check loads the rule files of DIR (default: the embedded rules), reports
every problem as file:line:col: message, and runs every example a rule
carries: a pattern's match and no_match texts (with the person, org and
title each must capture), a title's texts (the title each must be read
as), a trigger's texts (the meeting or partnership each must yield, or
nothing). It also reports collisions: one word claimed by two titles, by
a trigger and its hedge, by an entity and a title or trigger, one alias
claimed by two entities. Exit code 2 when anything is wrong.

DIR is checked as kg build --rules DIR uses it: laid over the embedded
rules (a rule with a built-in id replaces that rule, other rules add).
With --no-default-rules DIR is checked on its own, as kg build --rules DIR
--no-default-rules uses it, and every section it lacks is warned about
(no meeting triggers: no meetings are found).`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			set, err := loadRulesArg(args, checkAlone, a.stderr)
			if err != nil {
				return err
			}
			errs := extract.CheckExamples(set)
			if err := errs.Err(); err != nil {
				fmt.Fprintln(a.stdout, err)
				return usageErr(errors.New("rule examples failed"))
			}
			fmt.Fprintf(a.stdout, "ok: %d entities, %d titles, %d triggers, %d patterns, %d keywords\n",
				len(set.Entities), len(set.Titles), len(set.Triggers), len(set.Patterns), len(set.Words))
			return nil
		},
	}
	check.Flags().BoolVar(&checkAlone, "no-default-rules", false, "check DIR on its own, not laid over the embedded rules, and warn about what it lacks")
	cmd.AddCommand(check)
	cmd.AddCommand(&cobra.Command{
		Use:   "init DIR",
		Short: "Write a copy of the default rules into DIR, to edit and extend",
		Long: `Init writes the embedded default rule files into DIR, which must not exist
or be empty. Add or change rule files there, run kg rules check DIR, and
build with kg build --rules DIR.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			n, err := writeDefaultRules(args[0])
			if err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "wrote %d rule files to %s\n", n, args[0])
			return nil
		},
	})
	dump := &cobra.Command{
		Use:   "dump [DIR]",
		Short: "Print the compiled rule set, one value per line",
		Long: `Dump compiles the rules of DIR (default: the embedded rules) and prints
every entity, title, trigger, pattern (expanded), keyword and lexicon
table in a stable order, to compare two rule sets with diff.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			set, err := loadRulesArg(args, dumpAlone, a.stderr)
			if err != nil {
				return err
			}
			return set.Dump(a.stdout)
		},
	}
	dump.Flags().BoolVar(&dumpAlone, "no-default-rules", false, "compile DIR on its own, not laid over the embedded rules")
	cmd.AddCommand(dump)
	return cmd
}

// writeDefaultRules copies the embedded rules into dir, refusing a dir
// that holds anything: a copy never overwrites a user's rules.
func writeDefaultRules(dir string) (int, error) {
	if fi, err := os.Stat(dir); err == nil && !fi.IsDir() {
		return 0, usageErr(fmt.Errorf("%s is a file, not a folder", dir))
	}
	if ents, err := os.ReadDir(dir); err == nil && len(ents) > 0 {
		return 0, usageErr(fmt.Errorf("%s is not empty; kg rules init writes only into a new or empty folder", dir))
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return 0, err
	}
	n := 0
	err := fs.WalkDir(rules.DefaultFS(), "default", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel("default", filepath.FromSlash(p))
		out := filepath.Join(dir, rel)
		if d.IsDir() {
			return os.MkdirAll(out, 0o755)
		}
		data, err := fs.ReadFile(rules.DefaultFS(), p)
		if err != nil {
			return err
		}
		n++
		return os.WriteFile(out, data, 0o644)
	})
	return n, err
}

// loadRulesArg loads the rules of the folder args names (laid over the
// embedded rules unless alone), or the embedded rules when it names none.
func loadRulesArg(args []string, alone bool, warn io.Writer) (*rules.Set, error) {
	rs := ruleSource{noDefaults: alone}
	if len(args) == 1 {
		rs.dir = args[0]
	}
	return rs.load(warn)
}
