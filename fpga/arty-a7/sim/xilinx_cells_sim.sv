// SPDX-License-Identifier: BSD-2-Clause
// Behavioural models of the two Xilinx clock cells that pagoda_arty_clk instantiates, for the
// board-level simulation only (make test-board-sim, docs/fpga.md "Board-level simulation"): never
// in a synthesis file list (Yosys and Vivado have the real cells as library cells).
//   MMCME2_BASE  CLKOUT0 = CLKIN1 * CLKFBOUT_MULT_F / (DIVCLK_DIVIDE * CLKOUT0_DIVIDE_F), of which
//                only an output of half the input's frequency is modelled (the board's 100 MHz
//                to 50 MHz: a toggle flop on CLKIN1's rising edge); any other ratio stops the
//                elaboration. LOCKED rises LOCK_CYCLES input cycles after RST falls (the real
//                cell takes ~tens of microseconds) and falls with RST; the output is held low
//                in reset. CLKFBOUT follows CLKIN1 (the feedback loop has nothing to do here).
//   BUFG         a wire.
module MMCME2_BASE #(
  parameter real CLKIN1_PERIOD    = 0.0,
  parameter int  DIVCLK_DIVIDE    = 1,
  parameter real CLKFBOUT_MULT_F  = 5.0,
  parameter real CLKOUT0_DIVIDE_F = 1.0,
  parameter int  LOCK_CYCLES      = 64   // model only: input cycles from RST low to LOCKED
) (
  output logic CLKFBOUT,
  output logic CLKOUT0,
  output logic LOCKED,
  input  logic CLKFBIN,
  input  logic CLKIN1,
  input  logic PWRDWN,
  input  logic RST
);

  initial begin
    if (CLKOUT0_DIVIDE_F * real'(DIVCLK_DIVIDE) != 2.0 * CLKFBOUT_MULT_F)
      $fatal(1, "MMCME2_BASE model: only CLKOUT0 = CLKIN1 / 2 is modelled (mult %f, div %0d, %f)",
             CLKFBOUT_MULT_F, DIVCLK_DIVIDE, CLKOUT0_DIVIDE_F);
  end

  logic       out_q;
  logic [7:0] lock_q;

  always_ff @(posedge CLKIN1 or posedge RST) begin
    if (RST) begin
      out_q  <= 1'b0;
      lock_q <= '0;
    end else begin
      out_q <= !out_q;
      if (32'(lock_q) < LOCK_CYCLES) lock_q <= lock_q + 8'd1;
    end
  end

  assign CLKOUT0  = out_q;
  assign LOCKED   = 32'(lock_q) >= LOCK_CYCLES && !PWRDWN;
  assign CLKFBOUT = CLKIN1;

  logic unused;
  assign unused = CLKFBIN;   // CLKIN1_PERIOD: only the timing tools read it

endmodule

module BUFG (
  input  logic I,
  output logic O
);
  assign O = I;
endmodule
