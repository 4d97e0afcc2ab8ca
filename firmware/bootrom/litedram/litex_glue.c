// SPDX-License-Identifier: BSD-2-Clause
/*
 * LiteX's timer0 for libbase's memspeed() (include/timer0.h): loaded, enabled, then read as a
 * counter running down at the CSR clock, here mtime (10 MHz) scaled to CONFIG_CLOCK_FREQUENCY.
 * Compiled only into the DRAM builds of the serial-boot ROM.
 */
#include <generated/soc.h>

#include "../bootrom.h"
#include <timer0.h>

#define MTIME_HZ	(TICKS_PER_MS * 1000)

static uint32_t load, value;
static uint64_t start;
static bool enabled;

void timer0_en_write(uint32_t v)
{
	enabled = v;
	start = mtime();
	value = load;
}

void timer0_reload_write(uint32_t v)
{
}

void timer0_load_write(uint32_t v)
{
	load = v;
}

void timer0_update_value_write(uint32_t v)
{
	uint64_t ticks = mtime() - start;

	if (enabled)
		value = load - (uint32_t)(ticks * (CONFIG_CLOCK_FREQUENCY / MTIME_HZ));
}

uint32_t timer0_value_read(void)
{
	return value;
}
