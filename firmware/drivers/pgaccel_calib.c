// SPDX-License-Identifier: BSD-2-Clause
/*
 * pgaccel calibration: at probe, time software and hardware zeroing and bitmap search on this
 * platform (median of three runs at two sizes each), fit a linear cost model to each, and set the
 * crossovers from which auto mode sends a request to the engine. Measured, never assumed: the same
 * binary runs on the SoC simulator and on an FPGA at other memory speeds.
 */
#include <asm/highmem.h>
#include <asm/page.h>
#include <asm/timex.h>
#include <mm/gfp.h>
#include <mm/mm.h>
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
		dma_addr_t d = pgaccel_map(pa, len, DMA_FROM_DEVICE);

		if (dma_mapping_error(&pgaccel_dev, d) || pgaccel_hw_fill(d, len, 0, true))
			*ok = false;
		if (!dma_mapping_error(&pgaccel_dev, d))
			pgaccel_unmap(d, len, DMA_FROM_DEVICE);
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

/* Two-point fit: cost at n1 and n2 gives the fixed part and the slope. */
static void fit(struct pgaccel_cost *c, unsigned long n1, unsigned long c1, unsigned long n2,
		unsigned long c2)
{
	unsigned long slope = c2 > c1 ? (c2 - c1) * 1024 / (n2 - n1) : 0;
	unsigned long at_n1 = slope * n1 / 1024;

	c->per_unit_x1024 = slope;
	c->fixed = c1 > at_n1 ? c1 - at_n1 : 0;
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

#define CAL_ORDER 3	/* 32 KiB buffer */
#define CAL_ZERO_SMALL 512
#define CAL_ZERO_LARGE (PAGE_SIZE << CAL_ORDER)
#define CAL_SCAN_SMALL 16	/* words */
#define CAL_SCAN_LARGE 2048	/* 16 KiB of bitmap: more than the data cache holds */

int pgaccel_calibrate(void)
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
	fit(&pgaccel.zero_sw, CAL_ZERO_SMALL, pgaccel_time_sw_zero(pa, CAL_ZERO_SMALL), CAL_ZERO_LARGE,
	    pgaccel_time_sw_zero(pa, CAL_ZERO_LARGE));
	fit(&pgaccel.zero_hw, CAL_ZERO_SMALL, pgaccel_time_hw_zero(pa, CAL_ZERO_SMALL, &ok), CAL_ZERO_LARGE,
	    pgaccel_time_hw_zero(pa, CAL_ZERO_LARGE, &ok));
	/* An all-used bitmap (free bits are 1): both searches read every word and find nothing. */
	memset(buf, 0, CAL_SCAN_LARGE * 8);
	fit(&pgaccel.scan_sw, CAL_SCAN_SMALL, pgaccel_time_sw_scan(buf, CAL_SCAN_SMALL), CAL_SCAN_LARGE,
	    pgaccel_time_sw_scan(buf, CAL_SCAN_LARGE));
	fit(&pgaccel.scan_hw, CAL_SCAN_SMALL, pgaccel_time_hw_scan(pa, CAL_SCAN_SMALL, &ok), CAL_SCAN_LARGE,
	    pgaccel_time_hw_scan(pa, CAL_SCAN_LARGE, &ok));
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
