#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# Suite fpga-lint (tests/fpga/fpga.mk): the board top lints and elaborates with no combinational
# loop (make lint-arty), and scripts/fpga/utilization.py gives the known answers on small
# netlists, and so does the loop check (tests/fpga/test_check_loops.py), and the constraints
# place every pin of the top (tests/fpga/check_xdc.py), and make bitstream drives
# fpga/arty-a7/vivado.tcl as it should (tests/fpga/vivado_dryrun.sh).
#   tests/fpga/lint_arty.sh "MAKE" PYTHON WORKDIR
set -uo pipefail
make=$1 python=$2 work=$3
pass=0 fail=0
if $make lint-arty; then
	pass=$((pass + 1))
else
	echo "FAIL: make lint-arty"
	fail=$((fail + 1))
fi
# each checker prints one "NAME: N passed, M failed" line
run_counted() {
	local name=$1 out rc line
	shift
	out=$("$@" 2>&1)
	rc=$?
	echo "$out"
	line=$(printf '%s\n' "$out" | sed -n "s/^$name: \([0-9]*\) passed, \([0-9]*\) failed\$/\1 \2/p")
	if [ -n "$line" ] && { [ $rc -eq 0 ] || [ "${line#* }" != 0 ]; }; then
		pass=$((pass + ${line% *}))
		fail=$((fail + ${line#* }))
	else
		echo "FAIL: $* ended without its count (status $rc)"
		fail=$((fail + 1))
	fi
}
run_counted utilization-tests "$python" tests/fpga/test_utilization.py
run_counted check-loops-tests "$python" tests/fpga/test_check_loops.py
run_counted vivado-dryrun bash tests/fpga/vivado_dryrun.sh "$make" "$work"
run_counted xdc-checks "$python" tests/fpga/check_xdc.py fpga/arty-a7/pagoda_arty_top.sv \
	fpga/arty-a7/arty.xdc
echo "suite-result: $pass passed, $fail failed"
[ $fail -eq 0 ]
