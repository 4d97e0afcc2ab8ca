# SPDX-License-Identifier: BSD-2-Clause
# Tests of the tooling itself:
#   tools-suite-sh     scripts/suite.sh counts a suite by its own result line only
#   tools-make-inputs  what users give make: file variables checked, BOOTARGS never through a
#                      shell, piped shell sessions that end with their input, timeouts told apart
#   tools-docs-facts   OpenSBI's memory as docs/ describe it = what OpenSBI reports on both platforms
#   tools-regmap       docs/registers.md not stale against rtl/regs/*.rdl, the DTB's reg and
#                      interrupts equal to the generated map (tests/tools/regmap.sh)
# and `make stress [STRESS_N=20]`: the suites that a boot lottery or timing could make flaky (the
# QEMU self-tests on every hart/NUMA layout, the SoC self-tests), N times in a row; the first
# failure's log is kept in build/stress/, and it ends "stress: K/N" (runs in which all passed).
TEST_SUITES += tools-suite-sh tools-make-inputs tools-docs-facts tools-regmap
.PHONY: test-tools-suite-sh test-tools-make-inputs test-tools-docs-facts test-tools-regmap stress

test-tools-suite-sh:
	@bash scripts/suite.sh $(BUILD)/test-results tools-suite-sh -- \
		bash tests/tools/test_suite_sh.sh $(BUILD)/tools/suite-sh

# It runs make in this tree: everything it boots is built first.
test-tools-make-inputs: $(SIM_BIN) $(SOC_DTB) $(SOC_FW_ELF) $(FW_ELF) $(DEPS_STAMP)
	@bash scripts/suite.sh $(BUILD)/test-results tools-make-inputs -- \
		bash tests/tools/make_inputs.sh $(BUILD) $(BUILD)/tools/make-inputs

test-tools-docs-facts: $(SIM_BIN) $(SOC_DTB) $(SOC_FW_ELF) $(DEPS_STAMP)
	@bash scripts/suite.sh $(BUILD)/test-results tools-docs-facts -- \
		bash tests/tools/docs_facts.sh $(SIM_BIN) $(OPENSBI) $(SOC_FW_ELF) $(SOC_DTB) \
		$(BUILD)/tools/docs-facts

test-tools-regmap: $(REGS_STAMP) $(SOC_DTB)
	@bash scripts/suite.sh $(BUILD)/test-results tools-regmap -- \
		bash tests/tools/regmap.sh $(REGS_PY) $(REGS_MAP_H) $(SOC_DTB) $(BUILD)/tools/regmap

STRESS_N      ?= 20
STRESS_SUITES ?= $(filter qemu-selftest-% soc-selftest soc-selftest-poison,$(TEST_SUITES))
stress: $(DEPS_STAMP) $(FW_ELF) $(SIM_BIN) $(SOC_DTB)
	+@MAKE="$(MAKE)" bash scripts/stress.sh $(call shell_quote,$(STRESS_N)) $(BUILD) -- $(STRESS_SUITES)
