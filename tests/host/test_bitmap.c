// SPDX-License-Identifier: BSD-2-Clause
/*
 * lib/bitmap.c against a reference that looks at one bit at a time: the edge cases named (empty
 * and full maps, runs ending at the last bit, runs across word boundaries, every alignment up to
 * 128, starts past the end, nr 0 and nr > size), then every start/nr/mask over fixed-seed random
 * maps, some with garbage past the last bit. Maps are malloc'd to exactly BITS_TO_LONGS(size)
 * words, so a read past the last word is an AddressSanitizer error; writes are checked against
 * guard words.
 */
#include "test_common.h"
#include <stdbool.h>
#include <pagoda/bitmap.h>
#include <pagoda/compiler.h>

#define NONE (~0UL)

static bool ref_bit(const unsigned long *map, unsigned long i)
{
	return (map[i / BITS_PER_LONG] >> (i % BITS_PER_LONG)) & 1;
}

static unsigned long ref_find_next(const unsigned long *map, unsigned long size, unsigned long from,
				   bool want)
{
	for (unsigned long i = from; i < size; i++)
		if (ref_bit(map, i) == want)
			return i;
	return size;
}

/* The smallest aligned index >= start whose nr bits all equal want and fit in the map; NONE. */
static unsigned long ref_find_area(const unsigned long *map, unsigned long size, unsigned long start,
				   unsigned long nr, unsigned long mask, bool want)
{
	for (unsigned long i = (start + mask) & ~mask; i + nr <= size; i += mask + 1) {
		unsigned long k = 0;

		while (k < nr && ref_bit(map, i + k) == want)
			k++;
		if (k == nr)
			return i;
	}
	return NONE;
}

/* Check one search both ways (zero area on map, set area on its complement). */
static void check_area(const unsigned long *map, const unsigned long *inv, unsigned long size,
		       unsigned long start, unsigned long nr, unsigned long mask)
{
	unsigned long want = ref_find_area(map, size, start, nr, mask, false);
	unsigned long got = bitmap_find_next_zero_area(map, size, start, nr, mask);
	unsigned long got_set = bitmap_find_next_set_area(inv, size, start, nr, mask);

	if (want == NONE) {
		/* Linux's "none": a result whose run would not fit. */
		if (!(got == NONE || got + nr > size))
			fail_msg("zero area size %lu start %lu nr %lu mask %lu: got %lu, want none",
				 size, start, nr, mask, got);
		if (!(got_set == NONE || got_set + nr > size))
			fail_msg("set area size %lu start %lu nr %lu mask %lu: got %lu, want none",
				 size, start, nr, mask, got_set);
		return;
	}
	if (got != want || got_set != want)
		fail_msg("area size %lu start %lu nr %lu mask %lu: zero %lu, set %lu, want %lu", size,
			 start, nr, mask, got, got_set, want);
}

static unsigned long *map_alloc(unsigned long size)
{
	unsigned long *m = calloc(BITS_TO_LONGS(size) ? BITS_TO_LONGS(size) : 1, sizeof(*m));

	assert_non_null(m);
	return m;
}

static void complement(const unsigned long *map, unsigned long *inv, unsigned long size)
{
	for (unsigned long w = 0; w < BITS_TO_LONGS(size); w++)
		inv[w] = ~map[w];
}

static void check_all_searches(const unsigned long *map, unsigned long size)
{
	static const unsigned long masks[] = { 0, 1, 3, 7, 15, 63, 127 };
	unsigned long *inv = map_alloc(size);

	complement(map, inv, size);
	for (unsigned long start = 0; start <= size + 2; start++) {
		assert_int_equal(find_next_bit(map, size, start), ref_find_next(map, size, start, true));
		assert_int_equal(find_next_zero_bit(map, size, start),
				 ref_find_next(map, size, start, false));
		for (unsigned long nr = 1; nr <= size + 1 && nr <= 140; nr += nr < 8 ? 1 : 13)
			for (unsigned int m = 0; m < ARRAY_SIZE(masks); m++)
				check_area(map, inv, size, start, nr, masks[m]);
	}
	free(inv);
}

static void test_empty_and_full(void **state)
{
	static const unsigned long sizes[] = { 1, 63, 64, 65, 128, 200 };

	for (unsigned int s = 0; s < ARRAY_SIZE(sizes); s++) {
		unsigned long size = sizes[s], *map = map_alloc(size);

		check_all_searches(map, size);	/* empty: every run is free */
		/* In range: the whole map is one run, ending at the last bit. */
		assert_int_equal(bitmap_find_next_zero_area(map, size, 0, size, 0), 0);
		bitmap_set(map, 0, size);
		check_all_searches(map, size);	/* full */
		assert_int_equal(bitmap_find_next_set_area(map, size, 0, size, 0), 0);
		assert_int_equal(find_next_zero_bit(map, size, 0), size);
		free(map);
	}
}

/* A run that ends exactly at the last bit, across a word boundary, with alignment. */
static void test_run_at_end(void **state)
{
	unsigned long size = 130, *map = map_alloc(size);

	bitmap_set(map, 0, size);
	bitmap_clear(map, 120, 10);	/* bits 120..129: the last ten */
	assert_int_equal(bitmap_find_next_zero_area(map, size, 0, 10, 0), 120);
	assert_int_equal(bitmap_find_next_zero_area(map, size, 0, 8, 7), 120);
	assert_int_equal(bitmap_find_next_zero_area(map, size, 0, 2, 1), 120);
	assert_true(bitmap_find_next_zero_area(map, size, 0, 11, 0) + 11 > size);
	assert_true(bitmap_find_next_zero_area(map, size, 0, 8, 15) + 8 > size);
	check_all_searches(map, size);
	/* Across the word boundary at 64. */
	bitmap_set(map, 0, size);
	bitmap_clear(map, 60, 8);
	assert_int_equal(bitmap_find_next_zero_area(map, size, 0, 8, 0), 60);
	assert_int_equal(bitmap_find_next_zero_area(map, size, 0, 4, 3), 60);
	assert_true(bitmap_find_next_zero_area(map, size, 0, 8, 7) + 8 > size);
	check_all_searches(map, size);
	free(map);
}

static void test_degenerate(void **state)
{
	unsigned long map[2] = { 0, 0 };

	/* nr 0: the aligned start, as Linux. */
	assert_int_equal(bitmap_find_next_zero_area(map, 100, 5, 0, 7), 8);
	/* nr beyond the map, start beyond the map, size 0. */
	assert_true(bitmap_find_next_zero_area(map, 100, 0, 101, 0) + 101 > 100);
	assert_true(bitmap_find_next_zero_area(map, 100, 100, 1, 0) + 1 > 100);
	assert_int_equal(find_next_bit(map, 0, 0), 0);
	assert_int_equal(find_next_zero_bit(map, 100, 150), 100);
	/* An end that overflows is none, never a wrapped small index. */
	assert_int_equal(bitmap_find_next_zero_area(map, 100, 5, ~0UL - 2, 0), NONE);
}

/* bitmap_set/bitmap_clear change exactly [start, start + nr), whatever the word boundaries. */
static void test_set_clear_ranges(void **state)
{
	enum { WORDS = 5, GUARD = 0x5a5a5a5a5a5a5a5aUL };
	unsigned long map[WORDS + 1], ref[WORDS];

	for (unsigned long start = 0; start < 3 * BITS_PER_LONG; start += 7) {
		for (unsigned long nr = 0; start + nr <= WORDS * BITS_PER_LONG && nr < 200; nr += 5) {
			for (int pat = 0; pat < 2; pat++) {
				unsigned long fill = pat ? ~0UL : 0;

				for (int w = 0; w < WORDS; w++)
					map[w] = ref[w] = fill ^ (0x0123456789abcdefUL * (unsigned long)(w + 1));
				map[WORDS] = GUARD;
				for (unsigned long i = start; i < start + nr; i++)
					if (pat)
						ref[i / BITS_PER_LONG] &= ~(1UL << (i % BITS_PER_LONG));
					else
						ref[i / BITS_PER_LONG] |= 1UL << (i % BITS_PER_LONG);
				if (pat)
					bitmap_clear(map, start, nr);
				else
					bitmap_set(map, start, nr);
				for (int w = 0; w < WORDS; w++)
					if (map[w] != ref[w])
						fail_msg("%s start %lu nr %lu: word %d 0x%lx, want 0x%lx",
							 pat ? "clear" : "set", start, nr, w, map[w], ref[w]);
				assert_int_equal(map[WORDS], GUARD);
			}
		}
	}
}

/* Random maps of every density, fixed seed: runs of every length at every offset. */
static void test_random_maps(void **state)
{
	unsigned int seed = 12345;

	for (int round = 0; round < 60; round++) {
		unsigned long size = 1 + (unsigned long)rand_r(&seed) % 260, *map = map_alloc(size);
		int density = rand_r(&seed) % 100;

		for (unsigned long i = 0; i < size; i++)
			if (rand_r(&seed) % 100 < density)
				__set_bit(i, map);
		/* Long clear runs too, not only what a density gives. */
		if (round % 3 == 0) {
			unsigned long s = (unsigned long)rand_r(&seed) % size;

			bitmap_clear(map, s, (unsigned long)rand_r(&seed) % (size - s + 1));
		}
		/* Bits past size in the last word are not part of the map: garbage there changes
		 * nothing (the reference never looks at them). */
		if (round % 2 && size % BITS_PER_LONG)
			map[size / BITS_PER_LONG] |= ~0UL << (size % BITS_PER_LONG) &
						     (unsigned long)rand_r(&seed) * 0x9e3779b97f4a7c15UL;
		check_all_searches(map, size);
		free(map);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_and_full),
		cmocka_unit_test(test_run_at_end),
		cmocka_unit_test(test_degenerate),
		cmocka_unit_test(test_set_clear_ranges),
		cmocka_unit_test(test_random_maps),
	};

	return cmocka_run_group_tests_name("bitmap", tests, NULL, NULL);
}
