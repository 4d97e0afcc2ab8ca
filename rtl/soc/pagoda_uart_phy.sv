// SPDX-License-Identifier: BSD-2-Clause
// The serial line of the ns16550a (pagoda_uart): 8 data bits, no parity, 1 stop bit, at a fixed
// CLKS_PER_BIT clock cycles per bit (the board's USB-UART; the simulation's pin-level harness uses
// a small divisor). pagoda_uart itself has no line: it hands each THR byte over on tx_valid and
// takes each received byte on rx_valid; this block turns those into the pins and back.
//   TX: tx_ready_o (the UART's LSR.THRE) is low while a byte is on the line and in the cycle one is
//       handed over, so software that waits for THRE never writes over a byte being sent (one
//       that does not wait loses the byte, as on a 16550 without FIFO).
//   RX: the pin goes through a two-flop synchroniser; a falling edge starts a byte, each bit is
//       sampled in its middle, and a byte whose stop bit is 0 (a framing error, or a break) is
//       dropped. A byte that arrives while the UART's FIFO is full is dropped too, and counted in
//       rx_overrun_o (sticky until reset): the sender has no flow control to be told with.
`include "pagoda_assert.svh"
module pagoda_uart_phy #(
  parameter int unsigned CLKS_PER_BIT = 434   // 50 MHz / 115200
) (
  input  logic       clk_i,
  input  logic       rst_ni,
  // pins
  input  logic       rx_i,
  output logic       tx_o,
  // to/from pagoda_uart
  input  logic       tx_valid_i,
  input  logic [7:0] tx_data_i,
  output logic       tx_ready_o,
  output logic       rx_valid_o,
  output logic [7:0] rx_data_o,
  input  logic       rx_ready_i,
  output logic       rx_overrun_o
);

  localparam int unsigned CW = $clog2(CLKS_PER_BIT + 1);
  localparam logic [CW-1:0] BIT_LAST  = CW'(CLKS_PER_BIT - 1);
  localparam logic [CW-1:0] HALF_LAST = CW'(CLKS_PER_BIT / 2 - 1);

  if (CLKS_PER_BIT < 4) begin : g_bad_div
    $error("pagoda_uart_phy: CLKS_PER_BIT must be at least 4");
  end

  // ---- TX: start bit, 8 data bits LSB first, stop bit ----
  logic [9:0]    tx_shift_q, tx_shift_d;   // bits still to send, the next in [0]
  logic [3:0]    tx_left_q, tx_left_d;     // bits still to send, 0 = idle
  logic [CW-1:0] tx_cnt_q, tx_cnt_d;

  assign tx_ready_o = tx_left_q == 4'd0 && !tx_valid_i;

  always_comb begin
    tx_shift_d = tx_shift_q;
    tx_left_d  = tx_left_q;
    tx_cnt_d   = tx_cnt_q;
    if (tx_left_q == 4'd0) begin
      if (tx_valid_i) begin
        tx_shift_d = {1'b1, tx_data_i, 1'b0};
        tx_left_d  = 4'd10;
        tx_cnt_d   = BIT_LAST;
      end
    end else if (tx_cnt_q != '0) begin
      tx_cnt_d = tx_cnt_q - CW'(1);
    end else begin
      tx_shift_d = {1'b1, tx_shift_q[9:1]};
      tx_left_d  = tx_left_q - 4'd1;
      tx_cnt_d   = BIT_LAST;
    end
  end

  // ---- RX ----
  typedef enum logic [1:0] {
    RxIdle,    // line high, waiting for a start bit
    RxStart,   // to the middle of the start bit (a glitch shorter than that is ignored)
    RxData,    // eight data bits, each sampled in its middle
    RxStop     // the stop bit's middle
  } rx_state_e;

  rx_state_e     rx_state_q, rx_state_d;
  logic [1:0]    rx_sync_q;                // [1] is the synchronised pin
  logic [CW-1:0] rx_cnt_q, rx_cnt_d;
  logic [2:0]    rx_bit_q, rx_bit_d;
  logic [7:0]    rx_byte_q, rx_byte_d;
  logic          rx_valid_q, rx_valid_d, overrun_q, overrun_d;
  logic          rx;

  assign rx = rx_sync_q[1];

  always_comb begin
    rx_state_d = rx_state_q;
    rx_cnt_d   = rx_cnt_q;
    rx_bit_d   = rx_bit_q;
    rx_byte_d  = rx_byte_q;
    rx_valid_d = 1'b0;
    overrun_d  = overrun_q;
    unique case (rx_state_q)
      RxIdle: begin
        if (!rx) begin
          rx_state_d = RxStart;
          rx_cnt_d   = HALF_LAST;
        end
      end
      RxStart: begin
        if (rx) begin
          rx_state_d = RxIdle;
        end else if (rx_cnt_q != '0) begin
          rx_cnt_d = rx_cnt_q - CW'(1);
        end else begin
          rx_state_d = RxData;
          rx_cnt_d   = BIT_LAST;
          rx_bit_d   = 3'd0;
        end
      end
      RxData: begin
        if (rx_cnt_q != '0) begin
          rx_cnt_d = rx_cnt_q - CW'(1);
        end else begin
          rx_byte_d = {rx, rx_byte_q[7:1]};
          rx_bit_d  = rx_bit_q + 3'd1;
          rx_cnt_d  = BIT_LAST;
          if (rx_bit_q == 3'd7) rx_state_d = RxStop;
        end
      end
      RxStop: begin
        if (rx_cnt_q != '0) begin
          rx_cnt_d = rx_cnt_q - CW'(1);
        end else begin
          // back to idle in the stop bit's middle: the next start bit is seen from its edge
          rx_state_d = RxIdle;
          if (rx && rx_ready_i) rx_valid_d = 1'b1;
          if (rx && !rx_ready_i) overrun_d = 1'b1;
        end
      end
      default: rx_state_d = RxIdle;
    endcase
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      tx_shift_q <= 10'h3ff;
      tx_left_q  <= 4'd0;
      tx_cnt_q   <= '0;
      rx_sync_q  <= 2'b11;
      rx_state_q <= RxIdle;
      rx_cnt_q   <= '0;
      rx_bit_q   <= 3'd0;
      rx_byte_q  <= 8'h0;
      rx_valid_q <= 1'b0;
      overrun_q  <= 1'b0;
    end else begin
      tx_shift_q <= tx_shift_d;
      tx_left_q  <= tx_left_d;
      tx_cnt_q   <= tx_cnt_d;
      rx_sync_q  <= {rx_sync_q[0], rx_i};
      rx_state_q <= rx_state_d;
      rx_cnt_q   <= rx_cnt_d;
      rx_bit_q   <= rx_bit_d;
      rx_byte_q  <= rx_byte_d;
      rx_valid_q <= rx_valid_d;
      overrun_q  <= overrun_d;
    end
  end

  // the line idles high; while a byte is out, its current bit
  assign tx_o         = tx_left_q == 4'd0 ? 1'b1 : tx_shift_q[0];
  assign rx_valid_o   = rx_valid_q;
  assign rx_data_o    = rx_byte_q;
  assign rx_overrun_o = overrun_q;

  // ---- assertions (pagoda_assert.svh) ----
  // a byte is never received while the last one is still being handed over
  `ASSERT(UartPhyRxOnePulse, !(rx_valid_q && rx_valid_d))

endmodule
