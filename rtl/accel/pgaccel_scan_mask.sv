// SPDX-License-Identifier: BSD-2-Clause
// pgaccel_scan_mask: part of pgaccel_scan_step (see there).
//
// The inverted mask of not-free bits at or after the candidate: the whole word (all_i), the bits
// from c_i up (here_i), or none.
module pgaccel_scan_mask (
  input  logic [63:0] word_i,
  input  logic        pol_i,
  input  logic        all_i,
  input  logic        here_i,
  input  logic [5:0]  c_i,
  input  logic        en_i,       // evaluate (pgaccel_pkg::SIM_GATE)
  output logic [63:0] nm_o
);

  logic [63:0] ge_mask;

  always_comb begin
    ge_mask = '0;
    nm_o    = '1;
    if (!pgaccel_pkg::SIM_GATE || en_i) begin
      if (all_i) begin
        ge_mask = '1;
      end else if (here_i) begin
        ge_mask = {64{1'b1}} << c_i;
      end
      nm_o = ~((pol_i ? ~word_i : word_i) & ge_mask);
    end
  end

endmodule
