// SPDX-License-Identifier: BSD-2-Clause
/* The string functions the freestanding firmware needs (GCC may also emit calls to memset/memcpy). */
#include <pagoda/string.h>
#include <pagoda/types.h>

void *memset(void *s, int c, size_t n)
{
	u8 *p = s;
	u64 pattern = (u8)c * 0x0101010101010101ULL;

	while (n && ((unsigned long)p & 7)) {
		*p++ = (u8)c;
		n--;
	}
	/* Eight stores per loop turn: page zeroing is the software baseline the accelerator is
	 * measured against, so it should be as fast as plain RV64I allows (about 1.2 instructions
	 * per 8 bytes, as Linux's unrolled memset). */
	for (; n >= 64; n -= 64, p += 64) {
		u64 *q = (u64 *)p;

		q[0] = pattern; q[1] = pattern; q[2] = pattern; q[3] = pattern;
		q[4] = pattern; q[5] = pattern; q[6] = pattern; q[7] = pattern;
	}
	for (; n >= 8; n -= 8, p += 8)
		*(u64 *)p = pattern;
	while (n--)
		*p++ = (u8)c;
	return s;
}

void *memcpy(void *dst, const void *src, size_t n)
{
	u8 *d = dst;
	const u8 *s = src;

	if ((((unsigned long)d | (unsigned long)s) & 7) == 0) {
		for (; n >= 8; n -= 8, d += 8, s += 8)
			*(u64 *)d = *(const u64 *)s;
	}
	while (n--)
		*d++ = *s++;
	return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
	u8 *d = dst;
	const u8 *s = src;

	if (d <= s || d >= s + n)
		return memcpy(dst, src, n);
	while (n--)
		d[n] = s[n];
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const u8 *x = a, *y = b;

	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

size_t strlen(const char *s)
{
	const char *p = s;

	while (*p)
		p++;
	return p - s;
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return (u8)*a - (u8)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return (u8)*a - (u8)*b;
		if (!*a)
			break;
	}
	return 0;
}

char *strchr(const char *s, int c)
{
	for (; *s; s++)
		if (*s == (char)c)
			return (char *)s;
	return c ? NULL : (char *)s;
}

void *memchr(const void *s, int c, size_t n)
{
	const u8 *p = s;

	for (; n; n--, p++)
		if (*p == (u8)c)
			return (void *)p;
	return NULL;
}
