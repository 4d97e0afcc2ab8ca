#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# Suite fpga-lint (tests/fpga/fpga.mk): the board top lints and elaborates (make lint-arty), and
# scripts/fpga/utilization.py gives the known answers on small netlists.
#   tests/fpga/lint_arty.sh "MAKE" PYTHON
set -uo pipefail
make=$1 python=$2
pass=0 fail=0
if $make lint-arty; then
	pass=$((pass + 1))
else
	echo "FAIL: make lint-arty"
	fail=$((fail + 1))
fi
out=$("$python" tests/fpga/test_utilization.py 2>&1)
rc=$?
echo "$out"
line=$(printf '%s\n' "$out" | sed -n 's/^utilization-tests: \([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p')
if [ -n "$line" ] && [ $rc -eq 0 -o "${line#* }" != 0 ]; then
	pass=$((pass + ${line% *}))
	fail=$((fail + ${line#* }))
else
	echo "FAIL: tests/fpga/test_utilization.py ended without its count (status $rc)"
	fail=$((fail + 1))
fi
echo "suite-result: $pass passed, $fail failed"
[ $fail -eq 0 ]
