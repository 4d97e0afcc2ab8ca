// SPDX-License-Identifier: BSD-2-Clause
/* Host build: the arena is one linear map, HIGHMEM included, so mapping is address arithmetic. */
#ifndef ASM_HIGHMEM_H
#define ASM_HIGHMEM_H

#include <asm/page.h>
#include <pagoda/string.h>
#include <pagoda/types.h>

static inline void *arch_kmap_pfn(unsigned long pfn) { return arch_phys_to_virt(pfn << PAGE_SHIFT); }
static inline void arch_kunmap(void *va) { (void)va; }
static inline void *kmap_local_pfn(unsigned long pfn) { return arch_phys_to_virt(pfn << PAGE_SHIFT); }
static inline void kunmap_local(void *va) { (void)va; }
static inline void memset_phys(phys_addr_t pa, int c, size_t len)
{
	memset(arch_phys_to_virt(pa), c, len);
}
static inline void zero_phys(phys_addr_t pa, size_t len) { memset_phys(pa, 0, len); }
static inline void clear_phys_pages(phys_addr_t pa, unsigned long nr)
{
	memset(arch_phys_to_virt(pa), 0, nr << PAGE_SHIFT);
}

#endif
