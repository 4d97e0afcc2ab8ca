// SPDX-License-Identifier: BSD-2-Clause
/* struct page flag bits, with the kernel's names. The low bits are PG_* flags; the node and zone a
 * page belongs to live in the top bits of page->flags, as in Linux, so page_zone() needs no lookup. */
#ifndef MM_PAGE_FLAGS_H
#define MM_PAGE_FLAGS_H

enum pageflags {
	PG_locked,
	PG_referenced,
	PG_uptodate,
	PG_dirty,
	PG_lru,
	PG_active,
	PG_slab,
	PG_private,
	PG_writeback,
	PG_reserved,	/* not managed by the buddy allocator (firmware image, holes, mem_map) */
	PG_head,	/* first page of a __GFP_COMP compound page */
	PG_buddy,	/* first page of a free block in a buddy free list; order in page->private */
	PG_poisoned,	/* page holds the free-poison pattern (page_poison=1) */
	PG_anon,	/* mapped anonymous page: page->private is its mm, page->index its virtual page
			 * (Linux: PAGE_MAPPING_ANON in page->mapping; struct page has no mapping here) */
	PG_memcg_kmem,	/* charged to page->memcg_data's group as kernel memory (__GFP_ACCOUNT):
			 * Linux PageMemcgKmem (MEMCG_DATA_KMEM). A PG bit so the order-0 fast frees,
			 * which decline any PG bit, send it to free_pages_prepare's uncharge for free */
	NR_PAGEFLAGS
};

#define ZONES_SHIFT 2
#define NODES_SHIFT 3
#define ZONES_PGSHIFT (64 - ZONES_SHIFT)
#define NODES_PGSHIFT (ZONES_PGSHIFT - NODES_SHIFT)
_Static_assert(NODES_PGSHIFT + NODES_SHIFT + ZONES_SHIFT == 64, "node and zone fill the top bits");
_Static_assert((1 << NODES_SHIFT) >= 8, "MAX_NUMNODES nodes fit");
#define ZONES_MASK ((1UL << ZONES_SHIFT) - 1)
#define NODES_MASK ((1UL << NODES_SHIFT) - 1)
/* Bits below this are PG_* flags; above are node and zone. */
#define PAGEFLAGS_MASK ((1UL << NR_PAGEFLAGS) - 1)

/* Flags that must be clear when a page is freed (Linux PAGE_FLAGS_CHECK_AT_FREE). */
#define PAGE_FLAGS_CHECK_AT_FREE \
	((1UL << PG_locked) | (1UL << PG_lru) | (1UL << PG_active) | (1UL << PG_slab) | \
	 (1UL << PG_private) | (1UL << PG_writeback) | (1UL << PG_reserved) | (1UL << PG_buddy) | \
	 (1UL << PG_anon))
/* Flags that must be clear on a page taken out of the free lists (Linux PAGE_FLAGS_CHECK_AT_PREP). */
#define PAGE_FLAGS_CHECK_AT_PREP (PAGEFLAGS_MASK & ~(1UL << PG_poisoned))

/* Flag words are read without the owner's cooperation (a neighbour's PageBuddy test during a merge
 * under zone->lock), so every access is a relaxed atomic load/store: plain loads and stores in the
 * generated code, but no torn or invented accesses. Only the page's owner (or zone->lock holder for
 * a free page) writes its flags, so load+store needs no atomic read-modify-write. */
/* Relaxed atomic load/store for fields read without their lock. On RISC-V, GCC 12 turns a relaxed
 * __atomic_store_n into an AMO (and byte-sized ones into LR/SC loops), so the firmware uses plain
 * volatile accesses, which are single aligned loads/stores there; the host build keeps the
 * builtins so ThreadSanitizer sees them as atomics. */
#ifdef __riscv
#define mm_load_relaxed(p) (*(const volatile __typeof__(*(p)) *)(p))
#define mm_store_relaxed(p, v) (*(volatile __typeof__(*(p)) *)(p) = (v))
#else
#define mm_load_relaxed(p) __atomic_load_n((p), __ATOMIC_RELAXED)
#define mm_store_relaxed(p, v) __atomic_store_n((p), (v), __ATOMIC_RELAXED)
#endif

static inline unsigned long page_flags_read(const unsigned long *f) { return mm_load_relaxed(f); }
static inline void page_flags_write(unsigned long *f, unsigned long v) { mm_store_relaxed(f, v); }

#define PAGEFLAG_FNS(uname, lname) \
static inline int Page##uname(const struct page *p) { return (page_flags_read(&p->flags) >> PG_##lname) & 1; } \
static inline void SetPage##uname(struct page *p) { page_flags_write(&p->flags, page_flags_read(&p->flags) | (1UL << PG_##lname)); } \
static inline void __ClearPage##uname(struct page *p) { page_flags_write(&p->flags, page_flags_read(&p->flags) & ~(1UL << PG_##lname)); }

struct page;

#endif
