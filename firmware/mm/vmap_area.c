// SPDX-License-Identifier: BSD-2-Clause
/*
 * Virtual address-space allocator for vmalloc/vmap (Linux: alloc_vmap_area and its free-space
 * tree). Areas sit on one list sorted by address; a new one goes in the first gap that holds it
 * at the asked alignment. Linux keeps an augmented rbtree to find gaps in O(log n); the firmware
 * has tens of areas, where a list is as fast and much simpler to check. Portable: no locking and
 * no allocation here (the caller brings the node and holds its lock), so the host tests run it.
 */
#include <mm/vmalloc.h>
#include <asm/page.h>

void vmap_space_init(struct vmap_space *s, unsigned long start, unsigned long end)
{
	s->start = start;
	s->end = end;
	s->nr_areas = 0;
	INIT_LIST_HEAD(&s->areas);
}

/* Does the area fit at the first address >= from aligned to align, below limit? *a gets it. */
static bool fits(unsigned long from, unsigned long align, unsigned long size, unsigned long limit,
		 unsigned long *a)
{
	*a = (from + align - 1) & ~(align - 1);
	return *a >= from && *a + size > *a && *a + size <= limit;
}

int vmap_space_insert(struct vmap_space *s, struct vmap_area *va, unsigned long size,
		      unsigned long align)
{
	struct list_head *pos;
	unsigned long prev_end = s->start, a;

	if (!size || (size & (PAGE_SIZE - 1)) || align < PAGE_SIZE || (align & (align - 1)))
		return VMAP_EINVAL;
	if (size > s->end - s->start)
		return VMAP_ENOSPC;
	list_for_each(pos, &s->areas) {
		struct vmap_area *next = list_entry(pos, struct vmap_area, list);

		if (fits(prev_end, align, size, next->va_start, &a))
			goto found;
		prev_end = next->va_end;
	}
	if (!fits(prev_end, align, size, s->end, &a))
		return VMAP_ENOSPC;
	pos = &s->areas;
found:
	va->va_start = a;
	va->va_end = a + size;
	list_add_tail(&va->list, pos);	/* before `pos`: the order stays sorted */
	s->nr_areas++;
	return 0;
}

struct vmap_area *vmap_space_find(struct vmap_space *s, unsigned long addr)
{
	struct vmap_area *va;

	list_for_each_entry(va, &s->areas, list) {
		if (addr < va->va_start)
			break;
		if (addr < va->va_end)
			return va;
	}
	return NULL;
}

void vmap_space_remove(struct vmap_space *s, struct vmap_area *va)
{
	list_del(&va->list);
	s->nr_areas--;
}
