# SPDX-License-Identifier: BSD-2-Clause
# The Digilent Arty A7 target (fpga/arty-a7, docs/fpga.md): the whole board design, the SoC with
# 256 MiB of DDR3 through LiteDRAM's Artix-7 PHY, synthesized here with Yosys and placed and
# routed by Vivado on the user's machine.
#   make synth-arty       Yosys synth_xilinx -family xc7 of pagoda_arty_top (core, pgaccel, the
#                         generated LiteDRAM: no black box) -> $(FPGA_BUILD)/utilization.json;
#                         fails unless the design fits every part of ARTY_PARTS
#   make check-fpga       synth-arty and its checks (the full synthesis, not in make test)
#   make lint-arty        Verilator -Wall over the board top (SoC, crossing, UART line) and a Yosys
#                         elaboration of the whole design with LiteDRAM and the Xilinx cells
#   make bitstream        Vivado, non-project Tcl (fpga/arty-a7/vivado.tcl), ARTY_PART=...
#   make program          openFPGALoader -b arty_a7_35t|arty_a7_100t the bitstream
# The board always has the DRAM, so every target here runs in the MEM=litedram build tree (the
# register map of 256 MiB, the generated controller) whatever MEM the caller gave; results go to
# $(FPGA_BUILD), build/fpga.

ARTY_PARTS ?= xc7a35ticsg324-1L xc7a100tcsg324-1
ARTY_PART  ?= xc7a35ticsg324-1L
FPGA_BUILD ?= $(TOP)/build/fpga
ARTY_DIR   := fpga/arty-a7
ARTY_TOP   := pagoda_arty_top
ARTY_SV    := $(ARTY_DIR)/pagoda_arty_clk.sv $(ARTY_DIR)/pagoda_arty_top.sv
ARTY_XDC   := $(ARTY_DIR)/arty.xdc
ARTY_DEFS  := PAGODA_LITEDRAM PAGODA_DRAM_PORTS PAGODA_PGACCEL
# the RTL in compile order: the lists of rtl/rtl.mk, the board's own files last
ARTY_RTL   := $(PKG_FILES) $(SOC_FILES) $(CORE_FILES) $(ACCEL_FILES) $(MEM_FILES) $(ARTY_SV)
ARTY_GOALS := synth-arty check-fpga lint-arty bitstream program arty-filelist
LINT_TARGETS += lint-arty

.PHONY: $(ARTY_GOALS)

ifneq ($(MEM),litedram)
# the same goal in the DRAM tree
$(ARTY_GOALS):
	@mkdir -p $(dir $(MEM_LITEDRAM_LOCK))
	@flock $(MEM_LITEDRAM_LOCK) $(MAKE) --no-print-directory MEM=litedram $@
else

# One file list for Yosys and Vivado: the RTL, then the generated controller.
ARTY_FILELIST := $(FPGA_BUILD)/arty-files.txt
arty-filelist: $(ARTY_FILELIST)
$(ARTY_FILELIST): $(RTL_LISTS) $(LITEDRAM_A7_V) fpga/arty.mk
	@mkdir -p $(@D)
	@printf '%s\n' $(abspath $(ARTY_RTL) $(LITEDRAM_A7_V)) > $@

# Yosys: synth_xilinx keeps the hierarchy (no -flatten), so `stat -json` gives every module's own
# cells and the script sums them per block; the flattened netlist gives the LUT levels.
ARTY_YS := read_verilog -lib +/xilinx/cells_sim.v +/xilinx/cells_xtra.v; \
	read_verilog -sv $(REGS_VINC) $(RTL_YINC) $(addprefix -D,$(ARTY_DEFS)) $(ARTY_RTL); \
	read_verilog $(LITEDRAM_A7_V); hierarchy -check -top $(ARTY_TOP)

synth-arty: $(FPGA_BUILD)/utilization.json
check-fpga: synth-arty lint-arty

$(FPGA_BUILD)/utilization.json: $(REGS_SVH) $(YOSYS_DEPS) $(ARTY_RTL) $(RTL_LISTS) $(LITEDRAM_A7_V) \
		$(RTL_ASSERT_HDR) scripts/fpga/utilization.py fpga/arty.mk
	@mkdir -p $(FPGA_BUILD)
	@echo "  YOSYS  synth_xilinx -family xc7 $(ARTY_TOP) -> $(FPGA_BUILD) (minutes)"
	@start=$$(date +%s); \
	$(YOSYS) -q -l $(FPGA_BUILD)/synth.log -p "$(ARTY_YS); \
		synth_xilinx -family xc7 -top $(ARTY_TOP); \
		tee -q -o $(FPGA_BUILD)/stat.json stat -json; tee -q -o $(FPGA_BUILD)/stat.txt stat; \
		flatten; opt_clean -purge; write_json $(FPGA_BUILD)/netlist.json" > /dev/null 2>&1 || \
		{ grep -i -B2 -A4 error $(FPGA_BUILD)/synth.log | head -30; exit 1; }; \
	echo $$(( $$(date +%s) - start )) > $(FPGA_BUILD)/synth-seconds
	@$(PYTHON) scripts/fpga/utilization.py --stat $(FPGA_BUILD)/stat.json \
		--netlist $(FPGA_BUILD)/netlist.json --top $(ARTY_TOP) \
		--seconds "$$(cat $(FPGA_BUILD)/synth-seconds)" \
		--commit "$$(git rev-parse --short HEAD 2>/dev/null || echo unknown)" \
		$(addprefix --part ,$(ARTY_PARTS)) -o $@.tmp && mv $@.tmp $@ || { rm -f $@.tmp; exit 1; }

# Lint: the board's own RTL under Verilator -Wall (the LiteDRAM controller and the Xilinx cells
# as empty stubs of their ports: tests/fpga/arty_stubs.sv), then Yosys elaborates the real thing
# (every module found: no black box but the Xilinx cells' library).
lint-arty: $(REGS_SVH) $(YOSYS_DEPS) $(LITEDRAM_A7_V)
	verilator --lint-only -Wall $(REGS_VINC) $(RTL_VINC) $(addprefix +define+,$(ARTY_DEFS)) \
		--top-module $(ARTY_TOP) rtl/soc/lint.vlt tests/fpga/lint.vlt $(ARTY_RTL) tests/fpga/arty_stubs.sv
	@mkdir -p $(FPGA_BUILD)
	@$(YOSYS) -q -l $(FPGA_BUILD)/elab.log -p "$(ARTY_YS)" > /dev/null 2>&1 || \
		{ grep -i -B2 -A4 error $(FPGA_BUILD)/elab.log | head -30; exit 1; }
	@echo "lint-arty: $(ARTY_TOP) lints and elaborates with the generated LiteDRAM"

# Vivado (not packaged here): the non-project flow of fpga/arty-a7/vivado.tcl.
ARTY_BIT := $(FPGA_BUILD)/$(ARTY_PART)/pagoda_arty.bit
bitstream: $(ARTY_FILELIST) $(REGS_SVH) $(ARTY_XDC)
	@command -v vivado > /dev/null || { echo "bitstream: skipped: vivado is not on PATH (Xilinx \
	Vivado ML Standard, free for the Artix-7; source its settings64.sh first). The Yosys check of \
	the same design is make synth-arty."; exit 0; }; \
	mkdir -p $(FPGA_BUILD)/$(ARTY_PART) && cd $(FPGA_BUILD)/$(ARTY_PART) && \
	vivado -mode batch -nojournal -log vivado.log -source $(TOP)/$(ARTY_DIR)/vivado.tcl -tclargs \
		$(ARTY_PART) $(ARTY_FILELIST) $(REGS_DIR)/sv $(TOP)/rtl/pkg "$(ARTY_DEFS)" \
		$(TOP)/$(ARTY_XDC) $(ARTY_BIT)

ARTY_BOARD = $(if $(findstring xc7a100t,$(ARTY_PART)),arty_a7_100t,arty_a7_35t)
program:
	@command -v openFPGALoader > /dev/null || { echo "program: openFPGALoader is not on PATH \
	(Debian: apt-get install openfpgaloader)"; exit 1; }
	@test -f $(ARTY_BIT) || { echo "program: $(ARTY_BIT) missing: make bitstream \
	ARTY_PART=$(ARTY_PART) first (on a machine with Vivado)"; exit 1; }
	openFPGALoader -b $(ARTY_BOARD) $(ARTY_BIT)

endif
