package main

// Temporary: build, eval and rules commands are being written.

import "github.com/spf13/cobra"

func newCmdBuild(a *app) *cobra.Command { return &cobra.Command{Use: "build"} }
func newCmdEval(a *app) *cobra.Command  { return &cobra.Command{Use: "eval"} }
func newCmdRules(a *app) *cobra.Command { return &cobra.Command{Use: "rules"} }
