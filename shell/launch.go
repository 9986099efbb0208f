package shell

import "gosh/jobs"

// launch hands the prepared stages to the job table. A subshell (a
// builtin stage or command substitution running on a copy of the shell)
// never takes the terminal: its children run in the background of the
// job that contains it.
func (sh *Shell) launch(stages []jobs.Stage, text string, fg bool) (*jobs.Job, error) {
	if sh.subshell {
		return sh.Jobs.LaunchInGroup(stages, text, fg)
	}
	return sh.Jobs.Launch(stages, text, fg)
}
