// SPDX-License-Identifier: BSD-2-Clause
/*
 * DMA API benchmarks (`bench` mode, group "dma"), on pgaccel's device: what a map + unmap costs,
 * the engine's 4 KiB zero raw (a bus address the driver made up) against through the API (what
 * the allocator's hook now does), kzalloc and dma_alloc_coherent of 4 KiB with the CPU and with
 * the engine zeroing, and a dma_pool alloc + free. Pre-zeroing is off so that every zero is done
 * in the measured call. docs/mm.md "DMA" quotes them.
 */
#include <asm/page.h>
#include <mm/dma-mapping.h>
#include <mm/mm.h>
#include <mm/slab.h>
#include <pagoda/bench.h>
#include <pagoda/printk.h>
#include "pgaccel.h"

#define N_DMA 500

static void report(const char *name, unsigned long ops, struct bench_counters a,
		   struct bench_counters b, const char *path)
{
	char extra[48];

	snprintf(extra, sizeof(extra), "unit=pair path=%s", path);
	bench_report("dma", name, ops, a, b, extra);
}

static void bench_map(struct page *page)
{
	struct bench_counters a, b;

	a = bench_start();
	for (int i = 0; i < N_DMA; i++)
		dma_unmap_page(&pgaccel_dev, dma_map_page(&pgaccel_dev, page, 0, PAGE_SIZE,
							  DMA_FROM_DEVICE), PAGE_SIZE, DMA_FROM_DEVICE);
	b = bench_end();
	report("map-unmap-4096", N_DMA, a, b, "api");
	a = bench_start();
	for (int i = 0; i < N_DMA; i++)
		pgaccel_hw_fill(page_to_phys(page), PAGE_SIZE, 0, true);
	b = bench_end();
	report("zero-4096-engine-raw", N_DMA, a, b, "hw");
	a = bench_start();
	for (int i = 0; i < N_DMA; i++)
		pgaccel_zero(page_to_phys(page), PAGE_SIZE);
	b = bench_end();
	report("zero-4096-engine-api", N_DMA, a, b, "hw");
}

static void bench_alloc(const char *path)
{
	struct bench_counters a, b;
	char name[32];
	dma_addr_t h;

	kfree(kzalloc(PAGE_SIZE, GFP_KERNEL));
	a = bench_start();
	for (int i = 0; i < N_DMA; i++)
		kfree(kzalloc(PAGE_SIZE, GFP_KERNEL));
	b = bench_end();
	snprintf(name, sizeof(name), "kzalloc-4096-%s", path);
	report(name, N_DMA, a, b, path);
	dma_free_coherent(&pgaccel_dev, PAGE_SIZE,
			  dma_alloc_coherent(&pgaccel_dev, PAGE_SIZE, &h, GFP_KERNEL), h);
	a = bench_start();
	for (int i = 0; i < N_DMA; i++) {
		void *p = dma_alloc_coherent(&pgaccel_dev, PAGE_SIZE, &h, GFP_KERNEL);

		dma_free_coherent(&pgaccel_dev, PAGE_SIZE, p, h);
	}
	b = bench_end();
	snprintf(name, sizeof(name), "coherent-4096-%s", path);
	report(name, N_DMA, a, b, path);
}

static void bench_pool(void)
{
	struct dma_pool *pool = dma_pool_create("bench-64", &pgaccel_dev, 64, 64, 0);
	struct bench_counters a, b;
	dma_addr_t h;

	if (!pool)
		return;
	dma_pool_free(pool, dma_pool_alloc(pool, GFP_KERNEL, &h), h);
	a = bench_start();
	for (int i = 0; i < N_DMA; i++)
		dma_pool_free(pool, dma_pool_alloc(pool, GFP_KERNEL, &h), h);
	b = bench_end();
	report("pool-64", N_DMA, a, b, "api");
	dma_pool_destroy(pool);
}

void pgaccel_dma_bench_run(void)
{
	enum pgaccel_mode mode = pgaccel.mode;
	bool prezero = pgaccel.prezero;
	struct page *page;

	if (!pgaccel.present || pgaccel.wedged) {
		printk("bench: pgaccel absent, DMA API benchmarks skipped\n");
		return;
	}
	page = alloc_pages(GFP_KERNEL, 0);
	if (!page)
		return;
	pgaccel_prezero_release();
	pgaccel_set_prezero(false);
	pgaccel_set_mode(PGACCEL_HW);
	bench_map(page);
	bench_alloc("engine");
	pgaccel_set_mode(PGACCEL_SW);
	bench_alloc("cpu");
	bench_pool();
	pgaccel_set_mode(mode);
	pgaccel_set_prezero(prezero);
	__free_pages(page, 0);
}
