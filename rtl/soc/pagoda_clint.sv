// SPDX-License-Identifier: BSD-2-Clause
// CLINT at 0x200_0000 (sifive,clint0 / riscv,clint0 layout, as QEMU virt): per hart a 32-bit msip
// at 0x0000 + 4*h and a 64-bit mtimecmp at 0x4000 + 8*h, one 64-bit mtime at 0xbff8. mtime counts
// once every TICK_DIV clock cycles (10 MHz timebase at a 50 MHz core clock, pagoda_soc_pkg).
// msip_o[h] = msip bit 0, mtip_o[h] = (mtime >= mtimecmp[h]). Byte-granular writes; other offsets
// read 0 and ignore writes.
`include "pagoda_assert.svh"
module pagoda_clint #(
  parameter int unsigned NUM_HARTS = 1,
  parameter int unsigned TICK_DIV  = 5
) (
  input  logic                 clk_i,
  input  logic                 rst_ni,
  input  logic                 req_i,
  output logic                 gnt_o,
  input  logic [31:0]          addr_i,
  input  logic                 we_i,
  input  logic [7:0]           be_i,
  input  logic [63:0]          wdata_i,
  output logic                 rvalid_o,
  output logic [63:0]          rdata_o,
  output logic                 err_o,
  output logic [NUM_HARTS-1:0] msip_o,
  output logic [NUM_HARTS-1:0] mtip_o,
  output logic [63:0]          mtime_o
);

  localparam int unsigned DIV_W = (TICK_DIV > 1) ? $clog2(TICK_DIV) : 1;

  logic [NUM_HARTS-1:0] msip_q, msip_d;
  logic [63:0]          mtimecmp_q [NUM_HARTS];
  logic [63:0]          mtimecmp_d [NUM_HARTS];
  logic [63:0]          mtime_q, mtime_d;
  logic [DIV_W-1:0]     div_q, div_d;
  logic                 rvalid_q;
  logic [63:0]          rdata_q, rdata_d;
  logic [12:0]          lane;     // 8-byte lane index in the 64 KiB window
  logic [63:0]          wmask;

  assign gnt_o = 1'b1;
  assign lane  = addr_i[15:3];

  // byte-lane write mask, built only for a write (simulation speed: Verilator would assemble it
  // every cycle; it is only used by writes)
  always_comb begin
    wmask = 64'h0;
    if (req_i && we_i) begin
      for (int b = 0; b < 8; b++) wmask[8*b +: 8] = {8{be_i[b]}};
    end
  end

  always_comb begin
    msip_d  = msip_q;
    mtime_d = mtime_q;
    div_d   = div_q;
    rdata_d = 64'h0;
    // timebase prescaler
    if (div_q == DIV_W'(TICK_DIV - 1)) begin
      div_d   = '0;
      mtime_d = mtime_q + 64'd1;
    end else begin
      div_d = div_q + DIV_W'(1);
    end
    for (int h = 0; h < NUM_HARTS; h++) begin
      mtimecmp_d[h] = mtimecmp_q[h];
      // msip: lane h/2, half h%2
      if (lane == 13'(h / 2)) begin
        if (req_i && we_i && be_i[4 * (h % 2)]) msip_d[h] = wdata_i[32 * (h % 2)];
        rdata_d[32 * (h % 2)] = msip_q[h];
      end
      if (lane == 13'(pagoda_pkg::CLINT_MTIMECMP0_OFFSET / 8 + h)) begin
        if (req_i && we_i) begin
          mtimecmp_d[h] = (mtimecmp_q[h] & ~wmask) | (wdata_i & wmask);
        end
        rdata_d = mtimecmp_q[h];
      end
    end
    if (lane == 13'(pagoda_pkg::CLINT_MTIME_OFFSET / 8)) begin
      if (req_i && we_i) mtime_d = (mtime_q & ~wmask) | (wdata_i & wmask);
      rdata_d = mtime_q;
    end
    if (!req_i || we_i) rdata_d = 64'h0;
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      msip_q   <= '0;
      mtime_q  <= 64'h0;
      div_q    <= '0;
      rvalid_q <= 1'b0;
      rdata_q  <= 64'h0;
      // no timer interrupt until software programs a compare value
      for (int h = 0; h < NUM_HARTS; h++) mtimecmp_q[h] <= '1;
    end else begin
      msip_q   <= msip_d;
      mtime_q  <= mtime_d;
      div_q    <= div_d;
      rvalid_q <= req_i;
      rdata_q  <= rdata_d;
      for (int h = 0; h < NUM_HARTS; h++) mtimecmp_q[h] <= mtimecmp_d[h];
    end
  end

  always_comb begin
    for (int h = 0; h < NUM_HARTS; h++) mtip_o[h] = (mtime_q >= mtimecmp_q[h]);
  end

  assign msip_o   = msip_q;
  assign mtime_o  = mtime_q;
  assign rvalid_o = rvalid_q;
  assign rdata_o  = rdata_q;
  assign err_o    = 1'b0;

  logic unused;
  assign unused = ^{addr_i[31:16], addr_i[2:0]};

  // ---- assertions (pagoda_assert.svh) ----
  // PBUS slave that grants at once and answers the next cycle: one response per request
  `ASSERT_NEXT(ClintRespNoReq, !(req_i && gnt_o), !rvalid_o)
  `ASSERT_NEXT(ClintRespOnce, req_i && gnt_o, rvalid_o)

endmodule
