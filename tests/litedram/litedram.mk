# SPDX-License-Identifier: BSD-2-Clause
# The generated LiteDRAM controller alone, under Verilator (docs/memory.md): mem-litedram drives its
# native port, checks the storage backdoor, measures read latency per bank state and streaming
# throughput, and checks them against the configuration's timings (build/litedram/litedram_timing.h).

LD_TB_BUILD := $(BUILD)/litedram-tb
LD_TB_BIN   := $(LD_TB_BUILD)/Vlitedram_core
LD_VLT      := sim/litedram.vlt

$(LD_TB_BIN): $(LITEDRAM_SIM_V) $(LITEDRAM_TIMING_H) $(LD_VLT) tests/litedram/tb_litedram.cpp
	@mkdir -p $(LD_TB_BUILD)
	@echo "  VERILATE $@"
	@verilator --cc --exe --build -j 2 -O3 --x-assign fast --x-initial fast -Wno-fatal \
		--top-module litedram_core -Mdir $(LD_TB_BUILD)/obj -CFLAGS "-O2 -std=c++17 \
		-I$(abspath $(LITEDRAM_DIR))" -o $(abspath $@) $(LD_VLT) $(LITEDRAM_SIM_V) \
		$(abspath tests/litedram/tb_litedram.cpp) > $(LD_TB_BUILD)/verilator.log 2>&1 || \
		{ cat $(LD_TB_BUILD)/verilator.log; exit 1; }

TEST_SUITES += mem-litedram
.PHONY: test-mem-litedram
test-mem-litedram: $(LD_TB_BIN)
	@bash scripts/suite.sh $(BUILD)/test-results mem-litedram -- $(LD_TB_BIN)

# The firmware's self-tests booted through OpenSBI on the SoC built with MEM=litedram (256 MiB of
# DDR3 through the controller and its PHY model, its own build tree): the images reach the DRAM
# through the backdoor, everything after that through the bridge and the native port. The DRAM
# SoC (with its 4 KiB data cache, SOC_DCACHE) still runs several times the cycles of the 1-cycle
# RAM, so the suite runs the self-tests that LD_SELFTEST_FILTER selects (docs/memory.md).
LD_SOC_BUILD       := $(BUILD)/mem-litedram
LD_SELFTEST_FILTER ?= boot_

# A self-test suite on a DRAM tree: $(1) the suite, $(2) MEM, $(3) its build tree, $(4) the
# tree's lock, $(5) the name of the variable holding selftest_filter (a list has commas, which
# $(call) would split). The tree is built under its lock, the run is not.
define dram_selftest_suite
TEST_SUITES += $(1)
.PHONY: test-$(1)
test-$(1): $$(DEPS_STAMP)
	@mkdir -p $$(dir $(4))
	@flock $(4) $$(MAKE) --no-print-directory MEM=$(2) BUILD=$(3) sim-build firmware dtb
	@bash scripts/suite.sh $$(BUILD)/test-results $(1) --from selftest -- \
		$(3)/sim/Vpagoda_soc +opensbi=$$(OPENSBI) +firmware=$(3)/firmware/firmware.elf \
		+dtb=$(3)/sbi/pagoda.dtb +bootargs=$$(call shell_quote,selftest selftest_filter=$$($(5))) \
		+max-cycles=400000000
endef
$(eval $(call dram_selftest_suite,soc-selftest-litedram,litedram,$(LD_SOC_BUILD),$(MEM_LITEDRAM_LOCK),LD_SELFTEST_FILTER))

# LiteDRAM's CSRs from the core through the crossbar's DRAMCTRL slave (pagoda_dram_csr), on the
# SoC built with MEM=litedram: tests/soc/bare/dramctrl.S (built with the default tree's map; the
# window is the same in both) must pass there. soc-bare runs it on the default SoC: access fault.
TEST_SUITES += soc-bare-litedram
.PHONY: test-soc-bare-litedram
test-soc-bare-litedram: $(DEPS_STAMP) $(BUILD)/soc-bare/dramctrl.elf
	@flock $(MEM_LITEDRAM_LOCK) $(MAKE) --no-print-directory MEM=litedram BUILD=$(LD_SOC_BUILD) \
		sim-build
	@bash scripts/suite.sh $(BUILD)/test-results soc-bare-litedram -- \
		bash tests/litedram/run_dramctrl.sh $(LD_SOC_BUILD)/sim/Vpagoda_soc \
		$(BUILD)/soc-bare/dramctrl.elf

# pagoda_dram_bridge on the generated controller, through both PBUS ports
# (tests/litedram/tb_dram_bridge.cpp): ordering and data under overlap and back-pressure against a
# memory model, with the bridge's assertions on; dependent-read latency and streaming throughput
# through the bridge and on the raw native port, measured in the same run.
DB_TB_BUILD := $(BUILD)/dram-bridge-tb
DB_TB_BIN   := $(DB_TB_BUILD)/Vtb_dram_bridge
DB_TB_RTL   := $(PKG_FILES) rtl/accel/pgaccel_fifo.sv $(MEM_FILES) $(DRAM_MODEL_SV) \
               tests/litedram/tb_dram_bridge.sv

$(DB_TB_BIN): $(LITEDRAM_SIM_V) $(LITEDRAM_TIMING_H) $(LD_VLT) $(DB_TB_RTL) $(RTL_ASSERT_HDR) \
		$(REGS_STAMP) tests/litedram/tb_dram_bridge.cpp
	@mkdir -p $(DB_TB_BUILD)
	@echo "  VERILATE $@"
	@verilator --cc --exe --build -j 2 -O3 --x-assign fast --x-initial fast -Wno-fatal $(RTL_VASSERT) $(REGS_VINC) \
		--top-module tb_dram_bridge -Mdir $(DB_TB_BUILD)/obj \
		-CFLAGS "-O2 -std=c++17 -I$(abspath $(LITEDRAM_DIR))" \
		-o $(abspath $@) $(LD_VLT) $(LITEDRAM_SIM_V) $(DB_TB_RTL) \
		$(abspath tests/litedram/tb_dram_bridge.cpp) > $(DB_TB_BUILD)/verilator.log 2>&1 || \
		{ cat $(DB_TB_BUILD)/verilator.log; exit 1; }

TEST_SUITES += mem-dram-bridge
.PHONY: test-mem-dram-bridge
test-mem-dram-bridge: $(DB_TB_BIN)
	@bash scripts/suite.sh $(BUILD)/test-results mem-dram-bridge -- $(DB_TB_BIN)

# The firmware's self-tests on the SoC built with MEM=dramfast (its own build tree): the same
# bridge and 256 MiB as MEM=litedram, with the fast DRAM model (sim/pagoda_dram_model.sv,
# calibrated against LiteDRAM by mem-dram-bridge) in the controller's place. DF_SELFTEST_FILTER
# selects the self-tests: the boot_ ones, as soc-selftest-litedram, and the DMA API's and
# pgaccel's, whose non-coherent DMA (the D$) and calibration differ on DRAM (~60 M cycles).
DF_SOC_BUILD       := $(BUILD)/mem-dramfast
DF_SELFTEST_FILTER ?= boot_,dma_,pgaccel_
MEM_DRAMFAST_LOCK  := $(TOP)/build/.mem-dramfast.lock
$(eval $(call dram_selftest_suite,soc-selftest-dramfast,dramfast,$(DF_SOC_BUILD),$(MEM_DRAMFAST_LOCK),DF_SELFTEST_FILTER))

# A measurement, not a suite: the soc-selftest-dramfast run on the 1-cycle RAM, the fast model and
# LiteDRAM at once, all three simulators built the same way, with profile-guided optimisation as
# every tree's by default (docs/memory.md quotes its line).
DRAM_SPEED_FILTER ?= boot_
.PHONY: dram-speed
dram-speed: $(DEPS_STAMP)
	@$(MAKE) --no-print-directory BUILD=$(BUILD)/speed-ram sim-build firmware dtb
	@mkdir -p $(dir $(MEM_DRAMFAST_LOCK))
	@flock $(MEM_DRAMFAST_LOCK) $(MAKE) --no-print-directory MEM=dramfast BUILD=$(DF_SOC_BUILD) \
		sim-build firmware dtb
	@flock $(MEM_LITEDRAM_LOCK) $(MAKE) --no-print-directory MEM=litedram BUILD=$(LD_SOC_BUILD) \
		sim-build firmware dtb
	@bash tests/litedram/dram_speed.sh $(OPENSBI) $(DRAM_SPEED_FILTER) ram=$(BUILD)/speed-ram \
		dramfast=$(DF_SOC_BUILD) litedram=$(LD_SOC_BUILD)
