package extract_test

import (
	"testing"

	"github.com/kg-news/kg/extract"
	"github.com/kg-news/kg/rules"
)

// TestDefaultRuleExamples runs every example of the default rules,
// triggers included, through the extractor.
func TestDefaultRuleExamples(t *testing.T) {
	set, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range extract.CheckExamples(set) {
		t.Error(e)
	}
}
