package shell

import "errors"

// LocalOptions is bash's "local -": the options of set (set -e, set -x,
// set -o pipefail, ...) as they are now are put back when the running
// function returns, so that the function may change them for its own
// time. shopt's options are not saved, as in bash.
func (sh *Shell) LocalOptions() error {
	f := sh.flow.frame
	if f == nil {
		return errors.New("can only be used in a function")
	}
	if f.opts == nil {
		saved := sh.Opts
		f.opts = &saved
	}
	return nil
}

// restoreSetOptions puts back the options of set saved by LocalOptions,
// keeping shopt's options (those with a field of their own here, and
// Shopt: every other) and the shell's mode as they are now.
func (sh *Shell) restoreSetOptions(saved Options) {
	cur := sh.Opts
	sh.Opts = saved
	sh.Opts.Interactive, sh.Opts.Login = cur.Interactive, cur.Login
	sh.Opts.ExpandAliasesOn, sh.Opts.ExpandAliasesOff = cur.ExpandAliasesOn, cur.ExpandAliasesOff
	sh.Opts.Nullglob, sh.Opts.Failglob, sh.Opts.Dotglob = cur.Nullglob, cur.Failglob, cur.Dotglob
	sh.Opts.Globstar, sh.Opts.Nocaseglob = cur.Globstar, cur.Nocaseglob
	sh.Opts.NoHistappend, sh.Opts.NoCheckwinsize = cur.NoHistappend, cur.NoCheckwinsize
	sh.Opts.Shopt = cur.Shopt
	sh.Opts.Lang = cur.Lang
	sh.Opts.Disabled = cur.Disabled // enable -n is not an option of set
}
