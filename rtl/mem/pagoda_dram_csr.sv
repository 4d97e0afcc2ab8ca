// SPDX-License-Identifier: BSD-2-Clause
// LiteDRAM's CSRs on PBUS (docs/memory.md, rtl/regs/dramctrl.rdl): a PBUS slave for the
// DRAMCTRL window that drives the controller's control Wishbone (wb_ctrl: 32-bit data, word
// address), so that software (the serial-boot ROM's liblitedram sdram_init) reaches every CSR.
// A PBUS access is one Wishbone cycle on the 32-bit half of its lane that its byte enables name
// (addr[2] is the word's place in the lane); one that enables bytes of both halves (a 64-bit
// access: LiteX CSRs are 32-bit) is answered err with no cycle. One access at a time: the grant
// is low while a cycle runs (it never looks at the request), and the answer leaves the cycle after
// ack or err.
// HW_INIT: pagoda_dram_init first writes init_done (a simulation that preloads RAM and runs no
// calibration); PBUS is granted once its cycle is over. Without it (the serial-boot ROM, which
// calibrates) wb_ctrl is PBUS's alone.
`include "pagoda_assert.svh"
module pagoda_dram_csr #(
  parameter logic [31:0] WINDOW  = 32'h1_0000,   // bytes the decoder gives the window (a power of 2)
  parameter bit          HW_INIT = 1'b1
) (
  input  logic        clk_i,
  input  logic        rst_ni,
  input  logic        init_done_i,   // the controller's (for pagoda_dram_init)
  // PBUS slave
  input  logic        req_i,
  output logic        gnt_o,
  input  logic [31:0] addr_i,
  input  logic        we_i,
  input  logic [7:0]  be_i,
  input  logic [63:0] wdata_i,
  output logic        rvalid_o,
  output logic [63:0] rdata_o,
  output logic        err_o,
  // wb_ctrl master
  output logic        wb_cyc_o,
  output logic        wb_stb_o,
  output logic        wb_we_o,
  output logic [29:0] wb_adr_o,
  output logic [31:0] wb_dat_o,
  output logic [3:0]  wb_sel_o,
  input  logic        wb_ack_i,
  input  logic        wb_err_i,
  input  logic [31:0] wb_dat_i
);

  localparam int unsigned WA = $clog2(WINDOW);   // byte-offset bits of the window

  // ---------------------------------------------------------------- pagoda_dram_init
  logic        init_cyc, init_stb, init_we;
  logic [29:0] init_adr;
  logic [31:0] init_dat;
  logic [3:0]  init_sel;
  if (HW_INIT) begin : g_init
    pagoda_dram_init u_init (
      .clk_i       (clk_i),
      .rst_ni      (rst_ni),
      .init_done_i (init_done_i),
      .wb_cyc_o    (init_cyc),
      .wb_stb_o    (init_stb),
      .wb_we_o     (init_we),
      .wb_adr_o    (init_adr),
      .wb_dat_o    (init_dat),
      .wb_sel_o    (init_sel),
      .wb_ack_i    (wb_ack_i && init_cyc),
      .wb_err_i    (wb_err_i && init_cyc)
    );
  end else begin : g_no_init
    assign init_cyc = 1'b0;
    assign init_stb = 1'b0;
    assign init_we  = 1'b0;
    assign init_adr = '0;
    assign init_dat = '0;
    assign init_sel = '0;
    logic unused_init;
    assign unused_init = init_done_i;
  end

  // ---------------------------------------------------------------- PBUS to Wishbone
  logic        busy_q, busy_d;         // a Wishbone cycle of ours runs
  logic        we_q, we_d;
  logic [29:0] adr_q, adr_d;
  logic [31:0] dat_q, dat_d;
  logic [3:0]  sel_q, sel_d;
  logic        rvalid_q, rvalid_d, err_q, err_d;
  logic [31:0] rdata_q, rdata_d;
  logic        acc, lo, hi, ends;

  assign gnt_o = !busy_q && !init_cyc;
  assign acc   = req_i && gnt_o;
  assign lo    = be_i[3:0] != 4'h0;
  assign hi    = be_i[7:4] != 4'h0;
  assign ends  = busy_q && (wb_ack_i || wb_err_i);

  always_comb begin
    busy_d   = busy_q;
    we_d     = we_q;
    adr_d    = adr_q;
    dat_d    = dat_q;
    sel_d    = sel_q;
    rvalid_d = 1'b0;
    err_d    = 1'b0;
    rdata_d  = rdata_q;
    if (acc) begin
      if (lo && hi) begin
        rvalid_d = 1'b1;   // a 64-bit access: no such CSR
        err_d    = 1'b1;
      end else begin
        busy_d = 1'b1;
        we_d   = we_i;
        adr_d  = 30'({addr_i[WA-1:3], hi});
        dat_d  = hi ? wdata_i[63:32] : wdata_i[31:0];
        sel_d  = hi ? be_i[7:4] : be_i[3:0];
      end
    end
    if (ends) begin
      busy_d   = 1'b0;
      rvalid_d = 1'b1;
      err_d    = wb_err_i;
      rdata_d  = wb_dat_i;
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      busy_q   <= 1'b0;
      we_q     <= 1'b0;
      adr_q    <= '0;
      dat_q    <= '0;
      sel_q    <= '0;
      rvalid_q <= 1'b0;
      err_q    <= 1'b0;
      rdata_q  <= '0;
    end else begin
      busy_q   <= busy_d;
      we_q     <= we_d;
      adr_q    <= adr_d;
      dat_q    <= dat_d;
      sel_q    <= sel_d;
      rvalid_q <= rvalid_d;
      err_q    <= err_d;
      rdata_q  <= rdata_d;
    end
  end

  assign rvalid_o = rvalid_q;
  assign err_o    = err_q;
  // the word in both halves: the lane's reader takes the half it asked for
  assign rdata_o  = {rdata_q, rdata_q};

  // the bus: pagoda_dram_init's one cycle after reset, then ours
  assign wb_cyc_o = init_cyc ? 1'b1     : busy_q;
  assign wb_stb_o = init_cyc ? init_stb : busy_q;
  assign wb_we_o  = init_cyc ? init_we  : we_q;
  assign wb_adr_o = init_cyc ? init_adr : adr_q;
  assign wb_dat_o = init_cyc ? init_dat : dat_q;
  assign wb_sel_o = init_cyc ? init_sel : sel_q;

  // ---------------------------------------------------------------- assertions
  `ASSERT(DramCsrOneOwner, !(init_cyc && busy_q))
  `ASSERT(DramCsrBeNonzero, acc -> be_i != 8'h0)
  `ASSERT(DramCsrNoAckIdle, (wb_ack_i || wb_err_i) -> (busy_q || init_cyc))
  `ASSERT_HELD(DramCsrReqHeld, req_i, gnt_o, {addr_i, we_i, be_i, wdata_i})

  logic unused;
  assign unused = ^{addr_i[31:WA], addr_i[2:0]};

endmodule
