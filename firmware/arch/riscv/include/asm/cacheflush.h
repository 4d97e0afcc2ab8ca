// SPDX-License-Identifier: BSD-2-Clause
/*
 * Data-cache operations on physical ranges for non-coherent DMA (mm/dma_noncoherent.c): loops of
 * cbo.clean / cbo.inval / cbo.flush over riscv,cbom-block-size blocks when the DT offers Zicbom,
 * nothing otherwise (arch/riscv/cmo.c). Also page clearing with cbo.zero (Zicboz).
 */
#ifndef ASM_CACHEFLUSH_H
#define ASM_CACHEFLUSH_H

#include <pagoda/types.h>

void arch_dma_cache_clean(phys_addr_t pa, size_t size);
void arch_dma_cache_inval(phys_addr_t pa, size_t size);
void arch_dma_cache_flush(phys_addr_t pa, size_t size);
/* Whether a buffer the device wrote must be invalidated after the DMA: yes unless every hart is
 * a core without speculative or prefetching fills (boot_info.cpus_no_spec_fill, from the DT). */
bool cpu_needs_post_dma_inval(void);

void cbo_zero_block(void *va);	/* the block holding va; only when boot_info.cboz_block_size */
void clear_page(void *page);	/* cbo.zero loop when Zicboz is offered, else stores */

#endif
