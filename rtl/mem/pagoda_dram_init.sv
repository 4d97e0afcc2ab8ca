// SPDX-License-Identifier: BSD-2-Clause
// Tells the LiteDRAM controller that the DRAM is ready: one Wishbone write of 1 to its
// ddrctrl_init_done register (CSR 0x0 of wb_ctrl) after reset, without which the native port
// stays disabled (docs/memory.md). Enough for the SDRAMPHYModel, which needs no calibration;
// the board's DDR3 needs its init sequence and read leveling first (liblitedram's sdram_init,
// the next step), which this block does not do.
`include "pagoda_assert.svh"
module pagoda_dram_init (
  input  logic        clk_i,
  input  logic        rst_ni,
  input  logic        init_done_i,
  output logic        wb_cyc_o,
  output logic        wb_stb_o,
  output logic        wb_we_o,
  output logic [29:0] wb_adr_o,
  output logic [31:0] wb_dat_o,
  output logic [3:0]  wb_sel_o,
  input  logic        wb_ack_i,
  input  logic        wb_err_i
);

  typedef enum logic [1:0] {
    StWrite,   // the write cycle, until acknowledged
    StWait,    // until the controller reports init_done
    StDone
  } state_e;

  state_e state_q, state_d;

  always_comb begin
    state_d = state_q;
    unique case (state_q)
      StWrite: if (wb_ack_i || wb_err_i) state_d = StWait;
      StWait:  if (init_done_i) state_d = StDone;
      StDone:  state_d = StDone;
      default: state_d = StWrite;
    endcase
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) state_q <= StWrite;
    else         state_q <= state_d;
  end

  assign wb_cyc_o = state_q == StWrite;
  assign wb_stb_o = state_q == StWrite;
  assign wb_we_o  = 1'b1;
  assign wb_adr_o = 30'h0;    // ddrctrl_init_done (byte address 0x0)
  assign wb_dat_o = 32'h1;
  assign wb_sel_o = 4'hf;

  `ASSERT(DramInitNoErr, !(wb_cyc_o && wb_err_i))

endmodule
