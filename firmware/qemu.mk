# SPDX-License-Identifier: BSD-2-Clause
# QEMU virt: `make qemu [BOOTARGS=...] [QEMU_SMP=n] [QEMU_NUMA=n]`, `make qemu-shell`.
# Both take ELF=, DTB= and OPENSBI= in place of the built firmware, QEMU's own device tree and
# Debian's OpenSBI; each file named is checked before anything is built (Makefile). `make qemu`
# fails unless the firmware exits 0 (make's "Error N" is its exit status; 124 = TIMEOUT passed).
QEMU_NUMA ?= 1
QEMU_FW    = $(or $(ELF),$(FW_ELF))
QEMU_RUN   = OPENSBI=$(call shell_quote,$(OPENSBI)) bash scripts/run-qemu.sh \
             -t $(call shell_quote,$(TIMEOUT)) -s $(call shell_quote,$(QEMU_SMP)) \
             -m $(call shell_quote,$(QEMU_MEM)) -n $(call shell_quote,$(QEMU_NUMA)) \
             $(if $(DTB),-d $(call shell_quote,$(DTB)))

.PHONY: qemu qemu-shell
qemu: $(if $(ELF),,$(FW_ELF))
	@$(QEMU_RUN) -a $(call shell_quote,$(value BOOTARGS)) $(call shell_quote,$(QEMU_FW))

# Interactive: no timeout, stdin goes to the firmware's shell; Ctrl-D on an empty line, or the end
# of piped input, ends the session.
qemu-shell: $(if $(ELF),,$(FW_ELF))
	@$(QEMU_RUN) -i -a $(call shell_quote,shell $(value BOOTARGS)) $(call shell_quote,$(QEMU_FW))
