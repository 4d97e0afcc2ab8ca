// SPDX-License-Identifier: BSD-2-Clause
/*
 * The page cache (Linux include/linux/pagemap.h, mm/filemap.c), reduced: a "file" is an
 * address_space over a RAM-disk of fixed size; its pages are indexed by a flat array (Linux: an
 * xarray), read fills a page from the RAM-disk, write marks it dirty, writeback copies it back.
 * Cache pages are on their node's LRU lists (mmzone.h struct lruvec) and reclaim frees them
 * (mm/vmscan.c shrink_node). See docs/mm.md "Page cache and LRU".
 *
 * Pagoda has no page reference counts for cache pages: a page in a mapping is pinned by the
 * mapping's lock. find_get_page() and every use of its result happen under mapping->lock.
 */
#ifndef MM_PAGEMAP_H
#define MM_PAGEMAP_H

#include <pagoda/list.h>
#include <pagoda/spinlock.h>
#include <pagoda/types.h>
#include <mm/gfp.h>
#include <mm/mmzone.h>

struct page;

struct address_space {
	spinlock_t lock;		/* the index, the pages' flags, the RAM-disk blocks */
	struct page **pages;		/* index -> cached page or NULL (Linux i_pages) */
	void **store;			/* the RAM-disk: index -> block, NULL = hole (reads zeros) */
	unsigned long size;		/* pages in the file */
	unsigned long nrpages;		/* pages cached */
	unsigned long nrstore;		/* RAM-disk blocks allocated */
	int refcount;			/* the owner's, plus one per reclaimer holding a page */
	int id;
	gfp_t gfp;			/* for cache pages (Linux mapping_gfp_mask); lowmem only */
	struct list_head list;		/* all address spaces, for drop_caches */
};

/* A file of nr_pages pages on a new RAM-disk; NULL on bad size or no memory. */
struct address_space *ramfile_create(unsigned long nr_pages);
/* Drop every page (dirty ones too: the file is gone) and the RAM-disk; the owner's reference. */
void ramfile_destroy(struct address_space *mapping);

/* Under mapping->lock: the cached page at index, or NULL (Linux find_get_page, no reference). */
struct page *find_get_page(struct address_space *mapping, unsigned long index);
/* Under mapping->lock: insert a new page and put it on the inactive file LRU; 0 or -EEXIST. */
int add_to_page_cache_lru(struct page *page, struct address_space *mapping, unsigned long index);
/* Linux mark_page_accessed: inactive,unreferenced -> inactive,referenced -> active. Lock held. */
void mark_page_accessed(struct page *page);

/* Copy page `index` out (filled from the RAM-disk on a miss) / in (marks it dirty; the block it
 * will be written back to is reserved first). 0, -EINVAL (index) or -ENOMEM. */
int pagecache_read(struct address_space *mapping, unsigned long index, void *buf, gfp_t gfp);
int pagecache_write(struct address_space *mapping, unsigned long index, const void *buf, gfp_t gfp);
/* Write back every dirty page (Linux filemap_write_and_wait); pages written. */
unsigned long filemap_write_and_wait(struct address_space *mapping);
/* Free the clean pages of every file (Linux drop_pagecache_sb/invalidate_mapping_pages, the
 * "1" of /proc/sys/vm/drop_caches); pages freed. Dirty ones stay. */
unsigned long drop_pagecache(void);
/* Pages held by the RAM-disks (backing store, not cache), for reconciling free counts. */
unsigned long ramdisk_pages(void);

unsigned long node_page_state(int nid, enum node_stat_item item);
unsigned long global_node_page_state(enum node_stat_item item);

#endif
