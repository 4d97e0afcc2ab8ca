/* Device initcalls: drivers register an init function that runs once on the boot hart after the
 * allocator is up (Linux's device_initcall). A non-zero return is reported, and boot goes on. */
#ifndef PAGODA_INIT_H
#define PAGODA_INIT_H

#include <pagoda/compiler.h>

struct initcall {
	const char *name;
	int (*fn)(void);
};

#define device_initcall(ifn) \
	static const struct initcall __initcall_##ifn __used __section(".initcalls") \
		__aligned(sizeof(void *)) = { #ifn, ifn }

void do_initcalls(void);

#endif
