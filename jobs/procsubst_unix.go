package jobs

// LaunchAsync starts one stage that is no job: the child of a process
// substitution, <(list) or >(list). The shell runs it as bash does: in the
// background, without job control (it stays in the shell's process group
// and never takes the terminal), and outside the job table, so jobs, %N
// and set -b never show it. The reaper collects it; its status is
// remembered like a background process's, for "wait $!". It returns the
// child's pid (0 when it failed to start, with the error). The last one
// started is waited for by wait without arguments too, as in bash.
func (t *Table) LaunchAsync(st Stage, text string) (int, error) {
	j, err := t.launch([]Stage{st}, text, false, false, false)
	if j == nil {
		return 0, err
	}
	t.mu.Lock()
	t.remove(j)
	j.disowned = true
	t.lastAsync = j
	t.broadcast()
	t.mu.Unlock()
	return j.LastPid(), err
}
