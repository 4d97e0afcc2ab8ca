# SPDX-License-Identifier: BSD-2-Clause
# The pin-level simulator (sim/pins_sim.cpp, top sim/pagoda_sim_pins.sv; docs/fpga.md "Boot"): the
# SoC with the serial-boot ROM ($(BOOTROM_HEX)), reached only through its UART pins at
# PINS_CLKS_PER_BIT cycles a bit, through a pseudo-terminal that litex_term opens; its core has
# the tree's data cache (SOC_DCACHE).
#   make sim-pins-build    build it;  tests/boot (suite uart-boot) runs it with litex_term

PINS_BUILD        := $(BUILD)/sim-pins
PINS_BIN          := $(PINS_BUILD)/Vpagoda_sim_pins
PINS_CLKS_PER_BIT ?= 8
PINS_RTL          := $(SOC_RTL) $(SOC_ACCEL_RTL) sim/pagoda_sim_pins.sv

.PHONY: sim-pins-build
sim-pins-build: $(PINS_BIN)

# The ROM's image is read at elaboration ($readmemh of BOOT_INIT): a new image rebuilds the model.
$(PINS_BIN): $(REGS_SVH) $(PINS_RTL) $(SIM_MEM_VLT) $(SOC_RTL_LISTS) $(RTL_ASSERT_HDR) sim/pins_sim.cpp \
		$(SOC_CONFIG) $(DEPS_STAMP) $(BOOTROM_HEX)
	@mkdir -p $(PINS_BUILD)
	@echo "  VERILATE $@ (UART pins, $(PINS_CLKS_PER_BIT) cycles a bit)"
	@verilator $(REGS_VINC) $(SIM_MEM_VFLAGS) --cc --exe --build -j 2 -O3 --x-assign fast \
		--x-initial fast $(RTL_VASSERT) --top-module pagoda_sim_pins -Wno-fatal -Wno-lint \
		-Wno-style -CFLAGS "-O2 -std=c++17 -DCLKS_PER_BIT=$(PINS_CLKS_PER_BIT)" \
		-MAKEFLAGS "OPT_FAST=-O3 OPT_SLOW=-O1 OPT_GLOBAL=-O2" $(SOC_VDEFS) \
		-GCLKS_PER_BIT=$(PINS_CLKS_PER_BIT) -GDCACHE_BYTES=$(SOC_DCACHE) -GBOOT_INIT='"$(abspath $(BOOTROM_HEX))"' \
		-GBOOT_ROM_WORDS=$$(cat $(BOOTROM_WORDS)) -GBOOT_RAM_WORDS=$$(($(BOOTROM_SRAM_BYTES) / 8)) \
		-Mdir $(PINS_BUILD)/obj -o $(abspath $@) $(PINS_RTL) $(abspath sim/pins_sim.cpp) \
		> $(PINS_BUILD)/verilator.log 2>&1 || { cat $(PINS_BUILD)/verilator.log; exit 1; }

# Lint of what only the pin-level top elaborates: the serial-boot ROM's memory and the UART's line.
LINT_TARGETS += lint-pins
.PHONY: lint-pins
lint-pins: $(REGS_SVH) $(BOOTROM_HEX)
	verilator --lint-only -Wall $(REGS_VINC) $(RTL_VINC) $(SOC_VDEFS) --top-module pagoda_sim_pins \
		rtl/soc/lint.vlt $(SIM_MEM_VLT) -GDCACHE_BYTES=$(SOC_DCACHE) -GBOOT_INIT='"$(abspath $(BOOTROM_HEX))"' \
		-GBOOT_ROM_WORDS=$$(cat $(BOOTROM_WORDS)) -GBOOT_RAM_WORDS=$$(($(BOOTROM_SRAM_BYTES) / 8)) \
		$(PINS_RTL)
