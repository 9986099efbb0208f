package shell

// prompt returns the text to show for PS1 or PS2.
func (sh *Shell) prompt(name string) string {
	if v, ok := sh.Vars.Get(name); ok {
		return v
	}
	if name == "PS1" {
		return "$ "
	}
	return "> "
}
