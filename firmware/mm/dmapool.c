// SPDX-License-Identifier: BSD-2-Clause
/*
 * DMA pools (Linux mm/dmapool.c): small blocks of one size carved from coherent pages, each
 * aligned as asked and never crossing a `boundary` (a device that cannot DMA across 4 KiB, say).
 * Blocks are laid out as Linux does: one after the other, skipping to the next boundary when a
 * block would cross it. Which blocks are live is kept in a bitmap per pool page, outside the
 * blocks (Linux keeps its free list inside them), so that a double free or a pointer into the
 * middle of a block is reported and changes nothing, whatever the device wrote. Pages stay with
 * the pool until it is destroyed, as in Linux; destroying a pool with live blocks is refused.
 */
#include <mm/dma-mapping.h>
#include <mm/mm.h>
#include <mm/slab.h>
#include <pagoda/bitmap.h>
#include <pagoda/printk.h>
#include <pagoda/string.h>
#include "dma_internal.h"

struct dma_page {
	struct list_head list;
	void *vaddr;
	dma_addr_t dma;
	unsigned int in_use;
	unsigned long busy[];		/* bit i: block i is allocated */
};

struct dma_pool {
	struct list_head pages;
	struct device *dev;
	spinlock_t lock;
	size_t size;			/* block stride: the size asked for, aligned up */
	size_t allocation;		/* bytes of one pool page (a coherent buffer) */
	size_t seg;			/* blocks restart at every seg bytes: min(boundary, allocation) */
	unsigned int seg_shift;		/* log2(seg) when blocks > 1 (seg is then a power of two) */
	unsigned int per_seg, blocks;
	/* ceil(2^32 / size) and ceil(2^32 / per_seg): quotients of numbers below 2^16 by a multiply,
	 * as SLUB's reciprocal_size (the core's divider takes tens of cycles). */
	u64 recip_size, recip_per_seg;
	unsigned long nr_pages;
	char name[32];
};

static bool is_pow2(size_t x)
{
	return x && !(x & (x - 1));
}

struct dma_pool *dma_pool_create(const char *name, struct device *dev, size_t size, size_t align,
				 size_t boundary)
{
	struct dma_pool *pool;

	if (!align)
		align = 1;
	if (!dev || !size || !is_pow2(align) || size > PAGE_SIZE << (MAX_ORDER - 1)) {
		dma_report(dev, "dma_pool_create(%s): %s", name ? name : "?",
		       !dev ? "no device" : !size ? "size 0" :
		       !is_pow2(align) ? "alignment not a power of two" : "size above one buddy block");
		return NULL;
	}
	size = ALIGN(size, align);
	if (boundary && (boundary < size || !is_pow2(boundary))) {
		dma_report(dev, "dma_pool_create(%s): boundary %zu: must be a power of two >= the block (%zu)",
		       name ? name : "?", boundary, size);
		return NULL;
	}
	pool = kzalloc(sizeof(*pool), GFP_KERNEL);
	if (!pool)
		return NULL;
	INIT_LIST_HEAD(&pool->pages);
	spin_lock_init(&pool->lock);
	if (name)
		memcpy(pool->name, name, min(strlen(name), sizeof(pool->name) - 1));
	pool->dev = dev;
	pool->size = size;
	pool->allocation = size > PAGE_SIZE ? ALIGN(size, PAGE_SIZE) : PAGE_SIZE;
	pool->seg = boundary && boundary < pool->allocation ? boundary : pool->allocation;
	pool->per_seg = pool->seg / size;
	pool->blocks = pool->allocation / pool->seg * pool->per_seg;
	while ((1UL << pool->seg_shift) < pool->seg)
		pool->seg_shift++;
	pool->recip_size = ((1ULL << 32) + size - 1) / size;
	pool->recip_per_seg = ((1ULL << 32) + pool->per_seg - 1) / pool->per_seg;
	return pool;
}

/* x / d for x, d < 2^16 with recip = ceil(2^32 / d): exact, since x * d < 2^32. */
static unsigned int quot(size_t x, u64 recip)
{
	return (unsigned int)((x * recip) >> 32);
}

static size_t block_offset(const struct dma_pool *pool, unsigned int i)
{
	unsigned int s = quot(i, pool->recip_per_seg);

	return ((size_t)s << pool->seg_shift) + (i - s * pool->per_seg) * pool->size;
}

/* A new pool page; pool->lock not held (the page allocator may be slow). */
static struct dma_page *pool_alloc_page(struct dma_pool *pool, gfp_t gfp)
{
	size_t words = BITS_TO_LONGS(pool->blocks);
	struct dma_page *page = kzalloc(sizeof(*page) + words * sizeof(long), gfp & ~__GFP_ZERO);

	if (!page)
		return NULL;
	page->vaddr = dma_alloc_coherent(pool->dev, pool->allocation, &page->dma, gfp & ~__GFP_ZERO);
	if (!page->vaddr) {
		kfree(page);
		return NULL;
	}
	return page;
}

static void *take_block(struct dma_pool *pool, struct dma_page *page, dma_addr_t *handle)
{
	unsigned int i = (unsigned int)find_next_zero_bit(page->busy, pool->blocks, 0);
	size_t off;

	if (i >= pool->blocks)
		return NULL;
	__set_bit(i, page->busy);
	page->in_use++;
	off = block_offset(pool, i);
	*handle = page->dma + off;
	return (char *)page->vaddr + off;
}

void *dma_pool_alloc(struct dma_pool *pool, gfp_t gfp, dma_addr_t *handle)
{
	struct dma_page *page, *fresh;
	unsigned long flags;
	void *p = NULL;

	*handle = DMA_MAPPING_ERROR;
	spin_lock_irqsave(&pool->lock, flags);
	list_for_each_entry(page, &pool->pages, list)
		if (page->in_use < pool->blocks && (p = take_block(pool, page, handle)))
			break;
	spin_unlock_irqrestore(&pool->lock, flags);
	if (!p) {
		fresh = pool_alloc_page(pool, gfp);
		if (!fresh)
			return NULL;
		spin_lock_irqsave(&pool->lock, flags);
		list_add(&fresh->list, &pool->pages);
		pool->nr_pages++;
		p = take_block(pool, fresh, handle);
		spin_unlock_irqrestore(&pool->lock, flags);
	}
	if (gfp & __GFP_ZERO)
		memset(p, 0, pool->size);
	return p;
}

/* The pool page holding vaddr, and the block index; pool->lock held. */
static struct dma_page *find_block(struct dma_pool *pool, void *vaddr, unsigned int *index)
{
	struct dma_page *page;

	list_for_each_entry(page, &pool->pages, list) {
		size_t off = (size_t)((char *)vaddr - (char *)page->vaddr), in_seg;
		unsigned int q;

		if ((char *)vaddr < (char *)page->vaddr || off >= pool->allocation)
			continue;
		if (pool->blocks == 1) {	/* one block: a page-multiple allocation */
			*index = 0;
			return off ? NULL : page;
		}
		in_seg = off & (pool->seg - 1);
		q = quot(in_seg, pool->recip_size);
		if (in_seg != q * pool->size || q >= pool->per_seg)
			return NULL;	/* inside the page, but not a block's start */
		*index = (unsigned int)(off >> pool->seg_shift) * pool->per_seg + q;
		return page;
	}
	return NULL;
}

void dma_pool_free(struct dma_pool *pool, void *vaddr, dma_addr_t dma)
{
	struct dma_page *page;
	unsigned long flags;
	unsigned int i = 0;
	const char *bad = NULL;

	spin_lock_irqsave(&pool->lock, flags);
	page = find_block(pool, vaddr, &i);
	if (!page)
		bad = "not a block of this pool";
	else if (page->dma + ((char *)vaddr - (char *)page->vaddr) != dma)
		bad = "the bus address is not the block's";
	else if (!test_bit(i, page->busy))
		bad = "block already free (double free)";
	if (!bad) {
		__clear_bit(i, page->busy);
		page->in_use--;
	}
	spin_unlock_irqrestore(&pool->lock, flags);
	if (bad)
		dma_report(pool->dev, "dma_pool_free %s, %p/0x%llx: %s", pool->name, vaddr,
		       (unsigned long long)dma, bad);
}

int dma_pool_destroy(struct dma_pool *pool)
{
	struct dma_page *page, *n;
	unsigned long live = 0;

	if (!pool)
		return 0;
	list_for_each_entry(page, &pool->pages, list)
		live += page->in_use;
	if (live) {
		dma_report(pool->dev, "dma_pool_destroy %s: %lu blocks still in use: refused, the pool stays",
		       pool->name, live);
		return DMA_EBUSY;
	}
	list_for_each_entry_safe(page, n, &pool->pages, list) {
		list_del(&page->list);
		dma_free_coherent(pool->dev, pool->allocation, page->vaddr, page->dma);
		kfree(page);
	}
	kfree(pool);
	return 0;
}
