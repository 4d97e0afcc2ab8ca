#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# make dram-speed (tests/litedram/litedram.mk, docs/memory.md "The fast DRAM model"): the same
# self-test run (selftest selftest_filter=FILTER) on the SoC with the 1-cycle RAM, with the fast
# DRAM model and with LiteDRAM, the three at once (same host, same time), each simulator built
# the same way; prints each run's cycles, CPI and speed (CPU time) and one line side by side.
#   tests/litedram/dram_speed.sh OPENSBI FILTER NAME=BUILD_DIR...
set -u
opensbi=$1 filter=$2
shift 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
names=()
for nb in "$@"; do
	name=${nb%%=*} b=${nb#*=}
	names+=("$name")
	"$b/sim/Vpagoda_soc" +opensbi="$opensbi" +firmware="$b/firmware/firmware.elf" \
		+dtb="$b/sbi/pagoda.dtb" +bootargs="selftest selftest_filter=$filter" \
		+max-cycles=400000000 > "$tmp/$name.log" 2>&1 &
done
wait
line="dram-speed ($filter):"
bad=0
for name in "${names[@]}"; do
	# "pagoda-sim: pass (...); C cycles, I instructions retired, CPI x, ... (CPU s, S M cycles/s)"
	r=$(grep -E '^pagoda-sim: (pass|fail|TIMEOUT)' "$tmp/$name.log" | tail -1)
	echo "$name: $r"
	case $r in
	"pagoda-sim: pass"*) ;;
	*) bad=1; tail -5 "$tmp/$name.log" ;;
	esac
	cyc=$(sed -E 's/.*; ([0-9]+) cycles.*/\1/' <<< "$r")
	cpi=$(sed -E 's/.*CPI ([0-9.]+).*/\1/' <<< "$r")
	mcs=$(sed -E 's/.*\(CPU ([0-9.]+) s, ([0-9.]+) M cycles\/s\).*/\2/' <<< "$r")
	line+=" $name $cyc cycles CPI $cpi $mcs M cycles/s (CPU);"
done
echo "$line"
exit $bad
