#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""Mutation check: plant each listed bug in a scratch copy of the tree and run the suites that
should catch it (docs/testing.md "Mutation check", the list is tests/mutate/mutants.txt).

  mutate.py [--only a,b] [--smoke] [--work DIR] [--timeout S] [--list FILE]

The scratch tree (WORK/tree) is a copy of the working tree's files (tracked and untracked, not
ignored); it is built in WORK/build. The working tree itself is never written. One mutant at a
time: replace its text (which must occur exactly once in its file), check that the RTL still
lints (an RTL mutant that does not is an error of the list, not a kill), run the named suites
through the ordinary `make test-SUITE` (make rebuilds only what the changed file feeds), stop at
the first suite that fails (a kill), restore the file. Before the first mutant, every suite used
must pass on the unmutated tree, or there is nothing to learn from a failure.

Exit status 0 only if every mutant was killed, or survived and is listed as equivalent. The last
line is "suite-result: N passed, M failed" (passed = killed or equivalent) for scripts/suite.sh.
"""
import argparse
import os
import shutil
import signal
import subprocess
import sys
import time

# A mutant's suite run may take SLACK times the unmutated run, at least TIMEOUT_MIN seconds.
SLACK = 5
TIMEOUT_MIN = 300

KEYS = {"file", "find", "replace", "suites", "about", "equivalent", "smoke"}

# RTL must still pass the strict lint of its part; C is checked by its suites' own builds.
LINT_BY_PREFIX = [("rtl/core/", "lint-core"), ("rtl/accel/", "lint-accel"),
                  ("rtl/soc/", "lint-soc"), ("rtl/pkg/", "lint-soc")]


class ListError(Exception):
    pass


def unescape(s):
    """\\n, \\t and \\\\ in find/replace values: multi-line or tab-indented C text."""
    out, i = [], 0
    while i < len(s):
        if s[i] == "\\" and i + 1 < len(s) and s[i + 1] in "nt\\":
            out.append({"n": "\n", "t": "\t", "\\": "\\"}[s[i + 1]])
            i += 2
        else:
            out.append(s[i])
            i += 1
    return "".join(out)


def parse_list(path):
    """The list: `mutant NAME` starts an entry, indented `key value` lines follow."""
    mutants, cur = [], None
    with open(path, encoding="utf-8") as f:
        for ln, raw in enumerate(f, 1):
            line = raw.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            where = f"{path}:{ln}"
            if not line[0].isspace():
                word, _, name = line.partition(" ")
                name = name.strip()
                if word != "mutant" or not name or " " in name:
                    raise ListError(f"{where}: expected 'mutant NAME', got {line!r}")
                if any(m["name"] == name for m in mutants):
                    raise ListError(f"{where}: mutant {name} listed twice")
                cur = {"name": name, "line": ln}
                mutants.append(cur)
                continue
            if cur is None:
                raise ListError(f"{where}: a key before the first 'mutant NAME'")
            body = line.strip()
            key, _, value = body.partition(" ")
            value = value.strip()
            if key not in KEYS:
                raise ListError(f"{where}: unknown key {key!r} (known: {', '.join(sorted(KEYS))})")
            if key in cur:
                raise ListError(f"{where}: {key} given twice for {cur['name']}")
            cur[key] = value
    for m in mutants:
        for key in ("file", "find", "suites", "about"):
            if not m.get(key):
                raise ListError(f"{path}:{m['line']}: mutant {m['name']} has no {key}")
        m.setdefault("replace", "")
        m["find"] = unescape(m["find"])
        m["replace"] = unescape(m["replace"])
        m["suites"] = m["suites"].split()
        if m["find"] == m["replace"]:
            raise ListError(f"{path}:{m['line']}: mutant {m['name']} changes nothing")
        if "smoke" in m and m["smoke"] not in ("", "yes"):
            raise ListError(f"{path}:{m['line']}: smoke takes no value")
    return mutants


def tree_files(src):
    out = subprocess.run(["git", "-C", src, "ls-files", "-z", "--cached", "--others",
                          "--exclude-standard"], check=True, capture_output=True).stdout
    return [p for p in out.decode().split("\0") if p and os.path.isfile(os.path.join(src, p))]


def sync_tree(src, dst):
    """Make dst hold exactly src's files. Unchanged files keep their time stamps, so the scratch
    build stays valid across runs; changed ones get a new one and are rebuilt."""
    files = set(tree_files(src))
    for root, dirs, names in os.walk(dst):
        if root == dst:	# the tree's own build/ (its venv from scripts/deps.sh) is not src's
            dirs[:] = [d for d in dirs if d != "build"]
        for n in names:
            rel = os.path.relpath(os.path.join(root, n), dst)
            if rel not in files:
                os.remove(os.path.join(root, n))
    for rel in sorted(files):
        s, d = os.path.join(src, rel), os.path.join(dst, rel)
        with open(s, "rb") as f:
            data = f.read()
        if os.path.exists(d):
            with open(d, "rb") as f:
                if f.read() == data:
                    continue
        os.makedirs(os.path.dirname(d), exist_ok=True)
        with open(d, "wb") as f:
            f.write(data)
        shutil.copymode(s, d)


def make_env():
    env = dict(os.environ)
    # A make above us (make test) passes its jobserver; the sub-make must not try to use it.
    for k in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES"):
        env.pop(k, None)
    return env


class Runner:
    def __init__(self, args):
        self.tree = os.path.join(args.work, "tree")
        self.build = os.path.join(args.work, "build")
        self.logs = os.path.join(args.work, "logs")
        self.timeout = args.timeout
        self.baseline_done = {}
        self.baseline_time = {}
        self.env = make_env()
        os.makedirs(self.tree, exist_ok=True)
        os.makedirs(self.logs, exist_ok=True)

    def make(self, target, log, timeout=None):
        """(exit status or None on timeout). SIM_PGO=0: one plain SoC simulator build."""
        cmd = ["make", "--no-print-directory", "-C", self.tree, f"BUILD={self.build}",
               "SIM_PGO=0", "JOBS=1", target]
        timeout = timeout or self.timeout
        log.write(f"$ {' '.join(cmd)}\n")
        log.flush()
        # its own process group: a timeout ends the test program too, not only make
        p = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=self.env,
                             start_new_session=True)
        try:
            return p.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()
            log.write(f"mutate: timeout after {timeout} s\n")
            return None

    def suite(self, name, log):
        """'pass', 'fail', 'timeout', or 'build' when make failed before the suite ran.
        A mutant's run may take SLACK times the suite's unmutated run (which included
        its build), at least TIMEOUT_MIN seconds: a suite without a bound of its own would
        otherwise hang on a mutant that loops."""
        res = os.path.join(self.build, "test-results", f"{name}.result")
        if os.path.exists(res):
            os.remove(res)
        timeout = None
        if name in self.baseline_time:
            timeout = min(self.timeout, max(TIMEOUT_MIN, SLACK * self.baseline_time[name]))
        rc = self.make(f"test-{name}", log, int(timeout) if timeout else None)
        if rc is None:
            return "timeout"
        if not os.path.exists(res):
            return "build"
        with open(res) as f:
            failed = int(f.read().split()[1])
        return "fail" if failed or rc else "pass"


def lint_target(path):
    for prefix, target in LINT_BY_PREFIX:
        if path.startswith(prefix):
            return target
    return None


def apply(tree, m):
    """Write the mutant into the scratch tree; returns the original text, or raises ListError."""
    path = os.path.join(tree, m["file"])
    if not os.path.isfile(path):
        raise ListError(f"no such file {m['file']}")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    n = text.count(m["find"])
    if n != 1:
        what = "not found" if n == 0 else f"found {n} times"
        raise ListError(f"does not apply: its text is {what} in {m['file']}")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.replace(m["find"], m["replace"], 1))
    return text


def restore(tree, m, text):
    # a new time stamp: whatever was built from the mutant is rebuilt when next needed
    with open(os.path.join(tree, m["file"]), "w", encoding="utf-8") as f:
        f.write(text)


def run_mutant(r, m, baseline):
    """Returns (status, detail). status: killed, survived, equivalent, invalid, stale.
    baseline(suite) runs a suite on the unmutated tree (once per suite) and says if it passes."""
    with open(os.path.join(r.logs, f"{m['name']}.log"), "w") as log:
        try:
            orig = apply(r.tree, m)
        except ListError as e:
            return "stale", str(e)
        try:
            lint = lint_target(m["file"])
            if lint and r.make(lint, log) != 0:
                return "invalid", f"{lint} fails: not a valid mutant (see log)"
            for s in m["suites"]:
                if s not in r.baseline_done:
                    # a later suite, first needed now: run it on the original text first
                    restore(r.tree, m, orig)
                    if not baseline(s):
                        return "error", f"suite {s} fails without the mutant"
                    apply(r.tree, m)
                st = r.suite(s, log)
                if st == "build":
                    return "invalid", f"test-{s} does not build: not a valid mutant (see log)"
                if st in ("fail", "timeout"):
                    if "equivalent" in m:
                        return "invalid", f"listed as equivalent but {s} catches it"
                    return "killed", s + (" (timeout)" if st == "timeout" else "")
            if "equivalent" in m:
                return "equivalent", m["equivalent"]
            return "survived", " ".join(m["suites"])
        finally:
            restore(r.tree, m, orig)


def main():
    top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--list", default=os.path.join(top, "tests/mutate/mutants.txt"))
    ap.add_argument("--work", default=os.path.join(top, "build/mutate"))
    ap.add_argument("--only", default="", help="comma-separated mutant names")
    ap.add_argument("--smoke", action="store_true", help="only the mutants marked smoke")
    ap.add_argument("--timeout", type=int, default=1800,
                    help="upper bound in seconds of any make invocation (baselines too)")
    ap.add_argument("--check", action="store_true",
                    help="only check that every selected mutant applies to the working tree")
    args = ap.parse_args()
    args.work = os.path.abspath(args.work)   # make runs in the scratch tree

    try:
        mutants = parse_list(args.list)
    except (ListError, OSError) as e:
        print(f"mutate: {e}")
        return 2
    if args.only:
        names = [n for n in args.only.replace(",", " ").split() if n]
        unknown = [n for n in names if not any(m["name"] == n for m in mutants)]
        if unknown:
            print(f"mutate: no such mutant: {', '.join(unknown)} (see {args.list})")
            return 2
        mutants = [m for m in mutants if m["name"] in names]
    if args.smoke:
        mutants = [m for m in mutants if "smoke" in m]
    if not mutants:
        print("mutate: no mutant selected")
        return 2
    # C mutants first: the SoC simulator that their SoC suites use depends on all of rtl/, and
    # every RTL mutant, once restored, leaves it to be rebuilt (a few minutes) when next needed.
    mutants.sort(key=lambda m: m["file"].startswith("rtl/"))

    if args.check:
        bad = 0
        for m in mutants:
            path = os.path.join(top, m["file"])
            n = open(path, encoding="utf-8").read().count(m["find"]) if os.path.isfile(path) else -1
            if n != 1:
                bad += 1
                what = "no such file" if n < 0 else "not found" if n == 0 else f"found {n} times"
                print(f"mutate: {m['name']}: does not apply: {what} in {m['file']}")
        print(f"mutate: {len(mutants) - bad} of {len(mutants)} mutants apply")
        return 1 if bad else 0

    r = Runner(args)
    t_start = time.time()
    sync_tree(top, r.tree)

    # Every suite used must pass without a mutant. The first suite of each mutant always runs, so
    # those are checked up front; a later one only when a mutant survives up to it.
    first = []
    for m in mutants:
        if m["suites"][0] not in first:
            first.append(m["suites"][0])
    print(f"mutate: {len(mutants)} mutants; scratch tree {r.tree}, logs {r.logs}")
    base_log = open(os.path.join(r.logs, "baseline.log"), "w")

    def baseline(s):
        t0 = time.time()
        st = r.suite(s, base_log)
        r.baseline_done[s] = st
        r.baseline_time[s] = time.time() - t0
        print(f"  baseline {s}: {st} ({time.time() - t0:.0f} s)", flush=True)
        if st != "pass":
            print(f"mutate: suite {s} does not pass without a mutant ({st}); see {base_log.name}")
        return st == "pass"

    for s in first:
        if not baseline(s):
            return 2
    t_base = time.time() - t_start

    rows = []
    for m in mutants:
        t0 = time.time()
        status, detail = run_mutant(r, m, baseline)
        dt = time.time() - t0
        if status == "error":
            return 2
        rows.append((m["name"], status, detail, dt))
        print(f"  {m['name']:<28} {status:<10} {dt:6.0f} s  {detail}", flush=True)

    total = time.time() - t_start
    count = {k: sum(1 for row in rows if row[1] == k)
             for k in ("killed", "survived", "equivalent", "invalid", "stale")}
    valid = count["killed"] + count["survived"] + count["equivalent"]
    with open(os.path.join(args.work, "results.tsv"), "w") as f:
        f.write("mutant\tstatus\tseconds\tdetail\n")
        for name, status, detail, dt in rows:
            f.write(f"{name}\t{status}\t{dt:.0f}\t{detail}\n")
    print()
    for k in ("survived", "invalid", "stale"):
        for name, status, detail, _ in rows:
            if status == k:
                print(f"mutate: {name}: {k}: {detail} (log {r.logs}/{name}.log)")
    if valid:
        rate = 100.0 * count["killed"] / (valid - count["equivalent"] or 1)
        print(f"mutate: killed {count['killed']} of {valid - count['equivalent']} "
              f"({rate:.1f}%), {count['equivalent']} equivalent, {count['invalid']} invalid, "
              f"{count['stale']} no longer apply; {total:.0f} s "
              f"(baseline {t_base:.0f} s, mean {sum(r[3] for r in rows) / len(rows):.0f} s "
              f"per mutant)")
    ok = count["killed"] + count["equivalent"]
    print(f"suite-result: {ok} passed, {len(rows) - ok} failed")
    return 0 if ok == len(rows) else 1


if __name__ == "__main__":
    sys.exit(main())
