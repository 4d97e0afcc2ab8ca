// SPDX-License-Identifier: BSD-2-Clause
/* Firmware self-tests of the page allocator on the booted machine (QEMU virt 1/4 harts, 1/2 NUMA
 * nodes, and the SoC). Each test leaves the allocator as it found it: everything it takes it frees,
 * then per-CPU lists are drained and the books must balance. */
#include <pagoda/selftest.h>
#include <pagoda/printk.h>
#include <pagoda/string.h>
#include <pagoda/smp.h>
#include <pagoda/boot.h>
#include <mm/mm.h>
#include "internal.h"

static char st_err[160];

static unsigned long free_plus_pcp(void)
{
	drain_all_pages(NULL);
	return global_free_pages();
}

SELFTEST(mm_invariants)
{
	ST_ASSERT(mem_map != NULL);
	ST_ASSERT(totalram_pages > 0);
	if (mm_verify(st_err, sizeof(st_err)))
		ST_FAIL("%s", st_err);
	return 0;
}

SELFTEST(mm_alloc_free_orders)
{
	unsigned long before = free_plus_pcp();

	for (unsigned int o = 0; o < MAX_ORDER; o++) {
		struct page *p = alloc_pages(GFP_KERNEL, o);
		u8 *va;

		ST_ASSERT(p != NULL);
		ST_ASSERT_EQ(page_to_pfn(p) & ((1UL << o) - 1), 0);
		ST_ASSERT_EQ(page_ref_count(p), 1);
		ST_ASSERT(!PageHighMem(p));
		va = page_address(p);
		/* The memory is really ours: write the first and last byte. */
		va[0] = 0x5a;
		va[(PAGE_SIZE << o) - 1] = 0xa5;
		ST_ASSERT_EQ(virt_to_page(va), p);
		__free_pages(p, o);
	}
	ST_ASSERT_EQ(free_plus_pcp(), before);
	ST_ASSERT(alloc_pages(GFP_KERNEL | __GFP_NOWARN, MAX_ORDER) == NULL);
	return 0;
}

/* Freeing everything restores exactly the same buddy layout (coalescing is complete). */
SELFTEST(mm_coalesce)
{
	static struct page *pages[512];
	static unsigned long before[MAX_NUMNODES][MAX_NR_ZONES][MAX_ORDER];
	unsigned long seed = 12345;

	drain_all_pages(NULL);
	for (int n = 0; n < MAX_NUMNODES; n++)
		for (int z = 0; z < MAX_NR_ZONES; z++)
			for (int o = 0; o < MAX_ORDER; o++)
				before[n][z][o] = node_data[n].node_zones[z].free_area[o].nr_free;
	for (int i = 0; i < 512; i++) {
		pages[i] = alloc_pages(GFP_KERNEL, (unsigned int)(i % 4));
		ST_ASSERT(pages[i] != NULL);
	}
	/* Free in a scrambled order. */
	for (int i = 511; i > 0; i--) {
		int j;
		struct page *t;

		seed = seed * 6364136223846793005UL + 1442695040888963407UL;
		j = (int)((seed >> 33) % (unsigned long)(i + 1));
		t = pages[i];
		pages[i] = pages[j];
		pages[j] = t;
	}
	for (int i = 0; i < 512; i++)
		__free_pages(pages[i], pages[i]->alloc_order);
	drain_all_pages(NULL);
	for (int n = 0; n < MAX_NUMNODES; n++)
		for (int z = 0; z < MAX_NR_ZONES; z++)
			for (int o = 0; o < MAX_ORDER; o++)
				if (node_data[n].node_zones[z].free_area[o].nr_free != before[n][z][o])
					ST_FAIL("node %d zone %d order %d: %lu free blocks, %lu before", n, z, o,
						node_data[n].node_zones[z].free_area[o].nr_free, before[n][z][o]);
	if (mm_verify(st_err, sizeof(st_err)))
		ST_FAIL("%s", st_err);
	return 0;
}

SELFTEST(mm_zones)
{
	struct page *p;
	int nid = numa_node_id();

	p = alloc_pages(GFP_DMA, 0);
	if (managed_zone(&NODE_DATA(nid)->node_zones[ZONE_DMA])) {
		ST_ASSERT(p != NULL);
		ST_ASSERT_EQ(page_zonenum(p), ZONE_DMA);
		__free_pages(p, 0);
	} else if (p) {
		__free_pages(p, 0);
	}
	p = alloc_pages(GFP_KERNEL, 0);
	ST_ASSERT(p != NULL);
	ST_ASSERT(page_zonenum(p) <= ZONE_NORMAL);
	__free_pages(p, 0);
	p = alloc_pages(GFP_HIGHUSER, 0);
	ST_ASSERT(p != NULL);
	ST_ASSERT(page_zonenum(p) <= ZONE_HIGHMEM);
	if (PageHighMem(p)) {
		u8 *va;

		/* HIGHMEM: no address until kmap. */
		ST_ASSERT(page_address(p) == NULL);
		va = kmap(p);
		ST_ASSERT(va != NULL);
		va[0] = 1;
		kunmap(p);
		ST_ASSERT(page_address(p) == NULL);
	}
	__free_pages(p, 0);
	return 0;
}

SELFTEST(mm_numa)
{
	if (nr_online_nodes < 2)
		return 0;	/* nothing to test on one node */
	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		struct page *p;

		if (!node_data[nid].online)
			continue;
		p = alloc_pages_node(nid, GFP_KERNEL | __GFP_THISNODE, 2);
		ST_ASSERT(p != NULL);
		ST_ASSERT_EQ(page_to_nid(p), nid);
		__free_pages(p, 2);
	}
	/* Harts are spread over the nodes (QEMU -numa gives each node some), and each hart's local
	 * allocations come from its own node. */
	if (num_online_cpus() >= (unsigned int)nr_online_nodes) {
		unsigned int on_other = 0, cpu;

		for_each_online_cpu(cpu)
			on_other += cpu_to_node(cpu) != 0;
		ST_ASSERT(on_other > 0);
	}
	/* The zonelist of each node starts with its own zones. */
	for (int nid = 0; nid < MAX_NUMNODES; nid++)
		if (node_data[nid].online)
			ST_ASSERT_EQ(node_data[nid].node_zonelists[ZONELIST_FALLBACK]._zonerefs[0].zone->node, nid);
	return 0;
}

SELFTEST(mm_bad_frees_rejected)
{
	struct page *p = alloc_pages(GFP_KERNEL, 2), *c = alloc_pages(GFP_KERNEL | __GFP_COMP, 1);
	unsigned long bad = mm_bad_page_count, fr;

	ST_ASSERT(p && c);
	fr = free_plus_pcp();
	printk("(the next reports are expected)\n");
	__free_pages(p + 1, 0);		/* inside a block */
	__free_pages(p, 1);		/* wrong order */
	__free_pages(c + 1, 0);		/* compound tail */
	__free_pages(virt_to_page(mem_map), 0);	/* reserved */
	ST_ASSERT_EQ(mm_bad_page_count, bad + 4);
	ST_ASSERT_EQ(free_plus_pcp(), fr);
	__free_pages(p, 2);
	__free_pages(p, 2);		/* double free */
	ST_ASSERT_EQ(mm_bad_page_count, bad + 5);
	__free_pages(c, 1);
	if (mm_verify(st_err, sizeof(st_err)))
		ST_FAIL("%s", st_err);
	return 0;
}

SELFTEST(mm_zero_bulk_exact)
{
	struct page *arr[64];
	unsigned long before = free_plus_pcp(), a;
	void *v;

	a = __get_free_page(GFP_KERNEL);
	ST_ASSERT(a != 0);
	memset((void *)a, 0xee, PAGE_SIZE);
	free_page(a);
	a = get_zeroed_page(GFP_KERNEL);
	ST_ASSERT(a != 0);
	for (unsigned long i = 0; i < PAGE_SIZE; i++)
		if (((u8 *)a)[i])
			ST_FAIL("byte %lu of a zeroed page is %#x", i, ((u8 *)a)[i]);
	free_page(a);
	memset(arr, 0, sizeof(arr));
	ST_ASSERT_EQ(alloc_pages_bulk(GFP_KERNEL, 64, arr), 64);
	for (int i = 0; i < 64; i++)
		for (int j = 0; j < i; j++)
			ST_ASSERT(arr[i] != arr[j]);
	free_pages_bulk(arr, 64);
	v = alloc_pages_exact(3 * PAGE_SIZE, GFP_KERNEL);
	ST_ASSERT(v != NULL);
	free_pages_exact(v, 3 * PAGE_SIZE);
	ST_ASSERT_EQ(free_plus_pcp(), before);
	return 0;
}

SELFTEST(mm_find_free_area)
{
	struct zone *z = page_zone(virt_to_page(mem_map));
	struct page *p;
	unsigned long off;

	p = alloc_pages_node(z->node, GFP_KERNEL | __GFP_THISNODE, 4);
	ST_ASSERT(p != NULL);
	if (page_zone(p) != z) {
		__free_pages(p, 4);
		return 0;
	}
	off = page_to_pfn(p) - z->zone_start_pfn;
	/* The 16 allocated pages are not free: the first free page at or after off is off+16
	 * unless the following pages are taken too. */
	ST_ASSERT(zone_find_free_area(z, off, 1, 0) >= off + 16);
	__free_pages(p, 4);
	drain_all_pages(NULL);
	ST_ASSERT_EQ(zone_find_free_area(z, off, 16, 0), off);
	return 0;
}

/* A contiguous run: aligned, its own references, out of the free bitmap, zeroed on request, and
 * all back (merged) after free_contig_range. */
SELFTEST(mm_contig_pages)
{
	unsigned long before = free_plus_pcp(), pfn;
	struct page *p;
	struct zone *z;

	p = alloc_contig_pages(100, GFP_KERNEL | __GFP_ZERO, NUMA_NO_NODE, NULL);
	ST_ASSERT(p != NULL);
	pfn = page_to_pfn(p);
	z = page_zone(p);
	ST_ASSERT_EQ(pfn % 64, 0);
	for (unsigned long i = 0; i < 100; i++) {
		const u64 *w = page_address(p + i);

		ST_ASSERT_EQ(page_ref_count(p + i), 1);
		ST_ASSERT_EQ(page_zone(p + i), z);
		ST_ASSERT(zone_find_free_area(z, pfn + i - z->zone_start_pfn, 1, 0) !=
			  pfn + i - z->zone_start_pfn);
		for (unsigned long k = 0; k < PAGE_SIZE / 8; k++)
			if (w[k])
				ST_FAIL("page %lu word %lu of a __GFP_ZERO run is %#llx", i, k,
					(unsigned long long)w[k]);
	}
	free_contig_range(pfn, 100);
	drain_all_pages(NULL);
	ST_ASSERT_EQ(free_plus_pcp(), before);
	return 0;
}

SELFTEST(mm_watermarks)
{
	unsigned long lowmem_kb = 0, want, r = 0;

	for (int n = 0; n < MAX_NUMNODES; n++)
		for (int z = 0; z <= ZONE_NORMAL; z++)
			lowmem_kb += node_data[n].node_zones[z].managed_pages * (PAGE_SIZE >> 10);
	/* Integer square root by bisection, independent of the allocator's. */
	for (unsigned long lo = 0, hi = 1UL << 20; lo <= hi;) {
		unsigned long mid = (lo + hi) / 2;

		if (mid * mid <= lowmem_kb * 16) {
			r = mid;
			lo = mid + 1;
		} else {
			hi = mid - 1;
		}
	}
	want = r < 128 ? 128 : r > 262144 ? 262144 : r;
	if (user_min_free_kbytes < 0)	/* not given as a boot parameter */
		ST_ASSERT_EQ(min_free_kbytes, want);
	for (int n = 0; n < MAX_NUMNODES; n++)
		for (int z = 0; z < MAX_NR_ZONES; z++) {
			struct zone *zone = &node_data[n].node_zones[z];

			if (!managed_zone(zone))
				continue;
			ST_ASSERT(min_wmark_pages(zone) <= low_wmark_pages(zone));
			ST_ASSERT(low_wmark_pages(zone) <= high_wmark_pages(zone));
		}
	return 0;
}

/* Every hart allocates and frees at once, writing its id into its pages and checking it before
 * freeing: a page handed to two harts, or lost, fails the test. */
struct smp_stress {
	unsigned long errors;
	unsigned long allocs;
	unsigned long remote;	/* pages from another node than the hart's, with memory to spare */
};

static void smp_stress_fn(void *arg)
{
	struct smp_stress *st = arg;
	unsigned int cpu = smp_processor_id();
	struct page *held[48];
	unsigned int order[48];
	int n = 0;
	unsigned long seed = 0x9e3779b9UL * (cpu + 1), allocs = 0, errs = 0;

	for (int i = 0; i < 3000; i++) {
		seed = seed * 6364136223846793005UL + 1442695040888963407UL;
		if (((seed >> 40) & 3) != 0 && n < 48) {
			unsigned int o = (seed >> 50) % 8 < 6 ? 0 : (unsigned int)((seed >> 53) % 4);
			gfp_t gfp = ((seed >> 56) & 1) ? GFP_ATOMIC : GFP_KERNEL;
			struct page *p = alloc_pages(gfp | __GFP_NOWARN, o);

			if (!p)
				continue;
			if (page_to_nid(p) != cpu_to_node(cpu))
				__atomic_add_fetch(&st->remote, 1, __ATOMIC_RELAXED);
			for (unsigned long k = 0; k < (1UL << o); k++)
				*(unsigned long *)page_address(p + k) = (cpu << 24) | (unsigned long)i;
			held[n] = p;
			order[n++] = o | ((unsigned int)i << 8);
			allocs++;
		} else if (n) {
			int k = (int)((seed >> 20) % (unsigned long)n);
			unsigned int o = order[k] & 0xff, tag = order[k] >> 8;

			for (unsigned long j = 0; j < (1UL << o); j++)
				if (*(unsigned long *)page_address(held[k] + j) != ((cpu << 24) | tag))
					errs++;
			__free_pages(held[k], o);
			n--;
			held[k] = held[n];
			order[k] = order[n];
		}
	}
	while (n--) {
		unsigned int o = order[n] & 0xff;

		__free_pages(held[n], o);
	}
	__atomic_add_fetch(&st->errors, errs, __ATOMIC_RELAXED);
	__atomic_add_fetch(&st->allocs, allocs, __ATOMIC_RELAXED);
}

SELFTEST(mm_smp_stress)
{
	struct smp_stress st = { 0, 0, 0 };
	unsigned long before = free_plus_pcp(), bad = mm_bad_page_count;

	smp_call_on_all(smp_stress_fn, &st);
	printk("mm_smp_stress: %u harts, %lu allocations\n", num_online_cpus(), st.allocs);
	ST_ASSERT_EQ(st.errors, 0);
	ST_ASSERT_EQ(st.remote, 0);	/* local node first while it has plenty free */
	ST_ASSERT_EQ(mm_bad_page_count, bad);
	ST_ASSERT(st.allocs > 1000UL * num_online_cpus());
	ST_ASSERT_EQ(free_plus_pcp(), before);
	if (mm_verify(st_err, sizeof(st_err)))
		ST_FAIL("%s", st_err);
	return 0;
}
