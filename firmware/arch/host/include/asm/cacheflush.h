// SPDX-License-Identifier: BSD-2-Clause
/* Host build: the cache operations of non-coherent DMA go to a hook that tests set to record
 * them (tests/mm/test_dma.c checks the sequence around every transfer); NULL does nothing. */
#ifndef ASM_CACHEFLUSH_H
#define ASM_CACHEFLUSH_H

#include <pagoda/types.h>

enum host_cache_op { HOST_CACHE_CLEAN, HOST_CACHE_INVAL, HOST_CACHE_FLUSH };
extern void (*host_cache_hook)(enum host_cache_op op, phys_addr_t pa, size_t size);
/* Whether the modelled CPU may fill lines speculatively (true, the safe default; tests clear it). */
extern bool host_cpu_spec_fill;

static inline bool cpu_needs_post_dma_inval(void)
{
	return host_cpu_spec_fill;
}

static inline void arch_dma_cache_clean(phys_addr_t pa, size_t size)
{
	if (host_cache_hook)
		host_cache_hook(HOST_CACHE_CLEAN, pa, size);
}

static inline void arch_dma_cache_inval(phys_addr_t pa, size_t size)
{
	if (host_cache_hook)
		host_cache_hook(HOST_CACHE_INVAL, pa, size);
}

static inline void arch_dma_cache_flush(phys_addr_t pa, size_t size)
{
	if (host_cache_hook)
		host_cache_hook(HOST_CACHE_FLUSH, pa, size);
}

#endif
