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
			for _, lang := range languages {
				title := strings.TrimSpace(firstLine(text(st.Text, lang)))
				if !strings.HasSuffix(title, ".") && !strings.HasSuffix(title, ")") &&
					!strings.HasSuffix(title, "?") && !strings.HasSuffix(title, "!") && !strings.HasSuffix(title, "`") {
					t.Errorf("%s step %d (%s): the title ends mid-sentence: %q", lab.Name, i+1, lang, title)
				}
			}
		}
	}
}
