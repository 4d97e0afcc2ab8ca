// SPDX-License-Identifier: BSD-2-Clause
// Formal harness for pgaccel's SCAN function, the engine alone (run.sh, checks scanfn-bmcN and
// scanfn-ind).
//
// The whole-accelerator harness (pgaccel_formal.sv) proves the engine's environment: the command at
// the head of the queue stays unchanged from the cycle the engine starts it until it pops it
// (pgaccel.sv, pgaccel_fifo.sv), and the read buffer hands words out unchanged and in order. Here
// the engine's own interface is driven through those facts as assumptions, without the register
// block and the queues, so that the state is small enough for k-induction to prove the SCAN
// function of pgaccel_engine.sv (FORMAL_SCAN_FN, labels f_scanfn_*) for every bitmap:
//   - reset in the first cycle, never again;
//   - cmd_i is any command (every field free: opcode, address, length, start, run length,
//     alignment, polarity, tag; valid or not, the engine's checks decide), held while the engine
//     is busy; the DMA window is free;
//   - the DMA slave is the engine's own assumption (granted requests answered in order, fair);
//     read data and err are free, except that the read buffer's head agrees with the symbolic
//     bitmap bit when it holds that bit's word (FORMAL_SCAN_FN).
// The engine's parameters are those of pgaccel_formal.sv (a 64-byte RAM: bitmaps of up to 512 bits,
// 8 words; a two-word read buffer; three outstanding writes), so that its other assertions, proven
// there, may serve as constraints here.
module pgaccel_scan_formal (
  input logic                          clk_i,
  input logic                          rst_ni,
  input logic                          cmd_valid_i,
  input pgaccel_pkg::cmd_t             cmd_i,
  input logic                          dma_gnt_i,
  input logic                          dma_rvalid_i,
  input logic [63:0]                   dma_rdata_i,
  input logic                          dma_err_i,
  input logic                          wide_gnt_i,
  input logic                          wide_rvalid_i,
  input logic                          wide_err_i,
  input logic [31:0]                   win_base_i,
  input logic [32:0]                   win_end_i
);
  logic                          cmd_pop_o, comp_push_o;
  pgaccel_pkg::comp_t            comp_o;
  logic                          dma_req_o, dma_we_o;
  logic [31:0]                   dma_addr_o;
  logic [7:0]                    dma_be_o;
  logic [63:0]                   dma_wdata_o;
  logic                          ev_busy_o, ev_word_o, ev_op_o;
  logic [1:0]                    ev_lanes_o;
  logic                          wide_req_o;
  logic [31:0]                   wide_addr_o;
  logic [63:0]                   wide_data_o;

  pgaccel_engine #(
    .RAM_BASE  (32'h8000_0000),
    .RAM_SIZE  (32'h0000_0040),
    .WR_MAXOUT (3),
    .RDEPTH    (2),
    .WIDE_WR   (1'b1)   // as the whole-accelerator harness, whose proofs are constraints here
  ) dut (
    .clk_i, .rst_ni,
    .cmd_valid_i, .cmd_i, .cmd_pop_o, .comp_push_o, .comp_o,
    .dma_req_o, .dma_gnt_i, .dma_addr_o, .dma_we_o, .dma_be_o, .dma_wdata_o,
    .dma_rvalid_i, .dma_rdata_i, .dma_err_i,
    .wide_req_o, .wide_gnt_i, .wide_addr_o, .wide_data_o, .wide_rvalid_i, .wide_err_i,
    .win_base_i, .win_end_i,
    .ev_busy_o, .ev_lanes_o, .ev_word_o, .ev_op_o
  );

  logic                          f_init = 1'b1;
  pgaccel_pkg::cmd_t             f_cmd_q = '0;
  always @(posedge clk_i) begin
    f_init    <= 1'b0;
    f_cmd_q   <= cmd_i;
  end

  // ev_busy_o is "the engine is not idle": it started the command of the cycle before and keeps
  // it (the queue's head) until the pop in its DONE cycle.
  always @(*) begin
    assume (rst_ni == !f_init);
    if (f_init) assume (!dma_rvalid_i && !wide_rvalid_i);
    if (!f_init && ev_busy_o) begin
      assume (cmd_valid_i && cmd_i == f_cmd_q);
    end
  end

endmodule
