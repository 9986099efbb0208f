package shell

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"gosh/builtins"
	"gosh/jobs"
)

// ExecAs is exec with options (exec -a NAME, -c, -l): like Exec, but the
// program gets argv0 as its argv[0] when it is not "", and an empty
// environment when cleanEnv is set. The program is still looked up by
// argv[0].
func (sh *Shell) ExecAs(argv []string, io builtins.IO, argv0 string, cleanEnv bool) error {
	if sh.subshell {
		sh.Jobs.Trace().Shell(jobs.Msg{
			En: "exec %s in a copy of the shell: no execve (it would replace the whole shell); %s runs as the copy's last command, then the copy ends",
			Ko: "셸 사본 안의 exec %s: execve는 하지 않는다(셸 전체가 바뀌어 버린다). %s가 사본의 마지막 명령으로 실행되고 사본은 끝난다",
		}, argv[0], argv[0])
		cmd := &command{argv: argv, argv0: argv0, cleanEnv: cleanEnv, nohup: argv[0] == "nohup"}
		status, err := sh.startJob([]*command{cmd}, strings.Join(argv, " "), true)
		if err != nil {
			return err
		}
		return &ExitError{Status: status}
	}
	path, err := sh.lookPath(argv[0])
	if err != nil {
		return fmt.Errorf("%s: %s", argv[0], errText(err))
	}
	args := argv
	if argv0 != "" {
		args = append([]string{argv0}, argv[1:]...)
	}
	var env []string
	if !cleanEnv {
		env = lowerShellLevel(sh.childEnviron(nil))
	}
	return sh.execFds(path, args, env)
}

// lowerShellLevel gives the program exec runs SHLVL one less, as bash's
// exec does: the shell it replaces is no longer a level (a gosh or bash
// started there counts it up again).
func lowerShellLevel(env []string) []string {
	for i, kv := range env {
		if v, ok := strings.CutPrefix(kv, "SHLVL="); ok {
			n, err := strconv.Atoi(strings.TrimSpace(v))
			if err != nil || n < 1 {
				n = 1
			}
			out := slices.Clone(env)
			out[i] = "SHLVL=" + strconv.Itoa(n-1)
			return out
		}
	}
	return env
}
