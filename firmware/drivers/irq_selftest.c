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
#include <pagoda/smp.h>
#include <pagoda/string.h>
#include <pagoda/spinlock.h>
#include "uart8250.h"

/* The interrupt controllers of the DT, in DT order, whichever of the two compatibles they give. */
static unsigned int dt_plics(const void *fdt, int *nodes, unsigned int max)
{
	static const char *const compat[] = { "riscv,plic0", "sifive,plic-1.0.0" };
	unsigned int n = 0;

	for (unsigned int k = 0; k < ARRAY_SIZE(compat); k++) {
		for (int node = fdt_node_offset_by_compatible(fdt, -1, compat[k]); node >= 0;
		     node = fdt_node_offset_by_compatible(fdt, node, compat[k])) {
			unsigned int i = 0;

			while (i < n && nodes[i] < node)
				i++;
			if ((i < n && nodes[i] == node) || n == max)
				continue;
			memmove(&nodes[i + 1], &nodes[i], (n - i) * sizeof(nodes[0]));
			nodes[i] = node;
			n++;
		}
	}
	return n;
}

/*
 * Every controller of the DT is used, and every online hart has exactly the S-mode contexts the
 * DT gives it, whichever controller names them and whichever hart booted (QEMU virt with -numa
 * has one PLIC per socket; the QEMU suites boot each hart in turn with boot_hart=).
 */
SELFTEST(plic_probe_matches_dt)
{
	const void *fdt = boot_info.fdt;
	unsigned int cpu = smp_processor_id(), n;
	bool boot_cpu_has_ctx = false;
	int nodes[16];

	n = dt_plics(fdt, nodes, ARRAY_SIZE(nodes));
	ST_ASSERT_EQ(irq_controller_present(), n > 0);
	if (!n)
		return 0;
	ST_ASSERT_EQ(irq_controller_count(), n);
	for (unsigned int i = 0; i < n; i++) {
		for (unsigned int c = 0; c < NR_CPUS; c++) {
			int want = -1;

			if (cpu_online(c)) {
				want = fdt_irq_context(fdt, nodes[i], cpu_hartid[c], IRQ_S_EXT);
				want = want < 0 ? -1 : want;
			}
			if (irq_controller_context(i, c) != want)
				ST_FAIL("%s: cpu %u (hart %lu): context %d, the DT says %d",
					fdt_node_name(fdt, nodes[i]), c, cpu_hartid[c],
					irq_controller_context(i, c), want);
			if (c == cpu && want >= 0)
				boot_cpu_has_ctx = true;
		}
	}
	if (boot_cpu_has_ctx)
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
