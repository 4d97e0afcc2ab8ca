// SPDX-License-Identifier: BSD-2-Clause
/* Boot-time memory bookkeeping (Linux memblock, reduced): sorted, merged arrays of memory and reserved
 * ranges. It hands out mem_map and the zone bitmaps before the buddy allocator exists, then
 * mm_init frees whatever is left into the buddy lists. */
#include <pagoda/string.h>
#include <pagoda/printk.h>
#include <mm/mm.h>

struct memblock memblock;

void memblock_reset(void)
{
	memset(&memblock, 0, sizeof(memblock));
	memblock.limit = ~(phys_addr_t)0;
}

/* Insert [base, base+size) keeping the array sorted and merging neighbours. Adjacent regions of
 * different nodes stay separate so the node of every address remains known. */
static int memblock_insert(struct memblock_type *t, phys_addr_t base, phys_addr_t size, int nid)
{
	phys_addr_t end = base + size;
	unsigned int i, j;

	if (!size)
		return 0;
	if (end < base) {
		pr_err("memblock: range %llx+%llx wraps\n", (unsigned long long)base,
		       (unsigned long long)size);
		return -1;
	}
	/* Absorb every overlapping or touching region of the same node. */
	for (i = 0; i < t->cnt;) {
		struct memblock_region *r = &t->regions[i];
		phys_addr_t rend = r->base + r->size;

		if (r->nid == nid && r->base <= end && base <= rend) {
			base = min(base, r->base);
			end = max(end, rend);
			memmove(r, r + 1, (t->cnt - i - 1) * sizeof(*r));
			t->cnt--;
			continue;
		}
		i++;
	}
	if (t->cnt >= MEMBLOCK_MAX_REGIONS) {
		pr_err("memblock: too many regions\n");
		return -1;
	}
	for (j = 0; j < t->cnt && t->regions[j].base < base; j++)
		;
	memmove(&t->regions[j + 1], &t->regions[j], (t->cnt - j) * sizeof(t->regions[0]));
	t->regions[j].base = base;
	t->regions[j].size = end - base;
	t->regions[j].nid = nid;
	t->cnt++;
	return 0;
}

int memblock_add(phys_addr_t base, phys_addr_t size, int nid)
{
	return memblock_insert(&memblock.memory, base, size, nid);
}

int memblock_reserve(phys_addr_t base, phys_addr_t size)
{
	/* Reserved ranges carry no node: merge them all together. */
	return memblock_insert(&memblock.reserved, base, size, 0);
}

static bool type_contains(const struct memblock_type *t, phys_addr_t addr, int *nid)
{
	unsigned int i;

	for (i = 0; i < t->cnt; i++) {
		if (addr >= t->regions[i].base && addr - t->regions[i].base < t->regions[i].size) {
			if (nid)
				*nid = t->regions[i].nid;
			return true;
		}
	}
	return false;
}

bool memblock_is_reserved(phys_addr_t addr) { return type_contains(&memblock.reserved, addr, NULL); }
bool memblock_is_memory(phys_addr_t addr) { return type_contains(&memblock.memory, addr, NULL); }

int memblock_addr_nid(phys_addr_t addr)
{
	int nid = -1;

	type_contains(&memblock.memory, addr, &nid);
	return nid;
}

/* Free ranges = memory minus reserved, walked in address order. *idx is the address to resume from
 * (0 to start), so the caller keeps no other state. */
bool memblock_next_free_range(unsigned long *idx, phys_addr_t *start, phys_addr_t *end, int *nid)
{
	phys_addr_t pos = *idx;
	unsigned int mi, i;

	for (mi = 0; mi < memblock.memory.cnt; mi++) {
		const struct memblock_region *m = &memblock.memory.regions[mi];
		phys_addr_t mend = m->base + m->size, s, e;
		bool moved;

		if (mend <= pos)
			continue;
		s = max(pos, m->base);
		/* Skip over reservations covering s (they may chain). */
		do {
			moved = false;
			for (i = 0; i < memblock.reserved.cnt; i++) {
				const struct memblock_region *r = &memblock.reserved.regions[i];

				if (s >= r->base && s < r->base + r->size) {
					s = r->base + r->size;
					moved = true;
				}
			}
		} while (moved && s < mend);
		if (s >= mend) {
			pos = mend;
			continue;
		}
		e = mend;
		for (i = 0; i < memblock.reserved.cnt; i++) {
			const struct memblock_region *r = &memblock.reserved.regions[i];

			if (r->base > s && r->base < e)
				e = r->base;
		}
		*start = s;
		*end = e;
		*nid = m->nid;
		*idx = e;
		return true;
	}
	*idx = ~0UL;
	return false;
}

phys_addr_t memblock_phys_alloc(phys_addr_t size, phys_addr_t align)
{
	int mi;

	if (!size || (align & (align - 1)))
		return 0;
	size = ALIGN(size, (phys_addr_t)PAGE_SIZE);
	if (align < PAGE_SIZE)
		align = PAGE_SIZE;
	/* Top-down, as Linux: early allocations stay away from low (DMA) memory. */
	for (mi = (int)memblock.memory.cnt - 1; mi >= 0; mi--) {
		const struct memblock_region *m = &memblock.memory.regions[mi];
		phys_addr_t lo = m->base, hi = m->base + m->size;

		if (hi > memblock.limit)
			hi = memblock.limit;
		while (hi > lo && hi - lo >= size) {
			phys_addr_t cand = ALIGN_DOWN(hi - size, align);
			unsigned int i;
			bool clash = false;

			if (cand < lo)
				break;
			for (i = 0; i < memblock.reserved.cnt; i++) {
				const struct memblock_region *r = &memblock.reserved.regions[i];

				if (r->base < cand + size && cand < r->base + r->size) {
					/* Move below this reservation and try again. */
					hi = r->base;
					clash = true;
					break;
				}
			}
			if (clash)
				continue;
			if (memblock_reserve(cand, size))
				return 0;
			memset(arch_phys_to_virt(cand), 0, size);
			return cand;
		}
	}
	return 0;
}

void *memblock_alloc(phys_addr_t size, phys_addr_t align)
{
	phys_addr_t pa = memblock_phys_alloc(size, align);

	return pa ? arch_phys_to_virt(pa) : NULL;
}
