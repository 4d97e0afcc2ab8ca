// SPDX-License-Identifier: BSD-2-Clause
/*
 * The DMA API for directly addressed devices (Linux kernel/dma/mapping.c, direct.c and debug.c in
 * one): coherent buffers from the page allocator, streaming mappings with the cache maintenance
 * of non-coherent devices (dma_noncoherent.c), and the bookkeeping of CONFIG_DMA_API_DEBUG, on
 * always, so that an unmap, sync or free of something that was never mapped, or with another
 * size, direction or function, is reported and changes nothing.
 *
 * What a device can reach is its mask and its window (a DT dma-ranges entry): memory outside is
 * refused. There is no swiotlb to bounce it through, and no CMA: a coherent buffer is one buddy
 * block, at most an order-(MAX_ORDER - 1) one. docs/mm.md "DMA".
 */
#include <mm/dma-mapping.h>
#include <mm/mm.h>
#include <mm/mmzone.h>
#include <pagoda/fdt.h>
#include <pagoda/printk.h>
#include <pagoda/spinlock.h>
#include <pagoda/string.h>
#include "dma_internal.h"

/* Refusals of unreachable memory printed per device; the rest are only counted. */
#define DMA_REFUSED_REPORTS 8

/* ---------------------------------------------------------------- debug bookkeeping */

enum dma_debug_type { DBG_SINGLE, DBG_PAGE, DBG_COHERENT };
static const char *const dbg_type_name[] = { "dma_map_single", "dma_map_page",
					     "dma_alloc_coherent" };
static const char *const dir_name[] = { "DMA_BIDIRECTIONAL", "DMA_TO_DEVICE", "DMA_FROM_DEVICE",
					"DMA_NONE" };

struct dma_debug_entry {
	struct dma_debug_entry *next;
	const struct device *dev;
	dma_addr_t addr;
	size_t size;
	void *cpu_addr;			/* coherent buffers */
	u8 type, dir;
};

/* Linux preallocates its entries too; when they run out debugging switches itself off. */
#define DMA_DEBUG_ENTRIES 256
#define DMA_DEBUG_HASH 64
static struct dma_debug_entry dbg_entries[DMA_DEBUG_ENTRIES];
static struct dma_debug_entry *dbg_hash[DMA_DEBUG_HASH], *dbg_free;
static unsigned int dbg_used;
static bool dbg_off;
static unsigned long dbg_errors;
static spinlock_t dbg_lock = SPIN_LOCK_UNLOCKED;

static unsigned int dbg_bucket(dma_addr_t addr)
{
	return (unsigned int)(addr >> PAGE_SHIFT) & (DMA_DEBUG_HASH - 1);
}

void dma_report(const struct device *dev, const char *fmt, ...)
{
	va_list ap;

	__atomic_add_fetch(&dbg_errors, 1, __ATOMIC_RELAXED);
	printk("DMA-API: %s: ", dev && dev->name ? dev->name : "(no device)");
	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
	printk("\n");
}

unsigned long dma_debug_errors(void)
{
	return __atomic_load_n(&dbg_errors, __ATOMIC_RELAXED);
}

__hot static void dbg_add(const struct device *dev, dma_addr_t addr, size_t size, void *cpu_addr,
		    enum dma_debug_type type, enum dma_data_direction dir)
{
	struct dma_debug_entry *e = NULL;
	unsigned long flags;
	unsigned int b = dbg_bucket(addr);

	spin_lock_irqsave(&dbg_lock, flags);
	if (dbg_off)
		goto out;
	if (dbg_free) {
		e = dbg_free;
		dbg_free = e->next;
	} else if (dbg_used < DMA_DEBUG_ENTRIES) {
		e = &dbg_entries[dbg_used++];
	} else {
		dbg_off = true;
		printk("DMA-API: debugging out of memory (%u live mappings): disabling\n",
		       DMA_DEBUG_ENTRIES);
		goto out;
	}
	*e = (struct dma_debug_entry){ dbg_hash[b], dev, addr, size, cpu_addr, (u8)type, (u8)dir };
	dbg_hash[b] = e;
out:
	spin_unlock_irqrestore(&dbg_lock, flags);
}

/* The entry of dev that contains [addr, addr + size), dbg_lock held. With exact, it must start at
 * addr (unmap and free name a mapping by its start); sync may name any part of one. */
static struct dma_debug_entry **dbg_find(const struct device *dev, dma_addr_t addr, size_t size,
					 bool exact)
{
	for (unsigned int i = 0; i < (exact ? 1 : DMA_DEBUG_HASH); i++) {
		struct dma_debug_entry **pp = &dbg_hash[exact ? dbg_bucket(addr) : i];

		for (; *pp; pp = &(*pp)->next) {
			struct dma_debug_entry *e = *pp;

			if (e->dev != dev)
				continue;
			if (exact ? e->addr == addr :
				    addr >= e->addr && addr - e->addr <= e->size &&
				    size <= e->size - (addr - e->addr))
				return pp;
		}
	}
	return NULL;
}

/*
 * Check an unmap or free against its mapping and drop the entry: true when it matches. On any
 * mismatch the call is reported and refused (the mapping stays, to be released right). With
 * debugging off (entries exhausted) nothing can be checked and every call is taken as good.
 */
__hot static bool dbg_remove(const struct device *dev, dma_addr_t addr, size_t size, void *cpu_addr,
		       enum dma_debug_type type, enum dma_data_direction dir)
{
	struct dma_debug_entry **pp, *e;
	unsigned long flags;
	bool ok = false;

	spin_lock_irqsave(&dbg_lock, flags);
	if (dbg_off) {
		spin_unlock_irqrestore(&dbg_lock, flags);
		return true;
	}
	pp = dbg_find(dev, addr, size, true);
	e = pp ? *pp : NULL;
	if (!e)
		dma_report(dev, "%s of 0x%llx (%zu bytes), which is not mapped%s",
			   type == DBG_COHERENT ? "dma_free_coherent" : "dma_unmap",
			   (unsigned long long)addr, size,
			   type == DBG_COHERENT ? " (double free?)" : " (double unmap?)");
	else if (e->type != type && !(e->type != DBG_COHERENT && type != DBG_COHERENT))
		dma_report(dev, "0x%llx came from %s: freed with the wrong function",
			   (unsigned long long)addr, dbg_type_name[e->type]);
	else if (e->size != size)
		dma_report(dev, "0x%llx: mapped with %zu bytes, released with %zu",
			   (unsigned long long)addr, e->size, size);
	else if (type == DBG_COHERENT && e->cpu_addr != cpu_addr)
		dma_report(dev, "dma_free_coherent of 0x%llx with CPU address %p, not %p",
			   (unsigned long long)addr, cpu_addr, e->cpu_addr);
	else if (type != DBG_COHERENT && e->dir != dir)
		dma_report(dev, "0x%llx mapped %s, unmapped %s", (unsigned long long)addr,
			   dir_name[e->dir], dir_name[dir]);
	else
		ok = true;
	if (ok) {
		*pp = e->next;
		e->next = dbg_free;
		dbg_free = e;
	}
	spin_unlock_irqrestore(&dbg_lock, flags);
	return ok;
}

/* A sync must name a part of a live streaming mapping, in its direction (or the mapping is
 * bidirectional). */
static bool dbg_check_sync(const struct device *dev, dma_addr_t addr, size_t size,
			   enum dma_data_direction dir, const char *fn)
{
	struct dma_debug_entry **pp;
	unsigned long flags;
	bool ok = true;

	spin_lock_irqsave(&dbg_lock, flags);
	if (!dbg_off) {
		pp = dbg_find(dev, addr, size, false);
		if (!pp || (*pp)->type == DBG_COHERENT) {
			dma_report(dev, "%s of [0x%llx, +%zu), which no streaming mapping holds", fn,
				   (unsigned long long)addr, size);
			ok = false;
		} else if ((*pp)->dir != DMA_BIDIRECTIONAL && (*pp)->dir != dir) {
			dma_report(dev, "%s of 0x%llx %s, mapped %s", fn, (unsigned long long)addr,
				   dir_name[dir], dir_name[(*pp)->dir]);
			ok = false;
		}
	}
	spin_unlock_irqrestore(&dbg_lock, flags);
	return ok;
}

unsigned long dma_debug_live(const struct device *dev)
{
	unsigned long flags, n = 0;

	spin_lock_irqsave(&dbg_lock, flags);
	for (unsigned int i = 0; i < DMA_DEBUG_HASH; i++)
		for (struct dma_debug_entry *e = dbg_hash[i]; e; e = e->next)
			n += !dev || e->dev == dev;
	spin_unlock_irqrestore(&dbg_lock, flags);
	return n;
}

/* ---------------------------------------------------------------- devices and masks */

void dma_device_init(struct device *dev, const char *name)
{
	memset(dev, 0, sizeof(*dev));
	dev->name = name;
	dev->_dma_mask = DMA_BIT_MASK(32);
	dev->dma_mask = &dev->_dma_mask;
	dev->coherent_dma_mask = DMA_BIT_MASK(32);
	dev->dma_window_start = 0;
	dev->dma_window_end = ~0ULL;
	dev->dma_coherent = true;	/* RISC-V Linux: coherent unless the DT says dma-noncoherent */
}

int dma_set_window(struct device *dev, dma_addr_t start, u64 size)
{
	if (!size || start + size - 1 < start) {
		dma_report(dev, "DMA window [0x%llx, +0x%llx) is empty or wraps",
			   (unsigned long long)start, (unsigned long long)size);
		return DMA_EINVAL;
	}
	dev->dma_window_start = start;
	dev->dma_window_end = start + size;	/* 0 when it ends at 2^64: see window_last() */
	return 0;
}

static dma_addr_t window_last(const struct device *dev)
{
	return dev->dma_window_end - 1;
}

/* End of ZONE_DMA (the first one, as Linux's zone_dma_bits): every mask must cover it. */
static phys_addr_t zone_dma_end(void)
{
	phys_addr_t end = 0;

	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		struct zone *z = &NODE_DATA(nid)->node_zones[ZONE_DMA];

		if (NODE_DATA(nid)->online && z->spanned_pages)
			end = max(end, (phys_addr_t)(z->zone_start_pfn + z->spanned_pages) << PAGE_SHIFT);
	}
	return end;
}

static bool dma_supported(const struct device *dev, u64 mask)
{
	phys_addr_t end = zone_dma_end();

	return end && mask >= end - 1;
}

int dma_set_mask(struct device *dev, u64 mask)
{
	if (!dev->dma_mask || !dma_supported(dev, mask)) {
		dma_report(dev, "DMA mask 0x%llx does not reach ZONE_DMA (ends at 0x%llx)",
			   (unsigned long long)mask, (unsigned long long)zone_dma_end());
		return DMA_EIO;
	}
	*dev->dma_mask = mask;
	return 0;
}

int dma_set_coherent_mask(struct device *dev, u64 mask)
{
	if (!dma_supported(dev, mask)) {
		dma_report(dev, "coherent DMA mask 0x%llx does not reach ZONE_DMA (ends at 0x%llx)",
			   (unsigned long long)mask, (unsigned long long)zone_dma_end());
		return DMA_EIO;
	}
	dev->coherent_dma_mask = mask;
	return 0;
}

int dma_set_mask_and_coherent(struct device *dev, u64 mask)
{
	int r = dma_set_mask(dev, mask);

	return r ? r : dma_set_coherent_mask(dev, mask);
}

__hot bool dma_capable(const struct device *dev, dma_addr_t addr, size_t size, bool coherent)
{
	u64 mask = coherent ? dev->coherent_dma_mask : *dev->dma_mask;
	dma_addr_t last = addr + (size ? size - 1 : 0);

	return last >= addr && addr >= dev->dma_window_start && last <= window_last(dev) &&
	       last <= mask;
}

static void dma_refused(struct device *dev, const char *fn, dma_addr_t addr, size_t size,
			bool coherent)
{
	if (++dev->dma_refused <= DMA_REFUSED_REPORTS)
		printk("DMA-API: %s: %s of [0x%llx, +%zu) refused: outside the mask 0x%llx or the "
		       "window [0x%llx, 0x%llx] (no bounce buffers)\n", dev->name, fn,
		       (unsigned long long)addr, size,
		       (unsigned long long)(coherent ? dev->coherent_dma_mask : *dev->dma_mask),
		       (unsigned long long)dev->dma_window_start,
		       (unsigned long long)window_last(dev));
}

/* ---------------------------------------------------------------- coherent buffers */

/* One try of the buddy allocator; the block back if the device cannot reach it. */
static struct page *alloc_reachable(struct device *dev, size_t size, unsigned int order, gfp_t gfp)
{
	struct page *page = alloc_pages(gfp | __GFP_NOWARN, order);

	if (page && !dma_capable(dev, page_to_phys(page), size, true)) {
		__free_pages(page, order);
		page = NULL;
	}
	return page;
}

void *dma_alloc_coherent(struct device *dev, size_t size, dma_addr_t *dma_handle, gfp_t gfp)
{
	u64 limit = min((u64)dev->coherent_dma_mask, (u64)window_last(dev));
	unsigned int order;
	struct page *page;
	void *cpu;

	*dma_handle = DMA_MAPPING_ERROR;
	if (!size || size > (PAGE_SIZE << (MAX_ORDER - 1))) {
		dma_report(dev, "dma_alloc_coherent of %zu bytes: must be 1 .. %lu (one buddy block)",
			   size, PAGE_SIZE << (MAX_ORDER - 1));
		return NULL;
	}
	if (limit < (phys_addr_t)mem_map_base_pfn << PAGE_SHIFT ||
	    dev->dma_window_start >= (phys_addr_t)max_low_pfn << PAGE_SHIFT) {
		dma_report(dev, "dma_alloc_coherent: no lowmem below mask 0x%llx in window "
			   "[0x%llx, 0x%llx]", (unsigned long long)dev->coherent_dma_mask,
			   (unsigned long long)dev->dma_window_start,
			   (unsigned long long)window_last(dev));
		return NULL;
	}
	order = get_order(size);
	/* Linux's dma_direct_alloc: the zone from the limit, zone modifiers of the caller dropped;
	 * lowmem only, since the buffer needs a CPU address. */
	gfp &= ~(__GFP_DMA | __GFP_DMA32 | __GFP_HIGHMEM | __GFP_MOVABLE | __GFP_ZERO | __GFP_COMP);
	page = NULL;
	if (limit >= zone_dma_end() - 1)
		page = alloc_reachable(dev, size, order, gfp);
	if (!page)
		page = alloc_reachable(dev, size, order, gfp | __GFP_DMA);
	if (!page) {
		dev->dma_refused++;
		if (!(gfp & __GFP_NOWARN))
			printk("DMA-API: %s: dma_alloc_coherent of %zu bytes: no free block the device "
			       "reaches\n", dev->name, size);
		return NULL;
	}
	mm_zero_pages(page, order);
	if (!dev->dma_coherent)
		arch_dma_prep_coherent(page, PAGE_SIZE << order);
	cpu = page_address(page);
	*dma_handle = page_to_phys(page);
	dbg_add(dev, *dma_handle, size, cpu, DBG_COHERENT, DMA_BIDIRECTIONAL);
	return cpu;
}

void dma_free_coherent(struct device *dev, size_t size, void *cpu_addr, dma_addr_t dma_handle)
{
	if (!cpu_addr)
		return;		/* as Linux */
	if (!virt_addr_valid(cpu_addr) || (unsigned long)cpu_addr & (PAGE_SIZE - 1) ||
	    arch_virt_to_phys(cpu_addr) != dma_handle) {
		dma_report(dev, "dma_free_coherent(%p, 0x%llx): not a buffer dma_alloc_coherent "
			   "returned", cpu_addr, (unsigned long long)dma_handle);
		return;
	}
	if (!dbg_remove(dev, dma_handle, size, cpu_addr, DBG_COHERENT, DMA_BIDIRECTIONAL))
		return;
	__free_pages(virt_to_page(cpu_addr), get_order(size));
}

/* ---------------------------------------------------------------- streaming mappings */

__hot static bool valid_dir(struct device *dev, enum dma_data_direction dir, const char *fn)
{
	if ((unsigned int)dir <= DMA_FROM_DEVICE)
		return true;
	dma_report(dev, "%s with direction %u: not BIDIRECTIONAL, TO_DEVICE or FROM_DEVICE", fn,
		   (unsigned int)dir);
	return false;
}

__hot static dma_addr_t map_phys(struct device *dev, phys_addr_t pa, size_t size,
			   enum dma_data_direction dir, enum dma_debug_type type)
{
	if (!dma_capable(dev, pa, size, false)) {
		dma_refused(dev, dbg_type_name[type], pa, size, false);
		return DMA_MAPPING_ERROR;
	}
	if (!dev->dma_coherent)
		arch_sync_dma_for_device(pa, size, dir);
	dbg_add(dev, pa, size, NULL, type, dir);
	return pa;
}

__hot dma_addr_t dma_map_page(struct device *dev, struct page *page, size_t offset, size_t size,
			enum dma_data_direction dir)
{
	phys_addr_t pa;

	if (!valid_dir(dev, dir, "dma_map_page"))
		return DMA_MAPPING_ERROR;
	pa = page_in_mem_map(page) ? page_to_phys(page) + offset : 0;
	if (!size || !page_in_mem_map(page) || pa + size < pa ||
	    !pfn_valid((pa + size - 1) >> PAGE_SHIFT)) {
		dma_report(dev, "dma_map_page(%p, +%zu, %zu bytes): not memory", (void *)page, offset,
			   size);
		return DMA_MAPPING_ERROR;
	}
	return map_phys(dev, pa, size, dir, DBG_PAGE);
}

dma_addr_t dma_map_single(struct device *dev, void *ptr, size_t size, enum dma_data_direction dir)
{
	if (!valid_dir(dev, dir, "dma_map_single"))
		return DMA_MAPPING_ERROR;
	/* Linux's debug check: only the direct map is physically contiguous (not vmalloc). */
	if (!size || !virt_addr_valid(ptr) || (unsigned long)ptr + size < (unsigned long)ptr ||
	    !virt_addr_valid((void *)((unsigned long)ptr + size - 1))) {
		dma_report(dev, "dma_map_single(%p, %zu bytes): not in the direct map", ptr, size);
		return DMA_MAPPING_ERROR;
	}
	return map_phys(dev, arch_virt_to_phys(ptr), size, dir, DBG_SINGLE);
}

__hot static void unmap(struct device *dev, dma_addr_t addr, size_t size, enum dma_data_direction dir,
		  enum dma_debug_type type, const char *fn)
{
	if (!valid_dir(dev, dir, fn) || !dbg_remove(dev, addr, size, NULL, type, dir))
		return;
	if (!dev->dma_coherent)
		arch_sync_dma_for_cpu(addr, size, dir);
}

__hot void dma_unmap_page(struct device *dev, dma_addr_t addr, size_t size, enum dma_data_direction dir)
{
	unmap(dev, addr, size, dir, DBG_PAGE, "dma_unmap_page");
}

void dma_unmap_single(struct device *dev, dma_addr_t addr, size_t size,
		      enum dma_data_direction dir)
{
	unmap(dev, addr, size, dir, DBG_SINGLE, "dma_unmap_single");
}

void dma_sync_single_for_cpu(struct device *dev, dma_addr_t addr, size_t size,
			     enum dma_data_direction dir)
{
	if (!valid_dir(dev, dir, "dma_sync_single_for_cpu") ||
	    !dbg_check_sync(dev, addr, size, dir, "dma_sync_single_for_cpu"))
		return;
	if (!dev->dma_coherent)
		arch_sync_dma_for_cpu(addr, size, dir);
}

void dma_sync_single_for_device(struct device *dev, dma_addr_t addr, size_t size,
				enum dma_data_direction dir)
{
	if (!valid_dir(dev, dir, "dma_sync_single_for_device") ||
	    !dbg_check_sync(dev, addr, size, dir, "dma_sync_single_for_device"))
		return;
	if (!dev->dma_coherent)
		arch_sync_dma_for_device(addr, size, dir);
}

/* ---------------------------------------------------------------- device tree */

static u64 read_cells(const u8 *p, u32 cells)
{
	return cells == 2 ? (u64)fdt32_ld(p) << 32 | fdt32_ld(p + 4) : fdt32_ld(p);
}

int dma_parse_ranges(const char *who, const void *prop, int len, u32 child_cells,
		     u32 parent_cells, u32 size_cells, u64 *start, u64 *size)
{
	const u8 *p = prop;
	u64 child, parent;

	if (child_cells < 1 || child_cells > 2 || parent_cells < 1 || parent_cells > 2 ||
	    size_cells < 1 || size_cells > 2) {
		printk("%s: dma-ranges: cells %u/%u/%u: only 1 or 2 are supported\n", who,
		       child_cells, parent_cells, size_cells);
		return DMA_EINVAL;
	}
	if (!p || len != (int)(child_cells + parent_cells + size_cells) * 4) {
		printk("%s: dma-ranges: %d bytes, expected one entry <child parent size> of %u\n",
		       who, len, (child_cells + parent_cells + size_cells) * 4);
		return DMA_EINVAL;
	}
	child = read_cells(p, child_cells);
	parent = read_cells(p + child_cells * 4, parent_cells);
	*size = read_cells(p + (child_cells + parent_cells) * 4, size_cells);
	if (child != parent) {
		printk("%s: dma-ranges: bus 0x%llx != CPU 0x%llx: translated DMA is not supported\n",
		       who, (unsigned long long)child, (unsigned long long)parent);
		return DMA_EINVAL;
	}
	if (!*size || parent + *size - 1 < parent) {
		printk("%s: dma-ranges: [0x%llx, +0x%llx) is empty or wraps\n", who,
		       (unsigned long long)parent, (unsigned long long)*size);
		return DMA_EINVAL;
	}
	*start = parent;
	return 0;
}
