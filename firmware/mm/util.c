// SPDX-License-Identifier: BSD-2-Clause
/*
 * kvmalloc and friends (Linux mm/util.c): memory that is physically contiguous when the page
 * allocator has a block to spare and virtually contiguous otherwise, for callers that only need
 * the CPU to see it as one range (never for DMA: the DMA API refuses vmalloc addresses).
 */
#include <mm/mm.h>
#include <mm/slab.h>
#include <mm/vmalloc.h>
#include <pagoda/printk.h>
#include "slab.h"

/* Linux refuses more than INT_MAX bytes (a size that large is a bug, not a request). */
#define KVMALLOC_MAX ((size_t)0x7fffffff)

void *kvmalloc_node(size_t size, gfp_t gfp, int node)
{
	gfp_t kmalloc_gfp = gfp;
	void *p;

	/* vmalloc allocates its page tables and page array with GFP_KERNEL. */
	if ((gfp & GFP_KERNEL) != GFP_KERNEL)
		return kmalloc_node(size, gfp, node);
	if (size > PAGE_SIZE) {
		/* A big contiguous block is a luxury here: fail fast and quietly, vmalloc follows. */
		kmalloc_gfp |= __GFP_NOWARN;
		if (!(kmalloc_gfp & __GFP_RETRY_MAYFAIL))
			kmalloc_gfp |= __GFP_NORETRY;
		kmalloc_gfp &= ~__GFP_NOFAIL;
	}
	/* Above KMALLOC_MAX_SIZE kmalloc can only refuse (and report it): go straight on. */
	if (size <= KMALLOC_MAX_SIZE) {
		p = kmalloc_node(size, kmalloc_gfp, node);
		if (p || size <= PAGE_SIZE)
			return p;
	}
	if (size > KVMALLOC_MAX) {
		if (!(gfp & __GFP_NOWARN))
			slab_report(NULL, NULL, _RET_IP_, "kvmalloc of %zu bytes: more than INT_MAX", size);
		return NULL;
	}
	/* Linux's __vmalloc_node: HIGHMEM pages serve unless the caller asked for a DMA zone. The
	 * vmalloc range is not per node: the node is a hint kmalloc alone takes. */
	if (!(gfp & (__GFP_DMA | __GFP_DMA32)))
		gfp |= __GFP_HIGHMEM;
	return __vmalloc(size, gfp & ~(__GFP_NORETRY | __GFP_RETRY_MAYFAIL | __GFP_NOWARN));
}

void *kvmalloc_array(size_t n, size_t size, gfp_t gfp)
{
	size_t bytes;

	if (__builtin_mul_overflow(n, size, &bytes)) {
		slab_report(NULL, NULL, _RET_IP_, "kvmalloc_array/kvcalloc: %zu * %zu bytes overflows",
			    n, size);
		return NULL;
	}
	return kvmalloc(bytes, gfp);
}

void kvfree(const void *p)
{
	if (is_vmalloc_addr(p))
		vfree(p);
	else
		kfree(p);
}
