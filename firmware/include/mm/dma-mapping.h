// SPDX-License-Identifier: BSD-2-Clause
/*
 * The DMA API (Linux include/linux/dma-mapping.h, dmapool.h): coherent buffers, pools of small
 * coherent blocks, and streaming mappings of memory the CPU already owns, for a device described
 * by its DMA masks and the window of bus addresses it can reach (the DT's dma-ranges).
 * Bus addresses equal physical ones (no IOMMU, no offset) and there is no swiotlb: memory a
 * device cannot reach is refused (NULL, DMA_MAPPING_ERROR), never bounced. Every mapping and
 * coherent buffer is tracked as CONFIG_DMA_API_DEBUG would, so a bad unmap, sync or free is
 * reported and changes nothing. docs/mm.md "DMA".
 */
#ifndef MM_DMA_MAPPING_H
#define MM_DMA_MAPPING_H

#include <mm/gfp.h>
#include <pagoda/list.h>
#include <pagoda/spinlock.h>
#include <pagoda/types.h>

struct page;

typedef u64 dma_addr_t;

#define DMA_MAPPING_ERROR	(~(dma_addr_t)0)
#define DMA_BIT_MASK(n)		((n) >= 64 ? ~0ULL : (1ULL << (n)) - 1)

enum dma_data_direction {
	DMA_BIDIRECTIONAL = 0,
	DMA_TO_DEVICE = 1,
	DMA_FROM_DEVICE = 2,
	DMA_NONE = 3,
};

#define DMA_EINVAL	(-22)
#define DMA_EBUSY	(-16)
#define DMA_EIO		(-5)

/*
 * What the DMA API needs to know of a device (Linux's struct device keeps these among much else).
 * The window [dma_window_start, dma_window_end) is the range of bus addresses the device may
 * touch; with the mask, the smaller of the two limits wins. A non-coherent device (DT
 * dma-noncoherent) gets the cache maintenance of dma_noncoherent.c around every transfer.
 */
struct device {
	const char *name;
	u64 *dma_mask;			/* streaming mappings; points at _dma_mask */
	u64 coherent_dma_mask;		/* dma_alloc_coherent and pools */
	u64 _dma_mask;
	dma_addr_t dma_window_start, dma_window_end;
	bool dma_coherent;
	unsigned long dma_refused;	/* maps and allocations refused as unreachable */
};

/* A device that reaches all of RAM through a 32-bit mask, coherent: Linux's defaults. */
void dma_device_init(struct device *dev, const char *name);
/* Restrict the window (a DT dma-ranges entry); DMA_EINVAL for an empty or wrapping range. */
int dma_set_window(struct device *dev, dma_addr_t start, u64 size);
/* 0, or DMA_EIO when the mask does not cover ZONE_DMA (Linux's dma_direct_supported). */
int dma_set_mask(struct device *dev, u64 mask);
int dma_set_coherent_mask(struct device *dev, u64 mask);
int dma_set_mask_and_coherent(struct device *dev, u64 mask);
/* Whether [addr, addr + size) lies below the mask and inside the window. */
bool dma_capable(const struct device *dev, dma_addr_t addr, size_t size, bool coherent);

/* Coherent buffers: zeroed (through mm_zero_pages()), physically contiguous, page granular. */
void *dma_alloc_coherent(struct device *dev, size_t size, dma_addr_t *dma_handle, gfp_t gfp);
void dma_free_coherent(struct device *dev, size_t size, void *cpu_addr, dma_addr_t dma_handle);

/* Streaming mappings. */
dma_addr_t dma_map_page(struct device *dev, struct page *page, size_t offset, size_t size,
			enum dma_data_direction dir);
void dma_unmap_page(struct device *dev, dma_addr_t addr, size_t size, enum dma_data_direction dir);
dma_addr_t dma_map_single(struct device *dev, void *ptr, size_t size, enum dma_data_direction dir);
void dma_unmap_single(struct device *dev, dma_addr_t addr, size_t size,
		      enum dma_data_direction dir);
void dma_sync_single_for_cpu(struct device *dev, dma_addr_t addr, size_t size,
			     enum dma_data_direction dir);
void dma_sync_single_for_device(struct device *dev, dma_addr_t addr, size_t size,
				enum dma_data_direction dir);
static inline int dma_mapping_error(struct device *dev, dma_addr_t addr)
{
	(void)dev;
	return addr == DMA_MAPPING_ERROR ? DMA_EIO : 0;
}

/* Pools of fixed-size coherent blocks (Linux mm/dmapool.c). */
struct dma_pool;
/* NULL with a report for size 0, an alignment or boundary that is not a power of two, or a
 * boundary smaller than the block. */
struct dma_pool *dma_pool_create(const char *name, struct device *dev, size_t size, size_t align,
				 size_t boundary);
void *dma_pool_alloc(struct dma_pool *pool, gfp_t gfp, dma_addr_t *handle);
static inline void *dma_pool_zalloc(struct dma_pool *pool, gfp_t gfp, dma_addr_t *handle)
{
	return dma_pool_alloc(pool, gfp | __GFP_ZERO, handle);
}
void dma_pool_free(struct dma_pool *pool, void *vaddr, dma_addr_t dma);
/* 0, or DMA_EBUSY with a loud report while blocks are live (the pool then stays usable). */
int dma_pool_destroy(struct dma_pool *pool);

/* The cache maintenance of non-coherent DMA (Linux's arch_sync_dma_* hooks; dma_noncoherent.c). */
void arch_sync_dma_for_device(phys_addr_t paddr, size_t size, enum dma_data_direction dir);
void arch_sync_dma_for_cpu(phys_addr_t paddr, size_t size, enum dma_data_direction dir);
void arch_dma_prep_coherent(struct page *page, size_t size);

/*
 * DT: one dma-ranges entry <child parent size> in the given cells (child-bus, parent-bus and
 * size cells, each 1 or 2), an identity map (child == parent) of a non-empty range that does not
 * wrap. 0 with the range in start and size, or DMA_EINVAL with the reason printed, prefixed by who.
 */
int dma_parse_ranges(const char *who, const void *prop, int len, u32 child_cells,
		     u32 parent_cells, u32 size_cells, u64 *start, u64 *size);

/* Debugging (CONFIG_DMA_API_DEBUG): bad calls reported so far, live mappings and buffers. */
unsigned long dma_debug_errors(void);
unsigned long dma_debug_live(const struct device *dev);

#endif
