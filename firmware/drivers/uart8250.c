// SPDX-License-Identifier: BSD-2-Clause
/*
 * ns16550a console receive driver. OpenSBI keeps the UART for output (the SBI console the firmware
 * prints through) and leaves it polled, with IER = 0. This driver takes over input as Linux's 8250
 * driver does after earlycon: the stdout-path UART's received-data interrupt, through the PLIC,
 * fills a ring the shell reads, and the shell sleeps in wfi between characters instead of polling
 * the SBI console. When the ring is full the interrupt is masked and the bytes stay in the UART's
 * FIFO (whose back-pressure holds the sender), so no input is lost; reading the ring unmasks it.
 *
 * Without a PLIC, an interrupt number or a usable UART node, input stays on the SBI console.
 */
#include <asm/barrier.h>
#include <asm/csr.h>
#include <asm/io.h>
#include <pagoda/boot.h>
#include <pagoda/console.h>
#include <pagoda/fdt.h>
#include <pagoda/init.h>
#include <pagoda/irq.h>
#include <pagoda/printk.h>
#include <pagoda/wait.h>
#include <pagoda/shell.h>
#include <pagoda/smp.h>
#include <pagoda/spinlock.h>
#include <pagoda/string.h>
#include "uart8250.h"

#define RX_RING 256	/* a power of two */

struct uart8250 uart8250;

static u8 rx_ring[RX_RING];
static unsigned int rx_head, rx_tail;	/* head: next write (irq), tail: next read */
static bool rx_throttled;
/* The receive interrupt may run on another hart (the UART's PLIC may have no context of the boot
 * hart's socket), so the ring is shared under a lock, not just with interrupts off. */
static spinlock_t rx_lock = SPIN_LOCK_UNLOCKED;
/* The reader (the shell, in init) sleeps here until the receive interrupt brings a byte. */
static DECLARE_WAIT_QUEUE_HEAD(rx_wait);

unsigned int uart8250_reg_read(unsigned int reg)
{
	void *a = (void *)(uart8250.base + (reg << uart8250.reg_shift));

	return uart8250.io_width == 4 ? readl(a) : readb(a);
}

void uart8250_reg_write(unsigned int reg, unsigned int val)
{
	void *a = (void *)(uart8250.base + (reg << uart8250.reg_shift));

	if (uart8250.io_width == 4)
		writel(val, a);
	else
		writeb((u8)val, a);
}

static void uart_rx_irq(unsigned int irq, void *arg)
{
	unsigned int lsr;

	(void)irq;
	(void)arg;
	spin_lock(&rx_lock);
	while ((lsr = uart8250_reg_read(UART_LSR)) & UART_LSR_DR) {
		if (lsr & (UART_LSR_OE | UART_LSR_PE | UART_LSR_FE))
			uart8250.rx_errors++;
		if (rx_head - rx_tail == RX_RING) {
			/* Leave the rest in the FIFO; the sender waits. */
			rx_throttled = true;
			uart8250_reg_write(UART_IER, uart8250_reg_read(UART_IER) & ~UART_IER_RDI);
			uart8250.rx_throttles++;
			break;
		}
		rx_ring[rx_head++ % RX_RING] = (u8)uart8250_reg_read(UART_RBR);
		uart8250.rx_bytes++;
	}
	spin_unlock(&rx_lock);
	wake_up(&rx_wait);
}

static int uart_getchar(void)
{
	unsigned long flags;
	int c = -1;

	spin_lock_irqsave(&rx_lock, flags);
	if (rx_tail != rx_head)
		c = rx_ring[rx_tail++ % RX_RING];
	if (rx_throttled && rx_head - rx_tail < RX_RING / 2) {
		rx_throttled = false;
		uart8250_reg_write(UART_IER, uart8250_reg_read(UART_IER) | UART_IER_RDI);
	}
	spin_unlock_irqrestore(&rx_lock, flags);
	return c;
}

/* Race-free sleep: look at the ring with interrupts off, wfi (it wakes on a pending enabled
 * interrupt even with sstatus.SIE clear), then let the interrupt in. When the receive interrupt
 * goes to another hart nothing would end the wfi, so the caller polls the ring instead. */
static void uart_wait(void)
{
	unsigned long flags;

	if (sched_ready()) {
		/* Block, as a tty read does: the hart's other tasks (kswapd, ...) run meanwhile,
		 * and its idle loop takes the interrupt when this hart is the one it goes to. */
		wait_event_interruptible(rx_wait, READ_ONCE(rx_head) != READ_ONCE(rx_tail));
		return;
	}
	if (irq_target_cpu(uart8250.irq) != (int)smp_processor_id()) {
		cpu_relax();
		return;
	}
	local_irq_save(flags);
	if (rx_tail == rx_head && !rx_throttled)
		__asm__ volatile("wfi");
	local_irq_enable();
	barrier();
	local_irq_disable();
	local_irq_restore(flags);
}

static const struct console_input uart_input = { uart_getchar, uart_wait };

/* Take the receive interrupt (again): the handler, then IER, unless the ring is still full. */
static int rx_irq_attach(void)
{
	int err = request_irq(uart8250.irq, uart_rx_irq, NULL, "uart8250 rx");

	if (!err)
		uart8250_reg_write(UART_IER, rx_throttled ? 0 : UART_IER_RDI);
	return err;
}

/* The node /chosen/stdout-path names ("/soc/serial@10000000:115200n8" or an alias-free path). */
static int stdout_node(const void *fdt)
{
	char path[128];
	const char *p;
	int chosen = fdt_path_offset(fdt, "/chosen"), len;
	size_t n;

	p = chosen >= 0 ? fdt_getprop(fdt, chosen, "stdout-path", &len) : NULL;
	if (!p || len < 2)
		return FDT_ERR_NOTFOUND;
	n = strnlen(p, (size_t)len);
	if (n == (size_t)len || n >= sizeof(path))
		return FDT_ERR_BADVALUE;
	memcpy(path, p, n + 1);
	for (char *c = path; *c; c++)
		if (*c == ':')
			*c = '\0';
	return fdt_path_offset(fdt, path);
}

int uart8250_setup(void)
{
	const void *fdt = boot_info.fdt;
	int node = stdout_node(fdt);
	u64 base, size;
	u32 v;

	if (node < 0 || !(fdt_node_check_compatible(fdt, node, "ns16550a") ||
			  fdt_node_check_compatible(fdt, node, "ns16550")))
		return FDT_ERR_NOTFOUND;
	if (fdt_reg(fdt, node, 0, &base, &size) || size < 8)
		return FDT_ERR_BADVALUE;
	uart8250.reg_shift = fdt_read_u32(fdt, node, "reg-shift", &v) == FDT_OK ? v : 0;
	uart8250.io_width = fdt_read_u32(fdt, node, "reg-io-width", &v) == FDT_OK ? v : 1;
	if (uart8250.reg_shift > 2 || (uart8250.io_width != 1 && uart8250.io_width != 4) ||
	    (8ull << uart8250.reg_shift) > size)
		return FDT_ERR_BADVALUE;
	uart8250.irq = (u32)irq_of_parse_and_map(fdt, node, 0);
	uart8250.base = (unsigned long)base;
	return 0;
}

static int uart8250_probe(void)
{
	int err = uart8250_setup();

	if (err == FDT_ERR_NOTFOUND)
		return 0;	/* another console: SBI input */
	if (err) {
		pr_err("uart8250: stdout-path UART: %s; input stays on the SBI console\n",
		       fdt_strerror(err));
		return -1;
	}
	if (!uart8250.irq || !irq_controller_present())
		return 0;
	err = rx_irq_attach();
	if (err) {
		pr_err("uart8250: irq %u: error %d; input stays on the SBI console\n", uart8250.irq,
		       err);
		return -1;
	}
	console_register_input(&uart_input);
	uart8250.rx_irq_on = true;
	printk("uart8250: at 0x%lx, receive by interrupt (irq %u, hart %lu)\n", uart8250.base,
	       uart8250.irq, cpu_hartid[irq_target_cpu(uart8250.irq)]);
	return 0;
}
device_initcall(uart8250_probe);

/* For the interrupt self-test: the console receive path gives the UART's interrupt and IER to the
 * test and takes them back after it. Input that arrives meanwhile waits in the UART's FIFO. */
int uart8250_rx_pause(bool pause)
{
	if (!uart8250.rx_irq_on)
		return 0;
	if (!pause)
		return rx_irq_attach();
	uart8250_reg_write(UART_IER, 0);
	free_irq(uart8250.irq);
	return 0;
}

SHELL_CMD_ARGS(uart, 0, 0, "console UART: receive path and counters")
{
	(void)argc;
	(void)argv;
	if (!uart8250.base) {
		printk("no ns16550a console UART\n");
		return 0;
	}
	printk("uart8250 at 0x%lx: %s, %lu bytes received, %lu throttles, %lu line errors\n",
	       uart8250.base,
	       uart8250.rx_irq_on ? "receive by interrupt" : "receive through the SBI console",
	       uart8250.rx_bytes, uart8250.rx_throttles, uart8250.rx_errors);
	return 0;
}
