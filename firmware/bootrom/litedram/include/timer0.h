/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * LiteX's timer0, which libbase's memspeed() times itself with, for a SoC that has none: a down
 * counter at the CSR clock (CONFIG_CLOCK_FREQUENCY) made from the CLINT's mtime
 * (firmware/bootrom/litedram/litex_glue.c). Included before libbase/memtest.c (-include).
 */
#ifndef PAGODA_BOOTROM_LITEX_TIMER0_H
#define PAGODA_BOOTROM_LITEX_TIMER0_H
#include <stdint.h>
void timer0_en_write(uint32_t v);
void timer0_reload_write(uint32_t v);
void timer0_load_write(uint32_t v);
void timer0_update_value_write(uint32_t v);
uint32_t timer0_value_read(void);
#endif
