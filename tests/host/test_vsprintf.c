// SPDX-License-Identifier: BSD-2-Clause
/* pagoda_vsnprintf against the C library's vsnprintf, which is the reference. */
#include "test_common.h"
#include <pagoda/vsprintf.h>

static int pagoda_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = pagoda_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

#define CHECK(fmt, ...) do { \
	char a[128], b[128]; \
	int na = pagoda_snprintf(a, sizeof(a), fmt, __VA_ARGS__); \
	int nb = snprintf(b, sizeof(b), fmt, __VA_ARGS__); \
	if (strcmp(a, b) || na != nb) \
		fail_msg("format \"%s\": got \"%s\" (%d), libc \"%s\" (%d)", fmt, a, na, b, nb); \
} while (0)

static void test_fixed_formats(void **state)
{
	CHECK("%d %i %u", 0, -1, 4000000000u);
	CHECK("%5d|%-5d|%05d|%+d|% d", 42, 42, -42, 42, 42);
	CHECK("%x %X %#x %#X %#o %o", 255u, 255u, 255u, 0u, 8u, 0u);
	CHECK("%lx %llx %lu %ld", ~0UL, 0x123456789abcdefULL, ~0UL, (long)-9223372036854775807L - 1);
	CHECK("%zu %zd %td", (size_t)12345, (ssize_t)-3, (ptrdiff_t)-7);
	CHECK("%hhd %hd %hhu %hu", 300, 70000, 300, 70000);
	CHECK("%.3d|%.0d|%8.3x|%-8.3x|%.5s|%10.2s|", 7, 0, 15u, 15u, "abcdefgh", "xyz");
	CHECK("%*d|%-*d|%.*s", 6, 1, 6, 2, 2, "hello");
	CHECK("%c%c%5c|%-3c|", 'a', 'b', 'c', 'd');
	CHECK("%s|%%|%p", "str", (void *)0x80200000UL);
	CHECK("%016lx|%#018lx", 0xdeadUL, 0xbeefUL);
}

static void test_truncation(void **state)
{
	char buf[16];

	for (size_t size = 0; size < sizeof(buf); size++) {
		char ref[16];

		memset(buf, 'Z', sizeof(buf));
		memset(ref, 'Z', sizeof(ref));
		assert_int_equal(pagoda_snprintf(buf, size, "abc%dxyz%s", 12345, "tail"),
				 snprintf(ref, size, "abc%dxyz%s", 12345, "tail"));
		assert_memory_equal(buf, ref, sizeof(buf));	/* nothing written past size */
	}
}

/* Random conversions with random flags, width, precision and values. */
static void test_random_formats(void **state)
{
	static const char convs[] = "diuxXo";
	static const char *const lens[] = { "", "l", "ll", "h", "hh", "z" };
	unsigned int seed = 7;

	for (int i = 0; i < 200000; i++) {
		char fmt[32], *p = fmt, a[160], b[160];
		unsigned long long v = ((unsigned long long)rand_r(&seed) << 40) ^
				       ((unsigned long long)rand_r(&seed) << 20) ^ (unsigned)rand_r(&seed);
		const char *len = lens[rand_r(&seed) % 6];
		char conv = convs[rand_r(&seed) % 6];
		int na, nb;

		if (rand_r(&seed) % 3 == 0)
			v >>= rand_r(&seed) % 64;
		*p++ = '%';
		for (const char *f = "-0+ #"; *f; f++)
			if (rand_r(&seed) % 4 == 0)
				*p++ = *f;
		if (rand_r(&seed) % 2)
			p += sprintf(p, "%d", rand_r(&seed) % 30);
		if (rand_r(&seed) % 3 == 0)
			p += sprintf(p, ".%d", rand_r(&seed) % 25);
		p += sprintf(p, "%s%c", len, conv);
		*p = '\0';
		/* '#' and ' '/'+' on conversions where C leaves them undefined are skipped. */
		if (strchr(fmt, '#') && strchr("diu", conv))
			continue;
		if (!strcmp(len, "ll"))
			na = pagoda_snprintf(a, sizeof(a), fmt, v), nb = snprintf(b, sizeof(b), fmt, v);
		else if (!strcmp(len, "l") || !strcmp(len, "z"))
			na = pagoda_snprintf(a, sizeof(a), fmt, (unsigned long)v),
			nb = snprintf(b, sizeof(b), fmt, (unsigned long)v);
		else
			na = pagoda_snprintf(a, sizeof(a), fmt, (unsigned int)v),
			nb = snprintf(b, sizeof(b), fmt, (unsigned int)v);
		if (na != nb || strcmp(a, b))
			fail_msg("format \"%s\" value 0x%llx: got \"%s\", libc \"%s\"", fmt, v, a, b);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fixed_formats),
		cmocka_unit_test(test_truncation),
		cmocka_unit_test(test_random_formats),
	};

	return cmocka_run_group_tests_name("vsprintf", tests, NULL, NULL);
}
