// SPDX-License-Identifier: BSD-2-Clause
/*
 * Reclaim (Linux mm/vmscan.c): kswapd, one kernel thread per node, and direct reclaim.
 *
 * The page allocator's slow path calls wakeup_kswapd() for every node of its zonelist when a
 * request may wake it (__GFP_KSWAPD_RECLAIM) and the fast path's low watermark failed. kswapd
 * then reclaims until one zone of the node that the request could use is above its high
 * watermark for the request's order (Linux pgdat_balanced), at falling priorities
 * (DEF_PRIORITY .. 0), and goes back to sleep. A run that frees nothing counts a failure; after
 * MAX_RECLAIM_RETRIES of them the node is hopeless and kswapd is no longer woken for it, until a
 * reclaim frees something there again (Linux's kswapd_failures).
 *
 * What is reclaimable: the page cache's pages on the node's file LRU lists (mm/filemap.c;
 * shrink_node -> shrink_lruvec -> shrink_active_list / shrink_inactive_list, Linux's names) and
 * what the shrinkers offer (mm/shrinker.c: the slab caches' empty slabs, and any cache that
 * registers one). Anonymous pages have no swap to go to and are not scanned. Direct reclaim
 * (try_to_free_pages, the slow path's hook) works the same way from the allocating task, until
 * SWAP_CLUSTER_MAX pages are freed.
 *
 * Clean pages first: a reclaim runs its priorities once without writing anything (dirty pages met
 * at an inactive tail are rotated to the head), and only if that did not reclaim enough, again
 * with writeback, and only when the request allows it (__GFP_IO and __GFP_FS; otherwise the
 * dirty pages passed over count pgscan_skip_dirty). Writeback is a synchronous copy to the
 * RAM-disk, so the page is freed right after it (Linux: asynchronous, the page freed on a later
 * pass once PG_writeback clears; Linux's direct reclaim never writes file pages at all).
 *
 * kswapd runs with PF_MEMALLOC | PF_KSWAPD, as Linux's: its own allocations may use the reserves
 * and never enter reclaim.
 */
#include <pagoda/kthread.h>
#include <pagoda/printk.h>
#include <pagoda/init.h>
#include <pagoda/wait.h>
#include <mm/compaction.h>
#include <mm/cpuset.h>
#include <mm/memcontrol.h>
#include <mm/mm.h>
#include <mm/oom.h>
#include <mm/pagemap.h>
#include <mm/shrinker.h>
#include <mm/vmscan.h>
#include "internal.h"

#define SWAP_CLUSTER_MAX 32UL
#define MAX_RECLAIM_RETRIES 16

struct kswapd_node {
	struct task_struct *task;
	struct wait_queue_head wait;
	spinlock_t lock;		/* the request below: written by wakers in any context */
	bool pending;
	unsigned int order;
	enum zone_type highest_zoneidx;
	volatile int failures;
	volatile bool sleeping;
};

static struct kswapd_node kswapd_nodes[MAX_NUMNODES];

/* Linux struct scan_control, the fields Pagoda uses. */
struct scan_control {
	unsigned long nr_to_reclaim;
	unsigned long nr_reclaimed;	/* LRU pages and shrinker frees */
	unsigned long nr_scanned;
	gfp_t gfp_mask;
	int priority;
	bool may_writepage;		/* this pass may write dirty pages (if the gfp allows) */
	bool kswapd;
	struct mem_cgroup *target_mem_cgroup;	/* memcg reclaim: only this subtree's pages */
};

static bool may_write_dirty(const struct scan_control *sc)
{
	return sc->may_writepage && (sc->gfp_mask & __GFP_IO) && (sc->gfp_mask & __GFP_FS);
}

/*
 * Linux shrink_inactive_list + shrink_page_list for unmapped page-cache pages: from the tail,
 * clean pages are freed; a dirty one is written back first when the pass may write, else put back
 * at the head. PG_referenced alone does not save an unmapped page (Linux page_check_references:
 * it is reclaimed; mark_page_accessed's promotion to the active list is what protects it).
 */
static unsigned long shrink_inactive_list(unsigned long nr_to_scan, struct lruvec *lv,
					  struct scan_control *sc)
{
	unsigned long scanned = 0, reclaimed = 0;

	while (scanned < nr_to_scan && sc->nr_reclaimed + reclaimed < sc->nr_to_reclaim) {
		struct address_space *m;
		struct page *page = lru_isolate_tail_memcg(lv, LRU_INACTIVE_FILE,
							   sc->target_mem_cgroup, &m);

		if (!page)
			break;
		scanned++;
		mem_cgroup_page_event(page, MEMCG_PGSCAN, 1);
		if (PageDirty(page)) {
			if (!may_write_dirty(sc)) {
				if (!(sc->gfp_mask & __GFP_IO) || !(sc->gfp_mask & __GFP_FS))
					count_vm_events(PGSCAN_SKIP_DIRTY, 1);
				lru_putback(page, LRU_INACTIVE_FILE);
				spin_unlock(&m->lock);
				mapping_put(m);
				continue;
			}
			pageout_locked(m, page);
			count_vm_events(NR_VMSCAN_WRITE, 1);
		}
		mem_cgroup_page_event(page, MEMCG_PGSTEAL, 1);
		remove_mapping_locked(m, page);
		spin_unlock(&m->lock);
		mapping_put(m);
		__free_page(page);
		reclaimed++;
	}
	count_vm_events(sc->kswapd ? PGSCAN_KSWAPD : PGSCAN_DIRECT, scanned);
	count_vm_events(sc->kswapd ? PGSTEAL_KSWAPD : PGSTEAL_DIRECT, reclaimed);
	sc->nr_scanned += scanned;
	return reclaimed;
}

/* Linux shrink_active_list for unmapped file pages: the tail's pages go to the inactive head,
 * their referenced bit cleared (no PTE references to keep them active). */
static void shrink_active_list(unsigned long nr_to_scan, struct lruvec *lv,
			       struct scan_control *sc)
{
	unsigned long moved = 0;

	while (moved < nr_to_scan) {
		struct address_space *m;
		struct page *page = lru_isolate_tail_memcg(lv, LRU_ACTIVE_FILE,
							   sc->target_mem_cgroup, &m);

		if (!page)
			break;
		__ClearPageReferenced(page);
		lru_putback(page, LRU_INACTIVE_FILE);
		spin_unlock(&m->lock);
		mapping_put(m);
		moved++;
	}
	count_vm_events(PGREFILL, moved);
	count_vm_events(PGDEACTIVATE, moved);
}

/* Linux inactive_is_low for file pages: fewer inactive than active (Linux: a ratio of
 * sqrt(10 * size in GB), 1 below 1 GB, which is every Pagoda system). */
static bool inactive_is_low(const struct lruvec *lv)
{
	return READ_ONCE(lv->nr_pages[LRU_INACTIVE_FILE]) < READ_ONCE(lv->nr_pages[LRU_ACTIVE_FILE]);
}

/* Linux shrink_lruvec: size >> priority pages of each list per round (get_scan_count without
 * anon: nothing to balance against), the active list aged first when the inactive is low. A
 * memcg reclaim ages the group's active pages at every round: Linux compares the group's own
 * lists, which the node's shared lists here do not count apart. */
static void shrink_lruvec(struct lruvec *lv, struct scan_control *sc)
{
	unsigned long nr_active = READ_ONCE(lv->nr_pages[LRU_ACTIVE_FILE]) >> sc->priority;
	unsigned long nr_inactive = READ_ONCE(lv->nr_pages[LRU_INACTIVE_FILE]) >> sc->priority;

	if (sc->target_mem_cgroup || inactive_is_low(lv))
		shrink_active_list(max(nr_active, 1UL), lv, sc);
	sc->nr_reclaimed += shrink_inactive_list(nr_inactive, lv, sc);
}

/* Linux shrink_node: the node's LRU lists, then its shrinkers (slab). */
static void shrink_node(pg_data_t *pgdat, struct scan_control *sc)
{
	unsigned long scanned = 0, freed;

	shrink_lruvec(&pgdat->__lruvec, sc);
	freed = shrink_slab_scan(sc->gfp_mask, pgdat->node_id, sc->priority, &scanned);
	count_vm_events(sc->kswapd ? PGSCAN_KSWAPD : PGSCAN_DIRECT, scanned);
	count_vm_events(sc->kswapd ? PGSTEAL_KSWAPD : PGSTEAL_DIRECT, freed);
	sc->nr_reclaimed += freed;
	sc->nr_scanned += scanned;
}

/* Linux zone_reclaimable_pages: the zone's file LRU pages (no swap: anonymous pages don't
 * count), for should_reclaim_retry() and the node's kswapd hopelessness. */
static unsigned long zone_reclaimable_pages(struct zone *zone)
{
	return zone_lru_file_pages(zone);
}

/* Is there a zone of the node, up to highest_zoneidx, with `order` free above its high mark? */
static bool pgdat_balanced(pg_data_t *pgdat, unsigned int order, enum zone_type highest_zoneidx)
{
	bool any = false;

	for (int i = 0; i <= (int)highest_zoneidx; i++) {
		struct zone *zone = &pgdat->node_zones[i];

		if (!managed_zone(zone))
			continue;
		any = true;
		if (zone_watermark_ok(zone, order, high_wmark_pages(zone), (int)highest_zoneidx, 0))
			return true;
	}
	return !any;	/* nothing to balance: balanced by definition (Linux) */
}

static void kswapd_wakeup(struct zone *zone, gfp_t gfp, unsigned int order,
			  enum zone_type highest_zoneidx)
{
	pg_data_t *pgdat = zone->zone_pgdat;
	struct kswapd_node *ks = &kswapd_nodes[pgdat->node_id];
	unsigned long flags;

	if (!managed_zone(zone) || !ks->task)
		return;
	/* Hopeless node, or nothing to do: leave it to direct reclaim (Linux wakeup_kswapd). */
	if (READ_ONCE(ks->failures) >= MAX_RECLAIM_RETRIES ||
	    pgdat_balanced(pgdat, order, highest_zoneidx)) {
		/* Free memory may be there, too fragmented for the order: kcompactd decides. */
		if (!(gfp & __GFP_DIRECT_RECLAIM))
			wakeup_kcompactd(pgdat->node_id, (int)order, highest_zoneidx);
		return;
	}
	spin_lock_irqsave(&ks->lock, flags);
	if (!ks->pending || ks->order < order)
		ks->order = ks->pending ? max(ks->order, order) : order;
	if (!ks->pending || ks->highest_zoneidx < highest_zoneidx)
		ks->highest_zoneidx = highest_zoneidx;
	ks->pending = true;
	spin_unlock_irqrestore(&ks->lock, flags);
	__count_vm_event(KSWAPD_WAKE);
	wake_up_interruptible(&ks->wait);
}

static void kswapd_reset_failures(int nid)
{
	if (nid >= 0 && nid < MAX_NUMNODES && READ_ONCE(kswapd_nodes[nid].failures))
		WRITE_ONCE(kswapd_nodes[nid].failures, 0);
}

/*
 * Linux balance_pgdat: shrink at falling priorities until the node is balanced; a priority is
 * kept while it makes progress (Linux lowers it only when a round reclaims nothing). Clean pages
 * first: all priorities without writeback, then again with it. Returns the order it balanced
 * for: Linux drops a high order to 0 once reclaim has freed compact_gap(order) pages and leaves
 * the block to kcompactd; here a node already balanced at order 0 drops it at once (reclaim
 * would evict cache without making the block).
 */
static unsigned int balance_pgdat(pg_data_t *pgdat, unsigned int order,
				  enum zone_type highest_zoneidx)
{
	struct kswapd_node *ks = &kswapd_nodes[pgdat->node_id];
	unsigned long reclaimed = 0;

	__count_vm_event(PAGEOUTRUN);
	if (order && pgdat_balanced(pgdat, 0, highest_zoneidx))
		order = 0;
	for (int pass = 0; pass < 2; pass++) {
		for (int priority = DEF_PRIORITY; priority >= 0; priority--) {
			struct scan_control sc = { .gfp_mask = GFP_KERNEL, .priority = priority,
						   .may_writepage = pass == 1, .kswapd = true,
						   .nr_to_reclaim = SWAP_CLUSTER_MAX };

			if (pgdat_balanced(pgdat, order, highest_zoneidx))
				goto done;
			do {
				sc.nr_reclaimed = 0;
				shrink_node(pgdat, &sc);
				reclaimed += sc.nr_reclaimed;
				/* Linux kswapd_shrink_node: enough for compaction, check order 0. */
				if (order && reclaimed >= 2UL << order)
					order = 0;
				cond_resched();	/* cooperative: let the allocators of this hart run */
				if (kthread_should_stop())
					return order;
			} while (sc.nr_reclaimed && !pgdat_balanced(pgdat, order, highest_zoneidx));
		}
	}
done:
	if (reclaimed)
		WRITE_ONCE(ks->failures, 0);
	else if (!pgdat_balanced(pgdat, order, highest_zoneidx))
		WRITE_ONCE(ks->failures, ks->failures + 1);
	return order;
}

static bool kswapd_take_request(struct kswapd_node *ks, unsigned int *order,
				enum zone_type *highest_zoneidx)
{
	unsigned long flags;
	bool pending;

	spin_lock_irqsave(&ks->lock, flags);
	pending = ks->pending;
	*order = ks->order;
	*highest_zoneidx = ks->highest_zoneidx;
	ks->pending = false;
	spin_unlock_irqrestore(&ks->lock, flags);
	return pending;
}

static int kswapd(void *arg)
{
	pg_data_t *pgdat = arg;
	struct kswapd_node *ks = &kswapd_nodes[pgdat->node_id];

	current->flags |= PF_MEMALLOC | PF_KSWAPD;
	for (;;) {
		unsigned int order;
		enum zone_type highest;

		WRITE_ONCE(ks->sleeping, true);
		wait_event_interruptible(ks->wait, READ_ONCE(ks->pending) || kthread_should_stop());
		WRITE_ONCE(ks->sleeping, false);
		if (kthread_should_stop())
			break;
		if (!kswapd_take_request(ks, &order, &highest))
			continue;
		/* Linux kswapd_try_to_sleep: balanced at the order reclaimed for, kcompactd
		 * gets the order asked for. */
		if (pgdat_balanced(pgdat, balance_pgdat(pgdat, order, highest), highest))
			wakeup_kcompactd(pgdat->node_id, (int)order, highest);
	}
	current->flags &= ~(PF_MEMALLOC | PF_KSWAPD);
	return 0;
}

/* Linux try_to_free_pages: the allocating task shrinks the nodes of its zonelist until
 * SWAP_CLUSTER_MAX pages are freed; clean pages first, writeback only in the second pass and only
 * if the request allows IO and FS. */
static unsigned long try_to_free_pages(struct zonelist *zl, unsigned int order, gfp_t gfp,
				       nodemask_t *nodemask)
{
	unsigned long reclaimed = 0;

	(void)order;
	for (int pass = 0; pass < 2 && reclaimed < SWAP_CLUSTER_MAX; pass++) {
		if (pass == 1 && (!(gfp & __GFP_IO) || !(gfp & __GFP_FS)))
			break;
		for (int priority = DEF_PRIORITY; priority >= 0 && reclaimed < SWAP_CLUSTER_MAX;
		     priority--) {
			unsigned long done_nodes = 0;
			struct zoneref *z;

			for (z = zl->_zonerefs; z->zone; z++) {
				int nid = zone_to_nid(z->zone);
				struct scan_control sc = { .gfp_mask = gfp, .priority = priority,
							   .may_writepage = pass == 1,
							   .nr_to_reclaim = SWAP_CLUSTER_MAX - reclaimed };

				if ((done_nodes >> nid) & 1 || (nodemask && !node_isset(nid, nodemask)))
					continue;
				/* Linux shrink_zones: not a node the task's cpuset keeps it off. */
				if (!cpuset_zone_allowed(z->zone, GFP_KERNEL | __GFP_HARDWALL))
					continue;
				done_nodes |= 1UL << nid;
				if (pass == 1) {	/* the slab was shrunk in the first pass */
					sc.nr_reclaimed = 0;
					shrink_lruvec(&NODE_DATA(nid)->__lruvec, &sc);
				} else {
					shrink_node(NODE_DATA(nid), &sc);
				}
				if (sc.nr_reclaimed)
					kswapd_reset_failures(nid);
				reclaimed += sc.nr_reclaimed;
			}
		}
	}
	return reclaimed;
}

/*
 * Linux try_to_free_mem_cgroup_pages: the charging task reclaims memcg's subtree's page cache on
 * every node (no slab: Pagoda's shrinkers are not memcg-aware), clean pages first, writeback
 * in a second pass if the request allows IO and FS, until max(nr_pages, SWAP_CLUSTER_MAX) pages.
 * As a reclaimer (PF_MEMALLOC): its own allocations neither reclaim nor charge-block.
 */
unsigned long try_to_free_mem_cgroup_pages(struct mem_cgroup *memcg, unsigned long nr_pages,
					   gfp_t gfp)
{
	unsigned long want = max(nr_pages, SWAP_CLUSTER_MAX), reclaimed = 0;
	unsigned int noreclaim_flag;

	if (!memcg)
		return 0;
	noreclaim_flag = memalloc_noreclaim_save();
	for (int pass = 0; pass < 2 && reclaimed < want; pass++) {
		if (pass == 1 && (!(gfp & __GFP_IO) || !(gfp & __GFP_FS)))
			break;
		for (int priority = DEF_PRIORITY; priority >= 0 && reclaimed < want; priority--) {
			for (int nid = 0; nid < MAX_NUMNODES && reclaimed < want; nid++) {
				struct scan_control sc = { .gfp_mask = gfp, .priority = priority,
							   .may_writepage = pass == 1,
							   .nr_to_reclaim = want - reclaimed,
							   .target_mem_cgroup = memcg };

				if (!node_data[nid].online)
					continue;
				shrink_lruvec(&NODE_DATA(nid)->__lruvec, &sc);
				reclaimed += sc.nr_reclaimed;
			}
		}
	}
	memalloc_noreclaim_restore(noreclaim_flag);
	return reclaimed;
}

static const struct mm_slowpath_ops vmscan_ops = {
	.wakeup_kswapd = kswapd_wakeup,
	.try_to_free_pages = try_to_free_pages,
	.zone_reclaimable_pages = zone_reclaimable_pages,
	.out_of_memory = out_of_memory_gfp,
};

/* Start kswapd for a node (Linux kswapd_run); 0 or -12 (ENOMEM). */
int kswapd_run(int nid)
{
	struct kswapd_node *ks = &kswapd_nodes[nid];

	if (ks->task)
		return 0;
	init_waitqueue_head(&ks->wait);
	spin_lock_init(&ks->lock);
	ks->pending = false;
	ks->failures = 0;
	ks->task = kthread_create_on_node(kswapd, NODE_DATA(nid), nid, "kswapd%d", nid);
	if (!ks->task) {
		pr_err("Failed to start kswapd on node %d\n", nid);
		return -12;
	}
	wake_up_process(ks->task);
	return 0;
}

void kswapd_stop(int nid)
{
	struct kswapd_node *ks = &kswapd_nodes[nid];

	if (ks->task) {
		kthread_stop(ks->task);
		ks->task = NULL;
	}
}

struct task_struct *kswapd_task(int nid)
{
	return nid >= 0 && nid < MAX_NUMNODES ? kswapd_nodes[nid].task : NULL;
}

bool kswapd_is_sleeping(int nid)
{
	struct kswapd_node *ks = &kswapd_nodes[nid];

	return ks->task && READ_ONCE(ks->sleeping) && !READ_ONCE(ks->pending);
}

int kswapd_failures(int nid)
{
	return READ_ONCE(kswapd_nodes[nid].failures);
}

/* Every online node gets its kswapd, and the slow path its reclaim hooks. */
int kswapd_init(void)
{
	int err = 0;

	for (int nid = 0; nid < MAX_NUMNODES; nid++)
		if (node_data[nid].online)
			err = err ? err : kswapd_run(nid);
	mm_register_slowpath_ops(&vmscan_ops);
	return err;
}
device_initcall(kswapd_init);
