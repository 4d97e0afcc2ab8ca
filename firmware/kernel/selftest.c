// SPDX-License-Identifier: BSD-2-Clause
/* Runs the SELFTEST()s linked into the image, in link order, and prints one line per test. */
#include <stdarg.h>
#include <asm/barrier.h>
#include <asm/ptrace.h>
#include <asm/timex.h>
#include <pagoda/printk.h>
#include <pagoda/selftest.h>
#include <pagoda/spinlock.h>
#include <pagoda/string.h>
#include <pagoda/vsprintf.h>

extern const struct selftest __selftests_start[], __selftests_end[];

static char fail_reason[256];

/* Polls with interrupts on rather than wfi: nothing would wake a wfi when no interrupt comes, and
 * the negative checks wait for exactly that. */
unsigned int selftest_wait_irqs(volatile unsigned int *count, unsigned int want,
				unsigned long long ticks)
{
	u64 t0 = get_time();
	unsigned long flags;

	local_irq_save(flags);
	local_irq_enable();
	while (*count < want && get_time() - t0 < ticks)
		cpu_relax();
	local_irq_disable();
	local_irq_restore(flags);
	return *count;
}

int selftest_fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	pagoda_vsnprintf(fail_reason, sizeof(fail_reason), fmt, ap);
	va_end(ap);
	return -1;
}

int selftest_skip(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	pagoda_vsnprintf(fail_reason, sizeof(fail_reason), fmt, ap);
	va_end(ap);
	return SELFTEST_SKIPPED;
}

int selftest_check_fault(const char *what, long r, unsigned long cause, unsigned long addr)
{
	if (r == 0)
		return selftest_fail("%s at 0x%lx: no fault (want cause %lu)", what, addr, cause);
	if (r != -(long)cause)
		return selftest_fail("%s at 0x%lx: cause %ld, want %lu", what, addr, -r, cause);
	if (probe_fault_tval() != addr)
		return selftest_fail("%s at 0x%lx: stval 0x%lx", what, addr, probe_fault_tval());
	return 0;
}

static bool selftest_matches(const struct selftest *t, const char *filter)
{
	return !filter || !strncmp(t->name, filter, strlen(filter));
}

unsigned int selftest_count(const char *filter)
{
	unsigned int n = 0;

	for (const struct selftest *t = __selftests_start; t < __selftests_end; t++)
		n += selftest_matches(t, filter);
	return n;
}

/* filter: NULL runs all; else a test runs when its name starts with the filter. */
int selftest_run_all(const char *filter)
{
	unsigned int passed = 0, failed = 0, skipped = 0;

	for (const struct selftest *t = __selftests_start; t < __selftests_end; t++) {
		if (!selftest_matches(t, filter))
			continue;
		int r;

		fail_reason[0] = '\0';
		r = t->fn();
		if (r == 0) {
			printk("ok %s\n", t->name);
			passed++;
		} else if (r == SELFTEST_SKIPPED) {
			printk("skip %s: %s\n", t->name, fail_reason);
			skipped++;
		} else {
			printk("FAIL %s: %s\n", t->name, fail_reason[0] ? fail_reason : "(no reason)");
			failed++;
		}
	}
	printk("selftest: %u passed, %u failed, %u skipped\n", passed, failed, skipped);
	return (int)failed;
}
