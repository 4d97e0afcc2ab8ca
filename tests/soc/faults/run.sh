#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# Suite soc-accel-faults: boots the fault-injection simulator (tests/soc/faults/pgaccel.sv) once
# per fault kind (or per test, for tests that kill the engine) and runs the pgaccel_fault_* self-tests
# (firmware/drivers/pgaccel_fault_selftest.c). Each expected self-test must report "ok" (a test
# that skips because its fault is not armed counts as a failure here), the boot must exit 0, and a
# mistyped fault kind must be refused. Boot logs go to WORKDIR/NAME.log; only this script's own
# lines are printed, ending with "suite-result: N passed, M failed".
#   run.sh FAULT_SIM OPENSBI FIRMWARE.elf DTB WORKDIR
set -uo pipefail
sim=$1 sbi=$2 fw=$3 dtb=$4 work=$5
mkdir -p "$work"
passed=0 failed=0
ok() { echo "ok $1"; passed=$((passed + 1)); }
ko() { echo "FAIL $1"; failed=$((failed + 1)); }

# boot NAME KIND FILTER "EXPECTED TESTS" [more simulator arguments]: one boot, the self-tests whose
# names start with FILTER (a test that kills the engine gets a boot of its own).
boot() {
	local name=$1 kind=$2 filter=$3 tests=$4 log="$work/$1.log" rc t line
	shift 4
	"$sim" +opensbi="$sbi" +firmware="$fw" +dtb="$dtb" +max-cycles=300000000 \
		+pgaccel-fault="$kind" "$@" +bootargs="selftest selftest_filter=$filter" \
		</dev/null >"$log" 2>&1
	rc=$?
	for t in $tests; do
		line=$(tr -d '\r' <"$log" | grep -E "^(ok|FAIL|skip) $t\b" | head -1)
		if [ "${line%% *}" = ok ]; then
			ok "$name: $t"
		else
			ko "$name: $t: ${line:-did not run} (see $log)"
		fi
	done
	if [ "$rc" -eq 0 ]; then
		ok "$name: boot exit status 0"
	else
		ko "$name: boot exit status $rc (see $log)"
		tr -d '\r' <"$log" | grep -E "^FAIL|pagoda-sim" | head -5
	fi
}

boot buserr buserr pgaccel_fault_buserr \
	"pgaccel_fault_buserr_zero pgaccel_fault_buserr_scan pgaccel_fault_buserr_prezero" \
	+pgaccel-fault-beat=3
boot stall stall pgaccel_fault_stall pgaccel_fault_stall
boot bgstall-wait stall pgaccel_fault_bgstall_wait pgaccel_fault_bgstall_wait
boot bgstall-sync stall pgaccel_fault_bgstall_sync pgaccel_fault_bgstall_sync
boot reject reject pgaccel_fault_reject pgaccel_fault_reject
boot drop drop pgaccel_fault_dropped_completion pgaccel_fault_dropped_completion
boot drop-background drop pgaccel_fault_dropped_background pgaccel_fault_dropped_background
boot tag tag pgaccel_fault_wrong_tag pgaccel_fault_wrong_tag

# Bad plusargs are refused before anything runs.
"$sim" +opensbi="$sbi" +firmware="$fw" +dtb="$dtb" +pgaccel-fault=stal >"$work/bad.log" 2>&1
rc=$?
if [ "$rc" -eq 2 ] && grep -q "pgaccel-fault=stal: the kinds are" "$work/bad.log"; then
	ok "a mistyped fault kind is refused"
else
	ko "a mistyped fault kind: exit $rc, $(head -1 "$work/bad.log")"
fi
echo "suite-result: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
