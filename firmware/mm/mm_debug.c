// SPDX-License-Identifier: BSD-2-Clause
/* A whole-allocator consistency check for the firmware (selftests, the `mmcheck` shell command):
 * free lists against their counts, blocks aligned and inside their zone, no two free buddies left
 * unmerged, the free bitmap equal to the free lists, per-CPU lists consistent. Takes every zone lock
 * in turn; meant for quiet moments (other harts not allocating). */
#include <pagoda/string.h>
#include <pagoda/printk.h>
#include <mm/mm.h>
#include "internal.h"

static int verr(char *err, size_t n, const char *what, const struct zone *z, unsigned long pfn)
{
	snprintf(err, n, "%s (zone %s node %d, pfn %#lx)", what, z->name, z->node, pfn);
	return -1;
}

static int verify_zone(struct zone *z, char *err, size_t n)
{
	unsigned long free_total = 0, counted = 0, isolated = 0;

	for (unsigned int o = 0; o < MAX_ORDER; o++) {
		unsigned long sum = 0;

		for (int mt = 0; mt < MIGRATE_TYPES; mt++) {
			struct list_head *h = &z->free_area[o].free_list[mt], *pos;
			unsigned long cnt = 0;

			for (pos = h->next; pos != h; pos = pos->next) {
				struct page *p = list_entry(pos, struct page, lru);
				unsigned long pfn;

				if (!page_in_mem_map(p))
					return verr(err, n, "free list entry is not a struct page", z, 0);
				pfn = page_to_pfn(p);
				if (++cnt > z->spanned_pages || !zone_spans_pfn(z, pfn) ||
				    pfn + (1UL << o) > zone_end_pfn(z) || (pfn & ((1UL << o) - 1)))
					return verr(err, n, "free block outside its zone or misaligned", z, pfn);
				if (!PageBuddy(p) || p->private != o || p->list_mt != mt)
					return verr(err, n, "free block with wrong buddy state", z, pfn);
				for (unsigned long i = 0; i < (1UL << o); i++)
					if (!test_bit(pfn - z->zone_start_pfn + i, z->free_bitmap))
						return verr(err, n, "free page missing from the bitmap", z, pfn + i);
				if (o < MAX_ORDER - 1) {
					unsigned long bp = pfn ^ (1UL << o);

					if (zone_spans_pfn(z, bp) && PageBuddy(pfn_to_page(bp)) &&
					    pfn_to_page(bp)->private == o) {
						int a = get_pfnblock_migratetype(z, pfn);
						int b = get_pfnblock_migratetype(z, bp);

						if (o < pageblock_order || a == b ||
						    (a < MIGRATE_PCPTYPES && b < MIGRATE_PCPTYPES))
							return verr(err, n, "two free buddies not merged", z, pfn);
					}
				}
				free_total += 1UL << o;
				if (mt == MIGRATE_ISOLATE)
					isolated += 1UL << o;
			}
			if (cnt != z->free_area[o].nr_free_mt[mt])
				return verr(err, n, "free list length differs from its count", z, o);
			sum += cnt;
		}
		if (sum != z->free_area[o].nr_free)
			return verr(err, n, "nr_free differs from the lists", z, o);
	}
	/* Isolated free pages are not counted as free (Linux). */
	if ((long)(free_total - isolated) != z->vm_stat[NR_FREE_PAGES])
		return verr(err, n, "NR_FREE_PAGES differs from the lists", z, free_total);
	for (unsigned long i = 0; i < z->spanned_pages; i++)
		counted += test_bit(i, z->free_bitmap);
	if (counted != free_total)
		return verr(err, n, "free bitmap has extra bits", z, counted);
	return 0;
}

/* Per-CPU lists are checked under their own lock only (lock order is pcp->lock, then zone->lock). */
static int verify_pcp(struct zone *z, char *err, size_t n)
{
	for (unsigned int c = 0; c < NR_CPUS; c++) {
		struct per_cpu_pages *pcp = &z->pcp[c];
		unsigned long cnt = 0, cnt_zeroed;
		struct list_head *pos;

		if (!pcp_lock(pcp, c))
			continue;	/* an interrupt handler on a hart whose lists are held */
		for (int mt = 0; mt < MIGRATE_PCPTYPES; mt++) {
			for (pos = pcp->lists[mt].next; pos != &pcp->lists[mt]; pos = pos->next) {
				struct page *p = list_entry(pos, struct page, lru);

				if (!page_in_mem_map(p) || page_zone(p) != z || PageBuddy(p) ||
				    page_ref_count(p) || ++cnt > z->spanned_pages) {
					spin_unlock(&pcp->lock);
					return verr(err, n, "bad page on a per-CPU list", z, c);
				}
			}
		}
		cnt_zeroed = 0;
		for (pos = pcp->zeroed.next; pos != &pcp->zeroed; pos = pos->next) {
			struct page *p = list_entry(pos, struct page, lru);

			if (!page_in_mem_map(p) || page_zone(p) != z || PageBuddy(p) ||
			    page_ref_count(p) || ++cnt_zeroed >= MM_ZEROED_BATCH) {
				spin_unlock(&pcp->lock);
				return verr(err, n, "bad page on a per-CPU zeroed list", z, c);
			}
		}
		spin_unlock(&pcp->lock);
		if ((long)cnt != pcp->count)
			return verr(err, n, "per-CPU count differs from its lists", z, c);
		/* Pops shorten the list below what its refill stashed; nothing lengthens it. */
		if (pcp->zeroed_stashed < 0 || (long)cnt_zeroed > pcp->zeroed_stashed)
			return verr(err, n, "per-CPU zeroed list longer than its refill stashed", z, c);
	}
	return 0;
}

int mm_verify(char *err, size_t n)
{
	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		if (!node_data[nid].online)
			continue;
		for (int zi = 0; zi < MAX_NR_ZONES; zi++) {
			struct zone *z = &node_data[nid].node_zones[zi];
			unsigned long flags;
			int ret;

			if (!z->spanned_pages)
				continue;
			spin_lock_irqsave(&z->lock, flags);
			ret = verify_zone(z, err, n);
			spin_unlock_irqrestore(&z->lock, flags);
			if (ret)
				return ret;
			local_irq_save(flags);
			ret = verify_pcp(z, err, n);
			local_irq_restore(flags);
			if (ret)
				return ret;
		}
	}
	return 0;
}
