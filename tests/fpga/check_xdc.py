#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""The board's constraints against its top (part of suite fpga-lint): every bit of every port of
pagoda_arty_top has exactly one PACKAGE_PIN and an IOSTANDARD, no pin is given twice, every port
the .xdc names exists, the DDR3 bank has its internal VREF, and the oscillator has its clock.
  check_xdc.py TOP.sv ARTY.xdc        prints "xdc-checks: N passed, M failed"
"""
import re
import sys

passed = failed = 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print('FAIL: ' + what)


def top_ports(path):
    """port name -> width, from the ANSI header of the first module in path"""
    text = open(path).read()
    head = text[text.index('module '):]
    head = head[head.index(') (') + 3 if ') (' in head else head.index('(') + 1:]
    head = head[:head.index(');')]
    ports = {}
    for m in re.finditer(r'\b(input|output|inout)\s+(?:logic|wire)\s*(\[(\d+):(\d+)\])?\s*(\w+)',
                         head):
        hi, lo = (int(m.group(3)), int(m.group(4))) if m.group(2) else (0, 0)
        ports[m.group(5)] = (hi, lo) if m.group(2) else None
    return ports


def bits(ports):
    out = []
    for name, rng in ports.items():
        if rng is None:
            out.append(name)
        else:
            hi, lo = rng
            out += ['%s[%d]' % (name, i) for i in range(min(hi, lo), max(hi, lo) + 1)]
    return out


def expand(pattern, all_bits):
    rx = re.compile('^' + re.escape(pattern).replace(r'\*', '.*') + '$')
    return [b for b in all_bits if rx.match(b)]


def main():
    top, xdc = sys.argv[1], sys.argv[2]
    ports = top_ports(top)
    all_bits = bits(ports)
    check(len(ports) >= 10, 'the top has its ports (%d found)' % len(ports))
    pins, stds = {}, {}
    named = set()
    text = open(xdc).read()
    for line in text.splitlines():
        line = line.split('#', 1)[0].strip()
        if not line:
            continue
        for m in re.finditer(r'get_ports\s+(\{[^}]*\}|\S+?)\]', line):
            for pat in m.group(1).strip('{}').split():
                got = expand(pat, all_bits)
                named.add(pat)
                check(bool(got), 'xdc names a port that exists: %s' % pat)
                d = re.search(r'-dict\s*\{([^}]*)\}', line)
                props = {}
                if d:
                    toks = d.group(1).split()
                    props = dict(zip(toks[::2], toks[1::2]))
                else:
                    p = re.match(r'set_property\s+(\S+)\s+(\S+)\s+\[get_ports', line)
                    if p:
                        props = {p.group(1): p.group(2)}
                for b in got:
                    if 'PACKAGE_PIN' in props:
                        check(b not in pins, 'one pin for %s' % b)
                        pins[b] = props['PACKAGE_PIN']
                    if 'IOSTANDARD' in props:
                        stds[b] = props['IOSTANDARD']
    for b in all_bits:
        check(b in pins, 'a pin for %s' % b)
        check(b in stds, 'an I/O standard for %s' % b)
    used = list(pins.values())
    check(len(used) == len(set(used)), 'no package pin given twice')
    ddr = [b for b in all_bits if b.startswith('ddr3_')]
    check(all(stds.get(b, '').endswith('SSTL135') for b in ddr), 'DDR3 pins are (DIFF_)SSTL135')
    check(re.search(r'set_property INTERNAL_VREF 0\.675 \[get_iobanks 34\]', text) is not None,
          'bank 34: INTERNAL_VREF 0.675')
    check(re.search(r'create_clock .*-period 10\.000 \[get_ports clk100_i\]', text) is not None,
          'the 100 MHz oscillator has its clock')
    check(pins.get('clk100_i') == 'E3' and pins.get('rst_ni') == 'C2' and
          pins.get('uart_tx_o') == 'D10' and pins.get('uart_rx_i') == 'A9',
          'oscillator E3, reset C2, UART TX D10 / RX A9')
    check([pins.get('led_o[%d]' % i) for i in range(4)] == ['H5', 'J5', 'T9', 'T10'],
          'LEDs H5 J5 T9 T10')
    print('xdc-checks: %d passed, %d failed' % (passed, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
