// SPDX-License-Identifier: BSD-2-Clause
/* Host test harness for firmware/mm: a fake physical memory arena, boot_info builder, a reference
 * model of who owns which page, and invariant checkers that read the allocator's structures
 * directly (written independently of the allocator's own helpers). */
#ifndef MMT_H
#define MMT_H

#include <stdio.h>
#include <pagoda/boot.h>
#include <mm/mm.h>

#define MMT_PHYS_BASE 0x80000000UL
#define MMT_ARENA_MAX (96UL << 20)

extern int host_printk_enabled;
extern unsigned int host_nr_cpus;

struct mmt_cfg {
	const char *bootargs;
	int nodes;			/* 1..4 */
	unsigned long mib_per_node;
	bool reserve_fw;		/* OpenSBI at base, firmware at base+2M, DTB near the top */
};

/* Boot a fresh allocator on the arena. Returns 0 or -1. */
int mmt_boot(const struct mmt_cfg *cfg);
extern struct boot_info mmt_bi;

/* Reference model. */
enum mmt_kind { MK_PAGES, MK_COMP, MK_EXACT, MK_GETPAGE };
struct mmt_alloc {
	unsigned long pfn;
	unsigned int order;	/* for MK_EXACT: number of pages in nr */
	unsigned long nr;	/* pages owned */
	enum mmt_kind kind;
	u32 tag;
	int extra_ref;		/* get_page taken */
};
struct mmt_model {
	struct mmt_alloc *allocs;
	unsigned long nr_allocs, cap;
	int *owner;		/* per mem_map index: alloc index or -1 */
	unsigned long owned_pages;
	unsigned long *recent_freed;	/* pfns of recently freed heads (for double-free attempts) */
	unsigned int nr_recent;
	u32 next_tag;
	struct zone *iso_zone[2];	/* pageblocks isolated by the test */
	unsigned long iso_pfn[2];
	int nr_iso;
	unsigned long ops, allocs_ok, allocs_fail, frees, bad_frees, bulk, checks_full, isolations;
};

void mmt_model_init(struct mmt_model *m);
void mmt_model_free(struct mmt_model *m);

/* One operation chosen by `op` with parameters a, b (from an RNG or fuzz input). Returns 0 or -1
 * with the reason in mmt_err. */
int mmt_op(struct mmt_model *m, unsigned int op, u32 a, u32 b);
/* Free everything the model owns. */
int mmt_release_all(struct mmt_model *m);
int mmt_check_cheap(const struct mmt_model *m);
int mmt_check_full(const struct mmt_model *m);
extern char mmt_err[512];

/* Independent expectations. */
enum zone_type mmt_expected_highest_zone(gfp_t gfp);
bool mmt_request_bad(gfp_t gfp, int nid);
void *mmt_page_mem(const struct page *p);	/* the arena bytes of a page, highmem or not */

/* Simple deterministic RNG (xorshift64*). */
static inline u64 mmt_rand(u64 *s)
{
	u64 x = *s;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*s = x;
	return x * 0x2545F4914F6CDD1DULL;
}

#endif
