// SPDX-License-Identifier: BSD-2-Clause
/*
 * Benchmarks of the allocator's slow path for `make bench` (firmware only: kernel threads, the
 * OOM killer's tasks). Three groups, each case checking its own result (bench_fail() makes the
 * run fail rather than print a figure that measured something else):
 *
 *   reclaim  direct reclaim throughput: a file's page cache, clean or dirty, reclaimed by calls of
 *            the slow path's reclaim hook (mm/vmscan.c try_to_free_pages, as __perform_reclaim
 *            calls it) until none of it is left; pages reclaimed per cycle.
 *   kswapd   order-0 GFP_KERNEL allocation latency under a steady workload that grows the page
 *            cache one page per step with little memory free, with kswapd running and with it
 *            stopped (direct reclaim only): p50/p99/max cycles of the allocations.
 *   oom      a GFP_HIGHUSER_MOVABLE order-0 request with every page taken and nothing to reclaim:
 *            cycles from its start to the OOM kill and from the kill to its success.
 *
 * kswapd and the other threads keep running where a case does not stop them on purpose; the
 * scheduler is cooperative (pagoda/sched.h), so on a hart shared with kswapd it runs where the
 * workload yields (cond_resched), as in a Linux kernel without preemption.
 */
#include <pagoda/bench.h>
#include <pagoda/kthread.h>
#include <pagoda/printk.h>
#include <pagoda/sched.h>
#include <pagoda/string.h>
#include <mm/compaction.h>
#include <mm/mm.h>
#include <mm/mm_types.h>
#include <mm/oom.h>
#include <mm/pagemap.h>
#include <mm/shrinker.h>
#include <mm/vmscan.h>
#include "internal.h"

static u8 pbuf[PAGE_SIZE], rbuf[PAGE_SIZE];
static LIST_HEAD(held);

static void hold(struct page *p)
{
	list_add(&p->lru, &held);
}

static void release_held(void)
{
	while (!list_empty(&held)) {
		struct page *p = list_first_entry(&held, struct page, lru);

		list_del(&p->lru);
		__free_pages(p, 0);
	}
}

static void fill_pattern(unsigned long i)
{
	for (unsigned int w = 0; w < PAGE_SIZE / 8; w++)
		((u64 *)pbuf)[w] = ((u64)i * 0x9e3779b97f4a7c15ULL) ^ w;
}

/* ---------------------------------------------------------------- reclaim throughput */

#define RECLAIM_PAGES 1024UL

/*
 * A file of RECLAIM_PAGES pages written (and, for "clean", written back) so every page has its
 * RAM-disk block and known contents; then try_to_free_pages is called, as a reclaimer
 * (PF_MEMALLOC, as __perform_reclaim), until the file has no page cached. Checked: every page
 * reclaimed, written back exactly when dirty, the data read back intact, no page lost.
 */
static void bench_reclaim(bool dirty)
{
	const char *name = dirty ? "dirty-writeback" : "clean";
	unsigned long free0, wr, steal, scan, reclaimed = 0, calls = 0, lru_reclaimed, flags;
	struct zonelist *zl = node_zonelist(numa_node_id(), GFP_KERNEL);
	struct address_space *m;
	struct bench_counters s, e;
	unsigned int noreclaim;
	char extra[128];

	if (!mm_slowpath || !mm_slowpath->try_to_free_pages) {
		bench_fail("reclaim", name, "no reclaim hook registered");
		return;
	}
	st_kswapd_all(false);	/* every page reclaimed below is this task's */
	free0 = st_settled_free();
	m = ramfile_create(RECLAIM_PAGES);
	if (!m) {
		bench_fail("reclaim", name, "no memory for a %lu-page file", RECLAIM_PAGES);
		goto out;
	}
	for (unsigned long i = 0; i < RECLAIM_PAGES; i++) {
		fill_pattern(i);
		if (pagecache_write(m, i, pbuf, GFP_KERNEL)) {
			bench_fail("reclaim", name, "cannot write page %lu", i);
			goto out;
		}
	}
	if (!dirty)
		filemap_write_and_wait(m);
	wr = vm_event_sum(NR_VMSCAN_WRITE);
	steal = vm_event_sum(PGSTEAL_DIRECT);
	scan = vm_event_sum(PGSCAN_DIRECT);
	local_irq_save(flags);
	noreclaim = memalloc_noreclaim_save();
	s = bench_start();
	while (READ_ONCE(m->nrpages) && calls < 16 * RECLAIM_PAGES) {
		unsigned long r = mm_slowpath->try_to_free_pages(zl, 0, GFP_KERNEL, NULL);

		calls++;
		if (!r)
			break;
		reclaimed += r;
	}
	e = bench_end();
	memalloc_noreclaim_restore(noreclaim);
	local_irq_restore(flags);
	lru_reclaimed = RECLAIM_PAGES - m->nrpages;
	wr = vm_event_sum(NR_VMSCAN_WRITE) - wr;
	steal = vm_event_sum(PGSTEAL_DIRECT) - steal;
	scan = vm_event_sum(PGSCAN_DIRECT) - scan;
	if (m->nrpages) {
		bench_fail("reclaim", name, "%lu of %lu pages still cached after %lu calls", m->nrpages,
			   RECLAIM_PAGES, calls);
		goto out;
	}
	if (wr != (dirty ? RECLAIM_PAGES : 0) || steal < lru_reclaimed || reclaimed < lru_reclaimed) {
		bench_fail("reclaim", name, "written %lu, pgsteal %lu, returned %lu for %lu pages", wr,
			   steal, reclaimed, lru_reclaimed);
		goto out;
	}
	for (unsigned long i = 0; i < RECLAIM_PAGES; i++) {
		fill_pattern(i);
		if (pagecache_read(m, i, rbuf, GFP_KERNEL) || memcmp(pbuf, rbuf, PAGE_SIZE)) {
			bench_fail("reclaim", name, "page %lu does not read back as written", i);
			goto out;
		}
	}
	snprintf(extra, sizeof(extra), "unit=page calls=%lu written=%lu scanned=%lu other=%lu", calls,
		 wr, scan, reclaimed - lru_reclaimed);
	bench_report("reclaim", name, lru_reclaimed, s, e, extra);
out:
	ramfile_destroy(m);
	if (st_settled_free() != free0)
		bench_fail("reclaim", name, "free pages %lu after the case, %lu before",
			   st_settled_free(), free0);
	st_kswapd_all(true);
}

/* ---------------------------------------------------------------- kswapd and latency */

#define LAT_SAMPLES 4096U
#define LAT_MARGIN 64UL	/* pages above the low watermarks when the workload starts */

static u32 lat[LAT_SAMPLES];

static void sort_u32(u32 *a, unsigned int n)
{
	/* Shell sort (Ciura's gaps): no recursion, no allocation. */
	static const unsigned int gaps[] = { 701, 301, 132, 57, 23, 10, 4, 1 };

	for (unsigned int g = 0; g < ARRAY_SIZE(gaps); g++)
		for (unsigned int i = gaps[g]; i < n; i++) {
			u32 v = a[i];
			unsigned int j = i;

			for (; j >= gaps[g] && a[j - gaps[g]] > v; j -= gaps[g])
				a[j] = a[j - gaps[g]];
			a[j] = v;
		}
}

/* Free pages of the zones a GFP_KERNEL request may use, and the sum of their low watermarks. */
static unsigned long lowmem_free(unsigned long *low)
{
	unsigned long f = 0;

	*low = 0;
	for (int nid = 0; nid < MAX_NUMNODES; nid++)
		for (int z = 0; z <= ZONE_NORMAL; z++) {
			struct zone *zone = &node_data[nid].node_zones[z];

			if (!node_data[nid].online || !managed_zone(zone))
				continue;
			f += (unsigned long)zone_page_state(zone, NR_FREE_PAGES);
			*low += low_wmark_pages(zone) + zone->lowmem_reserve[ZONE_NORMAL];
		}
	return f;
}

/*
 * The workload: step i allocates an order-0 GFP_KERNEL page (timed: this is the sample), fills it
 * and adds it to a file's page cache at index i, then yields (cond_resched). The cache grows by a
 * page per step on memory held down to LAT_MARGIN pages above the low watermarks, so reclaim must
 * keep pace: kswapd in the background, or the allocations themselves (direct reclaim). 512 steps
 * warm up before the LAT_SAMPLES measured.
 */
static void bench_latency(bool with_kswapd)
{
	const char *name = with_kswapd ? "order0-with-kswapd" : "order0-direct-only";
	const unsigned int warm = 512, steps = warm + LAT_SAMPLES;
	unsigned long free0, low, stall, ksteal, dsteal, wakes, flags, sum = 0, fails = 0;
	struct address_space *m;
	struct bench_counters s, e;
	char extra[160];
	struct page *p;

	st_kswapd_all(with_kswapd);
	free0 = st_settled_free();
	m = ramfile_create(steps);
	if (!m) {
		bench_fail("kswapd", name, "no memory for a %u-page file", steps);
		goto out;
	}
	/* Hold memory down to the margin, without waking kswapd or reclaiming. */
	while (lowmem_free(&low) > low + LAT_MARGIN &&
	       (p = alloc_pages((GFP_KERNEL & ~__GFP_RECLAIM) | __GFP_NOWARN, 0)))
		hold(p);
	if (with_kswapd)
		for (int i = 0; i < 2000 && !st_all_kswapd_sleeping(); i++)
			msleep(1);
	stall = vm_event_sum(ALLOCSTALL);
	ksteal = vm_event_sum(PGSTEAL_KSWAPD);
	dsteal = vm_event_sum(PGSTEAL_DIRECT);
	wakes = vm_event_sum(KSWAPD_WAKE);
	local_irq_save(flags);
	for (unsigned int i = 0; i < steps; i++) {
		unsigned long t0, t1;

		if (i == warm) {
			stall = vm_event_sum(ALLOCSTALL);
			ksteal = vm_event_sum(PGSTEAL_KSWAPD);
			dsteal = vm_event_sum(PGSTEAL_DIRECT);
			wakes = vm_event_sum(KSWAPD_WAKE);
			s = bench_start();
		}
		t0 = get_cycles();
		p = alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0);
		t1 = get_cycles();
		if (!p) {
			fails++;
			continue;
		}
		if (i >= warm) {
			lat[i - warm] = (u32)min(t1 - t0, 0xffffffffUL);
			sum += t1 - t0;
		}
		memset(page_address(p), 0, PAGE_SIZE);
		SetPageUptodate(p);
		spin_lock(&m->lock);
		if (add_to_page_cache_lru(p, m, i)) {
			spin_unlock(&m->lock);
			__free_page(p);
			fails++;
			continue;
		}
		spin_unlock(&m->lock);
		cond_resched();
	}
	e = bench_end();
	local_irq_restore(flags);
	stall = vm_event_sum(ALLOCSTALL) - stall;
	ksteal = vm_event_sum(PGSTEAL_KSWAPD) - ksteal;
	dsteal = vm_event_sum(PGSTEAL_DIRECT) - dsteal;
	wakes = vm_event_sum(KSWAPD_WAKE) - wakes;
	if (fails) {
		bench_fail("kswapd", name, "%lu of %u steps failed to allocate or insert", fails, steps);
		goto out;
	}
	/* The workload must have needed reclaim, done by the one we measure. */
	if (ksteal + dsteal < LAT_SAMPLES / 2 || (with_kswapd ? !ksteal : ksteal || !stall)) {
		bench_fail("kswapd", name, "reclaim not as set up: kswapd stole %lu, direct %lu, %lu stalls",
			   ksteal, dsteal, stall);
		goto out;
	}
	sort_u32(lat, LAT_SAMPLES);
	snprintf(extra, sizeof(extra), "p50=%u p99=%u max=%u alloc_cycles=%lu allocstall=%lu "
		 "pgsteal_kswapd=%lu pgsteal_direct=%lu kswapd_wake=%lu", lat[LAT_SAMPLES / 2],
		 lat[LAT_SAMPLES * 99 / 100], lat[LAT_SAMPLES - 1], sum, stall, ksteal, dsteal, wakes);
	/* cycles/instret: the whole workload (allocations, fills, inserts, kswapd's share where it
	 * ran on this hart); the latency figures are the allocations alone. */
	bench_report("kswapd", name, LAT_SAMPLES, s, e, extra);
out:
	release_held();
	ramfile_destroy(m);
	if (st_settled_free() != free0)
		bench_fail("kswapd", name, "free pages %lu after the case, %lu before", st_settled_free(),
			   free0);
	st_kswapd_all(true);
}

/* ---------------------------------------------------------------- OOM kill to success */

#define OOM_ROUNDS 4
#define OOM_HOG_PAGES 256UL

static void hold_everything(void)
{
	static const gfp_t g[] = { 0, __GFP_DMA, __GFP_HIGHMEM | __GFP_MOVABLE };
	struct page *p;

	drain_all_pages(NULL);
	for (unsigned int i = 0; i < ARRAY_SIZE(g); i++)
		while ((p = alloc_pages(GFP_ATOMIC | __GFP_MEMALLOC | __GFP_NOWARN | g[i], 0)))
			hold(p);
}

/*
 * A task owns OOM_HOG_PAGES anonymous pages; every other page is held and there is no page cache:
 * a user page fault's request (GFP_HIGHUSER_MOVABLE) reclaims nothing, OOM-kills the task, and
 * succeeds from its reaped memory. Cycles from the request's start to the kill (reclaim rounds,
 * the OOM report) and from the kill to the request's return (reaping, the retry).
 */
static void bench_oom(void)
{
	unsigned long to_kill = 0, kill_to_ok = 0, worst = 0, free0, flags;
	struct bench_counters s = { 0 }, e = { 0 }, a, b;
	static struct mm_task hog;

	st_kswapd_all(false);	/* nothing to reclaim: it would only fail on its own */
	free0 = st_settled_free();
	for (int r = 0; r < OOM_ROUNDS; r++) {
		unsigned long kills = vm_event_sum(OOM_KILL), kc;
		struct page *p;
		int ret;

		if (!mm_task_run(&hog, "bench-hog", OOM_HOG_PAGES, 0, smp_processor_id())) {
			bench_fail("oom", "kill-to-success", "cannot start the task");
			break;
		}
		for (int i = 0; i < 2000 && !READ_ONCE(hog.ready); i++)
			msleep(1);
		if (!hog.ready || hog.populated != OOM_HOG_PAGES) {
			bench_fail("oom", "kill-to-success", "the task has %lu of %lu pages",
				   hog.populated, OOM_HOG_PAGES);
			kthread_stop(hog.task);
			break;
		}
		hold_everything();
		local_irq_save(flags);
		a = bench_start();
		p = alloc_pages(GFP_HIGHUSER_MOVABLE | __GFP_NOWARN, 0);
		b = bench_end();
		local_irq_restore(flags);
		kc = oom_last_kill_cycles();
		if (p)
			hold(p);
		release_held();
		ret = kthread_stop(hog.task);
		if (!p || vm_event_sum(OOM_KILL) != kills + 1 || ret != 9 ||
		    kc <= a.cycles || kc >= b.cycles) {
			bench_fail("oom", "kill-to-success", "round %d: page %s, %lu kills, task exit %d, "
				   "kill not inside the request", r, p ? "ok" : "NULL",
				   vm_event_sum(OOM_KILL) - kills, ret);
			break;
		}
		to_kill += kc - a.cycles;
		kill_to_ok += b.cycles - kc;
		worst = max(worst, b.cycles - kc);
		/* Sum the rounds into one pair of counters for bench_report. */
		e.cycles += b.cycles - a.cycles;
		e.instret += b.instret - a.instret;
		if (r == OOM_ROUNDS - 1) {
			char extra[128];

			snprintf(extra, sizeof(extra), "alloc_to_kill=%lu kill_to_success=%lu "
				 "kill_to_success_max=%lu reaped=%lu", to_kill / OOM_ROUNDS,
				 kill_to_ok / OOM_ROUNDS, worst, OOM_HOG_PAGES);
			bench_report("oom", "kill-to-success", OOM_ROUNDS, s, e, extra);
		}
	}
	release_held();
	if (st_settled_free() != free0)
		bench_fail("oom", "kill-to-success", "free pages %lu after the case, %lu before",
			   st_settled_free(), free0);
	st_kswapd_all(true);
}

void slowpath_bench_run(void)
{
	bool trace = mm_trace_enabled;

	if (!sched_ready())
		return;
	mm_trace_enabled = false;
	if (bench_wanted("reclaim")) {
		bench_reclaim(false);
		bench_reclaim(true);
	}
	if (bench_wanted("kswapd")) {
		bench_latency(true);
		bench_latency(false);
	}
	if (bench_wanted("oom"))
		bench_oom();
	mm_trace_enabled = trace;
}
