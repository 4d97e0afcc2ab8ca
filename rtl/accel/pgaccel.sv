// SPDX-License-Identifier: BSD-2-Clause
// pgaccel: free-bitmap scanner and block zero/fill engine (docs/pgaccel.md).
//
// Software writes a command into the staging registers and posts it into a small command queue;
// the engine runs queued commands in order on its own PBUS master port (FILL of whole 16-byte
// words on the wide write port instead when WIDE_WR: docs/pgaccel.md) and pushes one completion
// (tag, error code, result) per command into the completion queue, which software reads from the
// COMP register. irq_o is a level to PLIC source 11: a completion is waiting (or a post was
// rejected), each gated by its enable.
module pgaccel #(
  parameter logic [31:0] RAM_BASE  = pgaccel_pkg::PAGODA_RAM_BASE,  // the SoC's (rtl/regs)
  parameter logic [31:0] RAM_SIZE  = pgaccel_pkg::PAGODA_RAM_SIZE,
  parameter int unsigned WIN_SHIFT = 12,  // DMA window granularity, 2^WIN_SHIFT bytes (3..31)
  parameter int unsigned QDEPTH    = 4,   // command slots (power of two)
  parameter int unsigned RDEPTH    = 4,   // SCAN read buffer (power of two)
  parameter int unsigned WR_MAXOUT = 7,   // outstanding DMA writes (1..15)
  parameter int unsigned CNT_W     = 40,  // performance counter width (<= 61)
  parameter bit          WIDE_WR   = 1'b0 // the wide write port is connected (a DRAM bridge's)
) (
  input  logic        clk_i,
  input  logic        rst_ni,
  // register port: PBUS slave (docs/bus.md), mapped at 0x1100_0000, 4 KiB
  input  logic        reg_req_i,
  output logic        reg_gnt_o,
  input  logic [31:0] reg_addr_i,
  input  logic        reg_we_i,
  input  logic [7:0]  reg_be_i,
  input  logic [63:0] reg_wdata_i,
  output logic        reg_rvalid_o,
  output logic [63:0] reg_rdata_o,
  output logic        reg_err_o,
  // DMA port: PBUS master
  output logic        dma_req_o,
  input  logic        dma_gnt_i,
  output logic [31:0] dma_addr_o,
  output logic        dma_we_o,
  output logic [7:0]  dma_be_o,
  output logic [63:0] dma_wdata_o,
  input  logic        dma_rvalid_i,
  input  logic [63:0] dma_rdata_i,
  input  logic        dma_err_i,
  // wide write port: one 16-byte word a request, wide_data_o in both halves (unused, its
  // request never raised, unless WIDE_WR)
  output logic        wide_req_o,
  input  logic        wide_gnt_i,
  output logic [31:0] wide_addr_o,
  output logic [63:0] wide_data_o,
  input  logic        wide_rvalid_i,
  input  logic        wide_err_i,
  // interrupt: level, to PLIC source 11
  output logic        irq_o
);

  localparam int unsigned QW = $clog2(QDEPTH);

  logic              cmd_push, cmd_pop, cmd_empty;
  pgaccel_pkg::cmd_t  cmd_in, cmd_head;
  logic              comp_push, comp_pop, comp_empty;
  pgaccel_pkg::comp_t comp_in, comp_head;
  logic [QW:0]       comp_cnt, cmd_cnt;
  logic              ev_busy, ev_word, ev_op;
  logic [1:0]        ev_lanes;
  logic [31:0]       win_base;
  logic [32:0]       win_end;
  /* verilator lint_off UNUSEDSIGNAL */  // read only by the formal checks (FORMAL_WINDOW below)
  logic              win_lock;
  /* verilator lint_on UNUSEDSIGNAL */

  pgaccel_regs #(
    .RAM_BASE  (RAM_BASE),
    .RAM_SIZE  (RAM_SIZE),
    .WIN_SHIFT (WIN_SHIFT),
    .QDEPTH    (QDEPTH),
    .RDEPTH    (RDEPTH),
    .CNT_W     (CNT_W)
  ) u_regs (
    .clk_i,
    .rst_ni,
    .reg_req_i,
    .reg_gnt_o,
    .reg_addr_i,
    .reg_we_i,
    .reg_be_i,
    .reg_wdata_i,
    .reg_rvalid_o,
    .reg_rdata_o,
    .reg_err_o,
    .cmd_push_o   (cmd_push),
    .cmd_o        (cmd_in),
    .comp_valid_i (!comp_empty),
    .comp_i       (comp_head),
    .comp_cnt_i   (comp_cnt),
    .cmd_cnt_i    (cmd_cnt),
    .comp_pop_o   (comp_pop),
    .busy_i       (ev_busy || !cmd_empty),
    .ev_busy_i    (ev_busy),
    .ev_lanes_i   (ev_lanes),
    .ev_word_i    (ev_word),
    .ev_op_i      (ev_op),
    .irq_o,
    .win_base_o   (win_base),
    .win_end_o    (win_end),
    .win_lock_o   (win_lock)
  );

  pgaccel_fifo #(
    .WIDTH (pgaccel_pkg::CMD_W),
    .DEPTH (QDEPTH)
  ) u_cmdq (
    .clk_i,
    .rst_ni,
    .flush_i (1'b0),
    .push_i  (cmd_push),
    .wdata_i (cmd_in),
    .pop_i   (cmd_pop),
    .rdata_o (cmd_head),
    .empty_o (cmd_empty),
    .count_o (cmd_cnt)
  );

  pgaccel_engine #(
    .RAM_BASE  (RAM_BASE),
    .RAM_SIZE  (RAM_SIZE),
    .WR_MAXOUT (WR_MAXOUT),
    .RDEPTH    (RDEPTH),
    .WIDE_WR   (WIDE_WR)
  ) u_engine (
    .clk_i,
    .rst_ni,
    .cmd_valid_i  (!cmd_empty),
    .cmd_i        (cmd_head),
    .cmd_pop_o    (cmd_pop),
    .comp_push_o  (comp_push),
    .comp_o       (comp_in),
    .dma_req_o,
    .dma_gnt_i,
    .dma_addr_o,
    .dma_we_o,
    .dma_be_o,
    .dma_wdata_o,
    .dma_rvalid_i,
    .dma_rdata_i,
    .dma_err_i,
    .wide_req_o,
    .wide_gnt_i,
    .wide_addr_o,
    .wide_data_o,
    .wide_rvalid_i,
    .wide_err_i,
    .win_base_i   (win_base),
    .win_end_i    (win_end),
    .ev_busy_o    (ev_busy),
    .ev_lanes_o   (ev_lanes),
    .ev_word_o    (ev_word),
    .ev_op_o      (ev_op)
  );

  pgaccel_fifo #(
    .WIDTH (pgaccel_pkg::COMP_W),
    .DEPTH (QDEPTH)
  ) u_compq (
    .clk_i,
    .rst_ni,
    .flush_i (1'b0),
    .push_i  (comp_push),
    .wdata_i (comp_in),
    .pop_i   (comp_pop),
    .rdata_o (comp_head),
    .empty_o (comp_empty),
    .count_o (comp_cnt)
  );

`ifdef FORMAL
  // The engine works only on the command at the head of its queue, and its completion always
  // finds room (checked by tests/accel/formal).
  always_comb begin
    if (rst_ni) begin
      if (ev_busy) assert (!cmd_empty);
      if (comp_push) assert (comp_cnt < (QW+1)'(QDEPTH));
    end
  end
`endif

`ifdef FORMAL_WINDOW
  // DMA window (tests/accel/formal check "window"): no DMA request, read or write, ever lies
  // outside the window, locked or not; while a command is queued or running the window does not
  // change; once locked it never changes again (until reset).
  logic        f_prev_valid = 1'b0, f_prev_lock = 1'b0, f_prev_busy = 1'b0;
  logic [31:0] f_prev_base = '0;
  logic [32:0] f_prev_end = '0;
  always_ff @(posedge clk_i) begin
    f_prev_valid <= rst_ni;
    f_prev_lock  <= win_lock;
    f_prev_busy  <= ev_busy || !cmd_empty;
    f_prev_base  <= win_base;
    f_prev_end   <= win_end;
  end
  always_comb begin
    if (rst_ni) begin
      if (dma_req_o) begin
        assert ({1'b0, dma_addr_o} >= {1'b0, win_base} && {1'b0, dma_addr_o} + 33'd8 <= win_end);
      end
      if (dma_req_o && dma_we_o && win_lock) begin
        assert ({1'b0, dma_addr_o} >= {1'b0, win_base} && {1'b0, dma_addr_o} + 33'd8 <= win_end);
      end
      if (wide_req_o) begin
        assert ({1'b0, wide_addr_o} >= {1'b0, win_base} && {1'b0, wide_addr_o} + 33'd16 <= win_end);
      end
      if (f_prev_valid && (f_prev_lock || f_prev_busy)) begin
        assert (win_base == f_prev_base && win_end == f_prev_end);
      end
      if (f_prev_valid && f_prev_lock) assert (win_lock);
    end
  end
`endif

endmodule
