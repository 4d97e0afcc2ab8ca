#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# Boot the firmware on QEMU virt under Debian's OpenSBI fw_dynamic, with a hard timeout.
#   run-qemu.sh [-t SECONDS] [-s SMP] [-m MEM] [-n NUMA_NODES] [-d DTB] [-a BOOTARGS] [-i | -I FILE] [-c] FW.elf
# Exit status: the firmware's (sifive,test1 device), 124 on timeout. -i keeps stdin (interactive
# shell, no timeout); -I feeds FILE to the console (scripted shell sessions in tests); -c counts
# instructions exactly (-icount shift=0: rdcycle = rdinstret = instructions, for benchmarks).
# Fed input (-I, or -i with stdin not a terminal) reaches the console once the shell's prompt is
# there, and its end is sent as Ctrl-D (after a newline if its last line has none), which ends
# the shell's session (exit 0) as it would a Unix shell's.
set -uo pipefail
timeout=120 smp=1 mem=128M numa=1 dtb="" bootargs="" interactive=0 input=/dev/null icount=0
opensbi=${OPENSBI:-/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.bin}
while getopts "t:s:m:n:d:a:iI:c" o; do
	case $o in
	t) timeout=$OPTARG ;; s) smp=$OPTARG ;; m) mem=$OPTARG ;; n) numa=$OPTARG ;;
	d) dtb=$OPTARG ;; a) bootargs=$OPTARG ;; i) interactive=1 ;; I) input=$OPTARG ;; c) icount=1 ;;
	*) echo "usage: $0 [-t s] [-s smp] [-m mem] [-n nodes] [-d dtb] [-a bootargs] [-i] fw.elf" >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
fw=${1:?firmware ELF missing}
[ -f "$fw" ] || { echo "run-qemu: $fw not found" >&2; exit 2; }
[ -f "$opensbi" ] || { echo "run-qemu: OpenSBI $opensbi not found (scripts/deps.sh installs it)" >&2; exit 2; }

# The Pagoda core has no F/D/H: model the same ISA so that the firmware never relies on them.
args=(-M virt -cpu rv64,f=false,d=false,h=false -smp "$smp" -m "$mem" -bios "$opensbi"
      -kernel "$fw" -display none -serial stdio -monitor none -no-reboot)
[ -n "$bootargs" ] && args+=(-append "$bootargs")
[ -n "$dtb" ] && args+=(-dtb "$dtb")
# Without icount QEMU's cycle and instret CSRs read the host's clock.
[ "$icount" -eq 1 ] && args+=(-icount shift=0)
if [ "$numa" -gt 1 ]; then
	# Split memory and harts evenly over the nodes; QEMU then emits numa-node-id and a distance-map.
	mem_mb=$(( $(numfmt --from=iec "$mem") / 1048576 / numa ))
	for ((n = 0; n < numa; n++)); do
		args+=(-object "memory-backend-ram,id=m$n,size=${mem_mb}M"
		       -numa "node,nodeid=$n,memdev=m$n,cpus=$((n * smp / numa))-$(((n + 1) * smp / numa - 1))")
	done
fi
if [ "$interactive" -eq 1 ] && [ -t 0 ]; then
	# A terminal: QEMU puts it in raw mode, and Ctrl-D reaches the shell as it is typed.
	qemu-system-riscv64 "${args[@]}"
	exit $?
fi
if [ "$interactive" -eq 1 ]; then
	# Piped input: sent as a script is, still without a timeout.
	input=/dev/stdin timeout=0
fi
if [ "$input" = /dev/null ]; then
	timeout -k 5 "$timeout" qemu-system-riscv64 "${args[@]}" </dev/null
	rc=$?
else
	# OpenSBI resets the UART (FIFOs included) while it boots, and QEMU hands it a byte as soon
	# as it is there: input sent earlier loses its first byte ("help" runs as "elp"). So it is
	# sent only once the firmware's shell prompt is on the console (or QEMU has ended).
	tmp=$(mktemp -d)
	mkfifo "$tmp/in"
	exec 3<>"$tmp/in"
	timeout -k 5 "$timeout" qemu-system-riscv64 "${args[@]}" <"$tmp/in" | tee "$tmp/out" &
	pid=$!
	until grep -q 'pagoda> ' "$tmp/out" 2>/dev/null; do
		kill -0 $pid 2>/dev/null || break
		sleep 0.1
	done
	tee "$tmp/sent" <"$input" >&3
	[ -n "$(tail -c 1 "$tmp/sent")" ] && printf '\n' >&3
	printf '\004' >&3
	wait $pid
	rc=$?
	exec 3>&-
	rm -rf "$tmp"
fi
[ $rc -eq 124 ] && echo "run-qemu: TIMEOUT after ${timeout}s (the firmware did not finish)" >&2
exit $rc
