# SPDX-License-Identifier: BSD-2-Clause
# Mutation check (docs/testing.md "Mutation check"): plant each bug of tests/mutate/mutants.txt, one
# at a time, in a scratch copy of the tree and require the suites it names to catch it.
#   make mutate                       the full list (scratch tree and build in build/mutate)
#   make mutate MUTANTS=a,b           only these mutants
#   make mutate-check                 only check that every mutant still applies to the tree
#   make test-mutate-smoke            the few mutants marked `smoke` (suite mutate-smoke)

MUTATE_LIST    := tests/mutate/mutants.txt
MUTATE_TIMEOUT ?= 1800
MUTATE_RUN     := $(PYTHON) scripts/mutate.py --list $(MUTATE_LIST) --timeout $(MUTATE_TIMEOUT)

TEST_SUITES += mutate-smoke
.PHONY: mutate mutate-check test-mutate-smoke

mutate: $(DEPS_STAMP)
	@nice $(MUTATE_RUN) --work $(BUILD)/mutate $(if $(MUTANTS),--only $(MUTANTS))

mutate-check:
	@$(MUTATE_RUN) --check

# Its own scratch tree, so that it never waits for or disturbs a `make mutate` in progress.
test-mutate-smoke: $(DEPS_STAMP)
	@bash scripts/suite.sh $(BUILD)/test-results mutate-smoke -- \
		$(MUTATE_RUN) --work $(BUILD)/mutate-smoke --smoke
