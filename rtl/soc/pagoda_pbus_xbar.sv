// SPDX-License-Identifier: BSD-2-Clause
// PBUS crossbar (docs/bus.md, docs/soc.md). NM masters, NS slaves; each master's decoder names the
// target slave. Per slave: round-robin arbitration among the masters that request it, a lock that
// keeps the slave for one master while that master holds m_lock_i (AMO read..write), and a FIFO
// of master ids so that responses (in order per slave) go back to the right master. The FIFO's
// depth is the slave's (DEPTHS): how many of its requests may be in flight. A slave that answers
// the cycle after its grant needs 2 to take a request every cycle; one with a long latency and a
// pipeline of its own (the DRAM bridge: 8) needs as many as it keeps in flight, or a master that
// streams (a cache refill, pgaccel's DMA) waits a round trip every 2 requests.
// Per master: all outstanding requests go to one slave, so responses return in request order even
// when slaves differ in latency; a request to another slave waits until the earlier ones returned.
// The default parameters are the SoC's (pagoda_soc_pkg): a standalone build of this module (lint,
// synthesis, the equivalence check) sees the crossbar that pagoda_soc instantiates.
// REACH (bit m*NS+s: master m can select slave s; by default the SoC's, another NM/NS passes its
// own, '1 for every path) takes the paths no decoder can ask for out of the logic: a slave that
// only one master reaches takes that master's address and data as they are (its request line says
// when they count), and a master's response comes only from the slaves it reaches. pagoda_soc's
// decoders give pgaccel's DMA the RAM and the error slave only; the Arty A7-35T needs the area
// (docs/fpga.md). A request for a slave its master cannot reach is a decoder bug: an assertion
// stops the simulation.
`include "pagoda_assert.svh"
module pagoda_pbus_xbar #(
  parameter int unsigned NM = pagoda_soc_pkg::NUM_MASTERS,
  parameter int unsigned NS = pagoda_soc_pkg::NUM_SLAVES,
  parameter int unsigned SW = pagoda_soc_pkg::SLV_W,  // bits of a slave index
  parameter logic [NM*NS-1:0] REACH = pagoda_soc_pkg::XBAR_REACH,
  parameter logic [NS*4-1:0] DEPTHS = pagoda_soc_pkg::XBAR_DEPTHS   // slave s: [s*4 +: 4], 1..8
) (
  input  logic                 clk_i,
  input  logic                 rst_ni,
  // master side
  input  logic [NM-1:0]        m_req_i,
  input  logic [NM*SW-1:0]      m_sel_i,    // master m: bits [m*SW +: SW]
  input  logic [NM-1:0]        m_lock_i,
  input  logic [NM*32-1:0]     m_addr_i,
  input  logic [NM-1:0]        m_we_i,
  input  logic [NM*8-1:0]      m_be_i,
  input  logic [NM*64-1:0]     m_wdata_i,
  output logic [NM-1:0]        m_gnt_o,
  output logic [NM-1:0]        m_rvalid_o,
  output logic [NM*64-1:0]     m_rdata_o,
  output logic [NM-1:0]        m_err_o,
  // slave side
  output logic [NS-1:0]        s_req_o,
  output logic [NS*32-1:0]     s_addr_o,
  output logic [NS-1:0]        s_we_o,
  output logic [NS*8-1:0]      s_be_o,
  output logic [NS*64-1:0]     s_wdata_o,
  input  logic [NS-1:0]        s_gnt_i,
  input  logic [NS-1:0]        s_rvalid_i,
  input  logic [NS*64-1:0]     s_rdata_i,
  input  logic [NS-1:0]        s_err_i
);

  localparam int unsigned MW     = (NM > 1) ? $clog2(NM) : 1;  // bits of a master index
  localparam int unsigned DMAX   = 8;                          // the deepest id FIFO allowed
  localparam int unsigned FW     = 4;                          // an id FIFO's count, 0..DMAX
  localparam int unsigned OUT_W  = 4;                          // per-master outstanding counter
  localparam logic [OUT_W-1:0] OUT_MAX = '1;

  function automatic logic [FW-1:0] depth(input int unsigned s);
    depth = FW'(DEPTHS[s*4 +: 4]);
  endfunction

  // the slaves that one master alone reaches: bit s set while exactly one master so far has it
  function automatic logic [NS-1:0] single_reach(input logic [NM*NS-1:0] r);
    logic [NS-1:0] one, seen;
    one  = '0;
    seen = '0;
    for (int m = 0; m < NM; m++) begin
      one  = (one & ~r[m*NS +: NS]) | (r[m*NS +: NS] & ~seen);
      seen = seen | r[m*NS +: NS];
    end
    single_reach = one;
  endfunction
  localparam logic [NS-1:0] SINGLE = single_reach(REACH);

  // ---- state ----
  // Flat vectors, master m or slave s at [m*W +: W] / [s*W +: W] (simulation speed: Verilator
  // keeps each in one machine word, so the register copy and the next-state defaults are one
  // assignment each, not one per master or slave as with unpacked arrays)
  logic [NM*OUT_W-1:0] out_cnt_q, out_cnt_d;   // accepted, not yet answered
  logic [NM*SW-1:0]    out_sel_q, out_sel_d;   // the slave they went to
  logic [NS*MW-1:0]    rr_q, rr_d;             // last master granted per slave
  logic [NS-1:0]       lock_q, lock_d;         // slave held by lock_mst_q
  logic [NS*MW-1:0]    lock_mst_q, lock_mst_d;
  // id FIFO per slave, a shift register: slave s's entry k at [(s*DMAX+k)*MW +: MW], entry 0
  // the head; entries at or past the slave's depth are never written (constant 0)
  logic [NS*FW-1:0]      fifo_cnt_q, fifo_cnt_d;
  logic [NS*DMAX*MW-1:0] fifo_q, fifo_d;

  // ---- per-master eligibility ----
  logic [NM-1:0] m_ok;
  always_comb begin
    for (int m = 0; m < NM; m++) begin
      m_ok[m] = m_req_i[m] &&
                ((out_cnt_q[m*OUT_W +: OUT_W] == '0) ||
                 ((out_sel_q[m*SW +: SW] == m_sel_i[m*SW +: SW]) &&
                  (out_cnt_q[m*OUT_W +: OUT_W] != OUT_MAX)));
    end
  end

  // ---- per-slave arbitration ----
  // Simulation speed (Verilator evaluates all of this every cycle): requests are first spread into
  // a one-hot "requested" vector per master, the arbitration of a slave nobody requests is
  // skipped (most slaves, most cycles), and every part select into the flat buses has a constant
  // index (a loop over masters or slaves with a compare), not a computed one.
  logic [NS-1:0] s_any;
  logic [MW-1:0] s_win [NS];
  logic [NS-1:0] s_hs;
  logic [NS-1:0] m_tgt [NM];   // m_tgt[m][s]: master m may request slave s now
  logic [NS-1:0] s_wanted;
  always_comb begin
    s_wanted = '0;
    for (int m = 0; m < NM; m++) begin
      m_tgt[m] = '0;
      if (m_ok[m]) m_tgt[m][m_sel_i[m*SW +: SW]] = 1'b1;
      m_tgt[m] = m_tgt[m] & REACH[m*NS +: NS];
      s_wanted = s_wanted | m_tgt[m];
    end
  end

  always_comb begin
    // the address/data of an idle slave are left 0
    s_addr_o  = '0;
    s_we_o    = '0;
    s_be_o    = '0;
    s_wdata_o = '0;
    s_any     = '0;
    for (int s = 0; s < NS; s++) begin
      logic [NM-1:0] cand;
      logic          found;
      logic [MW-1:0] idx;
      s_win[s] = '0;
      cand     = '0;
      found    = 1'b0;
      idx      = '0;
      if (s_wanted[s]) begin
        for (int m = 0; m < NM; m++) cand[m] = m_tgt[m][s];
        // a held lock excludes everyone but its owner
        if (lock_q[s] && m_lock_i[lock_mst_q[s*MW +: MW]]) begin
          for (int m = 0; m < NM; m++) begin
            if (MW'(m) != lock_mst_q[s*MW +: MW]) cand[m] = 1'b0;
          end
        end
        // round robin: the first candidate after the last winner
        for (int k = 1; k <= NM; k++) begin
          // (rr + k) mod NM without a divider: both terms are below NM
          idx = (32'(rr_q[s*MW +: MW]) + 32'(k) >= NM) ?
                MW'(32'(rr_q[s*MW +: MW]) + 32'(k) - NM) : MW'(32'(rr_q[s*MW +: MW]) + 32'(k));
          if (!found && cand[idx]) begin
            found    = 1'b1;
            s_win[s] = idx;
          end
        end
        s_any[s] = found && (fifo_cnt_q[s*FW +: FW] != depth(s));
        for (int m = 0; m < NM; m++) begin
          if (!SINGLE[s] && found && s_win[s] == MW'(m)) begin
            s_addr_o[s*32 +: 32]  = m_addr_i[m*32 +: 32];
            s_we_o[s]             = m_we_i[m];
            s_be_o[s*8 +: 8]      = m_be_i[m*8 +: 8];
            s_wdata_o[s*64 +: 64] = m_wdata_i[m*64 +: 64];
          end
        end
      end
      // a slave one master alone reaches: that master's payload, no multiplexer
      for (int m = 0; m < NM; m++) begin
        if (SINGLE[s] && REACH[m*NS + s]) begin
          s_addr_o[s*32 +: 32]  = m_addr_i[m*32 +: 32];
          s_we_o[s]             = m_we_i[m];
          s_be_o[s*8 +: 8]      = m_be_i[m*8 +: 8];
          s_wdata_o[s*64 +: 64] = m_wdata_i[m*64 +: 64];
        end
      end
    end
    s_req_o = s_any;
    s_hs    = s_any & s_gnt_i;
  end

  // ---- grants and responses to masters ----
  always_comb begin
    for (int m = 0; m < NM; m++) begin
      logic [SW-1:0] os;
      m_gnt_o[m] = m_ok[m] && s_hs[m_sel_i[m*SW +: SW]] && (s_win[m_sel_i[m*SW +: SW]] == MW'(m));
      // responses come only from the slave this master's outstanding requests went to
      os            = out_sel_q[m*SW +: SW];
      m_rvalid_o[m] = 1'b0;
      if (out_cnt_q[m*OUT_W +: OUT_W] != '0) begin   // (an if: Verilator does not short-circuit)
        m_rvalid_o[m] = s_rvalid_i[os] && (fifo_cnt_q[os*FW +: FW] != '0) &&
                        (fifo_q[os*DMAX*MW +: MW] == MW'(m));
      end
      if (REACH[m*NS +: NS] == '1) begin
        m_rdata_o[m*64 +: 64] = s_rdata_i[os*64 +: 64];
        m_err_o[m]            = s_err_i[os];
      end else begin
        // only the slaves this master reaches can answer it
        m_rdata_o[m*64 +: 64] = '0;
        m_err_o[m]            = 1'b0;
        for (int s = 0; s < NS; s++) begin
          if (REACH[m*NS + s] && os == SW'(s)) begin
            m_rdata_o[m*64 +: 64] = s_rdata_i[s*64 +: 64];
            m_err_o[m]            = s_err_i[s];
          end
        end
      end
    end
  end

  // ---- next state ----
  // A slave's arbitration state changes only on a handshake, a response or a held lock. In
  // simulation the others keep theirs without being looked at (most slaves are idle most cycles:
  // a fifth of Verilator's crossbar work). Synthesis does not get the test: it cannot tell that
  // the logic below already keeps an idle slave's state, and would pay ~130 LUTs for it. The two
  // versions are proven equivalent in `make test` (suite rtl-equiv: tests/equiv/run.sh).
  logic [NS-1:0] s_busy;
`ifdef VERILATOR
  assign s_busy = s_any | s_rvalid_i | lock_q;
`else
  assign s_busy = '1;
`endif
  always_comb begin
    lock_d     = lock_q;
    rr_d       = rr_q;
    lock_mst_d = lock_mst_q;
    fifo_d     = fifo_q;
    fifo_cnt_d = fifo_cnt_q;
    for (int m = 0; m < NM; m++) begin
      out_sel_d[m*SW +: SW]       = m_gnt_o[m] ? m_sel_i[m*SW +: SW] : out_sel_q[m*SW +: SW];
      out_cnt_d[m*OUT_W +: OUT_W] = out_cnt_q[m*OUT_W +: OUT_W] + OUT_W'(m_gnt_o[m]) -
                                    OUT_W'(m_rvalid_o[m]);
    end
    for (int s = 0; s < NS; s++) begin
      logic pop;
      pop = 1'b0;
      if (s_busy[s]) begin
        pop = s_rvalid_i[s] && (fifo_cnt_q[s*FW +: FW] != '0);
        // FIFO: pop the head (the rest shift down), then push at the first free entry
        for (int k = 0; k < DMAX; k++) begin
          if (k < int'(depth(s))) begin
            if (pop && k + 1 < int'(depth(s))) begin
              fifo_d[(s*DMAX+k)*MW +: MW] = fifo_q[(s*DMAX+k+1)*MW +: MW];
            end
            if (s_hs[s] && fifo_cnt_q[s*FW +: FW] - FW'(pop) == FW'(k)) begin
              fifo_d[(s*DMAX+k)*MW +: MW] = s_win[s];
            end
          end
        end
        fifo_cnt_d[s*FW +: FW] = fifo_cnt_q[s*FW +: FW] + FW'(s_hs[s]) - FW'(pop);
        if (s_hs[s]) begin
          rr_d[s*MW +: MW]       = s_win[s];
          lock_d[s]     = m_lock_i[s_win[s]];
          lock_mst_d[s*MW +: MW] = s_win[s];
        end else begin
          // A stalled slave keeps its request (PBUS: no change until the grant): the winner,
          // whose master holds its request, stays first in the round robin until it is granted.
          if (s_any[s]) begin
            rr_d[s*MW +: MW] = (s_win[s] == '0) ? MW'(NM - 1) : s_win[s] - MW'(1);
          end
          if (lock_q[s] && !m_lock_i[lock_mst_q[s*MW +: MW]]) lock_d[s] = 1'b0;
        end
      end
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      lock_q     <= '0;
      out_cnt_q  <= '0;
      out_sel_q  <= '0;
      rr_q       <= '0;
      lock_mst_q <= '0;
      fifo_cnt_q <= '0;
      fifo_q     <= '0;
    end else begin
      lock_q     <= lock_d;
      out_cnt_q  <= out_cnt_d;
      out_sel_q  <= out_sel_d;
      rr_q       <= rr_d;
      lock_mst_q <= lock_mst_d;
      fifo_cnt_q <= fifo_cnt_d;
      fifo_q     <= fifo_d;
    end
  end

  // ---- assertions (pagoda_assert.svh; docs/bus.md's rules) ----
  // Checks over all slaves or masters at once where the flat vectors allow it (simulation speed:
  // every one of them runs every cycle).
  // one transfer per slave and cycle: two masters granted to one slave would hand it two requests
  for (genvar m = 0; m < NM; m++) begin : g_assert_pair
    for (genvar n = m + 1; n < NM; n++) begin : g_other
      `ASSERT_NEVER(XbarGntOneHot, m_gnt_o[m] && m_gnt_o[n] &&
                                   m_sel_i[m*SW +: SW] == m_sel_i[n*SW +: SW])
    end
  end
  `ASSERT_NEVER(XbarGntNoReq, (m_gnt_o & ~m_req_i) != '0)
  // a master asks only for slaves it reaches (REACH: its decoder's slaves)
  for (genvar m = 0; m < NM; m++) begin : g_assert_reach
    `ASSERT_NEVER(XbarReach, m_req_i[m] && !REACH[m*NS + 32'(m_sel_i[m*SW +: SW])])
  end
  // no response out of reset state (grants follow the masters' requests, even in reset)
  `ASSERT_RESET(XbarNoRespInReset, m_rvalid_o == '0)
  for (genvar s = 0; s < NS; s++) begin : g_assert_slave
    // a slave answers only what it accepted (its id FIFO holds one entry per accepted request)
    `ASSERT_NEVER(XbarRespNoReq, s_rvalid_i[s] && fifo_cnt_q[s*FW +: FW] == '0)
    // an id FIFO never holds more than its depth, which is 1..DMAX
    `ASSERT_INIT(XbarDepthRange, depth(s) >= FW'(1) && depth(s) <= FW'(DMAX))
    `ASSERT_NEVER(XbarFifoOverflow, fifo_cnt_q[s*FW +: FW] > depth(s))
    // the crossbar is the master of the slave side: no change to a request until its grant
    `ASSERT_HELD(XbarSlaveReqHeld, s_req_o[s], s_gnt_i[s],
                 {s_addr_o[s*32 +: 32], s_we_o[s], s_be_o[s*8 +: 8], s_wdata_o[s*64 +: 64]})
  end
  for (genvar m = 0; m < NM; m++) begin : g_assert_master
    `ASSERT_HELD(XbarReqHeld, m_req_i[m], m_gnt_o[m],
                 {m_addr_i[m*32 +: 32], m_we_i[m], m_be_i[m*8 +: 8], m_wdata_i[m*64 +: 64]})
    // the outstanding count must not wrap (m_ok holds a full master back)
    `ASSERT_NEVER(XbarOutOverflow, m_gnt_o[m] && !m_rvalid_o[m] &&
                                   out_cnt_q[m*OUT_W +: OUT_W] == OUT_MAX)
  end

endmodule
