// SPDX-License-Identifier: BSD-2-Clause
/*
 * Self-tests of pgaccel as a DMA API device (dma_pgaccel_*, SoC only): pgaccel_dev has the window
 * the boot ROM locked and the device tree's dma-ranges names; memory outside it is refused by the
 * API (DMA_MAPPING_ERROR) before the engine sees a command; the engine works on what the API
 * hands it, coherent buffers and streaming mappings alike; no mapping is left behind.
 */
#include <asm/cacheflush.h>
#include <asm/page.h>
#include <mm/dma-mapping.h>
#include <mm/gfp.h>
#include <mm/mm.h>
#include <mm/slab.h>
#include <pagoda/boot.h>
#include <pagoda/fdt.h>
#include <pagoda/selftest.h>
#include <pagoda/string.h>
#include "pgaccel.h"
#include "pgaccel_regs.h"

#define FW_NEXT_ADDR	((u64)PAGODA_RAM_BASE + PAGODA_RAM_PAYLOAD_OFFSET)

static int need_engine(void)
{
	if (!pgaccel.present)
		return selftest_skip("no pgaccel in the device tree");
	if (pgaccel.wedged)
		return selftest_skip("engine out of service");
	return 0;
}

SELFTEST(dma_pgaccel_device)
{
	const void *fdt = boot_info.fdt;
	int node = fdt_node_offset_by_compatible(fdt, -1, "pagoda,pgaccel"), len, r = need_engine();
	const void *prop;
	u64 base, size;

	if (r)
		return r;
	ST_ASSERT_EQ(pgaccel_dev.dma_window_start, pgaccel_readq(PGACCEL_REG_WIN_BASE));
	ST_ASSERT_EQ(pgaccel_dev.dma_window_end, pgaccel_readq(PGACCEL_REG_WIN_END));
	ST_ASSERT_EQ(*pgaccel_dev.dma_mask, DMA_BIT_MASK(32));
	ST_ASSERT_EQ(pgaccel_dev.coherent_dma_mask, DMA_BIT_MASK(32));
	/* The engine reads and writes RAM, not the core's data cache: a SoC built with the D$ says
	 * dma-noncoherent (pagoda-dcache.dtb) and the driver follows the device tree. */
	ST_ASSERT_EQ(pgaccel_dev.dma_coherent, fdt_getprop(fdt, node, "dma-noncoherent", &len) == NULL);
	/* The device tree says the same, in the form Linux reads. */
	prop = fdt_getprop(fdt, node, "dma-ranges", &len);
	ST_ASSERT(prop);
	ST_ASSERT_EQ(dma_parse_ranges("selftest", prop, len, 2, 2, 2, &base, &size), 0);
	ST_ASSERT_EQ(base, pgaccel_dev.dma_window_start);
	ST_ASSERT_EQ(base + size, pgaccel_dev.dma_window_end);
	return 0;
}

/* Below the window: the API refuses, the engine gets nothing (no op, no ERR_WINDOW). */
SELFTEST(dma_pgaccel_refused_before_hw)
{
	unsigned long ops, errw = pgaccel.stats.err[PGACCEL_ERR_WINDOW], refused;
	void *below = arch_phys_to_virt(FW_NEXT_ADDR - PAGE_SIZE);
	int r = need_engine();
	dma_addr_t d;

	if (r)
		return r;
	pgaccel_prezero_wait();
	ops = pgaccel_readq(PGACCEL_REG_CNT_OPS);
	refused = pgaccel_dev.dma_refused;
	d = dma_map_single(&pgaccel_dev, below, PAGE_SIZE, DMA_FROM_DEVICE);
	ST_ASSERT(dma_mapping_error(&pgaccel_dev, d));
	d = dma_map_single(&pgaccel_dev, (u8 *)below + PAGE_SIZE - 8, 16, DMA_TO_DEVICE);
	ST_ASSERT(dma_mapping_error(&pgaccel_dev, d));		/* across the window's start */
	ST_ASSERT_EQ(pgaccel_dev.dma_refused, refused + 2);
	ST_ASSERT(!pgaccel_dma_ok(FW_NEXT_ADDR - 8, 16));
	ST_ASSERT_EQ(pgaccel_readq(PGACCEL_REG_CNT_OPS), ops);
	ST_ASSERT_EQ(pgaccel.stats.err[PGACCEL_ERR_WINDOW], errw);
	return 0;
}

/* The engine zeroes a coherent buffer and fills a streaming mapping by their bus addresses. */
SELFTEST(dma_pgaccel_engine_on_api_buffers)
{
	unsigned long live, before;
	u8 *buf, *coh;
	dma_addr_t d, h;
	int r = need_engine();

	if (r)
		return r;
	pgaccel_prezero_wait();
	live = dma_debug_live(&pgaccel_dev);
	before = pgaccel_readq(PGACCEL_REG_CNT_OPS);
	coh = dma_alloc_coherent(&pgaccel_dev, 16384, &h, GFP_KERNEL);
	ST_ASSERT(coh);
	ST_ASSERT(h >= pgaccel_dev.dma_window_start && h + 16384 <= pgaccel_dev.dma_window_end);
	memset(coh, 0x77, 16384);
	/*
	 * A coherent buffer of a non-coherent device would be mapped uncached (Linux: Svpbmt or an
	 * uncached alias); Pagoda has neither yet (docs/mm.md "DMA"), so it is cached and whoever
	 * writes it with the CPU must flush before the device runs, and invalidate after.
	 */
	arch_dma_cache_flush(h, 16384);
	ST_ASSERT_EQ(pgaccel_hw_fill(h, 16384, 0, true), 0);
	arch_dma_cache_inval(h, 16384);
	for (int i = 0; i < 16384; i++)
		ST_ASSERT_EQ(coh[i], 0);
	buf = kmalloc(512, GFP_KERNEL);
	ST_ASSERT(buf);
	memset(buf, 0, 512);
	d = dma_map_single(&pgaccel_dev, buf, 512, DMA_FROM_DEVICE);
	ST_ASSERT(!dma_mapping_error(&pgaccel_dev, d));
	ST_ASSERT_EQ(pgaccel_hw_fill(d, 512, 0x0102030405060708ULL, false), 0);
	dma_unmap_single(&pgaccel_dev, d, 512, DMA_FROM_DEVICE);
	for (int i = 0; i < 512; i++)
		ST_ASSERT_EQ(buf[i], 8 - (i & 7));
	ST_ASSERT(pgaccel_readq(PGACCEL_REG_CNT_OPS) >= before + 2);
	kfree(buf);
	dma_free_coherent(&pgaccel_dev, 16384, coh, h);
	pgaccel_prezero_wait();
	ST_ASSERT_EQ(dma_debug_live(&pgaccel_dev), live);
	return 0;
}

/*
 * Streaming DMA with the data cache (Linux's non-coherent sequence, mm/dma_noncoherent.c): the
 * engine reads and writes RAM, never the CPU's write-back cache, so each step of the sequence has
 * a case here that fails when that step is missing:
 *   1. to the device: the CPU's dirty lines must be cleaned before the engine reads (SCAN sees the
 *      bits the CPU set, not the stale RAM under them: all 8 lines are dirty and the run searched
 *      for needs all of them, so a line evicted by chance before the engine runs cannot hide a
 *      missing clean);
 *   2. from the device: the CPU's lines must be dropped (the CPU reads what the engine wrote, not
 *      the lines it had cached before), on every round of a reused mapping: after the engine
 *      wrote, or before it, on a core that never refills them on its own (Pagoda's);
 *   3. from the device, before: the CPU's dirty lines must be cleaned (an eviction while or after
 *      the engine writes would put the CPU's old bytes over the engine's).
 * Every step is dma_sync_single_for_device before a command and dma_sync_single_for_cpu after.
 * Without a data cache (no riscv,cbom-block-size) the same checks hold trivially.
 */
#define COH_LEN		512		/* 8 blocks of 64 bytes */
#define COH_EVICT_ORDER	4		/* 64 KiB read after the engine: more than any L1 holds */

/* Read one word of every 64-byte block of `pages`: every line of the buffer under test leaves the
 * cache (written back if dirty). */
static u64 evict_by_reading(struct page *pages)
{
	const volatile u64 *p = arch_phys_to_virt(page_to_phys(pages));
	u64 sum = 0;

	for (unsigned long i = 0; i < (PAGE_SIZE << COH_EVICT_ORDER) / 8; i += 8)
		sum += p[i];
	return sum;
}

static int coh_to_device(struct page *page)
{
	u64 *map = arch_phys_to_virt(page_to_phys(page)), res = 0;
	const u64 bits = COH_LEN * 8;
	dma_addr_t d;

	/* RAM holds an all-used bitmap; then the CPU frees every bit, in its cache only. The run
	 * of `bits` free bits needs every line: one the engine reads stale hides it. */
	memset(map, 0, COH_LEN);
	arch_dma_cache_flush(page_to_phys(page), COH_LEN);
	for (int i = 0; i < COH_LEN / 8; i++)
		WRITE_ONCE(map[i], ~0ULL);
	d = dma_map_single(&pgaccel_dev, map, COH_LEN, DMA_TO_DEVICE);
	ST_ASSERT(!dma_mapping_error(&pgaccel_dev, d));
	ST_ASSERT_EQ(pgaccel_hw_scan(d, bits, 0, bits, 0, true, &res), 0);
	dma_unmap_single(&pgaccel_dev, d, COH_LEN, DMA_TO_DEVICE);
	if (res != 0)
		ST_FAIL("SCAN found %llu, not 0: it read RAM without the CPU's bits (no clean)",
			(unsigned long long)res);
	return 0;
}

/* Every byte of buf is `want` (a failure ends the test: a mapping is left behind, as above). */
static void coh_check(const u8 *buf, u8 want, const char *what)
{
	for (int i = 0; i < COH_LEN; i++)
		if (READ_ONCE(buf[i]) != want)
			ST_FAIL("%s: byte %d is 0x%02x, not 0x%02x", what, i, buf[i], want);
}

static int coh_from_device(struct page *page, struct page *evict)
{
	u8 *buf = (u8 *)arch_phys_to_virt(page_to_phys(page)) + COH_LEN;
	dma_addr_t d;

	/* Case 2: the CPU has the buffer's lines (clean) when the engine writes RAM under them. */
	memset(buf, 0x5a, COH_LEN);
	d = dma_map_single(&pgaccel_dev, buf, COH_LEN, DMA_FROM_DEVICE);
	ST_ASSERT(!dma_mapping_error(&pgaccel_dev, d));
	for (int round = 0; round < 2; round++) {
		u8 v = (u8)(0x11 * (round + 1));

		coh_check(buf, round ? 0x11 : 0x5a, "before the engine");	/* lines cached */
		dma_sync_single_for_device(&pgaccel_dev, d, COH_LEN, DMA_FROM_DEVICE);
		ST_ASSERT_EQ(pgaccel_hw_fill(d, COH_LEN, 0x0101010101010101ULL * v, false), 0);
		dma_sync_single_for_cpu(&pgaccel_dev, d, COH_LEN, DMA_FROM_DEVICE);
		coh_check(buf, v, "engine's FILL over cached lines (not invalidated?)");
	}

	/* Case 3: dirty lines when the device is handed the buffer, evicted after it wrote. */
	memset(buf, 0xa5, COH_LEN);
	dma_sync_single_for_device(&pgaccel_dev, d, COH_LEN, DMA_FROM_DEVICE);
	ST_ASSERT_EQ(pgaccel_hw_fill(d, COH_LEN, 0x3c3c3c3c3c3c3c3cULL, false), 0);
	(void)evict_by_reading(evict);
	dma_sync_single_for_cpu(&pgaccel_dev, d, COH_LEN, DMA_FROM_DEVICE);
	coh_check(buf, 0x3c, "engine's FILL after an eviction (dirty lines not cleaned?)");
	dma_unmap_single(&pgaccel_dev, d, COH_LEN, DMA_FROM_DEVICE);
	return 0;
}

SELFTEST(dma_pgaccel_streaming_coherence)
{
	struct page *page, *evict;
	int r = need_engine();

	if (r)
		return r;
	pgaccel_prezero_wait();
	page = alloc_page(GFP_KERNEL);
	ST_ASSERT(page);
	evict = alloc_pages(GFP_KERNEL, COH_EVICT_ORDER);
	ST_ASSERT(evict);
	coh_to_device(page);
	coh_from_device(page, evict);
	__free_page(page);
	__free_pages(evict, COH_EVICT_ORDER);
	return 0;
}

/*
 * The driver's engine path zeroes a large block in pieces, mapping each while the engine fills
 * the one before (pgaccel_hw_fill_mapped): every piece's lines must still be dropped before the
 * engine writes them. A dirty line in each piece (different sets, all in the 4 KiB D$ at once),
 * then the zero, then an eviction: a line the piece's mapping missed is written back over the
 * engine's zeroes. For a non-coherent engine 64 KiB goes in pieces; for a coherent one, whole.
 */
#define PIECES_ORDER	4
/* The pieces of 64 KiB: [0, 4K), [4K, 12K), [12K, 28K), [28K, 64K) (fill_pieces(), growth 2). */
static const unsigned long pieces_dirty[] = { 64, 8192 + 128, 20480 + 192, 40960 + 256, 65536 - 64 };

SELFTEST(dma_pgaccel_zero_pieces)
{
	unsigned long len = PAGE_SIZE << PIECES_ORDER, cmds = pgaccel.stats.hw_pieces;
	struct page *page, *evict;
	u8 *buf;
	int r = need_engine();

	if (r)
		return r;
	pgaccel_prezero_wait();
	page = alloc_pages(GFP_KERNEL, PIECES_ORDER);
	ST_ASSERT(page);
	evict = alloc_pages(GFP_KERNEL, COH_EVICT_ORDER);
	ST_ASSERT(evict);
	buf = arch_phys_to_virt(page_to_phys(page));
	memset(buf, 0x77, len);
	for (unsigned int i = 0; i < ARRAY_SIZE(pieces_dirty); i++)
		WRITE_ONCE(buf[pieces_dirty[i]], 0x99);
	ST_ASSERT_EQ(pgaccel_hw_fill_mapped(page_to_phys(page), len, 0, true), 0);
	(void)evict_by_reading(evict);
	for (unsigned long i = 0; i < len; i++)
		if (READ_ONCE(buf[i]) != 0)
			ST_FAIL("byte %lu of %lu is 0x%02x after the engine's zero (a piece not "
				"mapped?)", i, len, buf[i]);
	if (!pgaccel_dev.dma_coherent)
		ST_ASSERT(pgaccel.stats.hw_pieces - cmds > 1);
	else
		ST_ASSERT_EQ(pgaccel.stats.hw_pieces - cmds, 0);
	__free_pages(page, PIECES_ORDER);
	__free_pages(evict, COH_EVICT_ORDER);
	return 0;
}
