#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
# Bad device trees for tests/soc/sim_inputs.sh: edits the memory node of a good DTB's source
# (dtc -O dts output) in one way.
#   sim_inputs.py VARIANT GOOD.dts OUT.dts
# VARIANT: no-memory (node removed), two-memory (a second node above the first), memory-small
# (half the RAM), memory-base (RAM at 0x90000000), memory-reg-cells (reg with three cells).
import re
import sys

NODE = re.compile(r'\n(\t*)memory@80000000 \{.*?\n\1\};', re.S)
REG = re.compile(r'reg = <0x00 0x80000000 0x00 0x8000000>;')

def main():
    variant, src, dst = sys.argv[1:4]
    dts = open(src).read()
    node = NODE.search(dts)
    if not node or len(REG.findall(node.group(0))) != 1:
        sys.exit(f'{src}: no memory@80000000 node with reg = <0x00 0x80000000 0x00 0x8000000>')
    text = node.group(0)
    edits = {
        'no-memory': '',
        'two-memory': text + text.replace('memory@80000000', 'memory@90000000')
                                 .replace('0x80000000', '0x90000000'),
        'memory-small': REG.sub('reg = <0x00 0x80000000 0x00 0x4000000>;', text),
        'memory-base': REG.sub('reg = <0x00 0x90000000 0x00 0x8000000>;', text),
        'memory-reg-cells': REG.sub('reg = <0x00 0x80000000 0x8000000>;', text),
    }
    if variant not in edits:
        sys.exit(f'unknown variant {variant}: one of {", ".join(edits)}')
    open(dst, 'w').write(dts[:node.start()] + edits[variant] + dts[node.end():])

if __name__ == '__main__':
    main()
