// SPDX-License-Identifier: BSD-2-Clause
/* pgaccel's console side: the state and calibration report (at probe and on request), the
 * `pgaccel` shell command with its counters, and the demo's hardware-against-software table. */
#include <asm/page.h>
#include <mm/gfp.h>
#include <mm/mm.h>
#include <pagoda/boot.h>
#include <pagoda/printk.h>
#include <pagoda/shell.h>
#include <pagoda/string.h>
#include "pgaccel_internal.h"
#include "pgaccel_regs.h"

static const char *const err_names[PGACCEL_NR_ERR] = {
	"none", "op", "len", "align", "overflow", "bitmap", "range", "bus", "window",
	"9", "10", "11", "12", "13", "14", "15" };

static void print_cost(const char *what, const struct pgaccel_cost *c, const char *unit)
{
	printk("  %-8s %6lu + %lu.%02lu cycles/%s\n", what, c->fixed, c->per_unit_x1024 / 1024,
	       (c->per_unit_x1024 % 1024) * 100 / 1024, unit);
}

static void print_crossover(const char *what, unsigned long n, const char *unit)
{
	if (n == ~0UL)
		printk("  %s: software always wins\n", what);
	else
		printk("  %s: hardware from %lu %s\n", what, n, unit);
}

void pgaccel_show(void)
{
	if (!pgaccel.present) {
		printk("pgaccel: not present: zeroing and bitmap search run in software\n");
		return;
	}
	printk("pgaccel: at 0x%lx, PLIC irq %u, %u slots, RAM window [0x%llx-0x%llx], mode %s%s\n",
	       pgaccel.base, pgaccel.irq, pgaccel.qdepth, (unsigned long long)pgaccel.ram_base,
	       (unsigned long long)(pgaccel.ram_base + pgaccel.ram_size - 1),
	       pgaccel_mode_name(pgaccel.mode), pgaccel.wedged ? " (hardware path OFF: wedged)" : "");
	printk("pgaccel: DMA window [0x%llx-0x%llx], %s\n", (unsigned long long)pgaccel.win_base,
	       (unsigned long long)(pgaccel.win_end - 1),
	       pgaccel.win_locked ? "locked until reset: the engine cannot reach RAM outside it" :
	       "NOT LOCKED: S-mode can change it");
	printk("pgaccel: DMA %s\n", pgaccel_dev.dma_coherent ?
	       "coherent (no dma-noncoherent in the DT: no data cache between the core and RAM)" :
	       "non-coherent (DT): cache maintenance by the DMA API around every transfer");
	printk("calibration (cycles = fixed + slope * n), %lu cycles at boot:\n", pgaccel.calib_cycles);
	print_cost("zero sw", &pgaccel.zero_sw, "byte");
	print_cost("zero hw", &pgaccel.zero_hw, "byte");
	print_cost("scan sw", &pgaccel.scan_sw, "word");
	print_cost("scan hw", &pgaccel.scan_hw, "word");
	print_crossover("zero", pgaccel.zero_crossover, "bytes");
	if (pgaccel.zero_crossover != pgaccel.zero_measured)
		printk("  (measured from %lu bytes; a block the %u-byte D$ holds stays with the CPU)\n",
		       pgaccel.zero_measured, boot_info.dcache.size);
	print_crossover("scan", pgaccel.scan_crossover, "bitmap words");
}

static void pgaccel_show_stats(void)
{
	const struct pgaccel_stats *s = &pgaccel.stats;

	printk("zero: hw %lu (%lu bytes), sw %lu (%lu bytes)\n", s->hw_zero, s->hw_zero_bytes,
	       s->sw_zero, s->sw_zero_bytes);
	printk("fill (page poisoning): hw %lu, sw %lu\n", s->hw_fill, s->sw_fill);
	printk("engine commands of the zeroes and fills cut in pieces: %lu\n", s->hw_pieces);
	printk("pre-zeroed pages: %s, %u held (%u zeroed), captured %lu, hits %lu, misses %lu\n",
	       pgaccel.prezero ? "on" : "off", pgaccel_prezero_count(false),
	       pgaccel_prezero_count(true), s->prezero_captured, pgaccel_prezero_hits(), s->prezero_misses);
	if (s->prezero_quarantined)
		printk("pre-zero pages quarantined (the engine stopped on them): %lu\n",
		       s->prezero_quarantined);
	printk("scan: hw %lu, sw %lu\n", s->hw_scan, s->sw_scan);
	printk("fallbacks: error %lu, timeout %lu, bad completion %lu, busy %lu, unsuitable %lu, "
	       "outside the DMA window %lu\n", s->fallback_error, s->fallback_timeout,
	       s->fallback_badcomp, s->fallback_busy, s->fallback_unsuitable, s->fallback_window);
	printk("completions by error:");
	for (int i = 0; i <= PGACCEL_ERR_WINDOW; i++)
		printk(" %s=%lu", err_names[i], s->err[i]);
	printk("\n");
	if (pgaccel.present)
		printk("engine counters: busy %llu cycles, %llu bytes, %llu words, %llu ops\n",
		       (unsigned long long)reg_readq(PGACCEL_REG_CNT_BUSY),
		       (unsigned long long)reg_readq(PGACCEL_REG_CNT_BYTES),
		       (unsigned long long)reg_readq(PGACCEL_REG_CNT_WORDS),
		       (unsigned long long)reg_readq(PGACCEL_REG_CNT_OPS));
}

SHELL_CMD(pgaccel, "[mode hw|sw|auto | prezero on|off]: accelerator state, calibration, counters")
{
	if (argc == 3 && !strcmp(argv[1], "mode")) {
		if (!strcmp(argv[2], "hw"))
			pgaccel_set_mode(PGACCEL_HW);
		else if (!strcmp(argv[2], "sw"))
			pgaccel_set_mode(PGACCEL_SW);
		else if (!strcmp(argv[2], "auto"))
			pgaccel_set_mode(PGACCEL_AUTO);
		else
			return printk("usage: pgaccel mode hw|sw|auto\n"), -1;
	} else if (argc == 3 && !strcmp(argv[1], "prezero")) {
		if (!strcmp(argv[2], "off")) {
			pgaccel_prezero_release();
			pgaccel_set_prezero(false);
		} else if (!strcmp(argv[2], "on")) {
			pgaccel_set_prezero(true);
		} else {
			return printk("usage: pgaccel prezero on|off\n"), -1;
		}
	} else if (argc != 1) {
		printk("usage: pgaccel [mode hw|sw|auto] [prezero on|off]\n");
		return -1;
	}
	pgaccel_show();
	pgaccel_show_stats();
	return 0;
}

/* A short table for the demo: the same zeroing and search done both ways, measured now. */
void pgaccel_demo(void)
{
	static const unsigned long sizes[] = { 64, 512, 4096, 32768 };
	struct page *page;
	phys_addr_t pa;
	void *buf;

	/* The probe already printed the calibration at boot. */
	if (!pgaccel.present || pgaccel.wedged) {
		pgaccel_show();
		return;
	}
	page = alloc_pages(GFP_KERNEL, 3);
	if (!page)
		return;
	pa = page_to_phys(page);
	buf = arch_phys_to_virt(pa);
	printk("\n  %-10s %8s %12s %12s %8s  %s\n", "operation", "size", "sw cycles", "hw cycles",
	       "hw/sw", "auto picks");
	for (unsigned int i = 0; i < ARRAY_SIZE(sizes); i++) {
		bool ok = true;
		unsigned long sw = pgaccel_time_sw_zero(pa, sizes[i]);
		unsigned long hw = pgaccel_time_hw_zero(pa, sizes[i], &ok);

		printk("  %-10s %7luB %12lu %12lu %7lu%%  %s\n", "zero", sizes[i], sw, hw,
		       hw * 100 / (sw ? sw : 1), pgaccel_would_use_hw_zero(sizes[i]) ? "hw" : "sw");
	}
	memset(buf, 0, 4096);
	for (unsigned long words = 16; words <= 512; words *= 4) {
		bool ok = true;
		unsigned long sw = pgaccel_time_sw_scan(buf, words), hw = pgaccel_time_hw_scan(pa, words, &ok);

		printk("  %-10s %6lub %12lu %12lu %7lu%%  %s\n", "scan", words * 64, sw, hw,
		       hw * 100 / (sw ? sw : 1), pgaccel_would_use_hw_scan(words) ? "hw" : "sw");
	}
	__free_pages(page, 3);
}
