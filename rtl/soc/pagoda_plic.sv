// SPDX-License-Identifier: BSD-2-Clause
// PLIC at 0xc00_0000 (riscv,plic0 register layout, as QEMU virt): NSRC-1 level-triggered sources
// (source 0 does not exist), NCTX contexts (context 2h = hart h M-mode, 2h+1 = S-mode).
//   0x000000 + 4*i      priority of source i (0 = never interrupts)
//   0x001000            pending bits (read-only)
//   0x002000 + 0x80*c   enable bits of context c
//   0x200000 + 0x1000*c threshold of context c; +4: claim (read) / complete (write)
// A source becomes pending while its line is high and it is not claimed; claiming returns the
// enabled pending source of highest priority above the threshold (lowest id on ties) and clears its
// pending bit; after the complete write it can become pending again. eip_o[c] is high while context
// c has such a source. Unimplemented offsets read 0 and ignore writes.
`include "pagoda_assert.svh"
module pagoda_plic #(
  parameter int unsigned NSRC   = 32,   // sources 0..NSRC-1, at most 32
  parameter int unsigned NCTX   = 2,
  parameter int unsigned PRIO_W = 3
) (
  input  logic            clk_i,
  input  logic            rst_ni,
  input  logic            req_i,
  output logic            gnt_o,
  input  logic [31:0]     addr_i,
  input  logic            we_i,
  input  logic [7:0]      be_i,
  input  logic [63:0]     wdata_i,
  output logic            rvalid_o,
  output logic [63:0]     rdata_o,
  output logic            err_o,
  input  logic [NSRC-1:0] irq_i,
  output logic [NCTX-1:0] eip_o
);

  localparam int unsigned IDW = $clog2(NSRC);

  logic [PRIO_W-1:0] prio_q [NSRC];
  logic [PRIO_W-1:0] prio_d [NSRC];
  logic [NSRC-1:0]   pend_q, pend_d;
  logic [NSRC-1:0]   claimed_q, claimed_d;
  logic [NSRC-1:0]   en_q [NCTX];
  logic [NSRC-1:0]   en_d [NCTX];
  logic [PRIO_W-1:0] thr_q [NCTX];
  logic [PRIO_W-1:0] thr_d [NCTX];
  logic              rvalid_q;
  logic [63:0]       rdata_q, rdata_d;

  logic [19:0]       lane;   // 8-byte lane index in the 8 MiB window
  logic              rd, wr;
  logic [IDW-1:0]    best_id [NCTX];
  logic [NCTX-1:0]   best_ok;

  assign gnt_o = 1'b1;
  assign lane  = addr_i[22:3];
  assign rd    = req_i && !we_i;
  assign wr    = req_i && we_i;

  // highest-priority enabled pending source above the threshold, per context (the search is
  // skipped when nothing is pending and enabled, which is almost always: simulation speed)
  always_comb begin
    for (int c = 0; c < NCTX; c++) begin
      logic [PRIO_W-1:0] bp;
      logic [NSRC-1:0]   cand;
      cand       = pend_q & en_q[c];
      bp         = thr_q[c];
      best_id[c] = '0;
      best_ok[c] = 1'b0;
      if (cand != '0) begin
        for (int i = 1; i < NSRC; i++) begin
          if (cand[i] && (prio_q[i] > bp)) begin
            bp         = prio_q[i];
            best_id[c] = IDW'(i);
            best_ok[c] = 1'b1;
          end
        end
      end
      eip_o[c] = best_ok[c];
    end
  end

  always_comb begin
    logic [NSRC-1:0] claim_set, claim_clr;
    claim_set = '0;
    claim_clr = '0;
    rdata_d   = 64'h0;
    for (int i = 0; i < NSRC; i++) prio_d[i] = prio_q[i];
    for (int c = 0; c < NCTX; c++) begin
      en_d[c]  = en_q[c];
      thr_d[c] = thr_q[c];
    end

    // register accesses (skipped without a request)
    if (req_i) begin
      // priorities: two sources per lane
      if (lane[19:9] == 11'd0) begin
        for (int i = 1; i < NSRC; i++) begin
          if (lane[8:0] == 9'(i / 2)) begin
            if (wr && be_i[4 * (i % 2)]) prio_d[i] = wdata_i[32 * (i % 2) +: PRIO_W];
            rdata_d[32 * (i % 2) +: PRIO_W] = prio_q[i];
          end
        end
      end
      // pending bits
      if (lane == 20'(pagoda_pkg::PLIC_PENDING_OFFSET / 8)) rdata_d[NSRC-1:0] = pend_q;
      for (int c = 0; c < NCTX; c++) begin
        // enables (bit 0 of source 0 is hard-wired to 0)
        if (lane == 20'((pagoda_pkg::PLIC_ENABLE_OFFSET +
                        pagoda_pkg::PLIC_ENABLE_STRIDE * c) / 8)) begin
          if (wr) begin
            for (int i = 1; i < NSRC; i++) begin
              if (be_i[i / 8]) en_d[c][i] = wdata_i[i];
            end
          end
          rdata_d[NSRC-1:0] = en_q[c];
        end
        // threshold (low word) and claim/complete (high word: CLAIM_OFFSET is 4)
        if (lane == 20'((pagoda_pkg::PLIC_CTX_OFFSET + pagoda_pkg::PLIC_CTX_STRIDE * c) / 8)) begin
          if (wr && be_i[0]) thr_d[c] = wdata_i[PRIO_W-1:0];
          if (wr && be_i[4] && (wdata_i[63:32] < NSRC)) begin
            claim_clr[wdata_i[32 +: IDW]] = 1'b1;
          end
          rdata_d[PRIO_W-1:0] = thr_q[c];
          if (rd && be_i[4]) begin
            rdata_d[32 +: IDW] = best_id[c];
            if (best_ok[c]) claim_set[best_id[c]] = 1'b1;
          end
        end
      end
    end
    if (!rd) rdata_d = 64'h0;

    claimed_d = (claimed_q | claim_set) & ~claim_clr;
    // gateway: a high line pends unless claimed; a claim clears the pending bit
    pend_d    = (pend_q | (irq_i & ~claimed_q)) & ~claim_set;
    pend_d[0] = 1'b0;
    prio_d[0] = '0;
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      pend_q    <= '0;
      claimed_q <= '0;
      rvalid_q  <= 1'b0;
      rdata_q   <= 64'h0;
      for (int i = 0; i < NSRC; i++) prio_q[i] <= '0;
      for (int c = 0; c < NCTX; c++) begin
        en_q[c]  <= '0;
        thr_q[c] <= '0;
      end
    end else begin
      pend_q    <= pend_d;
      claimed_q <= claimed_d;
      rvalid_q  <= req_i;
      rdata_q   <= rdata_d;
      for (int i = 0; i < NSRC; i++) prio_q[i] <= prio_d[i];
      for (int c = 0; c < NCTX; c++) begin
        en_q[c]  <= en_d[c];
        thr_q[c] <= thr_d[c];
      end
    end
  end

  assign rvalid_o = rvalid_q;
  assign rdata_o  = rdata_q;
  assign err_o    = 1'b0;

  logic unused;
  assign unused = ^{addr_i[31:23], addr_i[2:0]};

  // ---- assertions (pagoda_assert.svh) ----
  // PBUS slave that grants at once and answers the next cycle: one response per request
  `ASSERT_NEXT(PlicRespNoReq, !(req_i && gnt_o), !rvalid_o)
  `ASSERT_NEXT(PlicRespOnce, req_i && gnt_o, rvalid_o)

endmodule
