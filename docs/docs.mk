# SPDX-License-Identifier: BSD-2-Clause
# make docs: what docs/ shows that is generated, into $(BUILD)/docs:
#   wavedrom/*.svg  the timing diagrams of docs/wavedrom/*.json (WaveJSON; docs/bus.md), rendered
#                   by scripts/docs/wavedrom_render.py with the venv's pinned wavedrom, after a check
#                   of each drawing against PBUS's rules (docs/bus.md "Rules")
#   registers.md    the register tables generated from rtl/regs (docs/registers.md is its copy)
# Suite tools-wavedrom: every diagram renders and obeys the rules, and drawings that break a rule
# are refused (tests/tools/wavedrom.sh).
DOCS_OUT      := $(BUILD)/docs
WAVEDROM_SRC  := $(sort $(wildcard docs/wavedrom/*.json))
WAVEDROM_SVG  := $(patsubst docs/wavedrom/%.json,$(DOCS_OUT)/wavedrom/%.svg,$(WAVEDROM_SRC))

.PHONY: docs test-tools-wavedrom
docs: $(WAVEDROM_SVG) $(DOCS_OUT)/registers.md
	@echo "docs: $(DOCS_OUT) (timing diagrams in wavedrom/, register tables in registers.md)"

$(DOCS_OUT)/wavedrom/%.svg: docs/wavedrom/%.json scripts/docs/wavedrom_render.py $(REGS_VENV_OK)
	@$(REGS_PY) scripts/docs/wavedrom_render.py $(@D) $< >/dev/null

$(DOCS_OUT)/registers.md: $(REGS_STAMP)
	@mkdir -p $(@D) && cp $(REGS_DOC) $@

TEST_SUITES += tools-wavedrom
test-tools-wavedrom: $(REGS_VENV_OK)
	@bash scripts/suite.sh $(BUILD)/test-results tools-wavedrom -- \
		bash tests/tools/wavedrom.sh $(REGS_PY) $(BUILD)/tools/wavedrom
