package builtins

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"golang.org/x/sys/unix"

	"gosh/jobs/lazy"
)

// stepRecord is one step of a lab run that ticked: for lab report.
type stepRecord struct {
	step     int           // index in the lab's steps
	at       time.Time     // when it ticked
	took     time.Duration // since the previous step ticked (or the lab began)
	observed []string      // the observations that satisfied its checks
}

// reportWords are the words of a report, by language. (Made at first use.)
func reportWords() map[string]map[string]string { return reportWordsValue.Get() }

var reportWordsValue = lazy.Value[map[string]map[string]string]{Build: func() map[string]map[string]string {
	return map[string]map[string]string{
		"en": {
			"title": "gosh lab report", "started": "started", "written": "written",
			"stepsDone": "steps done: %d of %d", "header": "| step | done at | took | observed |",
			"notDone": "not done", "current": "current, for %s",
		},
		"ko": {
			"title": "gosh 실습 보고서", "started": "시작", "written": "작성",
			"stepsDone": "끝낸 단계: %d/%d", "header": "| 단계 | 끝난 시각 | 걸린 시간 | 관찰한 것 |",
			"notDone": "아직 안 함", "current": "진행 중, %s째",
		},
	}
}}

// reportText is the Markdown transcript of a lab run, in lang: the lab,
// when it began, each step with its time, how long it took and what gosh
// observed, and the steps still to do.
func (r *labRun) reportText(now time.Time, lang string) string {
	r.mu.Lock()
	defer r.mu.Unlock()
	w := reportWords()[lang]
	if w == nil {
		w = reportWords()["en"]
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# %s: %s (%s)\n\n", w["title"], text(r.lab.Title, lang), r.lab.Name)
	fmt.Fprintf(&b, "- %s: %s\n", w["started"], r.started.Format(time.RFC3339))
	fmt.Fprintf(&b, "- %s: %s\n", w["written"], now.Format(time.RFC3339))
	fmt.Fprintf(&b, "- "+w["stepsDone"]+"\n\n", len(r.records), len(r.lab.Steps))
	b.WriteString(w["header"] + "\n|---|---|---|---|\n")
	for _, rec := range r.records {
		st := r.lab.Steps[rec.step]
		fmt.Fprintf(&b, "| %d. %s | %s | %s | %s |\n", rec.step+1, mdCell(firstLine(text(st.Text, lang))),
			rec.at.Format("15:04:05"), rec.took.Round(100*time.Millisecond), mdCell(strings.Join(rec.observed, "; ")))
	}
	for i := len(r.records); i < len(r.lab.Steps); i++ {
		st := r.lab.Steps[i]
		wait := w["notDone"]
		if i == r.step {
			wait = fmt.Sprintf(w["current"], now.Sub(r.stepStart).Round(time.Second))
		}
		fmt.Fprintf(&b, "| %d. %s | %s | | |\n", i+1, mdCell(firstLine(text(st.Text, lang))), wait)
	}
	return b.String()
}

// mdCell makes s safe inside a Markdown table cell.
func mdCell(s string) string {
	s = strings.ReplaceAll(s, "|", "\\|")
	return strings.ReplaceAll(s, "\n", " ")
}

// labReport is `lab report [FILE]`: the transcript goes to a new file,
// created with O_CREAT|O_EXCL (an existing file or a symlink is never
// followed or overwritten), mode 0644 less the umask.
func labReport(sh Shell, io IO, r *labRun, args []string, lang string) int {
	msg := labMessages()[lang]
	now := time.Now()
	name := fmt.Sprintf("gosh-lab-%s-%s.md", r.lab.Name, now.Format("20060102-150405"))
	if len(args) == 1 {
		name = args[0]
	}
	path := name
	if !filepath.IsAbs(path) {
		path = filepath.Join(sh.Getwd(), path)
	}
	data := []byte(r.reportText(now, lang))
	fd, err := unix.Open(path, unix.O_WRONLY|unix.O_CREAT|unix.O_EXCL|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0o644)
	if err != nil {
		if errors.Is(err, unix.EEXIST) {
			errorf(io, "lab", msg["reportExists"], name)
		} else {
			errorf(io, "lab", "report: %s: %s", name, strerror(err))
		}
		return statusFailure
	}
	defer unix.Close(fd)
	for off := 0; off < len(data); {
		n, err := unix.Write(fd, data[off:])
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			errorf(io, "lab", "report: %s: %s", name, strerror(err))
			return statusFailure
		}
		off += n
	}
	return writeOut(io, "lab", fmt.Sprintf("%s: "+msg["reportWritten"]+"\n", msg["lab"], name))
}
