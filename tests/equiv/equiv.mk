# SPDX-License-Identifier: BSD-2-Clause
# Simulation equals synthesis (tests/equiv/run.sh): the modules that Verilator compiles differently
# from Yosys (`ifdef VERILATOR, for simulation speed) proven equivalent to what Yosys synthesizes,
# and a planted difference seen to fail the proof.
TEST_SUITES += rtl-equiv
.PHONY: test-rtl-equiv
test-rtl-equiv: $(REGS_SVH) $(YOSYS_DEPS)
	@REGS_SV_DIR=$(REGS_DIR)/sv bash scripts/suite.sh $(BUILD)/test-results rtl-equiv -- bash tests/equiv/run.sh $(BUILD)/rtl-equiv
