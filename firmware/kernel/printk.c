// SPDX-License-Identifier: BSD-2-Clause
/* Console output: printk formats into a local buffer and writes it under a lock, so lines from
 * different harts never interleave. Characters go out through the SBI legacy console. Input comes
 * from the SBI console too, until a UART driver takes it over (interrupt-driven receive). */
#include <stdarg.h>
#include <asm/barrier.h>
#include <pagoda/console.h>
#include <pagoda/platform.h>
#include <pagoda/printk.h>
#include <pagoda/sched.h>
#include <pagoda/sbi.h>
#include <pagoda/spinlock.h>
#include <pagoda/vsprintf.h>

static spinlock_t console_lock = SPIN_LOCK_UNLOCKED;
unsigned long warn_count;

void console_write(const char *s, size_t n)
{
	unsigned long flags;

	spin_lock_irqsave(&console_lock, flags);
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			sbi_console_putchar('\r');
		sbi_console_putchar(s[i]);
	}
	spin_unlock_irqrestore(&console_lock, flags);
}

static const struct console_input *console_input;

void console_register_input(const struct console_input *in)
{
	console_input = in;
}

int console_getchar(void)
{
	return console_input ? console_input->getchar() : sbi_console_getchar();
}

void console_wait_input(void)
{
	if (console_input) {
		console_input->wait();
	} else {
		cond_resched();	/* polling the SBI console: the hart's other tasks run meanwhile */
		cpu_relax();
	}
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	return pagoda_vsnprintf(buf, size, fmt, ap);
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = pagoda_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

int vprintk(const char *fmt, va_list ap)
{
	char buf[512];
	int n = pagoda_vsnprintf(buf, sizeof(buf), fmt, ap);

	console_write(buf, n < (int)sizeof(buf) ? (size_t)n : sizeof(buf) - 1);
	return n;
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
	va_list ap;

	printk("\nKernel panic: ");
	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
	printk("\n");
	platform_exit(EXIT_PANIC);
}
