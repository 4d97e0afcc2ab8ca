// SPDX-License-Identifier: BSD-2-Clause
/* cmocka unit tests for firmware/mm, one group per mechanism. Expected values are computed here
 * from Linux's rules (or from the test's own setup), never read back from the allocator. */
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "mmt.h"

extern __thread unsigned int host_irq_depth;

static const struct mmt_cfg cfg32 = { "", 1, 32, true };

struct held;
static void held_reset(void);

static void boot(const char *args, int nodes, unsigned long mib, bool fw)
{
	struct mmt_cfg c = { args, nodes, mib, fw };

	held_reset();	/* pages held by a failed earlier test belong to the old boot */
	host_printk_enabled = 0;
	host_cpu_id = 0;
	assert_int_equal(mmt_boot(&c), 0);
}

static struct zone *Z(int nid, enum zone_type t) { return &node_data[nid].node_zones[t]; }
static unsigned long pfn_of(unsigned long off) { return (MMT_PHYS_BASE + off) >> PAGE_SHIFT; }
static unsigned long pcp_count(struct zone *z)
{
	unsigned long s = 0;

	for (int c = 0; c < NR_CPUS; c++)
		s += (unsigned long)z->pcp[c].count;
	return s;
}
static void check_all(void)
{
	struct mmt_model m;

	mmt_model_init(&m);
	if (mmt_check_full(&m))
		fail_msg("invariants: %s", mmt_err);
	mmt_model_free(&m);
}

/* A stack of pages to free later. */
struct held {
	struct page *p[40000];
	unsigned int o[40000];
	unsigned long n;
};
static struct held H;
static void held_reset(void) { H.n = 0; }
static void hold(struct page *p, unsigned int o) { H.p[H.n] = p; H.o[H.n++] = o; }
static void release_held(void)
{
	while (H.n) {
		H.n--;
		__free_pages(H.p[H.n], H.o[H.n]);
	}
}

/* ------------------------------------------------------------------ memblock */

static void t_memblock(void **state)
{
	unsigned long idx = 0;
	phys_addr_t s, e, pa;
	int nid;

	(void)state;
	boot("", 1, 16, false);	/* maps the arena for memblock's memset */
	memblock_reset();
	assert_int_equal(memblock_add(MMT_PHYS_BASE, 8 << 20, 0), 0);
	assert_int_equal(memblock_add(MMT_PHYS_BASE + (8 << 20), 8 << 20, 0), 0);
	assert_int_equal(memblock.memory.cnt, 1);	/* touching same-node ranges merge */
	memblock_reserve(MMT_PHYS_BASE + 0x100000, 0x1000);
	memblock_reserve(MMT_PHYS_BASE + 0x100800, 0x1000);	/* overlaps: merged */
	assert_int_equal(memblock.reserved.cnt, 1);
	assert_true(memblock_is_reserved(MMT_PHYS_BASE + 0x101000));
	assert_false(memblock_is_reserved(MMT_PHYS_BASE + 0x102000));
	assert_true(memblock_next_free_range(&idx, &s, &e, &nid));
	assert_int_equal(s, MMT_PHYS_BASE);
	assert_int_equal(e, MMT_PHYS_BASE + 0x100000);
	assert_true(memblock_next_free_range(&idx, &s, &e, &nid));
	assert_int_equal(s, MMT_PHYS_BASE + 0x101800);
	assert_int_equal(e, MMT_PHYS_BASE + (16 << 20));
	assert_false(memblock_next_free_range(&idx, &s, &e, &nid));
	/* Top-down, aligned, and the block becomes reserved. */
	pa = memblock_phys_alloc(0x3000, 0x10000);
	assert_int_equal(pa, MMT_PHYS_BASE + (16 << 20) - 0x10000);
	assert_true(memblock_is_reserved(pa + 0x2fff));
	assert_int_equal(memblock_phys_alloc(32 << 20, PAGE_SIZE), 0);	/* too big: 0, no crash */
}

/* ------------------------------------------------------------------ boot and layout */

static void t_boot_accounting(void **state)
{
	unsigned long reserved = 0, total = (32UL << 20) >> PAGE_SHIFT;

	(void)state;
	boot("", 1, 32, true);
	for (unsigned long pfn = pfn_of(0); pfn < pfn_of(32UL << 20); pfn++)
		if (PageReserved(pfn_to_page(pfn)))
			reserved++;
	assert_int_equal(totalram_pages + reserved, total);
	assert_int_equal(global_free_pages(), totalram_pages);
	/* The firmware-image, OpenSBI and DTB ranges are never handed out. */
	assert_true(PageReserved(pfn_to_page(pfn_of(0))));
	assert_true(PageReserved(pfn_to_page(pfn_of(0x200000 + 0x123000))));
	assert_false(PageReserved(pfn_to_page(pfn_of(0x200000 + 0x124000))));
	assert_true(PageReserved(pfn_to_page(pfn_of((32UL << 20) - 0x200000))));
	assert_true(PageReserved(virt_to_page(mem_map)));
	/* Defaults: DMA = min(16 MiB, RAM/4); no HIGHMEM under 64 MiB. */
	assert_int_equal(Z(0, ZONE_DMA)->spanned_pages, (8UL << 20) >> PAGE_SHIFT);
	assert_int_equal(Z(0, ZONE_HIGHMEM)->present_pages, 0);
	assert_int_equal(nr_online_nodes, 1);
	check_all();
}

static void t_zone_layout_bootargs(void **state)
{
	const unsigned long M = (1UL << 20) >> PAGE_SHIFT;

	(void)state;
	boot("dma=4M highmem=8M movablecore=8M", 2, 24, true);
	assert_int_equal(nr_online_nodes, 2);
	/* Node 0: [0,24M): DMA 0-4M, Normal 4-20M, Movable 20-24M (movablecore split by node size). */
	assert_int_equal(Z(0, ZONE_DMA)->zone_start_pfn, pfn_of(0));
	assert_int_equal(Z(0, ZONE_DMA)->spanned_pages, 4 * M);
	assert_int_equal(Z(0, ZONE_NORMAL)->zone_start_pfn, pfn_of(4 << 20));
	assert_int_equal(Z(0, ZONE_NORMAL)->spanned_pages, 16 * M);
	assert_int_equal(Z(0, ZONE_HIGHMEM)->spanned_pages, 0);
	assert_int_equal(Z(0, ZONE_MOVABLE)->zone_start_pfn, pfn_of(20 << 20));
	assert_int_equal(Z(0, ZONE_MOVABLE)->spanned_pages, 4 * M);
	/* Node 1: [24M,48M): Normal 24-40M, HighMem 40-44M, Movable 44-48M. */
	assert_int_equal(Z(1, ZONE_DMA)->spanned_pages, 0);
	assert_int_equal(Z(1, ZONE_NORMAL)->zone_start_pfn, pfn_of(24 << 20));
	assert_int_equal(Z(1, ZONE_NORMAL)->spanned_pages, 16 * M);
	assert_int_equal(Z(1, ZONE_HIGHMEM)->zone_start_pfn, pfn_of(40 << 20));
	assert_int_equal(Z(1, ZONE_HIGHMEM)->spanned_pages, 4 * M);
	assert_int_equal(Z(1, ZONE_MOVABLE)->zone_start_pfn, pfn_of(44 << 20));
	assert_int_equal(max_low_pfn, pfn_of(40 << 20));
	assert_int_equal(page_zonenum(pfn_to_page(pfn_of(45 << 20))), ZONE_MOVABLE);
	assert_int_equal(page_to_nid(pfn_to_page(pfn_of(45 << 20))), 1);
	check_all();
	/* kernelcore= is the complement; a malformed value is ignored with defaults kept. */
	boot("kernelcore=24M", 1, 32, false);
	assert_int_equal(Z(0, ZONE_MOVABLE)->spanned_pages, 8 * M);
	boot("dma=banana movablecore=150%", 1, 32, false);
	assert_int_equal(Z(0, ZONE_DMA)->spanned_pages, 8 * M);
	assert_int_equal(Z(0, ZONE_MOVABLE)->spanned_pages, 0);
	check_all();
}

static void t_highmem_kmap(void **state)
{
	struct page *p, *q;
	void *va;

	(void)state;
	boot("highmem=8M", 1, 32, true);
	p = alloc_pages(GFP_HIGHUSER, 0);
	assert_non_null(p);
	assert_int_equal(page_zonenum(p), ZONE_HIGHMEM);
	assert_true(PageHighMem(p));
	assert_null(page_address(p));
	va = kmap(p);
	assert_ptr_equal(va, mmt_page_mem(p));
	assert_ptr_equal(kmap(p), va);	/* nested */
	kunmap(p);
	assert_ptr_equal(page_address(p), va);
	kunmap(p);
	assert_null(page_address(p));
	q = alloc_pages(GFP_KERNEL, 0);
	assert_non_null(q);
	assert_false(PageHighMem(q));
	assert_ptr_equal(page_address(q), mmt_page_mem(q));
	assert_ptr_equal(virt_to_page(page_address(q)), q);
	assert_int_equal(page_to_pfn(pfn_to_page(page_to_pfn(q))), page_to_pfn(q));
	/* __get_free_pages never returns HIGHMEM: it must have an address. */
	{
		unsigned long a = __get_free_pages(GFP_HIGHUSER, 0);

		assert_true(a != 0);
		assert_false(PageHighMem(virt_to_page((void *)a)));
		free_pages(a, 0);
	}
	__free_pages(p, 0);
	__free_pages(q, 0);
	drain_all_pages(NULL);
	check_all();
}

/* ------------------------------------------------------------------ zonelists */

static void t_zonelist_order(void **state)
{
	struct zoneref *z;
	int expect_nodes[3][3] = { { 0, 1, 2 }, { 1, 0, 2 }, { 2, 1, 0 } };

	(void)state;
	boot("dma=2M highmem=2M", 3, 8, false);	/* distances |i-j|*10+10 */
	for (int n = 0; n < 3; n++) {
		int k = 0, last_node = -1, last_idx = 99, seen = 0;

		for (z = NODE_DATA(n)->node_zonelists[ZONELIST_FALLBACK]._zonerefs; z->zone; z++) {
			if (z->zone->node != last_node) {
				assert_int_equal(z->zone->node, expect_nodes[n][k]);
				k++;
				last_node = z->zone->node;
				last_idx = 99;
			}
			assert_true(z->zone_idx < last_idx);	/* zones high to low in a node */
			last_idx = z->zone_idx;
			seen++;
		}
		assert_int_equal(k, 3);
		for (z = NODE_DATA(n)->node_zonelists[ZONELIST_NOFALLBACK]._zonerefs; z->zone; z++)
			assert_int_equal(z->zone->node, n);
	}
	/* gfp_zone follows Linux's GFP_ZONE_TABLE. */
	assert_int_equal(gfp_zone(GFP_KERNEL), ZONE_NORMAL);
	assert_int_equal(gfp_zone(GFP_KERNEL | __GFP_MOVABLE), ZONE_NORMAL);
	assert_int_equal(gfp_zone(GFP_HIGHUSER), ZONE_HIGHMEM);
	assert_int_equal(gfp_zone(GFP_HIGHUSER_MOVABLE), ZONE_MOVABLE);
	assert_int_equal(gfp_zone(GFP_DMA), ZONE_DMA);
	assert_int_equal(gfp_migratetype(GFP_HIGHUSER_MOVABLE), MIGRATE_MOVABLE);
	assert_int_equal(gfp_migratetype(GFP_KERNEL | __GFP_RECLAIMABLE), MIGRATE_RECLAIMABLE);
	assert_int_equal(gfp_migratetype(GFP_KERNEL), MIGRATE_UNMOVABLE);
}

static void t_zone_fallback_walk(void **state)
{
	struct page *p;
	bool left_highmem = false;
	unsigned long dma_allocs = 0;

	(void)state;
	boot("highmem=8M dma=4M", 1, 32, true);
	/* __GFP_HIGHMEM: HighMem first, then Normal once HighMem is at its watermark. */
	for (;;) {
		p = alloc_pages(GFP_HIGHUSER | __GFP_NOWARN, 0);
		assert_non_null(p);
		hold(p, 0);
		if (page_zonenum(p) != ZONE_HIGHMEM) {
			assert_int_equal(page_zonenum(p), ZONE_NORMAL);
			left_highmem = true;
			break;
		}
	}
	assert_true(left_highmem);
	assert_true(zone_page_state(Z(0, ZONE_HIGHMEM), NR_FREE_PAGES) <= (long)low_wmark_pages(Z(0, ZONE_HIGHMEM)));
	/* No zone flag: never HighMem. */
	for (int i = 0; i < 200; i++) {
		p = alloc_pages(GFP_KERNEL, 0);
		assert_non_null(p);
		assert_true(page_zonenum(p) <= ZONE_NORMAL);
		hold(p, 0);
	}
	/* __GFP_DMA: DMA only, and it fails when DMA is exhausted although Normal has plenty. */
	while ((p = alloc_pages(GFP_KERNEL | __GFP_DMA | __GFP_NOWARN, 0))) {
		assert_int_equal(page_zonenum(p), ZONE_DMA);
		hold(p, 0);
		dma_allocs++;
	}
	assert_true(dma_allocs > 500);
	assert_true(zone_page_state(Z(0, ZONE_NORMAL), NR_FREE_PAGES) > 1000);
	release_held();
	drain_all_pages(NULL);
	assert_int_equal(global_free_pages(), totalram_pages);
	check_all();
}

static void t_thisnode_nodemask(void **state)
{
	struct page *p;
	nodemask_t m;
	unsigned long n1 = 0;

	(void)state;
	boot("", 2, 16, false);
	p = alloc_pages_node(1, GFP_KERNEL | __GFP_THISNODE, 0);
	assert_non_null(p);
	assert_int_equal(page_to_nid(p), 1);
	hold(p, 0);
	/* Exhaust node 1 with THISNODE: it must fail rather than spill to node 0. */
	while ((p = alloc_pages_node(1, GFP_KERNEL | __GFP_THISNODE | __GFP_NOWARN, 3))) {
		assert_int_equal(page_to_nid(p), 1);
		hold(p, 3);
		n1++;
	}
	assert_true(n1 > 100);
	assert_true(zone_page_state(Z(0, ZONE_NORMAL), NR_FREE_PAGES) > 1000);
	/* Without THISNODE the request falls back to node 0. */
	p = alloc_pages_node(1, GFP_KERNEL, 3);
	assert_non_null(p);
	assert_int_equal(page_to_nid(p), 0);
	hold(p, 3);
	/* A nodemask restricts the nodes even when the preferred node is elsewhere. */
	nodes_clear(&m);
	node_set(0, &m);
	p = __alloc_pages(GFP_KERNEL, 0, 1, &m);
	assert_non_null(p);
	assert_int_equal(page_to_nid(p), 0);
	hold(p, 0);
	/* A node that is not online is refused, whatever the value (2^31 through an int cast
	 * once indexed the fast path's table out of bounds), at every order and entry point. */
	{
		static const int bad_nid[] = { 5, MAX_NUMNODES, MAX_NUMNODES + 1, -2, INT_MIN, INT_MAX };
		unsigned long bad = mm_bad_gfp_count, before = global_free_pages();
		LIST_HEAD(list);
		struct page *arr[2] = { NULL, NULL };

		for (unsigned int i = 0; i < sizeof(bad_nid) / sizeof(bad_nid[0]); i++) {
			assert_null(alloc_pages_node(bad_nid[i], GFP_KERNEL, 0));
			assert_null(alloc_pages_node(bad_nid[i], GFP_KERNEL | __GFP_ZERO, 0));
			assert_null(alloc_pages_node(bad_nid[i], GFP_KERNEL, 3));
			assert_null(__alloc_pages(GFP_KERNEL, 0, bad_nid[i], &m));
			assert_null(alloc_contig_pages(4, GFP_KERNEL, bad_nid[i], NULL));
			assert_int_equal(__alloc_pages_bulk(GFP_KERNEL, bad_nid[i], NULL, 2, NULL, arr), 0);
			assert_int_equal(__alloc_pages_bulk(GFP_KERNEL, bad_nid[i], NULL, 2, &list, NULL), 0);
		}
		assert_null(arr[0]);
		assert_true(list_empty(&list));
		assert_int_equal(mm_bad_gfp_count, bad + 7 * (sizeof(bad_nid) / sizeof(bad_nid[0])));
		assert_int_equal(global_free_pages(), before);
	}
	release_held();
	drain_all_pages(NULL);
	check_all();
}

/* ------------------------------------------------------------------ buddy */

static void t_buddy_split_merge(void **state)
{
	struct zone *z;
	unsigned long before[MAX_ORDER], src = 0;
	struct page *p;

	(void)state;
	boot("", 1, 32, true);
	z = Z(0, ZONE_NORMAL);
	for (int o = 0; o < MAX_ORDER; o++)
		before[o] = z->free_area[o].nr_free_mt[MIGRATE_MOVABLE];
	for (unsigned int o = 3; o < MAX_ORDER; o++)
		if (before[o]) {
			src = o;
			break;
		}
	assert_true(src >= 3);
	/* Movable order 3 from the smallest movable block that fits: split, halves returned. */
	p = alloc_pages(GFP_HIGHUSER_MOVABLE, 3);
	assert_non_null(p);
	assert_int_equal(page_zone(p), z);
	for (unsigned int o = 3; o < MAX_ORDER; o++) {
		long want = (long)before[o] + (o < src ? 1 : 0) - (o == src ? 1 : 0);

		assert_int_equal(z->free_area[o].nr_free_mt[MIGRATE_MOVABLE], want);
	}
	/* Free: it merges back to exactly the old layout. */
	__free_pages(p, 3);
	for (int o = 0; o < MAX_ORDER; o++)
		assert_int_equal(z->free_area[o].nr_free_mt[MIGRATE_MOVABLE], before[o]);
	/* Many small allocations of every order, freed in a scrambled order: full coalescing. */
	{
		unsigned long free0 = global_free_pages();
		u64 s = 42;

		for (int i = 0; i < 800; i++) {
			unsigned int o = (unsigned int)(mmt_rand(&s) % 5);

			p = alloc_pages(GFP_KERNEL, o);
			assert_non_null(p);
			hold(p, o);
		}
		for (unsigned long i = H.n; i > 1; i--) {
			unsigned long j = mmt_rand(&s) % i;
			struct page *tp = H.p[i - 1];
			unsigned int to = H.o[i - 1];

			H.p[i - 1] = H.p[j];
			H.o[i - 1] = H.o[j];
			H.p[j] = tp;
			H.o[j] = to;
		}
		release_held();
		drain_all_pages(NULL);
		assert_int_equal(global_free_pages(), free0);
	}
	check_all();
	/* The largest order is MAX_ORDER-1, and order MAX_ORDER is refused. */
	p = alloc_pages(GFP_KERNEL, MAX_ORDER - 1);
	assert_non_null(p);
	assert_int_equal(page_to_pfn(p) % (1UL << (MAX_ORDER - 1)), 0);
	__free_pages(p, MAX_ORDER - 1);
	{
		unsigned long bad = mm_bad_gfp_count;

		assert_null(alloc_pages(GFP_KERNEL | __GFP_NOWARN, MAX_ORDER));
		assert_int_equal(mm_bad_gfp_count, bad + 1);
	}
}

static int count_blocks(struct zone *z, int mt)
{
	int n = 0;
	unsigned long base = ALIGN_DOWN(z->zone_start_pfn, pageblock_nr_pages);

	for (unsigned long b = 0; b < DIV_ROUND_UP(zone_end_pfn(z) - base, pageblock_nr_pages); b++)
		n += z->pageblock_mt[b] == mt;
	return n;
}

static void t_migrate_fallback_steal(void **state)
{
	struct zone *z;
	struct page *p, *q;
	unsigned long fb;

	(void)state;
	boot("", 1, 32, true);
	z = Z(0, ZONE_NORMAL);
	assert_int_equal(count_blocks(z, MIGRATE_UNMOVABLE), 0);	/* Linux boots all movable */
	fb = vm_event_sum(PGALLOC_FALLBACK);
	p = alloc_pages(GFP_KERNEL, 0);
	assert_non_null(p);
	assert_true(vm_event_sum(PGALLOC_FALLBACK) > fb);
	/* The steal claims whole pageblocks for the unmovable request. */
	assert_int_equal(get_pageblock_migratetype(p), MIGRATE_UNMOVABLE);
	assert_true(count_blocks(z, MIGRATE_UNMOVABLE) >= 1);
	/* The next unmovable allocation comes from the claimed block, no new steal. */
	fb = vm_event_sum(PGALLOC_FALLBACK);
	q = alloc_pages(GFP_KERNEL, 1);
	assert_non_null(q);
	assert_int_equal(get_pageblock_migratetype(q), MIGRATE_UNMOVABLE);
	assert_int_equal(vm_event_sum(PGALLOC_FALLBACK), fb);
	/* Reclaimable gets its own blocks too. */
	{
		struct page *r = alloc_pages(GFP_KERNEL | __GFP_RECLAIMABLE, 2);

		assert_non_null(r);
		assert_int_equal(get_pageblock_migratetype(r), MIGRATE_RECLAIMABLE);
		__free_pages(r, 2);
	}
	__free_pages(p, 0);
	__free_pages(q, 1);
	drain_all_pages(NULL);
	check_all();
}

/* Push the Normal zone to its low watermark so the next request takes the slow path (Linux only
 * sets ALLOC_HARDER there). Booted with dma=0 so nothing falls back to DMA. */
static void pressure_to_low(struct zone *z)
{
	struct page *p;

	/* The HIGHATOMIC reserve doesn't count for ordinary requests. */
	while (zone_page_state(z, NR_FREE_PAGES) - (long)z->nr_reserved_highatomic >
	       (long)low_wmark_pages(z) + 8) {
		p = alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0);
		assert_non_null(p);
		hold(p, 0);
	}
	drain_all_pages(NULL);
	while (zone_page_state(z, NR_FREE_PAGES) - (long)z->nr_reserved_highatomic >
	       (long)low_wmark_pages(z)) {
		p = alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0);
		assert_non_null(p);
		hold(p, 0);
		drain_all_pages(NULL);
	}
}

static void t_highatomic(void **state)
{
	struct zone *z;
	struct page *p;
	struct alloc_context ac;
	unsigned long hblock;

	(void)state;
	boot("dma=0", 1, 32, true);
	z = Z(0, ZONE_NORMAL);
	assert_int_equal(Z(0, ZONE_DMA)->managed_pages, 0);
	/* With plenty free, an atomic order-2 request is served by the fast path: no reserve. */
	p = alloc_pages(GFP_ATOMIC, 2);
	assert_non_null(p);
	assert_int_equal(z->nr_reserved_highatomic, 0);
	__free_pages(p, 2);
	/* Under pressure it goes through the slow path with ALLOC_HARDER and reserves a block. */
	pressure_to_low(z);
	p = alloc_pages(GFP_ATOMIC, 2);
	assert_non_null(p);
	assert_int_equal(z->nr_reserved_highatomic, pageblock_nr_pages);
	assert_int_equal(get_pageblock_migratetype(p), MIGRATE_HIGHATOMIC);
	hblock = page_to_pfn(p) & ~(pageblock_nr_pages - 1);
	__free_pages(p, 2);
	release_held();
	drain_all_pages(NULL);
	/* Ordinary order-2 requests stay out of the reserved block. */
	for (int i = 0; i < 300; i++) {
		p = alloc_pages(GFP_KERNEL, 2);
		assert_non_null(p);
		assert_true((page_to_pfn(p) & ~(pageblock_nr_pages - 1)) != hblock);
		hold(p, 2);
	}
	/* Atomic order-2 requests under pressure are served from it. */
	pressure_to_low(z);
	p = alloc_pages(GFP_ATOMIC, 2);
	assert_non_null(p);
	assert_int_equal(page_to_pfn(p) & ~(pageblock_nr_pages - 1), hblock);
	hold(p, 2);
	/* The reserve stops growing once it reaches 1% of the zone plus one block (Linux checks
	 * before adding, so it may end one block above that). */
	for (int i = 0; i < 200; i++) {
		struct page *a = alloc_pages(GFP_ATOMIC | __GFP_NOWARN, 3);

		if (a)
			hold(a, 3);
	}
	assert_true(z->nr_reserved_highatomic < z->managed_pages / 100 + 2 * pageblock_nr_pages);
	release_held();
	drain_all_pages(NULL);
	/* Unreserving hands the block back. */
	ac.zonelist = node_zonelist(0, GFP_KERNEL);
	ac.nodemask = NULL;
	ac.highest_zoneidx = ZONE_NORMAL;
	ac.migratetype = MIGRATE_MOVABLE;
	ac.preferred_zoneref = first_zones_zonelist(ac.zonelist, ac.highest_zoneidx, NULL);
	assert_true(unreserve_highatomic_pageblock(&ac, true));
	while (unreserve_highatomic_pageblock(&ac, true))	/* one block per call */
		;
	assert_int_equal(z->nr_reserved_highatomic, 0);
	assert_int_equal(get_pageblock_migratetype(pfn_to_page(hblock)), MIGRATE_MOVABLE);
	check_all();
}

/* ------------------------------------------------------------------ watermarks */

/* Linux 6.1 __setup_per_zone_wmarks, written from its source as the reference: min_free_kbytes is
 * split over the !is_highmem() zones by size; a highmem zone (ZONE_HIGHMEM, and ZONE_MOVABLE when
 * movable_zone is HIGHMEM, i.e. when the system has highmem) gets min = managed/1024 clamped to
 * [SWAP_CLUSTER_MAX, 128]; low and high are min + d and min + 2d, d = max(share/4, 0.1%). */
static void check_wmarks_as_linux(bool system_has_highmem)
{
	unsigned long lowmem = 0, pages_min = min_free_kbytes / 4;

	for (int t = 0; t < MAX_NR_ZONES; t++) {
		bool hm = t == ZONE_HIGHMEM || (t == ZONE_MOVABLE && system_has_highmem);

		if (!hm)
			lowmem += Z(0, t)->managed_pages;
	}
	for (int t = 0; t < MAX_NR_ZONES; t++) {
		struct zone *z = Z(0, t);
		bool hm = t == ZONE_HIGHMEM || (t == ZONE_MOVABLE && system_has_highmem);
		unsigned long share = pages_min * z->managed_pages / lowmem, mn, d;

		if (!z->managed_pages)
			continue;
		mn = share;
		if (hm) {
			mn = z->managed_pages / 1024;
			mn = mn < 32 ? 32 : mn > 128 ? 128 : mn;
		}
		d = share / 4 > z->managed_pages * 10 / 10000 ? share / 4 : z->managed_pages * 10 / 10000;
		assert_int_equal(min_wmark_pages(z), mn);
		assert_int_equal(low_wmark_pages(z), mn + d);
		assert_int_equal(high_wmark_pages(z), mn + 2 * d);
	}
}

/* ZONE_MOVABLE carved from HIGHMEM is highmem for the watermarks, as in Linux (issue 17: with
 * highmem=16M movablecore=8M on 64 MiB Pagoda counted MOVABLE as lowmem, which lowered every lowmem
 * zone's share and raised MOVABLE's min). Without highmem, MOVABLE comes from NORMAL and is lowmem. */
static void t_watermark_movable_from_highmem(void **state)
{
	(void)state;
	boot("highmem=16M movablecore=8M", 1, 64, true);
	assert_int_equal(movable_zone, ZONE_HIGHMEM);
	assert_true(Z(0, ZONE_MOVABLE)->managed_pages > 1024);
	check_wmarks_as_linux(true);
	boot("highmem=16M movablecore=24M", 1, 64, true);	/* MOVABLE reaches below HIGHMEM */
	check_wmarks_as_linux(true);
	boot("movablecore=8M", 1, 32, true);	/* under 64 MiB there is no default highmem */
	assert_int_equal(movable_zone, ZONE_NORMAL);
	assert_false(is_highmem_idx(ZONE_MOVABLE));
	check_wmarks_as_linux(false);
}

static void t_watermark_values(void **state)
{
	unsigned long lowmem = 0, kb, pages_min;

	(void)state;
	boot("highmem=16M", 1, 64, true);
	for (int t = 0; t <= ZONE_NORMAL; t++)
		lowmem += Z(0, t)->managed_pages;
	kb = (unsigned long)floor(sqrt((double)(lowmem * 4 * 16)));
	if (kb < 128)
		kb = 128;
	assert_int_equal(min_free_kbytes, kb);
	pages_min = kb / 4;
	for (int t = 0; t < MAX_NR_ZONES; t++) {
		struct zone *z = Z(0, t);
		unsigned long share = pages_min * z->managed_pages / lowmem, extra, mn;

		if (!z->managed_pages)
			continue;
		if (t == ZONE_HIGHMEM) {
			mn = z->managed_pages / 1024;
			mn = mn < 32 ? 32 : mn > 128 ? 128 : mn;
		} else {
			mn = share;
		}
		extra = share / 4 > z->managed_pages * 10 / 10000 ? share / 4 : z->managed_pages * 10 / 10000;
		assert_int_equal(min_wmark_pages(z), mn);
		assert_int_equal(low_wmark_pages(z), mn + extra);
		assert_int_equal(high_wmark_pages(z), mn + 2 * extra);
	}
	/* lowmem_reserve: DMA keeps 1/256 of what lies above it, Normal 1/32. */
	assert_int_equal(Z(0, ZONE_DMA)->lowmem_reserve[ZONE_NORMAL], Z(0, ZONE_NORMAL)->managed_pages / 256);
	assert_int_equal(Z(0, ZONE_DMA)->lowmem_reserve[ZONE_HIGHMEM],
			 (Z(0, ZONE_NORMAL)->managed_pages + Z(0, ZONE_HIGHMEM)->managed_pages) / 256);
	assert_int_equal(Z(0, ZONE_NORMAL)->lowmem_reserve[ZONE_HIGHMEM], Z(0, ZONE_HIGHMEM)->managed_pages / 32);
	assert_int_equal(Z(0, ZONE_NORMAL)->lowmem_reserve[ZONE_NORMAL], 0);
	/* An explicit min_free_kbytes wins. */
	boot("min_free_kbytes=4096", 1, 32, true);
	assert_int_equal(min_free_kbytes, 4096);
	/* zone_watermark_ok: ALLOC_HIGH and ALLOC_HARDER reach below the mark. */
	{
		struct zone *z = Z(0, ZONE_NORMAL);
		unsigned long mark = 1000;

		assert_false(__zone_watermark_ok(z, 0, mark, ZONE_NORMAL, ALLOC_WMARK_MIN, 1000));
		assert_true(__zone_watermark_ok(z, 0, mark, ZONE_NORMAL, ALLOC_WMARK_MIN, 1001));
		assert_true(__zone_watermark_ok(z, 0, mark, ZONE_NORMAL, ALLOC_HIGH, 501));
		assert_false(__zone_watermark_ok(z, 0, mark, ZONE_NORMAL, ALLOC_HIGH, 500));
		assert_true(__zone_watermark_ok(z, 0, mark, ZONE_NORMAL, ALLOC_HARDER, 751));
		assert_false(__zone_watermark_ok(z, 0, mark, ZONE_NORMAL, ALLOC_HARDER, 750));
		assert_true(__zone_watermark_ok(z, 0, mark, ZONE_NORMAL, ALLOC_HIGH | ALLOC_HARDER, 376));
		assert_false(__zone_watermark_ok(z, 0, mark, ZONE_NORMAL, ALLOC_HIGH | ALLOC_HARDER, 375));
		/* order-n counts the pages that are left after taking the block. */
		assert_false(__zone_watermark_ok(z, 3, mark, ZONE_NORMAL, ALLOC_WMARK_MIN, 1007));
		assert_true(__zone_watermark_ok(z, 3, mark, ZONE_NORMAL, ALLOC_WMARK_MIN, 1008));
		/* lowmem_reserve applies by the request's highest zone. */
		z = Z(0, ZONE_DMA);
		assert_false(__zone_watermark_ok(z, 0, mark, ZONE_NORMAL, ALLOC_WMARK_MIN,
						 1000 + z->lowmem_reserve[ZONE_NORMAL]));
		assert_true(__zone_watermark_ok(z, 0, mark, ZONE_DMA, ALLOC_WMARK_MIN,
						1000 + z->lowmem_reserve[ZONE_NORMAL]));
	}
}

static void t_watermark_behaviour(void **state)
{
	struct zone *dma;
	struct page *p;
	long min, m1, m2;

	(void)state;
	boot("dma=4M", 1, 32, true);
	dma = Z(0, ZONE_DMA);
	min = (long)min_wmark_pages(dma);
	assert_true(min > 8);
	while ((p = alloc_pages(GFP_NOWAIT | __GFP_DMA | __GFP_NOWARN, 0)))
		hold(p, 0);
	/* Plain requests stop at the min mark (the pcp refill may dip up to one batch below). */
	assert_true(zone_page_state(dma, NR_FREE_PAGES) <= min);
	assert_true(zone_page_state(dma, NR_FREE_PAGES) >= min - dma->pcp[0].batch);
	/* GFP_ATOMIC (HIGH + HARDER) continues to min - min/2 - (min - min/2)/4. */
	drain_all_pages(NULL);
	m1 = min - min / 2;
	m2 = m1 - m1 / 4;
	p = alloc_pages(GFP_ATOMIC | __GFP_DMA, 0);
	assert_non_null(p);
	hold(p, 0);
	while ((p = alloc_pages(GFP_ATOMIC | __GFP_DMA | __GFP_NOWARN, 0)))
		hold(p, 0);
	drain_all_pages(NULL);
	assert_true(zone_page_state(dma, NR_FREE_PAGES) <= m2 + dma->pcp[0].batch);
	assert_true(zone_page_state(dma, NR_FREE_PAGES) > 0);
	/* __GFP_MEMALLOC ignores watermarks and empties the zone. */
	while ((p = alloc_pages(GFP_ATOMIC | __GFP_MEMALLOC | __GFP_DMA | __GFP_NOWARN, 0)))
		hold(p, 0);
	assert_int_equal(zone_page_state(dma, NR_FREE_PAGES), 0);
	release_held();
	drain_all_pages(NULL);
	check_all();
}

static void t_lowmem_reserve_protects(void **state)
{
	struct zone *dma;
	struct page *p;

	(void)state;
	boot("dma=4M", 1, 32, true);
	dma = Z(0, ZONE_DMA);
	assert_true(dma->lowmem_reserve[ZONE_NORMAL] > 0);
	while ((p = alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0)))
		hold(p, 0);
	drain_all_pages(NULL);
	/* GFP_KERNEL spilled into DMA but left min + lowmem_reserve there. */
	assert_true(zone_page_state(dma, NR_FREE_PAGES) >
		    (long)min_wmark_pages(dma) + dma->lowmem_reserve[ZONE_NORMAL] - dma->pcp[0].batch - 1);
	/* ... which a real DMA request can still use. */
	p = alloc_pages(GFP_KERNEL | __GFP_DMA, 0);
	assert_non_null(p);
	hold(p, 0);
	release_held();
	drain_all_pages(NULL);
	check_all();
}

/* ------------------------------------------------------------------ per-CPU lists */

static void t_pcp(void **state)
{
	struct zone *z;
	struct page *p;
	int batch, high;

	(void)state;
	boot("", 1, 32, true);
	z = Z(0, ZONE_NORMAL);
	batch = z->pcp[0].batch;
	high = z->pcp[0].high;
	/* Linux sizing: managed/1024/4, rounded to 2^n-1; high (6.1's zone_highsize) = the LOW
	 * watermark shared by the node's harts (4 here, one node), at least 4 batches. */
	{
		unsigned long b = z->managed_pages / 1024 / 4, r = 1;
		long share = (long)low_wmark_pages(z) / 4;

		if (!b)
			b = 1;
		b += b / 2;
		while (r * 2 <= b)
			r *= 2;
		assert_int_equal(batch, (int)(r - 1 ? r - 1 : 1));
		assert_int_equal(high, share > 4 * batch ? share : 4 * batch);
		assert_true(high > 4 * batch);	/* this zone's share is the larger */
	}
	p = alloc_pages(GFP_KERNEL, 0);
	assert_non_null(p);
	/* One refill of `batch` pages, one handed out. */
	assert_int_equal(z->pcp[0].count, batch - 1);
	__free_pages(p, 0);
	assert_int_equal(z->pcp[0].count, batch);
	/* LIFO: the page just freed comes back (cache hot). */
	assert_ptr_equal(alloc_pages(GFP_KERNEL, 0), p);
	__free_pages(p, 0);
	/* Freeing more than high drains a batch. */
	for (int i = 0; i < 3 * high; i++) {
		p = alloc_pages(GFP_KERNEL, 0);
		assert_non_null(p);
		hold(p, 0);
	}
	release_held();
	assert_true(z->pcp[0].count < high);
	/* Another hart has its own list; drain_all_pages empties every hart's. */
	host_cpu_id = 1;
	p = alloc_pages(GFP_KERNEL, 0);
	assert_non_null(p);
	assert_int_equal(z->pcp[1].count, batch - 1);
	__free_pages(p, 0);
	host_cpu_id = 0;
	drain_all_pages(NULL);
	assert_int_equal(pcp_count(z), 0);
	assert_int_equal(global_free_pages(), totalram_pages);
	check_all();
}

/* The per-CPU lists run with interrupts on under a trylock (Linux 6.x): a handler on the hart that
 * holds them must neither wait for them nor touch them, and the fast path's counters must add up. */
static void t_pcp_irq_trylock(void **state)
{
	struct page *p, *arr[4] = { 0 };
	unsigned long pg0, fr0, hit0, local0, free0;
	struct zone *z;
	int count;

	(void)state;
	boot("", 1, 32, true);
	mm_trace_enabled = false;
	z = Z(0, ZONE_NORMAL);
	/* Fast path: every order-0 pair lands in the events and NUMA counters exactly. */
	pg0 = vm_event_sum(PGALLOC_NORMAL);
	fr0 = vm_event_sum(PGFREE);
	hit0 = numa_stat_sum(NUMA_HIT);
	local0 = numa_stat_sum(NUMA_LOCAL);
	for (int i = 0; i < 10; i++)
		__free_pages(alloc_pages(GFP_KERNEL, 0), 0);
	assert_int_equal(vm_event_sum(PGALLOC_NORMAL), pg0 + 10);
	assert_int_equal(vm_event_sum(PGFREE), fr0 + 10);
	assert_int_equal(numa_stat_sum(NUMA_HIT), hit0 + 10);
	assert_int_equal(numa_stat_sum(NUMA_LOCAL), local0 + 10);
	assert_int_equal(numa_stat_sum(NUMA_OTHER), 0);

	/* The task on hart 0 holds its lists; an interrupt arrives. */
	count = z->pcp[0].count;
	assert_true(count > 0);
	free0 = global_free_pages();
	spin_lock(&z->pcp[0].lock);
	host_irq_depth = 1;
	p = alloc_pages(GFP_ATOMIC, 0);
	assert_non_null(p);
	assert_int_equal(global_free_pages(), free0 - 1);	/* from the buddy lists */
	__free_pages(p, 0);
	assert_int_equal(global_free_pages(), free0);		/* back to them */
	/* Bulk without the lists settles for one page from the buddy lists, as Linux's does. */
	assert_int_equal(alloc_pages_bulk(GFP_ATOMIC, 4, arr), 1);
	__free_pages(arr[0], 0);
	drain_local_pages(NULL);				/* left for later, no hang */
	assert_int_equal(z->pcp[0].count, count);
	assert_int_equal(global_free_pages(), free0);
	host_irq_depth = 0;
	spin_unlock(&z->pcp[0].lock);
	assert_int_equal(vm_event_sum(PGALLOC_NORMAL), pg0 + 10 + 2);
	assert_int_equal(vm_event_sum(PGFREE), fr0 + 10 + 2);
	assert_int_equal(numa_stat_sum(NUMA_HIT), hit0 + 10 + 2);
	check_all();
	drain_all_pages(NULL);
	assert_int_equal(global_free_pages(), totalram_pages);
	check_all();
}

/* alloc_contig_pages: a free run found through the scan hook, taken out of the buddy lists with
 * the blocks at its ends split, every page its own reference; free_contig_range gives it back. */
static unsigned long contig_scan_calls;
static unsigned long contig_scan(const unsigned long *map, unsigned long size, unsigned long start,
				 unsigned long nr, unsigned long mask)
{
	contig_scan_calls++;
	return bitmap_find_next_set_area(map, size, start, nr, mask);
}
static const struct mm_scan_ops contig_scan_ops = { "counting", contig_scan };

static void t_contig(void **state)
{
	struct page *p, *q;
	unsigned long free0, bad, fail0;
	struct zone *z;

	(void)state;
	boot("", 1, 32, true);
	z = Z(0, ZONE_NORMAL);
	drain_all_pages(NULL);
	free0 = global_free_pages();
	mm_register_scan_ops(&contig_scan_ops);
	contig_scan_calls = 0;
	p = alloc_contig_pages(37, GFP_KERNEL, NUMA_NO_NODE, NULL);
	assert_non_null(p);
	assert_true(contig_scan_calls > 0);
	assert_int_equal(page_to_pfn(p) % 32, 0);	/* aligned to the largest 2^n <= 37 */
	assert_ptr_equal(page_zone(p), z);
	for (unsigned long i = 0; i < 37; i++) {
		assert_int_equal(page_ref_count(p + i), 1);
		assert_false(PageBuddy(p + i));
		assert_false((z->free_bitmap[(page_to_pfn(p + i) - z->zone_start_pfn) / 64] >>
			      ((page_to_pfn(p + i) - z->zone_start_pfn) % 64)) & 1);
		memset(mmt_page_mem(p + i), 0x3c, PAGE_SIZE);
	}
	assert_int_equal(global_free_pages(), free0 - 37);
	/* __GFP_ZERO zeroes the whole run; the next run does not overlap the first. */
	q = alloc_contig_pages(5, GFP_KERNEL | __GFP_ZERO, NUMA_NO_NODE, NULL);
	assert_non_null(q);
	assert_true(page_to_pfn(q) + 5 <= page_to_pfn(p) || page_to_pfn(q) >= page_to_pfn(p) + 37);
	for (unsigned long i = 0; i < 5; i++)
		for (unsigned long k = 0; k < PAGE_SIZE; k++)
			if (((u8 *)mmt_page_mem(q + i))[k])
				fail_msg("page %lu byte %lu of a __GFP_ZERO run not zero", i, k);
	/* Each page is its own allocation: freed one by one, the run merges back. */
	free_contig_range(page_to_pfn(q), 5);
	free_contig_range(page_to_pfn(p), 37);
	bad = mm_bad_page_count;
	free_contig_range(page_to_pfn(p), 37);	/* double free: every page reported */
	assert_int_equal(mm_bad_page_count, bad + 37);
	drain_all_pages(NULL);
	assert_int_equal(global_free_pages(), free0);
	check_all();
	/* Impossible requests: nothing taken, counted as failures. */
	fail0 = vm_event_sum(PGALLOC_FAIL);
	assert_null(alloc_contig_pages(0, GFP_KERNEL, NUMA_NO_NODE, NULL));
	assert_null(alloc_contig_pages(totalram_pages + 1, GFP_KERNEL, NUMA_NO_NODE, NULL));
	assert_null(alloc_contig_pages(z->spanned_pages, GFP_KERNEL, NUMA_NO_NODE, NULL));
	assert_int_equal(vm_event_sum(PGALLOC_FAIL), fail0 + 1);
	assert_int_equal(global_free_pages(), free0);
	/* A fragmented zone (every page taken, reserves included, then every other one freed) has
	 * no run of 2. */
	held_reset();
	mm_register_scan_ops(NULL);
	{
		struct page *a;
		unsigned long n = 0;

		while ((a = alloc_pages(GFP_DMA | __GFP_MEMALLOC | __GFP_NOWARN, 0)) != NULL)
			hold(a, 0), n++;
		assert_true(n > 0);
		for (unsigned long i = 0; i < H.n; i++)
			if (page_to_pfn(H.p[i]) & 1) {
				__free_pages(H.p[i], 0);
				H.p[i] = NULL;
			}
		drain_all_pages(NULL);
		/* Enough free pages: only the layout can make it fail. */
		assert_true(zone_watermark_ok(Z(0, ZONE_DMA), 0, low_wmark_pages(Z(0, ZONE_DMA)) + 2,
					      ZONE_DMA, ALLOC_WMARK_LOW));
		assert_null(alloc_contig_pages(2, GFP_DMA, NUMA_NO_NODE, NULL));
		assert_non_null(q = alloc_contig_pages(1, GFP_DMA, NUMA_NO_NODE, NULL));
		free_contig_range(page_to_pfn(q), 1);
		for (unsigned long i = 0; i < H.n; i++)
			if (H.p[i])
				__free_pages(H.p[i], 0);
		held_reset();
	}
	drain_all_pages(NULL);
	assert_int_equal(global_free_pages(), free0);
	check_all();
}

static void t_bulk(void **state)
{
	struct page *arr[64] = { 0 };
	LIST_HEAD(list);
	struct page *p, *n;
	unsigned long got, cnt = 0;

	(void)state;
	boot("", 1, 32, true);
	got = alloc_pages_bulk(GFP_KERNEL, 64, arr);
	assert_int_equal(got, 64);
	for (int i = 0; i < 64; i++) {
		assert_non_null(arr[i]);
		assert_int_equal(page_ref_count(arr[i]), 1);
		for (int j = 0; j < i; j++)
			assert_ptr_not_equal(arr[i], arr[j]);
	}
	free_pages_bulk(arr, 64);
	/* Filled slots are kept and counted. */
	memset(arr, 0, sizeof(arr));
	arr[3] = alloc_pages(GFP_KERNEL, 0);
	p = arr[3];
	got = alloc_pages_bulk(GFP_KERNEL, 16, arr);
	assert_int_equal(got, 16);
	assert_ptr_equal(arr[3], p);
	free_pages_bulk(arr, 16);
	got = alloc_pages_bulk_list(GFP_KERNEL | __GFP_ZERO, 16, &list);
	assert_int_equal(got, 16);
	list_for_each_entry_safe(p, n, &list, lru) {
		const unsigned long *w = mmt_page_mem(p);

		for (unsigned long k = 0; k < PAGE_SIZE / sizeof(long); k++)
			assert_int_equal(w[k], 0);
		list_del(&p->lru);
		__free_pages(p, 0);
		cnt++;
	}
	assert_int_equal(cnt, 16);
	drain_all_pages(NULL);
	check_all();
}

/* Is page on hart 0's list of its zone for type mt, and at which position from the head? -1: not. */
static long pcp_list_pos(struct page *page, int mt)
{
	struct list_head *head = &page_zone(page)->pcp[0].lists[mt], *pos;
	long i = 0;

	for (pos = head->next; pos != head; pos = pos->next, i++)
		if (pos == &page->lru)
			return i;
	return -1;
}

/* The bulk fast path (trace off, no debugging features): a filled slot in the middle of the array,
 * a per-CPU list that runs dry in the middle of a request (refilled under the same lock: the pages
 * it had come first, in list order), the list variant across a refill, the fast-path counters; then
 * one free_pages_bulk() over two zones with a NULL slot, a page with a second reference, a
 * misaligned pointer and a page given twice: every good page on the list of its pageblock's type,
 * the pages of one run in list_add() order (the last freed first), each bad entry reported once. */
static void t_bulk_fast(void **state)
{
	struct page *arr[40] = { 0 }, *pre[3], *keep, *fr[10], *p, *n;
	unsigned long pg0, hit0, refill0, fr0, bad;
	struct per_cpu_pages *pcp;
	LIST_HEAD(list);
	struct zone *z;
	long cnt = 0;

	(void)state;
	boot("", 1, 32, true);
	mm_trace_enabled = false;
	z = Z(0, ZONE_NORMAL);
	pcp = &z->pcp[0];
	keep = alloc_pages(GFP_KERNEL, 0);
	for (int i = 0; i < 3; i++)
		pre[i] = alloc_pages(GFP_KERNEL, 0);
	drain_local_pages(NULL);
	for (int i = 0; i < 3; i++)
		__free_pages(pre[i], 0);	/* the unmovable list: pre[2], pre[1], pre[0] */
	assert_int_equal(pcp->count, 3);
	assert_ptr_equal(pcp->lists[MIGRATE_UNMOVABLE].next, &pre[2]->lru);
	pg0 = vm_event_sum(PGALLOC_NORMAL);
	hit0 = numa_stat_sum(NUMA_HIT);
	refill0 = vm_event_sum(PCP_REFILL);
	arr[1] = keep;
	assert_int_equal(alloc_pages_bulk(GFP_KERNEL, 40, arr), 40);
	assert_ptr_equal(arr[1], keep);
	assert_ptr_equal(arr[0], pre[2]);
	assert_ptr_equal(arr[2], pre[1]);
	assert_ptr_equal(arr[3], pre[0]);
	for (int i = 0; i < 40; i++) {
		assert_int_equal(page_ref_count(arr[i]), 1);
		assert_int_equal(arr[i]->alloc_order, 0);
		for (int j = 0; j < i; j++)
			assert_ptr_not_equal(arr[i], arr[j]);
	}
	assert_int_equal(vm_event_sum(PGALLOC_NORMAL), pg0 + 39);
	assert_int_equal(numa_stat_sum(NUMA_HIT), hit0 + 39);
	assert_int_equal(vm_event_sum(PCP_REFILL), refill0 + 1);	/* one refill for the rest */
	free_pages_bulk(arr, 40);
	check_all();	/* counts = list lengths, every page back (check_all wants none allocated) */

	/* The list variant with the list empty at the start and a refill. */
	drain_local_pages(NULL);
	assert_int_equal(alloc_pages_bulk_list(GFP_KERNEL, 30, &list), 30);
	list_for_each_entry_safe(p, n, &list, lru) {
		assert_int_equal(page_ref_count(p), 1);
		list_del(&p->lru);
		__free_pages(p, 0);
		cnt++;
	}
	assert_int_equal(cnt, 30);
	check_all();

	/* Frees over two zones, with bad entries among them. */
	for (int i = 0; i < 10; i++)
		fr[i] = alloc_pages(i == 3 || i == 4 ? GFP_DMA : GFP_KERNEL, 0);
	drain_local_pages(NULL);
	assert_true(pcp->high > 10 && Z(0, ZONE_DMA)->pcp[0].high > 10);	/* no drain midway */
	assert_int_equal(page_zonenum(fr[3]), ZONE_DMA);
	set_page_count(fr[6], 2);
	{
		struct page *list_in[] = { fr[0], fr[1], fr[3], fr[2], NULL, fr[4], fr[5], fr[6],
					   (struct page *)((char *)fr[7] + 8), fr[7], fr[8], fr[8],
					   fr[9] };

		bad = mm_bad_page_count;
		fr0 = vm_event_sum(PGFREE);
		free_pages_bulk(list_in, ARRAY_SIZE(list_in));
		assert_int_equal(mm_bad_page_count, bad + 2);	/* misaligned, second free */
		assert_int_equal(vm_event_sum(PGFREE), fr0 + 9);
	}
	assert_int_equal(page_ref_count(fr[6]), 1);		/* one reference dropped */
	for (int i = 0; i < 10; i++) {
		if (i == 6)
			continue;
		assert_int_equal(page_ref_count(fr[i]), 0);
		assert_int_equal(fr[i]->list_mt, get_pageblock_migratetype(fr[i]));
		assert_true(pcp_list_pos(fr[i], fr[i]->list_mt) >= 0);
	}
	/* Normal zone, in free order fr0 fr1 | fr2 | fr5 | fr7 fr8 fr9: newest first on its list when
	 * they share a pageblock type, as page-by-page list_add() would leave them. */
	for (int i = 0; i < 10; i++)
		for (int j = i + 1; j < 10; j++) {
			int a[] = { 0, 1, 2, 5, 7, 8, 9 };
			int ia = -1, ja = -1;

			for (unsigned k = 0; k < ARRAY_SIZE(a); k++) {
				if (a[k] == i)
					ia = (int)k;
				if (a[k] == j)
					ja = (int)k;
			}
			if (ia < 0 || ja < 0 || fr[i]->list_mt != fr[j]->list_mt)
				continue;
			assert_true(pcp_list_pos(fr[j], fr[j]->list_mt) <
				    pcp_list_pos(fr[i], fr[i]->list_mt));
		}
	assert_true(pcp_list_pos(fr[4], fr[4]->list_mt) < pcp_list_pos(fr[3], fr[3]->list_mt) ||
		    fr[3]->list_mt != fr[4]->list_mt);
	__free_pages(fr[6], 0);
	check_all();
	drain_all_pages(NULL);
	check_all();
	mm_trace_enabled = true;
}

/* free_pages_bulk() takes a hart's list lock once for a run of pages and settles the list's count
 * at the end of the run: across more than `high` pages (a drain inside the run), a NULL slot, and
 * a page with a second reference (full path, in the middle of a run), every count must match. */
static void bulk_free_runs(bool trace)
{
	struct zone *z;
	struct page **arr, *extra;
	int high, n;

	boot("", 1, 32, true);
	mm_trace_enabled = trace;	/* on: page by page, each free an event; off: in runs */
	z = Z(0, ZONE_NORMAL);
	high = z->pcp[0].high;
	n = 2 * high + 5;
	arr = calloc((size_t)n, sizeof(*arr));
	assert_non_null(arr);
	for (int i = 0; i < n; i++)
		if (i != 7)
			assert_non_null(arr[i] = alloc_pages(GFP_KERNEL, 0));
	extra = arr[11];
	set_page_count(extra, 2);	/* a second reference (get_page) */
	free_pages_bulk(arr, (unsigned long)n);
	assert_int_equal(page_ref_count(extra), 1);	/* one reference dropped, still allocated */
	assert_true(z->pcp[0].count > 0 && z->pcp[0].count < high);
	__free_pages(extra, 0);
	check_all();		/* pcp counts == list lengths, every page accounted for */
	free(arr);
	drain_all_pages(NULL);
	check_all();
	mm_trace_enabled = true;
}

static void t_bulk_free_runs(void **state)
{
	(void)state;
	bulk_free_runs(false);
	bulk_free_runs(true);
}

/* ------------------------------------------------------------------ zeroing, bitmap hooks */

static unsigned long hw_zero_calls;
static void fake_hw_zero(struct page *page, unsigned int order)
{
	hw_zero_calls++;
	mm_sw_zero_pages(page, order);
}
static unsigned long hw_fill_calls, hw_fill_pages;
static void fake_hw_fill(struct page *page, unsigned long nr, u8 byte)
{
	hw_fill_calls++;
	hw_fill_pages += nr;
	memset(mmt_page_mem(page), byte, nr * PAGE_SIZE);
}
static const struct mm_zero_ops fake_zero = { "fake", fake_hw_zero, NULL, NULL, NULL, NULL, NULL };
static const struct mm_zero_ops fake_zero_fill = { "fake-fill", fake_hw_zero, fake_hw_fill, NULL, NULL, NULL, NULL };

static void t_zero(void **state)
{
	struct page *p;
	unsigned long a;

	(void)state;
	boot("", 1, 32, true);
	p = alloc_pages(GFP_KERNEL, 2);
	memset(mmt_page_mem(p), 0xff, 4 * PAGE_SIZE);
	__free_pages(p, 2);
	p = alloc_pages(GFP_KERNEL | __GFP_ZERO, 2);
	for (unsigned long k = 0; k < 4 * PAGE_SIZE; k++)
		if (((u8 *)mmt_page_mem(p))[k])
			fail_msg("byte %lu not zero", k);
	__free_pages(p, 2);
	mm_register_zero_ops(&fake_zero);
	hw_zero_calls = 0;
	a = get_zeroed_page(GFP_KERNEL);
	assert_true(a != 0);
	assert_int_equal(hw_zero_calls, 1);
	free_page(a);
	p = alloc_pages(GFP_KERNEL, 0);	/* no __GFP_ZERO: no call */
	assert_int_equal(hw_zero_calls, 1);
	__free_pages(p, 0);
	mm_register_zero_ops(NULL);
	a = get_zeroed_page(GFP_KERNEL);
	assert_int_equal(hw_zero_calls, 1);
	free_page(a);
}

/* A fake pre-zero pool: one slot, "zeroed" at capture time. */
static struct page *fake_pool;
static unsigned int fake_pool_order;
static struct zone *fake_pool_zone;
static unsigned long fake_captures, fake_takes, fake_releases;
static bool fake_releasing;
static bool fake_capture(struct zone *zone, struct page *page, unsigned int order)
{
	if (fake_pool || fake_releasing)
		return false;
	for (unsigned long i = 0; i < (1UL << order); i++)
		memset(mmt_page_mem(page + i), 0, PAGE_SIZE);
	fake_pool = page;
	fake_pool_order = order;
	fake_pool_zone = zone;
	fake_captures++;
	return true;
}
static struct page *fake_take(struct zone *zone, unsigned int order)
{
	struct page *p = fake_pool;

	if (!p || zone != fake_pool_zone || order != fake_pool_order)
		return NULL;
	fake_pool = NULL;
	fake_takes++;
	return p;
}
static void fake_release(void)
{
	struct page *p = fake_pool;

	if (!p)
		return;
	fake_pool = NULL;
	fake_releases++;
	set_page_count(p, 1);
	p->alloc_order = (u8)fake_pool_order;
	fake_releasing = true;	/* the free below must not be captured again */
	__free_pages(p, fake_pool_order);
	fake_releasing = false;
}
static const struct mm_zero_ops fake_prezero = { "fake-prezero", mm_sw_zero_pages, NULL,
						 fake_capture, fake_take, fake_release, NULL };

static void t_prezero_hooks(void **state)
{
	struct page *p, *q, *z;
	unsigned long free0, bad;

	(void)state;
	boot("", 1, 32, true);
	drain_all_pages(NULL);
	free0 = global_free_pages();
	mm_register_zero_ops(&fake_prezero);
	mm_capture_wanted = true;
	fake_captures = fake_takes = fake_releases = 0;
	p = alloc_pages(GFP_KERNEL, 0);
	memset(mmt_page_mem(p), 0x5a, PAGE_SIZE);
	__free_pages(p, 0);
	assert_int_equal(fake_captures, 1);
	q = alloc_pages(GFP_KERNEL, 0);	/* no __GFP_ZERO: the pool is not asked */
	assert_ptr_not_equal(q, p);
	assert_int_equal(fake_takes, 0);
	bad = mm_bad_page_count;
	__free_pages(p, 0);	/* the captured page has refcount 0: a double free is still caught */
	assert_int_equal(mm_bad_page_count, bad + 1);
	z = alloc_pages(GFP_KERNEL | __GFP_ZERO, 0);
	assert_ptr_equal(z, p);
	assert_int_equal(fake_takes, 1);
	assert_int_equal(page_ref_count(z), 1);
	for (unsigned long k = 0; k < PAGE_SIZE; k++)
		if (((u8 *)mmt_page_mem(z))[k])
			fail_msg("byte %lu of a pre-zeroed page not zero", k);
	__free_pages(z, 0);	/* captured again */
	assert_int_equal(fake_captures, 2);
	__free_pages(q, 0);	/* pool full: to the per-CPU list */
	assert_int_equal(fake_captures, 2);
	drain_all_pages(NULL);	/* releases the pool too */
	assert_int_equal(fake_releases, 1);
	assert_int_equal(global_free_pages(), free0);
	/* Without the hint the fast free path does not even ask. */
	mm_capture_wanted = false;
	p = alloc_pages(GFP_KERNEL, 0);
	__free_pages(p, 0);
	assert_int_equal(fake_captures, 2);
	/* Higher orders are offered from the full free path, taken by __GFP_ZERO of that order
	 * only, and come back prepared (compound too). */
	p = alloc_pages(GFP_KERNEL, 3);
	for (unsigned long i = 0; i < 8; i++)
		memset(mmt_page_mem(p + i), 0x6b, PAGE_SIZE);
	__free_pages(p, 3);
	assert_int_equal(fake_captures, 3);
	assert_int_equal(global_free_pages(), free0 - 8 - pcp_count(Z(0, ZONE_NORMAL)));
	q = alloc_pages(GFP_KERNEL | __GFP_ZERO, 2);	/* other order: not the pool's */
	assert_ptr_not_equal(q, p);
	__free_pages(q, 2);
	assert_int_equal(fake_takes, 1);
	bad = mm_bad_page_count;
	__free_pages(p, 3);	/* still a double free */
	assert_int_equal(mm_bad_page_count, bad + 1);
	z = alloc_pages(GFP_KERNEL | __GFP_ZERO | __GFP_COMP, 3);
	assert_ptr_equal(z, p);
	assert_int_equal(fake_takes, 2);
	assert_true(PageHead(z));
	assert_int_equal(page_ref_count(z), 1);
	for (unsigned long i = 0; i < 8; i++)
		for (unsigned long k = 0; k < PAGE_SIZE; k++)
			if (((u8 *)mmt_page_mem(z + i))[k])
				fail_msg("page %lu byte %lu of a pre-zeroed block not zero", i, k);
	__free_pages(z, 3);	/* captured again */
	assert_int_equal(fake_captures, 4);
	/* Movable blocks are not offered (the pool serves unmovable requests). */
	fake_release();
	p = alloc_pages(GFP_HIGHUSER_MOVABLE, 3);
	__free_pages(p, 3);
	assert_int_equal(fake_captures, 4);
	drain_all_pages(NULL);
	assert_int_equal(global_free_pages(), free0);
	mm_register_zero_ops(NULL);
	check_all();
}

/* A fake pre-zero pool with the batch op: order-0 pages "zeroed" at capture time, handed over up
 * to `max` at a time. drain_in_take: a release (mm_drain_zeroed_lists) runs while the driver
 * hands a batch over, as one on another hart can. */
static struct page *fake_batch_pool[MM_ZEROED_BATCH + 8];
static unsigned int fake_batch_n;
static unsigned long fake_batch_calls;
static bool drain_in_take;
static bool fake_batch_capture(struct zone *zone, struct page *page, unsigned int order)
{
	(void)zone;
	if (order || fake_releasing || fake_batch_n == ARRAY_SIZE(fake_batch_pool))
		return false;
	memset(mmt_page_mem(page), 0, PAGE_SIZE);
	fake_batch_pool[fake_batch_n++] = page;
	return true;
}
static unsigned int fake_take_batch(struct zone *zone, struct list_head *list, unsigned int max)
{
	unsigned int n = 0;

	fake_batch_calls++;
	while (fake_batch_n && n < max && page_zone(fake_batch_pool[fake_batch_n - 1]) == zone) {
		list_add_tail(&fake_batch_pool[--fake_batch_n]->lru, list);
		n++;
	}
	if (drain_in_take)
		mm_drain_zeroed_lists();
	return n;
}
/* Gives the pool's own pages back, not the lists' (drain_local_pages() does not call it). */
static void fake_batch_release(void)
{
	fake_releasing = true;
	while (fake_batch_n) {
		struct page *p = fake_batch_pool[--fake_batch_n];

		set_page_count(p, 1);
		p->alloc_order = 0;
		__free_pages(p, 0);
	}
	fake_releasing = false;
}
static const struct mm_zero_ops fake_batch_ops = { "fake-batch", mm_sw_zero_pages, NULL,
						   fake_batch_capture, NULL, fake_batch_release,
						   fake_take_batch };

static unsigned long zeroed_count(struct zone *z)
{
	unsigned long s = 0;

	for (int c = 0; c < NR_CPUS; c++)
		s += mm_pcp_zeroed_count(&z->pcp[c]);
	return s;
}

/* Capture n freshly dirtied order-0 pages into the fake batch pool. */
static void fill_batch_pool(unsigned int n)
{
	struct page *p[ARRAY_SIZE(fake_batch_pool)];

	for (unsigned int i = 0; i < n; i++) {
		p[i] = alloc_pages(GFP_KERNEL, 0);
		memset(mmt_page_mem(p[i]), 0x5a, PAGE_SIZE);
	}
	mm_capture_wanted = true;
	for (unsigned int i = 0; i < n; i++)
		__free_pages(p[i], 0);
	mm_capture_wanted = false;
	assert_int_equal(fake_batch_n, n);
}

static void assert_zero_page(struct page *z)
{
	assert_int_equal(page_ref_count(z), 1);
	for (unsigned long k = 0; k < PAGE_SIZE; k++)
		if (((u8 *)mmt_page_mem(z))[k])
			fail_msg("byte %lu of a pre-zeroed page not zero", k);
}

/* __GFP_ZERO order 0 through the hart's zeroed list: one driver call per MM_ZEROED_BATCH pages,
 * the rest served from the list; its pages are nobody's (double free caught), and every drain
 * (the pool's release, drain_local_pages, drain_all_pages) gives them back to the buddy lists. */
static void t_prezero_zeroed_lists(void **state)
{
	struct page *z, *z2, *m, *s;
	struct zone *zone;
	unsigned long free0, bad;

	(void)state;
	boot("", 1, 32, true);
	mm_register_zero_ops(&fake_batch_ops);
	drain_all_pages(NULL);
	free0 = global_free_pages();
	fake_batch_calls = 0;
	fill_batch_pool(MM_ZEROED_BATCH + 4);
	z = alloc_pages(GFP_KERNEL | __GFP_ZERO, 0);
	zone = page_zone(z);
	assert_int_equal(fake_batch_calls, 1);
	assert_int_equal(fake_batch_n, 4);
	assert_int_equal((int)mm_pcp_zeroed_count(&zone->pcp[0]), MM_ZEROED_BATCH - 1);
	assert_int_equal(mm_zeroed_list_allocs(), 0);
	assert_zero_page(z);
	z2 = alloc_pages(GFP_KERNEL | __GFP_ZERO, 0);	/* from the list: no driver call */
	assert_int_equal(fake_batch_calls, 1);
	assert_int_equal((int)mm_pcp_zeroed_count(&zone->pcp[0]), MM_ZEROED_BATCH - 2);
	assert_int_equal(mm_zeroed_list_allocs(), 1);
	assert_zero_page(z2);
	m = alloc_pages(GFP_HIGHUSER_MOVABLE | __GFP_ZERO, 0);	/* movable: not the list's */
	assert_int_equal((int)mm_pcp_zeroed_count(&zone->pcp[0]), MM_ZEROED_BATCH - 2);
	__free_pages(m, 0);
	/* A page on the list is nobody's: freeing it is a double free, and it stays listed. */
	s = list_first_entry(&zone->pcp[0].zeroed, struct page, lru);
	bad = mm_bad_page_count;
	__free_pages(s, 0);
	assert_int_equal(mm_bad_page_count, bad + 1);
	assert_int_equal((int)mm_pcp_zeroed_count(&zone->pcp[0]), MM_ZEROED_BATCH - 2);
	{
		char err[160];

		/* the lists' invariants (the pool's own pages are nobody's, so not check_all) */
		if (mm_verify(err, sizeof(err)))
			fail_msg("%s", err);
	}
	__free_pages(z, 0);
	__free_pages(z2, 0);
	/* The OOM and compaction paths drain this hart's lists, the zeroed one included. */
	drain_local_pages(NULL);
	assert_int_equal(zeroed_count(zone), 0);
	fake_batch_release();
	drain_local_pages(NULL);
	assert_int_equal(global_free_pages(), free0);
	/* mm_drain_zeroed_lists() (the pool's release, prezero off) empties only the zeroed lists. */
	fill_batch_pool(MM_ZEROED_BATCH);
	z = alloc_pages(GFP_KERNEL | __GFP_ZERO, 0);
	assert_int_equal((int)mm_pcp_zeroed_count(&zone->pcp[0]), MM_ZEROED_BATCH - 1);
	mm_drain_zeroed_lists();
	assert_int_equal(zeroed_count(zone), 0);
	__free_pages(z, 0);
	drain_all_pages(NULL);
	assert_int_equal(global_free_pages(), free0);
	/* A release that runs while a refill is in the driver: the batch is not stashed after it. */
	fill_batch_pool(MM_ZEROED_BATCH);
	drain_in_take = true;
	z = alloc_pages(GFP_KERNEL | __GFP_ZERO, 0);
	drain_in_take = false;
	assert_zero_page(z);
	assert_int_equal(zeroed_count(zone), 0);
	assert_int_equal(global_free_pages(), free0 - 1 - pcp_count(zone));
	__free_pages(z, 0);
	/* drain_all_pages() with pages stashed: all back. */
	fill_batch_pool(MM_ZEROED_BATCH);
	z = alloc_pages(GFP_KERNEL | __GFP_ZERO, 0);
	__free_pages(z, 0);
	assert_int_equal(zeroed_count(zone), MM_ZEROED_BATCH - 1);
	drain_all_pages(NULL);
	assert_int_equal(zeroed_count(zone), 0);
	assert_int_equal(global_free_pages(), free0);
	/* The pops count nothing themselves: each is counted once, across a refill (the list
	 * emptied by pops, then filled again) and a drain, and the refills' own pages never. */
	{
		struct page *p[MM_ZEROED_BATCH + 4];
		unsigned long allocs0 = mm_zeroed_list_allocs(), calls0 = fake_batch_calls;
		unsigned int i;

		fill_batch_pool(MM_ZEROED_BATCH + 4);
		for (i = 0; i < MM_ZEROED_BATCH; i++) {	/* a refill, then 31 pops */
			p[i] = alloc_pages(GFP_KERNEL | __GFP_ZERO, 0);
			assert_zero_page(p[i]);
			assert_int_equal(mm_zeroed_list_allocs(), allocs0 + i);
		}
		assert_int_equal(zeroed_count(zone), 0);
		p[i++] = alloc_pages(GFP_KERNEL | __GFP_ZERO, 0);	/* the second refill: 1 + 3 */
		assert_int_equal(fake_batch_calls, calls0 + 2);
		assert_int_equal(zeroed_count(zone), 3);
		assert_int_equal(mm_zeroed_list_allocs(), allocs0 + MM_ZEROED_BATCH - 1);
		p[i++] = alloc_pages(GFP_KERNEL | __GFP_ZERO, 0);
		assert_int_equal(mm_zeroed_list_allocs(), allocs0 + MM_ZEROED_BATCH);
		drain_local_pages(NULL);	/* the 2 left go back, counted as nothing */
		assert_int_equal(mm_zeroed_list_allocs(), allocs0 + MM_ZEROED_BATCH);
		for (unsigned int k = 0; k < i; k++)
			__free_pages(p[k], 0);
		drain_all_pages(NULL);
		assert_int_equal(global_free_pages(), free0);
	}
	mm_register_zero_ops(NULL);
	check_all();
}

/* Reference: the obvious search, written independently. */
static unsigned long ref_find(const unsigned long *map, unsigned long size, unsigned long start,
			      unsigned long nr, unsigned long mask)
{
	for (unsigned long i = (start + mask) & ~mask; i + nr <= size; i = ((i + 1) + mask) & ~mask) {
		unsigned long k;

		for (k = 0; k < nr; k++)
			if (!((map[(i + k) / 64] >> ((i + k) % 64)) & 1))
				break;
		if (k == nr)
			return i;
	}
	return ~0UL;
}

static unsigned long scan_calls;
static unsigned long fake_scan(const unsigned long *map, unsigned long size, unsigned long start,
			       unsigned long nr, unsigned long mask)
{
	scan_calls++;
	return bitmap_find_next_set_area(map, size, start, nr, mask);
}
static const struct mm_scan_ops fake_scan_ops = { "fake", fake_scan };

static void t_find_free_area(void **state)
{
	unsigned long map[8];
	u64 s = 7;

	(void)state;
	/* Bits 3..10 free: a 4-run aligned to 4 starts at 4. */
	memset(map, 0, sizeof(map));
	for (int i = 3; i <= 10; i++)
		map[0] |= 1UL << i;
	assert_int_equal(bitmap_find_next_set_area(map, 512, 0, 4, 3), 4);
	assert_int_equal(bitmap_find_next_set_area(map, 512, 0, 8, 0), 3);
	assert_true(bitmap_find_next_set_area(map, 512, 0, 9, 0) + 9 > 512);
	assert_true(bitmap_find_next_set_area(map, 512, 0, 8, 7) + 8 > 512);
	/* Random maps against the reference. */
	for (int it = 0; it < 20000; it++) {
		unsigned long size = 1 + mmt_rand(&s) % 512, nr = 1 + mmt_rand(&s) % 40;
		unsigned long mask = (1UL << (mmt_rand(&s) % 5)) - 1, start = mmt_rand(&s) % size;
		unsigned long density = mmt_rand(&s) % 4, got, want;

		for (int w = 0; w < 8; w++) {
			map[w] = mmt_rand(&s);
			for (unsigned long d = 0; d < density; d++)
				map[w] |= mmt_rand(&s);
		}
		want = ref_find(map, size, start, nr, mask);
		got = bitmap_find_next_set_area(map, size, start, nr, mask);
		if (want == ~0UL)
			assert_true(got + nr > size);
		else
			assert_int_equal(got, want);
	}
	/* The zone search goes through the registered ops and sees the buddy state. */
	boot("", 1, 32, true);
	{
		struct zone *z = Z(0, ZONE_NORMAL);
		struct page *p = alloc_pages(GFP_KERNEL, 4);
		unsigned long off = page_to_pfn(p) - z->zone_start_pfn, idx;

		mm_register_scan_ops(&fake_scan_ops);
		scan_calls = 0;
		idx = zone_find_free_area(z, off, 1, 0);
		assert_int_equal(scan_calls, 1);
		assert_int_equal(idx, off + 16);	/* the allocated 16 pages are not free */
		__free_pages(p, 4);
		idx = zone_find_free_area(z, off, 16, 15);
		assert_int_equal(idx, off);
		mm_register_scan_ops(NULL);
		assert_int_equal(zone_find_free_area(z, off, 16, 3) != ~0UL, 1);
		assert_int_equal(scan_calls, 2);
		assert_int_equal(zone_find_free_area(z, 0, 1, 5), ~0UL);	/* bad mask: error */
	}
}

/* ------------------------------------------------------------------ bad input */

static void expect_bad(void (*fn)(void *), void *arg, const char *what)
{
	unsigned long bad = mm_bad_page_count, free0 = global_free_pages();
	unsigned long pcp0 = pcp_count(Z(0, ZONE_NORMAL)) + pcp_count(Z(0, ZONE_DMA));

	fn(arg);
	if (mm_bad_page_count != bad + 1)
		fail_msg("%s: %lu reports, want 1", what, mm_bad_page_count - bad);
	assert_int_equal(global_free_pages(), free0);
	assert_int_equal(pcp_count(Z(0, ZONE_NORMAL)) + pcp_count(Z(0, ZONE_DMA)), pcp0);
}
static void free0(void *p) { __free_pages(p, 0); }
static void free1(void *p) { __free_pages(p, 1); }
static void free3(void *p) { __free_pages(p, 3); }
static void putp(void *p) { put_page(p); }
static void freeaddr(void *p) { free_pages((unsigned long)p, 0); }

static void t_bad_frees(void **state)
{
	struct page *p, *c;

	(void)state;
	boot("", 1, 32, true);
	host_printk_enabled = 1;	/* show the reports once */
	p = alloc_pages(GFP_KERNEL, 2);
	c = alloc_pages(GFP_KERNEL | __GFP_COMP, 2);
	expect_bad(free0, p + 1, "tail of a non-compound block");
	expect_bad(free0, c + 2, "tail of a compound page");
	expect_bad(free1, p, "wrong order (smaller)");
	expect_bad(free3, p, "wrong order (larger)");
	expect_bad(free1, c, "compound with wrong order");
	expect_bad(free0, virt_to_page(mem_map), "reserved page");
	expect_bad(free0, (char *)p + 4, "misaligned struct page pointer");
	expect_bad(free0, &H, "pointer outside mem_map");
	expect_bad(freeaddr, (char *)page_address(p) + 100, "unaligned address");
	__free_pages(p, 2);
	expect_bad(free0, p, "double free (pcp or buddy)");
	expect_bad(free0, p + 3, "free of a free page");
	drain_all_pages(NULL);
	expect_bad(free0, p, "double free after drain");
	{
		struct page *q = alloc_pages(GFP_KERNEL, 0);

		__free_pages(q, 0);
		expect_bad(putp, q, "put_page of a free page");
	}
	__free_pages(c, 2);
	host_printk_enabled = 0;
	drain_all_pages(NULL);
	assert_int_equal(global_free_pages(), totalram_pages);
	check_all();
}

static void t_refcount_compound(void **state)
{
	struct page *p, *c;
	unsigned long f;

	(void)state;
	boot("", 1, 32, true);
	/* Extra reference: __free_pages drops one, the page stays allocated. */
	p = alloc_pages(GFP_KERNEL, 0);
	get_page(p);
	assert_int_equal(page_ref_count(p), 2);
	__free_pages(p, 0);
	assert_int_equal(page_ref_count(p), 1);
	put_page(p);
	assert_int_equal(page_ref_count(p), 0);
	/* Compound: tails point at the head; put_page on a tail frees the whole block. */
	c = alloc_pages(GFP_KERNEL | __GFP_COMP, 3);
	assert_true(PageHead(c));
	assert_int_equal(compound_order(c), 3);
	for (int i = 1; i < 8; i++) {
		assert_true(PageTail(c + i));
		assert_ptr_equal(compound_head(c + i), c);
	}
	get_page(c + 5);
	assert_int_equal(page_count(c + 5), 2);
	drain_all_pages(NULL);
	f = global_free_pages();
	put_page(c + 5);
	put_page(c + 7);
	drain_all_pages(NULL);
	assert_false(PageTail(c + 1));
	assert_int_equal(global_free_pages(), f + 8);
	/* Non-compound with a held first page: the rest is freed now (Linux __free_pages). */
	p = alloc_pages(GFP_KERNEL, 2);
	get_page(p);
	f = global_free_pages() + pcp_count(Z(0, ZONE_NORMAL));
	__free_pages(p, 2);
	assert_int_equal(global_free_pages() + pcp_count(Z(0, ZONE_NORMAL)), f + 3);
	assert_int_equal(page_ref_count(p), 1);
	put_page(p);
	drain_all_pages(NULL);
	assert_int_equal(global_free_pages(), totalram_pages);
	/* split_page with an order that is not the block's, or of a garbage pointer, and get_page of
	 * one: reported, nothing changes (they once set refcounts past the block or dereferenced). */
	p = alloc_pages(GFP_KERNEL, 1);
	{
		unsigned long bad = mm_bad_page_count;

		split_page(p, 3);
		split_page(p, 64);
		split_page(p, UINT_MAX);
		split_page((struct page *)(uintptr_t)0x1000, 0);
		get_page((struct page *)(uintptr_t)0x1000);
		assert_int_equal(mm_bad_page_count, bad + 5);
		for (int i = 0; i < 8; i++)
			assert_int_equal(page_ref_count(p + i), i == 0 ? 1 : 0);
		assert_int_equal(p->alloc_order, 1);
	}
	/* split_page makes independent order-0 pages. */
	split_page(p, 1);
	__free_pages(p + 1, 0);
	__free_pages(p, 0);
	drain_all_pages(NULL);
	check_all();
}

/* ------------------------------------------------------------------ flags and context */

static void t_impossible_combinations(void **state)
{
	unsigned long bad;
	struct page *p;

	(void)state;
	boot("highmem=8M", 1, 32, true);
	bad = mm_bad_gfp_count;
	/* Contradictory zone or mobility modifiers, or bits outside the mask: refused at every
	 * order and entry point, with a report, and nothing changes. */
	{
		static const gfp_t bad_gfp[] = {
			GFP_KERNEL | __GFP_DMA | __GFP_HIGHMEM, GFP_KERNEL | __GFP_DMA32 | __GFP_HIGHMEM,
			GFP_KERNEL | __GFP_MOVABLE | __GFP_RECLAIMABLE, GFP_KERNEL | (1u << 30),
			GFP_KERNEL | __GFP_ZERO | (1u << __GFP_BITS_SHIFT),
		};
		unsigned long before = global_free_pages();
		struct page *arr[1] = { NULL };

		for (unsigned int i = 0; i < sizeof(bad_gfp) / sizeof(bad_gfp[0]); i++) {
			assert_null(alloc_pages(bad_gfp[i], 0));
			assert_null(alloc_pages(bad_gfp[i], 2));
			assert_null(alloc_pages_node(0, bad_gfp[i], 0));
			assert_int_equal(__get_free_pages(bad_gfp[i], 0), 0);
			assert_int_equal(get_zeroed_page(bad_gfp[i]), 0);
			assert_null(alloc_contig_pages(3, bad_gfp[i], NUMA_NO_NODE, NULL));
			assert_int_equal(alloc_pages_bulk(bad_gfp[i], 1, arr), 0);
			assert_null(arr[0]);
		}
		assert_int_equal(mm_bad_gfp_count, bad + 7 * (sizeof(bad_gfp) / sizeof(bad_gfp[0])));
		assert_int_equal(global_free_pages(), before);
		bad = mm_bad_gfp_count;
	}
	/* Sizes alloc_pages_exact cannot round to an order. */
	assert_null(alloc_pages_exact(~(size_t)0, GFP_KERNEL));
	assert_null(alloc_pages_exact((PAGE_SIZE << (MAX_ORDER - 1)) + 1, GFP_KERNEL));
	assert_int_equal(mm_bad_gfp_count, bad + 2);
	bad = mm_bad_gfp_count;
	p = alloc_pages(GFP_KERNEL | __GFP_NOFAIL, 4);	/* NOFAIL can't be promised */
	assert_non_null(p);
	assert_int_equal(mm_bad_gfp_count, bad + 1);
	__free_pages(p, 4);
	/* Interrupt context: a sleeping request is reported and made non-sleeping. */
	host_irq_depth = 1;
	p = alloc_pages(GFP_KERNEL, 0);
	assert_non_null(p);
	assert_int_equal(mm_bad_gfp_count, bad + 2);
	__free_pages(p, 0);
	p = alloc_pages(GFP_ATOMIC, 0);
	assert_non_null(p);
	assert_int_equal(mm_bad_gfp_count, bad + 2);
	__free_pages(p, 0);
	host_irq_depth = 0;
	drain_all_pages(NULL);
	check_all();
}

static struct {
	unsigned long reclaim, kswapd, compact, oom, free_on_reclaim;
	gfp_t last_gfp;
	struct page *stash[256];
	int nstash;
} hk;

static void hk_kswapd(struct zone *z, gfp_t g, unsigned int o, enum zone_type h)
{
	(void)z; (void)g; (void)o; (void)h;
	hk.kswapd++;
}
static unsigned long hk_reclaim(struct zonelist *zl, unsigned int order, gfp_t gfp, nodemask_t *nm)
{
	(void)zl; (void)order; (void)nm;
	hk.reclaim++;
	hk.last_gfp = gfp;
	if (hk.free_on_reclaim && hk.nstash) {
		unsigned long n = 0;

		while (hk.nstash) {
			__free_pages(hk.stash[--hk.nstash], 0);
			n++;
		}
		drain_all_pages(NULL);
		return n;
	}
	return 0;
}
static enum compact_result hk_compact(gfp_t g, unsigned int o, unsigned int f,
				      const struct alloc_context *ac, int prio)
{
	(void)g; (void)o; (void)f; (void)ac; (void)prio;
	hk.compact++;
	return COMPACT_SKIPPED;
}
static bool hk_oom(gfp_t g, unsigned int o, const struct alloc_context *ac)
{
	(void)g; (void)o; (void)ac;
	hk.oom++;
	return false;
}
static const struct mm_slowpath_ops hk_ops = {
	.wakeup_kswapd = hk_kswapd, .try_to_free_pages = hk_reclaim,
	.try_to_compact_pages = hk_compact, .out_of_memory = hk_oom,
};

static void exhaust_all(void)
{
	struct page *p;

	while ((p = alloc_pages(GFP_ATOMIC | __GFP_MEMALLOC | __GFP_NOWARN, 0)))
		hold(p, 0);
	while ((p = alloc_pages(GFP_ATOMIC | __GFP_MEMALLOC | __GFP_DMA | __GFP_NOWARN, 0)))
		hold(p, 0);
}

static void t_slowpath_hooks(void **state)
{
	(void)state;
	boot("", 1, 8, false);
	memset(&hk, 0, sizeof(hk));
	mm_register_slowpath_ops(&hk_ops);
	exhaust_all();
	/* NOWAIT: kswapd is woken, no direct reclaim, no OOM. */
	assert_null(alloc_pages(GFP_NOWAIT | __GFP_NOWARN, 0));
	assert_true(hk.kswapd > 0);
	assert_int_equal(hk.reclaim, 0);
	assert_int_equal(hk.oom, 0);
	/* GFP_KERNEL order 0: reclaim, then OOM. */
	assert_null(alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0));
	assert_true(hk.reclaim > 0);
	assert_int_equal(hk.oom, 1);
	/* NORETRY order 0 reclaims once: a reclaim without progress ends the try (Linux
	 * __alloc_pages_direct_reclaim); Pagoda used to drain and reclaim a second time. */
	{
		unsigned long r0 = hk.reclaim, s0 = vm_event_sum(ALLOCSTALL);

		assert_null(alloc_pages(GFP_KERNEL | __GFP_NORETRY | __GFP_NOWARN, 0));
		assert_int_equal(hk.reclaim, r0 + 1);
		assert_int_equal(vm_event_sum(ALLOCSTALL), s0 + 1);
	}
	/* NORETRY / RETRY_MAYFAIL / costly orders never reach the OOM hook; costly ones compact. */
	assert_null(alloc_pages(GFP_KERNEL | __GFP_NORETRY | __GFP_NOWARN, 0));
	assert_null(alloc_pages(GFP_KERNEL | __GFP_RETRY_MAYFAIL | __GFP_NOWARN, 0));
	assert_null(alloc_pages(GFP_KERNEL | __GFP_NOWARN, 5));
	assert_int_equal(hk.oom, 1);
	assert_true(hk.compact > 0);
	/* Scoped NOIO / NOFS strip the flags the reclaim hook sees. */
	{
		unsigned int f = memalloc_noio_save();

		alloc_pages(GFP_KERNEL | __GFP_NOWARN | __GFP_NORETRY, 0);
		assert_int_equal(hk.last_gfp & (__GFP_IO | __GFP_FS), 0);
		memalloc_noio_restore(f);
		f = memalloc_nofs_save();
		alloc_pages(GFP_KERNEL | __GFP_NOWARN | __GFP_NORETRY, 0);
		assert_int_equal(hk.last_gfp & (__GFP_IO | __GFP_FS), __GFP_IO);
		memalloc_nofs_restore(f);
		alloc_pages(GFP_KERNEL | __GFP_NOWARN | __GFP_NORETRY, 0);
		assert_int_equal(hk.last_gfp & (__GFP_IO | __GFP_FS), __GFP_IO | __GFP_FS);
	}
	/* NOFAIL with nothing to reclaim: a report and NULL, not a hang. */
	{
		unsigned long r0 = hk.reclaim;

		assert_null(alloc_pages(GFP_KERNEL | __GFP_NOFAIL, 0));
		assert_true(hk.reclaim > r0);
	}
	/* Reclaim that frees memory makes the allocation succeed. */
	for (int i = 0; i < 256; i++)
		hk.stash[hk.nstash++] = H.p[--H.n];
	hk.free_on_reclaim = 1;
	{
		unsigned long r0 = hk.reclaim;
		struct page *p = alloc_pages(GFP_KERNEL, 0);

		assert_non_null(p);
		assert_int_equal(hk.reclaim, r0 + 1);
		assert_int_equal(hk.nstash, 0);
		hold(p, 0);
	}
	while (hk.nstash)
		__free_pages(hk.stash[--hk.nstash], 0);
	mm_register_slowpath_ops(NULL);
	release_held();
	drain_all_pages(NULL);
	assert_int_equal(global_free_pages(), totalram_pages);
	check_all();
}

static void t_exact_and_get_free(void **state)
{
	void *v;
	unsigned long f, a;
	struct page *p;

	(void)state;
	boot("", 1, 32, true);
	drain_all_pages(NULL);
	f = global_free_pages();
	v = alloc_pages_exact(5 * PAGE_SIZE - 100, GFP_KERNEL | __GFP_ZERO);
	assert_non_null(v);
	p = virt_to_page(v);
	for (int i = 0; i < 5; i++)
		assert_int_equal(page_ref_count(p + i), 1);
	for (int i = 5; i < 8; i++)
		assert_int_equal(page_ref_count(p + i), 0);
	drain_all_pages(NULL);
	assert_int_equal(global_free_pages(), f - 5);
	free_pages_exact(v, 5 * PAGE_SIZE - 100);
	drain_all_pages(NULL);
	assert_int_equal(global_free_pages(), f);
	a = __get_free_pages(GFP_KERNEL, 3);
	assert_true(a != 0);
	assert_int_equal(page_to_pfn(virt_to_page((void *)a)) % 8, 0);
	assert_int_equal(page_ref_count(virt_to_page((void *)a)), 1);
	free_pages(a, 3);
	a = __get_free_page(GFP_KERNEL);
	memset((void *)a, 0x5a, PAGE_SIZE);
	free_page(a);
	a = get_zeroed_page(GFP_KERNEL);
	for (unsigned long k = 0; k < PAGE_SIZE; k++)
		assert_int_equal(((u8 *)a)[k], 0);
	free_page(a);
	free_pages(0, 3);	/* NULL is a no-op, as in Linux */
	drain_all_pages(NULL);
	assert_int_equal(global_free_pages(), f);
	check_all();
}

/* ------------------------------------------------------------------ debugging features */

static void t_poison(void **state)
{
	struct page *p, *q;
	unsigned long bad;

	(void)state;
	boot("page_poison=1", 1, 16, true);
	p = alloc_pages(GFP_KERNEL, 0);
	__free_pages(p, 0);
	assert_int_equal(((u8 *)mmt_page_mem(p))[100], PAGE_POISON);
	bad = mm_bad_page_count;
	q = alloc_pages(GFP_KERNEL, 0);	/* LIFO: the same page, intact */
	assert_ptr_equal(q, p);
	assert_int_equal(mm_bad_page_count, bad);
	__free_pages(q, 0);
	((u8 *)mmt_page_mem(p))[100] = 1;	/* use after free */
	q = alloc_pages(GFP_KERNEL, 0);
	assert_ptr_equal(q, p);
	assert_int_equal(mm_bad_page_count, bad + 1);
	__free_pages(q, 0);
	/* The check is word-wise: the page's last byte is covered too. */
	((u8 *)mmt_page_mem(p))[PAGE_SIZE - 1] = 0xab;
	q = alloc_pages(GFP_KERNEL, 0);
	assert_ptr_equal(q, p);
	assert_int_equal(mm_bad_page_count, bad + 2);
	__free_pages(q, 0);

	/* A registered fill hook does the poisoning (an engine's FILL); the check still works. */
	mm_register_zero_ops(&fake_zero_fill);
	hw_fill_calls = hw_fill_pages = 0;
	p = alloc_pages(GFP_KERNEL, 2);
	__free_pages(p, 2);
	assert_int_equal(hw_fill_calls, 1);
	assert_int_equal(hw_fill_pages, 4);
	assert_int_equal(((u8 *)mmt_page_mem(p + 3))[PAGE_SIZE - 1], PAGE_POISON);
	bad = mm_bad_page_count;
	q = alloc_pages(GFP_KERNEL, 2);
	assert_int_equal(mm_bad_page_count, bad);
	__free_pages(q, 2);
	mm_register_zero_ops(NULL);
}

static void t_page_owner_trace_vmstat(void **state)
{
	struct page *p;
	const struct page_owner *po;
	struct mm_trace_event ev[8];
	unsigned long pg0, fr0;
	unsigned int n;

	(void)state;
	boot("page_owner=on", 1, 32, true);
	mm_trace_clear();
	pg0 = vm_event_sum(PGALLOC_NORMAL);
	fr0 = vm_event_sum(PGFREE);
	p = alloc_pages(GFP_KERNEL, 3);
	po = get_page_owner(p);
	assert_non_null(po);
	assert_true(po->valid);
	assert_int_equal(po->order, 3);
	assert_int_equal(po->gfp, GFP_KERNEL);
	assert_true(po->caller != 0);
	assert_int_equal(vm_event_sum(PGALLOC_NORMAL), pg0 + 8);
	__free_pages(p, 3);
	assert_false(po->valid);
	assert_int_equal(vm_event_sum(PGFREE), fr0 + 8);
	n = mm_trace_snapshot(ev, 8);
	assert_int_equal(n, 2);
	assert_int_equal(ev[0].type, TRACE_MM_PAGE_ALLOC);
	assert_int_equal(ev[0].pfn, page_to_pfn(p));
	assert_int_equal(ev[0].order, 3);
	assert_int_equal(ev[1].type, TRACE_MM_PAGE_FREE);
	assert_int_equal(ev[1].pfn, page_to_pfn(p));
	/* Ring wraps: only the last MM_TRACE_RING events of a hart are kept. */
	for (int i = 0; i < MM_TRACE_RING; i++)
		__free_pages(alloc_pages(GFP_KERNEL, 0), 0);
	{
		static struct mm_trace_event all[MM_TRACE_RING * NR_CPUS];

		assert_int_equal(mm_trace_snapshot(all, MM_TRACE_RING * NR_CPUS), MM_TRACE_RING);
	}
	mm_trace_enabled = false;
	mm_trace_clear();
	__free_pages(alloc_pages(GFP_KERNEL, 0), 0);
	assert_int_equal(mm_trace_snapshot(ev, 8), 0);
	/* The reports walk real state without tripping the sanitizers (their text is checked by the
	 * mm-qemu-shell suite). */
	mm_show_summary();
	mm_show_pagetypeinfo();
	mm_show_vmstat();
}

static void t_isolate_cma(void **state)
{
	struct zone *z;
	unsigned long blk, free_before;
	struct page *p;

	(void)state;
	boot("", 1, 16, false);
	z = Z(0, ZONE_NORMAL);
	blk = ALIGN(z->zone_start_pfn, pageblock_nr_pages) + pageblock_nr_pages;
	free_before = (unsigned long)zone_page_state(z, NR_FREE_PAGES);
	assert_int_equal(isolate_pageblock(z, blk), 0);
	assert_int_equal(isolate_pageblock(z, blk), -1);	/* already isolated */
	/* The whole (free) block left NR_FREE_PAGES, as in Linux, but stays in the bitmap. */
	assert_int_equal((unsigned long)zone_page_state(z, NR_FREE_PAGES), free_before - pageblock_nr_pages);
	assert_int_equal(zone_find_free_area(z, blk - z->zone_start_pfn, pageblock_nr_pages, 0),
			 blk - z->zone_start_pfn);
	while ((p = alloc_pages(GFP_ATOMIC | __GFP_MEMALLOC | __GFP_NOWARN, 0))) {
		assert_false(page_to_pfn(p) >= blk && page_to_pfn(p) < blk + pageblock_nr_pages);
		hold(p, 0);
	}
	release_held();
	drain_all_pages(NULL);
	unisolate_pageblock(z, blk, MIGRATE_MOVABLE);
	for (int o = 0; o < MAX_ORDER; o++)
		assert_int_equal(z->free_area[o].nr_free_mt[MIGRATE_ISOLATE], 0);
	assert_int_equal(global_free_pages(), totalram_pages);
	check_all();
	/* CMA blocks serve movable requests only. */
	boot("cma=4M", 1, 32, true);
	z = Z(0, ZONE_NORMAL);
	assert_int_equal(z->cma_pages, (4UL << 20) >> PAGE_SHIFT);
	assert_int_equal(zone_page_state(z, NR_FREE_CMA_PAGES), (long)z->cma_pages);
	while ((p = alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0))) {
		assert_int_not_equal(get_pageblock_migratetype(p), MIGRATE_CMA);
		hold(p, 0);
	}
	p = alloc_pages(GFP_HIGHUSER_MOVABLE, 0);
	assert_non_null(p);
	assert_int_equal(get_pageblock_migratetype(p), MIGRATE_CMA);
	hold(p, 0);
	release_held();
	drain_all_pages(NULL);
	check_all();
}

/* Every struct page's node and zone, and each zone's present pages, from boot tables with a hole,
 * unaligned range ends and four zones: worked out here page by page, independently of
 * init_mem_map(), which looks them up once per stretch between layout boundaries. */
static void t_mem_map_layout(void **state)
{
	unsigned long present[MAX_NUMNODES][MAX_NR_ZONES] = { 0 };

	(void)state;
	boot("", 1, 16, false);	/* maps the arena */
	memset(&mmt_bi, 0, sizeof(mmt_bi));
	snprintf(mmt_bi.bootargs, sizeof(mmt_bi.bootargs), "dma=3M movablecore=4M");
	mmt_bi.nr_mem = 3;
	mmt_bi.mem[0] = (struct mem_range){ MMT_PHYS_BASE + 0x800, (6UL << 20) - 0x800 + 0x123, 0 };
	mmt_bi.mem[1] = (struct mem_range){ MMT_PHYS_BASE + (8UL << 20), 6UL << 20, 1 };
	mmt_bi.mem[2] = (struct mem_range){ MMT_PHYS_BASE + (15UL << 20), 1UL << 20, 1 };
	mmt_bi.nr_nodes = 2;
	mmt_bi.nr_harts = 4;
	mmt_bi.numa_distance[0][0] = mmt_bi.numa_distance[1][1] = 10;
	mmt_bi.numa_distance[0][1] = mmt_bi.numa_distance[1][0] = 20;
	mm_init(&mmt_bi);
	assert_non_null(mem_map);
	assert_int_equal(nr_online_nodes, 2);
	for (unsigned long i = 0; i < mem_map_nr; i++) {
		unsigned long pfn = mem_map_base_pfn + i;
		u64 addr = (u64)pfn << PAGE_SHIFT;
		const struct page *p = &mem_map[i];
		int nid = 0, zidx = ZONE_NORMAL, hits = 0;
		bool mem = false;

		for (int n = 0; n < MAX_NUMNODES; n++)
			for (int t = 0; t < MAX_NR_ZONES; t++)
				if (node_data[n].online && Z(n, t)->spanned_pages &&
				    pfn >= Z(n, t)->zone_start_pfn && pfn < zone_end_pfn(Z(n, t))) {
					nid = n;
					zidx = t;
					hits++;
				}
		assert_true(hits <= 1);
		/* memblock keeps a range's whole pages only: base rounded up, end down */
		for (unsigned int r = 0; r < mmt_bi.nr_mem; r++)
			mem |= addr >= ALIGN(mmt_bi.mem[r].base, (u64)PAGE_SIZE) &&
			       addr < ALIGN_DOWN(mmt_bi.mem[r].base + mmt_bi.mem[r].size, (u64)PAGE_SIZE);
		if (page_to_nid(p) != nid || (int)page_zonenum(p) != zidx)
			fail_msg("pfn %#lx: node %d zone %d, want node %d zone %d", pfn, page_to_nid(p),
				 (int)page_zonenum(p), nid, zidx);
		if (!mem)
			assert_true(PageReserved(p));
		if (hits && mem)
			present[nid][zidx]++;
	}
	for (int n = 0; n < MAX_NUMNODES; n++)
		for (int t = 0; t < MAX_NR_ZONES; t++)
			if (Z(n, t)->present_pages != present[n][t])
				fail_msg("node %d %s: present %lu, want %lu", n, Z(n, t)->name,
					 Z(n, t)->present_pages, present[n][t]);
	/* The layout has what the test is about: DMA, NORMAL and MOVABLE zones, a hole between the
	 * nodes (6-8 MiB) and one inside node 1's MOVABLE zone (14-15 MiB). */
	assert_true(present[0][ZONE_DMA] && present[1][ZONE_NORMAL] && present[1][ZONE_MOVABLE]);
	assert_true(present[1][ZONE_MOVABLE] < Z(1, ZONE_MOVABLE)->spanned_pages);
	assert_true(PageReserved(pfn_to_page(pfn_of(7UL << 20))));
	drain_all_pages(NULL);
	check_all();
}

/* Odd boot tables: unaligned and empty ranges, an out-of-range node id, overlapping and
 * out-of-memory reservations, absurd bootargs. Boot must succeed with consistent books. */
static void t_odd_boot_input(void **state)
{
	unsigned long reserved = 0;

	(void)state;
	boot("", 1, 16, false);	/* maps the arena */
	memset(&mmt_bi, 0, sizeof(mmt_bi));
	snprintf(mmt_bi.bootargs, sizeof(mmt_bi.bootargs), "dma=99G highmem=1M movablecore=0 cma=1K min_free_kbytes=");
	mmt_bi.nr_mem = 3;
	mmt_bi.mem[0] = (struct mem_range){ MMT_PHYS_BASE + 123, (8UL << 20) - 123, 0 };
	mmt_bi.mem[1] = (struct mem_range){ MMT_PHYS_BASE + (8UL << 20), 0, 0 };
	mmt_bi.mem[2] = (struct mem_range){ MMT_PHYS_BASE + (8UL << 20), 8UL << 20, 9 };
	mmt_bi.nr_reserved = 3;
	mmt_bi.reserved[0] = (struct mem_range){ MMT_PHYS_BASE + 0x1001, 0x10, 0 };
	mmt_bi.reserved[1] = (struct mem_range){ MMT_PHYS_BASE + 0x1000, 0x3000, 0 };
	mmt_bi.reserved[2] = (struct mem_range){ 0x1000, 0x1000, 0 };	/* not RAM at all */
	mmt_bi.nr_nodes = 1;
	mm_init(&mmt_bi);
	assert_non_null(mem_map);
	assert_int_equal(nr_online_nodes, 1);	/* node 9 folded into node 0 */
	assert_true(PageReserved(pfn_to_page(pfn_of(0))));	/* the unaligned first page */
	assert_true(PageReserved(pfn_to_page(pfn_of(0x3000))));
	assert_false(PageReserved(pfn_to_page(pfn_of(0x4000))));
	for (unsigned long pfn = pfn_of(0); pfn < pfn_of(16UL << 20); pfn++)
		reserved += PageReserved(pfn_to_page(pfn));
	assert_int_equal(totalram_pages + reserved, (16UL << 20) >> PAGE_SHIFT);
	/* dma= larger than RAM: everything is DMA, and GFP_KERNEL still works through the zonelist. */
	assert_int_equal(Z(0, ZONE_NORMAL)->managed_pages, 0);
	{
		struct page *p = alloc_pages(GFP_KERNEL, 0);

		assert_non_null(p);
		assert_int_equal(page_zonenum(p), ZONE_DMA);
		__free_pages(p, 0);
	}
	drain_all_pages(NULL);
	check_all();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_memblock),
		cmocka_unit_test(t_boot_accounting),
		cmocka_unit_test(t_zone_layout_bootargs),
		cmocka_unit_test(t_highmem_kmap),
		cmocka_unit_test(t_zonelist_order),
		cmocka_unit_test(t_zone_fallback_walk),
		cmocka_unit_test(t_thisnode_nodemask),
		cmocka_unit_test(t_buddy_split_merge),
		cmocka_unit_test(t_migrate_fallback_steal),
		cmocka_unit_test(t_highatomic),
		cmocka_unit_test(t_watermark_values),
		cmocka_unit_test(t_watermark_movable_from_highmem),
		cmocka_unit_test(t_watermark_behaviour),
		cmocka_unit_test(t_lowmem_reserve_protects),
		cmocka_unit_test(t_pcp),
		cmocka_unit_test(t_pcp_irq_trylock),
		cmocka_unit_test(t_bulk),
		cmocka_unit_test(t_bulk_fast),
		cmocka_unit_test(t_bulk_free_runs),
		cmocka_unit_test(t_contig),
		cmocka_unit_test(t_zero),
		cmocka_unit_test(t_find_free_area),
		cmocka_unit_test(t_bad_frees),
		cmocka_unit_test(t_refcount_compound),
		cmocka_unit_test(t_impossible_combinations),
		cmocka_unit_test(t_slowpath_hooks),
		cmocka_unit_test(t_exact_and_get_free),
		cmocka_unit_test(t_poison),
		cmocka_unit_test(t_prezero_hooks),
		cmocka_unit_test(t_prezero_zeroed_lists),
		cmocka_unit_test(t_page_owner_trace_vmstat),
		cmocka_unit_test(t_isolate_cma),
		cmocka_unit_test(t_odd_boot_input),
		cmocka_unit_test(t_mem_map_layout),
	};

	(void)cfg32;
	return cmocka_run_group_tests_name("mm-unit", tests, NULL, NULL);
}
