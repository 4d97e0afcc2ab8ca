#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# The host command must see the firmware's real outcome. Each case runs QEMU and checks both the
# exit status and what the console said.
#   exit_status.sh FIRMWARE.elf WORKDIR
set -uo pipefail
fw=$1 work=$2
mkdir -p "$work"
run="bash scripts/run-qemu.sh -t 120"
passed=0 failed=0
. "$(dirname "$0")/../lib/verdict.sh"

# check NAME WANT_STATUS WANT_REGEX -- command...
check() {
	local name=$1 want=$2 regex=$3
	shift 4
	"$@" >"$work/$name.log" 2>&1
	verdict "$name" "$want" $? "$regex" "$work/$name.log"
}

check injected_selftest_failure 1 'FAIL copy_verify: byte 100' -- \
	$run -a "selftest inject_failure" "$fw"

# A device tree QEMU and OpenSBI accept but whose memory node is malformed (3 cells instead of 4).
qemu-system-riscv64 -M virt,dumpdtb="$work/virt.dtb" -cpu rv64,f=false,d=false,h=false -m 128M \
	-display none >/dev/null 2>&1
dtc -q -I dtb -O dts "$work/virt.dtb" |
	sed -E 's/(reg = <0x00 0x80000000 0x00) 0x8000000>;/\1>;/' >"$work/bad-memory.dts"
if grep -q 'reg = <0x00 0x80000000 0x00>;' "$work/bad-memory.dts" &&
   dtc -q -I dts -O dtb -o "$work/bad-memory.dtb" "$work/bad-memory.dts"; then
	check corrupted_dtb 4 'cannot use the device tree: property has a bad size' -- \
		$run -d "$work/bad-memory.dtb" -a selftest "$fw"
else
	echo "FAIL corrupted_dtb: could not build the corrupted blob"; failed=$((failed + 1))
fi

check demo_boots 0 'Pagoda firmware .* \(S-mode' -- $run "$fw"

printf 'help\ninfo\nnosuchcmd\npoweroff\n' >"$work/shell.in"
check shell_session 0 'unknown command .nosuchcmd' -- $run -I "$work/shell.in" -a shell "$fw"
grep -q 'memory:   \[0x0080000000' "$work/shell_session.log" ||
	{ echo "FAIL shell_info: 'info' printed no memory map"; failed=$((failed + 1)); }

# The end of the input ends the session (exit 0, no poweroff needed), an unterminated last line
# still runs, and the first byte is not lost to OpenSBI's UART reset: run-qemu.sh sends the input
# once the prompt is there, then a newline and Ctrl-D.
printf 'help\ninfo' >"$work/eof.in"
check shell_ends_at_eof 0 'memory: +\[0x0080000000' -- $run -t 60 -I "$work/eof.in" -a shell "$fw"
grep -q '^pagoda> help$' < <(tr -d '\r' <"$work/shell_ends_at_eof.log") ||
	{ echo "FAIL first_byte_kept: no 'pagoda> help' line"; failed=$((failed + 1)); }

# An unexpected trap is reported with its cause and ends the run with exit code 2.
# Sv39 (default): nothing maps 0x8000000, so the MMU refuses first: a load page fault, reported
# with the address and the part of the layout it falls in.
printf 'peek 0x8000000\ncrash\n' >"$work/crash.in"
check unexpected_trap 2 'Unable to handle kernel paging request \(load\) at virtual address 0x0*8000000 \(identity half, not mapped' -- $run -I "$work/crash.in" -a shell "$fw"
grep -q '0x8000000: load page fault' "$work/unexpected_trap.log" ||
	{ echo "FAIL peek_fault: peek did not report the fault"; failed=$((failed + 1)); }
# satp_mode=bare: the bus refuses it (on the SoC the error slave answers), an access fault.
check unexpected_trap_bare 2 'scause 0x0*5 \(load access fault\)' -- $run -I "$work/crash.in" -a "shell satp_mode=bare" "$fw"
grep -q '0x8000000: load access fault' "$work/unexpected_trap_bare.log" ||
	{ echo "FAIL peek_fault_bare: peek did not report the fault"; failed=$((failed + 1)); }
# Under Sv39 a load from the vmalloc range outside any area is reported as such.
printf 'crash 0xffffffc03ffff000\n' >"$work/crash_vm.in"
check unexpected_trap_vmalloc 2 'paging request \(load\) at virtual address 0xffffffc03ffff000 \(vmalloc range' -- $run -I "$work/crash_vm.in" -a shell "$fw"

echo "suite-result: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
