// SPDX-License-Identifier: BSD-2-Clause
/*
 * The MMIO accessors every architecture shares, as Linux's include/asm-generic/io.h: an arch's
 * asm/io.h defines only what differs between targets, the single-access __raw_{read,write}{b,w,l,q}
 * and the four fences around them (__io_br/__io_ar before and after a read, __io_bw/__io_aw before
 * and after a write; their meaning is documented in arch/riscv's asm/io.h), then includes this.
 * readX_relaxed()/writeX_relaxed() omit the fences; readX()/writeX() put them around the access.
 */
#ifndef ASM_GENERIC_IO_H
#define ASM_GENERIC_IO_H

#if !defined(__io_br) || !defined(__io_ar) || !defined(__io_bw) || !defined(__io_aw)
#error "asm/io.h defines the four __io_* fences before it includes asm-generic/io.h"
#endif

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
