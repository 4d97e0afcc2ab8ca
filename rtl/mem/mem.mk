# SPDX-License-Identifier: BSD-2-Clause
# Main memory through LiteDRAM (docs/memory.md). The controller is generated at build time from
# the checked-in configuration rtl/mem/litedram/arty.yml by litedram_gen (pinned in
# scripts/litedram/requirements.txt, installed into the venv by scripts/deps.sh); generated
# Verilog is never checked in.
#   $(LITEDRAM_SIM_V)   the controller with LiteDRAM's SDRAMPHYModel (litedram_gen --sim): bank
#                       state, timings, refresh; storage in eight per-bank arrays (docs/memory.md)
#   $(LITEDRAM_A7_V)    the same controller with the Artix-7 DDR3 PHY, for synthesis
#   $(LITEDRAM_TIMING_H) the simulated controller's timings (scripts/litedram/timing.py), from
#                       which tests/litedram derives what it expects
#   make litedram       generate all three

LITEDRAM_CFG      := rtl/mem/litedram/arty.yml
LITEDRAM_DIR      := $(BUILD)/litedram
LITEDRAM_GEN      := $(VENV)/bin/litedram_gen
LITEDRAM_SIM_V    := $(LITEDRAM_DIR)/sim/gateware/litedram_core.v
LITEDRAM_A7_V     := $(LITEDRAM_DIR)/a7/gateware/litedram_core.v
LITEDRAM_TIMING_H := $(LITEDRAM_DIR)/litedram_timing.h

.PHONY: litedram
litedram: $(LITEDRAM_SIM_V) $(LITEDRAM_A7_V) $(LITEDRAM_TIMING_H)

# litedram_gen rewrites its whole output folder; its log is kept beside it.
$(LITEDRAM_SIM_V): $(LITEDRAM_CFG) $(DEPS_STAMP)
	@echo "  LITEDRAM $(LITEDRAM_CFG) --sim -> $(LITEDRAM_DIR)/sim"
	@rm -rf $(LITEDRAM_DIR)/sim && mkdir -p $(LITEDRAM_DIR)
	@$(LITEDRAM_GEN) $(LITEDRAM_CFG) --sim --output-dir $(LITEDRAM_DIR)/sim \
		--no-compile-software > $(LITEDRAM_DIR)/sim.log 2>&1 || \
		{ tail -20 $(LITEDRAM_DIR)/sim.log; exit 1; }
	@test -f $@ || { echo "litedram: $@ not generated (see $(LITEDRAM_DIR)/sim.log)"; exit 1; }

$(LITEDRAM_A7_V): $(LITEDRAM_CFG) $(DEPS_STAMP)
	@echo "  LITEDRAM $(LITEDRAM_CFG) -> $(LITEDRAM_DIR)/a7"
	@rm -rf $(LITEDRAM_DIR)/a7 && mkdir -p $(LITEDRAM_DIR)
	@$(LITEDRAM_GEN) $(LITEDRAM_CFG) --output-dir $(LITEDRAM_DIR)/a7 \
		--no-compile-software > $(LITEDRAM_DIR)/a7.log 2>&1 || \
		{ tail -20 $(LITEDRAM_DIR)/a7.log; exit 1; }
	@test -f $@ || { echo "litedram: $@ not generated (see $(LITEDRAM_DIR)/a7.log)"; exit 1; }

$(LITEDRAM_TIMING_H): $(LITEDRAM_CFG) scripts/litedram/timing.py $(DEPS_STAMP)
	@mkdir -p $(@D)
	@$(VENV)/bin/python scripts/litedram/timing.py $(LITEDRAM_CFG) $@.tmp && mv $@.tmp $@

# Make runs that recurse into the MEM=litedram tree from another (make test: soc-selftest-litedram
# and fpga-lint at once under -j) take this lock, so that two never generate its register map or
# controller at the same time.
MEM_LITEDRAM_LOCK := $(TOP)/build/.mem-litedram.lock
