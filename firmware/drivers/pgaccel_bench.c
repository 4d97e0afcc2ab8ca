// SPDX-License-Identifier: BSD-2-Clause
/*
 * pgaccel benchmarks (`bench` mode): zeroing 64 B .. 4 MiB and bitmap search 1 Ki .. 1 Mi bits,
 * software (memset, and cbo.zero when the DT offers Zicboz), hardware and the driver's automatic
 * choice in the same run (at 4 KiB and 1 MiB also followed by the first touch of every line),
 * and __GFP_ZERO allocation latency. Lines go to scripts/bench.py; docs/benchmarks.md explains them.
 */
#include <asm/highmem.h>
#include <asm/page.h>
#include <mm/dma-mapping.h>
#include <mm/gfp.h>
#include <mm/mm.h>
#include <pagoda/bench.h>
#include <pagoda/boot.h>
#include <pagoda/compiler.h>
#include <pagoda/printk.h>
#include <pagoda/string.h>
#include "pgaccel.h"

static void report(const char *group, const char *path, unsigned long size, const char *unit,
		   unsigned long ops, struct bench_counters a, struct bench_counters b,
		   const char *extra)
{
	char name[48], more[96];

	snprintf(name, sizeof(name), "%s-%lu", path, size);
	snprintf(more, sizeof(more), "path=%s %s=%lu%s%s", path, unit, size, extra ? " " : "",
		 extra ? extra : "");
	bench_report(group, name, ops, a, b, more);
}

/* One load per 64-byte line of [p, p + len): the first use of a zeroed block. A function of its
 * own at a fixed alignment, so that its loop's cycles do not move with unrelated code. */
static __noinline __aligned(64) void touch_lines(const u8 *p, unsigned long len)
{
	for (const u8 *end = p + len; p < end; p += 64)
		__asm__ volatile("ld t0, 0(%0)" : : "r"(p) : "t0", "memory");
}

/*
 * The zeroing paths again at 4 KiB and 1 MiB, each followed by the first touch of every line
 * inside the timed region ("PATH-touch"), with the same repetitions as the zeroing alone just
 * before it. The engine's case also invalidates the range after the command where the DT calls
 * the engine dma-noncoherent (the reads must not hit lines the cache kept from before); auto does
 * what the driver does, the DMA API's maintenance included.
 */
static void bench_zero_touch(u8 *buf, phys_addr_t pa, unsigned long size, unsigned long reps)
{
	enum pgaccel_mode saved = pgaccel.mode;
	struct bench_counters a, b;
	const char *chose;

	pgaccel_prezero_wait();
	a = bench_start();
	for (unsigned long r = 0; r < reps; r++) {
		memset(buf, 0, size);
		touch_lines(buf, size);
	}
	b = bench_end();
	report("pgaccel-zero", "sw-touch", size, "bytes", reps, a, b, NULL);

	if (boot_info.cboz_block_size) {
		a = bench_start();
		for (unsigned long r = 0; r < reps; r++) {
			zero_phys(pa, size);
			touch_lines(buf, size);
		}
		b = bench_end();
		report("pgaccel-zero", "cbo-touch", size, "bytes", reps, a, b, NULL);
	}

	/* the CPU's dirty lines written back first (untimed): no eviction over the engine's zeros */
	pgaccel_raw_prepare(pa, size);
	a = bench_start();
	for (unsigned long r = 0; r < reps; r++) {
		pgaccel_hw_fill(pa, size, 0, true);
		if (!pgaccel_dev.dma_coherent)
			pgaccel_raw_finish(pa, size);
		touch_lines(buf, size);
	}
	b = bench_end();
	report("pgaccel-zero", "hw-touch", size, "bytes", reps, a, b, NULL);

	pgaccel_set_mode(PGACCEL_AUTO);
	chose = pgaccel_would_use_hw_zero(size) ? "chose=hw" : "chose=sw";
	a = bench_start();
	for (unsigned long r = 0; r < reps; r++) {
		pgaccel_zero(pa, size);
		touch_lines(buf, size);
	}
	b = bench_end();
	pgaccel_set_mode(saved);
	report("pgaccel-zero", "auto-touch", size, "bytes", reps, a, b, chose);
}

static void bench_zero(void *buf, phys_addr_t pa)
{
	for (unsigned long size = 64; size <= (4UL << 20); size *= 4) {
		unsigned long reps = size >= (256UL << 10) ? 1 : min(32UL, (256UL << 10) / size);
		enum pgaccel_mode saved = pgaccel.mode;
		struct bench_counters a, b;
		char extra[32];

		/* the pool's background zeroing must not share memory with the measurements */
		pgaccel_prezero_wait();

		a = bench_start();
		for (unsigned long r = 0; r < reps; r++)
			memset(buf, 0, size);
		b = bench_end();
		report("pgaccel-zero", "sw", size, "bytes", reps, a, b, NULL);

		/* The CPU's other path: cbo.zero per 64-byte block (zero_phys), when offered. */
		if (boot_info.cboz_block_size) {
			a = bench_start();
			for (unsigned long r = 0; r < reps; r++)
				zero_phys(pa, size);
			b = bench_end();
			report("pgaccel-zero", "cbo", size, "bytes", reps, a, b, NULL);
		}

		a = bench_start();
		for (unsigned long r = 0; r < reps; r++)
			pgaccel_hw_fill(pa, size, 0, true);
		b = bench_end();
		report("pgaccel-zero", "hw", size, "bytes", reps, a, b, NULL);

		/* The engine as the driver uses it, without the choice: mapped through the DMA API
		 * (the cache maintenance of a dma-noncoherent engine, pieces from 32 KiB). The bare
		 * command above skips that, which is only correct when no cache holds the range. */
		a = bench_start();
		for (unsigned long r = 0; r < reps; r++)
			pgaccel_hw_fill_mapped(pa, size, 0, true);
		b = bench_end();
		report("pgaccel-zero", "hw-mapped", size, "bytes", reps, a, b, NULL);

		pgaccel_set_mode(PGACCEL_AUTO);
		snprintf(extra, sizeof(extra), "chose=%s", pgaccel_would_use_hw_zero(size) ? "hw" : "sw");
		a = bench_start();
		for (unsigned long r = 0; r < reps; r++)
			pgaccel_zero(pa, size);
		b = bench_end();
		pgaccel_set_mode(saved);
		report("pgaccel-zero", "auto", size, "bytes", reps, a, b, extra);

		if (size == 4096 || size == (1UL << 20))
			bench_zero_touch(buf, pa, size, reps);
	}
}

/* Bitmap patterns in the allocator's polarity (1 = free). */
static void fill_bitmap(unsigned long *map, unsigned long words, unsigned int pattern)
{
	u64 x = 0x2545f4914f6cdd1dULL;

	for (unsigned long w = 0; w < words; w++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		map[w] = pattern == 0 ? 0 : pattern == 1 ? ~0UL : pattern == 2 ? x : 1UL << (w % 64);
	}
}

static void bench_scan(unsigned long *map, phys_addr_t pa)
{
	static const char *const names[] = { "used", "free", "random", "sparse" };

	for (unsigned int pat = 0; pat < 4; pat++) {
		for (unsigned long bits = 1024; bits <= (1UL << 20); bits *= 4) {
			unsigned long words = bits / 64, reps = 3, sw_res = 0;
			/* 16 free pages aligned to 16, a typical contiguous request. */
			const unsigned long nr = 16, align_mask = 15;
			struct bench_counters a, b;
			char group[32], extra[48];
			u64 hw_res = 0;

			fill_bitmap(map, words, pat);
			/* the engine reads RAM, not the CPU's cache: the raw SCAN below needs the
			 * bitmap written back (outside the measurement, as pgaccel_map does it) */
			pgaccel_raw_prepare(pa, words * sizeof(*map));
			snprintf(group, sizeof(group), "pgaccel-scan-%s", names[pat]);
			a = bench_start();
			for (unsigned long r = 0; r < reps; r++)
				sw_res = bitmap_find_next_set_area(map, bits, 0, nr, align_mask);
			b = bench_end();
			snprintf(extra, sizeof(extra), "words=%lu result=%lu", words, sw_res);
			report(group, "sw", bits, "bits", reps, a, b, extra);

			a = bench_start();
			for (unsigned long r = 0; r < reps; r++)
				pgaccel_hw_scan(pa, bits, 0, nr, 4, true, &hw_res);
			b = bench_end();
			snprintf(extra, sizeof(extra), "words=%lu result=%lu", words, (unsigned long)hw_res);
			report(group, "hw", bits, "bits", reps, a, b, extra);
			if ((sw_res < bits || hw_res < bits) && sw_res != hw_res)
				printk("bench: MISMATCH scan %s %lu bits: sw %lu hw %lu\n", names[pat],
				       bits, sw_res, (unsigned long)hw_res);
		}
	}
}

/* Steady state for pre-zeroed blocks: up to `n` freed blocks of `order` captured and their
 * zeroing finished (the engine works while the CPU goes on; here the CPU only waits so that the
 * measurement below sees a filled pool). Returns how many the pool holds. */
/* Allocate up to PREZERO_MAX blocks of `order`, then free them all: into the per-CPU list, or
 * into the pre-zeroed pool while it captures. */
static void alloc_then_free(unsigned int order, unsigned long n)
{
	struct page *pages[PREZERO_MAX];

	n = min(n, (unsigned long)PREZERO_MAX);
	for (unsigned long i = 0; i < n; i++)
		pages[i] = alloc_pages(GFP_KERNEL, order);
	for (unsigned long i = 0; i < n; i++)
		if (pages[i])
			__free_pages(pages[i], order);
}

static unsigned long prefill_prezero(unsigned int order, unsigned long n)
{
	alloc_then_free(order, n);
	pgaccel_prezero_wait();
	return pgaccel_prezero_count(true);
}

/*
 * Order-0 allocations as a burst: up to PREZERO_MAX in a row, each timed, then all freed
 * (untimed). With no free between them this is the allocation alone: not the lines that the free
 * before it evicted from the small D$ (capturing a block maps it for DMA and posts a command), nor
 * the engine zeroing, next to it, the block that free captured; the alloc/free loop of
 * bench_gfp_zero() pays both. Both paths start the same way, PREZERO_MAX blocks allocated and
 * freed: into the per-CPU list (plain) or into the pool, whose zeroing is waited for (pre-zeroed).
 */
static __bench_loop void bench_gfp_zero_burst(void)
{
	static const char *const paths[] = { "nozero", "prezero" };
	bool prezero = pgaccel.prezero;

	for (unsigned int p = 0; p < 2; p++) {
		struct bench_counters a, b, z = { .cycles = 0 }, t = { .cycles = 0 };
		struct page *pages[PREZERO_MAX];
		gfp_t gfp = GFP_KERNEL | (p ? __GFP_ZERO : 0);
		unsigned long n = PREZERO_MAX, r;
		char name[32], extra[64];

		if (p && !pgaccel.present)
			continue;
		pgaccel_prezero_release();
		pgaccel_set_prezero(p);
		if (p)
			n = min(n, prefill_prezero(0, n));
		else
			alloc_then_free(0, n);
		for (r = 0; r < n; r++) {
			a = bench_start();
			pages[r] = alloc_pages(gfp, 0);
			b = bench_end();
			if (!pages[r])
				break;
			bench_accumulate(&t, (unsigned int)r, a, b);
		}
		n = r;	/* the allocations timed */
		for (r = 0; r < n; r++)
			__free_pages(pages[r], 0);
		memcpy(z.have, t.have, sizeof(z.have));
		snprintf(name, sizeof(name), "order0-%s-burst", paths[p]);
		snprintf(extra, sizeof(extra), "path=%s order=0 pattern=burst", paths[p]);
		bench_report("gfp-zero", name, n, z, t, extra);
	}
	pgaccel_prezero_release();
	pgaccel_set_prezero(prezero);
}

/* Latency of one __GFP_ZERO allocation (alloc only), per order and path, next to no zeroing. */
static __bench_loop void bench_gfp_zero(void)
{
	static const unsigned int orders[] = { 0, 3, 9 };
	static const char *const paths[] = { "nozero", "sw", "hw", "prezero" };
	enum pgaccel_mode saved = pgaccel.mode;
	bool prezero = pgaccel.prezero;

	for (unsigned int i = 0; i < ARRAY_SIZE(orders); i++) {
		for (unsigned int p = 0; p < 4; p++) {
			unsigned int order = orders[i];
			unsigned long reps = order >= 9 ? 4 : 16, r;
			gfp_t gfp = GFP_KERNEL | (p ? __GFP_ZERO : 0);
			struct bench_counters a, b, z = { .cycles = 0 }, t = { .cycles = 0 };
			char name[32], extra[48];

			if (p >= 2 && !pgaccel.present)
				continue;
			pgaccel_set_mode(p >= 2 ? PGACCEL_HW : PGACCEL_SW);
			pgaccel_prezero_release();
			pgaccel_set_prezero(p == 3);
			/* As many allocations as the pool holds blocks (its limit is 1/32 of RAM), so
			 * every measured one is a hit: steady state with the engine keeping up. */
			if (p == 3) {
				unsigned long held = prefill_prezero(order, reps);

				reps = min(reps, held);
			}
			for (r = 0; r < reps; r++) {
				struct page *page;

				a = bench_start();
				page = alloc_pages(gfp, order);
				b = bench_end();
				if (!page)
					break;
				bench_accumulate(&t, (unsigned int)r, a, b);
				__free_pages(page, order);
			}
			reps = r;	/* the allocations timed */
			memcpy(z.have, t.have, sizeof(z.have));	/* t holds sums: z is their zero */
			snprintf(name, sizeof(name), "order%u-%s", order, paths[p]);
			snprintf(extra, sizeof(extra), "path=%s order=%u", paths[p], order);
			bench_report("gfp-zero", name, reps, z, t, extra);
		}
	}
	pgaccel_set_mode(saved);
	pgaccel_set_prezero(prezero);
	bench_gfp_zero_burst();
}

/* bench_filter= names groups; the scan groups are "pgaccel-scan-PATTERN". */
static bool scan_wanted(void)
{
	return bench_wanted("pgaccel-scan-used") || bench_wanted("pgaccel-scan-free") ||
	       bench_wanted("pgaccel-scan-random") || bench_wanted("pgaccel-scan-sparse");
}

void pgaccel_bench_run(void)
{
	struct page *page;
	phys_addr_t pa;

	if (!bench_wanted("pgaccel-zero") && !scan_wanted())
		goto rest;
	page = alloc_pages(GFP_KERNEL, 10);	/* 4 MiB */
	if (!page) {
		pr_err("bench: cannot allocate 4 MiB for the pgaccel benchmarks\n");
		return;
	}
	pa = page_to_phys(page);
	if (pgaccel.present && !pgaccel.wedged) {
		if (bench_wanted("pgaccel-zero"))
			bench_zero(arch_phys_to_virt(pa), pa);
		if (scan_wanted())
			bench_scan(arch_phys_to_virt(pa), pa);
	} else {
		printk("bench: pgaccel absent, zero/scan hardware comparison skipped\n");
	}
	__free_pages(page, 10);
rest:
	if (bench_wanted("gfp-zero"))
		bench_gfp_zero();
	if (bench_wanted("dma"))
		pgaccel_dma_bench_run();
}
