// SPDX-License-Identifier: BSD-2-Clause
/*
 * Self-tests of reclaim (mm/vmscan.c) on QEMU and the SoC, checked through counters. The
 * reclaimable memory is a test cache of pages behind its own shrinker (what a driver's cache
 * would register); its scan callback records who reclaimed: kswapd (PF_KSWAPD) or the test task
 * itself (direct reclaim).
 */
#include <asm/timex.h>
#include <pagoda/kthread.h>
#include <pagoda/printk.h>
#include <pagoda/selftest.h>
#include <mm/mm.h>
#include <mm/shrinker.h>
#include <mm/vmscan.h>
#include "internal.h"

struct st_cache {
	spinlock_t lock;
	struct list_head pages;
	unsigned long nr;
	volatile bool allow;		/* the scan frees only while set */
	struct task_struct *watch;	/* the test task: its scans are direct reclaim */
	unsigned long kswapd_freed, watch_scans, other_scans;
	struct shrinker shrinker;
};

static struct st_cache stc;

static unsigned long stc_count(struct shrinker *s, struct shrink_control *sc)
{
	(void)s;
	(void)sc;
	return stc.allow ? READ_ONCE(stc.nr) : 0;
}

static unsigned long stc_scan(struct shrinker *s, struct shrink_control *sc)
{
	unsigned long freed = 0, flags;

	(void)s;
	if (current == stc.watch)
		stc.watch_scans++;
	else if (!(current->flags & PF_KSWAPD))
		stc.other_scans++;
	if (!stc.allow)
		return SHRINK_STOP;
	while (freed < sc->nr_to_scan) {
		struct page *page = NULL;

		spin_lock_irqsave(&stc.lock, flags);
		if (!list_empty(&stc.pages)) {
			page = list_first_entry(&stc.pages, struct page, lru);
			list_del(&page->lru);
			stc.nr--;
		}
		spin_unlock_irqrestore(&stc.lock, flags);
		if (!page)
			break;
		__free_pages(page, 0);
		freed++;
	}
	if (current->flags & PF_KSWAPD)
		__atomic_add_fetch(&stc.kswapd_freed, freed, __ATOMIC_RELAXED);
	return freed;
}

static void stc_add(struct page *page)
{
	unsigned long flags;

	spin_lock_irqsave(&stc.lock, flags);
	list_add_tail(&page->lru, &stc.pages);
	stc.nr++;
	spin_unlock_irqrestore(&stc.lock, flags);
}

static void stc_setup(void)
{
	spin_lock_init(&stc.lock);
	INIT_LIST_HEAD(&stc.pages);
	stc.nr = 0;
	stc.allow = false;
	stc.watch = current;
	stc.kswapd_freed = stc.watch_scans = stc.other_scans = 0;
	stc.shrinker = (struct shrinker){ .count_objects = stc_count, .scan_objects = stc_scan,
					  .seeks = DEFAULT_SEEKS, .batch = 32 };
	register_shrinker(&stc.shrinker, "st-cache");
}

/* Everything back to the allocator, the shrinker gone. */
static void stc_teardown(void)
{
	stc.allow = false;
	unregister_shrinker(&stc.shrinker);
	while (!list_empty(&stc.pages)) {
		struct page *page = list_first_entry(&stc.pages, struct page, lru);

		list_del(&page->lru);
		__free_pages(page, 0);
	}
	stc.nr = 0;
}

/* Fill the cache with `gfp` pages until an allocation fails, or kswapd is woken when asked. */
static unsigned long stc_fill(gfp_t gfp, bool until_wake)
{
	unsigned long start = vm_event_sum(KSWAPD_WAKE), n = 0;

	for (;;) {
		struct page *page = alloc_pages(gfp | __GFP_NOWARN, 0);

		if (!page)
			break;
		stc_add(page);
		n++;
		if (until_wake && vm_event_sum(KSWAPD_WAKE) != start)
			break;
	}
	return n;
}

/* Start (run) or stop every online node's kswapd. */
void st_kswapd_all(bool run)
{
	for (int nid = 0; nid < MAX_NUMNODES; nid++)
		if (node_data[nid].online) {
			if (run)
				kswapd_run(nid);
			else
				kswapd_stop(nid);
		}
}

/* The allocator's free count with every hart's per-CPU pages and empty slabs given back. */
unsigned long st_settled_free(void)
{
	for (int nid = 0; nid < MAX_NUMNODES; nid++)
		if (node_data[nid].online)
			shrink_slab(GFP_KERNEL, nid, 0);
	drain_all_pages(NULL);
	return global_free_pages();
}

/* Every kswapd asleep with no request waiting. */
bool st_all_kswapd_sleeping(void)
{
	for (int nid = 0; nid < MAX_NUMNODES; nid++)
		if (node_data[nid].online && !kswapd_is_sleeping(nid))
			return false;
	return true;
}

/* Is a zone of the node usable by GFP_KERNEL at or above its high mark (Linux pgdat_balanced)? */
bool st_node_balanced(int nid)
{
	for (int i = 0; i <= ZONE_NORMAL; i++) {
		struct zone *zone = &node_data[nid].node_zones[i];

		if (managed_zone(zone) &&
		    zone_watermark_ok(zone, 0, high_wmark_pages(zone), ZONE_NORMAL, 0))
			return true;
	}
	return false;
}

struct churn {
	volatile unsigned long allocs, fails;
};

/* Another hart's steady workload: up to 32 pages held, allocated and freed in turn. */
static int churn_fn(void *arg)
{
	struct churn *c = arg;
	struct page *held[32] = { 0 };
	unsigned int i = 0;

	while (!kthread_should_stop()) {
		if (held[i])
			__free_pages(held[i], 0);
		held[i] = alloc_pages(GFP_NOWAIT | __GFP_NOWARN, 0);
		if (held[i])
			c->allocs++;
		else
			c->fails++;
		i = (i + 1) % 32;
		if (!i)
			cond_resched();
	}
	for (i = 0; i < 32; i++)
		if (held[i])
			__free_pages(held[i], 0);
	return 0;
}

/*
 * Below the low watermark the slow path wakes kswapd; kswapd reclaims (here: the test cache,
 * through its shrinker) until the node is back above its high watermark, then sleeps again,
 * while the other harts (or, on one hart, another thread beside it) keep allocating.
 */
SELFTEST(kswapd_restores_high_watermark)
{
	static struct churn churn[NR_CPUS];
	struct task_struct *churners[NR_CPUS] = { 0 };
	unsigned long wake0, run0, scan0, steal0, filled, i;
	unsigned int cpu;
	int nid = numa_node_id();
	struct task_struct *ks = kswapd_task(nid);
	char err[128];

	if (!ks)
		ST_SKIP("no kswapd on node %d", nid);
	/* Asleep: each kswapd has run (right after boot it may not have yet) and set its flags. */
	for (i = 0; i < ST_WAIT_MS && !st_all_kswapd_sleeping(); i++)
		msleep(1);
	ST_ASSERT(st_all_kswapd_sleeping());
	ST_ASSERT((ks->flags & (PF_MEMALLOC | PF_KSWAPD | PF_KTHREAD)) ==
		  (PF_MEMALLOC | PF_KSWAPD | PF_KTHREAD));
	/* The other harts' workload first (on one hart: a thread beside the test), running. */
	for_each_online_cpu(cpu) {
		if (cpu == 0 && num_online_cpus() > 1)
			continue;
		churn[cpu].allocs = churn[cpu].fails = 0;
		churners[cpu] = kthread_run_on_cpu(churn_fn, &churn[cpu], cpu, "st-churn/%u", cpu);
		ST_ASSERT(churners[cpu]);
		for (i = 0; i < ST_WAIT_MS && !churn[cpu].allocs; i++)
			msleep(1);
		ST_ASSERT(churn[cpu].allocs);
	}
	wake0 = vm_event_sum(KSWAPD_WAKE);
	run0 = vm_event_sum(PAGEOUTRUN);
	scan0 = vm_event_sum(PGSCAN_KSWAPD);
	steal0 = vm_event_sum(PGSTEAL_KSWAPD);
	stc_setup();
	stc.allow = true;
	filled = stc_fill(GFP_NOWAIT, true);
	if (vm_event_sum(KSWAPD_WAKE) == wake0) {
		stc_teardown();
		ST_FAIL("%lu pages taken and kswapd never woken", filled);
	}
	/* Bounded: the kswapds' runs end (all asleep again, a pageoutrun counted) or it fails. */
	for (i = 0; i < 5000; i++) {
		if (vm_event_sum(PAGEOUTRUN) != run0 && st_all_kswapd_sleeping())
			break;
		msleep(1);
	}
	for (cpu = 0; cpu < NR_CPUS; cpu++)
		if (churners[cpu])
			kthread_stop(churners[cpu]);
	/*
	 * The churners' last frees sit in their harts' per-CPU lists, which the watermark check does
	 * not count as free (nor does kswapd's): kswapd stops at the high watermark with a margin of
	 * a few pages, so on QEMU's 4 harts those lists alone once left the node below it
	 * ("96 reclaimed by kswapd", then st_node_balanced failed). Back to the buddy lists first.
	 */
	drain_all_pages(NULL);
	stc.allow = false;
	if (i == 5000) {
		stc_teardown();
		ST_FAIL("kswapd still busy (%lu runs)", vm_event_sum(PAGEOUTRUN) - run0);
	}
	printk("kswapd: %lu pages filled, %lu reclaimed by kswapd, free %lu\n", filled,
	       stc.kswapd_freed, global_free_pages());
	for (int n = 0; n < MAX_NUMNODES; n++)
		if (node_data[n].online)
			ST_ASSERT(st_node_balanced(n));
	ST_ASSERT(stc.kswapd_freed > 0);
	ST_ASSERT(vm_event_sum(PGSTEAL_KSWAPD) - steal0 >= stc.kswapd_freed);
	ST_ASSERT(vm_event_sum(PGSCAN_KSWAPD) - scan0 >= stc.kswapd_freed);
	ST_ASSERT_EQ(stc.watch_scans, 0);	/* no direct reclaim by this test */
	stc_teardown();
	ST_ASSERT_EQ(mm_verify(err, sizeof(err)), 0);
	return 0;
}

/*
 * GFP_ATOMIC and GFP_NOWAIT wake kswapd but never sleep and never reclaim themselves, even with
 * memory at their limits: the task's switch counts, allocstall and the shrinker's record of who
 * scanned say so. GFP_KERNEL, in the same state, does direct reclaim (the check can fail), and a
 * reclaimer (PF_MEMALLOC) takes the reserves without reclaiming.
 */
SELFTEST(gfp_atomic_nowait_never_sleep_or_reclaim)
{
	static const gfp_t nosleep[] = { GFP_ATOMIC, GFP_NOWAIT };
	unsigned long filled;
	char err[128];

	stc_setup();
	/* Below min: NOWAIT fails first, then ATOMIC reaches its own deeper limit. */
	filled = stc_fill(GFP_NOWAIT, false);
	filled += stc_fill(GFP_ATOMIC, false);
	for (unsigned int i = 0; i < ARRAY_SIZE(nosleep); i++) {
		unsigned long sw = current->nvcsw + current->nivcsw;
		unsigned long stall = vm_event_sum(ALLOCSTALL), wake = vm_event_sum(KSWAPD_WAKE);
		struct page *page = alloc_pages(nosleep[i] | __GFP_NOWARN, 0);

		if (page)
			stc_add(page);
		/* kswapd is woken unless the node became hopeless meanwhile (Linux's rule). */
		bool woken = vm_event_sum(KSWAPD_WAKE) != wake ||
			     kswapd_failures(numa_node_id()) >= 16;

		if (current->nvcsw + current->nivcsw != sw || vm_event_sum(ALLOCSTALL) != stall ||
		    stc.watch_scans || !woken) {
			stc_teardown();
			ST_FAIL("gfp %#x: switches +%lu, allocstall +%lu, own scans %lu, kswapd wakes +%lu",
				nosleep[i], current->nvcsw + current->nivcsw - sw,
				vm_event_sum(ALLOCSTALL) - stall, stc.watch_scans,
				vm_event_sum(KSWAPD_WAKE) - wake);
		}
	}
	/* A reclaimer: the reserves, no reclaim of its own. */
	{
		unsigned long stall = vm_event_sum(ALLOCSTALL);
		unsigned int f = memalloc_noreclaim_save();
		struct page *page = alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0);

		memalloc_noreclaim_restore(f);
		if (page)
			stc_add(page);
		if (!page || vm_event_sum(ALLOCSTALL) != stall || stc.watch_scans) {
			stc_teardown();
			ST_FAIL("PF_MEMALLOC: page %p, allocstall +%lu, own scans %lu", page,
				vm_event_sum(ALLOCSTALL) - stall, stc.watch_scans);
		}
	}
	/* The control: GFP_KERNEL reclaims directly, from this task. */
	{
		unsigned long stall = vm_event_sum(ALLOCSTALL), steal = vm_event_sum(PGSTEAL_DIRECT);
		struct page *page;

		stc.allow = true;
		page = alloc_pages(GFP_KERNEL | __GFP_NORETRY | __GFP_NOWARN, 0);
		stc.allow = false;
		if (page)
			__free_pages(page, 0);
		/* The page itself may still be refused: NORETRY gives up after one reclaim of
		 * SWAP_CLUSTER_MAX pages, which need not lift the zone above min (Linux). */
		if (vm_event_sum(ALLOCSTALL) == stall || !stc.watch_scans ||
		    vm_event_sum(PGSTEAL_DIRECT) == steal) {
			stc_teardown();
			ST_FAIL("GFP_KERNEL: page %p, allocstall +%lu, own scans %lu (filled %lu)",
				page, vm_event_sum(ALLOCSTALL) - stall, stc.watch_scans, filled);
		}
	}
	stc_teardown();
	ST_ASSERT_EQ(mm_verify(err, sizeof(err)), 0);
	return 0;
}
