// SPDX-License-Identifier: BSD-2-Clause
// Asynchronous FIFO between two unrelated clocks (the SoC clock and LiteDRAM's controller clock on
// the Arty, fpga/arty-a7): Gray-coded read and write pointers, each crossing through a two-flop
// synchroniser (pagoda_sync), so that a pointer seen on the other side is at worst one step old
// and never a mix of two values. Only the pointers cross; the storage is written on the write
// clock and read on the read clock once the synchronised write pointer says the entry is full,
// so its data is stable for at least two read-clock edges before it is used. The board's
// constraints cut the timing of exactly the pointer synchronisers' first flops (*_sync1_q).
// Both sides must be reset together (one reset source synchronised into each domain).
module pagoda_cdc_fifo #(
  parameter int unsigned WIDTH = 8,
  parameter int unsigned AW    = 2     // 2**AW entries
) (
  input  logic             wclk_i,
  input  logic             wrst_ni,
  input  logic             wvalid_i,
  output logic             wready_o,
  input  logic [WIDTH-1:0] wdata_i,
  input  logic             rclk_i,
  input  logic             rrst_ni,
  output logic             rvalid_o,
  input  logic             rready_i,
  output logic [WIDTH-1:0] rdata_o
);

  logic [WIDTH-1:0] mem_q [2**AW];
  logic [AW:0]      wbin_q, wbin_d, wgray_q, rbin_q, rbin_d, rgray_q;
  logic [AW:0]      rgray_in_w, wgray_in_r;   // the other side's pointer, synchronised
  logic             push, pop;

  logic [AW:0]      wgray_d, rgray_d;

  // ---- write side ----
  // full: the write pointer is one lap ahead of the read pointer (top two Gray bits differ)
  assign wready_o = wgray_q != {~rgray_in_w[AW:AW-1], rgray_in_w[AW-2:0]};
  assign push     = wvalid_i && wready_o;
  assign wbin_d   = wbin_q + (AW + 1)'(push);
  assign wgray_d  = wbin_d ^ (wbin_d >> 1);

  always_ff @(posedge wclk_i) begin
    if (push) mem_q[wbin_q[AW-1:0]] <= wdata_i;
  end

  always_ff @(posedge wclk_i or negedge wrst_ni) begin
    if (!wrst_ni) begin
      wbin_q  <= '0;
      wgray_q <= '0;
    end else begin
      wbin_q  <= wbin_d;
      wgray_q <= wgray_d;
    end
  end

  pagoda_sync #(.WIDTH(AW + 1)) u_sync_rptr (
    .clk_i  (wclk_i),
    .rst_ni (wrst_ni),
    .d_i    (rgray_q),
    .q_o    (rgray_in_w)
  );

  // ---- read side ----
  assign rvalid_o = rgray_q != wgray_in_r;
  assign pop      = rvalid_o && rready_i;
  assign rbin_d   = rbin_q + (AW + 1)'(pop);
  assign rgray_d  = rbin_d ^ (rbin_d >> 1);
  assign rdata_o  = mem_q[rbin_q[AW-1:0]];

  always_ff @(posedge rclk_i or negedge rrst_ni) begin
    if (!rrst_ni) begin
      rbin_q  <= '0;
      rgray_q <= '0;
    end else begin
      rbin_q  <= rbin_d;
      rgray_q <= rgray_d;
    end
  end

  pagoda_sync #(.WIDTH(AW + 1)) u_sync_wptr (
    .clk_i  (rclk_i),
    .rst_ni (rrst_ni),
    .d_i    (wgray_q),
    .q_o    (wgray_in_r)
  );

  if (AW < 2) begin : g_aw_check
    $error("pagoda_cdc_fifo: AW must be at least 2 (a two-entry FIFO stalls on every crossing)");
  end

endmodule
