// SPDX-License-Identifier: BSD-2-Clause
/*
 * MMIO accessors for host builds (unit tests, fuzzers): the same names and the same ordering
 * promises as firmware/arch/riscv/include/asm/io.h, where "device" memory is ordinary memory.
 * The __raw_ forms are single volatile accesses; readX() is followed by an acquire fence (the
 * device read comes before later memory reads, as fence i,r), writeX() is preceded by a release
 * fence (earlier memory writes come first, as fence w,o). The _relaxed forms have no fences.
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

#define readb_relaxed(c)	__raw_readb(c)
#define readw_relaxed(c)	__raw_readw(c)
#define readl_relaxed(c)	__raw_readl(c)
#define readq_relaxed(c)	__raw_readq(c)
#define writeb_relaxed(v, c)	__raw_writeb((v), (c))
#define writew_relaxed(v, c)	__raw_writew((v), (c))
#define writel_relaxed(v, c)	__raw_writel((v), (c))
#define writeq_relaxed(v, c)	__raw_writeq((v), (c))

#define readb(c)	({ u8 __v; __io_br(); __v = __raw_readb(c); __io_ar(); __v; })
#define readw(c)	({ u16 __v; __io_br(); __v = __raw_readw(c); __io_ar(); __v; })
#define readl(c)	({ u32 __v; __io_br(); __v = __raw_readl(c); __io_ar(); __v; })
#define readq(c)	({ u64 __v; __io_br(); __v = __raw_readq(c); __io_ar(); __v; })
#define writeb(v, c)	({ __io_bw(); __raw_writeb((v), (c)); __io_aw(); })
#define writew(v, c)	({ __io_bw(); __raw_writew((v), (c)); __io_aw(); })
#define writel(v, c)	({ __io_bw(); __raw_writel((v), (c)); __io_aw(); })
#define writeq(v, c)	({ __io_bw(); __raw_writeq((v), (c)); __io_aw(); })

#endif
