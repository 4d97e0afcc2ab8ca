# SPDX-License-Identifier: BSD-2-Clause
# The board target's tests that fit make test (docs/fpga.md; the full synthesis is make check-fpga):
#   fpga-blocks   the SoC-to-controller crossing (pagoda_dram_cdc) between two unrelated clocks and
#                 the UART line (pagoda_uart_phy) under Verilator (tests/fpga/tb_arty_blocks.cpp)
#   fpga-lint     the board top: Verilator -Wall and a Yosys elaboration with the generated
#                 LiteDRAM, with no combinational loop (make lint-arty), scripts/fpga/utilization.py
#                 and check_loops.py on small designs whose answers are known
#                 (tests/fpga/test_utilization.py, test_check_loops.py), the constraints
#                 against the top's ports (check_xdc.py), make bitstream with a stand-in vivado
#                 that records what fpga/arty-a7/vivado.tcl asks for (vivado_dryrun.sh)

FPGA_TB_BUILD := $(BUILD)/fpga-tb
FPGA_TB_BIN   := $(FPGA_TB_BUILD)/Vtb_arty_blocks
FPGA_TB_RTL   := rtl/soc/pagoda_sync.sv rtl/soc/pagoda_uart_phy.sv rtl/mem/pagoda_cdc_fifo.sv \
                 rtl/accel/pgaccel_fifo.sv rtl/mem/pagoda_dram_cdc.sv tests/fpga/tb_arty_blocks.sv

$(FPGA_TB_BIN): $(FPGA_TB_RTL) tests/fpga/tb_arty_blocks.cpp
	@mkdir -p $(FPGA_TB_BUILD)
	@echo "  VERILATE $@"
	@verilator --cc --exe --build -j 2 -Wall -Wno-fatal $(RTL_VASSERT) --top-module tb_arty_blocks \
		-Mdir $(FPGA_TB_BUILD)/obj -CFLAGS "-O1 -std=c++17" -o $(abspath $@) \
		$(FPGA_TB_RTL) $(abspath tests/fpga/tb_arty_blocks.cpp) > $(FPGA_TB_BUILD)/verilator.log 2>&1 || \
		{ cat $(FPGA_TB_BUILD)/verilator.log; exit 1; }

TEST_SUITES += fpga-blocks fpga-lint
.PHONY: test-fpga-blocks test-fpga-lint
test-fpga-blocks: $(FPGA_TB_BIN)
	@bash scripts/suite.sh $(BUILD)/test-results fpga-blocks -- $(FPGA_TB_BIN)

test-fpga-lint: $(DEPS_STAMP)
	@bash scripts/suite.sh $(BUILD)/test-results fpga-lint -- \
		bash tests/fpga/lint_arty.sh "$(MAKE) --no-print-directory" $(PYTHON) $(BUILD)/fpga-dryrun
