// SPDX-License-Identifier: BSD-2-Clause
/*
 * Self-tests of the cache-block operations (arch/riscv/cmo.c) where the DT offers them (the SoC;
 * QEMU 7.2 has none, so there they skip): cbo.zero clears exactly its block from any offset in
 * it, clear_page() clears exactly its page and does it with cbo.zero (counted in retired
 * instructions), and the DMA maintenance runs in S-mode (OpenSBI's menvcfg allows it) without
 * touching the data, which without a data cache is the only copy.
 */
#include <asm/cacheflush.h>
#include <asm/highmem.h>
#include <asm/page.h>
#include <asm/timex.h>
#include <mm/gfp.h>
#include <mm/mm.h>
#include <pagoda/boot.h>
#include <pagoda/selftest.h>
#include <pagoda/spinlock.h>
#include <pagoda/string.h>

#define GUARD 0xa5

/* Bytes of buf[0, len) that are not what they should be: 0 in [zlo, zhi), GUARD elsewhere. */
static size_t bad_bytes(const u8 *buf, size_t len, size_t zlo, size_t zhi)
{
	size_t bad = 0;

	for (size_t i = 0; i < len; i++)
		bad += buf[i] != (i >= zlo && i < zhi ? 0 : GUARD);
	return bad;
}

SELFTEST(cbo_block_sizes_from_dt)
{
	/* the SoC's core has 64-byte blocks; a DT without the extensions offers none */
	ST_ASSERT(boot_info.cbom_block_size == 0 || boot_info.cbom_block_size == 64);
	ST_ASSERT(boot_info.cboz_block_size == 0 || boot_info.cboz_block_size == 64);
	return 0;
}

SELFTEST(cbo_zero_exact_block)
{
	size_t bs = boot_info.cboz_block_size, bad1, bad2;
	struct page *page;
	u8 *buf;

	if (!bs)
		ST_SKIP("the device tree offers no Zicboz");
	page = alloc_pages(GFP_KERNEL, 1);
	ST_ASSERT(page != NULL);
	buf = arch_phys_to_virt(page_to_phys(page));
	memset(buf, GUARD, 2 * PAGE_SIZE);
	cbo_zero_block(buf + 3 * bs + 13);	/* an offset within the block is ignored */
	bad1 = bad_bytes(buf, 2 * PAGE_SIZE, 3 * bs, 4 * bs);
	memset(buf, GUARD, 2 * PAGE_SIZE);
	cbo_zero_block(buf + PAGE_SIZE - 1);	/* the last block of the first page */
	bad2 = bad_bytes(buf, 2 * PAGE_SIZE, PAGE_SIZE - bs, PAGE_SIZE);
	__free_pages(page, 1);
	ST_ASSERT_EQ(bad1, 0);
	ST_ASSERT_EQ(bad2, 0);
	return 0;
}

/* zero_phys (the driver's software path): cbo.zero for the whole blocks, stores at the ends. */
SELFTEST(cbo_zero_phys_exact)
{
	static const struct { size_t off, len; } cases[] = {
		{ 0, 64 }, { 13, 200 }, { 64, 7 * 64 }, { 63, 2 }, { 1, 4095 }, { 100, 4096 },
		{ 4096 - 64, 128 }, { 5, 0 }, { 64, 0 }, { 0, 2 * 4096 },
	};
	phys_addr_t pa;
	struct page *page;
	size_t bad = 0;
	u8 *buf;

	page = alloc_pages(GFP_KERNEL, 1);
	ST_ASSERT(page != NULL);
	pa = page_to_phys(page);
	buf = arch_phys_to_virt(pa);
	for (unsigned int i = 0; i < ARRAY_SIZE(cases) && !bad; i++) {
		memset(buf, GUARD, 2 * PAGE_SIZE);
		zero_phys(pa + cases[i].off, cases[i].len);
		bad = bad_bytes(buf, 2 * PAGE_SIZE, cases[i].off, cases[i].off + cases[i].len);
		if (bad)
			selftest_fail("case %u (offset %zu, %zu bytes): %zu bytes wrong", i,
				      cases[i].off, cases[i].len, bad);
	}
	__free_pages(page, 1);
	return bad ? -1 : 0;
}

/*
 * Whole blocks in the direct map are zero_phys()'s fast path, a leaf loop: one 64-byte block
 * retires 29 instructions with Sv39 on, the counter reads and the call included. With a frame
 * and an out-of-line helper it took 83 more or less, against 43 for memset's 64 bytes: the
 * CPU's "best" path lost to plain stores.
 */
SELFTEST(cbo_zero_phys_block_cost)
{
	unsigned long n0, n1, flags;
	struct page *page;
	phys_addr_t pa;

	if (!boot_info.cboz_block_size)
		ST_SKIP("the device tree offers no Zicboz");
	page = alloc_pages(GFP_KERNEL, 0);
	ST_ASSERT(page != NULL);
	pa = page_to_phys(page);
	local_irq_save(flags);	/* a tick's handler would be counted */
	n0 = get_instret();
	zero_phys(pa + 64, 64);
	n1 = get_instret();
	local_irq_restore(flags);
	__free_pages(page, 0);
	if (n1 - n0 > 32)
		ST_FAIL("one block: %lu instructions retired", n1 - n0);
	return 0;
}

SELFTEST(cbo_clear_page_exact)
{
	unsigned long n0, n1;
	struct page *page;
	size_t bad;
	u8 *buf;

	page = alloc_pages(GFP_KERNEL, 2);
	ST_ASSERT(page != NULL);
	buf = arch_phys_to_virt(page_to_phys(page));
	memset(buf, GUARD, 4 * PAGE_SIZE);
	clear_phys_pages(page_to_phys(page) + PAGE_SIZE, 2);
	bad = bad_bytes(buf, 4 * PAGE_SIZE, PAGE_SIZE, 3 * PAGE_SIZE);
	memset(buf, GUARD, PAGE_SIZE);
	n0 = get_instret();
	clear_page(buf);
	n1 = get_instret();
	__free_pages(page, 2);
	ST_ASSERT_EQ(bad, 0);
	/*
	 * With Zicboz a page is 64 cbo.zero and a few instructions per four of them; stores take at
	 * least 512 (8 bytes each). Counted on the SoC (QEMU counts instret with its own rules).
	 */
	if (boot_info.cboz_block_size)
		ST_ASSERT(n1 - n0 < PAGE_SIZE / 8 / 2);
	return 0;
}

SELFTEST(cbo_dma_maintenance_keeps_data)
{
	struct page *page;
	size_t bad;
	u8 *buf;

	if (!boot_info.cbom_block_size)
		ST_SKIP("the device tree offers no Zicbom");
	page = alloc_pages(GFP_KERNEL, 1);
	ST_ASSERT(page != NULL);
	buf = arch_phys_to_virt(page_to_phys(page));
	memset(buf, GUARD, 2 * PAGE_SIZE);
	/* unaligned ranges, across the page boundary */
	arch_dma_cache_clean(page_to_phys(page) + 5, PAGE_SIZE);
	arch_dma_cache_flush(page_to_phys(page) + 100, 300);
	arch_dma_cache_inval(page_to_phys(page) + PAGE_SIZE - 1, 2);
	bad = bad_bytes(buf, 2 * PAGE_SIZE, 0, 0);
	__free_pages(page, 1);
	ST_ASSERT_EQ(bad, 0);
	return 0;
}
