# SPDX-License-Identifier: BSD-2-Clause
# SoC tests: block testbench (soc-blocks), bare-metal runs (soc-bare), the firmware self-tests on the
# SoC (soc-selftest), the truth of its exit status (soc-exit-status) and the simulator's checks of
# its input images under valgrind (soc-sim-inputs).

SOC_TB_BUILD := $(BUILD)/soc-tb
SOC_TB_BIN   := $(SOC_TB_BUILD)/Vtb_soc_blocks
# The SoC's blocks from its file list (rtl/rtl.mk) but the RAM and the top, under the test top.
SOC_TB_RTL   := $(PKG_FILES) $(filter-out rtl/soc/pagoda_ram.sv rtl/soc/pagoda_soc.sv,$(SOC_FILES)) \
                tests/soc/tb_soc_blocks.sv

TEST_SUITES += soc-blocks
.PHONY: test-soc-blocks

$(SOC_TB_BIN): $(REGS_SVH) $(SOC_TB_RTL) $(RTL_ASSERT_HDR) tests/soc/tb_soc_blocks.cpp $(DEPS_STAMP)
	@mkdir -p $(SOC_TB_BUILD)
	@verilator --cc --exe --build -j 2 -O3 --x-assign fast --x-initial fast $(RTL_VASSERT) -Wno-fatal \
		$(REGS_VINC) --top-module tb_soc_blocks -Mdir $(SOC_TB_BUILD)/obj \
		-CFLAGS "-O2 -std=c++17" -o $(abspath $@) $(SOC_TB_RTL) \
		$(abspath tests/soc/tb_soc_blocks.cpp) > $(SOC_TB_BUILD)/verilator.log 2>&1 || \
		{ cat $(SOC_TB_BUILD)/verilator.log; exit 1; }

test-soc-blocks: $(SOC_TB_BIN)
	@bash scripts/suite.sh $(BUILD)/test-results soc-blocks -- $(SOC_TB_BIN)

# ---------------------------------------------------------------- on the SoC simulator
SOC_BARE_DIR  := $(BUILD)/soc-bare
SOC_BARE_ELFS := $(patsubst tests/soc/bare/%.S,$(SOC_BARE_DIR)/%.elf,$(wildcard tests/soc/bare/*.S))

$(SOC_BARE_DIR)/%.elf: tests/soc/bare/%.S tests/soc/bare/htif.h tests/soc/bare/link.ld | $(REGS_STAMP)
	@mkdir -p $(@D)
	@$(CROSS)gcc -march=rv64imac_zicsr_zifencei -mabi=lp64 -nostdlib -nostartfiles -static -I$(REGS_INC) \
		-Wl,--no-warn-rwx-segments -T tests/soc/bare/link.ld -o $@ $<

TEST_SUITES += soc-bare soc-selftest
.PHONY: test-soc-bare test-soc-selftest

# The core's ISA tests (tests/core, same tohost convention) also run unmodified on the whole SoC.
test-soc-bare: $(SIM_BIN) $(SOC_BARE_ELFS) $(CORE_ISA_ELFS)
	@bash scripts/suite.sh $(BUILD)/test-results soc-bare -- \
		bash tests/soc/run_bare.sh $(SIM_BIN) $(SOC_BARE_DIR) $(CORE_ISA_ELFS)

# The firmware's own self-tests, booted through OpenSBI on the SoC; its summary line is the count
# and the simulator's exit status is the firmware's. Budget: 380 M cycles measured at f6cbbc3 (I$ on)
# (the reclaim, OOM and compaction self-tests fill all 128 MiB several times), x1.3 for headroom;
# 402.5 M at 6f26360 (103 passed: the memcg self-test added, the cpuset one skipped on one node).
test-soc-selftest: $(SIM_BIN) $(SOC_DTB) $(SOC_FW_ELF)
	@bash scripts/suite.sh $(BUILD)/test-results soc-selftest --from selftest -- \
		$(SIM_BIN) +opensbi=$(OPENSBI) +firmware=$(SOC_FW_ELF) +dtb=$(SOC_DTB) \
		+bootargs=selftest +max-cycles=500000000

# Every firmware self-test on the SoC with the 4 KiB 2-way data cache (the default SoC has none,
# docs/core.md "Data cache"): write-back lines under the allocator, the page cache, compaction,
# and the non-coherent DMA maintenance (dma_pgaccel_streaming_coherence fails when any step is
# missing, which only a cache can show). It used to run only the dma_ tests and, apart, the
# compaction test the LR/SC livelock kept from finishing; the whole run now finishes. Budget:
# 511.4 M cycles measured at 295586f, 519.1 M at 169bf54 (106 passed), x1.3.
TEST_SUITES += soc-selftest-dcache
.PHONY: test-soc-selftest-dcache
test-soc-selftest-dcache: $(SIM_DCACHE_BIN) $(SOC_DCACHE_DTB) $(SOC_FW_ELF)
	@bash scripts/suite.sh $(BUILD)/test-results soc-selftest-dcache --from selftest -- \
		$(SIM_DCACHE_BIN) +opensbi=$(OPENSBI) +firmware=$(SOC_FW_ELF) +dtb=$(SOC_DCACHE_DTB) \
		+bootargs=selftest +max-cycles=675000000

# The same self-tests with page poisoning on: every free is poisoned (by pgaccel's FILL from the
# crossover up) and checked at the next allocation, so the allocator and the engine are tested
# together under a different workload. Budget: 1,209 M cycles measured at f6cbbc3 (every page of
# the memory-filling tests is poisoned at free and checked at allocation), x1.24.
TEST_SUITES += soc-selftest-poison
.PHONY: test-soc-selftest-poison
test-soc-selftest-poison: $(SIM_BIN) $(SOC_DTB) $(SOC_FW_ELF)
	@bash scripts/suite.sh $(BUILD)/test-results soc-selftest-poison --from selftest -- \
		$(SIM_BIN) +opensbi=$(OPENSBI) +firmware=$(SOC_FW_ELF) +dtb=$(SOC_DTB) \
		+bootargs="selftest page_poison=1" +max-cycles=1500000000

# Bad images (DTB cut short or corrupted, bad ELFs, images overlapping each other, OpenSBI or the
# DTB, missing files) are refused with a clear error, under valgrind (tests/soc/sim_inputs.sh).
TEST_SUITES += soc-sim-inputs
.PHONY: test-soc-sim-inputs
test-soc-sim-inputs: $(SIM_BIN) $(SOC_DTB) $(SOC_FW_ELF)
	@bash scripts/suite.sh $(BUILD)/test-results soc-sim-inputs -- \
		bash tests/soc/sim_inputs.sh $(SIM_BIN) $(OPENSBI) $(SOC_FW_ELF) $(SOC_DTB) $(CROSS) \
		$(BUILD)/soc-sim-inputs

# The firmware's outcome reaches the host through the SoC: injected self-test failure, a shell
# session from stdin, and an unexpected access fault from the error slave (tests/soc/exit_status.sh).
TEST_SUITES += soc-exit-status
.PHONY: test-soc-exit-status
test-soc-exit-status: $(SIM_BIN) $(SOC_DTB) $(SOC_FW_ELF)
	@bash scripts/suite.sh $(BUILD)/test-results soc-exit-status -- \
		bash tests/soc/exit_status.sh $(SIM_BIN) $(OPENSBI) $(SOC_FW_ELF) $(SOC_DTB) \
		$(BUILD)/soc-exit
