# SPDX-License-Identifier: BSD-2-Clause
# Pagoda top-level Makefile: the public interface.
#   make run      build, then boot the demo on the Verilator SoC
#   make qemu     boot on QEMU virt            make test   everything, ends with "N passed, M failed"
#   make lint     RTL + C lint                 make clean  remove build/
#   make docs     timing diagrams and register tables into build/docs
# Each part of the tree adds its own rules in a fragment next to its sources (firmware/firmware.mk,
# tests/host/host.mk, ...). A fragment that adds a test suite appends its name to TEST_SUITES and
# defines the target test-NAME, which runs its command through scripts/suite.sh; the command prints
# one line "suite-result: N passed, M failed", the suite's only count (see scripts/suite.sh).

SHELL      := /bin/bash
TOP        := $(CURDIR)
# MEM=litedram: main memory is the Arty's DDR3 through LiteDRAM with its PHY model, 256 MiB
# (docs/memory.md), built in its own tree: the register map, DTB, firmware and simulator all
# follow the RAM's size (rtl/regs/pagoda_soc.rdl's RAM_SIZE). MEM=ram (default): the 1-cycle RAM.
# MEM=dramfast: as litedram, with the fast DRAM model in the controller's place (docs/memory.md).
MEM        ?= ram
ifeq ($(MEM),litedram)
BUILD      ?= $(TOP)/build/mem-litedram
REGS_PARAMS := RAM_SIZE=0x10000000
SOC_DCACHE ?= 4096
else ifeq ($(MEM),dramfast)
# MEM=dramfast: the same bridge and 256 MiB on the fast DRAM timing model calibrated against
# LiteDRAM (sim/pagoda_dram_model.sv, simulation only), in its own tree
BUILD      ?= $(TOP)/build/mem-dramfast
REGS_PARAMS := RAM_SIZE=0x10000000
SOC_DCACHE ?= 4096
else ifneq ($(MEM),ram)
$(error MEM=$(MEM): expected ram (the 1-cycle RAM, default), litedram or dramfast)
endif
BUILD      ?= $(TOP)/build
# The core's L1 data cache in bytes (pagoda_soc's DCACHE_BYTES; docs/core.md "Data cache"): on
# DRAM (the MEM= trees above, and the board, which is the MEM=litedram tree) 4 KiB, where a miss
# is what every access cost without it (the boot_ self-tests: 79.7 M cycles -> 41.2 M on the
# DRAM model); off on the 1-cycle RAM, where it can only add cycles. The simulator, the DTB
# (pgaccel dma-noncoherent), the serial-boot ROM (its cache flush) and the board top follow it.
SOC_DCACHE ?= 0
ifeq ($(filter 0 1024 2048 4096 8192 16384,$(SOC_DCACHE)),)
$(error SOC_DCACHE=$(SOC_DCACHE): expected 0 (no data cache) or 1024..16384 bytes, a power of two)
endif
# One Python venv (PeakRDL, LiteX/LiteDRAM, Yosys) for every build tree: the MEM= trees and the
# speed tree share it instead of each installing its own (scripts/deps.sh locks it while it works).
VENV       := $(TOP)/build/venv
BOOTARGS   ?=
QEMU_SMP   ?= 1
QEMU_MEM   ?= 128M
TIMEOUT    ?= 120
# Debian's python (it has python3-matplotlib), not whatever python3 comes first in PATH.
PYTHON     ?= /usr/bin/python3
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)

CROSS      ?= riscv64-unknown-elf-
OPENSBI_DIR ?= /usr/lib/riscv64-linux-gnu/opensbi/generic
OPENSBI    ?= $(OPENSBI_DIR)/fw_dynamic.bin

# A make value as one shell word, whatever it holds: user values (BOOTARGS, file names) reach the
# shell only through this, never inside "...", where backticks and $(...) would run. BOOTARGS is
# taken with $(value BOOTARGS), so that make does not expand a $(...) in it either.
shell_quote = '$(subst ','\'',$(1))'

# The variables that name input files (ELF=, DTB=, OPENSBI=) are checked before anything is built
# when the user gives them: a mistyped ELF= must not quietly boot the default firmware. Defaults
# are not checked here (a fresh machine gets OpenSBI from scripts/deps.sh during the build).
FILE_VARS  := ELF DTB OPENSBI
FILE_GOALS := run sim shell wave sim-bare qemu qemu-shell bench test stress load
user_value  = $(filter command line environment environment override override,$(origin $(1)))
file_exists = $(shell test -f $(call shell_quote,$(1)) && echo yes)
ifneq ($(filter $(FILE_GOALS),$(MAKECMDGOALS)),)
$(foreach v,$(FILE_VARS),$(if $(call user_value,$(v)),$(if $(call file_exists,$($(v))),,\
	$(error $(v)=$($(v)): no such file))))
endif

TEST_SUITES :=
LINT_TARGETS :=
FUZZ_TARGETS :=

.DEFAULT_GOAL := all
.PHONY: all deps run qemu test lint fuzz clean help bench

help:
	@sed -n '2,11p' Makefile | sed 's/^# \{0,1\}//'

# `make run` and `make bench` run on the SoC the board has (docs/memory.md): DDR3 through LiteDRAM
# with its PHY model and the 4 KiB data cache, the MEM=litedram tree, unless MEM= is given
# (MEM=ram: the 1-cycle RAM, ~2x faster to simulate; MEM=dramfast: the fast DRAM model).
# The other targets (sim, shell, wave, test's default tree) follow MEM, whose default stays ram.
BOARD_MEM  := litedram
RUN_MEM    := $(if $(call user_value,MEM),$(MEM),$(BOARD_MEM))
# They re-run make in that tree, under this one's BUILD as the default trees are (build/mem-X),
# so that a BUILD= given for the 1-cycle RAM's tree never gets the other memory's files.
RUN_MAKE_ARGS := --no-print-directory MEM=$(RUN_MEM) BUILD=$(BUILD)/mem-$(RUN_MEM)

# Stamp so that deps.sh (dpkg queries) runs once per build tree, and again when the list changes.
DEPS_STAMP := $(BUILD)/.deps-ok
$(DEPS_STAMP): scripts/deps.sh scripts/regs/requirements.txt scripts/litedram/requirements.txt \
		scripts/yosys-requirements.txt
	@PAGODA_VENV=$(VENV) bash scripts/deps.sh
	@mkdir -p $(@D) && touch $@
deps:
	@PAGODA_VENV=$(VENV) bash scripts/deps.sh

# The generated register maps first: every other fragment's rules name its files.
include rtl/regs/regs.mk
include $(filter-out rtl/regs/regs.mk,$(sort $(wildcard firmware/*.mk sbi/*.mk linux/*.mk rtl/*.mk \
	rtl/*/*.mk sim/*.mk docs/*.mk tests/*/*.mk)))
# The board targets last: their rules name the RTL lists, LiteDRAM's files and the register map.
include $(wildcard fpga/*.mk)

# Default: the firmware, and the SoC simulator when sim/ is present.
all: firmware $(SIM_BIN)

# `make run` boots on the SoC (sim/ sets RUN_TARGET = sim); without sim/ it falls back to QEMU virt.
RUN_TARGET ?= qemu
# BOOTARGS and the file variables reach the sub-make as they were given (command line or
# environment), unquoted by no shell on the way.
# On another memory than this tree's, run re-runs make in that memory's tree (as bench does).
ifneq ($(RUN_MEM),$(MEM))
run:
	@$(MAKE) $(RUN_MAKE_ARGS) run
else
run: $(DEPS_STAMP)
	@$(MAKE) --no-print-directory $(RUN_TARGET)
endif

# Every suite runs even if an earlier one fails (-k); the summary counts each suite's own line.
test: $(DEPS_STAMP)
	@rm -rf $(BUILD)/test-results && mkdir -p $(BUILD)/test-results
	@$(MAKE) --no-print-directory -k -j$(JOBS) $(addprefix test-,$(TEST_SUITES)) || true
	@bash scripts/test-summary.sh $(BUILD)/test-results $(TEST_SUITES)

lint: $(LINT_TARGETS) lint-spdx

.PHONY: lint-spdx
lint-spdx:
	@bash scripts/check-spdx.sh

# Long fuzzing campaigns (each fragment adds its own; make test runs only short smoke runs).
fuzz: $(FUZZ_TARGETS)

clean:
	rm -rf $(BUILD)
