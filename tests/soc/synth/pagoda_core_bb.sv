// SPDX-License-Identifier: BSD-2-Clause
// Black-box port list of pagoda_core for the SoC synthesis check (make synth-soc SYNTH_CORE=bb):
// Yosys then checks and sizes the SoC's own logic even while the core's RTL is not Yosys-clean.
(* blackbox *)
module pagoda_core #(
  parameter logic [63:0] HART_ID      = 64'd0,
  parameter logic [31:0] BOOT_ADDR    = 32'h0000_1000,
  parameter int unsigned DCACHE_BYTES = 4096
) (
  input  logic        clk_i,
  input  logic        rst_ni,
  output logic        instr_req_o,
  input  logic        instr_gnt_i,
  output logic [31:0] instr_addr_o,
  input  logic        instr_rvalid_i,
  input  logic [63:0] instr_rdata_i,
  input  logic        instr_err_i,
  output logic        data_req_o,
  input  logic        data_gnt_i,
  output logic [31:0] data_addr_o,
  output logic        data_we_o,
  output logic [7:0]  data_be_o,
  output logic [63:0] data_wdata_o,
  output logic        data_lock_o,
  input  logic        data_rvalid_i,
  input  logic [63:0] data_rdata_i,
  input  logic        data_err_i,
  input  logic        irq_msoft_i,
  input  logic        irq_mtimer_i,
  input  logic        irq_mext_i,
  input  logic        irq_sext_i,
  input  logic [63:0] mtime_i,
  output logic        retire_o,
  output logic [63:0] retire_pc_o
);
endmodule
