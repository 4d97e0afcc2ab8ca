// SPDX-License-Identifier: BSD-2-Clause
/* The host's asm/io.h: each accessor touches exactly its width at its address, in both the
 * ordered and the relaxed forms (the drivers' register layouts rely on it). */
#include "test_common.h"
#include <asm/io.h>

static unsigned char buf[24];

static void fill(void)
{
	memset(buf, 0xee, sizeof(buf));
}

/* Every byte outside [off, off + n) still 0xee. */
static void untouched_outside(size_t off, size_t n)
{
	for (size_t i = 0; i < sizeof(buf); i++)
		if (i < off || i >= off + n)
			assert_int_equal(buf[i], 0xee);
}

static void test_write_widths(void **state)
{
	fill();
	writeb(0x11, buf + 8);
	untouched_outside(8, 1);
	assert_int_equal(buf[8], 0x11);
	fill();
	writew(0x2211, buf + 8);
	untouched_outside(8, 2);
	fill();
	writel(0x44332211u, buf + 8);
	untouched_outside(8, 4);
	fill();
	writeq(0x8877665544332211ULL, buf + 8);
	untouched_outside(8, 8);
	fill();
	writel_relaxed(0x44332211u, buf + 4);
	untouched_outside(4, 4);
	fill();
	writeq_relaxed(0x8877665544332211ULL, buf + 8);
	untouched_outside(8, 8);
}

static void test_read_widths(void **state)
{
	static const u64 v = 0x8877665544332211ULL;

	fill();
	memcpy(buf + 8, &v, sizeof(v));
	assert_int_equal(readb(buf + 8), (u8)v);
	assert_int_equal(readw(buf + 8), (u16)v);
	assert_int_equal(readl(buf + 8), (u32)v);
	assert_true(readq(buf + 8) == v);
	assert_int_equal(readl_relaxed(buf + 12), (u32)(v >> 32));
	assert_true(readq_relaxed(buf + 8) == v);
	assert_int_equal(readb(buf + 16), 0xee);	/* the byte after: not part of the value */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_write_widths),
		cmocka_unit_test(test_read_widths),
	};

	return cmocka_run_group_tests_name("io", tests, NULL, NULL);
}
