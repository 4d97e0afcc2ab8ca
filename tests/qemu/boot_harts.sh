#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# The self-tests once per boot hart: OpenSBI 1.1 picks the hart that enters the firmware by lottery
# (its fw_dynamic boot_hart field only picks the hart that relocates OpenSBI, and QEMU has no
# option for it), so each run asks the firmware to hand the boot to one hart (bootargs
# boot_hart=N) and checks that this hart booted. The result never depends on the lottery.
# Each hart's run counts its firmware "selftest:" line (shown as "smpS-numaN-hartH: ..."), plus one
# failure when the run did not boot on that hart or failed with no test failing; the sum is the
# one "suite-result:" line.
#   boot_harts.sh FIRMWARE.elf WORKDIR SMP NUMA_NODES MEM [EXTRA_BOOTARGS]
set -uo pipefail
fw=$1 work=$2 smp=$3 numa=$4 mem=$5 extra=${6:-}
mkdir -p "$work"
tp=0 tf=0
for ((h = 0; h < smp; h++)); do
	log="$work/smp$smp-numa$numa-hart$h.log"
	bash scripts/run-qemu.sh -t 300 -s "$smp" -n "$numa" -m "$mem" \
		-a "selftest boot_hart=$h${extra:+ $extra}" "$fw" >"$log" 2>&1
	status=$?
	line=$(tr -d '\r' <"$log" | grep -E '^selftest: [0-9]+ passed, [0-9]+ failed' | tail -1)
	p=0 f=0
	if [ -n "$line" ]; then
		echo "smp$smp-numa$numa-hart$h: ${line#selftest: }"
		read -r p _ f _ <<<"${line#selftest: }"
	fi
	# grep -q stops reading early: fed through a pipe under pipefail, tr's SIGPIPE would fail it
	if ! grep -Eq "^harts: .*\(boot hart $h;" < <(tr -d '\r' <"$log"); then
		echo "FAIL boot hart $h: the firmware did not boot on hart $h (see $log)"
		f=$((f + 1))
	elif [ "$status" -ne 0 ]; then
		echo "FAIL boot hart $h: exit status $status (see $log)"
		tr -d '\r' <"$log" | grep -E '^FAIL '
		[ "$f" -eq 0 ] && f=1
	fi
	tp=$((tp + p)) tf=$((tf + f))
done
echo "suite-result: $tp passed, $tf failed"
[ "$tf" -eq 0 ]
