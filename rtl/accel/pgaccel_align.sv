// SPDX-License-Identifier: BSD-2-Clause
// pgaccel_align: the candidate arithmetic of pgaccel_engine's SCAN (combinational).
//
// align_up(x) = ((x - 1) | amask) + 1 with amask = 2^k - 1, and the last bit of the window that
// starts there is ((x - 1) | amask) + n. In IDLE x is the start bit; in SCAN x is the bit after the
// step's not-free run, so x - 1 is that run's last bit, {pword, rlast}, with no subtraction (the
// IDLE decrement rides in the adder that forms x - 1, adding all ones). A module of its own so that
// Yosys maps it with ABC apart from the engine's control logic (which otherwise duplicates it).
module pgaccel_align (
  input  logic        idle_i,     // align the start bit (else the bit after {pword_i, rlast_i})
  input  logic [31:0] start_i,
  input  logic [27:0] pword_i,
  input  logic [5:0]  rlast_i,
  input  logic [4:0]  k_i,        // alignment 2^k
  input  logic [31:0] n_i,        // run length
  input  logic        en_i,       // evaluate (pgaccel_pkg::SIM_GATE): a command starts, or SCAN
  output logic [33:0] aligned_o,  // the candidate
  output logic [33:0] wlast_o,    // the last bit of its window
  output logic        c2_here_o   // SCAN: the candidate is still in word pword_i
);

  logic [33:0] amask, xin, ya;

  // c2_here: no carry out of the low 6 bits (which needs 2^k < 64).
  always_comb begin
    amask     = '0;
    xin       = '0;
    ya        = '0;
    aligned_o = '0;
    wlast_o   = '0;
    c2_here_o = 1'b0;
    if (!pgaccel_pkg::SIM_GATE || en_i) begin
      amask     = ~({34{1'b1}} << k_i);
      xin       = idle_i ? {2'b00, start_i} : {pword_i, rlast_i};
      ya        = (xin + {34{idle_i}}) | amask;
      aligned_o = ya + 34'd1;
      wlast_o   = ya + {2'b00, n_i};
      c2_here_o = ((rlast_i | amask[5:0]) != 6'h3f);
    end
  end

endmodule
