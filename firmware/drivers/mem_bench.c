// SPDX-License-Identifier: BSD-2-Clause
/*
 * Memory benchmarks (`bench` mode, group `mem`): what the memory system gives the core and
 * pgaccel, the figures every other table is read against (docs/benchmarks.md "Memory").
 *   - chase-2k, chase-1m: dependent loads over a random cyclic permutation of 64-byte lines
 *     (one load per line), in 2 KiB (inside the 4 KiB D$) and in 1 MiB (far larger): latency;
 *   - read-1m, write-1m: the core streaming 8-byte ld / sd over 1 MiB; write-cbo-1m: cbo.zero per
 *     block over 1 MiB when the DT offers Zicboz (zero_phys, the firmware's clear_page path);
 *   - engine-zero-1m: pgaccel's ZERO of 1 MiB; engine-scan-1m: its SCAN of a 1 MiB bitmap with
 *     nothing free (every word read, no answer);
 *   - together-read-1m and together-zero-1m: the core's stream read of 1 MiB while the engine
 *     zeroes another 1 MiB, each one's figure.
 * Every range starts out of the data cache (flushed outside the timed region). Core cases are
 * timed by the core's counters; engine cases also report the engine's own busy cycles (CNT_BUSY:
 * from the command reaching the engine to its completion) as busy=. Without pgaccel (QEMU) the
 * engine cases are skipped, and said so.
 */
#include <asm/cacheflush.h>
#include <asm/highmem.h>
#include <asm/page.h>
#include <mm/gfp.h>
#include <mm/mm.h>
#include <pagoda/bench.h>
#include <pagoda/boot.h>
#include <pagoda/compiler.h>
#include <pagoda/printk.h>
#include <pagoda/spinlock.h>
#include <pagoda/string.h>
#include "pgaccel.h"
#include "pgaccel_regs.h"

#define MEM_LINE	64
#define MEM_BIG		(1UL << 20)	/* far larger than the 4 KiB D$ */
#define MEM_SMALL	2048UL		/* half the D$: stays in it */
#define MEM_ORDER	10		/* one 4 MiB block: three 1 MiB regions */
#define SMALL_ROUNDS	256		/* passes over the small cycle: 8,192 loads */
/*
 * The measured loops are functions of their own at a fixed alignment: inlined, a loop's place
 * in the fetch lanes moved with unrelated code, and with it the cycles of the same instructions
 * (16,384 cycles over a 1 MiB stream on the 1-cycle RAM: one a line).
 */
#define MEM_LOOP	static __noinline __aligned(64)

static volatile unsigned long mem_sink;

static void mem_report(const char *name, unsigned long ops, unsigned long bytes, const char *by,
		       struct bench_counters a, struct bench_counters b, const char *more)
{
	char extra[96];

	snprintf(extra, sizeof(extra), "bytes=%lu by=%s%s%s", bytes, by, more ? " " : "",
		 more ? more : "");
	bench_report("mem", name, ops, a, b, extra);
}

/*
 * Lines [0, lines) of buf linked into one cycle in a random order (Sattolo's shuffle: every
 * permutation it makes is a single cycle): word 0 of each line holds the address of the next.
 */
static void chase_build(u8 *buf, unsigned long lines)
{
	u64 x = 0x9e3779b97f4a7c15ULL;

	for (unsigned long i = 0; i < lines; i++)
		*(unsigned long *)(buf + i * MEM_LINE) = i;
	for (unsigned long i = lines - 1; i > 0; i--) {
		unsigned long *a = (unsigned long *)(buf + i * MEM_LINE), *b, t;

		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		b = (unsigned long *)(buf + (x % i) * MEM_LINE);
		t = *a;
		*a = *b;
		*b = t;
	}
	for (unsigned long i = 0; i < lines; i++) {
		unsigned long *w = (unsigned long *)(buf + i * MEM_LINE);

		*w = (unsigned long)(buf + *w * MEM_LINE);
	}
}

/* n dependent loads from p (n a multiple of 4); returns where they ended. */
MEM_LOOP void *chase(void *p, unsigned long n)
{
	for (; n; n -= 4) {
		p = *(void **)p;
		p = *(void **)p;
		p = *(void **)p;
		p = *(void **)p;
	}
	return p;
}

/* Whether the lines form one cycle through all of them (the first walk, untimed). */
static bool chase_check(u8 *buf, unsigned long lines)
{
	void *p = buf;

	for (unsigned long i = 1; i < lines; i++) {
		p = *(void **)p;
		if (p == buf)
			return false;
	}
	return *(void **)p == buf;
}

static void bench_chase(const char *name, u8 *buf, phys_addr_t pa, unsigned long bytes,
			unsigned long rounds)
{
	unsigned long lines = bytes / MEM_LINE, n = lines * rounds;
	struct bench_counters a, b;
	char more[32];
	void *end;

	chase_build(buf, lines);
	if (!chase_check(buf, lines)) {
		bench_fail("mem", name, "the %lu lines are not one cycle", lines);
		return;
	}
	/* The small buffer is measured warm (it was just walked), the big one cold. */
	if (bytes > MEM_SMALL)
		arch_dma_cache_flush(pa, bytes);
	a = bench_start();
	end = chase(buf, n);
	b = bench_end();
	mem_sink = (unsigned long)end;
	if (end != buf) {
		bench_fail("mem", name, "%lu loads did not come back to the start", n);
		return;
	}
	snprintf(more, sizeof(more), "unit=load lines=%lu", lines);
	mem_report(name, n, bytes, "core", a, b, more);
}

/* 8-byte loads over [p, p + len), len a multiple of 64: eight a line, the values unused. */
MEM_LOOP void read_stream(const u8 *p, unsigned long len)
{
	for (const u8 *end = p + len; p < end; p += MEM_LINE)
		__asm__ volatile("ld t0, 0(%0)\n\tld t1, 8(%0)\n\tld t0, 16(%0)\n\tld t1, 24(%0)\n\t"
				 "ld t0, 32(%0)\n\tld t1, 40(%0)\n\tld t0, 48(%0)\n\tld t1, 56(%0)"
				 : : "r"(p) : "t0", "t1", "memory");
}

/* 8-byte stores of zero over [p, p + len), len a multiple of 64. */
MEM_LOOP void write_stream(u8 *p, unsigned long len)
{
	for (u8 *end = p + len; p < end; p += MEM_LINE)
		__asm__ volatile("sd zero, 0(%0)\n\tsd zero, 8(%0)\n\tsd zero, 16(%0)\n\t"
				 "sd zero, 24(%0)\n\tsd zero, 32(%0)\n\tsd zero, 40(%0)\n\t"
				 "sd zero, 48(%0)\n\tsd zero, 56(%0)" : : "r"(p) : "memory");
}

static void bench_streams(u8 *buf, phys_addr_t pa)
{
	struct bench_counters a, b;

	arch_dma_cache_flush(pa, MEM_BIG);
	a = bench_start();
	read_stream(buf, MEM_BIG);
	b = bench_end();
	mem_report("read-1m", 1, MEM_BIG, "core", a, b, "unit=8B-load");

	arch_dma_cache_flush(pa, MEM_BIG);
	a = bench_start();
	write_stream(buf, MEM_BIG);
	b = bench_end();
	mem_report("write-1m", 1, MEM_BIG, "core", a, b, "unit=8B-store");

	if (!boot_info.cboz_block_size) {
		printk("bench mem: no Zicboz in the device tree, write-cbo-1m skipped\n");
		return;
	}
	arch_dma_cache_flush(pa, MEM_BIG);
	a = bench_start();
	zero_phys(pa, MEM_BIG);
	b = bench_end();
	mem_report("write-cbo-1m", 1, MEM_BIG, "core", a, b, "unit=cbo.zero");
}

static unsigned long engine_busy(void)
{
	return pgaccel_readq(PGACCEL_REG_CNT_BUSY);
}

struct together {
	const u8 *buf;
	struct bench_counters a, b;
};

static void together_read(void *arg)
{
	struct together *t = arg;

	t->a = bench_start();
	read_stream(t->buf, MEM_BIG);
	t->b = bench_end();
}

/* Cycles-only counters for a figure the core did not time (the engine's busy cycles). */
static void engine_counters(unsigned long cycles, struct bench_counters *a,
			    struct bench_counters *b)
{
	*a = (struct bench_counters){ .cycles = 0 };
	*b = (struct bench_counters){ .cycles = cycles };
}

static void bench_engine(u8 *buf, phys_addr_t pa)
{
	phys_addr_t zpa = pa + MEM_BIG, mpa = pa + 2 * MEM_BIG;
	unsigned long *map = (unsigned long *)(buf + 2 * MEM_BIG), bits = MEM_BIG * 8, busy;
	struct bench_counters a, b;
	struct together t = { .buf = buf };
	char more[48];
	u64 found = 0;
	int r;

	if (!pgaccel.present || pgaccel.wedged) {
		printk("bench mem: pgaccel absent, engine cases skipped\n");
		return;
	}
	if (!pgaccel_dma_ok(pa, 3 * MEM_BIG)) {
		printk("bench mem: the buffer is outside pgaccel's DMA window, engine cases skipped\n");
		return;
	}

	/* ZERO of 1 MiB: the core's cycles from the post to the completion, and the engine's. */
	pgaccel_raw_prepare(zpa, MEM_BIG);
	busy = engine_busy();
	a = bench_start();
	r = pgaccel_hw_fill(zpa, MEM_BIG, 0, true);
	b = bench_end();
	busy = engine_busy() - busy;
	pgaccel_raw_finish(zpa, MEM_BIG);
	if (r) {
		bench_fail("mem", "engine-zero-1m", "the ZERO command failed (%d)", r);
	} else {
		snprintf(more, sizeof(more), "unit=command busy=%lu", busy);
		mem_report("engine-zero-1m", 1, MEM_BIG, "engine", a, b, more);
	}

	/* SCAN of a 1 MiB bitmap with no free bit (1 = free): every word read, nothing found. */
	memset(map, 0, MEM_BIG);
	pgaccel_raw_prepare(mpa, MEM_BIG);
	busy = engine_busy();
	a = bench_start();
	r = pgaccel_hw_scan(mpa, bits, 0, 16, 4, true, &found);
	b = bench_end();
	busy = engine_busy() - busy;
	if (r || found != bits) {
		bench_fail("mem", "engine-scan-1m", "SCAN returned %d, found %lu (expected none, %lu)",
			   r, (unsigned long)found, bits);
	} else {
		snprintf(more, sizeof(more), "unit=command busy=%lu", busy);
		mem_report("engine-scan-1m", 1, MEM_BIG, "engine", a, b, more);
	}

	/* Together: the core reads the first 1 MiB while the engine zeroes the second. */
	arch_dma_cache_flush(pa, MEM_BIG);
	pgaccel_raw_prepare(zpa, MEM_BIG);
	busy = engine_busy();
	r = pgaccel_hw_zero_during(zpa, MEM_BIG, together_read, &t);
	busy = engine_busy() - busy;
	pgaccel_raw_finish(zpa, MEM_BIG);
	if (r) {
		bench_fail("mem", "together-read-1m", "the ZERO command failed (%d)", r);
		return;
	}
	snprintf(more, sizeof(more), "unit=8B-load engine_busy=%lu", busy);
	mem_report("together-read-1m", 1, MEM_BIG, "core", t.a, t.b, more);
	engine_counters(busy, &a, &b);
	snprintf(more, sizeof(more), "unit=command busy=%lu core_cycles=%lu", busy,
		 t.b.cycles - t.a.cycles);
	mem_report("together-zero-1m", 1, MEM_BIG, "engine", a, b, more);
}

void mem_bench_run(void)
{
	unsigned long flags;
	struct page *page;
	phys_addr_t pa;
	u8 *buf;

	page = alloc_pages(GFP_KERNEL, MEM_ORDER);
	if (!page) {
		bench_fail("mem", "all", "cannot allocate %lu KiB", (PAGE_SIZE << MEM_ORDER) >> 10);
		return;
	}
	pa = page_to_phys(page);
	buf = arch_phys_to_virt(pa);
	/* No interrupts in the measured loops: a timer tick would land in one case's numbers; no
	 * background zeroing by the engine (pgaccel's pool of pre-zeroed pages) either. */
	pgaccel_prezero_wait();
	local_irq_save(flags);
	bench_chase("chase-2k", buf, pa, MEM_SMALL, SMALL_ROUNDS);
	bench_chase("chase-1m", buf, pa, MEM_BIG, 1);
	bench_streams(buf, pa);
	bench_engine(buf, pa);
	local_irq_restore(flags);
	__free_pages(page, MEM_ORDER);
}
