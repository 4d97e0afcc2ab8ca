// SPDX-License-Identifier: BSD-2-Clause
/*
 * The little of a C library that liblitedram needs in the serial-boot ROM (the DRAM builds
 * only): printf() onto the UART with the conversions its messages use (%d %i %u %x %X %p %s %c
 * %%, the l and ll sizes, a width with 0 or - flags), memset, memcpy, strlen. No floating point.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "../bootrom.h"

int putchar(int c)
{
	if (c == '\n')
		uart_putc('\r');
	uart_putc((char)c);
	return c;
}

static int put_padded(const char *s, int len, int width, char pad, bool left)
{
	int n = 0;

	for (; !left && len + n < width; n++)
		putchar(pad);
	for (int i = 0; i < len; i++, n++)
		putchar(s[i]);
	for (; left && n < width; n++)
		putchar(' ');
	return n;
}

static int put_number(unsigned long long v, bool neg, unsigned base, bool upper, int width,
		      char pad, bool left)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char buf[24];
	int i = sizeof(buf);

	do {
		buf[--i] = digits[v % base];
		v /= base;
	} while (v);
	if (neg) {
		if (pad == '0') {
			putchar('-');
			return 1 + put_padded(buf + i, (int)sizeof(buf) - i, width - 1, pad, left);
		}
		buf[--i] = '-';
	}
	return put_padded(buf + i, (int)sizeof(buf) - i, width, pad, left);
}

int printf(const char *fmt, ...)
{
	va_list ap;
	int n = 0;

	va_start(ap, fmt);
	for (; *fmt; fmt++) {
		bool left = false;
		char pad = ' ';
		int width = 0, longs = 0;

		if (*fmt != '%') {
			putchar(*fmt);
			n++;
			continue;
		}
		for (fmt++; *fmt == '0' || *fmt == '-'; fmt++) {
			if (*fmt == '0')
				pad = '0';
			else
				left = true;
		}
		for (; *fmt >= '0' && *fmt <= '9'; fmt++)
			width = width * 10 + (*fmt - '0');
		for (; *fmt == 'l'; fmt++)
			longs++;
		switch (*fmt) {
		case 'd':
		case 'i': {
			long long v = longs ? va_arg(ap, long long) : va_arg(ap, int);

			n += put_number(v < 0 ? -(unsigned long long)v : (unsigned long long)v, v < 0,
					10, false, width, pad, left);
			break;
		}
		case 'u':
		case 'x':
		case 'X': {
			unsigned long long v = longs ? va_arg(ap, unsigned long long) :
					       va_arg(ap, unsigned int);

			n += put_number(v, false, *fmt == 'u' ? 10 : 16, *fmt == 'X', width, pad,
					left);
			break;
		}
		case 'p':
			n += put_padded("0x", 2, 0, ' ', false);
			n += put_number((uintptr_t)va_arg(ap, void *), false, 16, false, width, pad,
					left);
			break;
		case 's': {
			const char *s = va_arg(ap, const char *);

			n += put_padded(s, (int)strlen(s), width, ' ', left);
			break;
		}
		case 'c':
			putchar(va_arg(ap, int));
			n++;
			break;
		case '%':
			putchar('%');
			n++;
			break;
		default:	/* unknown: printed as written, so that nothing is silently lost */
			putchar('%');
			if (!*fmt)
				goto out;
			putchar(*fmt);
			n += 2;
			break;
		}
	}
out:
	va_end(ap);
	return n;
}

void *memset(void *s, int c, size_t n)
{
	unsigned char *p = s;

	while (n--)
		*p++ = (unsigned char)c;
	return s;
}

void *memcpy(void *d, const void *s, size_t n)
{
	unsigned char *dp = d;
	const unsigned char *sp = s;

	while (n--)
		*dp++ = *sp++;
	return d;
}

size_t strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}
