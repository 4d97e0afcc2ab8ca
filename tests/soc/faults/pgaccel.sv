// SPDX-License-Identifier: BSD-2-Clause
// Fault injection for pgaccel, in the fault-injection simulator only (tests/soc/faults/faults.mk).
// This module takes the place of the real top, which that build compiles renamed to
// pgaccel_unfaulted (the same rtl/accel/pgaccel.sv, only the module name changed), and sits
// between it and the SoC on both of its ports. The default simulator and synthesis never see it.
//
// The fault is chosen by plusargs and armed by software, so that boot and calibration run clean:
//   +pgaccel-fault=KIND       stall | drop | tag | buserr | reject (none: this module is a wire)
//   +pgaccel-fault-beat=N     buserr: the N-th DMA beat granted after arming (from 0) fails
// While armed:
//   stall   neither DMA port is granted (the engine stops mid-command; disarm releases it);
//   drop    the next completion read from COMP is swallowed (the read returns 0, the entry is gone);
//   tag     the next completion read from COMP comes back with bit 0 of its tag flipped;
//   buserr  the chosen beat is answered with err, once. On the one-cycle RAM's SoC it is issued
//           with no byte enabled (a write changes nothing); on the DRAM SoCs (WIDE_WR) the beat
//           goes out as it is, since the bridge refuses a PBUS beat with no byte enabled and the
//           wide port has none, and only its response says err (as a real write error may);
//   reject  stall, and STATUS reads show FULL clear, so a post meets a full queue unwarned.
// Two registers of pgaccel's window that the real block leaves unmapped (docs/pgaccel.md):
//   0xf00 FAULT_KIND RO  [7:0] kind (FAULT_* below), [63:32] the chosen beat
//   0xf08 FAULT_ARM  RW  write [0]: arm (1, counts restart) or disarm (0); read [0] armed,
//                        [63:32] faults injected since arming: beats failed, completions changed,
//                        cycles a DMA request was held back, STATUS reads with FULL hidden
`include "pagoda_assert.svh"
module pgaccel #(
  parameter logic [31:0] RAM_BASE  = 32'h8000_0000,
  parameter logic [31:0] RAM_SIZE  = 32'h0800_0000,
  parameter int unsigned QDEPTH    = 4,
  parameter int unsigned RDEPTH    = 4,
  parameter int unsigned WR_MAXOUT = 7,
  parameter int unsigned CNT_W     = 40,
  parameter bit          WIDE_WR   = 1'b0
) (
  input  logic        clk_i,
  input  logic        rst_ni,
  input  logic        reg_req_i,
  output logic        reg_gnt_o,
  input  logic [31:0] reg_addr_i,
  input  logic        reg_we_i,
  input  logic [7:0]  reg_be_i,
  input  logic [63:0] reg_wdata_i,
  output logic        reg_rvalid_o,
  output logic [63:0] reg_rdata_o,
  output logic        reg_err_o,
  output logic        dma_req_o,
  input  logic        dma_gnt_i,
  output logic [31:0] dma_addr_o,
  output logic        dma_we_o,
  output logic [7:0]  dma_be_o,
  output logic [63:0] dma_wdata_o,
  input  logic        dma_rvalid_i,
  input  logic [63:0] dma_rdata_i,
  input  logic        dma_err_i,
  output logic        wide_req_o,
  input  logic        wide_gnt_i,
  output logic [31:0] wide_addr_o,
  output logic [63:0] wide_data_o,
  input  logic        wide_rvalid_i,
  input  logic        wide_err_i,
  output logic        irq_o
);

  // The faults act on both DMA ports: the PBUS port and, built with WIDE_WR (the DRAM SoCs),
  // the wide write port. The engine uses one port per command and drains it before the next, so
  // the beats and responses of the two never overlap: one count of each serves both.

  typedef enum logic [7:0] {
    FAULT_NONE   = 8'd0,
    FAULT_STALL  = 8'd1,
    FAULT_DROP   = 8'd2,
    FAULT_TAG    = 8'd3,
    FAULT_BUSERR = 8'd4,
    FAULT_REJECT = 8'd5
  } fault_e;

  localparam logic [11:0] OFF_KIND   = 12'hf00;
  localparam logic [11:0] OFF_ARM    = 12'hf08;
  localparam logic [11:0] OFF_STATUS = 12'h028;
  localparam logic [11:0] OFF_COMP   = 12'h060;

  fault_e      kind;
  logic [31:0] beat;

  initial begin
    string s;
    kind = FAULT_NONE;
    beat = 32'd0;
    if ($value$plusargs("pgaccel-fault=%s", s)) begin
      if (s == "stall") kind = FAULT_STALL;
      else if (s == "drop") kind = FAULT_DROP;
      else if (s == "tag") kind = FAULT_TAG;
      else if (s == "buserr") kind = FAULT_BUSERR;
      else if (s == "reject") kind = FAULT_REJECT;
      else $fatal(1, "+pgaccel-fault=%s: not stall, drop, tag, buserr or reject", s);
    end
    void'($value$plusargs("pgaccel-fault-beat=%d", beat));
  end

  // ---- register port: the fault registers are answered here, everything else by the engine
  logic        own_req, armed_q, armed_d, own_q, rd_status_q, rd_comp_q, own_rd_q;
  logic [11:0] own_off_q;
  logic [31:0] fired_q, fired_d;
  logic        in_gnt, in_rvalid, in_err;
  logic [63:0] in_rdata;
  logic        comp_hit, hid_full;

  assign own_req = reg_req_i && kind != FAULT_NONE &&
                   (reg_addr_i[11:0] == OFF_KIND || reg_addr_i[11:0] == OFF_ARM);

  // a completion read that this fault changes: the first one with VALID set after arming
  assign comp_hit = rd_comp_q && in_rvalid && in_rdata[63] && armed_q &&
                    (kind == FAULT_DROP || kind == FAULT_TAG) && fired_q == 32'd0;

  assign hid_full = rd_status_q && in_rvalid && in_rdata[1] && armed_q && kind == FAULT_REJECT;

  always_comb begin
    reg_gnt_o    = own_req ? 1'b1 : in_gnt;
    reg_rvalid_o = own_q ? 1'b1 : in_rvalid;
    reg_err_o    = own_q ? 1'b0 : in_err;
    reg_rdata_o  = in_rdata;
    if (own_q) begin
      reg_rdata_o = 64'h0;
      if (own_rd_q && own_off_q == OFF_KIND) reg_rdata_o = {beat, 24'h0, kind};
      if (own_rd_q && own_off_q == OFF_ARM)  reg_rdata_o = {fired_q, 31'h0, armed_q};
    end else if (comp_hit) begin
      reg_rdata_o = kind == FAULT_DROP ? 64'h0 : in_rdata ^ (64'h1 << 48);
    end else if (rd_status_q && armed_q && kind == FAULT_REJECT) begin
      reg_rdata_o = in_rdata & ~64'h2;
    end
  end

  // ---- DMA ports
  logic        stall, dma_gnt_in, wide_gnt_in, bad_issue, bad_resp, granted, answer;
  logic [31:0] issued_q, issued_d, answered_q, answered_d;
  logic [4:0]  skip_q, skip_d, outst_q, outst_d;   // responses owed to beats issued before arming
  logic        in_req, in_we, in_wide_req;
  logic [7:0]  in_be;

  assign stall      = armed_q && (kind == FAULT_STALL || kind == FAULT_REJECT);
  assign dma_req_o  = in_req && !stall;
  assign dma_gnt_in = dma_gnt_i && !stall;
  assign wide_req_o = in_wide_req && !stall;
  assign wide_gnt_in = wide_gnt_i && !stall;
  assign granted    = (dma_req_o && dma_gnt_i) || (wide_req_o && wide_gnt_i);
  assign answer     = dma_rvalid_i || wide_rvalid_i;
  assign bad_issue  = armed_q && kind == FAULT_BUSERR && fired_q == 32'd0 && issued_q == beat;
  assign dma_be_o   = bad_issue && !WIDE_WR ? 8'h00 : in_be;
  assign dma_we_o   = in_we;
  assign bad_resp   = armed_q && kind == FAULT_BUSERR && skip_q == 5'd0 && answered_q == beat &&
                      answer && fired_q == 32'd0;

  always_comb begin
    armed_d    = armed_q;
    fired_d    = fired_q + 32'(comp_hit || bad_resp || hid_full ||
                          (kind == FAULT_STALL && stall && (in_req || in_wide_req)));
    outst_d    = outst_q + 5'(granted) - 5'(answer);
    issued_d   = issued_q + 32'(armed_q && granted);
    answered_d = answered_q;
    skip_d     = skip_q;
    if (answer && skip_q != 5'd0) skip_d = skip_q - 5'd1;
    else if (answer && armed_q)   answered_d = answered_q + 32'd1;
    if (own_req && reg_we_i && reg_addr_i[11:0] == OFF_ARM && reg_be_i[0]) begin
      armed_d    = reg_wdata_i[0];
      if (reg_wdata_i[0]) fired_d = 32'd0;
      issued_d   = 32'd0;
      answered_d = 32'd0;
      skip_d     = outst_d;
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      armed_q     <= 1'b0;
      own_q       <= 1'b0;
      own_rd_q    <= 1'b0;
      own_off_q   <= 12'h0;
      rd_status_q <= 1'b0;
      rd_comp_q   <= 1'b0;
      fired_q     <= 32'd0;
      issued_q    <= 32'd0;
      answered_q  <= 32'd0;
      skip_q      <= 5'd0;
      outst_q     <= 5'd0;
    end else begin
      armed_q     <= armed_d;
      own_q       <= own_req;
      own_rd_q    <= own_req && !reg_we_i;
      own_off_q   <= reg_addr_i[11:0];
      rd_status_q <= reg_req_i && in_gnt && !own_req && !reg_we_i &&
                     reg_addr_i[11:0] == OFF_STATUS;
      rd_comp_q   <= reg_req_i && in_gnt && !own_req && !reg_we_i &&
                     reg_addr_i[11:0] == OFF_COMP;
      fired_q     <= fired_d;
      issued_q    <= issued_d;
      answered_q  <= answered_d;
      skip_q      <= skip_d;
      outst_q     <= outst_d;
    end
  end

  // one count of beats and of responses for both ports: never both at once
  `ASSERT_NEVER(FaultOnePortGranted, dma_req_o && dma_gnt_i && wide_req_o && wide_gnt_i)
  `ASSERT_NEVER(FaultOnePortAnswers, dma_rvalid_i && wide_rvalid_i)

  // ---- the real accelerator
  pgaccel_unfaulted #(
    .RAM_BASE  (RAM_BASE),
    .RAM_SIZE  (RAM_SIZE),
    .QDEPTH    (QDEPTH),
    .RDEPTH    (RDEPTH),
    .WR_MAXOUT (WR_MAXOUT),
    .CNT_W     (CNT_W),
    .WIDE_WR   (WIDE_WR)
  ) u_accel (
    .clk_i,
    .rst_ni,
    .reg_req_i    (reg_req_i && !own_req),
    .reg_gnt_o    (in_gnt),
    .reg_addr_i,
    .reg_we_i,
    .reg_be_i,
    .reg_wdata_i,
    .reg_rvalid_o (in_rvalid),
    .reg_rdata_o  (in_rdata),
    .reg_err_o    (in_err),
    .dma_req_o    (in_req),
    .dma_gnt_i    (dma_gnt_in),
    .dma_addr_o,
    .dma_we_o     (in_we),
    .dma_be_o     (in_be),
    .dma_wdata_o,
    .dma_rvalid_i,
    .dma_rdata_i,
    .dma_err_i    (dma_err_i || (bad_resp && dma_rvalid_i)),
    .wide_req_o   (in_wide_req),
    .wide_gnt_i   (wide_gnt_in),
    .wide_addr_o,
    .wide_data_o,
    .wide_rvalid_i,
    .wide_err_i   (wide_err_i || (bad_resp && wide_rvalid_i)),
    .irq_o
  );

endmodule
