# SPDX-License-Identifier: BSD-2-Clause
"""The Linux sections of docs/benchmarks.md: Pagoda's firmware allocator against Linux 6.1's on
the same SoC (linux/modules/pgbench.c measures Linux the way firmware/mm/mm_bench.c measures the
firmware), the cycles to /init, and dmatest's throughput through pgaccel's dmaengine driver.

Every figure comes from the two results files; the verdicts (which side is faster, by how much,
and the instructions behind it) are computed here from the same numbers."""


def per_op(c, key="cycles"):
    return c.get(key, 0) / max(1, c.get("ops", 1))


def fmt(v):
    return f"{v:,.0f}" if v >= 100 else f"{v:.1f}"


def _by_name(cases, group):
    return {c["name"]: c for c in cases if c["group"] == group}


def _side_by_side(out, fw, lx, names, title, unit):
    out.append(f"| {title} | Pagoda cycles | Linux cycles | Linux / Pagoda | Pagoda instr. | "
               f"Linux instr. | Pagoda CPI | Linux CPI |")
    out.append("|---|---|---|---|---|---|---|---|")
    slower = []
    for name in names:
        if name not in fw or name not in lx:
            continue
        f, l = fw[name], lx[name]
        fc, lc = per_op(f), per_op(l)
        fi, li = per_op(f, "instret"), per_op(l, "instret")
        fcpi, lcpi = fc / fi if fi else 0, lc / li if li else 0
        out.append(f"| {name} | {fmt(fc)} | {fmt(lc)} | {lc / fc:.2f}x | {fmt(fi)} | {fmt(li)} | "
                   f"{fcpi:.2f} | {lcpi:.2f} |")
        if fc > lc:
            slower.append((name, fc, lc, fi, li, fcpi, lcpi))
    out.append(f"\n{unit}\n")
    return slower


# What each side does differently on a case's path, from the two sources (Linux 6.1's
# mm/page_alloc.c, firmware/mm/): shown next to the measured instruction counts where Pagoda is
# slower. {pcp_high} and {pcp_batch} are Linux's, as pgbench read them in this run.
NOTES = {
    "order0-buddy": "Both sides take every page from the buddy lists and give it back; on top of "
                    "Linux's work Pagoda keeps the zone's free bitmap (pgaccel's SCAN and "
                    "zone_find_free_area read it) in step on every page that enters or leaves "
                    "the lists (firmware/mm/page_alloc.c).",
    "order3": "Linux 6.1 keeps orders up to PAGE_ALLOC_COSTLY_ORDER (3) on its per-CPU lists, so "
              "an order-3 pair is a list pop and push; Pagoda's per-CPU lists hold order 0 only, "
              "so each of its order-3 pairs splits a larger block and merges it back, and updates "
              "the free bitmap.",
    "order3-nozero": "Linux takes the block from its per-CPU list of order 3; Pagoda splits a "
                     "larger buddy block (its per-CPU lists hold order 0 only).",
    "bulk64": "Linux's per-CPU list for this zone holds up to pcp_high={pcp_high} pages "
              "(batch {pcp_batch}), so 64 pages come from it and go back to it; Pagoda's holds "
              "6 x batch = 18 pages for its 94 MiB Normal zone (firmware/mm/mm_init.c, as Linux "
              "before 5.14), so each call of 64 refills from the buddy lists and every free past "
              "18 drains to them.",
}


def _why_slower(out, slower, pcp=None):
    if not slower:
        out.append("Pagoda's firmware is at or below Linux's cycles in every case above.\n")
        return
    for name, fc, lc, fi, li, fcpi, lcpi in slower:
        if fi > li:
            why = (f"it runs {fi / li:.2f}x Linux's instructions ({fmt(fi)} against {fmt(li)} per "
                   f"op): the difference is in the code path, not in the core")
        else:
            why = (f"with fewer instructions ({fmt(fi)} against {fmt(li)}) it needs more cycles "
                   f"per instruction ({fcpi:.2f} against {lcpi:.2f}): stalls, not path length")
        note = NOTES.get(name, "")
        if note and pcp:
            note = note.format(**pcp)
        elif "{" in note:
            note = ""
        out.append(f"- **{name}**: Pagoda {fmt(fc)} cycles, Linux {fmt(lc)}; {why}."
                   + (f" {note}" if note else ""))
    out.append("")


def _zeroing_cost(out, fz, lz, names):
    """For the -sw cases where Pagoda is slower: the zeroing's own instructions per 8-byte store
    (the -sw case minus the -nozero case of the same order), on each side."""
    for name in names:
        order = int(name[len("order"):name.index("-")])
        base = name.replace("-sw", "-nozero")
        if base not in fz or base not in lz:
            continue
        stores = (4096 << order) / 8
        f = (per_op(fz[name], "instret") - per_op(fz[base], "instret")) / stores
        l = (per_op(lz[name], "instret") - per_op(lz[base], "instret")) / stores
        out.append(f"- **{name}**, the zeroing alone: Pagoda {f:.3f} instructions per 8-byte store, "
                   f"Linux {l:.3f} (its memset, arch/riscv/lib/memset.S, makes 32 stores per loop "
                   "iteration).")
    if names:
        out.append("")


def linux_section(fw_doc, lx_doc, out):
    fw_cases, lx_cases = fw_doc["cases"], lx_doc["cases"]
    out.append("## Pagoda's allocator and Linux 6.1's, side by side on the SoC\n")
    out.append(f"Linux: `make bench` boots {lx_doc.get('platform', '?')} "
               f"(commit `{lx_doc['commit']}`, {lx_doc['date']}) on the same simulated SoC and "
               "loads `linux/modules/pgbench.ko`, which runs the firmware's cases with the same "
               "method: 64 warm-up pairs, then N alloc_pages/__free_pages pairs timed with "
               "rdcycle/rdinstret with interrupts off (bulk: alloc_pages_bulk_array then "
               "__free_page per page, per page). Linux's configuration follows Debian's "
               "(docs/linux.md), without init_on_alloc. Each case's self-check (pgalloc and "
               "pgfree events, free pages before and after) passed, or the run would have "
               "failed.\n")
    fw, lx = _by_name(fw_cases, "mm"), _by_name(lx_cases, "linux-mm")
    names = ["order0-pcp", "order0-buddy", "order3", "order9", "bulk16", "bulk64"]
    slower = _side_by_side(out, fw, lx, names, "case",
                           "Per alloc+free pair (bulk: per page). Linux / Pagoda above 1 means "
                           "Pagoda is faster.")
    pcp0 = lx.get("order0-pcp", {})
    pcp = ({"pcp_high": pcp0["pcp_high"], "pcp_batch": pcp0["pcp_batch"]}
           if "pcp_high" in pcp0 else None)
    _why_slower(out, slower, pcp)

    fz, lz = _by_name(fw_cases, "gfp-zero"), _by_name(lx_cases, "linux-gfp-zero")
    znames = [n for n in ("order0-nozero", "order0-sw", "order3-nozero", "order3-sw",
                          "order9-nozero", "order9-sw") if n in fz and n in lz]
    if znames:
        out.append("### One allocation, with and without `__GFP_ZERO`\n")
        zslower = _side_by_side(out, fz, lz, znames, "order-path",
                                "Cycles of one alloc_pages() (free not counted); `sw` zeroes "
                                "with the CPU on both sides (Linux's clear_page is memset on a "
                                "core without Zicboz).")
        _why_slower(out, zslower)
        _zeroing_cost(out, fz, lz, [z[0] for z in zslower if z[0].endswith("-sw")])

    boot = _by_name(lx_cases, "linux-boot").get("init")
    if boot:
        out.append("### Boot\n")
        out.append(f"/init's first instruction ran at cycle **{boot['cycles']:,}** "
                   f"({boot['instret']:,} instructions retired, CPI "
                   f"{boot['cycles'] / max(1, boot['instret']):.2f}), counted from reset "
                   "(OpenSBI, then the kernel). A regression in the core or the memory system "
                   "shows here first.\n")

    dma = _by_name(lx_cases, "linux-dmatest").get("memset")
    if dma:
        kbs = float(dma["kbytes_per_s"])
        # dmatest's KB/s are 1024 bytes per second of ktime; the SoC's clock is 50 MHz nominal
        # (mtime at 10 MHz, one tick per 5 cycles), so bytes per cycle follow exactly.
        bpc = kbs * 1024 / 50e6
        out.append("### dmatest through pgaccel's dmaengine driver\n")
        out.append(f"Linux's in-tree dmatest, memset only, on `pagoda,pgaccel` "
                   f"(`linux/modules/pgaccel_dma.c`): {dma['ops']} tests, {dma['failures']} "
                   f"failures, {dma['iops']} iops, {kbs:,.0f} KB/s = {bpc:.2f} bytes per cycle "
                   "at the nominal 50 MHz. dmatest's sizes are random up to 16 KiB, and each "
                   "test is one descriptor submitted, issued and waited for by a kernel thread, "
                   "so this is the driver's round trip (prep, post, interrupt, tasklet, wake-up) "
                   "more than the engine's bandwidth.")
        zero = {c["bytes"]: c for c in fw_cases
                if c["group"] == "pgaccel-zero" and c.get("path") == "hw"}
        if 16384 in zero:
            c = zero[16384]
            out.append(f"The firmware driver zeroes 16 KiB in {fmt(per_op(c))} cycles "
                       f"({16384 / per_op(c):.2f} bytes per cycle) by posting and polling, "
                       "without a scheduler in the loop.")
        out.append("")
