#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# On the SoC simulator, the host must see the firmware's real outcome (as tests/qemu/exit_status.sh
# checks on QEMU): each case boots OpenSBI + the firmware and checks the exit status and the console.
#   exit_status.sh SIM OPENSBI FIRMWARE.elf DTB WORKDIR
set -uo pipefail
sim=$1 sbi=$2 fw=$3 dtb=$4 work=$5
mkdir -p "$work"
passed=0 failed=0
. "$(dirname "$0")/../lib/verdict.sh"

# check NAME WANT_STATUS WANT_REGEX STDIN -- simulator arguments...
check() {
	local name=$1 want=$2 regex=$3 in=$4
	shift 5
	"$sim" +opensbi="$sbi" +firmware="$fw" +dtb="$dtb" +max-cycles=150000000 "$@" \
		<"$in" >"$work/$name.log" 2>&1
	verdict "$name" "$want" $? "$regex" "$work/$name.log"
}

# Only copy_verify runs: the whole self-test run needs ~300 M cycles (the memory-filling reclaim,
# OOM and compaction tests), and this checks the failure's exit status, not the other tests.
check injected_selftest_failure 1 'FAIL copy_verify: byte 100' /dev/null -- \
	+bootargs="selftest inject_failure selftest_filter=copy_verify"

# The bench mode refuses to time with a layout where a timed loop may share I$ lines with the path
# it times: the hot text and the timed loops fit one way of the SoC's 16 KiB direct-mapped I$, and
# a DT describing a 2-way 16 KiB I$ (8 KiB ways) makes the same firmware's bench run fail, saying
# why (kernel/main.c bench_check_text_span()). The vmalloc group: the shortest.
check bench_text_span_fits 0 'bench: hot text and timed loops [0-9]+ bytes from 0x[0-9a-f]+, an I\$ way 16384 bytes' /dev/null -- \
	+bootargs="bench bench_filter=vmalloc"
cp "$dtb" "$work/icache-2way.dtb"
fdtput -t i "$work/icache-2way.dtb" /cpus/cpu@0 i-cache-sets 128
check bench_text_span_beyond_a_way 1 'bench layout text-span: FAILED: hot text and timed loops span [0-9]+ bytes, more than an I\$ way \(8192\)' /dev/null -- \
	+bootargs="bench bench_filter=vmalloc" +dtb="$work/icache-2way.dtb"

# Everything up to the `uart` command line, then poweroff.
shell_upto_uart='help\ninfo\nnosuchcmd\ninterrupts\nuart\n'
printf "${shell_upto_uart}poweroff\n" >"$work/shell.in"
check shell_session 0 'unknown command .nosuchcmd' "$work/shell.in" -- +stdin +bootargs=shell
grep -q 'Platform Name *: pagoda,soc' "$work/shell_session.log" ||
	{ echo "FAIL opensbi_banner: no 'Platform Name: pagoda,soc'"; failed=$((failed + 1)); }
# The shell's input came by the UART's receive interrupt through the PLIC: at least every byte up
# to the end of the `uart` command line had been received when it ran, and no more than were sent
# (the file and the Ctrl-D the simulator sends at its end).
log=$(tr -d '\r' <"$work/shell_session.log")
irqs=$(sed -En 's/^(pagoda> )? +10 +([0-9]+) +uart8250 rx$/\2/p' <<<"$log")
rxed=$(sed -En 's/.*receive by interrupt, ([0-9]+) bytes received.*/\1/p' <<<"$log")
upto=$(printf "$shell_upto_uart" | wc -c)
sent=$(($(wc -c <"$work/shell.in") + 1))
if [ -z "$irqs" ] || [ "$irqs" -lt 1 ]; then
	echo "FAIL uart_rx_interrupts: no uart8250 rx interrupts counted"; failed=$((failed + 1))
elif [ -z "$rxed" ] || [ "$rxed" -lt "$upto" ] || [ "$rxed" -gt "$sent" ]; then
	echo "FAIL uart_rx_bytes: '${rxed}' bytes received by interrupt, want $upto..$sent"
	failed=$((failed + 1))
else
	echo "ok uart_rx_interrupts ($irqs interrupts, $rxed bytes)"; passed=$((passed + 1))
fi

# The end of the input ends the session (exit 0, no poweroff needed), and an unterminated last
# line still runs: the simulator sends a newline and Ctrl-D at the end of stdin.
printf 'help\ninfo' >"$work/eof.in"
check shell_ends_at_eof 0 'memory: +\[0x0080000000' "$work/eof.in" -- +stdin +bootargs=shell \
	+max-cycles=40000000

# An S-mode load from an unmapped address ends the run with exit code 2 (no hang), reported.
# Sv39 (default): nothing maps 0x8000000, so the MMU refuses first: a load page fault, reported
# with the address and the part of the layout it falls in.
printf 'peek 0x8000000\ncrash\n' >"$work/crash.in"
check unexpected_trap 2 'Unable to handle kernel paging request \(load\) at virtual address 0x0*8000000 \(identity half, not mapped' "$work/crash.in" -- +stdin +bootargs=shell
grep -q '0x8000000: load page fault' "$work/unexpected_trap.log" ||
	{ echo "FAIL peek_fault: peek did not report the fault"; failed=$((failed + 1)); }
# satp_mode=bare: the bus refuses it (on the SoC the error slave answers), an access fault.
check unexpected_trap_bare 2 'scause 0x0*5 \(load access fault\)' "$work/crash.in" -- +stdin "+bootargs=shell satp_mode=bare"
grep -q '0x8000000: load access fault' "$work/unexpected_trap_bare.log" ||
	{ echo "FAIL peek_fault_bare: peek did not report the fault"; failed=$((failed + 1)); }
# Under Sv39 a load from the vmalloc range outside any area is reported as such.
printf 'crash 0xffffffc03ffff000\n' >"$work/crash_vm.in"
check unexpected_trap_vmalloc 2 'paging request \(load\) at virtual address 0xffffffc03ffff000 \(vmalloc range' "$work/crash_vm.in" -- +stdin +bootargs=shell

# SBI SRST cold reboot: OpenSBI writes 0x7777 to the test device and the harness resets the SoC
# and reloads the images, as QEMU does. Bytes already in the UART are lost with the reset, so the
# second boot's shell waits without input and the run ends at +max-cycles (status 124); what is
# checked is that everything came up a second time. One boot to the shell takes about 12.9 M
# cycles (OpenSBI 5.8 M, Sv39 page tables 0.4 M of it), so two need more than 25 M.
printf 'reboot\n' >"$work/reboot.in"
check reboot 124 'Pagoda shell' "$work/reboot.in" -- +stdin +bootargs=shell +max-cycles=30000000
for what in '^OpenSBI v1\.1' '^Pagoda firmware ' "^Pagoda shell: type 'help'"; do
	n=$(grep -c "$what" "$work/reboot.log")
	[ "$n" -eq 2 ] || { echo "FAIL reboot_boots_twice: /$what/ seen $n times, want 2"; failed=$((failed + 1)); }
done

echo "suite-result: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
