// SPDX-License-Identifier: BSD-2-Clause
/*
 * vmalloc: virtually contiguous kernel memory from scattered (possibly HIGHMEM) pages, mapped in
 * the Sv39 vmalloc range (docs/mm.md "vmalloc"; Linux mm/vmalloc.c). Every area is followed by an
 * unmapped guard page. Freed ranges are unmapped at once but their TLB shootdown is batched: the
 * range is reused only after the next purge, which flushes every hart once (lazy_max_pages).
 */
#ifndef MM_VMALLOC_H
#define MM_VMALLOC_H

#include <mm/gfp.h>
#include <pagoda/list.h>
#include <pagoda/types.h>

struct page;

/* vmap_area.state */
enum vmap_state { VMAP_BUSY, VMAP_LAZY, VMAP_PURGING };
/* vmap_area.flags (Linux's VM_*) */
#define VM_ALLOC	0x02u	/* vmalloc: the area owns its pages */
#define VM_MAP		0x04u	/* vmap: the caller's pages */

struct vmap_area {
	unsigned long va_start, va_end;	/* [start, end): the mapping and its guard page */
	struct list_head list;		/* the space's areas, sorted by address */
	enum vmap_state state;
	unsigned int flags;
	unsigned long nr_pages;
	struct page **pages;
	unsigned long caller;
};

/* The address-space allocator (mm/vmap_area.c, portable: the host tests run it). First fit over
 * an address-sorted list; the caller provides the node and the locking. */
struct vmap_space {
	unsigned long start, end;
	struct list_head areas;
	unsigned long nr_areas;
};

#define VMAP_EINVAL (-22)
#define VMAP_ENOSPC (-28)

void vmap_space_init(struct vmap_space *s, unsigned long start, unsigned long end);
/* Place va (size bytes, align a power of two >= PAGE_SIZE): 0, VMAP_EINVAL or VMAP_ENOSPC. */
int vmap_space_insert(struct vmap_space *s, struct vmap_area *va, unsigned long size,
		      unsigned long align);
struct vmap_area *vmap_space_find(struct vmap_space *s, unsigned long addr);	/* containing */
void vmap_space_remove(struct vmap_space *s, struct vmap_area *va);

/* mm/vmalloc.c (firmware: needs the Sv39 tables) */
void *vmalloc(unsigned long size);
void *vzalloc(unsigned long size);
void *__vmalloc(unsigned long size, gfp_t gfp);
void vfree(const void *addr);
void *vmap(struct page **pages, unsigned int count, unsigned long flags, unsigned long prot);
void vunmap(const void *addr);
struct page *vmalloc_to_page(const void *addr);
bool is_vmalloc_addr(const void *addr);
void vm_unmap_aliases(void);	/* purge now: every lazily freed range flushed on every hart */
unsigned long lazy_max_pages(void);
unsigned long vmalloc_nr_lazy_pages(void);
unsigned long vmalloc_nr_purges(void);
int vmalloc_errors(void);	/* bad calls refused so far, for tests */

#endif
