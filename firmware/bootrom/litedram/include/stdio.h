/* SPDX-License-Identifier: BSD-2-Clause */
/* liblitedram's console: printf() onto the ROM's UART (firmware/bootrom/litedram/printf.c). */
#ifndef PAGODA_BOOTROM_LITEX_STDIO_H
#define PAGODA_BOOTROM_LITEX_STDIO_H

#include <stddef.h>

int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int putchar(int c);

#endif
