// SPDX-License-Identifier: BSD-2-Clause
// Pagoda core: instruction fetch. Prefetches 8-byte lanes into a 4-entry queue, translates each
// lane address through the core's ITLB port, reads it through the instruction cache
// (pagoda_icache), aligns 16/32-bit instructions (which may straddle lanes) and expands compressed
// ones. A redirect empties the queue; responses still in flight are discarded.
`include "pagoda_assert.svh"
module pagoda_fetch #(
  parameter logic [63:0] BOOT_PC     = 64'h1000,
  parameter int unsigned ICACHE_SIZE = pagoda_core_pkg::ICACHE_BYTES,           // bytes; 0: no instruction cache
  parameter logic [31:0] CACHE_BASE  = pagoda_pkg::RAM_BASE,  // cacheable region (RAM): PMA
  parameter logic [31:0] CACHE_SIZE  = pagoda_pkg::RAM_SIZE
) (
  input  logic        clk_i,
  input  logic        rst_ni,
  // redirect from execute (taken branch, jump, trap, xRET, fence.i, CSR write)
  input  logic        redirect_i,
  input  logic [63:0] redirect_pc_i,
  // instruction to execute
  output logic        valid_o,
  input  logic        ready_i,
  output logic [63:0] pc_o,
  output logic [31:0] instr_o,      // expanded 32-bit instruction
  output logic [31:0] raw_o,        // instruction bits as fetched (16 or 32 bits)
  output logic        compressed_o,
  output logic        rvc_illegal_o,
  output logic [1:0]  exc_o,        // FEXC_*: fetch fault of this instruction
  output logic [63:0] tval_o,
  // address translation of the lane to request (combinational answer from the core)
  output logic [63:0] xlate_vaddr_o,
  input  logic        xlate_ok_i,
  input  logic [31:0] xlate_paddr_i,
  input  logic [1:0]  xlate_fault_i,  // FEXC_*: translation/permission fault
  input  logic        xlate_miss_i,   // TLB miss: a page-table walk is needed
  output logic        walk_req_o,
  input  logic        walk_ack_i,     // walker accepted our request this cycle
  input  logic        walk_done_i,    // walker finished our request
  input  logic [1:0]  walk_fault_i,   // FEXC_*: the walk ended in a fault
  // fence.i retires: drop every cached line
  input  logic        fencei_i,
  output logic        ev_ic_access_o, // performance events (pagoda_icache)
  output logic        ev_ic_miss_o,
  // PBUS instruction port
  output logic        instr_req_o,
  input  logic        instr_gnt_i,
  output logic [31:0] instr_addr_o,
  input  logic        instr_rvalid_i,
  input  logic [63:0] instr_rdata_i,
  input  logic        instr_err_i
);
  // Package constants used here (Yosys 0.23 has no package import).
  localparam logic [1:0] FEXC_ACCESS = pagoda_core_pkg::FEXC_ACCESS;
  localparam logic [1:0] FEXC_NONE   = pagoda_core_pkg::FEXC_NONE;

  localparam int unsigned DEPTH = 4;

  logic [63:0] lane_data_q [DEPTH];
  logic [1:0]  lane_exc_q  [DEPTH];
  logic        wr_en;
  logic [1:0]  wr_idx;
  logic [63:0] wr_data;
  logic [1:0]  wr_exc;
  logic [1:0]  head_q, head_d;
  logic [2:0]  count_q, count_d;
  logic [3:0]  outstanding_q, outstanding_d;
  logic [3:0]  discard_q, discard_d;
  logic [63:0] fetch_addr_q, fetch_addr_d;
  logic [63:0] pc_q, pc_d;
  // The fetch unit's control state, three small FSMs (issue 12):
  //  - the lane request: free, held (asked, not granted: PBUS keeps it up), or held and stale
  //    (asked before a redirect: it must still be granted, and its answer is discarded);
  //  - the fetch-side page-table walk: none, awaited, or awaited and stale (asked before a
  //    redirect: its fault, if any, is not ours);
  //  - the lane source: running, a walk's fault waiting to become a fault lane, or stopped after
  //    a fault lane until the next redirect.
  typedef enum logic [1:0] { ReqFree, ReqHeld, ReqHeldStale } req_state_e;
  typedef enum logic [1:0] { WalkIdle, WalkWait, WalkWaitStale } walk_state_e;
  typedef enum logic [1:0] { SrcRun, SrcFaultPend, SrcStopped } src_state_e;
  req_state_e  req_q, req_d;
  walk_state_e walk_q, walk_d;
  src_state_e  src_q, src_d;
  logic        hold_q, hold_d;             // (views of the states above)
  logic        hold_stale_q;
  logic [31:0] hold_paddr_q, hold_paddr_d;
  logic        stop_q, walk_wait_q, walk_fault_pend_q;
  logic [1:0]  walk_fault_kind_q, walk_fault_kind_d;

  // ---------------------------------------------------------------- instruction cache
  // The queue below reads lanes as PBUS reads (lane_*) from the cache, which answers hits itself
  // and passes everything else to the instruction port.
  logic        lane_req, lane_gnt, lane_rvalid, lane_err;
  logic [31:0] lane_addr;
  logic [63:0] lane_rdata;

  if (ICACHE_SIZE != 0) begin : g_icache
    pagoda_icache #(
      .SIZE_BYTES (ICACHE_SIZE),
      .CACHE_BASE (CACHE_BASE),
      .CACHE_SIZE (CACHE_SIZE)
    ) u_icache (
      .clk_i        (clk_i),
      .rst_ni       (rst_ni),
      .invalidate_i (fencei_i),
      .f_req_i      (lane_req),
      .f_gnt_o      (lane_gnt),
      .f_addr_i     (lane_addr),
      .f_rvalid_o   (lane_rvalid),
      .f_rdata_o    (lane_rdata),
      .f_err_o      (lane_err),
      .m_req_o      (instr_req_o),
      .m_gnt_i      (instr_gnt_i),
      .m_addr_o     (instr_addr_o),
      .m_rvalid_i   (instr_rvalid_i),
      .m_rdata_i    (instr_rdata_i),
      .m_err_i      (instr_err_i),
      .ev_access_o  (ev_ic_access_o),
      .ev_miss_o    (ev_ic_miss_o)
    );
  end else begin : g_no_icache
    assign instr_req_o    = lane_req;
    assign lane_gnt       = instr_gnt_i;
    assign instr_addr_o   = lane_addr;
    assign lane_rvalid    = instr_rvalid_i;
    assign lane_rdata     = instr_rdata_i;
    assign lane_err       = instr_err_i;
    assign ev_ic_access_o = 1'b0;
    assign ev_ic_miss_o   = 1'b0;
    logic unused_fencei;
    assign unused_fencei = fencei_i;
  end

  assign hold_q            = (req_q != ReqFree);
  assign hold_stale_q      = (req_q == ReqHeldStale);
  assign walk_wait_q       = (walk_q != WalkIdle);
  assign walk_fault_pend_q = (src_q == SrcFaultPend);
  assign stop_q            = (src_q == SrcStopped);

  // ---------------------------------------------------------------- aligner
  logic [63:0] head_data, next_data;
  logic [1:0]  head_exc, next_exc;
  logic [1:0]  off;
  logic [15:0] lo16;
  logic        is32, need_next;
  logic [1:0]  head_p1;

  // A lane arriving this cycle is visible to the aligner at once (bypass), so after a redirect
  // the first instruction executes in the cycle its lane arrives.
  logic       arrive;
  logic [1:0] arrive_exc;
  logic [2:0] avail;
  assign arrive     = lane_rvalid && (discard_q == 4'd0);
  assign arrive_exc = lane_err ? FEXC_ACCESS : FEXC_NONE;
  assign avail      = count_q + {2'd0, arrive};
  assign head_p1    = head_q + 2'd1;
  assign head_data  = (count_q == 3'd0) ? lane_rdata : lane_data_q[head_q];
  assign next_data  = (count_q == 3'd1) ? lane_rdata : lane_data_q[head_p1];
  assign head_exc   = (count_q == 3'd0) ? arrive_exc : lane_exc_q[head_q];
  assign next_exc   = (count_q == 3'd1) ? arrive_exc : lane_exc_q[head_p1];
  assign off       = pc_q[2:1];
  assign lo16      = head_data[16*off +: 16];
  assign is32      = (lo16[1:0] == 2'b11);
  assign need_next = is32 && (off == 2'd3);

  always_comb begin
    raw_o  = {16'd0, lo16};
    if (is32) begin
      if (need_next) raw_o = {next_data[15:0], lo16};
      else           raw_o = head_data[16*off +: 32];
    end
  end

  logic [31:0] rvc_instr;
  logic        rvc_illegal;
  pagoda_rvc_expand u_rvc (
    .c_i       (lo16),
    .instr_o   (rvc_instr),
    .illegal_o (rvc_illegal)
  );

  assign compressed_o  = !is32;
  assign instr_o       = is32 ? raw_o : rvc_instr;
  assign rvc_illegal_o = !is32 && rvc_illegal;
  assign pc_o          = pc_q;

  always_comb begin
    exc_o  = FEXC_NONE;
    tval_o = pc_q;
    if (head_exc != FEXC_NONE) begin
      exc_o = head_exc;
    end else if (need_next && next_exc != FEXC_NONE) begin
      exc_o  = next_exc;
      tval_o = pc_q + 64'd2;
    end
  end

  assign valid_o = (avail != 3'd0) &&
                   ((head_exc != FEXC_NONE) || !need_next || (avail >= 3'd2));

  logic unused_next;
  assign unused_next = ^next_data[63:16];

  logic consume, pop;
  assign consume = valid_o && ready_i && !redirect_i;
  assign pop     = consume && ((off == 2'd3) || (is32 && off == 2'd2));

  // ---------------------------------------------------------------- requests
  logic [63:0] cur_fetch_addr;
  logic [3:0]  inflight;
  logic        space_ok, new_req, acc, drop, push, fault_push;

  assign cur_fetch_addr = redirect_i ? {redirect_pc_i[63:3], 3'b000} : fetch_addr_q;
  assign xlate_vaddr_o  = cur_fetch_addr;
  assign inflight       = outstanding_q - discard_q;
  assign space_ok       = redirect_i ? 1'b1 : ({1'b0, count_q} + inflight < 4'(DEPTH));

  // A new request (not a held one) when there is room, no fault is pending and the lane translates.
  assign new_req      = !hold_q && space_ok && (redirect_i || !stop_q) && xlate_ok_i &&
                        (redirect_i || !walk_fault_pend_q);
  assign lane_req  = hold_q || new_req;
  assign lane_addr = hold_q ? hold_paddr_q : xlate_paddr_i;
  assign acc          = lane_req && lane_gnt;
  assign drop         = lane_rvalid && (discard_q != 4'd0);
  assign push         = arrive && !redirect_i;

  // A translation fault becomes a fault lane once every earlier lane has arrived.
  logic [1:0] fault_kind;
  always_comb begin
    fault_kind = FEXC_NONE;
    if (!redirect_i && walk_fault_pend_q) fault_kind = walk_fault_kind_q;
    else if (xlate_fault_i != FEXC_NONE)  fault_kind = xlate_fault_i;
  end
  assign fault_push = !hold_q && !redirect_i && !stop_q && (fault_kind != FEXC_NONE) &&
                      (inflight == 4'd0) && (count_q < 3'(DEPTH));

  assign walk_req_o = !hold_q && space_ok && (redirect_i || !stop_q) && xlate_miss_i &&
                      !walk_wait_q && (redirect_i || !walk_fault_pend_q);

  always_comb begin
    wr_en             = 1'b0;
    wr_idx            = head_q + count_q[1:0];
    wr_data           = lane_rdata;
    wr_exc            = arrive_exc;
    head_d            = head_q;
    count_d           = count_q;
    pc_d              = pc_q;
    fetch_addr_d      = cur_fetch_addr;
    src_d             = src_q;
    hold_d            = lane_req && !lane_gnt;
    hold_paddr_d      = lane_addr;
    // a held request that outlives a redirect (or already did) answers for nobody
    req_d             = !hold_d ? ReqFree :
                        (hold_q && (hold_stale_q || redirect_i)) ? ReqHeldStale : ReqHeld;
    outstanding_d     = outstanding_q + {3'd0, acc} - {3'd0, lane_rvalid};
    walk_d            = walk_q;
    walk_fault_kind_d = walk_fault_kind_q;

    if (redirect_i) begin
      discard_d = outstanding_q - {3'd0, lane_rvalid} + {3'd0, acc && hold_q};
    end else begin
      discard_d = discard_q - {3'd0, drop} + {3'd0, acc && hold_q && hold_stale_q};
    end

    // consumption
    if (consume) pc_d = pc_q + (is32 ? 64'd4 : 64'd2);
    if (pop) begin
      head_d  = head_q + 2'd1;
      count_d = count_q - 3'd1;
    end
    // arrivals
    if (push) wr_en = 1'b1;
    if (fault_push) begin
      wr_en             = 1'b1;
      wr_exc            = fault_kind;
      src_d             = SrcStopped;
    end
    if (push || fault_push) count_d = count_d + 3'd1;
    // request accepted: advance to the next lane (a stale held request does not)
    if (acc && !(hold_q && (hold_stale_q || redirect_i))) fetch_addr_d = cur_fetch_addr + 64'd8;
    if (hold_q && !acc) fetch_addr_d = cur_fetch_addr;

    // page-table walks requested for fetch
    if (walk_ack_i) walk_d = WalkWait;
    if (walk_done_i) begin
      walk_d = WalkIdle;
      if (walk_fault_i != FEXC_NONE && walk_q == WalkWait && !redirect_i) begin
        src_d             = SrcFaultPend;
        walk_fault_kind_d = walk_fault_i;
      end
    end

    if (redirect_i) begin
      pc_d              = redirect_pc_i;
      head_d            = 2'd0;
      count_d           = 3'd0;
      src_d             = SrcRun;
      if (walk_wait_q && !walk_done_i) walk_d = WalkWaitStale;
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      head_q            <= 2'd0;
      count_q           <= 3'd0;
      outstanding_q     <= 4'd0;
      discard_q         <= 4'd0;
      fetch_addr_q      <= {BOOT_PC[63:3], 3'b000};
      pc_q              <= BOOT_PC;
      req_q             <= ReqFree;
      hold_paddr_q      <= 32'd0;
      src_q             <= SrcRun;
      walk_q            <= WalkIdle;
      walk_fault_kind_q <= FEXC_NONE;
    end else begin
      head_q            <= head_d;
      count_q           <= count_d;
      outstanding_q     <= outstanding_d;
      discard_q         <= discard_d;
      fetch_addr_q      <= fetch_addr_d;
      pc_q              <= pc_d;
      req_q             <= req_d;
      hold_paddr_q      <= hold_paddr_d;
      src_q             <= src_d;
      walk_q            <= walk_d;
      walk_fault_kind_q <= walk_fault_kind_d;
    end
  end

  // Queue storage: written at the tail; entries beyond count_q are don't-care, so no reset.
  always_ff @(posedge clk_i) begin
    if (wr_en) begin
      lane_data_q[wr_idx] <= wr_data;
      lane_exc_q[wr_idx]  <= wr_exc;
    end
  end

  // ---- assertions (pagoda_assert.svh) ----
  // PBUS master rules (docs/bus.md): a waiting request is held, responses only for requests
  // granted and not yet answered. (lane_req is combinational: in reset it already asks for the
  // boot lane, which nothing answers, since every slave's response flop is held in reset.)
  `ASSERT_HELD(FetchReqHeld, lane_req, lane_gnt, lane_addr)
  `ASSERT_NEVER(FetchRespNoReq, lane_rvalid && outstanding_q == 4'd0)
  `ASSERT(FetchDiscardBound, discard_q <= outstanding_q)
  // the lane queue: never more than DEPTH lanes, one arrival per cycle, none into a full queue
  // (an arrival into an empty queue may be consumed in the same cycle: pop with count_q 0)
  `ASSERT(FetchQueueBound, count_q <= 3'(DEPTH))
  `ASSERT_NEVER(FetchTwoPush, push && fault_push)
  `ASSERT_NEVER(FetchPushFull, (push || fault_push) &&
                              4'(count_q) + 4'(push) + 4'(fault_push) > 4'(DEPTH) + 4'(pop))
  // the control FSMs: legal states; a walk is acknowledged only when none is awaited and ends
  // only when one is; a walk's fault never meets a fault lane being pushed (the enum keeps one)
  `ASSERT(FetchReqStateLegal, req_q == ReqFree || req_q == ReqHeld || req_q == ReqHeldStale)
  `ASSERT(FetchWalkStateLegal, walk_q == WalkIdle || walk_q == WalkWait || walk_q == WalkWaitStale)
  `ASSERT(FetchSrcStateLegal, src_q == SrcRun || src_q == SrcFaultPend || src_q == SrcStopped)
  `ASSERT_NEVER(FetchWalkAckBusy, walk_ack_i && walk_q != WalkIdle)
  `ASSERT_NEVER(FetchWalkDoneIdle, walk_done_i && walk_q == WalkIdle)
  `ASSERT_NEVER(FetchWalkFaultAndPush, fault_push && walk_done_i && walk_fault_i != FEXC_NONE &&
                                       walk_q == WalkWait)
  // with C, every instruction address is even
  `ASSERT_NEVER(FetchPcOdd, pc_q[0])

endmodule
