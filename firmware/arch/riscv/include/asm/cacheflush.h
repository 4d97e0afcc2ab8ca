// SPDX-License-Identifier: BSD-2-Clause
/*
 * Data-cache operations on physical ranges for non-coherent DMA (mm/dma_noncoherent.c). The core
 * has no data cache yet, so there is nothing to clean or invalidate: memory is always what the
 * CPU last wrote. Issue 14 adds caches with Zicbom; these become loops of cbo.clean / cbo.inval /
 * cbo.flush over riscv,cbom-block-size lines (through the direct map or a kmap for HIGHMEM).
 */
#ifndef ASM_CACHEFLUSH_H
#define ASM_CACHEFLUSH_H

#include <pagoda/types.h>

static inline void arch_dma_cache_clean(phys_addr_t pa, size_t size) { (void)pa; (void)size; }
static inline void arch_dma_cache_inval(phys_addr_t pa, size_t size) { (void)pa; (void)size; }
static inline void arch_dma_cache_flush(phys_addr_t pa, size_t size) { (void)pa; (void)size; }

#endif
