// SPDX-License-Identifier: BSD-2-Clause
/* Interrupt handlers. The trap code dispatches the three S-mode causes to the handler pointers
 * below; external (device) interrupts go through the interrupt controller's driver
 * (drivers/plic.c), which hands each claimed source to the handler registered with request_irq(). */
#ifndef PAGODA_IRQ_H
#define PAGODA_IRQ_H

#include <pagoda/types.h>

extern void (*irq_handler_ipi)(void);
extern void (*irq_handler_timer)(void);
extern void (*irq_handler_external)(void);
extern unsigned long exception_fixups;
const char *trap_cause_name(unsigned long cause);

/* Device interrupts. Numbers are virtual, as in Linux: source s of the i-th interrupt controller
 * (device-tree order) is i * PLIC_IRQS_PER_INSTANCE + s, so the first controller's numbers are its
 * sources. irq_of_parse_and_map() gives the number for a device node's interrupt. */
typedef void (*irq_handler_t)(unsigned int irq, void *arg);

#define IRQ_ENODEV (-1)	/* no interrupt controller */
#define IRQ_EINVAL (-2)	/* source number outside 1..riscv,ndev, or no handler */
#define IRQ_EBUSY (-3)	/* source already has a handler */

#define PLIC_IRQS_PER_INSTANCE 128

/* Route `irq` to the boot hart's S-mode context (or, when the boot hart has none in that
 * controller, to the first online hart that has one) and call fn(irq, arg) on that hart for each
 * claim, with interrupts off. Returns 0 or IRQ_E*. */
int request_irq(unsigned int irq, irq_handler_t fn, void *arg, const char *name);
void free_irq(unsigned int irq);
bool irq_controller_present(void);
unsigned long irq_count(unsigned int irq);	/* handled claims of this source since boot */
/* The virtual number of the index-th entry of a node's `interrupts`, 0 when it has none usable. */
int irq_of_parse_and_map(const void *fdt, int node, unsigned int index);
int irq_target_cpu(unsigned int irq);	/* the CPU that takes `irq`, -1 if none */
unsigned int irq_controller_count(void);
int irq_controller_context(unsigned int i, unsigned int cpu);	/* -1: none for that CPU */

#endif
