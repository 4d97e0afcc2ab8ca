#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# Run each ISA test ELF on the core simulator, once with an ideal memory and once with random
# back-pressure (+stall), and on QEMU (-M spike, HTIF tohost) as an independent check that the
# tests' expectations are right; print "suite-result: N passed, M failed". --fail256 ELF: a test
# that fails as test 256 must fail the run (the number's low byte is 0) and be reported whole.
#   run_isa.sh SIM [--fail256 ELF] test1.elf test2.elf ...
set -uo pipefail
sim=$1; shift
pass=0 fail=0
if [ "${1:-}" = --fail256 ]; then
	out=$("$sim" +max-cycles=100000 "$2" 2>&1)
	rc=$?
	if [ "$rc" -ne 0 ] && grep -q 'tohost reports failure 256$' <<<"$out"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL fail256: exit $rc (want non-zero) or no 'failure 256': $(tail -n 2 <<<"$out" | tr '\n' ' ')"
	fi
	shift 2
fi
for elf in "$@"; do
	name=$(basename "$elf" .elf)
	for mode in plain stall; do
		args=(+max-cycles=2000000)
		[ "$mode" = stall ] && args+=(+stall +seed=7)
		if out=$("$sim" "${args[@]}" "$elf" 2>&1); then
			pass=$((pass + 1))
		else
			fail=$((fail + 1))
			echo "FAIL $name ($mode): $(echo "$out" | tail -n 3 | tr '\n' ' ')"
		fi
	done
	if timeout 60 qemu-system-riscv64 -M spike -bios none -nographic -monitor none \
		-cpu rv64,f=false,d=false,h=false,pmp=true,pmu-num=0 -kernel "$elf" > /dev/null 2>&1; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL $name (qemu): exit $?"
	fi
done
echo "suite-result: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
