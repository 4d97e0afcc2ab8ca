# SPDX-License-Identifier: BSD-2-Clause
# `make bench`: the firmware's benchmarks (bench mode) on the SoC simulator when it is built
# (exact cycles), else on QEMU with -icount (exact instructions, no cycles), collected into
# $(BENCH_DIR)/results.json (build/mem-litedram/bench/ on the board's SoC) by scripts/bench.py,
# plotted into docs/img/ by tests/bench/plot.py and written up as docs/benchmarks.md by
# tests/bench/report.py.
BENCH_DIR   := $(BUILD)/bench
BENCH_ON    ?= $(if $(filter sim,$(RUN_TARGET)),sim,qemu)
# The same bench untranslated, for the Sv39-vs-bare table (docs/mm.md "Sv39 layout"): only the
# groups that table compares (report.py's sv39_section: mm and slab).
BENCH_BARE_GROUPS := bench_filter=mm,slab
# The command of one firmware bench run, $(1) its extra boot arguments: on the simulator, or on
# QEMU.
bench_args = $(call shell_quote,$(strip bench $(1)) $(value BOOTARGS))
bench_cmd = $(if $(filter sim,$(BENCH_ON)),\
	$(SIM_RUN) +bootargs=$(call bench_args,$(1)) +max-cycles=$(BENCH_SIM_CYCLES),\
	env OPENSBI=$(call shell_quote,$(OPENSBI)) bash scripts/run-qemu.sh -t 1200 -c \
	-a $(call bench_args,$(1)) $(call shell_quote,$(or $(ELF),$(FW_ELF))))

.PHONY: bench bench-plot
# On the SoC, Linux 6.1 boots too (linux/linux.mk): its allocator measured by linux/modules/pgbench
# the firmware's way, the cycles to /init, and dmatest through pgaccel -> $(BENCH_DIR)/linux.json.
LINUX_BENCH_CMD ?= $(LINUX_SIM_RUN) +max-cycles=$(LINUX_SIM_CYCLES) \
                   +bootargs="$(LINUX_BOOTARGS) pginit.quiet"

# The firmware's bench on a DRAM tree runs 2.6 G cycles (an hour on LiteDRAM's model: the
# slow-path groups, reclaim, kswapd and OOM, are most of it): the default +max-cycles would cut
# it off. This bound is only there to end a livelocked run.
BENCH_SIM_CYCLES ?= $(if $(filter ram,$(MEM)),$(SIM_MAX_CYCLES),8000000000)

# On the board's SoC (RUN_MEM, Makefile: MEM=litedram unless MEM= is given), in its own tree.
ifneq ($(RUN_MEM),$(MEM))
bench:
	@$(MAKE) $(RUN_MAKE_ARGS) bench
else
# The three runs are independent simulations: side by side on JOBS cores, each console line
# echoed with its run's tag ([fw], [bare], [linux]) and kept whole in build/bench/*.log.
BENCH_RUNS := bench-fw bench-bare $(if $(filter sim,$(BENCH_ON)),bench-linux)
.PHONY: $(BENCH_RUNS)
bench: $(DEPS_STAMP) $(FW_ELF) $(if $(filter sim,$(BENCH_ON)),$(SIM_BIN) $(SOC_DTB) $(LINUX_ELF))
	@mkdir -p $(BENCH_DIR)
	$(if $(filter sim,$(BENCH_ON)),,@rm -f $(BENCH_DIR)/linux.json)
	@$(MAKE) --no-print-directory -j$(JOBS) $(BENCH_RUNS)
	@$(MAKE) --no-print-directory bench-plot
bench-fw:
	$(PYTHON) scripts/bench.py --tag fw $(BENCH_DIR)/results.json -- $(call bench_cmd,)
bench-bare:
	$(PYTHON) scripts/bench.py --tag bare $(BENCH_DIR)/results-bare.json -- \
		$(call bench_cmd,satp_mode=bare $(BENCH_BARE_GROUPS))
bench-linux:
	$(PYTHON) scripts/bench.py --tag linux $(BENCH_DIR)/linux.json -- $(LINUX_BENCH_CMD)
endif

# The page compares this run with the results committed at BENCH_BASELINE (a git revision;
# default HEAD, the last committed run; empty: no comparison). Re-rendering after committing a
# run compares it with itself, which the page omits: give the revision before it.
BENCH_BASELINE ?= HEAD
BENCH_PREV = $(BENCH_DIR)/baseline.json
bench-plot:
	$(PYTHON) tests/bench/plot.py $(BENCH_DIR)/results.json docs/img
	@rm -f $(BENCH_PREV)
	$(if $(BENCH_BASELINE),@git show $(call shell_quote,$(BENCH_BASELINE)):docs/benchmarks-results.json \
		> $(BENCH_PREV).tmp 2>/dev/null && mv $(BENCH_PREV).tmp $(BENCH_PREV) || \
		{ rm -f $(BENCH_PREV).tmp; echo "bench-plot: no results committed at $(BENCH_BASELINE): no comparison"; })
	$(PYTHON) tests/bench/report.py $(BENCH_DIR)/results.json docs/benchmarks.md \
		$$(test -f $(BENCH_PREV) && echo --previous $(BENCH_PREV)) \
		$(wildcard $(BENCH_DIR)/linux.json) \
		$(if $(wildcard $(BENCH_DIR)/results-bare.json),--bare $(BENCH_DIR)/results-bare.json)
	cp $(BENCH_DIR)/results.json docs/benchmarks-results.json
	$(if $(wildcard $(BENCH_DIR)/results-bare.json),cp $(BENCH_DIR)/results-bare.json docs/benchmarks-results-bare.json)
	$(if $(wildcard $(BENCH_DIR)/linux.json),cp $(BENCH_DIR)/linux.json docs/benchmarks-linux.json)

# bench.py's parsing and report.py's page on hand-made results (tests/bench/test_report.py).
TEST_SUITES += bench-report
.PHONY: test-bench-report
test-bench-report:
	@PYTHONDONTWRITEBYTECODE=1 bash scripts/suite.sh $(BUILD)/test-results bench-report -- \
		$(PYTHON) tests/bench/test_report.py
