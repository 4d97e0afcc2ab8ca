# SPDX-License-Identifier: BSD-2-Clause
# Linux boots (docs/linux.md): the kernel of linux/linux.mk on QEMU virt and on the SoC simulator,
# each to /init's result through the test device (tests/linux/boot.sh checks the console too).
#   linux-qemu          boot to PASS with the allocator benchmark's self-check; then a boot with
#                       pgbench.leak=1, which must end in FAIL (code 2): the check can fail
#   linux-qemu-initcall initcall_debug ignore_loglevel: heavy console traffic, to the end
#   linux-sim           the same boot on the SoC, plus pgaccel's dmaengine driver under dmatest
#   linux-sim-initcall  initcall_debug ignore_loglevel on the SoC, then /init's zoneinfo and vmstat
#                       through the tty (the 8250's THR-empty interrupt): this boot livelocked on
#                       the core before the mip.SEIP fix of issue 18 (docs/linux.md)
LINUX_TEST_DIR := $(BUILD)/linux-test
LINUX_BAD      := -n "Kernel panic|Oops|BUG:|WARNING:|Unable to handle"
LINUX_BOOTED   := -g "Run /init as init process" -g "init: result PASS \(code 0\)"
LINUX_BENCHED  := -g "pgbench: self-check: passed" -g "^\[ *[0-9.]+\] bench linux-mm bulk64 ops="
LINUX_QUIET    := pginit.quiet
LINUX_INITCALL := initcall_debug ignore_loglevel pginit.skip=bench,dmatest
LINUX_TEST_SIM  = $(SIM_BIN) +opensbi=$(OPENSBI) +firmware=$(LINUX_ELF) +dtb=$(SOC_DTB) \
                  +max-cycles=$(LINUX_SIM_CYCLES)
LINUX_TEST_QEMU = bash scripts/run-qemu.sh -t 300 $(LINUX_ELF)

TEST_SUITES += linux-qemu linux-qemu-initcall linux-sim linux-sim-initcall
.PHONY: test-linux-qemu test-linux-qemu-initcall test-linux-sim test-linux-sim-initcall

test-linux-qemu: $(LINUX_ELF)
	@bash scripts/suite.sh $(BUILD)/test-results linux-qemu --sum -- bash -c '\
		bash tests/linux/boot.sh $(LINUX_TEST_DIR)/qemu.log $(LINUX_BOOTED) $(LINUX_BENCHED) \
			-g "init: dmatest skipped" $(LINUX_BAD) -- \
			bash scripts/run-qemu.sh -t 300 -a "$(LINUX_BOOTARGS) $(LINUX_QUIET)" $(LINUX_ELF); \
		bash tests/linux/boot.sh $(LINUX_TEST_DIR)/qemu-leak.log -e 2 \
			-g "pgbench: order0-pcp: self-check FAILED" -g "init: result FAIL \(code 2\)" -- \
			bash scripts/run-qemu.sh -t 300 -a "$(LINUX_BOOTARGS) $(LINUX_QUIET) pgbench.leak=1" \
			$(LINUX_ELF)'

test-linux-qemu-initcall: $(LINUX_ELF)
	@bash scripts/suite.sh $(BUILD)/test-results linux-qemu-initcall -- \
		bash tests/linux/boot.sh $(LINUX_TEST_DIR)/qemu-initcall.log $(LINUX_BOOTED) \
			-g "initcall .* returned 0" $(LINUX_BAD) -- \
			bash scripts/run-qemu.sh -t 300 -a "$(LINUX_BOOTARGS) $(LINUX_INITCALL)" $(LINUX_ELF)

test-linux-sim: $(SIM_BIN) $(SOC_DTB) $(LINUX_ELF)
	@bash scripts/suite.sh $(BUILD)/test-results linux-sim -- \
		bash tests/linux/boot.sh $(LINUX_TEST_DIR)/sim.log $(LINUX_BOOTED) $(LINUX_BENCHED) \
			-g "pgaccel-dma .*: pgaccel 1\.1" \
			-g "pgaccel-dma .*: DMA window \[0x80200000, 0x88000000\), locked" \
			-g "pgaccel-dma .*: self-test: ZERO by interrupt passed" \
			-g "dma0chan0-set0: summary [1-9][0-9]* tests, 0 failures" \
			-g "init: dmatest: 1 summaries$$" $(LINUX_BAD) -- \
			$(LINUX_TEST_SIM) +bootargs="$(LINUX_BOOTARGS) $(LINUX_QUIET)"

test-linux-sim-initcall: $(SIM_BIN) $(SOC_DTB) $(LINUX_ELF)
	@bash scripts/suite.sh $(BUILD)/test-results linux-sim-initcall -- \
		bash tests/linux/boot.sh $(LINUX_TEST_DIR)/sim-initcall.log $(LINUX_BOOTED) \
			-g "initcall .* returned 0" $(LINUX_BAD) -- \
			$(LINUX_TEST_SIM) +bootargs="$(LINUX_BOOTARGS) $(LINUX_INITCALL)"
