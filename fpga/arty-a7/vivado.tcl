# SPDX-License-Identifier: BSD-2-Clause
# Vivado non-project flow for pagoda_arty_top (make bitstream, docs/fpga.md): the same sources as
# make synth-arty (the file list fpga/arty.mk writes: the RTL in compile order, then the generated
# LiteDRAM controller), the board constraints, then synthesis, placement, routing, the reports and
# the bitstream, in the working directory.
#   vivado -mode batch -source vivado.tcl -tclargs PART FILELIST INCLUDE_DIRS DEFINES XDC BIT
# INCLUDE_DIRS: the register headers, rtl/pkg and the board's generated pagoda_arty_boot.svh (the
# boot ROM image's file and size, which the board top reads), as one list.
# Exits non-zero when the routed design misses timing (WNS or WHS below 0) or routing fails.

if {[llength $argv] != 6} {
  puts "usage: vivado -mode batch -source vivado.tcl -tclargs PART FILELIST INCLUDE_DIRS DEFINES\
        XDC BIT"
  exit 2
}
lassign $argv part filelist inc_dirs defines xdc bit
set top pagoda_arty_top

set fh [open $filelist r]
set files [split [string trim [read $fh]] "\n"]
close $fh
set defs {}
foreach d $defines { lappend defs -verilog_define $d }

# SystemVerilog for ours, plain Verilog for LiteDRAM's generated core (the list's last file)
read_verilog -sv [lrange $files 0 end-1]
read_verilog [lindex $files end]
read_xdc $xdc

synth_design -top $top -part $part -include_dirs $inc_dirs {*}$defs \
  -flatten_hierarchy rebuilt
report_utilization -hierarchical -file utilization_hier_synth.rpt
report_utilization -file utilization_synth.rpt
write_checkpoint -force synth.dcp

opt_design
place_design
phys_opt_design
route_design
write_checkpoint -force route.dcp

report_utilization -hierarchical -file utilization_hier.rpt
report_utilization -file utilization.rpt
report_timing_summary -max_paths 20 -file timing.rpt
report_clock_interaction -file clock_interaction.rpt
report_cdc -file cdc.rpt
report_clock_utilization -file clock_utilization.rpt
report_io -file io.rpt
report_drc -file drc.rpt
report_route_status -file route_status.rpt

set wns [get_property SLACK [get_timing_paths -max_paths 1 -nworst 1 -setup]]
set whs [get_property SLACK [get_timing_paths -max_paths 1 -nworst 1 -hold]]
puts "pagoda_arty: $part WNS $wns ns, WHS $whs ns (timing.rpt)"

write_bitstream -force $bit
if {$wns < 0 || $whs < 0} {
  puts "pagoda_arty: timing not met: the bitstream is written but may not work"
  exit 1
}
