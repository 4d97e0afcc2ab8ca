# SPDX-License-Identifier: BSD-2-Clause
# Firmware: freestanding C for S-mode, linked at the payload address of the memory map
# (firmware/arch/riscv/firmware.ld through cpp, with regs/pagoda_map.h from rtl/regs/).
# Every .c/.S under the listed folders is built, so a new subsystem only adds files.

FW_BUILD   := $(BUILD)/firmware
FW_ELF     := $(FW_BUILD)/firmware.elf
FW_DIRS    := firmware/arch/riscv firmware/kernel firmware/lib firmware/mm firmware/drivers
FW_SRCS    := $(sort $(foreach d,$(FW_DIRS),$(wildcard $(d)/*.c $(d)/*.S)))
FW_OBJS    := $(patsubst %,$(FW_BUILD)/obj/%.o,$(basename $(FW_SRCS)))
FW_VERSION := $(shell git describe --always --dirty 2>/dev/null || echo unknown)

FW_CC      := $(CROSS)gcc
FW_ARCH    := -march=rv64imac_zicsr_zifencei -mabi=lp64 -mcmodel=medany
FW_CFLAGS  := $(FW_ARCH) -std=gnu11 -O2 -g -ffreestanding -fno-common -fno-stack-protector \
              -fno-pic -fno-omit-frame-pointer -Wall -Wextra -Werror -Wno-unused-parameter \
              -Ifirmware/include -Ifirmware/arch/riscv/include -I$(REGS_INC) -MMD -MP
FW_ASFLAGS := $(FW_ARCH) -D__ASSEMBLER__ -Ifirmware/include -Ifirmware/arch/riscv/include \
              -I$(REGS_INC) -MMD -MP
# GCC picks multilibs by exact -march; with the _zicsr_zifencei suffix it would fall back to the
# lp64d libgcc, so name the rv64imac/lp64 one explicitly.
FW_LIBGCC  := $(shell $(FW_CC) -march=rv64imac -mabi=lp64 -print-libgcc-file-name 2>/dev/null)
FW_LDS     := $(FW_BUILD)/firmware.ld
FW_LDFLAGS := $(FW_ARCH) -nostdlib -static -Wl,--no-warn-rwx-segments -T $(FW_LDS)

.PHONY: firmware
firmware: $(FW_ELF)

# The version string changes per commit; only main.c sees it, through a generated header that is
# rewritten only when the version differs, so other objects never rebuild for it.
$(FW_BUILD)/version.h: FORCE
	@mkdir -p $(@D)
	@echo '#define PAGODA_VERSION "$(FW_VERSION)"' > $@.tmp
	@cmp -s $@.tmp $@ && rm $@.tmp || mv $@.tmp $@
FORCE:

$(FW_BUILD)/obj/firmware/kernel/main.o: $(FW_BUILD)/version.h
$(FW_BUILD)/obj/firmware/kernel/main.o: FW_CFLAGS += -include $(FW_BUILD)/version.h

# The generated headers exist before any object is compiled; -MMD then tracks which ones it read.
$(FW_BUILD)/obj/%.o: %.c $(DEPS_STAMP) | $(REGS_STAMP)
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(FW_CC) $(FW_CFLAGS) -c $< -o $@

$(FW_BUILD)/obj/%.o: %.S $(DEPS_STAMP) | $(REGS_STAMP)
	@mkdir -p $(@D)
	@echo "  AS      $<"
	@$(FW_CC) $(FW_ASFLAGS) -c $< -o $@

$(FW_LDS): firmware/arch/riscv/firmware.ld $(REGS_MAP_H)
	@mkdir -p $(@D)
	@$(FW_CC) -E -P -x c -undef -I$(REGS_INC) $< -o $@

$(FW_ELF): $(FW_OBJS) $(FW_LDS)
	@echo "  LD      $@"
	@$(FW_CC) $(FW_LDFLAGS) $(FW_OBJS) $(FW_LIBGCC) -o $@
	$(CROSS)size $@

-include $(FW_OBJS:.o=.d)
