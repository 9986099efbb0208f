package builtins

import (
	"io/fs"
	"strings"
	"testing"
)

// requiredTopics are the topics issue 5 asks for; each must exist in every
// language.
var requiredTopics = []string{
	"processes", "fork-exec", "pipes", "process-groups", "sessions", "job-control",
	"signals", "wait-status", "zombies", "orphans", "nohup-disown", "states",
}

func TestEveryTopicInEveryLanguage(t *testing.T) {
	for _, name := range requiredTopics {
		if !isTopic(name) {
			t.Errorf("topic %q is not listed in topicNames", name)
		}
	}
	for _, name := range topicNames {
		var texts []string
		for _, lang := range Languages {
			// Read the file itself: TopicText falls back to English, and a
			// missing translation must fail here.
			data, err := topicFiles.ReadFile("topics/" + lang + "/" + name + ".md")
			if err != nil {
				t.Errorf("topic %s: no %s text: %v", name, lang, err)
				continue
			}
			text := string(data)
			if !strings.HasPrefix(text, "# "+name) {
				t.Errorf("topic %s (%s): does not start with \"# %s\"", name, lang, name)
			}
			if !strings.Contains(text, "\n## ") || !strings.Contains(text, "(2") {
				t.Errorf("topic %s (%s): no two-minute exercise section", name, lang)
			}
			if summary := topicSummaries()[lang][name]; summary == "" {
				t.Errorf("topic %s: no %s summary", name, lang)
			}
			texts = append(texts, text)
		}
		if len(texts) == 2 && texts[0] == texts[1] {
			t.Errorf("topic %s: the Korean text is the English one", name)
		}
	}
}

// TestNoStrayTopicFiles: every file is a listed topic, so a topic cannot be
// added in one language and forgotten in the list.
func TestNoStrayTopicFiles(t *testing.T) {
	err := fs.WalkDir(topicFiles, "topics", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		parts := strings.Split(p, "/")
		if len(parts) != 3 || !KnownLang(parts[1]) || !strings.HasSuffix(parts[2], ".md") {
			t.Errorf("unexpected file %s", p)
			return nil
		}
		if !isTopic(strings.TrimSuffix(parts[2], ".md")) {
			t.Errorf("%s is not in topicNames", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestTopicText(t *testing.T) {
	en, ok := TopicText("zombies", "en")
	if !ok || !strings.Contains(en, "<defunct>") {
		t.Errorf("zombies (en): %v %.40q", ok, en)
	}
	ko, ok := TopicText("zombies", "ko")
	if !ok || !strings.Contains(ko, "좀비") {
		t.Errorf("zombies (ko): %v %.40q", ok, ko)
	}
	if fb, ok := TopicText("zombies", "xx"); !ok || fb != en {
		t.Errorf("an unknown language must fall back to English")
	}
	for _, bad := range []string{"", "nope", "../topics/en/zombies", "zombies.md", "ZOMBIES"} {
		if _, ok := TopicText(bad, "en"); ok {
			t.Errorf("TopicText(%q) found something", bad)
		}
	}
}

func TestTakeLangOption(t *testing.T) {
	tests := []struct {
		args     []string
		lang     string
		rest     string
		ok       bool
		errorHas string
	}{
		{[]string{"signals"}, "", "signals", true, ""},
		{[]string{"--lang", "ko", "signals"}, "ko", "signals", true, ""},
		{[]string{"--lang=en", "signals"}, "en", "signals", true, ""},
		{[]string{"-e", "--lang", "ko"}, "ko", "-e", true, ""},
		{[]string{"--", "--lang"}, "", "-- --lang", true, ""},
		{[]string{"--lang"}, "", "", false, "requires an argument"},
		{[]string{"--lang", "fr", "x"}, "", "", false, "fr: unknown language"},
		{[]string{"--lang="}, "", "", false, "unknown language"},
	}
	for _, tc := range tests {
		var errs strings.Builder
		lang, rest, ok := takeLangOption(IO{Err: &errs}, "help", tc.args)
		if ok != tc.ok || lang != tc.lang || ok && strings.Join(rest, " ") != tc.rest || !strings.Contains(errs.String(), tc.errorHas) {
			t.Errorf("%q: lang %q rest %q ok %v err %q", tc.args, lang, rest, ok, errs.String())
		}
	}
}

// TestLabTextsInEveryLanguage: every embedded lab has its title, summary,
// intro and every step's text in every language.
func TestLabTextsInEveryLanguage(t *testing.T) {
	labs, err := embeddedLabs()
	if err != nil {
		t.Fatal(err)
	}
	if len(labs) < 5 {
		t.Errorf("%d labs, want at least 5", len(labs))
	}
	for _, lab := range labs {
		for _, lang := range Languages {
			for what, m := range map[string]map[string]string{"title": lab.Title, "summary": lab.Summary, "intro": lab.Intro} {
				if m[lang] == "" {
					t.Errorf("lab %s: no %s %s", lab.Name, lang, what)
				}
			}
			for _, st := range lab.Steps {
				if st.Text[lang] == "" {
					t.Errorf("lab %s step %s: no %s text", lab.Name, st.ID, lang)
				}
				if st.Hint["en"] != "" && st.Hint[lang] == "" {
					t.Errorf("lab %s step %s: no %s hint", lab.Name, st.ID, lang)
				}
				if st.Done["en"] != "" && st.Done[lang] == "" {
					t.Errorf("lab %s step %s: no %s done text", lab.Name, st.ID, lang)
				}
			}
		}
		for _, m := range labMessages() {
			for key := range labMessages()["en"] {
				if m[key] == "" {
					t.Errorf("lab message %q missing in a language", key)
				}
			}
		}
	}
}

// The Korean teaching texts use the course's terms: 수거 (not 거두다) for
// what wait4 does, 슬립 상태 (not 잠) for S; and their Markdown tables
// line up by display width (a Hangul syllable takes two columns).
func TestKoreanTermsAndTables(t *testing.T) {
	texts := map[string]string{"procs -e": procsLegend().Ko}
	for _, name := range TopicNames() {
		if s, ok := TopicText(name, "ko"); ok {
			texts["help "+name] = s
		}
	}
	labs, err := embeddedLabs()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range labs {
		var b strings.Builder
		b.WriteString(text(l.Title, "ko") + text(l.Summary, "ko") + text(l.Intro, "ko"))
		for _, st := range l.Steps {
			b.WriteString(text(st.Text, "ko") + text(st.Done, "ko") + text(st.Hint, "ko"))
		}
		texts["lab "+l.Name] = b.String()
	}
	for where, s := range texts {
		for _, bad := range []string{"거두", "거둔", "거둘", "거둬", "거뒀", "잠든", "잠:", "| 잠 ", "없는 잠"} {
			if strings.Contains(s, bad) {
				t.Errorf("%s says %q: the course says 수거 / 슬립 상태", where, bad)
			}
		}
		// Table rows of one table have one display width.
		width := -1
		for _, line := range strings.Split(s, "\n") {
			if !strings.HasPrefix(line, "|") {
				width = -1
				continue
			}
			if w := displayWidth(line); width < 0 {
				width = w
			} else if w != width {
				t.Errorf("%s: table row %q is %d columns, the table %d", where, line, w, width)
			}
		}
	}
	if s, _ := TopicText("zombies", "ko"); !strings.Contains(s, "수거") {
		t.Error("help zombies (ko) does not say 수거")
	}
	if s, _ := TopicText("states", "ko"); !strings.Contains(s, "슬립 상태") {
		t.Error("help states (ko) does not say 슬립 상태")
	}
}

// help in Korean lists every builtin with a Korean summary.
func TestHelpIndexKorean(t *testing.T) {
	for _, b := range All() {
		if _, ok := summaryKo()[b.Name]; !ok {
			t.Errorf("builtin %s has no Korean summary", b.Name)
		}
	}
	idx := helpIndex("ko")
	if !strings.Contains(idx, "gosh 내장 명령") || !strings.Contains(idx, "주제:") {
		t.Errorf("help in Korean:\n%s", idx)
	}
	if strings.Contains(idx, "Describe builtin commands") {
		t.Errorf("help in Korean still has English summaries:\n%s", idx)
	}
}

// help --lang ko NAME shows a teaching builtin's description in Korean.
func TestBuiltinHelpKorean(t *testing.T) {
	for name := range helpKo() {
		b, ok := Lookup(name)
		if !ok {
			t.Errorf("helpKo has %s, which is no builtin", name)
			continue
		}
		ko := builtinHelpIn(b, "ko")
		if ko == builtinHelp(b) || !strings.Contains(ko, helpKo()[name][:20]) {
			t.Errorf("help --lang ko %s is not Korean:\n%s", name, ko)
		}
	}
	b, _ := Lookup("timeline")
	if !strings.Contains(builtinHelpIn(b, "ko"), "수거") {
		t.Error("help --lang ko timeline does not use 수거")
	}
}
