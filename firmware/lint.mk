# SPDX-License-Identifier: BSD-2-Clause
# C lint: cppcheck over the firmware (the compiler's -Wall -Wextra -Werror already runs in every build).
# comparePointers is off because linker-section tables (selftests, shell commands, exception
# table) are walked from a start symbol to an end symbol, which cppcheck cannot know are one array.
LINT_TARGETS += lint-firmware
.PHONY: lint-firmware
lint-firmware: $(DEPS_STAMP) $(REGS_STAMP)
	cppcheck --quiet --error-exitcode=1 --enable=warning,portability --std=c11 \
		--suppress=missingIncludeSystem --suppress=comparePointers -Ifirmware/include -Ifirmware/arch/riscv/include -I$(REGS_INC) \
		-D__riscv -DNR_CPUS=8 firmware/kernel firmware/lib firmware/arch/riscv firmware/mm firmware/drivers
