package shell

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"golang.org/x/sys/unix"
)

// Mail checking, as bash's mailcheck.c does it at an interactive prompt:
// before a primary prompt, when $MAILCHECK seconds have passed since the
// last check (0: at every prompt; unset or not a number: never), each
// file of $MAILPATH (colon-separated, each "file" or "file?message"), or
// $MAIL, else /var/mail/$USER, is looked at with stat(2). A file whose
// modification time changed and that has grown, or that has been changed
// since it was last read, is announced on standard output: "You have mail
// in FILE", "You have new mail in FILE" when it grew and was not read
// since, or the message after its "?", in which $_ is the file's name.
// With shopt -s mailwarn, a file read since the last check is announced
// as "The mail in FILE has been read". The files' times are first taken,
// without a message, at the first check and whenever $MAIL or $MAILPATH
// changes, so only what happens afterwards is announced. Times are
// compared in whole seconds, as bash does.

// mailState is what the shell remembers of the mail files.
type mailState struct {
	spec      string // $MAILPATH (or "MAIL=" $MAIL) the files were taken from
	files     []mailFile
	lastCheck time.Time
	started   bool
}

// mailFile is one file checked for mail, as last seen.
type mailFile struct {
	path, msg   string // msg: the text after "?" in $MAILPATH, or ""
	mod, access int64  // seconds
	size        int64
}

// defaultMailDir is where the mail file of a user is when neither $MAIL
// nor $MAILPATH names one (bash's DEFAULT_MAIL_DIRECTORY).
const defaultMailDir = "/var/mail"

// checkMail runs before a primary prompt: it announces on w what changed
// in the mail files since the last check, when $MAILCHECK says it is time.
func (sh *Shell) checkMail(w io.Writer) {
	v, ok := sh.Vars.Get("MAILCHECK")
	if !ok {
		return
	}
	secs, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
	if err != nil || secs < 0 {
		return
	}
	m := &sh.mail
	now := time.Now()
	if m.started && secs > 0 && now.Sub(m.lastCheck) < time.Duration(secs)*time.Second {
		return
	}
	m.lastCheck = now
	spec := sh.mailSpec()
	if !m.started || spec != m.spec {
		m.started, m.spec = true, spec
		m.files = sh.mailFiles(spec)
		for i := range m.files {
			m.files[i].update()
		}
		return
	}
	warn := sh.Opts.Shopt.Mailwarn
	for i := range m.files {
		f := &m.files[i]
		var st unix.Stat_t
		if unix.Stat(f.path, &st) != nil {
			continue
		}
		if st.Mtim.Sec != f.mod {
			bigger := st.Size > f.size
			f.set(&st)
			if st.Atim.Sec >= st.Mtim.Sec && !bigger {
				// Changed by a program that read it (a mail reader
				// rewriting it): nothing to say.
				continue
			}
			msg := f.msg
			switch {
			case msg != "":
			case st.Atim.Sec < st.Mtim.Sec && bigger:
				msg = "You have new mail in $_"
			default:
				msg = "You have mail in $_"
			}
			fmt.Fprintln(w, sh.mailMessage(msg, f.path))
		}
		if warn && st.Atim.Sec != f.access {
			f.set(&st)
			fmt.Fprintf(w, "The mail in %s has been read\n", f.path)
		}
	}
}

// mailSpec is what names the mail files: $MAILPATH, else $MAIL, else the
// user's file in defaultMailDir.
func (sh *Shell) mailSpec() string {
	if p, ok := sh.Vars.Get("MAILPATH"); ok {
		return p
	}
	if p, ok := sh.Vars.Get("MAIL"); ok {
		return "MAIL=" + p
	}
	user, _ := sh.Vars.Get("USER")
	if user == "" {
		user, _ = sh.Vars.Get("LOGNAME")
	}
	if user == "" {
		return ""
	}
	return "MAIL=" + defaultMailDir + "/" + user
}

// mailFiles reads the files of a mailSpec: "MAIL=file" is one file, else
// the colon-separated entries of $MAILPATH, each "file" or
// "file?message" (a backslash keeps a "?" in the name).
func (sh *Shell) mailFiles(spec string) []mailFile {
	if one, ok := strings.CutPrefix(spec, "MAIL="); ok {
		if one == "" {
			return nil
		}
		return []mailFile{{path: one}}
	}
	var out []mailFile
	for _, entry := range strings.Split(spec, ":") {
		if entry == "" {
			continue
		}
		path, msg := entry, ""
		for i := 0; i < len(entry); i++ {
			if entry[i] == '\\' && i+1 < len(entry) {
				i++
				continue
			}
			if entry[i] == '?' {
				path, msg = entry[:i], entry[i+1:]
				break
			}
		}
		path = strings.ReplaceAll(path, `\?`, "?")
		out = append(out, mailFile{path: path, msg: msg})
	}
	return out
}

// update takes the file's times and size as they are now (a file that
// does not exist has none: its appearance is news).
func (f *mailFile) update() {
	var st unix.Stat_t
	if unix.Stat(f.path, &st) != nil {
		f.mod, f.access, f.size = 0, 0, 0
		return
	}
	f.set(&st)
}

func (f *mailFile) set(st *unix.Stat_t) {
	f.mod, f.access, f.size = st.Mtim.Sec, st.Atim.Sec, st.Size
}

// mailMessage expands a mail message as bash does (as in double quotes),
// with $_ the mail file's name, which $_ keeps afterwards, as in bash.
func (sh *Shell) mailMessage(msg, path string) string {
	sh.specials.lastArg = path
	sh.Vars.Set("_", path)
	if !strings.Contains(msg, "$") && !strings.Contains(msg, "`") {
		return msg
	}
	out, err := sh.expandPromptErr(msg)
	if err != nil {
		return msg
	}
	return out
}

// mailCheckDefault is $MAILCHECK in an interactive shell that was not
// given one, as bash: a check at most every minute.
const mailCheckDefault = "60"

// setMailDefaults gives an interactive shell bash's $MAILCHECK, before
// the start-up files, which may change it.
func (sh *Shell) setMailDefaults() {
	if _, ok := sh.Vars.Get("MAILCHECK"); !ok && sh.Vars.Lookup("MAILCHECK") == nil {
		sh.Vars.Set("MAILCHECK", mailCheckDefault)
	}
}
