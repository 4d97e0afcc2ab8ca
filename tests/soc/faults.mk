# SPDX-License-Identifier: BSD-2-Clause
# Fault injection for pgaccel (docs/pgaccel.md "Fault injection"): a second SoC simulator in which
# tests/soc/faults/pgaccel.sv stands between the accelerator and the SoC, and the suite that boots
# it once per fault kind to run the firmware's pgaccel_fault_* self-tests. The accelerator is the
# same rtl/accel/pgaccel.sv, compiled with its module renamed to pgaccel_unfaulted; the default
# simulator, rtl/ and synthesis are untouched.

SIM_FAULT_BUILD := $(BUILD)/sim-faults
SIM_FAULT_BIN   := $(SIM_FAULT_BUILD)/Vpagoda_soc
SIM_FAULT_RTL   := $(SOC_RTL) $(filter-out rtl/accel/pgaccel.sv,$(SOC_ACCEL_RTL)) \
                   $(SIM_FAULT_BUILD)/pgaccel_unfaulted.sv tests/soc/faults/pgaccel.sv

$(SIM_FAULT_BUILD)/pgaccel_unfaulted.sv: rtl/accel/pgaccel.sv
	@mkdir -p $(@D)
	@sed 's/^module pgaccel #(/module pgaccel_unfaulted #(/' $< > $@.tmp
	@test "$$(grep -c '^module pgaccel_unfaulted #(' $@.tmp)" = 1 || \
		{ echo "faults: no 'module pgaccel #(' line in $<"; exit 1; }
	@mv $@.tmp $@

$(SIM_FAULT_BIN): $(REGS_SVH) $(SIM_FAULT_RTL) $(SIM_MEM_VLT) $(RTL_ASSERT_HDR) sim/pagoda_sim.cpp sim/dcache_backdoor.h $(SOC_CONFIG) $(DEPS_STAMP)
	$(SIM_CHECK_LIBS)
	@test "$(SOC_ACCEL)" = 1 || { echo "faults: needs the SoC with pgaccel (SOC_ACCEL=1)"; exit 1; }
	@echo "  VERILATE $@ (pgaccel fault injection)"
	@verilator $(SIM_VFLAGS) -CFLAGS -DPAGODA_FAULTS $(call SIM_DCACHE_VFLAGS,$(SOC_DCACHE)) \
		$(SOC_VDEFS) -Mdir $(SIM_FAULT_BUILD)/obj \
		-o $(abspath $@) $(SIM_FAULT_RTL) $(abspath sim/pagoda_sim.cpp) \
		> $(SIM_FAULT_BUILD)/verilator.log 2>&1 || { cat $(SIM_FAULT_BUILD)/verilator.log; exit 1; }

TEST_SUITES += soc-accel-faults
.PHONY: test-soc-accel-faults
test-soc-accel-faults: $(SIM_FAULT_BIN) $(SOC_DTB) $(SOC_FW_ELF)
	@bash scripts/suite.sh $(BUILD)/test-results soc-accel-faults -- \
		bash tests/soc/faults/run.sh $(SIM_FAULT_BIN) $(OPENSBI) $(SOC_FW_ELF) $(SOC_DTB) \
		$(SIM_FAULT_BUILD)/runs

# The same faults on the DRAM SoC (MEM=dramfast's tree: the 4 KiB D$, the bridge, the fast DRAM
# model), where pgaccel's whole-word ZERO and FILL go out on its wide write port: the stall and
# the failed beat reach that port too. The tree is built under its lock, the run is not.
TEST_SUITES += soc-accel-faults-dramfast
.PHONY: test-soc-accel-faults-dramfast
test-soc-accel-faults-dramfast: $(DEPS_STAMP)
	@mkdir -p $(dir $(MEM_DRAMFAST_LOCK))
	@flock $(MEM_DRAMFAST_LOCK) $(MAKE) --no-print-directory MEM=dramfast BUILD=$(DF_SOC_BUILD) \
		$(DF_SOC_BUILD)/sim-faults/Vpagoda_soc firmware dtb
	@bash scripts/suite.sh $(BUILD)/test-results soc-accel-faults-dramfast -- \
		bash tests/soc/faults/run.sh $(DF_SOC_BUILD)/sim-faults/Vpagoda_soc $(OPENSBI) \
		$(DF_SOC_BUILD)/firmware/firmware.elf $(DF_SOC_BUILD)/sbi/pagoda.dtb \
		$(DF_SOC_BUILD)/sim-faults/runs
