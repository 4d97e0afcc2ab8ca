#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# Scripted shell session on QEMU: the allocator's shell commands give the expected answers.
#   tests/mm/shell_test.sh FIRMWARE.elf WORKDIR
set -uo pipefail
fw=$1 dir=$2
mkdir -p "$dir"
cat > "$dir/input.txt" <<'CMDS'
vmstat
buddyinfo
mmcheck
alloc 3 kernel
alloc 0 highuser
free 0x80000 0
alloc 99
alloc 1 bogus
pagetrace
vmstat
zoneinfo
pagetypeinfo
alloc 0 kernel 2147483648
alloc 18446744073709551617
free 0x10000000000081000 3
alloc 2 kernel 0 extra
LONGLINE
drain
compact
compact 7
compact_zone
mmcheck
interrupts
slabinfo
vmallocinfo
ps
poweroff
CMDS
# Issue 11: a line longer than the shell's 127 characters used to be cut and run. This one would
# run as "alloc 1" if cut: it must be discarded whole.
long="alloc 1$(printf '%*s' 130 '')9"
sed -i "s/^LONGLINE\$/$long/" "$dir/input.txt"
bash scripts/run-qemu.sh -t 120 -I "$dir/input.txt" -a "shell" "$fw" > "$dir/console.log" 2>&1
rc=$?
log=$(tr -d '\r' < "$dir/console.log")
pass=0 fail=0
check() {	# check DESCRIPTION REGEX
	if grep -Eq -- "$2" <<< "$log"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: $1 (no line matching /$2/)"
	fi
}
[ "$rc" -eq 0 ] && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL: QEMU exit status $rc"; }
check "vmallocinfo summary" '^(pagoda> )?areas 0 busy, 0 lazily freed pages \(purge above [0-9]+\), 0 purges, 0 remote TLB flushes$'
check "buddyinfo line" '^(pagoda> )?Node 0, zone +Normal( +[0-9]+){11}$'
check "mmcheck ok twice" 'mmcheck: ok'
[ "$(grep -c 'mmcheck: ok' <<< "$log")" -eq 2 ] && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL: mmcheck not ok twice"; }
check "alloc order 3 from Normal" '^(pagoda> )?pfn 0x[0-9a-f]+ order 3 node 0 zone Normal$'
check "GFP_HIGHUSER from HighMem" '^(pagoda> )?pfn 0x[0-9a-f]+ order 0 node 0 zone HighMem$'
check "reserved page free reported" 'BUG: Bad page state: pfn:0x80000 .*free of a reserved page'
check "order out of range" 'alloc: order 99 is out of range'
check "unknown gfp" "alloc: unknown gfp 'bogus'"
check "trace ring has both allocations" 'mm_page_alloc: pfn=0x[0-9a-f]+ order=3 '
check "trace of the order-0 HIGHUSER allocation" 'mm_page_alloc: pfn=0x[0-9a-f]+ order=0 .*gfp_flags=0x100cc2'
check "vmstat counts the bad free" '^bad_page 1$'
check "vmstat counts the HighMem page" '^pgalloc_high 1$'
# The boot allocates from Normal too (the Sv39 page tables): the order-3 block adds 8 pages to
# what the first vmstat showed.
normal=($(grep -E '^(pagoda> )?pgalloc_normal [0-9]+$' <<< "$log" | awk '{print $NF}'))
[ "${#normal[@]}" -eq 2 ] && [ $((normal[1] - normal[0])) -eq 8 ] && pass=$((pass + 1)) ||
	{ fail=$((fail + 1)); echo "FAIL: vmstat order-3 page count (pgalloc_normal ${normal[*]})"; }
check "zoneinfo protection" 'protection: \(0, [0-9]+, [0-9]+, [0-9]+\)'
check "zoneinfo pagesets" 'batch: +[0-9]+'
check "pagetypeinfo" 'Number of blocks type +Unmovable +Movable'
check "node >= 2^31 refused, no crash" '^(pagoda> )?alloc: node 2147483648 is not online$'
check "2^64 + 1 is not order 1" "^(pagoda> )?'18446744073709551617' does not fit in 64 bits$"
check "pfn beyond 64 bits refused" "^(pagoda> )?'0x10000000000081000' does not fit in 64 bits$"
check "extra argument refused" '^(pagoda> )?alloc: takes 1 to 3 arguments, not 4'
check "long line discarded whole" '^(pagoda> )?shell: line of 138 characters is longer than 127: discarded, nothing run$'
[ "$(grep -c 'order 1 node' <<< "$log")" -eq 0 ] && pass=$((pass + 1)) ||
	{ fail=$((fail + 1)); echo "FAIL: a refused line allocated an order-1 block"; }
check "compact: nothing to move, nothing failed" '^(pagoda> )?compact: 0 pages migrated, 0 failed$'
check "compact: node not online" '^(pagoda> )?compact: node 7 is not online$'
check "compact_zone counters" '^compact_stall +0$'
check "compact_zone per-zone state" '^Node 0, zone +Normal: migrate_pfn 0x[0-9a-f]+ free_pfn 0x[0-9a-f]+ considered 0 defer_shift 0 order_failed 0 fragindex\(9\) -?[0-9]+$'
check "slabinfo header" '^(pagoda> )?# name +active_objs num_objs objsize objper pages +slabs'
check "slabinfo: kmalloc-64, no slab yet" '^kmalloc-64 +0 +0 +64 +64 +1 +0 +0 +0$'
check "slabinfo: the 96-byte class" '^kmalloc-96 +0 +0 +96 +42 +1 '
check "console input by the UART interrupt" '^(pagoda> )? +10 +[1-9][0-9]* +uart8250 rx$'
# ps: init (pid 1, running the shell), the idle task, kswapd0 asleep with PF_MEMALLOC|PF_KSWAPD|
# PF_KTHREAD (0x00220800).
check "ps header" '^(pagoda> )? +PID CPU S FLAGS +NVCSW +NIVCSW +TIME\(ms\) COMMAND$'
check "ps: init runs the shell" '^ +1 +0 R 0x00000000 .* init$'
check "ps: the idle task" '^ +0 +0 [IR] 0x00200002 .* \[swapper/0\]$'
check "ps: kswapd0 asleep, a reclaimer" '^ +[0-9]+ +0 S 0x00220800 .* \[kswapd0\]$'
echo "suite-result: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
