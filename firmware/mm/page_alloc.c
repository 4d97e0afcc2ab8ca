// SPDX-License-Identifier: BSD-2-Clause
/* The zoned buddy page allocator, following Linux mm/page_alloc.c (5.x): free lists per order and
 * migratetype, splitting with expand(), coalescing in __free_one_page(), migratetype fallback with
 * pageblock stealing, the HIGHATOMIC reserve, watermarks with lowmem_reserve, per-CPU order-0 lists,
 * and __alloc_pages() with its fast path and a slow path whose reclaim/compaction/OOM steps are hooks.
 * Every function that touches a free list runs under zone->lock with interrupts off. */
#include <pagoda/string.h>
#include <pagoda/printk.h>
#include <pagoda/sched.h>
#include <pagoda/spinlock.h>
#include <pagoda/smp.h>
#include <asm/highmem.h>
#include <asm/timex.h>
#include <mm/compaction.h>
#include <mm/cpuset.h>
#include <mm/memcontrol.h>
#include <mm/mm.h>
#include <mm/shrinker.h>
#include "internal.h"

pg_data_t node_data[MAX_NUMNODES] __page_aligned_bss;
/* Read on every allocation, free or zeroing (page_zone(), page_to_pfn(), PageHighMem()). */
struct zone *mm_zone_table[MAX_NR_ZONES << NODES_SHIFT] __cache_hot_rows;
struct page *mem_map __cache_hot;
unsigned long mem_map_base_pfn __cache_hot;
unsigned long mem_map_nr __cache_hot;
unsigned long max_low_pfn __cache_hot;
int nr_online_nodes;
enum zone_type movable_zone = ZONE_NORMAL;	/* set by set_zone_boundaries() */
unsigned long totalram_pages;
unsigned long mm_bad_page_count;
unsigned long mm_bad_gfp_count;
bool mm_page_poison;
bool mm_page_owner;
bool mm_debug_checks;
int page_group_by_mobility_disabled __cache_hot;
const struct mm_slowpath_ops *mm_slowpath;
int mm_cpu_node[NR_CPUS] __cache_hot_rows;
struct zone *mm_fast_zone[MAX_NUMNODES][MAX_NR_ZONES];

/* Linux's fallback order when a type's own lists are empty. */
static const int fallbacks[MIGRATE_TYPES][2] = {
	[MIGRATE_UNMOVABLE]   = { MIGRATE_RECLAIMABLE, MIGRATE_MOVABLE },
	[MIGRATE_MOVABLE]     = { MIGRATE_RECLAIMABLE, MIGRATE_UNMOVABLE },
	[MIGRATE_RECLAIMABLE] = { MIGRATE_UNMOVABLE, MIGRATE_MOVABLE },
};

void mm_page_alloc_reset(void)
{
	memset(node_data, 0, sizeof(node_data));
	for (int n = 0; n < MAX_NUMNODES; n++)
		for (int z = 0; z < MAX_NR_ZONES; z++)
			mm_zone_table[(z << NODES_SHIFT) | n] = &node_data[n].node_zones[z];
	nr_online_nodes = 0;
	mem_map = NULL;
	mem_map_base_pfn = mem_map_nr = max_low_pfn = totalram_pages = 0;
	mm_bad_page_count = 0;
	mm_bad_gfp_count = 0;
	mm_page_poison = mm_page_owner = mm_debug_checks = false;
	page_group_by_mobility_disabled = 0;
	mm_slowpath = NULL;
	memset(mm_cpu_node, 0, sizeof(mm_cpu_node));
	memset(mm_fast_zone, 0, sizeof(mm_fast_zone));
	mm_update_fastpath();	/* no zones, no mem_map: every fast-path table empty */
	current->flags &= ~(PF_MEMALLOC | PF_MEMALLOC_NOIO | PF_MEMALLOC_NOFS);
	compaction_reset();
	pagecache_reset();
	mem_cgroup_reset();
	cpuset_reset();
}

void mm_register_slowpath_ops(const struct mm_slowpath_ops *ops) { mm_slowpath = ops; }

int cpu_to_node(unsigned int cpu) { return cpu < NR_CPUS ? mm_cpu_node[cpu] : 0; }
int numa_node_id(void) { return cpu_to_node(smp_processor_id()); }

void mm_set_cpu_node(unsigned int cpu, int nid)
{
	if (cpu >= NR_CPUS || nid < 0 || nid >= MAX_NUMNODES || !node_data[nid].online) {
		pr_warn("mm: cpu %u -> node %d ignored (no such cpu or node)\n", cpu, nid);
		return;
	}
	mm_cpu_node[cpu] = nid;
	mm_update_fastpath();	/* the hart's fast-path zones follow its node */
}

/* ---------------------------------------------------------------- free bitmap search */

/* The free bitmap has 1 for a free page: the search is for runs of set bits. */
static const struct mm_scan_ops sw_scan_ops = { "software", bitmap_find_next_set_area };
static const struct mm_scan_ops *scan_ops = &sw_scan_ops;

void mm_register_scan_ops(const struct mm_scan_ops *ops)
{
	scan_ops = ops && ops->find_free_area ? ops : &sw_scan_ops;
}

unsigned long zone_find_free_area(struct zone *zone, unsigned long start, unsigned long nr,
				  unsigned long align_mask)
{
	unsigned long flags, ret;

	if (!zone || !zone->free_bitmap) {
		pr_err("zone_find_free_area: no such zone\n");
		return ~0UL;
	}
	if (align_mask & (align_mask + 1)) {
		pr_err("zone_find_free_area: align_mask %lx is not 2^n-1\n", align_mask);
		return ~0UL;
	}
	spin_lock_irqsave(&zone->lock, flags);
	ret = scan_ops->find_free_area(zone->free_bitmap, zone->spanned_pages, start, nr, align_mask);
	spin_unlock_irqrestore(&zone->lock, flags);
	return ret;
}

/* ---------------------------------------------------------------- pageblocks */

int get_pageblock_migratetype(const struct page *page)
{
	return get_pfnblock_migratetype(page_zone(page), page_to_pfn(page));
}

void set_pageblock_migratetype(struct page *page, int mt)
{
	struct zone *z = page_zone(page);
	unsigned long pfn = page_to_pfn(page);

	if (page_group_by_mobility_disabled && mt < MIGRATE_PCPTYPES)
		mt = MIGRATE_UNMOVABLE;
	mm_store_relaxed(&z->pageblock_mt[(pfn - ALIGN_DOWN(z->zone_start_pfn, pageblock_nr_pages)) >>
					  pageblock_order], (u8)mt);
}

/* ---------------------------------------------------------------- free lists */

/* A free block's order in page->private: compaction's scanners read it without the zone lock
 * (as Linux's buddy_order_unsafe()), so it is written as a relaxed atomic, never torn. */
static inline void set_buddy_order(struct page *page, unsigned int order)
{
	mm_store_relaxed(&page->private, order);
	SetPageBuddy(page);
}

static inline void add_to_free_list(struct page *page, struct zone *zone, unsigned int order,
				    int mt, bool tail)
{
	struct free_area *area = &zone->free_area[order];

	if (tail)
		list_add_tail(&page->lru, &area->free_list[mt]);
	else
		list_add(&page->lru, &area->free_list[mt]);
	page->list_mt = (u8)mt;
	mm_store_relaxed(&area->nr_free, area->nr_free + 1);
	mm_store_relaxed(&area->nr_free_mt[mt], area->nr_free_mt[mt] + 1);
}

static inline void del_page_from_free_list(struct page *page, struct zone *zone, unsigned int order)
{
	struct free_area *area = &zone->free_area[order];

	list_del(&page->lru);
	__ClearPageBuddy(page);
	mm_store_relaxed(&page->private, 0);	/* see set_buddy_order() */
	mm_store_relaxed(&area->nr_free, area->nr_free - 1);
	mm_store_relaxed(&area->nr_free_mt[page->list_mt], area->nr_free_mt[page->list_mt] - 1);
}

static inline void move_to_free_list(struct page *page, struct zone *zone, unsigned int order, int mt)
{
	struct free_area *area = &zone->free_area[order];

	list_move_tail(&page->lru, &area->free_list[mt]);
	mm_store_relaxed(&area->nr_free_mt[page->list_mt], area->nr_free_mt[page->list_mt] - 1);
	mm_store_relaxed(&area->nr_free_mt[mt], area->nr_free_mt[mt] + 1);
	page->list_mt = (u8)mt;
}

/* NR_FREE_PAGES / NR_FREE_CMA_PAGES and the free bitmap for pages entering (+) or leaving (-) the
 * buddy lists on list type mt. Only pages that really change state are touched: a split or a merge
 * moves pages between lists but leaves them free. Pages on the ISOLATE lists are in the bitmap (they
 * are in the free lists) but, as in Linux, not in NR_FREE_PAGES: nobody can allocate them. */
static void account_free_range(struct zone *zone, unsigned long pfn, unsigned long nr, int sign,
			       int mt)
{
	unsigned long off = pfn - zone->zone_start_pfn;

	if (sign > 0)
		bitmap_set(zone->free_bitmap, off, nr);
	else
		bitmap_clear(zone->free_bitmap, off, nr);
	if (unlikely(is_migrate_isolate(mt)))
		return;
	__mod_zone_page_state(zone, NR_FREE_PAGES, (long)sign * (long)nr);
	if (unlikely(zone->cma_pages)) {
		unsigned long p = pfn, end = pfn + nr;

		while (p < end) {
			unsigned long blk_end = min(ALIGN(p + 1, pageblock_nr_pages), end);

			if (is_migrate_cma(get_pfnblock_migratetype(zone, p)))
				__mod_zone_page_state(zone, NR_FREE_CMA_PAGES, (long)sign * (long)(blk_end - p));
			p = blk_end;
		}
	}
}

static inline bool page_is_buddy(struct zone *zone, struct page *buddy, unsigned long buddy_pfn,
				 unsigned int order)
{
	if (!zone_spans_pfn(zone, buddy_pfn))
		return false;
	if (!PageBuddy(buddy) || buddy->private != order)
		return false;
	/* Same zone: holes and other nodes' pages never carry PG_buddy of this zone. */
	return page_zone(buddy) == zone;
}

/* Free a block of 2^order pages and merge it with its free buddies as far as possible. */
void __free_one_page(struct page *page, unsigned long pfn, struct zone *zone, unsigned int order,
		     int mt, bool to_tail)
{
	unsigned long buddy_pfn, combined_pfn;
	struct page *buddy;

	account_free_range(zone, pfn, 1UL << order, +1, mt);
	while (order < MAX_ORDER - 1) {
		buddy_pfn = pfn ^ (1UL << order);
		buddy = page + ((long)buddy_pfn - (long)pfn);
		if (!page_is_buddy(zone, buddy, buddy_pfn, order))
			break;
		if (unlikely(order >= pageblock_order)) {
			/* Across pageblocks, HIGHATOMIC, CMA and ISOLATE blocks only merge with their
			 * own kind (Linux migratetype_is_mergeable): otherwise their free pages would
			 * end up on another type's list and escape the reserve/isolation. */
			int bmt = get_pfnblock_migratetype(zone, buddy_pfn);
			int pmt = get_pfnblock_migratetype(zone, pfn);

			if (bmt != pmt && (bmt >= MIGRATE_PCPTYPES || pmt >= MIGRATE_PCPTYPES))
				break;
		}
		del_page_from_free_list(buddy, zone, order);
		combined_pfn = buddy_pfn & pfn;
		page = page + ((long)combined_pfn - (long)pfn);
		pfn = combined_pfn;
		order++;
	}
	set_buddy_order(page, order);
	/* If the next-larger buddy is free, this block is likely to merge soon: put it at the tail
	 * so allocations take other blocks first (Linux buddy_merge_likely). */
	if (!to_tail && order < MAX_ORDER - 2) {
		unsigned long higher = (pfn & ~((2UL << order) - 1)) ^ (2UL << order);

		if (zone_spans_pfn(zone, higher) && PageBuddy(pfn_to_page(higher)))
			to_tail = true;
	}
	add_to_free_list(page, zone, order, mt, to_tail);
}

/* Split a block of order `high` down to `low`, returning the upper halves to the free lists. */
static inline void expand(struct zone *zone, struct page *page, unsigned int low, unsigned int high,
			  int mt)
{
	unsigned long size = 1UL << high;

	while (high > low) {
		high--;
		size >>= 1;
		add_to_free_list(&page[size], zone, high, mt, false);
		set_buddy_order(&page[size], high);
	}
}

static struct page *__rmqueue_smallest(struct zone *zone, unsigned int order, int mt)
{
	unsigned int current_order;

	for (current_order = order; current_order < MAX_ORDER; current_order++) {
		struct free_area *area = &zone->free_area[current_order];
		struct page *page;

		if (list_empty(&area->free_list[mt]))
			continue;
		page = list_first_entry(&area->free_list[mt], struct page, lru);
		del_page_from_free_list(page, zone, current_order);
		expand(zone, page, order, current_order, mt);
		page->list_mt = (u8)mt;
		return page;
	}
	return NULL;
}

/* Move the free blocks of page's pageblock to mt's lists. Returns the number of pages moved. */
static unsigned long move_freepages_block(struct zone *zone, struct page *page, int mt)
{
	unsigned long pfn = ALIGN_DOWN(page_to_pfn(page), pageblock_nr_pages);
	unsigned long end = pfn + pageblock_nr_pages, moved = 0;

	if (pfn < zone->zone_start_pfn)
		pfn = zone->zone_start_pfn;
	if (end > zone_end_pfn(zone))
		end = zone_end_pfn(zone);
	while (pfn < end) {
		struct page *p = pfn_to_page(pfn);
		unsigned int order;

		if (!PageBuddy(p) || page_zone(p) != zone) {
			pfn++;
			continue;
		}
		order = (unsigned int)p->private;
		move_to_free_list(p, zone, order, mt);
		pfn += 1UL << order;
		moved += 1UL << order;
	}
	return moved;
}

static void change_pageblock_range(struct page *page, unsigned int order, int mt)
{
	unsigned long nr = 1UL << order;

	while (nr >= pageblock_nr_pages) {
		set_pageblock_migratetype(page, mt);
		page += pageblock_nr_pages;
		nr -= pageblock_nr_pages;
	}
	if (nr)
		set_pageblock_migratetype(page, mt);
}

static bool can_steal_fallback(unsigned int order, int start_mt)
{
	if (order >= pageblock_order)
		return true;
	/* Unmovable and reclaimable requests claim the block eagerly to keep their kind together;
	 * movable ones only for larger orders (Linux's policy). */
	return order >= pageblock_order / 2 || start_mt == MIGRATE_RECLAIMABLE ||
	       start_mt == MIGRATE_UNMOVABLE || page_group_by_mobility_disabled;
}

static int find_suitable_fallback(struct free_area *area, unsigned int order, int mt,
				  bool *can_steal)
{
	int i;

	if (!area->nr_free)
		return -1;
	for (i = 0; i < 2; i++) {
		int fmt = fallbacks[mt][i];

		if (list_empty(&area->free_list[fmt]))
			continue;
		*can_steal = can_steal_fallback(order, mt);
		return fmt;
	}
	return -1;
}

/* Take the free block `page` (order current_order, on a fallback list) for start_mt, claiming its
 * whole pageblock when allowed and at least half of the block is free. Linux also counts in-use
 * pages of a compatible type ("alike" pages); Pagoda can't tell those apart, so it counts free
 * pages only, which claims blocks a little less eagerly. */
static void steal_suitable_fallback(struct zone *zone, struct page *page, unsigned int current_order,
				    int start_mt, bool whole_block)
{
	int old = get_pageblock_migratetype(page);
	unsigned long free_pages;

	if (is_migrate_highatomic(old))
		goto single_page;
	if (current_order >= pageblock_order) {
		change_pageblock_range(page, current_order, start_mt);
		goto single_page;
	}
	if (!whole_block)
		goto single_page;
	free_pages = move_freepages_block(zone, page, start_mt);
	if (free_pages >= (1UL << (pageblock_order - 1)) || page_group_by_mobility_disabled)
		set_pageblock_migratetype(page, start_mt);
	return;
single_page:
	move_to_free_list(page, zone, current_order, start_mt);
}

static bool __rmqueue_fallback(struct zone *zone, int order, int start_mt)
{
	struct free_area *area;
	int current_order, fmt = -1;
	bool can_steal = false;
	struct page *page;

	/* Steal the largest block first: fewer, bigger steals keep types apart. */
	for (current_order = MAX_ORDER - 1; current_order >= order; current_order--) {
		area = &zone->free_area[current_order];
		fmt = find_suitable_fallback(area, (unsigned int)current_order, start_mt, &can_steal);
		if (fmt == -1)
			continue;
		/* A movable request that can't claim the block would only split a big block for
		 * nothing: take the smallest suitable one instead. */
		if (!can_steal && start_mt == MIGRATE_MOVABLE && current_order > order)
			goto find_smallest;
		goto do_steal;
	}
	return false;
find_smallest:
	for (current_order = order; current_order < MAX_ORDER; current_order++) {
		area = &zone->free_area[current_order];
		fmt = find_suitable_fallback(area, (unsigned int)current_order, start_mt, &can_steal);
		if (fmt != -1)
			break;
	}
	if (fmt == -1)
		return false;
do_steal:
	page = list_first_entry(&area->free_list[fmt], struct page, lru);
	steal_suitable_fallback(zone, page, (unsigned int)current_order, start_mt, can_steal);
	__count_vm_event(PGALLOC_FALLBACK);
	return true;
}

static struct page *__rmqueue(struct zone *zone, unsigned int order, int mt,
			      unsigned int alloc_flags)
{
	struct page *page;

	/* Balance movable allocations between CMA and the rest, as Linux does, so CMA isn't left
	 * untouched while the zone runs low. */
	if ((alloc_flags & ALLOC_CMA) && zone->cma_pages &&
	    zone_page_state(zone, NR_FREE_CMA_PAGES) > zone_page_state(zone, NR_FREE_PAGES) / 2) {
		page = __rmqueue_smallest(zone, order, MIGRATE_CMA);
		if (page)
			return page;
	}
retry:
	page = __rmqueue_smallest(zone, order, mt);
	if (unlikely(!page)) {
		if ((alloc_flags & ALLOC_CMA) && zone->cma_pages)
			page = __rmqueue_smallest(zone, order, MIGRATE_CMA);
		if (!page && __rmqueue_fallback(zone, (int)order, mt))
			goto retry;
	}
	return page;
}

/* Pages leaving the buddy lists for a caller or a per-CPU list. */
static inline void rmqueue_account(struct zone *zone, struct page *page, unsigned int order)
{
	account_free_range(zone, page_to_pfn(page), 1UL << order, -1, page->list_mt);
}

/* ---------------------------------------------------------------- per-CPU lists */

static int rmqueue_bulk(struct zone *zone, unsigned int order, int count, struct list_head *list,
			int mt, unsigned int alloc_flags)
{
	unsigned long flags;
	int i, got = 0;

	spin_lock_irqsave(&zone->lock, flags);
	for (i = 0; i < count; i++) {
		struct page *page = __rmqueue(zone, order, mt, alloc_flags);

		if (unlikely(!page))
			break;
		rmqueue_account(zone, page, order);
		list_add_tail(&page->lru, list);
		got++;
	}
	spin_unlock_irqrestore(&zone->lock, flags);
	__count_vm_event(PCP_REFILL);
	return got;
}

/* One page of a per-CPU list to the buddy lists. zone->lock held. list_mt remembers the
 * pageblock type at free time (HIGHATOMIC and CMA pages ride on the movable list); an isolated
 * block must get its pages back on ISOLATE. */
static void pcp_free_one(struct zone *zone, struct page *page)
{
	int pmt = page->list_mt;
	int bmt = get_pfnblock_migratetype(zone, page_to_pfn(page));

	if (is_migrate_isolate(bmt))
		pmt = bmt;
	__free_one_page(page, page_to_pfn(page), zone, 0, pmt, false);
}

/* Return `count` pages from a per-CPU list set to the buddy lists, round-robin over the types and
 * from the cold (tail) end. Caller holds pcp->lock. */
static void free_pcppages_bulk(struct zone *zone, int count, struct per_cpu_pages *pcp)
{
	unsigned long flags;
	int mt = 0;

	if (count > pcp->count)
		count = pcp->count;
	spin_lock_irqsave(&zone->lock, flags);
	while (count > 0) {
		struct list_head *list;
		struct page *page;
		int tries = 0;

		do {
			mt = (mt + 1) % MIGRATE_PCPTYPES;
			list = &pcp->lists[mt];
		} while (list_empty(list) && ++tries <= MIGRATE_PCPTYPES);
		if (list_empty(list))
			break;
		page = list_last_entry(list, struct page, lru);
		list_del(&page->lru);
		pcp->count--;
		count--;
		pcp_free_one(zone, page);
	}
	spin_unlock_irqrestore(&zone->lock, flags);
	__count_vm_event(PCP_DRAIN);
}

/* Every page of `list` (pre-zeroed order-0 pages of `zone`, refcount 0, nobody's) back to the
 * buddy lists, under one zone lock. */
void mm_free_zeroed_list(struct zone *zone, struct list_head *list)
{
	unsigned long flags;

	spin_lock_irqsave(&zone->lock, flags);
	while (!list_empty(list)) {
		struct page *page = list_first_entry(list, struct page, lru);

		list_del(&page->lru);
		pcp_free_one(zone, page);
	}
	spin_unlock_irqrestore(&zone->lock, flags);
}

unsigned int mm_pcp_zeroed_count(const struct per_cpu_pages *pcp)
{
	unsigned int n = 0;

	if (!pcp->zeroed_stashed)
		return 0;	/* never longer than stashed (mm_verify checks it); maybe no list yet */
	for (const struct list_head *pos = pcp->zeroed.next; pos != &pcp->zeroed; pos = pos->next)
		n++;
	return n;
}

/* The pops since the last refill or drain into zeroed_alloc, `left` pages still listed. */
static void zeroed_settle(struct per_cpu_pages *pcp, unsigned int left)
{
	pcp->zeroed_alloc += (unsigned long)pcp->zeroed_stashed - left;
	pcp->zeroed_stashed = (int)left;
}

/* A hart's zeroed list back to the buddy lists. pcp->lock held. */
static void drain_zeroed_pcp(struct zone *zone, struct per_cpu_pages *pcp)
{
	if (!pcp->zeroed_stashed)
		return;		/* nothing listed */
	zeroed_settle(pcp, mm_pcp_zeroed_count(pcp));
	if (!pcp->zeroed_stashed)
		return;
	mm_free_zeroed_list(zone, &pcp->zeroed);
	pcp->zeroed_stashed = 0;
}

static void drain_pages_zone(unsigned int cpu, struct zone *zone)
{
	struct per_cpu_pages *pcp = &zone->pcp[cpu];

	/* From an interrupt handler whose own hart holds the lists: left for a later drain. */
	if (!pcp_lock(pcp, cpu))
		return;
	if (pcp->count)
		free_pcppages_bulk(zone, pcp->count, pcp);
	drain_zeroed_pcp(zone, pcp);
	spin_unlock(&pcp->lock);
}

static void drain_pages(unsigned int cpu, struct zone *zone)
{
	int nid, z;

	if (zone) {
		drain_pages_zone(cpu, zone);
		return;
	}
	for (nid = 0; nid < MAX_NUMNODES; nid++) {
		if (!node_data[nid].online)
			continue;
		for (z = 0; z < MAX_NR_ZONES; z++)
			if (managed_zone(&node_data[nid].node_zones[z]))
				drain_pages_zone(cpu, &node_data[nid].node_zones[z]);
	}
}

void drain_local_pages(struct zone *zone) { drain_pages(smp_processor_id(), zone); }

/* One hart drains every hart's lists directly under their locks (Linux 6.x drains remotely the
 * same way), so no IPI is needed. */
/* The zeroing ops (defined with the zeroing code below); drain_all_pages() releases captured pages. */
static const struct mm_zero_ops *zero_ops __cache_hot;
bool mm_capture_wanted __cache_hot;

/* Bumped by mm_drain_zeroed_lists(): a refill that read another value before it called the
 * driver gives its pages back instead of stashing them after the drain passed its hart. */
static unsigned long zeroed_gen __cache_hot;

/* The managed zone after `z` (the first when NULL), node by node, or NULL. */
static struct zone *next_managed_zone(struct zone *z)
{
	int nid = z ? z->node : 0, zi = z ? (int)z->idx + 1 : 0;

	for (; nid < MAX_NUMNODES; nid++, zi = 0) {
		if (!node_data[nid].online)
			continue;
		for (; zi < MAX_NR_ZONES; zi++)
			if (managed_zone(&node_data[nid].node_zones[zi]))
				return &node_data[nid].node_zones[zi];
	}
	return NULL;
}

void mm_drain_zeroed_lists(void)
{
	if (!mem_map)
		return;
	__atomic_add_fetch(&zeroed_gen, 1, __ATOMIC_SEQ_CST);
	for (struct zone *zone = next_managed_zone(NULL); zone; zone = next_managed_zone(zone)) {
		for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
			struct per_cpu_pages *pcp = &zone->pcp[cpu];

			if (!pcp_lock(pcp, cpu))
				continue;	/* an interrupt handler on a hart whose lists are held */
			drain_zeroed_pcp(zone, pcp);
			spin_unlock(&pcp->lock);
		}
	}
}

/* The settled count plus each list's pops since its last refill, read under the list's lock (from
 * an interrupt handler whose hart holds its lists: that hart's settled count only). */
unsigned long mm_zeroed_list_allocs(void)
{
	unsigned long n = 0;

	if (!mem_map)
		return 0;
	for (struct zone *zone = next_managed_zone(NULL); zone; zone = next_managed_zone(zone)) {
		for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
			struct per_cpu_pages *pcp = &zone->pcp[cpu];

			if (!pcp_lock(pcp, cpu)) {
				n += READ_ONCE(pcp->zeroed_alloc);
				continue;
			}
			n += pcp->zeroed_alloc + (unsigned long)pcp->zeroed_stashed -
			     mm_pcp_zeroed_count(pcp);
			spin_unlock(&pcp->lock);
		}
	}
	return n;
}

void drain_all_pages(struct zone *zone)
{
	unsigned int cpu;

	/* Captured (pre-zeroed) pages first: they come back through the per-CPU lists. */
	if (zero_ops->release)
		zero_ops->release();
	for (cpu = 0; cpu < NR_CPUS; cpu++)
		drain_pages(cpu, zone);
}

/* ---------------------------------------------------------------- page checks */

void bad_page(const struct page *page, const char *reason, unsigned long caller)
{
	static unsigned long reported;

	__atomic_add_fetch(&mm_bad_page_count, 1, __ATOMIC_RELAXED);
	__count_vm_event(BAD_PAGE_EVENTS);
	/* Keep the console usable when something floods us (Linux rate-limits the same way). */
	if (reported++ >= 64 && (reported & 1023))
		return;
	if (page && page_in_mem_map(page))
		printk("BUG: Bad page state: pfn:%#lx refcount:%d flags:%#lx order:%u: %s (caller %#lx)\n",
		       page_to_pfn(page), page_ref_count(page), page->flags & PAGEFLAGS_MASK,
		       page->alloc_order, reason, caller);
	else
		printk("BUG: Bad page: %p is not a struct page: %s (caller %#lx)\n", (const void *)page,
		       reason, caller);
}

static bool check_new_page(struct page *page)
{
	if (likely(!(page_flags_read(&page->flags) & PAGE_FLAGS_CHECK_AT_PREP) && page_ref_count(page) == 0 &&
		   !PageTail(page)))
		return false;
	bad_page(page, "bad page state on allocation (free page was modified)", 0);
	return true;
}

static void kernel_poison_pages(struct page *page, unsigned int nr)
{
	unsigned int i;

	mm_fill_pages(page, nr, PAGE_POISON);
	for (i = 0; i < nr; i++)
		SetPagePoisoned(page + i);
}

/* Word-wise, as Linux's memchr_inv(): a byte loop costs ~16k cycles a page, which made the
 * poisoned self-tests that fill all of memory run for billions of cycles. Pages are aligned. */
static bool page_poison_intact(const u64 *p)
{
	const u64 pattern = 0x0101010101010101ULL * PAGE_POISON;

	for (size_t w = 0; w < PAGE_SIZE / sizeof(u64); w++)
		if (p[w] != pattern)
			return false;
	return true;
}

/* Verify the free-time pattern; a mismatch means someone wrote to a free page. */
static void kernel_unpoison_pages(struct page *page, unsigned int nr)
{
	unsigned int i;

	for (i = 0; i < nr; i++) {
		const u64 *p;
		bool intact;

		if (!PagePoisoned(page + i))
			continue;
		__ClearPagePoisoned(page + i);
		p = kmap_local_pfn(page_to_pfn(page + i));
		intact = page_poison_intact(p);
		kunmap_local((void *)p);
		if (!intact)
			bad_page(page + i, "poison overwritten: use after free", 0);
	}
}

/* ---------------------------------------------------------------- zeroing */

/* The CPU path: clear_page() per page, which is a cbo.zero loop when the DT offers Zicboz (as
 * Linux's); HIGHMEM is outside the Sv39 direct map, so the arch goes through kmap_local. */
void mm_sw_zero_pages(struct page *page, unsigned int order)
{
	clear_phys_pages(page_to_phys(page), 1UL << order);
}

static const struct mm_zero_ops sw_zero_ops = { "software", mm_sw_zero_pages, NULL, NULL, NULL, NULL,
						NULL };
static const struct mm_zero_ops *zero_ops __cache_hot = &sw_zero_ops;

void mm_register_zero_ops(const struct mm_zero_ops *ops)
{
	zero_ops = ops && ops->zero_pages ? ops : &sw_zero_ops;
	mm_drain_zeroed_lists();	/* the old driver's pages */
}

void mm_zero_pages(struct page *page, unsigned int order) { zero_ops->zero_pages(page, order); }

/* Page poisoning's fill goes through the same ops, so an engine can take it too. */
void mm_fill_pages(struct page *page, unsigned long nr, u8 byte)
{
	const struct mm_zero_ops *ops = READ_ONCE(zero_ops);

	if (ops->fill_pages)
		ops->fill_pages(page, nr, byte);
	else
		memset_phys(page_to_phys(page), byte, nr * PAGE_SIZE);
}

/* ---------------------------------------------------------------- prep / free prepare */

static void prep_compound_page(struct page *page, unsigned int order)
{
	unsigned long i, nr = 1UL << order;

	SetPageHead(page);
	for (i = 1; i < nr; i++) {
		page[i].compound_head = (unsigned long)page | 1;
		page[i].compound_order = 0;
	}
	page[1].compound_order = order;
}

/* __alloc_pages_bulk() repeats the order-0 part for its plain case: keep the two in step. */
static void prep_new_page(struct page *page, unsigned int order, gfp_t gfp, unsigned long caller)
{
	unsigned long nr = 1UL << order;

	if (unlikely(mm_page_poison))
		kernel_unpoison_pages(page, (unsigned int)nr);
	page->private = 0;
	page->alloc_order = (u8)order;
	set_page_count(page, 1);
	if (gfp & __GFP_ZERO)
		mm_zero_pages(page, order);
	if ((gfp & __GFP_COMP) && order)
		prep_compound_page(page, order);
	if (unlikely(mm_page_owner) && page_owner_map) {
		struct page_owner *po = &page_owner_map[page_to_pfn(page) - mem_map_base_pfn];

		po->caller = caller;
		po->ts = get_time();
		po->gfp = gfp;
		po->order = (u8)order;
		po->cpu = (u8)smp_processor_id();
		po->valid = 1;
	}
}

/* Called on the block being freed; returns false (and leaves the page alone) if it is bad. */
static bool free_pages_prepare(struct page *page, unsigned int order, unsigned long caller)
{
	unsigned long i, nr = 1UL << order;

	if (PageHead(page)) {
		if (page[1].compound_order != order) {
			bad_page(page, "compound page freed with the wrong order", caller);
			return false;
		}
		for (i = 1; i < nr; i++) {
			if (compound_head(page + i) != page) {
				bad_page(page + i, "corrupted compound tail", caller);
				return false;
			}
		}
		for (i = 1; i < nr; i++) {
			page[i].compound_head = 0;
			page[i].compound_order = 0;
		}
		__ClearPageHead(page);
	}
	if (unlikely(page_flags_read(&page->flags) & PAGE_FLAGS_CHECK_AT_FREE)) {
		bad_page(page, "page still has flags set at free", caller);
		return false;
	}
	/* Linux: if (memcg_kmem_enabled() && PageMemcgKmem(page)) __memcg_kmem_uncharge_page().
	 * The PG bit sends every such page here (the fast frees decline it), so no key test. */
	if (unlikely(page_flags_read(&page->flags) & (1UL << PG_memcg_kmem)))
		__memcg_kmem_uncharge_page(page, order);
	page_flags_write(&page->flags, page_flags_read(&page->flags) & ~PAGEFLAGS_MASK);
	page->private = 0;
	page->alloc_order = 0;
	if (unlikely(mm_page_owner) && page_owner_map)
		page_owner_map[page_to_pfn(page) - mem_map_base_pfn].valid = 0;
	if (unlikely(mm_page_poison))
		kernel_poison_pages(page, (unsigned int)nr);
	return true;
}

/* ---------------------------------------------------------------- free */

static void free_one_page(struct zone *zone, struct page *page, unsigned long pfn,
			  unsigned int order, int mt)
{
	unsigned long flags;

	spin_lock_irqsave(&zone->lock, flags);
	if (unlikely(is_migrate_isolate(get_pfnblock_migratetype(zone, pfn))))
		mt = MIGRATE_ISOLATE;
	__free_one_page(page, pfn, zone, order, mt, false);
	spin_unlock_irqrestore(&zone->lock, flags);
}

static void free_unref_page(struct page *page)
{
	unsigned long pfn = page_to_pfn(page);
	struct zone *zone = page_zone(page);
	unsigned int cpu = smp_processor_id();
	struct per_cpu_pages *pcp = &zone->pcp[cpu];
	int mt = get_pfnblock_migratetype(zone, pfn);
	int list_mt = mt;

	if (unlikely(mt >= MIGRATE_PCPTYPES)) {
		if (unlikely(is_migrate_isolate(mt))) {
			free_one_page(zone, page, pfn, 0, mt);
			return;
		}
		list_mt = MIGRATE_MOVABLE;
	}
	if (unlikely(!pcp_lock(pcp, cpu))) {
		free_one_page(zone, page, pfn, 0, mt);
		return;
	}
	page->list_mt = (u8)mt;
	list_add(&page->lru, &pcp->lists[list_mt]);
	pcp->count++;
	if (unlikely(pcp->count >= pcp->high))
		free_pcppages_bulk(zone, pcp->batch, pcp);
	spin_unlock(&pcp->lock);
}

static void __free_pages_ok(struct page *page, unsigned int order)
{
	unsigned long pfn = page_to_pfn(page);
	struct zone *zone = page_zone(page);

	free_one_page(zone, page, pfn, order, get_pfnblock_migratetype(zone, pfn));
}

/* A freed block of order > 0 offered to the pre-zero pool (see struct mm_zero_ops). */
static bool capture_free_block(struct page *page, unsigned int order)
{
	struct zone *zone = page_zone(page);

	return zero_ops->capture_free && !mm_page_poison &&
	       get_pfnblock_migratetype(zone, page_to_pfn(page)) == MIGRATE_UNMOVABLE &&
	       zero_ops->capture_free(zone, page, order);
}

static void free_the_page(struct page *page, unsigned int order, unsigned long caller)
{
	if (!free_pages_prepare(page, order, caller)) {
		/* Leave it allocated (leaked) rather than corrupt the lists: restore the count. */
		set_page_count(page, 1);
		return;
	}
	if (unlikely(mm_trace_enabled))
		mm_trace_record(TRACE_MM_PAGE_FREE, page, order, 0, 0, caller);
	count_vm_events_this(PGFREE, 1UL << order);
	if (order == 0)
		free_unref_page(page);
	else if (!capture_free_block(page, order))
		__free_pages_ok(page, order);
}

/* The head of an allocated block covering pfn, for reporting a free of a page inside it. */
static struct page *find_alloc_head(unsigned long pfn, unsigned int *order)
{
	unsigned int o;

	for (o = 1; o < MAX_ORDER; o++) {
		unsigned long hpfn = pfn & ~((1UL << o) - 1);
		struct page *h;

		if (!pfn_valid(hpfn) || hpfn == pfn)
			continue;
		h = pfn_to_page(hpfn);
		if (page_ref_count(h) > 0 && !PageReserved(h) && h->alloc_order >= o &&
		    page_zone(h) == page_zone(pfn_to_page(pfn))) {
			*order = h->alloc_order;
			return h;
		}
	}
	return NULL;
}

/* Screen a free request; every rejected request is reported and changes nothing. */
static bool free_request_ok(struct page *page, unsigned int order, unsigned long caller)
{
	struct page *head;
	unsigned int horder;

	if (unlikely(!page_in_mem_map(page))) {
		bad_page(page, "free of an address outside mem_map", caller);
		return false;
	}
	if (unlikely(PageReserved(page))) {
		bad_page(page, "free of a reserved page", caller);
		return false;
	}
	if (unlikely(PageTail(page))) {
		bad_page(page, "free of a tail page of a compound page", caller);
		return false;
	}
	if (unlikely(PageBuddy(page))) {
		bad_page(page, "double free: page is already in the buddy free lists", caller);
		return false;
	}
	if (unlikely(page_ref_count(page) <= 0)) {
		head = find_alloc_head(page_to_pfn(page), &horder);
		if (head) {
			bad_page(page, "free of a page inside a higher-order allocation", caller);
			printk("  (allocated block starts at pfn %#lx, order %u)\n", page_to_pfn(head), horder);
		} else {
			bad_page(page, "free of a page that is not allocated (refcount 0: double free?)", caller);
		}
		return false;
	}
	if (unlikely(order >= MAX_ORDER || order != page->alloc_order)) {
		bad_page(page, "free with the wrong order", caller);
		printk("  (allocated with order %u, freed with order %u)\n", page->alloc_order, order);
		return false;
	}
	return true;
}

/* Drop one reference; true when it was the last. A count that is already 0 (a concurrent double
 * free lost the race) is reported and left untouched: compare-and-swap never takes it negative. */
static inline bool put_page_testzero_checked(struct page *page, unsigned long caller)
{
	int old = page_ref_count(page);

	do {
		if (unlikely(old <= 0)) {
			bad_page(page, "refcount underflow (concurrent double free)", caller);
			return false;
		}
	} while (!__atomic_compare_exchange_n(&page->_refcount, &old, old - 1, false, __ATOMIC_ACQ_REL,
					      __ATOMIC_RELAXED));
	return old == 1;
}

static void free_pages_caller(struct page *page, unsigned int order, unsigned long caller)
{
	if (!free_request_ok(page, order, caller))
		return;
	if (put_page_testzero_checked(page, caller)) {
		free_the_page(page, order, caller);
	} else if (!PageHead(page) && page_ref_count(page) > 0) {
		/* Someone else holds a reference to the first page (get_page): as Linux does, free
		 * the rest of a non-compound block now; the first page goes with the last put. The
		 * block's kernel-memory charge goes now, whole: the first page is freed as order 0. */
		if (unlikely(PageMemcgKmem(page)))
			__memcg_kmem_uncharge_page(page, order);
		page->alloc_order = 0;
		while (order-- > 0) {
			struct page *p = page + (1UL << order);

			set_page_count(p, 1);
			p->alloc_order = (u8)order;
			if (put_page_testzero_checked(p, caller))
				free_the_page(p, order, caller);
		}
	}
}

void free_pages(unsigned long addr, unsigned int order)
{
	if (!addr)
		return;
	if (!virt_addr_valid((void *)addr) || !IS_ALIGNED(addr, PAGE_SIZE)) {
		bad_page(NULL, "free_pages of an address that is not a page in the direct map", _RET_IP_);
		return;
	}
	free_pages_caller(virt_to_page((void *)addr), order, _RET_IP_);
}

void get_page(struct page *page)
{
	if (!page_in_mem_map(page)) {
		bad_page(NULL, "get_page of something that is not a struct page", _RET_IP_);
		return;
	}
	page = compound_head(page);
	if (WARN_ON(page_ref_count(page) <= 0))
		return;
	__atomic_add_fetch(&page->_refcount, 1, __ATOMIC_RELAXED);
}

void put_page(struct page *page)
{
	unsigned long caller = _RET_IP_;

	if (!page_in_mem_map(page)) {
		bad_page(page, "put_page of something that is not a struct page", caller);
		return;
	}
	page = compound_head(page);
	if (PageReserved(page) || PageBuddy(page) || page_ref_count(page) <= 0) {
		bad_page(page, "put_page of a page that is not allocated", caller);
		return;
	}
	if (put_page_testzero_checked(page, caller))
		free_the_page(page, PageHead(page) ? compound_order(page) : page->alloc_order, caller);
}

void split_page(struct page *page, unsigned int order)
{
	unsigned long i;

	/* Linux trusts the caller here; an order that is not the block's would hand out refcounts
	 * on pages past its end, so it is refused like a bad free. */
	if (!page_in_mem_map(page) || order >= MAX_ORDER || order != page->alloc_order) {
		bad_page(page_in_mem_map(page) ? page : NULL,
			 "split_page with an order that is not the block's", _RET_IP_);
		return;
	}
	if (WARN_ON(PageCompound(page)) || WARN_ON(page_ref_count(page) != 1))
		return;
	page->alloc_order = 0;
	for (i = 1; i < (1UL << order); i++) {
		set_page_count(page + i, 1);
		page[i].alloc_order = 0;
	}
}

/* ---------------------------------------------------------------- order-0 fast paths */

#define FAST_CLASSES MM_FAST_CLASSES
#define FAST_CLASS_NONE (FAST_CLASSES - 1)
#define FC(mt, z) ((u8)(((mt) << 2) | (z)))
#define FCX FAST_CLASS_NONE

/*
 * What every order-0 fast path reads before its zone, in one line of its own: the class table
 * was in .rodata and the masks in .sdata, two lines that moved with any string or variable added
 * anywhere before them, and in the 4 KiB 2-way D$ one more line in the set of either made the
 * allocation and free pair miss three times (order0-pcp 147 -> 224 cycles, from a new string).
 */
static struct {
	/* (gfp & 0x1f) -> fast class (migratetype << 2 | highest zone index), FAST_CLASS_NONE for
	 * what the fast path leaves to the full path: impossible zone combinations and
	 * movable+reclaimable, which it warns about. Never written. */
	u8 gfp_class[32];
	/* gfp bits the order-0 fast paths leave to the full path: those outside __GFP_BITS_MASK,
	 * and __GFP_ACCOUNT while memcg kernel accounting is on (the full path charges). A mask in
	 * memory rather than a second test: the key costs the fast path no branch. */
	gfp_t gfp_reject;
	/* mem_map's size in bytes while the fast path is on, 0 while it is off: the free fast
	 * path's range check also tests the switch. */
	unsigned long free_limit;
} fast_read __cache_hot_struct = {
	.gfp_reject = ~__GFP_BITS_MASK,
	.gfp_class = {
	/* unmovable */
	FC(0, ZONE_NORMAL), FC(0, ZONE_DMA), FC(0, ZONE_HIGHMEM), FCX,
	FC(0, ZONE_DMA), FC(0, ZONE_DMA), FCX, FCX,
	/* __GFP_MOVABLE */
	FC(1, ZONE_NORMAL), FC(1, ZONE_DMA), FC(1, ZONE_MOVABLE), FCX,
	FC(1, ZONE_DMA), FC(1, ZONE_DMA), FCX, FCX,
	/* __GFP_RECLAIMABLE */
	FC(2, ZONE_NORMAL), FC(2, ZONE_DMA), FC(2, ZONE_HIGHMEM), FCX,
	FC(2, ZONE_DMA), FC(2, ZONE_DMA), FCX, FCX,
	/* both: invalid */
	FCX, FCX, FCX, FCX, FCX, FCX, FCX, FCX,
	},
};
_Static_assert(GFP_ZONEMASK == 0xf && GFP_MOVABLE_MASK == 0x18, "fast_read.gfp_class layout");
_Static_assert(sizeof(fast_read) <= 64, "fast_read is one D$ line");
_Static_assert(MAX_NR_ZONES == 4 && MIGRATE_PCPTYPES == 3, "fast class encoding");

/* False while a debugging feature needs the full path (page_owner, poisoning, mm_debug) or
 * mobility grouping is off. Recomputed by mm_update_fastpath() when those change. */
bool mm_fastpath_enabled;

/* Per node and per hart (a copy of its node's row): the zone a fast class takes from, NULL for
 * the full path: no zone of that type on the node, a non-movable class in a zone with CMA (the
 * full path keeps those off CMA pages), the fast path disabled, or an invalid class. */
static struct zone *fast_node_zone[MAX_NUMNODES][FAST_CLASSES];
static struct zone *fast_cpu_zone[NR_CPUS][FAST_CLASSES] __cache_hot_rows;

void mm_update_fastpath(void)
{
	/* cpusets: Linux's fast path walks the task's nodes; this one takes the hart's node's
	 * zone without a look at the task, so it is off while cpusets exist. */
	mm_fastpath_enabled = !page_group_by_mobility_disabled && !mm_page_owner && !mm_page_poison &&
			      !mm_debug_checks && !cpusets_enabled();
	WRITE_ONCE(fast_read.free_limit, mm_fastpath_enabled && mem_map ? mem_map_nr * sizeof(struct page) : 0);
	WRITE_ONCE(fast_read.gfp_reject, ~__GFP_BITS_MASK | (memcg_kmem_enabled() ? __GFP_ACCOUNT : 0));
	for (int nid = 0; nid < MAX_NUMNODES; nid++)
		for (unsigned int cls = 0; cls < FAST_CLASSES; cls++) {
			struct zone *z = cls == FAST_CLASS_NONE ? NULL : mm_fast_zone[nid][cls & 3];

			if (!mm_fastpath_enabled || (z && z->cma_pages && (cls >> 2) != MIGRATE_MOVABLE))
				z = NULL;
			WRITE_ONCE(fast_node_zone[nid][cls], z);
		}
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		for (unsigned int cls = 0; cls < FAST_CLASSES; cls++)
			WRITE_ONCE(fast_cpu_zone[cpu][cls], fast_node_zone[mm_cpu_node[cpu]][cls]);
}

unsigned int mm_fast_path_lines(struct mm_hot_line *v, unsigned int max)
{
	unsigned long cpu = smp_processor_id();
	unsigned long cls = fast_read.gfp_class[GFP_KERNEL & (GFP_ZONEMASK | GFP_MOVABLE_MASK)];
	struct zone *zone = READ_ONCE(fast_cpu_zone[cpu][cls]);
	struct mm_hot_line all[] = {
		{ "fast_read", &fast_read },
		{ "fast_cpu_zone row", &fast_cpu_zone[cpu][cls] },
		{ "mm_cpu_node", &mm_cpu_node[cpu] },
		{ "mem_map", &mem_map },
		{ "mm_trace_enabled", &mm_trace_enabled },
		{ "zero_ops", &zero_ops },
		{ "trace head", &mm_trace_head[2 * cpu] },
		/* the zone the fast path takes from (none while it is off) */
		{ "mm_zone_table entry",
		  zone ? &mm_zone_table[(zone_idx(zone) << NODES_SHIFT) | zone_to_nid(zone)] : NULL },
		{ "zone's per-CPU lists", zone ? &zone->pcp[cpu].lists : NULL },
		{ "zone's per-CPU counters", zone ? &zone->pcp[cpu].fast_alloc : NULL },
		{ "zone's fast watermark", zone ? &zone->fast_wmark[cls] : NULL },
		{ "zone's free pages", zone ? &zone->vm_stat[NR_FREE_PAGES] : NULL },
	};
	unsigned int n = 0;

	for (unsigned int i = 0; i < ARRAY_SIZE(all) && n < max; i++)
		if (all[i].addr)
			v[n++] = all[i];
	return n;
}

static struct page *alloc_pages_caller(gfp_t gfp, unsigned int order, int nid, nodemask_t *nodemask,
				       unsigned long caller);
static void zone_statistics(struct zone *preferred, struct zone *zone, unsigned long nr);


/* The zone an order-0 request may take from without the generic machinery, or NULL: the first
 * zone of the node's zonelist (row: the node's or this hart's fast zones), above its LOW
 * watermark plus margin pages (a bulk request's size) as zone_watermark_fast() tests it for
 * order 0. Odd flags, interrupt context and debugging features get NULL and the full path
 * decides. */
static __always_inline struct zone *fast_zone(gfp_t gfp, struct zone *const *row, long margin,
					      unsigned long *clsp)
{
	/* unsigned long locals: RV64 would zero-extend 32-bit ones before every index. */
	unsigned long cls = fast_read.gfp_class[gfp & (GFP_ZONEMASK | GFP_MOVABLE_MASK)];
	struct zone *zone;

	if (unlikely((in_interrupt() && (gfp & __GFP_DIRECT_RECLAIM)) ||
		     (gfp & mm_load_relaxed(&fast_read.gfp_reject))))
		return NULL;
	zone = row[cls];
	/* The raw free counter: below zero it fails the test as the clamped one would. */
	if (unlikely(!zone || mm_load_relaxed(&zone->vm_stat[NR_FREE_PAGES]) <=
			      mm_load_relaxed(&zone->fast_wmark[cls]) + margin))
		return NULL;
	*clsp = cls;
	return zone;
}

/* A page from one of this hart's lists of zone (its zeroed list, or the list of migratetype mt),
 * or NULL (empty list, or the lists are held: by another hart draining them or by the code this
 * interrupt handler interrupted). remote: the zone is on another node than this hart's
 * (NUMA_OTHER). A pop from the zeroed list counts nothing of its own (its pops are settled at
 * the list's next refill or drain, see struct per_cpu_pages); the others are in pcp->count. */
static __always_inline struct page *pcp_pop(struct zone *zone, bool zeroed, unsigned long mt,
					    bool remote, unsigned long cpu)
{
	struct per_cpu_pages *pcp = &zone->pcp[cpu];
	struct list_head *list;
	struct page *page;

	OPTIMIZER_HIDE_VAR(pcp);
	list = zeroed ? &pcp->zeroed : &pcp->lists[mt];
	if (unlikely(!spin_trylock(&pcp->lock)))
		return NULL;
	if (unlikely(list_empty(list))) {
		spin_unlock(&pcp->lock);
		return NULL;
	}
	page = list_first_entry(list, struct page, lru);
	/* Unpoisoned: lru.next doubles as compound_head, and a list pointer never has bit 0 set. */
	__list_del_entry(&page->lru);
	if (!zeroed)
		pcp->count--;
	pcp->fast_alloc[remote]++;
	spin_unlock(&pcp->lock);
	page->private = 0;
	page->alloc_order = 0;
	set_page_count(page, 1);
	return page;
}

static __always_inline struct page *pcp_take(struct zone *zone, unsigned long mt, bool remote,
					     unsigned long cpu)
{
	return pcp_pop(zone, false, mt, remote, cpu);
}

/* From this hart's node (NUMA_NO_NODE) or from node nid. */
static __always_inline struct page *alloc_order0_fast(gfp_t gfp, int nid, unsigned long cpu)
{
	struct zone *zone;
	unsigned long cls;

	if (nid == NUMA_NO_NODE) {
		zone = fast_zone(gfp, fast_cpu_zone[cpu], 0, &cls);
		return zone ? pcp_take(zone, cls >> 2, false, cpu) : NULL;
	}
	/* Unsigned: a negative node other than NUMA_NO_NODE must not index the table. */
	if (unlikely((unsigned int)nid >= MAX_NUMNODES))
		return NULL;
	zone = fast_zone(gfp, fast_node_zone[nid], 0, &cls);
	return zone ? pcp_take(zone, cls >> 2, nid != mm_cpu_node[cpu], cpu) : NULL;
}

static __noinline __hot struct page *alloc_fast_traced(struct page *page, gfp_t gfp, unsigned long caller)
{
	mm_trace_record(TRACE_MM_PAGE_ALLOC, page, 0, gfp, gfp_migratetype(gfp), caller);
	return page;
}

/*
 * A hart's zeroed list was empty: one call into the driver for up to MM_ZEROED_BATCH zeroed pages
 * of `zone` (its completions harvested, their barrier and unmap done there), the first for the
 * caller, the rest stashed on the list when it is still empty. NULL when the pool has none.
 */
static struct page *zeroed_refill(struct zone *zone, unsigned long cpu, bool remote)
{
	struct per_cpu_pages *pcp = &zone->pcp[cpu];
	unsigned long gen = __atomic_load_n(&zeroed_gen, __ATOMIC_ACQUIRE);
	/* An interrupt handler may find its hart's lists held: it takes one page only. */
	unsigned int n, want = in_interrupt() ? 1 : MM_ZEROED_BATCH;
	struct page *page;
	LIST_HEAD(batch);

	if (zero_ops->take_zeroed_batch) {
		n = zero_ops->take_zeroed_batch(zone, &batch, want);
	} else {
		page = zero_ops->take_zeroed ? zero_ops->take_zeroed(zone, 0) : NULL;
		n = page != NULL;
		if (page)
			list_add(&page->lru, &batch);
	}
	if (!n)
		return NULL;
	page = list_first_entry(&batch, struct page, lru);
	list_del(&page->lru);
	if (pcp_lock(pcp, cpu)) {
		/* Not after a drain of the lists that ran since gen was read (the pool's release),
		 * nor on top of what an interrupt handler stashed meanwhile: the bound holds. */
		if (n > 1 && list_empty(&pcp->zeroed) &&
		    __atomic_load_n(&zeroed_gen, __ATOMIC_RELAXED) == gen) {
			zeroed_settle(pcp, 0);	/* every page of the last refill was popped */
			list_splice_init(&batch, &pcp->zeroed);
			pcp->zeroed_stashed = (int)n - 1;
		}
		/* Counted as a fast-path allocation. */
		pcp->fast_alloc[remote]++;
		spin_unlock(&pcp->lock);
	} else {
		count_vm_events_this(PGALLOC_DMA + zone->idx, 1);
		zone_statistics(zone, zone, 1);
	}
	if (!list_empty(&batch))
		mm_free_zeroed_list(zone, &batch);
	return page;
}

/* __GFP_ZERO at order 0 past an empty zeroed list: a refill from the pre-zero pool, else the fast
 * path and zeroing, else the full path. */
static __noinline __hot struct page *alloc_order0_zeroed_slow(gfp_t gfp, int nid, struct zone *zone,
							unsigned long mt, unsigned long caller)
{
	unsigned long cpu = smp_processor_id();
	bool remote = nid != NUMA_NO_NODE && nid != mm_cpu_node[cpu];
	struct page *page = NULL;

	if (mt == MIGRATE_UNMOVABLE)
		page = zeroed_refill(zone, cpu, remote);
	if (page) {
		page->private = 0;
		page->alloc_order = 0;
		set_page_count(page, 1);
	} else {
		page = pcp_take(zone, mt, remote, cpu);
		if (!page)
			return alloc_pages_caller(gfp, 0, nid, NULL, caller);
		mm_zero_pages(page, 0);
	}
	if (unlikely(mm_trace_enabled))
		mm_trace_record(TRACE_MM_PAGE_ALLOC, page, 0, gfp, (int)mt, caller);
	return page;
}

/*
 * __GFP_ZERO at order 0: an unmovable request takes the first page of its hart's zeroed list
 * under the lock the plain fast path takes (the pages there are the pre-zero pool's, handed over
 * in batches by zeroed_refill()); no call, no engine lock, no barrier. Out of line: the rest
 * (refill, zeroing) costs far more than a call. The pop is written out per branch so that
 * `remote` is a constant in this hart's.
 */
static __noinline __fastpath_leaf struct page *alloc_order0_zeroed(gfp_t gfp, int nid,
								   unsigned long caller)
{
	unsigned long cpu = smp_processor_id(), cls;
	struct zone *zone = NULL;
	struct page *page = NULL;

	/* As alloc_order0_fast(): this hart's row, or node nid's (unsigned: a negative node other
	 * than NUMA_NO_NODE must not index the table). */
	if (nid == NUMA_NO_NODE) {
		zone = fast_zone(gfp, fast_cpu_zone[cpu], 0, &cls);
		if (zone && (cls >> 2) == MIGRATE_UNMOVABLE)
			page = pcp_pop(zone, true, 0, false, cpu);
	} else if ((unsigned int)nid < MAX_NUMNODES) {
		zone = fast_zone(gfp, fast_node_zone[nid], 0, &cls);
		if (zone && (cls >> 2) == MIGRATE_UNMOVABLE)
			page = pcp_pop(zone, true, 0, nid != mm_cpu_node[cpu], cpu);
	}
	if (unlikely(!page)) {
		if (!zone)
			return alloc_pages_caller(gfp, 0, nid, NULL, caller);
		return alloc_order0_zeroed_slow(gfp, nid, zone, cls >> 2, caller);
	}
	return unlikely(mm_trace_enabled) ? alloc_fast_traced(page, gfp, caller) : page;
}

/* After a fast free: the trace event and, when the list reached `high`, the drain of one batch.
 * Reached by a tail call, so the fast path itself makes no call. The page is already on the
 * list; only its zone is used. */
static __noinline __hot void free_fast_post(struct page *page, unsigned long caller)
{
	struct zone *zone = page_zone(page);
	unsigned int cpu = smp_processor_id();
	struct per_cpu_pages *pcp = &zone->pcp[cpu];

	if (unlikely(mm_trace_enabled))
		mm_trace_record(TRACE_MM_PAGE_FREE, page, 0, 0, 0, caller);
	if (!pcp_lock(pcp, cpu))
		return;		/* an interrupted holder: the next free drains */
	if (pcp->count >= pcp->high)
		free_pcppages_bulk(zone, pcp->batch, pcp);
	spin_unlock(&pcp->lock);
}

/* What free_order0_fast() did with a page, and what its caller still has to do. */
enum free_fast_result {
	FREE_FAST_FULL = 0,	/* nothing changed: the full path must look at this page (bad input,
				 * extra references, compound/reserved/isolated, debugging) */
	FREE_FAST_DONE,		/* on this hart's list, nothing left to do */
	FREE_FAST_POST,		/* on the list; free_fast_post() has work (trace, drain) */
	FREE_FAST_PLACE,	/* refcount dropped, page on no list: for free_fast_place() (the
				 * pre-zero pool wants pages, or the lists are held) */
};

/* The checks of an order-0 fast free and the refcount's 1 -> 0: false (page untouched) when the
 * full path must look at the page; else its zone and list type, page->list_mt set. */
static __always_inline bool free_order0_claim(struct page *page, struct zone **zonep,
					      unsigned long *mtp)
{
	unsigned long off = (unsigned long)page - (unsigned long)mem_map, pfn, flags;
	struct zone *zone;
	unsigned long mt;

	if (unlikely(off >= fast_read.free_limit || (off & (sizeof(struct page) - 1))))
		return false;
	flags = page_flags_read(&page->flags);
	if (unlikely((flags & PAGEFLAGS_MASK) || (page->compound_head & 1) || page->alloc_order))
		return false;
	pfn = mem_map_base_pfn + off / sizeof(struct page);
	zone = mm_zone_table[flags >> NODES_PGSHIFT];
	mt = (unsigned long)get_pfnblock_migratetype(zone, pfn);
	if (unlikely(mt >= MIGRATE_PCPTYPES))
		return false;
	/* 1 -> 0 or nothing: a racing second free can't push the count below zero. */
	if (unlikely(!page_ref_freeze(page, 1)))
		return false;
	page->list_mt = (u8)mt;	/* private is cleared when the page is next allocated */
	*zonep = zone;
	*mtp = mt;
	return true;
}

/* Order-0 free of a plain page with one reference into this hart's list. */
static __always_inline enum free_fast_result free_order0_fast(struct page *page)
{
	struct per_cpu_pages *pcp;
	struct zone *zone;
	unsigned long mt;
	int count;

	if (!free_order0_claim(page, &zone, &mt))
		return FREE_FAST_FULL;
	if (unlikely(READ_ONCE(mm_capture_wanted)) && mt == MIGRATE_UNMOVABLE)
		return FREE_FAST_PLACE;
	pcp = &zone->pcp[smp_processor_id()];
	OPTIMIZER_HIDE_VAR(pcp);
	if (unlikely(!spin_trylock(&pcp->lock)))
		return FREE_FAST_PLACE;
	list_add(&page->lru, &pcp->lists[mt]);
	count = pcp->count + 1;
	pcp->count = count;
	pcp->fast_free++;
	spin_unlock(&pcp->lock);
	if (unlikely(count >= pcp->high || mm_trace_enabled))
		return FREE_FAST_POST;
	return FREE_FAST_DONE;
}

/* The rest of a fast free that free_order0_fast() could not finish (refcount already 0): offered
 * to the pre-zero pool, else freed as the full path frees an order-0 page. */
static __noinline void free_fast_place(struct page *page, unsigned long caller)
{
	if (unlikely(mm_trace_enabled))
		mm_trace_record(TRACE_MM_PAGE_FREE, page, 0, 0, 0, caller);
	count_vm_events_this(PGFREE, 1);
	if (READ_ONCE(mm_capture_wanted) && page->list_mt == MIGRATE_UNMOVABLE &&
	    zero_ops->capture_free && zero_ops->capture_free(page_zone(page), page, 0))
		return;
	free_unref_page(page);
}

__fastpath_leaf void __free_pages(struct page *page, unsigned int order)
{
	if (likely(order == 0)) {
		enum free_fast_result r = free_order0_fast(page);

		if (likely(r == FREE_FAST_DONE))
			return;
		if (r == FREE_FAST_POST) {
			free_fast_post(page, leaf_ret_ip());
			return;
		}
		if (r == FREE_FAST_PLACE) {
			free_fast_place(page, leaf_ret_ip());
			return;
		}
	}
	free_pages_caller(page, order, leaf_ret_ip());
}

/* ---------------------------------------------------------------- rmqueue */

/* The NUMA counters of nr pages allocated from zone, charged to this hart's lists of the zones
 * involved (Linux's zone_statistics). */
static void zone_statistics(struct zone *preferred, struct zone *zone, unsigned long nr)
{
	unsigned int cpu = smp_processor_id();

	if (likely(zone->node == preferred->node)) {
		pcp_numa_add(zone, cpu, NUMA_HIT, nr);
	} else {
		pcp_numa_add(zone, cpu, NUMA_MISS, nr);
		pcp_numa_add(preferred, cpu, NUMA_FOREIGN, nr);
	}
	pcp_numa_add(zone, cpu, zone->node == mm_cpu_node[cpu] ? NUMA_LOCAL : NUMA_OTHER, nr);
}

/* NULL when the list stays empty after a refill, or when an interrupt handler finds its hart's
 * lists held: rmqueue() then goes to the buddy lists. */
static struct page *rmqueue_pcplist(struct zone *preferred, struct zone *zone, int mt,
				    unsigned int alloc_flags)
{
	unsigned int cpu = smp_processor_id();
	struct per_cpu_pages *pcp = &zone->pcp[cpu];
	struct list_head *list;
	struct page *page;

	if (unlikely(!pcp_lock(pcp, cpu)))
		return NULL;
	list = &pcp->lists[mt];
	if (list_empty(list)) {
		pcp->count += rmqueue_bulk(zone, 0, pcp->batch, list, mt, alloc_flags);
		if (unlikely(list_empty(list))) {
			spin_unlock(&pcp->lock);
			return NULL;
		}
	}
	page = list_first_entry(list, struct page, lru);
	list_del(&page->lru);
	pcp->count--;
	spin_unlock(&pcp->lock);
	zone_statistics(preferred, zone, 1);
	return page;
}

static struct page *rmqueue_buddy(struct zone *preferred, struct zone *zone, unsigned int order,
				  unsigned int alloc_flags, int mt)
{
	struct page *page = NULL;
	unsigned long flags;

	spin_lock_irqsave(&zone->lock, flags);
	if (order > 0 && (alloc_flags & ALLOC_HARDER))
		page = __rmqueue_smallest(zone, order, MIGRATE_HIGHATOMIC);
	if (!page)
		page = __rmqueue(zone, order, mt, alloc_flags);
	if (page)
		rmqueue_account(zone, page, order);
	spin_unlock_irqrestore(&zone->lock, flags);
	if (page)
		zone_statistics(preferred, zone, 1);
	return page;
}

static struct page *rmqueue(struct zone *preferred, struct zone *zone, unsigned int order,
			    unsigned int alloc_flags, int mt)
{
	struct page *page = NULL;

	if (likely(order == 0))
		page = rmqueue_pcplist(preferred, zone, mt, alloc_flags);
	if (!page)
		page = rmqueue_buddy(preferred, zone, order, alloc_flags, mt);
	if (page && unlikely(mm_debug_checks || order)) {
		unsigned long i, n = mm_debug_checks ? 1UL << order : 1;

		for (i = 0; i < n; i++) {
			if (check_new_page(page + i))
				return NULL;	/* leak the block: its state can't be trusted */
		}
	} else if (page && unlikely(check_new_page(page))) {
		return NULL;
	}
	return page;
}

/* ---------------------------------------------------------------- watermarks */

bool __zone_watermark_ok(struct zone *z, unsigned int order, unsigned long mark,
			 int highest_zoneidx, unsigned int alloc_flags, long free_pages)
{
	long min = (long)mark;
	bool alloc_harder = alloc_flags & (ALLOC_HARDER | ALLOC_OOM);
	unsigned int o;

	free_pages -= (1L << order) - 1;
	if (alloc_flags & ALLOC_HIGH)
		min -= min / 2;
	if (unlikely(alloc_harder)) {
		/* OOM victims dig deeper than plain atomic requests. */
		if (alloc_flags & ALLOC_OOM)
			min -= min / 2;
		else
			min -= min / 4;
	} else {
		/* The HIGHATOMIC reserve is not usable by ordinary requests. */
		free_pages -= (long)mm_load_relaxed(&z->nr_reserved_highatomic);
	}
	if (!(alloc_flags & ALLOC_CMA))
		free_pages -= zone_page_state(z, NR_FREE_CMA_PAGES);
	if (free_pages <= min + z->lowmem_reserve[highest_zoneidx])
		return false;
	if (!order)
		return true;
	for (o = order; o < MAX_ORDER; o++) {
		struct free_area *area = &z->free_area[o];
		int mt;

		/* Lockless peek, as in Linux: the answer is a hint, rmqueue decides. */
		if (!mm_load_relaxed(&area->nr_free))
			continue;
		for (mt = 0; mt < MIGRATE_PCPTYPES; mt++)
			if (mm_load_relaxed(&area->nr_free_mt[mt]))
				return true;
		if ((alloc_flags & ALLOC_CMA) && mm_load_relaxed(&area->nr_free_mt[MIGRATE_CMA]))
			return true;
		if (alloc_harder && mm_load_relaxed(&area->nr_free_mt[MIGRATE_HIGHATOMIC]))
			return true;
	}
	return false;
}

bool zone_watermark_ok(struct zone *z, unsigned int order, unsigned long mark,
		       int highest_zoneidx, unsigned int alloc_flags)
{
	return __zone_watermark_ok(z, order, mark, highest_zoneidx, alloc_flags,
				   zone_page_state(z, NR_FREE_PAGES));
}

static inline bool zone_watermark_fast(struct zone *z, unsigned int order, unsigned long mark,
				       int highest_zoneidx, unsigned int alloc_flags)
{
	long free_pages = zone_page_state(z, NR_FREE_PAGES);

	/* Order-0 with plenty free: skip the full check (Linux does the same). */
	if (!order) {
		long fast = free_pages - (long)mm_load_relaxed(&z->nr_reserved_highatomic);

		if (!(alloc_flags & ALLOC_CMA))
			fast -= zone_page_state(z, NR_FREE_CMA_PAGES);
		if (fast > (long)mark + z->lowmem_reserve[highest_zoneidx])
			return true;
	}
	return __zone_watermark_ok(z, order, mark, highest_zoneidx, alloc_flags, free_pages);
}

/* ---------------------------------------------------------------- HIGHATOMIC */

/* Under zone->lock: the reserve also moves the order-0 fast path's floor. */
static void set_reserved_highatomic(struct zone *zone, unsigned long pages)
{
	mm_store_relaxed(&zone->nr_reserved_highatomic, pages);
	zone_update_fast_wmark(zone);
}

static void reserve_highatomic_pageblock(struct page *page, struct zone *zone)
{
	unsigned long max_managed = zone_managed_pages(zone) / 100 + pageblock_nr_pages;
	unsigned long flags;
	int mt;

	/* Cap the reserve at ~1% of the zone plus one block. */
	if (mm_load_relaxed(&zone->nr_reserved_highatomic) >= max_managed)
		return;
	spin_lock_irqsave(&zone->lock, flags);
	if (zone->nr_reserved_highatomic >= max_managed)
		goto out;
	mt = get_pageblock_migratetype(page);
	if (!is_migrate_highatomic(mt) && !is_migrate_isolate(mt) && !is_migrate_cma(mt)) {
		set_reserved_highatomic(zone,
				 zone->nr_reserved_highatomic + pageblock_nr_pages);
		set_pageblock_migratetype(page, MIGRATE_HIGHATOMIC);
		move_freepages_block(zone, page, MIGRATE_HIGHATOMIC);
		__count_vm_event(HIGHATOMIC_RESERVE);
	}
out:
	spin_unlock_irqrestore(&zone->lock, flags);
}

static void remerge_pageblock(struct zone *zone, unsigned long pfn, int mt);

/* Give reserved HIGHATOMIC blocks back when an allocation is about to fail. Unless forced, each
 * zone keeps one block. */
bool unreserve_highatomic_pageblock(const struct alloc_context *ac, bool force)
{
	struct zoneref *z = first_zones_zonelist(ac->zonelist, ac->highest_zoneidx, ac->nodemask);
	struct zone *zone;

	for_next_zone_zonelist_nodemask(zone, z, ac->highest_zoneidx, ac->nodemask) {
		unsigned long flags;
		unsigned int order;

		if (!force && mm_load_relaxed(&zone->nr_reserved_highatomic) <=
			      pageblock_nr_pages)
			continue;
		spin_lock_irqsave(&zone->lock, flags);
		for (order = 0; order < MAX_ORDER; order++) {
			struct free_area *area = &zone->free_area[order];
			struct page *page;

			if (list_empty(&area->free_list[MIGRATE_HIGHATOMIC]))
				continue;
			page = list_first_entry(&area->free_list[MIGRATE_HIGHATOMIC], struct page, lru);
			if (is_migrate_highatomic(get_pageblock_migratetype(page))) {
				set_reserved_highatomic(zone, zone->nr_reserved_highatomic -
						 min(pageblock_nr_pages, zone->nr_reserved_highatomic));
			}
			set_pageblock_migratetype(page, ac->migratetype);
			if (move_freepages_block(zone, page, ac->migratetype)) {
				remerge_pageblock(zone, page_to_pfn(page), ac->migratetype);
				spin_unlock_irqrestore(&zone->lock, flags);
				return true;
			}
		}
		spin_unlock_irqrestore(&zone->lock, flags);
	}
	return false;
}

/* ---------------------------------------------------------------- isolation */

/* After a pageblock became mergeable again (unisolate, unreserve), re-free its free blocks so they
 * merge with the neighbours they were kept apart from. Caller holds zone->lock. */
static void remerge_pageblock(struct zone *zone, unsigned long pfn, int mt)
{
	unsigned long p = ALIGN_DOWN(pfn, pageblock_nr_pages);
	unsigned long end = min(p + pageblock_nr_pages, zone_end_pfn(zone));

	if (p < zone->zone_start_pfn)
		p = zone->zone_start_pfn;
	while (p < end) {
		struct page *b = pfn_to_page(p);
		unsigned int order;

		if (!PageBuddy(b) || page_zone(b) != zone) {
			p++;
			continue;
		}
		order = (unsigned int)b->private;
		account_free_range(zone, p, 1UL << order, -1, b->list_mt);
		del_page_from_free_list(b, zone, order);
		__free_one_page(b, p, zone, order, mt, false);
		p += 1UL << order;
	}
}

/* If pfn's pageblock lies inside a free block larger than a pageblock, split that block (as
 * expand() does) until the pageblock is a free block of its own, so that it can change type alone.
 * The pages stay free: no accounting changes. Caller holds zone->lock. */
static void split_large_free_block(struct zone *zone, unsigned long pfn)
{
	for (unsigned int o = pageblock_order + 1; o < MAX_ORDER; o++) {
		unsigned long head = pfn & ~((1UL << o) - 1);
		struct page *hp;
		unsigned int order;
		int mt;

		if (!zone_spans_pfn(zone, head))
			return;
		hp = pfn_to_page(head);
		if (!PageBuddy(hp) || hp->private < o || page_zone(hp) != zone)
			continue;
		order = (unsigned int)hp->private;
		mt = hp->list_mt;
		del_page_from_free_list(hp, zone, order);
		while (order > pageblock_order) {
			unsigned long half = 1UL << --order;
			unsigned long other = (pfn - head) >= half ? head : head + half;

			if (other != head + half)
				head += half;
			set_buddy_order(pfn_to_page(other), order);
			add_to_free_list(pfn_to_page(other), zone, order, mt, false);
		}
		set_buddy_order(pfn_to_page(head), order);
		add_to_free_list(pfn_to_page(head), zone, order, mt, false);
		return;
	}
}

int isolate_pageblock(struct zone *zone, unsigned long pfn)
{
	unsigned long flags;
	struct page *page;
	int mt, ret = -1;

	if (!zone_spans_pfn(zone, pfn))
		return -1;
	page = pfn_to_page(ALIGN_DOWN(pfn, pageblock_nr_pages) < zone->zone_start_pfn ?
			   zone->zone_start_pfn : ALIGN_DOWN(pfn, pageblock_nr_pages));
	spin_lock_irqsave(&zone->lock, flags);
	mt = get_pageblock_migratetype(page);
	if (!is_migrate_isolate(mt) && !is_migrate_cma(mt)) {
		split_large_free_block(zone, page_to_pfn(page));
		if (is_migrate_highatomic(mt))
			set_reserved_highatomic(zone, zone->nr_reserved_highatomic -
					 min(pageblock_nr_pages, zone->nr_reserved_highatomic));
		set_pageblock_migratetype(page, MIGRATE_ISOLATE);
		__mod_zone_page_state(zone, NR_FREE_PAGES,
				      -(long)move_freepages_block(zone, page, MIGRATE_ISOLATE));
		ret = 0;
	}
	spin_unlock_irqrestore(&zone->lock, flags);
	/* Pages sitting on per-CPU lists would otherwise bypass the isolation later. */
	if (!ret)
		drain_all_pages(zone);
	return ret;
}

void unisolate_pageblock(struct zone *zone, unsigned long pfn, int mt)
{
	unsigned long flags, bpfn;
	struct page *page;

	if (!zone_spans_pfn(zone, pfn) || mt < 0 || mt >= MIGRATE_PCPTYPES)
		return;
	bpfn = ALIGN_DOWN(pfn, pageblock_nr_pages);
	if (bpfn < zone->zone_start_pfn)
		bpfn = zone->zone_start_pfn;
	page = pfn_to_page(bpfn);
	spin_lock_irqsave(&zone->lock, flags);
	if (is_migrate_isolate(get_pageblock_migratetype(page))) {
		set_pageblock_migratetype(page, mt);
		/* Back on mt's lists, counted free again, merged with the neighbours. */
		remerge_pageblock(zone, bpfn, mt);
	}
	spin_unlock_irqrestore(&zone->lock, flags);
}

/* ---------------------------------------------------------------- zonelists and gfp */

struct zoneref *__next_zones_zonelist(struct zoneref *z, enum zone_type highest_zoneidx,
				      const nodemask_t *nodes)
{
	while (z->zone && (z->zone_idx > (int)highest_zoneidx ||
			   (nodes && !node_isset(z->zone->node, nodes))))
		z++;
	return z;
}

enum zone_type gfp_zone(gfp_t gfp)
{
	gfp_t zf = gfp & GFP_ZONEMASK;

	if (zf & __GFP_DMA32)
		zf = (zf & ~__GFP_DMA32) | __GFP_DMA;
	switch (zf) {
	case 0:
	case __GFP_MOVABLE:	/* movable alone is a mobility hint only, as in Linux */
		return ZONE_NORMAL;
	case __GFP_DMA:
	case __GFP_DMA | __GFP_MOVABLE:
		return ZONE_DMA;
	case __GFP_HIGHMEM:
		return ZONE_HIGHMEM;
	case __GFP_HIGHMEM | __GFP_MOVABLE:
		return ZONE_MOVABLE;
	default:
		/* DMA together with HIGHMEM: Linux BUGs; we warn (in __alloc_pages) and take the most
		 * restrictive zone, which satisfies both readings. */
		return ZONE_DMA;
	}
}

int gfp_migratetype(gfp_t gfp)
{
	if (page_group_by_mobility_disabled)
		return MIGRATE_UNMOVABLE;
	switch (gfp & GFP_MOVABLE_MASK) {
	case __GFP_MOVABLE:
		return MIGRATE_MOVABLE;
	case __GFP_RECLAIMABLE:
		return MIGRATE_RECLAIMABLE;
	default:
		/* Both bits is invalid (warned in __alloc_pages): unmovable is the safe reading. */
		return MIGRATE_UNMOVABLE;
	}
}

struct zonelist *node_zonelist(int nid, gfp_t gfp)
{
	return &NODE_DATA(nid)->node_zonelists[(gfp & __GFP_THISNODE) ? ZONELIST_NOFALLBACK
								       : ZONELIST_FALLBACK];
}

/* ---------------------------------------------------------------- scoped constraints */

/* The scopes are flags of the task (Linux include/linux/sched/mm.h): one that sleeps inside a
 * scope keeps it to itself. */
unsigned int memalloc_noio_save(void)
{
	unsigned int old = current->flags & PF_MEMALLOC_NOIO;

	current->flags |= PF_MEMALLOC_NOIO;
	return old;
}

void memalloc_noio_restore(unsigned int flags)
{
	current->flags = (current->flags & ~PF_MEMALLOC_NOIO) | (flags & PF_MEMALLOC_NOIO);
}

unsigned int memalloc_nofs_save(void)
{
	unsigned int old = current->flags & PF_MEMALLOC_NOFS;

	current->flags |= PF_MEMALLOC_NOFS;
	return old;
}

void memalloc_nofs_restore(unsigned int flags)
{
	current->flags = (current->flags & ~PF_MEMALLOC_NOFS) | (flags & PF_MEMALLOC_NOFS);
}

gfp_t current_gfp_context(gfp_t gfp)
{
	unsigned int pflags = READ_ONCE(current->flags);

	if (unlikely(pflags & (PF_MEMALLOC_NOIO | PF_MEMALLOC_NOFS))) {
		if (pflags & PF_MEMALLOC_NOIO)
			gfp &= ~(__GFP_IO | __GFP_FS);
		else if (pflags & PF_MEMALLOC_NOFS)
			gfp &= ~__GFP_FS;
	}
	return gfp;
}

/* ---------------------------------------------------------------- core allocation */

static struct page *get_page_from_freelist(gfp_t gfp, unsigned int order, unsigned int alloc_flags,
					   const struct alloc_context *ac, unsigned long caller)
{
	struct zoneref *z = ac->preferred_zoneref;
	struct zone *zone;

	for_next_zone_zonelist_nodemask(zone, z, ac->highest_zoneidx, ac->nodemask) {
		struct page *page;

		if (cpusets_enabled() && (alloc_flags & ALLOC_CPUSET) && !__cpuset_zone_allowed(zone, gfp))
			continue;
		if (!(alloc_flags & ALLOC_NO_WATERMARKS)) {
			unsigned long mark = zone->_watermark[alloc_flags & ALLOC_WMARK_MASK];

			if (!zone_watermark_fast(zone, order, mark, (int)ac->highest_zoneidx, alloc_flags))
				continue;
		}
		page = rmqueue(ac->preferred_zoneref->zone, zone, order, alloc_flags, ac->migratetype);
		if (page) {
			prep_new_page(page, order, gfp, caller);
			if (unlikely(order && (alloc_flags & ALLOC_HARDER)))
				reserve_highatomic_pageblock(page, zone);
			return page;
		}
	}
	return NULL;
}

static unsigned int gfp_to_alloc_flags(gfp_t gfp)
{
	unsigned int alloc_flags = ALLOC_WMARK_MIN | ALLOC_CPUSET;

	if (gfp & __GFP_HIGH)
		alloc_flags |= ALLOC_HIGH;
	if (gfp & __GFP_KSWAPD_RECLAIM)
		alloc_flags |= ALLOC_KSWAPD;
	if (gfp & __GFP_ATOMIC) {
		if (!(gfp & __GFP_NOMEMALLOC))
			alloc_flags |= ALLOC_HARDER;
		alloc_flags &= ~ALLOC_CPUSET;
	}
	if (gfp_migratetype(gfp) == MIGRATE_MOVABLE)
		alloc_flags |= ALLOC_CMA;
	return alloc_flags;
}

/* Linux __gfp_pfmemalloc_flags: __GFP_MEMALLOC, or a reclaimer's (PF_MEMALLOC) request outside
 * interrupt context, may ignore the watermarks; an OOM victim's goes halfway below min
 * (ALLOC_OOM); __GFP_NOMEMALLOC forbids both. */
static unsigned int gfp_pfmemalloc_flags(gfp_t gfp)
{
	if (gfp & __GFP_NOMEMALLOC)
		return 0;
	if (gfp & __GFP_MEMALLOC)
		return ALLOC_NO_WATERMARKS;
	if (in_interrupt())
		return 0;
	if (current->flags & PF_MEMALLOC)
		return ALLOC_NO_WATERMARKS;
	return tsk_is_oom_victim(current) ? ALLOC_OOM : 0;
}

static void wake_all_kswapds(unsigned int order, gfp_t gfp, const struct alloc_context *ac)
{
	struct zoneref *z = ac->preferred_zoneref;
	struct zone *zone;
	int last_nid = -1;

	if (!mm_slowpath || !mm_slowpath->wakeup_kswapd)
		return;
	for_next_zone_zonelist_nodemask(zone, z, ac->highest_zoneidx, ac->nodemask) {
		if (zone->node != last_nid) {
			last_nid = zone->node;
			mm_slowpath->wakeup_kswapd(zone, gfp, order, ac->highest_zoneidx);
		}
	}
}

#define MAX_RECLAIM_RETRIES 16
#define NOFAIL_MAX_ROUNDS 64

/* Would retrying reclaim make sense? Only if free plus reclaimable memory could pass the min
 * watermark somewhere (Linux should_reclaim_retry, without the writeback throttling). */
static bool should_reclaim_retry(gfp_t gfp, unsigned int order, const struct alloc_context *ac,
				 unsigned int alloc_flags, bool progress, int *no_progress_loops)
{
	struct zoneref *z = ac->preferred_zoneref;
	struct zone *zone;

	(void)gfp;
	if (progress && order <= PAGE_ALLOC_COSTLY_ORDER)
		*no_progress_loops = 0;
	else
		(*no_progress_loops)++;
	if (*no_progress_loops > MAX_RECLAIM_RETRIES)
		return unreserve_highatomic_pageblock(ac, true);
	if (!mm_slowpath || !mm_slowpath->zone_reclaimable_pages)
		return false;
	for_next_zone_zonelist_nodemask(zone, z, ac->highest_zoneidx, ac->nodemask) {
		long avail = (long)mm_slowpath->zone_reclaimable_pages(zone) +
			     zone_page_state(zone, NR_FREE_PAGES);

		if (__zone_watermark_ok(zone, order, min_wmark_pages(zone), (int)ac->highest_zoneidx,
					alloc_flags, avail))
			return true;
	}
	return false;
}

/* Linux __perform_reclaim: the reclaim hook (mm/vmscan.c's try_to_free_pages, which shrinks the
 * slab caches as Linux's does), as a reclaimer itself (PF_MEMALLOC: its own allocations use the
 * reserves and never recurse into reclaim); the pages freed are the progress. Without a hook, the
 * slab caches' empty slabs are the only thing to reclaim. */
static unsigned long __perform_reclaim(gfp_t gfp, unsigned int order, const struct alloc_context *ac)
{
	unsigned int noreclaim_flag;
	unsigned long progress;

	__count_vm_event(ALLOCSTALL);
	noreclaim_flag = memalloc_noreclaim_save();
	if (mm_slowpath && mm_slowpath->try_to_free_pages)
		progress = mm_slowpath->try_to_free_pages(ac->zonelist, order, gfp, ac->nodemask);
	else
		progress = shrink_slab(gfp, zone_to_nid(ac->preferred_zoneref->zone), 0);
	memalloc_noreclaim_restore(noreclaim_flag);
	cond_resched();
	return progress;
}

/*
 * Linux __alloc_pages_direct_reclaim: reclaim once; without progress there is nothing new to
 * find, so no retry. With progress, a failed try may be pages parked in per-CPU lists or the
 * HIGHATOMIC reserve: release them once and try again, without reclaiming a second time.
 */
static struct page *__alloc_pages_direct_reclaim(gfp_t gfp, unsigned int order,
						 unsigned int alloc_flags,
						 struct alloc_context *ac, unsigned long caller,
						 unsigned long *did_some_progress)
{
	struct page *page;

	*did_some_progress = __perform_reclaim(gfp, order, ac);
	if (!*did_some_progress)
		return NULL;
	page = get_page_from_freelist(gfp, order, alloc_flags, ac, caller);
	if (!page) {
		unreserve_highatomic_pageblock(ac, false);
		drain_all_pages(NULL);
		page = get_page_from_freelist(gfp, order, alloc_flags, ac, caller);
	}
	return page;
}

/*
 * Linux __alloc_pages_direct_compact: compact at priority prio, then try the freelists. A skipped
 * compaction (nothing it could do) is no stall; a success resets the zone's deferral.
 */
static struct page *__alloc_pages_direct_compact(gfp_t gfp, unsigned int order,
						 unsigned int alloc_flags,
						 const struct alloc_context *ac,
						 enum compact_priority prio,
						 enum compact_result *result, unsigned long caller)
{
	struct page *page;

	*result = COMPACT_SKIPPED;
	if (!order)
		return NULL;
	if (mm_slowpath && mm_slowpath->try_to_compact_pages)
		*result = mm_slowpath->try_to_compact_pages(gfp, order, alloc_flags, ac, (int)prio);
	else
		*result = try_to_compact_pages(gfp, order, alloc_flags, ac, prio);
	if (*result == COMPACT_SKIPPED)
		return NULL;
	__count_vm_event(COMPACTSTALL);
	page = get_page_from_freelist(gfp, order, alloc_flags, ac, caller);
	if (page) {
		compaction_defer_reset(page_zone(page), (int)order, true);
		__count_vm_event(COMPACTSUCCESS);
		return page;
	}
	__count_vm_event(COMPACTFAIL);
	return NULL;
}

#define MAX_COMPACT_RETRIES 16

/* Linux should_compact_retry: retry while compaction makes progress, and after a failure at a
 * lower (more thorough) priority, down to SYNC_LIGHT for costly orders, SYNC_FULL otherwise. */
static bool should_compact_retry(const struct alloc_context *ac, unsigned int order,
				 unsigned int alloc_flags, enum compact_result result,
				 enum compact_priority *prio, int *retries)
{
	enum compact_priority min_prio = order > PAGE_ALLOC_COSTLY_ORDER ? COMPACT_PRIO_SYNC_LIGHT :
					 MIN_COMPACT_PRIORITY;
	int max_retries = MAX_COMPACT_RETRIES;

	if (!order)
		return false;
	if (result == COMPACT_SUCCESS)
		(*retries)++;
	if (result == COMPACT_SKIPPED) {
		/* Compaction needs free pages first: worth it only if some zone could compact. */
		struct zoneref *z = ac->preferred_zoneref;
		struct zone *zone;

		for_next_zone_zonelist_nodemask(zone, z, ac->highest_zoneidx, ac->nodemask)
			if (compaction_suitable(zone, (int)order, alloc_flags, ac->highest_zoneidx) ==
			    COMPACT_CONTINUE)
				return true;
		return false;
	}
	if (result != COMPACT_COMPLETE) {
		if (order > PAGE_ALLOC_COSTLY_ORDER)
			max_retries /= 4;
		if (*retries <= max_retries)
			return true;
	}
	if (*prio > min_prio) {
		(*prio)--;
		*retries = 0;
		return true;
	}
	return false;
}

static struct page *__alloc_pages_slowpath(gfp_t gfp, unsigned int order, struct alloc_context *ac,
					   unsigned long caller)
{
	bool can_direct_reclaim = gfp & __GFP_DIRECT_RECLAIM;
	bool costly_order = order > PAGE_ALLOC_COSTLY_ORDER;
	unsigned int alloc_flags;
	int no_progress_loops = 0, nofail_rounds = 0, compaction_retries = 0, oom_rounds = 0;
	unsigned int reserve_flags;
	enum compact_priority compact_priority = DEF_COMPACT_PRIORITY;
	enum compact_result compact_result;
	struct page *page = NULL;

	if ((gfp & (__GFP_ATOMIC | __GFP_DIRECT_RECLAIM)) == (__GFP_ATOMIC | __GFP_DIRECT_RECLAIM)) {
		WARN_ON_ONCE(1);	/* atomic and may-sleep together: Linux drops ATOMIC */
		gfp &= ~__GFP_ATOMIC;
	}
	alloc_flags = gfp_to_alloc_flags(gfp);
	if (alloc_flags & ALLOC_KSWAPD)
		wake_all_kswapds(order, gfp, ac);
	page = get_page_from_freelist(gfp, order, alloc_flags, ac, caller);
	if (page)
		return page;
	/* Costly orders, and order > 0 requests that cannot be moved later, try async compaction
	 * before reclaim: reclaim alone rarely makes a big block (Linux's condition). */
	if (can_direct_reclaim && (costly_order || (order && ac->migratetype != MIGRATE_MOVABLE)) &&
	    !((gfp & __GFP_MEMALLOC) && !(gfp & __GFP_NOMEMALLOC))) {
		page = __alloc_pages_direct_compact(gfp, order, alloc_flags, ac, INIT_COMPACT_PRIORITY,
						    &compact_result, caller);
		if (page)
			return page;
		if (costly_order && (gfp & __GFP_NORETRY)) {
			/* Linux: give up if compaction was skipped or deferred; else retry once
			 * more, still async. */
			if (compact_result == COMPACT_SKIPPED || compact_result == COMPACT_DEFERRED ||
			    (gfp & __GFP_THISNODE))
				goto nopage;
			compact_priority = INIT_COMPACT_PRIORITY;
		}
	}
retry:
	if (alloc_flags & ALLOC_KSWAPD)
		wake_all_kswapds(order, gfp, ac);
	reserve_flags = gfp_pfmemalloc_flags(gfp);
	if (reserve_flags)
		alloc_flags = reserve_flags | (alloc_flags & ALLOC_CMA);
	page = get_page_from_freelist(gfp, order, alloc_flags, ac, caller);
	if (page)
		return page;
	if (!can_direct_reclaim)
		goto nopage;
	/* A reclaimer (kswapd, direct reclaim) that still finds nothing must not reclaim again. */
	if (current->flags & PF_MEMALLOC)
		goto nopage;
	{
		unsigned long progress = 0;

		page = __alloc_pages_direct_reclaim(gfp, order, alloc_flags, ac, caller, &progress);
		if (page)
			return page;
		page = __alloc_pages_direct_compact(gfp, order, alloc_flags, ac, compact_priority,
						    &compact_result, caller);
		if (page)
			return page;
		if (gfp & __GFP_NORETRY)
			goto nopage;
		if (costly_order && !(gfp & __GFP_RETRY_MAYFAIL))
			goto nopage;
		if (should_reclaim_retry(gfp, order, ac, alloc_flags, progress != 0, &no_progress_loops))
			goto retry;
		if (progress && should_compact_retry(ac, order, alloc_flags, compact_result,
						     &compact_priority, &compaction_retries))
			goto retry;
	}
	/* Linux __alloc_pages_may_oom: not for costly orders, RETRY_MAYFAIL, THISNODE or DMA-only
	 * requests (NORETRY never gets here); out_of_memory() answers a !FS request with
	 * "progress" and no kill. Linux retries for as long as that progress lasts; Pagoda stops
	 * after MAX_RECLAIM_RETRIES such rounds (docs/mm.md "OOM killer"). */
	if (!costly_order && !(gfp & (__GFP_RETRY_MAYFAIL | __GFP_THISNODE | __GFP_NORETRY)) &&
	    ac->highest_zoneidx >= ZONE_NORMAL && mm_slowpath && mm_slowpath->out_of_memory) {
		/* Someone may have freed memory meanwhile: a last try at the high mark. */
		page = get_page_from_freelist(gfp, order, ALLOC_WMARK_HIGH | ALLOC_CPUSET, ac, caller);
		if (page)
			return page;
		__count_vm_event(OOM_CALLS);
		if (mm_slowpath->out_of_memory(gfp, order, ac)) {
			/* Linux helps NOFAIL with the reserves at once. */
			if (gfp & __GFP_NOFAIL) {
				page = get_page_from_freelist(gfp, order, ALLOC_NO_WATERMARKS |
							      (alloc_flags & ALLOC_CMA), ac, caller);
				if (page)
					return page;
			}
			/* A victim already at ALLOC_OOM must not loop on the reserves (Linux). */
			if (tsk_is_oom_victim(current) &&
			    ((alloc_flags & ALLOC_OOM) || (gfp & __GFP_NOMEMALLOC)))
				goto nopage;
			if (++oom_rounds <= MAX_RECLAIM_RETRIES) {
				no_progress_loops = 0;
				goto retry;
			}
		}
	}
nopage:
	if (gfp & __GFP_NOFAIL) {
		/* Linux loops forever here. Pagoda has no task to wait on, so after the reserves
		 * it gives up with a loud report instead of hanging the hart. */
		if (WARN_ON_ONCE(!can_direct_reclaim))
			goto fail;
		page = get_page_from_freelist(gfp, order, ALLOC_HARDER | ALLOC_NO_WATERMARKS |
					      (alloc_flags & ALLOC_CMA), ac, caller);
		if (page)
			return page;
		if (++nofail_rounds < NOFAIL_MAX_ROUNDS && (mm_slowpath && mm_slowpath->try_to_free_pages))
			goto retry;
		pr_err("mm: __GFP_NOFAIL allocation of order %u failed: no memory and nothing to reclaim\n",
		       order);
	}
fail:
	if (!(gfp & __GFP_NOWARN)) {
		static unsigned long warned;

		if (warned++ < 16)
			pr_warn("mm: page allocation failure: order:%u, mode:%#x, nodemask:%#lx\n", order,
				gfp, ac->nodemask ? ac->nodemask->bits : ~0UL);
	}
	return NULL;
}

/*
 * Every allocation entry point screens its request here first: a request that names no valid
 * node, an order the buddy lists cannot hold, bits outside the GFP mask, or zone and mobility
 * modifiers that contradict each other (Linux's GFP_ZONE_BAD, which it treats as a bug) is
 * reported and refused, whatever the caller passed; nothing is allocated or changed.
 */
static bool alloc_request_ok(gfp_t gfp, unsigned int order, int nid, const char *what)
{
	const char *why = NULL;

	if (unlikely(order >= MAX_ORDER))
		why = "order >= MAX_ORDER";
	else if (unlikely(gfp & ~__GFP_BITS_MASK))
		why = "unknown gfp bits";
	else if (unlikely((gfp & (__GFP_DMA | __GFP_DMA32)) && (gfp & __GFP_HIGHMEM)))
		why = "__GFP_DMA with __GFP_HIGHMEM";
	else if (unlikely((gfp & GFP_MOVABLE_MASK) == GFP_MOVABLE_MASK))
		why = "__GFP_MOVABLE with __GFP_RECLAIMABLE";
	else if (unlikely(nid != NUMA_NO_NODE && ((unsigned int)nid >= MAX_NUMNODES ||
						  !node_data[nid].online)))
		why = "no such node online";
	if (likely(!why))
		return true;
	mm_bad_gfp_count++;
	__count_vm_event(PGALLOC_FAIL);
	if (!(gfp & __GFP_NOWARN)) {
		pr_warn("mm: %s refused: %s (order %u, gfp %#x, node %d)\n", what, why, order, gfp,
			nid);
		WARN_ON_ONCE(1);
	}
	return false;
}

/* Set up the allocation context of a request alloc_request_ok() accepted; requests Linux
 * also serves are adjusted after a warning (the promise of __GFP_NOFAIL above order 1, a
 * sleeping allocation from interrupt context). */
static bool prepare_alloc_pages(gfp_t *gfpp, unsigned int order, int *nidp, nodemask_t *nodemask,
				struct alloc_context *ac)
{
	gfp_t gfp = current_gfp_context(*gfpp);
	int nid = *nidp;

	if (unlikely(in_interrupt() && (gfp & __GFP_DIRECT_RECLAIM))) {
		/* A sleeping allocation from a trap handler: would deadlock on a real reclaim. */
		mm_bad_gfp_count++;
		pr_warn("mm: allocation from interrupt context without GFP_ATOMIC (gfp %#x)\n", gfp);
		WARN_ON_ONCE(1);
		gfp &= ~__GFP_DIRECT_RECLAIM;
	}
	if (unlikely((gfp & __GFP_NOFAIL) && order > 1)) {
		/* Linux warns for NOFAIL above order 1: such a promise can't be kept. */
		mm_bad_gfp_count++;
		pr_warn("mm: __GFP_NOFAIL with order %u: may fail\n", order);
		WARN_ON_ONCE(1);
		gfp &= ~__GFP_NOFAIL;
	}
	if (nid == NUMA_NO_NODE)
		nid = numa_node_id();
	ac->highest_zoneidx = gfp_zone(gfp);
	ac->zonelist = node_zonelist(nid, gfp);
	ac->nodemask = nodemask;
	ac->migratetype = gfp_migratetype(gfp);
	ac->preferred_zoneref = first_zones_zonelist(ac->zonelist, ac->highest_zoneidx, nodemask);
	*gfpp = gfp;
	*nidp = nid;
	return true;
}

/* Linux prepare_alloc_pages' cpuset part: the first try is hardwall, on the task's nodes (a
 * nodemask for it), or, from interrupt context or with the caller's nodemask, checked zone by
 * zone (ALLOC_CPUSET, returned). The slow path gets the caller's nodemask back. */
static unsigned int prepare_alloc_cpuset(struct alloc_context *ac, gfp_t *fast_gfp)
{
	*fast_gfp |= __GFP_HARDWALL;
	if (in_interrupt() || ac->nodemask)
		return ALLOC_CPUSET;
	ac->nodemask = (nodemask_t *)cpuset_current_mems_allowed();
	ac->preferred_zoneref = first_zones_zonelist(ac->zonelist, ac->highest_zoneidx, ac->nodemask);
	return 0;
}

/* An unmovable __GFP_ZERO block of order > 0 from the pre-zero pool of the preferred zone: ready,
 * so prepared without zeroing. Pool blocks are outside the free counts already. */
static struct page *take_zeroed_block(gfp_t gfp, unsigned int order, const struct alloc_context *ac,
				      unsigned long caller)
{
	struct zone *zone = ac->preferred_zoneref->zone;
	struct page *page;

	if (!zone || ac->migratetype != MIGRATE_UNMOVABLE || !zero_ops->take_zeroed)
		return NULL;
	page = zero_ops->take_zeroed(zone, order);
	if (page) {
		prep_new_page(page, order, gfp & ~__GFP_ZERO, caller);
		zone_statistics(zone, zone, 1);
	}
	return page;
}

static struct page *alloc_pages_caller(gfp_t gfp, unsigned int order, int nid,
				       nodemask_t *nodemask, unsigned long caller)
{
	struct alloc_context ac;
	unsigned int alloc_flags = ALLOC_WMARK_LOW;
	struct page *page;

	if (unlikely(!alloc_request_ok(gfp, order, nid, "allocation")))
		return NULL;
	if (unlikely(!mem_map)) {
		pr_err("mm: allocation before mm_init\n");
		return NULL;
	}
	prepare_alloc_pages(&gfp, order, &nid, nodemask, &ac);
	if (ac.migratetype == MIGRATE_MOVABLE)
		alloc_flags |= ALLOC_CMA;
	page = NULL;
	if (unlikely(order && (gfp & __GFP_ZERO)))
		page = take_zeroed_block(gfp, order, &ac, caller);
	if (unlikely(cpusets_enabled()) && !page) {
		gfp_t fast_gfp = gfp;

		alloc_flags |= prepare_alloc_cpuset(&ac, &fast_gfp);
		if (ac.preferred_zoneref->zone)
			page = get_page_from_freelist(fast_gfp, order, alloc_flags, &ac, caller);
		if (!page) {
			ac.nodemask = nodemask;
			ac.preferred_zoneref = first_zones_zonelist(ac.zonelist, ac.highest_zoneidx,
								    nodemask);
			if (ac.preferred_zoneref->zone)
				page = __alloc_pages_slowpath(gfp, order, &ac, caller);
		}
	} else if (likely(ac.preferred_zoneref->zone) && !page) {
		page = get_page_from_freelist(gfp, order, alloc_flags, &ac, caller);
		if (unlikely(!page))
			page = __alloc_pages_slowpath(gfp, order, &ac, caller);
	}
	if (unlikely(!page)) {
		__count_vm_event(PGALLOC_FAIL);
		if (ac.preferred_zoneref->zone) {
			struct zone *pz = ac.preferred_zoneref->zone;

			__atomic_add_fetch(&pz->vm_stat[NR_ZONE_ALLOC_FAIL], 1, __ATOMIC_RELAXED);
		}
		return NULL;
	}
	count_vm_events_this(PGALLOC_DMA + page_zonenum(page), 1UL << order);
	if (unlikely(mm_trace_enabled))
		mm_trace_record(TRACE_MM_PAGE_ALLOC, page, order, gfp, ac.migratetype, caller);
	/* Linux __alloc_pages: charged after the allocation succeeded; a refused charge frees the
	 * block (an allocation and a free in the counters, as Linux's). */
	if (unlikely(gfp & __GFP_ACCOUNT) && memcg_kmem_enabled() &&
	    unlikely(__memcg_kmem_charge_page(page, gfp, order))) {
		free_pages_caller(page, order, caller);
		return NULL;
	}
	return page;
}

/* The order-0 front of the allocation entry points: true with *pagep the answer (a __GFP_ZERO
 * request, served or failed by alloc_order0_zeroed(), or a fast-path page), false when the full
 * path must decide. Always inlined before any call: every exit of the entry points stays a return
 * or a tail call, so on the fast path they stay leaves, and leaf_ret_ip() is their caller. */
static __always_inline bool alloc_order0_front(gfp_t gfp, int nid, unsigned long cpu,
					       struct page **pagep)
{
	struct page *page;

	if (unlikely(gfp & __GFP_ZERO)) {
		*pagep = alloc_order0_zeroed(gfp, nid, leaf_ret_ip());
		return true;
	}
	page = alloc_order0_fast(gfp, nid, cpu);
	if (unlikely(!page))
		return false;
	*pagep = unlikely(mm_trace_enabled) ? alloc_fast_traced(page, gfp, leaf_ret_ip()) : page;
	return true;
}

__fastpath_leaf struct page *__alloc_pages(gfp_t gfp, unsigned int order, int preferred_nid,
					   nodemask_t *nodemask)
{
	struct page *page;

	if (likely(order == 0) && !nodemask &&
	    alloc_order0_front(gfp, preferred_nid, smp_processor_id(), &page))
		return page;
	return alloc_pages_caller(gfp, order, preferred_nid, nodemask, leaf_ret_ip());
}

__fastpath_leaf struct page *alloc_pages(gfp_t gfp, unsigned int order)
{
	struct page *page;

	if (likely(order == 0) && alloc_order0_front(gfp, NUMA_NO_NODE, smp_processor_id(), &page))
		return page;
	return alloc_pages_caller(gfp, order, NUMA_NO_NODE, NULL, leaf_ret_ip());
}

__fastpath_leaf struct page *alloc_pages_node(int nid, gfp_t gfp, unsigned int order)
{
	struct page *page;

	if (likely(order == 0) && alloc_order0_front(gfp, nid, smp_processor_id(), &page))
		return page;
	return alloc_pages_caller(gfp, order, nid, NULL, leaf_ret_ip());
}

unsigned long __get_free_pages(gfp_t gfp, unsigned int order)
{
	struct page *page;

	/* The result must have an address: HIGHMEM is masked off, as in Linux, but only from a
	 * request that made sense as the caller wrote it. */
	if (!alloc_request_ok(gfp, order, NUMA_NO_NODE, "__get_free_pages"))
		return 0;
	page = alloc_pages_caller(gfp & ~__GFP_HIGHMEM, order, numa_node_id(), NULL, _RET_IP_);
	return page ? (unsigned long)page_address(page) : 0;
}

unsigned long get_zeroed_page(gfp_t gfp)
{
	struct page *page;

	if (!alloc_request_ok(gfp, 0, NUMA_NO_NODE, "get_zeroed_page"))
		return 0;
	page = alloc_pages_caller((gfp | __GFP_ZERO) & ~__GFP_HIGHMEM, 0, numa_node_id(), NULL,
				  _RET_IP_);
	return page ? (unsigned long)page_address(page) : 0;
}

void *alloc_pages_exact(size_t size, gfp_t gfp)
{
	unsigned int order = get_order(size);
	unsigned long nr = DIV_ROUND_UP(size, PAGE_SIZE), i;
	struct page *page;

	if (!size)
		return NULL;
	/* Screened as the caller wrote it; a size above the largest block refused before
	 * get_order() could overflow. */
	if (!alloc_request_ok(gfp, size > (PAGE_SIZE << (MAX_ORDER - 1)) ? MAX_ORDER : 0,
			      NUMA_NO_NODE, "alloc_pages_exact"))
		return NULL;
	if (WARN_ON_ONCE(gfp & (__GFP_COMP | __GFP_HIGHMEM)))
		gfp &= ~(__GFP_COMP | __GFP_HIGHMEM);
	page = alloc_pages_caller(gfp, order, numa_node_id(), NULL, _RET_IP_);
	if (!page)
		return NULL;
	split_page(page, order);
	for (i = nr; i < (1UL << order); i++)
		free_pages_caller(page + i, 0, _RET_IP_);
	return page_address(page);
}

void free_pages_exact(void *virt, size_t size)
{
	unsigned long addr = (unsigned long)virt, end = addr + ALIGN(size, PAGE_SIZE);

	if (!virt || !virt_addr_valid(virt) || !IS_ALIGNED(addr, PAGE_SIZE)) {
		bad_page(NULL, "free_pages_exact of an address that is not a page", _RET_IP_);
		return;
	}
	for (; addr < end; addr += PAGE_SIZE)
		free_pages_caller(virt_to_page((void *)addr), 0, _RET_IP_);
}

/* The general case of __alloc_pages_bulk(): any node mask, zeroing, tracing, debugging, a
 * zonelist walk to the first zone above the mark. */
static __noinline unsigned long alloc_pages_bulk_full(gfp_t gfp, int preferred_nid,
						      nodemask_t *nodemask, unsigned long nr_pages,
						      struct list_head *page_list,
						      struct page **page_array, unsigned long caller)
{
	struct alloc_context ac;
	struct zoneref *z;
	struct zone *zone;
	struct per_cpu_pages *pcp;
	unsigned long nr_populated = 0, nr_account = 0, want;
	unsigned int alloc_flags = ALLOC_WMARK_LOW;
	struct page *page, *next;
	unsigned long slot = 0;
	struct list_head *list;
	LIST_HEAD(got);
	unsigned int cpu;
	bool direct, plain;
	int nid, taken = 0;

	/* Slots already filled count as populated, as in Linux. */
	for (want = 0, nr_populated = 0; page_array && nr_populated < nr_pages; nr_populated++)
		if (!page_array[nr_populated])
			want++;
	if (!page_array)
		want = nr_pages;
	nr_populated = page_array ? nr_pages - want : 0;
	if (!want)
		return nr_populated;
	if (want == 1)
		goto failed;
	nid = preferred_nid;
	prepare_alloc_pages(&gfp, 0, &nid, nodemask, &ac);
	if (ac.migratetype == MIGRATE_MOVABLE)
		alloc_flags |= ALLOC_CMA;
	if (unlikely(cpusets_enabled()))
		alloc_flags |= prepare_alloc_cpuset(&ac, &gfp);
	/* The first zone that passes the watermark with room for the whole batch. */
	z = ac.preferred_zoneref;
	for_next_zone_zonelist_nodemask(zone, z, ac.highest_zoneidx, ac.nodemask) {
		unsigned long mark = zone->_watermark[alloc_flags & ALLOC_WMARK_MASK] + want;

		if (cpusets_enabled() && (alloc_flags & ALLOC_CPUSET) && !__cpuset_zone_allowed(zone, gfp))
			continue;

		if (zone_watermark_fast(zone, 0, mark, (int)ac.highest_zoneidx, alloc_flags))
			break;
	}
	if (!zone)
		goto failed;
	cpu = smp_processor_id();
	pcp = &zone->pcp[cpu];
	if (!pcp_lock(pcp, cpu))
		goto failed;
	/* As Linux: the pages are prepared and handed out under the list's lock, in one pass. Only
	 * zeroing and tracing wait for the lock's release (a second pass over `got`). */
	direct = !(gfp & __GFP_ZERO) && !mm_trace_enabled;
	/* Without poisoning or page_owner, preparing an order-0 page is three stores. */
	plain = direct && !mm_page_poison && !mm_page_owner;
	list = &pcp->lists[ac.migratetype];
	while (nr_account < want) {
		if (list_empty(list)) {
			/* Refill with what this call still needs, not just one batch: one zone lock
			 * round trip for the whole request. */
			int n = max(pcp->batch, (int)(want - nr_account));

			pcp->count += rmqueue_bulk(zone, 0, n, list, ac.migratetype, alloc_flags);
			if (list_empty(list))
				break;
		}
		page = list_first_entry(list, struct page, lru);
		list_del(&page->lru);
		taken++;
		if (unlikely(check_new_page(page)))
			continue;
		nr_account++;
		if (unlikely(!direct)) {
			list_add_tail(&page->lru, &got);
			continue;
		}
		if (likely(plain)) {
			page->private = 0;
			page->alloc_order = 0;
			set_page_count(page, 1);
		} else {
			prep_new_page(page, 0, gfp, caller);
		}
		if (page_list) {
			list_add_tail(&page->lru, page_list);
		} else {
			while (page_array[slot])
				slot++;
			page_array[slot] = page;
		}
	}
	pcp->count -= taken;
	spin_unlock(&pcp->lock);
	if (!nr_account)
		goto failed;
	zone_statistics(ac.preferred_zoneref->zone, zone, nr_account);
	count_vm_events_this(PGALLOC_DMA + zone->idx, nr_account);
	nr_populated += nr_account;
	list_for_each_entry_safe(page, next, &got, lru) {
		list_del(&page->lru);
		prep_new_page(page, 0, gfp, caller);
		if (unlikely(mm_trace_enabled))
			mm_trace_record(TRACE_MM_PAGE_ALLOC, page, 0, gfp, ac.migratetype, caller);
		if (page_list) {
			list_add_tail(&page->lru, page_list);
		} else {
			while (page_array[slot])
				slot++;
			page_array[slot] = page;
		}
	}
	return nr_populated;
failed:
	page = alloc_pages_caller(gfp, 0, preferred_nid, nodemask, caller);
	if (page) {
		if (page_list) {
			list_add_tail(&page->lru, page_list);
		} else {
			unsigned long i;

			for (i = 0; i < nr_pages && page_array[i]; i++)
				;
			page_array[i] = page;
		}
		nr_populated++;
	}
	return nr_populated;
}

/* Link the chain first..last (through lru) in between prev and next. */
static __always_inline void list_link_chain(struct list_head *first, struct list_head *last,
					    struct list_head *prev, struct list_head *next)
{
	first->prev = prev;
	prev->next = first;
	last->next = next;
	next->prev = last;
}

/* The list was taken whole: start it again with what the request still needs, not just one
 * batch (one zone lock round trip for the whole request). Its first entry, or the list itself
 * when the zone had nothing. */
static __noinline struct list_head *bulk_refill(struct zone *zone, struct per_cpu_pages *pcp,
						 struct list_head *list, unsigned long mt,
						 unsigned long need)
{
	unsigned int alloc_flags = ALLOC_WMARK_LOW | (mt == MIGRATE_MOVABLE ? ALLOC_CMA : 0);

	INIT_LIST_HEAD(list);
	pcp->count += rmqueue_bulk(zone, 0, max(pcp->batch, (int)need), list, (int)mt, alloc_flags);
	return list->next;
}

/* An order-0 prep_new_page() without debugging features (fast_zone() is NULL with any on). */
static __always_inline void prep_bulk_page(struct page *page)
{
	page->private = 0;
	page->alloc_order = 0;
	set_page_count(page, 1);
}

/*
 * The common case of __alloc_pages_bulk(), Linux's: order-0 pages from the zone the order-0 fast
 * path would use (fast_zone(), with the LOW watermark plus the whole request tested once), under
 * one trylock of this hart's list. The pages come off the list's head as one run, cut off once
 * at the end (no unlink per page; the list variant gets the run spliced whole), and are counted
 * as fast-path allocations (folded into pgalloc and the NUMA counters when read). -1 when the full
 * path must decide, with nothing changed: zeroing, tracing, odd flags, no fast zone, below the
 * mark, the lists held, or not one page to be had.
 */
static long alloc_pages_bulk_fast(gfp_t gfp, int nid, unsigned long nr_pages,
				  unsigned long first, struct list_head *page_list,
				  struct page **page_array)
{
	unsigned long cpu = smp_processor_id(), want = nr_pages - first, filled = 0, got = 0;
	unsigned long cls, mt, i = first;
	struct zone *const *row = fast_cpu_zone[cpu];
	struct list_head *list, *pos, *run;
	struct per_cpu_pages *pcp;
	struct zone *zone;
	bool remote = false;

	if (unlikely((gfp & __GFP_ZERO) || mm_trace_enabled))
		return -1;
	if (nid != NUMA_NO_NODE) {
		row = fast_node_zone[nid];	/* alloc_request_ok() vetted nid */
		remote = nid != mm_cpu_node[cpu];
	}
	zone = fast_zone(gfp, row, (long)want, &cls);
	if (!zone)
		return -1;
	mt = cls >> 2;
	pcp = &zone->pcp[cpu];
	if (unlikely(!spin_trylock(&pcp->lock)))
		return -1;
	list = &pcp->lists[mt];
	pos = list->next;
	if (page_list) {
		for (run = pos; got < want; got++) {
			if (unlikely(pos == list)) {
				if (run != list)
					list_link_chain(run, list->prev, page_list->prev, page_list);
				run = pos = bulk_refill(zone, pcp, list, mt, want - got);
				if (pos == list)
					break;
			}
			prep_bulk_page(list_entry(pos, struct page, lru));
			pos = pos->next;
		}
		if (run != pos)
			list_link_chain(run, pos->prev, page_list->prev, page_list);
	} else {
		struct page **pp = page_array + first, **end = page_array + nr_pages;

		for (; pp < end; pp++) {
			struct page *page;

			if (unlikely(*pp)) {
				filled++;
				continue;
			}
			if (unlikely(pos == list)) {
				pos = bulk_refill(zone, pcp, list, mt, (unsigned long)(end - pp));
				if (pos == list)
					break;
			}
			page = list_entry(pos, struct page, lru);
			pos = pos->next;
			prep_bulk_page(page);
			*pp = page;
		}
		got = (unsigned long)(pp - page_array) - first - filled;
		i = (unsigned long)(pp - page_array);
	}
	/* Cut the run off the list. */
	list->next = pos;
	pos->prev = list;
	pcp->count -= (int)got;
	pcp->fast_alloc[remote] += got;
	spin_unlock(&pcp->lock);
	if (!got)
		return -1;	/* the zone was empty after all: the full path, which may reclaim */
	/* Stopped early (the zone ran dry): later filled slots still count as populated. */
	for (; page_array && i < nr_pages; i++)
		filled += page_array[i] != NULL;
	return (long)(first + filled + got);
}

unsigned long __alloc_pages_bulk(gfp_t gfp, int preferred_nid, nodemask_t *nodemask,
				 unsigned long nr_pages, struct list_head *page_list,
				 struct page **page_array)
{
	unsigned long first = 0;
	long got;

	if (!nr_pages || !mem_map || (!page_list && !page_array))
		return 0;
	if (!alloc_request_ok(gfp, 0, preferred_nid, "bulk allocation"))
		return 0;
	/* Leading slots already filled count as populated, as in Linux. */
	while (page_array && first < nr_pages && page_array[first])
		first++;
	if (first == nr_pages)
		return nr_pages;
	/* Linux: accounted bulk requests get one page from __alloc_pages, which charges it. */
	if (unlikely(gfp & __GFP_ACCOUNT) && memcg_kmem_enabled()) {
		struct page *page = alloc_pages_caller(gfp, 0, preferred_nid, nodemask, _RET_IP_);

		if (!page)
			return first;
		if (page_list) {
			list_add(&page->lru, page_list);
			return 1;
		}
		page_array[first] = page;
		return first + 1;
	}
	if (nr_pages - first > 1 && !nodemask) {
		got = alloc_pages_bulk_fast(gfp, preferred_nid, nr_pages, first, page_list, page_array);
		if (got >= 0)
			return (unsigned long)got;
	}
	return alloc_pages_bulk_full(gfp, preferred_nid, nodemask, nr_pages, page_list, page_array,
				     _RET_IP_);
}

unsigned long alloc_pages_bulk(gfp_t gfp, unsigned long nr_pages, struct page **page_array)
{
	return __alloc_pages_bulk(gfp, NUMA_NO_NODE, NULL, nr_pages, NULL, page_array);
}

unsigned long alloc_pages_bulk_list(gfp_t gfp, unsigned long nr_pages, struct list_head *list)
{
	return __alloc_pages_bulk(gfp, NUMA_NO_NODE, NULL, nr_pages, list, NULL);
}

/* One page as __free_pages() frees it, charged to the bulk call's caller. */
static void free_pages_bulk_one(struct page *page, unsigned long caller)
{
	enum free_fast_result r = free_order0_fast(page);

	if (r == FREE_FAST_POST)
		free_fast_post(page, caller);
	else if (r == FREE_FAST_PLACE)
		free_fast_place(page, caller);
	else if (r == FREE_FAST_FULL)
		free_pages_caller(page, 0, caller);
}

/* log2(sizeof(struct page)): a mem_map offset shifted right by this is a page index. */
#define PAGE_STRUCT_SHIFT 6
_Static_assert(sizeof(struct page) == 1UL << PAGE_STRUCT_SHIFT, "PAGE_STRUCT_SHIFT");

/*
 * free_pages_bulk()'s run: this hart's lists of one zone, held, and the pages freed to them so far
 * chained privately (newest first, the oldest's lru.next = &tail) until they are spliced onto the
 * list of their type, so a page costs two stores instead of list_add's four and its loads.
 */
struct bulk_free_run {
	struct per_cpu_pages *pcp;	/* held, or NULL */
	unsigned long zid;		/* page->flags >> NODES_PGSHIFT of its zone, ~0 when none */
	unsigned long pbmap;		/* its pageblock types, indexed by mem_map offset >> 15 */
	unsigned long mt;		/* the chain's list type */
	struct list_head *chain;	/* newest page, or the tail when the chain is empty */
	long room, room0;		/* pages left before `high`, now and when the run began */
};

static __always_inline void bulk_run_splice(struct bulk_free_run *r, struct list_head *tail)
{
	struct list_head *head = &r->pcp->lists[r->mt];

	if (r->chain == tail)
		return;
	/* list_add() page by page would have left the newest first: so does the chain. */
	list_link_chain(r->chain, tail->prev, head, head->next);
	r->chain = tail;
}

/* Settle the run's count and let the lists go. */
static __always_inline void bulk_run_end(struct bulk_free_run *r, struct list_head *tail)
{
	if (!r->pcp)
		return;
	bulk_run_splice(r, tail);
	r->pcp->count += (int)(r->room0 - r->room);
	r->pcp->fast_free += (unsigned long)(r->room0 - r->room);
	spin_unlock(&r->pcp->lock);
	r->pcp = NULL;
	r->zid = ~0UL;
}

/*
 * Linux's free_unref_page_list for an array: each page gets the order-0 fast free's checks and
 * its refcount's 1 -> 0, and the pages of one zone go to this hart's lists under one lock, their
 * count settled once per run. Anything the fast free would not take (bad input, extra references,
 * special pageblocks, pages the pre-zero pool wants, held lists) ends the run and goes through
 * free_pages_bulk_one(); so does every page with tracing on (each free is an event).
 */
__fastpath_leaf void free_pages_bulk(struct page **pages, unsigned long nr)
{
	const unsigned long caller = _RET_IP_, limit = READ_ONCE(fast_read.free_limit);
	const unsigned long base = (unsigned long)mem_map;
	struct bulk_free_run r = { .zid = ~0UL, .mt = MIGRATE_MOVABLE };
	struct list_head tail;

	if (unlikely(mm_trace_enabled)) {
		for (unsigned long i = 0; i < nr; i++)
			if (pages[i])
				free_pages_bulk_one(pages[i], caller);
		return;
	}
	r.chain = &tail;
	for (struct page **pp = pages, **end = pages + nr; pp < end; pp++) {
		struct page *page = *pp;
		unsigned long off = (unsigned long)page - base, flags, mt;

		/* NULL fails the range test too, and is skipped there. */
		if (unlikely(off >= limit || (off & (sizeof(struct page) - 1))))
			goto decline;
		flags = page_flags_read(&page->flags);
		/* flags & PAGEFLAGS_MASK as a shift: the mask would take a register. */
		if (unlikely((flags << (BITS_PER_LONG - NR_PAGEFLAGS)) || (page->compound_head & 1) ||
			     page->alloc_order))
			goto decline;
		if (unlikely((flags >> NODES_PGSHIFT) != r.zid)) {
			struct zone *zone = mm_zone_table[flags >> NODES_PGSHIFT];
			struct per_cpu_pages *pcp = &zone->pcp[smp_processor_id()];

			bulk_run_end(&r, &tail);
			if (!spin_trylock(&pcp->lock))
				goto decline;
			r.pcp = pcp;
			r.zid = flags >> NODES_PGSHIFT;
			/* mem_map starts on a MAX_ORDER block (mm_init's alloc_node_maps()), so a
			 * page's pageblock is its mem_map offset's, plus mem_map's first. */
			r.pbmap = zone->pageblock_mt_by_pfn + (mem_map_base_pfn >> pageblock_order);
			r.room = r.room0 = r.pcp->high - r.pcp->count;
		}
		/* get_pfnblock_migratetype() with the zone's map at hand. */
		mt = mm_load_relaxed((const u8 *)(r.pbmap + (off >> (PAGE_STRUCT_SHIFT + pageblock_order))));
		if (unlikely(mt != r.mt)) {
			/* r.mt is never a type the fast free declines: one test for the usual page.
			 * Unmovable pages may be wanted by the pre-zero pool. */
			if (mt >= MIGRATE_PCPTYPES ||
			    (mt == MIGRATE_UNMOVABLE && READ_ONCE(mm_capture_wanted)))
				goto decline;
			bulk_run_splice(&r, &tail);
			r.mt = mt;
		}
		if (unlikely(!page_ref_freeze(page, 1)))
			goto decline;
		page->list_mt = (u8)mt;
		page->lru.next = r.chain;
		r.chain->prev = &page->lru;
		r.chain = &page->lru;
		if (unlikely(--r.room <= 0)) {
			/* At `high`: the list gives a batch back, as after a fast free. */
			bulk_run_end(&r, &tail);
			free_fast_post(page, caller);
		}
		continue;
decline:
		if (!page)
			continue;
		bulk_run_end(&r, &tail);
		free_pages_bulk_one(page, caller);
	}
	bulk_run_end(&r, &tail);
}

/* ---------------------------------------------------------------- contiguous ranges */

/* Give [pfn, end) back to the buddy lists as the largest aligned blocks. Caller holds zone->lock. */
static void free_range_to_lists(struct zone *zone, unsigned long pfn, unsigned long end, int mt)
{
	while (pfn < end) {
		unsigned int order = 0;

		while (order < MAX_ORDER - 1 && !(pfn & (1UL << order)) && pfn + (2UL << order) <= end)
			order++;
		__free_one_page(pfn_to_page(pfn), pfn, zone, order, mt, false);
		pfn += 1UL << order;
	}
}

/* Pageblocks a contiguous request may take free pages from: not isolated, not the HIGHATOMIC
 * reserve, CMA only for movable requests. */
static bool contig_blocks_ok(struct zone *zone, unsigned long pfn, unsigned long nr, bool movable)
{
	for (unsigned long p = pfn; p < pfn + nr; p = ALIGN_DOWN(p, pageblock_nr_pages) + pageblock_nr_pages) {
		int mt = get_pfnblock_migratetype(zone, p);

		if (is_migrate_isolate(mt) || is_migrate_highatomic(mt) || (is_migrate_cma(mt) && !movable))
			return false;
	}
	return true;
}

/* Take the free pages [pfn, pfn + nr) out of the buddy lists (the free bitmap said they are all
 * free), splitting the blocks at the ends. Caller holds zone->lock. */
static void claim_free_range(struct zone *zone, unsigned long pfn, unsigned long nr)
{
	unsigned long end = pfn + nr, p = pfn;

	while (p < end) {
		unsigned long head = p;
		unsigned int o, order = 0;
		struct page *hp = NULL;
		int mt;

		for (o = 0; o < MAX_ORDER; o++) {
			head = p & ~((1UL << o) - 1);
			if (!zone_spans_pfn(zone, head))
				break;
			hp = pfn_to_page(head);
			if (PageBuddy(hp) && hp->private >= o && page_zone(hp) == zone)
				break;
			hp = NULL;
		}
		if (WARN_ON(!hp))	/* the bitmap and the lists disagree: mm_verify reports it */
			return;
		order = (unsigned int)hp->private;
		mt = hp->list_mt;
		account_free_range(zone, head, 1UL << order, -1, mt);
		del_page_from_free_list(hp, zone, order);
		free_range_to_lists(zone, head, pfn > head ? pfn : head, mt);
		free_range_to_lists(zone, end, head + (1UL << order) > end ? head + (1UL << order) : end, mt);
		p = head + (1UL << order);
	}
}

/* A free run of nr pages in zone, aligned to align pages (or less if the zone start is not),
 * taken out of the buddy lists; NULL if there is none or the zone would drop below its low
 * watermark. The search is the scan hook, i.e. the accelerator's SCAN where the driver registered
 * it, over the zone's free bitmap. */
static struct page *contig_from_zone(struct zone *zone, unsigned long nr, unsigned long align,
				     const struct alloc_context *ac)
{
	bool movable = ac->migratetype == MIGRATE_MOVABLE;
	unsigned long flags, mask = align - 1, start = 0, off;
	struct page *page = NULL;

	if (nr > zone->spanned_pages || !zone->free_bitmap)
		return NULL;
	/* The bitmap's index 0 is zone_start_pfn: an aligned index is an aligned pfn only up to the
	 * start's own alignment. */
	while (mask & zone->zone_start_pfn)
		mask >>= 1;
	spin_lock_irqsave(&zone->lock, flags);
	if (zone_watermark_ok(zone, 0, low_wmark_pages(zone) + nr, (int)ac->highest_zoneidx,
			      ALLOC_WMARK_LOW | (movable ? ALLOC_CMA : 0))) {
		while (start < zone->spanned_pages) {
			off = scan_ops->find_free_area(zone->free_bitmap, zone->spanned_pages, start, nr,
						       mask);
			if (off >= zone->spanned_pages || off + nr > zone->spanned_pages)
				break;
			if (contig_blocks_ok(zone, zone->zone_start_pfn + off, nr, movable)) {
				claim_free_range(zone, zone->zone_start_pfn + off, nr);
				page = pfn_to_page(zone->zone_start_pfn + off);
				break;
			}
			start = off + mask + 1;
		}
	}
	spin_unlock_irqrestore(&zone->lock, flags);
	return page;
}

/* Zero [pfn, pfn + nr) in the largest aligned blocks, so the engine gets long runs. */
static void zero_range(unsigned long pfn, unsigned long nr)
{
	for (unsigned long p = pfn; p < pfn + nr;) {
		unsigned int order = 0;

		while (order < MAX_ORDER - 1 && !(p & (1UL << order)) && p + (2UL << order) <= pfn + nr)
			order++;
		mm_zero_pages(pfn_to_page(p), order);
		p += 1UL << order;
	}
}

struct page *alloc_contig_pages(unsigned long nr_pages, gfp_t gfp, int nid, nodemask_t *nodemask)
{
	unsigned long caller = _RET_IP_, align = 1;
	struct alloc_context ac;
	struct zoneref *z;
	struct zone *zone;

	if (!nr_pages || !mem_map || nr_pages > totalram_pages)
		return NULL;
	if (!alloc_request_ok(gfp, 0, nid, "contiguous allocation"))
		return NULL;
	while (align * 2 <= nr_pages && align * 2 <= (1UL << (MAX_ORDER - 1)))
		align *= 2;
	prepare_alloc_pages(&gfp, 0, &nid, nodemask, &ac);
	/* Pages on per-CPU lists are not free in the bitmap: a second pass after draining them. */
	for (int pass = 0; pass < 2; pass++) {
		z = ac.preferred_zoneref;
		for_next_zone_zonelist_nodemask(zone, z, ac.highest_zoneidx, ac.nodemask) {
			struct page *page = contig_from_zone(zone, nr_pages, align, &ac);

			if (!page)
				continue;
			for (unsigned long i = 0; i < nr_pages; i++)
				prep_new_page(page + i, 0, gfp & ~__GFP_ZERO, caller);
			if (gfp & __GFP_ZERO)
				zero_range(page_to_pfn(page), nr_pages);
			count_vm_events_this(PGALLOC_DMA + zone->idx, nr_pages);
			zone_statistics(ac.preferred_zoneref->zone, zone, 1);
			if (unlikely(mm_trace_enabled))
				mm_trace_record(TRACE_MM_PAGE_ALLOC, page, 0, gfp, ac.migratetype, caller);
			return page;
		}
		if (!pass)
			drain_all_pages(NULL);
	}
	__count_vm_event(PGALLOC_FAIL);
	return NULL;
}

void free_contig_range(unsigned long pfn, unsigned long nr_pages)
{
	if (pfn + nr_pages < pfn || !pfn_valid(pfn) || (nr_pages && !pfn_valid(pfn + nr_pages - 1))) {
		bad_page(NULL, "free_contig_range outside mem_map", _RET_IP_);
		return;
	}
	for (unsigned long i = 0; i < nr_pages; i++)
		free_pages_caller(pfn_to_page(pfn + i), 0, _RET_IP_);
}

/* ---------------------------------------------------------------- compaction's free pages */

/* The free buddy block holding pfn: its head, or NULL. zone->lock held. */
static struct page *free_block_head(struct zone *zone, unsigned long pfn)
{
	for (unsigned int o = 0; o < MAX_ORDER; o++) {
		unsigned long head = pfn & ~((1UL << o) - 1);
		struct page *hp;

		if (!zone_spans_pfn(zone, head))
			return NULL;
		hp = pfn_to_page(head);
		if (PageBuddy(hp) && hp->private >= o && page_zone(hp) == zone)
			return hp;
	}
	return NULL;
}

/*
 * Compaction's free scanner takes the free block holding pfn (Linux __isolate_free_page, then
 * split_map_pages): out of the buddy lists while the zone keeps its min watermark plus the block,
 * then onto `list` as order-0 pages prepared as allocations, one reference each. Only a block that
 * lies inside [start, end) (the pageblock being scanned) on an ordinary list qualifies. Returns the
 * pages taken (0: pfn not free, or refused); *next_pfn gets the first pfn after the block.
 */
unsigned long isolate_free_block(struct zone *zone, unsigned long pfn, unsigned long start,
				 unsigned long end, struct list_head *list, unsigned long *next_pfn)
{
	unsigned long flags, head_pfn, nr = 0;
	unsigned int order = 0;
	struct page *hp;

	*next_pfn = pfn + 1;
	spin_lock_irqsave(&zone->lock, flags);
	hp = free_block_head(zone, pfn);
	if (hp) {
		order = (unsigned int)hp->private;
		head_pfn = page_to_pfn(hp);
		*next_pfn = head_pfn + (1UL << order);
		if (head_pfn >= start && *next_pfn <= end && !is_migrate_isolate(hp->list_mt) && !is_migrate_highatomic(hp->list_mt) &&
		    zone_watermark_ok(zone, 0, min_wmark_pages(zone) + (1UL << order), 0, ALLOC_CMA)) {
			account_free_range(zone, head_pfn, 1UL << order, -1, hp->list_mt);
			del_page_from_free_list(hp, zone, order);
			nr = 1UL << order;
		}
	}
	spin_unlock_irqrestore(&zone->lock, flags);
	for (unsigned long i = 0; i < nr; i++) {
		prep_new_page(hp + i, 0, 0, _RET_IP_);
		list_add_tail(&hp[i].lru, list);
	}
	return nr;
}

/* ---------------------------------------------------------------- addresses */

void *page_address(const struct page *page)
{
	if (unlikely(PageHighMem(page)))
		return READ_ONCE(page->virtual);
	return arch_phys_to_virt(page_to_phys(page));
}

bool virt_addr_valid(const void *addr)
{
	unsigned long pfn = (unsigned long)arch_virt_to_phys(addr) >> PAGE_SHIFT;

	return pfn_valid(pfn) && pfn < max_low_pfn;
}

struct page *virt_to_page(const void *addr)
{
	return pfn_to_page((unsigned long)arch_virt_to_phys(addr) >> PAGE_SHIFT);
}

static spinlock_t kmap_lock = SPIN_LOCK_UNLOCKED;

/* HIGHMEM pages get an address only while mapped: a slot of the pkmap window under Sv39
 * (arch/riscv/pgtable.c), the physical address in bare mode and on the host. NULL when the
 * window is full. */
void *kmap(struct page *page)
{
	unsigned long flags;
	void *va;

	if (!PageHighMem(page))
		return page_address(page);
	spin_lock_irqsave(&kmap_lock, flags);
	if (page->kmap_count == 0)
		WRITE_ONCE(page->virtual, arch_kmap_pfn(page_to_pfn(page)));
	va = page->virtual;
	if (va)
		page->kmap_count++;
	spin_unlock_irqrestore(&kmap_lock, flags);
	return va;
}

void kunmap(struct page *page)
{
	unsigned long flags;

	if (!PageHighMem(page))
		return;
	spin_lock_irqsave(&kmap_lock, flags);
	if (WARN_ON(page->kmap_count == 0)) {
		spin_unlock_irqrestore(&kmap_lock, flags);
		return;
	}
	if (--page->kmap_count == 0) {
		arch_kunmap(page->virtual);
		WRITE_ONCE(page->virtual, NULL);
	}
	spin_unlock_irqrestore(&kmap_lock, flags);
}
