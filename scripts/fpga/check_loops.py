#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""Fails on a combinational loop in a design (make lint-arty, docs/fpga.md).

  check_loops.py CHECK.txt [--max N]

CHECK.txt is what Yosys's `check` pass printed (`tee -o CHECK.txt check`) on the elaborated,
flattened design (`proc; flatten`), with its bit-level model of the internal cells. Each loop it
found is printed as the wires it runs through, with their source lines (the first N loops, 10 by
default). Only loops count: `check` also reports, for example, the identical duplicate drivers
that LiteDRAM's generator writes, which are no fault. A loop through a flip-flop's asynchronous
reset counts too (Yosys gives ARST -> Q as a path): a register that clears itself through its
own reset makes a pulse as short as the loop's delay.

Exit status: 0 no loop, 1 a loop, 2 bad input (no file, or no `check` output in it).
"""
import argparse
import re
import sys

LOOP_RE = re.compile(r'^Warning: found logic loop in module (\S+?):?$')
WIRE_RE = re.compile(r'^\s+wire (\S+)(?: \[(\d+)\])?(?: source: (\S+))?')
CELL_RE = re.compile(r'^\s+cell ')


def die(msg):
    print('check_loops: ' + msg, file=sys.stderr)
    sys.exit(2)


def parse(lines):
    """[(module, [(wire, source)], cells)] for every loop reported"""
    loops, cur = [], None
    for line in lines:
        line = line.rstrip('\n')
        m = LOOP_RE.match(line)
        if m:
            cur = (m.group(1), [], [0])
            loops.append(cur)
            continue
        if cur is None:
            continue
        if not line.startswith(' '):
            cur = None
            continue
        w = WIRE_RE.match(line)
        if w:
            name = w.group(1).lstrip('\\') + ('[%s]' % w.group(2) if w.group(2) else '')
            src = re.sub(r'\.\d+-\d+\.\d+$', '', w.group(3) or '')
            cur[1].append((name, src))
        elif CELL_RE.match(line):
            cur[2][0] += 1
    return [(mod, wires, n[0]) for mod, wires, n in loops]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('check')
    ap.add_argument('--max', type=int, default=10)
    a = ap.parse_args()
    try:
        with open(a.check) as f:
            lines = f.readlines()
    except OSError as e:
        die(str(e))
    # the pass's own summary line, whatever it found: proof that it ran
    if not any(re.match(r'^(Found and reported \d+ problems|Found \d+ problems)', l)
               for l in lines):
        die('%s: no output of Yosys check in it' % a.check)
    loops = parse(lines)
    if not loops:
        print('check_loops: no combinational loop')
        return 0
    print('check_loops: %d combinational loop(s) (Yosys check; a path may be reported once for '
          'each bit it runs through)' % len(loops))
    for k, (mod, wires, ncells) in enumerate(loops[:a.max]):
        print('  loop %d in %s, %d cells, through:' % (k + 1, mod, ncells))
        for name, src in wires:
            print('    %s%s' % (name, '  (%s)' % src if src else ''))
    if len(loops) > a.max:
        print('  ... %d more in %s' % (len(loops) - a.max, a.check))
    return 1


if __name__ == '__main__':
    sys.exit(main())
