// SPDX-License-Identifier: BSD-2-Clause
// Main RAM at 0x8000_0000, dual-ported: port I (reads, instruction fetch) and port D (reads and
// writes, core data and DMA) both grant every cycle and answer one cycle later, like a true
// dual-port block RAM. The same-cycle read of a word that port D writes returns the old value.
// In simulation the harness loads it directly through the public array mem (sim/pagoda_sim.cpp).
// The array is written in its own always_ff (a memory, not a _q/_d register).
module pagoda_ram #(
  parameter logic [31:0] SIZE = pagoda_pkg::RAM_SIZE   // bytes, a power of two
) (
  input  logic        clk_i,
  input  logic        rst_ni,
  // port I
  input  logic        i_req_i,
  output logic        i_gnt_o,
  input  logic [31:0] i_addr_i,
  output logic        i_rvalid_o,
  output logic [63:0] i_rdata_o,
  output logic        i_err_o,
  // port D
  input  logic        d_req_i,
  output logic        d_gnt_o,
  input  logic [31:0] d_addr_i,
  input  logic        d_we_i,
  input  logic [7:0]  d_be_i,
  input  logic [63:0] d_wdata_i,
  output logic        d_rvalid_o,
  output logic [63:0] d_rdata_o,
  output logic        d_err_o
);

  localparam int unsigned WORDS = SIZE / 8;
  localparam int unsigned AW    = $clog2(WORDS);

  logic [63:0] mem [WORDS] /* verilator public_flat_rw */;

  logic [AW-1:0] i_idx, d_idx;
  logic [63:0]   i_rdata_q, d_rdata_q;
  logic          i_rvalid_q, d_rvalid_q;

  assign i_idx   = i_addr_i[AW+2:3];
  assign d_idx   = d_addr_i[AW+2:3];
  assign i_gnt_o = 1'b1;
  assign d_gnt_o = 1'b1;

  always_ff @(posedge clk_i) begin
    if (i_req_i) i_rdata_q <= mem[i_idx];
    if (d_req_i && !d_we_i) d_rdata_q <= mem[d_idx];
    if (d_req_i && d_we_i) begin
      for (int b = 0; b < 8; b++) begin
        if (d_be_i[b]) mem[d_idx][8*b +: 8] <= d_wdata_i[8*b +: 8];
      end
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      i_rvalid_q <= 1'b0;
      d_rvalid_q <= 1'b0;
    end else begin
      i_rvalid_q <= i_req_i;
      d_rvalid_q <= d_req_i;
    end
  end

  assign i_rvalid_o = i_rvalid_q;
  assign i_rdata_o  = i_rdata_q;
  assign i_err_o    = 1'b0;
  assign d_rvalid_o = d_rvalid_q;
  assign d_rdata_o  = d_rdata_q;
  assign d_err_o    = 1'b0;

  // the decoder only sends addresses inside the RAM; the upper bits are its business
  logic unused;
  assign unused = ^{i_addr_i[31:AW+3], i_addr_i[2:0], d_addr_i[31:AW+3], d_addr_i[2:0]};

endmodule
