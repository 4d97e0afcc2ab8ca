/* SPDX-License-Identifier: BSD-2-Clause */
/* liblitedram includes <stdlib.h> for nothing the ROM's build uses. */
#ifndef PAGODA_BOOTROM_LITEX_STDLIB_H
#define PAGODA_BOOTROM_LITEX_STDLIB_H
#include <stddef.h>
#endif
