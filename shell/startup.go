package shell

import "os"

// readStartupFiles reads the rc or profile files of an interactive shell.
func (sh *Shell) readStartupFiles(sf StartupFiles) {
	if sf.Login {
		if !sf.NoProfile {
			sh.ReadProfile()
		}
		return
	}
	if !sf.NoRC {
		home, _ := sh.Vars.Get("HOME")
		sh.sourceIfExists(home + "/.goshrc")
	}
}

// ReadProfile reads the login shell's profile files.
func (sh *Shell) ReadProfile() {
	sh.sourceIfExists("/etc/gosh/profile")
	home, _ := sh.Vars.Get("HOME")
	sh.sourceIfExists(home + "/.gosh_profile")
}

func (sh *Shell) sourceIfExists(path string) {
	data, err := os.ReadFile(path)
	if err != nil {
		return
	}
	sh.runSource(string(data), path)
}
