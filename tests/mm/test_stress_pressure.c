// SPDX-License-Identifier: BSD-2-Clause
/*
 * Randomized differential stress under memory pressure: the slow path's every branch. On the host
 * allocator with the scheduler (tasks switch with swapcontext: deterministic for a seed), kswapd
 * and kcompactd running (stopped in some phases), a random mix of
 *   - page allocations the test holds (orders 0-9, GFP_KERNEL/NOFS/NOIO/NOWAIT/ATOMIC,
 *     NORETRY, RETRY_MAYFAIL, NOFAIL, HIGHUSER_MOVABLE), each page tagged and checked on free;
 *   - page-cache files written, read, written back and dropped, against a reference of every
 *     page's contents (reclaim may drop any clean page and write back any dirty one: what is read
 *     must be what was last written, holes zeros);
 *   - anonymous address spaces with pages faulted and written through their page tables,
 *     against a reference (compaction may move them: the contents must follow);
 *   - tasks that own anonymous memory, the OOM killer's candidates, with oom_score_adj;
 * in phases: balanced, filling, pressure with kswapd stopped (direct reclaim only), release.
 *
 * Every request is checked against Linux's slow-path rules, written here from Linux's code and
 * not from the allocator's: no reclaim, compaction or OOM for a request without
 * __GFP_DIRECT_RECLAIM; no OOM call for NORETRY, RETRY_MAYFAIL or costly orders; no kill for a
 * request without __GFP_FS; no writeback by a direct reclaim without __GFP_IO and __GFP_FS; a
 * kill takes the task with the highest oom_badness (rss + page tables + adj * totalpages / 1000).
 * The allocator's structures are checked (lists, counts, bitmap, per-CPU lists) every K
 * operations, and at the end everything is released and the free count must be back where it
 * was before the run: no page leaked by the page cache, reclaim, migration or the OOM killer.
 *
 * Which slow-path branches were taken is counted (vmstat deltas around each request, and the
 * request's outcome) and printed; a config in which a branch of `required` was never taken fails.
 *   test_stress_pressure [ops_per_config] [K] [seed]
 */
#include <stdlib.h>
#include <string.h>
#include <pagoda/kthread.h>
#include <mm/compaction.h>
#include <mm/mm_types.h>
#include <mm/oom.h>
#include <mm/pagemap.h>
#include <mm/shrinker.h>
#include <mm/vmscan.h>
#include "mmt.h"

extern __thread unsigned int host_cpu_id;

/* ------------------------------------------------------------------ branches */

enum branch {
	B_KSWAPD_WAKE, B_KSWAPD_RECLAIM, B_DIRECT_RECLAIM, B_DIRECT_WRITEBACK, B_SKIP_DIRTY,
	B_COMPACT_STALL, B_COMPACT_SUCCESS, B_COMPACT_FAIL, B_KCOMPACTD, B_OOM_KILL,
	B_OOM_NOFS_NO_KILL, B_NOFAIL_AFTER_RECLAIM, B_NORETRY_FAIL, B_RETRY_MAYFAIL_FAIL,
	B_COSTLY_FAIL, B_NOWAIT_FAIL, B_CACHE_ENOMEM, NR_BRANCHES
};

static const char *const branch_names[NR_BRANCHES] = {
	"kswapd-wake", "kswapd-reclaim", "direct-reclaim", "direct-writeback", "reclaim-skip-dirty",
	"compact-stall", "compact-success", "compact-fail", "kcompactd", "oom-kill",
	"oom-nofs-no-kill", "nofail-after-reclaim", "noretry-fail", "retry-mayfail-fail",
	"costly-fail", "nowait-atomic-fail", "pagecache-enomem",
};

/* Every branch is required but pagecache-enomem (a write's allocations failing needs NOIO
 * writes at the exact moment nothing is reclaimable; counted when it happens). */
static const bool required[NR_BRANCHES] = {
	[B_KSWAPD_WAKE] = true, [B_KSWAPD_RECLAIM] = true, [B_DIRECT_RECLAIM] = true,
	[B_DIRECT_WRITEBACK] = true, [B_SKIP_DIRTY] = true, [B_COMPACT_STALL] = true,
	[B_COMPACT_SUCCESS] = true, [B_COMPACT_FAIL] = true, [B_KCOMPACTD] = true,
	[B_OOM_KILL] = true, [B_OOM_NOFS_NO_KILL] = true, [B_NOFAIL_AFTER_RECLAIM] = true,
	[B_NORETRY_FAIL] = true, [B_RETRY_MAYFAIL_FAIL] = true, [B_COSTLY_FAIL] = true,
	[B_NOWAIT_FAIL] = true,
};

static unsigned long hits[NR_BRANCHES];

/* ------------------------------------------------------------------ the model */

#define MAX_HELD 8192
#define NR_FILES 4
#define FILE_PAGES 1024
#define NR_MMS 3
#define MM_PAGES 512
#define NR_TASKS 6

struct held { struct page *page; unsigned int order; u32 tag; };
static struct held held[MAX_HELD];
static unsigned int nheld;
static u32 next_tag = 1;

static struct address_space *files[NR_FILES];
static u32 file_seed[NR_FILES][FILE_PAGES];	/* 0: never written (reads zeros) */

static struct mm_struct *mms[NR_MMS];
static u32 anon_seed[NR_MMS][MM_PAGES];	/* 0: not mapped */

static struct mm_task tasks[NR_TASKS];
static int task_adj[NR_TASKS];
static bool kswapd_on;
static unsigned int cur_phase;	/* 0 balanced, 1 filling, 2 pressure without kswapd, 3 release */
static char err[1024];
static u8 pbuf[PAGE_SIZE], rbuf[PAGE_SIZE];

#define FAIL(...) do { snprintf(err, sizeof(err), __VA_ARGS__); return -1; } while (0)

static void fill(u32 seed)
{
	u64 *w = (u64 *)pbuf;

	for (unsigned int i = 0; i < PAGE_SIZE / 8; i++)
		w[i] = ((u64)seed * 0x9e3779b97f4a7c15ULL) ^ i;
}

static int same_as(u32 seed, const void *buf)
{
	if (!seed) {
		for (unsigned int i = 0; i < PAGE_SIZE; i++)
			if (((const u8 *)buf)[i])
				return 0;
		return 1;
	}
	fill(seed);
	return !memcmp(pbuf, buf, PAGE_SIZE);
}

static unsigned long va_of(unsigned int i) { return TASK_VA_START + ((unsigned long)i << PAGE_SHIFT); }

/* ------------------------------------------------------------------ events around a request */

struct ev { unsigned long stall, cstall, csucc, cfail, calls, kills, write, skip; };

static void ev_read(struct ev *e)
{
	e->stall = vm_event_sum(ALLOCSTALL);
	e->cstall = vm_event_sum(COMPACTSTALL);
	e->csucc = vm_event_sum(COMPACTSUCCESS);
	e->cfail = vm_event_sum(COMPACTFAIL);
	e->calls = vm_event_sum(OOM_CALLS);
	e->kills = vm_event_sum(OOM_KILL);
	e->write = vm_event_sum(NR_VMSCAN_WRITE);
	e->skip = vm_event_sum(PGSCAN_SKIP_DIRTY);
}

/* A task's oom_badness as the model computes it, from the pages it faulted. */
static long score(int i)
{
	struct task_struct *t = tasks[i].task;

	/* A victim that already exited has no mm: its page tables are not known, count none. */
	return (long)(tasks[i].populated + (t->mm ? t->mm->nr_ptes : 0)) +
	       (long)t->oom_score_adj * (long)(totalram_pages / 1000);
}

static bool candidate(int i)
{
	struct task_struct *t = tasks[i].task;

	return t && t->mm && !t->oom_victim && t->oom_score_adj != OOM_SCORE_ADJ_MIN;
}

/* Before an operation: the candidates and their scores (pid 0: none). */
struct snap { int pid[NR_TASKS]; long pts[NR_TASKS]; };

static void snap_take(struct snap *sn)
{
	for (int i = 0; i < NR_TASKS; i++) {
		sn->pid[i] = candidate(i) ? tasks[i].task->pid : 0;
		sn->pts[i] = sn->pid[i] ? score(i) : 0;
	}
}

/*
 * Reap the tasks that were killed: each must score among the `kills` best of the candidates that
 * were there before the operation (a tie with the last of them may stand in for it). A task
 * started during the operation competes only if it is a victim itself, with the pages it had
 * when it was killed (its faults stop there; the reaper leaves the page tables until it exits).
 */
static int check_kills(const struct snap *sn, unsigned long kills)
{
	long cand[NR_TASKS], vpts[NR_TASKS], threshold = 0;
	unsigned long seen = 0;
	int n = 0;

	for (int i = 0; i < NR_TASKS; i++) {
		struct task_struct *t = tasks[i].task;
		bool before = t && sn->pid[i] == t->pid;

		vpts[i] = before ? sn->pts[i] : t && t->oom_victim ? score(i) : 0;
		if (before || (t && t->oom_victim))
			cand[n++] = vpts[i];
	}
	for (int a = 1; a < n; a++)
		for (int b = a; b > 0 && cand[b] > cand[b - 1]; b--) {
			long x = cand[b];

			cand[b] = cand[b - 1];
			cand[b - 1] = x;
		}
	if ((unsigned long)n < kills)
		FAIL("%lu OOM kills with %d candidates", kills, n);
	if (kills)
		threshold = cand[kills - 1];
	for (int i = 0; i < NR_TASKS; i++) {
		if (!tasks[i].task || !tasks[i].task->oom_victim)
			continue;
		if (!kills || tasks[i].task->oom_score_adj == OOM_SCORE_ADJ_MIN || vpts[i] < threshold)
			FAIL("task %d (adj %d, %lu pages) killed, not among the %lu best (%ld points, "
			     "threshold %ld)", i, tasks[i].task->oom_score_adj, tasks[i].populated,
			     kills, vpts[i], threshold);
		if (kthread_stop(tasks[i].task) != 9)
			FAIL("OOM victim %d did not exit with SIGKILL", i);
		tasks[i].task = NULL;
		seen++;
	}
	if (seen != kills)
		FAIL("%lu OOM kills counted, %lu victims found", kills, seen);
	if (kills)
		hits[B_OOM_KILL]++;
	return 0;
}

/* The rules every request obeys, judged on the events it caused (e0 before, e1 after). */
static int check_rules(gfp_t gfp, unsigned int order, bool ok, const struct ev *e0,
		       const struct ev *e1)
{
	bool reclaim = gfp & __GFP_DIRECT_RECLAIM;

	if (!reclaim && (e1->stall != e0->stall || e1->cstall != e0->cstall ||
			 e1->calls != e0->calls))
		FAIL("gfp %#x (no direct reclaim) stalled: reclaim %lu, compaction %lu, oom %lu", gfp,
		     e1->stall - e0->stall, e1->cstall - e0->cstall, e1->calls - e0->calls);
	if ((gfp & (__GFP_NORETRY | __GFP_RETRY_MAYFAIL)) && !(gfp & __GFP_NOFAIL) &&
	    e1->calls != e0->calls)
		FAIL("gfp %#x order %u called the OOM killer", gfp, order);
	if (order > PAGE_ALLOC_COSTLY_ORDER && e1->calls != e0->calls)
		FAIL("costly order %u called the OOM killer", order);
	if (!(gfp & __GFP_FS) && e1->kills != e0->kills)
		FAIL("gfp %#x without __GFP_FS killed", gfp);
	/* kswapd writes with GFP_KERNEL: only a phase without it shows the request's own writes. */
	if (!kswapd_on && (!(gfp & __GFP_IO) || !(gfp & __GFP_FS)) && e1->write != e0->write)
		FAIL("gfp %#x without IO/FS wrote %lu dirty pages back", gfp, e1->write - e0->write);
	if (e1->stall != e0->stall)
		hits[B_DIRECT_RECLAIM]++;
	if (!kswapd_on && e1->write != e0->write)
		hits[B_DIRECT_WRITEBACK]++;
	if (e1->skip != e0->skip)
		hits[B_SKIP_DIRTY]++;
	if (e1->cstall != e0->cstall)
		hits[B_COMPACT_STALL]++;
	if (e1->csucc != e0->csucc)
		hits[B_COMPACT_SUCCESS]++;
	if (e1->cfail != e0->cfail)
		hits[B_COMPACT_FAIL]++;
	if (!(gfp & __GFP_FS) && e1->calls != e0->calls)
		hits[B_OOM_NOFS_NO_KILL]++;
	if (ok && (gfp & __GFP_NOFAIL) && (e1->stall != e0->stall || e1->kills != e0->kills))
		hits[B_NOFAIL_AFTER_RECLAIM]++;
	if (!ok) {
		if ((gfp & __GFP_NOFAIL) && (gfp & __GFP_DIRECT_RECLAIM) && e1->kills != e0->kills)
			FAIL("NOFAIL failed although a task was killed for it");
		if (gfp & __GFP_NORETRY)
			hits[B_NORETRY_FAIL]++;
		if (gfp & __GFP_RETRY_MAYFAIL)
			hits[B_RETRY_MAYFAIL_FAIL]++;
		if (order > PAGE_ALLOC_COSTLY_ORDER && !(gfp & (__GFP_NORETRY | __GFP_RETRY_MAYFAIL)))
			hits[B_COSTLY_FAIL]++;
		if (!reclaim)
			hits[B_NOWAIT_FAIL]++;
	}
	return 0;
}

/* Run one operation that may allocate, then the rules, the kills and the reaping. */
#define AROUND(gfp, order, okexpr, call) ({						\
	struct ev e0_, e1_;								\
	struct snap sn_;								\
	int r_;										\
	snap_take(&sn_);								\
	ev_read(&e0_);									\
	call;										\
	ev_read(&e1_);									\
	r_ = check_rules(gfp, order, okexpr, &e0_, &e1_);				\
	r_ ? r_ : check_kills(&sn_, e1_.kills - e0_.kills);				\
})

/* ------------------------------------------------------------------ operations */

static const gfp_t gfps[] = {
	GFP_KERNEL, GFP_KERNEL, GFP_NOFS, GFP_NOIO, GFP_NOWAIT, GFP_ATOMIC,
	GFP_KERNEL | __GFP_NORETRY, GFP_KERNEL | __GFP_RETRY_MAYFAIL, GFP_HIGHUSER_MOVABLE,
	GFP_HIGHUSER_MOVABLE | __GFP_NORETRY, GFP_KERNEL | __GFP_NOFAIL, GFP_USER,
};

static enum zone_type highest_zone(gfp_t gfp)
{
	if (gfp & __GFP_DMA)
		return ZONE_DMA;
	if ((gfp & __GFP_HIGHMEM) && (gfp & __GFP_MOVABLE))
		return ZONE_MOVABLE;
	return gfp & __GFP_HIGHMEM ? ZONE_HIGHMEM : ZONE_NORMAL;
}

static int op_alloc_gfp(gfp_t gfp, unsigned int order)
{
	struct page *p = NULL;
	int r;

	gfp |= __GFP_NOWARN;

	if (nheld == MAX_HELD)
		return 0;
	if ((gfp & __GFP_NOFAIL) && order > 1)
		order = 0;	/* Linux warns on NOFAIL above order 1 */
	r = AROUND(gfp, order, p != NULL, p = alloc_pages(gfp, order));
	if (r)
		return r;
	if (!p)
		return 0;
	if (page_zonenum(p) > highest_zone(gfp))
		FAIL("gfp %#x got a page of zone %d", gfp, page_zonenum(p));
	if ((page_to_pfn(p) & ((1UL << order) - 1)) || page_ref_count(p) != 1)
		FAIL("block %#lx order %u misaligned or refcount %d", page_to_pfn(p), order,
		     page_ref_count(p));
	for (unsigned long i = 0; i < (1UL << order); i++) {
		u32 *w = mmt_page_mem(p + i);

		w[0] = next_tag;
		w[1] = (u32)i;
	}
	held[nheld++] = (struct held){ p, order, next_tag++ };
	return 0;
}

static int op_alloc(u32 a, u32 b)
{
	unsigned int order = b % 100 < 75 ? 0 : b % 100 < 90 ? 1 + (b >> 8) % 3 : 4 + (b >> 8) % 6;

	return op_alloc_gfp(gfps[a % ARRAY_SIZE(gfps)], order);
}

/* A high-order movable request (a THP-like user fault's), with direct reclaim (compaction in
 * the request) or without (kswapd, then kcompactd in the background). */
static int op_alloc_high(u32 a, u32 b)
{
	gfp_t g = a & 1 ? GFP_HIGHUSER_MOVABLE : GFP_HIGHUSER_MOVABLE & ~__GFP_DIRECT_RECLAIM;

	/* Lower orders more often: compaction makes an order-4 block far more easily. */
	return op_alloc_gfp(g, (b >> 12) & 1 ? 4 + (b >> 8) % 6 : 4 + (b >> 8) % 2);
}

static int op_free(u32 a)
{
	struct held h;

	if (!nheld)
		return 0;
	h = held[a % nheld];
	nheld--;
	held[a % (nheld + 1)] = held[nheld];
	for (unsigned long i = 0; i < (1UL << h.order); i++) {
		const u32 *w = mmt_page_mem(h.page + i);

		if (w[0] != h.tag || w[1] != (u32)i)
			FAIL("held block %#lx page %lu overwritten", page_to_pfn(h.page), i);
	}
	__free_pages(h.page, h.order);
	return 0;
}

static int op_file(u32 a, u32 b)
{
	unsigned int f = a % NR_FILES, idx = b % FILE_PAGES;
	static const gfp_t g[] = { GFP_KERNEL, GFP_KERNEL, GFP_NOFS, GFP_NOIO };
	gfp_t gfp = g[(a >> 8) % ARRAY_SIZE(g)];
	int ret = 0, r;

	/* Under pressure without kswapd, mostly writes: dirty pages that only a direct
	 * reclaim's writeback can free. */
	switch (cur_phase == 2 && (a & 0x3000) ? 0 : (a >> 4) % 8) {
	case 0: case 1: case 2: {	/* write */
		u32 seed = (b >> 12) | 1;

		fill(seed);
		r = AROUND(gfp, 0, ret == 0, ret = pagecache_write(files[f], idx, pbuf, gfp));
		if (r)
			return r;
		if (ret == -ENOMEM) {
			hits[B_CACHE_ENOMEM]++;
			return 0;
		}
		if (ret)
			FAIL("pagecache_write(%u, %u): %d", f, idx, ret);
		file_seed[f][idx] = seed;
		return 0;
	}
	case 3: case 4: case 5:		/* read */
		r = AROUND(gfp, 0, ret == 0, ret = pagecache_read(files[f], idx, rbuf, gfp));
		if (r)
			return r;
		if (ret == -ENOMEM) {
			hits[B_CACHE_ENOMEM]++;
			return 0;
		}
		if (ret)
			FAIL("pagecache_read(%u, %u): %d", f, idx, ret);
		if (!same_as(file_seed[f][idx], rbuf))
			FAIL("file %u page %u reads other data than written (seed %u)", f, idx,
			     file_seed[f][idx]);
		return 0;
	case 6:
		filemap_write_and_wait(files[f]);
		return 0;
	default:
		if (!(b & 0xf))
			drop_pagecache();
		return 0;
	}
}

static int op_anon(u32 a, u32 b)
{
	unsigned int m = a % NR_MMS, i = b % MM_PAGES;
	static const gfp_t extra[] = { 0, 0, __GFP_NORETRY, __GFP_RETRY_MAYFAIL };
	gfp_t x = extra[(a >> 8) % ARRAY_SIZE(extra)];
	bool mmu;
	int ret = 0, r;

	if (!anon_seed[m][i]) {
		u32 seed = (b >> 12) | 1;

		/* The page table a fault may need is a GFP_KERNEL allocation (Linux pte_alloc):
		 * the fault obeys GFP_KERNEL's rules, whatever its page's modifiers. */
		r = AROUND(GFP_KERNEL, 0, ret == 0,
			   ret = anon_fault(mms[m], va_of(i), x | __GFP_NOWARN));
		if (r)
			return r;
		if (ret == -ENOMEM)
			return 0;
		if (ret)
			FAIL("anon_fault(%u, %u): %d", m, i, ret);
		fill(seed);
		if (access_mm(mms[m], va_of(i), pbuf, PAGE_SIZE, true, &mmu))
			FAIL("cannot write mm %u page %u", m, i);
		anon_seed[m][i] = seed;
		return 0;
	}
	if ((a >> 4) & 3) {
		if (access_mm(mms[m], va_of(i), rbuf, PAGE_SIZE, false, &mmu))
			FAIL("mm %u page %u not mapped", m, i);
		if (!same_as(anon_seed[m][i], rbuf))
			FAIL("mm %u page %u reads other data than written (moved by compaction?)", m, i);
		return 0;
	}
	if (anon_unmap(mms[m], va_of(i)))
		FAIL("anon_unmap(%u, %u) failed", m, i);
	anon_seed[m][i] = 0;
	return 0;
}

static void wait_task(struct mm_task *t)
{
	for (int i = 0; i < 1000 && !READ_ONCE(t->ready); i++)
		yield();
}

static int op_task(u32 a, u32 b)
{
	unsigned int i = a % NR_TASKS;
	static const int adjs[] = { 0, 0, 200, 500, -500, OOM_SCORE_ADJ_MIN };
	char name[16];
	int r, ret = 0;

	if (tasks[i].task) {
		if ((b & 7) == 0) {	/* stop it: it was never killed, so it exits with 0 */
			if (kthread_stop(tasks[i].task) != 0)
				FAIL("task %d stopped with a non-zero status", i);
			tasks[i].task = NULL;
		}
		return 0;
	}
	task_adj[i] = adjs[(b >> 4) % ARRAY_SIZE(adjs)];
	snprintf(name, sizeof(name), "hog%u", i);
	/* Its faults are NORETRY (mm_task_run), their page tables GFP_KERNEL (see op_anon). */
	r = AROUND(GFP_KERNEL, 0, ret == 0, ({
		if (!mm_task_run(&tasks[i], name, 32 + (b >> 8) % 512 + i, task_adj[i], 0))
			ret = -1;
		else
			wait_task(&tasks[i]);
	}));
	if (r)
		return r;
	if (ret) {		/* no memory for its stack: a legitimate failure under pressure */
		tasks[i].task = NULL;
		return 0;
	}
	if (!tasks[i].ready)
		FAIL("task %u never populated its memory", i);
	return 0;
}

static void kswapd_set(bool on);

/* Hold (in the model, tagged) every block of `order` a `gfp` request gets without reclaim. */
static void hold_all(gfp_t gfp, unsigned int order)
{
	struct page *p;

	while (nheld < MAX_HELD &&
	       (p = alloc_pages((gfp & ~__GFP_RECLAIM) | __GFP_NOWARN, order))) {
		for (unsigned long i = 0; i < (1UL << order); i++) {
			u32 *w = mmt_page_mem(p + i);

			w[0] = next_tag;
			w[1] = (u32)i;
		}
		held[nheld++] = (struct held){ p, order, next_tag++ };
	}
}

/*
 * Directed episodes, at the end of each cycle of phases, so that the rarest branches are taken
 * on every machine and seed, through the same checked operations as the random ones:
 *  - writeback: kswapd stopped, a file's pages dirty and no clean cache left, every page a
 *    GFP_NOWAIT request may take held; a GFP_KERNEL request must reclaim by writing back;
 *  - compaction: every free block of order >= 4 a movable request could use held, an address
 *    space's pages faulted and every other one unmapped (holes between movable pages); an
 *    order-4 movable request must compact.
 * Everything the episode held is given back (checked tags) at its end.
 */
static int episodes(u64 *seed)
{
	unsigned int base = nheld;
	int ret = 0;

	kswapd_set(false);
	drop_pagecache();
	for (unsigned int i = 0; i < FILE_PAGES / 2 && !ret; i++) {
		u32 r = (u32)mmt_rand(seed);

		ret = op_file(0x8000u | (r & 3) << 0 | 0x3000, i * 2 + (r & 1));
	}
	hold_all(GFP_NOWAIT, 0);
	for (int k = 0; k < 64 && !ret; k++)
		ret = op_alloc_gfp(GFP_KERNEL, 0);
	while (!ret && nheld > base)
		ret = op_free(nheld - 1);
	kswapd_set(true);
	if (ret)
		return ret;

	drain_all_pages(NULL);
	for (int o = MAX_ORDER - 1; o >= 4; o--)
		hold_all(GFP_HIGHUSER_MOVABLE, (unsigned int)o);
	for (unsigned int i = 0; i < MM_PAGES && !ret; i++)
		if (!anon_seed[2][i])
			ret = op_anon(2, i | (i + 1) << 12);
	for (unsigned int i = 0; i < MM_PAGES && !ret; i += 2)
		if (anon_seed[2][i]) {
			if (anon_unmap(mms[2], va_of(i)))
				return -1;
			anon_seed[2][i] = 0;
		}
	drain_all_pages(NULL);
	for (int k = 0; k < 4 && !ret; k++)
		ret = op_alloc_gfp(GFP_HIGHUSER_MOVABLE, 4);
	while (!ret && nheld > base)
		ret = op_free(nheld - 1);
	return ret;
}

static void kswapd_set(bool on)
{
	for (int nid = 0; nid < MAX_NUMNODES; nid++)
		if (node_data[nid].online) {
			if (on)
				kswapd_run(nid);
			else
				kswapd_stop(nid);
		}
	kswapd_on = on;
}

/* ------------------------------------------------------------------ a config */

static const struct mmt_cfg cfgs[] = {
	{ "highmem=4M movablecore=6M", 1, 24, true },
	{ "dma=2M movablecore=25%", 2, 12, true },
};

static int release_all(void)
{
	while (nheld)
		if (op_free(0))
			return -1;
	for (int i = 0; i < NR_TASKS; i++)
		if (tasks[i].task) {
			int want = tasks[i].task->oom_victim ? 9 : 0;

			if (kthread_stop(tasks[i].task) != want)
				FAIL("task %d: exit status not %d", i, want);
			tasks[i].task = NULL;
		}
	for (int f = 0; f < NR_FILES; f++) {
		for (unsigned int i = 0; i < FILE_PAGES; i++)
			if (file_seed[f][i] && (pagecache_read(files[f], i, rbuf, GFP_KERNEL) ||
						!same_as(file_seed[f][i], rbuf)))
				FAIL("at the end, file %d page %u reads other data than written", f, i);
		ramfile_destroy(files[f]);
		files[f] = NULL;
	}
	for (int m = 0; m < NR_MMS; m++) {
		mmput(mms[m]);
		mms[m] = NULL;
	}
	return 0;
}

static int run_config(const struct mmt_cfg *c, unsigned long ops, unsigned long k, u64 *seed)
{
	unsigned long free0;
	int nodes = c->nodes;

	if (mmt_boot(c))
		FAIL("boot failed");
	sched_init(1000000000ULL);
	free0 = global_free_pages();
	memset(file_seed, 0, sizeof(file_seed));
	memset(anon_seed, 0, sizeof(anon_seed));
	memset(tasks, 0, sizeof(tasks));
	nheld = 0;
	if (kswapd_init() || kcompactd_init())
		FAIL("kswapd/kcompactd did not start");
	kswapd_on = true;
	for (int f = 0; f < NR_FILES; f++)
		if (!(files[f] = ramfile_create(FILE_PAGES)))
			FAIL("ramfile_create");
	for (int m = 0; m < NR_MMS; m++)
		if (!(mms[m] = mm_alloc()))
			FAIL("mm_alloc");
	for (unsigned long i = 0; i < ops; i++) {
		u64 r = mmt_rand(seed);
		u32 a = (u32)(r >> 16), b = (u32)(r >> 40) | (u32)((r & 0xff00) << 16);
		unsigned int phase = (unsigned int)((i / 4000) % 4), op = (unsigned int)(r & 0xff) % 20;
		unsigned long kw = vm_event_sum(KSWAPD_WAKE), ks = vm_event_sum(PGSTEAL_KSWAPD);
		unsigned long kc = vm_event_sum(KCOMPACTD_WAKE);
		int ret;

		cur_phase = phase;
		/* Phase 2 runs without kswapd: every reclaim is a request's own. */
		if ((phase == 2) == kswapd_on)
			kswapd_set(phase != 2);
		/* Filling and pressure: allocations and writes outweigh frees; release: the
		 * other way round. */
		if (phase == 3 && op < 8 && (r & 0x300))
			op = 8;
		if ((phase == 1 || phase == 2) && op >= 8 && op < 11 && (r & 0x300))
			op = (r >> 8) % 2 ? 0 : 12;
		if (op < 8)
			ret = op_alloc(a, b);
		else if (op < 11)
			ret = op_free(a);
		else if (op < 15)
			ret = op_file(a, b);
		else if (op < 18)
			ret = op_anon(a, b);
		else if (op < 19)
			ret = op_task(a, b);
		else if ((r >> 20) & 1)
			ret = op_alloc_high(a, b);
		else
			ret = (yield(), 0);	/* kswapd, kcompactd and the victims run */
		if (ret)
			return -1;
		if (vm_event_sum(KSWAPD_WAKE) != kw)
			hits[B_KSWAPD_WAKE]++;
		if (vm_event_sum(PGSTEAL_KSWAPD) != ks)
			hits[B_KSWAPD_RECLAIM]++;
		if (vm_event_sum(KCOMPACTD_WAKE) != kc)
			hits[B_KCOMPACTD]++;
		if (((i + 1) % 16000 == 0 || i + 1 == ops) && episodes(seed))
			return -1;
		if ((i + 1) % k == 0 && mmt_check_full(NULL))
			FAIL("after op %lu: %s", i, mmt_err);
	}
	if (release_all())
		return -1;
	for (int nid = 0; nid < nodes; nid++) {
		kswapd_stop(nid);
		kcompactd_stop(nid);
		shrink_slab(GFP_KERNEL, nid, 0);
	}
	drain_all_pages(NULL);
	if (mmt_check_full(NULL))
		FAIL("after release: %s", mmt_err);
	if (anon_total_rss(NULL) || global_node_page_state(NR_FILE_PAGES) || ramdisk_pages())
		FAIL("after release: %lu anon, %lu cache, %lu RAM-disk pages left",
		     anon_total_rss(NULL), global_node_page_state(NR_FILE_PAGES), ramdisk_pages());
	if (global_free_pages() != free0)
		FAIL("after release: %lu pages free, %lu before the run (leak of %ld)",
		     global_free_pages(), free0, (long)free0 - (long)global_free_pages());
	return 0;
}

int main(int argc, char **argv)
{
	unsigned long ops = argc > 1 ? strtoul(argv[1], NULL, 0) : 40000;
	unsigned long k = argc > 2 ? strtoul(argv[2], NULL, 0) : 1000;
	u64 seed = argc > 3 ? strtoull(argv[3], NULL, 0) : 0x5eed5eed1234ULL;
	int passed = 0, failed = 0;

	host_printk_enabled = getenv("STRESS_PRINTK") != NULL;	/* the OOM reports, for debugging */
	host_cpu_id = 0;
	for (unsigned int c = 0; c < ARRAY_SIZE(cfgs); c++) {
		int missing = 0;

		memset(hits, 0, sizeof(hits));
		err[0] = 0;
		if (run_config(&cfgs[c], ops, k, &seed)) {
			/* Its threads are still there: a new boot on top of them would not be
			 * clean, so the run ends here. */
			printf("config %u [%s, %d node(s)]: FAIL: %s\n", c, cfgs[c].bootargs,
			       cfgs[c].nodes, err);
			failed++;
			break;
		}
		printf("config %u [%s, %d node(s)]: %lu ops; slow-path branches taken:\n", c,
		       cfgs[c].bootargs, cfgs[c].nodes, ops);
		for (int b = 0; b < NR_BRANCHES; b++) {
			printf("  %-22s %8lu%s\n", branch_names[b], hits[b],
			       !hits[b] && required[b] ? "  REQUIRED, NEVER TAKEN" : "");
			missing += !hits[b] && required[b];
		}
		if (missing) {
			printf("config %u: FAIL: %d required branch(es) never taken\n", c, missing);
			failed++;
		} else {
			passed++;
		}
	}
	printf("suite-result: %d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
