/* Interrupt handlers the trap code dispatches to (set by the subsystem that owns the source). */
#ifndef PAGODA_IRQ_H
#define PAGODA_IRQ_H

extern void (*irq_handler_ipi)(void);
extern void (*irq_handler_timer)(void);
extern void (*irq_handler_external)(void);
extern unsigned long exception_fixups;
const char *trap_cause_name(unsigned long cause);

#endif
