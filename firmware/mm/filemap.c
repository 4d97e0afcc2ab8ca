// SPDX-License-Identifier: BSD-2-Clause
/*
 * The page cache and the file LRU lists (Linux mm/filemap.c, mm/swap.c, mm/page-writeback.c),
 * for files on RAM-disks (include/mm/pagemap.h). Portable: the host tests run it on the arena.
 *
 * Locks: mapping->lock, then the node's lruvec->lru_lock inside it. Every flag of a cache page is
 * written under its mapping's lock; PG_lru and PG_active (list membership) under both. Reclaim
 * (mm/vmscan.c) takes a page from an LRU tail with lru_isolate_tail(), which pins the mapping
 * (refcount), drops lru_lock, takes the mapping's lock and rechecks.
 *
 * A cache page: PG_lru (unless isolated) and not PG_anon; page->private is its mapping,
 * page->index its offset. Pages are lowmem (GFP_KERNEL): page_address() always works.
 */
#include <pagoda/printk.h>
#include <pagoda/string.h>
#include <pagoda/sched.h>
#include <mm/memcontrol.h>
#include <mm/mm.h>
#include <mm/mm_types.h>
#include <mm/pagemap.h>
#include <mm/slab.h>
#include "internal.h"

static spinlock_t mappings_lock = SPIN_LOCK_UNLOCKED;
static LIST_HEAD(mappings);
static int next_id;
static unsigned long nr_ramdisk_pages;

/* mm_init() starts a new allocator (the host tests boot many): fresh lists, no files. */
void pagecache_reset(void)
{
	spin_lock_init(&mappings_lock);
	INIT_LIST_HEAD(&mappings);
	next_id = 0;
	nr_ramdisk_pages = 0;
	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		struct lruvec *lv = &node_data[nid].__lruvec;

		memset(lv, 0, sizeof(*lv));
		spin_lock_init(&lv->lru_lock);
		for (int l = 0; l < NR_LRU_LISTS; l++)
			INIT_LIST_HEAD(&lv->lists[l]);
	}
}

struct lruvec *page_lruvec(const struct page *page)
{
	return &node_data[page_to_nid(page)].__lruvec;
}

static void mod_node_state(const struct page *page, enum node_stat_item item, long d)
{
	__atomic_add_fetch(&page_lruvec(page)->vm_stat[item], d, __ATOMIC_RELAXED);
}

unsigned long node_page_state(int nid, enum node_stat_item item)
{
	long v;

	if (nid < 0 || nid >= MAX_NUMNODES)
		return 0;
	v = __atomic_load_n(&node_data[nid].__lruvec.vm_stat[item], __ATOMIC_RELAXED);
	return v < 0 ? 0 : (unsigned long)v;
}

unsigned long global_node_page_state(enum node_stat_item item)
{
	unsigned long s = 0;

	for (int nid = 0; nid < MAX_NUMNODES; nid++)
		s += node_page_state(nid, item);
	return s;
}

unsigned long ramdisk_pages(void)
{
	return __atomic_load_n(&nr_ramdisk_pages, __ATOMIC_RELAXED);
}

/* Pages on the file LRU lists of one zone (Linux zone_reclaimable_pages, file part). */
unsigned long zone_lru_file_pages(const struct zone *zone)
{
	return READ_ONCE(node_data[zone_to_nid(zone)].__lruvec.nr_zone_file[zone_idx(zone)]);
}

/* lru_lock held: link the page and count it (Linux add_page_to_lru_list / del_page_from_lru_list). */
static void lru_add_locked(struct lruvec *lv, struct page *page, enum lru_list lru, bool tail)
{
	if (tail)
		list_add_tail(&page->lru, &lv->lists[lru]);
	else
		list_add(&page->lru, &lv->lists[lru]);
	lv->nr_pages[lru]++;
	WRITE_ONCE(lv->nr_zone_file[page_zonenum(page)], lv->nr_zone_file[page_zonenum(page)] + 1);
	__atomic_add_fetch(&lv->vm_stat[lru == LRU_ACTIVE_FILE ? NR_ACTIVE_FILE : NR_INACTIVE_FILE], 1,
			   __ATOMIC_RELAXED);
	if (lru == LRU_ACTIVE_FILE)
		SetPageActive(page);
	else
		__ClearPageActive(page);
	SetPageLRU(page);
}

static void lru_del_locked(struct lruvec *lv, struct page *page)
{
	enum lru_list lru = PageActive(page) ? LRU_ACTIVE_FILE : LRU_INACTIVE_FILE;

	list_del(&page->lru);
	lv->nr_pages[lru]--;
	WRITE_ONCE(lv->nr_zone_file[page_zonenum(page)], lv->nr_zone_file[page_zonenum(page)] - 1);
	__atomic_sub_fetch(&lv->vm_stat[lru == LRU_ACTIVE_FILE ? NR_ACTIVE_FILE : NR_INACTIVE_FILE], 1,
			   __ATOMIC_RELAXED);
	__ClearPageLRU(page);
}

/* mapping->lock held: the page (isolated, PG_lru clear) back on a list; at the head (most
 * recently used end) or, for a rotation, also at the head: reclaim takes from the tail. */
void lru_putback(struct page *page, enum lru_list lru)
{
	struct lruvec *lv = page_lruvec(page);
	unsigned long flags;

	spin_lock_irqsave(&lv->lru_lock, flags);
	lru_add_locked(lv, page, lru, false);
	spin_unlock_irqrestore(&lv->lru_lock, flags);
}

void mapping_put(struct address_space *m)
{
	if (__atomic_sub_fetch(&m->refcount, 1, __ATOMIC_ACQ_REL))
		return;
	kvfree(m->pages);
	kvfree(m->store);
	kfree(m);
}

/*
 * Take the page at the tail of a list, isolated (off the list, PG_lru clear), with its mapping
 * locked and pinned: *mp set, the caller unlocks and mapping_put()s. NULL when the list is empty
 * or stayed busy (the tail changed under us four times running).
 */
struct page *lru_isolate_tail(struct lruvec *lv, enum lru_list lru, struct address_space **mp)
{
	return lru_isolate_tail_memcg(lv, lru, NULL, mp);
}

/* The last page of the list charged to memcg's subtree (NULL: any page), or NULL. Linux keeps
 * a lruvec per memcg and node and takes its tail; here the node's one list is walked from the
 * tail past other groups' pages, which stay where they are. lru_lock held. */
static struct page *lru_tail_of(struct lruvec *lv, enum lru_list lru, struct mem_cgroup *memcg)
{
	struct list_head *head = &lv->lists[lru];

	if (!memcg)
		return list_empty(head) ? NULL : list_last_entry(head, struct page, lru);
	for (struct list_head *e = head->prev; e != head; e = e->prev) {
		struct page *page = list_entry(e, struct page, lru);

		if (mem_cgroup_is_descendant(page_memcg(page), memcg))
			return page;
	}
	return NULL;
}

struct page *lru_isolate_tail_memcg(struct lruvec *lv, enum lru_list lru, struct mem_cgroup *memcg,
				    struct address_space **mp)
{
	for (int tries = 0; tries < 4; tries++) {
		struct address_space *m;
		struct page *page;
		unsigned long flags;

		spin_lock_irqsave(&lv->lru_lock, flags);
		page = lru_tail_of(lv, lru, memcg);
		if (!page) {
			spin_unlock_irqrestore(&lv->lru_lock, flags);
			return NULL;
		}
		m = (struct address_space *)page->private;
		__atomic_add_fetch(&m->refcount, 1, __ATOMIC_ACQ_REL);
		spin_unlock_irqrestore(&lv->lru_lock, flags);

		spin_lock(&m->lock);
		spin_lock_irqsave(&lv->lru_lock, flags);
		if (PageLRU(page) && (struct address_space *)page->private == m &&
		    (PageActive(page) ? LRU_ACTIVE_FILE : LRU_INACTIVE_FILE) == lru) {
			lru_del_locked(lv, page);
			spin_unlock_irqrestore(&lv->lru_lock, flags);
			*mp = m;
			return page;
		}
		spin_unlock_irqrestore(&lv->lru_lock, flags);
		spin_unlock(&m->lock);
		mapping_put(m);
	}
	return NULL;
}

/* mapping->lock held: copy a dirty page to its RAM-disk block (reserved when it was dirtied).
 * Synchronous: PG_writeback and nr_writeback are set for the length of the copy. */
void pageout_locked(struct address_space *m, struct page *page)
{
	void *blk = m->store[page->index];

	SetPageWriteback(page);
	mod_node_state(page, NR_WRITEBACK, 1);
	__ClearPageDirty(page);
	mod_node_state(page, NR_FILE_DIRTY, -1);
	memcpy(blk, page_address(page), PAGE_SIZE);
	__ClearPageWriteback(page);
	mod_node_state(page, NR_WRITEBACK, -1);
	count_vm_events(NR_WRITTEN, 1);
}

/* mapping->lock held, page isolated (not on a list) and clean: out of the cache (Linux
 * __remove_mapping); the caller frees it after dropping the lock. */
void remove_mapping_locked(struct address_space *m, struct page *page)
{
	mem_cgroup_uncharge(page);	/* Linux: when the page is freed; it is, right after */
	m->pages[page->index] = NULL;
	m->nrpages--;
	mod_node_state(page, NR_FILE_PAGES, -1);
	page_flags_write(&page->flags, page_flags_read(&page->flags) &
			 ~((1UL << PG_referenced) | (1UL << PG_uptodate) | (1UL << PG_active)));
	page->private = 0;
	page->index = 0;
}

struct address_space *ramfile_create(unsigned long nr_pages)
{
	struct address_space *m;

	if (!nr_pages || nr_pages > totalram_pages)
		return NULL;
	m = kzalloc(sizeof(*m), GFP_KERNEL);
	if (!m)
		return NULL;
	m->pages = kvzalloc(nr_pages * sizeof(*m->pages), GFP_KERNEL);
	m->store = kvzalloc(nr_pages * sizeof(*m->store), GFP_KERNEL);
	if (!m->pages || !m->store) {
		kvfree(m->pages);
		kvfree(m->store);
		kfree(m);
		return NULL;
	}
	spin_lock_init(&m->lock);
	m->size = nr_pages;
	m->refcount = 1;
	m->gfp = GFP_KERNEL;
	spin_lock(&mappings_lock);
	m->id = next_id++;
	list_add_tail(&m->list, &mappings);
	spin_unlock(&mappings_lock);
	return m;
}

/* mapping->lock held: drop a cached page (on its list, or the caller's). */
static struct page *evict_locked(struct address_space *m, struct page *page)
{
	if (PageLRU(page)) {
		struct lruvec *lv = page_lruvec(page);
		unsigned long flags;

		spin_lock_irqsave(&lv->lru_lock, flags);
		lru_del_locked(lv, page);
		spin_unlock_irqrestore(&lv->lru_lock, flags);
	}
	if (PageDirty(page)) {
		__ClearPageDirty(page);
		mod_node_state(page, NR_FILE_DIRTY, -1);
	}
	remove_mapping_locked(m, page);
	return page;
}

void ramfile_destroy(struct address_space *m)
{
	if (!m)
		return;
	spin_lock(&mappings_lock);
	list_del(&m->list);
	spin_unlock(&mappings_lock);
	/* Pages isolated by a reclaimer are not in the way: it holds m->lock while it has one. */
	for (unsigned long i = 0; i < m->size; i++) {
		struct page *page = NULL;
		void *blk;

		spin_lock(&m->lock);
		if (m->pages[i])
			page = evict_locked(m, m->pages[i]);
		blk = m->store[i];
		m->store[i] = NULL;
		if (blk)
			m->nrstore--;
		spin_unlock(&m->lock);
		if (page)
			__free_page(page);
		if (blk) {
			free_page((unsigned long)blk);
			__atomic_sub_fetch(&nr_ramdisk_pages, 1, __ATOMIC_RELAXED);
		}
	}
	mapping_put(m);
}

struct page *find_get_page(struct address_space *m, unsigned long index)
{
	return index < m->size ? m->pages[index] : NULL;
}

int add_to_page_cache_lru(struct page *page, struct address_space *m, unsigned long index)
{
	if (index >= m->size)
		return -EINVAL;
	if (m->pages[index])
		return -EEXIST;
	page->private = (unsigned long)m;
	page->index = index;
	m->pages[index] = page;
	m->nrpages++;
	mod_node_state(page, NR_FILE_PAGES, 1);
	lru_putback(page, LRU_INACTIVE_FILE);
	return 0;
}

void mark_page_accessed(struct page *page)
{
	if (!PageActive(page) && PageReferenced(page) && PageLRU(page)) {
		struct lruvec *lv = page_lruvec(page);
		unsigned long flags;

		spin_lock_irqsave(&lv->lru_lock, flags);
		lru_del_locked(lv, page);
		lru_add_locked(lv, page, LRU_ACTIVE_FILE, false);
		spin_unlock_irqrestore(&lv->lru_lock, flags);
		__ClearPageReferenced(page);
		count_vm_events(PGACTIVATE, 1);
	} else if (!PageReferenced(page)) {
		SetPageReferenced(page);
	}
}

/*
 * Find the page or bring it in: a new page is allocated before the lock (it may reclaim, and
 * reclaim takes mapping locks), filled from the RAM-disk (a hole reads as zeros) and added; if
 * another task added one meanwhile, the new page goes back (freeing takes only the allocator's
 * locks, never a mapping's, so it may happen under m->lock). Returns with m->lock held.
 */
static int pagecache_get_locked(struct address_space *m, unsigned long index, gfp_t gfp,
				struct page **out)
{
	struct page *page, *new;

	if (!m || index >= m->size)
		return -EINVAL;
	spin_lock(&m->lock);
	page = m->pages[index];
	if (page) {
		*out = page;
		return 0;
	}
	spin_unlock(&m->lock);
	new = alloc_page((gfp & ~(__GFP_HIGHMEM | __GFP_MOVABLE)) | __GFP_NOWARN);
	if (!new)
		return -ENOMEM;
	/* Linux filemap_add_folio: charged to the reading task's group before it is inserted
	 * (outside the lock: the charge may reclaim, and reclaim takes mapping locks). */
	if (mem_cgroup_charge(new, mem_cgroup_from_task(current), gfp, false)) {
		__free_page(new);
		return -ENOMEM;
	}
	spin_lock(&m->lock);
	page = m->pages[index];
	if (page) {	/* another task brought it in meanwhile: theirs, ours back */
		mem_cgroup_uncharge(new);
		__free_page(new);
		*out = page;
		return 0;
	}
	if (m->store[index])
		memcpy(page_address(new), m->store[index], PAGE_SIZE);
	else
		memset(page_address(new), 0, PAGE_SIZE);
	SetPageUptodate(new);
	add_to_page_cache_lru(new, m, index);
	*out = new;
	return 0;
}

int pagecache_read(struct address_space *m, unsigned long index, void *buf, gfp_t gfp)
{
	struct page *page;
	int err = pagecache_get_locked(m, index, gfp, &page);

	if (err)
		return err;
	if (buf)
		memcpy(buf, page_address(page), PAGE_SIZE);
	mark_page_accessed(page);
	spin_unlock(&m->lock);
	return 0;
}

int pagecache_write(struct address_space *m, unsigned long index, const void *buf, gfp_t gfp)
{
	struct page *page;
	void *blk = NULL;
	int err;

	if (!m || index >= m->size || !buf)
		return -EINVAL;
	/* Reserve the block writeback will need now, while this task may allocate and reclaim:
	 * writeback itself never allocates (Linux: delayed allocation's reservation). */
	if (!READ_ONCE(m->store[index])) {
		blk = (void *)get_zeroed_page((gfp & ~(__GFP_HIGHMEM | __GFP_MOVABLE)) | __GFP_NOWARN);
		if (!blk)
			return -ENOMEM;
	}
	err = pagecache_get_locked(m, index, gfp, &page);
	if (err) {
		if (blk)
			free_page((unsigned long)blk);
		return err;
	}
	if (blk && !m->store[index]) {
		m->store[index] = blk;
		m->nrstore++;
		__atomic_add_fetch(&nr_ramdisk_pages, 1, __ATOMIC_RELAXED);
		blk = NULL;
	}
	memcpy(page_address(page), buf, PAGE_SIZE);
	if (!PageDirty(page)) {
		SetPageDirty(page);
		mod_node_state(page, NR_FILE_DIRTY, 1);
		count_vm_events(NR_DIRTIED, 1);
	}
	mark_page_accessed(page);
	spin_unlock(&m->lock);
	if (blk)
		free_page((unsigned long)blk);
	return 0;
}

unsigned long filemap_write_and_wait(struct address_space *m)
{
	unsigned long n = 0;

	if (!m)
		return 0;
	spin_lock(&m->lock);
	for (unsigned long i = 0; i < m->size; i++)
		if (m->pages[i] && PageDirty(m->pages[i])) {
			pageout_locked(m, m->pages[i]);
			n++;
		}
	spin_unlock(&m->lock);
	return n;
}

/* Free the clean pages of one file (Linux invalidate_mapping_pages); isolated ones are skipped. */
static unsigned long invalidate_mapping_pages(struct address_space *m)
{
	unsigned long n = 0;

	for (unsigned long i = 0; i < m->size; i++) {
		struct page *page = NULL;

		spin_lock(&m->lock);
		if (m->pages[i] && PageLRU(m->pages[i]) && !PageDirty(m->pages[i]))
			page = evict_locked(m, m->pages[i]);
		spin_unlock(&m->lock);
		if (page) {
			__free_page(page);
			n++;
		}
	}
	return n;
}

unsigned long drop_pagecache(void)
{
	unsigned long n = 0;
	int id = -1;

	/* One file at a time, pinned, in id order: the list may change meanwhile. */
	for (;;) {
		struct address_space *m = NULL, *it;

		spin_lock(&mappings_lock);
		list_for_each_entry(it, &mappings, list)
			if (it->id > id && (!m || it->id < m->id))
				m = it;
		if (m)
			__atomic_add_fetch(&m->refcount, 1, __ATOMIC_ACQ_REL);
		spin_unlock(&mappings_lock);
		if (!m)
			return n;
		n += invalidate_mapping_pages(m);
		id = m->id;
		mapping_put(m);
	}
}
