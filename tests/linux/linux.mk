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
#   linux-sim-dram      the linux-sim boot on the DRAM SoC (MEM=dramfast: 256 MiB behind the fast
#                       DRAM model and the core's 4 KiB write-back data cache), with the same
#                       kernel: pgaccel is dma-noncoherent there, so the driver's self-test and
#                       dmatest pass only with the kernel's Zicbom cache maintenance
#   linux-sim-dram-nocbo the same on that SoC's DT less zicbom in riscv,isa (no maintenance): must
#                       fail, with the driver's self-test reading stale lines
LINUX_TEST_DIR := $(BUILD)/linux-test
LINUX_BAD      := -n "Kernel panic|Oops|BUG:|WARNING:|Unable to handle"
LINUX_BOOTED   := -g "Run /init as init process" -g "init: result PASS \(code 0\)"
LINUX_BENCHED  := -g "pgbench: self-check: passed" -g "^\[ *[0-9.]+\] bench linux-mm bulk64 ops="
LINUX_QUIET    := pginit.quiet
LINUX_INITCALL := initcall_debug ignore_loglevel pginit.skip=bench,dmatest
LINUX_TEST_SIM  = $(SIM_BIN) +opensbi=$(OPENSBI) +firmware=$(LINUX_ELF) +dtb=$(SOC_DTB) \
                  +max-cycles=$(LINUX_SIM_CYCLES)
LINUX_TEST_QEMU = bash scripts/run-qemu.sh -t 300 $(LINUX_ELF)

TEST_SUITES += linux-qemu linux-qemu-initcall linux-sim linux-sim-initcall linux-sim-dram \
	linux-sim-dram-nocbo
.PHONY: test-linux-qemu test-linux-qemu-initcall test-linux-sim test-linux-sim-initcall \
	test-linux-sim-dram test-linux-sim-dram-nocbo

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

# The DRAM SoC's tree (tests/litedram/litedram.mk: DF_SOC_BUILD, built under MEM_DRAMFAST_LOCK as
# soc-selftest-dramfast builds it) with this tree's kernel (linux/linux.mk: one kernel for every
# SoC). linux-sim-dram-nocbo boots the same kernel and tree on the tree's DT less zicbom in
# riscv,isa: the kernel then patches no cache operation in (its warning about a non-coherent device
# without them is a WARN, empty with CONFIG_BUG off); the driver's self-test (a CPU-written buffer
# zeroed by the engine) reads its own stale lines back, the probe fails and /init ends with code
# 12 (4 | 8), the self-test's message and no channel for dmatest. It shows that
# linux-sim-dram's checks fail when the maintenance is missing; a suite of its own so that
# `make test -j2` runs the two boots side by side.
LINUX_DRAM_DTB      = $(DF_SOC_BUILD)/sbi/pagoda.dtb
LINUX_DRAM_NOCBO    = $(LINUX_TEST_DIR)/dram-nozicbom.dtb
LINUX_TEST_DRAM     = $(DF_SOC_BUILD)/sim/Vpagoda_soc +opensbi=$(OPENSBI) +firmware=$(LINUX_ELF) \
                      +max-cycles=$(LINUX_DRAM_CYCLES)
# The dramfast tree's simulator and DTB, brought up to date under its lock ($(MAKE) stays in
# the recipes, so that make passes its jobserver down).
LINUX_DRAM_TREE     = --no-print-directory MEM=dramfast BUILD=$(DF_SOC_BUILD) sim-build dtb

test-linux-sim-dram: $(DEPS_STAMP) $(LINUX_ELF)
	@mkdir -p $(dir $(MEM_DRAMFAST_LOCK)) $(LINUX_TEST_DIR)
	@flock $(MEM_DRAMFAST_LOCK) $(MAKE) $(LINUX_DRAM_TREE)
	@bash scripts/suite.sh $(BUILD)/test-results linux-sim-dram -- \
		bash tests/linux/boot.sh $(LINUX_TEST_DIR)/sim-dram.log $(LINUX_BOOTED) $(LINUX_BENCHED) \
			-g "pgaccel-dma .*: pgaccel 1\.1" \
			-g "pgaccel-dma .*: DMA window \[0x80200000, 0x90000000\), locked" \
			-g "pgaccel-dma .*: self-test: ZERO by interrupt passed" \
			-g "dma0chan0-set0: summary [1-9][0-9]* tests, 0 failures" \
			-g "init: dmatest: 1 summaries$$" $(LINUX_BAD) -- \
			$(LINUX_TEST_DRAM) +dtb=$(LINUX_DRAM_DTB) +bootargs="$(LINUX_BOOTARGS) $(LINUX_QUIET)"

test-linux-sim-dram-nocbo: $(DEPS_STAMP) $(LINUX_ELF)
	@mkdir -p $(dir $(MEM_DRAMFAST_LOCK)) $(LINUX_TEST_DIR)
	@flock $(MEM_DRAMFAST_LOCK) $(MAKE) $(LINUX_DRAM_TREE)
	@grep -q 'riscv,isa = ".*_zicbom' $(LINUX_DRAM_DTB:.dtb=.pp.dts) || \
		{ echo "linux-sim-dram-nocbo: no zicbom in $(LINUX_DRAM_DTB:.dtb=.pp.dts)"; exit 1; }
	@sed 's/\(riscv,isa = ".*\)_zicbom/\1/' $(LINUX_DRAM_DTB:.dtb=.pp.dts) | \
		dtc -q -I dts -O dtb -o $(LINUX_DRAM_NOCBO) -
	@bash scripts/suite.sh $(BUILD)/test-results linux-sim-dram-nocbo -- \
		bash tests/linux/boot.sh $(LINUX_TEST_DIR)/sim-dram-nocbo.log -e 12 \
			-g "pgaccel-dma .*: self-test: ZERO left wrong bytes" \
			-g "init: result FAIL \(code 12\)" -- \
			$(LINUX_TEST_DRAM) +dtb=$(LINUX_DRAM_NOCBO) \
			+bootargs="$(LINUX_BOOTARGS) $(LINUX_QUIET) pginit.skip=bench"
