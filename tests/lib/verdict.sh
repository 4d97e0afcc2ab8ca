# SPDX-License-Identifier: BSD-2-Clause
# The verdict of one case, for the suites that run a program per case and judge it by its exit
# status and its console (tests/qemu/exit_status.sh, bootargs.sh; tests/soc/exit_status.sh,
# sim_inputs.sh).
# Sourced; counts into the caller's $passed and $failed, which it reports as "suite-result: ...".
#   verdict NAME WANT_STATUS STATUS WANT_REGEX LOG
# prints "ok NAME (exit STATUS)", or "FAIL NAME: why" and the log's last lines. The console may
# end its lines with CR (a UART's CRLF): they are taken off before matching. grep reads all of it
# (no -q): with pipefail, grep -q leaving at the first match can kill tr with SIGPIPE, and the
# pipeline then fails although the line is there (seen: soc-exit-status shell_ends_at_eof).
verdict() {
	local name=$1 want=$2 rc=$3 regex=$4 log=$5
	if [ "$rc" -ne "$want" ]; then
		echo "FAIL $name: exit status $rc, want $want"
	elif ! tr -d '\r' <"$log" | grep -E -- "$regex" >/dev/null; then
		echo "FAIL $name: output lacks /$regex/"
	else
		echo "ok $name (exit $rc)"
		passed=$((passed + 1))
		return 0
	fi
	tail -5 "$log" | sed 's/^/  | /'
	failed=$((failed + 1))
	return 1
}
