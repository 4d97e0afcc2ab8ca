// SPDX-License-Identifier: BSD-2-Clause
/*
 * pgaccel driver: probes the engine from the device tree, runs its command queue, and serves the
 * allocator's two hooks, block zeroing (mm_zero_ops) and the free-bitmap search (mm_scan_ops),
 * choosing the path per request from the calibration (pgaccel_calib.c). The pool of blocks zeroed
 * in the background is pgaccel_prezero.c, the shell command and the reports pgaccel_shell.c.
 * Every hardware failure (error completion, rejected post, no completion in time) falls back to
 * software and is counted; memory is never returned unzeroed.
 *
 * The driver's commands are synchronous: post, then poll COMP (a large zero or fill keeps one
 * more piece queued behind the one it waits for). The engine runs commands in order, so one lock
 * around post-and-wait is all the ordering the driver needs; the pre-zeroed pool's background
 * commands (pgaccel_prezero.c) share the queue and complete in the same order.
 *
 * Every range the driver hands the engine is a bus address from the DMA API (mm/dma_mapping.c)
 * for pgaccel_dev, whose window is the one the boot ROM locked: memory outside is refused by the
 * API (DMA_MAPPING_ERROR) before the engine sees it, and the CPU serves the request. The mapping
 * also does the cache maintenance of a `dma-noncoherent` engine (the core's write-back D$).
 */
#include <asm/highmem.h>
#include <asm/io.h>
#include <asm/page.h>
#include <asm/ptrace.h>
#include <asm/timex.h>
#include <mm/dma-mapping.h>
#include <mm/gfp.h>
#include <mm/mm.h>
#include <pagoda/boot.h>
#include <pagoda/fdt.h>
#include <pagoda/init.h>
#include <pagoda/printk.h>
#include <pagoda/spinlock.h>
#include <pagoda/string.h>
#include "pgaccel_internal.h"
#include "pgaccel_regs.h"

struct pgaccel_info pgaccel __cache_hot_struct = { .zero_hw_from = ~0UL };
struct device pgaccel_dev __cache_hot_struct;
spinlock_t pgaccel_engine_lock __cache_hot = SPIN_LOCK_UNLOCKED;
static u8 next_tag __cache_hot;
/* pgaccel_timeout_ticks()'s 10 ms, from the timebase at probe: the core's divider takes 64 cycles,
 * which every small command's wait paid in full when it divided. */
static unsigned long timeout_base_ticks __cache_hot;

/* Refusals for the DMA window reported on the console; the rest are only counted. */
#define WINDOW_REPORTS 8

u64 pgaccel_readq(unsigned int off)
{
	return readq((void *)(pgaccel.base + off));
}

void pgaccel_writeq(unsigned int off, u64 val)
{
	writeq(val, (void *)(pgaccel.base + off));
}

const char *pgaccel_mode_name(enum pgaccel_mode mode)
{
	return mode == PGACCEL_HW ? "hw" : mode == PGACCEL_SW ? "sw" : "auto";
}

/* Generous bound: 10 ms of timebase plus one tick per 8-byte beat (a tick is many cycles). */
unsigned long pgaccel_timeout_ticks(u64 beats)
{
	return timeout_base_ticks + (unsigned long)beats;
}

/* A command never completed, completed as another, or lost its completion: take the engine out
 * of service. The one place that sets `wedged` once the engine has taken commands. */
void pgaccel_engine_dead(void)
{
	pgaccel.wedged = true;
	pgaccel_prezero_quarantine();
	pgaccel_update_paths();
}

/* After present, wedged, mode or a crossover changed: what the dispatch and the capture read. */
void pgaccel_update_paths(void)
{
	unsigned long from = ~0UL;

	if (pgaccel_hw_usable())
		from = pgaccel.mode == PGACCEL_HW ? 0 : pgaccel.zero_crossover;
	WRITE_ONCE(pgaccel.zero_hw_from, from);
	pgaccel_update_capture_hint();
}

/* Queue one command, engine_lock held, behind whatever is queued: 0 or PGACCEL_EBUSY. A leaf. */
__fastpath_leaf static int __post_command(u64 addr, u64 len, u64 arg, u64 post, u8 *tag_out)
{
	u8 tag = next_tag++ & PGACCEL_TAG_SYNC_MASK;

	if (reg_readq(PGACCEL_REG_STATUS) & PGACCEL_ST_FULL)
		return PGACCEL_EBUSY;
	reg_writeq(PGACCEL_REG_CMD_ADDR, addr);
	reg_writeq(PGACCEL_REG_CMD_LEN, len);
	reg_writeq(PGACCEL_REG_CMD_ARG, arg);
	reg_post(post | (u64)tag << 24);
	if (reg_readq(PGACCEL_REG_STATUS) & PGACCEL_ST_REJECTED) {
		reg_writeq(PGACCEL_REG_STATUS, PGACCEL_ST_REJECTED);
		return PGACCEL_EBUSY;
	}
	*tag_out = tag;
	return 0;
}

/* The first half of run_command: the background commands' completions taken, one command queued. */
static inline int post_command(u64 addr, u64 len, u64 arg, u64 post, u8 *tag_out)
{
	pgaccel_harvest_completions();
	return __post_command(addr, len, arg, post, tag_out);
}

/* wait_command()'s failures, reported out of line and reached by tail calls: the wait is a leaf. */
static __cold int command_timed_out(u8 tag, unsigned long limit)
{
	pr_err("pgaccel: command tag %u did not complete in %lu ticks; hardware path off\n",
	       tag, limit);
	pgaccel_engine_dead();
	return PGACCEL_ETIMEDOUT;
}

static __cold int completion_mismatch(u8 got, u8 tag)
{
	pr_err("pgaccel: completion tag %u, expected %u; hardware path off\n", got, tag);
	pgaccel_engine_dead();
	return PGACCEL_EBADCOMP;
}

static __cold int window_refused(u64 addr, u64 len)
{
	if (pgaccel.stats.err[PGACCEL_ERR_WINDOW] <= WINDOW_REPORTS)
		pr_warn("pgaccel: command on [0x%llx, +0x%llx) refused: outside the DMA window "
			"[0x%llx, 0x%llx)\n", (unsigned long long)addr, (unsigned long long)len,
			(unsigned long long)pgaccel.win_base, (unsigned long long)pgaccel.win_end);
	return -PGACCEL_ERR_WINDOW;
}

/* Poll COMP until a completion comes or more than `limit` ticks from t0 pass: it, or 0. */
static __always_inline u64 poll_completion(unsigned long t0, unsigned long limit)
{
	u64 comp;

	do {
		comp = reg_readq(PGACCEL_REG_COMP);
		if (comp & PGACCEL_COMP_VALID)
			return comp;
	} while (get_time() - t0 <= limit);
	return 0;
}

/* The end of a wait: what the completion `comp` (0: none came) says about command `tag`. */
static __always_inline int finish_wait(u64 comp, u8 tag, u64 addr, u64 len, unsigned long limit,
				       u64 *comp_out)
{
	unsigned int err;

	if (!comp)
		return command_timed_out(tag, limit);
	pgaccel_comp_barrier();
	if (PGACCEL_COMP_TAG(comp) != tag)
		return completion_mismatch(PGACCEL_COMP_TAG(comp), tag);
	err = PGACCEL_COMP_ERR(comp);
	pgaccel.stats.err[err]++;
	*comp_out = comp;
	if (err == PGACCEL_ERR_WINDOW)
		return window_refused(addr, len);
	return -(int)err;
}

/* wait_command() behind the pool's background commands: those posted earlier complete first (the
 * engine keeps order) and go to the pool. */
__hot static __noinline int wait_behind_background(u8 tag, u64 addr, u64 len, unsigned long t0,
					     unsigned long limit, u64 *comp_out)
{
	u64 comp;

	while ((comp = poll_completion(t0, limit)) && (PGACCEL_COMP_TAG(comp) & PGACCEL_TAG_ASYNC))
		pgaccel_prezero_complete(comp);
	return finish_wait(comp, tag, addr, len, limit, comp_out);
}

/*
 * The second half of run_command: the completion of the command posted with `tag`. A leaf
 * without background commands in flight (every other way is a tail call), which saves a frame
 * per command; a background completion where none is in flight is not this command's.
 */
__fastpath_leaf static int wait_command(u8 tag, u64 addr, u64 len, u64 beats, u64 *comp_out)
{
	unsigned long t0 = get_time(), limit = pgaccel_timeout_ticks(beats);

	if (pgaccel_prezero_inflight)
		return wait_behind_background(tag, addr, len, t0, limit, comp_out);
	return finish_wait(poll_completion(t0, limit), tag, addr, len, limit, comp_out);
}

/*
 * Post one command and wait for its completion; engine_lock held. Returns 0, -ERR code,
 * PGACCEL_EBUSY (post rejected), PGACCEL_ETIMEDOUT or PGACCEL_EBADCOMP (a completion that is not
 * this command's). After the last two the engine is taken out of service: it cannot be aborted,
 * and a late completion must not be mistaken for a later command's.
 */
static int run_command(u64 addr, u64 len, u64 arg, u64 post, u64 beats, u64 *comp_out)
{
	u8 tag;
	int r = post_command(addr, len, arg, post, &tag);

	return r ? r : wait_command(tag, addr, len, beats, comp_out);
}

u64 pgaccel_raw_command(u64 addr, u64 len, u64 arg, u64 post)
{
	unsigned long flags;
	u64 comp = 0;

	if (!pgaccel.present || pgaccel.wedged)
		return 0;
	spin_lock_irqsave(&pgaccel_engine_lock, flags);
	run_command(addr, len, arg, post & ~(0xffUL << 24), 64, &comp);
	spin_unlock_irqrestore(&pgaccel_engine_lock, flags);
	return comp;
}

__hot int pgaccel_hw_fill(phys_addr_t addr, u64 len, u64 pattern, bool zero)
{
	unsigned long flags;
	u64 comp;
	int r;

	if (!pgaccel.present || pgaccel.wedged)
		return PGACCEL_ENODEV;
	spin_lock_irqsave(&pgaccel_engine_lock, flags);
	r = run_command(addr, len, zero ? 0 : pattern,
			PGACCEL_POST(zero ? PGACCEL_OP_ZERO : PGACCEL_OP_FILL, 0, 0, 0), len / 8, &comp);
	spin_unlock_irqrestore(&pgaccel_engine_lock, flags);
	return r;
}

/*
 * ZERO [addr, addr + len) while the CPU runs fn(arg), then wait for it: the engine and the core
 * sharing memory (the mem bench's "together" case). Raw as pgaccel_hw_fill (a bus address, no
 * cache maintenance); fn runs only when the command was posted, with the engine lock held and
 * interrupts off, so it must not use the engine itself.
 */
int pgaccel_hw_zero_during(phys_addr_t addr, u64 len, void (*fn)(void *), void *arg)
{
	unsigned long flags;
	u64 comp;
	u8 tag;
	int r;

	if (!pgaccel.present || pgaccel.wedged)
		return PGACCEL_ENODEV;
	spin_lock_irqsave(&pgaccel_engine_lock, flags);
	r = post_command(addr, len, 0, PGACCEL_POST(PGACCEL_OP_ZERO, 0, 0, 0), &tag);
	if (!r) {
		fn(arg);
		r = wait_command(tag, addr, len, len / 8, &comp);
	}
	spin_unlock_irqrestore(&pgaccel_engine_lock, flags);
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
	spin_lock_irqsave(&pgaccel_engine_lock, flags);
	r = run_command(map, end, PGACCEL_SCAN_ARG(start, nr),
			PGACCEL_POST(PGACCEL_OP_SCAN, align_order, free_is_one, 0), end / 64 + 1, &comp);
	spin_unlock_irqrestore(&pgaccel_engine_lock, flags);
	if (!r)
		*result = (comp & PGACCEL_COMP_FOUND) ? PGACCEL_COMP_RESULT(comp) : end;
	return r;
}

bool pgaccel_dma_ok(phys_addr_t addr, u64 len)
{
	return pgaccel.present && dma_capable(&pgaccel_dev, addr, len, false);
}

bool pgaccel_would_use_hw_zero(unsigned long len)
{
	return len >= READ_ONCE(pgaccel.zero_hw_from);
}

bool pgaccel_would_use_hw_scan(unsigned long words)
{
	return pgaccel_hw_usable() && (pgaccel.mode == PGACCEL_HW || words >= pgaccel.scan_crossover);
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

/*
 * A large fill goes to the engine in pieces, each mapped (its DMA cache maintenance, one cbo per
 * line) while the engine fills the piece before: of the block's maintenance only the first
 * piece's is paid before the engine starts. Mapping costs the CPU ~0.1 cycle a byte against the
 * engine's ~0.14 for the same bytes on LiteDRAM with 8 requests in flight, so a piece about
 * PIECE_GROWTH times the one before is mapped and queued before the engine runs dry. With 4
 * (sized for an engine at ~0.5 a byte) the engine waited on the mapping: `pgaccel-zero` alone
 * on LiteDRAM, mapped 4 to 2: 256 KiB 50,776 -> 48,001 cycles, 1 MiB 179,875 -> 160,195,
 * 4 MiB 693,421 -> 601,899 (the bare command 146,178 at 1 MiB), 64 KiB within 1.5%. For a
 * coherent engine the API maintains nothing and pieces would only add their posts (on the 1-cycle
 * RAM ~300 cycles a piece, which moved the calibrated crossover from 28 KB to 57 KB): a block is
 * cut only when it is not.
 */
#define PIECE_FIRST	4096UL
#define PIECE_GROWTH	2

/* Each piece costs a post, a wait and ~8 more D$ misses, some of them while the engine writes:
 * on LiteDRAM 16 KiB in two pieces took 10,518 cycles against 10,279 in one, 64 KiB in three
 * 34,935 against 38,233; with 8 requests in flight and growth 2, 16 KiB in three pieces 5,316
 * against 4,304 in one. So a block is cut only from PIECE_MIN_BLOCK, its first piece 1/8 or less. */
#define PIECE_MIN_BLOCK	(8 * PIECE_FIRST)

struct fill_piece {
	dma_addr_t d;
	u64 len;
	u8 tag;
};

/* Wait for a queued piece and unmap it: 0 or the failure. A dead engine is not waited for. */
__hot static int finish_piece(const struct fill_piece *p)
{
	u64 comp;
	int r = pgaccel.wedged ? PGACCEL_ETIMEDOUT : wait_command(p->tag, p->d, p->len, p->len / 8, &comp);

	pgaccel_unmap(p->d, p->len, DMA_FROM_DEVICE);
	return r;
}

/*
 * Map and queue one piece, `prev` (if any) still queued before it. post_command() reads the pool's
 * completions first, so it must not run while one of this fill's is pending; posting behind
 * `prev` is __post_command(), and a full queue is waited out by finishing `prev`.
 */
__hot static int post_piece(struct fill_piece *p, struct fill_piece **prev, phys_addr_t pa, u64 len,
		      u64 arg, u64 post)
{
	int r;

	p->len = len;
	p->d = pgaccel_map(pa, len, DMA_FROM_DEVICE);
	if (dma_mapping_error(&pgaccel_dev, p->d))
		return PGACCEL_ENODEV;
	if (*prev && !__post_command(p->d, len, arg, post, &p->tag)) {
		pgaccel.stats.hw_pieces++;
		return 0;
	}
	if (*prev) {
		r = finish_piece(*prev);
		*prev = NULL;
		if (r) {
			pgaccel_unmap(p->d, len, DMA_FROM_DEVICE);
			return r;
		}
	}
	r = post_command(p->d, len, arg, post, &p->tag);
	if (r)
		pgaccel_unmap(p->d, len, DMA_FROM_DEVICE);
	else
		pgaccel.stats.hw_pieces++;
	return r;
}

/* A block of a non-coherent engine from PIECE_MIN_BLOCK: mapped and filled piece by piece. */
static int fill_pieces(phys_addr_t addr, unsigned long len, u64 pattern, bool zero)
{
	struct fill_piece piece[2], *prev = NULL;
	u64 post = PGACCEL_POST(zero ? PGACCEL_OP_ZERO : PGACCEL_OP_FILL, 0, 0, 0);
	u64 arg = zero ? 0 : pattern;
	unsigned long flags, off, n, step = PIECE_FIRST;
	int r = 0, i = 0;

	if (!pgaccel.present || pgaccel.wedged)
		return PGACCEL_ENODEV;
	if (!dma_capable(&pgaccel_dev, addr, len, false)) {
		pgaccel.stats.fallback_window++;	/* refused whole: no piece is posted */
		return PGACCEL_ENODEV;
	}
	spin_lock_irqsave(&pgaccel_engine_lock, flags);
	for (off = 0; off < len; off += n, i ^= 1) {
		n = len - off < step ? len - off : step;
		r = post_piece(&piece[i], &prev, addr + off, n, arg, post);
		if (prev) {	/* the engine goes on with piece i while the CPU maps the next */
			int rp = finish_piece(prev);

			r = r ? r : rp;
			prev = NULL;
		}
		if (r)
			break;
		prev = &piece[i];
		step = step < len / PIECE_GROWTH ? step * PIECE_GROWTH : len;
	}
	if (prev)
		r = finish_piece(prev);
	spin_unlock_irqrestore(&pgaccel_engine_lock, flags);
	return r;
}

/*
 * Fill [addr, addr + len) through the engine, mapped for it through the DMA API: 0, or the first
 * failure, with nothing of the fill left mapped or queued (the caller then zeroes with the CPU).
 * Unlike pgaccel_hw_fill() this is the driver's own path: cache maintenance included. A smaller
 * block, or any block of a coherent engine, is one command, mapped outside the engine lock: the
 * pieces' loop costs ~130 cycles more even for one piece (on the 1-cycle RAM that moved the
 * calibrated crossover from 28 KB to 40 KB).
 */
__hot int pgaccel_hw_fill_mapped(phys_addr_t addr, unsigned long len, u64 pattern, bool zero)
{
	dma_addr_t d;
	int r;

	if (len >= PIECE_MIN_BLOCK && !pgaccel_dev.dma_coherent)
		return fill_pieces(addr, len, pattern, zero);
	d = pgaccel_map(addr, len, DMA_FROM_DEVICE);
	if (dma_mapping_error(&pgaccel_dev, d))
		return PGACCEL_ENODEV;
	r = pgaccel_hw_fill(d, len, pattern, zero);
	pgaccel_unmap(d, len, DMA_FROM_DEVICE);
	return r;
}

/* Fill [addr, addr + len) through the engine: 0, or a failure already counted (PGACCEL_ENODEV:
 * the DMA API refused a piece, counted in fallback_window, or the engine went out of service,
 * reported when it did). */
__hot static int hw_fill_mapped(phys_addr_t addr, unsigned long len, u64 pattern, bool zero)
{
	int r = pgaccel_hw_fill_mapped(addr, len, pattern, zero);

	if (r && r != PGACCEL_ENODEV)
		count_fallback(r);
	return r;
}

/* The CPU's path: zero_phys() (cbo.zero when the DT offers Zicboz), counted. */
static __always_inline void zero_cpu(phys_addr_t addr, unsigned long len)
{
	pgaccel.stats.sw_zero++;
	pgaccel.stats.sw_zero_bytes += len;
	zero_phys(addr, len);
}

/* The engine, the CPU if it fails. Out of line and reached by a tail call, so that
 * pgaccel_zero() has no frame: with a 4 KiB block in the 4 KiB D$ every line the dispatch
 * touches is a miss. */
__hot static __noinline void zero_hw(phys_addr_t addr, unsigned long len)
{
	if (hw_fill_mapped(addr, len, 0, true)) {
		zero_cpu(addr, len);
		return;
	}
	pgaccel.stats.hw_zero++;
	pgaccel.stats.hw_zero_bytes += len;
}

/* The dispatch is one compare on the line it counts in; either path is a tail call. */
__fastpath_leaf void pgaccel_zero(phys_addr_t addr, unsigned long len)
{
	if (len >= READ_ONCE(pgaccel.zero_hw_from)) {
		zero_hw(addr, len);
		return;
	}
	zero_cpu(addr, len);
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

	if (pgaccel_would_use_hw_zero(len) &&
	    !hw_fill_mapped(pa, len, 0x0101010101010101ULL * byte, false)) {
		pgaccel.stats.hw_fill++;
		return;
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
	u64 result, bytes = (size + 63) / 64 * 8;
	dma_addr_t d;
	bool hw;
	int r;

	while (k < 32 && (1UL << k) - 1 < align_mask)
		k++;
	/* The engine takes power-of-two alignments, 32-bit indices and a real range, in its window. */
	hw = words && nr && (1UL << k) - 1 == align_mask && k <= 31 && size <= 0xffffffffUL &&
	     pgaccel_would_use_hw_scan(words);
	if (hw) {
		/* The bitmap lies in the direct map (memblock), whole in the mapping. */
		d = pgaccel_map(arch_virt_to_phys(map), bytes, DMA_TO_DEVICE);
		if (!dma_mapping_error(&pgaccel_dev, d)) {
			r = pgaccel_hw_scan(d, size, start, nr, k, true, &result);
			pgaccel_unmap(d, bytes, DMA_TO_DEVICE);
			if (!r) {
				pgaccel.stats.hw_scan++;
				return (unsigned long)result;
			}
			count_fallback(r);
		}
	} else if (words && nr && pgaccel_hw_usable() && pgaccel.mode == PGACCEL_HW) {
		pgaccel.stats.fallback_unsuitable++;
	}
	pgaccel.stats.sw_scan++;
	return bitmap_find_next_set_area(map, size, start, nr, align_mask);
}

static const struct mm_zero_ops pgaccel_zero_ops = {
	.name = "pgaccel",
	.zero_pages = pgaccel_zero_pages,
	.fill_pages = pgaccel_fill_pages,
	.capture_free = pgaccel_capture_free,
	.take_zeroed = pgaccel_take_zeroed,
	.release = pgaccel_prezero_release,
	.take_zeroed_batch = pgaccel_take_zeroed_batch,
};
static const struct mm_scan_ops pgaccel_scan_ops = { "pgaccel", pgaccel_find_free_area };

void pgaccel_set_mode(enum pgaccel_mode mode)
{
	pgaccel.mode = mode;
	pgaccel_update_paths();
}

/* ---------------------------------------------------------------- probe */

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

/* #address-cells / #size-cells as Linux's of_bus_n_*_cells: the node's own, else its parents'. */
static u32 fdt_cells(const void *fdt, int node, const char *name, u32 dflt)
{
	u32 v;

	for (; node >= 0; node = fdt_parent_offset(fdt, node))
		if (!fdt_read_u32(fdt, node, name, &v))
			return v;
	return dflt;
}

/*
 * dma-ranges on the node (Linux's of_dma_get_range looks there first): one identity entry
 * <bus cpu size>, bus in the node's #address-cells, cpu in its parent's. 0 with the range, 1 when
 * absent, DMA_EINVAL (reported) when malformed.
 */
static int read_dma_ranges(const void *fdt, int node, u64 *base, u64 *size)
{
	int len, parent = fdt_parent_offset(fdt, node);
	const void *p = fdt_getprop(fdt, node, "dma-ranges", &len);

	if (!p)
		return 1;
	return dma_parse_ranges("pgaccel", p, len, fdt_cells(fdt, node, "#address-cells", 2),
				fdt_cells(fdt, parent, "#address-cells", 2),
				fdt_cells(fdt, node, "#size-cells", 1), base, size);
}

static void dt_window_differs(const char *prop, u64 base, u64 size)
{
	pr_warn("pgaccel: device tree %s [0x%llx, +0x%llx) is not the engine's window "
		"[0x%llx, 0x%llx); using the engine's\n", prop, (unsigned long long)base,
		(unsigned long long)size, (unsigned long long)pgaccel.win_base,
		(unsigned long long)pgaccel.win_end);
}

/*
 * The DMA window as the engine enforces it (version 1.1 on; a 1.0 engine takes all of its RAM, or
 * what the DT's dma-ranges restricts it to), checked against the device tree's description (the
 * hardware wins: a mismatch or a malformed property is reported, and the driver keeps to the
 * hardware's window). Then pgaccel_dev, the engine as the DMA API sees it: a 32-bit mask (the
 * engine refuses addresses at or above 2^32), that window, coherent unless the DT says
 * dma-noncoherent. 0, or -1 when the window cannot be described.
 */
static int probe_window(const void *fdt, int node, unsigned int version)
{
	u64 base, size;
	int r;

	pgaccel.win_base = pgaccel.ram_base;
	pgaccel.win_end = pgaccel.ram_base + pgaccel.ram_size;
	pgaccel.win_locked = false;
	r = read_dma_ranges(fdt, node, &base, &size);
	if (version >= PGACCEL_VERSION_WINDOW) {
		pgaccel.win_base = reg_readq(PGACCEL_REG_WIN_BASE);
		pgaccel.win_end = reg_readq(PGACCEL_REG_WIN_END);
		pgaccel.win_locked = reg_readq(PGACCEL_REG_WIN_CTRL) & PGACCEL_WIN_LOCK;
		if (r == 1)
			pr_warn("pgaccel: no dma-ranges in the device tree: an OS could hand the "
				"engine memory outside its window\n");
		else if (!r && (base != pgaccel.win_base || base + size != pgaccel.win_end))
			dt_window_differs("dma-ranges", base, size);
	} else if (!r) {
		pgaccel.win_base = max(base, pgaccel.win_base);
		pgaccel.win_end = min(base + size, pgaccel.win_end);
	}
	if (read_window_prop(fdt, node, &base, &size))
		pr_warn("pgaccel: no valid pagoda,dma-window in the device tree\n");
	else if (base != pgaccel.win_base || base + size != pgaccel.win_end)
		dt_window_differs("pagoda,dma-window", base, size);
	if (!pgaccel.win_locked)
		pr_warn("pgaccel: DMA window not locked: S-mode could aim the engine anywhere in RAM\n");
	dma_device_init(&pgaccel_dev, "pgaccel");
	pgaccel_dev.dma_coherent = !fdt_getprop(fdt, node, "dma-noncoherent", &r);
	if (pgaccel.win_end <= pgaccel.win_base ||
	    dma_set_mask_and_coherent(&pgaccel_dev, DMA_BIT_MASK(32)) ||
	    dma_set_window(&pgaccel_dev, pgaccel.win_base, pgaccel.win_end - pgaccel.win_base)) {
		pr_err("pgaccel: DMA window [0x%llx, 0x%llx) unusable; software path\n",
		       (unsigned long long)pgaccel.win_base, (unsigned long long)pgaccel.win_end);
		return -1;
	}
	return 0;
}

/* Bootargs pgaccel=auto|hw|sw and pgaccel_prezero=0|1, applied at probe. */
static enum pgaccel_mode boot_mode = PGACCEL_AUTO;
static bool boot_prezero = true;

static int early_pgaccel(const char *val)
{
	if (val && !strcmp(val, "auto"))
		boot_mode = PGACCEL_AUTO;
	else if (val && !strcmp(val, "hw"))
		boot_mode = PGACCEL_HW;
	else if (val && !strcmp(val, "sw"))
		boot_mode = PGACCEL_SW;
	else
		return -1;
	return 0;
}
early_param("pgaccel", early_pgaccel);

static int early_pgaccel_prezero(const char *val)
{
	if (!val || (strcmp(val, "0") && strcmp(val, "1")))
		return -1;
	boot_prezero = val[0] == '1';
	return 0;
}
early_param("pgaccel_prezero", early_pgaccel_prezero);

static int pgaccel_probe(void)
{
	const void *fdt = boot_info.fdt;
	int node = fdt_node_offset_by_compatible(fdt, -1, "pagoda,pgaccel");
	u64 base, size, id;
	unsigned long t0;
	int len;
	const char *status;

	pgaccel.mode = boot_mode;

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
	pgaccel.qdepth = PGACCEL_CAPS_QDEPTH(reg_readq(PGACCEL_REG_CAPS));
	pgaccel.ram_base = reg_readq(PGACCEL_REG_RAM_BASE);
	pgaccel.ram_size = reg_readq(PGACCEL_REG_RAM_SIZE);
	if (probe_window(fdt, node, PGACCEL_ID_VERSION(id)))
		return -1;
	reg_writeq(PGACCEL_REG_IRQ_EN, 0);	/* the driver polls: commands are synchronous */
	/* Completions left by an earlier boot would be taken for ours. */
	while (reg_readq(PGACCEL_REG_COMP) & PGACCEL_COMP_VALID)
		;
	reg_writeq(PGACCEL_REG_STATUS, PGACCEL_ST_REJECTED);
	timeout_base_ticks = boot_info.timebase_hz / 100;
	pgaccel.present = true;
	t0 = get_cycles();
	pgaccel_calibrate();
	pgaccel.calib_cycles = get_cycles() - t0;
	pgaccel_update_paths();
	mm_register_zero_ops(&pgaccel_zero_ops);
	mm_register_scan_ops(&pgaccel_scan_ops);
	pgaccel_set_prezero(boot_prezero);
	pgaccel_show();
	return 0;
}
device_initcall(pgaccel_probe);

