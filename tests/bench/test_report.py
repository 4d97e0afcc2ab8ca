#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""Suite bench-report: scripts/bench.py's parsing of the firmware's bench lines and
tests/bench/report.py's page on hand-made results (no simulation): the event counts (itlb_miss,
ic_miss...) reach the JSON, the I$ column appears only where counted, and the comparison with a
previous run lists what moved and says whether instructions or CPI moved it."""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "..", "scripts"))
import bench  # noqa: E402
import report  # noqa: E402

passed = failed = 0


def check(cond, what):
    global passed, failed
    if cond:
        passed += 1
        print("PASS:", what)
    else:
        failed += 1
        print("FAIL:", what)


def case(group, name, ops, cycles, instret, **ev):
    c = {"group": group, "name": name, "ops": ops, "cycles": cycles, "instret": instret, **ev}
    c["cpi"] = cycles / instret
    return c


def doc(commit, cases):
    return {"platform": "pagoda,soc", "commit": commit, "date": "2026-12-05", "cases": cases}


def main():
    log = ("junk\nbench mm order0-pcp ops=4000 cycles=644022 instret=552011 itlb_miss=0 "
           "dtlb_miss=3 ic_miss=120 dc_miss=7\n[    1.000000] bench slab kmalloc-8 ops=10 "
           "cycles=540 instret=540\n")
    cases = bench.parse(log)
    check(len(cases) == 2, "bench.py: two bench lines parsed, the rest ignored")
    c = cases[0]
    check(c.get("ic_miss") == 120 and c.get("dc_miss") == 7 and c.get("dtlb_miss") == 3,
          "bench.py: ic_miss, dc_miss and dtlb_miss reach the case")
    check("ic_miss" not in cases[1], "bench.py: a case without counters has no ic_miss key")

    prev = doc("aaaaaaa", [
        case("mm", "same", 100, 10000, 10000),          # unchanged
        case("mm", "cpi", 100, 10000, 10000),           # same instructions, more cycles
        case("mm", "code", 100, 10000, 10000),          # more instructions at the same CPI
        case("mm", "gone", 100, 500, 500),
    ])
    cur = doc("bbbbbbb", [
        case("mm", "same", 100, 10050, 10000, ic_miss=0),
        case("mm", "cpi", 100, 12000, 10000, ic_miss=20),
        case("mm", "code", 100, 15000, 15000, ic_miss=0),
        case("mm", "new", 100, 700, 700, ic_miss=0),
    ])
    out = []
    report.changes_section(cur, prev, out)
    text = "\n".join(out)
    rows = {line.split("|")[1].strip(): line for line in out if line.startswith("| mm ")}
    check("mm same" not in rows, "changes: a case within 1% is not listed")
    check("mm cpi" in rows and "| CPI |" in rows["mm cpi"],
          "changes: same instructions, more cycles -> CPI")
    check("mm cpi" in rows and rows["mm cpi"].rstrip().endswith("| 0.20 |"),
          "changes: the I$ misses per operation of the current run")
    check("mm code" in rows and "| code |" in rows["mm code"],
          "changes: 1.5x the instructions at the same CPI -> code")
    check("2 of 3 cases moved" in text, "changes: the count of cases that moved")
    check("New cases: 1" in text and "Cases no longer run: 1 (mm gone)" in text,
          "changes: new and removed cases named")

    out = []
    report.op_table(cur["cases"], True, out)
    check(out[0].endswith("I$ misses/op |") and out[3].endswith("| 0.20 |"),
          "op_table: the I$ column with misses per operation")
    out = []
    report.op_table(prev["cases"], True, out)
    check("I$" not in out[0], "op_table: no I$ column when nothing counted it")

    # __GFP_ZERO: the burst cases (pattern=burst, parsed from the firmware's line) give their own
    # ratio and stay out of the alloc/free loop's table, whose cells they would overwrite.
    gfp = bench.parse(
        "bench gfp-zero order0-nozero ops=16 cycles=6400 instret=2368 path=nozero order=0\n"
        "bench gfp-zero order0-sw ops=16 cycles=80000 instret=8000 path=sw order=0\n"
        "bench gfp-zero order0-prezero ops=16 cycles=28000 instret=5000 path=prezero order=0\n"
        "bench gfp-zero order0-nozero-burst ops=32 cycles=16000 instret=5000 path=nozero order=0 "
        "pattern=burst\n"
        "bench gfp-zero order0-prezero-burst ops=32 cycles=17600 instret=6000 path=prezero "
        "order=0 pattern=burst\n")
    check(len(gfp) == 5 and gfp[3].get("pattern") == "burst", "bench.py: pattern=burst parsed")
    out = []
    report.gfp_section(gfp, out)
    text = "\n".join(out)
    row = [line for line in out if line.startswith("| 0 |")]
    check(len(row) == 1 and "| 400 |" in row[0] and "| 1,750 |" in row[0],
          "gfp_section: the loop's row keeps the loop's plain and pre-zeroed cycles")
    check("plain 500 cycles, pre-zeroed 550, **1.10x**" in text,
          "gfp_section: the burst's per-allocation cycles and their ratio")
    out = []
    report.gfp_section(gfp[:3], out)
    check("burst" not in "\n".join(out), "gfp_section: no burst sentence without burst cases")

    print(f"suite-result: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
