package parser

// FileSubstRedirect returns the one redirection of a list that is exactly
// "< word" (fd 0, no command word, no assignment, no other redirection,
// not in the background, not negated or timed), or nil. As the list of a
// command substitution it is bash's $(< file), which gives the file's
// contents without running a command: the shell reads it (shell's
// fileSubst), and explain says so.
func (l *List) FileSubstRedirect() *Redirect {
	if l == nil || len(l.Items) != 1 {
		return nil
	}
	item := l.Items[0]
	if item.Background || item.AndOr == nil || len(item.AndOr.Rest) != 0 {
		return nil
	}
	p := item.AndOr.First
	if p == nil || p.Bang || p.Time != nil || len(p.Cmds) != 1 {
		return nil
	}
	sc, ok := p.Cmds[0].(*SimpleCommand)
	if !ok || len(sc.Assigns) != 0 || len(sc.Args) != 0 || len(sc.Redirs) != 1 {
		return nil
	}
	r := sc.Redirs[0]
	if r.Op != RedirIn || (r.Fd != -1 && r.Fd != 0) || r.FdVar != "" {
		return nil
	}
	return r
}
