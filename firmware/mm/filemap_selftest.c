// SPDX-License-Identifier: BSD-2-Clause
/*
 * Self-tests of the page cache and its reclaim on QEMU and the SoC (mm/filemap.c, mm/vmscan.c),
 * checked through counters: direct reclaim frees clean cache first and writes dirty pages back
 * only for requests with __GFP_IO and __GFP_FS, the data read back after reclaim is intact,
 * GFP_ATOMIC/GFP_NOWAIT never reclaim, kswapd restores the high watermark from the page cache
 * while other harts allocate, and the free count is back where it started at the end.
 *
 * A failed check jumps to the test's cleanup (files destroyed, held pages and kswapd given back)
 * before the test fails, so the next test starts from a clean allocator.
 */
#include <pagoda/kthread.h>
#include <pagoda/printk.h>
#include <pagoda/selftest.h>
#include <pagoda/string.h>
#include <mm/mm.h>
#include <mm/mm_types.h>
#include <mm/pagemap.h>
#include <mm/shrinker.h>
#include <mm/vmscan.h>
#include "internal.h"

#define CHECK(c) do { if (!(c)) { why = #c; line = __LINE__; goto out; } } while (0)

static u8 pbuf[PAGE_SIZE], rbuf[PAGE_SIZE];
static LIST_HEAD(held);
static unsigned long nheld;

static void pattern(unsigned long file, unsigned long i)
{
	for (unsigned int b = 0; b < PAGE_SIZE; b++)
		pbuf[b] = (u8)(file * 31 + i * 7 + b);
}

static void hold_until_fail(gfp_t gfp)
{
	struct page *p;

	while ((p = alloc_pages(gfp | __GFP_NOWARN, 0))) {
		list_add(&p->lru, &held);
		nheld++;
	}
}

static void hold(struct page *p)
{
	list_add(&p->lru, &held);
	nheld++;
}

static void release_held(void)
{
	while (!list_empty(&held)) {
		struct page *p = list_first_entry(&held, struct page, lru);

		list_del(&p->lru);
		__free_pages(p, 0);
	}
	nheld = 0;
}

/*
 * The last step below frees dirty pages by writeback from under GFP_ATOMIC's limit up to the
 * min watermark, which takes about min_wmark * 5/8 pages per zone: the dirty file must be larger
 * than that on any memory size (256 pages are too few for 256 MiB on one node).
 */
static unsigned long dirty_pages_needed(void)
{
	unsigned long min = 0;

	for (int nid = 0; nid < MAX_NUMNODES; nid++)
		if (node_data[nid].online)
			for (int z = 0; z < MAX_NR_ZONES; z++)
				min += min_wmark_pages(&node_data[nid].node_zones[z]);
	return max(256UL, 2 * min);
}

/*
 * With kswapd stopped (every reclaim is this task's): clean cache newer than dirty cache; a
 * GFP_KERNEL request below min frees clean pages and writes nothing; with only dirty pages left,
 * GFP_NOFS and GFP_NOIO reclaim none of them (skips counted) and GFP_NOWAIT/GFP_ATOMIC do not
 * reclaim at all; GFP_KERNEL then writes them back and frees them; the data reads back intact.
 */
SELFTEST(pagecache_direct_reclaim_clean_first_io_fs)
{
	struct address_space *dirty = NULL, *clean = NULL;
	unsigned long free0, wr, st, steal, skip, sc, nd;
	const char *why = NULL;
	int line = 0;
	struct page *pg;
	char err[128];

	st_kswapd_all(false);
	free0 = st_settled_free();
	nd = dirty_pages_needed();
	dirty = ramfile_create(nd);
	clean = ramfile_create(256);
	CHECK(dirty && clean);
	for (unsigned long i = 0; i < nd; i++) {
		pattern(2, i);
		CHECK(pagecache_write(dirty, i, pbuf, GFP_KERNEL) == 0);
	}
	for (unsigned long i = 0; i < 256; i++)
		CHECK(pagecache_read(clean, i, NULL, GFP_KERNEL) == 0);
	hold_until_fail(GFP_NOWAIT);

	wr = vm_event_sum(NR_VMSCAN_WRITE);
	st = vm_event_sum(ALLOCSTALL);
	steal = vm_event_sum(PGSTEAL_DIRECT);
	pg = alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0);
	CHECK(pg);
	hold(pg);
	CHECK(vm_event_sum(ALLOCSTALL) > st);
	CHECK(vm_event_sum(NR_VMSCAN_WRITE) == wr);
	CHECK(vm_event_sum(PGSTEAL_DIRECT) > steal);
	CHECK(clean->nrpages < 256);
	CHECK(dirty->nrpages == nd);

	ramfile_destroy(clean);
	clean = NULL;
	hold_until_fail(GFP_NOWAIT);
	hold_until_fail(GFP_ATOMIC);
	for (unsigned int k = 0; k < 2; k++) {
		st = vm_event_sum(ALLOCSTALL);
		skip = vm_event_sum(PGSCAN_SKIP_DIRTY);
		pg = alloc_pages((k ? GFP_NOIO : GFP_NOFS) | __GFP_NORETRY | __GFP_NOWARN, 0);
		if (pg)
			hold(pg);	/* a shrinker may have freed a slab: allowed, no writeback */
		CHECK(vm_event_sum(ALLOCSTALL) == st + 1);
		CHECK(vm_event_sum(PGSCAN_SKIP_DIRTY) > skip);
		CHECK(vm_event_sum(NR_VMSCAN_WRITE) == wr);
		CHECK(dirty->nrpages == nd);
	}
	for (unsigned int k = 0; k < 2; k++) {
		st = vm_event_sum(ALLOCSTALL);
		sc = vm_event_sum(PGSCAN_DIRECT);
		pg = alloc_pages((k ? GFP_ATOMIC : GFP_NOWAIT) | __GFP_NOWARN, 0);
		if (pg)
			hold(pg);
		CHECK(vm_event_sum(ALLOCSTALL) == st);
		CHECK(vm_event_sum(PGSCAN_DIRECT) == sc);
		CHECK(dirty->nrpages == nd);
	}
	/* More than one round (SWAP_CLUSTER_MAX pages) is needed from below ATOMIC's limit:
	 * should_reclaim_retry() retries on the zone's reclaimable (file LRU) pages. */
	steal = vm_event_sum(PGSTEAL_DIRECT);
	st = vm_event_sum(ALLOCSTALL);
	pg = alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0);
	CHECK(pg);
	hold(pg);
	CHECK(vm_event_sum(ALLOCSTALL) - st >= 2);
	CHECK(vm_event_sum(NR_VMSCAN_WRITE) > wr);
	CHECK(dirty->nrpages == nd - (vm_event_sum(NR_VMSCAN_WRITE) - wr));
	CHECK(global_node_page_state(NR_FILE_DIRTY) == dirty->nrpages);
	printk("pagecache: direct reclaim wrote back %lu dirty pages, %lu freed in all\n",
	       vm_event_sum(NR_VMSCAN_WRITE) - wr, vm_event_sum(PGSTEAL_DIRECT) - steal);
	release_held();
	for (unsigned long i = 0; i < nd; i++) {
		pattern(2, i);
		CHECK(pagecache_read(dirty, i, rbuf, GFP_KERNEL) == 0);
		CHECK(!memcmp(rbuf, pbuf, PAGE_SIZE));
	}
out:
	release_held();
	ramfile_destroy(clean);
	ramfile_destroy(dirty);
	if (!why) {
		if (global_node_page_state(NR_FILE_PAGES) || ramdisk_pages()) {
			why = "page cache or RAM-disk pages left";
			line = __LINE__;
		} else if (st_settled_free() != free0) {
			printk("pagecache: free %lu, was %lu\n", st_settled_free(), free0);
			why = "free count does not reconcile";
			line = __LINE__;
		}
	}
	st_kswapd_all(true);
	if (why)
		ST_FAIL("line %d: %s", line, why);
	ST_ASSERT_EQ(mm_verify(err, sizeof(err)), 0);
	return 0;
}

struct churn {
	volatile unsigned long allocs;
};

static int churn_fn(void *arg)
{
	struct churn *c = arg;

	while (!kthread_should_stop()) {
		struct page *p = alloc_pages(GFP_NOWAIT | __GFP_NOWARN, 0);

		if (p) {
			c->allocs++;
			__free_pages(p, 0);
		}
		cond_resched();
	}
	return 0;
}

/*
 * Page cache (clean) fills memory below the low watermark with GFP_NOWAIT reads (no reclaim of
 * their own); kswapd reclaims it until every node is back above its high watermark, while the
 * other harts (one hart: a thread beside the test) keep allocating. Clean pages were enough: no
 * writeback. The test task reclaimed nothing itself.
 */
SELFTEST(pagecache_kswapd_restores_high_watermark)
{
	static struct churn churn[NR_CPUS];
	struct task_struct *churners[NR_CPUS] = { 0 };
	unsigned long free0 = 0, run0, steal0, wr0, w0, stall0, n = 0, i;
	unsigned int cpu;
	struct address_space *f = NULL;
	const char *why = NULL;
	int line = 0;
	char err[128];

	for (i = 0; i < ST_WAIT_MS && !st_all_kswapd_sleeping(); i++)
		msleep(1);
	CHECK(st_all_kswapd_sleeping());
	free0 = st_settled_free();
	f = ramfile_create(totalram_pages);
	CHECK(f);
	for_each_online_cpu(cpu) {
		if (cpu == 0 && num_online_cpus() > 1)
			continue;
		churn[cpu].allocs = 0;
		churners[cpu] = kthread_run_on_cpu(churn_fn, &churn[cpu], cpu, "st-pcchurn/%u", cpu);
		CHECK(churners[cpu]);
		for (i = 0; i < ST_WAIT_MS && !churn[cpu].allocs; i++)
			msleep(1);
		CHECK(churn[cpu].allocs);
	}
	run0 = vm_event_sum(PAGEOUTRUN);
	steal0 = vm_event_sum(PGSTEAL_KSWAPD);
	wr0 = vm_event_sum(NR_VMSCAN_WRITE);
	stall0 = vm_event_sum(ALLOCSTALL);
	w0 = vm_event_sum(KSWAPD_WAKE);
	while (n < f->size && vm_event_sum(KSWAPD_WAKE) == w0 &&
	       !pagecache_read(f, n, NULL, GFP_NOWAIT))
		n++;
	CHECK(vm_event_sum(KSWAPD_WAKE) > w0);
	for (i = 0; i < 5000; i++) {
		if (vm_event_sum(PAGEOUTRUN) != run0 && st_all_kswapd_sleeping())
			break;
		msleep(1);
	}
	CHECK(i < 5000);
	/* The other harts' churn parks pages in their per-CPU lists, which the watermarks do not
	 * count as free: stop it and give those back before measuring. */
	for (cpu = 0; cpu < NR_CPUS; cpu++)
		if (churners[cpu]) {
			CHECK(churn[cpu].allocs);
			kthread_stop(churners[cpu]);
			churners[cpu] = NULL;
		}
	drain_all_pages(NULL);
	for (int nid = 0; nid < MAX_NUMNODES; nid++)
		if (node_data[nid].online && !st_node_balanced(nid)) {
			struct zone *z = &node_data[nid].node_zones[ZONE_NORMAL];

			printk("pagecache: node %d unbalanced: Normal free %ld low %lu high %lu, "
			       "kswapd failures %d, file LRU %lu+%lu\n", nid,
			       zone_page_state(z, NR_FREE_PAGES), low_wmark_pages(z),
			       high_wmark_pages(z), kswapd_failures(nid),
			       node_page_state(nid, NR_INACTIVE_FILE),
			       node_page_state(nid, NR_ACTIVE_FILE));
			CHECK(st_node_balanced(nid));
		}
	CHECK(vm_event_sum(PGSTEAL_KSWAPD) > steal0);
	CHECK(f->nrpages < n);
	CHECK(vm_event_sum(NR_VMSCAN_WRITE) == wr0);
	CHECK(vm_event_sum(ALLOCSTALL) == stall0);
	printk("pagecache: %lu pages read, kswapd reclaimed %lu, %lu left cached\n", n,
	       vm_event_sum(PGSTEAL_KSWAPD) - steal0, f->nrpages);
out:
	for (cpu = 0; cpu < NR_CPUS; cpu++)
		if (churners[cpu])
			kthread_stop(churners[cpu]);
	ramfile_destroy(f);
	if (!why && free0 && st_settled_free() != free0) {
		printk("pagecache: free %lu, was %lu\n", st_settled_free(), free0);
		why = "free count does not reconcile";
		line = __LINE__;
	}
	if (why)
		ST_FAIL("line %d: %s", line, why);
	ST_ASSERT_EQ(mm_verify(err, sizeof(err)), 0);
	return 0;
}
