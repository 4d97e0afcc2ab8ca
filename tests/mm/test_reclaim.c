// SPDX-License-Identifier: BSD-2-Clause
/*
 * Host tests of the page cache (mm/filemap.c) and of its reclaim (mm/vmscan.c shrink_node), on
 * the host allocator with the scheduler (tasks switch with swapcontext: deterministic), ASan+UBSan.
 * Direct reclaim is tested with kswapd stopped (the hooks stay registered), so every reclaim seen
 * is the test task's own; kswapd's test starts it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include <asm/timex.h>
#include <pagoda/kthread.h>
#include <mm/mm.h>
#include <mm/mm_types.h>
#include <mm/pagemap.h>
#include <mm/shrinker.h>
#include <mm/vmscan.h>
#include "mmt.h"

extern __thread unsigned int host_cpu_id;

static unsigned long free0;

static int setup(void **state)
{
	struct mmt_cfg c = { "", 1, 16, true };

	(void)state;
	host_printk_enabled = 0;
	host_cpu_id = 0;
	if (mmt_boot(&c))
		return -1;
	sched_init(1000000000ULL);
	free0 = global_free_pages();
	return 0;
}

/* Direct reclaim only: the hooks registered, no kswapd to take pages behind the test's back. */
static void hooks_without_kswapd(void)
{
	assert_int_equal(kswapd_init(), 0);
	kswapd_stop(0);
}

static u8 pbuf[PAGE_SIZE], rbuf[PAGE_SIZE];

static void pattern(unsigned long file, unsigned long i)
{
	for (unsigned int b = 0; b < PAGE_SIZE; b++)
		pbuf[b] = (u8)(file * 31 + i * 7 + b);
}

/* Pages held to push free memory down, given back at the end. */
static struct page *held[8192];
static unsigned int nheld;

static void hold_until_fail(gfp_t gfp)
{
	struct page *p;

	while (nheld < 8192 && (p = alloc_pages(gfp | __GFP_NOWARN, 0)))
		held[nheld++] = p;
}

static void release_held(void)
{
	while (nheld)
		__free_pages(held[--nheld], 0);
}

/* Everything given back: the free count is where it started and the allocator is consistent. */
static void reconcile(void)
{
	char err[128];

	drain_all_pages(NULL);
	assert_int_equal(global_node_page_state(NR_FILE_PAGES), 0);
	assert_int_equal(global_node_page_state(NR_FILE_DIRTY), 0);
	assert_int_equal(global_node_page_state(NR_INACTIVE_FILE) +
			 global_node_page_state(NR_ACTIVE_FILE), 0);
	assert_int_equal(ramdisk_pages(), 0);
	assert_int_equal(mm_verify(err, sizeof(err)), 0);
	shrink_slab(GFP_KERNEL, 0, 0);
	drain_all_pages(NULL);
	assert_int_equal(global_free_pages(), free0);
}

/* Write, write back, drop, read back: the RAM-disk holds the data; holes read as zeros; bad
 * indexes are refused. */
static void t_write_drop_read_back(void **state)
{
	struct address_space *f = ramfile_create(16);

	(void)state;
	assert_non_null(f);
	assert_null(ramfile_create(0));
	for (unsigned long i = 0; i < 8; i++) {
		pattern(1, i);
		assert_int_equal(pagecache_write(f, i, pbuf, GFP_KERNEL), 0);
	}
	assert_int_equal(pagecache_read(f, 12, rbuf, GFP_KERNEL), 0);
	for (unsigned int b = 0; b < PAGE_SIZE; b++)
		assert_int_equal(rbuf[b], 0);
	assert_int_equal(pagecache_read(f, 16, rbuf, GFP_KERNEL), -EINVAL);
	assert_int_equal(pagecache_write(f, 99, pbuf, GFP_KERNEL), -EINVAL);
	assert_int_equal(global_node_page_state(NR_FILE_PAGES), 9);
	assert_int_equal(global_node_page_state(NR_FILE_DIRTY), 8);
	assert_int_equal(ramdisk_pages(), 8);
	/* drop_caches 1 frees clean pages only: the hole's page */
	assert_int_equal(drop_pagecache(), 1);
	assert_int_equal(global_node_page_state(NR_FILE_PAGES), 8);
	unsigned long w = vm_event_sum(NR_WRITTEN);

	assert_int_equal(filemap_write_and_wait(f), 8);
	assert_int_equal(vm_event_sum(NR_WRITTEN) - w, 8);
	assert_int_equal(global_node_page_state(NR_FILE_DIRTY), 0);
	assert_int_equal(drop_pagecache(), 8);
	assert_int_equal(global_node_page_state(NR_FILE_PAGES), 0);
	for (unsigned long i = 0; i < 8; i++) {
		pattern(1, i);
		assert_int_equal(pagecache_read(f, i, rbuf, GFP_KERNEL), 0);
		assert_memory_equal(rbuf, pbuf, PAGE_SIZE);
	}
	ramfile_destroy(f);
	reconcile();
}

/* Linux mark_page_accessed: the second access activates; reclaim ages the active list back to
 * the inactive one when that is low. */
static void t_mark_page_accessed_promotes(void **state)
{
	struct address_space *f = ramfile_create(8);
	unsigned long act = vm_event_sum(PGACTIVATE);

	(void)state;
	hooks_without_kswapd();
	for (unsigned long i = 0; i < 8; i++)
		assert_int_equal(pagecache_read(f, i, NULL, GFP_KERNEL), 0);
	assert_int_equal(global_node_page_state(NR_INACTIVE_FILE), 8);
	spin_lock(&f->lock);
	struct page *p = find_get_page(f, 3);

	assert_non_null(p);
	assert_true(PageReferenced(p));
	assert_false(PageActive(p));
	spin_unlock(&f->lock);
	for (unsigned long i = 0; i < 5; i++)
		assert_int_equal(pagecache_read(f, i, NULL, GFP_KERNEL), 0);
	assert_int_equal(vm_event_sum(PGACTIVATE) - act, 5);
	assert_int_equal(global_node_page_state(NR_ACTIVE_FILE), 5);
	assert_int_equal(global_node_page_state(NR_INACTIVE_FILE), 3);
	spin_lock(&f->lock);
	assert_true(PageActive(find_get_page(f, 3)));
	assert_false(PageReferenced(find_get_page(f, 3)));
	spin_unlock(&f->lock);
	/* Memory exhausted: GFP_KERNEL reclaims; the inactive list (3) is low against the active
	 * (5), so active pages are deactivated, and inactive ones freed. */
	unsigned long deact = vm_event_sum(PGDEACTIVATE), steal = vm_event_sum(PGSTEAL_DIRECT);

	hold_until_fail(GFP_NOWAIT);
	struct page *pg = alloc_pages(GFP_KERNEL | __GFP_NORETRY | __GFP_NOWARN, 0);

	assert_true(vm_event_sum(PGDEACTIVATE) > deact);
	assert_true(vm_event_sum(PGSTEAL_DIRECT) - steal >= 3);
	if (pg)
		__free_pages(pg, 0);
	release_held();
	ramfile_destroy(f);
	reconcile();
}

/*
 * Direct reclaim with clean and dirty cache: a GFP_KERNEL request frees clean pages and writes
 * nothing while clean ones are there; GFP_NOFS (and GFP_NOIO) with only dirty pages left reclaims
 * none of them (skips counted), GFP_KERNEL then writes them back and frees them, and the data
 * read back from the RAM-disk is intact.
 */
static void t_direct_reclaim_clean_first_dirty_only_with_io_fs(void **state)
{
	struct address_space *dirty = ramfile_create(256), *clean = ramfile_create(256);
	unsigned long wr, st, steal, skip;
	struct page *pg;

	(void)state;
	hooks_without_kswapd();
	assert_non_null(dirty);
	assert_non_null(clean);
	/* Dirty pages oldest (the inactive tail), clean ones newer. */
	for (unsigned long i = 0; i < 256; i++) {
		pattern(2, i);
		assert_int_equal(pagecache_write(dirty, i, pbuf, GFP_KERNEL), 0);
	}
	for (unsigned long i = 0; i < 256; i++)
		assert_int_equal(pagecache_read(clean, i, NULL, GFP_KERNEL), 0);
	hold_until_fail(GFP_NOWAIT);

	/* GFP_KERNEL: clean pages go, nothing written. */
	wr = vm_event_sum(NR_VMSCAN_WRITE);
	st = vm_event_sum(ALLOCSTALL);
	steal = vm_event_sum(PGSTEAL_DIRECT);
	pg = alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0);
	assert_non_null(pg);
	held[nheld++] = pg;
	assert_true(vm_event_sum(ALLOCSTALL) > st);
	assert_int_equal(vm_event_sum(NR_VMSCAN_WRITE), wr);
	assert_true(vm_event_sum(PGSTEAL_DIRECT) > steal);
	assert_true(clean->nrpages < 256);
	assert_int_equal(dirty->nrpages, 256);
	assert_int_equal(global_node_page_state(NR_FILE_DIRTY), 256);

	/* Only dirty pages left, and nothing free. */
	ramfile_destroy(clean);
	clean = NULL;
	hold_until_fail(GFP_NOWAIT);
	hold_until_fail(GFP_ATOMIC);
	for (unsigned int k = 0; k < 2; k++) {
		gfp_t g = k ? GFP_NOIO : GFP_NOFS;

		st = vm_event_sum(ALLOCSTALL);
		skip = vm_event_sum(PGSCAN_SKIP_DIRTY);
		pg = alloc_pages(g | __GFP_NORETRY | __GFP_NOWARN, 0);
		assert_null(pg);
		assert_int_equal(vm_event_sum(ALLOCSTALL), st + 1);
		assert_true(vm_event_sum(PGSCAN_SKIP_DIRTY) > skip);
		assert_int_equal(vm_event_sum(NR_VMSCAN_WRITE), wr);
		assert_int_equal(dirty->nrpages, 256);
	}
	/* GFP_KERNEL: dirty pages written back, then freed. One round (SWAP_CLUSTER_MAX pages) does
	 * not lift the zone from below ATOMIC's limit over min: should_reclaim_retry() sees the
	 * zone's reclaimable pages (zone_reclaimable_pages) and the request reclaims again. */
	steal = vm_event_sum(PGSTEAL_DIRECT);
	st = vm_event_sum(ALLOCSTALL);
	pg = alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0);
	assert_non_null(pg);
	held[nheld++] = pg;
	assert_true(vm_event_sum(ALLOCSTALL) - st >= 2);
	assert_true(vm_event_sum(NR_VMSCAN_WRITE) > wr);
	assert_true(vm_event_sum(PGSTEAL_DIRECT) - steal >= vm_event_sum(NR_VMSCAN_WRITE) - wr);
	assert_int_equal(dirty->nrpages, 256 - (vm_event_sum(NR_VMSCAN_WRITE) - wr));
	assert_int_equal(global_node_page_state(NR_FILE_DIRTY), dirty->nrpages);
	release_held();
	/* Written back, reclaimed, read again: intact. */
	for (unsigned long i = 0; i < 256; i++) {
		pattern(2, i);
		assert_int_equal(pagecache_read(dirty, i, rbuf, GFP_KERNEL), 0);
		assert_memory_equal(rbuf, pbuf, PAGE_SIZE);
	}
	ramfile_destroy(dirty);
	reconcile();
}

/* GFP_ATOMIC and GFP_NOWAIT at their limits with a full cache: no reclaim at all. */
static void t_atomic_nowait_never_reclaim_cache(void **state)
{
	static const gfp_t g[] = { GFP_ATOMIC, GFP_NOWAIT };
	struct address_space *f = ramfile_create(256);

	(void)state;
	hooks_without_kswapd();
	for (unsigned long i = 0; i < 256; i++)
		assert_int_equal(pagecache_read(f, i, NULL, GFP_KERNEL), 0);
	hold_until_fail(GFP_NOWAIT);
	hold_until_fail(GFP_ATOMIC);
	for (unsigned int k = 0; k < 2; k++) {
		unsigned long st = vm_event_sum(ALLOCSTALL), sc = vm_event_sum(PGSCAN_DIRECT);

		assert_null(alloc_pages(g[k] | __GFP_NOWARN, 0));
		assert_int_equal(vm_event_sum(ALLOCSTALL), st);
		assert_int_equal(vm_event_sum(PGSCAN_DIRECT), sc);
		assert_int_equal(f->nrpages, 256);
	}
	release_held();
	ramfile_destroy(f);
	reconcile();
}

static bool node0_balanced(void)
{
	for (int i = 0; i <= ZONE_NORMAL; i++) {
		struct zone *z = &node_data[0].node_zones[i];

		if (managed_zone(z) && zone_watermark_ok(z, 0, high_wmark_pages(z), ZONE_NORMAL, 0))
			return true;
	}
	return false;
}

static volatile bool churn_stop;
static volatile unsigned long churn_allocs;

/* Another task allocating and freeing while kswapd works. */
static int churn_fn(void *arg)
{
	(void)arg;
	while (!churn_stop) {
		struct page *p = alloc_pages(GFP_NOWAIT | __GFP_NOWARN, 0);

		if (p) {
			churn_allocs++;
			__free_pages(p, 0);
		}
		yield();
	}
	return 0;
}

/* Below low, kswapd reclaims page cache (the only thing there is) up to the high mark while
 * another task allocates; it wrote nothing (clean pages were enough). */
static void t_kswapd_restores_high_from_page_cache(void **state)
{
	struct address_space *f = ramfile_create(totalram_pages);
	unsigned long run0, steal0, wr0, n = 0, w0;
	struct task_struct *churn;
	int i;

	(void)state;
	assert_int_equal(kswapd_init(), 0);
	yield();
	assert_true(kswapd_is_sleeping(0));
	churn_stop = false;
	churn_allocs = 0;
	churn = kthread_run(churn_fn, NULL, "churn");
	assert_non_null(churn);
	run0 = vm_event_sum(PAGEOUTRUN);
	steal0 = vm_event_sum(PGSTEAL_KSWAPD);
	wr0 = vm_event_sum(NR_VMSCAN_WRITE);
	w0 = vm_event_sum(KSWAPD_WAKE);
	/* Fill with NOWAIT cache reads (no reclaim of their own) until kswapd is woken. */
	assert_non_null(f);
	while (n < f->size && vm_event_sum(KSWAPD_WAKE) == w0 &&
	       !pagecache_read(f, n, NULL, GFP_NOWAIT))
		n++;
	assert_true(vm_event_sum(KSWAPD_WAKE) > w0);
	assert_false(node0_balanced());
	for (i = 0; i < 2000 && !(kswapd_is_sleeping(0) && vm_event_sum(PAGEOUTRUN) != run0); i++)
		yield();
	churn_stop = true;
	assert_int_equal(kthread_stop(churn), 0);
	assert_true(kswapd_is_sleeping(0));
	assert_true(node0_balanced());
	assert_true(churn_allocs > 0);
	assert_true(vm_event_sum(PGSTEAL_KSWAPD) > steal0);
	assert_true(f->nrpages < n);
	assert_int_equal(vm_event_sum(NR_VMSCAN_WRITE), wr0);
	kswapd_stop(0);
	ramfile_destroy(f);
	reconcile();
}

/* kswapd writes back dirty cache when clean is not enough (it may: GFP_KERNEL). */
static void t_kswapd_writes_back_dirty(void **state)
{
	struct address_space *f = ramfile_create(2048);
	unsigned long run0, wr0, n = 0, w0;
	int i;

	(void)state;
	assert_non_null(f);
	assert_int_equal(kswapd_init(), 0);
	yield();
	run0 = vm_event_sum(PAGEOUTRUN);
	wr0 = vm_event_sum(NR_VMSCAN_WRITE);
	w0 = vm_event_sum(KSWAPD_WAKE);
	while (n < 2048 && vm_event_sum(KSWAPD_WAKE) == w0) {
		pattern(3, n);
		if (pagecache_write(f, n, pbuf, GFP_NOWAIT))
			break;
		n++;
	}
	assert_true(vm_event_sum(KSWAPD_WAKE) > w0);
	for (i = 0; i < 2000 && !(kswapd_is_sleeping(0) && vm_event_sum(PAGEOUTRUN) != run0); i++)
		yield();
	assert_true(node0_balanced());
	assert_true(vm_event_sum(NR_VMSCAN_WRITE) > wr0);
	kswapd_stop(0);
	for (unsigned long k = 0; k < n; k++) {
		pattern(3, k);
		assert_int_equal(pagecache_read(f, k, rbuf, GFP_KERNEL), 0);
		assert_memory_equal(rbuf, pbuf, PAGE_SIZE);
	}
	ramfile_destroy(f);
	reconcile();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(t_write_drop_read_back, setup),
		cmocka_unit_test_setup(t_mark_page_accessed_promotes, setup),
		cmocka_unit_test_setup(t_direct_reclaim_clean_first_dirty_only_with_io_fs, setup),
		cmocka_unit_test_setup(t_atomic_nowait_never_reclaim_cache, setup),
		cmocka_unit_test_setup(t_kswapd_restores_high_from_page_cache, setup),
		cmocka_unit_test_setup(t_kswapd_writes_back_dirty, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
