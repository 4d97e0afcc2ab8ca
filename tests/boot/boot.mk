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
		$(PINS_BIN) $(BUILD)/venv/bin/litex_term $(UART_BOOT_DIR)/images $(UART_BOOT_DIR)/runs
