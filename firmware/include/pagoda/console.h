// SPDX-License-Identifier: BSD-2-Clause
#ifndef PAGODA_CONSOLE_H
#define PAGODA_CONSOLE_H

#include <stddef.h>

void console_write(const char *s, size_t n);
int console_getchar(void);	/* -1 when no character is waiting */
void console_wait_input(void);	/* returns when input may have arrived (or at once when polling) */

/* A driver that receives console input itself (drivers/uart8250.c). */
struct console_input {
	int (*getchar)(void);	/* -1 when nothing is waiting */
	void (*wait)(void);	/* sleep until a character may be waiting */
};
void console_register_input(const struct console_input *in);

#endif
