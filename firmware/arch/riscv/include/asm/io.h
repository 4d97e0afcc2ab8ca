// SPDX-License-Identifier: BSD-2-Clause
/*
 * MMIO accessors, the pattern of OpenSBI's riscv_io.h and Linux's arch/riscv/include/asm/mmio.h:
 * every device register access in the firmware goes through these, never through a volatile
 * pointer of its own, so that the ordering is chosen once and stated here.
 *
 * The __raw_ accessors are single loads and stores of the access width (the asm keeps the compiler
 * from splitting, merging or reordering them against each other). The fences, in RISC-V terms,
 * where i/o are device reads/writes and r/w memory reads/writes:
 *   __io_br()  before a read:  nothing; the device read is ordered after earlier device accesses
 *              by the I/O ordering rules, and after earlier memory accesses nobody needs it
 *   __io_ar()  after a read:   fence i,r  - a flag read from a device comes before the CPU reads
 *              the memory it describes (a DMA completion, then the zeroed page)
 *   __io_bw()  before a write: fence w,o  - the CPU's memory writes reach memory before the device
 *              write that tells the device to use them (a DMA post after filling a bitmap)
 *   __io_aw()  after a write:  nothing; Linux needs mmiowb only for spinlocks on weaker systems
 * readX()/writeX() put these around the __raw_ access (asm-generic/io.h, shared with the host);
 * readX_relaxed()/writeX_relaxed() omit the fences: ordered against other accesses of the same
 * device only, for polling loops and register setup where no memory is shared with the device.
 */
#ifndef ASM_IO_H
#define ASM_IO_H

#include <pagoda/types.h>

#define __io_br()	do { } while (0)
#define __io_ar()	__asm__ volatile("fence i,r" ::: "memory")
#define __io_bw()	__asm__ volatile("fence w,o" ::: "memory")
#define __io_aw()	do { } while (0)

static inline void __raw_writeb(u8 val, volatile void *addr)
{
	__asm__ volatile("sb %0, 0(%1)" : : "r"(val), "r"(addr));
}

static inline void __raw_writew(u16 val, volatile void *addr)
{
	__asm__ volatile("sh %0, 0(%1)" : : "r"(val), "r"(addr));
}

static inline void __raw_writel(u32 val, volatile void *addr)
{
	__asm__ volatile("sw %0, 0(%1)" : : "r"(val), "r"(addr));
}

static inline void __raw_writeq(u64 val, volatile void *addr)
{
	__asm__ volatile("sd %0, 0(%1)" : : "r"(val), "r"(addr));
}

static inline u8 __raw_readb(const volatile void *addr)
{
	u8 val;

	__asm__ volatile("lbu %0, 0(%1)" : "=r"(val) : "r"(addr));
	return val;
}

static inline u16 __raw_readw(const volatile void *addr)
{
	u16 val;

	__asm__ volatile("lhu %0, 0(%1)" : "=r"(val) : "r"(addr));
	return val;
}

static inline u32 __raw_readl(const volatile void *addr)
{
	u32 val;

	__asm__ volatile("lw %0, 0(%1)" : "=r"(val) : "r"(addr));
	return val;
}

static inline u64 __raw_readq(const volatile void *addr)
{
	u64 val;

	__asm__ volatile("ld %0, 0(%1)" : "=r"(val) : "r"(addr));
	return val;
}

#include <asm-generic/io.h>

#endif
