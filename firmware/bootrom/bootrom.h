/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The serial-boot ROM (docs/fpga.md "Boot"): what its parts share. It runs in M-mode from the
 * boot ROM's block RAM with its stack and data in the scratch SRAM beside it
 * (rtl/regs/pagoda_soc.rdl: BOOTROM.ROM, BOOTROM.SRAM), the only memory it has before DRAM is
 * calibrated.
 */
#ifndef PAGODA_BOOTROM_H
#define PAGODA_BOOTROM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <regs/pagoda_map.h>

/* The images' places, by the fw_dynamic contract (docs/boot.md). */
#define RAM_END		(PAGODA_RAM_BASE + (uint64_t)PAGODA_RAM_SIZE)
#define OPENSBI_ENTRY	(PAGODA_RAM_BASE + PAGODA_RAM_OPENSBI_OFFSET)
#define FW_NEXT_ADDR	(PAGODA_RAM_BASE + PAGODA_RAM_PAYLOAD_OFFSET)
#define DTB_ADDR	(PAGODA_RAM_BASE + PAGODA_RAM_FDT_OFFSET)

/* mtime counts at the DT's timebase-frequency, 10 MHz (sbi/pagoda.dts). */
#define TICKS_PER_MS	10000ull

/* uart.c */
void uart_init(void);
void uart_putc(char c);
void uart_puts(const char *s);
void uart_puthex(uint64_t v);
void uart_drain(void);
int uart_getc_until(uint64_t deadline);
uint64_t mtime(void);

/* sfl.c: the target side of litex_term's serial boot; returns the address to jump to. */
uint64_t sfl_boot(void);

/* dram.c: bring main memory up; false when it failed (nothing to load into). */
bool dram_init(void);

#endif /* PAGODA_BOOTROM_H */
