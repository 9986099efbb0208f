package shell

import (
	"errors"
	"os"
	"strconv"
	"strings"
	"syscall"
)

// This file is what a shell does before its first prompt: the variables a
// login shell must provide, and the start-up files.
//
//	login shell (argv[0] "-gosh", or -l):  /etc/gosh/profile, ~/.gosh_profile
//	interactive, not login:                 ~/.goshrc (or --rcfile FILE)
//
// --noprofile and --norc skip them. An error in a start-up file is reported
// with the file's name and line, and the shell starts anyway.

// readStartupFiles reads the rc or profile files of an interactive shell.
func (sh *Shell) readStartupFiles(sf StartupFiles) {
	if sf.Login {
		if !sf.NoProfile {
			sh.ReadProfile()
		}
		return
	}
	switch {
	case sf.NoRC:
	case sf.HasRCFile:
		sh.sourceStartupFile(sf.RCFile)
	default:
		if home, ok := sh.Vars.Get("HOME"); ok && home != "" {
			sh.sourceStartupFile(home + "/.goshrc")
		}
	}
}

// ReadProfile reads the login shell's profile files.
func (sh *Shell) ReadProfile() {
	sh.sourceStartupFile("/etc/gosh/profile")
	if home, ok := sh.Vars.Get("HOME"); ok && home != "" {
		sh.sourceStartupFile(home + "/.gosh_profile")
	}
}

// sourceStartupFile runs a start-up file if it exists. Syntax errors are
// reported as FILE:LINE:COL by runLines; whatever goes wrong, even an exit
// or a failure under set -e, the shell goes on to its prompt.
func (sh *Shell) sourceStartupFile(path string) {
	data, err := os.ReadFile(path)
	if err != nil {
		switch {
		case os.IsNotExist(err):
		case errors.Is(err, syscall.EISDIR):
			sh.errorf("%s: is a directory", path) // bash's words (--rcfile DIR)
		default:
			sh.errorf("%s: %s", path, errnoText(err))
		}
		return
	}
	if _, err := sh.runSource(string(data), path); err != nil {
		if _, isExit := IsExit(err); !isExit {
			sh.errorf("%s: %s", path, err)
		}
	}
}

// setupLoginEnv gives a login shell the variables a session needs, which
// the program that started it (login, sshd, su -) may not have set: HOME,
// USER, LOGNAME and SHELL from the password file, and PATH.
func (sh *Shell) setupLoginEnv() {
	pw := currentUser()
	fill := func(name, value string) {
		if _, ok := sh.Vars.Get(name); !ok && value != "" {
			sh.Vars.Set(name, value)
			sh.Vars.Export(name)
		}
	}
	fill("HOME", pw.home)
	fill("USER", pw.name)
	fill("LOGNAME", pw.name)
	shell := pw.shell
	if shell == "" {
		shell = sh.selfPath()
	}
	fill("SHELL", shell)
	// initVars gave the shell a PATH if it had none; a login shell passes
	// it on to its programs.
	if _, ok := os.LookupEnv("PATH"); !ok {
		if _, ok := sh.Vars.Get("PATH"); !ok {
			sh.Vars.Set("PATH", DefaultPath)
		}
		sh.Vars.Export("PATH")
	}
	sh.Vars.Export("PWD")
}

// bumpShellLevel increments SHLVL, as every bash does: it counts how many
// shells deep the user is.
func (sh *Shell) bumpShellLevel() {
	v, _ := sh.Vars.Get("SHLVL")
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || n < 0 {
		n = 0
	}
	sh.Vars.Set("SHLVL", strconv.Itoa(n+1))
	sh.Vars.Export("SHLVL")
}

// SelfExe names the running gosh executable for execve: Config.Self of a
// shell that looks its path up only when it must show it (selfPath).
const SelfExe = "/proc/self/exe"

// selfPath is the path of the gosh executable, as SHELL shows it:
// Config.Self, or the target of /proc/self/exe when Self is SelfExe.
func (sh *Shell) selfPath() string {
	if sh.self != "" && sh.self != SelfExe {
		return sh.self
	}
	if exe, err := os.Executable(); err == nil {
		return exe
	}
	return sh.self
}
