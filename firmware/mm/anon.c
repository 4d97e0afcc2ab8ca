// SPDX-License-Identifier: BSD-2-Clause
/*
 * Address spaces owning anonymous pages (include/mm/mm_types.h): Linux's mm_struct reduced to a
 * page-table root and a list of pages, do_anonymous_page, zap, access_process_vm, and the anon
 * reverse map that migration follows from a page to the PTE that maps it (Linux mm/memory.c and
 * mm/rmap.c for the one-mapping case). Portable: the host tests build the same tables in the arena
 * and walk them in software; the firmware also reads them through the MMU.
 */
#include <asm/highmem.h>
#include <asm/pgtable.h>
#include <pagoda/printk.h>
#include <pagoda/string.h>
#include <pagoda/sched.h>
#include <mm/memcontrol.h>
#include <mm/mm.h>
#include <mm/mm_types.h>
#include <mm/slab.h>
#include "internal.h"

spinlock_t anon_lru_lock = SPIN_LOCK_UNLOCKED;
static spinlock_t mmlist_lock = SPIN_LOCK_UNLOCKED;
static LIST_HEAD(mmlist);
unsigned long nr_anon_pages;

/* mm_init() starts a new allocator (the host tests boot many): forget the old one's mms. */
void anon_reset(void)
{
	spin_lock_init(&anon_lru_lock);
	spin_lock_init(&mmlist_lock);
	INIT_LIST_HEAD(&mmlist);
	nr_anon_pages = 0;
}

/* Table pages come from the allocator before mm->lock is taken: an allocation may compact, and
 * compaction may wait for this lock. A fault needs at most one table per level below the root. */
struct pt_prealloc {
	struct page *page[PT_LEVELS - 1];
};

static void pt_prealloc_free(struct pt_prealloc *pre)
{
	for (int i = 0; i < PT_LEVELS - 1; i++)
		if (pre->page[i])
			__free_page(pre->page[i]);
}

static int pt_prealloc_fill(struct pt_prealloc *pre)
{
	memset(pre, 0, sizeof(*pre));
	for (int i = 0; i < PT_LEVELS - 1; i++) {
		pre->page[i] = alloc_page(GFP_KERNEL | __GFP_ZERO | __GFP_NOWARN);
		if (!pre->page[i]) {
			pt_prealloc_free(pre);
			return -ENOMEM;
		}
	}
	return 0;
}

static struct page *pt_prealloc_take(struct pt_prealloc *pre)
{
	for (int i = 0; i < PT_LEVELS - 1; i++) {
		struct page *p = pre->page[i];

		if (p) {
			pre->page[i] = NULL;
			return p;
		}
	}
	return NULL;
}

/* The last-level entry for va, making the tables on the way from pre when given (Linux
 * __pte_alloc); NULL when a table is missing and pre is NULL. mm->lock held. */
static pte_t *mm_pte(struct mm_struct *mm, unsigned long va, struct pt_prealloc *pre)
{
	pte_t *table = mm->pgd;

	for (int l = PT_LEVELS - 1; l > 0; l--) {
		pte_t *e = &table[pt_index(va, l)];

		if (!pte_present(*e)) {
			struct page *t = pre ? pt_prealloc_take(pre) : NULL;

			if (!t)
				return NULL;
			mm->nr_ptes++;
			WRITE_ONCE(*e, pfn_pte(page_to_pfn(t), _PAGE_V));
		}
		table = __va(pte_pfn(*e) << PAGE_SHIFT);
	}
	return &table[pt_index(va, 0)];
}

static bool va_ok(unsigned long va, size_t len)
{
	return !(va & (PAGE_SIZE - 1)) && va >= TASK_VA_START && va < TASK_VA_END &&
	       len <= TASK_VA_END - va;
}

struct mm_struct *mm_alloc(void)
{
	struct mm_struct *mm = kzalloc(sizeof(*mm), GFP_KERNEL);
	struct page *root = alloc_page(GFP_KERNEL | __GFP_ZERO);

	if (!mm || !root)
		goto fail;
	mm->pgd = page_address(root);
	if (pgd_init_kernel_half(mm->pgd)) {
		pr_err("mm_alloc: the kernel's root maps the user range\n");
		goto fail;
	}
	spin_lock_init(&mm->lock);
	INIT_LIST_HEAD(&mm->anon_lru);
	mm->mm_count = 1;
	/* Linux mm_init_owner: the creator owns it, its new pages charge the creator's group. */
	mm->memcg = READ_ONCE(current->memcg);
	css_get(mm->memcg);
	spin_lock(&mmlist_lock);
	list_add_tail(&mm->mmlist, &mmlist);
	spin_unlock(&mmlist_lock);
	return mm;
fail:
	if (root)
		__free_page(root);
	kfree(mm);
	return NULL;
}

void mmgrab(struct mm_struct *mm)
{
	__atomic_add_fetch(&mm->mm_count, 1, __ATOMIC_ACQ_REL);
}

void mmdrop(struct mm_struct *mm)
{
	if (__atomic_sub_fetch(&mm->mm_count, 1, __ATOMIC_ACQ_REL))
		return;
	spin_lock(&mmlist_lock);
	list_del(&mm->mmlist);
	spin_unlock(&mmlist_lock);
	css_put(mm->memcg);
	kfree(mm);
}

/* Set or clear the reverse map. A page isolated by compaction is off the list (its lru links it
 * into the compaction's list): only a page still on its mm's list is unlinked. */
static void page_add_anon_rmap(struct page *page, struct mm_struct *mm, unsigned long va)
{
	spin_lock(&anon_lru_lock);
	page->private = (unsigned long)mm;
	page->index = va >> PAGE_SHIFT;
	SetPageAnon(page);
	SetPageLRU(page);
	list_add_tail(&page->lru, &mm->anon_lru);
	mm_store_relaxed(&nr_anon_pages, nr_anon_pages + 1);
	spin_unlock(&anon_lru_lock);
}

static void page_remove_anon_rmap(struct page *page)
{
	spin_lock(&anon_lru_lock);
	if (PageLRU(page)) {
		list_del(&page->lru);
		__ClearPageLRU(page);
	}
	mem_cgroup_uncharge(page);	/* Linux: when the last reference goes; here at unmap */
	__ClearPageAnon(page);
	page->private = 0;
	page->index = 0;
	mm_store_relaxed(&nr_anon_pages, nr_anon_pages - 1);
	spin_unlock(&anon_lru_lock);
}

/* Tables are allocated only when missing (Linux pte_alloc: when the pmd is none), outside the
 * lock, and the walk is redone under it. */
static int __anon_map(struct mm_struct *mm, unsigned long va, struct page *page)
{
	struct pt_prealloc pre = { { NULL } };
	pte_t *pte;
	int err = 0;

	spin_lock(&mm->lock);
	pte = mm->dead ? NULL : mm_pte(mm, va, NULL);
	if (!pte && !mm->dead) {
		spin_unlock(&mm->lock);
		if (pt_prealloc_fill(&pre))
			return -ENOMEM;
		spin_lock(&mm->lock);
		pte = mm->dead ? NULL : mm_pte(mm, va, &pre);
	}
	if (mm->unstable) {
		err = -EFAULT;
	} else if (!pte || pte_present(*pte)) {
		err = pte ? -EEXIST : -EINVAL;
	} else {
		page_add_anon_rmap(page, mm, va);
		WRITE_ONCE(*pte, pfn_pte(page_to_pfn(page), PAGE_USER_ANON));
		mm->rss++;
	}
	spin_unlock(&mm->lock);
	pt_prealloc_free(&pre);
	return err;
}

int anon_fault(struct mm_struct *mm, unsigned long va, gfp_t extra)
{
	struct page *page;
	int err;

	if (!mm || !va_ok(va, PAGE_SIZE) ||
	    (extra & ~(__GFP_NOWARN | __GFP_NORETRY | __GFP_RETRY_MAYFAIL)))
		return -EINVAL;
	if (follow_page(mm, va))
		return -EEXIST;	/* before allocating: a fault on a mapped page changes nothing */
	page = alloc_page(GFP_HIGHUSER_MOVABLE | __GFP_ZERO | extra);
	if (!page)
		return -ENOMEM;
	/* Linux do_anonymous_page: mem_cgroup_charge() before the PTE; over the group's limit it
	 * reclaims the group, then OOM-kills inside it (NORETRY: fails instead). */
	if (mem_cgroup_charge(page, get_mem_cgroup_from_mm(mm), GFP_HIGHUSER_MOVABLE | extra, true)) {
		__free_page(page);
		return -ENOMEM;
	}
	err = __anon_map(mm, va, page);
	if (err) {
		mem_cgroup_uncharge(page);
		__free_page(page);
	}
	return err;
}

int anon_map_page(struct mm_struct *mm, unsigned long va, struct page *page)
{
	int err;

	if (!mm || !va_ok(va, PAGE_SIZE) || !page || !page_in_mem_map(page) ||
	    page_ref_count(page) != 1 || PageCompound(page) || page->alloc_order ||
	    (page_flags_read(&page->flags) & PAGEFLAGS_MASK & ~(1UL << PG_poisoned)))
		return -EINVAL;
	if (mem_cgroup_charge(page, get_mem_cgroup_from_mm(mm), GFP_HIGHUSER_MOVABLE, true))
		return -ENOMEM;
	err = __anon_map(mm, va, page);
	if (err)
		mem_cgroup_uncharge(page);	/* still the caller's page */
	return err;
}

/* Clear the PTE at va and give its page back; mm->lock held. `flush`: shoot the translation
 * down now (false only for mmput's teardown, which flushes once at its end). */
static struct page *__zap_pte(struct mm_struct *mm, pte_t *pte, unsigned long va, bool flush)
{
	struct page *page = pfn_to_page(pte_pfn(*pte));

	WRITE_ONCE(*pte, 0);
	if (flush)
		flush_tlb_user_page(va);
	page_remove_anon_rmap(page);
	mm->rss--;
	return page;
}

static struct page *zap_pte(struct mm_struct *mm, pte_t *pte, unsigned long va)
{
	return __zap_pte(mm, pte, va, true);
}

int anon_unmap(struct mm_struct *mm, unsigned long va)
{
	struct page *page = NULL;
	pte_t *pte;

	if (!mm || !va_ok(va, PAGE_SIZE))
		return -EINVAL;
	spin_lock(&mm->lock);
	pte = mm_pte(mm, va, NULL);
	if (pte && pte_present(*pte))
		page = zap_pte(mm, pte, va);
	spin_unlock(&mm->lock);
	if (!page)
		return -ENOENT;
	put_page(page);	/* an isolated page keeps compaction's reference until putback */
	return 0;
}

/* Free one table level of the user range and everything below it; mm->lock held. */
static void free_pt_level(struct mm_struct *mm, pte_t *table, int level, unsigned long base)
{
	for (unsigned int i = 0; i < PTRS_PER_PT; i++) {
		unsigned long va = base + ((unsigned long)i << (PAGE_SHIFT + 9 * level));
		pte_t e = table[i];

		if (!pte_present(e))
			continue;
		if (level == 0) {
			put_page(__zap_pte(mm, &table[i], va, false));
			continue;
		}
		free_pt_level(mm, __va(pte_pfn(e) << PAGE_SHIFT), level - 1, va);
		table[i] = 0;
		__free_page(pfn_to_page(pte_pfn(e)));
		mm->nr_ptes--;
	}
}

/* Unmap every page below one table level, leaving the tables; mm->lock held. */
static unsigned long zap_pt_level(struct mm_struct *mm, pte_t *table, int level, unsigned long base)
{
	unsigned long n = 0;

	for (unsigned int i = 0; i < PTRS_PER_PT; i++) {
		unsigned long va = base + ((unsigned long)i << (PAGE_SHIFT + 9 * level));
		pte_t e = table[i];

		if (!pte_present(e))
			continue;
		if (level == 0) {
			put_page(zap_pte(mm, &table[i], va));
			n++;
			continue;
		}
		n += zap_pt_level(mm, __va(pte_pfn(e) << PAGE_SHIFT), level - 1, va);
	}
	return n;
}

unsigned long oom_reap_mm(struct mm_struct *mm)
{
	unsigned int first = pt_index(TASK_VA_START, 2), last = pt_index(TASK_VA_END - 1, 2);
	unsigned long n = 0;

	if (!mm)
		return 0;
	spin_lock(&mm->lock);
	if (!mm->dead) {
		mm->unstable = true;
		for (unsigned int i = first; i <= last; i++) {
			pte_t e = mm->pgd[i];

			if (pte_present(e))
				n += zap_pt_level(mm, __va(pte_pfn(e) << PAGE_SHIFT), 1,
						  (unsigned long)i << (PAGE_SHIFT + 18));
		}
	}
	mm->oom_skip = true;
	spin_unlock(&mm->lock);
	return n;
}

void mmput(struct mm_struct *mm)
{
	unsigned int first = pt_index(TASK_VA_START, 2), last = pt_index(TASK_VA_END - 1, 2);

	if (!mm)
		return;
	spin_lock(&mm->lock);
	mm->dead = true;
	for (unsigned int i = first; i <= last; i++) {
		pte_t e = mm->pgd[i];
		unsigned long va = (unsigned long)i << (PAGE_SHIFT + 18);

		if (!pte_present(e))
			continue;
		free_pt_level(mm, __va(pte_pfn(e) << PAGE_SHIFT), 1, va);
		mm->pgd[i] = 0;
		__free_page(pfn_to_page(pte_pfn(e)));
		mm->nr_ptes--;
	}
	/*
	 * One shootdown for the whole teardown, as Linux's tlb_finish_mmu on exit, instead of one
	 * per page (a 1,000-page mm took seconds of IPIs on QEMU -smp 4). The pages went back before
	 * it: no hart translates this mm's addresses (mm->lock held, the mm dead), and a hart that
	 * loads any root flushes its TLB first (copy_via_pgd), so no stale entry is ever used.
	 */
	flush_tlb_user_range(TASK_VA_START, TASK_VA_END);
	spin_unlock(&mm->lock);
	WARN_ON(mm->rss || mm->nr_ptes);
	__free_page(virt_to_page(mm->pgd));
	mm->pgd = NULL;
	mmdrop(mm);
}

struct page *follow_page(struct mm_struct *mm, unsigned long va)
{
	pte_t e = mm_pte_value(mm, va);

	return pte_present(e) ? pfn_to_page(pte_pfn(e)) : NULL;
}

pte_t mm_pte_value(struct mm_struct *mm, unsigned long va)
{
	pte_t *pte, e = 0;

	if (!mm || !va_ok(va & ~(PAGE_SIZE - 1), PAGE_SIZE))
		return 0;
	spin_lock(&mm->lock);
	pte = mm->dead ? NULL : mm_pte(mm, va, NULL);
	if (pte)
		e = *pte;
	spin_unlock(&mm->lock);
	return e;
}

/* Software path of access_mm: each page through its PTE, HIGHMEM through kmap_local. */
static void copy_by_walk(struct mm_struct *mm, unsigned long va, u8 *buf, size_t len, bool write)
{
	while (len) {
		size_t off = va & (PAGE_SIZE - 1), n = PAGE_SIZE - off < len ? PAGE_SIZE - off : len;
		u8 *p = kmap_local_pfn(pte_pfn(*mm_pte(mm, va, NULL)));

		if (write)
			memcpy(p + off, buf, n);
		else
			memcpy(buf, p + off, n);
		kunmap_local(p);
		va += n;
		buf += n;
		len -= n;
	}
}

int access_mm(struct mm_struct *mm, unsigned long va, void *buf, size_t len, bool write,
	      bool *via_mmu)
{
	unsigned long first = va & ~(PAGE_SIZE - 1);
	int err = 0;

	*via_mmu = false;
	if (!mm || !buf || !len || !va_ok(first, va + len - first))
		return -EINVAL;
	spin_lock(&mm->lock);
	for (unsigned long a = first; a < va + len && !err; a += PAGE_SIZE) {
		pte_t *pte = mm->dead ? NULL : mm_pte(mm, a, NULL);

		if (!pte || !pte_present(*pte))
			err = -EFAULT;
	}
	if (!err) {
		if (!copy_via_pgd(mm->pgd, va, buf, len, write))
			*via_mmu = true;
		else
			copy_by_walk(mm, va, buf, len, write);
	}
	spin_unlock(&mm->lock);
	return err;
}

struct mm_struct *page_anon_mm(const struct page *page)
{
	return (struct mm_struct *)page->private;
}

unsigned long page_anon_address(const struct page *page)
{
	return page->index << PAGE_SHIFT;
}

/* ---------------------------------------------------------------- migration's side */

bool isolate_anon_page(struct page *page)
{
	bool ok = false;

	spin_lock(&anon_lru_lock);
	if (PageAnon(page) && PageLRU(page)) {
		list_del(&page->lru);
		__ClearPageLRU(page);
		get_page(page);
		ok = true;
	}
	spin_unlock(&anon_lru_lock);
	return ok;
}

void putback_anon_page(struct page *page)
{
	spin_lock(&anon_lru_lock);
	if (PageAnon(page)) {
		SetPageLRU(page);
		list_add_tail(&page->lru, &page_anon_mm(page)->anon_lru);
	}
	spin_unlock(&anon_lru_lock);
	put_page(page);	/* unmapped while isolated: this frees it */
}

static void copy_highpage(struct page *to, struct page *from)
{
	u8 *src = kmap_local_pfn(page_to_pfn(from));
	u8 *dst = kmap_local_pfn(page_to_pfn(to));

	memcpy(dst, src, PAGE_SIZE);
	kunmap_local(dst);
	kunmap_local(src);
}

/*
 * Move the one mapping of the isolated anonymous page to newpage (Linux try_to_migrate,
 * migrate_page_copy and remove_migration_ptes in one, under the mm's lock instead of a migration
 * entry: every access to the mm holds that lock, so nobody reads or writes the page between the
 * copy and the PTE switch). The flush after the switch reaches every hart before the old page can
 * be freed. Expects the mapping's and the isolation's references and no other: an extra one is a
 * pin (Linux's expected_page_refs test). 0; -EAGAIN when the lock is held and !may_wait, or for a
 * pin; -ENOENT if the page was unmapped meanwhile (the caller frees it).
 */
int anon_move_mapping(struct page *page, struct page *newpage, bool may_wait)
{
	struct mm_struct *mm;
	unsigned long va;
	pte_t *pte;
	int err = 0;

	spin_lock(&anon_lru_lock);
	mm = PageAnon(page) ? page_anon_mm(page) : NULL;
	if (mm)
		mmgrab(mm);
	spin_unlock(&anon_lru_lock);
	if (!mm)
		return -ENOENT;
	if (may_wait) {
		spin_lock(&mm->lock);
	} else if (!spin_trylock(&mm->lock)) {
		mmdrop(mm);
		return -EAGAIN;
	}
	va = page_anon_address(page);
	if (!PageAnon(page) || page_anon_mm(page) != mm) {
		err = -ENOENT;
	} else if (page_ref_count(page) != 2) {
		err = -EAGAIN;
	} else {
		pte = mm_pte(mm, va, NULL);
		if (WARN_ON(!pte || pte_pfn(*pte) != page_to_pfn(page))) {
			err = -EFAULT;
		} else {
			copy_highpage(newpage, page);
			spin_lock(&anon_lru_lock);
			newpage->private = (unsigned long)mm;
			newpage->index = page->index;
			SetPageAnon(newpage);
			SetPageLRU(newpage);
			list_add_tail(&newpage->lru, &mm->anon_lru);
			mem_cgroup_migrate(page, newpage);
			__ClearPageAnon(page);
			page->private = 0;
			page->index = 0;
			spin_unlock(&anon_lru_lock);
			WRITE_ONCE(*pte, pfn_pte(page_to_pfn(newpage), PAGE_USER_ANON));
			flush_tlb_user_page(va);
		}
	}
	spin_unlock(&mm->lock);
	mmdrop(mm);
	if (!err)
		put_page(page);	/* the old mapping's reference; the isolation's is the caller's */
	return err;
}

unsigned long anon_total_rss(unsigned int *nr_mms)
{
	struct mm_struct *mm;
	unsigned long rss = 0;
	unsigned int n = 0;

	spin_lock(&mmlist_lock);
	list_for_each_entry(mm, &mmlist, mmlist) {
		rss += READ_ONCE(mm->rss);
		n++;
	}
	spin_unlock(&mmlist_lock);
	if (nr_mms)
		*nr_mms = n;
	return rss;
}
