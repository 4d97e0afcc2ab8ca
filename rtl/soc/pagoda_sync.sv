// SPDX-License-Identifier: BSD-2-Clause
// Two-flop synchroniser: brings a level (or a Gray-coded pointer, whose bits never change two at
// a time) into clk_i's domain. The first flop may go metastable; the second gives it a cycle to
// settle. The board constraints (fpga/arty-a7/arty.xdc) cut the timing into sync1_q only and ask
// Vivado to place the pair close (ASYNC_REG).
module pagoda_sync #(
  parameter int unsigned WIDTH = 1
) (
  input  logic             clk_i,
  input  logic             rst_ni,
  input  logic [WIDTH-1:0] d_i,
  output logic [WIDTH-1:0] q_o
);

  (* ASYNC_REG = "TRUE" *) logic [WIDTH-1:0] sync1_q, sync2_q;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      sync1_q <= '0;
      sync2_q <= '0;
    end else begin
      sync1_q <= d_i;
      sync2_q <= sync1_q;
    end
  end

  assign q_o = sync2_q;

endmodule
