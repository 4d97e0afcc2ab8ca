// SPDX-License-Identifier: BSD-2-Clause
// The SoC clock of the Arty A7 (docs/fpga.md "Clocks"): the board's 100 MHz oscillator (pin E3)
// into an MMCM, VCO 1000 MHz (x10), divided by 20: 50 MHz on a global buffer. The MMCM is the
// CMT's other half: LiteDRAM's generated clocking (its PLLE2_ADV: 100 MHz controller clock,
// 400 MHz and 400 MHz/90 degrees for the PHY's serdes, 200 MHz for IDELAYCTRL) takes the PLL of
// the same CMT, so both are fed from the pin's input buffer on dedicated routes. The two clocks
// are treated as unrelated (pagoda_dram_cdc crosses between them). locked_o stays low until the
// MMCM has locked; the board top holds the SoC in reset until then.
module pagoda_arty_clk (
  input  logic clk100_i,   // from the pin's IBUF
  input  logic rst_i,      // the reset button (MMCM reset, active high)
  output logic clk_soc_o,
  output logic locked_o
);

  logic clkfb, clkout0;

  MMCME2_BASE #(
    .CLKIN1_PERIOD    (10.0),
    .DIVCLK_DIVIDE    (1),
    .CLKFBOUT_MULT_F  (10.0),
    .CLKOUT0_DIVIDE_F (20.0)
  ) u_mmcm (
    .CLKIN1   (clk100_i),
    .CLKFBIN  (clkfb),
    .CLKFBOUT (clkfb),
    .CLKOUT0  (clkout0),
    .LOCKED   (locked_o),
    .PWRDWN   (1'b0),
    .RST      (rst_i)
  );

  BUFG u_bufg_soc (
    .I (clkout0),
    .O (clk_soc_o)
  );

endmodule
