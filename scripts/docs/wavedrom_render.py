#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""Render WaveDrom timing diagrams (WaveJSON sources, docs/wavedrom/*.json) to SVG.

usage: wavedrom_render.py OUTDIR SRC.json [SRC.json ...]
Every source must be strict JSON with a non-empty "signal" list whose entries (other than {} spacers
and [group, ...] lists) have a "name" and a "wave"; a bad source is reported by file name and nothing
is written for it; the exit status is 1 when any source was bad.
"""
import json
import os
import sys

import wavedrom


def check(doc):
    sig = doc.get("signal") if isinstance(doc, dict) else None
    if not isinstance(sig, list) or not sig:
        return 'no "signal" list'
    for i, s in enumerate(sig):
        if s == {} or isinstance(s, list):
            continue
        if not isinstance(s, dict) or "name" not in s or "wave" not in s:
            return f"signal {i}: needs a name and a wave"
        data = s.get("data", [])
        slots = sum(1 for c in s["wave"] if c in "=2345")
        if isinstance(data, list) and len(data) < slots:
            return f'signal "{s["name"]}": {slots} data slots but {len(data)} labels'
    return pbus_rules(sig)


def levels(wave):
    """Per-cycle values of a wave string: '.' repeats the cycle before, any other char is the value."""
    out, cur = [], "x"
    for c in wave:
        if c == "|":
            continue
        cur = cur if c == "." else c
        out.append((cur, c))
    return out


def pbus_rules(sig):
    """docs/bus.md's rules, checked on every master drawn (signals "[prefix ]req/gnt/rvalid"):
    a request stays up with its address phase unchanged until granted; every handshake gets
    exactly one response, at least a cycle later and in order; no response without a request."""
    named = {s["name"]: s for s in sig if isinstance(s, dict) and "name" in s}
    for name in named:
        if not name.endswith("req"):
            continue
        pre = name[:-3]
        gnt, rv = named.get(pre + "gnt"), named.get(pre + "rvalid")
        if not gnt:
            return f'"{name}" without "{pre}gnt"'
        req, gnt = levels(named[name]["wave"]), levels(gnt["wave"])
        held = [s for s in named if s.startswith(pre) and s[len(pre):] in ("addr", "we", "be", "wdata")]
        hs = []
        for t in range(len(req)):
            r, g = req[t][0], gnt[t][0] if t < len(gnt) else "x"
            if r == "1" and g == "1":
                hs.append(t)
            if r == "1" and g == "0" and t + 1 < len(req):
                if req[t + 1][0] != "1":
                    return f'"{name}" dropped at cycle {t + 1} before its grant'
                for h in held:
                    w = levels(named[h]["wave"])
                    if t + 1 < len(w) and w[t + 1][1] != ".":
                        return f'"{h}" changes at cycle {t + 1} while "{name}" waits for its grant'
        if rv is None:
            continue
        resp = [t for t, (v, _) in enumerate(levels(rv["wave"])) if v == "1"]
        if len(resp) != len(hs):
            return f'"{pre}rvalid": {len(resp)} responses for {len(hs)} granted requests'
        for h, r in zip(hs, resp):
            if r <= h:
                return f'"{pre}rvalid" at cycle {r} for the request granted at cycle {h}'
    return None


def main(argv):
    if len(argv) < 3:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    out, bad = argv[1], 0
    os.makedirs(out, exist_ok=True)
    for src in argv[2:]:
        try:
            with open(src) as f:
                doc = json.load(f)
        except (OSError, ValueError) as e:
            print(f"wavedrom: {src}: {e}", file=sys.stderr)
            bad += 1
            continue
        err = check(doc)
        if err:
            print(f"wavedrom: {src}: {err}", file=sys.stderr)
            bad += 1
            continue
        dst = os.path.join(out, os.path.basename(src)[:-len(".json")] + ".svg")
        wavedrom.render(json.dumps(doc)).saveas(dst)
        print(f"wavedrom: {src} -> {dst}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
