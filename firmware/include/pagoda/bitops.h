// SPDX-License-Identifier: BSD-2-Clause
/* Bit helpers in portable C, the same on the host and the target (no Zbb on the Pagoda core, so
 * the builtins would be libgcc calls anyway). */
#ifndef PAGODA_BITOPS_H
#define PAGODA_BITOPS_H

static inline unsigned int hweight64(unsigned long long w)
{
	w = w - ((w >> 1) & 0x5555555555555555ULL);
	w = (w & 0x3333333333333333ULL) + ((w >> 2) & 0x3333333333333333ULL);
	w = (w + (w >> 4)) & 0x0f0f0f0f0f0f0f0fULL;
	return (unsigned int)((w * 0x0101010101010101ULL) >> 56);
}

/* Index of the lowest set bit; w must be nonzero. */
static inline unsigned int __ffs64(unsigned long long w)
{
	unsigned int n = 0;

	if (!(w & 0xffffffffULL)) { n += 32; w >>= 32; }
	if (!(w & 0xffffULL)) { n += 16; w >>= 16; }
	if (!(w & 0xffULL)) { n += 8; w >>= 8; }
	if (!(w & 0xfULL)) { n += 4; w >>= 4; }
	if (!(w & 0x3ULL)) { n += 2; w >>= 2; }
	if (!(w & 0x1ULL)) { n += 1; }
	return n;
}

/* Index of the highest set bit; w must be nonzero. */
static inline unsigned int __fls64(unsigned long long w)
{
	unsigned int n = 63;

	if (!(w & 0xffffffff00000000ULL)) { n -= 32; w <<= 32; }
	if (!(w & 0xffff000000000000ULL)) { n -= 16; w <<= 16; }
	if (!(w & 0xff00000000000000ULL)) { n -= 8; w <<= 8; }
	if (!(w & 0xf000000000000000ULL)) { n -= 4; w <<= 4; }
	if (!(w & 0xc000000000000000ULL)) { n -= 2; w <<= 2; }
	if (!(w & 0x8000000000000000ULL)) { n -= 1; }
	return n;
}

#endif
