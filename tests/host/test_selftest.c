// SPDX-License-Identifier: BSD-2-Clause
/* The self-test runner (kernel/selftest.c) on a table of its own: a failed ST_ assertion ends its
 * test there, wherever it sits (a helper too), the test is counted failed or skipped, and the
 * runner goes on with the next; ST_CATCH() lets a test go on after a helper aborted; frames are
 * per hart. */
#include "test_common.h"
#include <pagoda/selftest.h>
#include <asm/ptrace.h>
#include <asm/smp.h>

extern __thread unsigned long host_irqs_off;
extern void (*host_printk_sink)(const char *s, size_t n);

static unsigned long fault_tval;
unsigned long probe_fault_tval(void) { return fault_tval; }

/* What the tests reached, in order, and what the runner printed. */
static char trail[512], out[2048];

static void note(const char *what)
{
	size_t n = strlen(trail);

	snprintf(trail + n, sizeof(trail) - n, "%s%s", n ? " " : "", what);
}

static void sink(const char *s, size_t n)
{
	size_t have = strlen(out);

	snprintf(out + have, sizeof(out) - have, "%.*s", (int)n, s);
}

static int t_pass(void) { note("pass"); return 0; }

static int t_assert(void)
{
	note("assert");
	ST_ASSERT(1 + 1 == 3);
	note("after-assert");	/* must never run */
	return 0;
}

static int t_assert_eq(void)
{
	note("eq");
	ST_ASSERT_EQ(2, 2);
	ST_ASSERT_EQ(2, 5);
	note("after-eq");
	return 0;
}

static int t_skip(void)
{
	note("skip");
	ST_SKIP("the platform lacks %s", "it");
	note("after-skip");
	return 0;
}

/* A helper that fails: the caller ignores its result, yet the test ends failed. */
static int helper_fails(void)
{
	ST_FAIL("helper says %d", 42);
	note("after-fail");
	return 0;
}

static int t_helper(void)
{
	note("helper");
	(void)helper_fails();
	note("after-helper");
	return 0;
}

static int t_fault(void)
{
	note("fault");
	fault_tval = 0x1000;
	ST_EXPECT_FAULT("load", -13, 13, 0x1000);	/* the right fault: goes on */
	ST_EXPECT_FAULT("load", 0, 13, 0x2000);		/* no fault: ends the test */
	note("after-fault");
	return 0;
}

/* Interrupts off when the assertion fires: the runner puts back what the test started with. */
static int t_irqs_off(void)
{
	note("irqsoff");
	host_irqs_off = 1;
	ST_ASSERT(0);
	return 0;
}

/* ST_CATCH gives the abort's result and the test goes on to undo what it must. */
static int t_catch(void)
{
	volatile int after = 0;
	int r;

	note("catch");
	r = ST_CATCH(helper_fails());
	after = 1;
	if (r != -1 || !after)
		return selftest_fail("ST_CATCH gave %d", r);
	r = ST_CATCH(t_pass());
	if (r != 0)
		return selftest_fail("ST_CATCH of a passing call gave %d", r);
	return 0;
}

static int t_return_fail(void) { note("retfail"); return selftest_fail("returned"); }

static const struct selftest table[] = {
	{ "first_pass", t_pass },	{ "assert_stops", t_assert },
	{ "assert_eq_stops", t_assert_eq }, { "skip_stops", t_skip },
	{ "helper_stops", t_helper },	{ "fault_stops", t_fault },
	{ "irqs_off", t_irqs_off },	{ "catch_goes_on", t_catch },
	{ "return_fail", t_return_fail }, { "last_pass", t_pass },
};

static struct selftest_counts run(const char *filter)
{
	struct selftest_counts c = { 0, 0, 0 };

	trail[0] = out[0] = '\0';
	host_printk_sink = sink;
	selftest_run(table, table + ARRAY_SIZE(table), filter, &c);
	host_printk_sink = NULL;
	return c;
}

static void test_abort_ends_the_test(void **state)
{
	struct selftest_counts c = run(NULL);

	/* Every test ran, in order, each up to its abort and no further. */
	assert_string_equal(trail, "pass assert eq skip helper fault irqsoff catch pass retfail pass");
	assert_int_equal(c.passed, 3);
	assert_int_equal(c.failed, 6);
	assert_int_equal(c.skipped, 1);
	assert_int_equal(host_irqs_off, 0);
	assert_non_null(strstr(out, "ok first_pass\n"));
	assert_non_null(strstr(out, "FAIL assert_stops: tests/host/test_selftest.c:"));
	assert_non_null(strstr(out, ": 1 + 1 == 3\n"));
	assert_non_null(strstr(out, ": 2 == 5 (0x2 != 0x5)\n"));
	assert_non_null(strstr(out, "skip skip_stops: the platform lacks it\n"));
	assert_non_null(strstr(out, "FAIL helper_stops: helper says 42\n"));
	assert_non_null(strstr(out, "FAIL fault_stops: load at 0x2000: no fault (want cause 13)\n"));
	assert_non_null(strstr(out, "FAIL irqs_off: "));
	assert_non_null(strstr(out, "ok catch_goes_on\n"));
	assert_non_null(strstr(out, "FAIL return_fail: returned\n"));
	assert_non_null(strstr(out, "ok last_pass\n"));
}

static void test_filter(void **state)
{
	struct selftest_counts c = run("assert");

	assert_string_equal(trail, "assert eq");
	assert_int_equal(c.passed, 0);
	assert_int_equal(c.failed, 2);
	assert_int_equal(c.skipped, 0);
}

/* A list of prefixes selects the tests of each, in table order; each must name one. */
static void test_filter_list(void **state)
{
	struct selftest_counts c = run("last,first");
	char bad[64];

	assert_string_equal(trail, "pass pass");
	assert_int_equal(c.passed, 2);
	assert_int_equal(c.failed, 0);
	c = run("assert_eq,helper");
	assert_string_equal(trail, "eq helper");
	assert_true(selftest_filter_check(table, table + ARRAY_SIZE(table), "first,assert", bad,
					  sizeof(bad)));
	assert_false(selftest_filter_check(table, table + ARRAY_SIZE(table), "first,nosuch,last",
					   bad, sizeof(bad)));
	assert_string_equal(bad, "nosuch");
	assert_false(selftest_filter_check(table, table + ARRAY_SIZE(table), "first,,last", bad,
					   sizeof(bad)));
	assert_string_equal(bad, "");
	assert_false(selftest_filter_check(table, table + ARRAY_SIZE(table), "first,", bad,
					   sizeof(bad)));
	assert_string_equal(bad, "");
}

/* Each hart aborts to its own frames: a catch on cpu 1 leaves cpu 0's chain as it was. */
static void test_frames_per_hart(void **state)
{
	struct selftest_frame f0;
	int r;

	host_cpu_id = 0;
	selftest_frame_push(&f0);
	host_cpu_id = 1;
	trail[0] = '\0';
	r = ST_CATCH(helper_fails());
	assert_int_equal(r, -1);
	assert_string_equal(trail, "");
	host_cpu_id = 0;
	if (arch_setjmp(f0.jb)) {
		selftest_frame_pop(&f0);
		assert_int_equal(f0.result, SELFTEST_SKIPPED);
		return;
	}
	ST_SKIP("cpu 0's frame still catches");
	fail_msg("the abort returned");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_abort_ends_the_test),
		cmocka_unit_test(test_filter),
		cmocka_unit_test(test_filter_list),
		cmocka_unit_test(test_frames_per_hart),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
