// SPDX-License-Identifier: BSD-2-Clause
/* Host build: "physical" memory is an arena the test allocates; host_phys_base/host_virt_base give
 * the linear map between the fake physical addresses and the arena. */
#ifndef ASM_PAGE_H
#define ASM_PAGE_H

#define PAGE_SHIFT 12
#define PAGE_SIZE (1UL << PAGE_SHIFT)

extern unsigned long host_phys_base;
extern char *host_virt_base;

#define arch_phys_to_virt(pa) ((void *)(host_virt_base + ((unsigned long)(pa) - host_phys_base)))
#define arch_virt_to_phys(va) ((unsigned long)((char *)(va) - host_virt_base) + host_phys_base)

#endif
