// SPDX-License-Identifier: BSD-2-Clause
/* Initcalls: drivers register an init function that runs once on the boot hart after the allocator
 * is up, in two levels as in Linux: core_initcall (interrupt controllers: what other drivers use)
 * before device_initcall. A non-zero return is reported, and boot goes on. Boot parameters are
 * registered the same way with early_param(), below. */
#ifndef PAGODA_INIT_H
#define PAGODA_INIT_H

#include <pagoda/compiler.h>
#include <pagoda/types.h>

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

/*
 * Boot parameters, as Linux's early_param(): a subsystem registers the handler of its key, and
 * parse_early_params() calls it for each word of the command line with that key, val the text
 * after '=' (NULL for a bare word). A handler returns 0, or a negative number when it does not
 * understand the value: that is reported and the subsystem's default stays. Before any handler
 * runs, bootargs_check() (kernel/params.c) has refused unknown words and bad values and ended the
 * boot, so in the firmware a refused value here means the two disagree; host tests boot with
 * whatever they like. The entries live in the section early_param (__start_/__stop_early_param:
 * firmware.ld on the target, the linker's own symbols on the host).
 */
struct early_param {
	const char *name;
	int (*setup)(const char *val);
};

/* Weak: a host program without any early_param() has no such section. */
extern const struct early_param __start_early_param[] __attribute__((weak));
extern const struct early_param __stop_early_param[] __attribute__((weak));

#define early_param(str, fn) \
	static const struct early_param __early_param_##fn __used __section("early_param") \
		__aligned(sizeof(void *)) = { str, fn }

/* Run the handlers for args (NUL-terminated words separated by blanks); mm_init() calls it first
 * thing, once per boot, as Linux's setup_arch() does. Returns the number of refused values. */
int parse_early_params(const char *args);

/*
 * The lists of name prefixes that selftest_filter= and bench_filter= take: "boot_,dma_". The
 * length of the item at p (up to the next comma or the end), and whether name starts with one
 * of the list's non-empty items.
 */
size_t list_item_len(const char *p);
bool name_in_prefix_list(const char *name, const char *list);

#endif
