package shell

// runPromptCommand runs $PROMPT_COMMAND before the primary prompt of an
// interactive shell, as bash does: the value, or each element of the
// array in turn (bash 5.1), each as if typed but kept out of history.
// Each sees $? as the last command line left it, and so does PS1 after
// them: bash restores the status and $_, so that a PROMPT_COMMAND of
// "history -a" or a terminal title does not change what the prompt says
// about the user's command. An error that ends the shell (exit in it) is
// returned, as one from a trap at the prompt is.
func (sh *Shell) runPromptCommand() error {
	cmds, ok := sh.Vars.GetArray("PROMPT_COMMAND")
	if !ok || len(cmds) == 0 {
		return nil
	}
	status := sh.Status
	last, hadLast := sh.Vars.Get("_")
	defer func() {
		sh.Status = status
		if hadLast {
			sh.Vars.Set("_", last)
		}
	}()
	for _, c := range cmds {
		if c == "" {
			continue
		}
		sh.Status = status
		if _, err := sh.RunString(c); err != nil {
			if _, isExit := IsExit(err); isExit {
				return err
			}
			sh.errorf("%v", err)
		}
	}
	return nil
}
