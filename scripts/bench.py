#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""Collect the firmware's benchmark lines into build/bench/results.json.

The firmware in `bench` mode prints one line per case:
    bench GROUP NAME key=value key=value ...
with at least ops=, cycles= and instret= (counter deltas over the whole case). This script runs the
given command (the SoC simulator or QEMU), keeps its console log, parses those lines and writes a
JSON document with the platform, commit and date, and per-op figures derived from the raw counts.
It fails when the run fails or reports no benchmark. The console goes to OUT.log line by line as the
run goes (a run on the LiteDRAM model takes an hour: `tail -f` shows where it is) and to stdout,
each line after "--tag TAG" prefixed with "[TAG] " so that runs side by side can be told apart.
"""
import json
import re
import subprocess
import sys
import time

# The kernel's printk may put its timestamp before the line ("[    1.234567] bench ...").
LINE = re.compile(r"^(?:\[\s*\d+\.\d+\]\s*)?bench (\S+) (\S+)((?: \S+=\S+)+)\s*$")


def parse(log):
    cases = []
    for line in log.splitlines():
        m = LINE.match(line.strip().replace("\r", ""))
        if not m:
            continue
        fields = {}
        for kv in m.group(3).split():
            k, v = kv.split("=", 1)
            try:
                fields[k] = int(v, 0)
            except ValueError:
                try:
                    fields[k] = float(v)
                except ValueError:
                    fields[k] = v
        case = {"group": m.group(1), "name": m.group(2), **fields}
        ops = fields.get("ops")
        if isinstance(ops, int) and ops > 0:
            for key in ("cycles", "instret"):
                if isinstance(fields.get(key), int):
                    case[key + "_per_op"] = fields[key] / ops
        if fields.get("cycles") and fields.get("instret"):
            case["cpi"] = fields["cycles"] / fields["instret"]
        cases.append(case)
    return cases


def memory_system(log):
    """The memory the figures were taken on, as the firmware's banner names it from the DT (its
    "dram:" and "caches:" lines): figures from different memories are not comparable."""
    system = {}
    for key in ("dram", "caches"):
        m = re.search(rf"^{key}:\s+(.*)$", log, re.M)
        system[key] = m.group(1).strip() if m else "unknown"
    return system


def run_figures(log):
    """The simulator's own counts (pagoda-sim's last lines): the whole run's cycles and retired
    instructions, and OpenSBI's boot up to the hand-over. Empty on QEMU."""
    run = {}
    m = re.search(r"^pagoda-sim: .*; (\d+) cycles, (\d+) instructions retired", log, re.M)
    if m:
        run["cycles"], run["instret"] = int(m.group(1)), int(m.group(2))
    m = re.search(r"^pagoda-sim: OpenSBI handed over to \S+ at cycle (\d+), (\d+) instructions "
                  r"retired", log, re.M)
    if m:
        run["opensbi_cycles"], run["opensbi_instret"] = int(m.group(1)), int(m.group(2))
    return run


def measured_commit(log, at_start):
    """The version the measured firmware was built from, from its banner ("Pagoda firmware
    VERSION (...)"); a run without that banner (Linux) keeps the tree's commit at its start."""
    m = re.search(r"^Pagoda firmware (\S+) ", log, re.M)
    return m.group(1) if m else at_start


def run_logged(cmd, log_path, tag):
    """Run cmd, its stdout and stderr into log_path and to our stdout as each line comes;
    returns (exit status, the whole log)."""
    prefix = f"[{tag}] " if tag else ""
    lines = []
    with open(log_path, "w") as f, subprocess.Popen(
            cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            errors="replace") as proc:
        for line in proc.stdout:
            lines.append(line)
            f.write(line)
            f.flush()
            sys.stdout.write(prefix + line)
            sys.stdout.flush()
    return proc.returncode, "".join(lines)


def main():
    args = sys.argv[1:]
    tag = None
    if len(args) >= 2 and args[0] == "--tag":
        tag, args = args[1], args[2:]
    if len(args) < 3 or args[1] != "--":
        sys.exit("usage: bench.py [--tag TAG] OUT.json -- command...")
    out, cmd = args[0], args[2:]
    t0 = time.time()
    # The tree at the start, when the binaries were built: a run takes most of an hour, and a
    # commit made meanwhile is not what was measured. Dirty means sources differ from the commit;
    # docs/ is what `make bench` itself rewrites.
    commit = subprocess.run(["git", "describe", "--always"], capture_output=True,
                            text=True).stdout.strip() or "unknown"
    changed = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no", "--", ".",
                              ":(exclude)docs"], capture_output=True, text=True).stdout.strip()
    if changed:
        commit += "-dirty"
    status, log = run_logged(cmd, out.replace(".json", ".log"), tag)
    cases = parse(log)
    commit = measured_commit(log, commit)
    platform = "unknown"
    m = re.search(r"^platform:\s+(.*)$", log, re.M)
    if m:
        platform = m.group(1).strip()
    system = memory_system(log)
    doc = {
        "platform": platform,
        "dram": system["dram"],
        "caches": system["caches"],
        "run": run_figures(log),
        "command": " ".join(cmd),
        "commit": commit,
        "date": time.strftime("%Y-%m-%d", time.gmtime()),
        "wall_seconds": round(time.time() - t0, 1),
        "exit_status": status,
        "cases": cases,
    }
    with open(out, "w") as f:
        json.dump(doc, f, indent=1)
    print(f"bench: {len(cases)} cases from {platform} -> {out}")
    if status != 0:
        sys.exit(f"bench: the run failed with exit status {status}")
    if not cases:
        sys.exit("bench: the run reported no benchmark")


if __name__ == "__main__":
    main()
