// SPDX-License-Identifier: BSD-2-Clause
/* Helpers shared by the host tests: cmocka, and device-tree blobs compiled by dtc at run time. */
#ifndef TEST_COMMON_H
#define TEST_COMMON_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

extern int host_printk_enabled;

/* Read a whole file; *len gets its size. */
static inline unsigned char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf;
	long n;

	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return buf;
}

/* Compile DTS source text with dtc into a malloc'd blob. */
static inline unsigned char *dts_compile(const char *dts, size_t *len)
{
	char in[] = "/tmp/pagoda-dts-XXXXXX", cmd[256];
	int fd = mkstemp(in);
	FILE *f;
	unsigned char *blob;

	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	fputs(dts, f);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "dtc -q -I dts -O dtb -o %s.dtb %s", in, in);
	assert_int_equal(system(cmd), 0);
	snprintf(cmd, sizeof(cmd), "%s.dtb", in);
	blob = slurp(cmd, len);
	unlink(cmd);
	unlink(in);
	return blob;
}

#endif
