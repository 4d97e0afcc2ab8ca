// SPDX-License-Identifier: BSD-2-Clause
// Pagoda core: hardware performance monitor (docs/core.md "Performance counters"). HPM_N
// counters, mhpmcounter3.., each counting the event number its mhpmevent holds (one of the
// HPM_NEV event inputs; 0 or an unknown number counts nothing); counters and selectors 3 + HPM_N
// .. 31 are read-only zero. pagoda_csr decodes the access rules (privilege, read-only
// hpmcounterN, mcounteren/scounteren) and holds mcountinhibit; this module only stores and counts.
`include "pagoda_assert.svh"
module pagoda_hpm #(
  parameter int unsigned N   = pagoda_core_pkg::HPM_N,
  parameter int unsigned NEV = pagoda_core_pkg::HPM_NEV
) (
  input  logic           clk_i,
  input  logic           rst_ni,
  input  logic [NEV:1]   events_i,      // event k this cycle (one count per cycle at most)
  input  logic [N+2:3]   inhibit_i,     // mcountinhibit bits of the counters
  // CSR access (mhpmcounterN 0xB03.., hpmcounterN 0xC03.., mhpmeventN 0x323..)
  input  logic [11:0]    csr_addr_i,
  input  logic           csr_we_i,      // a committed write of an HPM CSR
  input  logic [63:0]    csr_wdata_i,
  output logic           is_hpm_o,      // csr_addr_i is one of the HPM CSRs (3..31)
  output logic [63:0]    csr_rdata_o
);
  // Counter i (3 .. N+2) at bits (i-3)*64 and (i-3)*8: flat vectors, not unpacked arrays, whose
  // per-element writes Verilator turns into delayed array updates every cycle (simulation speed;
  // the same registers)
  logic [N*64-1:0] cnt_q;
  logic [N*8-1:0]  event_q;

  logic [4:0] idx;
  logic       is_cnt, is_evt, in_range;
  assign idx      = csr_addr_i[4:0];
  assign is_cnt   = (csr_addr_i[11:5] == 7'h58) || (csr_addr_i[11:5] == 7'h60);   // 0xB00, 0xC00
  assign is_evt   = (csr_addr_i[11:5] == 7'h19);                                  // 0x320
  assign is_hpm_o = (is_cnt || is_evt) && (idx >= 5'd3);
  assign in_range = (idx >= 5'd3) && (idx <= 5'(N + 2));

  always_comb begin
    csr_rdata_o = 64'd0;
    for (int unsigned i = 3; i <= N + 2; i++) begin
      if (in_range && idx == 5'(i)) begin
        csr_rdata_o = is_cnt ? cnt_q[(i-3)*64 +: 64] : {56'd0, event_q[(i-3)*8 +: 8]};
      end
    end
  end

  // One counter: counts when its selector names an event that happens this cycle; a CSR write of
  // the counter in the same cycle wins (the writing instruction sees its value afterwards).
  for (genvar i = 3; i <= N + 2; i++) begin : g_ctr
    logic         hit, wr_cnt, wr_evt;
    logic [NEV:1] sel;
    for (genvar k = 1; k <= NEV; k++) begin : g_sel
      assign sel[k] = (event_q[(i-3)*8 +: 8] == 8'(k));
    end
    assign hit    = !inhibit_i[i] && |(sel & events_i);
    assign wr_cnt = csr_we_i && is_cnt && idx == 5'(i);
    assign wr_evt = csr_we_i && is_evt && idx == 5'(i);
    always_ff @(posedge clk_i or negedge rst_ni) begin
      if (!rst_ni) begin
        cnt_q[(i-3)*64 +: 64]  <= 64'd0;
        event_q[(i-3)*8 +: 8] <= 8'd0;
      end else begin
        if (wr_cnt)   cnt_q[(i-3)*64 +: 64]  <= csr_wdata_i;
        else if (hit) cnt_q[(i-3)*64 +: 64]  <= cnt_q[(i-3)*64 +: 64] + 64'd1;
        if (wr_evt)   event_q[(i-3)*8 +: 8] <= csr_wdata_i[7:0];
      end
    end
  end

  logic unused_wdata;
  assign unused_wdata = ^csr_wdata_i[63:8];

  // ---- assertions (pagoda_assert.svh) ----
  // writes reach only existing HPM CSRs; hpmcounterN (0xC..) is read-only
  `ASSERT_NEVER(HpmWriteNotHpm, csr_we_i && !is_hpm_o)
  `ASSERT_NEVER(HpmWriteReadOnly, csr_we_i && csr_addr_i[11:10] == 2'b11)
  `ASSERT_INIT(HpmCount, N >= 1 && N <= 29 && NEV >= 1 && NEV < 255)

endmodule
