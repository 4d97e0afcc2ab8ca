# SPDX-License-Identifier: BSD-2-Clause
# The generated LiteDRAM controller alone, under Verilator (docs/memory.md): mem-litedram drives its
# native port, checks the storage backdoor, measures read latency per bank state and streaming
# throughput, and checks them against the configuration's timings (build/litedram/litedram_timing.h).

LD_TB_BUILD := $(BUILD)/litedram-tb
LD_TB_BIN   := $(LD_TB_BUILD)/Vlitedram_core
LD_VLT      := tests/litedram/litedram.vlt

$(LD_TB_BIN): $(LITEDRAM_SIM_V) $(LITEDRAM_TIMING_H) $(LD_VLT) tests/litedram/tb_litedram.cpp
	@mkdir -p $(LD_TB_BUILD)
	@echo "  VERILATE $@"
	@verilator --cc --exe --build -j 2 -O3 --x-assign fast --x-initial fast -Wno-fatal \
		--top-module litedram_core -Mdir $(LD_TB_BUILD)/obj -CFLAGS "-O2 -std=c++17 \
		-I$(abspath $(LITEDRAM_DIR))" -o $(abspath $@) $(LD_VLT) $(LITEDRAM_SIM_V) \
		$(abspath tests/litedram/tb_litedram.cpp) > $(LD_TB_BUILD)/verilator.log 2>&1 || \
		{ cat $(LD_TB_BUILD)/verilator.log; exit 1; }

TEST_SUITES += mem-litedram
.PHONY: test-mem-litedram
test-mem-litedram: $(LD_TB_BIN)
	@bash scripts/suite.sh $(BUILD)/test-results mem-litedram -- $(LD_TB_BIN)
