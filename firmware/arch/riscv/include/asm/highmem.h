// SPDX-License-Identifier: BSD-2-Clause
/* Reaching HIGHMEM pages, which the Sv39 direct map leaves out (arch/riscv/pgtable.c). In bare
 * mode (satp_mode=bare) each of these gives the physical address. */
#ifndef ASM_HIGHMEM_H
#define ASM_HIGHMEM_H

#include <pagoda/types.h>

void *arch_kmap_pfn(unsigned long pfn);	/* kmap(): a pkmap slot; kmap_lock held */
void arch_kunmap(void *va);
void *kmap_local_pfn(unsigned long pfn);	/* this hart only, nested LIFO */
void kunmap_local(void *va);
void memset_phys(phys_addr_t pa, int c, size_t len);
void clear_phys_pages(phys_addr_t pa, unsigned long nr);	/* clear_page() each (cmo.c) */
void zero_phys(phys_addr_t pa, size_t len);	/* the CPU's fastest zeroing: cbo.zero + stores */

#endif
