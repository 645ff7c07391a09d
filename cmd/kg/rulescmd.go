package main

import (
	"errors"
	"fmt"

	"github.com/kg-news/kg/rules"
	"github.com/spf13/cobra"
)

func newCmdRules(a *app) *cobra.Command {
	cmd := &cobra.Command{Use: "rules", Short: "Work with rule files"}
	cmd.AddCommand(&cobra.Command{
		Use:   "check [DIR]",
		Short: "Validate rule files and run every pattern's examples",
		Long: `Check loads the rule files of DIR (default: the embedded rules), reports
every problem as file:line:col: message, and runs each pattern rule's
examples (match and no_match). Exit code 2 when anything is wrong.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := ""
			if len(args) == 1 {
				dir = args[0]
			}
			set, err := loadRules(dir)
			if err != nil {
				return err
			}
			var errs rules.ErrorList
			for _, p := range set.Patterns {
				for _, fail := range set.CheckExamples(p) {
					errs.Add(p.Pos, p.ID, "%s", fail)
				}
			}
			if err := errs.Err(); err != nil {
				fmt.Fprintln(a.stdout, err)
				return usageErr(errors.New("rule examples failed"))
			}
			fmt.Fprintf(a.stdout, "ok: %d entities, %d titles, %d triggers, %d patterns, %d keywords\n",
				len(set.Entities), len(set.Titles), len(set.Triggers), len(set.Patterns), len(set.Words))
			return nil
		},
	})
	return cmd
}
