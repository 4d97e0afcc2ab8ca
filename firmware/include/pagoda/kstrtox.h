// SPDX-License-Identifier: BSD-2-Clause
/* The one number parser of the firmware: shell arguments and bootargs both go through it, so a
 * number that does not fit is an error everywhere, never a silently wrapped value. Portable (host
 * tests and fuzzers build it). */
#ifndef PAGODA_KSTRTOX_H
#define PAGODA_KSTRTOX_H

#include <pagoda/types.h>

#define KSTRTOX_EINVAL (-22)	/* not a number: empty, sign, space, stray character, bare "0x" */
#define KSTRTOX_ERANGE (-34)	/* a number, but it does not fit in 64 bits */

/*
 * The whole of `s` as decimal, or hexadecimal after "0x"/"0X" (a leading 0 is decimal, not octal:
 * this is what the shell has always accepted). Returns 0 and sets *res, or a KSTRTOX_E* error and
 * leaves *res alone.
 */
int kstrtou64(const char *s, u64 *res);
/* The same, then at most `max`. */
int kstrtou64_max(const char *s, u64 max, u64 *res);
/* A size: a number as above with an optional K, M or G suffix (binary units), checked so that the
 * suffix cannot shift bits out: "64M", "4096", "1G", "0x1000K". */
int kstrtosize(const char *s, u64 *res);
/* A switch: 1, on, y (true) or 0, off, n (false), the words Linux's kstrtobool takes in lower case. */
int kstrtobool(const char *s, bool *res);

#endif
