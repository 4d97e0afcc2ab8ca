// SPDX-License-Identifier: BSD-2-Clause
/* Firmware self-tests: registered with SELFTEST(name), run in `selftest` mode (bootargs), each
 * reporting "ok NAME", "FAIL NAME: reason" or "skip NAME: reason". A test returns 0 on success;
 * ST_ASSERT/ST_FAIL record the reason and return -1; ST_SKIP (the platform lacks what the test
 * needs) returns SELFTEST_SKIPPED, which is counted apart, never as passed. */
#ifndef PAGODA_SELFTEST_H
#define PAGODA_SELFTEST_H

#include <pagoda/compiler.h>
#include <pagoda/types.h>

struct selftest {
	const char *name;
	int (*fn)(void);
};

#define SELFTEST_SKIPPED 1

int selftest_fail(const char *fmt, ...) __printf(1, 2);
int selftest_skip(const char *fmt, ...) __printf(1, 2);
int selftest_run_all(const char *filter);	/* returns the number failed */
unsigned int selftest_count(const char *filter);	/* how many tests the filter selects */
/* Let interrupts in until *count reaches want or `ticks` of timebase pass; returns *count. */
unsigned int selftest_wait_irqs(volatile unsigned int *count, unsigned int want,
				unsigned long long ticks);

#define SELFTEST(tname) \
	static int selftest_fn_##tname(void); \
	static const struct selftest selftest_##tname __used __section(".selftests") \
		__aligned(sizeof(void *)) = { #tname, selftest_fn_##tname }; \
	static int selftest_fn_##tname(void)

#define ST_FAIL(...) return selftest_fail(__VA_ARGS__)
#define ST_SKIP(...) return selftest_skip(__VA_ARGS__)
#define ST_ASSERT(cond) do { \
	if (!(cond)) \
		return selftest_fail("%s:%d: %s", __FILE__, __LINE__, #cond); \
} while (0)
/* The expected-fault helper: r is a probe_*() result; the probe must have taken exception
 * `cause` with stval == addr (asm/ptrace.h). Returns 0, or fails the test saying what happened. */
int selftest_check_fault(const char *what, long r, unsigned long cause, unsigned long addr);
#define ST_EXPECT_FAULT(what, r, cause, addr) do { \
	if (selftest_check_fault(what, r, cause, addr)) \
		return -1; \
} while (0)
#define ST_ASSERT_EQ(a, b) do { \
	unsigned long __a = (unsigned long)(a), __b = (unsigned long)(b); \
	if (__a != __b) \
		return selftest_fail("%s:%d: %s == %s (0x%lx != 0x%lx)", __FILE__, __LINE__, \
				     #a, #b, __a, __b); \
} while (0)

#endif
