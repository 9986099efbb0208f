package tests

import "testing"

// Bash habits that other shells' test suites check, where gosh's answer
// is its own (the differential corpus, testdata/oneliners/compat.txt,
// holds those that agree with bash).

// gosh is not bash: it sets GOSH_VERSION and the read-only array
// GOSH_VERSINFO, never BASH_VERSION or BASH_VERSINFO.
func TestVersionVariables(t *testing.T) {
	runRows(t, []row{
		{name: "gosh version", goshOnly: true,
			script: `echo "$GOSH_VERSION"; declare -p GOSH_VERSINFO; echo ${GOSH_VERSINFO[0]}.${GOSH_VERSINFO[1]}.${GOSH_VERSINFO[2]}`,
			out:    "0.1.0\ndeclare -ar GOSH_VERSINFO=([0]=\"0\" [1]=\"1\" [2]=\"0\")\n0.1.0\n"},
		{name: "no bash version", goshOnly: true,
			script: `echo "${BASH_VERSION-unset} ${BASH_VERSINFO-unset}"`, out: "unset unset\n"},
		{name: "versinfo read-only", goshOnly: true,
			script: `unset GOSH_VERSINFO; echo $?; GOSH_VERSINFO[0]=9; echo not reached`,
			out:    "1\n", status: 1,
			err: "gosh: unset: GOSH_VERSINFO: cannot unset: readonly variable\ngosh: GOSH_VERSINFO: readonly variable\n"},
		{name: "version flag", goshOnly: true, argv: []string{"--version"}, out: "gosh 0.1.0\n"},
	})
}
