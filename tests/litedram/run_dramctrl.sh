#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# Suite soc-bare-litedram (tests/litedram/litedram.mk): tests/soc/bare/dramctrl.S on the SoC built
# with MEM=litedram, where the core reaches LiteDRAM's CSRs through the DRAMCTRL window: it must
# pass (on the default SoC soc-bare expects the window's access fault instead).
#   tests/litedram/run_dramctrl.sh SIM ELF
set -u
sim=$1 elf=$2
out=$("$sim" +bare="$elf" +max-cycles=2000000 2>&1)
rc=$?
echo "$out" | tail -3
if [ "$rc" -eq 0 ]; then
	echo "ok   LiteDRAM's CSRs from the core: init_done 1, init_error 0, DFII storage reads back"
	echo "suite-result: 1 passed, 0 failed"
else
	echo "FAIL LiteDRAM's CSRs from the core: exit $rc (10-13: a CSR read back wrong; 5: access fault)"
	echo "suite-result: 0 passed, 1 failed"
fi
