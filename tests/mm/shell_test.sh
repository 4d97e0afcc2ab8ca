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
pressure 2000
pressure 500 dirty
drop_caches 1
drop_caches 3
pressure 999999999
drop_caches 4
pressure 0
drop_caches 3
mmcheck
memhog 300 500
memhog 100
memhog 200 -1000
memhog 5 2000
ps
oom
memhog stop
memcg create shA
memcg create shA
memcg max shA bogus
memcg max / 1M
memcg max shA 1M
memcg attach shA 1
pressure 600
memhog 400
memcg show shA
memcg rm shA
memhog stop
memcg attach shA 999999
memcg attach / 1
pressure 0
memcg
memcg show shA
memcg rm shA
memcg show shA
cpuset create csA
cpuset mems csA 7
cpuset mems csA 0
cpuset
cpuset rm csA
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
check "mmcheck ok three times" 'mmcheck: ok'
[ "$(grep -c 'mmcheck: ok' <<< "$log")" -eq 3 ] && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL: mmcheck not ok three times"; }
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
check "ps header" '^(pagoda> )? +PID CPU S FLAGS +NVCSW +NIVCSW +TIME\(ms\) +RSS +OOM_ADJ COMMAND$'
check "ps: init runs the shell" '^ +1 +0 R 0x00000000 .* init$'
check "ps: the idle task" '^ +0 +0 [IR] 0x00200002 .* \[swapper/0\]$'
check "ps: kswapd0 asleep, a reclaimer" '^ +[0-9]+ +0 S 0x00220800 .* \[kswapd0\]$'
# Page cache: pressure fills it (2000 clean pages), a dirty file replaces it (500 dirty pages: the
# clean file is gone with its pages); drop_caches 1 frees clean pages only, so the 500 dirty stay;
# bad sizes and modes are refused; pressure 0 drops the file, and nothing is cached at the end.
check "pressure: 2000 clean pages" '^(pagoda> )?pressure: 2000 of 2000 pages read; nr_file_pages 2000 nr_dirty 0, [0-9]+ reclaimed meanwhile$'
check "pressure: 500 dirty pages" '^(pagoda> )?pressure: 500 of 500 pages written; nr_file_pages 500 nr_dirty 500, [0-9]+ reclaimed meanwhile$'
check "drop_caches 1 leaves dirty pages" '^(pagoda> )?drop_caches: 0 page-cache pages, 0 slab pages freed; nr_file_pages 500 nr_dirty 500$'
check "drop_caches 3" '^(pagoda> )?drop_caches: 0 page-cache pages, [0-9]+ slab pages freed; nr_file_pages 500 nr_dirty 500$'
check "pressure: too big refused" '^(pagoda> )?pressure: 999999999 pages is more than the [0-9]+ managed$'
check "drop_caches: bad mode refused" '^(pagoda> )?usage: drop_caches 1\|2\|3$'
check "after pressure 0, nothing cached" '^(pagoda> )?drop_caches: 0 page-cache pages, [0-9]+ slab pages freed; nr_file_pages 0 nr_dirty 0$'
# OOM killer by hand (sysrq-f) over three tasks that own memory: the adj 500 one is the victim.
check "memhog owns its pages" '^(pagoda> )?memhog: pid [0-9]+ owns 300 pages, oom_score_adj 500$'
check "memhog rejects adj 2000" '^(pagoda> )?usage: memhog PAGES'
check "ps: rss and oom_score_adj" '^ +[0-9]+ +0 S 0x00200000 .* +300 +500 \[memhog\]$'
check "ps: adj -1000" '^ +[0-9]+ +0 S 0x00200000 .* +200 +-1000 \[memhog\]$'
check "sysrq-f report header" '^(pagoda> )?(sysrq: Manual OOM execution|init invoked oom-killer: gfp_mask=0x0, order=-1, oom_score_adj=0)$'
check "sysrq-f task table" '^\[ +[0-9]+\] +0 +200 +[0-9]+ +-1000 memhog$'
check "sysrq-f kills the adj 500 task" '^Out of memory: Killed process [0-9]+ \(memhog\) total-vm:1200kB, anon-rss:1200kB, .* oom_score_adj:500$'
check "oom_kill counted" '^oom: 1 kill\(s\) since boot$'
check "the victim exited killed" '^(pagoda> )?memhog: pid [0-9]+ exit 9$'
check "the others stopped" '^memhog: pid [0-9]+ exit 0$'
# Memory cgroups: a group of 1 MiB (256 pages) holding init's page cache: 600 pages read, the
# group reclaiming its own; a memhog started from init inherits the group and, its faults being
# NORETRY, gets exactly the 256 pages left once the group's cache is gone; bad values refused;
# after the file and the task go, memory.current is 0 and the group can be removed.
check "memcg: exists" '^(pagoda> )?memcg: create shA: exists already$'
check "memcg: bad size" '^(pagoda> )?memcg: bogus: not a size'
check "memcg: no limit on the root" '^(pagoda> )?memcg: the root group has no limits$'
check "memcg: pressure inside the limit" '^(pagoda> )?pressure: 600 of 600 pages read; '
check "memcg: memhog gets what the limit leaves" '^(pagoda> )?memhog: pid [0-9]+ owns 256 pages, oom_score_adj 0$'
check "memcg: memory.current at the limit" '^memory.current 1048576$'
check "memcg: memory.max" '^memory.max 1048576$'
check "memcg: max events, no OOM (NORETRY)" '^memory.events low 0 high 0 max [1-9][0-9]* oom 0 oom_kill 0 oom_group_kill 0$'
check "memcg: all anonymous, the cache reclaimed" '^memory.stat anon 1048576 file 0 kernel 0 slab 0 pgscan [1-9][0-9]* pgsteal [1-9][0-9]*$'
check "memcg: busy group stays" '^(pagoda> )?memcg: rm shA: busy'
check "memcg: no such task" '^(pagoda> )?memcg: attach 999999: no such task$'
check "memcg: tree" '^/shA +[0-9]+ +0 +1048576 +0$'
check "memcg: current back to 0" '^memory.current 0$'
check "memcg: removed" '^(pagoda> )?memcg: shA: no such group$'
check "cpuset: offline node refused" '^(pagoda> )?cpuset: mems 7: offline node'
check "cpuset: table" '^/csA +0x1 +0 +0 +0$'
echo "suite-result: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
