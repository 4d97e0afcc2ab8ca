// SPDX-License-Identifier: BSD-2-Clause
// Pagoda core: L1 instruction cache (docs/core.md "Instruction cache"). Direct-mapped, 64-byte
// lines, physically tagged: it sits between the fetch unit's lane requests (already translated)
// and the PBUS instruction port. It answers a hit one cycle after the grant, as the 1-cycle RAM
// does, so on a hit fetch sees no difference.
//
//   - Only [CACHE_BASE, CACHE_BASE + CACHE_SIZE) (RAM) is cacheable; every other request (boot
//     ROM, devices, the error region) passes through to the port unchanged (PMA, docs/core.md).
//   - A miss holds fetch's request (no grant) while the line is refilled with 8 pipelined lane
//     reads on the port; the held request then hits. A refill answered with an error on any beat
//     allocates nothing: the line is marked "uncached" until the next invalidate, so each of its
//     lanes is fetched through the port and gets its own answer (an access fault where it fails).
//   - invalidate_i (fence.i) starts a walk that clears one line's entry per cycle (LINES cycles,
//     256 at 16 KiB; fetch waits), as does reset; a refill in progress is completed but not
//     allocated (it may hold bytes read before the stores fence.i orders), then the walk runs.
//
// Storage: the data array has one synchronous read port and one write port (the refill), which
// Yosys maps onto block RAM; each line's {valid, tag} entry sits in a LUT RAM read in the request
// cycle and written by a refill's last beat or by the walk. The valid bits were flops for a one-cycle invalidate: 256 flops and their
// decode and read mux cost more LUTs than the tags (docs/core.md "Instruction cache").
`include "pagoda_assert.svh"
module pagoda_icache #(
  parameter int unsigned SIZE_BYTES = pagoda_core_pkg::ICACHE_BYTES,            // 4096 .. 16384, a power of two
  parameter logic [31:0] CACHE_BASE = pagoda_pkg::RAM_BASE,   // the cacheable region (RAM)
  parameter logic [31:0] CACHE_SIZE = pagoda_pkg::RAM_SIZE
) (
  input  logic        clk_i,
  input  logic        rst_ni,
  input  logic        invalidate_i,   // fence.i: drop every line
  // slave side: fetch's lane reads (PBUS, read-only)
  input  logic        f_req_i,
  output logic        f_gnt_o,
  input  logic [31:0] f_addr_i,
  output logic        f_rvalid_o,
  output logic [63:0] f_rdata_o,
  output logic        f_err_o,
  // master side: the core's instruction port
  output logic        m_req_o,
  input  logic        m_gnt_i,
  output logic [31:0] m_addr_o,
  input  logic        m_rvalid_i,
  input  logic [63:0] m_rdata_i,
  input  logic        m_err_i,
  // events for the performance counters (one cycle each)
  output logic        ev_access_o,    // a cacheable lane read answered from the cache
  output logic        ev_miss_o       // a refill started
);
  localparam int unsigned LINES  = SIZE_BYTES / 64;
  localparam int unsigned IDX_W  = $clog2(LINES);
  localparam int unsigned TAG_W  = 32 - 6 - IDX_W;
  localparam int unsigned BEATS  = 8;                  // 64-byte line / 8-byte lanes
  localparam int unsigned PT_MAX = 4;                  // fetch never has more in flight

  typedef enum logic [1:0] {
    IcFlush,     // after reset and fence.i: one line's entry cleared per cycle; fetch waits
    IcIdle,      // lookups; uncached requests pass through
    IcRefill     // 8 lane reads of one line on the port; fetch waits
  } ic_state_e;

  ic_state_e           state_q, state_d;
  logic [IDX_W-1:0]    flush_idx_q, flush_idx_d;  // the next entry the walk clears
  logic [TAG_W:0]      tag_mem [LINES];           // {valid, tag} per line
  logic [63:0]         data_mem [LINES * BEATS];
  logic [63:0]         rdata_q;
  logic                hit_q, hit_d;               // a hit was granted: its data is in rdata_q
  logic [2:0]          pt_cnt_q, pt_cnt_d;         // pass-through reads awaiting their answer
  logic                pt_hold_q, pt_hold_d;       // a pass-through request waits for its grant
  logic [25:0]         line_q, line_d;             // the line being refilled (addr[31:6])
  logic [3:0]          req_cnt_q, req_cnt_d;       // refill beats requested
  logic [3:0]          rsp_cnt_q, rsp_cnt_d;       // refill beats answered
  logic                fill_err_q, fill_err_d;     // a beat of this refill came back with err
  logic                fill_stale_q, fill_stale_d; // invalidated during the refill
  logic                nc_valid_q, nc_valid_d;     // line nc_line_q failed a refill: uncached
  logic [25:0]         nc_line_q, nc_line_d;

  // ---------------------------------------------------------------- lookup
  logic [IDX_W-1:0] f_idx, fill_idx;
  logic [TAG_W-1:0] f_tag;
  logic             in_ram, cacheable, hit, pt_quiet;

  assign f_idx     = f_addr_i[6 +: IDX_W];
  assign f_tag     = f_addr_i[31 -: TAG_W];
  assign fill_idx  = line_q[IDX_W-1:0];
  assign in_ram    = (f_addr_i - CACHE_BASE) < CACHE_SIZE;
  // a pass-through request keeps its way until granted, even if an invalidate clears nc_line
  assign cacheable = in_ram && !pt_hold_q && !(nc_valid_q && f_addr_i[31:6] == nc_line_q);
  assign hit       = tag_mem[f_idx] == {1'b1, f_tag};
  // a hit answers next cycle: only when no pass-through answer is still due before it
  assign pt_quiet  = (pt_cnt_q == 3'd0) || (pt_cnt_q == 3'd1 && m_rvalid_i);

  logic f_hit_gnt, f_miss, f_pass;
  assign f_hit_gnt = (state_q == IcIdle) && f_req_i && cacheable && hit && pt_quiet &&
                     !invalidate_i;
  assign f_miss    = (state_q == IcIdle) && f_req_i && cacheable && !hit && pt_quiet &&
                     !invalidate_i;
  // uncached requests pass through during a walk too (a held one stays held across fence.i)
  assign f_pass    = (state_q != IcRefill) && f_req_i && !cacheable;

  // ---------------------------------------------------------------- port and answers
  logic refill_req, refill_rsp, refill_last;
  assign refill_req  = (state_q == IcRefill) && (req_cnt_q < 4'(BEATS));
  assign refill_rsp  = (state_q == IcRefill) && m_rvalid_i;
  assign refill_last = refill_rsp && (rsp_cnt_q == 4'(BEATS - 1));

  always_comb begin
    m_req_o  = 1'b0;
    m_addr_o = f_addr_i;
    if (refill_req) begin
      m_req_o  = 1'b1;
      m_addr_o = {line_q, req_cnt_q[2:0], 3'b000};
    end else if (f_pass) begin
      m_req_o  = 1'b1;
    end
  end

  assign f_gnt_o    = f_hit_gnt || (f_pass && m_gnt_i);
  // a pass-through answer may arrive during a walk begun after its grant
  assign f_rvalid_o = hit_q || (m_rvalid_i && state_q != IcRefill);
  assign f_rdata_o  = hit_q ? rdata_q : m_rdata_i;
  assign f_err_o    = !hit_q && m_err_i;

  assign ev_access_o = f_hit_gnt;
  assign ev_miss_o   = f_miss;

  // ---------------------------------------------------------------- state
  always_comb begin
    state_d      = state_q;
    flush_idx_d  = flush_idx_q;
    hit_d        = f_hit_gnt;
    pt_cnt_d     = pt_cnt_q + 3'(f_pass && m_gnt_i) - 3'(m_rvalid_i && state_q != IcRefill);
    pt_hold_d    = f_pass && !m_gnt_i;
    line_d       = line_q;
    req_cnt_d    = req_cnt_q + 4'(refill_req && m_gnt_i);
    rsp_cnt_d    = rsp_cnt_q + 4'(refill_rsp);
    fill_err_d   = fill_err_q || (refill_rsp && m_err_i);
    fill_stale_d = fill_stale_q || invalidate_i;
    nc_valid_d   = nc_valid_q && !invalidate_i;
    nc_line_d    = nc_line_q;

    unique case (state_q)
      IcFlush: begin
        // no line is allocated during the walk: an invalidate now changes nothing
        flush_idx_d = flush_idx_q + IDX_W'(1);
        if (flush_idx_q == IDX_W'(LINES - 1)) state_d = IcIdle;
      end
      IcIdle: begin
        if (invalidate_i) begin
          state_d     = IcFlush;
          flush_idx_d = '0;
        end else if (f_miss) begin
          // the line's entry is rewritten at the last beat (valid or not); no hit until then
          state_d          = IcRefill;
          line_d           = f_addr_i[31:6];
          req_cnt_d        = 4'd0;
          rsp_cnt_d        = 4'd0;
          fill_err_d       = 1'b0;
          fill_stale_d     = 1'b0;
        end
      end
      IcRefill: begin
        if (refill_last) begin
          state_d     = fill_stale_d ? IcFlush : IcIdle;
          flush_idx_d = '0;
          if (fill_err_d) begin
            nc_valid_d = 1'b1;
            nc_line_d  = line_q;
          end
        end
      end
      default: begin
        state_d     = IcFlush;
        flush_idx_d = '0;
      end
    endcase
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      state_q      <= IcFlush;
      flush_idx_q  <= '0;
      hit_q        <= 1'b0;
      pt_cnt_q     <= 3'd0;
      pt_hold_q    <= 1'b0;
      line_q       <= '0;
      req_cnt_q    <= 4'd0;
      rsp_cnt_q    <= 4'd0;
      fill_err_q   <= 1'b0;
      fill_stale_q <= 1'b0;
      nc_valid_q   <= 1'b0;
      nc_line_q    <= '0;
    end else begin
      state_q      <= state_d;
      flush_idx_q  <= flush_idx_d;
      hit_q        <= hit_d;
      pt_cnt_q     <= pt_cnt_d;
      pt_hold_q    <= pt_hold_d;
      line_q       <= line_d;
      req_cnt_q    <= req_cnt_d;
      rsp_cnt_q    <= rsp_cnt_d;
      fill_err_q   <= fill_err_d;
      fill_stale_q <= fill_stale_d;
      nc_valid_q   <= nc_valid_d;
      nc_line_q    <= nc_line_d;
    end
  end

  // Arrays: no reset (the walk out of reset clears every entry's valid bit). The data array's read is registered and
  // enabled only by a granted hit: the block-RAM shape (one read port, one write port).
  always_ff @(posedge clk_i) begin
    if (refill_rsp) data_mem[{fill_idx, rsp_cnt_q[2:0]}] <= m_rdata_i;
    if (f_hit_gnt)  rdata_q <= data_mem[{f_idx, f_addr_i[5:3]}];
  end

  // One write port: the walk clears an entry; a refill's last beat writes its line's entry,
  // valid unless a beat failed or fence.i came during the refill.
  logic             t_we;
  logic [IDX_W-1:0] t_waddr;
  logic [TAG_W:0]   t_wdata;
  always_comb begin
    t_we    = refill_last;
    t_waddr = fill_idx;
    t_wdata = {!fill_err_d && !fill_stale_d, line_q[25 -: TAG_W]};
    if (state_q == IcFlush) begin
      t_we    = 1'b1;
      t_waddr = flush_idx_q;
      t_wdata = '0;
    end
  end

  always_ff @(posedge clk_i) begin
    if (t_we) tag_mem[t_waddr] <= t_wdata;
  end

  // ---- assertions (pagoda_assert.svh) ----
  `ASSERT_INIT(IcSizeLegal, SIZE_BYTES >= 4096 && SIZE_BYTES <= 16384 &&
                            (SIZE_BYTES & (SIZE_BYTES - 1)) == 0)
  `ASSERT(IcStateLegal, state_q inside {IcFlush, IcIdle, IcRefill})
  // PBUS, both sides (docs/bus.md): the port's request held until granted; answers only for
  // requests granted and not yet answered
  `ASSERT_HELD(IcPortReqHeld, m_req_o, m_gnt_i, m_addr_o)
  `ASSERT_NEVER(IcRespNoReq, m_rvalid_i && state_q != IcRefill && pt_cnt_q == 3'd0)
  `ASSERT_NEVER(IcRefillRespNoReq, refill_rsp && rsp_cnt_q >= req_cnt_q)
  `ASSERT(IcRefillCount, req_cnt_q <= 4'(BEATS) && rsp_cnt_q <= req_cnt_q)
  `ASSERT(IcPassBound, pt_cnt_q <= 3'(PT_MAX))
  // a hit's answer never meets a pass-through answer (one response per cycle, in order)
  `ASSERT_NEVER(IcTwoAnswers, hit_q && m_rvalid_i && state_q != IcRefill)
  // a refill starts only with nothing passed through still in flight
  `ASSERT_NEVER(IcRefillWithPass, state_q == IcRefill && pt_cnt_q != 3'd0)
  `ASSERT_NEVER(IcGntRefill, f_gnt_o && state_q == IcRefill)
  // a cacheable request waits out the walk
  `ASSERT_NEVER(IcGntFlushCached, f_gnt_o && state_q == IcFlush && cacheable)

endmodule
