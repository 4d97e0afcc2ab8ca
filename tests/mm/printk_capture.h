/* SPDX-License-Identifier: BSD-2-Clause */
/* The host printk's output captured for a test to match (the host build's host_printk_sink):
 * listen() starts an empty capture into `said`, unlisten() stops it. Output beyond the buffer
 * is dropped, never written past it. */
#ifndef TESTS_MM_PRINTK_CAPTURE_H
#define TESTS_MM_PRINTK_CAPTURE_H

#include <string.h>

extern void (*host_printk_sink)(const char *s, size_t n);

static char said[8192];
static size_t said_len;

static void sink(const char *s, size_t n)
{
	if (said_len + n >= sizeof(said))
		n = sizeof(said) - 1 - said_len;
	memcpy(said + said_len, s, n);
	said_len += n;
	said[said_len] = '\0';
}

static inline void listen(void)
{
	said_len = 0;
	said[0] = '\0';
	host_printk_sink = sink;
}

static inline void unlisten(void) { host_printk_sink = NULL; }

#endif
