// SPDX-License-Identifier: BSD-2-Clause
/*
 * Main memory before the images are loaded. With LiteDRAM (BOOTROM_LITEDRAM: the board, and
 * MEM=litedram) it is LiteX's own calibration, liblitedram's sdram_init(), compiled from the
 * pinned litex package against the headers litedram_gen wrote for this controller. The 1-cycle
 * RAM of the default SoC has nothing to calibrate: that build says so and goes on.
 */
#include "bootrom.h"

#ifdef BOOTROM_LITEDRAM
#include <generated/csr.h>
#include <liblitedram/sdram.h>

/*
 * LiteX's memory test writes, calls flush_cpu_dcache(), then reads back. With the core's
 * write-back data cache (BOOTROM_DCACHE_BYTES: the build's SOC_DCACHE) the cache would answer
 * the reads and the test would pass on a dead DRAM. No instruction writes back and drops the
 * whole cache (Zicbom's work on one block, by address), so this displaces it: one load from
 * each line of the last BOOTROM_DCACHE_BYTES of DRAM, which the test never touches. That region
 * holds exactly WAYS lines of every set, and a set replaces its least recently used way, so
 * afterwards the cache holds only those clean lines: everything else was written back and dropped.
 */
void bootrom_dcache_flush(void)
{
	__asm__ volatile("fence" ::: "memory");
#if BOOTROM_DCACHE_BYTES > 0
	const volatile uint64_t *p = (const volatile uint64_t *)
		(MAIN_RAM_BASE + PAGODA_RAM_SIZE - BOOTROM_DCACHE_BYTES);

	for (unsigned long i = 0; i < BOOTROM_DCACHE_BYTES / 8; i += 64 / 8)
		(void)p[i];
	__asm__ volatile("fence" ::: "memory");
#endif
}

bool dram_init(void)
{
	uart_puts("dram: LiteDRAM calibration (liblitedram sdram_init)\n");
	return sdram_init() != 0;
}
#else
bool dram_init(void)
{
	uart_puts("dram: 1-cycle RAM, nothing to calibrate\n");
	return true;
}
#endif
