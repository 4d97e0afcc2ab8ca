// SPDX-License-Identifier: BSD-2-Clause
/*
 * pgaccel self-tests. On a platform without the engine (QEMU virt) they check that the software
 * path serves the allocator and skip the hardware cases; on the SoC they drive the engine and
 * compare it with the software path and with byte-exact expectations around every range.
 */
#include <asm/barrier.h>
#include <asm/highmem.h>
#include <asm/page.h>
#include <asm/timex.h>
#include <mm/gfp.h>
#include <mm/mm.h>
#include <pagoda/boot.h>
#include <pagoda/fdt.h>
#include <pagoda/irq.h>
#include <pagoda/selftest.h>
#include <pagoda/spinlock.h>
#include <pagoda/string.h>
#include "pgaccel.h"
#include "pgaccel_regs.h"

#define GUARD 0xa5

static bool dt_has_engine(void)
{
	return fdt_node_offset_by_compatible(boot_info.fdt, -1, "pagoda,pgaccel") >= 0;
}

/* Deterministic generator for test data (xorshift64). */
static u64 rng_state = 0x9e3779b97f4a7c15ULL;
static u64 rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

SELFTEST(pgaccel_probe_matches_dt)
{
	ST_ASSERT_EQ(pgaccel.present, dt_has_engine());
	if (pgaccel.present) {
		ST_ASSERT(!pgaccel.wedged);
		ST_ASSERT(pgaccel.qdepth >= 1);
		ST_ASSERT(pgaccel.ram_size > 0);
	}
	return 0;
}

/*
 * The hot data on D$ sets of their own (pagoda/compiler.h __cache_hot, firmware.ld): every line
 * that this hart's order-0 fast paths and the zeroing dispatch touch on every call, and the
 * driver's device, is on another set of the DT's data cache, so that each leaves its set's other
 * way to the stack and the struct pages. Where the link put them, the free counter shared a set
 * with fast_read and the stack, and the plain order-0 burst went 268 -> 488 cycles.
 */
SELFTEST(hot_data_own_dcache_sets)
{
	const struct cache_geometry *dc = &boot_info.dcache;
	struct mm_hot_line v[24];
	unsigned int n;

	if (!dc->size || !dc->sets || !dc->block)
		ST_SKIP("the DT describes no data cache");
	n = mm_fast_path_lines(v, ARRAY_SIZE(v) - 3);
	ST_ASSERT(n >= 8);
	v[n++] = (struct mm_hot_line){ "pgaccel dispatch", &pgaccel.zero_hw_from };
	v[n++] = (struct mm_hot_line){ "pgaccel_dev", &pgaccel_dev };
	v[n++] = (struct mm_hot_line){ "hart state", this_hart() };
	for (unsigned int i = 0; i < n; i++) {
		unsigned long li = arch_virt_to_phys(v[i].addr) / dc->block;

		for (unsigned int j = 0; j < i; j++) {
			unsigned long lj = arch_virt_to_phys(v[j].addr) / dc->block;

			if (li != lj && li % dc->sets == lj % dc->sets)
				ST_FAIL("%s (0x%lx) and %s (0x%lx) on D$ set %lu", v[i].name,
					li * dc->block, v[j].name, lj * dc->block, li % dc->sets);
		}
	}
	return 0;
}

/* The allocator's __GFP_ZERO works whichever path serves it. */
SELFTEST(pgaccel_gfp_zero_any_path)
{
	unsigned long hw0 = pgaccel.stats.hw_zero, sw0 = pgaccel.stats.sw_zero;
	struct page *page = alloc_pages(GFP_KERNEL, 3);
	u8 *p;

	ST_ASSERT(page != NULL);
	p = arch_phys_to_virt(page_to_phys(page));
	memset(p, 0xff, PAGE_SIZE << 3);
	__free_pages(page, 3);
	page = alloc_pages(GFP_KERNEL | __GFP_ZERO, 3);
	ST_ASSERT(page != NULL);
	p = arch_phys_to_virt(page_to_phys(page));
	for (unsigned long i = 0; i < (PAGE_SIZE << 3); i++)
		if (p[i])
			ST_FAIL("byte %lu of a __GFP_ZERO block is 0x%02x", i, p[i]);
	__free_pages(page, 3);
	/* With the engine the driver serves the hook and counts one request; without it the
	 * allocator's own software path does and the driver sees nothing. */
	ST_ASSERT_EQ((pgaccel.stats.hw_zero - hw0) + (pgaccel.stats.sw_zero - sw0),
		     pgaccel.present ? 1 : 0);
	return 0;
}

/* Fill [off, off+len) of a guarded buffer by hardware; check inside and both sides. */
static int check_fill(u8 *buf, unsigned long bufsize, unsigned long off, unsigned long len,
		      u64 pattern, bool zero)
{
	int r;

	memset(buf, GUARD, bufsize);
	pgaccel_raw_prepare(arch_virt_to_phys(buf), bufsize);
	r = pgaccel_hw_fill(arch_virt_to_phys(buf + off), len, pattern, zero);
	pgaccel_raw_finish(arch_virt_to_phys(buf), bufsize);
	if (r)
		ST_FAIL("fill off %lu len %lu: error %d", off, len, r);
	for (unsigned long i = 0; i < bufsize; i++) {
		u8 want = GUARD;

		if (i >= off && i < off + len)
			want = zero ? 0 : (u8)(pattern >> (8 * ((i - off) & 7)));
		if (buf[i] != want)
			ST_FAIL("fill off %lu len %lu: byte %lu is 0x%02x, want 0x%02x", off, len, i,
				buf[i], want);
	}
	return 0;
}

SELFTEST(pgaccel_zero_fill_exact_ranges)
{
	static const unsigned long cases[][2] = {
		{ 0, 8 }, { 8, 8 }, { 4096, 4096 }, { 24, 1016 }, { 8, 16376 }, { 4088, 8200 },
	};
	struct page *page;
	u8 *buf;
	int r = 0;

	if (!pgaccel.present)
		ST_SKIP("no pgaccel in the device tree");
	page = alloc_pages(GFP_KERNEL, 2);
	ST_ASSERT(page != NULL);
	buf = arch_phys_to_virt(page_to_phys(page));
	for (unsigned int i = 0; i < ARRAY_SIZE(cases) && !r; i++) {
		r = ST_CATCH(check_fill(buf, PAGE_SIZE << 2, cases[i][0], cases[i][1], 0, true));
		if (!r)
			r = ST_CATCH(check_fill(buf, PAGE_SIZE << 2, cases[i][0], cases[i][1],
						0x0123456789abcdefULL, false));
	}
	__free_pages(page, 2);
	return r;
}

struct zero_during {
	unsigned long calls;
	bool busy;	/* the engine had the command when the function ran */
};

static void zero_during_fn(void *arg)
{
	struct zero_during *d = arg;

	d->calls++;
	d->busy = pgaccel_readq(PGACCEL_REG_STATUS) & PGACCEL_ST_BUSY;
}

/* pgaccel_hw_zero_during (the mem bench's "together" case): the function runs once, while the
 * engine works; the range is zeroed exactly. Without the engine: ENODEV, the function not run. */
SELFTEST(pgaccel_zero_during)
{
	const unsigned long size = PAGE_SIZE << 4, off = PAGE_SIZE, len = PAGE_SIZE << 3;
	struct zero_during d = { 0 };
	unsigned long bad = size;
	struct page *page;
	phys_addr_t pa;
	u8 *buf, got = 0;
	int r;

	if (!pgaccel.present) {
		ST_ASSERT_EQ(pgaccel_hw_zero_during(0, 8, zero_during_fn, &d), PGACCEL_ENODEV);
		ST_ASSERT_EQ(d.calls, 0);
		return 0;
	}
	page = alloc_pages(GFP_KERNEL, 4);
	ST_ASSERT(page != NULL);
	pa = page_to_phys(page);
	buf = arch_phys_to_virt(pa);
	memset(buf, GUARD, size);
	pgaccel_raw_prepare(pa, size);
	r = pgaccel_hw_zero_during(pa + off, len, zero_during_fn, &d);
	pgaccel_raw_finish(pa, size);
	for (unsigned long i = 0; i < size && bad == size; i++) {
		if (buf[i] != (i >= off && i < off + len ? 0 : GUARD)) {
			bad = i;
			got = buf[i];
		}
	}
	__free_pages(page, 4);
	ST_ASSERT_EQ(r, 0);
	if (bad < size)
		ST_FAIL("byte %lu is 0x%02x after zeroing [%lu, %lu)", bad, got, off, off + len);
	ST_ASSERT_EQ(d.calls, 1);
	ST_ASSERT(d.busy);
	return 0;
}

/* Contiguous allocation finds its run with SCAN when the driver picks the engine. */
SELFTEST(pgaccel_contig_uses_scan)
{
	enum pgaccel_mode saved = pgaccel.mode;
	unsigned long hw0;
	struct page *p;

	if (!pgaccel.present)
		ST_SKIP("no pgaccel in the device tree");
	pgaccel_set_mode(PGACCEL_HW);
	hw0 = pgaccel.stats.hw_scan;
	p = alloc_contig_pages(48, GFP_KERNEL, NUMA_NO_NODE, NULL);
	pgaccel_set_mode(saved);
	ST_ASSERT(p != NULL);
	ST_ASSERT(pgaccel.stats.hw_scan > hw0);
	for (unsigned long i = 0; i < 48; i++)
		ST_ASSERT_EQ(page_ref_count(p + i), 1);
	free_contig_range(page_to_pfn(p), 48);
	return 0;
}

SELFTEST(pgaccel_scan_matches_software)
{
	struct page *page;
	unsigned long *map;
	const unsigned long words = 256, bits = words * 64;

	if (!pgaccel.present)
		ST_SKIP("no pgaccel in the device tree");
	page = alloc_pages(GFP_KERNEL, 1);
	ST_ASSERT(page != NULL);
	map = arch_phys_to_virt(page_to_phys(page));
	for (unsigned int t = 0; t < 300; t++) {
		unsigned int density = (unsigned int)(rng() % 5);
		unsigned long size = 1 + rng() % bits, start = rng() % (size + 2);
		unsigned long nr = 1 + rng() % (t % 3 == 0 ? 200 : 20);
		unsigned int k = (unsigned int)(rng() % 8);
		u64 hw;
		unsigned long sw;
		int r;

		for (unsigned long w = 0; w < words; w++) {
			u64 v = rng();

			/* 0: all used, 1: all free, 2: random, 3: mostly free, 4: mostly used */
			map[w] = density == 0 ? 0 : density == 1 ? ~0UL : density == 2 ? v :
				 density == 3 ? (v | rng() | rng()) : (v & rng() & rng());
		}
		if (start > size)
			continue;	/* the engine rejects start > end; the allocator never asks it */
		sw = bitmap_find_next_set_area(map, size, start, nr, (1UL << k) - 1);
		pgaccel_raw_prepare(arch_virt_to_phys(map), words * sizeof(*map));
		r = pgaccel_hw_scan(arch_virt_to_phys(map), size, start, nr, k, true, &hw);
		if (r)
			ST_FAIL("case %u: scan error %d", t, r);
		/* Both report "none" as a value >= size; compare found positions exactly. */
		if ((sw < size || hw < size) && sw != hw)
			ST_FAIL("case %u (size %lu start %lu nr %lu k %u density %u): hw %lu sw %lu", t,
				size, start, nr, k, density, (unsigned long)hw, sw);
	}
	__free_pages(page, 1);
	return 0;
}

SELFTEST(pgaccel_errors_reported_engine_usable)
{
	static u64 buf[8] __aligned(64);
	u64 ram_end, comp;

	if (!pgaccel.present)
		ST_SKIP("no pgaccel in the device tree");
	ram_end = pgaccel.ram_base + pgaccel.ram_size;
	ST_ASSERT_EQ(pgaccel_hw_fill(0x1000, 64, 0, true), -PGACCEL_ERR_RANGE);
	ST_ASSERT_EQ(pgaccel_hw_fill(ram_end - 32, 64, 0, true), -PGACCEL_ERR_RANGE);
	ST_ASSERT_EQ(pgaccel_hw_fill(arch_virt_to_phys(buf) + 4, 16, 0, true), -PGACCEL_ERR_ALIGN);
	ST_ASSERT_EQ(pgaccel_hw_fill(arch_virt_to_phys(buf), 12, 0, true), -PGACCEL_ERR_ALIGN);
	ST_ASSERT_EQ(pgaccel_hw_fill(arch_virt_to_phys(buf), 0, 0, true), -PGACCEL_ERR_LEN);
	ST_ASSERT_EQ(pgaccel_hw_fill(0xfffffff8ULL, 64, 0, true), -PGACCEL_ERR_OVERFLOW);
	comp = pgaccel_raw_command(arch_virt_to_phys(buf), 8, 0, PGACCEL_POST(9, 0, 0, 0));
	ST_ASSERT(comp & PGACCEL_COMP_VALID);
	ST_ASSERT_EQ(PGACCEL_COMP_ERR(comp), PGACCEL_ERR_OP);
	{
		u64 res;

		ST_ASSERT_EQ(pgaccel_hw_scan(arch_virt_to_phys(buf), 64, 65, 1, 0, true, &res),
			     -PGACCEL_ERR_BITMAP);
		ST_ASSERT_EQ(pgaccel_hw_scan(arch_virt_to_phys(buf), 64, 0, 0, 0, true, &res),
			     -PGACCEL_ERR_LEN);
	}
	/* After all that, a good command works and nothing was written to buf by the bad ones. */
	for (int i = 0; i < 8; i++)
		buf[i] = 0x1111111111111111ULL * (unsigned)(i + 1);
	pgaccel_raw_prepare(arch_virt_to_phys(buf), sizeof(buf));
	ST_ASSERT_EQ(pgaccel_hw_fill(arch_virt_to_phys(buf) + 16, 32, 0, true), 0);
	pgaccel_raw_finish(arch_virt_to_phys(buf), sizeof(buf));
	ST_ASSERT_EQ(buf[1], 0x2222222222222222ULL);
	ST_ASSERT_EQ(buf[2], 0);
	ST_ASSERT_EQ(buf[5], 0);
	ST_ASSERT_EQ(buf[6], 0x7777777777777777ULL);
	ST_ASSERT(!pgaccel.wedged);
	return 0;
}

/* Posting with every slot taken is rejected and flagged; the queued commands all complete. */
SELFTEST(pgaccel_queue_full_rejected)
{
	struct page *page;
	phys_addr_t pa;
	unsigned int q = pgaccel.qdepth, done = 0;
	u64 st;

	bool prezero = pgaccel.prezero;

	if (!pgaccel.present)
		ST_SKIP("no pgaccel in the device tree");
	/* This test owns every slot: no background zeroing in between. */
	pgaccel_prezero_release();
	pgaccel_set_prezero(false);
	page = alloc_pages(GFP_KERNEL, 6);	/* 256 KiB: each command keeps the engine busy */
	ST_ASSERT(page != NULL);
	pa = page_to_phys(page);
	pgaccel_writeq(PGACCEL_REG_CMD_ADDR, pa);
	pgaccel_writeq(PGACCEL_REG_CMD_LEN, PAGE_SIZE << 6);
	for (unsigned int i = 0; i <= q; i++)
		pgaccel_writeq(PGACCEL_REG_CMD_POST, PGACCEL_POST(PGACCEL_OP_ZERO, 0, 0, 0x40 + i));
	st = pgaccel_readq(PGACCEL_REG_STATUS);
	ST_ASSERT(st & PGACCEL_ST_REJECTED);
	ST_ASSERT(st & PGACCEL_ST_FULL);
	for (unsigned long spins = 0; done < q && spins < 10000000; spins++) {
		u64 c = pgaccel_readq(PGACCEL_REG_COMP);

		if (!(c & PGACCEL_COMP_VALID))
			continue;
		ST_ASSERT_EQ(PGACCEL_COMP_TAG(c), 0x40 + done);
		ST_ASSERT_EQ(PGACCEL_COMP_ERR(c), 0);
		done++;
	}
	ST_ASSERT_EQ(done, q);
	ST_ASSERT(!(pgaccel_readq(PGACCEL_REG_COMP) & PGACCEL_COMP_VALID));
	pgaccel_writeq(PGACCEL_REG_STATUS, PGACCEL_ST_REJECTED);
	ST_ASSERT(!(pgaccel_readq(PGACCEL_REG_STATUS) & (PGACCEL_ST_REJECTED | PGACCEL_ST_FULL)));
	__free_pages(page, 6);
	pgaccel_set_prezero(prezero);
	return 0;
}

/* A request the engine refuses still ends up zeroed, by software, and the fallback is counted. */
SELFTEST(pgaccel_fallback_on_error)
{
	static u8 buf[64] __aligned(8);
	unsigned long fb = pgaccel.stats.fallback_error;
	enum pgaccel_mode mode = pgaccel.mode;

	if (!pgaccel.present)
		ST_SKIP("no pgaccel in the device tree");
	memset(buf, 0xee, sizeof(buf));
	pgaccel_set_mode(PGACCEL_HW);
	pgaccel_zero(arch_virt_to_phys(buf) + 8, 13);	/* length not a multiple of 8: ERR_ALIGN */
	pgaccel_set_mode(mode);
	ST_ASSERT_EQ(pgaccel.stats.fallback_error - fb, 1);
	for (unsigned int i = 0; i < sizeof(buf); i++)
		ST_ASSERT_EQ(buf[i], i >= 8 && i < 21 ? 0 : 0xee);
	return 0;
}

/* With the hardware forced, __GFP_ZERO allocations of several orders go through the engine. */
SELFTEST(pgaccel_gfp_zero_hw_forced)
{
	enum pgaccel_mode mode = pgaccel.mode;
	unsigned long hw0 = pgaccel.stats.hw_zero;
	static const unsigned int orders[] = { 0, 1, 3, 5 };

	bool prezero = pgaccel.prezero;

	if (!pgaccel.present)
		ST_SKIP("no pgaccel in the device tree");
	/* The zeroing path itself, not pre-zeroed pages. */
	pgaccel_prezero_release();
	pgaccel_set_prezero(false);
	pgaccel_set_mode(PGACCEL_HW);
	for (unsigned int i = 0; i < ARRAY_SIZE(orders); i++) {
		struct page *page = alloc_pages(GFP_KERNEL, orders[i]);
		u64 *p;

		ST_ASSERT(page != NULL);
		p = arch_phys_to_virt(page_to_phys(page));
		memset(p, 0x5a, PAGE_SIZE << orders[i]);
		__free_pages(page, orders[i]);
		page = alloc_pages(GFP_KERNEL | __GFP_ZERO, orders[i]);
		ST_ASSERT(page != NULL);
		p = arch_phys_to_virt(page_to_phys(page));
		for (unsigned long w = 0; w < (PAGE_SIZE << orders[i]) / 8; w++)
			if (p[w]) {
				pgaccel_set_mode(mode);
				pgaccel_set_prezero(prezero);
				ST_FAIL("order %u word %lu not zero", orders[i], w);
			}
		__free_pages(page, orders[i]);
	}
	pgaccel_set_mode(mode);
	pgaccel_set_prezero(prezero);
	ST_ASSERT_EQ(pgaccel.stats.hw_zero - hw0, ARRAY_SIZE(orders));
	return 0;
}

/* With page_poison=1 the allocator poisons freed blocks through the driver: a block of at least
 * the crossover is filled by the engine, and the allocator's check on reallocation accepts it. */
SELFTEST(pgaccel_page_poison_fill)
{
	unsigned long hw0 = pgaccel.stats.hw_fill, bad = mm_bad_page_count;
	struct page *page;
	u8 *p;

	if (!pgaccel.present)
		ST_SKIP("no pgaccel in the device tree");
	if (!mm_page_poison)
		ST_SKIP("boot with page_poison=1");
	page = alloc_pages(GFP_KERNEL, 4);	/* 64 KiB: above any crossover */
	ST_ASSERT(page != NULL);
	p = arch_phys_to_virt(page_to_phys(page));
	__free_pages(page, 4);
	ST_ASSERT_EQ(pgaccel.stats.hw_fill - hw0, 1);
	for (unsigned long i = 0; i < (PAGE_SIZE << 4); i += 509)
		if (p[i] != PAGE_POISON)
			ST_FAIL("byte %lu of a poisoned block is 0x%02x", i, p[i]);
	page = alloc_pages(GFP_KERNEL, 4);
	ST_ASSERT(page != NULL);
	__free_pages(page, 4);
	ST_ASSERT_EQ(mm_bad_page_count, bad);
	return 0;
}

/* A block of `order` filled with `pattern` and freed: the pool must capture it. Returns it (the
 * pool's now). */
static struct page *capture_block(unsigned int order, u64 pattern)
{
	unsigned long cap0 = pgaccel.stats.prezero_captured;
	struct page *p = alloc_pages(GFP_KERNEL, order);
	u64 *w;

	ST_ASSERT(p != NULL);
	w = arch_phys_to_virt(page_to_phys(p));
	for (unsigned long i = 0; i < (PAGE_SIZE << order) / 8; i++)
		w[i] = pattern;
	__free_pages(p, order);
	ST_ASSERT_EQ(pgaccel.stats.prezero_captured - cap0, 1);
	return p;
}

/* A __GFP_ZERO allocation of `order` gets the captured block p back, every word zeroed. */
static struct page *take_back_zeroed(struct page *p, unsigned int order, unsigned long hits0)
{
	struct page *z = alloc_pages(GFP_KERNEL | __GFP_ZERO, order);
	const u64 *w = arch_phys_to_virt(page_to_phys(p));

	ST_ASSERT(z == p);
	ST_ASSERT_EQ(pgaccel.stats.prezero_hits - hits0, 1);
	for (unsigned long i = 0; i < (PAGE_SIZE << order) / 8; i++)
		if (w[i])
			ST_FAIL("word %lu of a pre-zeroed order-%u block is 0x%llx", i, order,
				(unsigned long long)w[i]);
	return z;
}

/* A freed page is captured and zeroed by the engine in the background; only a __GFP_ZERO
 * allocation gets it back, zeroed; a second free of it is still caught. Likewise for an order-3
 * block, which only a __GFP_ZERO allocation of order 3 gets. */
SELFTEST(pgaccel_prezeroed_pages)
{
	unsigned long hits0, bad;
	bool prezero = pgaccel.prezero;
	struct page *p, *q, *z;

	if (!pgaccel.present)
		ST_SKIP("no pgaccel in the device tree");
	/* Capture lives in the allocator's fast path, which the debugging features turn off. */
	if (mm_page_poison || mm_page_owner || mm_debug_checks)
		ST_SKIP("fast path off (page_poison, page_owner or mm_debug)");
	pgaccel_prezero_release();
	pgaccel_set_prezero(true);
	hits0 = pgaccel.stats.prezero_hits;
	p = capture_block(0, 0x7777777777777777ULL);
	ST_ASSERT_EQ(pgaccel_prezero_count(false), 1);
	q = alloc_pages(GFP_KERNEL, 0);	/* no __GFP_ZERO: not the captured page */
	ST_ASSERT(q != NULL && q != p);
	ST_ASSERT_EQ(pgaccel.stats.prezero_hits, hits0);
	bad = mm_bad_page_count;
	__free_pages(p, 0);	/* double free of the captured page */
	ST_ASSERT_EQ(mm_bad_page_count, bad + 1);
	z = take_back_zeroed(p, 0, hits0);
	pgaccel_set_prezero(false);
	__free_pages(q, 0);
	__free_pages(z, 0);
	/* An order-3 block: captured from the full free path, handed to __GFP_ZERO of order 3 only. */
	pgaccel_set_prezero(true);
	hits0 = pgaccel.stats.prezero_hits;
	p = capture_block(3, 0x5555555555555555ULL);
	pgaccel_prezero_wait();
	q = alloc_pages(GFP_KERNEL | __GFP_ZERO, 2);
	ST_ASSERT(q != NULL && q != p);
	ST_ASSERT_EQ(pgaccel.stats.prezero_hits, hits0);
	z = take_back_zeroed(p, 3, hits0);
	pgaccel_set_prezero(false);
	__free_pages(q, 2);
	__free_pages(z, 3);
	pgaccel_set_prezero(prezero);
	return 0;
}

static unsigned long zeroed_listed(const struct zone *zone)
{
	unsigned long n = 0;

	for (unsigned int c = 0; c < NR_CPUS; c++)
		n += mm_pcp_zeroed_count(&zone->pcp[c]);
	return n;
}

static void check_page_zero(const struct page *p)
{
	const u64 *w = arch_phys_to_virt(page_to_phys(p));

	for (unsigned long i = 0; i < PAGE_SIZE / 8; i++)
		if (w[i])
			ST_FAIL("word %lu of a zeroed-list page is 0x%llx", i, (unsigned long long)w[i]);
}

/*
 * The pool hands order-0 pages over in batches onto the hart's zeroed list, from which the next
 * __GFP_ZERO allocations are served without the driver: each such page is zero, nobody's (a
 * free of it is a double free), counted as a hit, and the pool's release gives the listed pages
 * back to the buddy lists: the free page count is what it was before, none lost.
 */
SELFTEST(pgaccel_prezero_zeroed_lists)
{
	struct page *pages[MM_ZEROED_BATCH + 4], *z, *z2, *s;
	unsigned long free0, hits0, bad, n;
	bool prezero = pgaccel.prezero;
	static char err[160];
	struct zone *zone;
	int listed;

	if (!pgaccel.present)
		ST_SKIP("no pgaccel in the device tree");
	if (mm_page_poison || mm_page_owner || mm_debug_checks)
		ST_SKIP("fast path off (page_poison, page_owner or mm_debug)");
	pgaccel_prezero_release();
	pgaccel_set_prezero(false);
	drain_all_pages(NULL);
	free0 = global_free_pages();
	for (unsigned int i = 0; i < ARRAY_SIZE(pages); i++) {
		pages[i] = alloc_pages(GFP_KERNEL, 0);
		ST_ASSERT(pages[i] != NULL);
		memset(arch_phys_to_virt(page_to_phys(pages[i])), 0x3c, PAGE_SIZE);
	}
	pgaccel_set_prezero(true);
	for (unsigned int i = 0; i < ARRAY_SIZE(pages); i++)
		__free_pages(pages[i], 0);
	pgaccel_prezero_wait();
	n = pgaccel_prezero_count(true);
	ST_ASSERT(n >= 2);
	hits0 = pgaccel_prezero_hits();
	z = alloc_pages(GFP_KERNEL | __GFP_ZERO, 0);
	ST_ASSERT(z != NULL);
	zone = page_zone(z);
	listed = (int)mm_pcp_zeroed_count(&zone->pcp[smp_processor_id()]);
	ST_ASSERT_EQ(listed, (int)min(n, (unsigned long)MM_ZEROED_BATCH) - 1);
	ST_ASSERT_EQ(pgaccel_prezero_count(true), n - (unsigned long)listed - 1);
	z2 = alloc_pages(GFP_KERNEL | __GFP_ZERO, 0);	/* from the list */
	ST_ASSERT(z2 != NULL);
	ST_ASSERT_EQ((int)mm_pcp_zeroed_count(&zone->pcp[smp_processor_id()]), listed - 1);
	ST_ASSERT_EQ(pgaccel_prezero_hits() - hits0, 2);
	check_page_zero(z);
	check_page_zero(z2);
	if (listed > 1) {
		s = list_first_entry(&zone->pcp[smp_processor_id()].zeroed, struct page, lru);
		bad = mm_bad_page_count;
		__free_pages(s, 0);	/* nobody's: a double free */
		ST_ASSERT_EQ(mm_bad_page_count, bad + 1);
		ST_ASSERT_EQ((int)mm_pcp_zeroed_count(&zone->pcp[smp_processor_id()]), listed - 1);
	}
	/* The release with pages listed: the lists are empty after it, every page in the buddy
	 * lists (the two allocated ones freed, the per-CPU lists drained). */
	pgaccel_prezero_release();
	ST_ASSERT_EQ(zeroed_listed(zone), 0);
	pgaccel_set_prezero(false);
	__free_pages(z, 0);
	__free_pages(z2, 0);
	drain_all_pages(NULL);
	ST_ASSERT_EQ(global_free_pages(), free0);
	if (mm_verify(err, sizeof(err)))
		ST_FAIL("%s", err);
	pgaccel_set_prezero(prezero);
	return 0;
}

/* Completion by interrupt: DONE and REJECTED reach the handler through PLIC source 11. */
static volatile unsigned int accel_irqs, accel_rejected, accel_ncomp;
static u64 accel_comp[8];

static void accel_irq_handler(unsigned int irq, void *arg)
{
	u64 c;

	(void)irq;
	(void)arg;
	accel_irqs++;
	if (pgaccel_readq(PGACCEL_REG_STATUS) & PGACCEL_ST_REJECTED) {
		pgaccel_writeq(PGACCEL_REG_STATUS, PGACCEL_ST_REJECTED);
		accel_rejected++;
	}
	/* Popping every completion drops the level, so the source is quiet when completed. */
	while ((c = pgaccel_readq(PGACCEL_REG_COMP)) & PGACCEL_COMP_VALID)
		if (accel_ncomp < ARRAY_SIZE(accel_comp))
			accel_comp[accel_ncomp++] = c;
}

static void accel_post_zero(phys_addr_t pa, u64 len, unsigned int tag)
{
	pgaccel_writeq(PGACCEL_REG_CMD_ADDR, pa);
	pgaccel_writeq(PGACCEL_REG_CMD_LEN, len);
	pgaccel_writeq(PGACCEL_REG_CMD_POST, PGACCEL_POST(PGACCEL_OP_ZERO, 0, 0, tag));
}

static int accel_irq_cases(phys_addr_t pa, u8 *p)
{
	u64 ms = boot_info.timebase_hz / 1000;
	unsigned int q = pgaccel.qdepth;

	/* One ZERO with the DONE interrupt: the handler gets its completion, memory is zero. */
	memset(p, 0xff, PAGE_SIZE << 1);
	pgaccel_raw_prepare(pa, PAGE_SIZE << 1);
	pgaccel_writeq(PGACCEL_REG_IRQ_EN, PGACCEL_IRQ_DONE);
	mb();
	accel_post_zero(pa, PAGE_SIZE << 1, 0x21);
	ST_ASSERT_EQ(selftest_wait_irqs(&accel_ncomp, 1, 100 * ms), 1);
	mb();
	ST_ASSERT_EQ(PGACCEL_COMP_TAG(accel_comp[0]), 0x21);
	ST_ASSERT_EQ(PGACCEL_COMP_ERR(accel_comp[0]), PGACCEL_ERR_NONE);
	pgaccel_raw_finish(pa, PAGE_SIZE << 1);
	for (unsigned long i = 0; i < (PAGE_SIZE << 1); i++)
		if (p[i])
			ST_FAIL("byte %lu is 0x%02x after the interrupt", i, p[i]);
	ST_ASSERT(!(pgaccel_readq(PGACCEL_REG_STATUS) & PGACCEL_ST_DONE));
	ST_ASSERT_EQ(accel_rejected, 0);

	/* q + 1 posts with interrupts off: the last is rejected; REJECTED and then every DONE
	 * arrive as interrupts once they are let in, in posting order. */
	accel_ncomp = 0;
	pgaccel_writeq(PGACCEL_REG_IRQ_EN, PGACCEL_IRQ_DONE | PGACCEL_IRQ_REJECTED);
	for (unsigned int i = 0; i <= q; i++)
		accel_post_zero(pa, PAGE_SIZE << 1, 0x30 + i);
	ST_ASSERT_EQ(selftest_wait_irqs(&accel_ncomp, q, 100 * ms), q);
	ST_ASSERT_EQ(accel_rejected, 1);
	for (unsigned int i = 0; i < q; i++) {
		ST_ASSERT_EQ(PGACCEL_COMP_TAG(accel_comp[i]), 0x30 + i);
		ST_ASSERT_EQ(PGACCEL_COMP_ERR(accel_comp[i]), PGACCEL_ERR_NONE);
	}
	/* Nothing more comes once every completion is taken and REJECTED is cleared. */
	ST_ASSERT_EQ(selftest_wait_irqs(&accel_ncomp, q + 1, ms), q);
	ST_ASSERT(!(pgaccel_readq(PGACCEL_REG_STATUS) & (PGACCEL_ST_REJECTED | PGACCEL_ST_BUSY)));
	return 0;
}

SELFTEST(pgaccel_completion_interrupt)
{
	bool prezero = pgaccel.prezero, idle;
	unsigned long before;
	struct page *page;
	int err, r;
	u64 t0;

	if (!pgaccel.present)
		ST_SKIP("no pgaccel in the device tree");
	if (!irq_controller_present() || !pgaccel.irq)
		ST_SKIP("no PLIC, or no interrupt for pgaccel in the device tree");
	/* This test owns the engine and its completions: no background zeroing in between. */
	pgaccel_prezero_release();
	pgaccel_set_prezero(false);
	page = alloc_pages(GFP_KERNEL, 1);
	ST_ASSERT(page != NULL);
	err = request_irq(pgaccel.irq, accel_irq_handler, NULL, "pgaccel selftest");
	if (err) {
		__free_pages(page, 1);
		ST_FAIL("request_irq(%u): %d", pgaccel.irq, err);
	}
	before = irq_count(pgaccel.irq);
	accel_irqs = accel_rejected = accel_ncomp = 0;
	r = ST_CATCH(accel_irq_cases(page_to_phys(page), arch_phys_to_virt(page_to_phys(page))));
	/* Whatever happened: the driver polls again, with nothing of ours left in the engine (a bounded
	 * wait: an engine that never goes idle fails the test instead of hanging the run). */
	pgaccel_writeq(PGACCEL_REG_IRQ_EN, 0);
	free_irq(pgaccel.irq);
	t0 = get_time();
	while ((pgaccel_readq(PGACCEL_REG_STATUS) & PGACCEL_ST_BUSY) &&
	       get_time() - t0 < boot_info.timebase_hz / 10)
		;
	idle = !(pgaccel_readq(PGACCEL_REG_STATUS) & PGACCEL_ST_BUSY);
	while (pgaccel_readq(PGACCEL_REG_COMP) & PGACCEL_COMP_VALID)
		;
	pgaccel_writeq(PGACCEL_REG_STATUS, PGACCEL_ST_REJECTED);
	__free_pages(page, 1);
	pgaccel_set_prezero(prezero);
	if (r)
		return r;
	ST_ASSERT(idle);
	ST_ASSERT_EQ(irq_count(pgaccel.irq) - before, accel_irqs);
	ST_ASSERT(accel_irqs >= 2);
	return 0;
}

/* Auto mode follows the calibrated crossovers: a search of at least scan_crossover bitmap words
 * goes to the engine and a shorter one to software, and likewise zeroing around zero_crossover;
 * each gives the software path's answer. */
static int auto_scan_cases(struct zone *z)
{
	unsigned long c = pgaccel.scan_crossover, size = z->spanned_pages;
	unsigned long hw0 = pgaccel.stats.hw_scan, sw0 = pgaccel.stats.sw_scan;
	unsigned long start = size - 64 * (c - 2);	/* (size - start) / 64 + 1 = c - 1 words */

	ST_ASSERT(c >= 2 && size / 64 + 1 >= c && size > 64 * (c - 2));
	ST_ASSERT_EQ(zone_find_free_area(z, 0, 1, 0), bitmap_find_next_set_area(z->free_bitmap, size, 0, 1, 0));
	ST_ASSERT_EQ(pgaccel.stats.hw_scan - hw0, 1);
	ST_ASSERT_EQ(pgaccel.stats.sw_scan - sw0, 0);
	ST_ASSERT_EQ(zone_find_free_area(z, start, 1, 0),
		     bitmap_find_next_set_area(z->free_bitmap, size, start, 1, 0));
	ST_ASSERT_EQ(pgaccel.stats.hw_scan - hw0, 1);
	ST_ASSERT_EQ(pgaccel.stats.sw_scan - sw0, 1);
	return 0;
}

static int auto_zero_case(phys_addr_t pa, unsigned long len, bool want_hw)
{
	unsigned long hw0 = pgaccel.stats.hw_zero, sw0 = pgaccel.stats.sw_zero;
	u8 *p = arch_phys_to_virt(pa);

	memset(p, 0x3c, len + 8);
	pgaccel_zero(pa, len);
	ST_ASSERT_EQ(pgaccel.stats.hw_zero - hw0, want_hw);
	ST_ASSERT_EQ(pgaccel.stats.sw_zero - sw0, !want_hw);
	for (unsigned long i = 0; i < len + 8; i++)
		if (p[i] != (i < len ? 0 : 0x3c))
			ST_FAIL("zero of %lu bytes: byte %lu is 0x%02x", len, i, p[i]);
	return 0;
}

SELFTEST(pgaccel_auto_mode_crossovers)
{
	enum pgaccel_mode mode = pgaccel.mode;
	unsigned long zc = pgaccel.zero_crossover;
	struct page *page;
	int r;

	if (!pgaccel.present)
		ST_SKIP("no pgaccel in the device tree");
	/* The calibration puts both crossovers inside what it measured: zeroing at 512 B .. 64 KiB,
	 * a few dozen words for the search. On the 1-cycle RAM the two zeroing costs grow at 0.15
	 * and 0.13 cycles a byte, so a few dozen cycles more or less of fixed cost (a build's text
	 * layout) move that crossover by KBs: 21 K to 35 K bytes from one build to another. */
	ST_ASSERT(zc >= 16 && zc <= (PAGE_SIZE << 4));
	ST_ASSERT(pgaccel.scan_crossover >= 2 && pgaccel.scan_crossover <= 256);
	/* ... and never at or below the D$'s size (pgaccel_zero_floor()) */
	ST_ASSERT(zc > boot_info.dcache.size);
	page = alloc_pages(GFP_KERNEL, 5);	/* the crossover rounded up, and 8 bytes past it */
	ST_ASSERT(page != NULL);
	pgaccel_set_mode(PGACCEL_AUTO);
	r = ST_CATCH(auto_scan_cases(page_zone(page)));
	if (!r)	/* the largest multiple of 8 below the crossover, and the crossover rounded up */
		r = ST_CATCH(auto_zero_case(page_to_phys(page), (zc - 1) & ~7UL, false));
	if (!r)
		r = ST_CATCH(auto_zero_case(page_to_phys(page), (zc + 7) & ~7UL, true));
	pgaccel_set_mode(mode);
	__free_pages(page, 5);
	return r;
}

/* With no memory to calibrate on, the crossovers keep a page and a short bitmap with the CPU: left
 * at 0 they sent every request to the engine while the boot said "from 4 KiB". */
SELFTEST(pgaccel_calibration_defaults)
{
	unsigned long zc = pgaccel.zero_crossover, zm = pgaccel.zero_measured;
	unsigned long sc = pgaccel.scan_crossover, z, s;

	if (!pgaccel.present)
		ST_SKIP("no pgaccel in the device tree");
	pgaccel_calibration_defaults();	/* the dispatch reads zero_hw_from, which stays as it was */
	z = pgaccel.zero_crossover;
	s = pgaccel.scan_crossover;
	pgaccel.zero_crossover = zc;
	pgaccel.zero_measured = zm;
	pgaccel.scan_crossover = sc;
	ST_ASSERT(z > PAGE_SIZE && z > boot_info.dcache.size && z <= 4 * PAGE_SIZE);
	ST_ASSERT(s >= 16 && s <= 256);
	return 0;
}

/* Instructions one call retires, interrupts off (a tick's handler would be counted). */
static unsigned long instret_of_zero(void (*zero)(phys_addr_t, size_t), phys_addr_t pa, size_t len)
{
	unsigned long flags, n0, n1;

	local_irq_save(flags);
	n0 = get_instret();
	zero(pa, len);
	n1 = get_instret();
	local_irq_restore(flags);
	return n1 - n0;
}

/*
 * Every mode change reaches the dispatch (pgaccel.zero_hw_from): sw sends even a 64 KiB block
 * to the CPU, hw even 64 bytes to the engine, auto goes back to the crossover. The dispatch to
 * the CPU's path is one compare and the two counters: it took 38 cycles more than the 64-byte
 * zeroing it chose (81 against 43) when it re-read present, wedged and mode and had a frame.
 */
SELFTEST(pgaccel_zero_dispatch_modes)
{
	enum pgaccel_mode mode = pgaccel.mode;
	unsigned long zc = pgaccel.zero_crossover, n_cpu, n_auto;
	struct page *page;
	phys_addr_t pa;
	int r;

	if (!pgaccel.present || pgaccel.wedged)
		ST_SKIP("no usable pgaccel");
	page = alloc_pages(GFP_KERNEL, 5);
	ST_ASSERT(page != NULL);
	pa = page_to_phys(page);
	pgaccel_set_mode(PGACCEL_SW);
	r = ST_CATCH(auto_zero_case(pa, 64 << 10, false));
	pgaccel_set_mode(PGACCEL_HW);
	if (!r)
		r = ST_CATCH(auto_zero_case(pa, 64, true));
	pgaccel_set_mode(PGACCEL_AUTO);
	if (!r && zc < (64 << 10))
		r = ST_CATCH(auto_zero_case(pa, 64 << 10, true));
	if (!r)
		r = ST_CATCH(auto_zero_case(pa, 64, zc <= 64));
	if (!r && zc > 64) {
		n_cpu = instret_of_zero(zero_phys, pa, 64);
		n_auto = instret_of_zero(pgaccel_zero, pa, 64);
		if (n_auto > n_cpu + 12)
			r = selftest_fail("64 bytes: pgaccel_zero %lu instructions, zero_phys %lu",
					  n_auto, n_cpu);
	}
	pgaccel_set_mode(mode);
	__free_pages(page, 5);
	return r;
}
