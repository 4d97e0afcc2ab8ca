#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# Formal checks of pgaccel with Yosys and ABC (no SymbiYosys). The harness
# tests/accel/formal/pgaccel_formal.sv (the whole accelerator: register port, queues, engine) is
# flattened to an AIGER model (assumptions become constraints, assertions bad-state outputs) and
# given to yosys-abc:
#   - bmc:   bmc3, bounded model check from reset for DEPTH cycles (default 14), every assertion;
#   - step:  ind, the inductive step of k-induction with k = KIND (default 7): KIND consecutive
#            states that satisfy every assertion (and the assumptions) are followed by one that
#            does too. With the bmc check as its base case (DEPTH >= KIND) this proves the
#            assertions in every reachable state, unbounded, among them termination (a command
#            leaves the engine within a bounded number of cycles, pgaccel_engine.sv). The model is
#            built with -DNO_RANGE: the one property that is not inductive, "every write lies in the
#            symbolic range (fa, fl) of every FILL posted", would need an invariant over every queue
#            entry; it stays bounded, and is covered for all states by two proven ones: every write
#            lies in the range of the command at the head of the queue (pgaccel_engine.sv), and
#            the queue hands out every entry unchanged and in order (pgaccel_fifo.sv);
#   - scanref: bmc3 for SCANREF_DEPTH cycles (default 13) on a model built with
#            -DFORMAL_SCAN_REF, which adds the SCAN reference of pgaccel_engine.sv (a symbolic
#            bitmap of 128 bits and a symbolic bit index; SCANs restricted to that bitmap, so the
#            checks above must not share that model). 13 cycles reach a SCAN's completion (4 register
#            writes to post it, then its first read, step and DONE). Bounded: the inductive step
#            is not proven yet; SCANREF_KIND=k runs it (ABC's ind with k frames on the f_scanref_*
#            assertions alone, every other assertion, proven by the checks above, as a constraint)
#            but it is not counted: it did not finish within 300 CPU seconds at k = 2;
#   - cover: the harness built with -DCOVER, whose asserts must be violated (non-vacuity);
#   - pdr:   only with PDR=seconds in the environment: ABC's pdr on the whole model (it has not
#            converged within ten minutes; k-induction with the invariants above does).
# (Debian's boolector 1.5 is too old for yosys-smtbmc, and z3 through yosys-smtbmc needs more than
# ten minutes for ten cycles of this 64-bit datapath; ABC on the bit-level model takes seconds.)
# A failing bmc check writes a counterexample trace (VCD) next to its log.
# Prints "suite-result: N passed, M failed".
#   tests/accel/formal/run.sh OUT_DIR [DEPTH] [KIND]
set -uo pipefail
out=${1:-build/accel-formal}
depth=${2:-14}
kind=${3:-7}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
mkdir -p "$out"
# the register map, generated from rtl/regs/ (tests/accel/accel.mk passes its folder)
regs_sv=${REGS_SV_DIR:-$root/build/regs/sv}
[ -f "$regs_sv/pagoda_regs.svh" ] || { echo "formal: $regs_sv/pagoda_regs.svh missing (make regs)"; exit 1; }
files=""
for f in pgaccel_pkg.sv pgaccel_fifo.sv pgaccel_lowest.sv pgaccel_scan_mask.sv \
	pgaccel_scan_step.sv pgaccel_align.sv pgaccel_engine.sv pgaccel_regs.sv \
	pgaccel.sv; do
	files="$files $root/rtl/accel/$f"
done
# Flatten to AIGER: build TOP DEFINES NAME [chformal commands]
to_aig="memory_map; opt -fast; async2sync; flatten; dffunmap; opt -fast -nosdff -nodffe; \
	techmap; opt -fast -nosdff -nodffe; dffunmap; setundef -zero; abc -g AND -fast; opt_clean"
build() {
	local top=$1 defs=$2 name=$3 extra=${4:-}
	yosys -q -l "$out/yosys-$name.log" -p "read_verilog -formal -sv -I$regs_sv -I$root/rtl/pkg $defs $files \
		$here/$top.sv; prep -top $top; $extra $to_aig; write_rtlil $out/$name.il; \
		write_aiger -zinit -map $out/$name.aim $out/$name.aig" >/dev/null 2>&1
}

pass=0 fail=0
ok() { echo "PASS: $1 ($2 s): $3"; pass=$((pass + 1)); }
ko() { echo "FAIL: $1 ($2 s): $3"; fail=$((fail + 1)); }

# ABC's time limit is CPU time, not wall time: a check takes the same CPU seconds however loaded the
# machine is (a wall-clock timeout failed the bmc check when the suite ran beside a busy build).
# The wall-clock limit only catches a process that stops making progress.
CPU_LIMIT=${FORMAL_CPU_LIMIT:-1800}
abc_run() {
	(ulimit -St "$CPU_LIMIT"; exec timeout -k 10 14400 yosys-abc "$@")
	local rc=$?
	[ $rc -eq 152 ] || [ $rc -eq 137 ] && echo "Error: CPU time limit of $CPU_LIMIT s reached (FORMAL_CPU_LIMIT)"
	[ $rc -eq 124 ] && echo "Error: wall-clock limit of 4 h reached"
	return $rc
}

# A property check on MODEL: passes when ABC proves it or finds no counterexample.
check() {
	local name=$1 model=$2 cmd=$3
	local t0=$SECONDS
	rm -f "$out/$name.aiw"
	abc_run -c "read_aiger $out/$model.aig; fold; strash; $cmd; \
		write_cex -a $out/$name.aiw" > "$out/$name.log" 2>&1
	if grep -qE "Property proved|No output asserted|was not asserted|Networks are equivalent" \
		"$out/$name.log" && ! grep -q "was asserted" "$out/$name.log"; then
		ok "$name" $((SECONDS - t0)) "$(grep -E 'proved|asserted|equivalent' "$out/$name.log" | tail -1)"
	else
		ko "$name" $((SECONDS - t0)) "see $out/$name.log"
		grep -E "asserted|proved|UNDECIDED|Timeout|Error" "$out/$name.log" | head -3
		if [ -s "$out/$name.aiw" ] && grep -q "was asserted" "$out/$name.log"; then
			yosys -q -p "read_rtlil $out/$model.il; sim -clock clk_i -r $out/$name.aiw \
				-map $out/$model.aim -vcd $out/$name.vcd" >/dev/null 2>&1 &&
				echo "  trace: $out/$name.vcd"
		fi
	fi
}

# A cover check: every one of the N asserts of MODEL (built with -DCOVER) must be violated.
cover() {
	local name=$1 model=$2 n=$3
	local t0=$SECONDS
	abc_run -c "read_aiger $out/$model.aig; fold; strash; bmc3 -a -F $depth" \
		> "$out/$name.log" 2>&1
	local hit
	hit=$(grep -c "was asserted" "$out/$name.log")
	if [ "$hit" -eq "$n" ]; then
		ok "$name" $((SECONDS - t0)) "$(grep -o "asserted in frame *[0-9]*" "$out/$name.log" |
			tr -s ' ' | tr '\n' ' ')"
	else
		ko "$name" $((SECONDS - t0)) "$hit of $n cover targets reached, see $out/$name.log"
	fi
}

# The bmc check and the inductive step run side by side (each takes about two minutes).
{
	if build pgaccel_formal "" model; then
		check bmc-depth$depth model "bmc3 -F $depth"
		[ -n "${PDR:-}" ] && check pdr model "pdr -T $PDR"
	else
		ko model 0 "yosys failed, see $out/yosys-model.log"
	fi
} > "$out/bmc.out" &
{
	if [ "$depth" -lt "$kind" ]; then
		ko step 0 "DEPTH $depth is below KIND $kind: the bmc check is no base case"
	elif build pgaccel_formal -DNO_RANGE step; then
		check step$kind step "orpos; ind -F $kind"
	else
		ko step 0 "yosys failed, see $out/yosys-step.log"
	fi
} > "$out/step.out" &
wait
# The SCAN reference (pgaccel_engine.sv, FORMAL_SCAN_REF): its own model, since it restricts SCANs
# to bitmaps of at most 128 bits, which the checks above must not assume. Bounded (see the
# header), to SCANREF_DEPTH cycles from reset. It runs beside the cover check.
scanref_depth=${SCANREF_DEPTH:-13}
{
	if build pgaccel_formal -DFORMAL_SCAN_REF scanref-model; then
		check scanref-bmc-depth$scanref_depth scanref-model "bmc3 -F $scanref_depth"
	else
		ko scanref-model 0 "yosys failed, see $out/yosys-scanref-model.log"
	fi
} > "$out/scanref.out" &
# Experimental, not counted: the inductive step for the SCAN function alone. Turning the other
# assertions into constraints is sound: they hold in every reachable state of the model without
# the reference (bmc + step above), and this model only adds assumptions.
if [ -n "${SCANREF_KIND:-}" ]; then
	if build pgaccel_formal "-DNO_RANGE -DFORMAL_SCAN_REF" scanref-step \
		"chformal -assert2assume t:\$assert c:f_scanref_* %d;"; then
		(check scanref-step$SCANREF_KIND scanref-step "orpos; ind -F $SCANREF_KIND") \
			> "$out/scanref-step.out"
	fi
	cat "$out/scanref-step.out" 2>/dev/null | sed 's/^/(not counted) /'
fi
cat "$out/bmc.out" "$out/step.out"
pass=$((pass + $(cat "$out/bmc.out" "$out/step.out" | grep -c "^PASS")))
fail=$((fail + $(cat "$out/bmc.out" "$out/step.out" | grep -c "^FAIL")))
# Non-vacuity: with -DCOVER the harness asserts that the things it lists never happen; each must
# be violated within the depth (the assumptions leave room for real work), or the properties above
# would hold for nothing. The modules' own assertions are removed.
if build pgaccel_formal -DCOVER cover "chformal -remove -assert pgaccel_formal %n;"; then
	cover cover cover 4
else
	ko cover 0 "yosys failed, see $out/yosys-cover.log"
fi
wait
cat "$out/scanref.out"
pass=$((pass + $(grep -c "^PASS" "$out/scanref.out")))
fail=$((fail + $(grep -c "^FAIL" "$out/scanref.out")))
# The DMA window (FORMAL_WINDOW in pgaccel.sv and pgaccel_engine.sv): no DMA request, ever, outside
# the window [WIN_BASE, WIN_END), locked or not; the window does not change while a command is
# queued or running, nor ever after LOCK. Its own model (the step model's properties plus these),
# so that the checks above stay as they are: base case and inductive step, unbounded.
if build pgaccel_formal "-DNO_RANGE -DFORMAL_WINDOW" window; then
	check window-bmc$kind window "bmc3 -F $kind"
	check window-step$kind window "orpos; ind -F $kind"
else
	ko window 0 "yosys failed, see $out/yosys-window.log"
fi
echo "suite-result: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
