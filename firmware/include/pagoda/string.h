// SPDX-License-Identifier: BSD-2-Clause
/* The string functions Pagoda uses. The firmware implements them in firmware/lib/string.c; host
 * builds get them from the C library (same prototypes). */
#ifndef PAGODA_STRING_H
#define PAGODA_STRING_H

#include <stddef.h>

void *memset(void *s, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);
void *memchr(const void *s, int c, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);

#endif
