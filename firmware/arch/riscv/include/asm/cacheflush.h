// SPDX-License-Identifier: BSD-2-Clause
/*
 * Data-cache operations on physical ranges for non-coherent DMA (mm/dma_noncoherent.c): loops of
 * Zicbom's cbo.clean / cbo.inval / cbo.flush over riscv,cbom-block-size lines, as Linux's
 * arch/riscv/mm/dma-noncoherent.c. Lowmem is reached through the identity map, HIGHMEM page by
 * page through kmap_local_pfn (arch/riscv/cacheflush.c). Without the DT property (QEMU, a core
 * without a data cache) there is nothing to maintain and these do nothing.
 */
#ifndef ASM_CACHEFLUSH_H
#define ASM_CACHEFLUSH_H

#include <pagoda/types.h>

enum cbo_op { CBO_INVAL = 0, CBO_CLEAN = 1, CBO_FLUSH = 2 };

void arch_cbo_range(phys_addr_t pa, size_t size, enum cbo_op op);

static inline void arch_dma_cache_clean(phys_addr_t pa, size_t size)
{
	arch_cbo_range(pa, size, CBO_CLEAN);
}

static inline void arch_dma_cache_inval(phys_addr_t pa, size_t size)
{
	arch_cbo_range(pa, size, CBO_INVAL);
}

static inline void arch_dma_cache_flush(phys_addr_t pa, size_t size)
{
	arch_cbo_range(pa, size, CBO_FLUSH);
}

#endif
