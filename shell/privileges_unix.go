package shell

import (
	"fmt"

	"golang.org/x/sys/unix"
)

// Installed setuid or setgid, gosh starts with effective ids that differ
// from the real ones. As bash and dash do, it gives them up at start-up,
// so that the user's commands run as the user, unless it was started with
// -p (set -o privileged). Turning -p off later (set +p) gives them up
// then. The ids are dropped for good: real, effective and saved alike.

// SetupPrivileges runs once at start-up, after the command-line options:
// without -p, effective ids that differ from the real ones are dropped.
func (sh *Shell) SetupPrivileges() error {
	if sh.Opts.Privileged {
		return nil
	}
	return dropPrivileges()
}

// setPrivileged is set -p / set +p.
func setPrivileged(o *Options, on bool) {
	if o.Privileged && !on {
		dropPrivileges()
	}
	o.Privileged = on
}

// dropPrivileges sets the effective (and saved) group and user ids to the
// real ones: setresgid first, while the shell may still change groups, then
// setresuid. Go applies both to every thread of the process.
func dropPrivileges() error {
	ruid, euid := unix.Getuid(), unix.Geteuid()
	rgid, egid := unix.Getgid(), unix.Getegid()
	if rgid != egid {
		if err := unix.Setresgid(rgid, rgid, rgid); err != nil {
			return fmt.Errorf("cannot drop group privileges: %v", err)
		}
	}
	if ruid != euid {
		if err := unix.Setresuid(ruid, ruid, ruid); err != nil {
			return fmt.Errorf("cannot drop user privileges: %v", err)
		}
	}
	return nil
}
