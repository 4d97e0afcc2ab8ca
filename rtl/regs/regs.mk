# SPDX-License-Identifier: BSD-2-Clause
# Register maps and the SoC memory map, described once in rtl/regs/*.rdl (SystemRDL) and generated
# at build time into $(BUILD)/regs by scripts/regs/regs_gen.py with the pinned PeakRDL tools of the
# venv that scripts/deps.sh makes (docs/registers.md, rtl/regs/README.md):
#   $(REGS_SVH)      pagoda_regs.svh, `included by the packages of rtl/: every Verilator and Yosys
#                    run that reads rtl/ takes $(REGS_VINC) and depends on $(REGS_STAMP)
#   $(REGS_INC)      -I for regs/pagoda_map.h (C, asm, dts, ld), regs/<device>.h (peakrdl-cheader)
#   $(REGS_DOC)      the register tables; docs/registers.md is its checked-in copy
#   make regs        generate;  make regs-docs   also refresh docs/registers.md
# Every target that reads a generated file depends on $(REGS_STAMP).

REGS_DIR    := $(BUILD)/regs
REGS_VENV   := $(VENV)
REGS_PY     := $(REGS_VENV)/bin/python
REGS_RDL    := $(sort $(wildcard rtl/regs/*.rdl))
REGS_TOP    := rtl/regs/pagoda_soc.rdl
REGS_STAMP  := $(REGS_DIR)/.stamp
REGS_INC    := $(REGS_DIR)/include
REGS_MAP_H  := $(REGS_INC)/regs/pagoda_map.h
REGS_SVH    := $(REGS_DIR)/sv/pagoda_regs.svh
REGS_VINC   := -I$(REGS_DIR)/sv
REGS_DOC    := $(REGS_DIR)/docs/registers.md
REGS_VENV_OK := $(REGS_VENV)/pagoda-requirements.txt

.PHONY: regs regs-docs
regs: $(REGS_STAMP)

# deps.sh makes the venv (in $(VENV), as REGS_VENV) when DEPS_STAMP is made: one run, never
# two at once (make -j would otherwise start both, and both rebuild the same venv).
$(REGS_VENV_OK): $(DEPS_STAMP)
	@test -f $@ || { echo "regs: no venv in $(REGS_VENV) after scripts/deps.sh" >&2; exit 1; }
	@touch $@

# The generator rewrites a file only when its text changes; the stamp orders everything after it.
$(REGS_STAMP): $(REGS_RDL) scripts/regs/regs_gen.py $(REGS_VENV_OK)
	@echo "  REGS    $(REGS_TOP) -> $(REGS_DIR)"
	@$(REGS_PY) scripts/regs/regs_gen.py $(REGS_TOP) $(REGS_DIR) $(REGS_PARAMS)
	@touch $@
$(REGS_SVH) $(REGS_MAP_H) $(REGS_DOC): $(REGS_STAMP)

regs-docs: $(REGS_STAMP)
	@cp $(REGS_DOC) docs/registers.md
	@echo "  DOCS    docs/registers.md"
