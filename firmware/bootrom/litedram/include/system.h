/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What liblitedram (litex/soc/software, compiled from the pinned package) expects of LiteX's
 * per-CPU system.h, for Pagoda's core in the serial-boot ROM: the data cache written back and
 * emptied (bootrom_dcache_flush(), dram.c: memtest.c reads back what it wrote only after this),
 * no L2, fence.i for the instruction cache, a nop for cdelay().
 */
#ifndef PAGODA_BOOTROM_LITEX_SYSTEM_H
#define PAGODA_BOOTROM_LITEX_SYSTEM_H

#define CONFIG_CPU_NOP "nop"

static inline void flush_cpu_icache(void) { __asm__ volatile("fence.i" ::: "memory"); }
void bootrom_dcache_flush(void);
static inline void flush_cpu_dcache(void) { bootrom_dcache_flush(); }
static inline void flush_l2_cache(void) { }

#endif
