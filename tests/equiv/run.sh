#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# Simulation equals synthesis: the RTL that Verilator compiles differently from Yosys (under
# `ifdef VERILATOR: pgaccel_pkg::SIM_GATE, the crossbar's idle-slave skip; both there for
# simulation speed, docs/soc.md) is proven equivalent to the plain logic Yosys synthesizes.
# Each module is elaborated twice by Yosys, once with VERILATOR defined (what the simulator runs)
# and once without (what synthesis builds), flattened, with only its ports, its registers (the
# `_q` flops, by the RTL's naming rule) and its memories keeping their names; equiv_make pairs
# those, equiv_simple and equiv_induct (depth 1) prove every pair equal (the registers' next values and the
# outputs, by induction over the registers), and equiv_status -assert fails on any pair left.
# A planted difference (a simulation enable that drops a cycle in which its value is read) must
# make the same check fail, so that the check is seen to be able to fail. Finally, no other
# Verilator-only or synthesis-only RTL may exist unchecked.
#   tests/equiv/run.sh OUT_DIR
set -uo pipefail
out=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 1
mkdir -p "$out"
passed=0 failed=0
ok() { echo "ok $1"; passed=$((passed + 1)); }
bad() { echo "FAIL $1"; failed=$((failed + 1)); }
list() { sed -e 's,//.*,,' "$@"; }
# the register map, generated from rtl/regs/ (tests/equiv/equiv.mk passes its folder)
regs_sv=${REGS_SV_DIR:-build/regs/sv}
[ -f "$regs_sv/pagoda_regs.svh" ] || { echo "equiv: $regs_sv/pagoda_regs.svh missing (make regs)"; exit 1; }
# Yosys: what make passes (YOSYS, rtl/rtl.mk), else the venv's, with its compile cache.
yosys=${YOSYS:-$root/scripts/yosys.sh}
export YOWASP_CACHE_DIR=${YOWASP_CACHE_DIR:-$root/build/venv/yowasp-cache}

# The files of one module's build: the packages it imports, then its own list.
pgaccel_files=$(list rtl/accel/accel.f)
xbar_files="$(list rtl/pkg/pkg.f) rtl/soc/pagoda_soc_pkg.sv rtl/soc/pagoda_pbus_xbar.sv"

# equiv NAME TOP SIM_FILES -- SYNTH_FILES: 0 when every pair is proven.
equiv() {
	local name=$1 top=$2 sim="" synth="" side=sim
	shift 2
	for a in "$@"; do
		if [ "$a" = "--" ]; then side=synth
		elif [ $side = sim ]; then sim="$sim $a"
		else synth="$synth $a"; fi
	done
	# pgaccel as the SoC on DRAM builds it, with the wide write port (WIDE_WR = 0 only ties it off)
	local hier="hierarchy -top $top"
	[ "$top" = pgaccel ] && hier="$hier -chparam WIDE_WR 1"
	local prep="$hier; proc; flatten; opt_clean; memory -nomap; opt_clean;
		rename -hide w:* i:* o:* w:*_q %u %u %d; async2sync"
	"$yosys" -q -l "$out/$name.log" -p "
		read_verilog -sv -I$regs_sv -Irtl/pkg -DPAGODA_NO_ASSERT -DVERILATOR $sim; $prep; rename $top gold; design -stash gold;
		read_verilog -sv -I$regs_sv -Irtl/pkg -DPAGODA_NO_ASSERT $synth; $prep; rename $top gate; design -stash gate;
		design -copy-from gold -as gold gold; design -copy-from gate -as gate gate;
		equiv_make gold gate equiv; hierarchy -top equiv;
		equiv_simple -seq 2; equiv_induct -seq 1; equiv_status -assert" >/dev/null 2>&1
}

# plant NAME FILE FROM TO: a copy of FILE in $out/NAME/ with the one line FROM replaced by TO.
plant() {
	local dir=$out/$1 file=$2 from=$3 to=$4
	mkdir -p "$dir"
	if [ "$(grep -cF -- "$from" "$file")" != 1 ]; then
		echo "plant $1: '$from' is not one line of $file"
		return 1
	fi
	python3 -c 'import sys; s = open(sys.argv[1]).read(); open(sys.argv[2], "w").write(
		s.replace(sys.argv[3], sys.argv[4]))' "$file" "$dir/$(basename "$file")" "$from" "$to"
}

# planted NAME FILE FROM TO TOP FILES...: FILE with its line FROM made TO in the simulation build
# only; the proof of TOP over FILES must then fail.
planted() {
	local name=$1 file=$2 from=$3 to=$4 top=$5 sim
	shift 5
	if ! plant "plant-$name" "$file" "$from" "$to"; then
		bad "${name}_planted_difference_detected: could not plant"
		return
	fi
	sim=$(echo "$*" | sed "s,$file,$out/plant-$name/$(basename "$file"),")
	if equiv "plant-$name" "$top" $sim -- "$@"; then
		bad "${name}_planted_difference_detected: the check passed"
	else
		ok "${name}_planted_difference_detected"
	fi
}

for m in pgaccel:pgaccel xbar:pagoda_pbus_xbar; do
	name=${m%%:*} top=${m#*:}
	files=${name}_files
	if equiv "$name" "$top" ${!files} -- ${!files}; then
		ok "${name}_simulation_equals_synthesis"
	else
		bad "${name}_simulation_equals_synthesis: see $out/$name.log (equiv_status)"
		grep -m5 'Unproven' "$out/$name.log"
	fi
done

# Planted differences. pgaccel: the SCAN step evaluated only while the read buffer is empty, i.e.
# exactly when its result is not wanted. Crossbar: a slave that answers is no longer "busy", so its
# id FIFO does not pop in simulation.
planted pgaccel rtl/accel/pgaccel_engine.sv '.en_i   (scan && !rb_empty),' \
	'.en_i   (scan && rb_empty),' pgaccel $pgaccel_files
planted xbar rtl/soc/pagoda_pbus_xbar.sv '  assign s_busy = s_any | s_rvalid_i | lock_q;' \
	'  assign s_busy = s_any | lock_q;' pagoda_pbus_xbar $xbar_files

# Every place where the tools see different RTL is one of the two proven above.
others=$(grep -rlE '`(ifdef|ifndef|elsif) +(VERILATOR|SYNTHESIS|verilator|synthesis)\b|translate_(off|on)|synthesis +(translate|off)' rtl |
	grep -vxF -e rtl/accel/pgaccel_pkg.sv -e rtl/soc/pagoda_pbus_xbar.sv -e rtl/pkg/pagoda_assert.svh)
# pagoda_assert.svh is the one other: per tool it defines the assertion macros (checks that drive
# no design signal; docs/testing.md "Assertions"), and the proofs above leave them out.
if [ -z "$others" ]; then
	ok "no_unchecked_simulation_only_rtl"
else
	bad "no_unchecked_simulation_only_rtl: $(echo $others) (add an equivalence check here)"
fi

echo "suite-result: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
