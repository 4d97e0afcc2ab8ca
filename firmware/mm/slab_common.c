// SPDX-License-Identifier: BSD-2-Clause
/*
 * The kmalloc family (Linux mm/slab_common.c): size classes over the slab caches of mm/slub.c,
 * and compound pages from the page allocator above the largest class.
 *
 * Classes: 8, 16, 32, 64, 96, 128, 192, 256 ... 8192 bytes (KMALLOC_SHIFT_HIGH = PAGE_SHIFT + 1,
 * as SLUB), one set each for normal, __GFP_RECLAIMABLE and GFP_DMA requests. Larger requests up to
 * KMALLOC_MAX_SIZE (an order MAX_ORDER-1 block, 4 MiB) are __GFP_COMP pages marked in the head
 * page; anything larger fails with a report.
 */
#include <pagoda/printk.h>
#include <pagoda/string.h>
#include <mm/mm.h>
#include <mm/slab.h>
#include "internal.h"
#include "slab.h"

struct kmem_cache *kmalloc_caches[NR_KMALLOC_TYPES][KMALLOC_SHIFT_HIGH + 1];

/* Class index of sizes 1..192 by (size - 1) / 8: 96 and 192 are indexes 1 and 2 (Linux's). */
static const u8 size_index[24] = {
	3, 4, 5, 5, 6, 6, 6, 6, 1, 1, 1, 1, 7, 7, 7, 7, 2, 2, 2, 2, 2, 2, 2, 2,
};

static const char *const kmalloc_names[NR_KMALLOC_TYPES][KMALLOC_SHIFT_HIGH + 1] = {
	{ NULL, "kmalloc-96", "kmalloc-192", "kmalloc-8", "kmalloc-16", "kmalloc-32", "kmalloc-64",
	  "kmalloc-128", "kmalloc-256", "kmalloc-512", "kmalloc-1k", "kmalloc-2k", "kmalloc-4k",
	  "kmalloc-8k" },
	{ NULL, "kmalloc-rcl-96", "kmalloc-rcl-192", "kmalloc-rcl-8", "kmalloc-rcl-16",
	  "kmalloc-rcl-32", "kmalloc-rcl-64", "kmalloc-rcl-128", "kmalloc-rcl-256", "kmalloc-rcl-512",
	  "kmalloc-rcl-1k", "kmalloc-rcl-2k", "kmalloc-rcl-4k", "kmalloc-rcl-8k" },
	{ NULL, "dma-kmalloc-96", "dma-kmalloc-192", "dma-kmalloc-8", "dma-kmalloc-16",
	  "dma-kmalloc-32", "dma-kmalloc-64", "dma-kmalloc-128", "dma-kmalloc-256", "dma-kmalloc-512",
	  "dma-kmalloc-1k", "dma-kmalloc-2k", "dma-kmalloc-4k", "dma-kmalloc-8k" },
	{ NULL, "kmalloc-cg-96", "kmalloc-cg-192", "kmalloc-cg-8", "kmalloc-cg-16",
	  "kmalloc-cg-32", "kmalloc-cg-64", "kmalloc-cg-128", "kmalloc-cg-256", "kmalloc-cg-512",
	  "kmalloc-cg-1k", "kmalloc-cg-2k", "kmalloc-cg-4k", "kmalloc-cg-8k" },
};
_Static_assert(KMALLOC_SHIFT_HIGH == 13, "kmalloc_names lists classes up to 8 KiB");

/* And of 193..8192 by (size - 1) / 128: no count-leading-zeros instruction without Zbb. */
static const u8 size_index_hi[64] = {
	[1] = 8, [2 ... 3] = 9, [4 ... 7] = 10, [8 ... 15] = 11, [16 ... 31] = 12, [32 ... 63] = 13,
};

static __always_inline unsigned int kmalloc_index(size_t size)
{
	if (size <= 192)
		return size_index[(size - 1) / 8];
	return size_index_hi[(size - 1) / 128];
}

static __always_inline enum kmalloc_cache_type kmalloc_type(gfp_t gfp)
{
	if (likely(!(gfp & (__GFP_DMA | __GFP_DMA32 | __GFP_RECLAIMABLE | __GFP_ACCOUNT))))
		return KMALLOC_NORMAL;
	/* Linux 6.1's order: DMA, then RECLAIMABLE, before ACCOUNT (dma and reclaimable kmallocs
	 * are not charged there either). */
	if (gfp & (__GFP_DMA | __GFP_DMA32))
		return KMALLOC_DMA;
	return (gfp & __GFP_RECLAIMABLE) ? KMALLOC_RECLAIM : KMALLOC_CGROUP;
}

struct kmem_cache *kmalloc_slab(size_t size, gfp_t gfp)
{
	if (!size || size > KMALLOC_MAX_CACHE_SIZE)
		return NULL;
	return kmalloc_caches[kmalloc_type(gfp)][kmalloc_index(size)];
}

static void *kmalloc_large(size_t size, gfp_t gfp, int node, unsigned long caller)
{
	unsigned int order;
	struct page *page;

	if (unlikely(size > KMALLOC_MAX_SIZE)) {
		slab_report(NULL, NULL, caller, "kmalloc of %zu bytes: more than KMALLOC_MAX_SIZE (%lu)",
			    size, KMALLOC_MAX_SIZE);
		return NULL;
	}
	if (unlikely(gfp & (__GFP_HIGHMEM | __GFP_MOVABLE))) {
		printk("warning: kmalloc: unexpected gfp %#x (HIGHMEM/MOVABLE dropped: kmalloc memory "
		       "is lowmem)\n", gfp);
		__atomic_add_fetch(&mm_bad_gfp_count, 1, __ATOMIC_RELAXED);
		gfp &= ~(__GFP_HIGHMEM | __GFP_MOVABLE);
	}
	order = get_order(size);
	/* __GFP_ZERO stays: the page allocator zeroes through mm_zero_pages(). */
	page = node == NUMA_NO_NODE ? alloc_pages(gfp | __GFP_COMP, order)
				    : alloc_pages_node(node, gfp | __GFP_COMP, order);
	if (!page)
		return NULL;
	page->index = KMALLOC_LARGE_MAGIC;
	return page_address(page);
}

static __always_inline void *kmalloc_common(size_t size, gfp_t gfp, int node, unsigned long caller)
{
	if (unlikely(size > KMALLOC_MAX_CACHE_SIZE))
		return kmalloc_large(size, gfp, node, caller);
	if (unlikely(!size))
		return ZERO_SIZE_PTR;
	return slab_alloc_node(kmalloc_caches[kmalloc_type(gfp)][kmalloc_index(size)], gfp, node,
			       caller);
}

static __noinline void *kmalloc_full(size_t size, gfp_t gfp, unsigned long caller)
{
	return kmalloc_common(size, gfp, NUMA_NO_NODE, caller);
}

/* kmalloc() of a size or flags the compiler did not know: the class by table, then the call-free
 * fast path for sizes 1..8192 with plain flags, else the full path. */
__fastpath_leaf void *__kmalloc(size_t size, gfp_t gfp)
{
	if (likely(size - 1 < KMALLOC_MAX_CACHE_SIZE && !(gfp & KMALLOC_NOT_FAST_GFP))) {
		struct kmem_cache *s = kmalloc_caches[KMALLOC_NORMAL][kmalloc_index(size)];
		void *obj = cpu_freelist_pop(this_cpu_slab(s), 0);

		if (likely(obj))
			return obj;
	}
	return kmalloc_full(size, gfp, leaf_ret_ip());
}

void *kmalloc_node(size_t size, gfp_t gfp, int node)
{
	if (node != NUMA_NO_NODE && (node < 0 || node >= MAX_NUMNODES || !node_data[node].online)) {
		slab_report(NULL, NULL, _RET_IP_, "kmalloc_node on node %d, which is not online", node);
		return NULL;
	}
	return kmalloc_common(size, gfp, node, _RET_IP_);
}

void *kmalloc_array(size_t n, size_t size, gfp_t gfp)
{
	size_t bytes;

	if (unlikely(__builtin_mul_overflow(n, size, &bytes))) {
		slab_report(NULL, NULL, _RET_IP_, "kmalloc_array/kcalloc: %zu * %zu bytes overflows", n,
			    size);
		return NULL;
	}
	return kmalloc_common(bytes, gfp, NUMA_NO_NODE, _RET_IP_);
}

/* The head page of a large kmalloc, or NULL after a report. */
static struct page *large_kmalloc_page(const void *p, const char *who, unsigned long caller)
{
	struct page *page = virt_to_head_page(p);

	if (page->index == KMALLOC_LARGE_MAGIC && PageHead(page) && page_ref_count(page) > 0 &&
	    page_address(page) == p)
		return page;
	if (page_ref_count(page) == 0 || PageBuddy(page))
		slab_report(NULL, p, caller, "%s: double free or free of unallocated memory (pages "
			    "are free)", who);
	else
		slab_report(NULL, p, caller, "%s of a pointer that kmalloc did not return", who);
	return NULL;
}

/* Everything kfree's fast path did not recognise: large kmallocs and bad pointers. */
static __noinline void kfree_slow(const void *p, unsigned long caller)
{
	struct page *page;

	if (unlikely(!virt_addr_valid(p))) {
		slab_report(NULL, p, caller, "kfree of a pointer outside the direct map");
		return;
	}
	page = virt_to_head_page(p);
	if (unlikely(!PageSlab(page))) {
		page = large_kmalloc_page(p, "kfree", caller);
		if (page) {
			page->index = 0;
			__free_pages(page, compound_order(page));
		}
		return;
	}
	page = slab_check_free_slow(NULL, p, "kfree", caller);
	if (page)
		slab_free(page->slab_cache, page, (void *)p, caller);
}

static __always_inline void __kfree(const void *p, unsigned long caller)
{
	struct page *slab;

	if (unlikely(ZERO_OR_NULL_PTR(p)))
		return;
	slab = slab_page_fast(p);
	if (likely(slab))
		slab_free(slab->slab_cache, slab, (void *)p, caller);
	else
		kfree_slow(p, caller);
}

static __noinline void kfree_full(const void *p, unsigned long caller)
{
	__kfree(p, caller);
}

__fastpath_leaf void kfree(const void *p)
{
	struct page *slab = slab_page_fast(p);	/* NULL for NULL and ZERO_SIZE_PTR */

	if (likely(slab && slab_free_fast(slab->slab_cache, slab, (void *)p)))
		return;
	kfree_full(p, leaf_ret_ip());
}

static size_t __ksize(const void *p, unsigned long caller)
{
	struct page *page;

	if (unlikely(ZERO_OR_NULL_PTR(p)))
		return 0;
	if (unlikely(!virt_addr_valid(p))) {
		slab_report(NULL, p, caller, "ksize of a pointer outside the direct map");
		return 0;
	}
	page = virt_to_head_page(p);
	if (!PageSlab(page)) {
		page = large_kmalloc_page(p, "ksize", caller);
		return page ? PAGE_SIZE << compound_order(page) : 0;
	}
	page = slab_check_free_slow(NULL, p, "ksize", caller);
	return page ? page->slab_cache->object_size : 0;
}

size_t ksize(const void *p)
{
	return __ksize(p, _RET_IP_);
}

/* Linux semantics: NULL behaves as kmalloc, size 0 frees; on failure p is untouched and NULL is
 * returned. Shrinking in place keeps the old bytes beyond new_size as they were. */
void *krealloc(const void *p, size_t new_size, gfp_t gfp)
{
	size_t ks;
	void *ret;

	if (ZERO_OR_NULL_PTR(p))
		return kmalloc_common(new_size, gfp, NUMA_NO_NODE, _RET_IP_);
	if (!new_size) {
		__kfree(p, _RET_IP_);
		return ZERO_SIZE_PTR;
	}
	ks = __ksize(p, _RET_IP_);
	if (!ks)
		return NULL;
	if (new_size <= ks)
		return (void *)p;
	ret = kmalloc_common(new_size, gfp, NUMA_NO_NODE, _RET_IP_);
	if (!ret)
		return NULL;
	memcpy(ret, p, ks);
	__kfree(p, _RET_IP_);
	return ret;
}

void kmalloc_init(void)
{
	static const slab_flags_t type_flags[NR_KMALLOC_TYPES] = {
		0, SLAB_RECLAIM_ACCOUNT, SLAB_CACHE_DMA, SLAB_ACCOUNT,
	};
	slab_flags_t debug = slub_debug ? SLAB_RED_ZONE | SLAB_POISON | SLAB_CONSISTENCY_CHECKS : 0;
	struct kmem_cache *boot;

	/* Before the buddy lists are filled: no page is in use by the slab after boot. */
	boot = memblock_alloc(sizeof(*boot) * NR_KMALLOC_TYPES * KMALLOC_SHIFT_HIGH, 64);
	if (!boot)
		panic("kmalloc: no memory for the kmalloc caches");
	for (int t = 0; t < NR_KMALLOC_TYPES; t++)
		for (unsigned int i = 1; i <= KMALLOC_SHIFT_HIGH; i++) {
			unsigned int size = i == 1 ? 96 : i == 2 ? 192 : 1u << i;

			kmalloc_caches[t][i] = boot++;
			create_boot_cache(kmalloc_caches[t][i], kmalloc_names[t][i], size,
					  type_flags[t] | debug);
		}
}
