// SPDX-License-Identifier: BSD-2-Clause
/*
 * pgaccel's crossovers from measured costs (firmware/drivers/pgaccel_model.c) on made-up cost
 * tables: linear costs give the analytic crossing; a cached CPU path (cheap while the block fits
 * the D$) and the engine's per-line maintenance give a crossover at which every measured size
 * goes to its cheaper path, where the end-point fit it replaced sent 4 KiB to the dearer one;
 * software or hardware cheaper everywhere; a size where the engine wins between two where it
 * loses does not pull the crossover below the loss; a block the D$ holds stays with the CPU.
 */
#include "test_common.h"
#include <stdbool.h>
#include "../../firmware/drivers/pgaccel_model.h"

#define FIRST 512UL
#define NR 8	/* 512 B .. 64 KiB, as the calibration */

/* At every measured size the crossover sends the request to the path with the lower cost. */
static void check_choices(const unsigned long *sw, const unsigned long *hw, unsigned long x)
{
	for (unsigned int i = 0; i < NR; i++) {
		bool hw_chosen = (FIRST << i) >= x;

		if (hw[i] != sw[i])
			assert_int_equal(hw_chosen, hw[i] < sw[i]);
	}
}

static void test_linear(void **state)
{
	unsigned long sw[NR], hw[NR], x;

	(void)state;
	/* sw = n, hw = 3000 + n / 2: they cross at 6000 */
	for (unsigned int i = 0; i < NR; i++) {
		sw[i] = FIRST << i;
		hw[i] = 3000 + (FIRST << i) / 2;
	}
	x = pgaccel_zero_crossover(FIRST, NR, sw, hw);
	assert_true(x >= 6000 && x <= 6001);
	check_choices(sw, hw, x);
}

/* LiteDRAM-like: software 0.45 cycles/byte up to the 4 KiB D$, 0.72 above; the engine
 * 600 + 0.56 cycles/byte with its maintenance. */
static void test_cached_knee(void **state)
{
	unsigned long sw[NR], hw[NR], x;
	struct pgaccel_cost s, h;

	(void)state;
	for (unsigned int i = 0; i < NR; i++) {
		unsigned long n = FIRST << i;

		sw[i] = n <= 4096 ? n * 45 / 100 : 4096 * 45 / 100 + (n - 4096) * 72 / 100 + 400;
		hw[i] = 600 + n * 56 / 100;
	}
	x = pgaccel_zero_crossover(FIRST, NR, sw, hw);
	assert_true(x > 4096 && x <= 8192);
	check_choices(sw, hw, x);
	/* The end-point line that this replaces sends 4 KiB to the engine, the dearer path. */
	pgaccel_fit(&s, FIRST, sw[0], FIRST << (NR - 1), sw[NR - 1]);
	pgaccel_fit(&h, FIRST, hw[0], FIRST << (NR - 1), hw[NR - 1]);
	assert_true(pgaccel_crossover(&s, &h) <= 4096 && hw[3] > sw[3]);
}

static void test_one_side(void **state)
{
	unsigned long sw[NR], hw[NR];

	(void)state;
	/* the engine dearer everywhere, and its slope too: never */
	for (unsigned int i = 0; i < NR; i++) {
		sw[i] = FIRST << i;
		hw[i] = 100 + 2 * (FIRST << i);
	}
	assert_int_equal(pgaccel_zero_crossover(FIRST, NR, sw, hw), ~0UL);
	/* dearer everywhere measured but flatter: beyond the last size */
	for (unsigned int i = 0; i < NR; i++)
		hw[i] = 200000 + (FIRST << i) / 2;
	assert_true(pgaccel_zero_crossover(FIRST, NR, sw, hw) > (FIRST << (NR - 1)));
	/* cheaper everywhere: at most the first size */
	for (unsigned int i = 0; i < NR; i++)
		hw[i] = (FIRST << i) / 2;
	assert_true(pgaccel_zero_crossover(FIRST, NR, sw, hw) <= FIRST);
}

static void test_not_monotone(void **state)
{
	/* the engine wins at 1 KiB (noise), loses at 2 and 4 KiB, wins from 8 KiB */
	const unsigned long sw[NR] = { 300, 600, 1200, 2400, 6000, 12000, 24000, 48000 };
	const unsigned long hw[NR] = { 900, 500, 1500, 2600, 5000, 9000, 17000, 33000 };
	unsigned long x;

	(void)state;
	x = pgaccel_zero_crossover(FIRST, NR, sw, hw);
	assert_true(x > 4096 && x <= 8192);
	/* interpolated: 4096 + 4096 * 200 / (200 + 1000) */
	assert_int_equal(x, 4096 + 4096 * 200 / 1200 + 1);
}

/* The floor: a measured crossover at or below the D$'s size moves just above it, a larger one and
 * "never" stay, and without a D$ nothing moves. */
static void test_floor(void **state)
{
	(void)state;
	assert_int_equal(pgaccel_zero_floor(4002, 4096), 4097);
	assert_int_equal(pgaccel_zero_floor(4096, 4096), 4097);
	assert_int_equal(pgaccel_zero_floor(600, 4096), 4097);
	assert_int_equal(pgaccel_zero_floor(4097, 4096), 4097);
	assert_int_equal(pgaccel_zero_floor(30000, 4096), 30000);
	assert_int_equal(pgaccel_zero_floor(~0UL, 4096), ~0UL);
	assert_int_equal(pgaccel_zero_floor(4002, 0), 4002);
	assert_int_equal(pgaccel_zero_floor(0, 0), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_linear),
		cmocka_unit_test(test_cached_knee),
		cmocka_unit_test(test_one_side),
		cmocka_unit_test(test_not_monotone),
		cmocka_unit_test(test_floor),
	};

	return cmocka_run_group_tests_name("pgaccel_model", tests, NULL, NULL);
}
