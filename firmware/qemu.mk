# QEMU virt: `make qemu [BOOTARGS=...] [QEMU_SMP=n] [QEMU_NUMA=n]`, `make qemu-shell`.
# Both take ELF=, DTB= and OPENSBI= in place of the built firmware, QEMU's own device tree and
# Debian's OpenSBI; each file named is checked before anything runs. `make qemu` fails unless the
# firmware exits 0 (make's "Error N" is its exit status; 124 = TIMEOUT seconds passed).
QEMU_NUMA ?= 1
QEMU_FW    = $(or $(ELF),$(FW_ELF))
QEMU_CHECK = $(call need_file,OPENSBI)$(if $(ELF), && $(call need_file,ELF))$(if $(DTB), && \
             $(call need_file,DTB))
QEMU_RUN   = OPENSBI=$(call shell_quote,$(OPENSBI)) bash scripts/run-qemu.sh -t $(TIMEOUT) \
             -s $(QEMU_SMP) -m $(QEMU_MEM) -n $(QEMU_NUMA) $(if $(DTB),-d $(call shell_quote,$(DTB)))

.PHONY: qemu qemu-shell
qemu: $(if $(ELF),,$(FW_ELF))
	@$(QEMU_CHECK)
	@$(QEMU_RUN) -a $(call shell_quote,$(BOOTARGS)) $(call shell_quote,$(QEMU_FW))

# Interactive: no timeout, stdin goes to the firmware's shell; Ctrl-D on an empty line, or the end
# of piped input, ends the session.
qemu-shell: $(if $(ELF),,$(FW_ELF))
	@$(QEMU_CHECK)
	@$(QEMU_RUN) -i -a $(call shell_quote,shell $(BOOTARGS)) $(call shell_quote,$(QEMU_FW))
