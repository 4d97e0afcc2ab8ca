#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# The kernel command line on QEMU: a mistake in it ends the boot with exit status 5
# (EXIT_BAD_BOOTARGS) and a message naming it, before anything runs; good ones still boot.
#   bootargs.sh FIRMWARE.elf WORKDIR
set -uo pipefail
fw=$1 work=$2
mkdir -p "$work"
passed=0 failed=0
. "$(dirname "$0")/../lib/verdict.sh"

# check NAME WANT_STATUS WANT_REGEX SMP BOOTARGS
check() {
	local name=$1 want=$2 regex=$3 smp=$4 args=$5
	bash scripts/run-qemu.sh -t 120 -s "$smp" -a "$args" "$fw" >"$work/$name.log" 2>&1
	verdict "$name" "$want" $? "$regex" "$work/$name.log"
}

# Issue 11, defect 5: each of these used to run the demo (or no test) and exit 0.
check mistyped_mode 5 'Unknown kernel command line parameters "selftset"' 1 "selftset"
check unknown_parameter 5 'Unknown kernel command line parameters "verbose foo=1"' 1 \
	"selftest verbose foo=1"
check filter_matches_nothing 5 "no test name starts with 'nonexistent'" 1 \
	"selftest selftest_filter=nonexistent"
# 4,000 characters: the trailing selftest used to be cut off with the rest past 255.
long="demo"
while [ ${#long} -lt 3990 ]; do long+=" trace_mm=1"; done
long="${long:0:3991} selftest"
check command_line_too_long 5 "the command line is ${#long} characters long, the limit is 1023" 1 "$long"
check two_modes 5 "two modes, 'selftest' and 'shell'" 1 "selftest shell"
check bad_value 5 "'pgaccel=bogus': pgaccel is not one of auto, hw, sw" 1 "demo pgaccel=bogus"
check bad_satp_mode 5 "'satp_mode=sv48': satp_mode is not bare or sv39" 1 "selftest satp_mode=sv48"
check number_too_big 5 "'boot_hart=18446744073709551616': boot_hart does not fit in 64 bits" 1 \
	"selftest boot_hart=18446744073709551616"
check no_such_boot_hart 5 "boot_hart=7 is not a hart of the device tree" 2 "selftest boot_hart=7"
# The kernel's own parameters (early_param() handlers, kernel/params.c): a bad value is named and
# nothing runs, the mode included.
check boot_hart_not_a_number 5 "'boot_hart=one': boot_hart is not a number" 1 "selftest boot_hart=one"
check filter_empty 5 "'selftest_filter=': selftest_filter needs a value" 1 "selftest selftest_filter="
check bench_filter_empty 5 "'bench_filter=': bench_filter needs a value" 1 "bench bench_filter="
check inject_failure_value 5 "'inject_failure=1': inject_failure takes no value" 1 \
	"selftest inject_failure=1"
# The two filters keep a value of up to 63 characters whole (the message quotes all of it back);
# one character more is refused by name, never cut to a prefix that could match something.
v63=$(printf '%063d' 0)
check filter_63_kept_whole 5 "no test name starts with '$v63'" 1 "selftest selftest_filter=$v63"
check bench_filter_63_kept_whole 5 "no case of a group starting with '$v63' ran" 1 \
	"bench bench_filter=$v63"
check filter_too_long 5 "the value of 'selftest_filter' is longer than 63 characters" 1 \
	"selftest selftest_filter=${v63}1"
check bench_filter_too_long 5 "the value of 'bench_filter' is longer than 63 characters" 1 \
	"bench bench_filter=${v63}1"
# A filter for another mode than the one given is an error, whichever the mode: the selftest mode
# used to run its tests and ignore bench_filter=.
check filter_without_selftest 5 'selftest_filter= without the selftest mode' 1 \
	"bench selftest_filter=smp_atomics"
check bench_filter_in_selftest 5 'bench_filter= without the bench mode' 1 \
	"selftest selftest_filter=smp_atomics bench_filter=mm"
check bench_filter_in_demo 5 'bench_filter= without the bench mode' 1 "demo bench_filter=mm"
for name in boot_hart_not_a_number filter_empty bench_filter_empty inject_failure_value \
	    filter_too_long bench_filter_too_long; do
	if grep -q '^mode:\|^ok \|^FAIL ' "$work/$name.log"; then
		echo "FAIL $name: something ran after the bad command line"; failed=$((failed + 1))
	fi
done
# Good command lines still boot: one test selected, and one near the 1023-character limit.
check filter_selects 0 '^selftest: 1 passed, 0 failed' 1 "selftest selftest_filter=smp_atomics"
# A list of prefixes runs the tests of each; every item must name a test, and none be empty.
check filter_list 0 '^selftest: 2 passed, 0 failed' 1 "selftest selftest_filter=smp_atomics,boot_fdt"
check filter_list_one_unknown 5 "no test name starts with 'nonexistent'" 1 \
	"selftest selftest_filter=smp_atomics,nonexistent"
check filter_list_empty_item 5 "an empty name in the list 'smp_atomics,,boot_fdt'" 1 \
	"selftest selftest_filter=smp_atomics,,boot_fdt"
check satp_mode_bare 0 '^sv39: +off \(satp_mode=bare\)' 1 "selftest selftest_filter=sv39_bare_mode satp_mode=bare"
# Given, min_free_kbytes is taken as is (mm_watermarks skips its computed-value check then).
check min_free_kbytes_given 0 '^ok mm_watermarks' 1 \
	"selftest selftest_filter=mm_watermarks min_free_kbytes=1024"
check boot_hart_given 0 '^boot: +(on hart 1 as boot_hart= asks|hart [0-9]+ hands the boot over to hart 1)' 2 \
	"selftest selftest_filter=smp_atomics boot_hart=1"
# A secondary that OpenSBI sends to the firmware's _start (its stale start address, with the FDT)
# instead of _secondary_start comes online as a secondary: it neither clears .bss nor boots again
# (head.S's hart lottery). smp_stale_entry makes the last secondary enter so on purpose.
check smp_stale_entry 0 '^smp: +4 of 4 harts online' 4 "selftest selftest_filter=smp_ smp_stale_entry"
if [ "$(grep -c '^Pagoda firmware' "$work/smp_stale_entry.log")" != 1 ] ||
   ! grep -q '^selftest: [1-9][0-9]* passed, 0 failed' "$work/smp_stale_entry.log"; then
	echo "FAIL smp_stale_entry_once: the late hart booted again or the smp_ tests failed"
	failed=$((failed + 1))
else
	passed=$((passed + 1))
fi
# The hart the boot is handed to (boot_hart=) may come in at _start as well: it must still take
# the boot over (head.S's late entry). It used to wait there while the hart that handed the boot
# over stayed parked, and nothing ran (a QEMU -smp 4 run under load hung so). boot_hart=next
# hands the boot to the hart after OpenSBI's pick, whichever it is, so every run takes that path.
check smp_stale_handoff 0 'hands the boot over to hart [0-9]' 4 \
	"selftest selftest_filter=smp_ smp_stale_entry boot_hart=next"
log=$work/smp_stale_handoff.log
to=$(sed -n 's/^boot: .*hands the boot over to hart \([0-9]*\) (boot_hart=)\r*$/\1/p' "$log" | head -n 1)
if [ -z "$to" ] || ! grep -qE "^harts: .*\(boot hart $to;" "$log" ||
   ! grep -qE '^smp: +4 of 4 harts online' "$log" ||
   ! grep -qE '^selftest: [1-9][0-9]* passed, 0 failed' "$log"; then
	echo "FAIL smp_stale_handoff_booted: the hart handed the boot (${to:-none}) did not boot all four"
	failed=$((failed + 1))
else
	passed=$((passed + 1))
fi
check boot_hart_next_alone 5 'boot_hart=next needs another hart of the device tree' 1 \
	"selftest boot_hart=next"
# A hart that comes up after the boot hart gave up on it (smp_late_hart: cpu 1 waits for that)
# stops itself, and its cpu number is not handed to the next hart: before, hart 2 became cpu 1
# too, and the late hart then ran on the same stack and per-hart state. boot_hart=0: cpu numbers
# then follow the DT's harts 1, 2, 3 whichever hart OpenSBI's lottery picked.
check smp_late_hart 0 '^smp: +3 of 4 harts online' 4 "selftest selftest_filter=smp_ smp_late_hart boot_hart=0"
if ! grep -q 'hart 1 did not come online within 10 s: cpu 1 stays unused' "$work/smp_late_hart.log" ||
   ! grep -q 'hart 1 came up after the boot hart gave up on it (cpu 1): stopping it' "$work/smp_late_hart.log" ||
   ! grep -q '^cpu 2: hart 2 online' "$work/smp_late_hart.log" ||
   ! grep -q '^selftest: [1-9][0-9]* passed, 0 failed' "$work/smp_late_hart.log"; then
	echo "FAIL smp_late_hart_stopped: the late hart was not reported and stopped, or the smp_ tests failed"
	failed=$((failed + 1))
else
	passed=$((passed + 1))
fi
# The memory benchmarks alone on QEMU: the core's cases run (their self-checks pass: exit 0),
# pgaccel's are skipped and the run says so.
check bench_mem 0 '^bench mem: pgaccel absent, engine cases skipped' 1 "bench bench_filter=mem"
if ! grep -q '^bench mem chase-1m ops=16384 ' "$work/bench_mem.log" ||
   ! grep -q '^bench mem read-1m ops=1 ' "$work/bench_mem.log"; then
	echo "FAIL bench_mem_cases: the chase or the stream read did not report"
	failed=$((failed + 1))
else
	passed=$((passed + 1))
fi
full="selftest selftest_filter=smp_atomics"
while [ ${#full} -lt 1010 ]; do full+=" trace_mm=1"; done
check near_the_limit 0 '^selftest: 1 passed, 0 failed' 1 "$full"

echo "suite-result: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
