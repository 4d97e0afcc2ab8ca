// SPDX-License-Identifier: BSD-2-Clause
// Pagoda core: L1 data cache (docs/core.md "Data cache"). WAYS-way set-associative (1 or 2, LRU
// between two), 64-byte lines, write-back and write-allocate, physically indexed and tagged. It
// sits between the LSU's data port (loads, stores, AMOs, LR/SC and the page-table walker's
// accesses) and the core's PBUS data port. Only [CACHE_BASE, CACHE_BASE + CACHE_SIZE) (RAM) is
// cached; every other address (devices, ROM) passes through uncached, one access at a time and in
// order, as without the cache.
//
// Timing: a request is granted at once and looked up in the next cycle (block RAMs read
// synchronously), so a hit answers one cycle after its grant, like the 1-cycle RAM, and the next
// request may be granted in the same cycle. A store hit writes the data array in its lookup cycle;
// a load granted in that cycle reads the old lane, so its answer merges the store's bytes (bypass).
// A miss writes the victim back if it is dirty (8 pipelined PBUS writes), refills the line (8
// pipelined reads) and looks up again. A write-back error answers the access with an error and
// keeps the victim dirty; a refill error answers with an error and leaves the line invalid (the
// victim was clean or written back): nothing half-filled is ever valid, no dirty data is lost.
//
// Arrays: data SIZE_BYTES/8 x 64 bits with byte writes, tags LINES x TAG_W, lines numbered {way,
// set}; each has one write port and one registered read port per way (a lookup reads the lane and
// the tag of every way of its set at once); valid and dirty bits in flip-flops (reset, and scanned
// by CLEAN_ALL), one LRU bit per set. The arrays and the valid/dirty bits are public for the
// simulators' memory backdoor (sim/dcache_backdoor.h, which reads WAYS from bd_ways): the harness
// must see what the core wrote, even while it is only here.
`include "pagoda_assert.svh"
module pagoda_dcache #(
  parameter int unsigned SIZE_BYTES = 4096,            // 1 KiB .. 16 KiB, a power of two
  parameter int unsigned WAYS       = 2,               // 1 (direct-mapped) or 2
  parameter logic [31:0] CACHE_BASE = pagoda_pkg::RAM_BASE,   // the cacheable range (RAM)
  parameter logic [31:0] CACHE_SIZE = pagoda_pkg::RAM_SIZE    // a power of two
) (
  input  logic                    clk_i,
  input  logic                    rst_ni,
  // the LSU's port (PBUS slave side; at most one access outstanding)
  input  logic                    req_i,
  output logic                    gnt_o,
  input  logic [31:0]             addr_i,
  input  logic                    we_i,
  input  logic [7:0]              be_i,
  input  logic [63:0]             wdata_i,
  input  logic                    lock_i,
  output logic                    rvalid_o,
  output logic [63:0]             rdata_o,
  output logic                    err_o,
  // maintenance: asked only with no access outstanding, held until done_o
  input  logic                    op_req_i,
  input  pagoda_core_pkg::dc_op_e op_i,
  input  logic [31:0]             op_addr_i,
  output logic                    op_done_o,
  output logic                    op_err_o,       // a write-back failed (the line stays dirty)
  // events (hardware performance counters)
  output logic                    ev_miss_o,      // a load/store/AMO/walker access missed
  output logic                    ev_wb_o,        // a dirty line was written back
  // the core's data port (PBUS master)
  output logic                    mem_req_o,
  input  logic                    mem_gnt_i,
  output logic [31:0]             mem_addr_o,
  output logic                    mem_we_o,
  output logic [7:0]              mem_be_o,
  output logic [63:0]             mem_wdata_o,
  output logic                    mem_lock_o,
  input  logic                    mem_rvalid_i,
  input  logic [63:0]             mem_rdata_i,
  input  logic                    mem_err_i
);
  localparam int unsigned LINES = SIZE_BYTES / 64;
  localparam int unsigned SETS  = LINES / WAYS;
  localparam int unsigned IDX_W = $clog2(SETS);
  localparam int unsigned WAY_W = (WAYS > 1) ? $clog2(WAYS) : 1;
  localparam int unsigned LN_W  = $clog2(LINES);      // a line: {way, set}
  localparam int unsigned TAG_W = 26 - IDX_W;
  localparam int unsigned DA_W  = IDX_W + 3;          // a way's data array address: set, lane

  typedef enum logic [3:0] {
    S_IDLE,     // lookups, hits, uncached pass-through; starts misses and operations
    S_WB,       // write a line out: the victim, a cleaned line, or zeroes (uncached cbo.zero)
    S_REFILL,   // read the missing line in
    S_REPLAY,   // read the refilled set again: the access then hits
    S_OP_TAG,   // an operation on one line: the tag of its set is read
    S_ZERO,     // write zeroes into the line (cbo.zero)
    S_ALL,      // CLEAN_ALL: the next dirty line
    S_ALL_TAG,  // CLEAN_ALL: its tag is read
    S_DONE      // the operation is finished
  } state_e;

  // what the current write-back belongs to, so that it knows where to go next
  typedef enum logic [2:0] {
    K_MISS, K_ALL, K_CLEAN, K_FLUSH, K_ZERO, K_ZERO_UNC
  } kind_e;

  function automatic logic cacheable(logic [31:0] a);
    cacheable = ((a & ~(CACHE_SIZE - 32'd1)) == CACHE_BASE);
  endfunction

  // ---------------------------------------------------------------- arrays
  // line l = {way, set}: its lanes at data_mem[l * 8 +: 8], its tag at tag_mem[l]
  logic [63:0]      data_mem [LINES * 8] /* verilator public_flat_rw */;
  logic [TAG_W-1:0] tag_mem [LINES] /* verilator public_flat_rd */;
  logic [LINES-1:0] valid_q /* verilator public_flat_rd */;
  logic [LINES-1:0] dirty_q /* verilator public_flat_rd */;
  logic [LINES-1:0] valid_d, dirty_d;
  logic [7:0]       bd_ways /* verilator public_flat_rd */;   // for the backdoor only
  assign bd_ways = 8'(WAYS);
  // the way a miss in each set replaces when both are valid (the one not used last)
  logic [SETS-1:0]  lru_q, lru_d;

  logic             d_we;
  logic [WAY_W-1:0] d_way;
  logic [DA_W-1:0]  d_waddr, rd_addr;
  logic [7:0]       d_wbe;
  logic [63:0]      d_wdata;
  logic [63:0]      d_rdata_q [WAYS];
  logic             t_we;
  logic [WAY_W-1:0] t_way;
  logic [IDX_W-1:0] t_waddr;
  logic [TAG_W-1:0] t_wdata;
  logic [TAG_W-1:0] t_rdata_q [WAYS];

  // the line {way, set} as an index of the arrays and of the valid/dirty bits
  function automatic logic [LN_W-1:0] ln(logic [WAY_W-1:0] w, logic [IDX_W-1:0] i);
    if (WAYS > 1) ln = LN_W'({w, i});
    else          ln = LN_W'(i);
  endfunction

  always_ff @(posedge clk_i) begin
    if (d_we) begin
      for (int b = 0; b < 8; b++) begin
        if (d_wbe[b]) data_mem[{ln(d_way, d_waddr[DA_W-1:3]), d_waddr[2:0]}][8*b +: 8] <=
                        d_wdata[8*b +: 8];
      end
    end
    for (int w = 0; w < WAYS; w++) begin
      d_rdata_q[w] <= data_mem[{ln(WAY_W'(w), rd_addr[DA_W-1:3]), rd_addr[2:0]}];
    end
  end

  always_ff @(posedge clk_i) begin
    if (t_we) tag_mem[ln(t_way, t_waddr)] <= t_wdata;
    for (int w = 0; w < WAYS; w++) begin
      t_rdata_q[w] <= tag_mem[ln(WAY_W'(w), rd_addr[DA_W-1:3])];
    end
  end

  // ---------------------------------------------------------------- state
  state_e           state_q, state_d;
  kind_e            kind_q, kind_d;
  // the access being looked up (granted last cycle)
  logic             lk_valid_q, lk_valid_d;
  logic [31:0]      lk_addr_q, lk_addr_d;
  logic             lk_we_q, lk_we_d;
  logic [7:0]       lk_be_q, lk_be_d;
  logic [63:0]      lk_wdata_q, lk_wdata_d;
  // the store hit written last cycle (for a load that read the lane before the write)
  logic             byp_valid_q, byp_valid_d;
  logic [DA_W-1:0]  byp_addr_q, byp_addr_d;
  logic [WAY_W-1:0] byp_way_q, byp_way_d;
  logic [7:0]       byp_be_q, byp_be_d;
  logic [63:0]      byp_data_q, byp_data_d;
  // an uncached access is outstanding
  logic             unc_pend_q, unc_pend_d;
  // misses and operations: the set and way, the line to fetch or zero, the line to write out
  logic [IDX_W-1:0] idx_q, idx_d;
  logic [WAY_W-1:0] way_q, way_d;
  logic [25:0]      line_q, line_d;
  logic [25:0]      wb_line_q, wb_line_d;
  logic [2:0]       cnt_q, cnt_d;        // requests issued (or lanes zeroed)
  logic             issued_q, issued_d;  // all 8 issued
  logic [3:0]       rcnt_q, rcnt_d;      // responses received
  logic             err_q, err_d;        // a response of this burst had an error
  logic             op_err_q, op_err_d;  // the operation met an error

  // The way of set i that holds the line with tag t (the tags of set i were read last cycle),
  // and whether one does.
  function automatic logic [WAY_W:0] find(logic [IDX_W-1:0] i, logic [TAG_W-1:0] t);
    find = '0;
    for (int w = 0; w < WAYS; w++) begin
      if (valid_q[ln(WAY_W'(w), i)] && t_rdata_q[w] == t) find = {1'b1, WAY_W'(w)};
    end
  endfunction

  // The way a new line of set i goes to: an invalid one, else the least recently used.
  function automatic logic [WAY_W-1:0] victim(logic [IDX_W-1:0] i);
    victim = (WAYS > 1) ? WAY_W'(lru_q[i]) : '0;
    for (int w = WAYS - 1; w >= 0; w--) begin
      if (!valid_q[ln(WAY_W'(w), i)]) victim = WAY_W'(w);
    end
  endfunction

  logic [IDX_W-1:0] lk_idx;
  logic [TAG_W-1:0] lk_tag;
  logic             lk_hit;
  logic [WAY_W-1:0] lk_way;
  assign lk_idx = lk_addr_q[IDX_W+5:6];
  assign lk_tag = lk_addr_q[31:IDX_W+6];
  assign {lk_hit, lk_way} = find(lk_idx, lk_tag);

  // the looked-up lane with the bytes of last cycle's store to it
  logic [63:0] hit_data;
  always_comb begin
    hit_data = d_rdata_q[lk_way];
    if (byp_valid_q && byp_addr_q == lk_addr_q[DA_W+2:3] && byp_way_q == lk_way) begin
      for (int b = 0; b < 8; b++) begin
        if (byp_be_q[b]) hit_data[8*b +: 8] = byp_data_q[8*b +: 8];
      end
    end
  end

  // ---------------------------------------------------------------- idle: lookups, pass-through
  logic idle_free;     // a new access or operation may start this cycle
  logic up_cacheable;
  assign up_cacheable = cacheable(addr_i);
  assign idle_free    = (state_q == S_IDLE) && (!lk_valid_q || lk_hit) &&
                        (!unc_pend_q || mem_rvalid_i);

  // ---------------------------------------------------------------- answers and grants
  // Neither depends on the request itself (a grant offered without a request means nothing), so
  // that the LSU, whose request depends on them, forms no combinational loop through the cache.
  logic last_resp;      // the last response of a burst arrives
  assign last_resp = mem_rvalid_i && rcnt_q == 4'd7;
  always_comb begin
    rvalid_o = 1'b0;
    rdata_o  = hit_data;
    err_o    = 1'b0;
    unique case (state_q)
      S_IDLE: begin
        if (lk_valid_q && lk_hit) rvalid_o = 1'b1;
        if (unc_pend_q && mem_rvalid_i) begin
          rvalid_o = 1'b1;
          rdata_o  = mem_rdata_i;
          err_o    = mem_err_i;
        end
      end
      // a failed write-back of the victim, or a failed refill: access fault
      S_WB:     rvalid_o = (kind_q == K_MISS) && last_resp && (err_q || mem_err_i);
      S_REFILL: rvalid_o = last_resp && (err_q || mem_err_i);
      default: ;
    endcase
    if (state_q != S_IDLE) err_o = rvalid_o;
  end

  assign gnt_o = idle_free && !op_req_i && (up_cacheable || mem_gnt_i);

  // An operation ends in S_DONE, with the error of any write-back it did, or one cycle sooner
  // where it needed no bus: an operation on a cached line that finds nothing to write back (clean
  // or flush of a line that is not dirty, any inval) ends in S_OP_TAG, where its tag is compared,
  // and a cbo.zero with its last lane (a cbo on a line the cache lacks: 3 cycles to 2; a cbo.zero
  // of a line it holds: 10 to 9). Done looks at the state and at the operation asked (the
  // instruction's, held while it asks), never at the request: the LSU's request depends on it.
  // The operation's line in its set (S_OP_TAG): hit, its way, dirty; op_dispatch acts on them.
  logic             op_hit, op_dirty, op_quick;
  logic [WAY_W-1:0] op_way;
  assign {op_hit, op_way} = find(idx_q, line_q[25:IDX_W]);
  assign op_dirty         = op_hit && dirty_q[ln(op_way, idx_q)];
  always_comb begin
    unique case (op_i)
      pagoda_core_pkg::DC_CLEAN, pagoda_core_pkg::DC_FLUSH: op_quick = !op_dirty;
      pagoda_core_pkg::DC_INVAL: op_quick = 1'b1;
      default:                   op_quick = 1'b0;   // DC_ZERO, DC_CLEAN_ALL
    endcase
  end
  assign op_done_o = (state_q == S_DONE) || (state_q == S_OP_TAG && op_quick) ||
                     (state_q == S_ZERO && cnt_q == 3'd7);
  assign op_err_o  = op_err_q;

  // ---------------------------------------------------------------- the core's data port
  // Apart from the FSM, and without reading the grant: the interconnect's grant depends on the
  // request, so one block doing both would be a combinational loop for the simulator.
  always_comb begin
    mem_req_o   = 1'b0;
    mem_addr_o  = addr_i;
    mem_we_o    = we_i;
    mem_be_o    = be_i;
    mem_wdata_o = wdata_i;
    unique case (state_q)
      S_IDLE: mem_req_o = idle_free && !op_req_i && req_i && !up_cacheable;  // uncached
      S_WB: begin
        mem_req_o   = !issued_q;
        mem_addr_o  = {wb_line_q, cnt_q, 3'b000};
        mem_we_o    = 1'b1;
        mem_be_o    = 8'hff;
        mem_wdata_o = (kind_q == K_ZERO_UNC) ? 64'd0 : d_rdata_q[way_q];
      end
      S_REFILL: begin
        mem_req_o   = !issued_q;
        mem_addr_o  = {line_q, cnt_q, 3'b000};
        mem_we_o    = 1'b0;
        mem_be_o    = 8'hff;
        mem_wdata_o = 64'd0;
      end
      default: ;
    endcase
  end

  // ---------------------------------------------------------------- the FSM
  always_comb begin
    state_d     = state_q;
    kind_d      = kind_q;
    lk_valid_d  = lk_valid_q;
    lk_addr_d   = lk_addr_q;
    lk_we_d     = lk_we_q;
    lk_be_d     = lk_be_q;
    lk_wdata_d  = lk_wdata_q;
    byp_valid_d = 1'b0;
    byp_addr_d  = byp_addr_q;
    byp_way_d   = byp_way_q;
    byp_be_d    = byp_be_q;
    byp_data_d  = byp_data_q;
    unc_pend_d  = unc_pend_q;
    idx_d       = idx_q;
    way_d       = way_q;
    lru_d       = lru_q;
    line_d      = line_q;
    wb_line_d   = wb_line_q;
    cnt_d       = cnt_q;
    issued_d    = issued_q;
    rcnt_d      = rcnt_q;
    err_d       = err_q;
    op_err_d    = op_err_q;
    valid_d     = valid_q;
    dirty_d     = dirty_q;
    rd_addr     = {idx_q, cnt_q};
    d_we        = 1'b0;
    d_way       = way_q;
    d_waddr     = {idx_q, rcnt_q[2:0]};
    d_wbe       = 8'hff;
    d_wdata     = mem_rdata_i;
    t_we        = 1'b0;
    t_way       = way_q;
    t_waddr     = idx_q;
    t_wdata     = line_q[25:IDX_W];
    ev_miss_o   = 1'b0;
    ev_wb_o     = 1'b0;

    unique case (state_q)
      S_IDLE: begin
        // the access looked up this cycle
        if (lk_valid_q) begin
          if (lk_hit) begin
            lk_valid_d = 1'b0;
            if (WAYS > 1) lru_d[lk_idx] = ~lk_way[0];
            if (lk_we_q) begin
              d_we                        = 1'b1;
              d_way                       = lk_way;
              d_waddr                     = lk_addr_q[DA_W+2:3];
              d_wbe                       = lk_be_q;
              d_wdata                     = lk_wdata_q;
              dirty_d[ln(lk_way, lk_idx)] = 1'b1;
              byp_valid_d                 = 1'b1;
              byp_addr_d                  = lk_addr_q[DA_W+2:3];
              byp_way_d                   = lk_way;
              byp_be_d                    = lk_be_q;
              byp_data_d                  = lk_wdata_q;
            end
          end else begin
            // miss: write the victim back if dirty, then refill
            logic [WAY_W-1:0] v;
            v         = victim(lk_idx);
            ev_miss_o = 1'b1;
            kind_d    = K_MISS;
            idx_d     = lk_idx;
            way_d     = v;
            line_d    = lk_addr_q[31:6];
            wb_line_d = {t_rdata_q[v], lk_idx};
            cnt_d     = 3'd0;
            rd_addr   = {lk_idx, 3'd0};
            if (valid_q[ln(v, lk_idx)] && dirty_q[ln(v, lk_idx)]) begin
              state_d = S_WB;
            end else begin
              valid_d[ln(v, lk_idx)] = 1'b0;
              state_d                = S_REFILL;
            end
          end
        end
        // the uncached access outstanding
        if (unc_pend_q && mem_rvalid_i) unc_pend_d = 1'b0;
        // a new access or operation (never both: the LSU asks for one at a time)
        if (idle_free && op_req_i) begin
          idx_d    = op_addr_i[IDX_W+5:6];
          line_d   = op_addr_i[31:6];
          cnt_d    = 3'd0;
          op_err_d = 1'b0;
          rd_addr  = {op_addr_i[IDX_W+5:6], 3'd0};
          if (op_i == pagoda_core_pkg::DC_CLEAN_ALL) begin
            idx_d   = '0;
            way_d   = '0;
            state_d = S_ALL;
          end else if (cacheable(op_addr_i)) begin
            state_d = S_OP_TAG;
          end else if (op_i == pagoda_core_pkg::DC_ZERO) begin
            kind_d    = K_ZERO_UNC;
            wb_line_d = op_addr_i[31:6];
            state_d   = S_WB;
          end else begin
            state_d = S_DONE;         // nothing of an uncached line is here
          end
        end else if (idle_free && req_i) begin
          if (up_cacheable) begin
            lk_valid_d = 1'b1;
            lk_addr_d  = addr_i;
            lk_we_d    = we_i;
            lk_be_d    = be_i;
            lk_wdata_d = wdata_i;
            rd_addr    = addr_i[DA_W+2:3];
          end else if (mem_gnt_i) begin
            unc_pend_d = 1'b1;
          end
        end
      end

      S_WB: begin
        // 8 pipelined writes; the data array's read address follows the grants, so its output
        // is always the lane being offered
        if (mem_req_o && mem_gnt_i) begin
          cnt_d   = cnt_q + 3'd1;
          rd_addr = {idx_q, cnt_q + 3'd1};
          if (cnt_q == 3'd7) issued_d = 1'b1;
        end
        if (mem_rvalid_i) begin
          rcnt_d = rcnt_q + 4'd1;
          err_d  = err_q || mem_err_i;
          if (rcnt_q == 4'd7) wb_finish();
        end
      end

      S_REFILL: begin
        if (mem_req_o && mem_gnt_i) begin
          cnt_d = cnt_q + 3'd1;
          if (cnt_q == 3'd7) issued_d = 1'b1;
        end
        if (mem_rvalid_i) begin
          d_we   = 1'b1;
          rcnt_d = rcnt_q + 4'd1;
          err_d  = err_q || mem_err_i;
          if (rcnt_q == 4'd7) begin
            burst_reset();
            if (err_q || mem_err_i) begin
              lk_valid_d = 1'b0;      // access fault (the answer block); the line stays invalid
              state_d    = S_IDLE;
            end else begin
              t_we                      = 1'b1;
              valid_d[ln(way_q, idx_q)] = 1'b1;
              dirty_d[ln(way_q, idx_q)] = 1'b0;
              state_d                   = S_REPLAY;
            end
          end
        end
      end

      S_REPLAY: begin
        rd_addr = lk_addr_q[DA_W+2:3];
        state_d = S_IDLE;
      end

      S_OP_TAG: op_dispatch();

      S_ZERO: begin
        d_we    = 1'b1;
        d_waddr = {idx_q, cnt_q};
        d_wdata = 64'd0;
        cnt_d   = cnt_q + 3'd1;
        if (cnt_q == 3'd7) begin
          t_we                      = 1'b1;
          valid_d[ln(way_q, idx_q)] = 1'b1;
          dirty_d[ln(way_q, idx_q)] = 1'b1;
          if (WAYS > 1) lru_d[idx_q] = ~way_q[0];
          state_d                   = S_IDLE;   // done with the last lane (op_done_o)
        end
      end

      S_ALL: begin
        rd_addr = {idx_q, 3'd0};
        if (valid_q[ln(way_q, idx_q)] && dirty_q[ln(way_q, idx_q)]) begin
          state_d = S_ALL_TAG;
        end else begin
          all_next();
        end
      end

      S_ALL_TAG: begin
        rd_addr   = {idx_q, 3'd0};
        kind_d    = K_ALL;
        wb_line_d = {t_rdata_q[way_q], idx_q};
        state_d   = S_WB;
      end

      default: state_d = S_IDLE;   // S_DONE (op_done_o)
    endcase
  end

  // Counters back to the start of a burst.
  task automatic burst_reset();
    cnt_d    = 3'd0;
    issued_d = 1'b0;
    rcnt_d   = 4'd0;
    err_d    = 1'b0;
  endtask

  // CLEAN_ALL: on to the next line (set after set, then the next way), or done after the last.
  task automatic all_next();
    if (idx_q == IDX_W'(SETS - 1) && way_q == WAY_W'(WAYS - 1)) begin
      state_d = S_DONE;
    end else begin
      idx_d   = idx_q + 1'b1;
      if (idx_q == IDX_W'(SETS - 1)) way_d = way_q + 1'b1;
      state_d = S_ALL;
    end
  endtask

  // The last write-back response has arrived.
  task automatic wb_finish();
    logic failed;
    failed = err_q || mem_err_i;
    burst_reset();
    ev_wb_o = (kind_q != K_ZERO_UNC);
    if (failed) begin
      // the line stays valid and dirty: nothing is lost, the access or operation fails
      op_err_d = 1'b1;
      if (kind_q == K_MISS) begin
        lk_valid_d = 1'b0;          // access fault (the answer block)
        state_d    = S_IDLE;
      end else if (kind_q == K_ALL) begin
        all_next();
      end else begin
        state_d = S_DONE;
      end
    end else begin
      if (kind_q != K_ZERO_UNC) dirty_d[ln(way_q, idx_q)] = 1'b0;
      unique case (kind_q)
        K_MISS: begin
          valid_d[ln(way_q, idx_q)] = 1'b0;
          state_d                   = S_REFILL;
        end
        K_ALL: all_next();
        K_FLUSH: begin
          valid_d[ln(way_q, idx_q)] = 1'b0;
          state_d                   = S_DONE;
        end
        K_ZERO: begin
          valid_d[ln(way_q, idx_q)] = 1'b0;
          state_d                   = S_ZERO;
        end
        default: state_d = S_DONE;   // K_CLEAN, K_ZERO_UNC
      endcase
    end
  endtask

  // An operation on one cached line: its set's tag has been read.
  task automatic op_dispatch();
    logic             hit, dirty;
    logic [WAY_W-1:0] w, v;
    hit      = op_hit;
    w        = op_way;
    dirty    = op_dirty;
    v        = victim(idx_q);
    rd_addr  = {idx_q, 3'd0};
    way_d    = w;
    state_d  = S_IDLE;   // nothing to write back: done now (op_quick)
    unique case (op_i)
      pagoda_core_pkg::DC_CLEAN: begin
        kind_d    = K_CLEAN;
        wb_line_d = line_q;
        if (dirty) state_d = S_WB;
      end
      pagoda_core_pkg::DC_FLUSH: begin
        kind_d    = K_FLUSH;
        wb_line_d = line_q;
        if (dirty) begin
          state_d = S_WB;
        end else if (hit) begin
          valid_d[ln(w, idx_q)] = 1'b0;
        end
      end
      pagoda_core_pkg::DC_INVAL: begin
        if (hit) begin
          valid_d[ln(w, idx_q)] = 1'b0;
          dirty_d[ln(w, idx_q)] = 1'b0;
        end
      end
      default: begin   // DC_ZERO: allocate without reading memory
        kind_d = K_ZERO;
        if (hit) begin
          state_d = S_ZERO;
        end else begin
          way_d     = v;
          wb_line_d = {t_rdata_q[v], idx_q};
          if (valid_q[ln(v, idx_q)] && dirty_q[ln(v, idx_q)]) begin
            state_d = S_WB;
          end else begin
            valid_d[ln(v, idx_q)] = 1'b0;
            state_d               = S_ZERO;
          end
        end
      end
    endcase
  endtask

  assign mem_lock_o = lock_i && (state_q == S_IDLE) && !up_cacheable;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      state_q     <= S_IDLE;
      kind_q      <= K_MISS;
      lk_valid_q  <= 1'b0;
      lk_addr_q   <= 32'd0;
      lk_we_q     <= 1'b0;
      lk_be_q     <= 8'd0;
      lk_wdata_q  <= 64'd0;
      byp_valid_q <= 1'b0;
      byp_addr_q  <= '0;
      byp_way_q   <= '0;
      byp_be_q    <= 8'd0;
      byp_data_q  <= 64'd0;
      unc_pend_q  <= 1'b0;
      idx_q       <= '0;
      way_q       <= '0;
      lru_q       <= '0;
      line_q      <= 26'd0;
      wb_line_q   <= 26'd0;
      cnt_q       <= 3'd0;
      issued_q    <= 1'b0;
      rcnt_q      <= 4'd0;
      err_q       <= 1'b0;
      op_err_q    <= 1'b0;
      valid_q     <= '0;
      dirty_q     <= '0;
    end else begin
      state_q     <= state_d;
      kind_q      <= kind_d;
      lk_valid_q  <= lk_valid_d;
      lk_addr_q   <= lk_addr_d;
      lk_we_q     <= lk_we_d;
      lk_be_q     <= lk_be_d;
      lk_wdata_q  <= lk_wdata_d;
      byp_valid_q <= byp_valid_d;
      byp_addr_q  <= byp_addr_d;
      byp_way_q   <= byp_way_d;
      byp_be_q    <= byp_be_d;
      byp_data_q  <= byp_data_d;
      unc_pend_q  <= unc_pend_d;
      idx_q       <= idx_d;
      way_q       <= way_d;
      lru_q       <= lru_d;
      line_q      <= line_d;
      wb_line_q   <= wb_line_d;
      cnt_q       <= cnt_d;
      issued_q    <= issued_d;
      rcnt_q      <= rcnt_d;
      err_q       <= err_d;
      op_err_q    <= op_err_d;
      valid_q     <= valid_d;
      dirty_q     <= dirty_d;
    end
  end

  // ---- assertions (pagoda_assert.svh) ----
  `ASSERT_INIT(DcacheSize, SIZE_BYTES >= 1024 && SIZE_BYTES <= 16384 &&
                           (SIZE_BYTES & (SIZE_BYTES - 1)) == 0)
  `ASSERT_INIT(DcacheWays, WAYS == 1 || WAYS == 2)
  // PBUS master rules on the core's port; the LSU keeps one access outstanding, so a lookup and
  // an uncached access are never both pending
  `ASSERT_HELD(DcacheMemReqHeld, mem_req_o, mem_gnt_i,
               {mem_addr_o, mem_we_o, mem_be_o, mem_wdata_o})
  `ASSERT_NEVER(DcacheMemBeZero, mem_req_o && mem_be_o == 8'd0)
  `ASSERT_RESET(DcacheMemIdleInReset, !mem_req_o)
  `ASSERT_NEVER(DcacheTwoPending, lk_valid_q && unc_pend_q)
  `ASSERT_NEVER(DcacheRespNoReq, mem_rvalid_i && state_q == S_IDLE && !unc_pend_q)
  `ASSERT_NEVER(DcacheOpWhileBusy, op_req_i && state_q == S_IDLE && (lk_valid_q || unc_pend_q))
  // a dirty line is always valid
  `ASSERT_NEVER(DcacheDirtyInvalid, (dirty_q & ~valid_q) != '0)
  // a line is in at most one way of its set: the lookup hits one way or none
  if (WAYS == 2) begin : g_one_way
    `ASSERT_NEVER(DcacheLineInTwoWays, lk_valid_q && state_q == S_IDLE &&
                  valid_q[ln(1'b0, lk_idx)] && valid_q[ln(1'b1, lk_idx)] &&
                  t_rdata_q[0] == lk_tag && t_rdata_q[1] == lk_tag)
  end

endmodule
