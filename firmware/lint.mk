# SPDX-License-Identifier: BSD-2-Clause
# C lint: cppcheck over the firmware (the compiler's -Wall -Wextra -Werror already runs in every build).
# comparePointers is off because linker-section tables (selftests, shell commands, exception
# table) are walked from a start symbol to an end symbol, which cppcheck cannot know are one array.
# legacyUninitvar is off in mm/slab.h only: its LR/SC fast paths are `asm goto` with outputs, which
# cppcheck takes for reads of the uninitialised output variables.
LINT_TARGETS += lint-firmware
.PHONY: lint-firmware
lint-firmware: $(DEPS_STAMP) $(REGS_STAMP)
	cppcheck --quiet --error-exitcode=1 --enable=warning,portability --std=c11 \
		--suppress=missingIncludeSystem --suppress=comparePointers \
		--suppress=legacyUninitvar:firmware/mm/slab.h -Ifirmware/include -Ifirmware/arch/riscv/include -I$(REGS_INC) \
		-D__riscv -DNR_CPUS=8 firmware/kernel firmware/lib firmware/arch/riscv firmware/mm firmware/drivers
