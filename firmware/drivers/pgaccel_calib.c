// SPDX-License-Identifier: BSD-2-Clause
/*
 * pgaccel calibration: at probe, time software and hardware zeroing and bitmap search on this
 * platform (median of three runs each), fit a linear cost model to each, and set the crossovers
 * from which auto mode sends a request to the engine. Measured, never assumed: the same binary
 * runs on the SoC simulator and on an FPGA at other memory speeds.
 *
 * Zeroing is timed at every power of two from CAL_ZERO_SMALL to CAL_ZERO_LARGE and its crossover
 * is where the measured costs cross: with a data cache the cost is not one line (a block the
 * 4 KiB D$ holds is re-zeroed at ~0.45 cycles a byte, a larger one pays its write-backs at ~0.72,
 * the engine's DMA maintenance is per line), and a fit through 512 B and 32 KiB put the crossover
 * anywhere from 3,000 to 4,600 bytes from one boot to the next: the 4 KiB page went to either
 * path by chance. Search keeps the two-point fit (its costs are linear: the bitmap is read once).
 */
#include <asm/highmem.h>
#include <asm/page.h>
#include <asm/timex.h>
#include <mm/gfp.h>
#include <mm/mm.h>
#include <pagoda/boot.h>
#include <pagoda/printk.h>
#include <pagoda/string.h>
#include "pgaccel_internal.h"

#define CAL_REPS 3

static unsigned long median3(unsigned long a, unsigned long b, unsigned long c)
{
	if (a > b) { unsigned long t = a; a = b; b = t; }
	if (b > c) { unsigned long t = b; b = c; c = t; }
	return a > b ? a : b;
}

/* The software path as pgaccel_zero() runs it: cbo.zero for whole blocks when Zicboz is there. */
unsigned long pgaccel_time_sw_zero(phys_addr_t pa, unsigned long len)
{
	unsigned long s[CAL_REPS];

	for (int i = 0; i < CAL_REPS; i++) {
		unsigned long t0 = get_cycles();

		zero_phys(pa, len);
		s[i] = get_cycles() - t0;
	}
	return median3(s[0], s[1], s[2]);
}

/* The hardware paths are timed as the driver runs them: mapped for the engine through the DMA
 * API and unmapped after, so that the crossovers include what the API costs. */
unsigned long pgaccel_time_hw_zero(phys_addr_t pa, unsigned long len, bool *ok)
{
	unsigned long s[CAL_REPS];

	for (int i = 0; i < CAL_REPS; i++) {
		unsigned long t0 = get_cycles();

		if (pgaccel_hw_fill_mapped(pa, len, 0, true))
			*ok = false;
		s[i] = get_cycles() - t0;
	}
	return median3(s[0], s[1], s[2]);
}

unsigned long pgaccel_time_sw_scan(const unsigned long *map, unsigned long words)
{
	unsigned long s[CAL_REPS];

	for (int i = 0; i < CAL_REPS; i++) {
		unsigned long t0 = get_cycles();

		bitmap_find_next_set_area(map, words * 64, 0, 1, 0);
		s[i] = get_cycles() - t0;
	}
	return median3(s[0], s[1], s[2]);
}

unsigned long pgaccel_time_hw_scan(phys_addr_t pa, unsigned long words, bool *ok)
{
	unsigned long s[CAL_REPS];
	u64 res;

	for (int i = 0; i < CAL_REPS; i++) {
		unsigned long t0 = get_cycles();
		dma_addr_t d = pgaccel_map(pa, words * 8, DMA_TO_DEVICE);

		if (dma_mapping_error(&pgaccel_dev, d) ||
		    pgaccel_hw_scan(d, words * 64, 0, 1, 0, true, &res) || res != words * 64)
			*ok = false;
		if (!dma_mapping_error(&pgaccel_dev, d))
			pgaccel_unmap(d, words * 8, DMA_TO_DEVICE);
		s[i] = get_cycles() - t0;
	}
	return median3(s[0], s[1], s[2]);
}

#define CAL_ORDER 4	/* 64 KiB buffer */
#define CAL_ZERO_SMALL 512
#define CAL_ZERO_LARGE (PAGE_SIZE << CAL_ORDER)
#define CAL_ZERO_SIZES 8	/* 512 B .. 64 KiB */
_Static_assert(CAL_ZERO_SMALL << (CAL_ZERO_SIZES - 1) == CAL_ZERO_LARGE, "sizes end at the buffer");
#define CAL_SCAN_SMALL 16	/* words */
#define CAL_SCAN_LARGE 2048	/* 16 KiB of bitmap: more than the data cache holds */

/*
 * Without a buffer to time on (no memory at probe): crossovers that keep a page and short bitmaps
 * with the CPU and give the engine larger blocks and searches (the measured crossovers: 4.0-6.2
 * KB and 68-125 words on LiteDRAM, 21 KB and 68 words on the 1-cycle RAM). Left at 0 they sent
 * every request to the engine.
 */
#define UNCAL_ZERO_FROM (PAGE_SIZE + 1)
#define UNCAL_SCAN_FROM 128	/* bitmap words */

void pgaccel_calibration_defaults(void)
{
	pgaccel.zero_measured = UNCAL_ZERO_FROM;
	pgaccel.zero_crossover = pgaccel_zero_floor(UNCAL_ZERO_FROM, boot_info.dcache.size);
	pgaccel.scan_crossover = UNCAL_SCAN_FROM;
}

int pgaccel_calibrate(void)
{
	unsigned long zero_sw[CAL_ZERO_SIZES], zero_hw[CAL_ZERO_SIZES];
	struct page *page = alloc_pages(GFP_KERNEL, CAL_ORDER);
	phys_addr_t pa;
	void *buf;
	bool ok = true;

	if (!page) {
		pgaccel_calibration_defaults();
		pr_err("pgaccel: no memory to calibrate; hardware zeroing from %lu bytes, search from %lu "
		       "words (not measured)\n", pgaccel.zero_crossover, pgaccel.scan_crossover);
		return -1;
	}
	pa = page_to_phys(page);
	buf = arch_phys_to_virt(pa);
	for (int i = 0; i < CAL_ZERO_SIZES; i++) {
		zero_sw[i] = pgaccel_time_sw_zero(pa, CAL_ZERO_SMALL << i);
		zero_hw[i] = pgaccel_time_hw_zero(pa, CAL_ZERO_SMALL << i, &ok);
	}
	/* The models (shell): the end points' line, as before. */
	pgaccel_fit(&pgaccel.zero_sw, CAL_ZERO_SMALL, zero_sw[0], CAL_ZERO_LARGE, zero_sw[CAL_ZERO_SIZES - 1]);
	pgaccel_fit(&pgaccel.zero_hw, CAL_ZERO_SMALL, zero_hw[0], CAL_ZERO_LARGE, zero_hw[CAL_ZERO_SIZES - 1]);
	/* An all-used bitmap (free bits are 1): both searches read every word and find nothing. */
	memset(buf, 0, CAL_SCAN_LARGE * 8);
	pgaccel_fit(&pgaccel.scan_sw, CAL_SCAN_SMALL, pgaccel_time_sw_scan(buf, CAL_SCAN_SMALL), CAL_SCAN_LARGE,
	    pgaccel_time_sw_scan(buf, CAL_SCAN_LARGE));
	pgaccel_fit(&pgaccel.scan_hw, CAL_SCAN_SMALL, pgaccel_time_hw_scan(pa, CAL_SCAN_SMALL, &ok), CAL_SCAN_LARGE,
	    pgaccel_time_hw_scan(pa, CAL_SCAN_LARGE, &ok));
	__free_pages(page, CAL_ORDER);
	if (!ok) {
		pr_err("pgaccel: calibration commands failed; hardware path off\n");
		pgaccel.wedged = true;
		return -1;
	}
	pgaccel.zero_measured = pgaccel_zero_crossover(CAL_ZERO_SMALL, CAL_ZERO_SIZES, zero_sw, zero_hw);
	pgaccel.zero_crossover = pgaccel_zero_floor(pgaccel.zero_measured, boot_info.dcache.size);
	pgaccel.scan_crossover = pgaccel_crossover(&pgaccel.scan_sw, &pgaccel.scan_hw);
	return 0;
}
