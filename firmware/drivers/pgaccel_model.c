// SPDX-License-Identifier: BSD-2-Clause
/* pgaccel's cost models and crossovers (pgaccel_model.h); the timing is pgaccel_calib.c's. */
#include "pgaccel_model.h"

void pgaccel_fit(struct pgaccel_cost *c, unsigned long n1, unsigned long c1, unsigned long n2,
		 unsigned long c2)
{
	unsigned long slope = c2 > c1 ? (c2 - c1) * 1024 / (n2 - n1) : 0;
	unsigned long at_n1 = slope * n1 / 1024;

	c->per_unit_x1024 = slope;
	c->fixed = c1 > at_n1 ? c1 - at_n1 : 0;
}

unsigned long pgaccel_crossover(const struct pgaccel_cost *sw, const struct pgaccel_cost *hw)
{
	if (hw->fixed <= sw->fixed && hw->per_unit_x1024 <= sw->per_unit_x1024)
		return 0;
	if (hw->per_unit_x1024 >= sw->per_unit_x1024)
		return ~0UL;
	return (hw->fixed - sw->fixed) * 1024 / (sw->per_unit_x1024 - hw->per_unit_x1024) + 1;
}

/*
 * The smallest length from which the engine is cheaper at every measured size: between the last
 * size where software is not dearer and the next, where the lines through the two measurements
 * of each path cross. Hardware cheaper everywhere: from the first two sizes' lines (below the
 * first size, or 0); software everywhere: from the last two sizes' lines, which may say never
 * (~0). A cost that is not one line (a cache: blocks it holds are cheap for the CPU to re-zero)
 * is followed where it matters, not averaged over the whole range.
 */
unsigned long pgaccel_zero_crossover(unsigned long first, unsigned int nr, const unsigned long *sw,
				     const unsigned long *hw)
{
	struct pgaccel_cost s, h;
	unsigned int k = nr;
	unsigned long n1, n2, lose, win;

	while (k > 0 && hw[k - 1] < sw[k - 1])
		k--;
	if (k == 0 || k == nr) {
		unsigned int i = k ? nr - 2 : 0;

		pgaccel_fit(&s, first << i, sw[i], first << (i + 1), sw[i + 1]);
		pgaccel_fit(&h, first << i, hw[i], first << (i + 1), hw[i + 1]);
		return pgaccel_crossover(&s, &h);
	}
	n1 = first << (k - 1);
	n2 = first << k;
	lose = hw[k - 1] - sw[k - 1];	/* >= 0: software not dearer at n1 */
	win = sw[k] - hw[k];		/* > 0: hardware cheaper at n2 */
	return n1 + (n2 - n1) * lose / (lose + win) + 1;
}

/*
 * A block the D$ holds stays with the CPU whatever the measured zeroing costs say: cbo.zero leaves
 * it in the cache, where the first use of a zeroed page hits, and the engine leaves it in DRAM
 * behind an invalidate (bench, LiteDRAM: a 4 KiB block zeroed then touched, 1,399 cycles by the
 * CPU, 2,942 by the engine). The zeroing alone is a near tie there (1,045 / 1,110), which the
 * calibration put on either side of 4 KiB from one boot to the next.
 */
unsigned long pgaccel_zero_floor(unsigned long measured, unsigned long cpu_keeps)
{
	return cpu_keeps && measured <= cpu_keeps ? cpu_keeps + 1 : measured;
}
