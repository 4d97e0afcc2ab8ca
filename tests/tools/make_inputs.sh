#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# What users give `make`: a file variable naming no file stops make before anything is built or
# booted; BOOTARGS reach the firmware as written, never through a shell; piped shell sessions end
# with their input; a timeout is told apart from a failure. Runs make in this tree on the already
# built firmware and simulator (every run is bounded by SIM_MAX_CYCLES / TIMEOUT / timeout).
#   make_inputs.sh BUILD WORKDIR
set -uo pipefail
build=$1 work=$2
rm -rf "$work" && mkdir -p "$work"
passed=0 failed=0

mk() {	# a make of its own, not a job of the `make test` that runs this script
	env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS timeout -k 5 300 \
		make --no-print-directory BUILD="$build" SIM_MAX_CYCLES=1000 TIMEOUT=60 "$@"
}
ok() { echo "ok $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1"; [ -f "${2:-}" ] && tail -5 "$2"; failed=$((failed + 1)); }

# A missing file: make says which variable, and neither builds nor boots anything.
missing=$work/missing-file
for case in "sim ELF" "shell ELF" "wave ELF" "sim-bare ELF" "qemu ELF" "qemu-shell ELF" \
	    "bench ELF" "run ELF" "sim DTB" "qemu DTB" "sim OPENSBI" "qemu OPENSBI"; do
	set -- $case
	log="$work/missing-$1-$2.log"
	mk "$1" "$2=$missing" </dev/null >"$log" 2>&1
	rc=$?
	if [ "$rc" -eq 2 ] && grep -qF "$2=$missing: no such file" "$log" &&
	   ! grep -Eq 'OpenSBI v|VERILATE|  CC|qemu-system' "$log"; then
		ok "make $1 $2=missing: refused (exit 2)"
	else
		fail "make $1 $2=missing: exit $rc, or no 'no such file' message, or something ran" "$log"
	fi
done

# `make run` and `make bench` without MEM= run once more in the board's tree, build/mem-litedram
# under this BUILD (dry runs: -n prints what would run and builds nothing).
for goal in run bench; do
	log="$work/dry-$goal.log"
	# One line per command: make -n prints recipes with their backslash-newlines.
	# BENCH_ON=qemu: a dry run still runs the kernel's sub-make, which may wait on its lock.
	mk -n "$goal" BENCH_ON=qemu </dev/null 2>&1 | sed -e ':a' -e '/\\$/N; s/\\\n//; ta' >"$log"
	rc=${PIPESTATUS[0]}
	inner=$(grep -c -- "MEM=litedram BUILD=$build/mem-litedram $goal\$" "$log")
	case $goal in
	run) want="^$build/mem-litedram/sim/Vpagoda_soc +opensbi=" ;;
	bench) want="scripts/bench.py --tag fw $build/mem-litedram/bench/results.json -- " ;;
	esac
	if [ "$rc" -eq 0 ] && [ "$inner" -eq 1 ] && grep -q -- "$want" "$log" &&
	   ! grep -q -- "BUILD=$build/mem-litedram/mem-" "$log"; then
		ok "make $goal: once more in the LiteDRAM tree under BUILD, and runs there"
	else
		fail "make $goal: exit $rc, $inner sub-makes for the LiteDRAM tree, or not run there" "$log"
	fi
done

# BOOTARGS with shell syntax: nothing runs, and the firmware gets the words as written.
args='demo `touch '$work'/ran-backticks` $(touch '$work'/ran-subshell) it'"'"'s "quoted"'
mk qemu BOOTARGS="$args" </dev/null >"$work/bootargs-qemu.log" 2>&1
mk sim BOOTARGS="$args" </dev/null >"$work/bootargs-sim.log" 2>&1
# MEM=ram: `make run` alone would boot the LiteDRAM tree, which other suites build meanwhile.
mk run MEM=ram BOOTARGS="$args" </dev/null >"$work/bootargs-run.log" 2>&1
if [ -e "$work/ran-backticks" ] || [ -e "$work/ran-subshell" ]; then
	fail "BOOTARGS: the shell ran commands from them"
else
	ok "BOOTARGS: backticks and \$(...) are not run (qemu, sim, run)"
fi
# The firmware quotes its whole command line, in its banner or in its refusal of unknown words.
want="\"$args\""
if grep -qF "$want" "$work/bootargs-qemu.log"; then
	ok "BOOTARGS reach the firmware on QEMU as written"
else
	fail "BOOTARGS on QEMU: the firmware never printed $want" "$work/bootargs-qemu.log"
fi
mk sim BOOTARGS="$args" SIM_MAX_CYCLES=9000000 </dev/null >"$work/bootargs-sim-banner.log" 2>&1
if grep -qF "$want" "$work/bootargs-sim-banner.log"; then
	ok "BOOTARGS reach the firmware on the SoC as written"
else
	fail "BOOTARGS on the SoC: the firmware never printed $want" "$work/bootargs-sim-banner.log"
fi

# make can only exit 0 or 2, so the firmware's status is make's "Error N": a timeout is 124.
mk sim </dev/null >"$work/timeout.log" 2>&1
rc=$?
if [ "$rc" -eq 2 ] && grep -q 'TIMEOUT (+max-cycles reached)' "$work/timeout.log" &&
   grep -q '\] Error 124$' "$work/timeout.log"; then
	ok "make sim: a timeout shows as Error 124"
else
	fail "make sim: timeout not told apart (exit $rc)" "$work/timeout.log"
fi

# Piped shell sessions end when their input does (an unterminated last line still runs), and
# keep their first byte.
for t in shell qemu-shell; do
	printf 'help' | mk "$t" SIM_MAX_CYCLES=0 >"$work/eof-$t.log" 2>&1
	rc=$?
	if [ "$rc" -eq 0 ] && grep -q '^ *poweroff ' "$work/eof-$t.log" &&
	   ! grep -q "unknown command" "$work/eof-$t.log"; then
		ok "make $t: piped 'help' runs whole and the session ends at EOF (exit 0)"
	else
		fail "make $t with piped input: exit $rc (124: never ended), or 'help' was not run" \
			"$work/eof-$t.log"
	fi
done

echo "suite-result: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
