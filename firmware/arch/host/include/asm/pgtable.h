// SPDX-License-Identifier: BSD-2-Clause
/* Host build: the Sv39 entry format without an MMU. mm/anon.c builds its address spaces' tables in
 * the arena and walks them in software; TLB flushes are only counted, for the tests. */
#ifndef ASM_PGTABLE_H
#define ASM_PGTABLE_H

#include <asm-generic/pgtable-sv39.h>

extern unsigned long host_user_tlb_flushes;

static inline int pgd_init_kernel_half(pte_t *pgd)
{
	(void)pgd;	/* no kernel mappings to share */
	return 0;
}

static inline void flush_tlb_user_page(unsigned long va)
{
	(void)va;
	__atomic_add_fetch(&host_user_tlb_flushes, 1, __ATOMIC_RELAXED);
}

static inline void flush_tlb_user_range(unsigned long start, unsigned long end)
{
	(void)start;
	(void)end;
	__atomic_add_fetch(&host_user_tlb_flushes, 1, __ATOMIC_RELAXED);
}

/* No MMU to copy through: the caller walks the tables itself. */
static inline int copy_via_pgd(pte_t *pgd, unsigned long va, void *buf, size_t len, bool write)
{
	(void)pgd; (void)va; (void)buf; (void)len; (void)write;
	return -95;
}

#endif
