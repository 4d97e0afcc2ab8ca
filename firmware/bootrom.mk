# SPDX-License-Identifier: BSD-2-Clause
# The serial-boot ROM (firmware/bootrom, docs/fpga.md "Boot"): built at build time and turned into
# the ROM's initial contents, $(BOOTROM_HEX) ($readmemh, 64-bit words) with its size in words in
# $(BOOTROM_WORDS) (pagoda_soc's BOOT_INIT and BOOT_ROM_WORDS). With MEM=litedram it calls
# liblitedram's sdram_init() (the litedram build adds it); with the 1-cycle RAM there is nothing to
# calibrate. BOOTROM_SRAM_BYTES is the scratch SRAM it gets (BOOT_RAM_WORDS * 8).

# MEM=litedram: the ROM calls liblitedram's sdram_init(), compiled here from the pinned litex
# package (never copied into the tree) against the headers litedram_gen wrote for the controller:
# BOOTROM_PHY=sim (default: the PHY model) or a7 (the board's PHY). Its CSR_BASE is the map's
# DRAMCTRL window (rtl/regs/dramctrl.rdl: PAGODA_DRAMCTRL_BASE of regs/pagoda_map.h, which every
# object of this build includes), where the SoC puts LiteDRAM's wb_ctrl (rtl/mem/pagoda_dram_csr.sv).
ifeq ($(MEM),litedram)
BOOTROM_PHY   ?= sim
BOOTROM_BUILD := $(BUILD)/bootrom-$(BOOTROM_PHY)
BOOTROM_SRAM_BYTES ?= 8192
LITEX_SW      := $(VENV)/lib/python3.11/site-packages/litex/soc/software
# (rtl/mem/mem.mk's names are not defined yet where this fragment is read)
BOOTROM_GEN   := $(BUILD)/litedram/$(BOOTROM_PHY)/software/include
BOOTROM_GEN_DEPS := $(BUILD)/litedram/$(BOOTROM_PHY)/gateware/litedram_core.v
BOOTROM_LITEX_SRCS := $(LITEX_SW)/liblitedram/sdram.c $(LITEX_SW)/liblitedram/accessors.c \
                      $(LITEX_SW)/libbase/memtest.c
# MAIN_RAM_BASE is an unsigned long, as LiteX's generated mem.h has it: sdram_init() prints it
# with %lx, and a 32-bit 0x80000000 arrives sign-extended in an RV64 register (0xffffffff80000000).
BOOTROM_EXTRA_CFLAGS = -DBOOTROM_LITEDRAM -include regs/pagoda_map.h -DCSR_BASE=PAGODA_DRAMCTRL_BASE \
                       '-DMAIN_RAM_BASE=(0UL + PAGODA_RAM_BASE)' -Ifirmware/bootrom/litedram/include \
                       -I$(LITEX_SW)/include -I$(LITEX_SW) -I$(BOOTROM_GEN) \
                       -DBOOTROM_DCACHE_BYTES=$(SOC_DCACHE)
BOOTROM_EXTRA_OBJS = $(patsubst %.c,$(BOOTROM_BUILD)/litex/%.o,$(notdir $(BOOTROM_LITEX_SRCS))) \
                     $(BOOTROM_BUILD)/obj/litedram/printf.o $(BOOTROM_BUILD)/obj/litedram/litex_glue.o
# LiteX's sources as they are: its own warnings are not ours to fix (-w), and memtest.c gets the
# timer0 it expects from a SoC (firmware/bootrom/litedram/include/timer0.h). Calibration and its
# printf for size (-Os), not speed: they run once, before the line matters, and at -O2 the A7
# image passed 1024 words, which doubled the ROM's block RAM (docs/fpga.md).
# The source is found when the recipe runs, not as a prerequisite: on a fresh tree the venv that
# holds it is made during this same make run (by BOOTROM_GEN_DEPS's generator), after make would
# have globbed a prerequisite and found no rule. The venv's version is in BOOTROM_GEN_DEPS. Our
# headers that LiteX's sources include (system.h's cache flush) are named here, not through .d
# files, which would name the source's path in the venv (gone when the venv moves).
BOOTROM_LITEX_HDRS := $(wildcard firmware/bootrom/litedram/include/*.h)
$(BOOTROM_BUILD)/litex/%.o: $(BOOTROM_GEN_DEPS) $(BOOTROM_LITEX_HDRS) | $(REGS_STAMP)
	@src=$$(ls $(LITEX_SW)/*/$*.c 2>/dev/null | head -1); \
	test -n "$$src" || { echo "bootrom: $*.c not found in the litex package ($(LITEX_SW))" >&2; exit 2; }; \
	mkdir -p $(@D); \
	echo "  CC      $$src (litex package)"; \
	$(FW_CC) $(BOOTROM_CFLAGS) -Os -w -include firmware/bootrom/litedram/include/timer0.h \
		-c $$src -o $@
$(BOOTROM_BUILD)/obj/litedram/%.o: firmware/bootrom/litedram/%.c $(BOOTROM_GEN_DEPS) | $(REGS_STAMP)
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(FW_CC) $(BOOTROM_CFLAGS) -Os -c $< -o $@
else
BOOTROM_BUILD := $(BUILD)/bootrom
BOOTROM_SRAM_BYTES ?= 4096
endif
BOOTROM_ELF   := $(BOOTROM_BUILD)/bootrom.elf
BOOTROM_BIN   := $(BOOTROM_BUILD)/bootrom.bin
BOOTROM_HEX   := $(BOOTROM_BUILD)/bootrom.hex
BOOTROM_WORDS := $(BOOTROM_BUILD)/bootrom.words
BOOTROM_SRCS  := $(sort $(wildcard firmware/bootrom/*.c firmware/bootrom/*.S))
BOOTROM_OBJS  := $(patsubst firmware/bootrom/%,$(BOOTROM_BUILD)/obj/%.o,$(basename $(BOOTROM_SRCS)))
BOOTROM_CFLAGS = $(FW_ARCH) -std=gnu11 -O2 -g -ffreestanding -fno-common -fno-stack-protector \
                 -fno-pic -nostdlib -Wall -Wextra -Werror -Wno-unused-parameter \
                 -I$(REGS_INC) $(SOC_CPPDEFS) $(BOOTROM_EXTRA_CFLAGS) -MMD -MP
BOOTROM_LDS   := $(BOOTROM_BUILD)/bootrom.ld

.PHONY: bootrom
bootrom: $(BOOTROM_HEX)

$(BOOTROM_BUILD)/obj/%.o: firmware/bootrom/%.c $(DEPS_STAMP) $(SOC_CONFIG) $(BOOTROM_GEN_DEPS) | $(REGS_STAMP)
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(FW_CC) $(BOOTROM_CFLAGS) -c $< -o $@

$(BOOTROM_BUILD)/obj/%.o: firmware/bootrom/%.S $(DEPS_STAMP) | $(REGS_STAMP)
	@mkdir -p $(@D)
	@echo "  AS      $<"
	@$(FW_CC) $(BOOTROM_CFLAGS) -D__ASSEMBLER__ -c $< -o $@

$(BOOTROM_LDS): firmware/bootrom/bootrom.ld $(REGS_MAP_H)
	@mkdir -p $(@D)
	@$(FW_CC) -E -P -x c -undef -I$(REGS_INC) -DBOOTROM_SRAM_USED=$(BOOTROM_SRAM_BYTES) $< -o $@

$(BOOTROM_ELF): $(BOOTROM_OBJS) $(BOOTROM_EXTRA_OBJS) $(BOOTROM_LDS)
	@echo "  LD      $@"
	@$(FW_CC) $(FW_ARCH) -nostdlib -static -Wl,--no-warn-rwx-segments -T $(BOOTROM_LDS) \
		$(BOOTROM_OBJS) $(BOOTROM_EXTRA_OBJS) $(FW_LIBGCC) -o $@

$(BOOTROM_HEX): $(BOOTROM_ELF) scripts/bootrom/bin2memh.py $(REGS_MAP_H)
	@$(CROSS)objcopy -O binary $< $(BOOTROM_BIN)
	@$(PYTHON) scripts/bootrom/bin2memh.py $(BOOTROM_BIN) $@ $(BOOTROM_WORDS) \
		$$(awk '/define PAGODA_BOOTROM_ROM_SIZE/ {print $$3}' $(REGS_MAP_H))
	@echo "  ROM     $@ ($$(cat $(BOOTROM_WORDS)) words)"
$(BOOTROM_WORDS): $(BOOTROM_HEX)

-include $(BOOTROM_OBJS:.o=.d)

# ---------------------------------------------------------------- the host side
# make load PORT=/dev/ttyUSB1 [BOOTARGS=...] [LOAD_BAUD=115200] [LOAD_SAFE=1]: the images from the
# memory map (scripts/bootrom/images.py) sent with litex_term from the venv to a board whose
# serial-boot ROM is waiting. LOAD_SAFE=1 sends one frame at a time (slower, for a poor line).
# The board is the MEM=litedram tree's SoC (256 MiB of DDR3, the data cache: fpga/arty.mk), so
# its firmware and DTB are the ones sent, whatever MEM the caller gave; the images are made there
# under the tree's lock, litex_term (which stays on as the board's terminal) runs outside it.
LOAD_BUILD := $(if $(filter litedram,$(MEM)),$(BUILD),$(BUILD)/mem-litedram)
LOAD_DIR   ?= $(LOAD_BUILD)/load
LOAD_BAUD ?= 115200
LOAD_SAFE ?= 0
# Before anything is built: PORT given and naming something (the Makefile checks OPENSBI= etc.).
# The rest (a terminal we may open, pyserial in the venv) is load_check.py's, once the venv exists.
ifneq ($(filter load,$(MAKECMDGOALS)),)
ifeq ($(strip $(PORT)),)
$(error usage: make load PORT=/dev/ttyUSB1 [BOOTARGS=...] [LOAD_BAUD=115200] [LOAD_SAFE=1] (the board's USB-UART))
endif
ifeq ($(shell test -e $(call shell_quote,$(PORT)) && echo yes),)
$(error PORT=$(PORT): no such file (is the board plugged in? its UART is usually /dev/ttyUSB1))
endif
endif
.PHONY: load load-images
load: $(DEPS_STAMP)
	@$(VENV)/bin/python scripts/bootrom/load_check.py $(call shell_quote,$(PORT))
ifeq ($(MEM),litedram)
	@$(MAKE) --no-print-directory load-images
else
	@mkdir -p $(dir $(MEM_LITEDRAM_LOCK))
	@flock $(MEM_LITEDRAM_LOCK) $(MAKE) --no-print-directory MEM=litedram \
		BUILD=$(call shell_quote,$(LOAD_BUILD)) load-images
endif
	@echo "load: $(LOAD_DIR)/images.json -> $(PORT) at $(LOAD_BAUD) baud; reset the board if it does not answer"
	$(VENV)/bin/litex_term $(call shell_quote,$(PORT)) --speed $(call shell_quote,$(LOAD_BAUD)) \
		--images $(LOAD_DIR)/images.json $(if $(filter 1,$(LOAD_SAFE)),--safe)

# the board's images (OpenSBI, the firmware's segments, the DTB with BOOTARGS) in $(LOAD_DIR)
load-images: $(SOC_FW_ELF) $(SOC_DTB) $(REGS_MAP_H) $(DEPS_STAMP)
	@rm -rf $(LOAD_DIR)
	@$(PYTHON) scripts/bootrom/images.py $(LOAD_DIR) $(REGS_MAP_H) $(call shell_quote,$(OPENSBI)) \
		$(SOC_FW_ELF) $(SOC_DTB) $(if $(value BOOTARGS),$(call shell_quote,$(value BOOTARGS)))

# C lint of the ROM's own sources (the litex package's are LiteX's).
LINT_TARGETS += lint-bootrom
.PHONY: lint-bootrom
lint-bootrom: $(DEPS_STAMP) $(REGS_STAMP)
	cppcheck --quiet --error-exitcode=1 --enable=warning,portability --std=c11 \
		--suppress=missingIncludeSystem -I$(REGS_INC) -D__riscv -DPAGODA_PGACCEL \
		firmware/bootrom
