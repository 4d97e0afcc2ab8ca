// SPDX-License-Identifier: BSD-2-Clause
/* Checked number parsing (see pagoda/kstrtox.h). */
#include <pagoda/kstrtox.h>
#include <pagoda/string.h>

static int digit_value(char c, unsigned int base)
{
	unsigned int d;

	if (c >= '0' && c <= '9')
		d = (unsigned int)(c - '0');
	else if (c >= 'a' && c <= 'f')
		d = (unsigned int)(c - 'a' + 10);
	else if (c >= 'A' && c <= 'F')
		d = (unsigned int)(c - 'A' + 10);
	else
		return -1;
	return d < base ? (int)d : -1;
}

/* The first len characters of s. */
static int parse_u64(const char *s, size_t len, u64 *res)
{
	unsigned int base = 10;
	bool overflow = false;
	u64 v = 0;

	if (!len)
		return KSTRTOX_EINVAL;
	if (len >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
		len -= 2;
		if (!len)
			return KSTRTOX_EINVAL;
	}
	/* Read to the end even after an overflow: "99999999999999999999x" is not a number at all. */
	for (; len; s++, len--) {
		int d = digit_value(*s, base);

		if (d < 0)
			return KSTRTOX_EINVAL;
		if (v > (UINT64_MAX - (u64)d) / base)
			overflow = true;
		v = v * base + (u64)d;
	}
	if (overflow)
		return KSTRTOX_ERANGE;
	*res = v;
	return 0;
}

int kstrtou64(const char *s, u64 *res)
{
	return s ? parse_u64(s, strlen(s), res) : KSTRTOX_EINVAL;
}

int kstrtou64_max(const char *s, u64 max, u64 *res)
{
	u64 v;
	int err = kstrtou64(s, &v);

	if (err)
		return err;
	if (v > max)
		return KSTRTOX_ERANGE;
	*res = v;
	return 0;
}

int kstrtosize(const char *s, u64 *res)
{
	unsigned int shift = 0;
	size_t len;
	u64 v;
	int err;

	if (!s || !*s)
		return KSTRTOX_EINVAL;
	len = strlen(s);
	switch (s[len - 1]) {
	case 'k': case 'K': shift = 10; break;
	case 'm': case 'M': shift = 20; break;
	case 'g': case 'G': shift = 30; break;
	default: break;
	}
	err = parse_u64(s, shift ? len - 1 : len, &v);
	if (err)
		return err;
	if (shift && v > (UINT64_MAX >> shift))
		return KSTRTOX_ERANGE;
	*res = v << shift;
	return 0;
}

int kstrtobool(const char *s, bool *res)
{
	static const char *const on[] = { "1", "on", "y" }, *const off[] = { "0", "off", "n" };

	for (unsigned int i = 0; i < 3; i++) {
		if (!strcmp(s, on[i])) {
			*res = true;
			return 0;
		}
		if (!strcmp(s, off[i])) {
			*res = false;
			return 0;
		}
	}
	return KSTRTOX_EINVAL;
}
