// SPDX-License-Identifier: BSD-2-Clause
/* Small compiler helpers in the kernel's spelling (guarded: glibc's cdefs.h defines some of them
 * for host builds). */
#ifndef PAGODA_COMPILER_H
#define PAGODA_COMPILER_H

#include <stddef.h>

#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)
#ifndef __always_inline
#define __always_inline inline __attribute__((always_inline))
#endif
#ifndef __noinline
#define __noinline __attribute__((noinline))
#endif
/* Error reporting off a fast path: out of line, so the path keeps to few registers and no frame. */
#ifndef __cold
#define __cold __attribute__((__cold__, __noinline__))
#endif
#ifndef __noreturn
#define __noreturn __attribute__((noreturn))
#endif
#ifndef __packed
#define __packed __attribute__((packed))
#endif
#ifndef __aligned
#define __aligned(x) __attribute__((aligned(x)))
#endif
#ifndef __used
#define __used __attribute__((used))
#endif
#ifndef __section
#define __section(s) __attribute__((section(s)))
#endif
#ifndef __printf
#define __printf(a, b) __attribute__((format(printf, a, b)))
#endif
/* Placed with the other hot functions at the start of the text (firmware.ld, as Linux's
 * .text.hot): the paths a page's zeroing and a DMA mapping take, and the allocators' fast paths,
 * then sit together in the direct-mapped 16 KiB I$ instead of evicting one another wherever the
 * link put them. */
#ifndef __hot
#define __hot __attribute__((__hot__))
#endif
/* Fast-path entry points that are leaves on their fast path (order-0 pages, kmalloc/kfree,
 * kmem_cache_alloc/free, the zeroing dispatch and zero_phys): every way off it is a tail call
 * and, without a frame pointer, they save no register (a debugger unwinds them through ra).
 * Hot: in the hot text, where no other hot function nor a timed loop shares their I$ lines
 * (pagoda/bench.h __bench_loop). */
#ifndef __fastpath_leaf
#if defined(__GNUC__) && !defined(__clang__)
#define __fastpath_leaf __attribute__((optimize("omit-frame-pointer"))) __hot
#else
#define __fastpath_leaf	__hot	/* clang (host fuzzing builds): no per-function optimize */
#endif
#endif
/*
 * Data placement for the 4 KiB 2-way D$ (32 sets of 64 bytes; docs/memory.md "Where the
 * allocator's data sit in the D$"). Where a line lands decides which of the two others in its
 * set it evicts, and when the link order decided, any variable added before the allocator's data
 * moved them: the plain order-0 burst went 268 -> 488 cycles when one driver struct moved from
 * .bss to .data. Data read or written on every allocation, free or zeroing go at fixed D$ sets
 * (firmware.ld), whatever else is added:
 *   __cache_hot         scalars, packed
 *   __cache_hot_rows    arrays with a row per hart, node or zone, each from a line of its own
 *   __cache_hot_struct  structs whose first line is the hot one, each from a line of its own
 * __page_aligned_bss: large structures whose hot lines sit at fixed offsets in them (the zones in
 * node_data, the boot stacks): page aligned, so those lines' sets follow from their own layout.
 */
#ifndef __cache_hot
#define __cache_hot __section(".data_cache_hot.0")
#define __cache_hot_rows __section(".data_cache_hot.1") __aligned(64)
#define __cache_hot_struct __section(".data_cache_hot.2") __aligned(64)
#endif
#ifndef __page_aligned_bss
#define __page_aligned_bss __section(".bss..page_aligned") __aligned(4096)
#endif
/* The timed loops and the counter reads around them, right after the hot text (pagoda/bench.h). */
#ifndef __bench_text
#define __bench_text __attribute__((__section__(".text.bench")))
#endif
#ifndef __maybe_unused
#define __maybe_unused __attribute__((unused))
#endif

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define BUILD_BUG_ON(cond) _Static_assert(!(cond), #cond)
#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))

#define READ_ONCE(x) (*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, v) (*(volatile __typeof__(x) *)&(x) = (v))
/* Make var opaque to the optimiser: it stays one base register instead of being re-derived into
 * every address computed from it (Linux's OPTIMIZER_HIDE_VAR). */
#define OPTIMIZER_HIDE_VAR(var) __asm__("" : "=r"(var) : "0"(var))

#define ALIGN(x, a) (((x) + ((a) - 1)) & ~((__typeof__(x))(a) - 1))
#define ALIGN_DOWN(x, a) ((x) & ~((__typeof__(x))(a) - 1))
#define IS_ALIGNED(x, a) (((x) & ((__typeof__(x))(a) - 1)) == 0)
#define DIV_ROUND_UP(n, d) (((n) + (d) - 1) / (d))
#define min(a, b) ((a) < (b) ? (a) : (b))
#define max(a, b) ((a) > (b) ? (a) : (b))

#endif
