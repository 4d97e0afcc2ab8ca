// SPDX-License-Identifier: BSD-2-Clause
/* Host-build arch layer: what firmware/arch/riscv provides on the target, done with libc and
 * threads, so that firmware/mm and the kernel's portable parts run in host unit tests. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
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
