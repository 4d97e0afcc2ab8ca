// SPDX-License-Identifier: BSD-2-Clause
/* cmocka unit tests of the DMA API (firmware/mm/dma_mapping.c, dmapool.c, dma_noncoherent.c) and
 * kvmalloc (mm/util.c) on the host build of the page allocator. The cache maintenance of
 * non-coherent devices is checked through a recording hook (asm/cacheflush.h): each transfer is
 * replayed as "CPU writes, device reads/writes, CPU reads" events in the same log, and the test
 * requires a clean covering the buffer before the device reads it and an invalidate covering it
 * after the device wrote and before the CPU reads. Every error case checks that it was reported
 * and that nothing changed (mappings, free pages, live blocks). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <asm/cacheflush.h>
#include <mm/dma-mapping.h>
#include <mm/slab.h>
#include <mm/vmalloc.h>
#include "mmt.h"
#include "printk_capture.h"

extern unsigned long host_vmalloc_live;

/* ------------------------------------------------------------------ the event log */

enum ev { EV_CLEAN = HOST_CACHE_CLEAN, EV_INVAL = HOST_CACHE_INVAL, EV_FLUSH = HOST_CACHE_FLUSH,
	  EV_ZERO, EV_DEV_READ, EV_DEV_WRITE, EV_CPU_READ };
struct event {
	enum ev ev;
	phys_addr_t pa;
	size_t size;
};
static struct event log_[64];
static unsigned int nlog;

static void record(enum ev ev, phys_addr_t pa, size_t size)
{
	assert_true(nlog < 64);
	log_[nlog++] = (struct event){ ev, pa, size };
}

static void cache_hook(enum host_cache_op op, phys_addr_t pa, size_t size)
{
	record((enum ev)op, pa, size);
}

static void zero_hook(struct page *page, unsigned int order)
{
	record(EV_ZERO, page_to_phys(page), PAGE_SIZE << order);
	mm_sw_zero_pages(page, order);
}

static const struct mm_zero_ops zero_ops = { .name = "test", .zero_pages = zero_hook };

/* Index of the first event of one of the kinds in mask covering [pa, pa + size) at or after
 * from, or -1. */
static int find_cover(unsigned int from, unsigned int mask, phys_addr_t pa, size_t size)
{
	for (unsigned int i = from; i < nlog; i++)
		if ((mask >> log_[i].ev & 1) && log_[i].pa <= pa && pa + size <= log_[i].pa + log_[i].size)
			return (int)i;
	return -1;
}

static int find_ev(enum ev ev)
{
	for (unsigned int i = 0; i < nlog; i++)
		if (log_[i].ev == ev)
			return (int)i;
	return -1;
}

#define CACHE_OPS (1u << EV_CLEAN | 1u << EV_INVAL | 1u << EV_FLUSH)
#define WRITES_BACK (1u << EV_CLEAN | 1u << EV_FLUSH)
#define DROPS (1u << EV_INVAL | 1u << EV_FLUSH)

static int count_cache_ops(void)
{
	int n = 0;

	for (unsigned int i = 0; i < nlog; i++)
		n += (CACHE_OPS >> log_[i].ev) & 1;
	return n;
}

/* ------------------------------------------------------------------ set-up */

static struct device dev;

static void boot(void)
{
	struct mmt_cfg c = { "", 1, 64, true };

	unlisten();
	host_printk_enabled = 0;
	host_cpu_id = 0;
	host_cache_hook = NULL;
	host_cpu_spec_fill = true;
	assert_int_equal(mmt_boot(&c), 0);
	dma_device_init(&dev, "testdev");
	nlog = 0;
}

static unsigned long free_now(void)
{
	drain_all_pages(NULL);
	return global_free_pages();
}

/* Free pages once the slab caches these tests use (kmalloc-64 .. 8k, the pool's structs)
 * hold a slab each, so that kmalloc + kfree in a test balances against it. */
static unsigned long free_baseline(void)
{
	static const size_t sizes[] = { 64, 128, 256, 1024, 2048, 4096, 8192 };
	void *p[7];

	for (int i = 0; i < 7; i++)
		p[i] = kmalloc(sizes[i], GFP_KERNEL);
	for (int i = 0; i < 7; i++)
		kfree(p[i]);
	return free_now();
}

static void *arena_buf(size_t size)
{
	void *p = kmalloc(size, GFP_KERNEL);

	assert_non_null(p);
	return p;
}

/* ------------------------------------------------------------------ masks and windows */

static void t_masks(void **state)
{
	unsigned long err;

	(void)state;
	boot();
	listen();
	err = dma_debug_errors();
	assert_int_equal(dma_set_mask(&dev, DMA_BIT_MASK(24)), DMA_EIO);	/* below RAM */
	assert_int_equal(dma_set_coherent_mask(&dev, 0x80ffffeULL), DMA_EIO);	/* not all of ZONE_DMA */
	assert_int_equal(dma_debug_errors(), err + 2);
	assert_non_null(strstr(said, "does not reach ZONE_DMA"));
	assert_int_equal(*dev.dma_mask, DMA_BIT_MASK(32));	/* unchanged */
	assert_int_equal(dev.coherent_dma_mask, DMA_BIT_MASK(32));
	assert_int_equal(dma_set_mask_and_coherent(&dev, 0x80ffffffULL), 0);	/* ZONE_DMA's end */
	assert_int_equal(*dev.dma_mask, 0x80ffffffULL);
	assert_int_equal(dma_set_mask_and_coherent(&dev, DMA_BIT_MASK(64)), 0);
	assert_int_equal(dma_set_window(&dev, 0x80000000, 0), DMA_EINVAL);
	assert_int_equal(dma_set_window(&dev, ~0ULL - 4095, 8192), DMA_EINVAL);
	assert_int_equal(dev.dma_window_end, ~0ULL);	/* unchanged */
	assert_int_equal(dma_set_window(&dev, 0x80200000, 0x100000), 0);
	assert_true(dma_capable(&dev, 0x80200000, 0x100000, false));
	assert_false(dma_capable(&dev, 0x801ffff8, 16, false));		/* across the start */
	assert_false(dma_capable(&dev, 0x802ffff8, 16, false));		/* across the end */
	assert_false(dma_capable(&dev, ~0ULL - 7, 16, false));		/* wraps */
	dma_set_mask(&dev, DMA_BIT_MASK(32));
	dma_set_window(&dev, 0, 1ULL << 33);
	assert_true(dma_capable(&dev, 0xfffff000, 4096, false));
	assert_false(dma_capable(&dev, 0xfffff000, 4097, false));	/* past the mask */
	unlisten();
}

/* ------------------------------------------------------------------ coherent buffers */

static void t_coherent_alloc(void **state)
{
	static const size_t sizes[] = { 1, 100, 4096, 4097, 3 * 4096, 1UL << 22 };
	unsigned long before;

	(void)state;
	boot();
	mm_register_zero_ops(&zero_ops);
	before = free_now();
	for (unsigned int i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		unsigned int order = get_order(sizes[i]);
		dma_addr_t h = 0;
		u8 *p;

		/* Dirty what the buffer will get, so that zeroing is seen. */
		struct page *pg = alloc_pages(GFP_KERNEL, order);

		assert_non_null(pg);
		memset(page_address(pg), 0xee, PAGE_SIZE << order);
		__free_pages(pg, order);
		nlog = 0;
		p = dma_alloc_coherent(&dev, sizes[i], &h, GFP_KERNEL | __GFP_HIGHMEM | __GFP_ZERO);
		assert_non_null(p);
		assert_int_equal(h, arch_virt_to_phys(p));
		assert_int_equal(h % (PAGE_SIZE << order), 0);	/* one buddy block */
		assert_true(h + sizes[i] - 1 <= DMA_BIT_MASK(32));
		assert_false(PageHighMem(virt_to_page(p)));
		for (size_t b = 0; b < PAGE_SIZE << order; b++)
			assert_int_equal(p[b], 0);
		/* Zeroed through mm_zero_pages(), the whole block, once; a coherent device: no cache op. */
		assert_int_equal(nlog, 1);
		assert_int_equal(log_[0].ev, EV_ZERO);
		assert_int_equal(log_[0].pa, h);
		assert_int_equal(log_[0].size, PAGE_SIZE << order);
		assert_int_equal(dma_debug_live(&dev), 1);
		dma_free_coherent(&dev, sizes[i], p, h);
		assert_int_equal(dma_debug_live(&dev), 0);
		assert_int_equal(free_now(), before);
	}
	mm_register_zero_ops(NULL);
}

static void t_coherent_errors(void **state)
{
	unsigned long before, err;
	dma_addr_t h, h2;
	void *p;

	(void)state;
	boot();
	before = free_baseline();
	listen();
	err = dma_debug_errors();
	h = 0;
	assert_null(dma_alloc_coherent(&dev, 0, &h, GFP_KERNEL));
	assert_int_equal(h, DMA_MAPPING_ERROR);
	assert_null(dma_alloc_coherent(&dev, (1UL << 22) + 1, &h, GFP_KERNEL));	/* > one block */
	assert_int_equal(dma_debug_errors(), err + 2);
	assert_non_null(strstr(said, "must be 1 .. 4194304"));
	/* A mask below RAM (set directly: dma_set_coherent_mask refuses it) reaches nothing. */
	dev.coherent_dma_mask = DMA_BIT_MASK(31);
	assert_null(dma_alloc_coherent(&dev, 4096, &h, GFP_KERNEL));
	assert_non_null(strstr(said, "no lowmem below mask"));
	dev.coherent_dma_mask = DMA_BIT_MASK(32);
	/* A window wholly in HIGHMEM: no CPU address possible. */
	dma_set_window(&dev, (phys_addr_t)max_low_pfn << PAGE_SHIFT, 1 << 20);
	assert_null(dma_alloc_coherent(&dev, 4096, &h, GFP_KERNEL));
	/* A window the allocator does not hand out from (OpenSBI's reserved region): refused. */
	dma_set_window(&dev, 0x80000000, 0x80000);
	assert_null(dma_alloc_coherent(&dev, 4096, &h, GFP_KERNEL));
	assert_non_null(strstr(said, "no free block the device reaches"));
	assert_int_equal(free_now(), before);
	dma_device_init(&dev, "testdev");

	/* Bad frees: each reported, the buffer still live and still freeable afterwards. */
	p = dma_alloc_coherent(&dev, 8192, &h, GFP_KERNEL);
	assert_non_null(p);
	err = dma_debug_errors();
	dma_free_coherent(&dev, 4096, p, h);			/* wrong size */
	dma_free_coherent(&dev, 8192, (char *)p + 4096, h + 4096);	/* not its start */
	dma_free_coherent(&dev, 8192, p, h + 8);		/* handle not the CPU address's */
	assert_int_equal(dma_debug_errors(), err + 3);
	assert_int_equal(dma_debug_live(&dev), 1);
	assert_int_equal(free_now(), before - 2);
	dma_free_coherent(&dev, 8192, p, h);
	assert_int_equal(free_now(), before);
	said_len = 0;
	dma_free_coherent(&dev, 8192, p, h);			/* double free */
	assert_int_equal(dma_debug_errors(), err + 4);
	assert_non_null(strstr(said, "double free?"));
	assert_int_equal(free_now(), before);			/* nothing freed twice */
	/* Freed through another device: not that device's buffer. */
	{
		struct device other;

		dma_device_init(&other, "other");
		p = dma_alloc_coherent(&dev, 4096, &h, GFP_KERNEL);
		dma_free_coherent(&other, 4096, p, h);
		assert_int_equal(dma_debug_errors(), err + 5);
		assert_int_equal(dma_debug_live(&dev), 1);
		dma_free_coherent(&dev, 4096, p, h);
	}
	/* Streaming mapping released with the coherent call, and the reverse. */
	p = arena_buf(256);
	h = dma_map_single(&dev, p, 256, DMA_TO_DEVICE);
	dma_free_coherent(&dev, 256, p, h);	/* not page aligned: refused before the lookup */
	assert_int_equal(dma_debug_errors(), err + 6);
	dma_unmap_single(&dev, h, 256, DMA_TO_DEVICE);
	kfree(p);
	p = dma_alloc_coherent(&dev, 4096, &h2, GFP_KERNEL);
	said_len = 0;
	dma_unmap_single(&dev, h2, 4096, DMA_BIDIRECTIONAL);
	assert_int_equal(dma_debug_errors(), err + 7);
	assert_non_null(strstr(said, "came from dma_alloc_coherent"));
	dma_free_coherent(&dev, 4096, p, h2);
	dma_free_coherent(&dev, 4096, NULL, 0);		/* Linux: a no-op */
	assert_int_equal(dma_debug_errors(), err + 7);
	assert_int_equal(dma_debug_live(NULL), 0);
	assert_int_equal(free_now(), before);
	unlisten();
}

/* ------------------------------------------------------------------ streaming mappings */

static void t_map_basic(void **state)
{
	struct page *pg, *hi;
	dma_addr_t a, b;
	u8 *buf;

	(void)state;
	boot();
	buf = arena_buf(512);
	a = dma_map_single(&dev, buf + 8, 100, DMA_TO_DEVICE);
	assert_int_equal(dma_mapping_error(&dev, a), 0);
	assert_int_equal(a, arch_virt_to_phys(buf + 8));
	pg = alloc_pages(GFP_KERNEL, 1);
	b = dma_map_page(&dev, pg, 100, 8000, DMA_FROM_DEVICE);	/* across its two pages */
	assert_int_equal(b, page_to_phys(pg) + 100);
	assert_int_equal(dma_debug_live(&dev), 2);
	dma_sync_single_for_cpu(&dev, b + 1000, 64, DMA_FROM_DEVICE);	/* a part of it */
	dma_sync_single_for_device(&dev, b, 8000, DMA_FROM_DEVICE);
	dma_unmap_page(&dev, b, 8000, DMA_FROM_DEVICE);
	dma_unmap_single(&dev, a, 100, DMA_TO_DEVICE);
	assert_int_equal(dma_debug_live(&dev), 0);
	/* A HIGHMEM page has no CPU address but a bus address: dma_map_page takes it. */
	hi = alloc_pages(GFP_HIGHUSER, 0);
	assert_non_null(hi);
	assert_true(PageHighMem(hi));
	a = dma_map_page(&dev, hi, 0, PAGE_SIZE, DMA_BIDIRECTIONAL);
	assert_int_equal(a, page_to_phys(hi));
	dma_unmap_page(&dev, a, PAGE_SIZE, DMA_BIDIRECTIONAL);
	__free_pages(hi, 0);
	__free_pages(pg, 1);
	kfree(buf);
	assert_int_equal(dma_debug_errors() - dma_debug_errors(), 0);
}

static void t_map_refused(void **state)
{
	unsigned long err, refused;
	struct page *pg;
	dma_addr_t a;
	char stack[64];
	void *v;
	u8 *buf;

	(void)state;
	boot();
	listen();
	buf = arena_buf(4096);
	err = dma_debug_errors();
	/* Outside the window: DMA_MAPPING_ERROR, never a bounce; not a bad call, just unreachable. */
	dma_set_window(&dev, arch_virt_to_phys(buf) + 4096, 1 << 20);
	refused = dev.dma_refused;
	a = dma_map_single(&dev, buf, 64, DMA_TO_DEVICE);
	assert_int_equal(a, DMA_MAPPING_ERROR);
	assert_int_not_equal(dma_mapping_error(&dev, a), 0);
	assert_int_equal(dev.dma_refused, refused + 1);
	assert_non_null(strstr(said, "refused: outside the mask"));
	a = dma_map_single(&dev, buf + 4064, 64, DMA_TO_DEVICE);	/* straddles the start */
	assert_int_equal(a, DMA_MAPPING_ERROR);
	dma_device_init(&dev, "testdev");
	/* Beyond the mask. */
	pg = alloc_pages(GFP_KERNEL, 0);
	dev._dma_mask = page_to_phys(pg) + 63;
	assert_int_equal(dma_map_page(&dev, pg, 0, 64, DMA_TO_DEVICE), page_to_phys(pg));
	assert_int_equal(dma_map_page(&dev, pg, 0, 65, DMA_TO_DEVICE), DMA_MAPPING_ERROR);
	dma_unmap_page(&dev, page_to_phys(pg), 64, DMA_TO_DEVICE);
	dma_device_init(&dev, "testdev");
	assert_int_equal(dma_debug_errors(), err);
	/* Not the direct map (a vmalloc area, the stack), no size, no direction: bad calls. */
	v = vmalloc(8192);
	assert_int_equal(dma_map_single(&dev, v, 64, DMA_TO_DEVICE), DMA_MAPPING_ERROR);
	assert_int_equal(dma_map_single(&dev, stack, sizeof(stack), DMA_TO_DEVICE), DMA_MAPPING_ERROR);
	assert_int_equal(dma_map_single(&dev, buf, 0, DMA_TO_DEVICE), DMA_MAPPING_ERROR);
	assert_int_equal(dma_map_single(&dev, buf, 64, DMA_NONE), DMA_MAPPING_ERROR);
	assert_int_equal(dma_map_page(&dev, pg, 0, 64, (enum dma_data_direction)7), DMA_MAPPING_ERROR);
	assert_int_equal(dma_map_page(&dev, (struct page *)buf, 0, 64, DMA_TO_DEVICE),
			 DMA_MAPPING_ERROR);
	assert_int_equal(dma_debug_errors(), err + 6);
	assert_non_null(strstr(said, "not in the direct map"));
	assert_non_null(strstr(said, "not BIDIRECTIONAL, TO_DEVICE or FROM_DEVICE"));
	assert_int_equal(dma_debug_live(NULL), 0);
	vfree(v);
	__free_pages(pg, 0);
	kfree(buf);
	unlisten();
}

static void t_map_bad_release(void **state)
{
	unsigned long err;
	dma_addr_t a;
	u8 *buf;

	(void)state;
	boot();
	listen();
	buf = arena_buf(1024);
	a = dma_map_single(&dev, buf, 512, DMA_TO_DEVICE);
	err = dma_debug_errors();
	dma_unmap_single(&dev, a, 512, DMA_FROM_DEVICE);	/* wrong direction */
	assert_non_null(strstr(said, "mapped DMA_TO_DEVICE, unmapped DMA_FROM_DEVICE"));
	dma_unmap_single(&dev, a, 256, DMA_TO_DEVICE);		/* wrong size */
	dma_unmap_single(&dev, a + 8, 504, DMA_TO_DEVICE);	/* not its start */
	dma_unmap_single(&dev, a, 512, DMA_NONE);		/* no direction */
	dma_sync_single_for_cpu(&dev, a, 512, DMA_FROM_DEVICE);	/* sync in the wrong direction */
	dma_sync_single_for_device(&dev, a + 500, 64, DMA_TO_DEVICE);	/* past its end */
	dma_sync_single_for_device(&dev, a, 512, DMA_NONE);
	assert_int_equal(dma_debug_errors(), err + 7);
	assert_int_equal(dma_debug_live(&dev), 1);		/* still mapped */
	dma_unmap_single(&dev, a, 512, DMA_TO_DEVICE);		/* the right one */
	assert_int_equal(dma_debug_errors(), err + 7);
	said_len = 0;
	dma_unmap_single(&dev, a, 512, DMA_TO_DEVICE);		/* double unmap */
	assert_non_null(strstr(said, "which is not mapped (double unmap?)"));
	dma_unmap_page(&dev, 0x80400000, 4096, DMA_TO_DEVICE);	/* never mapped */
	dma_sync_single_for_cpu(&dev, a, 512, DMA_TO_DEVICE);	/* after unmap */
	assert_int_equal(dma_debug_errors(), err + 10);
	/* A bidirectional mapping may be synced either way. */
	a = dma_map_single(&dev, buf, 512, DMA_BIDIRECTIONAL);
	dma_sync_single_for_cpu(&dev, a, 512, DMA_FROM_DEVICE);
	dma_sync_single_for_device(&dev, a, 512, DMA_TO_DEVICE);
	assert_int_equal(dma_debug_errors(), err + 10);
	dma_unmap_single(&dev, a, 512, DMA_BIDIRECTIONAL);
	/* Another device's mapping is not this one's. */
	{
		struct device other;

		dma_device_init(&other, "other");
		a = dma_map_single(&dev, buf, 64, DMA_TO_DEVICE);
		dma_unmap_single(&other, a, 64, DMA_TO_DEVICE);
		assert_int_equal(dma_debug_errors(), err + 11);
		dma_unmap_single(&dev, a, 64, DMA_TO_DEVICE);
	}
	assert_int_equal(dma_debug_live(NULL), 0);
	kfree(buf);
	unlisten();
}

/* ------------------------------------------------------------------ cache maintenance */

/* One transfer in direction dir on a non-coherent device, with the device's access logged
 * between map and unmap and the CPU's read after; checks the order of the cache operations. */
static void transfer(u8 *buf, size_t size, enum dma_data_direction dir)
{
	phys_addr_t pa = arch_virt_to_phys(buf);
	int dev_ev, cpu_ev, i;
	dma_addr_t a;

	nlog = 0;
	a = dma_map_single(&dev, buf, size, dir);
	assert_int_equal(a, pa);
	if (dir != DMA_FROM_DEVICE)
		record(EV_DEV_READ, pa, size);
	if (dir != DMA_TO_DEVICE)
		record(EV_DEV_WRITE, pa, size);
	dma_unmap_single(&dev, a, size, dir);
	record(EV_CPU_READ, pa, size);
	dev_ev = find_ev(dir == DMA_FROM_DEVICE ? EV_DEV_WRITE : EV_DEV_READ);
	cpu_ev = find_ev(EV_CPU_READ);
	/* The CPU's writes reach memory before the device reads or writes (a dirty line written
	 * back later would overwrite what the device wrote). */
	i = find_cover(0, WRITES_BACK, pa, size);
	assert_true(i >= 0 && i < dev_ev);
	/* After the device wrote, the CPU's stale lines are dropped before it reads; on a core
	 * without speculative fills they are dropped before the device writes, and nothing after
	 * (the CPU cannot have refetched them). */
	if (dir != DMA_TO_DEVICE && host_cpu_spec_fill) {
		i = find_cover((unsigned int)find_ev(EV_DEV_WRITE), DROPS, pa, size);
		assert_true(i >= 0 && i < cpu_ev);
		return;
	}
	if (dir != DMA_TO_DEVICE) {
		i = find_cover(0, DROPS, pa, size);
		assert_true(i >= 0 && i < find_ev(EV_DEV_WRITE));
	}
	/* The device only read, or the lines went before it wrote: no needless work after. */
	assert_int_equal(find_cover((unsigned int)dev_ev, CACHE_OPS, pa, size), -1);
}

/* A fresh non-coherent device with the cache operations recorded, one transfer in each direction
 * through transfer(), and the 2 KiB buffer they used (for the caller's own checks). */
static u8 *noncoherent_transfers(void)
{
	static const enum dma_data_direction dirs[] = { DMA_TO_DEVICE, DMA_FROM_DEVICE,
							DMA_BIDIRECTIONAL };
	u8 *buf;

	host_cache_hook = cache_hook;
	dev.dma_coherent = false;
	buf = arena_buf(2048);
	for (unsigned int d = 0; d < 3; d++)
		transfer(buf + 64, 1000, dirs[d]);
	return buf;
}

static void t_noncoherent_sequence(void **state)
{
	dma_addr_t a;
	u8 *buf;

	(void)state;
	boot();
	buf = noncoherent_transfers();

	/* Syncs inside a mapping: for_device writes back, for_cpu drops what the device wrote. */
	a = dma_map_single(&dev, buf, 2048, DMA_FROM_DEVICE);
	nlog = 0;
	record(EV_DEV_WRITE, a, 512);
	dma_sync_single_for_cpu(&dev, a, 512, DMA_FROM_DEVICE);
	record(EV_CPU_READ, a, 512);
	assert_true(find_cover(1, DROPS, a, 512) == 1);
	nlog = 0;
	dma_sync_single_for_device(&dev, a, 512, DMA_FROM_DEVICE);
	record(EV_DEV_WRITE, a, 512);
	assert_int_equal(find_cover(0, WRITES_BACK, a, 512), 0);
	dma_unmap_single(&dev, a, 2048, DMA_FROM_DEVICE);
	a = dma_map_single(&dev, buf, 2048, DMA_TO_DEVICE);
	nlog = 0;
	dma_sync_single_for_cpu(&dev, a, 2048, DMA_TO_DEVICE);	/* the device only reads */
	assert_int_equal(count_cache_ops(), 0);
	dma_sync_single_for_device(&dev, a, 2048, DMA_TO_DEVICE);	/* CPU wrote again */
	assert_int_equal(find_cover(0, WRITES_BACK, a, 2048), 0);
	dma_unmap_single(&dev, a, 2048, DMA_TO_DEVICE);

	/* A coherent buffer of a non-coherent device: zeroed, then written back and dropped. */
	mm_register_zero_ops(&zero_ops);
	nlog = 0;
	{
		void *p = dma_alloc_coherent(&dev, 4096, &a, GFP_KERNEL);
		int z = find_ev(EV_ZERO);

		assert_non_null(p);
		assert_true(z >= 0);
		assert_true(find_cover((unsigned int)z, 1u << EV_FLUSH, a, 4096) > z);
		dma_free_coherent(&dev, 4096, p, a);
	}
	mm_register_zero_ops(NULL);

	/* Refused and bad calls do no cache work; a coherent device never needs any. */
	nlog = 0;
	listen();
	dma_unmap_single(&dev, 0x80400000, 64, DMA_FROM_DEVICE);
	dma_sync_single_for_cpu(&dev, 0x80400000, 64, DMA_FROM_DEVICE);
	dma_set_window(&dev, 0x1000, 0x1000);
	assert_int_equal(dma_map_single(&dev, buf, 64, DMA_TO_DEVICE), DMA_MAPPING_ERROR);
	unlisten();
	assert_int_equal(count_cache_ops(), 0);
	dma_device_init(&dev, "testdev");
	a = dma_map_single(&dev, buf, 64, DMA_BIDIRECTIONAL);
	dma_unmap_single(&dev, a, 64, DMA_BIDIRECTIONAL);
	assert_int_equal(count_cache_ops(), 0);
	host_cache_hook = NULL;
	kfree(buf);
}

/* The same transfers on a core that never fills lines speculatively: the lines are dropped
 * before the device writes, and a completion costs no cache work (mm/dma_noncoherent.c). */
static void t_noncoherent_no_spec_fill(void **state)
{
	dma_addr_t a;
	u8 *buf;

	(void)state;
	boot();
	host_cpu_spec_fill = false;
	buf = noncoherent_transfers();

	/* Syncs inside a mapping: for_device drops (and writes back), for_cpu does nothing. */
	a = dma_map_single(&dev, buf, 2048, DMA_FROM_DEVICE);
	nlog = 0;
	dma_sync_single_for_device(&dev, a, 512, DMA_FROM_DEVICE);
	record(EV_DEV_WRITE, a, 512);
	dma_sync_single_for_cpu(&dev, a, 512, DMA_FROM_DEVICE);
	record(EV_CPU_READ, a, 512);
	assert_int_equal(find_cover(0, WRITES_BACK & DROPS, a, 512), 0);
	assert_int_equal(count_cache_ops(), 1);
	dma_unmap_single(&dev, a, 2048, DMA_FROM_DEVICE);
	host_cpu_spec_fill = true;
	host_cache_hook = NULL;
	kfree(buf);
}

/* ------------------------------------------------------------------ pools */

static void t_pool_create_bad(void **state)
{
	unsigned long err;

	(void)state;
	boot();
	listen();
	err = dma_debug_errors();
	assert_null(dma_pool_create("zero", &dev, 0, 8, 0));
	assert_null(dma_pool_create("align3", &dev, 32, 3, 0));
	assert_null(dma_pool_create("bnd-small", &dev, 100, 4, 64));	/* boundary < block */
	assert_null(dma_pool_create("bnd-3k", &dev, 100, 4, 3072));	/* not a power of two */
	assert_null(dma_pool_create("nodev", NULL, 32, 8, 0));
	assert_null(dma_pool_create("huge", &dev, (1UL << 22) + 1, 8, 0));
	assert_int_equal(dma_debug_errors(), err + 6);
	assert_non_null(strstr(said, "boundary 64: must be a power of two >= the block (100)"));
	unlisten();
}

/* Blocks of 48 bytes aligned to 16 never crossing 256: 5 per 256 bytes, 80 per pool page. */
static void t_pool_layout(void **state)
{
	enum { N = 200 };
	static void *v[N];
	static dma_addr_t d[N];
	struct dma_pool *pool;
	unsigned long before;

	(void)state;
	boot();
	before = free_baseline();
	pool = dma_pool_create("blk48", &dev, 40, 16, 256);	/* 40 aligned up to 48 */
	assert_non_null(pool);
	for (int i = 0; i < N; i++) {
		v[i] = dma_pool_alloc(pool, GFP_KERNEL, &d[i]);
		assert_non_null(v[i]);
		assert_int_equal(d[i], arch_virt_to_phys(v[i]));
		assert_int_equal(d[i] % 16, 0);
		assert_true(d[i] % 256 + 48 <= 256);		/* no boundary crossed */
		memset(v[i], i, 48);
		for (int j = 0; j < i; j++)
			assert_true(d[j] + 48 <= d[i] || d[i] + 48 <= d[j]);	/* no overlap */
	}
	for (int i = 0; i < N; i++)
		for (int b = 0; b < 48; b++)
			assert_int_equal(((u8 *)v[i])[b], (u8)i);
	/* 200 blocks at 80 per page: three coherent pages. */
	assert_int_equal(dma_debug_live(&dev), 3);
	for (int i = 0; i < 80; i++)
		assert_int_equal(d[i] & ~4095ULL, d[0] & ~4095ULL);
	assert_int_not_equal(d[80] & ~4095ULL, d[0] & ~4095ULL);
	/* A freed block is reused, and zalloc zeroes it. */
	dma_pool_free(pool, v[7], d[7]);
	v[7] = dma_pool_zalloc(pool, GFP_KERNEL, &d[7]);
	for (int b = 0; b < 48; b++)
		assert_int_equal(((u8 *)v[7])[b], 0);
	assert_int_equal(dma_debug_live(&dev), 3);
	for (int i = 0; i < N; i++)
		dma_pool_free(pool, v[i], d[i]);
	assert_int_equal(dma_pool_destroy(pool), 0);
	assert_int_equal(dma_debug_live(&dev), 0);
	assert_int_equal(free_now(), before);

	/* Blocks larger than a page: one per coherent buffer. */
	pool = dma_pool_create("big", &dev, 6000, 64, 0);
	v[0] = dma_pool_alloc(pool, GFP_KERNEL, &d[0]);
	v[1] = dma_pool_alloc(pool, GFP_KERNEL, &d[1]);
	assert_int_equal(d[0] % 8192, 0);
	assert_int_equal(d[1] % 8192, 0);
	assert_int_equal(dma_debug_live(&dev), 2);
	dma_pool_free(pool, v[0], d[0]);
	dma_pool_free(pool, v[1], d[1]);
	assert_int_equal(dma_pool_destroy(pool), 0);
	assert_int_equal(free_now(), before);
}

static void t_pool_errors(void **state)
{
	struct dma_pool *pool;
	unsigned long err;
	dma_addr_t a, b;
	void *va, *vb;

	(void)state;
	boot();
	listen();
	pool = dma_pool_create("p64", &dev, 64, 64, 0);
	va = dma_pool_alloc(pool, GFP_KERNEL, &a);
	vb = dma_pool_alloc(pool, GFP_KERNEL, &b);
	err = dma_debug_errors();
	dma_pool_free(pool, (char *)va + 8, a + 8);		/* inside a block */
	dma_pool_free(pool, va, b);				/* another block's bus address */
	dma_pool_free(pool, &err, a);				/* not the pool's memory */
	assert_int_equal(dma_debug_errors(), err + 3);
	assert_non_null(strstr(said, "not a block of this pool"));
	dma_pool_free(pool, va, a);
	said_len = 0;
	dma_pool_free(pool, va, a);				/* double free */
	assert_int_equal(dma_debug_errors(), err + 4);
	assert_non_null(strstr(said, "double free"));
	/* The double free changed nothing: the next two allocations are two different blocks. */
	{
		dma_addr_t c, e;
		void *vc = dma_pool_alloc(pool, GFP_KERNEL, &c);
		void *ve = dma_pool_alloc(pool, GFP_KERNEL, &e);

		assert_ptr_not_equal(vc, ve);
		assert_ptr_not_equal(vc, vb);
		assert_ptr_not_equal(ve, vb);
		said_len = 0;
		assert_int_equal(dma_pool_destroy(pool), DMA_EBUSY);	/* live blocks */
		assert_non_null(strstr(said, "3 blocks still in use: refused"));
		dma_pool_free(pool, vc, c);
		dma_pool_free(pool, ve, e);
	}
	/* Still usable after the refusal. */
	va = dma_pool_alloc(pool, GFP_KERNEL, &a);
	assert_non_null(va);
	dma_pool_free(pool, va, a);
	dma_pool_free(pool, vb, b);
	assert_int_equal(dma_pool_destroy(pool), 0);
	assert_int_equal(dma_pool_destroy(NULL), 0);
	assert_int_equal(dma_debug_live(NULL), 0);
	unlisten();
}

/* ------------------------------------------------------------------ dma-ranges */

static void put32(u8 *p, u32 v)
{
	p[0] = v >> 24; p[1] = v >> 16; p[2] = v >> 8; p[3] = v;
}

static void t_parse_ranges(void **state)
{
	u8 prop[24];
	u64 start, size;

	(void)state;
	host_printk_enabled = 0;
	/* pgaccel's: <0x0 0x80200000  0x0 0x80200000  0x0 0x07e00000> */
	put32(prop, 0); put32(prop + 4, 0x80200000); put32(prop + 8, 0); put32(prop + 12, 0x80200000);
	put32(prop + 16, 0); put32(prop + 20, 0x07e00000);
	assert_int_equal(dma_parse_ranges("t", prop, 24, 2, 2, 2, &start, &size), 0);
	assert_int_equal(start, 0x80200000);
	assert_int_equal(size, 0x07e00000);
	/* One-cell forms. */
	put32(prop, 0x1000); put32(prop + 4, 0x1000); put32(prop + 8, 0x2000);
	assert_int_equal(dma_parse_ranges("t", prop, 12, 1, 1, 1, &start, &size), 0);
	assert_int_equal(start, 0x1000);
	assert_int_equal(size, 0x2000);
	start = size = 7;
	assert_int_equal(dma_parse_ranges("t", prop, 8, 1, 1, 1, &start, &size), DMA_EINVAL);
	assert_int_equal(dma_parse_ranges("t", prop, 24, 1, 1, 1, &start, &size), DMA_EINVAL);
	assert_int_equal(dma_parse_ranges("t", NULL, 0, 1, 1, 1, &start, &size), DMA_EINVAL);
	assert_int_equal(dma_parse_ranges("t", prop, 12, 3, 1, 1, &start, &size), DMA_EINVAL);
	assert_int_equal(dma_parse_ranges("t", prop, 8, 1, 1, 0, &start, &size), DMA_EINVAL);
	put32(prop, 0x0);					/* translated: bus 0 -> CPU 0x1000 */
	assert_int_equal(dma_parse_ranges("t", prop, 12, 1, 1, 1, &start, &size), DMA_EINVAL);
	put32(prop, 0x1000); put32(prop + 8, 0);		/* empty */
	assert_int_equal(dma_parse_ranges("t", prop, 12, 1, 1, 1, &start, &size), DMA_EINVAL);
	put32(prop, 0xffffffff); put32(prop + 4, 0xffffffff); put32(prop + 8, 0);
	put32(prop + 12, 0xffffffff); put32(prop + 16, 0xffffffff); put32(prop + 20, 2);
	assert_int_equal(dma_parse_ranges("t", prop, 24, 1, 2, 2, &start, &size), DMA_EINVAL);
	assert_int_equal(start, 7);				/* untouched on error */
}

/* ------------------------------------------------------------------ kvmalloc */

static void t_kvmalloc(void **state)
{
	unsigned long before, bad, vlive;
	u8 *p, *q, *z;

	(void)state;
	boot();
	before = free_baseline();
	vlive = host_vmalloc_live;
	p = kvmalloc(100, GFP_KERNEL);				/* small: kmalloc */
	assert_false(is_vmalloc_addr(p));
	assert_int_equal(ksize(p), 128);
	q = kvmalloc(64 << 10, GFP_KERNEL);			/* contiguous while it can be */
	assert_false(is_vmalloc_addr(q));
	assert_true(virt_addr_valid(q));
	z = kvzalloc(KMALLOC_MAX_SIZE + 1, GFP_KERNEL);		/* beyond kmalloc: vmalloc */
	assert_true(is_vmalloc_addr(z));
	assert_int_equal(host_vmalloc_live, vlive + 1);
	for (size_t i = 0; i < KMALLOC_MAX_SIZE + 1; i += 4093)
		assert_int_equal(z[i], 0);
	kvfree(p);
	kvfree(q);
	kvfree(z);
	kvfree(NULL);
	assert_int_equal(host_vmalloc_live, vlive);
	assert_int_equal(free_now(), before);
	p = kvcalloc(1000, 8, GFP_KERNEL);
	for (int i = 0; i < 8000; i++)
		assert_int_equal(p[i], 0);
	kvfree(p);
	/* Overflow and absurd sizes: NULL with a report, nothing allocated. */
	bad = slab_bad_count;
	listen();
	assert_null(kvmalloc_array(SIZE_MAX / 4, 8, GFP_KERNEL));
	assert_null(kvcalloc(2, SIZE_MAX / 2 + 1, GFP_KERNEL));
	assert_null(kvmalloc(1UL << 31, GFP_KERNEL));
	assert_int_equal(slab_bad_count, bad + 3);
	assert_non_null(strstr(said, "overflows"));
	assert_non_null(strstr(said, "more than INT_MAX"));
	unlisten();
	assert_int_equal(host_vmalloc_live, vlive);
	assert_int_equal(free_now(), before);
}

/* Without a contiguous block the big request falls back to vmalloc; GFP_ATOMIC never does. */
static void t_kvmalloc_fallback(void **state)
{
	enum { MAXB = 4096 };
	static struct page *held[MAXB];
	unsigned long before, vlive;
	unsigned int n = 0;
	void *p;

	(void)state;
	boot();
	before = free_baseline();
	vlive = host_vmalloc_live;
	/* Take every lowmem block of order 4 and up (64 KiB needs one). */
	while (n < MAXB && (held[n] = alloc_pages(GFP_KERNEL | __GFP_NOWARN | __GFP_NORETRY, 4)))
		n++;
	assert_true(n > 0 && n < MAXB);
	p = kvmalloc(64 << 10, GFP_KERNEL);
	assert_non_null(p);
	assert_true(is_vmalloc_addr(p));
	memset(p, 0x3c, 64 << 10);
	kvfree(p);
	/* Not GFP_KERNEL-compatible: kmalloc only (GFP_ATOMIC may still find a reserve block). */
	p = kvmalloc(64 << 10, GFP_ATOMIC);
	assert_false(is_vmalloc_addr(p));
	kvfree(p);
	assert_null(kvmalloc(64 << 10, GFP_NOFS));
	/* A page or less never goes to vmalloc: NULL while kmalloc has no slab page to get... */
	assert_null(kvmalloc(PAGE_SIZE, GFP_KERNEL));
	/* ...and kmalloc's once memory is back above the watermarks. */
	for (int i = 0; i < 64 && n; i++)
		__free_pages(held[--n], 4);
	p = kvmalloc(PAGE_SIZE, GFP_KERNEL);
	assert_non_null(p);
	assert_false(is_vmalloc_addr(p));
	kvfree(p);
	while (n)
		__free_pages(held[--n], 4);
	assert_int_equal(host_vmalloc_live, vlive);
	/* Pressure may have shrunk the warm slabs: warm them again, then every page is back. */
	assert_int_equal(free_baseline(), before);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_masks),
		cmocka_unit_test(t_coherent_alloc),
		cmocka_unit_test(t_coherent_errors),
		cmocka_unit_test(t_map_basic),
		cmocka_unit_test(t_map_refused),
		cmocka_unit_test(t_map_bad_release),
		cmocka_unit_test(t_noncoherent_sequence),
		cmocka_unit_test(t_noncoherent_no_spec_fill),
		cmocka_unit_test(t_pool_create_bad),
		cmocka_unit_test(t_pool_layout),
		cmocka_unit_test(t_pool_errors),
		cmocka_unit_test(t_parse_ranges),
		cmocka_unit_test(t_kvmalloc),
		cmocka_unit_test(t_kvmalloc_fallback),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
