// SPDX-License-Identifier: BSD-2-Clause
/*
 * pgaccel driver: probes the engine from the device tree, calibrates software against hardware
 * on the running platform, and serves the allocator's two hooks, block zeroing (mm_zero_ops) and
 * the free-bitmap search (mm_scan_ops), choosing the path per request. Every hardware failure
 * (error completion, rejected post, no completion in time) falls back to software and is counted;
 * memory is never returned unzeroed.
 *
 * Commands are synchronous: post, then poll COMP. The engine runs commands in order, so one lock
 * around post-and-wait is all the ordering the driver needs. There are no caches in the SoC (see
 * docs/soc.md), so DMA coherence is only ordering: a fence before the post makes the CPU's earlier
 * stores visible to the engine, a fence after the completion orders the CPU's later accesses.
 */
#include <asm/barrier.h>
#include <asm/highmem.h>
#include <asm/page.h>
#include <asm/ptrace.h>
#include <asm/timex.h>
#include <mm/gfp.h>
#include <mm/mm.h>
#include <pagoda/boot.h>
#include <pagoda/fdt.h>
#include <pagoda/init.h>
#include <pagoda/printk.h>
#include <pagoda/shell.h>
#include <pagoda/spinlock.h>
#include <pagoda/string.h>
#include "pgaccel.h"
#include "pgaccel_regs.h"

struct pgaccel_info pgaccel;
static spinlock_t engine_lock = SPIN_LOCK_UNLOCKED;
static u8 next_tag;

static const char *const err_names[PGACCEL_NR_ERR] = {
	"none", "op", "len", "align", "overflow", "bitmap", "range", "bus", "window",
	"9", "10", "11", "12", "13", "14", "15" };

/* Refusals for the DMA window reported on the console; the rest are only counted. */
#define WINDOW_REPORTS 8

u64 pgaccel_readq(unsigned int off)
{
	return *(volatile u64 *)(pgaccel.base + off);
}

void pgaccel_writeq(unsigned int off, u64 val)
{
	*(volatile u64 *)(pgaccel.base + off) = val;
}

const char *pgaccel_mode_name(enum pgaccel_mode mode)
{
	return mode == PGACCEL_HW ? "hw" : mode == PGACCEL_SW ? "sw" : "auto";
}

/* Generous bound: 10 ms of timebase plus one tick per 8-byte beat (a tick is many cycles). */
static unsigned long timeout_ticks(u64 beats)
{
	return (unsigned long)(boot_info.timebase_hz / 100 + beats);
}

/*
 * Post one command and wait for its completion; engine_lock held. Returns 0, -ERR code,
 * PGACCEL_EBUSY (post rejected), PGACCEL_ETIMEDOUT or PGACCEL_EBADCOMP (a completion that is not
 * this command's). After the last two the engine is taken out of service: it cannot be aborted,
 * and a late completion must not be mistaken for a later command's.
 */
static void prezero_complete(u64 comp);
static unsigned int prezero_inflight;	/* background commands posted, completion not yet taken */
static unsigned int prezero_held;	/* pool slots in use; read without the lock as a hint */

static void prezero_lost(void);
static void engine_dead(void);
static void update_capture_hint(void);

/* Take every waiting completion; only background (pre-zero) commands can be waiting here, since a
 * synchronous command is waited for under the lock. Costs nothing when none is in flight, so the
 * synchronous path keeps its calibrated cost. An engine with nothing queued or running and no
 * completion waiting while background commands are in flight has lost their completions.
 * engine_lock held. */
static void harvest_completions(void)
{
	u64 comp, st;

	while (prezero_inflight && ((comp = pgaccel_readq(PGACCEL_REG_COMP)) & PGACCEL_COMP_VALID))
		prezero_complete(comp);
	if (!prezero_inflight)
		return;
	st = pgaccel_readq(PGACCEL_REG_STATUS);
	if (!(st & (PGACCEL_ST_BUSY | PGACCEL_ST_DONE)))
		prezero_lost();
}

static int run_command(u64 addr, u64 len, u64 arg, u64 post, u64 beats, u64 *comp_out)
{
	u8 tag = next_tag++ & PGACCEL_TAG_SYNC_MASK;
	unsigned long t0, limit = timeout_ticks(beats);
	u64 comp;

	harvest_completions();
	if (pgaccel_readq(PGACCEL_REG_STATUS) & PGACCEL_ST_FULL)
		return PGACCEL_EBUSY;
	mb();
	pgaccel_writeq(PGACCEL_REG_CMD_ADDR, addr);
	pgaccel_writeq(PGACCEL_REG_CMD_LEN, len);
	pgaccel_writeq(PGACCEL_REG_CMD_ARG, arg);
	pgaccel_writeq(PGACCEL_REG_CMD_POST, post | (u64)tag << 24);
	if (pgaccel_readq(PGACCEL_REG_STATUS) & PGACCEL_ST_REJECTED) {
		pgaccel_writeq(PGACCEL_REG_STATUS, PGACCEL_ST_REJECTED);
		return PGACCEL_EBUSY;
	}
	t0 = get_time();
	for (;;) {
		comp = pgaccel_readq(PGACCEL_REG_COMP);
		if (comp & PGACCEL_COMP_VALID) {
			if (!(PGACCEL_COMP_TAG(comp) & PGACCEL_TAG_ASYNC))
				break;
			/* Background commands posted earlier complete first (the engine keeps order). */
			prezero_complete(comp);
			continue;
		}
		if (get_time() - t0 > limit) {
			pr_err("pgaccel: command tag %u did not complete in %lu ticks; hardware path off\n",
			       tag, limit);
			engine_dead();
			return PGACCEL_ETIMEDOUT;
		}
	}
	mb();
	if (PGACCEL_COMP_TAG(comp) != tag) {
		pr_err("pgaccel: completion tag %u, expected %u; hardware path off\n",
		       PGACCEL_COMP_TAG(comp), tag);
		engine_dead();
		return PGACCEL_EBADCOMP;
	}
	pgaccel.stats.err[PGACCEL_COMP_ERR(comp)]++;
	if (PGACCEL_COMP_ERR(comp) == PGACCEL_ERR_WINDOW &&
	    pgaccel.stats.err[PGACCEL_ERR_WINDOW] <= WINDOW_REPORTS)
		pr_warn("pgaccel: command on [0x%llx, +0x%llx) refused: outside the DMA window "
			"[0x%llx, 0x%llx)\n", (unsigned long long)addr, (unsigned long long)len,
			(unsigned long long)pgaccel.win_base, (unsigned long long)pgaccel.win_end);
	*comp_out = comp;
	return PGACCEL_COMP_ERR(comp) ? -(int)PGACCEL_COMP_ERR(comp) : 0;
}

u64 pgaccel_raw_command(u64 addr, u64 len, u64 arg, u64 post)
{
	unsigned long flags;
	u64 comp = 0;

	if (!pgaccel.present || pgaccel.wedged)
		return 0;
	spin_lock_irqsave(&engine_lock, flags);
	run_command(addr, len, arg, post & ~(0xffUL << 24), 64, &comp);
	spin_unlock_irqrestore(&engine_lock, flags);
	return comp;
}

int pgaccel_hw_fill(phys_addr_t addr, u64 len, u64 pattern, bool zero)
{
	unsigned long flags;
	u64 comp;
	int r;

	if (!pgaccel.present || pgaccel.wedged)
		return PGACCEL_ENODEV;
	spin_lock_irqsave(&engine_lock, flags);
	r = run_command(addr, len, zero ? 0 : pattern,
			PGACCEL_POST(zero ? PGACCEL_OP_ZERO : PGACCEL_OP_FILL, 0, 0, 0), len / 8, &comp);
	spin_unlock_irqrestore(&engine_lock, flags);
	return r;
}

int pgaccel_hw_scan(phys_addr_t map, u64 end, u64 start, u64 nr, unsigned int align_order,
		    bool free_is_one, u64 *result)
{
	unsigned long flags;
	u64 comp;
	int r;

	if (!pgaccel.present || pgaccel.wedged)
		return PGACCEL_ENODEV;
	if (start > 0xffffffffULL || nr > 0xffffffffULL || align_order > 31)
		return -PGACCEL_ERR_OVERFLOW;
	spin_lock_irqsave(&engine_lock, flags);
	r = run_command(map, end, PGACCEL_SCAN_ARG(start, nr),
			PGACCEL_POST(PGACCEL_OP_SCAN, align_order, free_is_one, 0), end / 64 + 1, &comp);
	spin_unlock_irqrestore(&engine_lock, flags);
	if (!r)
		*result = (comp & PGACCEL_COMP_FOUND) ? PGACCEL_COMP_RESULT(comp) : end;
	return r;
}

/* Smallest n for which the hardware model is cheaper; ~0 when it never is. */
static unsigned long crossover(const struct pgaccel_cost *sw, const struct pgaccel_cost *hw)
{
	if (hw->fixed <= sw->fixed && hw->per_unit_x1024 <= sw->per_unit_x1024)
		return 0;
	if (hw->per_unit_x1024 >= sw->per_unit_x1024)
		return ~0UL;
	return (hw->fixed - sw->fixed) * 1024 / (sw->per_unit_x1024 - hw->per_unit_x1024) + 1;
}

/*
 * The engine refuses a command outside its DMA window (ERR_WINDOW, nothing written); the driver
 * does not even post one: such a range is served by the CPU. The allocator's pages all lie inside
 * (the device tree reserves the RAM below the window), so this only catches callers that pass
 * other memory.
 */
bool pgaccel_dma_ok(phys_addr_t addr, u64 len)
{
	return addr >= pgaccel.win_base && addr <= pgaccel.win_end &&
	       len <= pgaccel.win_end - addr;
}

static bool hw_usable(void)
{
	return pgaccel.present && !pgaccel.wedged && pgaccel.mode != PGACCEL_SW;
}

bool pgaccel_would_use_hw_zero(unsigned long len)
{
	return hw_usable() && (pgaccel.mode == PGACCEL_HW || len >= pgaccel.zero_crossover);
}

bool pgaccel_would_use_hw_scan(unsigned long words)
{
	return hw_usable() && (pgaccel.mode == PGACCEL_HW || words >= pgaccel.scan_crossover);
}

static void count_fallback(int r)
{
	if (r == PGACCEL_ETIMEDOUT)
		pgaccel.stats.fallback_timeout++;
	else if (r == PGACCEL_EBADCOMP)
		pgaccel.stats.fallback_badcomp++;
	else if (r == PGACCEL_EBUSY)
		pgaccel.stats.fallback_busy++;
	else
		pgaccel.stats.fallback_error++;
}

void pgaccel_zero(phys_addr_t addr, unsigned long len)
{
	if (pgaccel_would_use_hw_zero(len) && !pgaccel_dma_ok(addr, len)) {
		pgaccel.stats.fallback_window++;
	} else if (pgaccel_would_use_hw_zero(len)) {
		int r = pgaccel_hw_fill(addr, len, 0, true);

		if (!r) {
			pgaccel.stats.hw_zero++;
			pgaccel.stats.hw_zero_bytes += len;
			return;
		}
		count_fallback(r);
	}
	memset_phys(addr, 0, len);
	pgaccel.stats.sw_zero++;
	pgaccel.stats.sw_zero_bytes += len;
}

static void pgaccel_zero_pages(struct page *page, unsigned int order)
{
	pgaccel_zero(page_to_phys(page), PAGE_SIZE << order);
}

/* Page poisoning: FILL costs the engine what ZERO does, so the same crossover decides. */
static void pgaccel_fill_pages(struct page *page, unsigned long nr, u8 byte)
{
	phys_addr_t pa = page_to_phys(page);
	unsigned long len = nr * PAGE_SIZE;

	if (pgaccel_would_use_hw_zero(len) && !pgaccel_dma_ok(pa, len)) {
		pgaccel.stats.fallback_window++;
	} else if (pgaccel_would_use_hw_zero(len)) {
		int r = pgaccel_hw_fill(pa, len, 0x0101010101010101ULL * byte, false);

		if (!r) {
			pgaccel.stats.hw_fill++;
			return;
		}
		count_fallback(r);
	}
	memset_phys(pa, byte, len);
	pgaccel.stats.sw_fill++;
}

static unsigned long pgaccel_find_free_area(const unsigned long *map, unsigned long size,
					    unsigned long start, unsigned long nr,
					    unsigned long align_mask)
{
	unsigned long words = start < size ? (size - start) / 64 + 1 : 0;
	unsigned int k = 0;
	u64 result;
	bool hw;
	int r;

	while (k < 32 && (1UL << k) - 1 < align_mask)
		k++;
	/* The engine takes power-of-two alignments, 32-bit indices and a real range, in its window. */
	hw = words && nr && (1UL << k) - 1 == align_mask && k <= 31 && size <= 0xffffffffUL &&
	     pgaccel_would_use_hw_scan(words);
	if (hw && !pgaccel_dma_ok(arch_virt_to_phys(map), (size + 63) / 64 * 8)) {
		pgaccel.stats.fallback_window++;
	} else if (hw) {
		r = pgaccel_hw_scan(arch_virt_to_phys(map), size, start, nr, k, true, &result);
		if (!r) {
			pgaccel.stats.hw_scan++;
			return (unsigned long)result;
		}
		count_fallback(r);
	} else if (words && nr && hw_usable() && pgaccel.mode == PGACCEL_HW) {
		pgaccel.stats.fallback_unsuitable++;
	}
	pgaccel.stats.sw_scan++;
	return mm_sw_find_free_area(map, size, start, nr, align_mask);
}

/* ---------------------------------------------------------------- pre-zeroed pages */

/*
 * Freed unmovable blocks are captured (order 0 up to PREZERO_MAX pages; orders 1..9 up to
 * PREZERO_HIGH_SLOTS blocks and 1/32 of RAM), zeroed by the engine in the background while the CPU
 * goes on, and handed to __GFP_ZERO allocations of the same order from the same zone, which then
 * skip zeroing. A captured block is nobody's: refcount 0, on no list, so a second free of it is
 * still reported as a double free. Background commands use at most all but two engine slots, so
 * a synchronous command always finds one.
 */
enum { PZ_EMPTY, PZ_ZEROING, PZ_ZEROED, PZ_QUARANTINED };

static struct {
	struct page *page;
	struct zone *zone;
	u8 order;
	u8 state;
} prezero[PREZERO_SLOTS];
static unsigned long prezero_high_pages;	/* pages held in blocks of order > 0 */

static void prezero_complete(u64 comp)
{
	unsigned int slot = PGACCEL_COMP_TAG(comp) & ~PGACCEL_TAG_ASYNC;

	if (!(PGACCEL_COMP_TAG(comp) & PGACCEL_TAG_ASYNC) || slot >= PREZERO_SLOTS ||
	    prezero[slot].state != PZ_ZEROING) {
		pr_err("pgaccel: unexpected completion 0x%llx\n", (unsigned long long)comp);
		return;
	}
	prezero_inflight--;
	pgaccel.stats.err[PGACCEL_COMP_ERR(comp)]++;
	if (PGACCEL_COMP_ERR(comp)) {
		/* Never hand out a block that may not be zero: the CPU does it. */
		memset_phys(page_to_phys(prezero[slot].page), 0, PAGE_SIZE << prezero[slot].order);
		pgaccel.stats.fallback_error++;
	}
	prezero[slot].state = PZ_ZEROED;
}

/*
 * Background commands whose completions never came although the engine is idle: it is done with
 * their blocks, but whether it zeroed them nobody knows, so the CPU does. An engine that loses
 * completions cannot be trusted with the next command's: hardware path off. engine_lock held.
 */
static void prezero_lost(void)
{
	for (unsigned int i = 0; i < PREZERO_SLOTS; i++) {
		if (prezero[i].state != PZ_ZEROING)
			continue;
		memset_phys(page_to_phys(prezero[i].page), 0, PAGE_SIZE << prezero[i].order);
		prezero[i].state = PZ_ZEROED;
		prezero_inflight--;
		pgaccel.stats.fallback_badcomp++;
	}
	pr_err("pgaccel: background completions lost, engine idle; hardware path off\n");
	engine_dead();	/* nothing left to quarantine: every block above was zeroed */
}

/*
 * The engine stopped with background commands unfinished (a synchronous command or the wait for
 * the pool timed out behind them). It may still write their blocks at any time, so they can go
 * neither to a caller nor back to the allocator: they stay out for good, as Linux leaks a buffer
 * that a device it cannot stop may still DMA into. Counted and reported. engine_lock held.
 */
static void prezero_quarantine(void)
{
	unsigned long pages = 0;

	for (unsigned int i = 0; i < PREZERO_SLOTS; i++) {
		if (prezero[i].state != PZ_ZEROING)
			continue;
		prezero[i].state = PZ_QUARANTINED;
		prezero_inflight--;
		pages += 1UL << prezero[i].order;
	}
	if (!pages)
		return;
	pgaccel.stats.prezero_quarantined += pages;
	pr_err("pgaccel: %lu pages kept out for good: the engine stopped while zeroing them\n", pages);
}

/* A command never completed, completed as another, or lost its completion: take the engine out
 * of service. The one place that sets `wedged` once the engine has taken commands. */
static void engine_dead(void)
{
	pgaccel.wedged = true;
	prezero_quarantine();
	update_capture_hint();
}

static void update_capture_hint(void)
{
	WRITE_ONCE(mm_capture_wanted, pgaccel.prezero && prezero_held < PREZERO_MAX && hw_usable());
}

/* Slots [0, PREZERO_MAX) hold order-0 pages, the rest higher orders. */
static bool prezero_room(unsigned int order, unsigned int *first, unsigned int *end)
{
	if (!order) {
		*first = 0;
		*end = PREZERO_MAX;
		return READ_ONCE(prezero_held) < PREZERO_MAX;
	}
	*first = PREZERO_MAX;
	*end = PREZERO_SLOTS;
	return order <= PREZERO_MAX_ORDER &&
	       prezero_high_pages + (1UL << order) <= totalram_pages / 32;
}

static bool pgaccel_capture_free(struct zone *zone, struct page *page, unsigned int order)
{
	unsigned int first, end;
	unsigned long flags;
	bool taken = false;
	u64 st;

	/* The free fast path comes here for every order-0 unmovable page: a full pool must cost it
	 * no more than this test. */
	if (!pgaccel.prezero || !prezero_room(order, &first, &end) || !hw_usable() ||
	    !pgaccel_dma_ok(page_to_phys(page), PAGE_SIZE << order))
		return false;
	spin_lock_irqsave(&engine_lock, flags);
	harvest_completions();
	st = pgaccel_readq(PGACCEL_REG_STATUS);
	if (PGACCEL_ST_FREE(st) >= 2 && prezero_room(order, &first, &end)) {
		for (unsigned int i = first; i < end; i++) {
			if (prezero[i].state != PZ_EMPTY)
				continue;
			mb();
			pgaccel_writeq(PGACCEL_REG_CMD_ADDR, page_to_phys(page));
			pgaccel_writeq(PGACCEL_REG_CMD_LEN, PAGE_SIZE << order);
			pgaccel_writeq(PGACCEL_REG_CMD_POST,
				       PGACCEL_POST(PGACCEL_OP_ZERO, 0, 0, PGACCEL_TAG_ASYNC | i));
			if (pgaccel_readq(PGACCEL_REG_STATUS) & PGACCEL_ST_REJECTED) {
				pgaccel_writeq(PGACCEL_REG_STATUS, PGACCEL_ST_REJECTED);
				break;
			}
			prezero[i].page = page;
			prezero[i].zone = zone;
			prezero[i].order = (u8)order;
			prezero[i].state = PZ_ZEROING;
			prezero_inflight++;
			if (order)
				prezero_high_pages += 1UL << order;
			else
				prezero_held++;
			pgaccel.stats.prezero_captured++;
			taken = true;
			break;
		}
	}
	update_capture_hint();
	spin_unlock_irqrestore(&engine_lock, flags);
	return taken;
}

static struct page *pgaccel_take_zeroed(struct zone *zone, unsigned int order)
{
	unsigned int first = order ? PREZERO_MAX : 0, end = order ? PREZERO_SLOTS : PREZERO_MAX;
	struct page *page = NULL;
	unsigned long flags;

	if (!pgaccel.prezero)
		return NULL;
	spin_lock_irqsave(&engine_lock, flags);
	harvest_completions();
	for (unsigned int i = first; i < end; i++) {
		if (prezero[i].state == PZ_ZEROED && prezero[i].zone == zone && prezero[i].order == order) {
			page = prezero[i].page;
			prezero[i].state = PZ_EMPTY;
			if (order)
				prezero_high_pages -= 1UL << order;
			else
				prezero_held--;
			break;
		}
	}
	update_capture_hint();
	spin_unlock_irqrestore(&engine_lock, flags);
	if (page) {
		mb();	/* the engine's writes before the caller's accesses */
		pgaccel.stats.prezero_hits++;
	} else {
		pgaccel.stats.prezero_misses++;
	}
	return page;
}

/* Wait (bounded) until every captured block has finished zeroing. An engine that does not finish
 * them in the time the whole pool takes is dead, and their blocks are quarantined. */
void pgaccel_prezero_wait(void)
{
	unsigned long flags, t0 = get_time();
	unsigned long limit = timeout_ticks((PREZERO_MAX + prezero_high_pages) * PAGE_SIZE / 8);
	bool pending = true;

	while (pending) {
		bool late = get_time() - t0 > limit;

		spin_lock_irqsave(&engine_lock, flags);
		harvest_completions();
		pending = prezero_inflight != 0;
		if (pending && late) {
			pr_err("pgaccel: background zeroing did not finish in %lu ticks; hardware path off\n",
			       limit);
			engine_dead();
			pending = false;
		}
		spin_unlock_irqrestore(&engine_lock, flags);
	}
}

/* Give every captured block back to the allocator (waiting for those still being zeroed; one that
 * never finishes is quarantined, as the engine may still write it). */
void pgaccel_prezero_release(void)
{
	bool was = pgaccel.prezero;

	pgaccel.prezero = false;	/* the frees below must not be captured again */
	update_capture_hint();
	pgaccel_prezero_wait();
	for (unsigned int i = 0; i < PREZERO_SLOTS; i++) {
		struct page *page = NULL;
		unsigned int order = prezero[i].order;

		if (prezero[i].state == PZ_ZEROED) {
			page = prezero[i].page;
			prezero[i].state = PZ_EMPTY;
			if (order)
				prezero_high_pages -= 1UL << order;
			else
				prezero_held--;
		}
		if (page) {
			set_page_count(page, 1);
			page->alloc_order = (u8)order;
			__free_pages(page, order);
		}
	}
	pgaccel_set_prezero(was);
}

void pgaccel_set_prezero(bool on)
{
	pgaccel.prezero = on && pgaccel.present;
	update_capture_hint();
}

unsigned int pgaccel_prezero_count(bool zeroed_only)
{
	unsigned int n = 0;

	for (unsigned int i = 0; i < PREZERO_SLOTS; i++)
		n += zeroed_only ? prezero[i].state == PZ_ZEROED :
				   prezero[i].state == PZ_ZEROING || prezero[i].state == PZ_ZEROED;
	return n;
}

static const struct mm_zero_ops pgaccel_zero_ops = {
	.name = "pgaccel",
	.zero_pages = pgaccel_zero_pages,
	.fill_pages = pgaccel_fill_pages,
	.capture_free = pgaccel_capture_free,
	.take_zeroed = pgaccel_take_zeroed,
	.release = pgaccel_prezero_release,
};
static const struct mm_scan_ops pgaccel_scan_ops = { "pgaccel", pgaccel_find_free_area };

void pgaccel_set_mode(enum pgaccel_mode mode)
{
	pgaccel.mode = mode;
	update_capture_hint();
}

/* ---------------------------------------------------------------- calibration */

#define CAL_REPS 3

static unsigned long median3(unsigned long a, unsigned long b, unsigned long c)
{
	if (a > b) { unsigned long t = a; a = b; b = t; }
	if (b > c) { unsigned long t = b; b = c; c = t; }
	return a > b ? a : b;
}

static unsigned long time_sw_zero(void *buf, unsigned long len)
{
	unsigned long s[CAL_REPS];

	for (int i = 0; i < CAL_REPS; i++) {
		unsigned long t0 = get_cycles();

		memset(buf, 0, len);
		s[i] = get_cycles() - t0;
	}
	return median3(s[0], s[1], s[2]);
}

static unsigned long time_hw_zero(phys_addr_t pa, unsigned long len, bool *ok)
{
	unsigned long s[CAL_REPS];

	for (int i = 0; i < CAL_REPS; i++) {
		unsigned long t0 = get_cycles();

		if (pgaccel_hw_fill(pa, len, 0, true))
			*ok = false;
		s[i] = get_cycles() - t0;
	}
	return median3(s[0], s[1], s[2]);
}

static unsigned long time_sw_scan(const unsigned long *map, unsigned long words)
{
	unsigned long s[CAL_REPS];

	for (int i = 0; i < CAL_REPS; i++) {
		unsigned long t0 = get_cycles();

		mm_sw_find_free_area(map, words * 64, 0, 1, 0);
		s[i] = get_cycles() - t0;
	}
	return median3(s[0], s[1], s[2]);
}

static unsigned long time_hw_scan(phys_addr_t pa, unsigned long words, bool *ok)
{
	unsigned long s[CAL_REPS];
	u64 res;

	for (int i = 0; i < CAL_REPS; i++) {
		unsigned long t0 = get_cycles();

		if (pgaccel_hw_scan(pa, words * 64, 0, 1, 0, true, &res) || res != words * 64)
			*ok = false;
		s[i] = get_cycles() - t0;
	}
	return median3(s[0], s[1], s[2]);
}

/* Two-point fit: cost at n1 and n2 gives the fixed part and the slope. */
static void fit(struct pgaccel_cost *c, unsigned long n1, unsigned long c1, unsigned long n2,
		unsigned long c2)
{
	unsigned long slope = c2 > c1 ? (c2 - c1) * 1024 / (n2 - n1) : 0;
	unsigned long at_n1 = slope * n1 / 1024;

	c->per_unit_x1024 = slope;
	c->fixed = c1 > at_n1 ? c1 - at_n1 : 0;
}

#define CAL_ORDER 3	/* 32 KiB buffer */
#define CAL_ZERO_SMALL 512
#define CAL_ZERO_LARGE (PAGE_SIZE << CAL_ORDER)
#define CAL_SCAN_SMALL 16	/* words */
#define CAL_SCAN_LARGE 512

static int calibrate(void)
{
	struct page *page = alloc_pages(GFP_KERNEL, CAL_ORDER);
	phys_addr_t pa;
	void *buf;
	bool ok = true;

	if (!page) {
		pr_err("pgaccel: no memory to calibrate; using the hardware from 4 KiB\n");
		return -1;
	}
	pa = page_to_phys(page);
	buf = arch_phys_to_virt(pa);
	fit(&pgaccel.zero_sw, CAL_ZERO_SMALL, time_sw_zero(buf, CAL_ZERO_SMALL), CAL_ZERO_LARGE,
	    time_sw_zero(buf, CAL_ZERO_LARGE));
	fit(&pgaccel.zero_hw, CAL_ZERO_SMALL, time_hw_zero(pa, CAL_ZERO_SMALL, &ok), CAL_ZERO_LARGE,
	    time_hw_zero(pa, CAL_ZERO_LARGE, &ok));
	/* An all-used bitmap (free bits are 1): both searches read every word and find nothing. */
	memset(buf, 0, CAL_SCAN_LARGE * 8);
	fit(&pgaccel.scan_sw, CAL_SCAN_SMALL, time_sw_scan(buf, CAL_SCAN_SMALL), CAL_SCAN_LARGE,
	    time_sw_scan(buf, CAL_SCAN_LARGE));
	fit(&pgaccel.scan_hw, CAL_SCAN_SMALL, time_hw_scan(pa, CAL_SCAN_SMALL, &ok), CAL_SCAN_LARGE,
	    time_hw_scan(pa, CAL_SCAN_LARGE, &ok));
	__free_pages(page, CAL_ORDER);
	if (!ok) {
		pr_err("pgaccel: calibration commands failed; hardware path off\n");
		pgaccel.wedged = true;
		return -1;
	}
	pgaccel.zero_crossover = crossover(&pgaccel.zero_sw, &pgaccel.zero_hw);
	pgaccel.scan_crossover = crossover(&pgaccel.scan_sw, &pgaccel.scan_hw);
	return 0;
}

/* ---------------------------------------------------------------- probe */

static void print_cost(const char *what, const struct pgaccel_cost *c, const char *unit)
{
	printk("  %-8s %6lu + %lu.%02lu cycles/%s\n", what, c->fixed, c->per_unit_x1024 / 1024,
	       (c->per_unit_x1024 % 1024) * 100 / 1024, unit);
}

static void print_crossover(const char *what, unsigned long n, const char *unit)
{
	if (n == ~0UL)
		printk("  %s: software always wins\n", what);
	else
		printk("  %s: hardware from %lu %s\n", what, n, unit);
}

static void pgaccel_show(void)
{
	if (!pgaccel.present) {
		printk("pgaccel: not present: zeroing and bitmap search run in software\n");
		return;
	}
	printk("pgaccel: at 0x%lx, PLIC irq %u, %u slots, RAM window [0x%llx-0x%llx], mode %s%s\n",
	       pgaccel.base, pgaccel.irq, pgaccel.qdepth, (unsigned long long)pgaccel.ram_base,
	       (unsigned long long)(pgaccel.ram_base + pgaccel.ram_size - 1),
	       pgaccel_mode_name(pgaccel.mode), pgaccel.wedged ? " (hardware path OFF: wedged)" : "");
	printk("pgaccel: DMA window [0x%llx-0x%llx], %s\n", (unsigned long long)pgaccel.win_base,
	       (unsigned long long)(pgaccel.win_end - 1),
	       pgaccel.win_locked ? "locked until reset: the engine cannot reach RAM outside it" :
	       "NOT LOCKED: S-mode can change it");
	printk("calibration (cycles = fixed + slope * n):\n");
	print_cost("zero sw", &pgaccel.zero_sw, "byte");
	print_cost("zero hw", &pgaccel.zero_hw, "byte");
	print_cost("scan sw", &pgaccel.scan_sw, "word");
	print_cost("scan hw", &pgaccel.scan_hw, "word");
	print_crossover("zero", pgaccel.zero_crossover, "bytes");
	print_crossover("scan", pgaccel.scan_crossover, "bitmap words");
}

/* pagoda,dma-window = <base size>, in the parent's #address-cells and #size-cells. */
static int read_window_prop(const void *fdt, int node, u64 *base, u64 *size)
{
	u32 ac = 2, sc = 1;
	int parent = fdt_parent_offset(fdt, node), len;
	const u8 *p = fdt_getprop(fdt, node, "pagoda,dma-window", &len);

	if (!p)
		return FDT_ERR_NOTFOUND;
	if (parent >= 0) {
		fdt_read_u32(fdt, parent, "#address-cells", &ac);
		fdt_read_u32(fdt, parent, "#size-cells", &sc);
	}
	if (ac < 1 || ac > 2 || sc < 1 || sc > 2 || len != (int)(ac + sc) * 4)
		return FDT_ERR_BADVALUE;
	*base = ac == 2 ? (u64)fdt32_ld(p) << 32 | fdt32_ld(p + 4) : fdt32_ld(p);
	p += ac * 4;
	*size = sc == 2 ? (u64)fdt32_ld(p) << 32 | fdt32_ld(p + 4) : fdt32_ld(p);
	return FDT_OK;
}

/*
 * The DMA window as the engine enforces it (version 1.1 on; a 1.0 engine takes all of its RAM),
 * checked against the device tree's description (the hardware wins: a mismatch is reported, and
 * the driver keeps to the hardware's window).
 */
static void probe_window(const void *fdt, int node, unsigned int version)
{
	u64 base, size;

	pgaccel.win_base = pgaccel.ram_base;
	pgaccel.win_end = pgaccel.ram_base + pgaccel.ram_size;
	pgaccel.win_locked = false;
	if (version >= PGACCEL_VERSION_WINDOW) {
		pgaccel.win_base = pgaccel_readq(PGACCEL_REG_WIN_BASE);
		pgaccel.win_end = pgaccel_readq(PGACCEL_REG_WIN_END);
		pgaccel.win_locked = pgaccel_readq(PGACCEL_REG_WIN_CTRL) & PGACCEL_WIN_LOCK;
	}
	if (read_window_prop(fdt, node, &base, &size))
		pr_warn("pgaccel: no valid pagoda,dma-window in the device tree\n");
	else if (base != pgaccel.win_base || base + size != pgaccel.win_end)
		pr_warn("pgaccel: device tree window [0x%llx, +0x%llx) is not the engine's "
			"[0x%llx, 0x%llx); using the engine's\n", (unsigned long long)base,
			(unsigned long long)size, (unsigned long long)pgaccel.win_base,
			(unsigned long long)pgaccel.win_end);
	if (!pgaccel.win_locked)
		pr_warn("pgaccel: DMA window not locked: S-mode could aim the engine anywhere in RAM\n");
}

static int pgaccel_probe(void)
{
	const void *fdt = boot_info.fdt;
	const char *mode = bootarg_value("pgaccel");
	int node = fdt_node_offset_by_compatible(fdt, -1, "pagoda,pgaccel");
	u64 base, size, id;
	int len;
	const char *status;

	pgaccel.mode = PGACCEL_AUTO;
	if (mode && !strcmp(mode, "hw"))
		pgaccel.mode = PGACCEL_HW;
	else if (mode && !strcmp(mode, "sw"))
		pgaccel.mode = PGACCEL_SW;
	else if (mode && strcmp(mode, "auto"))
		pr_warn("pgaccel: bootarg pgaccel=%s unknown (hw, sw, auto); using auto\n", mode);

	status = node >= 0 ? fdt_getprop(fdt, node, "status", &len) : NULL;
	if (node < 0 || (status && strncmp(status, "okay", 4) && strncmp(status, "ok", 3))) {
		pgaccel_show();
		return 0;
	}
	if (fdt_reg(fdt, node, 0, &base, &size) || size < 0x100) {
		pr_err("pgaccel: %s: bad reg\n", fdt_node_name(fdt, node));
		return -1;
	}
	fdt_read_u32(fdt, node, "interrupts", &pgaccel.irq);
	if (probe_read64((unsigned long)base + PGACCEL_REG_ID, (unsigned long *)&id)) {
		pr_err("pgaccel: no device answers at 0x%llx; software path\n",
		       (unsigned long long)base);
		return -1;
	}
	if ((u32)id != PGACCEL_ID_MAGIC || PGACCEL_ID_VERSION(id) >> 8 != 1) {
		pr_err("pgaccel: ID 0x%llx is not a pgaccel 1.x; software path\n",
		       (unsigned long long)id);
		return -1;
	}
	pgaccel.base = (unsigned long)base;
	pgaccel.qdepth = PGACCEL_CAPS_QDEPTH(pgaccel_readq(PGACCEL_REG_CAPS));
	pgaccel.ram_base = pgaccel_readq(PGACCEL_REG_RAM_BASE);
	pgaccel.ram_size = pgaccel_readq(PGACCEL_REG_RAM_SIZE);
	probe_window(fdt, node, PGACCEL_ID_VERSION(id));
	pgaccel_writeq(PGACCEL_REG_IRQ_EN, 0);	/* the driver polls: commands are synchronous */
	/* Completions left by an earlier boot would be taken for ours. */
	while (pgaccel_readq(PGACCEL_REG_COMP) & PGACCEL_COMP_VALID)
		;
	pgaccel_writeq(PGACCEL_REG_STATUS, PGACCEL_ST_REJECTED);
	pgaccel.present = true;
	mode = bootarg_value("pgaccel_prezero");
	calibrate();
	mm_register_zero_ops(&pgaccel_zero_ops);
	mm_register_scan_ops(&pgaccel_scan_ops);
	pgaccel_set_prezero(!(mode && !strcmp(mode, "0")));
	pgaccel_show();
	return 0;
}
device_initcall(pgaccel_probe);

/* ---------------------------------------------------------------- shell and demo */

static void pgaccel_show_stats(void)
{
	const struct pgaccel_stats *s = &pgaccel.stats;

	printk("zero: hw %lu (%lu bytes), sw %lu (%lu bytes)\n", s->hw_zero, s->hw_zero_bytes,
	       s->sw_zero, s->sw_zero_bytes);
	printk("fill (page poisoning): hw %lu, sw %lu\n", s->hw_fill, s->sw_fill);
	printk("pre-zeroed pages: %s, %u held (%u zeroed), captured %lu, hits %lu, misses %lu\n",
	       pgaccel.prezero ? "on" : "off", pgaccel_prezero_count(false),
	       pgaccel_prezero_count(true), s->prezero_captured, s->prezero_hits, s->prezero_misses);
	if (s->prezero_quarantined)
		printk("pre-zero pages quarantined (the engine stopped on them): %lu\n",
		       s->prezero_quarantined);
	printk("scan: hw %lu, sw %lu\n", s->hw_scan, s->sw_scan);
	printk("fallbacks: error %lu, timeout %lu, bad completion %lu, busy %lu, unsuitable %lu, "
	       "outside the DMA window %lu\n", s->fallback_error, s->fallback_timeout,
	       s->fallback_badcomp, s->fallback_busy, s->fallback_unsuitable, s->fallback_window);
	printk("completions by error:");
	for (int i = 0; i <= PGACCEL_ERR_WINDOW; i++)
		printk(" %s=%lu", err_names[i], s->err[i]);
	printk("\n");
	if (pgaccel.present)
		printk("engine counters: busy %llu cycles, %llu bytes, %llu words, %llu ops\n",
		       (unsigned long long)pgaccel_readq(PGACCEL_REG_CNT_BUSY),
		       (unsigned long long)pgaccel_readq(PGACCEL_REG_CNT_BYTES),
		       (unsigned long long)pgaccel_readq(PGACCEL_REG_CNT_WORDS),
		       (unsigned long long)pgaccel_readq(PGACCEL_REG_CNT_OPS));
}

SHELL_CMD(pgaccel, "[mode hw|sw|auto | prezero on|off]: accelerator state, calibration, counters")
{
	if (argc == 3 && !strcmp(argv[1], "mode")) {
		if (!strcmp(argv[2], "hw"))
			pgaccel_set_mode(PGACCEL_HW);
		else if (!strcmp(argv[2], "sw"))
			pgaccel_set_mode(PGACCEL_SW);
		else if (!strcmp(argv[2], "auto"))
			pgaccel_set_mode(PGACCEL_AUTO);
		else
			return printk("usage: pgaccel mode hw|sw|auto\n"), -1;
	} else if (argc == 3 && !strcmp(argv[1], "prezero")) {
		if (!strcmp(argv[2], "off")) {
			pgaccel_prezero_release();
			pgaccel_set_prezero(false);
		} else if (!strcmp(argv[2], "on")) {
			pgaccel_set_prezero(true);
		} else {
			return printk("usage: pgaccel prezero on|off\n"), -1;
		}
	} else if (argc != 1) {
		printk("usage: pgaccel [mode hw|sw|auto] [prezero on|off]\n");
		return -1;
	}
	pgaccel_show();
	pgaccel_show_stats();
	return 0;
}

/* A short table for the demo: the same zeroing and search done both ways, measured now. */
void pgaccel_demo(void)
{
	static const unsigned long sizes[] = { 64, 512, 4096, 32768 };
	struct page *page;
	phys_addr_t pa;
	void *buf;

	/* The probe already printed the calibration at boot. */
	if (!pgaccel.present || pgaccel.wedged) {
		pgaccel_show();
		return;
	}
	page = alloc_pages(GFP_KERNEL, 3);
	if (!page)
		return;
	pa = page_to_phys(page);
	buf = arch_phys_to_virt(pa);
	printk("\n  %-10s %8s %12s %12s %8s  %s\n", "operation", "size", "sw cycles", "hw cycles",
	       "hw/sw", "auto picks");
	for (unsigned int i = 0; i < ARRAY_SIZE(sizes); i++) {
		bool ok = true;
		unsigned long sw = time_sw_zero(buf, sizes[i]);
		unsigned long hw = time_hw_zero(pa, sizes[i], &ok);

		printk("  %-10s %7luB %12lu %12lu %7lu%%  %s\n", "zero", sizes[i], sw, hw,
		       hw * 100 / (sw ? sw : 1), pgaccel_would_use_hw_zero(sizes[i]) ? "hw" : "sw");
	}
	memset(buf, 0, 4096);
	for (unsigned long words = 16; words <= 512; words *= 4) {
		bool ok = true;
		unsigned long sw = time_sw_scan(buf, words), hw = time_hw_scan(pa, words, &ok);

		printk("  %-10s %6lub %12lu %12lu %7lu%%  %s\n", "scan", words * 64, sw, hw,
		       hw * 100 / (sw ? sw : 1), pgaccel_would_use_hw_scan(words) ? "hw" : "sw");
	}
	__free_pages(page, 3);
}
