#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""scripts/fpga/check_loops.py behind Yosys's `check`, the way make lint-arty runs them
(`proc; flatten; opt_clean; tee -o CHECK check`), on small designs whose answer is known: a loop
of gates across two modules, a register that clears itself through its asynchronous reset, and
the same designs with the loop cut by a register (no loop); a loop-free design with duplicate
identical drivers (what LiteDRAM's generator writes: not a loop); bad input. YOSYS is the
Yosys to run (make exports it: scripts/yosys.sh). Prints "check-loops-tests: N passed, M failed".
"""
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPT = os.path.join(HERE, '..', '..', 'scripts', 'fpga', 'check_loops.py')
YOSYS = os.environ.get('YOSYS', os.path.join(HERE, '..', '..', 'scripts', 'yosys.sh'))
passed = failed = 0

DESIGNS = {
    # a grant that looks at a request that looks at the grant, across a module boundary
    'gate_loop': ('''
module arb(input logic other_req, output logic gnt);
  assign gnt = !other_req;
endmodule
module top(input logic clk, input logic a, output logic y);
  logic gnt, req;
  arb u_arb(.other_req(req), .gnt(gnt));
  assign req = a && !gnt;
  always_ff @(posedge clk) y <= req;
endmodule
''', ['other_req', 'gnt']),
    'gate_cut': ('''
module arb(input logic clk, input logic other_req, output logic gnt);
  logic wait_q;
  always_ff @(posedge clk) wait_q <= other_req;
  assign gnt = !wait_q;
endmodule
module top(input logic clk, input logic a, output logic y);
  logic gnt, req;
  arb u_arb(.clk(clk), .other_req(req), .gnt(gnt));
  assign req = a && !gnt;
  always_ff @(posedge clk) y <= req;
endmodule
''', None),
    # a reboot register whose request resets its own domain asynchronously
    'reset_loop': ('''
module top(input logic clk, input logic rst_ni, input logic go, output logic y);
  logic req_q, rst_n;
  assign rst_n = rst_ni && !req_q;
  always_ff @(posedge clk or negedge rst_n)
    if (!rst_n) req_q <= 1'b0; else req_q <= go;
  assign y = req_q;
endmodule
''', ['req_q']),
    'reset_cut': ('''
module top(input logic clk, input logic rst_ni, input logic go, output logic y);
  logic req_q, rst_q;
  always_ff @(posedge clk or negedge rst_ni)
    if (!rst_ni) rst_q <= 1'b0; else rst_q <= !req_q;
  always_ff @(posedge clk or negedge rst_q)
    if (!rst_q) req_q <= 1'b0; else req_q <= go;
  assign y = req_q;
endmodule
''', None),
    # the same value driven twice (litedram_core.v's dfi wrdata_mask): reported by check, no loop
    'dup_driver': ('''
module top(input logic [3:0] a, output logic [3:0] y);
  assign y = ~a;
  assign y = ~a;
endmodule
''', None),
}


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print('FAIL: ' + what)


def run(path):
    p = subprocess.run([sys.executable, SCRIPT, path], capture_output=True, text=True)
    return p.returncode, p.stdout + p.stderr


# Yosys runs in a sandbox that sees the checkout (scripts/yosys.sh), not /tmp: work in build/
work_root = os.path.join(HERE, '..', '..', 'build')
os.makedirs(work_root, exist_ok=True)
with tempfile.TemporaryDirectory(dir=work_root, prefix='check-loops-') as work:
    for name, (src, wires) in DESIGNS.items():
        sv = os.path.join(work, name + '.sv')
        out = os.path.join(work, name + '.txt')
        with open(sv, 'w') as f:
            f.write(src)
        y = subprocess.run([YOSYS, '-q', '-p', 'read_verilog -sv %s; hierarchy -top top; proc; '
                            'flatten; opt_clean; tee -q -o %s check' % (sv, out)],
                           capture_output=True, text=True)
        if y.returncode != 0 or not os.path.exists(out):
            check(False, '%s: yosys failed (%d): %s' % (name, y.returncode, y.stderr[-400:]))
            continue
        rc, log = run(out)
        if wires is None:
            check(rc == 0 and 'no combinational loop' in log, '%s: no loop, status 0 (%d: %s)' %
                  (name, rc, log))
        else:
            check(rc == 1 and all(w in log for w in wires),
                  '%s: a loop through %s, status 1 (%d: %s)' % (name, ', '.join(wires), rc, log))

    # bad input: no file, a file without check's output, an empty file
    rc, log = run(os.path.join(work, 'missing.txt'))
    check(rc == 2 and 'check_loops:' in log, 'a missing file: status 2 (%d: %s)' % (rc, log))
    for name, text in (('empty', ''), ('other', 'Warning: something else\n')):
        path = os.path.join(work, name + '.txt')
        with open(path, 'w') as f:
            f.write(text)
        rc, log = run(path)
        check(rc == 2 and 'no output of Yosys check' in log,
              '%s file: status 2 (%d: %s)' % (name, rc, log))

print('check-loops-tests: %d passed, %d failed' % (passed, failed))
sys.exit(1 if failed else 0)
