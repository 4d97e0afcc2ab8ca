/*
 * Device interrupts end to end: a UART interrupt travels through the PLIC's gateway, its S-mode
 * context and the core's SEIP into the trap handler, is claimed, handled and completed. The same
 * test runs on QEMU virt and on the Pagoda SoC (both have an ns16550a on PLIC source 10).
 */
#include <asm/csr.h>
#include <asm/timex.h>
#include <pagoda/boot.h>
#include <pagoda/fdt.h>
#include <pagoda/irq.h>
#include <pagoda/selftest.h>
#include <pagoda/spinlock.h>
#include "uart8250.h"

SELFTEST(plic_probe_matches_dt)
{
	bool in_dt = fdt_node_offset_by_compatible(boot_info.fdt, -1, "riscv,plic0") >= 0 ||
		     fdt_node_offset_by_compatible(boot_info.fdt, -1, "sifive,plic-1.0.0") >= 0;

	ST_ASSERT_EQ(irq_controller_present(), in_dt);
	if (!in_dt)
		return 0;
	ST_ASSERT(csr_read(sie) & SIE_SEIE);
	/* Bad requests are refused, not half done. */
	ST_ASSERT_EQ(request_irq(0, (irq_handler_t)1, NULL, "bad"), IRQ_EINVAL);
	ST_ASSERT_EQ(request_irq(1, NULL, NULL, "bad"), IRQ_EINVAL);
	ST_ASSERT_EQ(request_irq(100000, (irq_handler_t)1, NULL, "bad"), IRQ_EINVAL);
	return 0;
}

static volatile unsigned int thre_irqs, thre_iir;

static void thre_handler(unsigned int irq, void *arg)
{
	(void)irq;
	(void)arg;
	thre_iir = uart8250_reg_read(UART_IIR);	/* reading IIR acknowledges THRE */
	uart8250_reg_write(UART_IER, 0);		/* one shot */
	thre_irqs++;
}

SELFTEST(uart_thre_interrupt_through_plic)
{
	u64 ms = boot_info.timebase_hz / 1000, t0;
	unsigned long before;
	int err;

	if (!irq_controller_present())
		ST_SKIP("no PLIC in the device tree");
	if (uart8250_setup() || !uart8250.irq)
		ST_SKIP("no ns16550a console UART with an interrupt");
	ST_ASSERT_EQ(uart8250_rx_pause(true), 0);
	/* OpenSBI may still be sending our last line. */
	t0 = get_time();
	while (!(uart8250_reg_read(UART_LSR) & UART_LSR_THRE) && get_time() - t0 < 100 * ms)
		;
	err = request_irq(uart8250.irq, thre_handler, NULL, "selftest thre");
	if (err) {
		uart8250_rx_pause(false);
		ST_FAIL("request_irq(%u): %d", uart8250.irq, err);
	}
	ST_ASSERT_EQ(request_irq(uart8250.irq, thre_handler, NULL, "twice"), IRQ_EBUSY);
	before = irq_count(uart8250.irq);
	thre_irqs = 0;
	thre_iir = 0xff;
	uart8250_reg_write(UART_IER, UART_IER_THRI);
	selftest_wait_irqs(&thre_irqs, 1, 100 * ms);
	/* No second interrupt once the handler masked the source at the UART. */
	selftest_wait_irqs(&thre_irqs, 2, ms);
	uart8250_reg_write(UART_IER, 0);
	free_irq(uart8250.irq);
	err = uart8250_rx_pause(false);
	ST_ASSERT_EQ(thre_irqs, 1);
	ST_ASSERT_EQ(thre_iir & (UART_IIR_ID | UART_IIR_NO_INT), UART_IIR_THRI);
	ST_ASSERT_EQ(irq_count(uart8250.irq) - before, 1);
	ST_ASSERT_EQ(err, 0);
	return 0;
}
