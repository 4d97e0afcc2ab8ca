// SPDX-License-Identifier: BSD-2-Clause
/*
 * pagoda_vsnprintf: the printf engine of the firmware. Portable C with no libc, so the host tests
 * compare it against the C library's snprintf. Supports flags "-0+ #", width and precision (also
 * '*'), length modifiers hh h l ll z t j, and conversions d i u x X o c s p %.
 */
#include <stdarg.h>
#include <pagoda/types.h>
#include <pagoda/vsprintf.h>

struct outbuf {
	char *buf;
	size_t size;
	size_t len;	/* characters produced, even past size */
};

static void out(struct outbuf *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void out_pad(struct outbuf *o, char c, int n)
{
	while (n-- > 0)
		out(o, c);
}

#define F_LEFT 1
#define F_ZERO 2
#define F_PLUS 4
#define F_SPACE 8
#define F_ALT 16

static void out_number(struct outbuf *o, unsigned long long v, bool neg, unsigned int base,
		       bool upper, int flags, int width, int prec)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0, ndig, pad;
	char sign = 0;
	const char *prefix = "";
	bool is_zero = v == 0;

	if (is_zero && prec == 0) {
		n = 0;
	} else {
		do {
			tmp[n++] = digits[v % base];
			v /= base;
		} while (v);
	}
	if (neg)
		sign = '-';
	else if (flags & F_PLUS)
		sign = '+';
	else if (flags & F_SPACE)
		sign = ' ';
	if ((flags & F_ALT) && base == 16 && !is_zero)
		prefix = upper ? "0X" : "0x";
	ndig = n > prec ? n : prec;
	/* "%#o" guarantees a leading zero, unless the precision already supplied one. */
	if ((flags & F_ALT) && base == 8 && ndig == n && (!is_zero || n == 0))
		ndig++;
	pad = width - ndig - (sign ? 1 : 0) - (int)(prefix[0] ? 2 : 0);
	if (!(flags & F_LEFT) && !((flags & F_ZERO) && prec < 0))
		out_pad(o, ' ', pad);
	if (sign)
		out(o, sign);
	for (; *prefix; prefix++)
		out(o, *prefix);
	if (!(flags & F_LEFT) && (flags & F_ZERO) && prec < 0)
		out_pad(o, '0', pad);
	out_pad(o, '0', ndig - n);
	while (n)
		out(o, tmp[--n]);
	if (flags & F_LEFT)
		out_pad(o, ' ', pad);
}

int pagoda_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct outbuf o = { buf, size, 0 };

	for (; *fmt; fmt++) {
		int flags = 0, width = 0, prec = -1, lng = 0;
		unsigned long long uv;
		long long sv;
		bool neg;

		if (*fmt != '%') {
			out(&o, *fmt);
			continue;
		}
		for (fmt++;; fmt++) {
			if (*fmt == '-')
				flags |= F_LEFT;
			else if (*fmt == '0')
				flags |= F_ZERO;
			else if (*fmt == '+')
				flags |= F_PLUS;
			else if (*fmt == ' ')
				flags |= F_SPACE;
			else if (*fmt == '#')
				flags |= F_ALT;
			else
				break;
		}
		if (*fmt == '*') {
			width = va_arg(ap, int);
			if (width < 0) {
				flags |= F_LEFT;
				width = -width;
			}
			fmt++;
		} else {
			while (*fmt >= '0' && *fmt <= '9')
				width = width * 10 + (*fmt++ - '0');
		}
		if (*fmt == '.') {
			fmt++;
			prec = 0;
			if (*fmt == '*') {
				prec = va_arg(ap, int);
				if (prec < 0)
					prec = -1;
				fmt++;
			} else {
				while (*fmt >= '0' && *fmt <= '9')
					prec = prec * 10 + (*fmt++ - '0');
			}
		}
		/* lng: -2 hh, -1 h, 0 int, 1 long, 2 long long; z/t/j are long-sized on LP64. */
		for (;; fmt++) {
			if (*fmt == 'h')
				lng--;
			else if (*fmt == 'l')
				lng++;
			else if (*fmt == 'z' || *fmt == 't' || *fmt == 'j')
				lng = 1;
			else
				break;
		}
		switch (*fmt) {
		case 'd':
		case 'i':
			if (lng >= 2)
				sv = va_arg(ap, long long);
			else if (lng == 1)
				sv = va_arg(ap, long);
			else
				sv = va_arg(ap, int);
			if (lng == -1)
				sv = (short)sv;
			else if (lng <= -2)
				sv = (signed char)sv;
			neg = sv < 0;
			uv = neg ? 0ULL - (unsigned long long)sv : (unsigned long long)sv;
			out_number(&o, uv, neg, 10, false, flags, width, prec);
			break;
		case 'u':
		case 'x':
		case 'X':
		case 'o':
			if (lng >= 2)
				uv = va_arg(ap, unsigned long long);
			else if (lng == 1)
				uv = va_arg(ap, unsigned long);
			else
				uv = va_arg(ap, unsigned int);
			if (lng == -1)
				uv = (unsigned short)uv;
			else if (lng <= -2)
				uv = (unsigned char)uv;
			out_number(&o, uv, false, *fmt == 'u' ? 10 : *fmt == 'o' ? 8 : 16,
				   *fmt == 'X', flags & ~(F_PLUS | F_SPACE), width, prec);
			break;
		case 'p':
			uv = (unsigned long)va_arg(ap, void *);
			out_number(&o, uv, false, 16, false, F_ALT | (flags & F_LEFT), width, -1);
			break;
		case 'c': {
			char c = (char)va_arg(ap, int);

			if (!(flags & F_LEFT))
				out_pad(&o, ' ', width - 1);
			out(&o, c);
			if (flags & F_LEFT)
				out_pad(&o, ' ', width - 1);
			break;
		}
		case 's': {
			const char *s = va_arg(ap, const char *);
			int n = 0;

			if (!s)
				s = "(null)";
			while (s[n] && (prec < 0 || n < prec))
				n++;
			if (!(flags & F_LEFT))
				out_pad(&o, ' ', width - n);
			for (int i = 0; i < n; i++)
				out(&o, s[i]);
			if (flags & F_LEFT)
				out_pad(&o, ' ', width - n);
			break;
		}
		case '%':
			out(&o, '%');
			break;
		case '\0':
			fmt--;	/* lone '%' at the end: stop at the terminator */
			break;
		default:	/* unknown conversion: print it as it stands */
			out(&o, '%');
			out(&o, *fmt);
			break;
		}
	}
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}
