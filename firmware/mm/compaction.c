// SPDX-License-Identifier: BSD-2-Clause
/*
 * Memory compaction (Linux mm/compaction.c, 6.1): compact_zone() runs the migration scanner up
 * from the zone start (isolate_migratepages: anonymous pages of movable pageblocks) and the free
 * scanner down from the zone end (isolate_freepages: free pages of movable pageblocks), and
 * migrate_pages() moves the first into the second, until compact_finished() sees a free block of
 * the wanted order or the scanners meet. try_to_compact_pages() is direct compaction over a
 * zonelist at a priority; deferral after failure, compaction_suitable() and the fragmentation
 * index gate it as in Linux. The state kept per zone (scanner positions, deferral) lives here,
 * not in struct zone, whose layout the allocator's fast path depends on. docs/mm.md "Compaction".
 */
#include <asm/timex.h>
#include <pagoda/init.h>
#include <pagoda/kthread.h>
#include <pagoda/printk.h>
#include <pagoda/wait.h>
#include <pagoda/string.h>
#include <mm/compaction.h>
#include <mm/mm.h>
#include <mm/mm_types.h>
#include "internal.h"

/* Linux sysctl_extfrag_threshold: below this index a failure is lack of memory, not fragments. */
#define EXTFRAG_THRESHOLD 500

enum isolate_migrate_t { ISOLATE_ABORT, ISOLATE_NONE, ISOLATE_SUCCESS };

struct zone_compact_state {
	unsigned long cached_migrate_pfn, cached_free_pfn;
	unsigned int considered, defer_shift;
	int order_failed;
};
static struct zone_compact_state zcs[MAX_NUMNODES][MAX_NR_ZONES];

enum compact_free_scan compact_free_scan_mode = COMPACT_SCAN_PFN;

static struct zone_compact_state *zstate(struct zone *zone)
{
	return &zcs[zone->node][zone->idx];
}

static unsigned long block_start(unsigned long pfn) { return ALIGN_DOWN(pfn, pageblock_nr_pages); }
static unsigned long block_end(unsigned long pfn) { return block_start(pfn) + pageblock_nr_pages; }

static void reset_cached_positions(struct zone *zone)
{
	struct zone_compact_state *s = zstate(zone);

	s->cached_migrate_pfn = zone->zone_start_pfn;
	s->cached_free_pfn = block_start(zone_end_pfn(zone) - 1);
}

void compaction_zone_reset(struct zone *zone)
{
	memset(zstate(zone), 0, sizeof(*zstate(zone)));
	reset_cached_positions(zone);
}

void compaction_reset(void)
{
	memset(zcs, 0, sizeof(zcs));
	compact_free_scan_mode = COMPACT_SCAN_PFN;
	anon_reset();
}

/* ---------------------------------------------------------------- deferral */

void defer_compaction(struct zone *zone, int order)
{
	struct zone_compact_state *s = zstate(zone);

	s->considered = 0;
	if (++s->defer_shift > COMPACT_MAX_DEFER_SHIFT)
		s->defer_shift = COMPACT_MAX_DEFER_SHIFT;
	if (order < s->order_failed)
		s->order_failed = order;
}

/* True while a recent failure at this order or below says not to try: 2^defer_shift attempts
 * are skipped after each failure, the shift growing with each one. */
bool compaction_deferred(struct zone *zone, int order)
{
	struct zone_compact_state *s = zstate(zone);
	unsigned int limit = 1U << s->defer_shift;

	if (order < s->order_failed)
		return false;
	if (++s->considered >= limit) {
		s->considered = limit;
		return false;
	}
	return true;
}

void compaction_defer_reset(struct zone *zone, int order, bool alloc_success)
{
	struct zone_compact_state *s = zstate(zone);

	if (alloc_success) {
		s->considered = 0;
		s->defer_shift = 0;
	}
	if (order >= s->order_failed)
		s->order_failed = order + 1;
}

bool compaction_restarting(struct zone *zone, int order)
{
	struct zone_compact_state *s = zstate(zone);

	return order >= s->order_failed && s->defer_shift == COMPACT_MAX_DEFER_SHIFT &&
	       s->considered >= 1U << s->defer_shift;
}

/* ---------------------------------------------------------------- suitability */

/* Linux __fragmentation_index: -1000 if a block of the order is free; towards 0 the failure is
 * lack of memory, towards 1000 fragmentation. 0 with no free block at all. */
int fragmentation_index(struct zone *zone, unsigned int order)
{
	unsigned long total = 0, suitable = 0, free_pages = 0;

	for (unsigned int o = 0; o < MAX_ORDER; o++) {
		unsigned long n = mm_load_relaxed(&zone->free_area[o].nr_free);

		total += n;
		free_pages += n << o;
		if (o >= order)
			suitable += n << (o - order);
	}
	if (!total)
		return 0;
	if (suitable)
		return -1000;
	return 1000 - (int)((1000 + free_pages * 1000 / (1UL << order)) / total);
}

/*
 * Linux compaction_suitable: SUCCESS if the allocation would succeed now; SKIPPED if the zone has
 * too few free pages to migrate into (the low mark for costly orders, else min, plus twice the
 * request: compact_gap); NOT_SUITABLE_ZONE for a costly order whose failure the fragmentation index
 * blames on lack of memory; else CONTINUE. Order -1 (compact everything) always continues.
 */
enum compact_result compaction_suitable(struct zone *zone, int order, unsigned int alloc_flags,
					enum zone_type highest_zoneidx)
{
	unsigned long mark;
	int fragindex;

	if (order < 0)
		return COMPACT_CONTINUE;
	mark = zone->_watermark[alloc_flags & ALLOC_WMARK_MASK];
	if (zone_watermark_ok(zone, (unsigned int)order, mark, (int)highest_zoneidx, alloc_flags))
		return COMPACT_SUCCESS;
	mark = order > PAGE_ALLOC_COSTLY_ORDER ? low_wmark_pages(zone) : min_wmark_pages(zone);
	mark += 2UL << order;
	if (!zone_watermark_ok(zone, 0, mark, (int)highest_zoneidx, ALLOC_CMA))
		return COMPACT_SKIPPED;
	if (order > PAGE_ALLOC_COSTLY_ORDER) {
		fragindex = fragmentation_index(zone, (unsigned int)order);
		if (fragindex >= 0 && fragindex <= EXTFRAG_THRESHOLD)
			return COMPACT_NOT_SUITABLE_ZONE;
	}
	return COMPACT_CONTINUE;
}

/* ---------------------------------------------------------------- free scanner */

/* Linux suitable_migration_target: movable (or CMA) pageblocks, and not a block that is free as a
 * whole already (splitting it would undo what compaction is for). */
static bool suitable_migration_target(struct zone *zone, unsigned long pfn)
{
	struct page *page = pfn_to_page(pfn);
	int mt = get_pfnblock_migratetype(zone, pfn);

	if (PageBuddy(page) && mm_load_relaxed(&page->private) >= pageblock_order)
		return false;
	return mt == MIGRATE_MOVABLE || is_migrate_cma(mt);
}

/* One pageblock's free pages into cc->freepages, until there are as many as pages to migrate. */
static void isolate_freepages_block(struct compact_control *cc, unsigned long start,
				    unsigned long end)
{
	struct zone *zone = cc->zone;
	unsigned long pfn = start, next, got, scanned = 0, isolated = 0;

	while (pfn < end && cc->nr_freepages < cc->nr_migratepages) {
		if (compact_free_scan_mode == COMPACT_SCAN_BITMAP) {
			/* The next free page at or after pfn, by the bitmap (the scan hook). */
			unsigned long off = zone_find_free_area(zone, pfn - zone->zone_start_pfn, 1, 0);

			scanned++;
			if (off >= zone->spanned_pages || zone->zone_start_pfn + off >= end)
				break;
			pfn = zone->zone_start_pfn + off;
		} else {
			struct page *page = pfn_to_page(pfn);

			scanned++;
			if (!PageBuddy(page)) {	/* a hint: isolate_free_block checks under the lock */
				pfn++;
				continue;
			}
		}
		got = isolate_free_block(zone, pfn, start, end, &cc->freepages, &next);
		isolated += got;
		cc->nr_freepages += (unsigned int)got;
		pfn = next;
	}
	cc->total_free_scanned += scanned;
	count_vm_events(COMPACTFREE_SCANNED, scanned);
	count_vm_events(COMPACTISOLATED, isolated);
}

/* Linux isolate_freepages: pageblocks from cc->free_pfn down to the one after the migration
 * scanner's. */
static void isolate_freepages(struct compact_control *cc)
{
	unsigned long low = block_end(cc->migrate_pfn), pfn = cc->free_pfn;
	struct zone *zone = cc->zone;

	for (; pfn >= low && pfn >= zone->zone_start_pfn; pfn -= pageblock_nr_pages) {
		unsigned long start = pfn < zone->zone_start_pfn ? zone->zone_start_pfn : pfn;
		unsigned long end = block_end(pfn) < zone_end_pfn(zone) ? block_end(pfn) :
				    zone_end_pfn(zone);

		if (!suitable_migration_target(zone, start))
			continue;
		isolate_freepages_block(cc, start, end);
		if (cc->nr_freepages >= cc->nr_migratepages)
			break;	/* this block may have more: the next round starts here again */
		if (pfn < pageblock_nr_pages)
			break;
	}
	cc->free_pfn = pfn;
}

/* migrate_pages()'s new_page_t and free_page_t over the isolated free pages. */
static struct page *compaction_alloc(struct page *page, unsigned long data)
{
	struct compact_control *cc = (struct compact_control *)data;
	struct page *freepage;

	(void)page;
	if (list_empty(&cc->freepages)) {
		isolate_freepages(cc);
		if (list_empty(&cc->freepages))
			return NULL;
	}
	freepage = list_first_entry(&cc->freepages, struct page, lru);
	list_del(&freepage->lru);
	cc->nr_freepages--;
	return freepage;
}

static void compaction_free(struct page *page, unsigned long data)
{
	struct compact_control *cc = (struct compact_control *)data;

	list_add(&page->lru, &cc->freepages);
	cc->nr_freepages++;
}

static void release_freepages(struct compact_control *cc)
{
	while (!list_empty(&cc->freepages)) {
		struct page *page = list_first_entry(&cc->freepages, struct page, lru);

		list_del(&page->lru);
		__free_page(page);
	}
	cc->nr_freepages = 0;
}

/* ---------------------------------------------------------------- migration scanner */

/* Linux suitable_migration_source: async direct compaction takes only pageblocks of the request's
 * kind (movable ones here); sync compaction any type, since movable pages stray by fallback. */
static bool suitable_migration_source(struct compact_control *cc, unsigned long pfn)
{
	int mt = get_pfnblock_migratetype(cc->zone, pfn);

	if (is_migrate_isolate(mt) || is_migrate_highatomic(mt))
		return false;
	if (cc->ignore_block_suitable)
		return true;
	return mt == MIGRATE_MOVABLE || is_migrate_cma(mt);
}

/*
 * Linux isolate_migratepages: from cc->migrate_pfn to the end of its pageblock (skipping blocks
 * that are no source), isolating anonymous pages on their owners' lists until COMPACT_CLUSTER_MAX.
 * Free blocks are stepped over by their order (read without the lock: a hint, bounded).
 */
static enum isolate_migrate_t isolate_migratepages(struct compact_control *cc)
{
	struct zone *zone = cc->zone;
	unsigned long pfn = cc->migrate_pfn, end, scanned = 0;

	while (pfn < cc->free_pfn && !suitable_migration_source(cc, pfn))
		pfn = block_end(pfn);
	if (pfn >= cc->free_pfn || pfn >= zone_end_pfn(zone)) {
		cc->migrate_pfn = pfn;
		return ISOLATE_NONE;
	}
	end = block_end(pfn) < zone_end_pfn(zone) ? block_end(pfn) : zone_end_pfn(zone);
	for (; pfn < end && cc->nr_migratepages < COMPACT_CLUSTER_MAX; pfn++) {
		struct page *page = pfn_to_page(pfn);

		scanned++;
		if (PageBuddy(page)) {
			unsigned long order = mm_load_relaxed(&page->private);

			if (order < MAX_ORDER)
				pfn += (1UL << order) - 1;
			continue;
		}
		if (!PageAnon(page) || !PageLRU(page))
			continue;
		if (isolate_anon_page(page)) {
			list_add_tail(&page->lru, &cc->migratepages);
			cc->nr_migratepages++;
		}
	}
	cc->migrate_pfn = pfn > end ? end : pfn;
	cc->total_migrate_scanned += scanned;
	count_vm_events(COMPACTMIGRATE_SCANNED, scanned);
	count_vm_events(COMPACTISOLATED, cc->nr_migratepages);
	return cc->nr_migratepages ? ISOLATE_SUCCESS : ISOLATE_NONE;
}

/* ---------------------------------------------------------------- compact_zone */

static bool compact_scanners_met(struct compact_control *cc)
{
	return block_start(cc->free_pfn) <= block_start(cc->migrate_pfn);
}

/* Linux __compact_finished: the scanners met, or (direct compaction) a free block of the order
 * is on a list the request may take from: its own type, CMA for movable requests, or a whole
 * pageblock it could steal. */
static enum compact_result compact_finished(struct compact_control *cc)
{
	struct zone *zone = cc->zone;

	if (compact_scanners_met(cc)) {
		reset_cached_positions(zone);
		return cc->whole_zone ? COMPACT_COMPLETE : COMPACT_PARTIAL_SKIPPED;
	}
	if (cc->order < 0)
		return COMPACT_CONTINUE;
	if (cc->contended)
		return COMPACT_CONTENDED;
	for (int o = cc->order; o < MAX_ORDER; o++) {
		struct free_area *area = &zone->free_area[o];

		if (mm_load_relaxed(&area->nr_free_mt[cc->migratetype]))
			return COMPACT_SUCCESS;
		if (cc->migratetype == MIGRATE_MOVABLE &&
		    mm_load_relaxed(&area->nr_free_mt[MIGRATE_CMA]))
			return COMPACT_SUCCESS;
		if (o >= (int)pageblock_order &&
		    (mm_load_relaxed(&area->nr_free_mt[MIGRATE_MOVABLE]) ||
		     mm_load_relaxed(&area->nr_free_mt[MIGRATE_UNMOVABLE]) ||
		     mm_load_relaxed(&area->nr_free_mt[MIGRATE_RECLAIMABLE])))
			return COMPACT_SUCCESS;
	}
	return COMPACT_CONTINUE;
}

static void compact_zone_start(struct compact_control *cc)
{
	struct zone_compact_state *s = zstate(cc->zone);
	struct zone *zone = cc->zone;
	unsigned long start = zone->zone_start_pfn, last = block_start(zone_end_pfn(zone) - 1);

	if (!s->cached_free_pfn || compaction_restarting(zone, cc->order))
		reset_cached_positions(zone);
	cc->migrate_pfn = cc->whole_zone ? start : s->cached_migrate_pfn;
	cc->free_pfn = cc->whole_zone ? last : s->cached_free_pfn;
	if (cc->free_pfn < start || cc->free_pfn > last)
		cc->free_pfn = last;
	if (cc->migrate_pfn < start || cc->migrate_pfn > last)
		cc->migrate_pfn = start;
	if (cc->migrate_pfn == start && cc->free_pfn == last)
		cc->whole_zone = true;
	INIT_LIST_HEAD(&cc->freepages);
	INIT_LIST_HEAD(&cc->migratepages);
	cc->nr_freepages = cc->nr_migratepages = 0;
}

enum compact_result compact_zone(struct compact_control *cc)
{
	struct zone *zone = cc->zone;
	enum compact_result ret;
	unsigned long last_order_block = ~0UL;

	ret = compaction_suitable(zone, cc->order, cc->alloc_flags, cc->highest_zoneidx);
	if (ret == COMPACT_SUCCESS || ret == COMPACT_SKIPPED || ret == COMPACT_NOT_SUITABLE_ZONE)
		return ret;
	compact_zone_start(cc);
	/* Pages parked on per-CPU lists are not free to the scanners (Linux lru_add_drain and the
	 * drain when the migration scanner leaves an order-aligned block). */
	drain_all_pages(zone);
	while ((ret = compact_finished(cc)) == COMPACT_CONTINUE) {
		unsigned int failed, moved = 0;

		if (isolate_migratepages(cc) != ISOLATE_SUCCESS)
			continue;
		failed = (unsigned int)migrate_pages(&cc->migratepages, compaction_alloc,
						     compaction_free, (unsigned long)cc, cc->mode,
						     &moved);
		cc->nr_migrated += moved;
		cc->nr_migrate_failed += failed;
		cc->nr_migratepages = 0;
		if (failed) {
			bool no_target = !list_empty(&cc->migratepages) && list_empty(&cc->freepages);

			putback_movable_pages(&cc->migratepages);
			if (no_target && compact_scanners_met(cc)) {
				ret = COMPACT_COMPLETE;
				break;
			}
			/* Async direct compaction: a block with an unmovable page cannot become
			 * free as a whole, skip the rest of its order-aligned block (Linux). */
			if (cc->direct_compaction && cc->mode == MIGRATE_ASYNC && cc->order > 0)
				cc->migrate_pfn = ALIGN(cc->migrate_pfn, 1UL << cc->order);
		}
		if (cc->order > 0 && cc->migrate_pfn >> cc->order != last_order_block) {
			last_order_block = cc->migrate_pfn >> cc->order;
			drain_local_pages(zone);
		}
	}
	putback_movable_pages(&cc->migratepages);
	release_freepages(cc);
	if (ret != COMPACT_COMPLETE && ret != COMPACT_PARTIAL_SKIPPED) {
		zstate(zone)->cached_migrate_pfn = cc->migrate_pfn;
		zstate(zone)->cached_free_pfn = cc->free_pfn;
	}
	return ret;
}

enum compact_result compact_zone_order(struct zone *zone, int order, gfp_t gfp,
				       enum compact_priority prio, unsigned int alloc_flags,
				       enum zone_type highest_zoneidx)
{
	struct compact_control cc = {
		.zone = zone, .order = order, .gfp_mask = gfp, .alloc_flags = alloc_flags,
		.migratetype = gfp_migratetype(gfp), .highest_zoneidx = highest_zoneidx,
		.mode = prio == COMPACT_PRIO_ASYNC ? MIGRATE_ASYNC : MIGRATE_SYNC_LIGHT,
		.whole_zone = prio == MIN_COMPACT_PRIORITY,
		.ignore_block_suitable = prio != COMPACT_PRIO_ASYNC,
		.direct_compaction = true,
	};

	return compact_zone(&cc);
}

/*
 * Linux try_to_compact_pages: each zone of the request's zonelist in turn, skipping deferred ones
 * (except at the lowest priority), until one has a block. A sync failure defers the zone. Only
 * requests that may do IO compact (gfp_compaction_allowed). With no anonymous page anywhere there
 * is nothing to move: skipped at once instead of scanning (Linux scans and finds nothing).
 */
enum compact_result try_to_compact_pages(gfp_t gfp, unsigned int order, unsigned int alloc_flags,
					 const struct alloc_context *ac, enum compact_priority prio)
{
	enum compact_result rc = COMPACT_SKIPPED;
	struct zoneref *z = ac->preferred_zoneref;
	struct zone *zone;

	if (!(gfp & __GFP_IO) || !mm_load_relaxed(&nr_anon_pages))
		return COMPACT_SKIPPED;
	for_next_zone_zonelist_nodemask(zone, z, ac->highest_zoneidx, ac->nodemask) {
		enum compact_result status;

		if (prio > MIN_COMPACT_PRIORITY && compaction_deferred(zone, (int)order)) {
			rc = rc > COMPACT_DEFERRED ? rc : COMPACT_DEFERRED;
			continue;
		}
		status = compact_zone_order(zone, (int)order, gfp, prio, alloc_flags,
					    ac->highest_zoneidx);
		rc = status > rc ? status : rc;
		if (status == COMPACT_SUCCESS) {
			compaction_defer_reset(zone, (int)order, false);
			break;
		}
		if (prio != COMPACT_PRIO_ASYNC &&
		    (status == COMPACT_COMPLETE || status == COMPACT_PARTIAL_SKIPPED))
			defer_compaction(zone, (int)order);
	}
	return rc;
}

/* ---------------------------------------------------------------- whole nodes, kcompactd */

void compact_node(int nid)
{
	if (nid < 0 || nid >= MAX_NUMNODES || !node_data[nid].online)
		return;
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		struct zone *zone = &node_data[nid].node_zones[z];
		struct compact_control cc = {
			.zone = zone, .order = -1, .mode = MIGRATE_SYNC, .whole_zone = true,
			.ignore_block_suitable = true, .highest_zoneidx = (enum zone_type)z,
		};

		if (!populated_zone(zone) || !managed_zone(zone))
			continue;
		compact_zone(&cc);
	}
}

void compact_nodes(void)
{
	for (int nid = 0; nid < MAX_NUMNODES; nid++)
		compact_node(nid);
}

bool kcompactd_node_suitable(int nid, int order, enum zone_type highest_zoneidx)
{
	if (nid < 0 || nid >= MAX_NUMNODES || !node_data[nid].online)
		return false;
	for (int z = 0; z <= (int)highest_zoneidx && z < MAX_NR_ZONES; z++) {
		struct zone *zone = &node_data[nid].node_zones[z];

		if (managed_zone(zone) &&
		    compaction_suitable(zone, order, ALLOC_WMARK_MIN, highest_zoneidx) ==
		    COMPACT_CONTINUE)
			return true;
	}
	return false;
}

void kcompactd_do_work(int nid, int order, enum zone_type highest_zoneidx)
{
	if (nid < 0 || nid >= MAX_NUMNODES || !node_data[nid].online || order < 0)
		return;
	for (int z = 0; z <= (int)highest_zoneidx && z < MAX_NR_ZONES; z++) {
		struct zone *zone = &node_data[nid].node_zones[z];
		struct compact_control cc = {
			.zone = zone, .order = order, .mode = MIGRATE_SYNC_LIGHT,
			.ignore_block_suitable = true, .highest_zoneidx = (enum zone_type)z,
			.migratetype = MIGRATE_MOVABLE, .alloc_flags = ALLOC_WMARK_MIN,
		};
		enum compact_result status;

		if (!managed_zone(zone) || compaction_deferred(zone, order))
			continue;
		status = compact_zone(&cc);
		count_vm_events(KCOMPACTD_MIGRATE_SCANNED, cc.total_migrate_scanned);
		count_vm_events(KCOMPACTD_FREE_SCANNED, cc.total_free_scanned);
		if (status == COMPACT_SUCCESS)
			compaction_defer_reset(zone, order, false);
		else if (status == COMPACT_PARTIAL_SKIPPED || status == COMPACT_COMPLETE)
			defer_compaction(zone, order);
	}
}

/*
 * kcompactd, one kernel thread per node (Linux kcompactd()/wakeup_kcompactd(), 6.1, without the
 * proactive-compaction timer). kswapd wakes it after balancing a node for a high-order request
 * (and wakeup_kswapd for a request that cannot reclaim itself on a node already balanced), with
 * the order and the highest zone; it runs kcompactd_do_work() for the largest order asked since
 * its last round and sleeps again. The request is kept in the node's kcompactd state (Linux
 * pgdat->kcompactd_max_order / kcompactd_highest_zoneidx), under a lock as wakers may run on any
 * hart.
 */
struct kcompactd_node {
	struct task_struct *task;
	struct wait_queue_head wait;
	spinlock_t lock;
	volatile int max_order;		/* 0: no request */
	enum zone_type highest_zoneidx;
	volatile bool sleeping;
};

static struct kcompactd_node kcompactd_nodes[MAX_NUMNODES];

void wakeup_kcompactd(int nid, int order, enum zone_type highest_zoneidx)
{
	struct kcompactd_node *kc;
	unsigned long flags;

	if (order <= 0 || nid < 0 || nid >= MAX_NUMNODES)
		return;
	kc = &kcompactd_nodes[nid];
	if (!kc->task)
		return;
	/*
	 * Linux records the request and then declines to wake a sleeping kcompactd for a node
	 * that is not suitable; its proactive-compaction timeout later clears the request. This
	 * kcompactd has no timeout, so a request recorded without a wake-up would stay pending
	 * under a sleeping thread: a sleeping kcompactd is only handed work it can do. A request
	 * recorded while it runs is taken by its next wait_event check.
	 */
	if (READ_ONCE(kc->sleeping) && !kcompactd_node_suitable(nid, order, highest_zoneidx))
		return;
	spin_lock_irqsave(&kc->lock, flags);
	if (kc->max_order < order)
		kc->max_order = order;
	if (kc->highest_zoneidx > highest_zoneidx)
		kc->highest_zoneidx = highest_zoneidx;
	spin_unlock_irqrestore(&kc->lock, flags);
	if (waitqueue_active(&kc->wait))
		wake_up_interruptible(&kc->wait);
}

static int kcompactd(void *arg)
{
	int nid = (int)(long)arg;
	struct kcompactd_node *kc = &kcompactd_nodes[nid];

	for (;;) {
		unsigned long flags;
		enum zone_type highest;
		int order;

		WRITE_ONCE(kc->sleeping, true);
		wait_event_interruptible(kc->wait, READ_ONCE(kc->max_order) > 0 ||
						   kthread_should_stop());
		WRITE_ONCE(kc->sleeping, false);
		if (kthread_should_stop())
			break;
		spin_lock_irqsave(&kc->lock, flags);
		order = kc->max_order;
		highest = kc->highest_zoneidx;
		spin_unlock_irqrestore(&kc->lock, flags);
		__count_vm_event(KCOMPACTD_WAKE);
		kcompactd_do_work(nid, order, highest);
		/* Requests that came in meanwhile for a larger order or a higher zone stay. */
		spin_lock_irqsave(&kc->lock, flags);
		if (kc->max_order <= order)
			kc->max_order = 0;
		if (kc->highest_zoneidx >= highest)
			kc->highest_zoneidx = MAX_NR_ZONES - 1;
		spin_unlock_irqrestore(&kc->lock, flags);
	}
	return 0;
}

int kcompactd_run(int nid)
{
	struct kcompactd_node *kc;

	if (nid < 0 || nid >= MAX_NUMNODES || !node_data[nid].online)
		return -EINVAL;
	kc = &kcompactd_nodes[nid];
	if (kc->task)
		return 0;
	init_waitqueue_head(&kc->wait);
	spin_lock_init(&kc->lock);
	kc->max_order = 0;
	kc->highest_zoneidx = MAX_NR_ZONES - 1;
	kc->task = kthread_create_on_node(kcompactd, (void *)(long)nid, nid, "kcompactd%d", nid);
	if (!kc->task) {
		pr_err("Failed to start kcompactd on node %d\n", nid);
		return -ENOMEM;
	}
	wake_up_process(kc->task);
	return 0;
}

void kcompactd_stop(int nid)
{
	struct kcompactd_node *kc = &kcompactd_nodes[nid];

	if (kc->task) {
		kthread_stop(kc->task);
		kc->task = NULL;
	}
}

struct task_struct *kcompactd_task(int nid)
{
	return nid >= 0 && nid < MAX_NUMNODES ? kcompactd_nodes[nid].task : NULL;
}

bool kcompactd_is_sleeping(int nid)
{
	struct kcompactd_node *kc = &kcompactd_nodes[nid];

	return kc->task && READ_ONCE(kc->sleeping) && !READ_ONCE(kc->max_order);
}

int kcompactd_init(void)
{
	int err = 0;

	for (int nid = 0; nid < MAX_NUMNODES; nid++)
		if (node_data[nid].online)
			err = err ? err : kcompactd_run(nid);
	return err;
}
device_initcall(kcompactd_init);

/* ---------------------------------------------------------------- reports */

void compaction_zone_info(struct zone *zone, struct compact_zone_info *info)
{
	struct zone_compact_state *s = zstate(zone);

	info->cached_migrate_pfn = s->cached_migrate_pfn;
	info->cached_free_pfn = s->cached_free_pfn;
	info->considered = s->considered;
	info->defer_shift = s->defer_shift;
	info->order_failed = s->order_failed;
}

void compaction_show(void)
{
	static const enum vm_event_item ev[] = {
		COMPACTSTALL, COMPACTSUCCESS, COMPACTFAIL, COMPACTMIGRATE_SCANNED,
		COMPACTFREE_SCANNED, COMPACTISOLATED, PGMIGRATE_SUCCESS, PGMIGRATE_FAIL,
	};
	unsigned int nr_mms;
	unsigned long rss = anon_total_rss(&nr_mms);

	for (unsigned int i = 0; i < sizeof(ev) / sizeof(ev[0]); i++)
		printk("%-24s %lu\n", vm_event_names[ev[i]], vm_event_sum(ev[i]));
	printk("anon pages %lu in %u address space(s); free scanner: %s\n", rss, nr_mms,
	       compact_free_scan_mode == COMPACT_SCAN_BITMAP ? "bitmap" : "pfn");
	for (int n = 0; n < MAX_NUMNODES; n++) {
		for (int z = 0; z < MAX_NR_ZONES; z++) {
			struct zone *zone = &node_data[n].node_zones[z];
			struct compact_zone_info ci;

			if (!node_data[n].online || !managed_zone(zone))
				continue;
			compaction_zone_info(zone, &ci);
			printk("Node %d, zone %8s: migrate_pfn %#lx free_pfn %#lx considered %u "
			       "defer_shift %u order_failed %d fragindex(9) %d\n", n, zone->name,
			       ci.cached_migrate_pfn, ci.cached_free_pfn, ci.considered,
			       ci.defer_shift, ci.order_failed,
			       fragmentation_index(zone, pageblock_order));
		}
	}
}
