package extract

import (
	"testing"

	"github.com/kg-news/kg/rules"
)

// TestEveryPatternKindHandled: every kind rules accepts has its place in
// the mentions stage (factOrder gives an unhandled kind noStage), so no rule
// compiles to do nothing.
func TestEveryPatternKindHandled(t *testing.T) {
	for _, k := range rules.PatternKinds() {
		if factOrder(k) >= noStage {
			t.Errorf("pattern kind %q is accepted by rules but no extraction stage handles it", k)
		}
	}
}

// TestEveryTriggerKindProven: every trigger kind rules accepts is used by
// a default trigger that carries examples, which TestDefaultRuleExamples
// runs through the extractor.
func TestEveryTriggerKindProven(t *testing.T) {
	set, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range rules.TriggerKinds() {
		proven := false
		for _, tr := range set.Triggers {
			proven = proven || tr.Kind == k && len(tr.Examples) > 0
		}
		if !proven {
			t.Errorf("trigger kind %q: no default trigger of this kind carries examples", k)
		}
	}
}
