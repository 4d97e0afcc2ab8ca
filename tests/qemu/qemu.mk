# Firmware on QEMU virt: the self-tests on 1 and 4 harts and on 2 NUMA nodes, and the runs whose
# exit status must tell the truth (an injected failure, a corrupted device tree, demo, shell).

TEST_SUITES += qemu-selftest-smp1 qemu-selftest-smp4 qemu-selftest-numa2 qemu-exit-status

QEMU_TEST_RUN = bash scripts/run-qemu.sh -t 300

.PHONY: test-qemu-selftest-smp1 test-qemu-selftest-smp4 test-qemu-selftest-numa2 test-qemu-exit-status
test-qemu-selftest-smp1: $(FW_ELF)
	@bash scripts/suite.sh $(BUILD)/test-results qemu-selftest-smp1 --from selftest -- \
		$(QEMU_TEST_RUN) -s 1 -a selftest $(FW_ELF)

test-qemu-selftest-smp4: $(FW_ELF)
	@bash scripts/suite.sh $(BUILD)/test-results qemu-selftest-smp4 --from selftest -- \
		$(QEMU_TEST_RUN) -s 4 -a selftest $(FW_ELF)

test-qemu-selftest-numa2: $(FW_ELF)
	@bash scripts/suite.sh $(BUILD)/test-results qemu-selftest-numa2 --from selftest -- \
		$(QEMU_TEST_RUN) -s 2 -n 2 -m 256M -a selftest $(FW_ELF)

test-qemu-exit-status: $(FW_ELF) $(DEPS_STAMP)
	@bash scripts/suite.sh $(BUILD)/test-results qemu-exit-status -- \
		bash tests/qemu/exit_status.sh $(FW_ELF) $(BUILD)/qemu-exit
