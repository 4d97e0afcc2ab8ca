// SPDX-License-Identifier: BSD-2-Clause
/*
 * Cache maintenance around DMA for non-coherent devices: Linux's arch_sync_dma_for_device/
 * for_cpu and arch_dma_prep_coherent (arch/riscv/mm/dma-noncoherent.c). Which operation each
 * direction needs is the same on every write-back cache, so it lives here, portable, and the host
 * tests run this very code; the operations themselves are the arch's (asm/cacheflush.h):
 *   to the device:   clean before it reads (the CPU's dirty lines must reach memory);
 *   from the device: clean before (no dirty line may be written back over what the device
 *                    writes; Linux RISC-V does the same) and invalidate after (the CPU must not
 *                    read stale lines it fetched, even speculatively, while the device wrote);
 *   bidirectional:   flush (clean + invalidate) before, invalidate after.
 * A core that never fills a line it was not asked to (cpu_needs_post_dma_inval() false: no
 * speculation, no prefetch) cannot refetch a buffer the device owns, since the API forbids the
 * CPU to touch it: there the lines are dropped before the device writes (flush instead of clean)
 * and nothing is done after, as MIPS does on such cores (cpu_needs_post_dma_flush()). Same
 * work before, none after: what a completion costs the CPU is gone.
 * On RISC-V they are Zicbom's cbo.clean / cbo.inval / cbo.flush over the core's write-back data
 * cache (arch/riscv/cmo.c), and nothing when the DT offers no Zicbom (QEMU, a cacheless core).
 */
#include <asm/cacheflush.h>
#include <mm/dma-mapping.h>
#include <mm/mm.h>

__hot void arch_sync_dma_for_device(phys_addr_t paddr, size_t size, enum dma_data_direction dir)
{
	switch (dir) {
	case DMA_TO_DEVICE:
		arch_dma_cache_clean(paddr, size);
		break;
	case DMA_FROM_DEVICE:
		if (cpu_needs_post_dma_inval())
			arch_dma_cache_clean(paddr, size);
		else
			arch_dma_cache_flush(paddr, size);
		break;
	case DMA_BIDIRECTIONAL:
		arch_dma_cache_flush(paddr, size);
		break;
	default:
		break;	/* the API refused it before */
	}
}

__hot void arch_sync_dma_for_cpu(phys_addr_t paddr, size_t size, enum dma_data_direction dir)
{
	if (!cpu_needs_post_dma_inval())
		return;	/* dropped before the device wrote, and never refilled since */
	switch (dir) {
	case DMA_FROM_DEVICE:
	case DMA_BIDIRECTIONAL:
		arch_dma_cache_inval(paddr, size);
		break;
	default:
		break;	/* the device only read: the CPU's lines are still right */
	}
}

/* A coherent buffer of a non-coherent device: its zeroes must be in memory, and no line of it
 * left in the cache (once caches exist it also needs an uncached mapping: docs/mm.md "DMA"). */
void arch_dma_prep_coherent(struct page *page, size_t size)
{
	arch_dma_cache_flush(page_to_phys(page), size);
}
