// SPDX-License-Identifier: BSD-2-Clause
/*
 * Host tests of compaction and migration (mm/compaction.c, mm/migrate.c) and of the address
 * spaces that own what they move (mm/anon.c), under ASan+UBSan. The owners' data is written and
 * read back through their page tables (a software walk here; the firmware self-tests also go
 * through the MMU), and the reverse map of every page is checked against the PTE that maps it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <string.h>
#include "mmt.h"
#include <pagoda/kthread.h>
#include <mm/compaction.h>
#include <mm/vmscan.h>
#include <mm/migrate.h>
#include <mm/mm_types.h>
#include <mm/slab.h>
#include "../../firmware/mm/internal.h"

extern unsigned long host_user_tlb_flushes;

#define MAX_VA 8192
static struct {
	struct mm_struct *mm;
	unsigned long nr;		/* pages faulted: va i = TASK_VA_START + i pages */
	bool mapped[MAX_VA];
	unsigned long pfn[MAX_VA];	/* pfn when fragmented */
} F;

static unsigned long va_of(unsigned long i) { return TASK_VA_START + (i << PAGE_SHIFT); }

static void boot16(void)
{
	struct mmt_cfg c = { "", 1, 16, false };

	host_printk_enabled = 0;
	host_cpu_id = 0;
	assert_int_equal(mmt_boot(&c), 0);
}

static void check_verify(void)
{
	char err[256];

	assert_int_equal(mm_verify(err, sizeof(err)), 0);
}

/* The word pattern page i holds: its index and a salt, so a page moved to the wrong address or
 * mixed with another reads wrong. */
static u64 pattern(unsigned long i, unsigned int w) { return (i * 0x9e3779b97f4a7c15ULL) ^ w; }

static void write_page(unsigned long i)
{
	u64 buf[PAGE_SIZE / 8];
	bool mmu;

	for (unsigned int w = 0; w < PAGE_SIZE / 8; w++)
		buf[w] = pattern(i, w);
	assert_int_equal(access_mm(F.mm, va_of(i), buf, PAGE_SIZE, true, &mmu), 0);
}

static bool page_intact(unsigned long i)
{
	u64 buf[PAGE_SIZE / 8];
	bool mmu;

	if (access_mm(F.mm, va_of(i), buf, PAGE_SIZE, false, &mmu))
		return false;
	for (unsigned int w = 0; w < PAGE_SIZE / 8; w++)
		if (buf[w] != pattern(i, w))
			return false;
	return true;
}

/* Fill memory with one mm's anonymous pages until the allocator says no, then unmap every other
 * one: half the memory free, in single pages, no free block of pageblock order anywhere. */
static void fragment(void)
{
	memset(&F, 0, sizeof(F));
	F.mm = mm_alloc();
	assert_non_null(F.mm);
	while (F.nr < MAX_VA && !anon_fault(F.mm, va_of(F.nr), __GFP_NOWARN | __GFP_NORETRY)) {
		F.mapped[F.nr] = true;
		write_page(F.nr);
		F.nr++;
	}
	assert_true(F.nr > 1024 && F.nr < MAX_VA);
	for (unsigned long i = 0; i < F.nr; i += 2) {
		assert_int_equal(anon_unmap(F.mm, va_of(i)), 0);
		F.mapped[i] = false;
	}
	drain_all_pages(NULL);
	for (unsigned long i = 0; i < F.nr; i++)
		F.pfn[i] = F.mapped[i] ? page_to_pfn(follow_page(F.mm, va_of(i))) : 0;
	for (int z = 0; z < MAX_NR_ZONES; z++)
		for (unsigned int o = pageblock_order; o < MAX_ORDER; o++)
			assert_int_equal(node_data[0].node_zones[z].free_area[o].nr_free, 0);
	check_verify();
}

/* Every mapped page: its data, its rmap naming (mm, va), on its mm's list. Returns how many
 * moved since fragment(). */
static unsigned long check_owners(void)
{
	unsigned long moved = 0;

	for (unsigned long i = 0; i < F.nr; i++) {
		struct page *page;

		if (!F.mapped[i]) {
			assert_null(follow_page(F.mm, va_of(i)));
			continue;
		}
		page = follow_page(F.mm, va_of(i));
		assert_non_null(page);
		assert_true(page_intact(i));
		assert_true(PageAnon(page) && PageLRU(page));
		assert_ptr_equal(page_anon_mm(page), F.mm);
		assert_int_equal(page_anon_address(page), va_of(i));
		assert_int_equal(page_ref_count(page), 1);
		if (page_to_pfn(page) != F.pfn[i])
			moved++;
	}
	return moved;
}

static void teardown_mm(void)
{
	unsigned long free0;

	mmput(F.mm);
	F.mm = NULL;
	assert_int_equal(nr_anon_pages, 0);
	drain_all_pages(NULL);
	free0 = global_free_pages();
	assert_true(free0 > 0);
	check_verify();
}

static void order9_after_compaction(enum compact_free_scan mode)
{
	unsigned long stall, success, migrated, flushes, moved;
	struct page *big;

	boot16();
	compact_free_scan_mode = mode;
	fragment();
	/* Without direct reclaim (so without compaction) the zone cannot serve order 9. */
	assert_null(alloc_pages((GFP_HIGHUSER_MOVABLE & ~__GFP_DIRECT_RECLAIM) | __GFP_NOWARN, 9));
	stall = vm_event_sum(COMPACTSTALL);
	success = vm_event_sum(COMPACTSUCCESS);
	migrated = vm_event_sum(PGMIGRATE_SUCCESS);
	flushes = host_user_tlb_flushes;
	big = alloc_pages(GFP_HIGHUSER_MOVABLE | __GFP_NOWARN, 9);
	assert_non_null(big);
	assert_int_equal(vm_event_sum(COMPACTSTALL), stall + 1);
	assert_int_equal(vm_event_sum(COMPACTSUCCESS), success + 1);
	assert_true(vm_event_sum(PGMIGRATE_SUCCESS) > migrated);
	assert_true(vm_event_sum(COMPACTMIGRATE_SCANNED) > 0);
	assert_true(vm_event_sum(COMPACTFREE_SCANNED) > 0);
	/* One TLB flush per page moved. */
	assert_int_equal(host_user_tlb_flushes - flushes, vm_event_sum(PGMIGRATE_SUCCESS) - migrated);
	moved = check_owners();
	assert_int_equal(moved, vm_event_sum(PGMIGRATE_SUCCESS) - migrated);
	/* No owner maps a page of the new block. */
	for (unsigned long i = 0; i < F.nr; i++)
		if (F.mapped[i]) {
			unsigned long pfn = page_to_pfn(follow_page(F.mm, va_of(i)));

			assert_false(pfn >= page_to_pfn(big) && pfn < page_to_pfn(big) + 512);
		}
	__free_pages(big, 9);
	check_verify();
	teardown_mm();
}

static void t_order9_after_compaction_pfn_scan(void **state)
{
	(void)state;
	order9_after_compaction(COMPACT_SCAN_PFN);
}

static void t_order9_after_compaction_bitmap_scan(void **state)
{
	(void)state;
	order9_after_compaction(COMPACT_SCAN_BITMAP);
}

/* Pinned pages (an extra reference) cannot move: compaction fails, every page goes back to its
 * owner unchanged, the zone's compaction is deferred, and after the pins go it works again. */
static void t_failure_putback_and_deferral(void **state)
{
	struct zone *normal;
	struct compact_zone_info ci;
	unsigned long fail, mfail, scanned;
	struct alloc_context ac;
	struct page *big;

	(void)state;
	boot16();
	fragment();
	normal = &node_data[0].node_zones[ZONE_NORMAL];
	for (unsigned long i = 1; i < F.nr; i += 2)
		get_page(follow_page(F.mm, va_of(i)));
	fail = vm_event_sum(COMPACTFAIL);
	mfail = vm_event_sum(PGMIGRATE_FAIL);
	assert_null(alloc_pages(GFP_HIGHUSER_MOVABLE | __GFP_NOWARN, 9));
	assert_true(vm_event_sum(COMPACTFAIL) > fail);
	assert_true(vm_event_sum(PGMIGRATE_FAIL) > mfail);
	for (unsigned long i = 1; i < F.nr; i += 2) {
		struct page *page = follow_page(F.mm, va_of(i));

		assert_int_equal(page_to_pfn(page), F.pfn[i]);	/* not moved */
		assert_int_equal(page_ref_count(page), 2);	/* the pin, the mapping: no leak */
		assert_true(PageLRU(page));			/* back on its owner's list */
		assert_true(page_intact(i));
		put_page(page);
	}
	assert_int_equal(check_owners(), 0);
	check_verify();
	/* The async attempt never defers; the sync one of the retry loop failed: Normal is
	 * deferred once (Linux's defer_compaction). */
	compaction_zone_info(normal, &ci);
	assert_int_equal(ci.defer_shift, 1);
	assert_int_equal(ci.considered, 0);
	/* Deferred: an async attempt skips the zone without scanning it. */
	ac.zonelist = node_zonelist(0, GFP_HIGHUSER_MOVABLE);
	ac.nodemask = NULL;
	ac.highest_zoneidx = gfp_zone(GFP_HIGHUSER_MOVABLE);
	ac.migratetype = MIGRATE_MOVABLE;
	ac.preferred_zoneref = first_zones_zonelist(ac.zonelist, ac.highest_zoneidx, NULL);
	assert_ptr_equal(ac.preferred_zoneref->zone, normal);
	scanned = vm_event_sum(COMPACTMIGRATE_SCANNED);
	assert_int_equal(try_to_compact_pages(GFP_HIGHUSER_MOVABLE, 9, ALLOC_WMARK_MIN, &ac,
					      COMPACT_PRIO_ASYNC), COMPACT_DEFERRED);
	assert_int_equal(vm_event_sum(COMPACTMIGRATE_SCANNED), scanned);
	/* The lowest priority ignores deferral: the pins are gone, so it succeeds. */
	assert_int_equal(try_to_compact_pages(GFP_HIGHUSER_MOVABLE, 9, ALLOC_WMARK_MIN, &ac,
					      MIN_COMPACT_PRIORITY), COMPACT_SUCCESS);
	assert_true(vm_event_sum(COMPACTMIGRATE_SCANNED) > scanned);
	big = alloc_pages((GFP_HIGHUSER_MOVABLE & ~__GFP_DIRECT_RECLAIM) | __GFP_NOWARN, 9);
	assert_non_null(big);
	assert_true(check_owners() > 0);
	__free_pages(big, 9);
	teardown_mm();
}

/* Linux's deferral arithmetic: after k failures, 2^k - 1 attempts are skipped, at the failed
 * order and above; a success clears it. */
static void t_defer_rules(void **state)
{
	struct zone *z;

	(void)state;
	boot16();
	z = &node_data[0].node_zones[ZONE_NORMAL];
	assert_false(compaction_deferred(z, 9));
	defer_compaction(z, 9);				/* shift 1: one attempt skipped */
	assert_true(compaction_deferred(z, 9));
	assert_false(compaction_deferred(z, 9));
	defer_compaction(z, 9);				/* shift 2: three */
	for (int i = 0; i < 3; i++)
		assert_true(compaction_deferred(z, 9));
	assert_false(compaction_deferred(z, 9));
	/* An order-4 success: orders below 5 are never deferred, 9 still is. */
	compaction_defer_reset(z, 4, false);
	defer_compaction(z, 9);
	assert_false(compaction_deferred(z, 4));
	assert_true(compaction_deferred(z, 9));
	for (int i = 0; i < 10; i++)
		defer_compaction(z, 9);
	assert_false(compaction_restarting(z, 9));
	for (int i = 0; i < 63; i++)
		assert_true(compaction_deferred(z, 9));	/* capped at 2^6 */
	assert_false(compaction_deferred(z, 9));
	assert_true(compaction_restarting(z, 9));
	compaction_defer_reset(z, 9, true);
	assert_false(compaction_restarting(z, 9));
	assert_false(compaction_deferred(z, 9));
	assert_false(compaction_deferred(z, 9));
}

/* migrate_pages() by hand: targets from a callback, the PTE rewritten, the old page freed; a
 * target shortage (-ENOMEM) leaves the rest on the list for putback. */
static struct page *targets[4];
static int nr_targets, target_puts;
static struct page *take_target(struct page *page, unsigned long data)
{
	(void)page;
	(void)data;
	return nr_targets ? targets[--nr_targets] : NULL;
}
static void put_target(struct page *page, unsigned long data)
{
	(void)data;
	target_puts++;
	targets[nr_targets++] = page;
}

static void t_migrate_pages_by_hand(void **state)
{
	unsigned long before_free, old_pfn[3];
	unsigned int ok;
	LIST_HEAD(list);

	(void)state;
	boot16();
	memset(&F, 0, sizeof(F));
	F.mm = mm_alloc();
	assert_non_null(F.mm);
	for (F.nr = 0; F.nr < 3; F.nr++) {
		assert_int_equal(anon_fault(F.mm, va_of(F.nr), 0), 0);
		F.mapped[F.nr] = true;
		write_page(F.nr);
		old_pfn[F.nr] = F.pfn[F.nr] = page_to_pfn(follow_page(F.mm, va_of(F.nr)));
	}
	for (int i = 0; i < 3; i++)
		assert_true(isolate_anon_page(follow_page(F.mm, va_of(i))));
	assert_false(isolate_anon_page(follow_page(F.mm, va_of(0))));	/* not twice */
	for (int i = 0; i < 3; i++)
		list_add_tail(&follow_page(F.mm, va_of(i))->lru, &list);
	/* Two targets for three pages: two move, the third stays for putback. */
	nr_targets = 0;
	target_puts = 0;
	for (int i = 0; i < 2; i++)
		targets[nr_targets++] = alloc_page(GFP_HIGHUSER_MOVABLE);
	drain_all_pages(NULL);
	before_free = global_free_pages();
	assert_int_equal(migrate_pages(&list, take_target, put_target, 0, MIGRATE_SYNC, &ok), 1);
	assert_int_equal(ok, 2);
	assert_int_equal(target_puts, 0);
	assert_false(list_empty(&list));
	putback_movable_pages(&list);
	assert_true(list_empty(&list));
	drain_all_pages(NULL);
	assert_int_equal(global_free_pages(), before_free + 2);	/* the two old pages */
	assert_int_equal(check_owners(), 2);
	assert_int_equal(page_to_pfn(follow_page(F.mm, va_of(2))), old_pfn[2]);
	/* A page unmapped while isolated is simply freed by migrate_pages. */
	assert_true(isolate_anon_page(follow_page(F.mm, va_of(2))));
	list_add_tail(&follow_page(F.mm, va_of(2))->lru, &list);
	assert_int_equal(anon_unmap(F.mm, va_of(2)), 0);
	F.mapped[2] = false;
	assert_int_equal(migrate_pages(&list, take_target, put_target, 0, MIGRATE_SYNC, &ok), 0);
	assert_int_equal(ok, 1);
	check_verify();
	teardown_mm();
}

/* Bad calls are refused with an error and change nothing. */
static void t_anon_bad_input(void **state)
{
	unsigned long free0;
	struct page *p;
	char buf[16];
	bool mmu;

	(void)state;
	boot16();
	memset(&F, 0, sizeof(F));
	F.mm = mm_alloc();
	assert_non_null(F.mm);
	drain_all_pages(NULL);
	free0 = global_free_pages();
	assert_int_equal(anon_fault(F.mm, TASK_VA_START + 1, 0), -EINVAL);
	assert_int_equal(anon_fault(F.mm, TASK_VA_START - PAGE_SIZE, 0), -EINVAL);
	assert_int_equal(anon_fault(F.mm, TASK_VA_END, 0), -EINVAL);
	assert_int_equal(anon_fault(F.mm, TASK_VA_START, __GFP_DMA), -EINVAL);
	assert_int_equal(anon_fault(NULL, TASK_VA_START, 0), -EINVAL);
	assert_int_equal(anon_unmap(F.mm, TASK_VA_START), -ENOENT);
	assert_int_equal(access_mm(F.mm, TASK_VA_START, buf, sizeof(buf), false, &mmu), -EFAULT);
	assert_int_equal(access_mm(F.mm, TASK_VA_END - 8, buf, sizeof(buf), false, &mmu), -EINVAL);
	drain_all_pages(NULL);
	assert_int_equal(global_free_pages(), free0);
	assert_int_equal(anon_fault(F.mm, TASK_VA_START, 0), 0);
	assert_int_equal(anon_fault(F.mm, TASK_VA_START, 0), -EEXIST);
	/* A range running off the mapped page is refused whole: nothing is written. */
	memset(buf, 0x5a, sizeof(buf));
	assert_int_equal(access_mm(F.mm, TASK_VA_START + PAGE_SIZE - 8, buf, sizeof(buf), true, &mmu),
			 -EFAULT);
	assert_int_equal(access_mm(F.mm, TASK_VA_START + PAGE_SIZE - 8, buf, 8, false, &mmu), 0);
	for (int i = 0; i < 8; i++)
		assert_int_equal(buf[i], 0);	/* still the zeroed page */
	p = alloc_pages(GFP_HIGHUSER_MOVABLE | __GFP_COMP, 1);
	assert_int_equal(anon_map_page(F.mm, TASK_VA_START + PAGE_SIZE, p), -EINVAL);
	__free_pages(p, 1);
	p = alloc_page(GFP_HIGHUSER_MOVABLE);
	get_page(p);
	assert_int_equal(anon_map_page(F.mm, TASK_VA_START + PAGE_SIZE, p), -EINVAL);
	put_page(p);
	assert_int_equal(anon_map_page(F.mm, TASK_VA_START + PAGE_SIZE, p), 0);
	assert_ptr_equal(follow_page(F.mm, TASK_VA_START + PAGE_SIZE), p);
	assert_int_equal(F.mm->rss, 2);
	teardown_mm();
	drain_all_pages(NULL);
	/* The mm's struct is kmalloc'ed: its slab may keep a page, nothing else. */
	assert_true(global_free_pages() + 1 >= free0);
}

/* Compaction gates: nothing to do when the order is free already, too little free memory to
 * migrate into, and the fragmentation index of a zone short of memory. */
static void t_suitable_and_fragindex(void **state)
{
	struct zone *z;

	(void)state;
	boot16();
	z = &node_data[0].node_zones[ZONE_NORMAL];
	assert_int_equal(fragmentation_index(z, 9), -1000);
	assert_int_equal(compaction_suitable(z, 9, ALLOC_WMARK_MIN, ZONE_MOVABLE), COMPACT_SUCCESS);
	fragment();
	assert_true(fragmentation_index(z, 9) > 500);
	assert_int_equal(compaction_suitable(z, 9, ALLOC_WMARK_MIN, ZONE_MOVABLE), COMPACT_CONTINUE);
	/* Map the holes again: too little free memory to migrate into. */
	for (unsigned long i = 0; i < F.nr; i += 2) {
		if (anon_fault(F.mm, va_of(i), __GFP_NOWARN | __GFP_NORETRY))
			break;
		F.mapped[i] = true;
		write_page(i);
	}
	assert_int_equal(compaction_suitable(z, 9, ALLOC_WMARK_MIN, ZONE_MOVABLE), COMPACT_SKIPPED);
	teardown_mm();
}

/* kcompactd's body: a fragmented node is suitable, one round makes an order-9 block (served
 * then without direct reclaim, so without direct compaction), the owners' data intact. */
static void t_kcompactd_round(void **state)
{
	unsigned long stall;
	struct page *big;

	(void)state;
	boot16();
	fragment();
	assert_true(kcompactd_node_suitable(0, 9, ZONE_MOVABLE));
	assert_false(kcompactd_node_suitable(1, 9, ZONE_MOVABLE));	/* no such node */
	stall = vm_event_sum(COMPACTSTALL);
	kcompactd_do_work(0, 9, ZONE_MOVABLE);
	assert_int_equal(vm_event_sum(COMPACTSTALL), stall);	/* background: no stall */
	assert_true(check_owners() > 0);
	big = alloc_pages((GFP_HIGHUSER_MOVABLE & ~__GFP_DIRECT_RECLAIM) | __GFP_NOWARN, 9);
	assert_non_null(big);
	__free_pages(big, 9);
	check_verify();
	teardown_mm();
}

/* kcompactd as a thread: an order-9 request that may not reclaim fails on the fragmented node and
 * wakes kswapd; kswapd finds the node balanced at order 0 and wakes kcompactd, which makes the
 * order-9 block in the background (no stall), after which the same request succeeds. */
static bool node0_has_block(unsigned int order)
{
	for (int z = 0; z < MAX_NR_ZONES; z++)
		for (unsigned int o = order; o < MAX_ORDER; o++)
			if (node_data[0].node_zones[z].free_area[o].nr_free)
				return true;
	return false;
}

static void t_kcompactd_thread(void **state)
{
	const gfp_t gfp = (GFP_HIGHUSER_MOVABLE & ~__GFP_DIRECT_RECLAIM) | __GFP_NOWARN;
	unsigned long kw, kc, stall, mig, scanned;
	struct page *big;
	int i;

	(void)state;
	boot16();
	sched_init(1000000000ULL);
	fragment();
	assert_int_equal(kswapd_init(), 0);
	assert_int_equal(kcompactd_init(), 0);
	assert_non_null(kcompactd_task(0));
	assert_null(kcompactd_task(1));
	assert_int_equal(kcompactd_run(1), -EINVAL);	/* no such node */
	for (i = 0; i < 100 && !(kswapd_is_sleeping(0) && kcompactd_is_sleeping(0)); i++)
		yield();
	assert_true(kswapd_is_sleeping(0) && kcompactd_is_sleeping(0));
	kw = vm_event_sum(KSWAPD_WAKE);
	kc = vm_event_sum(KCOMPACTD_WAKE);
	stall = vm_event_sum(COMPACTSTALL);
	mig = vm_event_sum(PGMIGRATE_SUCCESS);
	scanned = vm_event_sum(KCOMPACTD_MIGRATE_SCANNED);
	assert_null(alloc_pages(gfp, 9));
	assert_true(vm_event_sum(KSWAPD_WAKE) > kw);
	assert_int_equal(vm_event_sum(KCOMPACTD_WAKE), kc);	/* cooperative: nothing ran yet */
	assert_false(node0_has_block(9));
	for (i = 0; i < 1000 && !(vm_event_sum(KCOMPACTD_WAKE) > kc && kcompactd_is_sleeping(0)); i++)
		yield();
	assert_int_equal(vm_event_sum(KCOMPACTD_WAKE), kc + 1);
	assert_true(kcompactd_is_sleeping(0));
	assert_int_equal(vm_event_sum(COMPACTSTALL), stall);	/* background: no stall */
	assert_true(vm_event_sum(PGMIGRATE_SUCCESS) > mig);
	assert_true(vm_event_sum(KCOMPACTD_MIGRATE_SCANNED) > scanned);
	assert_true(node0_has_block(9));
	assert_true(check_owners() > 0);
	big = alloc_pages(gfp, 9);
	assert_non_null(big);
	assert_int_equal(vm_event_sum(COMPACTSTALL), stall);
	__free_pages(big, 9);
	/* An order-0 shortage wakes no kcompactd. */
	wakeup_kcompactd(0, 0, ZONE_MOVABLE);
	yield();
	assert_int_equal(vm_event_sum(KCOMPACTD_WAKE), kc + 1);
	kcompactd_stop(0);
	kswapd_stop(0);
	assert_null(kcompactd_task(0));
	check_verify();
	teardown_mm();
}

/* Another hart uses the address space while hart 0 compacts it: it reads pages (through
 * access_mm, under the owner's lock, as every access) and unmaps others, some of them while
 * compaction holds them isolated. Every read sees its data, whatever the interleaving. */
static volatile int smp_stop, smp_started;
static unsigned long smp_bad_reads, smp_reads, smp_unmapped;

static void *smp_user(void *arg)
{
	unsigned long next_unmap = 1;

	(void)arg;
	host_cpu_id = 1;
	__atomic_store_n(&smp_started, 1, __ATOMIC_RELEASE);
	while (!__atomic_load_n(&smp_stop, __ATOMIC_ACQUIRE)) {
		for (unsigned long i = 3; i < F.nr; i += 4) {
			smp_reads++;
			if (!page_intact(i))
				smp_bad_reads++;
			if (next_unmap < F.nr && !(smp_reads % 16)) {
				if (!anon_unmap(F.mm, va_of(next_unmap))) {
					F.mapped[next_unmap] = false;
					smp_unmapped++;
				}
				next_unmap += 4;
			}
		}
	}
	return NULL;
}

static void t_smp_owner_uses_mm_during_compaction(void **state)
{
	pthread_t t;
	struct page *big;

	(void)state;
	host_nr_cpus = 2;
	boot16();
	fragment();
	smp_stop = smp_started = 0;
	smp_bad_reads = smp_reads = smp_unmapped = 0;
	pthread_create(&t, NULL, smp_user, NULL);
	while (!__atomic_load_n(&smp_started, __ATOMIC_ACQUIRE))
		;
	big = alloc_pages(GFP_HIGHUSER_MOVABLE | __GFP_NOWARN, 9);
	__atomic_store_n(&smp_stop, 1, __ATOMIC_RELEASE);
	pthread_join(t, NULL);
	host_nr_cpus = 1;
	assert_non_null(big);
	assert_true(smp_reads > 0 && smp_unmapped > 0);
	assert_int_equal(smp_bad_reads, 0);
	check_owners();
	__free_pages(big, 9);
	drain_all_pages(NULL);
	check_verify();
	teardown_mm();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_order9_after_compaction_pfn_scan),
		cmocka_unit_test(t_order9_after_compaction_bitmap_scan),
		cmocka_unit_test(t_failure_putback_and_deferral),
		cmocka_unit_test(t_defer_rules),
		cmocka_unit_test(t_migrate_pages_by_hand),
		cmocka_unit_test(t_anon_bad_input),
		cmocka_unit_test(t_suitable_and_fragindex),
		cmocka_unit_test(t_kcompactd_round),
		cmocka_unit_test(t_kcompactd_thread),
		cmocka_unit_test(t_smp_owner_uses_mm_during_compaction),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
