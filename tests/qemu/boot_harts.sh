#!/usr/bin/env bash
# The self-tests once per boot hart: OpenSBI 1.1 picks the hart that enters the firmware by lottery
# (its fw_dynamic boot_hart field only picks the hart that relocates OpenSBI, and QEMU has no
# option for it), so each run asks the firmware to hand the boot to one hart (bootargs
# boot_hart=N) and checks that this hart booted. The result never depends on the lottery.
#   boot_harts.sh FIRMWARE.elf WORKDIR SMP NUMA_NODES MEM [EXTRA_BOOTARGS]
set -uo pipefail
fw=$1 work=$2 smp=$3 numa=$4 mem=$5 extra=${6:-}
mkdir -p "$work"
rc=0
for ((h = 0; h < smp; h++)); do
	log="$work/smp$smp-numa$numa-hart$h.log"
	bash scripts/run-qemu.sh -t 300 -s "$smp" -n "$numa" -m "$mem" \
		-a "selftest boot_hart=$h${extra:+ $extra}" "$fw" >"$log" 2>&1
	status=$?
	tr -d '\r' <"$log" | grep -E '^selftest: [0-9]+ passed' | sed "s/^selftest:/boot-hart-$h:/"
	if ! tr -d '\r' <"$log" | grep -Eq "^harts: .*\(boot hart $h;"; then
		echo "FAIL boot hart $h: the firmware did not boot on hart $h (see $log)"
		echo "0 passed, 1 failed"
		rc=1
	elif [ "$status" -ne 0 ]; then
		echo "FAIL boot hart $h: exit status $status (see $log)"
		tr -d '\r' <"$log" | grep -E '^FAIL ' || echo "0 passed, 1 failed"
		rc=1
	fi
done
exit $rc
