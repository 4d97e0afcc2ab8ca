#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# make bitstream without Vivado (part of suite fpga-lint): a stand-in `vivado` on PATH runs
# fpga/arty-a7/vivado.tcl under tclsh with Vivado's commands recorded instead of run, so that the
# script's Tcl, its arguments from fpga/arty.mk and the files it reads are checked here. What
# Vivado itself does with them needs Vivado (docs/fpga.md).
#   tests/fpga/vivado_dryrun.sh "MAKE" WORKDIR      prints "vivado-dryrun: N passed, M failed"
set -uo pipefail
make=$1 work=$2
pass=0 fail=0
check() {
	if eval "$1"; then pass=$((pass + 1)); else echo "FAIL: $2"; fail=$((fail + 1)); fi
}
rm -rf "$work" && mkdir -p "$work/bin"
log=$work/calls.log
cat > "$work/bin/vivado" <<EOS
#!/usr/bin/env bash
# the stand-in: vivado -mode batch ... -source SCRIPT -tclargs ARGS...
while [ \$# -gt 0 ] && [ "\$1" != -source ]; do shift; done
script=\$2; shift 2; [ "\${1:-}" = -tclargs ] && shift
exec tclsh /dev/stdin "\$script" "\$@" <<'TCL'
set log [open "$log" w]
proc unknown {args} { puts \$::log \$args; return "" }
proc get_property {args} { puts \$::log [concat get_property \$args]; return 0.125 }
proc write_bitstream {args} { puts \$::log [concat write_bitstream \$args]; close [open [lindex \$args end] w] }
set script [lindex \$argv 0]
set argv [lrange \$argv 1 end]
set argc [llength \$argv]
source \$script
close \$log
TCL
EOS
chmod +x "$work/bin/vivado"
# its own FPGA_BUILD: the empty stand-in bitstream must never be the one make program loads
PATH=$work/bin:$PATH $make bitstream ARTY_PART=xc7a100tcsg324-1 FPGA_BUILD=$work/fpga \
	> "$work/make.log" 2>&1
rc=$?
cat "$work/make.log"
check '[ $rc -eq 0 ]' "make bitstream with the stand-in exits 0 (status $rc)"
check 'grep -q "^synth_design -top pagoda_arty_top -part xc7a100tcsg324-1 " "$log"' \
	"synth_design: the top and the part"
for d in PAGODA_LITEDRAM PAGODA_DRAM_PORTS PAGODA_PGACCEL; do
	check 'grep -q "^synth_design .*-verilog_define $d" "$log"' "synth_design defines $d"
done
check 'grep -q "^read_verilog -sv .*pagoda_arty_top.sv" "$log"' "the board top is read as SystemVerilog"
check 'grep -q "^read_verilog .*litedram/a7/gateware/litedram_core.v$" "$log"' \
	"the generated controller with the A7 PHY is read"
check 'grep -q "^read_xdc .*fpga/arty-a7/arty.xdc$" "$log"' "the board constraints are read"
check 'grep -q "^synth_design .*-include_dirs {[^}]*$work/fpga/include}" "$log"' \
	"synth_design: the board's generated include directory"
check 'grep -q "PAGODA_ARTY_BOOT_ROM_WORDS [1-9]" "$work/fpga/include/pagoda_arty_boot.svh"' \
	"the boot ROM image is built first, its size in pagoda_arty_boot.svh"
missing=0
for f in $(sed -n 's/^read_verilog \(-sv \)\{0,1\}//p' "$log" | tr -d "{}"); do
	[ -f "$f" ] || { echo "missing: $f"; missing=$((missing + 1)); }
done
check '[ $missing -eq 0 ]' "every file the script reads exists"
for step in opt_design place_design route_design report_timing_summary report_utilization \
	report_cdc; do
	check 'grep -q "^$step" "$log"' "the flow runs $step"
done
check '[ -f "$work/fpga/xc7a100tcsg324-1/pagoda_arty.bit" ]' "the bitstream lands in FPGA_BUILD/PART"
echo "vivado-dryrun: $pass passed, $fail failed"
[ $fail -eq 0 ]
