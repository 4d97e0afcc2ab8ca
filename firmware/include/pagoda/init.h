// SPDX-License-Identifier: BSD-2-Clause
/* Initcalls: drivers register an init function that runs once on the boot hart after the allocator
 * is up, in two levels as in Linux: core_initcall (interrupt controllers: what other drivers use)
 * before device_initcall. A non-zero return is reported, and boot goes on. */
#ifndef PAGODA_INIT_H
#define PAGODA_INIT_H

#include <pagoda/compiler.h>

struct initcall {
	const char *name;
	int (*fn)(void);
};

#define __define_initcall(ifn, level) \
	static const struct initcall __initcall_##ifn __used __section(".initcalls." #level) \
		__aligned(sizeof(void *)) = { #ifn, ifn }

#define core_initcall(ifn) __define_initcall(ifn, 1)
#define device_initcall(ifn) __define_initcall(ifn, 6)

void do_initcalls(void);

#endif
