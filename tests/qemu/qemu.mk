# SPDX-License-Identifier: BSD-2-Clause
# Firmware on QEMU virt: the self-tests on 1 and 4 harts and on 2 NUMA nodes, each run once per
# boot hart (tests/qemu/boot_harts.sh: boot_hart=N, never OpenSBI's lottery), and the runs whose
# exit status must tell the truth (an injected failure, a corrupted device tree, demo, shell).

TEST_SUITES += qemu-selftest-smp1 qemu-selftest-smp4 qemu-selftest-numa2 qemu-exit-status qemu-bootargs

QEMU_BOOT_HARTS = bash tests/qemu/boot_harts.sh $(FW_ELF) $(BUILD)/qemu-boot-harts

.PHONY: test-qemu-selftest-smp1 test-qemu-selftest-smp4 test-qemu-selftest-numa2 test-qemu-exit-status \
	test-qemu-bootargs
test-qemu-selftest-smp1: $(FW_ELF)
	@bash scripts/suite.sh $(BUILD)/test-results qemu-selftest-smp1 -- \
		$(QEMU_BOOT_HARTS) 1 1 128M

test-qemu-selftest-smp4: $(FW_ELF)
	@bash scripts/suite.sh $(BUILD)/test-results qemu-selftest-smp4 -- \
		$(QEMU_BOOT_HARTS) 4 1 128M

test-qemu-selftest-numa2: $(FW_ELF)
	@bash scripts/suite.sh $(BUILD)/test-results qemu-selftest-numa2 --sum -- \
		bash -c '$(QEMU_BOOT_HARTS) 2 2 256M; a=$$?; $(QEMU_BOOT_HARTS) 4 2 256M && exit $$a'

test-qemu-exit-status: $(FW_ELF) $(DEPS_STAMP)
	@bash scripts/suite.sh $(BUILD)/test-results qemu-exit-status -- \
		bash tests/qemu/exit_status.sh $(FW_ELF) $(BUILD)/qemu-exit

# Bad kernel command lines end the boot with exit status 5 and a message; good ones boot.
test-qemu-bootargs: $(FW_ELF) $(DEPS_STAMP)
	@bash scripts/suite.sh $(BUILD)/test-results qemu-bootargs -- \
		bash tests/qemu/bootargs.sh $(FW_ELF) $(BUILD)/qemu-bootargs

# The long workload (firmware/mm/workload_selftest.c): worker threads on every hart under memory
# pressure for WORKLOAD_SECS seconds, counts reconciled at the end. `make workload` runs it for
# WORKLOAD_SECS on WORKLOAD_MEM; the suite workload-mix (in `make test`) runs it for
# WORKLOAD_TEST_SECS, two minutes, on 32 MiB, where memory runs short within seconds (issue 17:
# "a workload mix runs for minutes on QEMU under pressure without leaks").
WORKLOAD_SECS ?= 180
WORKLOAD_MEM ?= 64M
WORKLOAD_TEST_SECS ?= 120
WORKLOAD_RUN = env OPENSBI=$(call shell_quote,$(OPENSBI)) bash scripts/run-qemu.sh -s 4
TEST_SUITES += workload-mix
.PHONY: workload test-workload-mix
workload: $(FW_ELF)
	$(WORKLOAD_RUN) -m $(WORKLOAD_MEM) -t $$(( $(WORKLOAD_SECS) + 600 )) \
		-a "selftest selftest_filter=workload_mix workload_secs=$(WORKLOAD_SECS)" $(FW_ELF)

test-workload-mix: $(FW_ELF)
	@bash scripts/suite.sh $(BUILD)/test-results workload-mix --from selftest -- \
		$(WORKLOAD_RUN) -m 32M -t $$(( $(WORKLOAD_TEST_SECS) + 300 )) \
		-a "selftest selftest_filter=workload_mix workload_secs=$(WORKLOAD_TEST_SECS)" $(FW_ELF)
