package jobs

// SnapshotSlot is the number at which a child gosh is handed the memfd
// with its snapshot: the lowest from 3 up that files, the child's fd table
// (a Stage's Files), leaves closed, and with the trace on the two after it
// too (the trace's descriptor and its gate, which the child takes from
// right after the memfd), so that none of them is a user's fd. The shell
// places the memfd there (childStage; for a pipeline's stage
// connectSnapshot, just before it starts), and explain's model of the
// numbers follows it. Appending after the table instead would put the memfd at 252
// when the table reaches an inherited fd 251, where ForkExec cannot place
// it under a low ulimit -n.
func SnapshotSlot(files []int, trace bool) int {
	k := 1
	if trace {
		k = 3
	}
	for n := 3; ; n++ {
		free := true
		for i := n; i < n+k && i < len(files); i++ {
			if files[i] >= 0 {
				free = false
				break
			}
		}
		if free {
			return n
		}
	}
}
