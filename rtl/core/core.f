// SPDX-License-Identifier: BSD-2-Clause
// pagoda_core's sources in compile order: its package first, the units, the top (pagoda_core)
// last. Read after rtl/pkg/pkg.f by every tool (rtl/rtl.mk: Verilator builds and lint, Yosys
// synthesis).
rtl/core/pagoda_core_pkg.sv
rtl/core/pagoda_rvc_expand.sv
rtl/core/pagoda_icache.sv
rtl/core/pagoda_fetch.sv
rtl/core/pagoda_decoder.sv
rtl/core/pagoda_regfile.sv
rtl/core/pagoda_alu.sv
rtl/core/pagoda_mul.sv
rtl/core/pagoda_div.sv
rtl/core/pagoda_pmp_check.sv
rtl/core/pagoda_pmp.sv
rtl/core/pagoda_tlb.sv
rtl/core/pagoda_ptw.sv
rtl/core/pagoda_xlate.sv
rtl/core/pagoda_mmu.sv
rtl/core/pagoda_cmo.sv
rtl/core/pagoda_dcache.sv
rtl/core/pagoda_lsu.sv
rtl/core/pagoda_hpm.sv
rtl/core/pagoda_csr.sv
rtl/core/pagoda_controller.sv
rtl/core/pagoda_wb_stage.sv
rtl/core/pagoda_core.sv
