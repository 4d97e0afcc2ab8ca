// SPDX-License-Identifier: BSD-2-Clause
/*
 * `demo` mode, what `make run` shows: the booted memory layout, a short walk through the
 * allocator (zones chosen by GFP flags, __GFP_ZERO, a rejected double free, everything given
 * back), then the accelerator's part when a driver is linked in.
 */
#include <asm/timex.h>
#include <mm/gfp.h>
#include <mm/mm.h>
#include <pagoda/platform.h>
#include <pagoda/printk.h>
#include <pagoda/string.h>

void pgaccel_demo(void) __attribute__((weak));

static const char *const zone_label[] = { "DMA", "Normal", "HighMem", "Movable" };

static struct page *demo_alloc(const char *what, gfp_t gfp, unsigned int order)
{
	unsigned long t0 = get_cycles();
	struct page *page = alloc_pages(gfp, order);
	unsigned long dt = get_cycles() - t0;

	if (!page) {
		printk("  %-34s order %u: failed\n", what, order);
		return NULL;
	}
	printk("  %-26s order %u: pfn 0x%05lx node %d zone %-7s", what, order, page_to_pfn(page),
	       page_to_nid(page), zone_label[page_zonenum(page) < 4 ? page_zonenum(page) : 0]);
	/* Only the Pagoda SoC counts real cycles; QEMU's counter reads the host clock. */
	if (!strncmp(platform_name(), "pagoda", 6))
		printk(" %8lu cycles", dt);
	printk("\n");
	return page;
}

void demo_run(void)
{
	unsigned long free_before = global_free_pages(), bad_before = mm_bad_page_count;
	struct page *p0, *p3, *p9, *pz;
	unsigned long *zeroed;
	bool all_zero = true;

	printk("== memory after boot ==\n");
	mm_show_summary();

	printk("\n== allocations: the GFP flags pick the zone ==\n");
	p0 = demo_alloc("GFP_KERNEL", GFP_KERNEL, 0);
	p3 = demo_alloc("GFP_DMA", GFP_DMA, 3);
	p9 = demo_alloc("GFP_HIGHUSER_MOVABLE", GFP_HIGHUSER_MOVABLE, 9);
	pz = demo_alloc("GFP_KERNEL | __GFP_ZERO", GFP_KERNEL | __GFP_ZERO, 2);
	if (pz) {
		zeroed = page_address(pz);
		for (unsigned long i = 0; i < (4 * PAGE_SIZE) / sizeof(long); i++)
			all_zero &= zeroed[i] == 0;
		printk("  __GFP_ZERO block reads back %s\n", all_zero ? "all zero" : "NOT ZERO");
	}

	printk("\n== a double free is reported and changes nothing ==\n");
	if (p0) {
		__free_pages(p0, 0);
		__free_pages(p0, 0);
		printk("  bad-page reports: %lu\n", mm_bad_page_count - bad_before);
	}
	if (p3)
		__free_pages(p3, 3);
	if (p9)
		__free_pages(p9, 9);
	if (pz)
		__free_pages(pz, 2);
	drain_all_pages(NULL);
	printk("  free pages before %lu, after freeing everything %lu\n", free_before,
	       global_free_pages());

	if (pgaccel_demo) {
		printk("\n== pgaccel ==\n");
		pgaccel_demo();
	}
}
