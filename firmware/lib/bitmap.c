// SPDX-License-Identifier: BSD-2-Clause
/*
 * Bitmap helpers (include/pagoda/bitmap.h), Linux's lib/bitmap.c and lib/find_bit.c in portable C.
 * The allocator keeps one free bitmap per zone (1 = free page) and searches it for contiguous
 * runs; the pgaccel driver falls back to the same search when the engine cannot take a request,
 * so the two paths agree bit for bit.
 */
#include <pagoda/bitmap.h>
#include <pagoda/compiler.h>

/* Whole words in the middle, single bits at the ragged ends: a free of order n touches 2^n bits. */
void bitmap_set(unsigned long *map, unsigned long start, unsigned long nr)
{
	while (nr && (start % BITS_PER_LONG)) {
		__set_bit(start, map);
		start++;
		nr--;
	}
	while (nr >= BITS_PER_LONG) {
		map[start / BITS_PER_LONG] = ~0UL;
		start += BITS_PER_LONG;
		nr -= BITS_PER_LONG;
	}
	while (nr) {
		__set_bit(start, map);
		start++;
		nr--;
	}
}

void bitmap_clear(unsigned long *map, unsigned long start, unsigned long nr)
{
	while (nr && (start % BITS_PER_LONG)) {
		__clear_bit(start, map);
		start++;
		nr--;
	}
	while (nr >= BITS_PER_LONG) {
		map[start / BITS_PER_LONG] = 0;
		start += BITS_PER_LONG;
		nr -= BITS_PER_LONG;
	}
	while (nr) {
		__clear_bit(start, map);
		start++;
		nr--;
	}
}

/* The next set bit (invert = 0) or clear bit (invert = ~0UL) at or after from, or size. Inlined
 * with a constant invert into each caller, so the search loops carry no extra test. */
static __always_inline unsigned long find_next(const unsigned long *map, unsigned long size,
					       unsigned long from, unsigned long invert)
{
	while (from < size) {
		unsigned long w = (map[from / BITS_PER_LONG] ^ invert) & (~0UL << (from % BITS_PER_LONG));

		if (w) {
			unsigned long i = ALIGN_DOWN(from, BITS_PER_LONG) + (unsigned long)__builtin_ctzl(w);

			return i < size ? i : size;
		}
		from = ALIGN_DOWN(from, BITS_PER_LONG) + BITS_PER_LONG;
	}
	return size;
}

unsigned long find_next_bit(const unsigned long *map, unsigned long size, unsigned long offset)
{
	return find_next(map, size, offset, 0);
}

unsigned long find_next_zero_bit(const unsigned long *map, unsigned long size, unsigned long offset)
{
	return find_next(map, size, offset, ~0UL);
}

/* Linux's bitmap_find_next_zero_area_off with off = 0, for runs of bits equal to want (a run of
 * wanted bits: the first wanted bit, aligned up, then no unwanted bit before its end). */
static __always_inline unsigned long find_area(const unsigned long *map, unsigned long size,
					       unsigned long start, unsigned long nr,
					       unsigned long align_mask, unsigned long want)
{
	unsigned long index, end, i;

	if (!nr)
		return (start + align_mask) & ~align_mask;
	for (;;) {
		index = find_next(map, size, start, ~want);
		index = (index + align_mask) & ~align_mask;
		end = index + nr;
		if (end > size || end < index)
			return end < index ? ~0UL : end;
		i = find_next(map, end, index, want);
		if (i >= end)
			return index;
		start = i + 1;
	}
}

unsigned long bitmap_find_next_zero_area(const unsigned long *map, unsigned long size,
					 unsigned long start, unsigned long nr,
					 unsigned long align_mask)
{
	return find_area(map, size, start, nr, align_mask, 0);
}

unsigned long bitmap_find_next_set_area(const unsigned long *map, unsigned long size,
					unsigned long start, unsigned long nr,
					unsigned long align_mask)
{
	return find_area(map, size, start, nr, align_mask, ~0UL);
}
