// SPDX-License-Identifier: BSD-2-Clause
/* Shared by the DMA API's files (dma_mapping.c, dmapool.c) and nobody else. */
#ifndef MM_DMA_INTERNAL_H
#define MM_DMA_INTERNAL_H

#include <mm/dma-mapping.h>
#include <pagoda/compiler.h>

/* Report a bad call ("DMA-API: dev: ..."), counted in dma_debug_errors(). */
void dma_report(const struct device *dev, const char *fmt, ...) __printf(2, 3);

#endif
