# SPDX-License-Identifier: BSD-2-Clause
# Linux 6.1 on Pagoda (docs/linux.md).
#   make linux         the kernel (Debian's linux-source-6.1, linux/pagoda.config) with a built-in
#                      initramfs (linux/init, the modules of linux/modules and dmatest) ->
#                      $(LINUX_ELF), the Image in an ELF that loads at 0x8020_0000
#   make linux-sim     boot it on the SoC simulator: OpenSBI, then Linux, then /init's result
#   make linux-qemu    boot it on QEMU virt without F/D/H (exit status = /init's result)
#   LINUX_BOOTARGS=... replaces the command line; BOOTARGS=... is appended to it.
# The kernel sources are never in the repository: Debian's package installs the tarball
# (scripts/deps.sh) and it is unpacked into $(LINUX_BUILD)/linux. Nothing rebuilds when nothing
# changed.
#
# One kernel for every SoC: memory, caches and devices come from the device tree (Zicbom's cache
# maintenance is patched in at boot only where the cpu node's riscv,isa names it), so the kernel
# does not depend on MEM. It is built in the default tree, LINUX_BUILD: $(BUILD) when MEM=ram, else
# $(TOP)/build. A MEM= tree (litedram, dramfast) builds no kernel of its own: it asks the default
# tree to bring its kernel up to date, under LINUX_LOCK, since two such makes (two MEM= trees, or
# the suites of one `make MEM=... test -j2`) may ask at once, and boots that kernel with its own
# simulator and DTB.

LINUX_PKG       := linux-source-6.1
LINUX_TARBALL   ?= /usr/src/$(LINUX_PKG).tar.xz
LINUX_BUILD     ?= $(if $(filter ram,$(MEM)),$(BUILD),$(TOP)/build)
LINUX_LOCK      := $(LINUX_BUILD)/.linux.lock
LINUX_DIR       := $(LINUX_BUILD)/linux
LINUX_SRC       := $(LINUX_DIR)/$(LINUX_PKG)
LINUX_UNPACKED  := $(LINUX_SRC)/.pagoda-unpacked
LINUX_OBJ       := $(LINUX_DIR)/obj
LINUX_CROSS     ?= riscv64-linux-gnu-
LINUX_MAKE       = $(MAKE) --no-print-directory -C $(LINUX_SRC) O=$(LINUX_OBJ) ARCH=riscv \
                   CROSS_COMPILE=$(LINUX_CROSS)
LINUX_FRAGS     := linux/pagoda.config
LINUX_CONFIG    := $(LINUX_OBJ)/.config
LINUX_HDRS      := $(LINUX_DIR)/headers
LINUX_INIT      := $(LINUX_DIR)/init
LINUX_MODS_SRC  := $(sort $(wildcard linux/modules/*.c linux/modules/*.h)) linux/modules/Kbuild
LINUX_MODS_DIR  := $(LINUX_DIR)/modules
LINUX_KOS       := $(patsubst linux/modules/%.c,$(LINUX_MODS_DIR)/%.ko,$(wildcard linux/modules/*.c)) \
                   $(LINUX_OBJ)/drivers/dma/dmatest.ko
LINUX_LIST      := $(LINUX_DIR)/initramfs.list
LINUX_IMAGE     := $(LINUX_OBJ)/arch/riscv/boot/Image
LINUX_ELF       := $(LINUX_DIR)/Image.elf
LINUX_BOOTARGS  ?= earlycon=sbi console=ttyS0
# The bound of a boot on the SoC simulator: the 1-cycle RAM's, and the DRAM SoC's (MEM= trees,
# and tests/linux/linux.mk's linux-sim-dram), where the boot takes ~2.5x the cycles (docs/linux.md).
LINUX_DRAM_CYCLES ?= 1000000000
LINUX_SIM_CYCLES ?= $(if $(filter ram,$(MEM)),300000000,$(LINUX_DRAM_CYCLES))

# The init: static, no libc but the kernel's nolibc, RV64IMAC with the soft-float ABI.
LINUX_INIT_CFLAGS := -Os -static -nostdlib -ffreestanding -fno-stack-protector \
                     -fno-asynchronous-unwind-tables -march=rv64imac_zicsr_zifencei -mabi=lp64 \
                     -Wall -Werror -include $(LINUX_SRC)/tools/include/nolibc/nolibc.h \
                     -I $(LINUX_OBJ)/usr/include

.PHONY: linux linux-sim linux-qemu linux-config
linux: $(LINUX_ELF)
linux-config: $(LINUX_CONFIG)

ifneq ($(LINUX_BUILD),$(BUILD))
# A MEM= tree: the default tree's kernel, brought up to date there (a no-op when it is).
.PHONY: linux-force
linux-force:
$(LINUX_ELF) $(LINUX_CONFIG): linux-force
	@mkdir -p $(LINUX_BUILD)
	@flock $(LINUX_LOCK) $(MAKE) --no-print-directory -C $(TOP) MEM=ram BUILD=$(LINUX_BUILD) $@
else
$(LINUX_TARBALL): | $(DEPS_STAMP)
	@test -f $@ || { echo "linux: $@ missing: install $(LINUX_PKG) (scripts/deps.sh)"; exit 1; }

# A new package version unpacks afresh (and so rebuilds everything).
$(LINUX_UNPACKED): $(LINUX_TARBALL)
	@echo "  UNPACK  $(LINUX_PKG) $$(dpkg-query -W -f='$${Version}' $(LINUX_PKG)) -> $(LINUX_SRC)"
	@rm -rf $(LINUX_SRC) $(LINUX_OBJ) && mkdir -p $(LINUX_DIR)
	@tar -C $(LINUX_DIR) -xf $<
	@dpkg-query -W -f='$${Version}\n' $(LINUX_PKG) > $(LINUX_DIR)/package-version
	@touch $@

# allnoconfig + the fragment (+ the initramfs list's path), then every request is checked.
$(LINUX_CONFIG): $(LINUX_FRAGS) linux/check-config.sh $(LINUX_UNPACKED)
	@mkdir -p $(LINUX_OBJ)
	@printf 'CONFIG_INITRAMFS_SOURCE="%s"\nCONFIG_INITRAMFS_COMPRESSION_NONE=y\n' \
		$(LINUX_LIST) > $(LINUX_DIR)/paths.config
	@echo "  CONFIG  $(LINUX_FRAGS) on allnoconfig"
	@cd $(LINUX_SRC) && ARCH=riscv CROSS_COMPILE=$(LINUX_CROSS) scripts/kconfig/merge_config.sh \
		-n -O $(LINUX_OBJ) $(abspath $(LINUX_FRAGS)) $(LINUX_DIR)/paths.config \
		> $(LINUX_DIR)/config.log 2>&1 || { cat $(LINUX_DIR)/config.log; exit 1; }
	@bash linux/check-config.sh $(LINUX_FRAGS) $(LINUX_DIR)/paths.config -- $@ || \
		{ rm -f $@; exit 1; }

# The UAPI headers nolibc needs, in the object tree (`make headers`: headers_install would need rsync).
$(LINUX_HDRS)/.stamp: $(LINUX_CONFIG)
	@$(LINUX_MAKE) headers > $(LINUX_DIR)/headers.log 2>&1 || { cat $(LINUX_DIR)/headers.log; exit 1; }
	@mkdir -p $(@D) && touch $@

$(LINUX_INIT): linux/init/init.c $(LINUX_HDRS)/.stamp
	@echo "  CC      $@ (nolibc)"
	@$(LINUX_CROSS)gcc $(LINUX_INIT_CFLAGS) -o $@ $< -lgcc

# 1. the kernel and dmatest.ko, with an initramfs of whatever exists yet;
# 2. the out-of-tree modules, against that tree (copied out: kbuild writes next to the sources);
# 3. the initramfs with every module, and the Image again (only usr/ and the link are redone);
# 4. the ELF wrapper. The wall time of the whole step goes to $(LINUX_DIR)/build-seconds.
$(LINUX_ELF): $(LINUX_CONFIG) $(LINUX_INIT) $(LINUX_MODS_SRC) linux/initramfs.sh linux/image.lds \
		$(REGS_MAP_H)
	@t0=$$(date +%s); \
	bash linux/initramfs.sh --lenient $(LINUX_LIST) $(LINUX_INIT) $(LINUX_KOS) && \
	echo "  KERNEL  Image modules (log: $(LINUX_DIR)/build.log)" && \
	$(LINUX_MAKE) -j$(JOBS) Image modules > $(LINUX_DIR)/build.log 2>&1 && \
	rm -rf $(LINUX_MODS_DIR) && mkdir -p $(LINUX_MODS_DIR) && \
	cp $(LINUX_MODS_SRC) $(LINUX_MODS_DIR)/ && \
	echo "  MODULES $(LINUX_MODS_DIR)" && \
	$(LINUX_MAKE) M=$(LINUX_MODS_DIR) PAGODA_REGS_INC=$(REGS_INC) W=1 modules \
		>> $(LINUX_DIR)/build.log 2>&1 && \
	bash linux/initramfs.sh $(LINUX_LIST) $(LINUX_INIT) $(LINUX_KOS) && \
	$(LINUX_MAKE) -j$(JOBS) Image >> $(LINUX_DIR)/build.log 2>&1 || \
		{ tail -40 $(LINUX_DIR)/build.log; exit 1; }; \
	echo $$(( $$(date +%s) - t0 )) > $(LINUX_DIR)/build-seconds
	@cd $(LINUX_OBJ)/arch/riscv/boot && $(LINUX_CROSS)objcopy -I binary -O elf64-littleriscv \
		-B riscv Image $(LINUX_DIR)/Image.o
	@cpp -P -undef -x c -I$(REGS_INC) linux/image.lds -o $(LINUX_DIR)/image.lds
	@$(LINUX_CROSS)ld -m elf64lriscv --no-warn-rwx-segments -T $(LINUX_DIR)/image.lds \
		$(LINUX_DIR)/Image.o -o $@.tmp
	@mv $@.tmp $@
	@echo "linux: $@ ($$(stat -c %s $(LINUX_IMAGE)) bytes of Image, built in $$(cat $(LINUX_DIR)/build-seconds) s)"
endif

# The UART's log is the tree's own: a MEM= tree boots the default tree's kernel, not in its folder.
LINUX_SIM_RUN = $(SIM_BIN) +opensbi=$(OPENSBI) +firmware=$(LINUX_ELF) +dtb=$(SOC_DTB) \
                +uart-log=$(BUILD)/linux-sim-uart.log
LINUX_QEMU_RUN = bash scripts/run-qemu.sh -t $(TIMEOUT) -m $(QEMU_MEM)

linux-sim: $(SIM_BIN) $(SOC_DTB) $(LINUX_ELF)
	@$(LINUX_SIM_RUN) +max-cycles=$(LINUX_SIM_CYCLES) +bootargs="$(LINUX_BOOTARGS) $(BOOTARGS)"

linux-qemu: $(LINUX_ELF)
	@$(LINUX_QEMU_RUN) -a "$(LINUX_BOOTARGS) $(BOOTARGS)" $(LINUX_ELF)
