package main

import (
	"fmt"
	"io"

	"github.com/kg-news/kg/rules"
	"github.com/spf13/pflag"
)

// ruleSource is where a command's rules come from: the embedded defaults,
// a folder laid over them (--rules DIR), or a folder alone
// (--rules DIR --no-default-rules).
type ruleSource struct {
	dir        string
	noDefaults bool
}

// addRuleFlags registers --rules and --no-default-rules; what is the
// rules' use in this command, for the help text.
func addRuleFlags(f *pflag.FlagSet, rs *ruleSource, what string) {
	if what != "" {
		what = " " + what
	}
	f.StringVar(&rs.dir, "rules", "", "folder of rule files added to the embedded rules"+what+
		" (a rule with the id of a built-in one replaces it; a file at the same path as a built-in file replaces that file)")
	f.BoolVar(&rs.noDefaults, "no-default-rules", false, "use the --rules folder alone, without the embedded rules")
}

// load compiles the rules; problems are usage errors (exit 2). Rules
// used without the defaults are checked for empty sections, each
// reported on warn as a warning.
func (rs ruleSource) load(warn io.Writer) (*rules.Set, error) {
	if rs.noDefaults && rs.dir == "" {
		return nil, usageErr(fmt.Errorf("--no-default-rules needs --rules DIR: the folder whose rules are used instead"))
	}
	var set *rules.Set
	var err error
	switch {
	case rs.dir == "":
		set, err = rules.Default()
	case rs.noDefaults:
		set, err = rules.LoadDir(rs.dir)
	default:
		set, err = rules.LoadDirOver(rs.dir)
	}
	if err != nil {
		return nil, usageErr(fmt.Errorf("rules:\n%w", err))
	}
	if rs.noDefaults && warn != nil {
		for _, w := range set.EmptySections() {
			fmt.Fprintf(warn, "kg: warning: rules %s: %s\n", rs.dir, w)
		}
	}
	return set, nil
}
