// SPDX-License-Identifier: BSD-2-Clause
/*
 * Firmware self-tests and benchmark of compaction (firmware only). The fixture takes every page a
 * GFP_HIGHUSER_MOVABLE request could get (so the test, not the boot's leftovers, decides the
 * layout), then in the request's first zone: the lowest movable pageblock A becomes an address
 * space's anonymous pages, some of them unmapped again, and the highest movable pageblocks give
 * back three pages in four as single free pages. No free block of order 9 exists; compaction must
 * move A's pages into the holes for an order-9 request to succeed. The owners' data is written
 * and read through their page tables: with the MMU where Sv39 is on.
 */
#include <asm/pgtable.h>
#include <pagoda/bench.h>
#include <pagoda/kthread.h>
#include <pagoda/printk.h>
#include <pagoda/selftest.h>
#include <pagoda/string.h>
#include <mm/compaction.h>
#include <mm/mm.h>
#include <mm/mm_types.h>
#include "internal.h"

#define NR_A 512	/* pages in block A: pageblock_nr_pages at order 9 */
#define GFP_GRAB ((GFP_HIGHUSER_MOVABLE & ~__GFP_RECLAIM) | __GFP_MEMALLOC | __GFP_NOWARN)

static struct cfix {
	struct mm_struct *mm;
	struct list_head held;		/* blocks taken, head ->private = order */
	struct zone *zone;
	struct page *a;
	unsigned long pfn[NR_A];	/* 0: not mapped */
	struct page *big;
} F;

static unsigned long va_of(unsigned int i) { return TASK_VA_START + ((unsigned long)i << PAGE_SHIFT); }
static u64 pattern(unsigned int i, unsigned int w) { return ((u64)i * 0x9e3779b97f4a7c15ULL) ^ w; }

static void hold(struct page *p, unsigned int order)
{
	p->private = order;
	list_add_tail(&p->lru, &F.held);
}

/*
 * kcompactd runs on another hart where there is one: woken by the kswapd wake-ups of these tests'
 * requests, it would compact the fixture's zone concurrently with the direct compaction under
 * test (and reset its deferral). Every test but kcompactd's parks it for the fixture's lifetime.
 */
static bool kcompactd_parked, keep_kcompactd;

static void park_kcompactd(bool park)
{
	if (park == kcompactd_parked)
		return;
	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		if (!node_data[nid].online)
			continue;
		if (park)
			kcompactd_stop(nid);
		else
			kcompactd_run(nid);
	}
	kcompactd_parked = park;
}

static void release_all(void)
{
	if (F.big)
		__free_pages(F.big, 9);
	F.big = NULL;
	if (F.mm)
		mmput(F.mm);
	F.mm = NULL;
	while (!list_empty(&F.held)) {
		struct page *p = list_first_entry(&F.held, struct page, lru);
		unsigned int order = (unsigned int)p->private;

		list_del(&p->lru);
		p->private = 0;
		__free_pages(p, order);
	}
	drain_all_pages(NULL);
	park_kcompactd(false);	/* after the memory is back: the threads need some */
	keep_kcompactd = false;
}

/* The held order-9 block of F.zone with the lowest (or highest) pfn in a movable pageblock. */
static struct page *pick_block(bool lowest)
{
	struct page *p, *best = NULL;

	list_for_each_entry(p, &F.held, lru) {
		if (p->private != 9 || page_zone(p) != F.zone ||
		    get_pageblock_migratetype(p) != MIGRATE_MOVABLE)
			continue;
		if (!best || (lowest ? p < best : p > best))
			best = p;
	}
	if (best)
		list_del(&best->lru);
	return best;
}

/* Give back three pages in four of a held block, keeping the rest held. */
static void punch_holes(struct page *p)
{
	split_page(p, 9);
	for (unsigned int i = 0; i < NR_A; i++) {
		if (i % 4)
			__free_page(p + i);
		else
			hold(p + i, 0);
	}
}

static void write_page(unsigned int i)
{
	static u64 buf[PAGE_SIZE / 8];
	bool mmu;

	for (unsigned int w = 0; w < PAGE_SIZE / 8; w++)
		buf[w] = pattern(i, w);
	ST_ASSERT_EQ(access_mm(F.mm, va_of(i), buf, PAGE_SIZE, true, &mmu), 0);
	ST_ASSERT(mmu == sv39_enabled);
}

/*
 * The layout above, with `keep` of A's pages still mapped (spread evenly). Returns 0, or skips
 * when the zone has too few movable pageblocks for it.
 */
static int fixture(unsigned int keep)
{
	gfp_t gfp = GFP_HIGHUSER_MOVABLE;
	struct page *p;
	int o;

	memset(&F, 0, sizeof(F));
	INIT_LIST_HEAD(&F.held);
	park_kcompactd(!keep_kcompactd);
	F.mm = mm_alloc();
	ST_ASSERT(F.mm != NULL);
	/* The tables for A's addresses now: later there is no memory to make them. */
	ST_ASSERT_EQ(anon_fault(F.mm, va_of(0), 0), 0);
	ST_ASSERT_EQ(anon_unmap(F.mm, va_of(0)), 0);
	F.zone = first_zones_zonelist(node_zonelist(numa_node_id(), gfp), gfp_zone(gfp), NULL)->zone;
	compaction_zone_reset(F.zone);
	drain_all_pages(NULL);
	for (o = 9; o >= 0; o--)
		while ((p = alloc_pages(GFP_GRAB, (unsigned int)o)))
			hold(p, (unsigned int)o);
	F.a = pick_block(true);
	if (!F.a)
		ST_SKIP("no movable pageblock in zone %s", F.zone->name);
	while (compaction_suitable(F.zone, 9, ALLOC_WMARK_MIN, gfp_zone(gfp)) != COMPACT_CONTINUE) {
		p = pick_block(false);
		if (!p)
			ST_SKIP("zone %s: too few pageblocks to free memory into", F.zone->name);
		punch_holes(p);
		drain_all_pages(NULL);
	}
	split_page(F.a, 9);
	for (unsigned int i = 0; i < NR_A; i++) {
		ST_ASSERT_EQ(anon_map_page(F.mm, va_of(i), F.a + i), 0);
		F.pfn[i] = page_to_pfn(F.a + i);
	}
	for (unsigned int i = 0; i < NR_A; i++) {
		if ((unsigned long)i * keep / NR_A != ((unsigned long)i + 1) * keep / NR_A) {
			write_page(i);
			continue;
		}
		ST_ASSERT_EQ(anon_unmap(F.mm, va_of(i)), 0);
		F.pfn[i] = 0;
	}
	drain_all_pages(NULL);
	/* No block of order 9 anywhere the request may look: without compaction it fails. */
	ST_ASSERT(alloc_pages((gfp & ~__GFP_RECLAIM) | __GFP_NOWARN, 9) == NULL);
	return 0;
}

/* Every page still mapped: same data, read through the page tables, rmap naming (mm, va), and
 * not inside the new block. Returns the number moved. */
static int check_owners(void)
{
	static u64 buf[PAGE_SIZE / 8];
	unsigned long big = F.big ? page_to_pfn(F.big) : 0;
	int moved = 0;
	bool mmu;

	for (unsigned int i = 0; i < NR_A; i++) {
		struct page *page = follow_page(F.mm, va_of(i));

		if (!F.pfn[i]) {
			ST_ASSERT(page == NULL);
			continue;
		}
		ST_ASSERT(page != NULL);
		ST_ASSERT_EQ(access_mm(F.mm, va_of(i), buf, PAGE_SIZE, false, &mmu), 0);
		ST_ASSERT(mmu == sv39_enabled);
		for (unsigned int w = 0; w < PAGE_SIZE / 8; w++)
			if (buf[w] != pattern(i, w))
				ST_FAIL("page %u word %u: %llx, wrote %llx", i, w,
					(unsigned long long)buf[w], (unsigned long long)pattern(i, w));
		ST_ASSERT(PageAnon(page) && PageLRU(page));
		ST_ASSERT(page_anon_mm(page) == F.mm);
		ST_ASSERT_EQ(page_anon_address(page), va_of(i));
		ST_ASSERT_EQ(page_ref_count(page), 1);
		ST_ASSERT(!F.big || page_to_pfn(page) - big >= 512);
		moved += page_to_pfn(page) != F.pfn[i];
	}
	return moved;
}

static int order9_case(void)
{
	unsigned long stall = vm_event_sum(COMPACTSTALL), ok = vm_event_sum(COMPACTSUCCESS);
	unsigned long migrated = vm_event_sum(PGMIGRATE_SUCCESS);
	int moved;

	fixture(NR_A / 2);
	F.big = alloc_pages(GFP_HIGHUSER_MOVABLE | __GFP_NOWARN, 9);
	ST_ASSERT(F.big != NULL);
	ST_ASSERT(page_zone(F.big) == F.zone);
	ST_ASSERT_EQ(vm_event_sum(COMPACTSTALL), stall + 1);
	ST_ASSERT_EQ(vm_event_sum(COMPACTSUCCESS), ok + 1);
	moved = check_owners();
	ST_ASSERT(moved > 0);
	ST_ASSERT_EQ((unsigned long)moved, vm_event_sum(PGMIGRATE_SUCCESS) - migrated);
	return 0;
}

static int finish(int r)
{
	char err[128];

	release_all();
	if (r)
		selftest_abort(r);
	if (mm_verify(err, sizeof(err)))
		ST_FAIL("%s", err);
	return 0;
}

SELFTEST(compaction_order9_owners_intact)
{
	return finish(ST_CATCH(order9_case()));
}

/* Pinned pages cannot move: the request fails, every page is back with its owner, unchanged,
 * and the zone's compaction is deferred. */
static int pinned_case(void)
{
	unsigned long fail = vm_event_sum(COMPACTFAIL), mfail = vm_event_sum(PGMIGRATE_FAIL);
	struct compact_zone_info ci;

	fixture(NR_A / 2);
	for (unsigned int i = 0; i < NR_A; i++)
		if (F.pfn[i])
			get_page(pfn_to_page(F.pfn[i]));
	F.big = alloc_pages(GFP_HIGHUSER_MOVABLE | __GFP_NOWARN, 9);
	for (unsigned int i = 0; i < NR_A; i++)
		if (F.pfn[i])
			put_page(pfn_to_page(F.pfn[i]));
	ST_ASSERT(F.big == NULL);
	ST_ASSERT(vm_event_sum(COMPACTFAIL) > fail);
	ST_ASSERT(vm_event_sum(PGMIGRATE_FAIL) > mfail);
	ST_ASSERT_EQ(check_owners(), 0);
	compaction_zone_info(F.zone, &ci);
	ST_ASSERT_EQ(ci.defer_shift, 1);
	ST_ASSERT(compaction_deferred(F.zone, 9));
	return 0;
}

SELFTEST(compaction_pinned_putback_deferred)
{
	return finish(ST_CATCH(pinned_case()));
}

/* The node's kcompactd asleep with no request pending (skips where the node has none).
 * ST_WAIT_MS: a 5 s bound here failed 2 of 7 runs of qemu-selftest-numa2 under load. */
static void wait_kcompactd_idle(int nid)
{
	if (!kcompactd_task(nid))
		ST_SKIP("no kcompactd on node %d", nid);
	for (int i = 0; i < ST_WAIT_MS && !kcompactd_is_sleeping(nid); i++)
		msleep(1);
	ST_ASSERT(kcompactd_is_sleeping(nid));
}

/*
 * kcompactd in the background: the order-9 request of order9_case without direct reclaim fails
 * and wakes kswapd (on the node's last hart); kswapd finds the node balanced at order 0 and wakes
 * kcompactd, which makes the block. The same request then succeeds with no compaction stall.
 */
static int kcompactd_case(void)
{
	const gfp_t gfp = (GFP_HIGHUSER_MOVABLE & ~__GFP_DIRECT_RECLAIM) | __GFP_NOWARN;
	unsigned long stall = vm_event_sum(COMPACTSTALL), wake, mig = vm_event_sum(PGMIGRATE_SUCCESS);
	int nid = numa_node_id(), i;

	wait_kcompactd_idle(nid);
	keep_kcompactd = true;
	fixture(NR_A / 2);	/* ends with this very request failing: the wake-up */
	keep_kcompactd = false;
	wake = vm_event_sum(KCOMPACTD_WAKE);
	ST_ASSERT(alloc_pages(gfp, 9) == NULL);
	for (i = 0; i < ST_WAIT_MS; i++) {
		if (vm_event_sum(KCOMPACTD_WAKE) != wake && kcompactd_is_sleeping(nid))
			break;
		msleep(1);
	}
	if (vm_event_sum(KCOMPACTD_WAKE) == wake)
		ST_FAIL("kcompactd never woken (kswapd_wake %lu)", vm_event_sum(KSWAPD_WAKE));
	ST_ASSERT(kcompactd_is_sleeping(nid));
	F.big = alloc_pages(gfp, 9);
	ST_ASSERT(F.big != NULL);
	ST_ASSERT_EQ(vm_event_sum(COMPACTSTALL), stall);
	ST_ASSERT(vm_event_sum(PGMIGRATE_SUCCESS) > mig);
	ST_ASSERT(check_owners() > 0);
	printk("kcompactd: %lu wake(s), %lu pages migrated, %lu scanned\n",
	       vm_event_sum(KCOMPACTD_WAKE) - wake, vm_event_sum(PGMIGRATE_SUCCESS) - mig,
	       vm_event_sum(KCOMPACTD_MIGRATE_SCANNED));
	return 0;
}

SELFTEST(kcompactd_background_order9)
{
	return finish(ST_CATCH(kcompactd_case()));
}

/*
 * A wake-up kcompactd cannot use leaves no request behind: kswapd may call wakeup_kcompactd
 * after kcompactd already made the block (the node is then not suitable), and a request recorded
 * without the wake-up stayed pending with kcompactd asleep, so it never looked idle again (the
 * race behind a 120 s timeout of kcompactd_background_order9 in CI). Order 1 on this node's free
 * memory is never a compaction job.
 */
SELFTEST(kcompactd_unsuitable_wake_leaves_no_request)
{
	int nid = numa_node_id();

	wait_kcompactd_idle(nid);
	ST_ASSERT(!kcompactd_node_suitable(nid, 1, MAX_NR_ZONES - 1));
	wakeup_kcompactd(nid, 1, MAX_NR_ZONES - 1);
	ST_ASSERT(kcompactd_is_sleeping(nid));
	return 0;
}

/* ---------------------------------------------------------------- bench */

/* Cycles of one order-9 request that needs compaction, as a function of how many of A's pages
 * must move (the fragmentation), with the free scanner testing pages or searching the bitmap.
 * Results in statics: locals would not survive an abort's longjmp. */
static struct bench_counters bench_t[2];
static unsigned long bench_moved, bench_scanned;

static int bench_case(unsigned int keep, enum compact_free_scan mode)
{
	unsigned long flags, moved, scanned;

	fixture(keep);
	compact_free_scan_mode = mode;
	moved = vm_event_sum(PGMIGRATE_SUCCESS);
	scanned = vm_event_sum(COMPACTFREE_SCANNED);
	local_irq_save(flags);
	bench_t[0] = bench_start();
	F.big = alloc_pages(GFP_HIGHUSER_MOVABLE | __GFP_NOWARN, 9);
	bench_t[1] = bench_end();
	local_irq_restore(flags);
	bench_moved = vm_event_sum(PGMIGRATE_SUCCESS) - moved;
	bench_scanned = vm_event_sum(COMPACTFREE_SCANNED) - scanned;
	ST_ASSERT(F.big != NULL);
	return 0;
}

void compaction_bench_run(void)
{
	static const unsigned int keeps[] = { 64, 128, 256, 384 };
	bool trace = mm_trace_enabled;

	mm_trace_enabled = false;
	for (int m = 0; m < 2; m++) {
		for (unsigned int k = 0; k < ARRAY_SIZE(keeps); k++) {
			char name[48], extra[64];
			int r = ST_CATCH(bench_case(keeps[k], (enum compact_free_scan)m));

			release_all();
			compact_free_scan_mode = COMPACT_SCAN_PFN;
			if (r) {
				printk("bench compact: %u pages: no result (%d)\n", keeps[k], r);
				continue;
			}
			snprintf(name, sizeof(name), "order9-%s-%u", m ? "bitmap" : "pfn", keeps[k]);
			snprintf(extra, sizeof(extra), "moved=%lu free_scanned=%lu", bench_moved,
				 bench_scanned);
			bench_report("compact", name, 1, bench_t[0], bench_t[1], extra);
		}
	}
	mm_trace_enabled = trace;
}
