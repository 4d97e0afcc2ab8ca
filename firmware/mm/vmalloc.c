// SPDX-License-Identifier: BSD-2-Clause
/*
 * vmalloc, vzalloc, vfree, vmap, vunmap, vmalloc_to_page (Linux mm/vmalloc.c; docs/mm.md
 * "vmalloc"). An area is [start, start + size + PAGE_SIZE) of the Sv39 vmalloc range: its pages,
 * then a guard page that stays unmapped, so running off the end faults. vmalloc's pages may be
 * HIGHMEM (GFP_KERNEL | __GFP_HIGHMEM, as Linux), zeroed by the allocator's zero hook for
 * vzalloc. Freeing unmaps at once, but the other harts' TLBs are flushed in batches: the range
 * waits on the lazy list until lazy_max_pages() pages are waiting, then one purge flushes every
 * hart (SBI RFENCE) and only then is the range reused. Bad calls are refused with a message and
 * change nothing.
 */
#include <asm/pgtable.h>
#include <mm/gfp.h>
#include <mm/mm.h>
#include <mm/slab.h>
#include <mm/vmalloc.h>
#include <pagoda/bitops.h>
#include <pagoda/printk.h>
#include <pagoda/shell.h>
#include <pagoda/smp.h>
#include <pagoda/spinlock.h>
#include <pagoda/string.h>

static struct vmap_space vmap_space = {
	.start = VMALLOC_START, .end = VMALLOC_END,
	.areas = { &vmap_space.areas, &vmap_space.areas },
};
static spinlock_t vmap_area_lock = SPIN_LOCK_UNLOCKED;
static unsigned long lazy_pages, nr_purges;
static int nr_errors;

int vmalloc_errors(void) { return READ_ONCE(nr_errors); }
unsigned long vmalloc_nr_lazy_pages(void) { return READ_ONCE(lazy_pages); }
unsigned long vmalloc_nr_purges(void) { return READ_ONCE(nr_purges); }

#define vm_err(fmt, ...) do { \
	__atomic_add_fetch(&nr_errors, 1, __ATOMIC_RELAXED); \
	pr_err(fmt, ##__VA_ARGS__); \
} while (0)

/* Linux: fls(num_online_cpus()) * 32 MiB. The firmware's RAM is small, so 4 MiB per step: a
 * purge then costs one flush per 4..16 MiB freed instead of one per vfree. */
unsigned long lazy_max_pages(void)
{
	return (unsigned long)(__fls64(num_online_cpus()) + 1) * ((4UL << 20) >> PAGE_SHIFT);
}

bool is_vmalloc_addr(const void *addr)
{
	unsigned long a = (unsigned long)addr;

	return a >= VMALLOC_START && a < VMALLOC_END;
}

/* Flush every range freed so far on every hart, then give the ranges back (Linux
 * __purge_vmap_area_lazy). Ranges freed while the flush runs wait for the next purge. */
void vm_unmap_aliases(void)
{
	struct vmap_area *va, *n;
	unsigned long flags, start = ~0UL, end = 0;

	spin_lock_irqsave(&vmap_area_lock, flags);
	list_for_each_entry(va, &vmap_space.areas, list) {
		if (va->state != VMAP_LAZY)
			continue;
		va->state = VMAP_PURGING;
		lazy_pages -= (va->va_end - va->va_start) >> PAGE_SHIFT;
		start = va->va_start < start ? va->va_start : start;
		end = va->va_end > end ? va->va_end : end;
	}
	spin_unlock_irqrestore(&vmap_area_lock, flags);
	if (start >= end)
		return;
	flush_tlb_kernel_range(start, end);
	spin_lock_irqsave(&vmap_area_lock, flags);
	list_for_each_entry_safe(va, n, &vmap_space.areas, list) {
		if (va->state != VMAP_PURGING)
			continue;
		vmap_space_remove(&vmap_space, va);
		kfree(va);
	}
	nr_purges++;
	spin_unlock_irqrestore(&vmap_area_lock, flags);
}

/* A range for nr pages plus the guard; one purge and a retry when the range is full. */
static struct vmap_area *alloc_vmap_area(unsigned long nr, unsigned int flags)
{
	struct vmap_area *va = kzalloc(sizeof(*va), GFP_KERNEL);
	unsigned long irqflags;
	int err;

	if (!va)
		return NULL;
	for (int tries = 0; tries < 2; tries++) {
		spin_lock_irqsave(&vmap_area_lock, irqflags);
		err = vmap_space_insert(&vmap_space, va, (nr + 1) << PAGE_SHIFT, PAGE_SIZE);
		spin_unlock_irqrestore(&vmap_area_lock, irqflags);
		if (!err) {
			va->state = VMAP_BUSY;
			va->flags = flags;
			va->nr_pages = nr;
			return va;
		}
		if (err != VMAP_ENOSPC || !READ_ONCE(lazy_pages))
			break;
		vm_unmap_aliases();
	}
	kfree(va);
	return NULL;
}

/* Never mapped, so no TLB holds it: the range goes back at once. */
static void free_vmap_area_now(struct vmap_area *va)
{
	unsigned long flags;

	spin_lock_irqsave(&vmap_area_lock, flags);
	vmap_space_remove(&vmap_space, va);
	spin_unlock_irqrestore(&vmap_area_lock, flags);
	kfree(va);
}

static int map_area_pages(struct vmap_area *va, struct page **pages, unsigned long prot)
{
	return map_kernel_pages(va->va_start, pages, va->nr_pages, prot);
}

static bool vmalloc_size_ok(const char *fn, unsigned long size)
{
	if (!size) {
		vm_err("%s: size 0\n", fn);
		return false;
	}
	if (size > VMALLOC_END - VMALLOC_START - PAGE_SIZE) {
		vm_err("%s: %lu bytes is more than the vmalloc range holds (%lu)\n", fn, size,
		       VMALLOC_END - VMALLOC_START - PAGE_SIZE);
		return false;
	}
	if (!sv39_enabled) {
		vm_err("%s: needs the Sv39 page tables (satp_mode=bare)\n", fn);
		return false;
	}
	return true;
}

static void free_page_array(struct page **pages, unsigned long nr)
{
	for (unsigned long i = 0; i < nr; i++)
		if (pages[i])
			__free_pages(pages[i], 0);
	kfree(pages);
}

void *__vmalloc(unsigned long size, gfp_t gfp)
{
	unsigned long nr = (size + PAGE_SIZE - 1) >> PAGE_SHIFT;
	struct page **pages;
	struct vmap_area *va;

	if (!vmalloc_size_ok("vmalloc", size))
		return NULL;
	if (nr * sizeof(*pages) > KMALLOC_MAX_SIZE) {
		vm_err("vmalloc: %lu pages need a page array larger than kmalloc's %lu bytes\n", nr,
		       KMALLOC_MAX_SIZE);
		return NULL;
	}
	pages = kcalloc(nr, sizeof(*pages), GFP_KERNEL);
	if (!pages)
		return NULL;
	/* The bulk path takes what the per-CPU list and one zone give; the rest one by one, as
	 * Linux's vm_area_alloc_pages. */
	if (alloc_pages_bulk(gfp, nr, pages) != nr) {
		for (unsigned long i = 0; i < nr; i++)
			if (!pages[i] && !(pages[i] = alloc_pages(gfp, 0)))
				goto fail;
	}
	va = alloc_vmap_area(nr, VM_ALLOC);
	if (!va)
		goto fail;
	va->pages = pages;
	va->caller = (unsigned long)__builtin_return_address(0);
	if (map_area_pages(va, pages, PAGE_KERNEL)) {
		free_vmap_area_now(va);
		goto fail;
	}
	return (void *)va->va_start;
fail:
	free_page_array(pages, nr);
	return NULL;
}

/* Linux's vmalloc gfp: HIGHMEM pages are fine, nothing but the page tables reaches them. */
void *vmalloc(unsigned long size)
{
	return __vmalloc(size, GFP_KERNEL | __GFP_HIGHMEM);
}

void *vzalloc(unsigned long size)
{
	return __vmalloc(size, GFP_KERNEL | __GFP_HIGHMEM | __GFP_ZERO);
}

void *vmap(struct page **pages, unsigned int count, unsigned long flags, unsigned long prot)
{
	struct vmap_area *va;

	(void)flags;
	if (!pages || !count) {
		vm_err("vmap: %s\n", pages ? "count 0" : "no page array");
		return NULL;
	}
	if (!vmalloc_size_ok("vmap", (unsigned long)count << PAGE_SHIFT))
		return NULL;
	if (prot & (_PAGE_U | _PAGE_X) || !(prot & _PAGE_V)) {
		vm_err("vmap: protection 0x%lx is not a kernel data mapping\n", prot);
		return NULL;
	}
	va = alloc_vmap_area(count, VM_MAP);
	if (!va)
		return NULL;
	va->caller = (unsigned long)__builtin_return_address(0);
	if (map_area_pages(va, pages, prot)) {
		free_vmap_area_now(va);
		return NULL;
	}
	return (void *)va->va_start;
}

/*
 * The busy area that starts at addr, for vfree/vunmap, or NULL after saying what is wrong with
 * addr. vmap_area_lock held.
 */
static struct vmap_area *find_area_to_free(const char *fn, unsigned long addr, unsigned int flag)
{
	struct vmap_area *va;

	if (addr & (PAGE_SIZE - 1)) {
		vm_err("%s: 0x%lx is not page aligned: not an area's start\n", fn, addr);
		return NULL;
	}
	if (!is_vmalloc_addr((void *)addr)) {
		vm_err("%s: 0x%lx is outside the vmalloc range\n", fn, addr);
		return NULL;
	}
	va = vmap_space_find(&vmap_space, addr);
	if (!va) {
		vm_err("%s: 0x%lx is not in any area\n", fn, addr);
		return NULL;
	}
	if (va->state != VMAP_BUSY) {
		vm_err("%s: 0x%lx was freed already (double free)\n", fn, addr);
		return NULL;
	}
	if (va->va_start != addr) {
		vm_err("%s: 0x%lx is inside the area at 0x%lx, not its start\n", fn, addr,
		       va->va_start);
		return NULL;
	}
	if (!(va->flags & flag)) {
		vm_err("%s: 0x%lx was made by %s\n", fn, addr, va->flags & VM_MAP ? "vmap" : "vmalloc");
		return NULL;
	}
	return va;
}

/*
 * Unmap now, flush later (Linux free_unmap_vmap_area). *pages gets the area's page array (the
 * caller frees them): once the area is LAZY a purge on another hart may free the node itself.
 */
static bool remove_vm_area(const char *fn, const void *addr, unsigned int flag,
			   struct page ***pages, unsigned long *nr)
{
	struct vmap_area *va;
	unsigned long flags;
	bool purge;

	spin_lock_irqsave(&vmap_area_lock, flags);
	va = find_area_to_free(fn, (unsigned long)addr, flag);
	if (va)
		va->state = VMAP_PURGING;	/* ours now: a racing vfree of it is a double free */
	spin_unlock_irqrestore(&vmap_area_lock, flags);
	if (!va)
		return false;
	*pages = va->pages;
	*nr = va->nr_pages;
	va->pages = NULL;
	unmap_kernel_range_noflush(va->va_start, *nr << PAGE_SHIFT);
	spin_lock_irqsave(&vmap_area_lock, flags);
	va->state = VMAP_LAZY;
	lazy_pages += (va->va_end - va->va_start) >> PAGE_SHIFT;
	purge = lazy_pages > lazy_max_pages();
	spin_unlock_irqrestore(&vmap_area_lock, flags);
	if (purge)
		vm_unmap_aliases();
	return true;
}

/*
 * The pages go back to the allocator before the other harts' TLBs are flushed, as in Linux:
 * only a use after vfree could still reach them, and the range itself is not reused before the
 * purge.
 */
void vfree(const void *addr)
{
	struct page **pages;
	unsigned long nr;

	if (addr && remove_vm_area("vfree", addr, VM_ALLOC, &pages, &nr))
		free_page_array(pages, nr);
}

void vunmap(const void *addr)
{
	struct page **pages;
	unsigned long nr;

	if (addr)
		remove_vm_area("vunmap", addr, VM_MAP, &pages, &nr);
}

struct page *vmalloc_to_page(const void *addr)
{
	unsigned int level;
	pte_t pte;

	if (!is_vmalloc_addr(addr) || !sv39_enabled)
		return NULL;
	pte = READ_ONCE(*lookup_kernel_pte((unsigned long)addr, &level));
	if (!pte_present(pte) || level != 0 || !pfn_valid(pte_pfn(pte)))
		return NULL;
	return pfn_to_page(pte_pfn(pte));
}

SHELL_CMD_ARGS(vmallocinfo, 0, 0, "vmalloc/vmap areas, lazily freed ranges, purges")
{
	struct vmap_area *va;
	unsigned long flags, busy = 0;

	(void)argc;
	(void)argv;
	if (!sv39_enabled) {
		printk("vmallocinfo: no vmalloc range (satp_mode=bare)\n");
		return 0;
	}
	spin_lock_irqsave(&vmap_area_lock, flags);
	list_for_each_entry(va, &vmap_space.areas, list) {
		if (va->state != VMAP_BUSY)
			continue;
		busy++;
		printk("0x%016lx-0x%016lx %8lu caller 0x%lx pages=%lu %s\n", va->va_start, va->va_end,
		       va->va_end - va->va_start, va->caller, va->nr_pages,
		       va->flags & VM_ALLOC ? "vmalloc" : "vmap");
	}
	printk("areas %lu busy, %lu lazily freed pages (purge above %lu), %lu purges, %lu remote "
	       "TLB flushes\n", busy, lazy_pages, lazy_max_pages(), nr_purges, sv39_tlb_flushes());
	spin_unlock_irqrestore(&vmap_area_lock, flags);
	return 0;
}
