#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""Suite bench-report: scripts/bench.py's parsing of the firmware's bench lines and
tests/bench/report.py's page on hand-made results (no simulation): the event counts (itlb_miss,
ic_miss...) reach the JSON, the I$ column appears only where counted, and the comparison with a
previous run lists what moved and says whether instructions or CPI moved it; the Memory table
(mem group) and the zeroing-then-first-touch table are rendered from their cases."""
import json
import os
import sys
import tempfile

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


def mem_cases():
    big = 1 << 20
    return [
        case("mem", "chase-2k", 8192, 8192 * 5, 8192 * 3, bytes=2048, by="core", unit="load"),
        case("mem", "chase-1m", 16384, 16384 * 25, 16384 * 3, bytes=big, by="core", unit="load",
             dc_miss=16384),
        case("mem", "read-1m", 1, 400000, 163840, bytes=big, by="core", unit="8B-load"),
        case("mem", "engine-zero-1m", 1, 500000, 900, bytes=big, by="engine", unit="command",
             busy=480000),
        case("mem", "together-read-1m", 1, 600000, 163840, bytes=big, by="core",
             unit="8B-load", engine_busy=720000),
        {"group": "mem", "name": "together-zero-1m", "ops": 1, "cycles": 720000, "instret": 0,
         "bytes": big, "by": "engine", "unit": "command", "busy": 720000},
    ]


def zero_cases():
    cs = []
    for size, base in ((64, 100), (4096, 1000), (1 << 20, 100000)):
        for path, k in (("sw", 2), ("cbo", 3), ("hw", 4), ("hw-mapped", 4.5), ("auto", 5)):
            extra = {"chose": "hw"} if path == "auto" else {}
            cs.append(case("pgaccel-zero", f"{path}-{size}", 2, int(2 * base * k), 100,
                           bytes=size, path=path, **extra))
            if size != 64 and path != "hw-mapped":
                cs.append(case("pgaccel-zero", f"{path}-touch-{size}", 2, 2 * (base * k + 7),
                               100, bytes=size, path=f"{path}-touch", **extra))
    return cs


def test_memory_and_touch():
    out = []
    report.memory_section(doc("ccccccc", mem_cases()), mem_cases(), out)
    rows = {line.split("|")[1].strip(): line for line in out if line.startswith("| ")}
    check(out[0].startswith("## Memory"), "memory: the section is there")
    check("chase-1m" in rows and "| 25.0 |" in rows["chase-1m"]
          and rows["chase-1m"].rstrip().endswith("| 16,384 |"),
          "memory: cycles per load of the chase, and its D$ misses")
    check("read-1m" in rows and "| 2.62 |" in rows["read-1m"],
          "memory: bytes per cycle of the core's stream read")
    check("engine-zero-1m" in rows and "| 480,000 | 2.18 |" in rows["engine-zero-1m"],
          "memory: the engine's busy cycles and bytes per busy cycle")
    text = "\n".join(out)
    check("600,000 cycles against 400,000 alone (1.50x)" in text and
          "720,000 busy cycles against 480,000 alone (1.50x)" in text,
          "memory: together against alone, core and engine")
    qemu = dict(doc("ddddddd", []), platform="riscv-virtio,qemu")
    out = []
    report.memory_section(qemu, [c for c in mem_cases() if c["by"] == "core"], out)
    text = "\n".join(out)
    check("No engine figures" in text and "| read-1m | core | 1,048,576 | n/a |" in text,
          "memory: without pgaccel and cycles, said so and n/a")

    out = []
    report.zero_section(zero_cases(), out)
    text = "\n".join(out)
    rows = [line for line in out if line.startswith("| 4,096 |") or line.startswith("| 1,048,576 |")]
    check("### Zeroing then first touch" in text, "touch: the table is there")
    # the main table's rows come first, then the touch table's (one per size with touch cases)
    touch = [r for r in rows if r.count("|") > 9]
    check(len(touch) == 2 and touch[0] == "| 4,096 | 2,000 | 2,007 | 3,000 | 3,007 | 4,000 | "
          "4,007 | 5,000 | 5,007 | memset |",
          "touch: each path alone and with the touch, the best with touch")
    check(not any(line.startswith("| 64 |") and line.count("|") > 9 for line in out),
          "touch: no row for a size without touch cases")

    check("### The driver's choice against the paths it chooses between" in text and
          "| 4,096 | 2,000 (memset) | 4,500 | 5,000 (hw) | 2.50x | 1.12x |" in text,
          "choice: auto against the better of the CPU's best and the mapped engine")
    out = []
    report.zero_section([c for c in zero_cases() if c["path"] != "hw-mapped"], out)
    check("### The driver's choice" not in "\n".join(out),
          "choice: no table without the mapped engine's cases (older results)")
    check("| bus limit | hw / bus limit |" in text and "| 1,048,576 |" in text,
          "zeroing: without mem figures the bound is the bus's 8 bytes per cycle")
    out = []
    report.zero_section(zero_cases(), out, mem_cases())
    row = next(line for line in out if line.startswith("| 1,048,576 |"))
    check("| engine stream | hw / engine stream |" in "\n".join(out) and
          "| 480,000 | 120% |" in row,
          "zeroing: with mem figures the bound is the engine's measured 1 MiB rate")

    # the whole page: both tables reach docs/benchmarks.md
    with tempfile.TemporaryDirectory() as d:
        src, dst = os.path.join(d, "r.json"), os.path.join(d, "b.md")
        with open(src, "w") as f:
            json.dump(doc("eeeeeee", mem_cases() + zero_cases()), f)
        argv = sys.argv
        sys.argv = ["report.py", src, dst]
        try:
            report.main()
        finally:
            sys.argv = argv
        with open(dst) as f:
            page = f.read()
    check("## Memory" in page and "| together-zero-1m | engine |" in page and
          "| 1,048,576 | 200,000 | 200,007 |" in page and "| engine stream |" in page,
          "page: the Memory table and the first-touch columns are rendered")
    check(f"Generated by `make bench` from `{os.path.relpath(src)}`" in page,
          "page: the header names the results file it was generated from")


def test_run_logged():
    """bench.py writes the console to the log as the run goes (an hour on LiteDRAM) and keeps
    the run's exit status; the tag prefixes only what it echoes."""
    import contextlib
    import io
    with tempfile.TemporaryDirectory() as d:
        log = os.path.join(d, "r.log")
        # The child checks the log while it runs: line 1 must be there before line 2 is written.
        child = ("import sys,time\n"
                 "print('bench a b ops=1', flush=True)\n"
                 "for _ in range(200):\n"
                 "    if 'bench a b' in open(sys.argv[1]).read(): break\n"
                 "    time.sleep(0.05)\n"
                 "else: print('log not written as the run went', flush=True)\n"
                 "sys.stderr.write('on stderr\\n'); sys.exit(3)\n")
        echo = io.StringIO()
        with contextlib.redirect_stdout(echo):
            status, text = bench.run_logged([sys.executable, "-c", child, log], log, "fw")
        check(status == 3, f"run_logged: the run's exit status kept ({status})")
        check(text == "bench a b ops=1\non stderr\n" and open(log).read() == text,
              f"run_logged: stdout and stderr in the log, line by line ({text!r})")
        check(echo.getvalue() == "[fw] bench a b ops=1\n[fw] on stderr\n",
              f"run_logged: echoed with the tag ({echo.getvalue()!r})")


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
    check(bench.measured_commit("OpenSBI\n\nPagoda firmware f86a820-dirty (S-mode, hart 0, fdt "
                                "0x8fe00000)\nbench a b ops=1\n", "8a5cd8b") == "f86a820-dirty",
          "bench.py: the commit is the firmware's banner, not the tree's at the end")
    check(bench.measured_commit("Linux version 6.1\nbench a b ops=1\n", "ab752a7") == "ab752a7",
          "bench.py: without the banner, the tree's commit at the start")

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

    check("other memory" not in text, "changes: no memory note when both runs name the same")

    # The memory system: kept from the banner, named in the header, and a change of it said.
    system = bench.memory_system(
        "caches:   I$ 16 KiB direct-mapped, 64-byte lines; D$ 4 KiB 2-way, 64-byte lines (DT)\n"
        "dram:     DDR3 MT41K128M16 through LiteDRAM (CSRs at 0x12000000), 128-bit port (DT)\n")
    check(system["dram"].startswith("DDR3 MT41K128M16 through LiteDRAM")
          and system["caches"].endswith("D$ 4 KiB 2-way, 64-byte lines (DT)"),
          "bench.py: the banner's dram: and caches: lines kept")
    check(bench.memory_system("platform: x\n")["dram"] == "unknown",
          "bench.py: no dram: line -> unknown")
    dram_cur = dict(cur, **system)
    check("through LiteDRAM" in report.memory_system(dram_cur)
          and "1-cycle RAM" in report.memory_system(prev),
          "memory_system: the run's memory, or that an old run did not record it")
    out = []
    report.changes_section(dram_cur, prev, out)
    check(any("other memory" in line and "through LiteDRAM" in line for line in out),
          "changes: a run on other memory than the previous one says so")

    # The run's own counts: OpenSBI's boot and the whole run, from the simulator's last lines.
    run = bench.run_figures(
        "pagoda-sim: pass (test device), code 0 (exit status 0); 1000000 cycles, 400000 "
        "instructions retired, CPI 2.500, 2.0 s, 0.50 M cycles/s (CPU 2.0 s, 0.50 M cycles/s)\n"
        "pagoda-sim: OpenSBI handed over to 0x80200000 at cycle 300000, 100000 instructions "
        "retired, CPI 3.000\n")
    check(run == {"cycles": 1000000, "instret": 400000, "opensbi_cycles": 300000,
                  "opensbi_instret": 100000}, f"bench.py: the run's and OpenSBI's counts ({run})")
    check(bench.run_figures("bench mm x ops=1\n") == {}, "bench.py: no simulator lines, no counts")
    test_run_logged()
    out = []
    report.boot_section(dict(cur, run=run), out)
    rows = [line for line in out if line.startswith("| ")]
    check(len(rows) == 4 and rows[1].endswith("| 300,000 | 100,000 | 3.00 |")
          and rows[2].endswith("| 700,000 | 300,000 | 2.33 |"),
          "boot_section: OpenSBI's CPI and the firmware's, the rest of the run")
    out = []
    report.boot_section(cur, out)
    check(out == [], "boot_section: nothing without the simulator's counts")

    out = []
    report.op_table(cur["cases"], True, out)
    check(out[0].endswith("I$ misses/op |") and out[3].endswith("| 0.20 |"),
          "op_table: the I$ column with misses per operation")
    out = []
    report.op_table(prev["cases"], True, out)
    check("I$" not in out[0], "op_table: no I$ column when nothing counted it")

    test_memory_and_touch()

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
