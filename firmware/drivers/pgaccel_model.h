// SPDX-License-Identifier: BSD-2-Clause
/* pgaccel's cost models and crossovers: arithmetic on measured cycles, nothing else, so that the
 * host tests check it (tests/host/test_pgaccel_model.c). */
#ifndef DRIVERS_PGACCEL_MODEL_H
#define DRIVERS_PGACCEL_MODEL_H

/* Linear cost model, cycles = fixed + per_unit * n / 1024 (per_unit in 1/1024 cycle). */
struct pgaccel_cost {
	unsigned long fixed;
	unsigned long per_unit_x1024;
};

/* The line through (n1, c1) and (n2, c2), n1 < n2; a falling cost counts as flat. */
void pgaccel_fit(struct pgaccel_cost *c, unsigned long n1, unsigned long c1, unsigned long n2,
		 unsigned long c2);
/* Smallest n for which the hardware model is cheaper; ~0 when it never is. */
unsigned long pgaccel_crossover(const struct pgaccel_cost *sw, const struct pgaccel_cost *hw);
/* The length from which hardware is used, from costs measured at first, 2 x first, ...
 * (nr >= 2 sizes): sw[i] and hw[i] are the cycles at first << i. */
unsigned long pgaccel_zero_crossover(unsigned long first, unsigned int nr, const unsigned long *sw,
				     const unsigned long *hw);
/* The crossover the driver uses: `measured`, but above `cpu_keeps` bytes (the D$'s size, 0 for
 * none), the blocks whose zeroing by the CPU leaves them in the cache for their first use. */
unsigned long pgaccel_zero_floor(unsigned long measured, unsigned long cpu_keeps);

#endif
