// SPDX-License-Identifier: BSD-2-Clause
/*
 * pgaccel driver under injected faults: the paths that a healthy engine never takes. They need the
 * fault-injection simulator (tests/soc/faults/pgaccel.sv), which the suite soc-accel-faults boots
 * once per fault kind (+pgaccel-fault=KIND); everywhere else they skip. The injector answers two
 * registers that the real engine leaves unmapped: the kind chosen by the plusarg, and an arm
 * register, so that boot and calibration run clean and the fault hits the command under test.
 *
 * Each test checks the three things a fault must not break: the requester gets zeroed memory (or
 * a correct search), the counters say what happened, and the engine is either usable afterwards
 * or declared dead (wedged) and no longer used.
 */
#include <asm/barrier.h>
#include <asm/page.h>
#include <asm/ptrace.h>
#include <asm/timex.h>
#include <mm/gfp.h>
#include <mm/mm.h>
#include <pagoda/boot.h>
#include <pagoda/selftest.h>
#include <pagoda/string.h>
#include "pgaccel.h"
#include "pgaccel_regs.h"

/* The injector's registers and kinds (tests/soc/faults/pgaccel.sv). */
#define FAULT_REG_KIND 0xf00
#define FAULT_REG_ARM 0xf08
enum fault_kind { FAULT_NONE, FAULT_STALL, FAULT_DROP, FAULT_TAG, FAULT_BUSERR, FAULT_REJECT };

#define FAULT_ORDER 2	/* 16 KiB test buffers */
#define FAULT_LEN (PAGE_SIZE << FAULT_ORDER)
#define DIRTY 0xc3

static enum fault_kind fault_kind(void)
{
	unsigned long v;

	if (!pgaccel.present || probe_read64(pgaccel.base + FAULT_REG_KIND, &v))
		return FAULT_NONE;
	return (enum fault_kind)(v & 0xff);
}

static void fault_arm(bool on)
{
	mb();
	pgaccel_writeq(FAULT_REG_ARM, on);
}

/* Faults injected since arming. */
static unsigned long fault_fired(void)
{
	return pgaccel_readq(FAULT_REG_ARM) >> 32;
}

#define NEED_FAULT(kind, name) do { \
	if (fault_kind() != (kind)) \
		ST_SKIP("needs the fault-injection simulator with +pgaccel-fault=" name \
			" (suite soc-accel-faults)"); \
} while (0)

static int check_zeroed(const u8 *p, unsigned long len)
{
	for (unsigned long i = 0; i < len; i++)
		if (p[i])
			ST_FAIL("byte %lu of %lu is 0x%02x, not zero", i, len, p[i]);
	return 0;
}

/* The driver's state around a test: hardware forced, no background zeroing unless asked. */
struct fault_env {
	enum pgaccel_mode mode;
	bool prezero;
	struct pgaccel_stats s;	/* counters at the start */
};

static void env_enter(struct fault_env *e, bool prezero)
{
	e->mode = pgaccel.mode;
	e->prezero = pgaccel.prezero;
	pgaccel_prezero_release();
	pgaccel_set_prezero(prezero);
	pgaccel_set_mode(PGACCEL_HW);
	e->s = pgaccel.stats;
}

static void env_leave(const struct fault_env *e)
{
	/* A dead engine stays stalled: let go, it would write memory that has been freed since. */
	if (!pgaccel.wedged)
		fault_arm(false);
	pgaccel_set_mode(e->mode);
	pgaccel_set_prezero(e->prezero);
}

/* run(e) in that state, which is put back whatever run's outcome (an abort in it included). */
static int in_fault_env(struct fault_env *e, bool prezero, int (*run)(struct fault_env *))
{
	int r;

	env_enter(e, prezero);
	r = ST_CATCH(run(e));
	env_leave(e);
	return r;
}

#define DELTA(e, field) (pgaccel.stats.field - (e)->s.field)

/* A ZERO of a dirty buffer under the armed fault, by the driver's own entry point. */
static struct page *zero_under_fault(void)
{
	struct page *page = alloc_pages(GFP_KERNEL, FAULT_ORDER);

	if (!page)
		return NULL;
	memset(arch_phys_to_virt(page_to_phys(page)), DIRTY, FAULT_LEN);
	fault_arm(true);
	pgaccel_zero(page_to_phys(page), FAULT_LEN);
	return page;
}

/* The engine still works: a FILL of the buffer by hardware lands. */
static int check_engine_usable(struct page *page)
{
	u64 *w = arch_phys_to_virt(page_to_phys(page));

	ST_ASSERT(!pgaccel.wedged);
	pgaccel_raw_prepare(page_to_phys(page), FAULT_LEN);
	ST_ASSERT_EQ(pgaccel_hw_fill(page_to_phys(page), FAULT_LEN, 0x0123456789abcdefULL, false), 0);
	pgaccel_raw_finish(page_to_phys(page), FAULT_LEN);
	for (unsigned long i = 0; i < FAULT_LEN / 8; i++)
		if (w[i] != 0x0123456789abcdefULL)
			ST_FAIL("word %lu after a good FILL is 0x%llx", i, (unsigned long long)w[i]);
	return 0;
}

/* The engine is declared dead: nothing more goes to it, software serves every request. */
static int check_engine_dead(const struct fault_env *e)
{
	ST_ASSERT(pgaccel.wedged);
	ST_ASSERT(!pgaccel_would_use_hw_zero(FAULT_LEN));
	ST_ASSERT(!pgaccel_would_use_hw_scan(1024));
	ST_ASSERT(!READ_ONCE(mm_capture_wanted));
	ST_ASSERT_EQ(pgaccel_hw_fill(0, 8, 0, true), PGACCEL_ENODEV);
	ST_ASSERT_EQ(DELTA(e, hw_zero), 0);
	return 0;
}

/* Post `n` ZEROs of `page` straight to the engine (tags 0x60 + i), bypassing the driver. */
static void post_raw(struct page *page, unsigned int n)
{
	mb();
	pgaccel_writeq(PGACCEL_REG_CMD_ADDR, page_to_phys(page));
	pgaccel_writeq(PGACCEL_REG_CMD_LEN, FAULT_LEN);
	for (unsigned int i = 0; i < n; i++)
		pgaccel_writeq(PGACCEL_REG_CMD_POST, PGACCEL_POST(PGACCEL_OP_ZERO, 0, 0, 0x60 + i));
}

/* Take the completions of post_raw(): all n, in order, without error (bounded wait). */
static int drain_raw(unsigned int n)
{
	unsigned long t0 = get_time();
	unsigned int done = 0;

	while (done < n && get_time() - t0 < boot_info.timebase_hz / 10) {
		u64 c = pgaccel_readq(PGACCEL_REG_COMP);

		if (!(c & PGACCEL_COMP_VALID))
			continue;
		ST_ASSERT_EQ(PGACCEL_COMP_TAG(c), 0x60 + done);
		ST_ASSERT_EQ(PGACCEL_COMP_ERR(c), PGACCEL_ERR_NONE);
		done++;
	}
	ST_ASSERT_EQ(done, n);
	ST_ASSERT(!(pgaccel_readq(PGACCEL_REG_COMP) & PGACCEL_COMP_VALID));
	return 0;
}

/* ---------------------------------------------------------------- bus error (engine usable) */

/* A bus error on a beat of a synchronous ZERO: software zeroes it, the engine goes on. */
static int buserr_zero(struct fault_env *e)
{
	struct page *page = zero_under_fault();
	int r;

	fault_arm(false);
	ST_ASSERT(page != NULL);
	r = ST_CATCH(check_zeroed(arch_phys_to_virt(page_to_phys(page)), FAULT_LEN));
	if (!r && fault_fired() != 1)
		r = selftest_fail("the injector failed %lu beats, want 1", fault_fired());
	if (!r && (DELTA(e, fallback_error) != 1 || DELTA(e, err[PGACCEL_ERR_BUS]) != 1 ||
		   DELTA(e, sw_zero) != 1 || DELTA(e, hw_zero) != 0))
		r = selftest_fail("counters: fallback_error +%lu, err bus +%lu, sw +%lu, hw +%lu",
				  DELTA(e, fallback_error), DELTA(e, err[PGACCEL_ERR_BUS]),
				  DELTA(e, sw_zero), DELTA(e, hw_zero));
	if (!r)
		r = ST_CATCH(check_engine_usable(page));
	__free_pages(page, FAULT_ORDER);
	return r;
}

SELFTEST(pgaccel_fault_buserr_zero)
{
	struct fault_env e;

	NEED_FAULT(FAULT_BUSERR, "buserr");
	return in_fault_env(&e, false, buserr_zero);
}

/* A bus error while SCAN reads the bitmap: the search runs in software and gives its answer. The
 * request, a run of half the zone, makes the engine read far more words than the failing beat. */
SELFTEST(pgaccel_fault_buserr_scan)
{
	struct fault_env e;
	struct page *page;
	struct zone *z;
	unsigned long got, want, fired, nr;

	NEED_FAULT(FAULT_BUSERR, "buserr");
	page = alloc_pages(GFP_KERNEL, 0);
	ST_ASSERT(page != NULL);
	z = page_zone(page);
	nr = z->spanned_pages / 2;
	env_enter(&e, false);
	fault_arm(true);
	got = zone_find_free_area(z, 0, nr, 0);
	fired = fault_fired();
	env_leave(&e);
	want = bitmap_find_next_set_area(z->free_bitmap, z->spanned_pages, 0, nr, 0);
	__free_pages(page, 0);
	ST_ASSERT_EQ(got, want);
	ST_ASSERT_EQ(fired, 1);
	ST_ASSERT_EQ(DELTA(&e, fallback_error), 1);
	ST_ASSERT_EQ(DELTA(&e, err[PGACCEL_ERR_BUS]), 1);
	ST_ASSERT_EQ(DELTA(&e, sw_scan), 1);
	ST_ASSERT_EQ(DELTA(&e, hw_scan), 0);
	ST_ASSERT(!pgaccel.wedged);
	return 0;
}

/* ---------------------------------------------------------------- background (pre-zero) ZERO */

#define PZ_ORDER 3
#define PZ_LEN (PAGE_SIZE << PZ_ORDER)

/* Free a block full of `pattern` with the fault armed: the pool captures it and its background
 * ZERO meets the fault. Returns the block, now the pool's, or NULL. */
static struct page *capture_under_fault(u64 pattern)
{
	struct page *p = alloc_pages(GFP_KERNEL, PZ_ORDER);
	u64 *w;

	if (!p)
		return NULL;
	w = arch_phys_to_virt(page_to_phys(p));
	for (unsigned long i = 0; i < PZ_LEN / 8; i++)
		w[i] = pattern;
	fault_arm(true);
	__free_pages(p, PZ_ORDER);
	return p;
}

/* The captured block p is handed to the next __GFP_ZERO allocation of its order, zeroed. */
static int take_back_zeroed(const struct fault_env *e, struct page *p)
{
	struct page *z = alloc_pages(GFP_KERNEL | __GFP_ZERO, PZ_ORDER);
	int r = 0;

	pgaccel_set_prezero(false);
	ST_ASSERT(z != NULL);
	if (z != p)
		r = selftest_fail("the pool's block was not handed out");
	else if (DELTA(e, prezero_hits) != 1)
		r = selftest_fail("prezero hits +%lu, want 1", DELTA(e, prezero_hits));
	if (!r)
		r = ST_CATCH(check_zeroed(arch_phys_to_virt(page_to_phys(z)), PZ_LEN));
	__free_pages(z, PZ_ORDER);
	return r;
}

/* The engine stopped on the captured block p: p is kept out for good (the engine may still write
 * it), neither handed out nor given back to the allocator; the pages are counted; the engine is
 * dead and a __GFP_ZERO allocation is served zeroed by software. */
static int check_quarantined(const struct fault_env *e, struct page *p)
{
	struct page *z;
	int r = 0;

	ST_ASSERT(pgaccel.wedged);
	ST_ASSERT_EQ(DELTA(e, prezero_quarantined), 1UL << PZ_ORDER);
	ST_ASSERT_EQ(pgaccel_prezero_count(false), 0);
	z = alloc_pages(GFP_KERNEL | __GFP_ZERO, PZ_ORDER);
	ST_ASSERT(z != NULL);
	if (z == p)
		r = selftest_fail("the quarantined block was handed out");
	if (!r)
		r = ST_CATCH(check_zeroed(arch_phys_to_virt(page_to_phys(z)), PZ_LEN));
	if (!r && DELTA(e, prezero_hits))
		r = selftest_fail("prezero hits +%lu from a dead engine", DELTA(e, prezero_hits));
	__free_pages(z, PZ_ORDER);
	if (r)
		return r;
	pgaccel_prezero_release();
	ST_ASSERT(!PageBuddy(p));
	ST_ASSERT_EQ(page_count(p), 0);
	return check_engine_dead(e);
}

/* Capture lives in the allocator's fast path, which the debugging features turn off. */
#define NEED_CAPTURE() do { \
	if (mm_page_poison || mm_page_owner || mm_debug_checks) \
		ST_SKIP("fast path off (page_poison, page_owner or mm_debug)"); \
} while (0)

/* A bus error in the background ZERO of a captured (pre-zero) block: the block is still handed
 * out zeroed, by the CPU, and the failure is counted. */
static int buserr_prezero(struct fault_env *e)
{
	struct page *p = capture_under_fault(0x5555555555555555ULL);

	ST_ASSERT(p != NULL);
	pgaccel_prezero_wait();
	ST_ASSERT_EQ(fault_fired(), 1);
	fault_arm(false);
	ST_ASSERT_EQ(DELTA(e, prezero_captured), 1);
	ST_ASSERT_EQ(DELTA(e, err[PGACCEL_ERR_BUS]), 1);
	ST_ASSERT_EQ(DELTA(e, fallback_error), 1);
	return take_back_zeroed(e, p);
}

SELFTEST(pgaccel_fault_buserr_prezero)
{
	struct fault_env e;

	NEED_FAULT(FAULT_BUSERR, "buserr");
	NEED_CAPTURE();
	return in_fault_env(&e, true, buserr_prezero);
}

/* ---------------------------------------------------------------- full queue (engine usable) */

/*
 * The engine stalls with every slot taken (by commands posted behind the driver's back) and the
 * driver asks for a ZERO. `status_full`: STATUS shows FULL, so the driver does not post; otherwise
 * (FULL hidden) the post is rejected, and the driver must clear REJECTED. Either way it zeroes by
 * software, counts it busy, and the engine works once the stall ends.
 */
static int busy_fallback(struct fault_env *e, struct page *scratch, bool status_full)
{
	unsigned int q = pgaccel.qdepth;
	struct page *page;
	int r;

	fault_arm(true);
	post_raw(scratch, q);
	if (status_full)
		ST_ASSERT(pgaccel_readq(PGACCEL_REG_STATUS) & PGACCEL_ST_FULL);
	page = zero_under_fault();
	ST_ASSERT(fault_fired() > 0);	/* stalled; or a STATUS read with FULL hidden */
	fault_arm(false);
	ST_ASSERT(page != NULL);
	r = ST_CATCH(check_zeroed(arch_phys_to_virt(page_to_phys(page)), FAULT_LEN));
	if (!r && (DELTA(e, fallback_busy) != 1 || DELTA(e, sw_zero) != 1))
		r = selftest_fail("counters: fallback_busy +%lu, sw_zero +%lu",
				  DELTA(e, fallback_busy), DELTA(e, sw_zero));
	if (!r && (pgaccel_readq(PGACCEL_REG_STATUS) & PGACCEL_ST_REJECTED))
		r = selftest_fail("the driver left STATUS.REJECTED set");
	if (!r)
		r = ST_CATCH(drain_raw(q));
	if (!r)
		r = ST_CATCH(check_engine_usable(page));
	__free_pages(page, FAULT_ORDER);
	return r;
}

SELFTEST(pgaccel_fault_reject)
{
	struct fault_env e;
	struct page *scratch;
	int r;

	NEED_FAULT(FAULT_REJECT, "reject");
	env_enter(&e, false);
	scratch = alloc_pages(GFP_KERNEL, FAULT_ORDER);
	r = scratch ? ST_CATCH(busy_fallback(&e, scratch, false)) : selftest_fail("no memory");
	env_leave(&e);
	if (scratch)
		__free_pages(scratch, FAULT_ORDER);
	return r;
}

/* ---------------------------------------------------------------- engine declared dead */

/* A ZERO whose completion never comes (stalled engine, dropped or mis-tagged completion): software
 * zeroes the buffer and the engine is taken out of service for good. `counter` is the fallback that
 * must have been counted once. */
static int dead_after(struct fault_env *e, unsigned long *counter, unsigned long before,
		      const char *what, bool one_fault)
{
	struct page *page = zero_under_fault();
	unsigned long fired = fault_fired();
	int r;

	ST_ASSERT(page != NULL);
	r = ST_CATCH(check_zeroed(arch_phys_to_virt(page_to_phys(page)), FAULT_LEN));
	if (!r && (one_fault ? fired != 1 : fired == 0))
		r = selftest_fail("the injector fired %lu times", fired);
	if (!r && (*counter - before != 1 || DELTA(e, sw_zero) != 1))
		r = selftest_fail("counters: %s +%lu, sw_zero +%lu", what, *counter - before,
				  DELTA(e, sw_zero));
	if (!r)
		r = ST_CATCH(check_engine_dead(e));
	/* Still zeroed by software once dead, with no further fallback counted. */
	if (!r) {
		memset(arch_phys_to_virt(page_to_phys(page)), DIRTY, FAULT_LEN);
		pgaccel_zero(page_to_phys(page), FAULT_LEN);
		r = ST_CATCH(check_zeroed(arch_phys_to_virt(page_to_phys(page)), FAULT_LEN));
	}
	if (!r && *counter - before != 1)
		r = selftest_fail("a request after the engine died was counted as %s", what);
	__free_pages(page, FAULT_ORDER);
	return r;
}

/* The completion of a background ZERO is lost: the engine went idle with none waiting, so it is
 * done with the block but nobody knows how. The CPU zeroes the block, it is handed out (not kept
 * out for good), the loss is counted and the engine, which lost a completion, is declared dead. */
static int dropped_background(struct fault_env *e)
{
	struct page *p = capture_under_fault(0x6666666666666666ULL);

	ST_ASSERT(p != NULL);
	ST_ASSERT_EQ(DELTA(e, prezero_captured), 1);
	pgaccel_prezero_wait();
	ST_ASSERT_EQ(fault_fired(), 1);
	ST_ASSERT_EQ(pgaccel_prezero_count(true), pgaccel_prezero_count(false));
	ST_ASSERT_EQ(DELTA(e, fallback_badcomp), 1);
	ST_ASSERT_EQ(DELTA(e, prezero_quarantined), 0);
	ST_ASSERT(pgaccel.wedged);
	return take_back_zeroed(e, p);
}

SELFTEST(pgaccel_fault_dropped_background)
{
	struct fault_env e;

	NEED_FAULT(FAULT_DROP, "drop");
	NEED_CAPTURE();
	return in_fault_env(&e, true, dropped_background);
}

/* The completion never comes, or comes with another tag: counted as a timeout / a bad one. */
static int dropped_completion(struct fault_env *e)
{
	return dead_after(e, &pgaccel.stats.fallback_timeout, e->s.fallback_timeout, "timeout", true);
}

static int wrong_tag(struct fault_env *e)
{
	return dead_after(e, &pgaccel.stats.fallback_badcomp, e->s.fallback_badcomp, "badcomp", true);
}

SELFTEST(pgaccel_fault_dropped_completion)
{
	struct fault_env e;

	NEED_FAULT(FAULT_DROP, "drop");
	return in_fault_env(&e, false, dropped_completion);
}

SELFTEST(pgaccel_fault_wrong_tag)
{
	struct fault_env e;
	int r;

	NEED_FAULT(FAULT_TAG, "tag");
	r = in_fault_env(&e, false, wrong_tag);
	if (r)
		return r;
	/* A completion that came, with the wrong tag, is no timeout. */
	ST_ASSERT_EQ(DELTA(&e, fallback_timeout), 0);
	return 0;
}

/* A stalled engine: first the full queue (engine usable once the stall ends), then a command that
 * never completes (engine dead). One test, as the order matters. */
SELFTEST(pgaccel_fault_stall)
{
	struct fault_env e;
	struct page *scratch;
	int r;

	NEED_FAULT(FAULT_STALL, "stall");
	env_enter(&e, false);
	scratch = alloc_pages(GFP_KERNEL, FAULT_ORDER);
	r = scratch ? ST_CATCH(busy_fallback(&e, scratch, true)) : selftest_fail("no memory");
	if (scratch)
		__free_pages(scratch, FAULT_ORDER);
	if (!r) {
		e.s = pgaccel.stats;
		r = ST_CATCH(dead_after(&e, &pgaccel.stats.fallback_timeout,
					e.s.fallback_timeout, "timeout", false));
	}
	env_leave(&e);
	return r;
}

/* With the stall armed, free a block for the pool to capture: its background ZERO never ends. */
static int capture_stalled(const struct fault_env *e, struct page **p)
{
	*p = capture_under_fault(0x7777777777777777ULL);
	if (!*p)
		return selftest_fail("no memory");
	if (DELTA(e, prezero_captured) != 1)
		return selftest_fail("captured +%lu, want 1", DELTA(e, prezero_captured));
	return 0;
}

/* The engine stalls on a background ZERO and the wait for the pool times out: the block is
 * quarantined and the engine declared dead, with no synchronous command involved. */
SELFTEST(pgaccel_fault_bgstall_wait)
{
	struct fault_env e;
	struct page *p;
	int r;

	NEED_FAULT(FAULT_STALL, "stall");
	NEED_CAPTURE();
	env_enter(&e, true);
	r = capture_stalled(&e, &p);
	if (!r) {
		pgaccel_prezero_wait();
		if (!fault_fired())
			r = selftest_fail("the injector never stalled the engine");
		else if (DELTA(&e, fallback_timeout))
			r = selftest_fail("a synchronous timeout was counted");
	}
	if (!r)
		r = ST_CATCH(check_quarantined(&e, p));
	env_leave(&e);
	return r;
}

/* A synchronous ZERO queued behind a stalled background ZERO times out: its buffer is zeroed by
 * software, and the background block, which the engine may still write, is quarantined. */
SELFTEST(pgaccel_fault_bgstall_sync)
{
	struct fault_env e;
	struct page *p, *page = NULL;
	int r;

	NEED_FAULT(FAULT_STALL, "stall");
	NEED_CAPTURE();
	env_enter(&e, true);
	r = capture_stalled(&e, &p);
	if (!r) {
		page = zero_under_fault();
		r = page ? ST_CATCH(check_zeroed(arch_phys_to_virt(page_to_phys(page)), FAULT_LEN)) :
			   selftest_fail("no memory");
	}
	if (!r && (DELTA(&e, fallback_timeout) != 1 || DELTA(&e, sw_zero) != 1))
		r = selftest_fail("counters: timeout +%lu, sw_zero +%lu", DELTA(&e, fallback_timeout),
				  DELTA(&e, sw_zero));
	if (page)
		__free_pages(page, FAULT_ORDER);
	if (!r)
		r = ST_CATCH(check_quarantined(&e, p));
	env_leave(&e);
	return r;
}
