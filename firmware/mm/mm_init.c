// SPDX-License-Identifier: BSD-2-Clause
/* Boot-time setup of the page allocator: memblock from the boot_info tables, mem_map, nodes and zone
 * boundaries (bootargs dma=, highmem=, movablecore=, kernelcore=, cma=), pageblock maps and free
 * bitmaps, freeing the remaining memory into the buddy lists, zonelists ordered by node distance,
 * watermarks from min_free_kbytes, lowmem_reserve and per-CPU list sizing, as Linux computes them. */
#include <pagoda/string.h>
#include <pagoda/kstrtox.h>
#include <pagoda/printk.h>
#include <pagoda/boot.h>
#include <pagoda/init.h>
#include <mm/mm.h>
#include <mm/slab.h>
#include "internal.h"

unsigned long min_free_kbytes;
struct page_owner *page_owner_map;
const char *const zone_names[MAX_NR_ZONES] = { "DMA", "Normal", "HighMem", "Movable" };
const char *const migratetype_names[MIGRATE_TYPES] = {
	"Unmovable", "Movable", "Reclaimable", "HighAtomic", "CMA", "Isolate",
};
/* Linux sysctl_lowmem_reserve_ratio: a lower zone keeps 1/ratio of the higher zones' memory. */
static const int lowmem_reserve_ratio[MAX_NR_ZONES] = { 256, 32, 0, 0 };
int user_min_free_kbytes = -1;
/* Firmware-only (mm_fdt.c): hart -> node from the device tree; absent in host builds. */
void mm_fdt_cpu_nodes(const struct boot_info *bi) __attribute__((weak));

/* ---------------------------------------------------------------- bootargs */

/* The allocator's boot parameters (docs/mm.md), filled by the early_param() handlers below from
 * the defaults mm_params_reset() sets at the start of every mm_init(). */
static struct {
	bool dma_set, highmem_set, movable_set, kernelcore_set, cma_set;
	u64 dma, highmem, cma;			/* bytes */
	u64 movable, kernelcore;		/* bytes, when the _pct below is ~0u */
	unsigned int movable_pct, kernelcore_pct;	/* 0..100, or ~0u for a size */
} mm_params;

static void mm_params_reset(void)
{
	memset(&mm_params, 0, sizeof(mm_params));
	user_min_free_kbytes = -1;
	mm_page_poison = false;
	mm_page_owner = false;
	mm_trace_enabled = true;
	mm_debug_checks = false;
	slub_debug = false;
}

/* "64M", "4096", "1G", "512K" (lib/kstrtox.c: overflow is an error, never a wrapped size);
 * percent values ("25%") go through *pct. Returns false if malformed. */
static bool mm_parse_size(const char *s, u64 *out, unsigned int *pct)
{
	char num[32];
	size_t n;
	u64 v;

	if (!s || !*s)
		return false;
	n = strlen(s);
	if (s[n - 1] == '%') {
		if (!pct || n > sizeof(num))
			return false;
		memcpy(num, s, n - 1);
		num[n - 1] = '\0';
		if (kstrtou64_max(num, 100, &v))
			return false;
		*pct = (unsigned int)v;
		*out = 0;
		return true;
	}
	if (kstrtosize(s, &v))
		return false;
	if (pct)
		*pct = ~0u;
	*out = v;
	return true;
}

/* A switch: a bare word or an empty value is on. */
static int parse_switch(const char *val, bool *out)
{
	if (!val || !*val) {
		*out = true;
		return 0;
	}
	return kstrtobool(val, out) ? -1 : 0;
}

static int set_size(const char *val, u64 *out, unsigned int *pct, bool *given)
{
	if (!mm_parse_size(val, out, pct))
		return -1;
	*given = true;
	return 0;
}

static int early_dma(const char *val)
{
	return set_size(val, &mm_params.dma, NULL, &mm_params.dma_set);
}
early_param("dma", early_dma);

static int early_highmem(const char *val)
{
	return set_size(val, &mm_params.highmem, NULL, &mm_params.highmem_set);
}
early_param("highmem", early_highmem);

static int early_movablecore(const char *val)
{
	return set_size(val, &mm_params.movable, &mm_params.movable_pct, &mm_params.movable_set);
}
early_param("movablecore", early_movablecore);

static int early_kernelcore(const char *val)
{
	return set_size(val, &mm_params.kernelcore, &mm_params.kernelcore_pct,
			&mm_params.kernelcore_set);
}
early_param("kernelcore", early_kernelcore);

static int early_cma(const char *val)
{
	return set_size(val, &mm_params.cma, NULL, &mm_params.cma_set);
}
early_param("cma", early_cma);

static int early_min_free_kbytes(const char *val)
{
	u64 v;

	if (!mm_parse_size(val, &v, NULL))
		return -1;
	user_min_free_kbytes = (int)min(v, (u64)262144);
	return 0;
}
early_param("min_free_kbytes", early_min_free_kbytes);

static int early_page_poison(const char *val) { return parse_switch(val, &mm_page_poison); }
early_param("page_poison", early_page_poison);
static int early_page_owner(const char *val) { return parse_switch(val, &mm_page_owner); }
early_param("page_owner", early_page_owner);
static int early_trace_mm(const char *val) { return parse_switch(val, &mm_trace_enabled); }
early_param("trace_mm", early_trace_mm);
static int early_mm_debug(const char *val) { return parse_switch(val, &mm_debug_checks); }
early_param("mm_debug", early_mm_debug);
static int early_slub_debug(const char *val) { return parse_switch(val, &slub_debug); }
early_param("slub_debug", early_slub_debug);

/* ---------------------------------------------------------------- watermarks */

static unsigned long int_sqrt(unsigned long x)
{
	unsigned long r = 0, bit = 1UL << (BITS_PER_LONG - 2);

	while (bit > x)
		bit >>= 2;
	while (bit) {
		if (x >= r + bit) {
			x -= r + bit;
			r = (r >> 1) + bit;
		} else {
			r >>= 1;
		}
		bit >>= 2;
	}
	return r;
}

#define for_each_zone(z) \
	for (int __n = 0; __n < MAX_NUMNODES; __n++) \
		for (int __z = 0; __z < MAX_NR_ZONES; __z++) \
			if (((z) = &node_data[__n].node_zones[__z]), node_data[__n].online)

/* Linux __setup_per_zone_wmarks: min is min_free_kbytes split over the lowmem zones by size;
 * HIGHMEM (and MOVABLE carved from it: is_highmem_idx) gets a small fixed min; low/high sit 1/4 and 1/2 of min (or 0.1% of the zone) above. */
void setup_per_zone_wmarks(void)
{
	unsigned long pages_min = min_free_kbytes >> (PAGE_SHIFT - 10);
	unsigned long lowmem_pages = 0;
	struct zone *zone;

	for_each_zone(zone)
		if (!is_highmem_idx(zone->idx))
			lowmem_pages += zone_managed_pages(zone);
	if (!lowmem_pages)
		lowmem_pages = 1;
	for_each_zone(zone) {
		unsigned long managed = zone_managed_pages(zone);
		u64 tmp = (u64)pages_min * managed / lowmem_pages;

		if (is_highmem_idx(zone->idx)) {
			unsigned long mp = managed / 1024;

			mp = mp < 32 ? 32 : mp > 128 ? 128 : mp;
			if (mp > managed)
				mp = managed;
			zone->_watermark[WMARK_MIN] = mp;
		} else {
			zone->_watermark[WMARK_MIN] = (unsigned long)tmp;
		}
		tmp = max(tmp >> 2, (u64)managed * 10 / 10000);
		zone->_watermark[WMARK_LOW] = zone->_watermark[WMARK_MIN] + (unsigned long)tmp;
		zone->_watermark[WMARK_HIGH] = zone->_watermark[WMARK_MIN] + (unsigned long)tmp * 2;
		zone_update_fast_wmark(zone);
	}
}

void setup_per_zone_lowmem_reserve(void)
{
	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		pg_data_t *pgdat = &node_data[nid];

		if (!pgdat->online)
			continue;
		for (int i = 0; i < MAX_NR_ZONES; i++) {
			struct zone *zone = &pgdat->node_zones[i];
			int ratio = lowmem_reserve_ratio[i];
			bool clear = !ratio || !zone_managed_pages(zone);
			unsigned long managed = 0;

			for (int j = 0; j < MAX_NR_ZONES; j++)
				zone->lowmem_reserve[j] = 0;
			for (int j = i + 1; j < MAX_NR_ZONES; j++) {
				managed += zone_managed_pages(&pgdat->node_zones[j]);
				if (!clear)
					zone->lowmem_reserve[j] = (long)(managed / (unsigned long)ratio);
			}
			zone_update_fast_wmark(zone);
		}
	}
}

/* Harts of the machine (boot_info), for sharing a node's pcp high among its harts. */
static unsigned int mm_nr_harts = 1;

/* Linux 6.1 zone_highsize: the node's harts share the zone's LOW watermark (lists that are all
 * full leave the free count at LOW, where kswapd would start), at least 4 batches each. A list
 * that holds a whole bulk request is what lets alloc_pages_bulk() and its free stay off the buddy
 * lists (the old 6 * batch of pageset_set_batch sent 64-page batches there one page at a time). */
static void zone_pcp_update_high(struct zone *zone)
{
	unsigned int cpus = 0;
	long high;

	for (unsigned int cpu = 0; cpu < mm_nr_harts && cpu < NR_CPUS; cpu++)
		cpus += cpu_to_node(cpu) == zone->node;
	high = (long)low_wmark_pages(zone) / (cpus ? cpus : 1);
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		struct per_cpu_pages *pcp = &zone->pcp[cpu];

		pcp->high = (int)max(high, 4L * pcp->batch);
	}
}

/* Linux init_per_zone_wmark_min: min_free_kbytes = sqrt(lowmem_kbytes * 16), clamped. */
static void init_per_zone_wmark_min(void)
{
	unsigned long lowmem_kbytes = 0;
	struct zone *zone;

	for_each_zone(zone)
		if (zone->idx <= ZONE_NORMAL)
			lowmem_kbytes += zone_managed_pages(zone) * (PAGE_SIZE >> 10);
	if (user_min_free_kbytes >= 0) {
		min_free_kbytes = (unsigned long)user_min_free_kbytes;
	} else {
		min_free_kbytes = int_sqrt(lowmem_kbytes * 16);
		if (min_free_kbytes < 128)
			min_free_kbytes = 128;
		if (min_free_kbytes > 262144)
			min_free_kbytes = 262144;
	}
	setup_per_zone_wmarks();
	setup_per_zone_lowmem_reserve();
	for_each_zone(zone)
		zone_pcp_update_high(zone);
}

/* Linux zone_batchsize: ~1/1024 of the zone, at most 1 MiB, /4, rounded to 2^n - 1 to avoid
 * cache aliasing of batches. */
static int zone_batchsize(struct zone *zone)
{
	unsigned long batch = zone_managed_pages(zone) / 1024;
	unsigned long r = 1;

	if (batch * PAGE_SIZE > 1024 * 1024)
		batch = (1024 * 1024) / PAGE_SIZE;
	batch /= 4;
	if (batch < 1)
		batch = 1;
	batch = batch + batch / 2;
	while (r * 2 <= batch)
		r *= 2;
	batch = r - 1;
	return batch < 1 ? 1 : (int)batch;
}

void zone_pcp_init(struct zone *zone)
{
	int batch = zone_batchsize(zone);

	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		struct per_cpu_pages *pcp = &zone->pcp[cpu];

		spin_lock_init(&pcp->lock);
		pcp->count = 0;
		pcp->batch = batch;
		pcp->high = 4 * batch;	/* zone_pcp_update_high() follows the watermarks */
		for (int mt = 0; mt < MIGRATE_PCPTYPES; mt++)
			INIT_LIST_HEAD(&pcp->lists[mt]);
		INIT_LIST_HEAD(&pcp->zeroed);
		pcp->zeroed_stashed = 0;
	}
}

/* ---------------------------------------------------------------- zonelists */

/* Online nodes by distance from nid, the node itself first, ties by id (Linux node order). */
static int node_order(int nid, const u8 (*distance)[8], int nr_nodes, int order[MAX_NUMNODES])
{
	bool used[MAX_NUMNODES] = { false };
	int n = 0;

	for (;;) {
		int best = -1, bestd = 0;

		for (int m = 0; m < MAX_NUMNODES; m++) {
			int d;

			if (used[m] || !node_data[m].online)
				continue;
			d = m == nid ? 0 : (distance && m < nr_nodes && nid < nr_nodes &&
					    distance[nid][m]) ? distance[nid][m] : 20;
			if (best < 0 || d < bestd) {
				best = m;
				bestd = d;
			}
		}
		if (best < 0)
			return n;
		used[best] = true;
		order[n++] = best;
	}
}

/* Append the managed zones of node nid, highest first, to a zonelist at index k; the new end. */
static int add_node_zones(struct zonelist *zl, int k, int nid)
{
	for (int z = MAX_NR_ZONES - 1; z >= 0; z--) {
		struct zone *zone = &node_data[nid].node_zones[z];

		if (!managed_zone(zone))
			continue;
		zl->_zonerefs[k].zone = zone;
		zl->_zonerefs[k].zone_idx = z;
		k++;
	}
	return k;
}

void build_all_zonelists(const u8 (*distance)[8], int nr_nodes)
{
	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		pg_data_t *pgdat = &node_data[nid];
		struct zonelist *fallback = &pgdat->node_zonelists[ZONELIST_FALLBACK];
		struct zonelist *nofallback = &pgdat->node_zonelists[ZONELIST_NOFALLBACK];
		int order[MAX_NUMNODES], n, k = 0;

		if (!pgdat->online)
			continue;
		n = node_order(nid, distance, nr_nodes, order);
		for (int i = 0; i < n; i++)
			k = add_node_zones(fallback, k, order[i]);
		fallback->_zonerefs[k].zone = NULL;
		nofallback->_zonerefs[add_node_zones(nofallback, 0, nid)].zone = NULL;
		for (int h = 0; h < MAX_NR_ZONES; h++) {
			struct zone *first = first_zones_zonelist(fallback, (enum zone_type)h, NULL)->zone;

			/* A first zone on another node is the full path's case (THISNODE, NUMA miss). */
			mm_fast_zone[nid][h] = first && first->node == nid ? first : NULL;
		}
	}
}

/* ---------------------------------------------------------------- init */

static void init_zone_struct(struct zone *zone, int nid, enum zone_type idx, unsigned long start,
			     unsigned long end)
{
	zone->node = nid;
	zone->idx = idx;
	zone->name = zone_names[idx];
	zone->zone_pgdat = &node_data[nid];
	zone->zone_start_pfn = start;
	zone->spanned_pages = end > start ? end - start : 0;
	spin_lock_init(&zone->lock);
	for (int o = 0; o < MAX_ORDER; o++)
		for (int mt = 0; mt < MIGRATE_TYPES; mt++)
			INIT_LIST_HEAD(&zone->free_area[o].free_list[mt]);
}

static bool setup_zone_maps(struct zone *zone)
{
	unsigned long blk_start, nblocks;

	if (!zone->spanned_pages)
		return true;
	blk_start = ALIGN_DOWN(zone->zone_start_pfn, pageblock_nr_pages);
	nblocks = DIV_ROUND_UP(zone_end_pfn(zone) - blk_start, pageblock_nr_pages);
	zone->pageblock_mt = memblock_alloc(nblocks, 8);
	zone->free_bitmap = memblock_alloc(DIV_ROUND_UP(zone->spanned_pages, BITS_PER_LONG) *
					   sizeof(unsigned long), 8);
	if (!zone->pageblock_mt || !zone->free_bitmap)
		return false;
	/* Linux marks every block movable at boot; early unmovable allocations steal from them. */
	memset(zone->pageblock_mt, MIGRATE_MOVABLE, nblocks);
	/* Indexed by pfn >> pageblock_order directly: one add less on every free. */
	zone->pageblock_mt_by_pfn = (unsigned long)zone->pageblock_mt - (blk_start >> pageblock_order);
	return true;
}

static struct zone *zone_of_pfn(unsigned long pfn)
{
	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		if (!node_data[nid].online)
			continue;
		for (int z = 0; z < MAX_NR_ZONES; z++) {
			struct zone *zone = &node_data[nid].node_zones[z];

			if (zone->spanned_pages && zone_spans_pfn(zone, pfn))
				return zone;
		}
	}
	return NULL;
}

/* Mark cma= pageblocks at the top of the largest NORMAL zone MIGRATE_CMA: free pages there serve
 * only movable allocations (the CMA area itself, and cma_alloc, belong to a later issue). */
static void setup_cma(unsigned long cma_pages)
{
	struct zone *best = NULL;

	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		struct zone *z = &node_data[nid].node_zones[ZONE_NORMAL];

		if (node_data[nid].online && (!best || z->present_pages > best->present_pages))
			best = z;
	}
	if (!best || !best->spanned_pages)
		return;
	for (unsigned long pfn = ALIGN_DOWN(zone_end_pfn(best), pageblock_nr_pages);
	     cma_pages >= pageblock_nr_pages && pfn >= best->zone_start_pfn + pageblock_nr_pages;) {
		unsigned long p;
		bool ok = true;

		pfn -= pageblock_nr_pages;
		for (p = pfn; p < pfn + pageblock_nr_pages && ok; p++)
			ok = memblock_is_memory((phys_addr_t)p << PAGE_SHIFT) &&
			     !memblock_is_reserved((phys_addr_t)p << PAGE_SHIFT);
		if (!ok)
			continue;
		set_pageblock_migratetype(pfn_to_page(pfn), MIGRATE_CMA);
		best->cma_pages += pageblock_nr_pages;
		cma_pages -= pageblock_nr_pages;
	}
}

/* Hand a free range to the buddy lists in the largest aligned chunks that stay within one zone
 * and one kind of pageblock (Linux __free_pages_memory). */
static void free_range_to_buddy(unsigned long pfn, unsigned long end)
{
	while (pfn < end) {
		struct zone *zone = page_zone(pfn_to_page(pfn));
		unsigned int order = pfn ? (unsigned int)__builtin_ctzl(pfn) : MAX_ORDER - 1;
		unsigned long zend = zone_end_pfn(zone);
		int mt;

		if (order > MAX_ORDER - 1)
			order = MAX_ORDER - 1;
		while (pfn + (1UL << order) > end || pfn + (1UL << order) > zend)
			order--;
		mt = get_pfnblock_migratetype(zone, pfn);
		if (order > pageblock_order) {
			for (unsigned long p = pfn; p < pfn + (1UL << order); p += pageblock_nr_pages) {
				if (get_pfnblock_migratetype(zone, p) != mt) {
					order = pageblock_order;
					break;
				}
			}
		}
		zone->managed_pages += 1UL << order;
		__free_one_page(pfn_to_page(pfn), pfn, zone, order, mt, true);
		pfn += 1UL << order;
	}
}

static inline unsigned long nearer_boundary(unsigned long next, unsigned long pfn, unsigned long b)
{
	return b > pfn && b < next ? b : next;
}

/* The first pfn after @pfn where a zone or a memory range begins or ends (@end at most): between
 * two such boundaries every page has the same zone and is memory or not. */
static unsigned long next_layout_boundary(unsigned long pfn, unsigned long end)
{
	unsigned long next = end;

	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		if (!node_data[nid].online)
			continue;
		for (int z = 0; z < MAX_NR_ZONES; z++) {
			const struct zone *zone = &node_data[nid].node_zones[z];

			if (!zone->spanned_pages)
				continue;
			next = nearer_boundary(next, pfn, zone->zone_start_pfn);
			next = nearer_boundary(next, pfn, zone_end_pfn(zone));
		}
	}
	for (unsigned int i = 0; i < memblock.memory.cnt; i++) {
		const struct memblock_region *r = &memblock.memory.regions[i];

		/* A page is memory when its first byte is: rounded up, as memblock_is_memory(). */
		next = nearer_boundary(next, pfn, (unsigned long)DIV_ROUND_UP(r->base, PAGE_SIZE));
		next = nearer_boundary(next, pfn,
				       (unsigned long)DIV_ROUND_UP(r->base + r->size, PAGE_SIZE));
	}
	return next;
}

/* Linux's __init_single_page: reserved, one reference, unmapped, on no list. Written out, not
 * memset: this runs for every page of memory at boot, and a call per page costs more than the
 * stores (and, with a direct-mapped I$, may share lines with the loop that calls it). */
static inline void init_single_page(struct page *p, unsigned long flags)
{
	*p = (struct page){ .flags = flags, ._refcount = 1, ._mapcount = -1 };
	INIT_LIST_HEAD(&p->lru);
}

static void init_mem_map(void)
{
	unsigned long pfn = mem_map_base_pfn, end = mem_map_base_pfn + mem_map_nr;

	/* Everything starts reserved; only memblock's free ranges are released below. The zone and
	 * "is memory" are looked up once per stretch between layout boundaries, not per page. */
	while (pfn < end) {
		unsigned long next = next_layout_boundary(pfn, end);
		struct zone *z = zone_of_pfn(pfn);
		unsigned long nid = z ? (unsigned long)z->node : 0;
		unsigned long zidx = z ? (unsigned long)z->idx : ZONE_NORMAL;
		unsigned long flags = (1UL << PG_reserved) | (nid << NODES_PGSHIFT) |
				      (zidx << ZONES_PGSHIFT);
		struct page *p = &mem_map[pfn - mem_map_base_pfn];
		struct page *last = &mem_map[next - mem_map_base_pfn];

		for (; p < last; p++)
			init_single_page(p, flags);
		if (z && memblock_is_memory((phys_addr_t)pfn << PAGE_SHIFT))
			z->present_pages += next - pfn;
		pfn = next;
	}
}

/* Memory ranges and nodes as the boot tables give them, before any zone exists. */
struct mm_layout {
	unsigned long min_pfn, max_pfn, total;	/* total: pages of memory, holes excluded */
	unsigned long node_start[MAX_NUMNODES], node_end[MAX_NUMNODES];
	unsigned long dma_end;			/* first pfn above ZONE_DMA */
	unsigned long movable_total;		/* pages for ZONE_MOVABLE, all nodes */
};

/* memblock from the boot_info tables: memory page-aligned inwards, reservations outwards. */
static void memblock_from_boot_info(const struct boot_info *bi)
{
	for (unsigned int i = 0; i < bi->nr_mem && i < MAX_MEM_RANGES; i++) {
		u64 b = ALIGN(bi->mem[i].base, (u64)PAGE_SIZE);
		u64 e = ALIGN_DOWN(bi->mem[i].base + bi->mem[i].size, (u64)PAGE_SIZE);
		int nid = bi->mem[i].nid;

		if (nid < 0 || nid >= MAX_NUMNODES) {
			pr_warn("mm: memory node %d out of range, using node 0\n", nid);
			nid = 0;
		}
		if (e > b)
			memblock_add(b, e - b, nid);
	}
	for (unsigned int i = 0; i < bi->nr_reserved && i < MAX_RESERVED; i++) {
		u64 b = ALIGN_DOWN(bi->reserved[i].base, (u64)PAGE_SIZE);
		u64 e = ALIGN(bi->reserved[i].base + bi->reserved[i].size, (u64)PAGE_SIZE);

		if (e > b)
			memblock_reserve(b, e - b);
	}
	if (!memblock.memory.cnt)
		panic("mm: no memory in boot_info");
}

static void find_node_spans(struct mm_layout *l)
{
	l->min_pfn = ~0UL;
	l->max_pfn = 0;
	l->total = 0;
	for (int n = 0; n < MAX_NUMNODES; n++) {
		l->node_start[n] = ~0UL;
		l->node_end[n] = 0;
	}
	for (unsigned int i = 0; i < memblock.memory.cnt; i++) {
		const struct memblock_region *r = &memblock.memory.regions[i];
		unsigned long s = r->base >> PAGE_SHIFT, e = (r->base + r->size) >> PAGE_SHIFT;

		l->min_pfn = min(l->min_pfn, s);
		l->max_pfn = max(l->max_pfn, e);
		l->total += e - s;
		l->node_start[r->nid] = min(l->node_start[r->nid], s);
		l->node_end[r->nid] = max(l->node_end[r->nid], e);
	}
}

/* Zone boundaries. DMA: the first dma= bytes of RAM (default 16 MiB, at most 1/4 of RAM).
 * HIGHMEM: the top highmem= bytes (default 1/8 of RAM from 64 MiB up, else none). Movable:
 * movablecore=, else the complement of kernelcore= (size or percent), spread over nodes later. */
static void set_zone_boundaries(struct mm_layout *l)
{
	unsigned long total = l->total, dma_pages = (16UL << 20) >> PAGE_SHIFT;
	unsigned long high_pages = total >= ((64UL << 20) >> PAGE_SHIFT) ? total / 8 : 0;

	if (dma_pages > total / 4)
		dma_pages = total / 4;
	if (mm_params.dma_set)
		dma_pages = (unsigned long)(mm_params.dma >> PAGE_SHIFT);
	if (mm_params.highmem_set)
		high_pages = (unsigned long)(mm_params.highmem >> PAGE_SHIFT);
	dma_pages = ALIGN(dma_pages, pageblock_nr_pages);
	high_pages = ALIGN_DOWN(high_pages, pageblock_nr_pages);
	if (high_pages > total / 2) {
		pr_warn("mm: highmem= larger than half of memory, limited\n");
		high_pages = ALIGN_DOWN(total / 2, pageblock_nr_pages);
	}
	l->dma_end = min(l->min_pfn + dma_pages, l->max_pfn);
	max_low_pfn = max(l->max_pfn - high_pages, l->dma_end);
	movable_zone = max_low_pfn < l->max_pfn ? ZONE_HIGHMEM :
		       l->dma_end < l->max_pfn ? ZONE_NORMAL : ZONE_DMA;

	l->movable_total = 0;
	if (mm_params.movable_set) {
		l->movable_total = mm_params.movable_pct != ~0u ? total * mm_params.movable_pct / 100 :
				   (unsigned long)(mm_params.movable >> PAGE_SHIFT);
	} else if (mm_params.kernelcore_set) {
		unsigned long kc = mm_params.kernelcore_pct != ~0u ?
				   total * mm_params.kernelcore_pct / 100 :
				   (unsigned long)(mm_params.kernelcore >> PAGE_SHIFT);

		l->movable_total = kc < total ? total - kc : 0;
	}
}

/* Where ZONE_MOVABLE starts on node nid [s, e): its share of movable_total by size, whole
 * pageblocks, never in DMA memory; e when the node has none. */
static unsigned long node_movable_start(const struct mm_layout *l, int nid, unsigned long s,
					unsigned long e)
{
	unsigned long node_pages = 0, want, mov;

	if (!l->movable_total)
		return e;
	for (unsigned int i = 0; i < memblock.memory.cnt; i++)
		if (memblock.memory.regions[i].nid == nid)
			node_pages += memblock.memory.regions[i].size >> PAGE_SHIFT;
	want = ALIGN((unsigned long)((u64)l->movable_total * node_pages / l->total),
		     pageblock_nr_pages);
	mov = want < e - s ? ALIGN_DOWN(e - want, pageblock_nr_pages) : s;
	if (mov < l->dma_end)
		mov = min(l->dma_end, e);
	return mov < s ? s : mov;
}

static void init_node(const struct mm_layout *l, int nid)
{
	pg_data_t *pgdat = &node_data[nid];
	unsigned long s = l->node_start[nid], e = l->node_end[nid], mov, lo, hi;

	pgdat->node_id = nid;
	if (s >= e)
		return;
	pgdat->online = true;
	nr_online_nodes++;
	pgdat->node_start_pfn = s;
	pgdat->node_spanned_pages = e - s;
	mov = node_movable_start(l, nid, s, e);
	lo = s;
	hi = min(e, l->dma_end);
	init_zone_struct(&pgdat->node_zones[ZONE_DMA], nid, ZONE_DMA, lo, hi > lo ? hi : lo);
	lo = max(s, l->dma_end);
	hi = min(min(e, max_low_pfn), mov);
	init_zone_struct(&pgdat->node_zones[ZONE_NORMAL], nid, ZONE_NORMAL, lo, hi > lo ? hi : lo);
	lo = max(s, max_low_pfn);
	hi = min(e, mov);
	init_zone_struct(&pgdat->node_zones[ZONE_HIGHMEM], nid, ZONE_HIGHMEM, lo, hi > lo ? hi : lo);
	lo = max(s, mov);
	init_zone_struct(&pgdat->node_zones[ZONE_MOVABLE], nid, ZONE_MOVABLE, lo, e > lo ? e : lo);
}

/* mem_map, the zones, their pageblock and free bitmaps, page_owner: all from memblock. */
static void alloc_node_maps(const struct mm_layout *l)
{
	mem_map_base_pfn = ALIGN_DOWN(l->min_pfn, MAX_ORDER_NR_PAGES);
	mem_map_nr = l->max_pfn - mem_map_base_pfn;
	mem_map = memblock_alloc(mem_map_nr * sizeof(struct page), 64);
	if (!mem_map)
		panic("mm: can't allocate mem_map (%lu pages)", mem_map_nr);
	for (int nid = 0; nid < MAX_NUMNODES; nid++)
		init_node(l, nid);
	init_mem_map();
	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		if (!node_data[nid].online)
			continue;
		for (int z = 0; z < MAX_NR_ZONES; z++) {
			if (!setup_zone_maps(&node_data[nid].node_zones[z]))
				panic("mm: can't allocate zone maps");
			node_data[nid].node_present_pages += node_data[nid].node_zones[z].present_pages;
		}
	}
	if (mm_page_owner) {
		page_owner_map = memblock_alloc(mem_map_nr * sizeof(struct page_owner), 64);
		if (!page_owner_map) {
			pr_warn("mm: no memory for page_owner, disabled\n");
			mm_page_owner = false;
		}
	}
}

/* Release memblock's free memory: PG_reserved off, count 0, into the buddy lists. */
static void free_memblock_to_buddy(void)
{
	unsigned long idx = 0;
	phys_addr_t fs, fe;
	int fnid;

	while (memblock_next_free_range(&idx, &fs, &fe, &fnid)) {
		unsigned long s = (unsigned long)(fs >> PAGE_SHIFT), e = (unsigned long)(fe >> PAGE_SHIFT);

		for (unsigned long pfn = s; pfn < e; pfn++) {
			struct page *p = pfn_to_page(pfn);

			__ClearPageReserved(p);
			p->_refcount = 0;
		}
		free_range_to_buddy(s, e);
	}
	totalram_pages = 0;
	for (int nid = 0; nid < MAX_NUMNODES; nid++)
		for (int z = 0; z < MAX_NR_ZONES; z++)
			totalram_pages += node_data[nid].node_zones[z].managed_pages;
	/* Too little memory to group by mobility usefully (Linux's rule). */
	if (totalram_pages < pageblock_nr_pages * MIGRATE_TYPES)
		page_group_by_mobility_disabled = 1;
}

/* Zonelists, hart -> node, per-CPU lists, watermarks and the fast path's tables. */
static void setup_zone_policies(const struct boot_info *bi)
{
	mm_nr_harts = bi->nr_harts ? bi->nr_harts : 1;
	build_all_zonelists(bi->numa_distance, (int)bi->nr_nodes);
	if (mm_fdt_cpu_nodes)
		mm_fdt_cpu_nodes(bi);
	for (int nid = 0; nid < MAX_NUMNODES; nid++)
		for (int z = 0; z < MAX_NR_ZONES; z++)
			if (node_data[nid].online)
				zone_pcp_init(&node_data[nid].node_zones[z]);
	init_per_zone_wmark_min();
	mm_update_fastpath();
}

/* Every boot starts from nothing (host tests boot many times in one process). */
static void mm_reset(void)
{
	mm_page_alloc_reset();
	mm_vmstat_reset();
	memblock_reset();
	min_free_kbytes = 0;
	page_owner_map = NULL;
	mm_params_reset();
}

void mm_init(const struct boot_info *bi)
{
	struct mm_layout layout;

	mm_reset();
	if (!bi) {
		pr_err("mm: no boot_info\n");
		return;
	}
	parse_early_params(bi->bootargs);
	memblock_from_boot_info(bi);
	find_node_spans(&layout);
	set_zone_boundaries(&layout);
	memblock.limit = (phys_addr_t)max_low_pfn << PAGE_SHIFT;
	alloc_node_maps(&layout);
	if (mm_params.cma_set)
		setup_cma((unsigned long)(mm_params.cma >> PAGE_SHIFT));
	/* The slab caches' own structures come from memblock, so the buddy lists start complete. */
	shrinker_reset();
	kmem_cache_init();
	free_memblock_to_buddy();
	setup_zone_policies(bi);

	printk("mm: %lu MiB managed of %lu MiB, %d node(s), MAX_ORDER %d, min_free_kbytes %lu%s%s\n",
	       totalram_pages >> (20 - PAGE_SHIFT), layout.total >> (20 - PAGE_SHIFT), nr_online_nodes,
	       MAX_ORDER, min_free_kbytes, mm_page_poison ? ", poison" : "",
	       mm_page_owner ? ", page_owner" : "");
}

void mm_init_secondary(void)
{
	/* Per-CPU lists are set up for every possible hart in mm_init; nothing to do per hart. */
}
