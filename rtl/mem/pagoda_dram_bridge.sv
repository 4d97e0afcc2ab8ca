// SPDX-License-Identifier: BSD-2-Clause
// PBUS to LiteDRAM's 128-bit native user port (docs/memory.md). It stands where pagoda_ram does
// (MEM=litedram): port I (instruction fetch, reads) and port D (core data and DMA through the
// crossbar, reads and writes). One transfer at a time, ports taken in turn when both ask: a
// 64-bit PBUS access is one command on the 16-byte DRAM word that holds it (addr[27:4]); a write
// puts its lane in the half that addr[3] selects, with its byte enables, and leaves the other
// half's enables low; a read returns that half. The write's PBUS response comes once LiteDRAM
// has taken the data: the port keeps commands in order per bank, so a later read sees it.
// Nothing is granted before the controller says init_done. Controller and SoC share one clock in
// this step (the crossing is the next one).
module pagoda_dram_bridge #(
  parameter logic [31:0] SIZE = 32'h1000_0000   // bytes, a power of two (256 MiB: 24-bit words)
) (
  input  logic          clk_i,
  input  logic          rst_ni,
  input  logic          init_done_i,
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

  typedef enum logic [1:0] {
    StIdle,    // grant one request (when init_done)
    StCmd,     // command on the native port until taken
    StWdata,   // write data until taken
    StRdata    // wait for the read data
  } state_e;

  state_e        state_q, state_d;
  logic          port_d_q, port_d_d;     // the transfer is port D's (else port I's)
  logic          last_d_q, last_d_d;     // the port served last, for taking turns
  logic          we_q, we_d;
  logic [AW-1:0] word_q, word_d;
  logic          hi_q, hi_d;             // addr[3]: the upper half of the 16-byte word
  logic [7:0]    be_q, be_d;
  logic [63:0]   wdata_q, wdata_d;
  logic          i_rvalid_q, i_rvalid_d, d_rvalid_q, d_rvalid_d;
  logic [63:0]   rdata_q, rdata_d;
  logic          acc_d, acc_i;

  // Turns: when both ask, the one not served last. A port's grant never looks at its own
  // request (the crossbar's request depends on the grant vector: no combinational loop), so it
  // may be high while that port is idle; a transfer is req && gnt, and only one can happen.
  assign d_gnt_o = state_q == StIdle && init_done_i && !(i_req_i && last_d_q);
  assign i_gnt_o = state_q == StIdle && init_done_i && !(d_req_i && !last_d_q);
  assign acc_d   = d_req_i && d_gnt_o;
  assign acc_i   = i_req_i && i_gnt_o;

  always_comb begin
    state_d    = state_q;
    port_d_d   = port_d_q;
    last_d_d   = last_d_q;
    we_d       = we_q;
    word_d     = word_q;
    hi_d       = hi_q;
    be_d       = be_q;
    wdata_d    = wdata_q;
    rdata_d    = rdata_q;
    i_rvalid_d = 1'b0;
    d_rvalid_d = 1'b0;
    unique case (state_q)
      StIdle: begin
        if (acc_i || acc_d) begin
          port_d_d = acc_d;
          last_d_d = acc_d;
          we_d     = acc_d && d_we_i;
          word_d   = acc_d ? d_addr_i[AW+3:4] : i_addr_i[AW+3:4];
          hi_d     = acc_d ? d_addr_i[3] : i_addr_i[3];
          be_d     = d_be_i;
          wdata_d  = d_wdata_i;
          state_d  = StCmd;
        end
      end
      StCmd: begin
        if (cmd_ready_i) state_d = we_q ? StWdata : StRdata;
      end
      StWdata: begin
        if (wdata_ready_i) begin
          d_rvalid_d = 1'b1;   // only port D writes
          state_d    = StIdle;
        end
      end
      StRdata: begin
        if (rdata_valid_i) begin
          rdata_d    = hi_q ? rdata_data_i[127:64] : rdata_data_i[63:0];
          i_rvalid_d = !port_d_q;
          d_rvalid_d = port_d_q;
          state_d    = StIdle;
        end
      end
      default: state_d = StIdle;
    endcase
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      state_q    <= StIdle;
      port_d_q   <= 1'b0;
      last_d_q   <= 1'b0;
      we_q       <= 1'b0;
      word_q     <= '0;
      hi_q       <= 1'b0;
      be_q       <= 8'h0;
      wdata_q    <= 64'h0;
      rdata_q    <= 64'h0;
      i_rvalid_q <= 1'b0;
      d_rvalid_q <= 1'b0;
    end else begin
      state_q    <= state_d;
      port_d_q   <= port_d_d;
      last_d_q   <= last_d_d;
      we_q       <= we_d;
      word_q     <= word_d;
      hi_q       <= hi_d;
      be_q       <= be_d;
      wdata_q    <= wdata_d;
      rdata_q    <= rdata_d;
      i_rvalid_q <= i_rvalid_d;
      d_rvalid_q <= d_rvalid_d;
    end
  end

  assign cmd_valid_o   = state_q == StCmd;
  assign cmd_we_o      = we_q;
  assign cmd_addr_o    = word_q;
  assign wdata_valid_o = state_q == StWdata;
  assign wdata_we_o    = hi_q ? {be_q, 8'h00} : {8'h00, be_q};
  assign wdata_data_o  = {wdata_q, wdata_q};
  assign rdata_ready_o = 1'b1;   // one read at a time: its data is always wanted

  assign i_rvalid_o = i_rvalid_q;
  assign i_rdata_o  = rdata_q;
  assign i_err_o    = 1'b0;
  assign d_rvalid_o = d_rvalid_q;
  assign d_rdata_o  = rdata_q;
  assign d_err_o    = 1'b0;

  // PBUS side: one grant at a time, a response only for a granted transfer, none while idle
  // without one, masters hold their requests
  `ASSERT(DramOneTransfer, !(acc_i && acc_d))
  `ASSERT(DramNoGntBeforeInit, (i_gnt_o || d_gnt_o) -> init_done_i)
  `ASSERT(DramOneResp, !(i_rvalid_o && d_rvalid_o))
  `ASSERT_HELD(DramIReqHeld, i_req_i, i_gnt_o, i_addr_i)
  `ASSERT_HELD(DramDReqHeld, d_req_i, d_gnt_o, {d_addr_i, d_we_i, d_be_i, d_wdata_i})
  `ASSERT(DramBeNonzero, acc_d -> d_be_i != 8'h0)
  // native side: command and write data held until taken, read data only when one is awaited,
  // write data only after a write command
  `ASSERT_HELD(DramCmdHeld, cmd_valid_o, cmd_ready_i, {cmd_we_o, cmd_addr_o})
  `ASSERT_HELD(DramWdataHeld, wdata_valid_o, wdata_ready_i, {wdata_we_o, wdata_data_o})
  `ASSERT(DramRdataExpected, rdata_valid_i -> state_q == StRdata)
  `ASSERT(DramWdataAfterWriteCmd, wdata_valid_o -> we_q)

  // the decoder only sends addresses inside the RAM; the upper bits are its business
  logic unused;
  assign unused = ^{i_addr_i[31:AW+4], i_addr_i[2:0], d_addr_i[31:AW+4], d_addr_i[2:0]};

endmodule
