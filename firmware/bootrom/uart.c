// SPDX-License-Identifier: BSD-2-Clause
/*
 * Polled console on the ns16550a (rtl/soc/pagoda_uart.sv, reg-shift 0): the serial-boot ROM runs
 * before anything else, with interrupts off. Time comes from the CLINT's mtime.
 */
#include "bootrom.h"

#define UART_REG(off)	(*(volatile uint8_t *)(uintptr_t)(PAGODA_UART_BASE + (off)))
#define LSR_DR		(1u << UART_LSR_DR_LSB)
#define LSR_THRE	(1u << UART_LSR_THRE_LSB)
#define LSR_TEMT	(1u << UART_LSR_TEMT_LSB)

uint64_t mtime(void)
{
	return *(volatile uint64_t *)(uintptr_t)(PAGODA_CLINT_BASE + CLINT_MTIME_OFFSET);
}

void uart_init(void)
{
	/* 8N1; FIFO on and emptied of what arrived before we listened. The baud rate is the line's
	 * (pagoda_uart_phy's divisor), not the divisor latch's. */
	UART_REG(UART_LCR_OFFSET) = 0x03;
	UART_REG(UART_FCR_OFFSET) = (1u << UART_FCR_ENABLE_LSB) | (1u << UART_FCR_CLEAR_RCVR_LSB);
}

void uart_putc(char c)
{
	while (!(UART_REG(UART_LSR_OFFSET) & LSR_THRE))
		;
	UART_REG(UART_THR_OFFSET) = (uint8_t)c;
}

void uart_puts(const char *s)
{
	while (*s)
		uart_putc(*s++);
}

void uart_puthex(uint64_t v)
{
	uart_puts("0x");
	for (int sh = 60; sh >= 0; sh -= 4)
		uart_putc("0123456789abcdef"[(v >> sh) & 0xf]);
}

/* Until the last byte has left the line: the next stage may reprogram the UART. */
void uart_drain(void)
{
	while (!(UART_REG(UART_LSR_OFFSET) & LSR_TEMT))
		;
}

/* The next received byte, or -1 once mtime has reached deadline (0: only one already here). */
int uart_getc_until(uint64_t deadline)
{
	while (!(UART_REG(UART_LSR_OFFSET) & LSR_DR))
		if (!deadline || mtime() >= deadline)
			return -1;
	return UART_REG(UART_RBR_OFFSET);
}
