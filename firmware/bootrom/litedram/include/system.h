/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What liblitedram (litex/soc/software, compiled from the pinned package) expects of LiteX's
 * per-CPU system.h, for Pagoda's core in the serial-boot ROM: no cache to flush (the ROM runs
 * before any is enabled, and the core's data path to DRAM is uncached), a nop for cdelay().
 */
#ifndef PAGODA_BOOTROM_LITEX_SYSTEM_H
#define PAGODA_BOOTROM_LITEX_SYSTEM_H

#define CONFIG_CPU_NOP "nop"

static inline void flush_cpu_icache(void) { __asm__ volatile("fence.i" ::: "memory"); }
static inline void flush_cpu_dcache(void) { __asm__ volatile("fence" ::: "memory"); }
static inline void flush_l2_cache(void) { }

#endif
