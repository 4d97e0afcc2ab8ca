// SPDX-License-Identifier: BSD-2-Clause
/*
 * Zicbom cache maintenance by physical range (asm/cacheflush.h). The block size comes from the
 * DT's cpu nodes (boot_info.cbom_block_size); 0 means no data cache to maintain. The instructions
 * are written as .insn (MISC-MEM, funct3 2, the operation in imm[11:0], rs1 the address), so that
 * no assembler support for Zicbom is needed.
 */
#include <asm/cacheflush.h>
#include <asm/highmem.h>
#include <asm/pgtable.h>
#include <mm/mm.h>
#include <pagoda/boot.h>

static inline void cbo(unsigned long va, enum cbo_op op)
{
	switch (op) {
	case CBO_INVAL:
		__asm__ volatile(".insn i 0x0f, 2, x0, %0, 0" : : "r"(va) : "memory");
		break;
	case CBO_CLEAN:
		__asm__ volatile(".insn i 0x0f, 2, x0, %0, 1" : : "r"(va) : "memory");
		break;
	default:
		__asm__ volatile(".insn i 0x0f, 2, x0, %0, 2" : : "r"(va) : "memory");
		break;
	}
}

/* Every block that [va, va + len) touches. */
static void cbo_va(unsigned long va, size_t len, unsigned long bs, enum cbo_op op)
{
	unsigned long p = va & ~(bs - 1), end = va + len;

	for (; p < end; p += bs)
		cbo(p, op);
}

void arch_cbo_range(phys_addr_t pa, size_t size, enum cbo_op op)
{
	unsigned long bs = boot_info.cbom_block_size;
	unsigned long pfn = pa >> PAGE_SHIFT;

	if (!bs || !size)
		return;
	if (!sv39_enabled || ((pa + size + PAGE_SIZE - 1) >> PAGE_SHIFT) <= max_low_pfn) {
		cbo_va((unsigned long)__va(pa), size, bs, op);
		return;
	}
	while (size) {
		size_t off = pa & (PAGE_SIZE - 1), n = PAGE_SIZE - off < size ? PAGE_SIZE - off : size;
		u8 *p = kmap_local_pfn(pfn);

		cbo_va((unsigned long)(p + off), n, bs, op);
		kunmap_local(p);
		pa += n;
		size -= n;
		pfn++;
	}
}
