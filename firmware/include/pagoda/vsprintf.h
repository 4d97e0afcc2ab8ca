// SPDX-License-Identifier: BSD-2-Clause
#ifndef PAGODA_VSPRINTF_H
#define PAGODA_VSPRINTF_H

#include <stdarg.h>
#include <stddef.h>

/* C99 vsnprintf semantics: returns the length the full output would have. */
int pagoda_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

#endif
