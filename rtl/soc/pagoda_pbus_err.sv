// SPDX-License-Identifier: BSD-2-Clause
// PBUS error slave: owns every address no other slave owns and answers each request, one cycle
// after granting it, with err (the core takes an access fault). Never stalls, so nothing hangs.
`include "pagoda_assert.svh"
module pagoda_pbus_err (
  input  logic        clk_i,
  input  logic        rst_ni,
  input  logic        req_i,
  output logic        gnt_o,
  output logic        rvalid_o,
  output logic [63:0] rdata_o,
  output logic        err_o
);

  logic rvalid_q;

  assign gnt_o = 1'b1;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) rvalid_q <= 1'b0;
    else         rvalid_q <= req_i;
  end

  assign rvalid_o = rvalid_q;
  assign rdata_o  = 64'h0;
  assign err_o    = 1'b1;

  // ---- assertions (pagoda_assert.svh) ----
  // PBUS slave that grants at once and answers the next cycle: one response per request
  `ASSERT_NEXT(ErrRespNoReq, !(req_i && gnt_o), !rvalid_o)
  `ASSERT_NEXT(ErrRespOnce, req_i && gnt_o, rvalid_o)

endmodule
