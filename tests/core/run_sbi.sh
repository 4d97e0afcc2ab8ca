#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# Boot Debian's OpenSBI 1.1 fw_dynamic on the core-only harness with an S-mode payload that
# prints a line and shuts down through SBI SRST; check the banner, the ISA OpenSBI detected, the
# hand-over to S-mode and a clean shutdown; then the whole boot again with random bus stalls. Prints "suite-result: N passed, M failed".
#   run_sbi.sh SIM FW_DYNAMIC.BIN DTB PAYLOAD.ELF
set -uo pipefail
sim=$1 fw=$2 dtb=$3 payload=$4
if [ ! -r "$fw" ]; then
	echo "run_sbi.sh: $fw not found (Debian package opensbi)" >&2
	echo "suite-result: 0 passed, 1 failed"
	exit 1
fi
out=$(timeout 300 "$sim" +bin="$fw"@0x80000000 +dtb="$dtb" +entry=0x80000000 \
	+max-cycles=40000000 "$payload" 2>&1)
rc=$?
pass=0 fail=0
check() {
	if [ "$1" = ok ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: $2"
	fi
}
grep -q "^OpenSBI v1.1" <<< "$out" && r=ok || r=no; check $r "OpenSBI banner"
grep -q "Boot HART Base ISA *: rv64imac" <<< "$out" && r=ok || r=no; check $r "ISA detected as rv64imac"
grep -q "Boot HART Priv Version *: v1.12" <<< "$out" && r=ok || r=no; check $r "priv version v1.12"
grep -q "pagoda payload: S-mode entered" <<< "$out" && r=ok || r=no; check $r "S-mode payload ran"
# OpenSBI finds the core's 8 PMP entries of 4 KiB and enforces its regions (docs/core.md "PMP")
grep -qE "Boot HART PMP Count *: 8\s*$" <<< "$out" && r=ok || r=no; check $r "PMP count 8"
grep -qE "Boot HART PMP Granularity *: 4096\s*$" <<< "$out" && r=ok || r=no; check $r "PMP granularity 4096"
grep -q "pagoda payload: OpenSBI memory and CLINT refused to S-mode" <<< "$out" && r=ok || r=no
check $r "S-mode load from OpenSBI and store to the CLINT fault"
# OpenSBI 1.1 sets menvcfg's CBIE/CBCFE/CBZE when it finds priv 1.12 (docs/core.md)
grep -q "pagoda payload: cbo.clean/flush/inval/zero allowed to S-mode" <<< "$out" && r=ok || r=no
check $r "OpenSBI's menvcfg allows the CBOs in S-mode"
[ $rc -eq 0 ] && r=ok || r=no; check $r "clean SRST shutdown (exit $rc)"
# the same boot with random bus back-pressure and response delays
out2=$(timeout 300 "$sim" +stall +seed=3 +bin="$fw"@0x80000000 +dtb="$dtb" +entry=0x80000000 \
	+max-cycles=60000000 "$payload" 2>&1)
rc2=$?
grep -q "pagoda payload: S-mode entered" <<< "$out2" && [ $rc2 -eq 0 ] && r=ok || r=no
check $r "boot with bus stalls (exit $rc2)"
grep "tb_core:" <<< "$out"
[ $fail -ne 0 ] && echo "$out" | tail -n 20
echo "suite-result: $pass passed, $fail failed"
[ $fail -eq 0 ]
