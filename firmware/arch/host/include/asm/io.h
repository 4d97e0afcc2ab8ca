// SPDX-License-Identifier: BSD-2-Clause
/*
 * MMIO accessors for host builds (unit tests, fuzzers): the same names and the same ordering
 * promises as firmware/arch/riscv/include/asm/io.h, where "device" memory is ordinary memory.
 * The __raw_ forms are single volatile accesses; readX() is followed by an acquire fence (the
 * device read comes before later memory reads, as fence i,r), writeX() is preceded by a release
 * fence (earlier memory writes come first, as fence w,o). The _relaxed forms have no fences.
 * Only these differ from the target: the accessors themselves are asm-generic/io.h's.
 */
#ifndef ASM_IO_H
#define ASM_IO_H

#include <pagoda/types.h>

#define __io_br()	do { } while (0)
#define __io_ar()	__atomic_thread_fence(__ATOMIC_ACQUIRE)
#define __io_bw()	__atomic_thread_fence(__ATOMIC_RELEASE)
#define __io_aw()	do { } while (0)

#define __raw_readb(c)		(*(const volatile u8 *)(c))
#define __raw_readw(c)		(*(const volatile u16 *)(c))
#define __raw_readl(c)		(*(const volatile u32 *)(c))
#define __raw_readq(c)		(*(const volatile u64 *)(c))
#define __raw_writeb(v, c)	((void)(*(volatile u8 *)(c) = (v)))
#define __raw_writew(v, c)	((void)(*(volatile u16 *)(c) = (v)))
#define __raw_writel(v, c)	((void)(*(volatile u32 *)(c) = (v)))
#define __raw_writeq(v, c)	((void)(*(volatile u64 *)(c) = (v)))

#include <asm-generic/io.h>

#endif
