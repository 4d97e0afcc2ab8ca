# SPDX-License-Identifier: BSD-2-Clause
# Pagoda SoC in Verilator (docs/soc.md).
#   make sim [BOOTARGS=...]   boot OpenSBI + firmware on the SoC (fails unless the firmware exits 0;
#                             make's "Error N" is the firmware's exit status, 124 = timeout)
#   make shell                interactive console on the SoC through stdin (BOOTARGS=shell); the
#                             end of the input (or Ctrl-D on an empty line) ends the session
#   make wave [WAVE_START=N WAVE_END=M]  FST waveform of a cycle window -> $(BUILD)/sim/wave.fst
#   make sim-bare ELF=...     run a bare-metal ELF (HTIF tohost) on the SoC without OpenSBI
#   make lint-soc             verilator -Wall over the SoC       make synth-soc   Yosys synth_xilinx
# sim, shell and wave take ELF=, DTB= and OPENSBI= in place of the built firmware, the built DTB
# and Debian's OpenSBI; each file named is checked before anything is built (Makefile). Every
# value given to make reaches the simulator as one quoted word.
# The simulator and the firmware are separate targets: an RTL edit rebuilds only the simulator,
# a firmware edit only the firmware.
# SIM_PGO=1 (default): the model is compiled twice with gcc profile-guided optimisation: an
# instrumented build ($(SIM_BUILD)/pgo) runs a short training boot (OpenSBI + the first cycles of
# the firmware's selftest), then the simulator is compiled with that profile. SIM_PGO=0: one
# plain build (faster to build, slower to run).

SIM_BUILD      := $(BUILD)/sim
SIM_BIN        := $(SIM_BUILD)/Vpagoda_soc
SIM_WAVE_BIN   := $(SIM_BUILD)/wave/Vpagoda_soc
SIM_MAX_CYCLES ?= 2000000000
WAVE_START     ?= 0
WAVE_END       ?= 200000
SOC_FW_ELF     := $(BUILD)/firmware/firmware.elf

# The sources, from the checked-in file lists (rtl/rtl.mk); the lists themselves are prerequisites.
SOC_RTL := $(PKG_FILES) $(SOC_FILES) $(CORE_FILES)
SOC_ACCEL_RTL := $(if $(filter 1,$(SOC_ACCEL)),$(ACCEL_FILES))
SOC_RTL_LISTS := $(PKG_RTL_F) $(SOC_RTL_F) $(CORE_RTL_F) $(if $(filter 1,$(SOC_ACCEL)),$(ACCEL_RTL_F))
SOC_VDEFS := $(if $(filter 1,$(SOC_ACCEL)),+define+PAGODA_PGACCEL)
# The fast DRAM model (docs/memory.md "The fast DRAM model"): a model of off-chip memory for
# simulation, in sim/ and in no board file list; tests/litedram calibrates it against LiteDRAM.
DRAM_MODEL_SV := sim/pagoda_dram_model.sv

# MEM=litedram (Makefile): the bridge and the generated controller in place of pagoda_ram, its
# storage public for the harness's backdoor (sim/litedram.vlt).
ifeq ($(MEM),litedram)
# the bridge's queues are pgaccel_fifo, listed with pgaccel's sources when the SoC has it
SOC_RTL   += $(MEM_FILES) $(LITEDRAM_SIM_V) $(if $(filter 1,$(SOC_ACCEL)),,rtl/accel/pgaccel_fifo.sv)
SOC_RTL_LISTS += $(MEM_RTL_F)
SOC_VDEFS += +define+PAGODA_LITEDRAM
SIM_MEM_VLT    := sim/litedram.vlt
SIM_MEM_VFLAGS := $(SIM_MEM_VLT) -CFLAGS -DPAGODA_LITEDRAM
endif
# MEM=dramfast: the bridge on the fast DRAM model (sim/pagoda_dram_model.sv; its storage is
# public in the model itself).
ifeq ($(MEM),dramfast)
SOC_RTL   += rtl/mem/pagoda_dram_bridge.sv $(DRAM_MODEL_SV) \
             $(if $(filter 1,$(SOC_ACCEL)),,rtl/accel/pgaccel_fifo.sv)
SOC_RTL_LISTS += $(MEM_RTL_F)
SOC_VDEFS += +define+PAGODA_DRAMFAST
SIM_MEM_VFLAGS := -CFLAGS -DPAGODA_DRAMFAST
endif

SIM_VFLAGS = $(REGS_VINC) $(SIM_MEM_VFLAGS) --cc --exe --build -j 2 -O3 --x-assign fast --x-initial fast $(RTL_VASSERT) \
              --top-module pagoda_soc -Wno-fatal -Wno-lint -Wno-style \
              -CFLAGS "-O2 -std=c++17" -LDFLAGS "-lelf -lfdt" \
              -MAKEFLAGS "OPT_FAST=-O3 OPT_SLOW=-O1 OPT_GLOBAL=-O2"

# Profile-guided optimisation (docs/soc.md "Simulation speed"). The training run is deterministic,
# so the simulator binary is too. The firmware and DTB it boots are order-only: a firmware edit
# does not retrain (any recent firmware gives the same hot paths).
# The core's data cache in the SoC: SOC_DCACHE (Makefile; off in the default simulator, on in the
# MEM= trees); SIM_DCACHE_BIN is the default SoC with the 4 KiB cache (suite
# soc-selftest-dcache). PAGODA_SIM_DCACHE lets the harness read words through the cache.
SIM_DCACHE_VFLAGS = $(if $(filter-out 0,$(1)),-GDCACHE_BYTES=$(1) -CFLAGS -DPAGODA_SIM_DCACHE)
SIM_DCACHE_BUILD := $(SIM_BUILD)/dcache
SIM_DCACHE_BIN   := $(SIM_DCACHE_BUILD)/Vpagoda_soc

SIM_PGO        ?= 1
SIM_PGO_BUILD  := $(SIM_BUILD)/pgo
SIM_PGO_BIN    := $(SIM_PGO_BUILD)/Vpagoda_soc
SIM_PGO_STAMP  := $(SIM_PGO_BUILD)/trained
SIM_PGO_CYCLES ?= 8000000
SIM_PGO_DEP    := $(if $(filter 1,$(SIM_PGO)),$(SIM_PGO_STAMP))
SIM_PGO_USE    := $(if $(filter 1,$(SIM_PGO)),-CFLAGS "-fprofile-use -fprofile-partial-training \
                  -Wno-missing-profile")

# The images a run boots: the user's (ELF=, DTB=) when given, else the built ones, which are then
# prerequisites.
SIM_FW     = $(or $(ELF),$(SOC_FW_ELF))
SIM_DTB    = $(or $(DTB),$(SOC_DTB))
SIM_IMAGES = $(if $(ELF),,$(SOC_FW_ELF)) $(if $(DTB),,$(SOC_DTB))
SIM_BOOTARGS = $(if $(value BOOTARGS),+bootargs=$(call shell_quote,$(value BOOTARGS)))
SIM_RUN = $(SIM_BIN) +opensbi=$(call shell_quote,$(OPENSBI)) +firmware=$(call shell_quote,$(SIM_FW)) \
          +dtb=$(call shell_quote,$(SIM_DTB)) +max-cycles=$(call shell_quote,$(SIM_MAX_CYCLES)) \
          +uart-log=$(SIM_BUILD)/uart.log

.PHONY: sim shell wave sim-build sim-bare lint-soc synth-soc lint-dram-model
LINT_TARGETS += lint-soc lint-dram-model

lint-dram-model:
	verilator --lint-only -Wall $(RTL_VINC) --top-module pagoda_dram_model $(DRAM_MODEL_SV)

sim-build: $(SIM_BIN)

SIM_CHECK_LIBS = @test -f /usr/include/libfdt.h && test -f /usr/include/gelf.h || \
	{ echo "sim: needs libfdt-dev and libelf-dev (scripts/deps.sh)"; exit 1; }

# With PGO every object is compiled afresh against the profile (stale objects would keep the old
# one): obj/ is emptied and gets the training run's .gcda files before Verilator builds in it.
$(SIM_BIN): $(REGS_SVH) $(SOC_RTL) $(SIM_MEM_VLT) $(SOC_ACCEL_RTL) $(SOC_RTL_LISTS) $(RTL_ASSERT_HDR) sim/pagoda_sim.cpp sim/dcache_backdoor.h $(SOC_CONFIG) $(DEPS_STAMP) $(SIM_PGO_DEP)
	$(SIM_CHECK_LIBS)
	@mkdir -p $(SIM_BUILD)
	@echo "  VERILATE $@$(if $(SIM_PGO_DEP), (profile-guided))"
	$(if $(SIM_PGO_DEP),@rm -rf $(SIM_BUILD)/obj && mkdir -p $(SIM_BUILD)/obj && \
		cp $(SIM_PGO_BUILD)/obj/*.gcda $(SIM_BUILD)/obj/)
	@verilator $(SIM_VFLAGS) $(SIM_PGO_USE) $(call SIM_DCACHE_VFLAGS,$(SOC_DCACHE)) $(SOC_VDEFS) -Mdir $(SIM_BUILD)/obj -o $(abspath $@) \
		$(SOC_RTL) $(SOC_ACCEL_RTL) $(abspath sim/pagoda_sim.cpp) \
		> $(SIM_BUILD)/verilator.log 2>&1 || { cat $(SIM_BUILD)/verilator.log; exit 1; }
	@touch $@	# Verilator keeps the binary when its C++ came out the same: still up to date

# The instrumented simulator (single-threaded model: plain, non-atomic counters).
$(SIM_PGO_BIN): $(REGS_SVH) $(SOC_RTL) $(SOC_ACCEL_RTL) $(SOC_RTL_LISTS) $(RTL_ASSERT_HDR) sim/pagoda_sim.cpp sim/dcache_backdoor.h $(SOC_CONFIG) $(DEPS_STAMP)
	$(SIM_CHECK_LIBS)
	@rm -rf $(SIM_PGO_BUILD) && mkdir -p $(SIM_PGO_BUILD)
	@echo "  VERILATE $@ (instrumented for PGO)"
	@verilator $(SIM_VFLAGS) -CFLAGS "-fprofile-generate -fprofile-update=single" \
		-LDFLAGS "-fprofile-generate" $(call SIM_DCACHE_VFLAGS,$(SOC_DCACHE)) $(SOC_VDEFS) -Mdir $(SIM_PGO_BUILD)/obj -o $(abspath $@) \
		$(SOC_RTL) $(SOC_ACCEL_RTL) $(abspath sim/pagoda_sim.cpp) \
		> $(SIM_PGO_BUILD)/verilator.log 2>&1 || { cat $(SIM_PGO_BUILD)/verilator.log; exit 1; }

# Training: OpenSBI's boot and the first ~2 M cycles of the selftest (a few seconds). It ends
# at +max-cycles (status 124) or, should the selftest ever be that short, with its own status.
$(SIM_PGO_STAMP): $(SIM_PGO_BIN) | $(SOC_DTB) $(SOC_FW_ELF)
	@echo "  TRAIN   $(SIM_PGO_BIN) ($(SIM_PGO_CYCLES) cycles)"
	@rm -f $(SIM_PGO_BUILD)/obj/*.gcda $@
	@$(SIM_PGO_BIN) +opensbi=$(OPENSBI) +firmware=$(SOC_FW_ELF) +dtb=$(SOC_DTB) \
		+bootargs=selftest +max-cycles=$(SIM_PGO_CYCLES) > $(SIM_PGO_BUILD)/train.log 2>&1; \
		rc=$$?; [ $$rc -eq 124 ] || [ $$rc -eq 0 ] || { cat $(SIM_PGO_BUILD)/train.log; exit 1; }
	@ls $(SIM_PGO_BUILD)/obj/*.gcda > /dev/null
	@touch $@

$(SIM_WAVE_BIN): $(REGS_SVH) $(SOC_RTL) $(SOC_ACCEL_RTL) $(SOC_RTL_LISTS) $(RTL_ASSERT_HDR) sim/pagoda_sim.cpp sim/dcache_backdoor.h $(SOC_CONFIG) $(DEPS_STAMP)
	$(SIM_CHECK_LIBS)
	@mkdir -p $(@D)
	@echo "  VERILATE $@ (--trace-fst)"
	@verilator $(SIM_VFLAGS) --trace-fst $(call SIM_DCACHE_VFLAGS,$(SOC_DCACHE)) $(SOC_VDEFS) -Mdir $(@D)/obj -o $(abspath $@) \
		$(SOC_RTL) $(SOC_ACCEL_RTL) $(abspath sim/pagoda_sim.cpp) \
		> $(@D)/verilator.log 2>&1 || { cat $(@D)/verilator.log; exit 1; }
	@touch $@

# The SoC with the 4 KiB data cache (no profile-guided build: one suite runs it).
$(SIM_DCACHE_BIN): $(REGS_SVH) $(SOC_RTL) $(SIM_MEM_VLT) $(SOC_ACCEL_RTL) $(SOC_RTL_LISTS) $(RTL_ASSERT_HDR) sim/pagoda_sim.cpp sim/dcache_backdoor.h $(SOC_CONFIG) $(DEPS_STAMP)
	$(SIM_CHECK_LIBS)
	@mkdir -p $(@D)
	@echo "  VERILATE $@ (4 KiB data cache)"
	@verilator $(SIM_VFLAGS) $(call SIM_DCACHE_VFLAGS,4096) $(SOC_VDEFS) -Mdir $(@D)/obj -o $(abspath $@) \
		$(SOC_RTL) $(SOC_ACCEL_RTL) $(abspath sim/pagoda_sim.cpp) \
		> $(@D)/verilator.log 2>&1 || { cat $(@D)/verilator.log; exit 1; }
	@touch $@

sim: $(SIM_BIN) $(SIM_IMAGES)
	@$(SIM_RUN) $(SIM_BOOTARGS)

shell: $(SIM_BIN) $(SIM_IMAGES)
	@$(SIM_RUN) +stdin +bootargs=$(call shell_quote,shell $(value BOOTARGS)) +max-cycles=0

# The window's end stops the run (status 124), which is how a wave run normally ends; any other
# failure (a bad image) fails the target.
wave: $(SIM_WAVE_BIN) $(SIM_IMAGES)
	@$(SIM_WAVE_BIN) +opensbi=$(call shell_quote,$(OPENSBI)) +firmware=$(call shell_quote,$(SIM_FW)) \
		+dtb=$(call shell_quote,$(SIM_DTB)) +max-cycles=$(call shell_quote,$(WAVE_END)) \
		+trace=$(SIM_BUILD)/wave.fst +trace-start=$(call shell_quote,$(WAVE_START)) \
		+trace-end=$(call shell_quote,$(WAVE_END)) $(SIM_BOOTARGS); \
		rc=$$?; [ $$rc -eq 0 ] || [ $$rc -eq 124 ] || exit $$rc
	@echo "wave: $(SIM_BUILD)/wave.fst (cycles $(WAVE_START)..$(WAVE_END))"

sim-bare: $(SIM_BIN)
	@test -n $(call shell_quote,$(ELF)) || { echo "usage: make sim-bare ELF=path/to/test.elf" >&2; exit 2; }
	@$(SIM_BIN) +bare=$(call shell_quote,$(ELF)) +max-cycles=$(call shell_quote,$(SIM_MAX_CYCLES))

# Lint: pagoda_pkg is shared by every block, so constants a given top does not use are expected.
lint-soc: $(REGS_SVH) $(filter $(LITEDRAM_SIM_V),$(SOC_RTL))
	verilator --lint-only -Wall $(REGS_VINC) $(RTL_VINC) $(SOC_VDEFS) --top-module pagoda_soc rtl/soc/lint.vlt $(SIM_MEM_VLT) \
		$(SOC_RTL) $(SOC_ACCEL_RTL)

# Synthesis check: the SoC with a 64 KiB RAM (the 128 MiB simulation RAM is no FPGA part).
# SYNTH_CORE=bb (default) takes the core as a black box (tests/soc/synth/pagoda_core_bb.sv), rtl
# synthesizes rtl/core too.
SYNTH_CORE ?= bb
SYNTH_SOC_RTL := $(PKG_FILES) $(SOC_FILES) \
                 $(if $(filter rtl,$(SYNTH_CORE)),$(CORE_FILES),tests/soc/synth/pagoda_core_bb.sv)
synth-soc: $(REGS_SVH) $(YOSYS_DEPS)
	@mkdir -p $(BUILD)/synth
	@$(YOSYS) -q -l $(BUILD)/synth/soc.log -p "read_verilog -sv $(REGS_VINC) $(RTL_YINC) $(SOC_VDEFS:+define+%=-D%) \
		$(SYNTH_SOC_RTL) $(SOC_ACCEL_RTL); chparam -set RAM_SIZE 65536 pagoda_soc; \
		synth_xilinx -top pagoda_soc; tee -q -o $(BUILD)/synth/soc-stat.txt stat" \
		> /dev/null 2>&1 || { grep -i error $(BUILD)/synth/soc.log | head; exit 1; }
	@awk '/=== design hierarchy ===/ {h = 1} h' $(BUILD)/synth/soc-stat.txt | \
		grep -E '^ +([0-9]+ +)?(pagoda|pgaccel)|LUT[0-9]|FD[A-Z]+( |$$)|RAMB|DSP|Number of cells|^ +[0-9]+ cells$$' | \
		head -40
	@echo "synth-soc: full report in $(BUILD)/synth/soc-stat.txt"

# `make run` boots on the SoC: OpenSBI + the firmware boot here (tests/soc: soc-selftest).
RUN_TARGET := sim
