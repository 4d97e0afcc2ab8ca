#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""Resource use and LUT levels of a Yosys synth_xilinx run (make synth-arty, docs/fpga.md).

  utilization.py --stat STAT.json --netlist NETLIST.json --top TOP --part P [--part P ...]
                 [--seconds S] [--commit C] -o OUT.json

STAT.json is `stat -json` of the hierarchical netlist: every module's own cells, submodules
counted as cells of their module's type. The totals per block (core, caches, PMP, pgaccel,
interconnect, PLIC, CLINT, UART, LiteDRAM, ...) sum each module's own cells into the block of its
nearest ancestor (itself included) that names one. NETLIST.json is the flattened netlist
(write_json): the longest register-to-register path in LUT levels per clock domain, the
endpoint's clock naming the domain. Exits 1 when the design does not fit one of the parts, 2 on
bad input.
"""
import argparse
import json
import re
import sys

# Artix-7 capacities (Xilinx DS180, 7 Series FPGAs Data Sheet: Overview, table 3): LUTs, flip-flops,
# LUTs that can be memory (SLICEM: distributed RAM Kb * 1024 / 64), 36 Kb block RAMs, DSP48E1.
PARTS = {
    'xc7a35t': {'lut': 20800, 'ff': 41600, 'lutram': 6400, 'bram36': 50, 'dsp': 90},
    'xc7a100t': {'lut': 63400, 'ff': 126800, 'lutram': 19000, 'bram36': 135, 'dsp': 240},
}
LUT_GOAL = 0.80          # issue 15: the board design in <= 80% of the -35T's LUTs (Yosys counts)
LEVEL_GOAL = 20          # and <= 20 LUT levels on the SoC clock's longest path

# block of a module (name without parameters), first match wins; None: the parent's block
BLOCK_RULES = [
    (r'cache', 'caches'),
    (r'^pagoda_pmp', 'pmp'),
    (r'^pagoda_core$', 'core'),
    (r'^pgaccel', 'pgaccel'),
    (r'^pagoda_plic$', 'plic'),
    (r'^pagoda_clint$', 'clint'),
    (r'^pagoda_uart', 'uart'),
    (r'^litedram_core$', 'litedram'),
    (r'^(pagoda_pbus_|pagoda_dram_bridge$|pagoda_dram_cdc$|pagoda_dram_csr$)', 'interconnect'),
    (r'^pagoda_boot(rom|mem)$', 'bootrom'),
    (r'^pagoda_soc$', 'soc_other'),
]
BLOCKS = ['core', 'caches', 'pmp', 'pgaccel', 'interconnect', 'plic', 'clint', 'uart', 'litedram',
          'bootrom', 'soc_other', 'board']

# LUTs a LUT-RAM or shift-register primitive occupies
LUTRAM_LUTS = {
    'RAM32X1S': 1, 'RAM64X1S': 1, 'RAM128X1S': 2, 'RAM256X1S': 4, 'RAM32X1D': 2, 'RAM64X1D': 2,
    'RAM128X1D': 4, 'RAM32M': 4, 'RAM64M': 4, 'SRL16E': 1, 'SRLC16E': 1, 'SRLC32E': 1,
}


def die(msg):
    print('utilization: ' + msg, file=sys.stderr)
    sys.exit(2)


def base_name(mod):
    """'$paramod\\pagoda_cdc_fifo\\WIDTH=...' or '$paramod$hash\\name' -> 'pagoda_cdc_fifo'."""
    m = mod.lstrip('\\')
    if m.startswith('$paramod'):
        parts = m.split('\\')
        m = parts[1] if len(parts) > 1 else m
    return m


def block_of(mod):
    name = base_name(mod)
    for pat, blk in BLOCK_RULES:
        if re.search(pat, name):
            return blk
    return None


def zero():
    return {'lut': 0, 'lut_logic': 0, 'lutram': 0, 'ff': 0, 'bram36': 0.0, 'dsp': 0,
            'carry4': 0, 'muxf': 0}


def add_cell(acc, typ, n):
    if re.fullmatch(r'LUT[1-6]|INV', typ):   # an INV is a LUT1 on the part
        acc['lut_logic'] += n
        acc['lut'] += n
    elif typ in LUTRAM_LUTS:
        acc['lutram'] += n * LUTRAM_LUTS[typ]
        acc['lut'] += n * LUTRAM_LUTS[typ]
    elif re.fullmatch(r'FD[A-Z]*|LD[A-Z]*', typ):
        acc['ff'] += n
    elif typ.startswith('RAMB36'):
        acc['bram36'] += n
    elif typ.startswith('RAMB18'):
        acc['bram36'] += n / 2
    elif typ.startswith('DSP48'):
        acc['dsp'] += n
    elif typ == 'CARRY4':
        acc['carry4'] += n
    elif typ in ('MUXF7', 'MUXF8'):
        acc['muxf'] += n


def per_block(stat, top):
    mods = stat.get('modules')
    if not isinstance(mods, dict):
        die('stat json: no "modules"')
    by_name = {m.lstrip('\\'): v for m, v in mods.items()}
    if top not in by_name:
        die('stat json: top %s not found' % top)
    blocks = {b: zero() for b in BLOCKS}
    seen_blocks = set()

    def walk(mod, blk, mult, depth):
        if depth > 64:
            die('stat json: hierarchy deeper than 64 (a loop?)')
        b = block_of(mod) or blk
        seen_blocks.add(b)
        cells = by_name[mod].get('num_cells_by_type', {})
        for typ, n in cells.items():
            t = typ.lstrip('\\')
            if t in by_name:
                walk(t, b, mult * n, depth + 1)
            else:
                add_cell(blocks[b], t, mult * n)

    walk(top, 'board', 1, 0)
    return blocks, seen_blocks


# ---------------------------------------------------------------- LUT levels
SEQ_RE = re.compile(r'FD[A-Z]*|LD[A-Z]*|RAMB.*|DSP48.*|[IO]SERDES.*|IDELAY.*|ODELAY.*|'
                    r'PLLE2.*|MMCME2.*|BUFG.*|IDELAYCTRL|I?OBUF.*|IBUF.*|STARTUP.*')
LUTRAM_ADDR_RE = re.compile(r'^(A\d?|ADDR[A-D]|DPRA\d?)$')   # a LUT RAM's read address ports


def dsp_comb(c):
    """a DSP48E1 with no pipeline register (its clock tied off, or every *REG 0) is a
    combinational stage: counted as one level"""
    clk = c['connections'].get('CLK', ['0'])
    if not isinstance(clk[0], int):
        return True
    regs = [v for k, v in c.get('parameters', {}).items() if k.endswith('REG')]
    return bool(regs) and all(int(str(v), 2) == 0 if set(str(v)) <= {'0', '1'} else
                              str(v) == '0' for v in regs)


def name_rank(nname):
    """a net's most readable name: a user's name, nearest the top, shortest"""
    return (nname.startswith('$'), nname.count('.'), len(nname))


def lut_levels(netlist, top):
    mod = netlist.get('modules', {}).get(top)
    if mod is None:
        die('netlist json: top %s not found (flatten first)' % top)
    cells = mod['cells']
    driver = {}        # bit -> (cell, output port)
    for name, c in cells.items():
        dirs = c.get('port_directions', {})
        for port, bits in c['connections'].items():
            if dirs.get(port) == 'output':
                for b in bits:
                    if isinstance(b, int):
                        driver[b] = name
    names = {}
    for nname, n in mod.get('netnames', {}).items():
        for b in n['bits']:
            if isinstance(b, int) and (b not in names or name_rank(nname) < name_rank(names[b])):
                names[b] = nname

    def comb_inputs(c):
        """the input bits a combinational cell's outputs depend on, and its cost in LUT levels"""
        typ = c['type']
        dirs = c.get('port_directions', {})
        ins = [(p, bits) for p, bits in c['connections'].items() if dirs.get(p) == 'input']
        if re.fullmatch(r'LUT[1-6]|INV', typ):
            return [b for _, bits in ins for b in bits], 1
        if typ in ('CARRY4', 'MUXF7', 'MUXF8'):
            return [b for _, bits in ins for b in bits], 0
        if typ in LUTRAM_LUTS and not typ.startswith('SRL'):
            return [b for p, bits in ins if LUTRAM_ADDR_RE.match(p) for b in bits], 1
        if typ.startswith('SRL'):
            return [b for p, bits in ins if re.fullmatch(r'A\d?', p) for b in bits], 1
        if typ.startswith('DSP48') and dsp_comb(c):
            return [b for _, bits in ins for b in bits], 1
        return None, 0

    memo = {}          # bit -> (levels, start cell, the input bit the longest path came by)
    sys.setrecursionlimit(1000000)

    def arrival(bit, stack):
        if not isinstance(bit, int) or bit not in driver:
            return 0, 'port/const', None
        if bit in memo:
            return memo[bit]
        cname = driver[bit]
        c = cells[cname]
        ins, cost = comb_inputs(c)
        if ins is None or (SEQ_RE.fullmatch(c['type']) and not c['type'].startswith('DSP48')):
            memo[bit] = (0, cname, None)
            return memo[bit]
        if cname in stack:
            cyc = list(stack)[list(stack).index(cname):]
            die('combinational loop through %d cells (make lint-arty names its wires): %s' %
                (len(cyc), ' -> '.join(cyc[:12]) + (' ...' if len(cyc) > 12 else '')))
        stack[cname] = True
        best = None
        for b in ins:
            lv, st, _ = arrival(b, stack)
            if best is None or lv > best[0]:
                best = (lv, st, b)
        best = best or (0, cname, None)
        del stack[cname]
        memo[bit] = (best[0] + cost, best[1], best[2])
        return memo[bit]

    def trace(bit):
        """the cells of the longest path into bit, start first: 'TYPE name'"""
        out = []
        while isinstance(bit, int) and bit in driver:
            cname = driver[bit]
            out.append('%s %s' % (cells[cname]['type'], cname))
            bit = memo.get(bit, (0, '', None))[2]
        return out[::-1]

    domains = {}
    for name, c in cells.items():
        typ = c['type']
        if not re.fullmatch(r'FD[A-Z]*|RAMB.*|RAM\d.*|SRL.*|DSP48.*', typ):
            continue
        if typ.startswith('DSP48') and dsp_comb(c):
            continue
        conn = c['connections']
        clk_port = next((p for p in ('C', 'CLK', 'WCLK', 'CLKARDCLK', 'CLKBWRCLK') if p in conn),
                        None)
        if clk_port is None:
            continue
        cb = conn[clk_port][0]
        dom = names.get(cb, str(cb)) if isinstance(cb, int) else 'const'
        dirs = c.get('port_directions', {})
        for p, bits in conn.items():
            if dirs.get(p) != 'input' or p == clk_port:
                continue
            for b in bits:
                lv, st, _ = arrival(b, {})
                cur = domains.get(dom)
                if cur is None or lv > cur['levels']:
                    domains[dom] = {'levels': lv, 'from': st, 'to': name, 'bit': b}
    for d in domains.values():
        d['path'] = trace(d.pop('bit'))
    return domains


def part_key(part):
    m = re.match(r'(xc7a\d+t)', part)
    if not m or m.group(1) not in PARTS:
        die('unknown part %s (known: %s)' % (part, ', '.join(sorted(PARTS))))
    return m.group(1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--stat', required=True)
    ap.add_argument('--netlist', required=True)
    ap.add_argument('--top', required=True)
    ap.add_argument('--part', action='append', required=True)
    ap.add_argument('--seconds', default='')
    ap.add_argument('--commit', default='')
    ap.add_argument('-o', required=True)
    a = ap.parse_args()
    keys = [part_key(p) for p in a.part]
    try:
        with open(a.stat) as f:
            stat = json.load(f)
        with open(a.netlist) as f:
            netlist = json.load(f)
    except (OSError, ValueError) as e:
        die(str(e))

    blocks, seen = per_block(stat, a.top)
    total = zero()
    for b in blocks.values():
        for k in total:
            total[k] += b[k]
    domains = lut_levels(netlist, a.top)

    fits = {}
    ok = True
    for part, key in zip(a.part, keys):
        cap = PARTS[key]
        use = {k: round(100.0 * total[k] / cap[k], 1) for k in cap}
        fit = all(total[k] <= cap[k] for k in cap)
        ok &= fit
        fits[part] = {'capacity': cap, 'percent': use, 'fits': fit,
                      'lut_goal_met': total['lut'] <= LUT_GOAL * cap['lut']}
    out = {
        'tool': 'yosys synth_xilinx -family xc7 (no flatten)',
        'top': a.top,
        'commit': a.commit,
        'synth_seconds': int(a.seconds) if a.seconds.isdigit() else None,
        'notes': 'lut = lut_logic + lutram (LUT RAM and shift registers, in LUTs); INV is a '
                 'LUT1; bram36 in RAMB36 units (a RAMB18 is 0.5); levels count LUTs (LUT RAM '
                 'reads and unregistered DSP48s: 1; CARRY4 and MUXF7/8: 0) from a register, '
                 'RAM, I/O or clock primitive to a register; path: the cells of the longest',
        'total': total,
        'blocks': {b: blocks[b] for b in BLOCKS if b in seen},
        'parts': fits,
        'lut_levels': domains,
        'goals': {'lut_fraction_of_35t': LUT_GOAL, 'max_lut_levels': LEVEL_GOAL},
    }
    with open(a.o, 'w') as f:
        json.dump(out, f, indent=1, sort_keys=False)
        f.write('\n')

    print('synth-arty: %s, Yosys synth_xilinx, %s s' % (a.top, a.seconds or '?'))
    print('  %-13s %7s %7s %7s %7s %6s %5s' % ('block', 'LUT', 'logic', 'LUTRAM', 'FF', 'BRAM36',
                                              'DSP'))
    for b in BLOCKS:
        if b in seen:
            v = blocks[b]
            print('  %-13s %7d %7d %7d %7d %6g %5d' % (b, v['lut'], v['lut_logic'], v['lutram'],
                                                      v['ff'], v['bram36'], v['dsp']))
    print('  %-13s %7d %7d %7d %7d %6g %5d' % ('total', total['lut'], total['lut_logic'],
                                              total['lutram'], total['ff'], total['bram36'],
                                              total['dsp']))
    for dom, d in sorted(domains.items()):
        print('  LUT levels, clock %s: %d (%s -> %s)' % (dom, d['levels'], d['from'], d['to']))
    for part, f in fits.items():
        print('  %s: LUT %.1f%%, FF %.1f%%, LUTRAM %.1f%%, BRAM %.1f%%, DSP %.1f%%: %s; LUT goal '
              '(<= %d%%) %s' % (part, f['percent']['lut'], f['percent']['ff'],
                                f['percent']['lutram'], f['percent']['bram36'],
                                f['percent']['dsp'], 'fits' if f['fits'] else 'DOES NOT FIT',
                                100 * LUT_GOAL, 'met' if f['lut_goal_met'] else 'not met'))
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
