// SPDX-License-Identifier: BSD-2-Clause
/* Runs the SELFTEST()s linked into the image, in link order, and prints one line per test; the
 * ST_ macros abort a failed test back here (pagoda/selftest.h). Portable: the host tests run it. */
#include <stdarg.h>
#include <asm/barrier.h>
#include <asm/irqflags.h>
#include <asm/ptrace.h>
#include <asm/setjmp.h>
#include <asm/timex.h>
#include <pagoda/init.h>
#include <pagoda/printk.h>
#include <pagoda/selftest.h>
#include <pagoda/smp.h>
#include <pagoda/spinlock.h>
#include <pagoda/string.h>
#include <pagoda/vsprintf.h>

/* Weak: a host program that runs its own table through selftest_run() has no .selftests. */
extern const struct selftest __selftests_start[] __attribute__((weak));
extern const struct selftest __selftests_end[] __attribute__((weak));

/* Per hart: a test started on another hart may fail there (under its own ST_CATCH). */
static char fail_reason[NR_CPUS][256];
static struct selftest_frame *frame_top[NR_CPUS];

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
	pagoda_vsnprintf(fail_reason[smp_processor_id()], sizeof(fail_reason[0]), fmt, ap);
	va_end(ap);
	return -1;
}

int selftest_skip(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	pagoda_vsnprintf(fail_reason[smp_processor_id()], sizeof(fail_reason[0]), fmt, ap);
	va_end(ap);
	return SELFTEST_SKIPPED;
}

void selftest_frame_push(struct selftest_frame *f)
{
	unsigned int cpu = smp_processor_id();

	f->irqflags = arch_local_irq_save();
	arch_local_irq_restore(f->irqflags);
	f->result = 0;
	f->prev = frame_top[cpu];
	frame_top[cpu] = f;
}

void selftest_frame_pop(struct selftest_frame *f)
{
	unsigned int cpu = smp_processor_id();

	BUG_ON(frame_top[cpu] != f);
	frame_top[cpu] = f->prev;
}

/* The frame stays pushed: the code after its setjmp pops it, on both ways out. */
void selftest_abort(int result)
{
	unsigned int cpu = smp_processor_id();
	struct selftest_frame *f = frame_top[cpu];

	if (!f)
		panic("selftest: an ST_ assertion failed on cpu %u outside any test or ST_CATCH: %s",
		      cpu, fail_reason[cpu]);
	if (in_interrupt())
		panic("selftest: an ST_ assertion failed in an interrupt handler on cpu %u: %s", cpu,
		      fail_reason[cpu]);
	f->result = result;
	arch_local_irq_restore(f->irqflags);
	arch_longjmp(f->jb, 1);
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

/* filter: NULL (every test) or name prefixes separated by commas ("boot_,dma_"). */
static bool selftest_matches(const struct selftest *t, const char *filter)
{
	return !filter || name_in_prefix_list(t->name, filter);
}

bool selftest_filter_check(const struct selftest *start, const struct selftest *end,
			   const char *filter, char *bad, size_t size)
{
	for (const char *p = filter;; p++) {
		size_t n = list_item_len(p);
		bool found = false;
		char item[64];

		if (n >= sizeof(item))
			n = sizeof(item) - 1;	/* the parameter's value is shorter (params.c) */
		memcpy(item, p, n);
		item[n] = '\0';
		for (const struct selftest *t = start; t < end && n && !found; t++)
			found = !strncmp(t->name, item, n);
		if (!found) {
			snprintf(bad, size, "%s", item);
			return false;
		}
		p += list_item_len(p);
		if (!*p)
			return true;
	}
}

bool selftest_filter_ok(const char *filter, char *bad, size_t size)
{
	return selftest_filter_check(__selftests_start, __selftests_end, filter, bad, size);
}

/* One test in the runner's frame: its return value, or the result of an abort inside it. */
static int selftest_run_one(const struct selftest *t)
{
	struct selftest_frame f;
	int r;

	fail_reason[smp_processor_id()][0] = '\0';
	selftest_frame_push(&f);
	if (arch_setjmp(f.jb))
		r = f.result;
	else
		r = t->fn();
	selftest_frame_pop(&f);
	return r;
}

void selftest_run(const struct selftest *start, const struct selftest *end, const char *filter,
		  struct selftest_counts *c)
{
	for (const struct selftest *t = start; t < end; t++) {
		const char *why = fail_reason[smp_processor_id()];
		int r;

		if (!selftest_matches(t, filter))
			continue;
		r = selftest_run_one(t);
		if (r == 0) {
			printk("ok %s\n", t->name);
			c->passed++;
		} else if (r == SELFTEST_SKIPPED) {
			printk("skip %s: %s\n", t->name, why);
			c->skipped++;
		} else {
			printk("FAIL %s: %s\n", t->name, why[0] ? why : "(no reason)");
			c->failed++;
		}
	}
}

/* filter: NULL runs all; else a test runs when its name starts with the filter. */
int selftest_run_all(const char *filter)
{
	struct selftest_counts c = { 0, 0, 0 };

	selftest_run(__selftests_start, __selftests_end, filter, &c);
	printk("selftest: %u passed, %u failed, %u skipped\n", c.passed, c.failed, c.skipped);
	return (int)c.failed;
}
