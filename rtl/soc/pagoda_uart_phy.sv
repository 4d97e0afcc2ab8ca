// SPDX-License-Identifier: BSD-2-Clause
// The serial line of the ns16550a (pagoda_uart) on a board: 8N1 frames at a fixed baud rate on
// the tx_o / rx_i pins, bytes on the UART's byte interface. The baud rate is a parameter (the
// divisor latch is stored by pagoda_uart but not used: OpenSBI and the DT leave it untouched,
// clock-frequency 0). TX takes a byte when idle (tx_ready_o) and shifts start, 8 data bits LSB
// first and stop. RX synchronises the pin, waits for a start bit that is still low at its middle,
// samples each bit at its middle, and delivers the byte if the stop bit is high; a frame with a
// low stop bit (a break, a wrong baud rate) is dropped and counted in rx_frame_err_o's pulse. A
// byte that arrives while the UART's FIFO is full (rx_ready_i low) is dropped too and flagged in
// rx_overrun_o (sticky until reset): the sender has no flow control to be told with. TX's ready
// is the idle shifter; pagoda_uart keeps THRE low in the cycle it hands a byte over.
`include "pagoda_assert.svh"
module pagoda_uart_phy #(
  parameter int unsigned CLK_HZ = 50_000_000,
  parameter int unsigned BAUD   = 115_200
) (
  input  logic       clk_i,
  input  logic       rst_ni,
  // byte side
  input  logic       tx_valid_i,
  input  logic [7:0] tx_data_i,
  output logic       tx_ready_o,
  output logic       rx_valid_o,
  output logic [7:0] rx_data_o,
  input  logic       rx_ready_i,       // the UART's FIFO has room
  output logic       rx_frame_err_o,
  output logic       rx_overrun_o,
  // pins
  output logic       tx_o,
  input  logic       rx_i
);

  localparam int unsigned DIV = (CLK_HZ + BAUD / 2) / BAUD;   // clocks per bit, rounded
  localparam int unsigned CW  = $clog2(DIV + 1);

  if (DIV < 4) begin : g_div_check
    $error("pagoda_uart_phy: CLK_HZ / BAUD must be at least 4");
  end

  // ---- TX: a 10-bit shift register, one bit per DIV clocks ----
  logic [9:0]    tx_sh_q, tx_sh_d;
  logic [3:0]    tx_bits_q, tx_bits_d;     // bits left to send, 0 = idle
  logic [CW-1:0] tx_cnt_q, tx_cnt_d;

  assign tx_ready_o = (tx_bits_q == 4'd0);

  always_comb begin
    tx_sh_d   = tx_sh_q;
    tx_bits_d = tx_bits_q;
    tx_cnt_d  = tx_cnt_q;
    if (tx_bits_q == 4'd0) begin
      if (tx_valid_i) begin
        tx_sh_d   = {1'b1, tx_data_i, 1'b0};
        tx_bits_d = 4'd10;
        tx_cnt_d  = CW'(DIV - 1);
      end
    end else if (tx_cnt_q != '0) begin
      tx_cnt_d = tx_cnt_q - 1'b1;
    end else begin
      tx_sh_d   = {1'b1, tx_sh_q[9:1]};
      tx_bits_d = tx_bits_q - 4'd1;
      tx_cnt_d  = CW'(DIV - 1);
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      tx_sh_q   <= 10'h3ff;   // the line idles high
      tx_bits_q <= 4'd0;
      tx_cnt_q  <= '0;
    end else begin
      tx_sh_q   <= tx_sh_d;
      tx_bits_q <= tx_bits_d;
      tx_cnt_q  <= tx_cnt_d;
    end
  end

  assign tx_o = tx_sh_q[0];

  // ---- RX ----
  logic          rx_pin;
  logic [8:0]    rx_sh_q, rx_sh_d;         // 8 data bits and the stop bit, LSB first
  logic [3:0]    rx_bits_q, rx_bits_d;     // bits left to sample, 0 = waiting for a start bit
  logic [CW-1:0] rx_cnt_q, rx_cnt_d;
  logic          rx_start_q, rx_start_d;   // checking the start bit's middle
  logic          rx_valid_d, rx_ferr_d, rx_valid_q, rx_ferr_q;
  logic          rx_ovr_d, rx_ovr_q;

  // the pin idles high: its synchroniser resets to 1 (pagoda_sync resets to 0, so invert)
  logic rx_pin_n;
  pagoda_sync u_sync_rx (
    .clk_i  (clk_i),
    .rst_ni (rst_ni),
    .d_i    (!rx_i),
    .q_o    (rx_pin_n)
  );
  assign rx_pin = !rx_pin_n;

  always_comb begin
    rx_sh_d    = rx_sh_q;
    rx_bits_d  = rx_bits_q;
    rx_cnt_d   = rx_cnt_q;
    rx_start_d = rx_start_q;
    rx_valid_d = 1'b0;
    rx_ferr_d  = 1'b0;
    rx_ovr_d   = rx_ovr_q;
    if (rx_cnt_q != '0) begin
      rx_cnt_d = rx_cnt_q - 1'b1;
    end else if (rx_start_q) begin
      // the middle of the start bit: still low, or it was a glitch
      rx_start_d = 1'b0;
      if (!rx_pin) begin
        rx_bits_d = 4'd9;
        rx_cnt_d  = CW'(DIV - 1);
      end
    end else if (rx_bits_q != 4'd0) begin
      rx_sh_d   = {rx_pin, rx_sh_q[8:1]};
      rx_bits_d = rx_bits_q - 4'd1;
      rx_cnt_d  = CW'(DIV - 1);
      if (rx_bits_q == 4'd1) begin
        // the stop bit's middle: look for the next start bit from now on, as a frame sent
        // right after this one starts half a bit later
        rx_cnt_d   = '0;
        rx_valid_d = rx_pin && rx_ready_i;
        rx_ferr_d  = !rx_pin;
        if (rx_pin && !rx_ready_i) rx_ovr_d = 1'b1;
      end
    end else if (!rx_pin) begin
      rx_start_d = 1'b1;
      rx_cnt_d   = CW'(DIV / 2 - 1);
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      rx_sh_q    <= '0;
      rx_bits_q  <= 4'd0;
      rx_cnt_q   <= '0;
      rx_start_q <= 1'b0;
      rx_valid_q <= 1'b0;
      rx_ferr_q  <= 1'b0;
      rx_ovr_q   <= 1'b0;
    end else begin
      rx_sh_q    <= rx_sh_d;
      rx_bits_q  <= rx_bits_d;
      rx_cnt_q   <= rx_cnt_d;
      rx_start_q <= rx_start_d;
      rx_valid_q <= rx_valid_d;
      rx_ferr_q  <= rx_ferr_d;
      rx_ovr_q   <= rx_ovr_d;
    end
  end

  assign rx_valid_o     = rx_valid_q;
  assign rx_data_o      = rx_sh_q[7:0];
  assign rx_frame_err_o = rx_ferr_q;
  assign rx_overrun_o   = rx_ovr_q;

  // ---- assertions (pagoda_assert.svh) ----
  // a byte is never delivered in two consecutive cycles (the stop bit's middle comes once a frame)
  `ASSERT(UartPhyRxOnePulse, !(rx_valid_q && rx_valid_d))

endmodule
