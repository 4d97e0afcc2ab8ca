#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# Summarise a Yosys `stat` report of synth_xilinx for pgaccel: totals first, then the raw report.
#   tests/accel/synth-summary.sh STAT_FILE
set -euo pipefail
f=$1
# The "design hierarchy" block (or the only block) holds the totals. A cell line is "NAME COUNT"
# (Yosys up to 0.4x) or "COUNT NAME" (later, as the venv's 0.70 prints it).
awk '
	/=== design hierarchy ===/ { tot = 1 }
	!tot || NF != 2 { next }
	$1 ~ /^[0-9]+$/ { name = $2; n = $1 }
	$2 ~ /^[0-9]+$/ { name = $1; n = $2 }
	name ~ /^LUT[1-6]$/ { lut += n }
	name ~ /^FD[A-Z]+$/ { ff += n }
	name ~ /^RAM(32|64|128|256)[A-Z0-9]*$/ { lutram[name] = n }
	name ~ /^RAMB(18|36)[A-Z0-9]*$/ { bram += n }
	name == "CARRY4" { carry = n }
	{ name = "" }
	END {
		lr = 0; ls = ""
		for (k in lutram) {
			n = lutram[k]
			# LUTs per primitive: RAM32M/RAM64M use 4 LUTs, RAM32X1D/RAM64X1D 2, others 1.
			w = (k ~ /M$/) ? 4 : (k ~ /X1D$/) ? 2 : 1
			lr += n * w; ls = ls sprintf(" %s=%d", k, n)
		}
		printf "pgaccel synth_xilinx (Yosys %s)\n", ENVIRON["YOSYS_VER"]
		printf "LUT (logic)      %d\n", lut
		printf "LUT (as memory)  %d  (%s )\n", lr, ls
		printf "LUT total        %d\n", lut + lr
		printf "FF               %d\n", ff
		printf "CARRY4           %d\n", carry
		printf "BRAM (RAMB18/36) %d\n", bram
	}' "$f"
echo
echo "--- yosys stat ---"
cat "$f"
