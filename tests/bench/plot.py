#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""Plot build/bench/results.json into PNGs: one bar chart per benchmark group (cycles per
operation, or instructions per operation where the platform has no cycle counter), and line plots
for series that sweep a size (cases carrying bytes= or bits= with a path= field)."""
import collections
import json
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def metric(doc, cases):
    """Cycles where they are real (the SoC), instructions otherwise (QEMU -icount)."""
    on_sim = any(c.get("cpi") and abs(c["cpi"] - 1.0) > 1e-9 for c in cases)
    return ("cycles_per_op", "cycles / op") if on_sim else ("instret_per_op", "instructions / op")


def bar_group(doc, group, cases, outdir):
    key, label = metric(doc, cases)
    names = [c["name"] for c in cases if key in c]
    vals = [c[key] for c in cases if key in c]
    if not vals:
        return None
    fig, ax = plt.subplots(figsize=(max(6, 0.7 * len(names) + 2), 4))
    ax.bar(range(len(vals)), vals, color="#4472c4")
    ax.set_xticks(range(len(vals)))
    ax.set_xticklabels(names, rotation=35, ha="right", fontsize=8)
    ax.set_ylabel(label)
    ax.set_title(f"{group} on {doc['platform']} ({doc['commit']}, {doc['date']})", fontsize=9)
    for i, v in enumerate(vals):
        ax.text(i, v, f"{v:.0f}", ha="center", va="bottom", fontsize=7)
    fig.tight_layout()
    path = os.path.join(outdir, f"bench-{group}.png")
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def sweep_group(doc, group, cases, outdir):
    """Cases with a size field and a path field (e.g. sw/hw/auto) become one line per path."""
    series = collections.defaultdict(list)
    xkey = None
    for c in cases:
        for k in ("bytes", "bits"):
            if k in c and "path" in c:
                xkey = k
                series[c["path"]].append((c[k], c.get("cycles", 0) / max(1, c.get("ops", 1))))
    if not series:
        return None
    fig, ax = plt.subplots(figsize=(7, 4.5))
    for path, pts in sorted(series.items()):
        pts.sort()
        ax.plot([p[0] for p in pts], [p[1] for p in pts], marker="o", label=path)
    ax.set_xscale("log", base=2)
    ax.set_yscale("log")
    ax.set_xlabel(xkey)
    ax.set_ylabel("cycles per operation")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend()
    ax.set_title(f"{group} on {doc['platform']} ({doc['commit']}, {doc['date']})", fontsize=9)
    fig.tight_layout()
    path = os.path.join(outdir, f"bench-{group}-sweep.png")
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def main():
    src, outdir = sys.argv[1], sys.argv[2]
    with open(src) as f:
        doc = json.load(f)
    os.makedirs(outdir, exist_ok=True)
    groups = collections.OrderedDict()
    for c in doc["cases"]:
        groups.setdefault(c["group"], []).append(c)
    for group, cases in groups.items():
        for p in (sweep_group(doc, group, cases, outdir) or bar_group(doc, group, cases, outdir),):
            if p:
                print("plot:", p)


if __name__ == "__main__":
    main()
