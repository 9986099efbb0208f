package builtins

import (
	"strings"
	"testing"
)

// A step's first line is its title: the tick ("✔ lab: step 2 done: ...")
// and the lab report show it alone. In every embedded lab and language it
// is a whole sentence, not a line cut in the middle of one.
func TestLabStepTitlesAreSentences(t *testing.T) {
	labs, err := embeddedLabs()
	if err != nil {
		t.Fatal(err)
	}
	for _, lab := range labs {
		for i, st := range lab.Steps {
			for _, lang := range Languages {
				title := strings.TrimSpace(firstLine(text(st.Text, lang)))
				if !strings.HasSuffix(title, ".") && !strings.HasSuffix(title, ")") &&
					!strings.HasSuffix(title, "?") && !strings.HasSuffix(title, "!") && !strings.HasSuffix(title, "`") {
					t.Errorf("%s step %d (%s): the title ends mid-sentence: %q", lab.Name, i+1, lang, title)
				}
			}
		}
	}
}

// The procs -e legend fits an 80-column terminal in every language
// (display width: a Korean character takes two columns).
func TestProcsLegendFits80Columns(t *testing.T) {
	for _, lang := range Languages {
		for _, line := range strings.Split(procsLegend().In(lang), "\n") {
			if w := displayWidth(line); w > 80 {
				t.Errorf("%s: a legend line of %d columns: %q", lang, w, line)
			}
		}
	}
}
