#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""Write docs/benchmarks.md from build/bench/results.json (and the plots plot.py made).

Every number in the page comes from the results file; the commentary that depends on numbers
(where the engine loses, whether a goal is met) is computed here from the same data, so the page
cannot say something the run did not show."""
import collections
import json
import os
import sys

MM_ANCHOR = ("Linux on x86 spends about 160-250 cycles per order-0 alloc+free pair through the "
             "per-CPU lists and about 83 cycles per page in bulk (Mel Gorman's and Jesper Brouer's "
             "page_bench figures).")


def per_op(c, key="cycles"):
    return c.get(key, 0) / max(1, c.get("ops", 1))


def fmt(v):
    return f"{v:,.0f}" if v >= 100 else f"{v:.1f}"


def op_table(cases, exact, out):
    """Per-operation cycles, instructions, CPI, and the I$ misses per operation where the SBI PMU
    counted them (firmware's bench_report: ic_miss=): the cycles CPI adds on the 1-cycle RAM are
    the instruction cache's refills (docs/core.md "Instruction cache")."""
    ic = exact and any("ic_miss" in c for c in cases)
    out.append("| case | ops | cycles/op | instructions/op | CPI |" + (" I$ misses/op |" if ic else ""))
    out.append("|---|---|---|---|---|" + ("---|" if ic else ""))
    for c in cases:
        cyc = fmt(per_op(c)) if exact else "n/a"
        cpi = f"{c['cpi']:.3f}" if exact and c.get("cpi") else "n/a"
        miss = (f" {per_op(c, 'ic_miss'):.2f} |" if "ic_miss" in c else " n/a |") if ic else ""
        out.append(f"| {c['name']} | {c['ops']} | {cyc} | {fmt(per_op(c, 'instret'))} | {cpi} |"
                   + miss)


def mm_section(doc, cases, out):
    exact = doc["platform"].startswith("pagoda")
    out.append("## Page allocator (`mm_bench_run`)\n")
    out.append("Per operation = one alloc+free pair (bulk: per page). " + MM_ANCHOR + "\n")
    op_table(cases, exact, out)
    pcp = next((c for c in cases if c["name"] == "order0-pcp"), None)
    if pcp and exact:
        v = per_op(pcp)
        verdict = "meets" if v <= 150 else "misses"
        out.append(f"\nOrder-0 alloc+free through the per-CPU lists: **{v:.0f} cycles**, which "
                   f"{verdict} the goal of at most 150 cycles.\n")
    bulk = [c for c in cases if c["name"] in ("bulk16", "bulk64")]
    if bulk and exact:
        worst = max(per_op(c) for c in bulk)
        verdict = "meets" if worst <= 80 else "misses"
        vals = ", ".join(f"{c['name']} {per_op(c):.0f}" for c in bulk)
        out.append(f"alloc_pages_bulk + free_pages_bulk per page: **{vals} cycles**, which "
                   f"{verdict} the goal (issue 16) of at most 80 cycles at both sizes.\n")
    out.append("")


SLAB_ANCHOR = ("Anchor: SLUB's alloc+free fast path is about 42 cycles on x86 and its bulk free about "
               "17 cycles per object (Linux commit fbd02630c6e3). Goal (issue 16): a kmalloc+kfree "
               "pair from the per-hart fast path in at most 60 cycles.")


def slab_section(doc, cases, out):
    exact = doc["platform"].startswith("pagoda")
    out.append("## Slab and kmalloc (`slab_bench_run`)\n")
    out.append("Per operation = one kmalloc+kfree pair from the per-hart fast path (warm), or one "
               "object of a 16-object kmem_cache bulk alloc + bulk free. " + SLAB_ANCHOR + "\n")
    op_table(cases, exact, out)
    # The "-var" cases hide the size from the compiler: they add the runtime class lookup, which
    # a constant size (the goal's case, Linux's inline kmalloc) skips. Reported beside the goal.
    pairs = [c for c in cases if c["name"].startswith("kmalloc-") and not c["name"].endswith("-var")]
    var = [c for c in cases if c["name"].startswith("kmalloc-") and c["name"].endswith("-var")]
    if pairs and exact:
        worst = max(per_op(c) for c in pairs)
        best = min(per_op(c) for c in pairs)
        verdict = "meets" if worst <= 60 else "misses"
        out.append(f"\nkmalloc+kfree pairs: **{best:.0f}-{worst:.0f} cycles**, which {verdict} the "
                   "goal of at most 60 cycles.")
        for c in var:
            out.append(f"With the size unknown to the compiler ({c['name']}, the class found by "
                       f"table at run time): {per_op(c):.0f} cycles.")
        out.append("")
    out.append("")


def vmalloc_section(doc, cases, out):
    exact = doc["platform"].startswith("pagoda")
    out.append("## vmalloc (`vmalloc_bench_run`)\n")
    out.append("Per operation = one vmalloc+vfree (or vzalloc+vfree) pair of 1 MiB: 256 pages "
               "allocated (HIGHMEM first), mapped in the vmalloc range, unmapped and freed; the "
               "lazy purges (one flush on every hart per lazy_max_pages freed) are in the average. "
               "Linux has no published per-call figure on comparable hardware; its vmalloc test "
               "module (lib/test_vmalloc.c) reports per-call times in microseconds, not cycles.\n")
    out.append("| case | ops | cycles/op | cycles/page | instructions/op | CPI | purges |")
    out.append("|---|---|---|---|---|---|---|")
    for c in cases:
        cyc = fmt(per_op(c)) if exact else "n/a"
        page = fmt(per_op(c) / 256) if exact else "n/a"
        cpi = f"{c['cpi']:.3f}" if exact and c.get("cpi") else "n/a"
        purges = c.get("purges", "?")
        out.append(f"| {c['name']} | {c['ops']} | {cyc} | {page} | {fmt(per_op(c, 'instret'))} | "
                   f"{cpi} | {purges} |")
    out.append("")


def compact_section(doc, cases, out):
    exact = doc["platform"].startswith("pagoda")
    out.append("## Compaction (`compaction_bench_run`)\n")
    out.append("One order-9 GFP_HIGHUSER_MOVABLE request that must compact: its first zone has no "
               "free block of order 9, one movable pageblock holds N anonymous pages of an address "
               "space (the rest free), holes elsewhere (docs/mm.md \"Compaction\"). The cycles "
               "cover the whole request: slow path, async direct compaction (N pages copied and "
               "remapped, one TLB shootdown each), the allocation. The free scanner finds targets by "
               "testing struct pages (pfn) or by the free-bitmap search through the scan hook "
               "(bitmap). For scale, Linux's CMA commit message: migrating 10 MB in a 40 MB zone "
               "took 146 ms.\n")
    out.append("| case | pages moved | cycles | cycles/page moved | instructions | free scanner steps |")
    out.append("|---|---|---|---|---|---|")
    for c in cases:
        moved = int(c.get("moved", 0)) or 1
        cyc = fmt(c["cycles"]) if exact else "n/a"
        per = fmt(c["cycles"] / moved) if exact else "n/a"
        out.append(f"| {c['name']} | {c.get('moved', '?')} | {cyc} | {per} | {fmt(c['instret'])} | "
                   f"{c.get('free_scanned', '?')} |")
    out.append("")


def unit_name(exact):
    return "cycles" if exact else "instructions (QEMU -icount: rdcycle counts instructions)"


def reclaim_section(doc, cases, out):
    exact = doc["platform"].startswith("pagoda")
    key = "cycles" if exact else "instret"
    out.append("## Reclaim throughput (`slowpath_bench_run`)\n")
    out.append("A 1,024-page file in the page cache, every page with its RAM-disk block, reclaimed "
               "by calls of the slow path's reclaim hook (mm/vmscan.c `try_to_free_pages`, "
               "SWAP_CLUSTER_MAX = 32 pages a call, as a reclaimer with PF_MEMALLOC, kswapd "
               "stopped) until no page of it is cached. `clean`: written back beforehand; "
               "`dirty-writeback`: every page dirty, so each call first runs its priorities "
               "without writing (rotating the dirty pages) and then writes back what it frees "
               "(docs/mm.md \"Reclaim\"). Checked: every page reclaimed, written back exactly "
               "when dirty, the data read back intact, the free count back where it was. Linux "
               "publishes no reclaim rate in cycles per page; its direct reclaim does not write "
               "file pages at all (kswapd and the flusher threads do).\n")
    out.append(f"| case | pages | {key} | pages per 1k {key} | {key}/page | calls | pages "
               "written | pages scanned |")
    out.append("|---|---|---|---|---|---|---|---|")
    for c in cases:
        v = c[key]
        out.append(f"| {c['name']} | {c['ops']} | {v:,} | {1000 * c['ops'] / v:.2f} | "
                   f"{fmt(v / c['ops'])} | {c.get('calls', '?')} | {c.get('written', '?')} | "
                   f"{c.get('scanned', '?')} |")
    by = {c["name"]: c for c in cases}
    if "clean" in by and "dirty-writeback" in by:
        r = (by["dirty-writeback"][key] / by["dirty-writeback"]["ops"]) / \
            (by["clean"][key] / by["clean"]["ops"])
        out.append(f"\nA dirty page costs {r:.1f}x a clean one: the 4 KiB copy to the RAM-disk, "
                   "and mostly the clean-only pass that scans the dirty pages and puts them back "
                   f"({by['dirty-writeback'].get('scanned', '?')} pages scanned for "
                   f"{by['dirty-writeback']['ops']} reclaimed).")
    out.append("")


def kswapd_section(doc, cases, out):
    exact = doc["platform"].startswith("pagoda")
    out.append("## kswapd and allocation latency (`slowpath_bench_run`)\n")
    out.append("A steady workload: each step allocates an order-0 GFP_KERNEL page (the sample), "
               "fills it and adds it to a file's page cache, then yields (`cond_resched`); memory "
               "is held down to 64 pages above the low watermarks, so the cache's growth must be "
               "reclaimed as it goes, by kswapd (on this hart, where the workload yields: the "
               "scheduler is cooperative) or, with kswapd stopped, by the allocations themselves "
               "(direct reclaim). 4,096 samples after 512 warm-up steps. Latency in "
               f"{unit_name(exact)}; the whole-run figure includes the fills, the inserts and "
               "kswapd's own work. Checked: every step allocated, reclaim kept pace (at least "
               "half the samples' worth of pages stolen), by kswapd only with it and by direct "
               "reclaim only without. No Linux figure measured the same way exists; Linux's "
               "`watermark_scale_factor` documentation names direct-reclaim stalls "
               "(allocstall) as the latency kswapd is there to prevent.\n")
    out.append("| case | p50 | p99 | max | mean | whole run per step | allocstall | "
               "pgsteal kswapd | pgsteal direct | kswapd wakes |")
    out.append("|---|---|---|---|---|---|---|---|---|---|")
    key = "cycles" if exact else "instret"
    for c in cases:
        out.append(f"| {c['name']} | {c.get('p50', '?'):,} | {c.get('p99', '?'):,} | "
                   f"{c.get('max', '?'):,} | {fmt(c.get('alloc_cycles', 0) / c['ops'])} | "
                   f"{fmt(c[key] / c['ops'])} | {c.get('allocstall', '?')} | "
                   f"{c.get('pgsteal_kswapd', '?')} | {c.get('pgsteal_direct', '?')} | "
                   f"{c.get('kswapd_wake', '?')} |")
    by = {c["name"]: c for c in cases}
    w, d = by.get("order0-with-kswapd"), by.get("order0-direct-only")
    if w and d:
        out.append(f"\nWith kswapd the p99 is {w['p99']:,} and the worst allocation "
                   f"{w['max']:,}; with direct reclaim only {d['p99']:,} and {d['max']:,} "
                   f"({d['allocstall']} stalls, each reclaiming for the allocation that "
                   f"entered it). The total work per step is {fmt(w[key] / w['ops'])} with "
                   f"kswapd against {fmt(d[key] / d['ops'])} without: kswapd was woken "
                   f"{w['kswapd_wake']} times for {w['pgsteal_kswapd']} pages "
                   f"({w['pgsteal_kswapd'] / max(1, w['kswapd_wake']):.1f} a wake), and each run "
                   "pays its fixed cost (the balance checks, a pass over every shrinker) again. "
                   + ("What kswapd buys is that no allocation waited for reclaim."
                      if not w['allocstall'] else
                      f"It did not keep pace everywhere: {w['allocstall']} allocations still "
                      f"entered direct reclaim ({w['pgsteal_direct']} of "
                      f"{w['pgsteal_kswapd'] + w['pgsteal_direct']} pages), kswapd sharing "
                      "the hart and running only where the workload yields."))
    out.append("")


def oom_section(doc, cases, out):
    exact = doc["platform"].startswith("pagoda")
    out.append("## OOM kill to success (`slowpath_bench_run`)\n")
    out.append("A task owns 256 anonymous pages; every other page is held and nothing is "
               "reclaimable. A GFP_HIGHUSER_MOVABLE order-0 request (a user page fault's) "
               "reclaims in vain, OOM-kills the task, reaps its memory and succeeds. "
               f"Figures in {unit_name(exact)}, averaged over the rounds: from the request's "
               "start to the kill (the reclaim retries and the OOM report, printed to the "
               "console), and from the kill to the request's return (the reaping of 256 pages, "
               "one TLB flush each, and the retry). Checked: one kill per round, of the task, "
               "inside the request; the task exits with SIGKILL; the free count is back at the "
               "end. For comparison, Linux 6.1 reaps a victim that has not exited by itself "
               "only after `OOM_REAPER_DELAY` = 2 s (mm/oom_kill.c, since Linux 5.18); until "
               "then the allocation retries and the victim frees its memory on its way out.\n")
    out.append("| case | rounds | request, whole | start to kill | kill to success | "
               "kill to success, worst | pages reaped |")
    out.append("|---|---|---|---|---|---|---|")
    key = "cycles" if exact else "instret"
    for c in cases:
        out.append(f"| {c['name']} | {c['ops']} | {fmt(c[key] / c['ops'])} | "
                   f"{c.get('alloc_to_kill', 0):,} | {c.get('kill_to_success', 0):,} | "
                   f"{c.get('kill_to_success_max', 0):,} | {c.get('reaped', '?')} |")
    out.append("")


def dma_section(doc, cases, out):
    exact = doc["platform"].startswith("pagoda")
    out.append("## DMA API (`pgaccel_dma_bench_run`)\n")
    out.append("Per operation = one pair on pgaccel's DMA API device (docs/mm.md \"DMA\"): "
               "dma_map_page + dma_unmap_page of 4 KiB; the engine zeroing 4 KiB from a raw "
               "address and through the API (what the zeroing hook does); kzalloc + kfree and "
               "dma_alloc_coherent + dma_free_coherent of 4 KiB, zeroed by the engine and by the "
               "CPU (pre-zeroing off); a 64-byte dma_pool_alloc + dma_pool_free.\n")
    out.append("| case | ops | cycles/op | instructions/op | CPI |")
    out.append("|---|---|---|---|---|")
    by = {c["name"]: c for c in cases}
    for c in cases:
        cyc = fmt(per_op(c)) if exact else "n/a"
        cpi = f"{c['cpi']:.3f}" if exact and c.get("cpi") else "n/a"
        out.append(f"| {c['name']} | {c['ops']} | {cyc} | {fmt(per_op(c, 'instret'))} | {cpi} |")
    raw, api = by.get("zero-4096-engine-raw"), by.get("zero-4096-engine-api")
    if exact and raw and api:
        out.append(f"\nThe API costs an engine zero of 4 KiB {per_op(api) - per_op(raw):,.0f} "
                   f"cycles (map + unmap alone: {per_op(by['map-unmap-4096']):,.0f}).\n"
                   if "map-unmap-4096" in by else "")
    out.append("")


def sv39_section(doc, bare, out):
    """The same mm and slab cases run twice: with Sv39 on (the default) and with satp_mode=bare."""
    exact = doc["platform"].startswith("pagoda")
    key = "cycles" if exact else "instret"
    b = {(c["group"], c["name"]): c for c in bare["cases"]}
    out.append("## Sv39 on vs bare (`satp_mode=bare`)\n")
    out.append("The page-allocator and slab cases above, run a second time with the firmware "
               "untranslated (`make bench` runs the firmware's bench twice; the bare run's file is "
               "[benchmarks-results-bare.json](benchmarks-results-bare.json)). Same instructions, "
               "so the difference is what the MMU costs: TLB misses and page-table walks.\n")
    # TLB misses (page-table walks started by fetch / by loads, stores and AMOs) where the
    # platform's SBI PMU gives counters for them (firmware's bench_report: itlb_miss=, dtlb_miss=)
    tlb = any("itlb_miss" in c or "dtlb_miss" in c for c in doc["cases"])
    out.append(f"| case | bare {key}/op | Sv39 {key}/op | difference | instructions/op bare / Sv39 |"
               + (" Sv39 ITLB / DTLB misses (whole case) |" if tlb else ""))
    out.append("|---|---|---|---|---|" + ("---|" if tlb else ""))
    diffs = []

    def misses(c):
        # whole-case totals: a handful of misses over thousands of operations
        return " / ".join(f"{c[k]:,}" if k in c else "n/a" for k in ("itlb_miss", "dtlb_miss"))

    for c in doc["cases"]:
        if c["group"] not in ("mm", "slab") or (c["group"], c["name"]) not in b:
            continue
        o = b[(c["group"], c["name"])]
        vb, vs = per_op(o, key), per_op(c, key)
        pct = 100.0 * (vs - vb) / vb if vb else 0.0
        same = per_op(o, "instret") == per_op(c, "instret")
        if same:
            diffs.append(pct)
        out.append(f"| {c['group']} {c['name']} | {fmt(vb)} | {fmt(vs)} | {vs - vb:+,.0f} "
                   f"({pct:+.1f}%) | {fmt(per_op(o, 'instret'))} / {fmt(per_op(c, 'instret'))}"
                   f"{'' if same else ' (paths differ)'} |" + (f" {misses(c)} |" if tlb else ""))
    if tlb:
        out.append("\nTLB misses: page-table walks the core started for fetch (ITLB) and for "
                   "loads, stores and AMOs (DTLB) during the case, from the hardware counters "
                   "the firmware gets through the SBI PMU extension (docs/core.md \"Performance "
                   "counters\"); the bare run has none." + ("" if exact else
                   " On QEMU they count QEMU's own TLB refills, not a hardware TLB's."))
    else:
        out.append("\nNo TLB miss counts in these results: the firmware prints them "
                   "(itlb_miss=, dtlb_miss=) only where the SBI PMU gives it counters for the "
                   "ITLB/DTLB miss events.")
    if diffs and exact:
        diffs.sort()
        out.append(f"\nOver the {len(diffs)} cases that retire the same instructions in both modes "
                   f"Sv39 costs {diffs[0]:+.1f}% to {diffs[-1]:+.1f}% cycles (median "
                   f"{diffs[len(diffs) // 2]:+.1f}%). Cases marked \"paths differ\" take other "
                   "allocator paths in the two runs (the page tables take a few pages at boot, "
                   "so the free lists differ), so their difference is not the MMU's alone. "
                   "What decides the cost: the core's ITLB and DTLB hold 8 entries each "
                   "(docs/core.md \"MMU\"); RAM is mapped with 2 MiB leaves, and the firmware's "
                   "data and bss start a 2 MiB block of their own (firmware.ld) so that one leaf "
                   "covers them, while the text and read-only data are in 4 KiB pages (docs/mm.md "
                   "\"Sv39 layout\" has the measurement with data in 4 KiB pages too).")
    out.append("")


def memory_section(doc, cases, out):
    """The mem group (firmware/drivers/mem_bench.c): pointer-chase latency, stream bandwidth of
    the core and of pgaccel, alone and together."""
    exact = doc["platform"].startswith("pagoda")
    out.append("## Memory (`mem_bench_run`)\n")
    out.append("What the memory system gives the core and pgaccel, the figures the other tables "
               "are read against. `chase`: dependent loads over a random cyclic permutation of "
               "64-byte lines (2 KiB: inside the 4 KiB data cache, walked just before; 1 MiB: "
               "far larger, from a flushed cache), cycles per load. `read`/`write`: the core's "
               "8-byte loads / stores over 1 MiB, `write-cbo`: `cbo.zero` per 64-byte block "
               "(Zicboz). `engine-zero`/`engine-scan`: pgaccel's ZERO of 1 MiB and its SCAN of a "
               "1 MiB bitmap with nothing free (every word read), timed by the core from the post "
               "to the completion, and by the engine's busy counter (CNT_BUSY). `together`: the "
               "core's stream read of 1 MiB while the engine zeroes another 1 MiB, each one's "
               "figure. Every range starts out of the cache.\n")
    dc = exact and any("dc_miss" in c for c in cases)
    out.append("| case | by | bytes | cycles | bytes/cycle | cycles/load | engine busy cycles "
               "| engine bytes/busy cycle | instructions |" + (" D$ misses |" if dc else ""))
    out.append("|---|---|---|---|---|---|---|---|---|" + ("---|" if dc else ""))
    for c in cases:
        load = c.get("unit") == "load"
        cyc, busy = c["cycles"] if exact else 0, c.get("busy")
        cells = [c["name"], c.get("by", "?"), f"{c.get('bytes', 0):,}",
                 f"{cyc:,}" if exact else "n/a",
                 f"{c['bytes'] / cyc:.2f}" if cyc and not load else "n/a",
                 f"{per_op(c):.1f}" if cyc and load else "n/a",
                 f"{busy:,}" if busy else "n/a",
                 f"{c['bytes'] / busy:.2f}" if busy else "n/a",
                 f"{c['instret']:,}"]
        if dc:
            cells.append(f"{c['dc_miss']:,}" if "dc_miss" in c else "n/a")
        out.append("| " + " | ".join(cells) + " |")
    by = {c["name"]: c for c in cases}
    if exact and all(k in by for k in ("read-1m", "together-read-1m")):
        alone, tog = by["read-1m"]["cycles"], by["together-read-1m"]["cycles"]
        line = (f"\nTogether: the core's 1 MiB read took {tog:,} cycles against {alone:,} "
                f"alone ({tog / alone:.2f}x)")
        za, zt = by.get("engine-zero-1m", {}).get("busy"), by.get("together-zero-1m", {}).get("busy")
        if za and zt:
            line += (f"; the engine's 1 MiB zero {zt:,} busy cycles against {za:,} alone "
                     f"({zt / za:.2f}x)")
        out.append(line + ".")
    if not any(c.get("by") == "engine" for c in cases):
        out.append("\nNo engine figures: pgaccel is absent on this platform.")
    out.append("")


def zero_section(cases, out, mem=None):
    """The zeroing table. Its bound is the engine's own streaming rate where the mem group measured
    it (engine-zero-1m: bytes per busy cycle), else the bus's 8 bytes per cycle."""
    by = collections.defaultdict(dict)
    for c in cases:
        by[c["bytes"]][c["path"]] = c
    eng = next((c for c in mem or [] if c["name"] == "engine-zero-1m" and c.get("busy")), None)
    rate = eng["bytes"] / eng["busy"] if eng else 8.0
    bound = "engine stream" if eng else "bus limit"
    out.append("## Zeroing: software, hardware, the driver's choice and the "
               + ("measured bandwidth\n" if eng else "bus limit\n"))
    out.append("Cycles per operation (the hardware column includes the driver's register writes "
               "and completion polling). " +
               (f"The engine stream is the size at the rate the engine zeroes 1 MiB "
                f"(engine-zero-1m, \"Memory\": {rate:.2f} bytes per busy cycle): what the "
                "command would take without its fixed cost.\n" if eng else
                "The bus limit is 8 bytes per cycle: a bound, not a measurement.\n"))
    # cbo.zero rows exist when the DT offers Zicboz (the SoC): the CPU's best path is the faster
    # of memset and cbo.zero, which is what the driver's software path (zero_phys) runs then
    cbo = any("cbo" in d for d in by.values())
    out.append("| bytes | software (memset) |" + (" software (cbo.zero) |" if cbo else "") +
               f" hardware | auto (chose) | {bound} | hw / {bound} | best sw / hw |")
    out.append("|---|---|" + ("---|" if cbo else "") + "---|---|---|---|---|")
    loses = []
    for size in sorted(by):
        d = by[size]
        sw, hw, au = per_op(d["sw"]), per_op(d["hw"]), per_op(d["auto"])
        best = min(sw, per_op(d["cbo"])) if "cbo" in d else sw
        bus = size / rate
        out.append(f"| {size:,} | {fmt(sw)} |" + (f" {fmt(per_op(d['cbo']))} |" if cbo else "") +
                   f" {fmt(hw)} | {fmt(au)} ({d['auto'].get('chose', '?')}) "
                   f"| {fmt(bus)} | {100 * bus / hw:.0f}% | {best / hw:.2f}x |")
        if hw >= best:
            loses.append(size)
    if loses:
        out.append(f"\nThe engine loses to the CPU at {', '.join(f'{s:,}' for s in loses)} bytes: "
                   "the fixed cost of posting a command and polling its completion is larger "
                   "than the work.")
    if 4096 in by:
        sw4k = by[4096]["sw"]
        cbo4k = (f" ({per_op(by[4096]['cbo'], 'instret'):,.0f} with cbo.zero; no vector unit)"
                 if "cbo" in by[4096] else " (no Zicboz, no vector unit)")
        out.append(f"\nAnchors: the Pagoda core's `memset` needs {per_op(sw4k, 'instret'):,.0f} "
                   f"instructions for 4 KiB{cbo4k}; Linux's RISC-V "
                   "`clear_page` needs 169 instructions with Zicboz against 563 with `memset`. "
                   "DMA offload of 4 KiB page copies lost to the CPU on AMD PTDMA and won only "
                   "for large blocks" + (f"; here the engine's fixed cost is about "
                                         f"{fmt(per_op(by[64]['hw']))} cycles (its 64-byte "
                                         "command)." if 64 in by and "hw" in by[64] else "."))
    choice_section(by, out)
    touch_section(by, out)
    out.append("\n![zeroing](img/bench-pgaccel-zero-sweep.png)\n")


def choice_section(by, out):
    """The driver's choice (auto) against the better of the paths it chooses between: the CPU's
    best (memset or cbo.zero) and the engine as the driver runs it (hw-mapped: the DMA API's
    cache maintenance included), so that auto / best is what the choice itself costs."""
    sizes = [s for s in sorted(by) if "hw-mapped" in by[s] and "auto" in by[s]]
    if not sizes:
        return
    out.append("\n### The driver's choice against the paths it chooses between\n")
    out.append("Cycles per operation. The engine, mapped: the command as the driver posts it, "
               "through the DMA API (on a `dma-noncoherent` engine its cache maintenance, in "
               "pieces from 32 KiB); the bare command of the table above skips that and is only "
               "correct when no cache holds the range. auto / best is what the choice and its "
               "dispatch cost; mapped / bare is what the maintenance costs.\n")
    out.append("| bytes | best CPU path | engine, mapped | auto (chose) | auto / best "
               "| mapped / bare |")
    out.append("|---|---|---|---|---|---|")
    for size in sizes:
        d = by[size]
        cpu = min((per_op(d[p]), n) for p, n in (("sw", "memset"), ("cbo", "cbo.zero"))
                  if p in d)
        mapped, au = per_op(d["hw-mapped"]), per_op(d["auto"])
        best = min(cpu[0], mapped)
        out.append(f"| {size:,} | {fmt(cpu[0])} ({cpu[1]}) | {fmt(mapped)} | {fmt(au)} "
                   f"({d['auto'].get('chose', '?')}) | {au / best:.2f}x "
                   f"| {mapped / per_op(d['hw']):.2f}x |")


TOUCH_PATHS = (("sw", "memset"), ("cbo", "cbo.zero"), ("hw", "engine"), ("auto", "auto"))


def touch_section(by, out):
    """The zeroing cases followed by the first touch of every line (paths "PATH-touch"), next to
    the zeroing alone: a zeroed block is used next."""
    sizes = [s for s in sorted(by) if any(p + "-touch" in by[s] for p, _ in TOUCH_PATHS)]
    if not sizes:
        return
    paths = [(p, n) for p, n in TOUCH_PATHS if any(p + "-touch" in by[s] for s in sizes)]
    out.append("\n### Zeroing then first touch\n")
    out.append("Cycles per operation: the zeroing alone (from the table above), and the zeroing "
               "followed by one load per 64-byte line inside the timed region. The engine's "
               "touch case also invalidates the range after the command where the engine is "
               "`dma-noncoherent` (the loads must not hit lines the cache kept); auto includes "
               "the driver's DMA maintenance.\n")
    out.append("| bytes |" + "".join(f" {n} | {n} + touch |" for _, n in paths) +
               " best with touch |")
    out.append("|---|" + "---|---|" * len(paths) + "---|")
    for size in sizes:
        d = by[size]
        row, best = f"| {size:,} |", None
        for p, n in paths:
            done = fmt(per_op(d[p])) if p in d else "n/a"
            t = d.get(p + "-touch")
            row += f" {done} | {fmt(per_op(t)) if t else 'n/a'} |"
            if t and (best is None or per_op(t) < best[1]):
                best = (n, per_op(t))
        out.append(row + f" {best[0]} |")


def scan_section(groups, out):
    out.append("## Free-bitmap search: software against SCAN\n")
    out.append("Search for 16 free bits aligned to 16 from bit 0, cycles per search. Patterns "
               "(1 = free): `used` all used (reads every word), `free` all free (found at once), "
               "`random` 50%, `sparse` one free bit per word (never found).\n")
    out.append("| pattern | bits | software | hardware | sw / hw |")
    out.append("|---|---|---|---|---|")
    loses = []
    for g, cases in groups.items():
        pat = g.split("-")[-1]
        by = collections.defaultdict(dict)
        for c in cases:
            by[c["bits"]][c["path"]] = c
        for bits in sorted(by):
            sw, hw = per_op(by[bits]["sw"]), per_op(by[bits]["hw"])
            out.append(f"| {pat} | {bits:,} | {fmt(sw)} | {fmt(hw)} | {sw / hw:.2f}x |")
            if hw >= sw:
                loses.append(f"{pat}/{bits:,}")
    if loses:
        out.append(f"\nThe engine loses at: {', '.join(loses)} (the answer is in the first words, "
                   "so the fixed cost dominates).")
    out.append("")
    for g in groups:
        out.append(f"![{g}](img/bench-{g}-sweep.png)")
    out.append("")


def gfp_section(cases, out):
    by = collections.defaultdict(dict)
    burst = {}
    for c in cases:
        if c.get("pattern") == "burst":
            burst[c["path"]] = c
        else:
            by[c["order"]][c["path"]] = c
    out.append("## `__GFP_ZERO` allocation latency\n")
    out.append("Cycles for one `alloc_pages()` (free not counted), averaged over the run's "
               "allocations (`ops`). Pre-zeroed: freed blocks of that order captured and zeroed "
               "by the engine in the background, measured with as many allocations as the pool "
               "held blocks after filling it, so each one is a hit.\n")
    out.append("| order | no __GFP_ZERO | software zeroing | hardware zeroing | pre-zeroed | "
               "best / software |")
    out.append("|---|---|---|---|---|---|")
    for order in sorted(by):
        d = by[order]
        nz, sw = per_op(d["nozero"]), per_op(d["sw"])
        hw = per_op(d["hw"]) if "hw" in d else None
        pz = per_op(d["prezero"]) if "prezero" in d else None
        best = min(v for v in (sw, hw, pz) if v)
        out.append(f"| {order} | {fmt(nz)} | {fmt(sw)} | {fmt(hw) if hw else 'n/a'} | "
                   f"{fmt(pz) if pz else 'n/a'} | {sw / best:.2f}x faster |")
    if 0 in by and "prezero" in by[0]:
        d = by[0]
        out.append(f"\nA pre-zeroed order-0 page costs {per_op(d['prezero']) - per_op(d['nozero']):.0f} "
                   "cycles more than an allocation without __GFP_ZERO: the zeroing left the CPU. "
                   "Linux never merged background zeroing because CPU zeroing only moves the cost; "
                   "here the engine does it while the CPU runs, which the synchronous hardware "
                   "column (no faster than the CPU for one page) cannot show.")
    cheaper = [o for o in sorted(by) if o and "prezero" in by[o]
               and per_op(by[o]["prezero"]) < per_op(by[o]["nozero"])]
    if cheaper:
        out.append("At order " + " and ".join(str(o) for o in cheaper) + " a pre-zeroed block "
                   "costs even less than an allocation without __GFP_ZERO ("
                   + ", ".join(f"{fmt(per_op(by[o]['prezero']))} against "
                               f"{fmt(per_op(by[o]['nozero']))}" for o in cheaper)
                   + "): it leaves the pool whole, without the buddy split a fresh block needs.")
    if "nozero" in burst and "prezero" in burst:
        nz, pz = per_op(burst["nozero"]), per_op(burst["prezero"])
        out.append(f"\nAs a burst (order 0: {burst['prezero']['ops']} allocations in a row, each "
                   "timed, no free between them; the pool filled and its zeroing finished "
                   f"first): plain {fmt(nz)} cycles, pre-zeroed {fmt(pz)}, **{pz / nz:.2f}x** "
                   "(issue 14's goal: 1.2x). The table's loop frees each page before the next "
                   "allocation: there the free's capture (a DMA mapping and a posted command) "
                   "evicts the allocation's lines from the data cache, and the engine zeroes "
                   "the captured block next to the allocation, which the burst leaves out.")
    out.append("\n![gfp-zero](img/bench-gfp-zero.png)\n")


def boot_section(doc, out):
    """OpenSBI's boot and the whole bench run: cycles, instructions and CPI, from the simulator's
    counts (bench.py's "run"); nothing on QEMU or for results without them."""
    run = doc.get("run", {})
    if "opensbi_cycles" not in run or "cycles" not in run:
        return
    oc, oi = run["opensbi_cycles"], run["opensbi_instret"]
    c, i = run["cycles"], run["instret"]
    out.append("## Boot and the whole run (CPI)\n")
    out.append("| part | cycles | instructions | CPI |")
    out.append("|---|---|---|---|")
    out.append(f"| OpenSBI 1.1's boot, reset to the hand-over | {fmt(oc)} | {fmt(oi)} | "
               f"{oc / oi:.2f} |")
    out.append(f"| the firmware: its boot and every benchmark | {fmt(c - oc)} | {fmt(i - oi)} | "
               f"{(c - oc) / (i - oi):.2f} |")
    out.append(f"| the whole run | {fmt(c)} | {fmt(i)} | {c / i:.2f} |")
    out.append("")


def memory_system(doc):
    """The memory a run was on, from the banner lines bench.py kept (results before they were
    kept: `make bench` then ran on the 1-cycle RAM)."""
    if "dram" not in doc:
        return "not recorded (then `make bench` ran on the 1-cycle RAM, no data cache)"
    return f"{doc['dram']}; caches {doc['caches']}"


def changes_section(doc, prev, out):
    """This run against a previous one (bench-plot's BENCH_BASELINE: the results file committed at
    a git revision): every case in both whose cycles per operation moved by more than 1%, split by
    what moved. Same instructions and other cycles: the core and memory system (CPI); other
    instructions: the code path."""
    exact = doc["platform"].startswith("pagoda") and prev["platform"] == doc["platform"]
    key = "cycles" if exact else "instret"
    p = {(c["group"], c["name"]): c for c in prev["cases"]}
    both = [c for c in doc["cases"] if (c["group"], c["name"]) in p]
    new = [c for c in doc["cases"] if (c["group"], c["name"]) not in p]
    gone = [k for k in p if k not in {(c["group"], c["name"]) for c in doc["cases"]}]
    out.append(f"## Changes since the previous run (commit `{prev['commit']}`)\n")
    if memory_system(prev) != memory_system(doc):
        out.append(f"The previous run was on other memory ({memory_system(prev)}) than this one "
                   f"({memory_system(doc)}): where the instructions stayed (\"CPI\" below), "
                   "the change is the memory system's.\n")
    out.append(f"The previous run's {key} per operation against this run's (`git log "
               f"{prev['commit']}..{doc['commit']}` has the commits between). Of {len(both)} cases in "
               "both runs, the ones that moved by more than 1%; \"code\" where the change in "
               "instructions (at the old CPI) accounts for more than half of the change, the "
               "software path; \"CPI\" where the same work took other cycles per instruction, the "
               "core and memory system.\n")
    rows, same_cpi, code = [], 0, 0
    for c in both:
        o = p[(c["group"], c["name"])]
        before, after = per_op(o, key), per_op(c, key)
        if not before or abs(after - before) / before <= 0.01:
            continue
        ib, ia = per_op(o, "instret"), per_op(c, "instret")
        # "code" when the change in instructions, at the old CPI, accounts for more than half
        # of the change in cycles; else the cycles per instruction moved ("CPI")
        cpi_b = before / ib if exact and ib else 1.0
        same = abs((ia - ib) * cpi_b) <= abs(after - before) / 2
        same_cpi += bool(same)
        code += not same
        ic = f"{per_op(c, 'ic_miss'):.2f}" if "ic_miss" in c else "n/a"
        cpi = (f"{before / ib:.2f} / {after / ia:.2f}" if exact and ib and ia else "n/a")
        rows.append(f"| {c['group']} {c['name']} | {fmt(before)} | {fmt(after)} | "
                    f"{100.0 * (after - before) / before:+.1f}% | {fmt(ib)} / {fmt(ia)} | {cpi} | "
                    f"{'CPI' if same else 'code'} | {ic} |")
    if rows:
        out.append(f"| case | {key}/op before | after | change | instructions/op before / after "
                   "| CPI before / after | what moved | I$ misses/op now |")
        out.append("|---|---|---|---|---|---|---|---|")
        out.extend(rows)
        out.append("\nCPI moves with the cache misses per operation: on the 1-cycle RAM an "
                   "instruction-cache miss costs about 10 cycles (the line's 8 reads and the "
                   "retry), on DRAM a refill waits for the row (docs/memory.md); docs/core.md "
                   "\"Instruction cache\" measures the cache against none at each size.")
        out.append(f"\n{len(rows)} of {len(both)} cases moved: {same_cpi} with about the same "
                   f"instructions per operation (CPI), {code} with other instructions (code).")
    else:
        out.append("No case moved by more than 1%.")
    if new:
        out.append(f"New cases: {len(new)} ("
                   + ", ".join(sorted({c['group'] for c in new})) + ").")
    if gone:
        out.append(f"Cases no longer run: {len(gone)} ("
                   + ", ".join(f"{g} {n}" for g, n in gone) + ").")
    out.append("")


def main():
    args = sys.argv[1:]
    bare = prev = None
    if "--previous" in args:
        i = args.index("--previous")
        with open(args[i + 1]) as f:
            prev = json.load(f)
        del args[i:i + 2]
    if "--bare" in args:
        i = args.index("--bare")
        with open(args[i + 1]) as f:
            bare = json.load(f)
        del args[i:i + 2]
    sys.argv = [sys.argv[0]] + args
    src, dst = sys.argv[1], sys.argv[2]
    with open(src) as f:
        doc = json.load(f)
    groups = collections.OrderedDict()
    for c in doc["cases"]:
        groups.setdefault(c["group"], []).append(c)
    exact = doc["platform"].startswith("pagoda")
    out = ["# Benchmarks", ""]
    out.append(f"Generated by `make bench` from `{os.path.relpath(src)}` (a copy of this run: "
               f"[benchmarks-results.json](benchmarks-results.json)): platform "
               f"`{doc['platform']}`, commit `{doc['commit']}`, {doc['date']}. "
               f"Memory: {memory_system(doc)}. " +
               ("Cycles and instructions are exact counts of the simulated Pagoda SoC "
                "(rdcycle/rdinstret)." if exact else
                "QEMU with -icount: instruction counts only, no cycles."))
    out.append("")
    boot_section(doc, out)
    if "mem" in groups:
        memory_section(doc, groups["mem"], out)
    if "mm" in groups:
        mm_section(doc, groups["mm"], out)
    if "slab" in groups:
        slab_section(doc, groups["slab"], out)
    if "vmalloc" in groups:
        vmalloc_section(doc, groups["vmalloc"], out)
    if "compact" in groups:
        compact_section(doc, groups["compact"], out)
    if "reclaim" in groups:
        reclaim_section(doc, groups["reclaim"], out)
    if "kswapd" in groups:
        kswapd_section(doc, groups["kswapd"], out)
    if "oom" in groups:
        oom_section(doc, groups["oom"], out)
    if bare:
        sv39_section(doc, bare, out)
    if "pgaccel-zero" in groups:
        zero_section(groups["pgaccel-zero"], out, groups.get("mem"))
    scans = collections.OrderedDict((g, c) for g, c in groups.items() if g.startswith("pgaccel-scan"))
    if scans:
        scan_section(scans, out)
    if "gfp-zero" in groups:
        gfp_section(groups["gfp-zero"], out)
    if "dma" in groups:
        dma_section(doc, groups["dma"], out)
    if prev and prev.get("commit") != doc.get("commit"):
        changes_section(doc, prev, out)
    if len(sys.argv) > 3:
        from linux_report import linux_section
        with open(sys.argv[3]) as f:
            linux_section(doc, json.load(f), out)
    with open(dst, "w") as f:
        f.write("\n".join(out) + "\n")
    print("report:", dst)


if __name__ == "__main__":
    main()
