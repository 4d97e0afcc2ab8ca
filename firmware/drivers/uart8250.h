// SPDX-License-Identifier: BSD-2-Clause
/* ns16550a registers and the console UART driver's state (drivers/uart8250.c). */
#ifndef DRIVERS_UART8250_H
#define DRIVERS_UART8250_H

#include <pagoda/types.h>

#define UART_RBR 0	/* read: receive buffer */
#define UART_THR 0	/* write: transmit holding */
#define UART_IER 1
#define UART_IIR 2	/* read */
#define UART_FCR 2	/* write */
#define UART_LCR 3
#define UART_LSR 5
#define UART_SCR 7

#define UART_IER_RDI 0x01	/* received data available */
#define UART_IER_THRI 0x02	/* transmit holding register empty */
#define UART_IIR_NO_INT 0x01
#define UART_IIR_ID 0x0e
#define UART_IIR_THRI 0x02
#define UART_IIR_RDI 0x04
#define UART_LSR_DR 0x01
#define UART_LSR_OE 0x02
#define UART_LSR_PE 0x04
#define UART_LSR_FE 0x08
#define UART_LSR_THRE 0x20

struct uart8250 {
	unsigned long base;
	unsigned int reg_shift, io_width;
	u32 irq;
	bool rx_irq_on;
	unsigned long rx_bytes, rx_throttles, rx_errors;
};

extern struct uart8250 uart8250;

int uart8250_setup(void);	/* find the stdout-path ns16550a; 0 or an FDT error */
unsigned int uart8250_reg_read(unsigned int reg);
void uart8250_reg_write(unsigned int reg, unsigned int val);
int uart8250_rx_pause(bool pause);	/* 0, or request_irq's error when resuming */

#endif
