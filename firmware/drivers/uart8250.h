// SPDX-License-Identifier: BSD-2-Clause
/* ns16550a registers and the console UART driver's state (drivers/uart8250.c). */
#ifndef DRIVERS_UART8250_H
#define DRIVERS_UART8250_H

#include <pagoda/types.h>
#include <regs/pagoda_map.h>
#include <regs/uart.h>

/* The 8250 registers and bits the driver uses, under Linux's names, from rtl/regs/uart.rdl. */
#define UART_RBR UART_RBR_OFFSET	/* read: receive buffer */
#define UART_THR UART_THR_OFFSET	/* write: transmit holding */
#define UART_IER UART_IER_OFFSET
#define UART_IIR UART_IIR_OFFSET	/* read */
#define UART_FCR UART_FCR_OFFSET	/* write */
#define UART_LCR UART_LCR_OFFSET
#define UART_LSR UART_LSR_OFFSET
#define UART_SCR UART_SCR_OFFSET

#define UART_IER_RDI UART__IER__RDI_bm	/* received data available */
#define UART_IER_THRI UART__IER__THRI_bm	/* transmit holding register empty */
#define UART_IIR_NO_INT UART__IIR__NO_INT_bm
#define UART_IIR_ID UART__IIR__ID_bm
#define UART_IIR_THRI (UART_IIR_ID_THRI << UART__IIR__ID_bp)
#define UART_IIR_RDI (UART_IIR_ID_RDI << UART__IIR__ID_bp)
#define UART_LSR_DR UART__LSR__DR_bm
#define UART_LSR_OE UART__LSR__OE_bm
#define UART_LSR_PE UART__LSR__PE_bm
#define UART_LSR_FE UART__LSR__FE_bm
#define UART_LSR_THRE UART__LSR__THRE_bm

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
