// SPDX-License-Identifier: BSD-2-Clause
// Main memory through LiteDRAM (MEM=litedram, rtl/mem/mem.mk): the PBUS bridge, the init
// writer and the CSR slave (wb_ctrl on PBUS), and for a board the crossing into the controller's clock; the controller itself (litedram_core) is generated into build/litedram.
rtl/mem/pagoda_dram_init.sv
rtl/mem/pagoda_dram_csr.sv
rtl/mem/pagoda_dram_bridge.sv
rtl/mem/pagoda_cdc_fifo.sv
rtl/mem/pagoda_dram_cdc.sv
