// SPDX-License-Identifier: BSD-2-Clause
/*
 * Test double of vmalloc for the host builds of firmware/mm (the real one, mm/vmalloc.c, needs
 * the Sv39 tables and runs in the firmware self-tests): areas of a private host range placed by
 * the real range allocator (mm/vmap_area.c) with a guard page each, backed by host memory, not by
 * the page allocator. It gives kvmalloc/kvfree what they rely on: an address that
 * is_vmalloc_addr() knows, zeroing for __GFP_ZERO, and vfree refusing anything but an area's start.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <asm/page.h>
#include <mm/vmalloc.h>
#include <pagoda/printk.h>
#include <pagoda/spinlock.h>

#define HOST_VMALLOC_SIZE (256UL << 20)

static struct vmap_space space;
static char *range;
static spinlock_t lock = SPIN_LOCK_UNLOCKED;
static int nr_errors;
unsigned long host_vmalloc_live;	/* areas not yet freed, for tests */

static void init_once(void)
{
	if (range)
		return;
	/* Reserved, not committed: only what an area uses is ever touched. */
	range = mmap(NULL, HOST_VMALLOC_SIZE, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (range == MAP_FAILED)
		abort();
	vmap_space_init(&space, (unsigned long)range, (unsigned long)range + HOST_VMALLOC_SIZE);
}

void *__vmalloc(unsigned long size, gfp_t gfp)
{
	unsigned long len = (size + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
	struct vmap_area *va;
	unsigned long flags;

	if (!size) {
		__atomic_add_fetch(&nr_errors, 1, __ATOMIC_RELAXED);
		printk("vmalloc: size 0\n");
		return NULL;
	}
	va = calloc(1, sizeof(*va));
	if (!va)
		return NULL;
	spin_lock_irqsave(&lock, flags);
	init_once();
	if (vmap_space_insert(&space, va, len + PAGE_SIZE, PAGE_SIZE)) {
		spin_unlock_irqrestore(&lock, flags);
		free(va);
		return NULL;
	}
	va->state = VMAP_BUSY;
	va->flags = VM_ALLOC;
	va->nr_pages = len / PAGE_SIZE;
	host_vmalloc_live++;
	spin_unlock_irqrestore(&lock, flags);
	/* Fresh or reused: the pattern a real vmalloc page would not have, unless __GFP_ZERO. */
	memset((void *)va->va_start, gfp & __GFP_ZERO ? 0 : 0x5a, len);
	return (void *)va->va_start;
}

void *vmalloc(unsigned long size) { return __vmalloc(size, GFP_KERNEL | __GFP_HIGHMEM); }
void *vzalloc(unsigned long size) { return __vmalloc(size, GFP_KERNEL | __GFP_HIGHMEM | __GFP_ZERO); }

bool is_vmalloc_addr(const void *addr)
{
	return range && (const char *)addr >= range && (const char *)addr < range + HOST_VMALLOC_SIZE;
}

int vmalloc_errors(void) { return __atomic_load_n(&nr_errors, __ATOMIC_RELAXED); }

void vfree(const void *addr)
{
	struct vmap_area *va = NULL;
	unsigned long flags;

	if (!addr)
		return;
	spin_lock_irqsave(&lock, flags);
	if (is_vmalloc_addr(addr))
		va = vmap_space_find(&space, (unsigned long)addr);
	if (va && va->va_start == (unsigned long)addr) {
		vmap_space_remove(&space, va);
		host_vmalloc_live--;
	} else {
		va = NULL;
	}
	spin_unlock_irqrestore(&lock, flags);
	if (!va) {
		__atomic_add_fetch(&nr_errors, 1, __ATOMIC_RELAXED);
		printk("vfree: %p is not the start of a vmalloc area\n", addr);
		return;
	}
	free(va);
}
