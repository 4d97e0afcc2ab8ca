// SPDX-License-Identifier: BSD-2-Clause
/*
 * Bitmaps of unsigned long words, bit i in word i / BITS_PER_LONG at position i % BITS_PER_LONG,
 * with Linux's names and meanings (include/linux/bitmap.h, lib/find_bit.c). `size` is the number
 * of bits; no function reads a word past the one that holds bit size - 1. Portable: the host unit
 * tests (tests/host/test_bitmap.c) check them against a bit-at-a-time reference.
 */
#ifndef PAGODA_BITMAP_H
#define PAGODA_BITMAP_H

#include <pagoda/types.h>

#ifndef BITS_PER_LONG
#define BITS_PER_LONG (8 * sizeof(unsigned long))
#endif
#define BITS_TO_LONGS(n) (((n) + BITS_PER_LONG - 1) / BITS_PER_LONG)

static inline bool test_bit(unsigned long nr, const unsigned long *map)
{
	return (map[nr / BITS_PER_LONG] >> (nr % BITS_PER_LONG)) & 1;
}

static inline void __set_bit(unsigned long nr, unsigned long *map)
{
	map[nr / BITS_PER_LONG] |= 1UL << (nr % BITS_PER_LONG);
}

static inline void __clear_bit(unsigned long nr, unsigned long *map)
{
	map[nr / BITS_PER_LONG] &= ~(1UL << (nr % BITS_PER_LONG));
}

/* Set / clear bits [start, start + nr). */
void bitmap_set(unsigned long *map, unsigned long start, unsigned long nr);
void bitmap_clear(unsigned long *map, unsigned long start, unsigned long nr);

/* The first set / clear bit at or after offset, or size when there is none. */
unsigned long find_next_bit(const unsigned long *map, unsigned long size, unsigned long offset);
unsigned long find_next_zero_bit(const unsigned long *map, unsigned long size,
				 unsigned long offset);

/*
 * The first index >= start of a run of nr clear bits (bitmap_find_next_zero_area) or nr set bits
 * (bitmap_find_next_set_area: the allocator's free bitmaps, where 1 = free) whose index has no bit
 * of align_mask set (align_mask = 2^k - 1 for a 2^k alignment). None: a value > size - nr, that is
 * the end of the first candidate past the map (Linux's convention), or ~0UL if that overflows.
 * nr = 0 gives start rounded up to the alignment.
 */
unsigned long bitmap_find_next_zero_area(const unsigned long *map, unsigned long size,
					 unsigned long start, unsigned long nr,
					 unsigned long align_mask);
unsigned long bitmap_find_next_set_area(const unsigned long *map, unsigned long size,
					unsigned long start, unsigned long nr,
					unsigned long align_mask);

#endif
