# Pagoda SoC in Verilator (docs/soc.md).
#   make sim [BOOTARGS=...]   boot OpenSBI + firmware on the SoC (exit status = the firmware's)
#   make shell                interactive console on the SoC through stdin (BOOTARGS=shell)
#   make wave [WAVE_START=N WAVE_END=M]  FST waveform of a cycle window -> $(BUILD)/sim/wave.fst
#   make sim-bare ELF=...     run a bare-metal ELF (HTIF tohost) on the SoC without OpenSBI
#   make lint-soc             verilator -Wall over the SoC       make synth-soc   Yosys synth_xilinx
# The simulator and the firmware are separate targets: an RTL edit rebuilds only the simulator,
# a firmware edit only the firmware.

SIM_BUILD      := $(BUILD)/sim
SIM_BIN        := $(SIM_BUILD)/Vpagoda_soc
SIM_WAVE_BIN   := $(SIM_BUILD)/wave/Vpagoda_soc
SIM_MAX_CYCLES ?= 2000000000
WAVE_START     ?= 0
WAVE_END       ?= 200000
SOC_FW_ELF     := $(BUILD)/firmware/firmware.elf

SOC_RTL := rtl/pkg/pagoda_pkg.sv rtl/soc/pagoda_soc_pkg.sv \
           $(filter-out %_pkg.sv,$(sort $(wildcard rtl/soc/*.sv))) \
           $(sort $(wildcard rtl/core/*_pkg.sv)) \
           $(filter-out %_pkg.sv,$(sort $(wildcard rtl/core/*.sv)))
SOC_ACCEL_RTL := $(if $(filter 1,$(SOC_ACCEL)),$(sort $(wildcard rtl/accel/*_pkg.sv)) \
                 $(filter-out %_pkg.sv,$(sort $(wildcard rtl/accel/*.sv))))
SOC_VDEFS := $(if $(filter 1,$(SOC_ACCEL)),+define+PAGODA_PGACCEL)

SIM_VFLAGS := --cc --exe --build -j 2 -O3 --x-assign fast --x-initial fast --noassert \
              --top-module pagoda_soc -Wno-fatal -Wno-lint -Wno-style \
              -CFLAGS "-O2 -std=c++17" -LDFLAGS "-lelf -lfdt" \
              -MAKEFLAGS "OPT_FAST=-O3 OPT_SLOW=-O1 OPT_GLOBAL=-O2"

SIM_RUN = $(SIM_BIN) +opensbi=$(OPENSBI) +firmware=$(SOC_FW_ELF) +dtb=$(SOC_DTB) \
          +max-cycles=$(SIM_MAX_CYCLES) +uart-log=$(SIM_BUILD)/uart.log

.PHONY: sim shell wave sim-build sim-bare lint-soc synth-soc
LINT_TARGETS += lint-soc

sim-build: $(SIM_BIN)

SIM_CHECK_LIBS = @test -f /usr/include/libfdt.h && test -f /usr/include/gelf.h || \
	{ echo "sim: needs libfdt-dev and libelf-dev (scripts/deps.sh)"; exit 1; }

$(SIM_BIN): $(SOC_RTL) $(SOC_ACCEL_RTL) sim/pagoda_sim.cpp $(SOC_ACCEL_CFG) $(DEPS_STAMP)
	$(SIM_CHECK_LIBS)
	@mkdir -p $(SIM_BUILD)
	@echo "  VERILATE $@"
	@verilator $(SIM_VFLAGS) $(SOC_VDEFS) -Mdir $(SIM_BUILD)/obj -o $(abspath $@) \
		$(SOC_RTL) $(SOC_ACCEL_RTL) $(abspath sim/pagoda_sim.cpp) \
		> $(SIM_BUILD)/verilator.log 2>&1 || { cat $(SIM_BUILD)/verilator.log; exit 1; }

$(SIM_WAVE_BIN): $(SOC_RTL) $(SOC_ACCEL_RTL) sim/pagoda_sim.cpp $(SOC_ACCEL_CFG) $(DEPS_STAMP)
	$(SIM_CHECK_LIBS)
	@mkdir -p $(@D)
	@echo "  VERILATE $@ (--trace-fst)"
	@verilator $(SIM_VFLAGS) --trace-fst $(SOC_VDEFS) -Mdir $(@D)/obj -o $(abspath $@) \
		$(SOC_RTL) $(SOC_ACCEL_RTL) $(abspath sim/pagoda_sim.cpp) \
		> $(@D)/verilator.log 2>&1 || { cat $(@D)/verilator.log; exit 1; }

sim: $(SIM_BIN) $(SOC_DTB) $(SOC_FW_ELF)
	@$(SIM_RUN) $(if $(BOOTARGS),+bootargs="$(BOOTARGS)")

shell: $(SIM_BIN) $(SOC_DTB) $(SOC_FW_ELF)
	@$(SIM_RUN) +stdin +bootargs="shell $(BOOTARGS)" +max-cycles=0

wave: $(SIM_WAVE_BIN) $(SOC_DTB) $(SOC_FW_ELF)
	@$(SIM_WAVE_BIN) +opensbi=$(OPENSBI) +firmware=$(SOC_FW_ELF) +dtb=$(SOC_DTB) \
		+max-cycles=$(WAVE_END) +trace=$(SIM_BUILD)/wave.fst +trace-start=$(WAVE_START) \
		+trace-end=$(WAVE_END) $(if $(BOOTARGS),+bootargs="$(BOOTARGS)") || true
	@echo "wave: $(SIM_BUILD)/wave.fst (cycles $(WAVE_START)..$(WAVE_END))"

sim-bare: $(SIM_BIN)
	@test -n "$(ELF)" || { echo "usage: make sim-bare ELF=path/to/test.elf"; exit 2; }
	@$(SIM_BIN) +bare=$(ELF) +max-cycles=$(SIM_MAX_CYCLES)

# Lint: pagoda_pkg is shared by every block, so constants a given top does not use are expected.
lint-soc:
	verilator --lint-only -Wall $(SOC_VDEFS) --top-module pagoda_soc rtl/soc/lint.vlt \
		$(SOC_RTL) $(SOC_ACCEL_RTL)

# Synthesis check: the SoC with a 64 KiB RAM (the 128 MiB simulation RAM is no FPGA part).
# SYNTH_CORE=bb (default) takes the core as a black box (tests/soc/synth/pagoda_core_bb.sv), rtl
# synthesizes rtl/core too.
SYNTH_CORE ?= bb
SYNTH_SOC_RTL := rtl/pkg/pagoda_pkg.sv rtl/soc/pagoda_soc_pkg.sv \
                 $(filter-out %_pkg.sv,$(sort $(wildcard rtl/soc/*.sv))) \
                 $(if $(filter rtl,$(SYNTH_CORE)),$(filter rtl/core/%,$(SOC_RTL)),tests/soc/synth/pagoda_core_bb.sv)
synth-soc:
	@mkdir -p $(BUILD)/synth
	@yosys -q -l $(BUILD)/synth/soc.log -p "read_verilog -sv $(SOC_VDEFS:+define+%=-D%) \
		$(SYNTH_SOC_RTL) $(SOC_ACCEL_RTL); chparam -set RAM_SIZE 65536 pagoda_soc; \
		synth_xilinx -top pagoda_soc; tee -q -o $(BUILD)/synth/soc-stat.txt stat" \
		> /dev/null 2>&1 || { grep -i error $(BUILD)/synth/soc.log | head; exit 1; }
	@awk '/=== design hierarchy ===/ {h = 1} h' $(BUILD)/synth/soc-stat.txt | \
		grep -E '^ +(pagoda|pgaccel)|LUT[0-9]|FD[A-Z]+ |RAMB|DSP|Number of cells' | head -40
	@echo "synth-soc: full report in $(BUILD)/synth/soc-stat.txt"

# `make run` boots on the SoC: OpenSBI + the firmware boot here (tests/soc: soc-selftest).
RUN_TARGET := sim
