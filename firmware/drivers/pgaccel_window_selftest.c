// SPDX-License-Identifier: BSD-2-Clause
/*
 * Self-tests of pgaccel's DMA window (docs/pgaccel.md "DMA window", docs/boot.md "DMA
 * protection"): the boot ROM set the window to [FW_NEXT_ADDR, end of RAM) and locked it; the engine
 * refuses every command outside it with ERR_WINDOW and the driver counts and reports it; S-mode
 * cannot change the window; no page the allocator owns lies outside it.
 *
 * "Nothing written" is measured outside the firmware: the simulator keeps a copy of the RAM below
 * the window from the hand-over on, replays the CPU's stores on it, and fails the run (code 6) if
 * at exit the RAM differs from it (sim/pagoda_sim.cpp). These tests do not read OpenSBI's memory
 * themselves: with PMP, S-mode may not.
 */
#include <asm/barrier.h>
#include <asm/page.h>
#include <asm/ptrace.h>
#include <mm/gfp.h>
#include <mm/mm.h>
#include <pagoda/boot.h>
#include <pagoda/selftest.h>
#include <pagoda/string.h>
#include "pgaccel.h"
#include "pgaccel_regs.h"

/* fw_dynamic_info.next_addr of the boot ROM: the window's start on the SoC. */
#define FW_NEXT_ADDR	((u64)PAGODA_RAM_BASE + PAGODA_RAM_PAYLOAD_OFFSET)
#define OPENSBI_BASE	((u64)PAGODA_RAM_BASE + PAGODA_RAM_OPENSBI_OFFSET)
#define OPENSBI_END	(OPENSBI_BASE + 0x80000)	/* its region as its banner shows it (512 KiB) */
#define BOOTROM_BASE	((u64)PAGODA_BOOTROM_BASE)
#define CAUSE_STORE_ACCESS 7

static int window_skip(void)
{
	if (!pgaccel.present)
		return selftest_skip("no pgaccel in the device tree");
	if (pgaccel.wedged)
		return selftest_skip("engine out of service");
	return 0;
}

/* The window the boot ROM set is the one the driver, the registers and the device tree name. */
SELFTEST(pgaccel_window_locked_by_boot_rom)
{
	int r = window_skip();

	if (r)
		return r;
	ST_ASSERT(PGACCEL_ID_VERSION(pgaccel_readq(PGACCEL_REG_ID)) >= PGACCEL_VERSION_WINDOW);
	ST_ASSERT_EQ(pgaccel_readq(PGACCEL_REG_WIN_BASE), FW_NEXT_ADDR);
	ST_ASSERT_EQ(pgaccel_readq(PGACCEL_REG_WIN_END), pgaccel.ram_base + pgaccel.ram_size);
	ST_ASSERT_EQ(pgaccel_readq(PGACCEL_REG_WIN_CTRL), PGACCEL_WIN_LOCK);
	ST_ASSERT(pgaccel.win_locked);
	ST_ASSERT_EQ(pgaccel.win_base, FW_NEXT_ADDR);
	ST_ASSERT_EQ(pgaccel.win_end, pgaccel.ram_base + pgaccel.ram_size);
	return 0;
}

/*
 * ZERO, FILL and SCAN aimed at OpenSBI's memory, at the boot ROM and across the window's edges are
 * refused without a byte written, counted and reported; the engine stays usable.
 */
SELFTEST(pgaccel_window_refuses_outside)
{
	static u64 buf[8] __aligned(64);
	unsigned long err0, win0, fb0;
	u64 end, res, below;
	u8 *low;
	int r = window_skip();

	if (r)
		return r;
	end = pgaccel.win_end;
	err0 = pgaccel.stats.err[PGACCEL_ERR_WINDOW];
	/* OpenSBI's image (its trap vector is at its start), its run-time data, its region's end. */
	ST_ASSERT_EQ(pgaccel_hw_fill(OPENSBI_BASE, 4096, 0, true), -PGACCEL_ERR_WINDOW);
	ST_ASSERT_EQ(pgaccel_hw_fill(OPENSBI_BASE + 0x20000, 0x8000, 0x6f6f6f6f6f6f6f6fULL, false),
		     -PGACCEL_ERR_WINDOW);
	ST_ASSERT_EQ(pgaccel_hw_fill(OPENSBI_END - 4096, 4096, 0xdeadbeefdeadbeefULL, false),
		     -PGACCEL_ERR_WINDOW);
	ST_ASSERT_EQ(pgaccel_hw_fill(OPENSBI_BASE, FW_NEXT_ADDR - OPENSBI_BASE, 0, true),
		     -PGACCEL_ERR_WINDOW);
	ST_ASSERT_EQ(pgaccel_hw_scan(OPENSBI_BASE, 4096, 0, 1, 0, false, &res), -PGACCEL_ERR_WINDOW);
	/* The boot ROM and a device are not RAM at all: RANGE, as before the window existed. */
	ST_ASSERT_EQ(pgaccel_hw_fill(BOOTROM_BASE, 64, 0, true), -PGACCEL_ERR_RANGE);
	ST_ASSERT_EQ(pgaccel_hw_fill(BOOTROM_BASE, 64, ~0ULL, false), -PGACCEL_ERR_RANGE);
	ST_ASSERT_EQ(pgaccel_hw_scan(BOOTROM_BASE, 64, 0, 1, 0, false, &res), -PGACCEL_ERR_RANGE);
	/* Across the window's start: one lane below it is enough to refuse the whole command. The
	 * bytes below are RAM the device tree reserves, which S-mode may read. */
	low = arch_phys_to_virt(FW_NEXT_ADDR - 8);
	memcpy(&below, low, 8);
	ST_ASSERT_EQ(pgaccel_hw_fill(FW_NEXT_ADDR - 8, 16, below ^ ~0ULL, false),
		     -PGACCEL_ERR_WINDOW);
	ST_ASSERT_EQ(pgaccel_hw_fill(FW_NEXT_ADDR - 4096, 8192, 0, true), -PGACCEL_ERR_WINDOW);
	ST_ASSERT_EQ(pgaccel_hw_scan(FW_NEXT_ADDR - 8, 128, 0, 1, 0, false, &res),
		     -PGACCEL_ERR_WINDOW);
	ST_ASSERT(!memcmp(&below, low, 8));
	/* Across the window's end, which is the end of RAM on the SoC: RANGE comes first. */
	ST_ASSERT_EQ(pgaccel_hw_fill(end - 8, 16, 0, true), -PGACCEL_ERR_RANGE);
	ST_ASSERT_EQ(pgaccel_hw_scan(end - 8, 128, 0, 1, 0, false, &res), -PGACCEL_ERR_RANGE);
	/* Every refusal counted under its code; the window ones reported on the console. */
	ST_ASSERT_EQ(pgaccel.stats.err[PGACCEL_ERR_WINDOW] - err0, 8);
	/* The engine still works, right up to the window's start... */
	for (int i = 0; i < 8; i++)
		buf[i] = 0x0101010101010101ULL * (unsigned)(i + 1);
	pgaccel_raw_prepare(arch_virt_to_phys(buf), sizeof(buf));
	ST_ASSERT_EQ(pgaccel_hw_fill(arch_virt_to_phys(buf) + 8, 48, 0, true), 0);
	pgaccel_raw_finish(arch_virt_to_phys(buf), sizeof(buf));
	ST_ASSERT_EQ(buf[0], 0x0101010101010101ULL);
	ST_ASSERT(buf[1] == 0 && buf[6] == 0);
	ST_ASSERT_EQ(buf[7], 0x0808080808080808ULL);
	/* ... and the driver's own paths never post a range outside: they zero it by CPU. */
	win0 = pgaccel.stats.fallback_window;
	fb0 = pgaccel.stats.fallback_error;
	ST_ASSERT(!pgaccel_dma_ok(FW_NEXT_ADDR - 8, 16));
	ST_ASSERT(!pgaccel_dma_ok(OPENSBI_BASE, 4096));
	ST_ASSERT(!pgaccel_dma_ok(end - 8, 16));
	ST_ASSERT(pgaccel_dma_ok(FW_NEXT_ADDR, 8) && pgaccel_dma_ok(end - 8, 8));
	{
		enum pgaccel_mode mode = pgaccel.mode;
		struct page *page = alloc_pages(GFP_KERNEL, 1);
		u8 *p;

		ST_ASSERT(page != NULL);
		p = arch_phys_to_virt(page_to_phys(page));
		memset(p, 0x5a, 2 * PAGE_SIZE);
		pgaccel_set_mode(PGACCEL_HW);
		pgaccel_zero(page_to_phys(page), 2 * PAGE_SIZE);	/* inside: the engine */
		pgaccel_set_mode(mode);
		for (unsigned long i = 0; i < 2 * PAGE_SIZE; i++)
			if (p[i])
				ST_FAIL("byte %lu of a zeroed page is 0x%x", i, p[i]);
		__free_pages(page, 1);
	}
	ST_ASSERT_EQ(pgaccel.stats.fallback_window, win0);
	{
		/* A page below the window (reserved RAM, not OpenSBI's): zeroed by the CPU, counted,
		 * nothing posted. */
		enum pgaccel_mode mode = pgaccel.mode;
		unsigned long ops;
		u8 *p = arch_phys_to_virt(FW_NEXT_ADDR - PAGE_SIZE);

		pgaccel_prezero_wait();	/* the pages freed above may be zeroing in the background */
		ops = pgaccel_readq(PGACCEL_REG_CNT_OPS);

		memset(p, 0x5a, PAGE_SIZE);
		pgaccel_set_mode(PGACCEL_HW);
		pgaccel_zero(FW_NEXT_ADDR - PAGE_SIZE, PAGE_SIZE);
		pgaccel_set_mode(mode);
		for (unsigned long i = 0; i < PAGE_SIZE; i++)
			if (p[i])
				ST_FAIL("byte %lu of the page below the window is 0x%x", i, p[i]);
		ST_ASSERT_EQ(pgaccel.stats.fallback_window, win0 + 1);
		ST_ASSERT_EQ(pgaccel_readq(PGACCEL_REG_CNT_OPS), ops);
	}
	ST_ASSERT_EQ(pgaccel.stats.fallback_error, fb0);
	ST_ASSERT(!pgaccel.wedged);
	return 0;
}

/* S-mode stores to the locked window registers fault and change nothing; DMA stays confined. */
SELFTEST(pgaccel_window_regs_ignore_smode)
{
	static const struct { unsigned int off; u64 val; } wr[] = {
		{ PGACCEL_REG_WIN_BASE, OPENSBI_BASE },	/* widen down to OpenSBI */
		{ PGACCEL_REG_WIN_BASE, 0 },
		{ PGACCEL_REG_WIN_END, 0x100000000ULL },
		{ PGACCEL_REG_WIN_CTRL, 0 },		/* unlock */
		{ PGACCEL_REG_WIN_CTRL, PGACCEL_WIN_LOCK },
	};
	u64 base, wend, ctrl;
	int r = window_skip();

	if (r)
		return r;
	base = pgaccel_readq(PGACCEL_REG_WIN_BASE);
	wend = pgaccel_readq(PGACCEL_REG_WIN_END);
	ctrl = pgaccel_readq(PGACCEL_REG_WIN_CTRL);
	ST_ASSERT(ctrl & PGACCEL_WIN_LOCK);
	for (unsigned int i = 0; i < ARRAY_SIZE(wr); i++) {
		long f = probe_write64(pgaccel.base + wr[i].off, wr[i].val);

		if (f != -CAUSE_STORE_ACCESS)
			ST_FAIL("store 0x%llx to window register 0x%x: %ld, want a store access fault",
				(unsigned long long)wr[i].val, wr[i].off, f);
		ST_ASSERT_EQ(pgaccel_readq(PGACCEL_REG_WIN_BASE), base);
		ST_ASSERT_EQ(pgaccel_readq(PGACCEL_REG_WIN_END), wend);
		ST_ASSERT_EQ(pgaccel_readq(PGACCEL_REG_WIN_CTRL), ctrl);
	}
	/* 32-bit halves too (the register takes whole 64-bit writes only, and not now anyway). */
	ST_ASSERT_EQ(probe_write32(pgaccel.base + PGACCEL_REG_WIN_BASE, 0), -CAUSE_STORE_ACCESS);
	ST_ASSERT_EQ(pgaccel_readq(PGACCEL_REG_WIN_BASE), base);
	/* And the engine still refuses OpenSBI's memory. */
	ST_ASSERT_EQ(pgaccel_hw_fill(OPENSBI_BASE, 64, 0, true), -PGACCEL_ERR_WINDOW);
	return 0;
}

/* Every page below the window is reserved, so the allocator never hands one out to be zeroed. */
SELFTEST(pgaccel_window_covers_allocator)
{
	int r = window_skip();

	if (r)
		return r;
	for (u64 a = pgaccel.ram_base; a < pgaccel.win_base; a += PAGE_SIZE)
		if (!memblock_is_reserved(a))
			ST_FAIL("page 0x%llx below the DMA window is not reserved",
				(unsigned long long)a);
	return 0;
}
