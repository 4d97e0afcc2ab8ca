// SPDX-License-Identifier: BSD-2-Clause
/*
 * The serial-boot ROM's flow (docs/fpga.md "Boot"): lock pgaccel's DMA window as the default
 * ROM does (docs/boot.md "DMA protection"), bring DRAM up, load OpenSBI, the firmware and the DTB
 * over the UART (sfl.c), then enter OpenSBI in M-mode by the fw_dynamic contract: a0 = hartid,
 * a1 = the DTB, a2 = the fw_dynamic_info below, handing over to the firmware in S-mode.
 */
#include "bootrom.h"

struct fw_dynamic_info {
	unsigned long magic;
	unsigned long version;
	unsigned long next_addr;
	unsigned long next_mode;
	unsigned long options;
	unsigned long boot_hart;
};

#define FW_DYNAMIC_INFO_MAGIC	0x4942534fUL	/* "OSBI" */
#define FW_DYNAMIC_NEXT_MODE_S	1UL

/* In the SRAM: OpenSBI reads it at its entry, before anything can overwrite it. */
static struct fw_dynamic_info fw_info;

typedef void (*opensbi_entry_t)(unsigned long hartid, unsigned long fdt,
				const struct fw_dynamic_info *info);

/* Only the firmware's region and above for pgaccel: the rest may be OpenSBI's (fw_dynamic). */
static void dma_window_lock(void)
{
#ifdef PAGODA_PGACCEL
	volatile uint64_t *win_base = (uint64_t *)(uintptr_t)(PAGODA_PGACCEL_BASE +
							      PGACCEL_WIN_BASE_OFFSET);
	volatile uint64_t *win_end = (uint64_t *)(uintptr_t)(PAGODA_PGACCEL_BASE +
							     PGACCEL_WIN_END_OFFSET);
	volatile uint64_t *win_ctrl = (uint64_t *)(uintptr_t)(PAGODA_PGACCEL_BASE +
							      PGACCEL_WIN_CTRL_OFFSET);

	*win_base = FW_NEXT_ADDR;
	*win_end = RAM_END;
	*win_ctrl = 1u << PGACCEL_WIN_CTRL_LOCK_LSB;
#endif
}

void bootrom_main(void)
{
	unsigned long hartid;
	uint64_t entry;

	dma_window_lock();
	uart_init();
	uart_puts("\nPagoda serial-boot ROM\n");
	if (!dram_init()) {
		uart_puts("boot: DRAM did not come up; stopped\n");
		for (;;)
			__asm__ volatile("wfi");
	}
	entry = sfl_boot();

	fw_info.magic = FW_DYNAMIC_INFO_MAGIC;
	fw_info.version = 2;
	fw_info.next_addr = FW_NEXT_ADDR;
	fw_info.next_mode = FW_DYNAMIC_NEXT_MODE_S;
	fw_info.options = 0;
	fw_info.boot_hart = 0;
	uart_puts("boot: jumping to ");
	uart_puthex(entry);
	uart_puts(" (fw_dynamic, DTB at ");
	uart_puthex(DTB_ADDR);
	uart_puts(")\n");
	uart_drain();

	/* the images were written through the data port: make them visible to fetch */
	__asm__ volatile("fence.i" ::: "memory");
	__asm__ volatile("csrr %0, mhartid" : "=r"(hartid));
	((opensbi_entry_t)(uintptr_t)entry)(hartid, DTB_ADDR, &fw_info);
	for (;;)
		;
}
