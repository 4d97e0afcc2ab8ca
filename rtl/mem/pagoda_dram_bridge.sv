// SPDX-License-Identifier: BSD-2-Clause
// PBUS to LiteDRAM's 128-bit native user port (docs/memory.md). It stands where pagoda_ram does
// (MEM=litedram): port I (instruction fetch, reads), port D (core data and DMA through the
// crossbar, reads and writes) and port W (pgaccel's wide write port: FILL of whole 16-byte
// words). A 64-bit PBUS access is one command on the 16-byte DRAM word that holds it
// (addr[27:4]); a write puts its lane in the half that addr[3] selects, with its byte enables,
// and leaves the other half's enables low; a read returns that half. A W request is one write
// command of the whole word, its 8-byte datum in both halves.
//
// Up to DEPTH transfers are in flight: a request is granted whenever a slot is free (ports taken
// in turn when both ask), its command queued for the native port, a write's data queued for the
// port's write-data channel. LiteDRAM takes commands into its bank machines' buffers
// (cmd_buffer_depth) and keeps a port's commands in order: its crossbar locks a port to one bank
// until that bank's commands are done, so read data come back in command order and a write's
// data is taken before any later command of the port runs. Responses leave in the order the
// requests were granted (one FIFO of tags for both ports, so each port's are in its own order as
// PBUS requires): a read when its data has come, a write when LiteDRAM has taken its data. A read
// datum or write completion that comes while an older transfer is still unanswered waits in a
// queue. Nothing is granted while open_i is low (the SoC holds it low until the DRAM is usable).
// Controller and SoC share one clock in this step (the crossing is the next one).
`include "pagoda_assert.svh"
module pagoda_dram_bridge #(
  parameter logic [31:0] SIZE  = pagoda_pkg::RAM_SIZE,  // bytes, a power of two (256 MiB: 24-bit words)
  parameter int unsigned DEPTH = 8                 // transfers in flight, a power of two
) (
  input  logic          clk_i,
  input  logic          rst_ni,
  input  logic          open_i,        // grant nothing while low
  // port I
  input  logic          i_req_i,
  output logic          i_gnt_o,
  input  logic [31:0]   i_addr_i,
  output logic          i_rvalid_o,
  output logic [63:0]   i_rdata_o,
  output logic          i_err_o,
  // port D
  input  logic          d_req_i,
  output logic          d_gnt_o,
  input  logic [31:0]   d_addr_i,
  input  logic          d_we_i,
  input  logic [7:0]    d_be_i,
  input  logic [63:0]   d_wdata_i,
  output logic          d_rvalid_o,
  output logic [63:0]   d_rdata_o,
  output logic          d_err_o,
  // port W: whole 16-byte words, w_data_i in both halves (tie w_req_i low where unused)
  input  logic          w_req_i,
  output logic          w_gnt_o,
  input  logic [31:0]   w_addr_i,
  input  logic [63:0]   w_data_i,
  output logic          w_rvalid_o,
  output logic          w_err_o,
  // LiteDRAM native port
  output logic          cmd_valid_o,
  input  logic          cmd_ready_i,
  output logic          cmd_we_o,
  output logic [AW-1:0] cmd_addr_o,
  output logic          wdata_valid_o,
  input  logic          wdata_ready_i,
  output logic [15:0]   wdata_we_o,
  output logic [127:0]  wdata_data_o,
  input  logic          rdata_valid_i,
  output logic          rdata_ready_o,
  input  logic [127:0]  rdata_data_i
);

  localparam int unsigned AW = $clog2(SIZE) - 4;   // 16-byte word address
  localparam int unsigned CW = $clog2(DEPTH) + 1;  // counts 0..DEPTH

  typedef enum logic [1:0] {DramPortI, DramPortD, DramPortW} pagoda_dram_port_e;

  // ---------------------------------------------------------------- grant
  // Turns: port D goes first, except when D was served while I or W asked: such a port has a
  // turn and goes before D until it is served (it still asks: PBUS masters hold a request until
  // it is granted; cycles in which nobody is served keep the turns). Between I and W (both with
  // a turn, or neither and D not asking) the one not served last goes first (pick_i_q). So when
  // all keep asking they go D, I, W, D, W, I, ... and no port waits through more than two
  // grants of the others.
  // A port's grant never looks at its own request (the crossbar's request depends on the grant
  // vector), so it may be high while that port is idle; a transfer is req && gnt, and only one
  // can happen. D's grant looks at no request at all, only at registered state: port I's
  // request comes from the fetch unit, whose address follows the core's redirect, which follows
  // the data port's grant; a D grant from I's request of the same cycle closed that loop.
  logic          i_turn_q, i_turn_d;     // D was served while I asked, and I has not been since
  logic          w_turn_q, w_turn_d;     // the same for W
  logic          pick_i_q, pick_i_d;     // between I and W, I goes first (W was served last)
  logic          acc_d, acc_i, acc_w, acc, room, turns;

  logic [CW-1:0] tag_count;

  assign room     = open_i && (tag_count != CW'(DEPTH));
  assign turns    = i_turn_q || w_turn_q;
  assign d_gnt_o  = room && !turns;
  assign i_gnt_o  = room && (turns ? i_turn_q && (!w_turn_q || pick_i_q) :
                                     !d_req_i && (pick_i_q || !w_req_i));
  assign w_gnt_o  = room && (turns ? w_turn_q && (!i_turn_q || !pick_i_q) :
                                     !d_req_i && (!pick_i_q || !i_req_i));
  assign acc_d    = d_req_i && d_gnt_o;
  assign acc_i    = i_req_i && i_gnt_o;
  assign acc_w    = w_req_i && w_gnt_o;
  assign acc      = acc_i || acc_d || acc_w;
  assign i_turn_d = i_req_i && (acc_d || (i_turn_q && !acc_i));
  assign w_turn_d = w_req_i && (acc_d || (w_turn_q && !acc_w));
  assign pick_i_d = acc_w || (pick_i_q && !acc_i);

  // ---------------------------------------------------------------- queues
  // tags: one per transfer in flight, in grant order, until its response leaves
  pagoda_dram_port_e tag_port;
  logic [1:0]    tag_port_raw;
  logic          tag_we, tag_hi, tag_empty, tag_pop;
  // commands not yet taken by the native port
  logic          cmd_empty;
  logic [CW-1:0] cmd_count;
  // write data not yet taken (in command order, as LiteDRAM takes it)
  logic          wq_empty;
  logic [CW-1:0] wq_count;
  logic [15:0]   wq_be;
  logic [63:0]   wq_data;
  // read data that came before their turn to answer
  logic          rq_empty, rq_pop;
  logic [CW-1:0] rq_count;
  logic [127:0]  rq_data;

  // what is granted this cycle (one port at most)
  pagoda_dram_port_e acc_port;
  logic          acc_we;
  logic [31:0]   acc_addr;
  logic [15:0]   acc_be;
  logic [63:0]   acc_data;
  always_comb begin
    acc_port = acc_w ? DramPortW : acc_d ? DramPortD : DramPortI;
    acc_we   = acc_w || (acc_d && d_we_i);
    acc_addr = acc_w ? w_addr_i : acc_d ? d_addr_i : i_addr_i;
    acc_be   = acc_w ? 16'hffff : d_addr_i[3] ? {d_be_i, 8'h00} : {8'h00, d_be_i};
    acc_data = acc_w ? w_data_i : d_wdata_i;
  end

  pgaccel_fifo #(.WIDTH(4), .DEPTH(DEPTH)) u_tags (
    .clk_i   (clk_i),
    .rst_ni  (rst_ni),
    .flush_i (1'b0),
    .push_i  (acc),
    .wdata_i ({acc_port, acc_we, acc_addr[3]}),
    .pop_i   (tag_pop),
    .rdata_o ({tag_port_raw, tag_we, tag_hi}),
    .empty_o (tag_empty),
    .count_o (tag_count)
  );

  pgaccel_fifo #(.WIDTH(1 + AW), .DEPTH(DEPTH)) u_cmds (
    .clk_i   (clk_i),
    .rst_ni  (rst_ni),
    .flush_i (1'b0),
    .push_i  (acc),
    .wdata_i ({acc_we, acc_addr[AW+3:4]}),
    .pop_i   (cmd_valid_o && cmd_ready_i),
    .rdata_o ({cmd_we_o, cmd_addr_o}),
    .empty_o (cmd_empty),
    .count_o (cmd_count)
  );

  pgaccel_fifo #(.WIDTH(80), .DEPTH(DEPTH)) u_wdata (
    .clk_i   (clk_i),
    .rst_ni  (rst_ni),
    .flush_i (1'b0),
    .push_i  (acc_we),
    .wdata_i ({acc_be, acc_data}),
    .pop_i   (wdata_ready_i && !wq_empty),
    .rdata_o ({wq_be, wq_data}),
    .empty_o (wq_empty),
    .count_o (wq_count)
  );

  assign tag_port = pagoda_dram_port_e'(tag_port_raw);

  // ---------------------------------------------------------------- native port
  assign cmd_valid_o   = !cmd_empty;
  // LiteDRAM takes write data when it asserts ready (without looking at valid), in command
  // order; the head of the queue is the oldest write's, there since its grant
  assign wdata_valid_o = !wq_empty;
  assign wdata_we_o    = wq_be;
  assign wdata_data_o  = {wq_data, wq_data};
  assign rdata_ready_o = 1'b1;   // the read queue has a place for every read in flight

  // ---------------------------------------------------------------- responses, in grant order
  // A write is answered once its data and its command have both been taken. LiteDRAM's own port
  // takes the data after the command; on a board the port is pagoda_dram_cdc's, whose write-data
  // FIFO takes them as soon as it has room, possibly before the command: answering then freed
  // the write's slot while its command still sat in u_cmds, and with the crossbar's 8 requests
  // in flight the command queue could be pushed past its depth (board-sim, DramQueuesBounded).
  logic [CW-1:0] wdone_q, wdone_d;      // writes whose data was taken, not yet answered
  logic [CW-1:0] wcmd_q, wcmd_d;        // writes whose command was taken, not yet answered
  logic          wcmd_take;
  logic          rd_avail, wr_avail, rq_push;
  logic [127:0]  rd_word;
  logic          i_rvalid_q, i_rvalid_d, d_rvalid_q, d_rvalid_d, w_rvalid_q, w_rvalid_d;
  logic [63:0]   rdata_q, rdata_d;

  // a completion that arrives this cycle answers at once if it is the oldest's
  assign rd_avail = !rq_empty || rdata_valid_i;
  assign rd_word  = !rq_empty ? rq_data : rdata_data_i;
  assign wcmd_take = cmd_valid_o && cmd_ready_i && cmd_we_o;
  assign wr_avail  = ((wdone_q != '0) || (wdata_ready_i && !wq_empty)) &&
                     ((wcmd_q != '0) || wcmd_take);
  assign tag_pop  = !tag_empty && (tag_we ? wr_avail : rd_avail);
  assign rq_pop   = tag_pop && !tag_we && !rq_empty;
  assign rq_push  = rdata_valid_i && !(tag_pop && !tag_we && rq_empty);

  pgaccel_fifo #(.WIDTH(128), .DEPTH(DEPTH)) u_rdata (
    .clk_i   (clk_i),
    .rst_ni  (rst_ni),
    .flush_i (1'b0),
    .push_i  (rq_push),
    .wdata_i (rdata_data_i),
    .pop_i   (rq_pop),
    .rdata_o (rq_data),
    .empty_o (rq_empty),
    .count_o (rq_count)
  );

  always_comb begin
    wdone_d = wdone_q + CW'(wdata_ready_i && !wq_empty) - CW'(tag_pop && tag_we);
    wcmd_d  = wcmd_q + CW'(wcmd_take) - CW'(tag_pop && tag_we);
    i_rvalid_d = tag_pop && tag_port == DramPortI;
    d_rvalid_d = tag_pop && tag_port == DramPortD;
    w_rvalid_d = tag_pop && tag_port == DramPortW;
    rdata_d    = rdata_q;
    if (tag_pop && !tag_we) rdata_d = tag_hi ? rd_word[127:64] : rd_word[63:0];
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      i_turn_q   <= 1'b0;
      w_turn_q   <= 1'b0;
      pick_i_q   <= 1'b0;
      wdone_q    <= '0;
      wcmd_q     <= '0;
      rdata_q    <= 64'h0;
      i_rvalid_q <= 1'b0;
      d_rvalid_q <= 1'b0;
      w_rvalid_q <= 1'b0;
    end else begin
      i_turn_q   <= i_turn_d;
      w_turn_q   <= w_turn_d;
      pick_i_q   <= pick_i_d;
      wdone_q    <= wdone_d;
      wcmd_q     <= wcmd_d;
      rdata_q    <= rdata_d;
      i_rvalid_q <= i_rvalid_d;
      d_rvalid_q <= d_rvalid_d;
      w_rvalid_q <= w_rvalid_d;
    end
  end

  assign i_rvalid_o = i_rvalid_q;
  assign i_rdata_o  = rdata_q;
  assign i_err_o    = 1'b0;
  assign d_rvalid_o = d_rvalid_q;
  assign d_rdata_o  = rdata_q;
  assign d_err_o    = 1'b0;
  assign w_rvalid_o = w_rvalid_q;
  assign w_err_o    = 1'b0;

  // ---------------------------------------------------------------- assertions
  // In flight: a read answered is one that was granted and whose command LiteDRAM took; so is a
  // write whose data it took. Counts: tags = commands not yet taken + commands taken and not yet
  // answered, so tags >= commands queued, >= write data queued, >= read data queued.
  logic [CW-1:0] reads_taken_q, reads_taken_d;   // read commands taken, not yet answered
  logic [CW-1:0] writes_taken_q, writes_taken_d; // write commands taken, data not yet taken
  assign reads_taken_d  = reads_taken_q + CW'(cmd_valid_o && cmd_ready_i && !cmd_we_o) -
                          CW'(rdata_valid_i);
  assign writes_taken_d = writes_taken_q + CW'(cmd_valid_o && cmd_ready_i && cmd_we_o) -
                          CW'(wdata_ready_i && !wq_empty);
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      reads_taken_q  <= '0;
      writes_taken_q <= '0;
    end else begin
      reads_taken_q  <= reads_taken_d;
      writes_taken_q <= writes_taken_d;
    end
  end

  // PBUS side: one grant at a time, no grant without a free slot or before init, one response
  // a cycle, masters hold their requests
  `ASSERT(DramOneTransfer, 2'(acc_i) + 2'(acc_d) + 2'(acc_w) <= 2'd1)
  `ASSERT(DramNoGntWhileClosed, (i_gnt_o || d_gnt_o || w_gnt_o) -> open_i)
  `ASSERT(DramNoGntWhenFull, acc -> tag_count < CW'(DEPTH))
  `ASSERT(DramOneResp, 2'(i_rvalid_o) + 2'(d_rvalid_o) + 2'(w_rvalid_o) <= 2'd1)
  `ASSERT_HELD(DramIReqHeld, i_req_i, i_gnt_o, i_addr_i)
  `ASSERT_HELD(DramDReqHeld, d_req_i, d_gnt_o, {d_addr_i, d_we_i, d_be_i, d_wdata_i})
  `ASSERT_HELD(DramWReqHeld, w_req_i, w_gnt_o, {w_addr_i, w_data_i})
  `ASSERT(DramBeNonzero, acc_d -> d_be_i != 8'h0)
  `ASSERT(DramWAligned, acc_w -> w_addr_i[3:0] == 4'h0)
  // native side: commands held until taken; read data only for a read command taken and not
  // yet answered, write data taken only for a write command taken (LiteDRAM keeps the order)
  `ASSERT_HELD(DramCmdHeld, cmd_valid_o, cmd_ready_i, {cmd_we_o, cmd_addr_o})
  `ASSERT(DramRdataExpected, rdata_valid_i -> reads_taken_q != '0)
`ifndef PAGODA_DRAM_PORTS
  // LiteDRAM's own port asks for write data only for a write command it took; on a board
  // (PAGODA_DRAM_PORTS) the port meets pagoda_dram_cdc's FIFO instead, ready whenever it has
  // room, which the bridge handles the same (data go when queued and taken, in order)
  `ASSERT(DramWdataAfterWriteCmd, (wdata_ready_i && !wq_empty) -> writes_taken_q != '0)
  `ASSERT(DramWdataThere, wdata_ready_i -> !wq_empty)
`endif
  // queues never overflow: every queued item belongs to a transfer in flight
  `ASSERT(DramQueuesBounded, cmd_count <= tag_count && wq_count <= tag_count &&
                             rq_count <= tag_count && wdone_q <= tag_count &&
                             wcmd_q <= tag_count)
  `ASSERT(DramRqNoOverflow, rq_push -> rq_count != CW'(DEPTH))
  // a read datum always has its transfer's tag
  `ASSERT(DramRdataHasTag, rdata_valid_i -> !tag_empty)

  // the decoder only sends addresses inside the RAM; the upper bits are its business
  logic unused;
  assign unused = ^{acc_addr[31:AW+4], acc_addr[2:0]};

endmodule
