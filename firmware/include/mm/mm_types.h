// SPDX-License-Identifier: BSD-2-Clause
/*
 * Address spaces that own anonymous pages (mm/anon.c), so compaction has something real to move:
 * a minimal Linux struct mm_struct with its own Sv39 root (the kernel's root entries copied, user
 * entries its own), anonymous pages mapped at user-like addresses (TASK_VA_START..TASK_VA_END,
 * PTEs with U set), and the reverse map from a page to the one (mm, address) mapping it.
 *
 * Reverse map (Linux: page->mapping = anon_vma | PAGE_MAPPING_ANON, page->index): PG_anon set,
 * page->private = the mm, page->index = the virtual page number. Each anonymous page is mapped
 * exactly once (no fork, no sharing). Its mapping holds one reference.
 *
 * Locking: mm->lock (Linux page_table_lock and mmap_lock in one) covers the mm's page tables and
 * its pages' PTEs; every access to the mm's memory (access_mm) holds it, so a migration that holds
 * it sees no access between copying a page and switching its PTE. anon_lru_lock (Linux's
 * lruvec lock) covers every mm's anon_lru list, PG_lru and the rmap fields; it nests inside
 * mm->lock. mm_count keeps the struct alive for a migration that found the mm through a page.
 */
#ifndef MM_MM_TYPES_H
#define MM_MM_TYPES_H

#include <asm/pgtable.h>
#include <pagoda/list.h>
#include <pagoda/spinlock.h>
#include <pagoda/types.h>
#include <mm/gfp.h>

/* Linux errno values, as the page-table code returns them (negated). */
#ifndef ENOENT
#define ENOENT 2
#endif
#ifndef EAGAIN
#define EAGAIN 11
#endif
#ifndef ENOMEM
#define ENOMEM 12
#endif
#ifndef EFAULT
#define EFAULT 14
#endif
#ifndef EBUSY
#define EBUSY 16
#endif
#ifndef EEXIST
#define EEXIST 17
#endif
#ifndef EINVAL
#define EINVAL 22
#endif
#ifndef ENOSPC
#define ENOSPC 28
#endif

struct page;
struct zone;
struct mem_cgroup;

struct mm_struct {
	pte_t *pgd;			/* Sv39 root, a lowmem page */
	spinlock_t lock;
	struct list_head anon_lru;	/* its mapped anonymous pages that are not isolated */
	unsigned long rss;		/* anonymous pages mapped */
	unsigned long nr_ptes;		/* page-table pages below the root */
	int mm_count;			/* references to the struct (mmgrab/mmdrop) */
	bool dead;			/* mmput() tore it down */
	bool unstable;			/* Linux MMF_UNSTABLE: the OOM reaper emptied it, faults fail */
	bool oom_skip;			/* Linux MMF_OOM_SKIP: reaped, no longer an OOM candidate */
	struct list_head mmlist;	/* every live mm, for reports */
	/* The group its anonymous pages are charged to (Linux: mm->owner's memcg): its creator's,
	 * then its owner task's on each attach. A reference (css_get) while set. */
	struct mem_cgroup *memcg;
};

extern spinlock_t anon_lru_lock;

struct mm_struct *mm_alloc(void);	/* NULL without memory */
void mmput(struct mm_struct *mm);	/* unmaps and frees every page, the tables, then drops it */
void mmgrab(struct mm_struct *mm);
void mmdrop(struct mm_struct *mm);

/*
 * Linux do_anonymous_page: a zeroed GFP_HIGHUSER_MOVABLE page mapped at va (page aligned, in
 * TASK_VA_START..TASK_VA_END). `extra` may add __GFP_NOWARN, __GFP_NORETRY or
 * __GFP_RETRY_MAYFAIL; any other bit is refused. 0, or -EINVAL, -EEXIST (mapped already),
 * -ENOMEM; nothing changes on an error.
 */
int anon_fault(struct mm_struct *mm, unsigned long va, gfp_t extra);
/* Map an order-0 page the caller allocated (one reference, no flags, not compound) at va as an
 * anonymous page; the mapping takes over the caller's reference. Errors as anon_fault. */
int anon_map_page(struct mm_struct *mm, unsigned long va, struct page *page);
/* Unmap va and drop the mapping's reference: 0, -EINVAL or -ENOENT (not mapped). */
int anon_unmap(struct mm_struct *mm, unsigned long va);
/* The page mapped at va (a snapshot: no reference taken), or NULL. */
struct page *follow_page(struct mm_struct *mm, unsigned long va);
/* The last-level PTE for va as the mm's tables hold it (software walk), or 0. */
pte_t mm_pte_value(struct mm_struct *mm, unsigned long va);
/*
 * Read or write the mm's memory at va as its page tables map it: through the MMU with the mm's
 * root loaded where Sv39 is on (*via_mmu true), else by walking the tables in software. 0, or
 * -EFAULT if a page of the range is not mapped (nothing copied), -EINVAL for a bad range.
 */
int access_mm(struct mm_struct *mm, unsigned long va, void *buf, size_t len, bool write,
	      bool *via_mmu);

/* The rmap of an anonymous page: its mm and address (valid while PG_anon, under a lock above). */
struct mm_struct *page_anon_mm(const struct page *page);
unsigned long page_anon_address(const struct page *page);

/* Migration's rmap step (Linux try_to_migrate + remove_migration_ptes for one mapping): copy page
 * to newpage and switch the PTE, flushing the translation on every hart. See mm/migrate.h. */
int anon_move_mapping(struct page *page, struct page *newpage, bool may_wait);
/* Compaction's isolation (Linux isolate_lru_page): off its mm's list with a reference taken. */
bool isolate_anon_page(struct page *page);
void putback_anon_page(struct page *page);

/* Linux __oom_reap_task_mm: unmap and free every anonymous page of the mm (the tables stay for
 * mmput), mark it unstable (anon_fault and anon_map_page then fail with -EFAULT) and skipped by
 * the OOM killer. Returns the pages unmapped; 0 for a dead mm. */
unsigned long oom_reap_mm(struct mm_struct *mm);

/* Every live mm's rss, and the number of mms (reports, leak checks). */
unsigned long anon_total_rss(unsigned int *nr_mms);

#endif
