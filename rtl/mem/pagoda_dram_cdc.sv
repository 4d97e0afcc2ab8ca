// SPDX-License-Identifier: BSD-2-Clause
// The crossing between the SoC clock and LiteDRAM's controller clock on the board
// (fpga/arty-a7, docs/fpga.md): the controller runs at 100 MHz, which its DDR3-800 PHY needs,
// the SoC at its own clock (50 MHz). Everything crosses through asynchronous FIFOs
// (pagoda_cdc_fifo), so the two clocks need no relation:
//   native port: cmd (we, addr) and write data (byte enables, data) to the controller, read
//                data back; the order of each stream is kept, which is all the bridge relies on
//                (a write is answered once its data is in the FIFO: the command ahead of any
//                later read is in the command FIFO already)
//   wb_ctrl:     one Wishbone cycle at a time: the request (we, adr, dat, sel) crosses, a small
//                master on the controller side runs it, the answer (ack or err, dat) crosses back
//   init_done / init_error: levels, through two-flop synchronisers
// Both sides must leave reset together: the board top resets the crossing from one source
// synchronised into each clock (pagoda_rst_sync).
// LiteDRAM's native port has no valid/ready handshake on its data channels (the generated core
// leaves wdata_valid and rdata_ready unconnected), which the crossing must respect:
//   - write data: the controller takes wdata when it runs the write (wdata_ready), whether the
//     data are there or not. Write data therefore move, once crossed, into a small queue in the
//     controller's clock (WSTAGE entries), and a write command goes to the controller only when
//     that queue holds its data: more entries than the writes taken and not yet served
//     (wpend_q). Without this the data, which cross in their own FIFO, could arrive after the
//     controller had asked for them: it wrote whatever was there and every later write got its
//     predecessor's data (the board-level simulation found it: LiteX's memory test failed with a
//     quarter of its words wrong). Up to WSTAGE writes overlap: the controller asks for a
//     write's data ~4 of its cycles after taking the command, so one write at a time (as until
//     2026-12-07) held a stream of writes to about one every 5 controller cycles.
//   - read data: they come when the controller has them, up to one a controller cycle, while the
//     SoC side takes one a SoC cycle at most. The read-data FIFO holds 2**RDATA_AW >= the reads
//     the bridge can have in flight (pagoda_dram_bridge's DEPTH, 8), so it never refuses one.
// The board top asserts both in simulation (DramWdataThere, DramRdataRoom).
`include "pagoda_assert.svh"
module pagoda_dram_cdc #(
  parameter int unsigned RDATA_AW = 3,  // 8 entries: the bridge's transfers in flight
  parameter int unsigned WSTAGE   = 8   // writes whose data wait on the controller side (2^n)
) (
  // SoC side
  input  logic         clk_i,
  input  logic         rst_ni,
  input  logic         cmd_valid_i,
  output logic         cmd_ready_o,
  input  logic         cmd_we_i,
  input  logic [23:0]  cmd_addr_i,
  input  logic         wdata_valid_i,
  output logic         wdata_ready_o,
  input  logic [15:0]  wdata_we_i,
  input  logic [127:0] wdata_data_i,
  output logic         rdata_valid_o,
  input  logic         rdata_ready_i,
  output logic [127:0] rdata_data_o,
  output logic         init_done_o,
  output logic         init_error_o,
  input  logic         wb_cyc_i,
  input  logic         wb_stb_i,
  input  logic         wb_we_i,
  input  logic [29:0]  wb_adr_i,
  input  logic [31:0]  wb_dat_i,
  input  logic [3:0]   wb_sel_i,
  output logic         wb_ack_o,
  output logic         wb_err_o,
  output logic [31:0]  wb_dat_o,
  // controller side
  input  logic         dclk_i,
  input  logic         drst_ni,
  output logic         d_cmd_valid_o,
  input  logic         d_cmd_ready_i,
  output logic         d_cmd_we_o,
  output logic [23:0]  d_cmd_addr_o,
  output logic         d_wdata_valid_o,
  input  logic         d_wdata_ready_i,
  output logic [15:0]  d_wdata_we_o,
  output logic [127:0] d_wdata_data_o,
  input  logic         d_rdata_valid_i,
  output logic         d_rdata_ready_o,
  input  logic [127:0] d_rdata_data_i,
  input  logic         d_init_done_i,
  input  logic         d_init_error_i,
  output logic         d_wb_cyc_o,
  output logic         d_wb_stb_o,
  output logic         d_wb_we_o,
  output logic [29:0]  d_wb_adr_o,
  output logic [31:0]  d_wb_dat_o,
  output logic [3:0]   d_wb_sel_o,
  input  logic         d_wb_ack_i,
  input  logic         d_wb_err_i,
  input  logic [31:0]  d_wb_dat_i
);

  // ---- native port ----
  localparam int unsigned SW = $clog2(WSTAGE) + 1;   // counts 0..WSTAGE
  logic          cmd_head, cmd_go, wdata_head, stage_push, stage_empty;
  logic [SW-1:0] stage_cnt;
  logic [SW-1:0] wpend_q, wpend_d;   // write commands the controller took, their data not yet
  logic [143:0]  wdata_crossed;

  pagoda_cdc_fifo #(.WIDTH(25)) u_cmd (
    .wclk_i (clk_i),  .wrst_ni (rst_ni),
    .wvalid_i (cmd_valid_i), .wready_o (cmd_ready_o), .wdata_i ({cmd_we_i, cmd_addr_i}),
    .rclk_i (dclk_i), .rrst_ni (drst_ni),
    .rvalid_o (cmd_head), .rready_i (d_cmd_ready_i && cmd_go),
    .rdata_o ({d_cmd_we_o, d_cmd_addr_o})
  );

  // a read goes at once; a write when the staged data include its own
  assign cmd_go        = !d_cmd_we_o || (stage_cnt > wpend_q);
  assign d_cmd_valid_o = cmd_head && cmd_go;
  assign wpend_d       = wpend_q + SW'(d_cmd_valid_o && d_cmd_ready_i && d_cmd_we_o)
                                 - SW'(d_wdata_ready_i && !stage_empty);

  always_ff @(posedge dclk_i or negedge drst_ni) begin
    if (!drst_ni) wpend_q <= '0;
    else          wpend_q <= wpend_d;
  end

  pagoda_cdc_fifo #(.WIDTH(144)) u_wdata (
    .wclk_i (clk_i),  .wrst_ni (rst_ni),
    .wvalid_i (wdata_valid_i), .wready_o (wdata_ready_o), .wdata_i ({wdata_we_i, wdata_data_i}),
    .rclk_i (dclk_i), .rrst_ni (drst_ni),
    .rvalid_o (wdata_head), .rready_i (stage_push), .rdata_o (wdata_crossed)
  );

  // the staging queue, in the controller's clock: the controller takes its head
  assign stage_push = wdata_head && stage_cnt != SW'(WSTAGE);
  pgaccel_fifo #(.WIDTH(144), .DEPTH(WSTAGE)) u_wstage (
    .clk_i   (dclk_i),
    .rst_ni  (drst_ni),
    .flush_i (1'b0),
    .push_i  (stage_push),
    .wdata_i (wdata_crossed),
    .pop_i   (d_wdata_ready_i),
    .rdata_o ({d_wdata_we_o, d_wdata_data_o}),
    .empty_o (stage_empty),
    .count_o (stage_cnt)
  );

  pagoda_cdc_fifo #(.WIDTH(128), .AW(RDATA_AW)) u_rdata (
    .wclk_i (dclk_i), .wrst_ni (drst_ni),
    .wvalid_i (d_rdata_valid_i), .wready_o (d_rdata_ready_o), .wdata_i (d_rdata_data_i),
    .rclk_i (clk_i),  .rrst_ni (rst_ni),
    .rvalid_o (rdata_valid_o), .rready_i (rdata_ready_i), .rdata_o (rdata_data_o)
  );

  assign d_wdata_valid_o = !stage_empty;

  // the staged data always include those of every write the controller took and has not served
  `ASSERT(CdcStageCoversPending, stage_cnt >= wpend_q, dclk_i, drst_ni)

  pagoda_sync #(.WIDTH(2)) u_sync_init (
    .clk_i  (clk_i),
    .rst_ni (rst_ni),
    .d_i    ({d_init_error_i, d_init_done_i}),
    .q_o    ({init_error_o, init_done_o})
  );

  // ---- wb_ctrl: SoC side ----
  // sent_q: this cycle's request is in the FIFO; the answer ends it with one ack (or err)
  logic        sent_q, sent_d, req_push, req_ready, rsp_valid, rsp_err;
  logic [31:0] rsp_dat;

  assign req_push = wb_cyc_i && wb_stb_i && !sent_q;
  assign sent_d   = rsp_valid ? 1'b0 : (sent_q || (req_push && req_ready));
  assign wb_ack_o = rsp_valid && !rsp_err;
  assign wb_err_o = rsp_valid && rsp_err;
  assign wb_dat_o = rsp_dat;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) sent_q <= 1'b0;
    else         sent_q <= sent_d;
  end

  // ---- wb_ctrl: controller side ----
  // busy_q: a request is on the controller's bus until it answers
  logic        busy_q, busy_d, dreq_valid, dreq_pop, drsp_push, drsp_ready;

  pagoda_cdc_fifo #(.WIDTH(67)) u_wb_req (
    .wclk_i (clk_i),  .wrst_ni (rst_ni),
    .wvalid_i (req_push), .wready_o (req_ready),
    .wdata_i ({wb_we_i, wb_adr_i, wb_dat_i, wb_sel_i}),
    .rclk_i (dclk_i), .rrst_ni (drst_ni),
    .rvalid_o (dreq_valid), .rready_i (dreq_pop),
    .rdata_o ({d_wb_we_o, d_wb_adr_o, d_wb_dat_o, d_wb_sel_o})
  );

  // The request stays at the FIFO's head while the cycle runs and is popped with its answer.
  assign d_wb_cyc_o = busy_q;
  assign d_wb_stb_o = busy_q;
  assign drsp_push  = busy_q && (d_wb_ack_i || d_wb_err_i);
  assign dreq_pop   = drsp_push;
  assign busy_d     = drsp_push ? 1'b0 : (busy_q || (dreq_valid && drsp_ready));

  always_ff @(posedge dclk_i or negedge drst_ni) begin
    if (!drst_ni) busy_q <= 1'b0;
    else          busy_q <= busy_d;
  end

  pagoda_cdc_fifo #(.WIDTH(33)) u_wb_rsp (
    .wclk_i (dclk_i), .wrst_ni (drst_ni),
    .wvalid_i (drsp_push), .wready_o (drsp_ready), .wdata_i ({d_wb_err_i, d_wb_dat_i}),
    .rclk_i (clk_i),  .rrst_ni (rst_ni),
    .rvalid_o (rsp_valid), .rready_i (1'b1), .rdata_o ({rsp_err, rsp_dat})
  );

endmodule
