package shell

import "gosh/jobs"

// launch hands the prepared stages to the job table. A subshell (a
// builtin stage or command substitution running on a copy of the shell)
// never takes the terminal: its children run in the background of the
// job that contains it.
//
// The children are forked with the shell's umask (withUmask): a copy's
// own mask is the process's for the moment of the launch; a copy's own
// resource limits are set in each child by a helper (withCopyRlimits).
func (sh *Shell) launch(stages []jobs.Stage, text string, fg bool) (job *jobs.Job, err error) {
	sh.launching(stages, func() {
		if sh.subshell {
			job, err = sh.Jobs.LaunchInGroup(stages, text, fg)
			return
		}
		job, err = sh.Jobs.Launch(stages, text, fg)
	})
	return job, err
}

// launching runs start, which hands stages to package jobs, with what
// every launch of the shell needs: the copy's resource limits set up for
// each stage (withCopyRlimits) and the copy's umask held as the process's
// for the moment of the start (withUmask, umaskHeld).
func (sh *Shell) launching(stages []jobs.Stage, start func()) {
	sh.withCopyRlimits(stages)
	sh.withUmask(func() {
		sh.umaskHeld = true
		defer func() { sh.umaskHeld = false }()
		start()
	})
}
