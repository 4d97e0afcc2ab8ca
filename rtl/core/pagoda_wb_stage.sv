// SPDX-License-Identifier: BSD-2-Clause
// Pagoda core: writeback stage. Holds the one instruction that left execute: an ALU-type result
// retires the next cycle; a load, store or AMO waits for its data response (the LSU says when it
// has arrived and with which data or error). Retiring writes the register file; the value is
// forwarded to execute meanwhile.
`include "pagoda_assert.svh"
module pagoda_wb_stage (
  input  logic        clk_i,
  input  logic        rst_ni,
  // from execute (done_i: the instruction completes in execute this cycle)
  input  logic        done_i,
  input  logic [63:0] pc_i,
  input  logic [4:0]  rd_i,
  input  logic        we_i,
  input  logic [63:0] result_i,
  // its data response (pagoda_lsu)
  input  logic        lsu_wait_i,
  input  logic        lsu_err_i,
  input  logic        lsu_load_i,
  input  logic [63:0] lsu_load_data_i,
  // state
  output logic        free_o,      // empty, or retiring this cycle
  output logic        retire_o,
  output logic [63:0] pc_o,
  // register write (retire) and forwarding to execute (while valid)
  output logic        fwd_valid_o, // a valid instruction that writes rd_o
  output logic        rf_we_o,
  output logic [4:0]  rd_o,
  output logic [63:0] wdata_o
);
  logic        valid_q, valid_d;
  logic [63:0] pc_q, pc_d;
  logic [4:0]  rd_q, rd_d;
  logic        we_q, we_d;
  logic [63:0] result_q, result_d;

  assign wdata_o     = lsu_load_i ? lsu_load_data_i : result_q;
  assign retire_o    = valid_q && !lsu_wait_i && !lsu_err_i;
  assign free_o      = !valid_q || retire_o;
  assign pc_o        = pc_q;
  assign rd_o        = rd_q;
  assign fwd_valid_o = valid_q && we_q;
  assign rf_we_o     = retire_o && we_q;

  always_comb begin
    valid_d  = valid_q;
    pc_d     = pc_q;
    rd_d     = rd_q;
    we_d     = we_q;
    result_d = result_q;
    if (retire_o || lsu_err_i) valid_d = 1'b0;
    if (done_i) begin
      valid_d  = 1'b1;
      pc_d     = pc_i;
      rd_d     = rd_i;
      we_d     = we_i;
      result_d = result_i;
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      valid_q  <= 1'b0;
      pc_q     <= 64'd0;
      rd_q     <= 5'd0;
      we_q     <= 1'b0;
      result_q <= 64'd0;
    end else begin
      valid_q  <= valid_d;
      pc_q     <= pc_d;
      rd_q     <= rd_d;
      we_q     <= we_d;
      result_q <= result_d;
    end
  end

  // ---- assertions (pagoda_assert.svh) ----
  // the LSU reports a response only for an instruction that is here; a new one enters only when
  // the old one leaves
  `ASSERT_NEVER(WbErrEmpty, lsu_err_i && !valid_q)
  `ASSERT_NEVER(WbRetireAndErr, retire_o && lsu_err_i)
  `ASSERT_NEVER(WbOverwrite, done_i && valid_q && !retire_o)
  `ASSERT_NEVER(WbRetireOdd, retire_o && pc_q[0])

endmodule
