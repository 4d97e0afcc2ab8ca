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
 * What is reclaimable today is what the shrinkers offer (mm/shrinker.c: the slab caches' empty
 * slabs, and any cache that registers one): Pagoda has no LRU lists of file or anonymous pages
 * yet. Direct reclaim (try_to_free_pages, the slow path's hook) works the same way from the
 * allocating task, until SWAP_CLUSTER_MAX pages are freed.
 *
 * kswapd runs with PF_MEMALLOC | PF_KSWAPD, as Linux's: its own allocations may use the reserves
 * and never enter reclaim.
 */
#include <pagoda/kthread.h>
#include <pagoda/printk.h>
#include <pagoda/init.h>
#include <pagoda/wait.h>
#include <mm/mm.h>
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

	(void)gfp;
	if (!managed_zone(zone) || !ks->task)
		return;
	/* Hopeless node, or nothing to do: leave it to direct reclaim (Linux wakeup_kswapd). */
	if (READ_ONCE(ks->failures) >= MAX_RECLAIM_RETRIES ||
	    pgdat_balanced(pgdat, order, highest_zoneidx))
		return;
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

/* Linux balance_pgdat: shrink at falling priorities until the node is balanced. */
static void balance_pgdat(pg_data_t *pgdat, unsigned int order, enum zone_type highest_zoneidx)
{
	struct kswapd_node *ks = &kswapd_nodes[pgdat->node_id];
	unsigned long reclaimed = 0;

	__count_vm_event(PAGEOUTRUN);
	for (int priority = DEF_PRIORITY; priority >= 0; priority--) {
		unsigned long scanned = 0, freed;

		if (pgdat_balanced(pgdat, order, highest_zoneidx))
			break;
		freed = shrink_slab_scan(GFP_KERNEL, pgdat->node_id, priority, &scanned);
		count_vm_events(PGSCAN_KSWAPD, scanned);
		count_vm_events(PGSTEAL_KSWAPD, freed);
		reclaimed += freed;
		cond_resched();	/* cooperative: let the allocators of this hart run */
		if (kthread_should_stop())
			return;
	}
	if (reclaimed)
		WRITE_ONCE(ks->failures, 0);
	else if (!pgdat_balanced(pgdat, order, highest_zoneidx))
		WRITE_ONCE(ks->failures, ks->failures + 1);
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
		if (kswapd_take_request(ks, &order, &highest))
			balance_pgdat(pgdat, order, highest);
	}
	current->flags &= ~(PF_MEMALLOC | PF_KSWAPD);
	return 0;
}

/* Linux try_to_free_pages: the allocating task shrinks the nodes of its zonelist. */
static unsigned long try_to_free_pages(struct zonelist *zl, unsigned int order, gfp_t gfp,
				       nodemask_t *nodemask)
{
	unsigned long reclaimed = 0, scanned = 0;

	(void)order;
	for (int priority = DEF_PRIORITY; priority >= 0 && reclaimed < SWAP_CLUSTER_MAX; priority--) {
		unsigned long done_nodes = 0;
		struct zoneref *z;

		for (z = zl->_zonerefs; z->zone; z++) {
			int nid = zone_to_nid(z->zone);
			unsigned long freed;

			if ((done_nodes >> nid) & 1 || (nodemask && !node_isset(nid, nodemask)))
				continue;
			done_nodes |= 1UL << nid;
			freed = shrink_slab_scan(gfp, nid, priority, &scanned);
			if (freed)
				kswapd_reset_failures(nid);
			reclaimed += freed;
		}
	}
	count_vm_events(PGSCAN_DIRECT, scanned);
	count_vm_events(PGSTEAL_DIRECT, reclaimed);
	return reclaimed;
}

static const struct mm_slowpath_ops vmscan_ops = {
	.wakeup_kswapd = kswapd_wakeup,
	.try_to_free_pages = try_to_free_pages,
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
