// SPDX-License-Identifier: BSD-2-Clause
/*
 * Self-tests of the DMA API (dma_*) and kvmalloc (kvmalloc_*) on the booted machine (QEMU and the
 * SoC, with Sv39 or bare). A test device stands for a bus master: its window and masks are set
 * here; pgaccel's own device is tested in drivers/pgaccel_dma_selftest.c. Each test gives back
 * what it takes and checks that the page allocator got every page back; each bad call must be
 * reported (dma_debug_errors) and change nothing.
 */
#include <asm/page.h>
#include <asm/pgtable.h>
#include <mm/dma-mapping.h>
#include <mm/mm.h>
#include <mm/slab.h>
#include <mm/vmalloc.h>
#include <pagoda/printk.h>
#include <pagoda/selftest.h>
#include <pagoda/string.h>

static int shrink_one(struct kmem_cache *s, void *arg)
{
	(void)arg;
	kmem_cache_shrink(s);
	return 0;
}

static unsigned long free_pages_now(void)
{
	kmem_cache_for_each(shrink_one, NULL);
	drain_all_pages(NULL);
	return global_free_pages();
}

static struct device tdev;

SELFTEST(dma_coherent)
{
	static const size_t sizes[] = { 1, 4096, 5000, 64 << 10 };
	unsigned long before = free_pages_now();

	dma_device_init(&tdev, "selftest");
	for (unsigned int i = 0; i < ARRAY_SIZE(sizes); i++) {
		unsigned int order = get_order(sizes[i]);
		struct page *dirty = alloc_pages(GFP_KERNEL, order);
		dma_addr_t h;
		u8 *p;

		/* Dirty the block the buffer is likely to get, so that zeroing shows. */
		ST_ASSERT(dirty);
		memset(page_address(dirty), 0x5c, PAGE_SIZE << order);
		__free_pages(dirty, order);
		p = dma_alloc_coherent(&tdev, sizes[i], &h, GFP_KERNEL);
		ST_ASSERT(p);
		ST_ASSERT_EQ(h, arch_virt_to_phys(p));
		ST_ASSERT_EQ(h & ((PAGE_SIZE << order) - 1), 0);
		ST_ASSERT(h + sizes[i] - 1 <= DMA_BIT_MASK(32));
		for (size_t b = 0; b < PAGE_SIZE << order; b++)
			if (p[b])
				ST_FAIL("byte %zu of a %zu-byte buffer is 0x%x", b, sizes[i], p[b]);
		ST_ASSERT_EQ(dma_debug_live(&tdev), 1);
		dma_free_coherent(&tdev, sizes[i], p, h);
	}
	ST_ASSERT_EQ(dma_debug_live(&tdev), 0);
	ST_ASSERT_EQ(free_pages_now(), before);
	return 0;
}

SELFTEST(dma_coherent_errors)
{
	unsigned long before = free_pages_now(), err = dma_debug_errors();
	dma_addr_t h;
	void *p;

	dma_device_init(&tdev, "selftest");
	ST_ASSERT(!dma_alloc_coherent(&tdev, 0, &h, GFP_KERNEL));
	ST_ASSERT_EQ(h, DMA_MAPPING_ERROR);
	ST_ASSERT(!dma_alloc_coherent(&tdev, (PAGE_SIZE << (MAX_ORDER - 1)) + 1, &h, GFP_KERNEL));
	ST_ASSERT_EQ(dma_set_coherent_mask(&tdev, DMA_BIT_MASK(24)), DMA_EIO);	/* below RAM */
	ST_ASSERT_EQ(tdev.coherent_dma_mask, DMA_BIT_MASK(32));
	tdev.coherent_dma_mask = DMA_BIT_MASK(24);	/* forced: nothing reachable */
	ST_ASSERT(!dma_alloc_coherent(&tdev, 4096, &h, GFP_KERNEL));
	ST_ASSERT_EQ(dma_debug_errors(), err + 4);
	tdev.coherent_dma_mask = DMA_BIT_MASK(32);
	p = dma_alloc_coherent(&tdev, 8192, &h, GFP_KERNEL);
	ST_ASSERT(p);
	dma_free_coherent(&tdev, 4096, p, h);		/* wrong size: refused */
	ST_ASSERT_EQ(dma_debug_live(&tdev), 1);
	dma_free_coherent(&tdev, 8192, p, h);
	dma_free_coherent(&tdev, 8192, p, h);		/* double free: refused */
	ST_ASSERT_EQ(dma_debug_errors(), err + 6);
	ST_ASSERT_EQ(free_pages_now(), before);		/* freed once, not twice */
	return 0;
}

SELFTEST(dma_streaming)
{
	unsigned long err = dma_debug_errors(), before;
	struct page *pg;
	dma_addr_t a, b;
	u8 *buf;

	dma_device_init(&tdev, "selftest");
	/* vmalloc memory is not physically contiguous: refused (Sv39 only; bare has no vmalloc).
	 * First, as vmalloc keeps its page tables and frees lazily: the count starts after it. */
	if (sv39_enabled) {
		void *v = vmalloc(8192);

		ST_ASSERT(v);
		ST_ASSERT_EQ(dma_map_single(&tdev, v, 64, DMA_TO_DEVICE), DMA_MAPPING_ERROR);
		ST_ASSERT_EQ(dma_debug_errors(), ++err);
		vfree(v);
		vm_unmap_aliases();
	}
	before = free_pages_now();
	pg = alloc_pages(GFP_KERNEL, 1);
	buf = kmalloc(1024, GFP_KERNEL);
	ST_ASSERT(pg && buf);
	a = dma_map_single(&tdev, buf, 1024, DMA_TO_DEVICE);
	ST_ASSERT_EQ(a, arch_virt_to_phys(buf));
	b = dma_map_page(&tdev, pg, 16, 8000, DMA_FROM_DEVICE);
	ST_ASSERT_EQ(b, page_to_phys(pg) + 16);
	dma_sync_single_for_cpu(&tdev, b + 64, 64, DMA_FROM_DEVICE);
	dma_sync_single_for_device(&tdev, b, 8000, DMA_FROM_DEVICE);
	ST_ASSERT_EQ(dma_debug_errors(), err);
	/* Direction, size and double unmap mistakes: reported, the mapping kept. */
	dma_unmap_single(&tdev, a, 1024, DMA_FROM_DEVICE);
	dma_unmap_single(&tdev, a, 512, DMA_TO_DEVICE);
	dma_sync_single_for_cpu(&tdev, a, 1024, DMA_FROM_DEVICE);
	ST_ASSERT_EQ(dma_map_single(&tdev, buf, 16, DMA_NONE), DMA_MAPPING_ERROR);
	ST_ASSERT_EQ(dma_debug_errors(), err + 4);
	ST_ASSERT_EQ(dma_debug_live(&tdev), 2);
	dma_unmap_single(&tdev, a, 1024, DMA_TO_DEVICE);
	dma_unmap_page(&tdev, b, 8000, DMA_FROM_DEVICE);
	dma_unmap_page(&tdev, b, 8000, DMA_FROM_DEVICE);	/* not mapped any more */
	ST_ASSERT_EQ(dma_debug_errors(), err + 5);
	/* Outside the window: DMA_MAPPING_ERROR, no bounce; not counted as a bad call. */
	dma_set_window(&tdev, page_to_phys(pg) + PAGE_SIZE, PAGE_SIZE);
	a = dma_map_page(&tdev, pg, 0, 64, DMA_TO_DEVICE);
	ST_ASSERT(dma_mapping_error(&tdev, a));
	ST_ASSERT_EQ(tdev.dma_refused, 1);
	ST_ASSERT_EQ(dma_map_page(&tdev, pg, PAGE_SIZE - 8, 16, DMA_TO_DEVICE), DMA_MAPPING_ERROR);
	ST_ASSERT_EQ(dma_map_page(&tdev, pg, PAGE_SIZE, 64, DMA_TO_DEVICE), page_to_phys(pg) + PAGE_SIZE);
	dma_unmap_page(&tdev, page_to_phys(pg) + PAGE_SIZE, 64, DMA_TO_DEVICE);
	ST_ASSERT_EQ(dma_debug_errors(), err + 5);
	ST_ASSERT_EQ(dma_debug_live(&tdev), 0);
	kfree(buf);
	__free_pages(pg, 1);
	ST_ASSERT_EQ(free_pages_now(), before);
	return 0;
}

/* 48-byte blocks, 16-aligned, never across 256 bytes: the layout Linux's dmapool gives. */
SELFTEST(dma_pool)
{
	enum { N = 100 };
	static void *v[N];
	static dma_addr_t d[N];
	unsigned long err = dma_debug_errors(), before = free_pages_now();
	struct dma_pool *pool;

	dma_device_init(&tdev, "selftest");
	ST_ASSERT(!dma_pool_create("bad", &tdev, 100, 8, 64));		/* boundary < block */
	ST_ASSERT(!dma_pool_create("bad", &tdev, 64, 12, 0));		/* alignment */
	ST_ASSERT_EQ(dma_debug_errors(), err + 2);
	pool = dma_pool_create("sel48", &tdev, 48, 16, 256);
	ST_ASSERT(pool);
	for (int i = 0; i < N; i++) {
		v[i] = dma_pool_zalloc(pool, GFP_KERNEL, &d[i]);
		ST_ASSERT(v[i]);
		ST_ASSERT_EQ(d[i], arch_virt_to_phys(v[i]));
		ST_ASSERT_EQ(d[i] % 16, 0);
		ST_ASSERT(d[i] % 256 + 48 <= 256);
		for (int b = 0; b < 48; b++)
			ST_ASSERT_EQ(((u8 *)v[i])[b], 0);
		memset(v[i], 0xa0 + i, 48);
	}
	for (int i = 0; i < N; i++)
		for (int j = i + 1; j < N; j++)
			ST_ASSERT(d[i] + 48 <= d[j] || d[j] + 48 <= d[i]);
	ST_ASSERT_EQ(dma_debug_live(&tdev), 2);		/* 80 blocks per page */
	dma_pool_free(pool, (u8 *)v[3] + 16, d[3] + 16);	/* not a block start */
	dma_pool_free(pool, v[3], d[3]);
	dma_pool_free(pool, v[3], d[3]);			/* double free */
	ST_ASSERT_EQ(dma_pool_destroy(pool), DMA_EBUSY);	/* live blocks: refused */
	ST_ASSERT_EQ(dma_debug_errors(), err + 5);
	for (int i = 0; i < N; i++)
		if (i != 3) {
			ST_ASSERT_EQ(((u8 *)v[i])[47], (u8)(0xa0 + i));
			dma_pool_free(pool, v[i], d[i]);
		}
	ST_ASSERT_EQ(dma_pool_destroy(pool), 0);
	ST_ASSERT_EQ(dma_debug_live(&tdev), 0);
	ST_ASSERT_EQ(free_pages_now(), before);
	return 0;
}

SELFTEST(kvmalloc_kvfree)
{
	unsigned long before, bad;
	u8 *small, *mid, *big;

	/* vmalloc keeps the page tables it needed: have them before the count starts. */
	kvfree(kvmalloc(KMALLOC_MAX_SIZE + PAGE_SIZE, GFP_KERNEL));
	vm_unmap_aliases();
	before = free_pages_now();
	bad = slab_bad_count;
	small = kvmalloc(200, GFP_KERNEL);
	mid = kvzalloc(64 << 10, GFP_KERNEL);
	ST_ASSERT(small && mid);
	ST_ASSERT(!is_vmalloc_addr(small) && !is_vmalloc_addr(mid));	/* kmalloc while it can */
	for (int i = 0; i < 64 << 10; i++)
		ST_ASSERT_EQ(mid[i], 0);
	/* Beyond KMALLOC_MAX_SIZE only vmalloc can serve: with Sv39 it does, bare it cannot. */
	big = kvzalloc(KMALLOC_MAX_SIZE + PAGE_SIZE, GFP_KERNEL);
	if (sv39_enabled) {
		ST_ASSERT(big && is_vmalloc_addr(big));
		for (unsigned long i = 0; i < KMALLOC_MAX_SIZE + PAGE_SIZE; i += 509)
			ST_ASSERT_EQ(big[i], 0);
	} else {
		ST_ASSERT(!big);
	}
	ST_ASSERT(!kvmalloc_array(~0UL / 2, 4, GFP_KERNEL));		/* overflow: reported */
	ST_ASSERT_EQ(slab_bad_count, bad + 1);
	kvfree(small);
	kvfree(mid);
	kvfree(big);
	vm_unmap_aliases();
	ST_ASSERT_EQ(free_pages_now(), before);
	return 0;
}
