// SPDX-License-Identifier: BSD-2-Clause
/*
 * Device interrupts end to end: a UART interrupt travels through the PLIC's gateway, its S-mode
 * context and the core's SEIP into the trap handler, is claimed, handled and completed. The same
 * test runs on QEMU virt and on the Pagoda SoC (both have an ns16550a on PLIC source 10).
 */
#include <asm/barrier.h>
#include <asm/csr.h>
#include <asm/timex.h>
#include <pagoda/boot.h>
#include <pagoda/fdt.h>
#include <pagoda/irq.h>
#include <pagoda/sbi.h>
#include <pagoda/selftest.h>
#include <pagoda/smp.h>
#include <pagoda/string.h>
#include <pagoda/spinlock.h>
#include "uart8250.h"

/*
 * Bound of every wait for something that must happen. On QEMU without icount the timebase is the
 * host's clock, and a loaded host can hold back QEMU's timer thread for tens of milliseconds: a
 * 10 ms bound made the test fail under load. The waits end as soon as the event is seen, so a
 * generous bound costs nothing when the hardware is right.
 */
#define IRQ_WAIT_MS 500

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
	selftest_wait_irqs(&thre_irqs, 1, IRQ_WAIT_MS * ms);
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

/*
 * Issue 18: OpenSBI's timer code runs csrs/csrc mip,STIP in M-mode (the M timer interrupt and
 * every sbi_set_timer). A CSR file that built the new mip from the read value copied a pending
 * external line into the software SEIP bit, so after the device was served S-mode took an
 * external interrupt after every sret and never saw its timer again. Hold the UART's THRE
 * interrupt pending through the PLIC (interrupts off) while the M timer fires again and again,
 * then take the source away and require SEIP to drop, the device to be served once and the
 * timer tick to arrive.
 */
#define SEIP_TIMER_ROUNDS 8

static volatile unsigned int seip_thre_irqs, seip_timer_ticks;

static void seip_thre_handler(unsigned int irq, void *arg)
{
	(void)irq;
	(void)arg;
	uart8250_reg_read(UART_IIR);
	uart8250_reg_write(UART_IER, 0);
	seip_thre_irqs++;
}

static void seip_timer_tick(void)
{
	seip_timer_ticks++;
	sbi_set_timer(~0ULL);	/* one shot: also clears the pending STIP */
}

/* Poll sip (interrupts off) until (sip & mask) == want or `ticks` pass; returns the last sip. */
static unsigned long poll_sip(unsigned long mask, unsigned long want, u64 ticks)
{
	u64 t0 = get_time();
	unsigned long sip;

	while (((sip = csr_read(sip)) & mask) != want && get_time() - t0 < ticks)
		;
	return sip;
}

/* Serve the held THRE interrupt and the pending timer with interrupts on, bounded. */
static void seip_serve(u64 ticks)
{
	u64 t0 = get_time();

	csr_set(sie, SIE_STIE);
	local_irq_enable();
	while ((!seip_thre_irqs || !seip_timer_ticks) && get_time() - t0 < ticks)
		cpu_relax();
	local_irq_disable();
	csr_clear(sie, SIE_STIE);
}

SELFTEST(seip_not_latched_by_mtimer)
{
	u64 ms = boot_info.timebase_hz / 1000, t0;
	unsigned int rounds = 0;
	unsigned long flags, sip;
	int err;

	if (!irq_controller_present())
		ST_SKIP("no PLIC in the device tree");
	if (uart8250_setup() || !uart8250.irq)
		ST_SKIP("no ns16550a console UART with an interrupt");
	/* The test watches this hart's sip: with several PLICs the UART's may have no context here. */
	if (irq_target_cpu(uart8250.irq) != (int)smp_processor_id())
		ST_SKIP("the UART's interrupt goes to another hart (its PLIC has no context here)");
	ST_ASSERT_EQ(uart8250_rx_pause(true), 0);
	/* OpenSBI may still be sending our last line. */
	t0 = get_time();
	while (!(uart8250_reg_read(UART_LSR) & UART_LSR_THRE) && get_time() - t0 < 100 * ms)
		;
	local_irq_save(flags);
	local_irq_disable();
	err = request_irq(uart8250.irq, seip_thre_handler, NULL, "selftest seip");
	if (err) {
		local_irq_restore(flags);
		uart8250_rx_pause(false);
		ST_FAIL("request_irq(%u): %d", uart8250.irq, err);
	}
	seip_thre_irqs = seip_timer_ticks = 0;
	irq_handler_timer = seip_timer_tick;
	uart8250_reg_write(UART_IER, UART_IER_THRI);
	sip = poll_sip(SIE_SEIE, SIE_SEIE, IRQ_WAIT_MS * ms);
	/* The M timer fires with the line high: OpenSBI's csrc and csrs of mip.STIP both run. */
	for (unsigned int i = 0; i < SEIP_TIMER_ROUNDS && (sip & SIE_SEIE); i++) {
		sbi_set_timer(get_time() + ms / 10);
		if (poll_sip(SIE_STIE | SIE_SEIE, SIE_STIE | SIE_SEIE, IRQ_WAIT_MS * ms) ==
		    (SIE_STIE | SIE_SEIE))
			rounds++;
	}
	/* Mask the source at the PLIC, unclaimed: the line drops and SEIP with it. */
	free_irq(uart8250.irq);
	sip = poll_sip(SIE_SEIE, 0, IRQ_WAIT_MS * ms);
	if (sip & SIE_SEIE) {
		/* S-mode cannot clear a stuck SEIP: keep the rest of the run from livelocking. */
		csr_clear(sie, SIE_SEIE);
		uart8250_reg_write(UART_IER, 0);
		irq_handler_timer = NULL;
		sbi_set_timer(~0ULL);
		local_irq_restore(flags);
		uart8250_rx_pause(false);
		ST_FAIL("sip.SEIP stuck at 1 after the PLIC line dropped (%u timer rounds); "
			"external interrupts are now off", rounds);
	}
	/* Route it again (a fresh THRE edge, since QEMU's PLIC only re-evaluates on one) and serve. */
	err = request_irq(uart8250.irq, seip_thre_handler, NULL, "selftest seip");
	uart8250_reg_write(UART_IER, 0);
	uart8250_reg_write(UART_IER, UART_IER_THRI);
	if (!err)
		seip_serve(IRQ_WAIT_MS * ms);
	uart8250_reg_write(UART_IER, 0);
	if (!err)
		free_irq(uart8250.irq);
	irq_handler_timer = NULL;
	sbi_set_timer(~0ULL);
	sip = csr_read(sip);
	local_irq_restore(flags);
	ST_ASSERT_EQ(err, 0);
	ST_ASSERT_EQ(uart8250_rx_pause(false), 0);
	ST_ASSERT_EQ(rounds, SEIP_TIMER_ROUNDS);
	ST_ASSERT_EQ(seip_thre_irqs, 1);
	ST_ASSERT_EQ(seip_timer_ticks, 1);
	ST_ASSERT_EQ(sip & (SIE_SEIE | SIE_STIE), 0);
	return 0;
}
