#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""scripts/fpga/utilization.py on small hand-made Yosys outputs whose answers are counted here by
hand: the per-block sums through the hierarchy (parameterised modules, LUT RAM in LUTs, RAMB18 as
half a RAMB36), the LUT levels per clock domain (CARRY4 free, a LUT RAM read one level, paths cut
at registers), the fit check's exit status, and bad input. Prints
"utilization-tests: N passed, M failed"."""
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPT = os.path.join(HERE, '..', '..', 'scripts', 'fpga', 'utilization.py')
passed = failed = 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print('FAIL: ' + what)


def stat(top_luts):
    # the shapes of Yosys 0.70's `stat -json`: "\\name" keys, "$paramod\\name\\P=..." types
    pmp = "$paramod\\pagoda_pmp\\N=32'0100"
    return {'modules': {
        '\\pagoda_arty_top': {'num_cells_by_type': {
            'LUT2': 1, 'FDRE': 2, 'IBUF': 3, 'pagoda_soc': 1, 'litedram_core': 1}},
        '\\pagoda_soc': {'num_cells_by_type': {
            'LUT6': top_luts, 'pagoda_core': 1, 'pagoda_plic': 1}},
        '\\pagoda_core': {'num_cells_by_type': {
            'LUT4': 10, 'INV': 1, 'RAM32M': 2, pmp: 2, 'DSP48E1': 1, 'CARRY4': 3}},
        pmp: {'num_cells_by_type': {'LUT6': 5, 'FDRE': 4}},
        '\\pagoda_plic': {'num_cells_by_type': {'LUT3': 7, 'FDCE': 1}},
        '\\litedram_core': {'num_cells_by_type': {
            'RAMB36E1': 1, 'RAMB18E1': 1, 'LUT5': 4, 'SRLC32E': 2, 'MUXF7': 1}},
    }}


def cell(typ, **conn):
    dirs = {}
    for p in conn:
        dirs[p] = 'output' if p in ('O', 'Q', 'CO', 'DOA', 'DOB', 'DOC', 'DOD') else 'input'
    return {'type': typ, 'port_directions': dirs, 'connections': conn}


def netlist():
    # clk_soc: a -> L1 -> L2 -> CARRY4 -> L3 -> RAM32M read (addr) -> L4 -> b: 5 levels;
    #          the RAM's write data path (DIA from L5 <- a) ends at the RAM: 1 level
    # clk_dram: c -> L6 -> d: 1 level; d -> e (no LUT): 0
    cells = {
        'a': cell('FDRE', C=[2], D=[30], Q=[10]),
        'l1': cell('LUT2', I0=[10], I1=[10], O=[11]),
        'l2': cell('LUT1', I0=[11], O=[12]),
        'cy': cell('CARRY4', CI=[12], DI=[12, 12, 12, 12], S=[12, 12, 12, 12], CO=[13, 40, 41, 42],
                   O=[43, 44, 45, 46]),
        'l3': cell('LUT1', I0=[13], O=[14]),
        'ram': cell('RAM32M', WCLK=[2], ADDRA=[14, 14, 14, 14, 14], DIA=[16, 16], WE=[10],
                    DOA=[15, 47]),
        'l4': cell('LUT3', I0=[15], I1=[10], I2=[10], O=[17]),
        'l5': cell('LUT1', I0=[10], O=[16]),
        'b': cell('FDRE', C=[2], D=[17], Q=[30]),
        'c': cell('FDCE', C=[3], D=[21], Q=[20]),
        'l6': cell('LUT1', I0=[20], O=[21]),
        'd': cell('FDCE', C=[3], D=[21], Q=[22]),
        'e': cell('FDCE', C=[3], D=[22], Q=[23]),
    }
    return {'modules': {'pagoda_arty_top': {
        'cells': cells,
        'netnames': {'clk_soc': {'bits': [2]}, 'clk_dram': {'bits': [3]},
                     '$auto$x': {'bits': [2]}}}}}


def run(stat_obj, net_obj, parts):
    with tempfile.TemporaryDirectory() as d:
        sp, np_, out = (os.path.join(d, f) for f in ('s.json', 'n.json', 'o.json'))
        with open(sp, 'w') as f:
            f.write(stat_obj if isinstance(stat_obj, str) else json.dumps(stat_obj))
        with open(np_, 'w') as f:
            json.dump(net_obj, f)
        args = [sys.executable, SCRIPT, '--stat', sp, '--netlist', np_, '--top', 'pagoda_arty_top',
                '--seconds', '12', '-o', out]
        for p in parts:
            args += ['--part', p]
        r = subprocess.run(args, capture_output=True, text=True)
        res = None
        if os.path.exists(out):
            with open(out) as f:
                res = json.load(f)
        return r.returncode, res, r.stdout + r.stderr


rc, res, log = run(stat(3), netlist(), ['xc7a35ticsg324-1L', 'xc7a100tcsg324-1'])
check(rc == 0 and res is not None, 'a small design fits both parts: status 0, JSON written')
if res:
    b, tot = res['blocks'], res['total']
    check(b['board']['lut'] == 1 and b['board']['ff'] == 2, 'board: the top\'s own cells')
    check(b['soc_other']['lut'] == 3, 'soc_other: pagoda_soc\'s own LUTs')
    # core: 10 LUT4 + 1 INV + 2 RAM32M (4 LUTs each); its two PMP instances go to pmp
    check(b['core'] == {'lut': 19, 'lut_logic': 11, 'lutram': 8, 'ff': 0, 'bram36': 0, 'dsp': 1,
                        'carry4': 3, 'muxf': 0}, 'core: LUTs, LUT RAM in LUTs, DSP: %s' % b['core'])
    check(b['pmp']['lut'] == 10 and b['pmp']['ff'] == 8, 'pmp: a parameterised module, twice')
    check(b['plic']['lut'] == 7 and b['plic']['ff'] == 1, 'plic')
    check(b['litedram']['bram36'] == 1.5 and b['litedram']['lut'] == 6 and
          b['litedram']['lutram'] == 2 and b['litedram']['muxf'] == 1,
          'litedram: RAMB18 = half, SRL = LUT RAM: %s' % b['litedram'])
    check(tot['lut'] == 1 + 3 + 19 + 10 + 7 + 6 and tot['ff'] == 2 + 8 + 1, 'totals: %s' % tot)
    lv = res['lut_levels']
    check(lv.get('clk_soc', {}).get('levels') == 5, 'clk_soc: 5 LUT levels: %s' % lv.get('clk_soc'))
    check(lv.get('clk_dram', {}).get('levels') == 1, 'clk_dram: 1 LUT level: %s' % lv.get('clk_dram'))
    check(res['parts']['xc7a35ticsg324-1L']['fits'] and res['parts']['xc7a35ticsg324-1L']['lut_goal_met'],
          '35T: fits, LUT goal met')
    check(res['synth_seconds'] == 12, 'run time recorded')

# 25,000 LUTs: over the -35T's 20,800, within the -100T's 63,400
rc, res, log = run(stat(25000), netlist(), ['xc7a35ticsg324-1L', 'xc7a100tcsg324-1'])
check(rc == 1, 'a design over the -35T fails (status %d)' % rc)
check(res is not None and not res['parts']['xc7a35ticsg324-1L']['fits'] and
      res['parts']['xc7a100tcsg324-1']['fits'], 'the JSON says which part it does not fit')
check('DOES NOT FIT' in log, 'the summary says it does not fit')
rc, res, log = run(stat(25000), netlist(), ['xc7a100tcsg324-1'])
check(rc == 0, 'the same design on the -100T alone passes')

# bad input: a clear error (status 2), no JSON
rc, res, log = run('{"modules": ', netlist(), ['xc7a35ticsg324-1L'])
check(rc == 2 and res is None and 'utilization:' in log, 'truncated stat json: status 2, no output')
rc, res, log = run(stat(3), netlist(), ['xc7k325t'])
check(rc == 2 and res is None and 'unknown part' in log, 'unknown part: status 2')
loop = netlist()
loop['modules']['pagoda_arty_top']['cells']['l1']['connections']['I1'] = [12]
rc, res, log = run(stat(3), loop, ['xc7a35ticsg324-1L'])
check(rc == 2 and 'combinational loop' in log, 'a combinational loop is reported, status 2')

print('utilization-tests: %d passed, %d failed' % (passed, failed))
sys.exit(1 if failed else 0)
