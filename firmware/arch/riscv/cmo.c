// SPDX-License-Identifier: BSD-2-Clause
/*
 * Cache-block operations (Zicbom, Zicboz: docs/core.md "Cache-block operations"), used when the
 * DT offers them (boot_info.cbom_block_size / cboz_block_size, 0 otherwise):
 *   - the cache maintenance of non-coherent DMA (mm/dma_noncoherent.c picks clean, inval or
 *     flush by direction, as Linux's arch/riscv/mm/dma-noncoherent.c) over a physical range;
 *   - page clearing with an unrolled cbo.zero loop, as Linux's clear_page
 *     (arch/riscv/lib/clear_page.S) does when Zicboz is there; plain stores otherwise.
 * Ranges are reached through the direct map, or a kmap_local window per HIGHMEM page; a CBO is
 * translated like a store, so the mapping must be writable (PAGE_KERNEL is) for cbo.zero.
 */
#include <asm/cacheflush.h>
#include <asm/highmem.h>
#include <asm/page.h>
#include <asm/pgtable.h>
#include <mm/mm.h>
#include <pagoda/boot.h>
#include <pagoda/string.h>

/* The assembler is told about the extensions here only: the rest of the firmware stays rv64imac. */
#define CBO_INSN(insn, va)						\
	__asm__ volatile(".option push\n.option arch, +zicbom, +zicboz\n"	\
			 insn " (%0)\n.option pop" : : "r"(va) : "memory")

enum cbo_kind { CBO_KIND_CLEAN, CBO_KIND_INVAL, CBO_KIND_FLUSH };

/* Four blocks from p on, p left past them: a cbo takes no offset, so each block costs an add. */
#define CBO_INSN4(insn, p, bs)						\
	__asm__ volatile(".option push\n.option arch, +zicbom, +zicboz\n"	\
			 insn " (%0)\nadd %0, %0, %1\n" insn " (%0)\nadd %0, %0, %1\n"	\
			 insn " (%0)\nadd %0, %0, %1\n" insn " (%0)\nadd %0, %0, %1\n"	\
			 ".option pop" : "+r"(p) : "r"(bs) : "memory")

/* One operation over [p, end), four blocks an iteration: the loop's own add and branch cost as
 * much as a cbo on a line the cache lacks. */
#define CBO_LOOP(insn, p, end, bs)					\
	do {								\
		while ((p) + 4 * (bs) <= (end))				\
			CBO_INSN4(insn, p, bs);				\
		for (; (p) < (end); (p) += (bs))			\
			CBO_INSN(insn, (p));				\
	} while (0)

__hot static void cbo_range(enum cbo_kind kind, unsigned long va, size_t len, unsigned long bs)
{
	unsigned long p = va & ~(bs - 1), end = va + len;

	switch (kind) {
	case CBO_KIND_CLEAN:
		CBO_LOOP("cbo.clean", p, end, bs);
		break;
	case CBO_KIND_INVAL:
		CBO_LOOP("cbo.inval", p, end, bs);
		break;
	default:
		CBO_LOOP("cbo.flush", p, end, bs);
		break;
	}
}

/* Whether [pa, pa + len) lies in the direct map (or translation is off: VA = PA). */
static bool phys_in_direct_map(phys_addr_t pa, size_t len)
{
	return !sv39_enabled || ((pa + len + PAGE_SIZE - 1) >> PAGE_SHIFT) <= max_low_pfn;
}

__hot static void cbo_phys(enum cbo_kind kind, phys_addr_t pa, size_t size)
{
	unsigned long bs = boot_info.cbom_block_size;

	if (!bs || !size)
		return;	/* no Zicbom offered: the DT promises no cache to maintain */
	if (phys_in_direct_map(pa, size)) {
		cbo_range(kind, (unsigned long)__va(pa), size, bs);
		return;
	}
	while (size) {
		size_t off = pa & (PAGE_SIZE - 1), n = PAGE_SIZE - off < size ? PAGE_SIZE - off : size;
		u8 *p = kmap_local_pfn(pa >> PAGE_SHIFT);

		cbo_range(kind, (unsigned long)p + off, n, bs);
		kunmap_local(p);
		pa += n;
		size -= n;
	}
}

__hot void arch_dma_cache_clean(phys_addr_t pa, size_t size) { cbo_phys(CBO_KIND_CLEAN, pa, size); }
__hot void arch_dma_cache_inval(phys_addr_t pa, size_t size) { cbo_phys(CBO_KIND_INVAL, pa, size); }
__hot void arch_dma_cache_flush(phys_addr_t pa, size_t size) { cbo_phys(CBO_KIND_FLUSH, pa, size); }

__hot bool cpu_needs_post_dma_inval(void)
{
	return !boot_info.cpus_no_spec_fill;
}

/* Zero one block (the one that holds va). For the self-tests and clear_page. */
void cbo_zero_block(void *va)
{
	CBO_INSN("cbo.zero", va);
}

/* Zero a page: four blocks an iteration, as Linux's clear_page. */
__hot void clear_page(void *page)
{
	unsigned long bs = boot_info.cboz_block_size, p = (unsigned long)page;
	unsigned long end = p + PAGE_SIZE;

	if (!bs) {
		memset(page, 0, PAGE_SIZE);
		return;
	}
	if (bs > PAGE_SIZE / 4) {
		for (; p < end; p += bs)
			CBO_INSN("cbo.zero", p);
		return;
	}
	for (; p < end; p += 4 * bs) {
		CBO_INSN("cbo.zero", p);
		CBO_INSN("cbo.zero", p + bs);
		CBO_INSN("cbo.zero", p + 2 * bs);
		CBO_INSN("cbo.zero", p + 3 * bs);
	}
}

/* Zero [va, va + len) within one mapped page: stores for a partial block at either end. */
static void zero_mapped(u8 *va, size_t len, unsigned long bs)
{
	unsigned long p = (unsigned long)va, end = p + len;
	unsigned long first = (p + bs - 1) & ~(bs - 1), last = end & ~(bs - 1);

	if (first >= last) {
		memset(va, 0, len);
		return;
	}
	if (first != p)
		memset(va, 0, first - p);
	for (p = first; p + 4 * bs <= last; p += 4 * bs) {
		CBO_INSN("cbo.zero", p);
		CBO_INSN("cbo.zero", p + bs);
		CBO_INSN("cbo.zero", p + 2 * bs);
		CBO_INSN("cbo.zero", p + 3 * bs);
	}
	for (; p < last; p += bs)
		CBO_INSN("cbo.zero", p);
	if (end != last)
		memset((void *)last, 0, end - last);
}

/* zero_phys() for what its fast path leaves: no Zicboz, a partial block, or HIGHMEM. */
static __noinline void zero_phys_slow(phys_addr_t pa, size_t len)
{
	unsigned long bs = boot_info.cboz_block_size;

	if (!bs) {
		memset_phys(pa, 0, len);
		return;
	}
	if (phys_in_direct_map(pa, len)) {
		zero_mapped(__va(pa), len, bs);
		return;
	}
	while (len) {
		size_t off = pa & (PAGE_SIZE - 1), n = PAGE_SIZE - off < len ? PAGE_SIZE - off : len;
		u8 *p = kmap_local_pfn(pa >> PAGE_SHIFT);

		zero_mapped(p + off, n, bs);
		kunmap_local(p);
		pa += n;
		len -= n;
	}
}

/*
 * Whole blocks in the direct map (every page the allocator zeroes) are a leaf loop with no
 * frame: with one it cost 83 instructions to zero one 64-byte block (two prologues of 10 and 7
 * saved registers, their epilogues), twice what memset takes for the same 64 bytes.
 */
__fastpath_leaf void zero_phys(phys_addr_t pa, size_t len)
{
	unsigned long bs = boot_info.cboz_block_size, p, end;

	if (unlikely(!bs || ((pa | len) & (bs - 1)) || !phys_in_direct_map(pa, len))) {
		zero_phys_slow(pa, len);
		return;
	}
	p = (unsigned long)__va(pa);
	end = p + len;
	CBO_LOOP("cbo.zero", p, end, bs);
}

void clear_phys_pages(phys_addr_t pa, unsigned long nr)
{
	if (phys_in_direct_map(pa, nr << PAGE_SHIFT)) {
		for (u8 *va = __va(pa); nr; nr--, va += PAGE_SIZE)
			clear_page(va);
		return;
	}
	for (; nr; nr--, pa += PAGE_SIZE) {
		void *va = kmap_local_pfn(pa >> PAGE_SHIFT);

		clear_page(va);
		kunmap_local(va);
	}
}
