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

/* Device interrupts, numbered as the device tree's `interrupts` (PLIC sources). */
typedef void (*irq_handler_t)(unsigned int irq, void *arg);

#define IRQ_ENODEV (-1)	/* no interrupt controller */
#define IRQ_EINVAL (-2)	/* source number outside 1..riscv,ndev, or no handler */
#define IRQ_EBUSY (-3)	/* source already has a handler */

/* Route source `irq` to the boot hart's S-mode context and call fn(irq, arg) for each claim, with
 * interrupts off. Returns 0 or IRQ_E*. */
int request_irq(unsigned int irq, irq_handler_t fn, void *arg, const char *name);
void free_irq(unsigned int irq);
bool irq_controller_present(void);
unsigned long irq_count(unsigned int irq);	/* handled claims of this source since boot */

#endif
