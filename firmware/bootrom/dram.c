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
