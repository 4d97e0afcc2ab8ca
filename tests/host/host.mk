# SPDX-License-Identifier: BSD-2-Clause
# Host unit tests of the firmware's portable parts (FDT reader, boot info, printf, bootargs,
# bitmaps, lists, pgaccel's crossovers, the host's MMIO accessors), with cmocka, AddressSanitizer
# and UBSan: a bad blob must give an error, never an out-of-bounds read.

HOST_BUILD  := $(BUILD)/host
HOST_CC     ?= gcc
HOST_SAN    := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
HOST_CFLAGS := -std=gnu11 -O1 -g -Wall -Wextra -Werror -Wno-unused-parameter -Wno-format-truncation $(HOST_SAN) \
               -Ifirmware/include -Ifirmware/arch/host/include -MMD -MP
HOST_FW_SRCS := firmware/kernel/fdt.c firmware/kernel/boot_info.c firmware/kernel/params.c \
                firmware/lib/kstrtox.c firmware/lib/vsprintf.c firmware/lib/bitmap.c firmware/lib/cmdline.c \
                firmware/arch/host/host.c
HOST_TESTS  := test_fdt test_vsprintf test_bootargs test_bitmap test_list test_pgaccel_model test_io \
               test_selftest test_smp

TEST_SUITES += host-unit boot-fuzz-smoke
FUZZ_TARGETS += fuzz-boot
BOOT_FUZZ_TIME ?= 300
BOOT_FUZZ_RUNS ?= 20000
BOOT_FUZZ_FLAGS := -max_len=6000 -artifact_prefix=$(HOST_BUILD)/boot-

$(HOST_BUILD)/test.dtb: tests/host/data/test.dts $(DEPS_STAMP)
	@mkdir -p $(@D)
	dtc -q -I dts -O dtb -o $@ $<

# The self-test runner's own test links the runner, the crossover test pgaccel's cost models;
# the other tests need neither.
$(HOST_BUILD)/test_selftest: HOST_EXTRA_SRCS := firmware/kernel/selftest.c
$(HOST_BUILD)/test_selftest: firmware/kernel/selftest.c
$(HOST_BUILD)/test_pgaccel_model: HOST_EXTRA_SRCS := firmware/drivers/pgaccel_model.c
$(HOST_BUILD)/test_pgaccel_model: firmware/drivers/pgaccel_model.c firmware/drivers/pgaccel_model.h

$(HOST_BUILD)/%: tests/host/%.c $(HOST_FW_SRCS) $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) $< $(HOST_FW_SRCS) $(HOST_EXTRA_SRCS) -lcmocka -o $@

.PHONY: test-host-unit host-tests
host-tests: $(addprefix $(HOST_BUILD)/,$(HOST_TESTS)) $(HOST_BUILD)/test.dtb

test-host-unit: host-tests
	@bash scripts/suite.sh $(BUILD)/test-results host-unit --cmocka -- \
		bash -c 'rc=0; for t in $(HOST_TESTS); do TEST_DTB=$(HOST_BUILD)/test.dtb $(HOST_BUILD)/$$t || rc=1; done; exit $$rc'

# The boot-time parsers' fuzzer (tests/host/fuzz_boot.c): libFuzzer when its runtime is installed,
# else the stand-alone driver of tests/mm. Seeds: the text corpus of tests/host/boot-corpus and
# real blobs (the host tests' DT, QEMU virt's with 2 NUMA nodes), each behind a "#!dtb" mark.
BOOT_FUZZ_SRCS := firmware/kernel/fdt.c firmware/kernel/boot_info.c firmware/kernel/params.c \
                  firmware/lib/kstrtox.c firmware/lib/vsprintf.c firmware/arch/host/host.c
$(HOST_BUILD)/boot-fuzz: tests/host/fuzz_boot.c tests/mm/fuzz_driver.c $(BOOT_FUZZ_SRCS) $(DEPS_STAMP)
	@mkdir -p $(@D)
	@if clang -std=gnu11 -g -O1 -Ifirmware/include -Ifirmware/arch/host/include \
		-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all $(BOOT_FUZZ_SRCS) $< -o $@ \
		2>$(HOST_BUILD)/boot-fuzz-build.log; then \
		echo "boot-fuzz: libFuzzer build"; \
	else \
		echo "boot-fuzz: libFuzzer runtime missing (libclang-rt-14-dev), using the stand-alone driver"; \
		$(HOST_CC) -std=gnu11 -g -O1 -Ifirmware/include -Ifirmware/arch/host/include $(HOST_SAN) \
			$(BOOT_FUZZ_SRCS) $< tests/mm/fuzz_driver.c -o $@; \
	fi

$(HOST_BUILD)/boot-seeds/.stamp: $(HOST_BUILD)/test.dtb $(wildcard tests/host/boot-corpus/*)
	@rm -rf $(@D) && mkdir -p $(@D)
	@cp tests/host/boot-corpus/* $(@D)/
	@{ printf '#!dtb'; cat $(HOST_BUILD)/test.dtb; } > $(@D)/test-dtb
	@qemu-system-riscv64 -M virt,dumpdtb=$(@D)/numa.dtb -cpu rv64,f=false,d=false,h=false -smp 4 -m 256M \
		-object memory-backend-ram,id=m0,size=128M -numa node,nodeid=0,memdev=m0,cpus=0-1 \
		-object memory-backend-ram,id=m1,size=128M -numa node,nodeid=1,memdev=m1,cpus=2-3 \
		-display none >/dev/null 2>&1 && { printf '#!dtb'; cat $(@D)/numa.dtb; } > $(@D)/qemu-numa-dtb
	@rm -f $(@D)/numa.dtb
	@touch $@

# Each seed is one check (replayed as is); the fixed-seed run over copies of them is one more.
.PHONY: test-boot-fuzz-smoke fuzz-boot
test-boot-fuzz-smoke: $(HOST_BUILD)/boot-fuzz $(HOST_BUILD)/boot-seeds/.stamp
	@bash scripts/suite.sh $(BUILD)/test-results boot-fuzz-smoke -- bash -c \
		'p=0 f=0; for t in $(HOST_BUILD)/boot-seeds/*; do \
			if $(HOST_BUILD)/boot-fuzz $$t >$(HOST_BUILD)/boot-smoke-one.log 2>&1; \
			then p=$$((p+1)); else f=$$((f+1)); echo "FAIL $$t:"; grep -A2 "fuzz_boot:\|runtime error\|ERROR" $(HOST_BUILD)/boot-smoke-one.log; fi; \
		done; \
		rm -rf $(HOST_BUILD)/boot-smoke-corpus && cp -r $(HOST_BUILD)/boot-seeds $(HOST_BUILD)/boot-smoke-corpus && \
		rm -f $(HOST_BUILD)/boot-smoke-corpus/.stamp; \
		if $(HOST_BUILD)/boot-fuzz -seed=1 -runs=$(BOOT_FUZZ_RUNS) $(BOOT_FUZZ_FLAGS) $(HOST_BUILD)/boot-smoke-corpus \
			>$(HOST_BUILD)/boot-smoke.log 2>&1; \
		then p=$$((p+1)); tail -1 $(HOST_BUILD)/boot-smoke.log; \
		else f=$$((f+1)); tail -20 $(HOST_BUILD)/boot-smoke.log; fi; \
		echo "suite-result: $$p passed, $$f failed"; [ $$f -eq 0 ]'

fuzz-boot: $(HOST_BUILD)/boot-fuzz $(HOST_BUILD)/boot-seeds/.stamp
	@mkdir -p $(HOST_BUILD)/boot-fuzz-corpus
	@cp -n $(HOST_BUILD)/boot-seeds/* $(HOST_BUILD)/boot-fuzz-corpus/
	$(HOST_BUILD)/boot-fuzz -max_total_time=$(BOOT_FUZZ_TIME) $(BOOT_FUZZ_FLAGS) $(HOST_BUILD)/boot-fuzz-corpus

-include $(wildcard $(HOST_BUILD)/*.d)
