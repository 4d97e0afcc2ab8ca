# QEMU virt: `make qemu [BOOTARGS=...] [QEMU_SMP=n] [QEMU_NUMA=n]`.
QEMU_NUMA ?= 1
QEMU_RUN = bash scripts/run-qemu.sh -t $(TIMEOUT) -s $(QEMU_SMP) -m $(QEMU_MEM) -n $(QEMU_NUMA)

.PHONY: qemu qemu-shell
qemu: $(FW_ELF)
	@$(QEMU_RUN) -a "$(BOOTARGS)" $(FW_ELF)

# Interactive: no timeout, stdin goes to the firmware's shell (Ctrl-D on an empty line exits).
qemu-shell: $(FW_ELF)
	@$(QEMU_RUN) -i -a "shell $(BOOTARGS)" $(FW_ELF)
