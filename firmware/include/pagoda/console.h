#ifndef PAGODA_CONSOLE_H
#define PAGODA_CONSOLE_H

#include <stddef.h>

void console_write(const char *s, size_t n);
int console_getchar(void);	/* -1 when no character is waiting */

#endif
