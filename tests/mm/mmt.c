// SPDX-License-Identifier: BSD-2-Clause
/* Host harness for the allocator tests: arena, boot, reference model, operations with their checks,
 * and invariant checkers. The checkers walk the free lists, per-CPU lists, bitmaps and mem_map
 * themselves rather than trusting the allocator's counters or helpers. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <stdarg.h>
#include "mmt.h"

struct boot_info mmt_bi;
char mmt_err[512];
static char *arena;
static struct mmt_cfg cur_cfg;

#if defined(__SANITIZE_ADDRESS__)
#define MMT_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define MMT_ASAN 1
#endif
#endif
#ifdef MMT_ASAN
void __asan_unpoison_memory_region(void const volatile *addr, size_t size);
#define mmt_asan_unpoison(p, n) __asan_unpoison_memory_region(p, n)
#else
#define mmt_asan_unpoison(p, n) ((void)(p), (void)(n))
#endif

#define FAIL(...) do { snprintf(mmt_err, sizeof(mmt_err), __VA_ARGS__); return -1; } while (0)

int mmt_boot(const struct mmt_cfg *cfg)
{
	unsigned long size = cfg->mib_per_node << 20, top;

	if (!arena) {
		arena = aligned_alloc(4UL << 20, MMT_ARENA_MAX);
		if (!arena)
			return -1;
	}
	if (cfg->nodes < 1 || cfg->nodes > 4 || size * (unsigned long)cfg->nodes > MMT_ARENA_MAX)
		return -1;
	/* A task stack left in the arena by a previous boot (a test that failed before stopping its
	 * threads) keeps its frames' redzones in AddressSanitizer's shadow: forget them. */
	mmt_asan_unpoison(arena, MMT_ARENA_MAX);
	host_phys_base = MMT_PHYS_BASE;
	host_virt_base = arena;
	memset(&mmt_bi, 0, sizeof(mmt_bi));
	snprintf(mmt_bi.bootargs, sizeof(mmt_bi.bootargs), "%s", cfg->bootargs ? cfg->bootargs : "");
	mmt_bi.nr_mem = (unsigned int)cfg->nodes;
	mmt_bi.nr_nodes = (unsigned int)cfg->nodes;
	mmt_bi.nr_harts = 4;
	for (int i = 0; i < cfg->nodes; i++) {
		mmt_bi.mem[i].base = MMT_PHYS_BASE + (u64)i * size;
		mmt_bi.mem[i].size = size;
		mmt_bi.mem[i].nid = i;
		for (int j = 0; j < cfg->nodes; j++)
			mmt_bi.numa_distance[i][j] = (u8)(i == j ? 10 : 10 + 10 * abs(i - j));
	}
	top = MMT_PHYS_BASE + size * (unsigned long)cfg->nodes;
	if (cfg->reserve_fw) {
		mmt_bi.reserved[0] = (struct mem_range){ MMT_PHYS_BASE, 0x40000, 0 };
		mmt_bi.reserved[1] = (struct mem_range){ MMT_PHYS_BASE + 0x200000, 0x123456, 0 };
		mmt_bi.reserved[2] = (struct mem_range){ top - 0x200000, 0x10000, 0 };
		mmt_bi.nr_reserved = 3;
	}
	cur_cfg = *cfg;
	mm_init(&mmt_bi);
	return mem_map ? 0 : -1;
}

void *mmt_page_mem(const struct page *p)
{
	return arena + (page_to_phys(p) - MMT_PHYS_BASE);
}

enum zone_type mmt_expected_highest_zone(gfp_t gfp)
{
	if (gfp & (__GFP_DMA | __GFP_DMA32))
		return ZONE_DMA;
	if ((gfp & __GFP_HIGHMEM) && (gfp & __GFP_MOVABLE))
		return ZONE_MOVABLE;
	if (gfp & __GFP_HIGHMEM)
		return ZONE_HIGHMEM;
	return ZONE_NORMAL;
}

/* A request every entry point must refuse: contradictory zone or mobility modifiers, or a node
 * that is neither NUMA_NO_NODE nor online. */
bool mmt_request_bad(gfp_t gfp, int nid)
{
	if ((gfp & (__GFP_DMA | __GFP_DMA32)) && (gfp & __GFP_HIGHMEM))
		return true;
	if ((gfp & GFP_MOVABLE_MASK) == GFP_MOVABLE_MASK)
		return true;
	return nid != NUMA_NO_NODE && (nid < 0 || nid >= MAX_NUMNODES || !node_data[nid].online);
}

void mmt_model_init(struct mmt_model *m)
{
	memset(m, 0, sizeof(*m));
	m->cap = 1024;
	m->allocs = calloc(m->cap, sizeof(*m->allocs));
	m->owner = malloc(mem_map_nr * sizeof(int));
	for (unsigned long i = 0; i < mem_map_nr; i++)
		m->owner[i] = -1;
	m->recent_freed = calloc(64, sizeof(unsigned long));
	m->next_tag = 1;
}

void mmt_model_free(struct mmt_model *m)
{
	free(m->allocs);
	free(m->owner);
	free(m->recent_freed);
	memset(m, 0, sizeof(*m));
}

static int model_add(struct mmt_model *m, unsigned long pfn, unsigned int order, unsigned long nr,
		     enum mmt_kind kind)
{
	struct mmt_alloc *a;
	unsigned long i;

	for (i = 0; i < nr; i++) {
		if (m->owner[pfn + i - mem_map_base_pfn] >= 0)
			FAIL("pfn %#lx handed out twice (already owned by block at %#lx)", pfn + i,
			     m->allocs[m->owner[pfn + i - mem_map_base_pfn]].pfn);
	}
	if (m->nr_allocs == m->cap) {
		m->cap *= 2;
		m->allocs = realloc(m->allocs, m->cap * sizeof(*m->allocs));
	}
	a = &m->allocs[m->nr_allocs];
	a->pfn = pfn;
	a->order = order;
	a->nr = nr;
	a->kind = kind;
	a->tag = m->next_tag++;
	a->extra_ref = 0;
	for (i = 0; i < nr; i++) {
		m->owner[pfn + i - mem_map_base_pfn] = (int)m->nr_allocs;
		/* Tag each page so a page handed to two owners is caught on free. */
		u32 *w = mmt_page_mem(pfn_to_page(pfn + i));
		w[0] = a->tag;
		w[1] = (u32)(pfn + i);
	}
	m->owned_pages += nr;
	m->nr_allocs++;
	return 0;
}

static int model_check_tags(const struct mmt_alloc *a)
{
	for (unsigned long i = 0; i < a->nr; i++) {
		const u32 *w = mmt_page_mem(pfn_to_page(a->pfn + i));

		if (w[0] != a->tag || w[1] != (u32)(a->pfn + i))
			FAIL("page %#lx of block %#lx was overwritten (tag %u/%#x, want %u/%#lx)",
			     a->pfn + i, a->pfn, w[0], w[1], a->tag, a->pfn + i);
	}
	return 0;
}

static void model_remove(struct mmt_model *m, unsigned long idx)
{
	struct mmt_alloc *a = &m->allocs[idx];
	unsigned long last = m->nr_allocs - 1;

	for (unsigned long i = 0; i < a->nr; i++)
		m->owner[a->pfn + i - mem_map_base_pfn] = -1;
	m->owned_pages -= a->nr;
	m->recent_freed[m->nr_recent++ % 64] = a->pfn;
	if (idx != last) {
		m->allocs[idx] = m->allocs[last];
		for (unsigned long i = 0; i < m->allocs[idx].nr; i++)
			m->owner[m->allocs[idx].pfn + i - mem_map_base_pfn] = (int)idx;
	}
	m->nr_allocs--;
}

/* ------------------------------------------------------------------ invariants */

static unsigned long pcp_total(void)
{
	unsigned long s = 0;

	for (int n = 0; n < MAX_NUMNODES; n++)
		for (int z = 0; z < MAX_NR_ZONES; z++)
			for (int c = 0; c < NR_CPUS; c++)
				s += (unsigned long)node_data[n].node_zones[z].pcp[c].count +
				     mm_pcp_zeroed_count(&node_data[n].node_zones[z].pcp[c]);
	return s;
}

/* Pages on ISOLATE free lists: free, but not in NR_FREE_PAGES (Linux). */
static unsigned long isolated_free(const struct zone *z)
{
	unsigned long s = 0;

	for (unsigned int o = 0; o < MAX_ORDER; o++)
		s += z->free_area[o].nr_free_mt[MIGRATE_ISOLATE] << o;
	return s;
}

int mmt_check_cheap(const struct mmt_model *m)
{
	unsigned long free_pages = 0, iso = 0;

	for (int n = 0; n < MAX_NUMNODES; n++)
		for (int z = 0; z < MAX_NR_ZONES; z++) {
			long f = node_data[n].node_zones[z].vm_stat[NR_FREE_PAGES];

			if (f < 0)
				FAIL("node %d zone %d NR_FREE_PAGES negative (%ld)", n, z, f);
			free_pages += (unsigned long)f;
			iso += isolated_free(&node_data[n].node_zones[z]);
		}
	if (free_pages + iso + pcp_total() + m->owned_pages != totalram_pages)
		FAIL("accounting: free %lu + isolated %lu + pcp %lu + owned %lu != managed %lu", free_pages,
		     iso, pcp_total(), m->owned_pages, totalram_pages);
	return 0;
}

static bool merge_forbidden(struct zone *z, unsigned long a, unsigned long b, unsigned int order)
{
	unsigned long base = ALIGN_DOWN(z->zone_start_pfn, pageblock_nr_pages);
	int ma, mb;

	if (order < pageblock_order)
		return false;
	ma = z->pageblock_mt[(a - base) >> pageblock_order];
	mb = z->pageblock_mt[(b - base) >> pageblock_order];
	return ma != mb && (ma >= MIGRATE_PCPTYPES || mb >= MIGRATE_PCPTYPES);
}

static int check_zone(struct zone *z, const struct mmt_model *m, unsigned long *owned_in_zone)
{
	unsigned long span = z->spanned_pages, free_total = 0, pcp = 0, cma_free = 0, ha_blocks = 0;
	unsigned long iso_total = 0;
	unsigned long base = ALIGN_DOWN(z->zone_start_pfn, pageblock_nr_pages);
	u8 *mark = calloc(span ? span : 1, 1);
	int ret = -1;

	for (unsigned int o = 0; o < MAX_ORDER; o++) {
		unsigned long sum = 0;

		for (int mt = 0; mt < MIGRATE_TYPES; mt++) {
			struct list_head *h = &z->free_area[o].free_list[mt], *pos;
			unsigned long cnt = 0;

			for (pos = h->next; pos != h; pos = pos->next) {
				struct page *p = container_of(pos, struct page, lru);
				unsigned long pfn, i;

				if (!page_in_mem_map(p)) {
					snprintf(mmt_err, sizeof(mmt_err), "%s o%u mt%d: list entry %p not a page",
						 z->name, o, mt, (void *)p);
					goto out;
				}
				pfn = page_to_pfn(p);
				if (++cnt > span || !zone_spans_pfn(z, pfn) || pfn + (1UL << o) > zone_end_pfn(z)) {
					snprintf(mmt_err, sizeof(mmt_err), "%s o%u: block %#lx outside zone or list loops",
						 z->name, o, pfn);
					goto out;
				}
				if (!PageBuddy(p) || p->private != o || p->list_mt != mt || (pfn & ((1UL << o) - 1)) ||
				    page_zone(p) != z || page_ref_count(p) != 0) {
					snprintf(mmt_err, sizeof(mmt_err),
						 "%s: free block %#lx bad: buddy %d order %lu/%u list_mt %u/%d ref %d",
						 z->name, pfn, PageBuddy(p), p->private, o, p->list_mt, mt,
						 page_ref_count(p));
					goto out;
				}
				for (i = 0; i < (1UL << o); i++) {
					unsigned long k = pfn + i - z->zone_start_pfn;

					if (mark[k]) {
						snprintf(mmt_err, sizeof(mmt_err), "%s: page %#lx in two free blocks",
							 z->name, pfn + i);
						goto out;
					}
					mark[k] = 1;
					if (i && (PageBuddy(p + i) || page_ref_count(p + i))) {
						snprintf(mmt_err, sizeof(mmt_err), "%s: page %#lx inside free block %#lx is buddy/ref",
							 z->name, pfn + i, pfn);
						goto out;
					}
					if (z->pageblock_mt[(pfn + i - base) >> pageblock_order] == MIGRATE_CMA)
						cma_free++;
				}
				free_total += 1UL << o;
				if (mt == MIGRATE_ISOLATE)
					iso_total += 1UL << o;
				/* Uncoalesced buddies. */
				if (o < MAX_ORDER - 1) {
					unsigned long bp = pfn ^ (1UL << o);

					if (zone_spans_pfn(z, bp) && PageBuddy(pfn_to_page(bp)) &&
					    pfn_to_page(bp)->private == o && !merge_forbidden(z, pfn, bp, o)) {
						snprintf(mmt_err, sizeof(mmt_err), "%s: buddies %#lx and %#lx of order %u both free",
							 z->name, pfn, bp, o);
						goto out;
					}
				}
			}
			if (cnt != z->free_area[o].nr_free_mt[mt]) {
				snprintf(mmt_err, sizeof(mmt_err), "%s o%u mt%d: list has %lu, count says %lu",
					 z->name, o, mt, cnt, z->free_area[o].nr_free_mt[mt]);
				goto out;
			}
			sum += cnt;
		}
		if (sum != z->free_area[o].nr_free) {
			snprintf(mmt_err, sizeof(mmt_err), "%s o%u: nr_free %lu, lists %lu", z->name, o,
				 z->free_area[o].nr_free, sum);
			goto out;
		}
	}
	if ((long)(free_total - iso_total) != z->vm_stat[NR_FREE_PAGES]) {
		snprintf(mmt_err, sizeof(mmt_err), "%s: NR_FREE_PAGES %ld, lists hold %lu (%lu isolated)",
			 z->name, z->vm_stat[NR_FREE_PAGES], free_total, iso_total);
		goto out;
	}
	if ((long)cma_free != z->vm_stat[NR_FREE_CMA_PAGES]) {
		snprintf(mmt_err, sizeof(mmt_err), "%s: NR_FREE_CMA_PAGES %ld, lists hold %lu", z->name,
			 z->vm_stat[NR_FREE_CMA_PAGES], cma_free);
		goto out;
	}
	for (int c = 0; c < NR_CPUS; c++) {
		struct per_cpu_pages *pc = &z->pcp[c];
		unsigned long cnt = 0, plain = 0;

		/* The plain lists, then (mt == MIGRATE_PCPTYPES) the pre-zeroed one. */
		for (int mt = 0; mt <= MIGRATE_PCPTYPES; mt++) {
			struct list_head *h = mt < MIGRATE_PCPTYPES ? &pc->lists[mt] : &pc->zeroed, *pos;

			if (mt == MIGRATE_PCPTYPES) {
				plain = cnt;
				cnt = 0;
			}

			for (pos = h->next; pos != h; pos = pos->next) {
				struct page *p = container_of(pos, struct page, lru);
				unsigned long k;

				if (!page_in_mem_map(p) || !zone_spans_pfn(z, page_to_pfn(p)) || ++cnt > span) {
					snprintf(mmt_err, sizeof(mmt_err), "%s cpu%d: pcp entry bad", z->name, c);
					goto out;
				}
				k = page_to_pfn(p) - z->zone_start_pfn;
				if (mark[k] || PageBuddy(p) || page_ref_count(p) != 0) {
					snprintf(mmt_err, sizeof(mmt_err), "%s cpu%d: pcp page %#lx also free/buddy/ref %d",
						 z->name, c, page_to_pfn(p), page_ref_count(p));
					goto out;
				}
				mark[k] = 2;
			}
		}
		if ((long)plain != pc->count || (pc->high && pc->count >= pc->high)) {
			snprintf(mmt_err, sizeof(mmt_err), "%s cpu%d: pcp count %d, lists %lu, high %d",
				 z->name, c, pc->count, plain, pc->high);
			goto out;
		}
		if ((long)cnt > pc->zeroed_stashed || cnt >= MM_ZEROED_BATCH) {
			snprintf(mmt_err, sizeof(mmt_err), "%s cpu%d: zeroed list %lu, stashed %d",
				 z->name, c, cnt, pc->zeroed_stashed);
			goto out;
		}
		pcp += plain + cnt;
	}
	/* Bitmap == free lists; every page is free, on a pcp list, owned, or reserved. */
	*owned_in_zone = 0;
	for (unsigned long k = 0; k < span; k++) {
		unsigned long pfn = z->zone_start_pfn + k;
		struct page *p = pfn_to_page(pfn);
		bool bit = (z->free_bitmap[k / (8 * sizeof(long))] >> (k % (8 * sizeof(long)))) & 1;
		bool owned = m && m->owner[pfn - mem_map_base_pfn] >= 0;

		if (bit != (mark[k] == 1)) {
			snprintf(mmt_err, sizeof(mmt_err), "%s: bitmap bit for %#lx is %d, free lists say %d",
				 z->name, pfn, bit, mark[k] == 1);
			goto out;
		}
		if (page_zone(p) != z)
			continue;	/* a hole page that belongs to no zone's accounting */
		if (owned) {
			if (mark[k] || PageReserved(p)) {
				snprintf(mmt_err, sizeof(mmt_err), "%s: owned page %#lx is free/reserved", z->name, pfn);
				goto out;
			}
			(*owned_in_zone)++;
		} else if (!mark[k] && !PageReserved(p) && m) {
			snprintf(mmt_err, sizeof(mmt_err), "%s: page %#lx is neither free, owned nor reserved (leak)",
				 z->name, pfn);
			goto out;
		}
	}
	if (free_total + pcp + *owned_in_zone != z->managed_pages && m) {
		snprintf(mmt_err, sizeof(mmt_err), "%s: free %lu + pcp %lu + owned %lu != managed %lu", z->name,
			 free_total, pcp, *owned_in_zone, z->managed_pages);
		goto out;
	}
	for (unsigned long b = 0; b < DIV_ROUND_UP(zone_end_pfn(z) - base, pageblock_nr_pages); b++)
		if (z->pageblock_mt[b] == MIGRATE_HIGHATOMIC)
			ha_blocks++;
	if (ha_blocks * pageblock_nr_pages != z->nr_reserved_highatomic) {
		snprintf(mmt_err, sizeof(mmt_err), "%s: %lu HIGHATOMIC blocks but nr_reserved_highatomic %lu",
			 z->name, ha_blocks, z->nr_reserved_highatomic);
		goto out;
	}
	ret = 0;
out:
	free(mark);
	return ret;
}

int mmt_check_full(const struct mmt_model *m)
{
	unsigned long owned = 0;

	for (int n = 0; n < MAX_NUMNODES; n++) {
		if (!node_data[n].online)
			continue;
		for (int z = 0; z < MAX_NR_ZONES; z++) {
			struct zone *zone = &node_data[n].node_zones[z];
			unsigned long o = 0;

			if (!zone->spanned_pages)
				continue;
			if (check_zone(zone, m, &o))
				return -1;
			owned += o;
		}
	}
	if (m && owned != m->owned_pages)
		FAIL("model owns %lu pages, zones account %lu", m->owned_pages, owned);
	return m ? mmt_check_cheap(m) : 0;
}

/* ------------------------------------------------------------------ operations */

static const gfp_t gfp_table[] = {
	GFP_KERNEL, GFP_ATOMIC, GFP_NOWAIT, GFP_NOIO, GFP_NOFS, GFP_USER,
	GFP_KERNEL | __GFP_DMA, GFP_HIGHUSER, GFP_HIGHUSER_MOVABLE, GFP_HIGHUSER_MOVABLE,
	GFP_KERNEL | __GFP_RECLAIMABLE, GFP_KERNEL | __GFP_MOVABLE, GFP_ATOMIC | __GFP_DMA,
	GFP_NOWAIT | __GFP_HIGHMEM, GFP_KERNEL | __GFP_NORETRY, GFP_KERNEL | __GFP_RETRY_MAYFAIL,
	GFP_KERNEL_ACCOUNT, GFP_KERNEL | __GFP_HIGH,
	/* impossible or special combinations */
	GFP_KERNEL | __GFP_DMA | __GFP_HIGHMEM, GFP_KERNEL | __GFP_MOVABLE | __GFP_RECLAIMABLE,
	GFP_KERNEL | __GFP_NOFAIL, GFP_ATOMIC | __GFP_MEMALLOC,
};

struct zsnap {
	long free, cma, pcp;
	unsigned long ha;
};

static void snapshot(struct zsnap s[MAX_NUMNODES][MAX_NR_ZONES])
{
	for (int n = 0; n < MAX_NUMNODES; n++)
		for (int z = 0; z < MAX_NR_ZONES; z++) {
			struct zone *zone = &node_data[n].node_zones[z];

			s[n][z].free = zone->vm_stat[NR_FREE_PAGES];
			s[n][z].cma = zone->vm_stat[NR_FREE_CMA_PAGES];
			s[n][z].ha = zone->nr_reserved_highatomic;
			s[n][z].pcp = 0;
			for (int c = 0; c < NR_CPUS; c++)
				s[n][z].pcp += zone->pcp[c].count;
		}
}

/* Would the zone have passed the most permissive watermark this gfp may use (slow path: min mark,
 * with the __GFP_HIGH and atomic reductions), judged on the state before the call? Written from
 * Linux's rules, not from the allocator's code. */
static bool wmark_allowed(const struct zone *z, const struct zsnap *s, gfp_t gfp, unsigned int order,
			  enum zone_type highest)
{
	long min = (long)z->_watermark[WMARK_MIN];
	bool harder = (gfp & __GFP_ATOMIC) && !(gfp & __GFP_NOMEMALLOC) && !(gfp & __GFP_DIRECT_RECLAIM);
	long free = s->free - ((1L << order) - 1);

	/* A request that may reclaim is allowed to drain the per-CPU lists and give back the
	 * HIGHATOMIC reserve before its last try (Linux's slow path). */
	if (gfp & __GFP_DIRECT_RECLAIM)
		free += s->pcp;
	if (gfp & __GFP_HIGH)
		min -= min / 2;
	if (harder)
		min -= min / 4;
	else if (!(gfp & __GFP_DIRECT_RECLAIM))
		free -= (long)s->ha;
	else
		free -= (long)(s->ha < z->nr_reserved_highatomic ? s->ha : z->nr_reserved_highatomic);
	if (!((gfp & GFP_MOVABLE_MASK) == __GFP_MOVABLE))
		free -= s->cma;
	return free > min + z->lowmem_reserve[highest];
}

/* The other direction: an order-0 request that fails must not have had a zone it was allowed to
 * use that passed its most permissive watermark with pages to spare outside the HIGHATOMIC
 * reserve and (for non-movable requests) CMA, judged on the state before the call. */
static bool must_succeed(const struct zone *z, const struct zsnap *s, gfp_t gfp, enum zone_type highest)
{
	long min = (long)z->_watermark[WMARK_MIN];
	bool harder = (gfp & __GFP_ATOMIC) && !(gfp & __GFP_NOMEMALLOC) && !(gfp & __GFP_DIRECT_RECLAIM);
	long free = s->free - (long)s->ha;

	if (gfp & __GFP_HIGH)
		min -= min / 2;
	if (harder)
		min -= min / 4;
	if (!((gfp & GFP_MOVABLE_MASK) == __GFP_MOVABLE))
		free -= s->cma;
	return free > 0 && free > min + z->lowmem_reserve[highest];
}

static int verify_new_block(struct page *page, unsigned int order, gfp_t gfp)
{
	unsigned long nr = 1UL << order;

	if (page_ref_count(page) != 1)
		FAIL("new block %#lx refcount %d", page_to_pfn(page), page_ref_count(page));
	if (PageBuddy(page) || PageReserved(page))
		FAIL("new block %#lx has buddy/reserved flag", page_to_pfn(page));
	if (page_to_pfn(page) & (nr - 1))
		FAIL("new block %#lx misaligned for order %u", page_to_pfn(page), order);
	if ((gfp & __GFP_COMP) && order) {
		if (!PageHead(page) || compound_order(page) != order)
			FAIL("compound head %#lx wrong", page_to_pfn(page));
		for (unsigned long i = 1; i < nr; i++)
			if (compound_head(page + i) != page)
				FAIL("compound tail %lu of %#lx wrong", i, page_to_pfn(page));
	}
	if (gfp & __GFP_ZERO) {
		for (unsigned long i = 0; i < nr; i++) {
			const unsigned long *w = mmt_page_mem(page + i);
			unsigned long words = PAGE_SIZE / sizeof(long);

			for (unsigned long k = 0; k < words; k += (order > 2 ? 61 : 1))
				if (w[k])
					FAIL("__GFP_ZERO page %#lx not zero at word %lu", page_to_pfn(page) + i, k);
		}
	}
	if (PageHighMem(page) && page_address(page) && !page->kmap_count)
		FAIL("HIGHMEM page %#lx has an address without kmap", page_to_pfn(page));
	return 0;
}

static int op_alloc(struct mmt_model *m, u32 a, u32 b)
{
	gfp_t gfp = gfp_table[a % (sizeof(gfp_table) / sizeof(gfp_table[0]))] | __GFP_NOWARN;
	unsigned int order, r = b % 100;
	int nid = -1, want_nid;
	nodemask_t mask, *maskp = NULL;
	struct zsnap snap[MAX_NUMNODES][MAX_NR_ZONES];
	enum zone_type highest;
	struct page *page;
	bool thisnode = false;

	if (r < 60)
		order = 0;
	else if (r < 80)
		order = 1 + (b >> 8) % 3;
	else if (r < 96)
		order = (b >> 8) % MAX_ORDER;
	else if (r < 99)
		order = MAX_ORDER - 1;
	else
		order = MAX_ORDER + (b >> 8) % 3;
	if (((a >> 20) & 3) == 0)
		gfp |= __GFP_ZERO;
	if (((a >> 22) & 3) == 0 && order)
		gfp |= __GFP_COMP;
	if (((a >> 12) & 7) == 0) {
		gfp |= __GFP_THISNODE;
		thisnode = true;
	}
	if (((a >> 8) & 3) != 0)
		nid = (int)((a >> 14) % (unsigned)cur_cfg.nodes);
	/* Now and then a node that does not exist: refused, whatever its value. */
	if (((b >> 24) & 31) == 0) {
		static const int bad_nid[] = { -2, INT_MIN, MAX_NUMNODES, MAX_NUMNODES + 1, INT_MAX };
		unsigned int k = (b >> 29) % (sizeof(bad_nid) / sizeof(bad_nid[0]) + 1);

		nid = k < sizeof(bad_nid) / sizeof(bad_nid[0]) ? bad_nid[k] : cur_cfg.nodes;
	}
	if (((a >> 16) & 7) == 0) {
		nodes_clear(&mask);
		mask.bits = (b >> 16) & ((1UL << cur_cfg.nodes) - 1);
		if (!mask.bits)
			mask.bits = 1;
		maskp = &mask;
	}
	snapshot(snap);
	if (maskp)
		page = __alloc_pages(gfp, order, nid, maskp);
	else if (nid != NUMA_NO_NODE)
		page = alloc_pages_node(nid, gfp, order);
	else
		page = alloc_pages(gfp, order);
	if (order >= MAX_ORDER) {
		if (page)
			FAIL("order %u >= MAX_ORDER returned a page", order);
		return 0;
	}
	if (mmt_request_bad(gfp, nid)) {
		if (page)
			FAIL("a refused request (gfp %#x, node %d) returned a page", gfp, nid);
		return mmt_check_cheap(m);
	}
	if (!page) {
		m->allocs_fail++;
		if (order == 0 && !(gfp & (__GFP_MEMALLOC | __GFP_NOFAIL))) {
			enum zone_type hz = mmt_expected_highest_zone(gfp);
			int wn = nid >= 0 ? nid : numa_node_id();

			for (int n = 0; n < MAX_NUMNODES; n++) {
				if (!node_data[n].online || (thisnode && n != wn) || (maskp && !node_isset(n, maskp)))
					continue;
				for (int zi = 0; zi <= (int)hz; zi++) {
					struct zone *z = &node_data[n].node_zones[zi];

					if (z->managed_pages && must_succeed(z, &snap[n][zi], gfp, hz))
						FAIL("gfp %#x order 0 failed although %s node %d had %ld free (min %lu)",
						     gfp, z->name, n, snap[n][zi].free, min_wmark_pages(z));
				}
			}
		}
		return mmt_check_cheap(m);
	}
	m->allocs_ok++;
	if (!page_in_mem_map(page))
		FAIL("alloc returned %p, not in mem_map", (void *)page);
	highest = mmt_expected_highest_zone(gfp);
	if (page_zonenum(page) > highest)
		FAIL("gfp %#x (highest zone %d) got a page of zone %d", gfp, highest, page_zonenum(page));
	want_nid = nid >= 0 ? nid : numa_node_id();
	if (thisnode && page_to_nid(page) != want_nid)
		FAIL("__GFP_THISNODE for node %d got node %d", want_nid, page_to_nid(page));
	if (maskp && !node_isset(page_to_nid(page), maskp))
		FAIL("nodemask %#lx got node %d", maskp->bits, page_to_nid(page));
	if (!(gfp & (__GFP_MEMALLOC | __GFP_NOFAIL)) &&
	    !wmark_allowed(page_zone(page), &snap[page_to_nid(page)][page_zonenum(page)], gfp, order, highest))
		FAIL("gfp %#x order %u got a page from %s node %d below its watermark (free was %ld, min %lu)",
		     gfp, order, page_zone(page)->name, page_to_nid(page),
		     snap[page_to_nid(page)][page_zonenum(page)].free, min_wmark_pages(page_zone(page)));
	if (verify_new_block(page, order, gfp))
		return -1;
	for (int k = 0; k < m->nr_iso; k++) {
		unsigned long b = m->iso_pfn[k] & ~(pageblock_nr_pages - 1);

		if (page_to_pfn(page) < b + pageblock_nr_pages && page_to_pfn(page) + (1UL << order) > b)
			FAIL("block %#lx order %u overlaps isolated pageblock %#lx", page_to_pfn(page), order, b);
	}
	if (model_add(m, page_to_pfn(page), order, 1UL << order,
		      (gfp & __GFP_COMP) && order ? MK_COMP : MK_PAGES))
		return -1;
	return mmt_check_cheap(m);
}

static int op_free(struct mmt_model *m, u32 a, u32 b)
{
	struct mmt_alloc al;
	struct page *page;
	unsigned long bad = mm_bad_page_count;

	if (!m->nr_allocs)
		return 0;
	al = m->allocs[a % m->nr_allocs];
	if (model_check_tags(&al))
		return -1;
	page = pfn_to_page(al.pfn);
	model_remove(m, a % m->nr_allocs);
	switch (al.kind) {
	case MK_COMP:
		if (b & 1)
			put_page(page + (b >> 1) % al.nr);
		else
			__free_pages(page, al.order);
		break;
	case MK_EXACT:
		free_pages_exact(page_address(page), al.nr * PAGE_SIZE - (b % PAGE_SIZE));
		break;
	default:
		if ((b & 1) && !PageHighMem(page))
			free_pages((unsigned long)page_address(page), al.order);
		else if ((b & 6) == 2 && al.order == 0)
			put_page(page);
		else
			__free_pages(page, al.order);
		break;
	}
	m->frees++;
	if (mm_bad_page_count != bad)
		FAIL("a valid free of %#lx order %u was reported bad", al.pfn, al.order);
	for (unsigned long i = 0; i < al.nr; i++)
		if (page_ref_count(page + i) != 0)
			FAIL("freed page %#lx still has refcount %d", al.pfn + i, page_ref_count(page + i));
	return mmt_check_cheap(m);
}

static int op_bad_free(struct mmt_model *m, u32 a, u32 b)
{
	unsigned long bad = mm_bad_page_count, free_before = global_free_pages();
	unsigned long pcp_before = pcp_total();
	bool did = false;

	switch (a % 6) {
	case 0: {	/* double free of a block freed earlier and not handed out again */
		unsigned long pfn;

		if (!m->nr_recent)
			break;
		pfn = m->recent_freed[b % (m->nr_recent < 64 ? m->nr_recent : 64)];
		if (m->owner[pfn - mem_map_base_pfn] >= 0)
			break;
		__free_pages(pfn_to_page(pfn), 0);
		did = true;
		break;
	}
	case 1: {	/* a page inside a higher-order block */
		struct mmt_alloc *al;

		if (!m->nr_allocs)
			break;
		al = &m->allocs[b % m->nr_allocs];
		if (al->kind == MK_EXACT || al->nr < 2)
			break;
		__free_pages(pfn_to_page(al->pfn + 1 + (b >> 8) % (al->nr - 1)), 0);
		did = true;
		break;
	}
	case 2: {	/* the wrong order */
		struct mmt_alloc *al;
		unsigned int o;

		if (!m->nr_allocs)
			break;
		al = &m->allocs[b % m->nr_allocs];
		if (al->kind != MK_PAGES && al->kind != MK_COMP)
			break;
		o = (b & 0x100) || !al->order ? al->order + 1 + ((b >> 9) & 1) * 20 : al->order - 1;
		__free_pages(pfn_to_page(al->pfn), o);
		did = true;
		break;
	}
	case 3:		/* a reserved page: mem_map itself */
		__free_pages(virt_to_page(mem_map + (b % 64)), 0);
		did = true;
		break;
	case 4:		/* a pointer that is not a struct page */
		__free_pages((struct page *)((char *)mem_map + (b % mem_map_nr) * sizeof(struct page) + 8), 0);
		did = true;
		break;
	case 5:		/* free_pages of an unaligned or foreign address */
		if (b & 1)
			free_pages((unsigned long)mmt_page_mem(mem_map) + 12, 0);
		else
			free_pages(0x1000, 0);
		did = true;
		break;
	}
	if (!did)
		return 0;
	m->bad_frees++;
	if (mm_bad_page_count != bad + 1)
		FAIL("bad free kind %u: reported %lu times, want once", a % 6, mm_bad_page_count - bad);
	if (global_free_pages() != free_before || pcp_total() != pcp_before)
		FAIL("bad free kind %u changed the free counts", a % 6);
	return mmt_check_cheap(m);
}

static int op_bulk(struct mmt_model *m, u32 a, u32 b)
{
	static const gfp_t g[] = { GFP_KERNEL, GFP_ATOMIC, GFP_HIGHUSER_MOVABLE, GFP_KERNEL | __GFP_ZERO };
	struct page *arr[64] = { 0 };
	unsigned long n = 1 + b % 64, got, i;
	gfp_t gfp = g[a % 4] | __GFP_NOWARN;

	/* Some slots prefilled with a sentinel the call must leave alone. */
	if (a & 0x10)
		arr[0] = (struct page *)mem_map;
	got = alloc_pages_bulk(gfp, n, arr);
	if (got > n)
		FAIL("bulk returned %lu > %lu", got, n);
	if ((a & 0x10) && arr[0] != mem_map)
		FAIL("bulk overwrote a filled slot");
	m->bulk++;
	for (i = (a & 0x10) ? 1 : 0; i < n; i++) {
		if (i < got && !arr[i])
			FAIL("bulk: slot %lu empty but %lu reported", i, got);
		if (i >= got && arr[i])
			FAIL("bulk: slot %lu filled beyond the count %lu", i, got);
		if (!arr[i])
			continue;
		if (page_zonenum(arr[i]) > mmt_expected_highest_zone(gfp))
			FAIL("bulk page in zone %d for gfp %#x", page_zonenum(arr[i]), gfp);
		if (verify_new_block(arr[i], 0, gfp))
			return -1;
		if (model_add(m, page_to_pfn(arr[i]), 0, 1, MK_PAGES))
			return -1;
	}
	return mmt_check_cheap(m);
}

static int op_exact(struct mmt_model *m, u32 a, u32 b)
{
	size_t size = 1 + b % (20 * PAGE_SIZE);
	unsigned long nr = DIV_ROUND_UP(size, PAGE_SIZE);
	gfp_t gfp = (a & 1 ? GFP_KERNEL | __GFP_ZERO : GFP_KERNEL) | __GFP_NOWARN;
	void *p = alloc_pages_exact(size, gfp);
	struct page *page;

	if (!p)
		return mmt_check_cheap(m);
	page = virt_to_page(p);
	for (unsigned long i = 0; i < nr; i++)
		if (verify_new_block(page + i, 0, gfp & ~__GFP_COMP))
			return -1;
	for (unsigned long i = nr; i < (1UL << get_order(size)); i++)
		if (page_ref_count(page + i))
			FAIL("alloc_pages_exact kept excess page %lu", i);
	if (model_add(m, page_to_pfn(page), get_order(size), nr, MK_EXACT))
		return -1;
	return mmt_check_cheap(m);
}

static int op_ref(struct mmt_model *m, u32 a, u32 b)
{
	struct mmt_alloc *al;
	struct page *page;

	if (!m->nr_allocs)
		return 0;
	al = &m->allocs[a % m->nr_allocs];
	if (al->kind == MK_EXACT || (al->kind == MK_PAGES && al->order))
		return 0;
	page = pfn_to_page(al->pfn);
	get_page(page + (b % al->nr));
	if (page_ref_count(page) != 2)
		FAIL("get_page: refcount %d", page_ref_count(page));
	if (b & 0x100)
		put_page(page);
	else
		__free_pages(page, al->order);
	if (page_ref_count(page) != 1 || PageBuddy(page))
		FAIL("put with an extra reference freed the page");
	return mmt_check_cheap(m);
}

static int op_misc(struct mmt_model *m, u32 a, u32 b)
{
	switch (a % 7) {
	case 5: {	/* isolate a pageblock with no allocated page in it */
		int nid = (int)(b % (unsigned)cur_cfg.nodes);
		struct zone *z = &node_data[nid].node_zones[ZONE_NORMAL];
		unsigned long pfn, blk;
		bool busy = false;

		if (m->nr_iso >= 2 || !z->spanned_pages)
			break;
		pfn = z->zone_start_pfn + (b >> 8) % z->spanned_pages;
		blk = pfn & ~(pageblock_nr_pages - 1);
		if (blk < z->zone_start_pfn || blk + pageblock_nr_pages > zone_end_pfn(z))
			break;
		for (unsigned long p = blk; p < blk + pageblock_nr_pages; p++)
			if (m->owner[p - mem_map_base_pfn] >= 0)
				busy = true;
		for (int k = 0; k < m->nr_iso; k++)
			if ((m->iso_pfn[k] & ~(pageblock_nr_pages - 1)) == blk)
				busy = true;
		if (busy)
			break;
		if (isolate_pageblock(z, pfn) == 0) {
			m->isolations++;
			m->iso_zone[m->nr_iso] = z;
			m->iso_pfn[m->nr_iso++] = pfn;
		}
		break;
	}
	case 6:
		if (m->nr_iso) {
			m->nr_iso--;
			unisolate_pageblock(m->iso_zone[m->nr_iso], m->iso_pfn[m->nr_iso], MIGRATE_MOVABLE);
		}
		break;
	case 0:
		drain_all_pages(NULL);
		break;
	case 1:
		drain_local_pages(NULL);
		break;
	case 2: {	/* allocate under a NOIO scope */
		unsigned int f = memalloc_noio_save();
		int r = op_alloc(m, b, a);

		memalloc_noio_restore(f);
		return r;
	}
	case 3:
		mm_trace_enabled = !(b & 1);
		break;
	case 4: {
		/* Search the bitmap and confirm the run really is free in the lists. */
		struct zone *z = &node_data[0].node_zones[ZONE_NORMAL];
		unsigned long nr = 1 + b % 64, align = (1UL << (b % 5)) - 1, idx;

		if (!z->spanned_pages)
			break;
		idx = zone_find_free_area(z, (b >> 8) % z->spanned_pages, nr, align);
		if (idx + nr <= z->spanned_pages) {
			if (idx & align)
				FAIL("find_free_area: %#lx not aligned to %#lx", idx, align + 1);
			for (unsigned long i = 0; i < nr; i++)
				if (m->owner[z->zone_start_pfn + idx + i - mem_map_base_pfn] >= 0)
					FAIL("find_free_area returned an owned page");
		}
		break;
	}
	}
	return mmt_check_cheap(m);
}

int mmt_op(struct mmt_model *m, unsigned int op, u32 a, u32 b)
{
	m->ops++;
	switch (op % 16) {
	case 0: case 1: case 2: case 3: case 4: case 5:
		return op_alloc(m, a, b);
	case 6: case 7: case 8: case 9: case 10:
		return op_free(m, a, b);
	case 11:
		return op_bad_free(m, a, b);
	case 12:
		return op_bulk(m, a, b);
	case 13:
		return op_exact(m, a, b);
	case 14:
		return op_ref(m, a, b);
	default:
		return op_misc(m, a, b);
	}
}

int mmt_release_all(struct mmt_model *m)
{
	while (m->nr_iso) {
		m->nr_iso--;
		unisolate_pageblock(m->iso_zone[m->nr_iso], m->iso_pfn[m->nr_iso], MIGRATE_MOVABLE);
	}
	while (m->nr_allocs)
		if (op_free(m, (u32)(m->nr_allocs - 1), 0))
			return -1;
	return 0;
}
