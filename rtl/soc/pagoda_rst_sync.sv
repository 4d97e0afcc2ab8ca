// SPDX-License-Identifier: BSD-2-Clause
// Reset synchroniser: asserts rst_no at once when rst_ni falls (asynchronously, so a domain whose
// clock is not running yet is still reset) and releases it two clk_i edges after rst_ni rises,
// so that every flop of the domain leaves reset on the same edge.
module pagoda_rst_sync (
  input  logic clk_i,
  input  logic rst_ni,
  output logic rst_no
);

  (* ASYNC_REG = "TRUE" *) logic sync1_q, sync2_q;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      sync1_q <= 1'b0;
      sync2_q <= 1'b0;
    end else begin
      sync1_q <= 1'b1;
      sync2_q <= sync1_q;
    end
  end

  assign rst_no = sync2_q;

endmodule
