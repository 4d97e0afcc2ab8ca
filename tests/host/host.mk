# Host unit tests of the firmware's portable parts (FDT reader, boot info, printf, bootargs), with
# cmocka, AddressSanitizer and UBSan: a bad blob must give an error, never an out-of-bounds read.

HOST_BUILD  := $(BUILD)/host
HOST_CC     ?= gcc
HOST_SAN    := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
HOST_CFLAGS := -std=gnu11 -O1 -g -Wall -Wextra -Werror -Wno-unused-parameter -Wno-format-truncation $(HOST_SAN) \
               -Ifirmware/include -Ifirmware/arch/host/include -MMD -MP
HOST_FW_SRCS := firmware/kernel/fdt.c firmware/kernel/boot_info.c firmware/kernel/params.c \
                firmware/lib/kstrtox.c firmware/lib/vsprintf.c firmware/arch/host/host.c
HOST_TESTS  := test_fdt test_vsprintf test_bootargs

TEST_SUITES += host-unit

$(HOST_BUILD)/test.dtb: tests/host/data/test.dts $(DEPS_STAMP)
	@mkdir -p $(@D)
	dtc -q -I dts -O dtb -o $@ $<

$(HOST_BUILD)/%: tests/host/%.c $(HOST_FW_SRCS) $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) $< $(HOST_FW_SRCS) -lcmocka -o $@

.PHONY: test-host-unit host-tests
host-tests: $(addprefix $(HOST_BUILD)/,$(HOST_TESTS)) $(HOST_BUILD)/test.dtb

test-host-unit: host-tests
	@bash scripts/suite.sh $(BUILD)/test-results host-unit -- \
		bash -c 'rc=0; for t in $(HOST_TESTS); do TEST_DTB=$(HOST_BUILD)/test.dtb $(HOST_BUILD)/$$t || rc=1; done; exit $$rc'

-include $(wildcard $(HOST_BUILD)/*.d)
