# SPDX-License-Identifier: BSD-2-Clause
# Suite uart-boot (tests/boot/uart_boot.py, docs/fpga.md "Boot"): the serial-boot ROM on the
# pin-level simulator, loaded by LiteX's litex_term through a pseudo-terminal: a whole boot to the
# firmware's self-tests (UART_BOOT_ARGS), a damaged frame refused and sent again, a damaged LOAD
# frame and an image outside RAM refused; `make load`'s refusals of a bad PORT or a venv without
# pyserial (it runs make in this tree). Bounded: +max-cycles per run and 900 s of wall clock.

UART_BOOT_DIR  := $(BUILD)/uart-boot
UART_BOOT_JSON := $(UART_BOOT_DIR)/images/images.json
UART_BOOT_ARGS ?= selftest selftest_filter=boot_

$(UART_BOOT_JSON): $(SOC_FW_ELF) $(SOC_DTB) $(REGS_MAP_H) scripts/bootrom/images.py
	@rm -rf $(@D)
	@$(PYTHON) scripts/bootrom/images.py $(@D) $(REGS_MAP_H) $(OPENSBI) $(SOC_FW_ELF) $(SOC_DTB) \
		$(call shell_quote,$(UART_BOOT_ARGS))

TEST_SUITES += uart-boot
.PHONY: test-uart-boot
test-uart-boot: $(PINS_BIN) $(UART_BOOT_JSON) $(DEPS_STAMP)
	@rm -rf $(UART_BOOT_DIR)/runs
	@bash scripts/suite.sh $(BUILD)/test-results uart-boot -- $(PYTHON) tests/boot/uart_boot.py \
		$(PINS_BIN) $(VENV)/bin/litex_term $(UART_BOOT_DIR)/images $(UART_BOOT_DIR)/runs

# Suite uart-boot-litedram: the same pin-level simulator built with MEM=litedram (LiteDRAM and its
# PHY model, the MEM=litedram tree), where the serial-boot ROM's liblitedram sdram_init() runs on
# the core before anything is loaded. Case dram: calibration and LiteX's memory test pass,
# litex_term loads tests/boot/dram_payload.S into DRAM, the ROM jumps there and the payload's
# words over every bank read back (~42 M cycles: LiteX's 2 MiB memory test on an uncached core).
# Case calib-fail: one DRAM bit stuck at 1, the test fails and the ROM stops (50 M cycles).
UBL_DIR     := $(BUILD)/uart-boot-litedram
UBL_PAYLOAD := $(UBL_DIR)/images/dram_payload.bin
UBL_PINS     = $(LD_SOC_BUILD)/sim-pins/Vpagoda_sim_pins   # (tests/litedram/litedram.mk)

$(UBL_PAYLOAD): tests/boot/dram_payload.S tests/soc/bare/link.ld
	@mkdir -p $(@D)
	@$(CROSS)gcc -march=rv64imac -mabi=lp64 -nostdlib -nostartfiles -static \
		-Wl,--no-warn-rwx-segments -T tests/soc/bare/link.ld -o $(@D)/dram_payload.elf $<
	@$(CROSS)objcopy -O binary $(@D)/dram_payload.elf $@
	@printf '{"dram_payload.bin": "0x80000000"}\n' > $(@D)/images.json

TEST_SUITES += uart-boot-litedram
.PHONY: test-uart-boot-litedram
test-uart-boot-litedram: $(UBL_PAYLOAD) $(DEPS_STAMP)
	@mkdir -p $(dir $(MEM_LITEDRAM_LOCK))
	@flock $(MEM_LITEDRAM_LOCK) $(MAKE) --no-print-directory MEM=litedram BUILD=$(LD_SOC_BUILD) \
		sim-pins-build
	@rm -rf $(UBL_DIR)/runs
	@bash scripts/suite.sh $(BUILD)/test-results uart-boot-litedram -- $(PYTHON) \
		tests/boot/uart_boot.py $(UBL_PINS) $(VENV)/bin/litex_term $(UBL_DIR)/images \
		$(UBL_DIR)/runs dram,calib-fail

# Suite board-sim: the board-level simulation (docs/fpga.md "Board-level simulation"): the Arty
# board top with its two clocks, reset synchronisers, SoC-to-controller crossing, UART line and
# LEDs, the clock cells modelled and LiteDRAM's PHY model in place of the A7 PHY
# (fpga/arty_sim.mk), driven only through its pins. Case board: uart_boot.py's dram checks through
# the board (calibration on the core, the payload loaded over the RX pin and run from DRAM, the
# pass LED) and the LEDs' story (DRAM ready after the hand-over, the heartbeat, no fail). Case
# board-boot: the images `make load` sends a board (made by its load-images in the MEM=litedram
# tree, bootargs BOARD_BOOT_ARGS), OpenSBI and the firmware booted from DRAM to the self-tests'
# summary and the pass LED (~122 M SoC cycles, ~8 min of one core).
BOARD_SIM_BIN   = $(LD_SOC_BUILD)/board-sim/Vpagoda_arty_top
BOARD_BOOT_DIR  = $(LD_SOC_BUILD)/board-sim/images
BOARD_BOOT_ARGS ?= selftest selftest_filter=boot_

TEST_SUITES += board-sim
.PHONY: test-board-sim
test-board-sim: $(UBL_PAYLOAD) $(DEPS_STAMP)
	@mkdir -p $(dir $(MEM_LITEDRAM_LOCK))
	@flock $(MEM_LITEDRAM_LOCK) $(MAKE) --no-print-directory MEM=litedram BOOTROM_PHY=sim \
		BUILD=$(LD_SOC_BUILD) LOAD_DIR=$(BOARD_BOOT_DIR) \
		BOOTARGS=$(call shell_quote,$(BOARD_BOOT_ARGS)) board-sim-build load-images
	@rm -rf $(BUILD)/board-sim/runs
	@bash scripts/suite.sh $(BUILD)/test-results board-sim -- $(PYTHON) \
		tests/boot/uart_boot.py $(BOARD_SIM_BIN) $(VENV)/bin/litex_term $(UBL_DIR)/images \
		$(BUILD)/board-sim/runs board,board-boot:$(BOARD_BOOT_DIR)
