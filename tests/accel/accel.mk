# SPDX-License-Identifier: BSD-2-Clause
# pgaccel (rtl/accel/): Verilator testbench, formal checks, lint and synthesis numbers.
#   make test-accel-tb      C++ testbench against a reference model (suite accel-tb)
#   make test-accel-formal  $(YOSYS) + ABC: bounded check and k-induction proof (suite accel-formal)
#   make lint-accel         verilator --lint-only -Wall
#   make synth-accel        Yosys synth_xilinx -> build/synth/pgaccel.txt

# rtl/accel/accel.f (rtl/rtl.mk)
ACCEL_RTL := $(ACCEL_FILES)
ACCEL_TB_DIR := $(BUILD)/accel-tb
# The testbench's RAM window (hex digits), given to the model (-G) and to tests/accel/tb_pgaccel.cpp
# (-D) from here alone.
ACCEL_TB_RAM_BASE := 80000000
ACCEL_TB_RAM_SIZE := 00040000
ACCEL_TB_PARAMS := -GRAM_BASE=32\'h$(ACCEL_TB_RAM_BASE) -GRAM_SIZE=32\'h$(ACCEL_TB_RAM_SIZE) -GWIDE_WR=1\'b1
ACCEL_TB_DEFS   := -DTB_RAM_BASE=0x$(ACCEL_TB_RAM_BASE)ull -DTB_RAM_SIZE=0x$(ACCEL_TB_RAM_SIZE)ull

TEST_SUITES += accel-tb accel-formal
LINT_TARGETS += lint-accel
.PHONY: test-accel-tb test-accel-formal lint-accel synth-accel

$(ACCEL_TB_DIR)/Vpgaccel: $(REGS_SVH) $(ACCEL_RTL) $(ACCEL_RTL_F) $(RTL_ASSERT_HDR) tests/accel/tb_pgaccel.cpp tests/accel/accel.mk
	@mkdir -p $(ACCEL_TB_DIR)
	verilator --cc --exe --build -j 2 -O3 --x-assign fast --x-initial fast $(RTL_VASSERT) \
		$(REGS_VINC) --top-module pgaccel $(ACCEL_TB_PARAMS) -Mdir $(ACCEL_TB_DIR) \
		-CFLAGS "-O2 -std=c++17 -I$(REGS_INC) $(ACCEL_TB_DEFS)" -o Vpgaccel $(ACCEL_RTL) $(TOP)/tests/accel/tb_pgaccel.cpp >/dev/null

test-accel-tb: $(ACCEL_TB_DIR)/Vpgaccel
	@bash scripts/suite.sh $(BUILD)/test-results accel-tb -- $(ACCEL_TB_DIR)/Vpgaccel

test-accel-formal: $(REGS_SVH) $(YOSYS_DEPS)
	@REGS_SV_DIR=$(REGS_DIR)/sv bash scripts/suite.sh $(BUILD)/test-results accel-formal -- \
		bash tests/accel/formal/run.sh $(BUILD)/accel-formal 14

lint-accel: $(REGS_SVH)
	verilator --lint-only -Wall $(REGS_VINC) $(RTL_VINC) --top-module pgaccel $(ACCEL_RTL)

synth-accel: $(BUILD)/synth/pgaccel.txt
$(BUILD)/synth/pgaccel.txt: $(REGS_SVH) $(YOSYS_DEPS) $(ACCEL_RTL) $(ACCEL_RTL_F) $(RTL_ASSERT_HDR)
	@mkdir -p $(@D)
	$(YOSYS) -q -l $(BUILD)/synth/pgaccel.log -p "read_verilog -sv $(REGS_VINC) $(RTL_YINC) $(ACCEL_RTL); \
		synth_xilinx -top pgaccel; tee -q -o $@.tmp stat" >/dev/null
	@YOSYS_VER="$$($(YOSYS) -V | cut -d" " -f2)" bash tests/accel/synth-summary.sh $@.tmp > $@ && rm -f $@.tmp
	@cat $@
