# SPDX-License-Identifier: BSD-2-Clause
# pagoda_core (docs/core.md): Verilator harness, ISA tests (core-isa), QEMU differential tests
# (core-diff), OpenSBI boot on the core alone (core-sbi).
#   make core-sim        build the core-only simulator build/core/Vpagoda_core
#   make core-sim-trace  the same with +vcd=FILE support
#   make lint-core       verilator --lint-only -Wall over the core
#   make bench-core      CPI on the integer benchmark (tests/core/bench)
#   make fuzz-core       long differential run against QEMU (FUZZ_N programs of 20,000, default 300)
#   make synth-core      Yosys synth_xilinx of the core; resource counts

CORE_BUILD := $(BUILD)/core
# rtl/pkg/pkg.f and rtl/core/core.f (rtl/rtl.mk)
CORE_RTL   := $(PKG_FILES) $(CORE_FILES)
CORE_SIM   := $(CORE_BUILD)/Vpagoda_core
# The harness also takes the SoC's boot addresses from pagoda_soc_pkg (tests/core/tb_core.cpp).
CORE_TB_RTL := tests/core/tb_core.vlt $(CORE_RTL) $(filter %_pkg.sv,$(SOC_FILES))
CORE_VFLAGS := $(REGS_VINC) -O3 --x-assign fast --x-initial fast $(RTL_VASSERT) --top-module pagoda_core -Wall

TEST_SUITES  += core-isa core-diff core-sbi
FUZZ_TARGETS += fuzz-core
LINT_TARGETS += lint-core

.PHONY: bench-core core-sim core-sim-trace lint-core test-core-isa test-core-diff test-core-sbi fuzz-core core-isa-tests synth-core

core-sim: $(CORE_SIM)

$(CORE_SIM): $(REGS_SVH) $(CORE_TB_RTL) $(RTL_LISTS) $(RTL_ASSERT_HDR) tests/core/tb_core.cpp sim/dcache_backdoor.h
	@mkdir -p $(CORE_BUILD)
	verilator --cc --exe --build -j 2 $(CORE_VFLAGS) -Mdir $(CORE_BUILD)/obj \
		-CFLAGS "-O2 -std=c++17 -I$(abspath sim)" -LDFLAGS -lelf -MAKEFLAGS OPT_FAST=-O2 -o $(abspath $@) \
		$(CORE_TB_RTL) $(abspath tests/core/tb_core.cpp) > $(CORE_BUILD)/verilator.log 2>&1 || \
		{ cat $(CORE_BUILD)/verilator.log; exit 1; }

# the same with waveform support (+vcd=FILE)
core-sim-trace: $(CORE_BUILD)/trace/Vpagoda_core
$(CORE_BUILD)/trace/Vpagoda_core: $(REGS_SVH) $(CORE_TB_RTL) $(RTL_LISTS) $(RTL_ASSERT_HDR) tests/core/tb_core.cpp sim/dcache_backdoor.h
	@mkdir -p $(@D)
	verilator --cc --exe --build -j 2 --trace $(CORE_VFLAGS) -Mdir $(@D)/obj \
		-CFLAGS "-O2 -std=c++17 -I$(abspath sim)" -LDFLAGS -lelf -MAKEFLAGS OPT_FAST=-O2 -o $(abspath $@) \
		$(CORE_TB_RTL) $(abspath tests/core/tb_core.cpp) > $(@D)/verilator.log 2>&1 || \
		{ cat $(@D)/verilator.log; exit 1; }

lint-core: $(REGS_SVH)
	verilator --lint-only -Wall $(REGS_VINC) $(RTL_VINC) --top-module pagoda_core rtl/core/lint.vlt $(CORE_RTL)

# ---------------------------------------------------------------- ISA tests
CORE_ISA_SRCS := $(sort $(wildcard tests/core/isa/*.S))
CORE_ISA_ELFS := $(patsubst tests/core/isa/%.S,$(CORE_BUILD)/isa/%.elf,$(CORE_ISA_SRCS))
CORE_ASFLAGS  := -march=rv64imac_zicsr_zifencei -mabi=lp64 -nostdlib -nostartfiles -static \
                 -Itests/core/isa -T tests/core/isa/link.ld

$(CORE_BUILD)/isa/%.elf: tests/core/isa/%.S tests/core/isa/test.h tests/core/isa/link.ld
	@mkdir -p $(@D)
	$(CROSS)gcc $(CORE_ASFLAGS) -o $@ $<

# CPI benchmark in C; its expected checksum comes from the same code compiled for the host
CORE_BENCH_ELF := $(CORE_BUILD)/isa/bench.elf
$(CORE_BUILD)/bench-host: tests/core/bench/bench.c
	@mkdir -p $(@D)
	$(CC) -O2 -DHOST -o $@ $<

$(CORE_BENCH_ELF): tests/core/bench/bench.c tests/core/bench/crt.S tests/core/bench/bench.ld \
		$(CORE_BUILD)/bench-host
	@mkdir -p $(@D)
	$(CROSS)gcc -O2 -march=rv64imac_zicsr_zifencei -mabi=lp64 -mcmodel=medany -ffreestanding \
		-nostdlib -nostartfiles -static -DBENCH_EXPECT=$$($(CORE_BUILD)/bench-host) \
		-T tests/core/bench/bench.ld -o $@ tests/core/bench/crt.S tests/core/bench/bench.c

core-isa-tests: $(CORE_ISA_ELFS) $(CORE_BENCH_ELF)

$(CORE_BUILD)/fail256.elf: tests/core/fail256.S tests/core/isa/link.ld
	@mkdir -p $(@D)
	$(CROSS)gcc $(CORE_ASFLAGS) -o $@ $<

test-core-isa: $(CORE_SIM) $(CORE_ISA_ELFS) $(CORE_BENCH_ELF) $(CORE_BUILD)/fail256.elf
	@bash scripts/suite.sh $(BUILD)/test-results core-isa -- \
		bash tests/core/run_isa.sh $(CORE_SIM) --fail256 $(CORE_BUILD)/fail256.elf \
		$(CORE_ISA_ELFS) $(CORE_BENCH_ELF)

# CPI on integer code (single-cycle memory) and simulation speed of the core-only harness
bench-core: $(CORE_SIM) $(CORE_BENCH_ELF)
	$(CORE_SIM) $(CORE_BENCH_ELF)

# ---------------------------------------------------------------- differential tests vs QEMU
CORE_DIFF_N    ?= 60
CORE_DIFF_SEED ?= 1
FUZZ_N         ?= 300

test-core-diff: $(CORE_SIM)
	@bash scripts/suite.sh $(BUILD)/test-results core-diff -- \
		python3 tests/core/diff/run_diff.py --sim $(CORE_SIM) --out $(CORE_BUILD)/diff \
		--count $(CORE_DIFF_N) --seed $(CORE_DIFF_SEED)

fuzz-core: $(CORE_SIM)
	python3 tests/core/diff/run_diff.py --sim $(CORE_SIM) --out $(CORE_BUILD)/fuzz \
		--count $(FUZZ_N) --seed $$(date +%s) --length 20000 --jobs 2

# ---------------------------------------------------------------- OpenSBI boot on the core harness
$(CORE_BUILD)/sbi/tb.dtb: tests/core/sbi/tb.dts
	@mkdir -p $(@D)
	dtc -q -I dts -O dtb -o $@ $<

$(CORE_BUILD)/sbi/payload.elf: tests/core/sbi/payload.S tests/core/sbi/payload.ld
	@mkdir -p $(@D)
	$(CROSS)gcc -march=rv64imac_zicsr_zifencei -mabi=lp64 -nostdlib -nostartfiles -static \
		-T tests/core/sbi/payload.ld -o $@ $<

test-core-sbi: $(CORE_SIM) $(CORE_BUILD)/sbi/tb.dtb $(CORE_BUILD)/sbi/payload.elf
	@bash scripts/suite.sh $(BUILD)/test-results core-sbi -- \
		bash tests/core/run_sbi.sh $(CORE_SIM) $(OPENSBI) $(CORE_BUILD)/sbi/tb.dtb \
		$(CORE_BUILD)/sbi/payload.elf

# ---------------------------------------------------------------- synthesis check (Yosys)
synth-core: $(REGS_SVH) $(YOSYS_DEPS)
	@mkdir -p $(CORE_BUILD)
	$(YOSYS) -q -p "read_verilog -sv $(REGS_VINC) $(RTL_YINC) $(CORE_RTL); synth_xilinx -top pagoda_core; \
		tee -o $(CORE_BUILD)/synth-stat.txt stat" > $(CORE_BUILD)/synth.log 2>&1 || \
		{ tail -20 $(CORE_BUILD)/synth.log; exit 1; }
	@grep -E "LUT[0-9]|FD[A-Z]+ |DSP48|RAM|CARRY4|MUXF|Number of cells" $(CORE_BUILD)/synth-stat.txt
