#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# Bare-metal runs on the SoC simulator and the truth of its exit status.
#   tests/soc/run_bare.sh SIM ELF_DIR [more bare-metal ELFs that must pass...]
# Prints "suite-result: N passed, M failed".
set -u
sim=$1 dir=$2
shift 2
pass=0 fail=0

expect() {	# name, expected status, simulator arguments...
	local name=$1 want=$2
	shift 2
	out=$("$sim" "$@" 2>&1)
	rc=$?
	if [ "$rc" -eq "$want" ]; then
		pass=$((pass + 1)); echo "ok   $name"
	else
		fail=$((fail + 1)); echo "FAIL $name: exit $rc, want $want"; echo "$out" | tail -5
	fi
}

expect "soc integration test (ROM hand-over, faults, CLINT, PLIC, UART, AMO)" 0 \
	+bare="$dir/soc_bare.elf" +max-cycles=2000000
expect "tohost failure code becomes the exit status" 3 +bare="$dir/fail.elf" +max-cycles=100000
# riscv-tests test 257 fails: the status can carry only its low byte (1), the report has it all.
expect "a failing test number above 255 still fails the run" 1 +bare="$dir/fail257.elf" \
	+max-cycles=100000
if grep -q 'tohost = 0x0000000000000203: exit code 257' <<<"$out" &&
   grep -q 'FAIL (tohost), code 257 (exit status 1)' <<<"$out"; then
	pass=$((pass + 1)); echo "ok   the whole tohost value and test number 257 are reported"
else
	fail=$((fail + 1)); echo "FAIL the report lacks tohost 0x203 / test 257"; echo "$out" | tail -3
fi
expect "a hang stops at +max-cycles with status 124" 124 +bare="$dir/hang.elf" +max-cycles=20000
expect "HTIF: syscall proxy write/exit, -EFAULT, -ENOSYS, console putchar" 0 \
	+bare="$dir/htif.elf" +max-cycles=1000000
if grep -qx 'htif: write through the syscall proxy' <<<"$out" && grep -qx 'htif: putchar ok' <<<"$out"
then
	pass=$((pass + 1)); echo "ok   HTIF output reaches stdout"
else
	fail=$((fail + 1)); echo "FAIL HTIF output reaches stdout"; echo "$out" | tail -5
fi
expect "an unsupported HTIF request fails the run (status 1)" 1 +bare="$dir/htif_bad.elf" \
	+max-cycles=100000
grep -q 'unsupported HTIF request 0x0200000000000055 (device 2, command 0)' <<<"$out" &&
	{ pass=$((pass + 1)); echo "ok   the unsupported request is named"; } ||
	{ fail=$((fail + 1)); echo "FAIL the unsupported request is not named"; echo "$out" | tail -3; }
# LiteDRAM's CSR window is nobody's without the controller (tests/litedram: the same test passes
# on the SoC built with MEM=litedram)
expect "DRAMCTRL window without LiteDRAM: the load is an access fault (status 5)" 5 \
	+bare="$dir/dramctrl.elf" +max-cycles=100000
expect "a missing ELF is an error (status 2), not a hang" 2 +bare="$dir/missing.elf"
expect "an unknown option is an error" 2 +bare="$dir/soc_bare.elf" +no-such-option=1
printf 'not an elf' > "$dir/garbage.elf"
expect "a file that is not an ELF is an error" 2 +bare="$dir/garbage.elf"

for elf in "$@"; do
	expect "$(basename "$elf") (bare-metal, tohost) on the SoC" 0 +bare="$elf" +max-cycles=20000000
done

echo "suite-result: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
