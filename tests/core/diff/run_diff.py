#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""Differential test of pagoda_core against QEMU.

For each seed: generate a random program (gen.py), assemble it, run it on QEMU virt
(rv64, no F/D/H) and on the core simulator; both print the final registers and the data buffer on
the UART. Outputs must be identical. On a mismatch the program is shrunk by bisection on --length
to the first instruction count that differs, and the tail of that program is shown.
Prints "suite-result: N passed, M failed" (N = programs).
"""
import argparse
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
CC = os.environ.get("CROSS", "riscv64-unknown-elf-") + "gcc"
CFLAGS = ["-march=rv64imac_zicsr_zifencei", "-mabi=lp64", "-nostdlib", "-nostartfiles", "-static",
          "-T", os.path.join(HERE, "..", "isa", "link.ld")]
# QEMU 7.2's rv64 CPU also has Zb* and Sv* extensions on by default; Pagoda has none of them
QEMU_CPU = ("rv64,f=false,d=false,h=false,zba=false,zbb=false,zbc=false,zbs=false,"
            "svinval=false,svnapot=false,svpbmt=false,pmp=true")
QEMU = ["qemu-system-riscv64", "-M", "virt", "-bios", "none", "-cpu", QEMU_CPU,
        "-nographic", "-monitor", "none", "-serial", "stdio", "-display", "none"]


def build(out, seed, length, vm):
    base = os.path.join(out, f"d{seed}_{length}")
    subprocess.run([sys.executable, os.path.join(HERE, "gen.py"), "--seed", str(seed), "--length",
                    str(length), "-o", base + ".S"] + (["--vm"] if vm else []), check=True)
    subprocess.run([CC] + CFLAGS + ["-o", base + ".elf", base + ".S"], check=True)
    return base


IRQPLAY_KEYS = ("ops", "line changes", "interrupts taken", "latch chances", "excursions")


PMPPLAY_KEYS = ("configs", "accesses", "faults", "reads")


def play_stats(base, tag, keys):
    """The counts gen.py writes into the program ("# irqplay: N ops, ...", "# pmpplay: ...")."""
    with open(base + ".S") as f:
        for line in f:
            if f"# {tag}:" in line:
                nums = [int(w) for w in line.split(":", 1)[1].replace(",", " ").split()
                        if w.isdigit()]
                return dict(zip(keys, nums))
    return {}


def run(cmd, timeout):
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout)
        return p.returncode, p.stdout.decode(errors="replace")
    except subprocess.TimeoutExpired:
        return -1, "TIMEOUT"


def compare(sim, out, seed, length, mode):
    base = build(out, seed, length, "vm" in mode)
    qrc, qout = run(QEMU + ["-kernel", base + ".elf"], 60)
    sargs = [sim, "+max-cycles=20000000", f"+seed={seed}"]
    if "stall" in mode:
        sargs.append("+stall")
    if "irq" in mode:
        sargs.append("+irq-rate=0.003")
    src, sout = run(sargs + [base + ".elf"], 120)
    if qrc != 0 or qout.count("\n") < 400:
        return None, base, f"QEMU run failed (rc {qrc})"
    ok = src == 0 and sout == qout
    detail = ""
    if not ok:
        ql, sl = qout.splitlines(), sout.splitlines()
        for i, (a, b) in enumerate(zip(ql, sl)):
            if a != b:
                what = f"buf+{i * 8:#x}" if i < 384 else f"x{i - 384}"
                detail = f"first difference: line {i} ({what}) qemu {a} core {b}"
                break
        else:
            detail = f"sim rc {src}, {len(sl)} vs {len(ql)} lines"
    return ok, base, detail


def shrink(sim, out, seed, length, mode):
    lo, hi = 0, length      # lo passes (empty program), hi fails
    while hi - lo > 1:
        mid = (lo + hi) // 2
        ok, _, _ = compare(sim, out, seed, mid, mode)
        if ok:
            lo = mid
        else:
            hi = mid
    ok, base, detail = compare(sim, out, seed, hi, mode)
    with open(base + ".S") as f:
        lines = f.read().split("\n\tj .Lsave")[0].splitlines()
    return hi, base, detail, lines[-6:]


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sim", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--count", type=int, default=60)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--length", type=int, default=2000)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--no-shrink", action="store_true")
    a = ap.parse_args()
    if not os.access(a.sim, os.X_OK):
        ap.error(f"simulator {a.sim} not found")
    os.makedirs(a.out, exist_ok=True)
    seeds = [a.seed * 100000 + i for i in range(a.count)]
    # the core side runs with an ideal bus, random bus stalls, random external interrupts (taken
    # and returned from invisibly), or both, in turn
    # every other group of four runs the random code in S-mode under Sv39 (vm)
    modes = ["plain", "stall", "irq", "stall+irq"]
    jobs = [(s, modes[i % 4] + ("+vm" if (i // 4) % 2 else "")) for i, s in enumerate(seeds)]

    def one(job):
        seed, mode = job
        ok, base, detail = compare(a.sim, a.out, seed, a.length, mode)
        return (seed, mode, ok, base, detail, play_stats(base, "irqplay", IRQPLAY_KEYS),
                play_stats(base, "pmpplay", PMPPLAY_KEYS))

    passed = failed = 0
    play = dict.fromkeys(IRQPLAY_KEYS, 0)
    play_progs = latch_progs = pmp_progs = 0
    pmp = dict.fromkeys(PMPPLAY_KEYS, 0)
    with ThreadPoolExecutor(max_workers=a.jobs) as ex:
        for seed, mode, ok, base, detail, st, pst in ex.map(one, jobs):
            for k in PMPPLAY_KEYS:
                pmp[k] += pst.get(k, 0)
            pmp_progs += pst.get("accesses", 0) > 0
            for k in IRQPLAY_KEYS:
                play[k] += st.get(k, 0)
            play_progs += st.get("ops", 0) > 0
            latch_progs += st.get("latch chances", 0) > 0
            if ok:
                passed += 1
                for ext in (".S", ".elf"):
                    os.remove(base + ext)
                continue
            failed += 1
            print(f"MISMATCH seed {seed} mode={mode}: {detail}")
            if ok is not None and not a.no_shrink:
                n, sbase, sdetail, tail = shrink(a.sim, a.out, seed, a.length, mode)
                print(f"  shrunk to --length {n} ({sbase}.S): {sdetail}")
                for line in tail:
                    print("   |" + line)
    print(f"instructions per program: {a.length}, programs: {a.count}")
    print(f"interrupt-line/CSR interplay in {play_progs} programs: " +
          ", ".join(f"{play[k]} {k}" for k in IRQPLAY_KEYS) +
          f" (latch chances, where a CSR file writing the line back into mip.SEIP would differ, "
          f"in {latch_progs} programs)")
    print(f"PMP in {pmp_progs} programs: " + ", ".join(f"{pmp[k]} {k}" for k in PMPPLAY_KEYS) +
          " (faults: accesses that Pagoda's PMP rules refuse, by the generator's model)")
    print(f"suite-result: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
