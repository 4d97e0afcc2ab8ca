/* SPDX-License-Identifier: BSD-2-Clause */
/* The string functions liblitedram calls (firmware/bootrom/litedram/printf.c has them). */
#ifndef PAGODA_BOOTROM_LITEX_STRING_H
#define PAGODA_BOOTROM_LITEX_STRING_H
#include <stddef.h>
void *memset(void *s, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);
size_t strlen(const char *s);
#endif
