// SPDX-License-Identifier: BSD-2-Clause
// Main memory through LiteDRAM (MEM=litedram, rtl/mem/mem.mk): the PBUS bridge and the init
// writer, and for a board the crossing into the controller's clock; the controller itself (litedram_core) is generated into build/litedram.
rtl/mem/pagoda_dram_init.sv
rtl/mem/pagoda_dram_bridge.sv
rtl/mem/pagoda_cdc_fifo.sv
rtl/mem/pagoda_dram_cdc.sv
