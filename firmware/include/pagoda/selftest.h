// SPDX-License-Identifier: BSD-2-Clause
/*
 * Firmware self-tests: registered with SELFTEST(name), run in `selftest` mode (bootargs), each
 * reporting "ok NAME", "FAIL NAME: reason" or "skip NAME: reason". A test returns 0 on success, or
 * the result of selftest_fail() (-1) / selftest_skip() (SELFTEST_SKIPPED, counted apart, never as
 * passed).
 *
 * The ST_ macros never hide a return: as KUnit's KUNIT_ASSERT, a failed ST_ASSERT/ST_ASSERT_EQ/
 * ST_EXPECT_FAULT, an ST_FAIL or an ST_SKIP records its reason and calls selftest_abort(), which
 * does not return: it jumps back to the innermost frame on this hart, the runner's (the test ends
 * there, failed or skipped) or an ST_CATCH() in the test. So a helper may use them too, and its
 * failure ends the test even when the caller ignores the helper's result.
 *
 * What an abort leaves behind is what a return from the same place would: nothing the test
 * allocated is freed, no lock it holds is released, no mode it changed is put back, since the
 * code after the assertion does not run. The runner itself puts back only the interrupt-enable
 * state it started the test with. A test that must undo something after a helper failed (give
 * back a fault injector, free a buffer) calls the helper through ST_CATCH(), which gives the
 * helper's return value, or the abort's result (-1 failed, SELFTEST_SKIPPED) if it aborted.
 *
 * An abort outside any frame (code that a test started on another hart without ST_CATCH, or an
 * interrupt handler, which no jump may leave) has nowhere to go: it panics, saying so. So a
 * function handed to smp_call_on_all() catches its own aborts (selftest_abort_per_hart shows how):
 * on the calling hart an uncaught one would leave the cross-call half done, its lock held.
 */
#ifndef PAGODA_SELFTEST_H
#define PAGODA_SELFTEST_H

#include <asm/setjmp.h>
#include <pagoda/compiler.h>
#include <pagoda/types.h>

struct selftest {
	const char *name;
	int (*fn)(void);
};

#define SELFTEST_SKIPPED 1

/* Record why the running test fails / is skipped; return -1 / SELFTEST_SKIPPED. */
int selftest_fail(const char *fmt, ...) __printf(1, 2);
int selftest_skip(const char *fmt, ...) __printf(1, 2);
/* Leave the test (or the innermost ST_CATCH) with `result`: -1 or SELFTEST_SKIPPED. */
void selftest_abort(int result) __noreturn;

/* Where an abort lands: one chain per hart, the runner's frame at the bottom. */
struct selftest_frame {
	arch_jmp_buf jb;
	int result;
	unsigned long irqflags;
	struct selftest_frame *prev;
};
void selftest_frame_push(struct selftest_frame *f);
void selftest_frame_pop(struct selftest_frame *f);

struct selftest_counts {
	unsigned int passed, failed, skipped;
};

int selftest_run_all(const char *filter);	/* returns the number failed */
/* Run the tests of [start, end) that the filter selects, adding up the results in *c. */
void selftest_run(const struct selftest *start, const struct selftest *end, const char *filter,
		  struct selftest_counts *c);
/* Does every comma-separated prefix of filter name at least one test (of [start, end), or of
 * the firmware's table)? If not, bad gets the first that names none (empty: an empty item). */
bool selftest_filter_check(const struct selftest *start, const struct selftest *end,
			   const char *filter, char *bad, size_t size);
bool selftest_filter_ok(const char *filter, char *bad, size_t size);
/* Let interrupts in until *count reaches want or `ticks` of timebase pass; returns *count. */
unsigned int selftest_wait_irqs(volatile unsigned int *count, unsigned int want,
				unsigned long long ticks);

/*
 * The bound of a self-test's wait for another thread (msleep(1) steps): a hang guard only, never
 * a performance check. QEMU's harts run on a shared host while its timer keeps wall time, so a
 * loaded host stretches a thread's work over seconds of timer; 2-5 s bounds failed under load.
 */
#define ST_WAIT_MS 120000

#define SELFTEST(tname) \
	static int selftest_fn_##tname(void); \
	static const struct selftest selftest_##tname __used __section(".selftests") \
		__aligned(sizeof(void *)) = { #tname, selftest_fn_##tname }; \
	static int selftest_fn_##tname(void)

#define ST_FAIL(...) selftest_abort(selftest_fail(__VA_ARGS__))
#define ST_SKIP(...) selftest_abort(selftest_skip(__VA_ARGS__))
#define ST_ASSERT(cond) do { \
	if (!(cond)) \
		ST_FAIL("%s:%d: %s", __FILE__, __LINE__, #cond); \
} while (0)
/* The expected-fault helper: r is a probe_*() result; the probe must have taken exception
 * `cause` with stval == addr (asm/ptrace.h). Returns 0, or records what happened and returns -1. */
int selftest_check_fault(const char *what, long r, unsigned long cause, unsigned long addr);
#define ST_EXPECT_FAULT(what, r, cause, addr) do { \
	if (selftest_check_fault(what, r, cause, addr)) \
		selftest_abort(-1); \
} while (0)
#define ST_ASSERT_EQ(a, b) do { \
	unsigned long __a = (unsigned long)(a), __b = (unsigned long)(b); \
	if (__a != __b) \
		ST_FAIL("%s:%d: %s == %s (0x%lx != 0x%lx)", __FILE__, __LINE__, #a, #b, __a, __b); \
} while (0)

/*
 * The value of `call` (an int), or the result of an abort inside it: the test goes on either way,
 * to undo what it must. setjmp's rule holds: a local of the caller changed by `call` itself and
 * read after an abort must be volatile (memory reached through pointers is safe).
 */
#define ST_CATCH(call) ({ \
	struct selftest_frame __st_f; \
	int __st_r; \
	selftest_frame_push(&__st_f); \
	if (arch_setjmp(__st_f.jb)) \
		__st_r = __st_f.result; \
	else \
		__st_r = (call); \
	selftest_frame_pop(&__st_f); \
	__st_r; \
})

#endif
