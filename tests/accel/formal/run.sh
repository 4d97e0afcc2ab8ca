#!/usr/bin/env bash
# Formal checks of pgaccel with Yosys and ABC (no SymbiYosys). The harness
# tests/accel/formal/pgaccel_formal.sv is flattened to an AIGER model (assumptions become
# constraints, assertions bad-state outputs) and given to yosys-abc:
#   - bmc:   bmc3, bounded model check from reset for DEPTH cycles (default 14);
#   - cover: the same harness built with -DCOVER, whose asserts must be violated (non-vacuity);
#   - pdr:   only with PDR=seconds in the environment: an attempt at an unbounded proof (it has not
#            converged within ten minutes so far, so it is not part of the suite).
# (Debian's boolector 1.5 is too old for yosys-smtbmc, and z3 through yosys-smtbmc needs more than
# ten minutes for ten cycles of this 64-bit datapath; ABC on the bit-level model takes seconds.)
# A failing check writes a counterexample trace (VCD) next to its log.
# Prints "N passed, M failed".
#   tests/accel/formal/run.sh OUT_DIR [DEPTH]
set -uo pipefail
out=${1:-build/accel-formal}
depth=${2:-14}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
mkdir -p "$out"
files=""
for f in pgaccel_pkg.sv pgaccel_fifo.sv pgaccel_lowest.sv pgaccel_scan_mask.sv \
	pgaccel_scan_step.sv pgaccel_align.sv pgaccel_engine.sv pgaccel_regs.sv \
	pgaccel.sv; do
	files="$files $root/rtl/accel/$f"
done

if ! yosys -q -l "$out/yosys.log" -p "read_verilog -formal -sv $files $here/pgaccel_formal.sv; \
	prep -top pgaccel_formal; memory_map; opt -fast; async2sync; flatten; dffunmap; \
	opt -fast -nosdff -nodffe; techmap; opt -fast -nosdff -nodffe; dffunmap; setundef -zero; \
	abc -g AND -fast; opt_clean; write_rtlil $out/model.il; \
	write_aiger -zinit -map $out/model.aim $out/model.aig" >/dev/null 2>&1; then
	echo "formal: yosys failed, see $out/yosys.log"
	echo "0 passed, 1 failed"
	exit 1
fi

pass=0 fail=0
check() {
	local name=$1 cmd=$2
	local t0=$SECONDS
	rm -f "$out/$name.aiw"
	timeout 900 yosys-abc -c "read_aiger $out/model.aig; fold; strash; $cmd; \
		write_cex -a $out/$name.aiw" > "$out/$name.log" 2>&1
	if grep -qE "Property proved|No output asserted|was not asserted" "$out/$name.log" &&
		! grep -q "was asserted" "$out/$name.log"; then
		echo "PASS: $name ($((SECONDS - t0)) s): $(grep -E 'proved|asserted' "$out/$name.log" | tail -1)"
		pass=$((pass + 1))
	else
		echo "FAIL: $name ($((SECONDS - t0)) s), see $out/$name.log"
		grep -E "asserted|proved|Timeout|Error" "$out/$name.log" | head -3
		if [ -s "$out/$name.aiw" ]; then
			yosys -q -p "read_rtlil $out/model.il; sim -clock clk_i -r $out/$name.aiw \
				-map $out/model.aim -vcd $out/$name.vcd" >/dev/null 2>&1 &&
				echo "  trace: $out/$name.vcd"
		fi
		fail=$((fail + 1))
	fi
}
check bmc-depth$depth "bmc3 -F $depth"

# Non-vacuity: with -DCOVER the harness asserts that no DMA write is granted and that no SCAN
# completion with FOUND is read; both must be violated within the depth (the assumptions leave
# room for real work), or the properties above would hold for nothing.
t0=$SECONDS
if yosys -q -l "$out/yosys-cover.log" -p "read_verilog -formal -sv -DCOVER $files \
	$here/pgaccel_formal.sv; prep -top pgaccel_formal; chformal -remove -assert *pgaccel_engine*; \
	memory_map; opt -fast; async2sync; flatten; dffunmap; opt -fast -nosdff -nodffe; techmap; \
	opt -fast -nosdff -nodffe; dffunmap; setundef -zero; abc -g AND -fast; opt_clean; \
	write_aiger -zinit -map $out/cover.aim $out/cover.aig" >/dev/null 2>&1 &&
	timeout 600 yosys-abc -c "read_aiger $out/cover.aig; fold; strash; bmc3 -a -F $depth" \
		> "$out/cover.log" 2>&1 &&
	grep -q "Output 0 was asserted" "$out/cover.log" &&
	grep -q "Output 1 was asserted" "$out/cover.log"; then
	echo "PASS: cover ($((SECONDS - t0)) s): DMA write and SCAN FOUND completion reachable:" \
		$(grep -o "asserted in frame *[0-9]*" "$out/cover.log" | tr -s ' ' | tr '\n' ' ')
	pass=$((pass + 1))
else
	echo "FAIL: cover ($((SECONDS - t0)) s): a cover target is unreachable, see $out/cover.log"
	fail=$((fail + 1))
fi
[ -n "${PDR:-}" ] && check pdr "pdr -T $PDR"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
