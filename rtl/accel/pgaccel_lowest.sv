// SPDX-License-Identifier: BSD-2-Clause
// pgaccel_lowest: part of pgaccel_scan_step (see there).
//
// Index of the lowest set bit of a 64-bit vector (0 for a zero vector) in two levels: the lowest
// nonzero byte, then the lowest bit inside it. About half the LUTs of a 64-way priority chain.
module pgaccel_lowest (
  input  logic [63:0] v_i,
  input  logic        en_i,       // evaluate (pgaccel_pkg::SIM_GATE)
  output logic [5:0]  idx_o,
  output logic        any_o
);

  function automatic logic [2:0] low8(input logic [7:0] v);
    low8 = 3'd0;
    for (int i = 7; i >= 0; i--) begin
      if (v[i]) low8 = 3'(i);
    end
  endfunction

  logic [7:0] nz;
  logic [2:0] g, loc;

  always_comb begin
    loc = 3'd0;
    nz  = '0;
    g   = 3'd0;
    if (!pgaccel_pkg::SIM_GATE || en_i) begin
      for (int i = 0; i < 8; i++) begin
        nz[i] = |v_i[8*i +: 8];
      end
      g = low8(nz);
      for (int i = 0; i < 8; i++) begin
        if (g == 3'(i)) loc = low8(v_i[8*i +: 8]);
      end
    end
  end

  assign idx_o = {g, loc};
  assign any_o = |nz;

endmodule
