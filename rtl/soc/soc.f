// SPDX-License-Identifier: BSD-2-Clause
// The SoC's own sources in compile order: its package first, the top (pagoda_soc) last. A full SoC
// build reads rtl/pkg/pkg.f, this list and rtl/core/core.f (and rtl/accel/accel.f with pgaccel):
// rtl/rtl.mk.
rtl/soc/pagoda_soc_pkg.sv
rtl/soc/pagoda_pbus_decode.sv
rtl/soc/pagoda_pbus_xbar.sv
rtl/soc/pagoda_pbus_ibus.sv
rtl/soc/pagoda_pbus_err.sv
rtl/soc/pagoda_bootrom.sv
rtl/soc/pagoda_bootmem.sv
rtl/soc/pagoda_testdev.sv
rtl/soc/pagoda_clint.sv
rtl/soc/pagoda_plic.sv
rtl/soc/pagoda_uart.sv
rtl/soc/pagoda_sync.sv
rtl/soc/pagoda_rst_sync.sv
rtl/soc/pagoda_uart_phy.sv
rtl/soc/pagoda_ram.sv
rtl/soc/pagoda_soc.sv
