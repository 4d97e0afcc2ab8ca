// SPDX-License-Identifier: BSD-2-Clause
// Pagoda core: in-order pipelined RV64IMAC + Zicsr/Zifencei/Zicntr core with M/S/U privilege and an
// Sv39 MMU (docs/core.md). This file holds the stable port list used by the SoC; the pipeline
// itself is pagoda_pipeline (kept separate so that `rtl/core/*.sv` compiles in glob order: the
// package pagoda_core_pkg must be read before any module that refers to it).
module pagoda_core #(
  parameter logic [63:0] HART_ID   = 64'd0,
  parameter logic [31:0] BOOT_ADDR = 32'h0000_1000
) (
  input  logic        clk_i,
  input  logic        rst_ni,
  // instruction fetch port: PBUS master, read-only (docs/bus.md); 8-byte lane reads
  output logic        instr_req_o,
  input  logic        instr_gnt_i,
  output logic [31:0] instr_addr_o,
  input  logic        instr_rvalid_i,
  input  logic [63:0] instr_rdata_i,
  input  logic        instr_err_i,
  // data port: PBUS master
  output logic        data_req_o,
  input  logic        data_gnt_i,
  output logic [31:0] data_addr_o,
  output logic        data_we_o,
  output logic [7:0]  data_be_o,
  output logic [63:0] data_wdata_o,
  output logic        data_lock_o,   // high from an AMO's read request until its write is granted
  input  logic        data_rvalid_i,
  input  logic [63:0] data_rdata_i,
  input  logic        data_err_i,
  // interrupts, level-sensitive, from CLINT/PLIC
  input  logic        irq_msoft_i,
  input  logic        irq_mtimer_i,
  input  logic        irq_mext_i,
  input  logic        irq_sext_i,
  input  logic [63:0] mtime_i,       // CLINT mtime, read by the time CSR (rdtime)
  // retirement info for harnesses (cycle counting, tracing)
  output logic        retire_o,      // one instruction retired this cycle
  output logic [63:0] retire_pc_o
);

  pagoda_pipeline #(
    .HART_ID   (HART_ID),
    .BOOT_ADDR (BOOT_ADDR)
  ) u_pipeline (
    .clk_i          (clk_i),
    .rst_ni         (rst_ni),
    .instr_req_o    (instr_req_o),
    .instr_gnt_i    (instr_gnt_i),
    .instr_addr_o   (instr_addr_o),
    .instr_rvalid_i (instr_rvalid_i),
    .instr_rdata_i  (instr_rdata_i),
    .instr_err_i    (instr_err_i),
    .data_req_o     (data_req_o),
    .data_gnt_i     (data_gnt_i),
    .data_addr_o    (data_addr_o),
    .data_we_o      (data_we_o),
    .data_be_o      (data_be_o),
    .data_wdata_o   (data_wdata_o),
    .data_lock_o    (data_lock_o),
    .data_rvalid_i  (data_rvalid_i),
    .data_rdata_i   (data_rdata_i),
    .data_err_i     (data_err_i),
    .irq_msoft_i    (irq_msoft_i),
    .irq_mtimer_i   (irq_mtimer_i),
    .irq_mext_i     (irq_mext_i),
    .irq_sext_i     (irq_sext_i),
    .mtime_i        (mtime_i),
    .retire_o       (retire_o),
    .retire_pc_o    (retire_pc_o)
  );

endmodule
