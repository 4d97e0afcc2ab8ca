// SPDX-License-Identifier: BSD-2-Clause
// Pagoda core: integer register file, one write port (writeback) and two read ports (execute).
// No reset: x0 is never written and reads as zero, so it maps to LUT RAM.
module pagoda_regfile (
  input  logic        clk_i,
  input  logic        we_i,
  input  logic [4:0]  waddr_i,
  input  logic [63:0] wdata_i,
  input  logic [4:0]  raddr_a_i,
  output logic [63:0] rdata_a_o,
  input  logic [4:0]  raddr_b_i,
  output logic [63:0] rdata_b_o
);
  logic [63:0] rf_q [32];

  always_ff @(posedge clk_i) begin
    if (we_i && (waddr_i != 5'd0)) rf_q[waddr_i] <= wdata_i;
  end

  assign rdata_a_o = (raddr_a_i == 5'd0) ? 64'd0 : rf_q[raddr_a_i];
  assign rdata_b_o = (raddr_b_i == 5'd0) ? 64'd0 : rf_q[raddr_b_i];

endmodule
