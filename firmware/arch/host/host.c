// SPDX-License-Identifier: BSD-2-Clause
/* Host-build arch layer: what firmware/arch/riscv provides on the target, done with libc and
 * threads, so that firmware/mm and the kernel's portable parts run in host unit tests. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <asm/timex.h>
#include <pagoda/sched.h>
#include <pagoda/printk.h>
#include <pagoda/smp.h>
#include <asm/irqflags.h>
#include <asm/page.h>
#include <asm/cacheflush.h>

__thread unsigned long host_irqs_off;
__thread unsigned int host_cpu_id;
__thread unsigned int host_irq_depth;
unsigned long host_phys_base;
char *host_virt_base;
unsigned long host_user_tlb_flushes;	/* asm/pgtable.h: flushes of user translations */
unsigned int host_nr_cpus = 1;
unsigned long warn_count;
/* Tests that provoke a panic set this (e.g. to a longjmp); the default aborts. */
void (*host_panic_hook)(const char *msg);
/* Non-coherent DMA's cache operations, recorded by tests (asm/cacheflush.h). */
void (*host_cache_hook)(enum host_cache_op op, phys_addr_t pa, size_t size);
bool host_cpu_spec_fill = true;
/* Set to 0 to silence printk in tests that provoke many warnings on purpose. */
int host_printk_enabled = 1;

unsigned int num_online_cpus(void)
{
	return host_nr_cpus;
}

/* When set, printk output goes here instead of stdout (the shell fuzzer reads what was said). */
void (*host_printk_sink)(const char *s, size_t n);

int vprintk(const char *fmt, va_list ap)
{
	if (host_printk_sink) {
		char buf[1024];
		int n = vsnprintf(buf, sizeof(buf), fmt, ap);

		if (n > 0)
			host_printk_sink(buf, (size_t)n < sizeof(buf) ? (size_t)n : sizeof(buf) - 1);
		return n;
	}
	if (!host_printk_enabled)
		return 0;
	return vprintf(fmt, ap);
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}

void __warn(const char *file, int line, const char *cond)
{
	__atomic_add_fetch(&warn_count, 1, __ATOMIC_RELAXED);
	printk("WARNING: %s:%d: %s\n", file, line, cond);
}

void panic(const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	fprintf(stderr, "panic: %s\n", msg);
	if (host_panic_hook)
		host_panic_hook(msg);
	abort();
}

unsigned long cpu_hartid[NR_CPUS];

bool cpu_online(unsigned int cpu)
{
	return cpu < host_nr_cpus;
}

/* Host build: "every hart" runs in turn on the calling thread, each with its own cpu id. */
void smp_call_on_all(void (*fn)(void *), void *arg)
{
	unsigned int self = host_cpu_id;

	for (unsigned int cpu = 0; cpu < host_nr_cpus; cpu++) {
		host_cpu_id = cpu;
		fn(arg);
	}
	host_cpu_id = self;
}

/* ------------------------------------------------------------------ tasks (kernel/sched.c) */

__thread struct task_struct *host_current;
static __thread struct task_struct host_task;

/* A thread that never ran sched_init() still has a task: its memalloc scopes are its own. */
struct task_struct *host_thread_task(void)
{
	if (!host_task.comm[0])
		snprintf(host_task.comm, sizeof(host_task.comm), "host/%u", host_cpu_id);
	return &host_task;
}

#if defined(__SANITIZE_ADDRESS__)
#define HOST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HOST_ASAN 1
#endif
#endif
#ifdef HOST_ASAN
void __asan_unpoison_memory_region(void const volatile *addr, size_t size);
void __sanitizer_start_switch_fiber(void **fake_stack_save, const void *bottom, size_t size);
void __sanitizer_finish_switch_fiber(void *fake_stack_save, const void **bottom_old,
				     size_t *size_old);
#endif

/* swapcontext is the switch; AddressSanitizer is told about each stack change. A thread's own
 * stack (the init and idle tasks) has no known bottom until a switch away from it reports it. */
void __switch_to(struct thread_struct *prev, struct thread_struct *next)
{
#ifdef HOST_ASAN
	void *fake = NULL;
	const void *old_bottom;
	size_t old_size;

	__sanitizer_start_switch_fiber(&fake, next->stack_bottom, next->stack_size);
	swapcontext(&prev->uc, &next->uc);
	__sanitizer_finish_switch_fiber(fake, &old_bottom, &old_size);
#else
	swapcontext(&prev->uc, &next->uc);
#endif
}

void arch_task_first_run(void)
{
#ifdef HOST_ASAN
	const void *old_bottom;
	size_t old_size;

	__sanitizer_finish_switch_fiber(NULL, &old_bottom, &old_size);
#endif
}

void arch_thread_init(struct thread_struct *t, void (*entry)(void), void *stack, unsigned long size)
{
	getcontext(&t->uc);
	t->uc.uc_stack.ss_sp = stack;
	t->uc.uc_stack.ss_size = size;
	t->uc.uc_link = NULL;
	t->stack_bottom = stack;
	t->stack_size = size;
	makecontext(&t->uc, entry, 0);
}

void arch_thread_release(struct thread_struct *t)
{
#ifdef HOST_ASAN
	if (t->stack_bottom)
		__asan_unpoison_memory_region(t->stack_bottom, t->stack_size);
#else
	(void)t;
#endif
}

/* No interrupts on the host: the idle "wait" is a short sleep, and the idle loop looks again. */
void arch_idle_prepare(void) {}

void arch_cpu_idle(u64 deadline)
{
	struct timespec ts = { 0, 50000 };
	u64 now = get_time();

	if (deadline > now && deadline - now < 50000)
		ts.tv_nsec = (long)(deadline - now);
	nanosleep(&ts, NULL);
}

void arch_resched_cpu(unsigned int cpu) { (void)cpu; }
/* The host's smp_call_on_all() runs every "hart" inline: nothing is ever left pending. */
void smp_poll_call(void) {}
bool smp_call_waiting(void) { return false; }
