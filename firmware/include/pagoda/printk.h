// SPDX-License-Identifier: BSD-2-Clause
/* Kernel-style logging and assertions. printk() goes to the console in firmware, to stdout on the
 * host. WARN_ON reports and continues; BUG_ON reports and stops the system (panic). */
#ifndef PAGODA_PRINTK_H
#define PAGODA_PRINTK_H

#include <stdarg.h>
#include <stddef.h>
#include <pagoda/compiler.h>

int printk(const char *fmt, ...) __printf(1, 2);
int vprintk(const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
void panic(const char *fmt, ...) __printf(1, 2) __noreturn;

/* Number of WARN_ON/WARN_ONCE reports so far: tests use it to check that bad input was reported. */
extern unsigned long warn_count;
void __warn(const char *file, int line, const char *cond);

#define pr_err(fmt, ...) printk("error: " fmt, ##__VA_ARGS__)
#define pr_warn(fmt, ...) printk("warning: " fmt, ##__VA_ARGS__)
#define pr_info(fmt, ...) printk(fmt, ##__VA_ARGS__)
#define pr_debug(fmt, ...) do { if (0) printk(fmt, ##__VA_ARGS__); } while (0)

#define WARN_ON(cond) ({ \
	int __c = !!(cond); \
	if (unlikely(__c)) \
		__warn(__FILE__, __LINE__, #cond); \
	unlikely(__c); })

#define WARN_ON_ONCE(cond) ({ \
	static int __warned; \
	int __c = !!(cond); \
	if (unlikely(__c) && !__warned) { \
		__warned = 1; \
		__warn(__FILE__, __LINE__, #cond); \
	} \
	unlikely(__c); })

#define BUG_ON(cond) do { \
	if (unlikely(cond)) \
		panic("BUG at %s:%d: %s", __FILE__, __LINE__, #cond); \
} while (0)

#endif
