// SPDX-License-Identifier: BSD-2-Clause
// pgaccel_engine: executes the command at the head of the command queue on the DMA port.
//
// IDLE checks the command (opcode, length, alignment, overflow, RAM range, DMA window) and either
// completes it with an error at once or starts it. FILL (ZERO is FILL with pattern 0) issues one
// write per cycle while it has credit for the response: a full 8-byte lane on the DMA port, or,
// with WIDE_WR and a range in whole 16-byte words, a 16-byte word on the wide write port (the
// pattern in both halves: what a DRAM's 128-bit native port takes in one command). SCAN streams
// bitmap words into a small read buffer and runs pgaccel_scan_step on the head word each cycle.
// DRAIN waits for every outstanding response (a request already on the bus is never withdrawn),
// and DONE pushes the completion and pops the command. The head of the command queue stays
// stable until that pop, so it is the command state.
`include "pagoda_assert.svh"
module pgaccel_engine #(
  parameter logic [31:0] RAM_BASE  = pgaccel_pkg::PAGODA_RAM_BASE,  // the SoC's (rtl/regs)
  parameter logic [31:0] RAM_SIZE  = pgaccel_pkg::PAGODA_RAM_SIZE,
  parameter int unsigned WR_MAXOUT = 7,   // outstanding writes allowed (1..15)
  parameter int unsigned RDEPTH    = 4,   // SCAN read buffer entries (power of two, <= 8)
  parameter bit          WIDE_WR   = 1'b0  // FILL of whole 16-byte words on the wide write port
) (
  input  logic              clk_i,
  input  logic              rst_ni,
  // command queue head
  input  logic              cmd_valid_i,
  input  pgaccel_pkg::cmd_t cmd_i,
  output logic              cmd_pop_o,
  // completion queue (never full when a command is in flight: the register block keeps a slot)
  output logic              comp_push_o,
  output pgaccel_pkg::comp_t comp_o,
  // DMA port: PBUS master
  output logic              dma_req_o,
  input  logic              dma_gnt_i,
  output logic [31:0]       dma_addr_o,
  output logic              dma_we_o,
  output logic [7:0]        dma_be_o,
  output logic [63:0]       dma_wdata_o,
  input  logic              dma_rvalid_i,
  input  logic [63:0]       dma_rdata_i,
  input  logic              dma_err_i,
  // wide write port (WIDE_WR): a request writes the 16-byte word at wide_addr_o (16-byte
  // aligned) with wide_data_o in both halves; PBUS handshake and in-order responses
  output logic              wide_req_o,
  input  logic              wide_gnt_i,
  output logic [31:0]       wide_addr_o,
  output logic [63:0]       wide_data_o,
  input  logic              wide_rvalid_i,
  input  logic              wide_err_i,
  // DMA window [win_base_i, win_end_i): stable while a command is queued or running (the register
  // block refuses writes to it then), so the check in IDLE holds for the whole command
  input  logic [31:0]       win_base_i,
  input  logic [32:0]       win_end_i,
  // events for the performance counters
  output logic              ev_busy_o,
  output logic [1:0]        ev_lanes_o,   // 8-byte lanes written without error this cycle (0..2)
  output logic              ev_word_o,    // one bitmap word read
  output logic              ev_op_o       // one command completed
);

  localparam logic [32:0] RAM_END = {1'b0, RAM_BASE} + {1'b0, RAM_SIZE};
  localparam int unsigned RBW     = $clog2(RDEPTH);

  // Command fields (pgaccel_pkg::cmd_t), by the short names of the checks below.
  logic [3:0]  c_op;
  logic [4:0]  c_k;
  logic        c_pol, c_ahi, c_lhi;
  logic [31:0] c_addr, c_len, c_start, c_n;
  logic [63:0] c_arg;

  assign c_op    = cmd_i.op;
  assign c_k     = cmd_i.align;
  assign c_pol   = cmd_i.pol;
  assign c_addr  = cmd_i.addr;
  assign c_ahi   = cmd_i.addr_hi;
  assign c_len   = cmd_i.len;
  assign c_lhi   = cmd_i.len_hi;
  assign c_arg   = cmd_i.arg;
  assign c_start = cmd_i.arg.start;
  assign c_n     = cmd_i.arg.nr;

  pgaccel_pkg::eng_state_e state_q, state_d;
  logic [31:0] addr_q, addr_d;      // next request address
  logic        at_end_q, at_end_d;  // addr_q == eaddr_q: every request issued
  logic [31:0] eaddr_q;             // end of the request addresses (exclusive)
  logic        req_q, req_d;
  logic [3:0]  out_q;               // granted requests without a response
  logic        we_q, we_d;
  logic        berr_q, berr_d;      // a write got an error response: issue nothing more
  logic        first_q, first_d;    // first SCAN cycle: the first read address is being computed
  logic [33:0] cand_q;              // SCAN candidate
  logic [33:0] wlast_q;             // last bit of its window, cand + n - 1
  logic        cbef_q, cbef_d;      // cand lies before the head word
  logic [27:0] pword_q, pword_d;    // SCAN: word index of the read buffer head;
                                    // FILL: responses without error so far
  logic [3:0]  ecode_q, ecode_d;
  logic        found_q, found_d;
  logic [63:0] wdata_q;             // FILL pattern, zero for ZERO
  logic        wide_q, wide_d;      // this FILL writes 16-byte words on the wide port

  // ---------------------------------------------------------------------------------------------
  // Command checks (used in IDLE) and the one address adder.
  logic        is_fill, is_scan, idle, scan;
  logic [29:0] bm_words;
  logic [32:0] span, aop, sum;
  logic [3:0]  chk_err;
  logic [31:0] word_addr;

  assign idle     = (state_q == pgaccel_pkg::EngIdle);
  assign scan     = (state_q == pgaccel_pkg::EngScan);
  assign is_fill  = (c_op == pgaccel_pkg::OP_ZERO) || (c_op == pgaccel_pkg::OP_FILL);
  assign is_scan  = (c_op == pgaccel_pkg::OP_SCAN);
  // Bitmap words SCAN may read: every word up to the end bit.
  assign bm_words = 30'(({1'b0, c_len} + 33'd63) >> 6);
  assign span     = is_scan ? {bm_words, 3'b000} : {1'b0, c_len};
  // One adder for three addresses: in IDLE the end of the range (checks, and the end of the
  // requests); afterwards the address of word pword: the first SCAN read (pword = the word holding
  // the first candidate), and the failing address of a bus error (FILL: beats answered without
  // error so far; SCAN: the head word).
  assign aop       = idle ? span : {2'b00, pword_q, 3'b000};
  assign sum       = {1'b0, c_addr} + aop;
  assign word_addr = sum[31:0];

  always_comb begin
    chk_err = pgaccel_pkg::ERR_NONE;
    if (pgaccel_pkg::SIM_GATE && !(idle && cmd_valid_i)) begin
      // not read (simulation only)
    end else if (!is_fill && !is_scan) begin
      chk_err = pgaccel_pkg::ERR_OP;
    end else if (is_fill ? (!c_lhi && c_len == '0) : (c_n == '0)) begin
      chk_err = pgaccel_pkg::ERR_LEN;
    end else if (c_addr[2:0] != '0 || (is_fill && c_len[2:0] != '0)) begin
      chk_err = pgaccel_pkg::ERR_ALIGN;
    end else if (c_lhi || sum[32]) begin
      chk_err = pgaccel_pkg::ERR_OVERFLOW;
    end else if (is_scan && c_start > c_len) begin
      chk_err = pgaccel_pkg::ERR_BITMAP;
    end else if (c_ahi || c_addr < RAM_BASE || sum > RAM_END) begin
      chk_err = pgaccel_pkg::ERR_RANGE;
    end else if (c_addr < win_base_i || sum > win_end_i) begin
      chk_err = pgaccel_pkg::ERR_WINDOW;
    end
  end

  // ---------------------------------------------------------------------------------------------
  // SCAN read buffer, step and the one alignment unit (start bit in IDLE, step result in SCAN).
  logic [64:0]  rb_head;
  logic         rb_empty, rb_push, rb_pop, rb_flush;
  logic [RBW:0] rb_cnt;
  pgaccel_pkg::step_e kind;
  logic [5:0]   rlast;
  logic [33:0]  aligned, wlast_n;
  logic [27:0]  pword_next;
  logic         none, here, fits, c2_here;

  pgaccel_fifo #(
    .WIDTH(65),
    .DEPTH(RDEPTH)
  ) u_rbuf (
    .clk_i,
    .rst_ni,
    .flush_i (rb_flush),
    .push_i  (rb_push),
    .wdata_i ({dma_err_i, dma_rdata_i}),
    .pop_i   (rb_pop),
    .rdata_o (rb_head),
    .empty_o (rb_empty),
    .count_o (rb_cnt)
  );

  // the next word (SCAN), or the lanes of one more good response (FILL: two for a wide one)
  assign pword_next = pword_q + {26'd0, wide_q, !wide_q};
  assign here   = (cand_q[33:6] == pword_q);
  assign fits   = (wlast_q[33:6] == pword_q);
  // No window fits before the end bit any more.
  assign none   = (wlast_q >= {2'b00, c_len});

  pgaccel_scan_step u_step (
    .word_i (rb_head[63:0]),
    .pol_i  (c_pol),
    .all_i  (cbef_q),
    .here_i (here),
    .c_i    (cand_q[5:0]),
    .fits_i (fits),
    .e_i    (wlast_q[5:0]),
    .en_i   (scan && !rb_empty),
    .kind_o (kind),
    .r_o    (rlast)
  );

  pgaccel_align u_align (
    .idle_i    (idle),
    .start_i   (c_start),
    .pword_i   (pword_q),
    .rlast_i   (rlast),
    .k_i       (c_k),
    .n_i       (c_n),
    .en_i      ((idle && cmd_valid_i) || scan),
    .aligned_o (aligned),
    .wlast_o   (wlast_n),
    .c2_here_o (c2_here)
  );

  // ---------------------------------------------------------------------------------------------
  // Bus side.
  logic           granted, more, rsp_valid, rsp_err;
  logic [3:0]     out_after;
  logic [RBW+1:0] rd_after;
  logic [31:0]    step;

  // A command uses one port (FILL: wide_q says which; SCAN: the DMA port) and drains it before
  // the next starts, so a response is the active port's.
  assign granted   = req_q && (wide_q ? wide_gnt_i : dma_gnt_i);
  assign rsp_valid = dma_rvalid_i || wide_rvalid_i;
  assign rsp_err   = wide_q ? wide_err_i : dma_err_i;
  assign step      = wide_q ? 32'd16 : 32'd8;
  assign out_after = out_q + 4'(granted) - 4'(rsp_valid);
  // Reads granted or buffered after this cycle (not counting this cycle's pop, which keeps the
  // issue logic independent of the step); a new read needs room for its word.
  assign rd_after  = (RBW+2)'(out_after) + (RBW+2)'(rb_cnt) + (RBW+2)'(rb_push);

  assign dma_req_o   = req_q && !wide_q;
  assign wide_req_o  = req_q && wide_q;
  assign wide_addr_o = addr_q;
  assign wide_data_o = wdata_q;
  assign dma_addr_o  = addr_q;
  assign dma_we_o    = we_q;
  assign dma_be_o    = 8'hff;
  assign dma_wdata_o = wdata_q;

  assign rb_push  = dma_rvalid_i && (state_q == pgaccel_pkg::EngScan);
  assign rb_flush = (state_q != pgaccel_pkg::EngScan);

  assign ev_busy_o  = (state_q != pgaccel_pkg::EngIdle);
  assign ev_lanes_o = (rsp_valid && we_q && !rsp_err) ? {wide_q, !wide_q} : 2'd0;
  assign ev_word_o  = dma_rvalid_i && !we_q;
  assign ev_op_o    = (state_q == pgaccel_pkg::EngDone);

  assign cmd_pop_o   = (state_q == pgaccel_pkg::EngDone);
  assign comp_push_o = (state_q == pgaccel_pkg::EngDone);
  // The result: the found index, the failing address of a bus error, the end bit for "none".
  logic [31:0] result;
  always_comb begin
    if (pgaccel_pkg::SIM_GATE && state_q != pgaccel_pkg::EngDone) begin
      result = '0;  // not read (simulation only)
    end else if (ecode_q == pgaccel_pkg::ERR_BUS) begin
      result = word_addr;
    end else if (found_q) begin
      result = cand_q[31:0];
    end else if (ecode_q == pgaccel_pkg::ERR_NONE && c_op == pgaccel_pkg::OP_SCAN) begin
      result = c_len;
    end else begin
      result = '0;
    end
  end

  always_comb begin
    comp_o        = '0;
    comp_o.result = result;
    comp_o.found  = found_q;
    comp_o.err    = ecode_q;
    comp_o.tag    = cmd_i.tag;
  end

  // Control: the next state and the enables of the datapath registers below. The datapath takes
  // one of few inputs under a few shared enables, which keeps each bit one LUT.
  logic start, pword_inc, move, addr_left, last;

  assign start = idle && cmd_valid_i;
  // Requests left to issue after this cycle: at_end_q is addr_q == eaddr_q, and after a grant the
  // address moves on by one beat (compared in `last` before the move). A command starts with at
  // least one (FILL: CMD_LEN >= 8; SCAN: the first read is only formed when a window fits, which
  // puts the word of the candidate before the end of the bitmap).
  assign last      = (addr_q + step == eaddr_q);
  assign addr_left = granted ? !last : !at_end_q;

  always_comb begin
    state_d   = state_q;
    req_d     = req_q;
    we_d      = we_q;
    berr_d    = berr_q;
    first_d   = 1'b0;
    cbef_d    = cbef_q;
    wide_d    = wide_q;
    ecode_d   = ecode_q;
    found_d   = found_q;
    rb_pop    = 1'b0;
    more      = 1'b0;
    move      = 1'b0;
    pword_inc = 1'b0;

    unique case (state_q)
      pgaccel_pkg::EngIdle: begin
        if (cmd_valid_i) begin
          ecode_d = chk_err;
          found_d = 1'b0;
          berr_d  = 1'b0;
          we_d    = is_fill;
          cbef_d  = 1'b0;
          wide_d  = WIDE_WR && is_fill && !c_addr[3] && !c_len[3] &&
                    chk_err == pgaccel_pkg::ERR_NONE;
          if (chk_err != pgaccel_pkg::ERR_NONE) begin
            state_d = pgaccel_pkg::EngDone;
          end else if (is_fill) begin
            state_d = pgaccel_pkg::EngFill;
            req_d   = 1'b1;
          end else begin
            // The first SCAN cycle checks for "no window at all" and forms the first read address
            // (the word holding the first candidate) before it reads anything.
            state_d = pgaccel_pkg::EngScan;
            first_d = 1'b1;
          end
        end
      end

      pgaccel_pkg::EngFill: begin
        if (rsp_valid && rsp_err && !berr_q) begin
          berr_d  = 1'b1;
          ecode_d = pgaccel_pkg::ERR_BUS;
        end
        pword_inc = rsp_valid && !berr_d;  // stops at the first failing beat
        more = addr_left && !berr_d && (out_after < 4'(WR_MAXOUT));
        if (!req_q || granted) begin
          req_d = more;
        end
        if (!addr_left || berr_d) begin
          state_d = pgaccel_pkg::EngDrain;
        end
      end

      pgaccel_pkg::EngScan: begin
        more = addr_left && (rd_after < (RBW+2)'(RDEPTH));
        if (none) begin
          state_d = pgaccel_pkg::EngDrain;
        end else if (!rb_empty) begin
          if (rb_head[64]) begin
            state_d = pgaccel_pkg::EngDrain;
            ecode_d = pgaccel_pkg::ERR_BUS;
          end else begin
            unique case (kind)
              pgaccel_pkg::StepFound: begin
                state_d = pgaccel_pkg::EngDrain;
                found_d = 1'b1;
              end
              pgaccel_pkg::StepNext: begin
                rb_pop  = 1'b1;
                cbef_d  = cbef_q || here;
              end
              default: begin  // StepMove
                // The word is done when the new candidate lies past it; otherwise look at it again
                // from the new candidate.
                move    = 1'b1;
                rb_pop  = !c2_here;
                cbef_d  = 1'b0;
              end
            endcase
            pword_inc = rb_pop;
          end
        end
        if (!req_q || granted) begin
          req_d = more && (state_d == pgaccel_pkg::EngScan);
        end
      end

      pgaccel_pkg::EngDrain: begin
        if (granted) begin
          req_d = 1'b0;
        end
        if (rsp_valid && rsp_err && we_q && !berr_q) begin
          // A write that was already on the bus failed: report the first failing address.
          berr_d  = 1'b1;
          ecode_d = pgaccel_pkg::ERR_BUS;
        end
        pword_inc = rsp_valid && we_q && !berr_d;
        if (!req_q && out_q == '0) begin
          state_d = pgaccel_pkg::EngDone;
        end
      end

      pgaccel_pkg::EngDone: begin
        state_d = pgaccel_pkg::EngIdle;
      end

      default: begin
        state_d = pgaccel_pkg::EngIdle;
      end
    endcase
  end

  // Datapath registers, each loaded from few inputs under its enable:
  // - addr: the range start when a command starts (FILL's first request), the word of the first
  //   candidate in the first SCAN cycle (no request is out yet), the next beat after a grant;
  // - eaddr: the end of the range or of the bitmap, when a command starts;
  // - cand, wlast: the aligned start when a command starts, the next candidate on a move;
  // - pword: when a command starts the word of the first candidate (SCAN) or 0 (FILL: beats
  //   answered without error), then one up per popped word or good lane written.
  always_comb begin
    if (start) begin
      addr_d = c_addr;
    end else if (first_q) begin
      addr_d = word_addr;
    end else begin
      addr_d = addr_q + step;
    end
    pword_d = start ? (is_scan ? aligned[33:6] : '0) : pword_next;
    at_end_d = (start || first_q) ? 1'b0 : last;
  end

  // The pattern needs no reset (it is loaded when a command starts); without one, the zero for ZERO
  // maps onto the flops' synchronous reset instead of a LUT per bit.
  always_ff @(posedge clk_i) begin
    if (start) begin
      wdata_q <= (c_op == pgaccel_pkg::OP_FILL) ? c_arg : 64'd0;
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      state_q  <= pgaccel_pkg::EngIdle;
      addr_q   <= '0;
      at_end_q <= 1'b0;
      eaddr_q  <= '0;
      req_q    <= 1'b0;
      out_q    <= '0;
      we_q     <= 1'b0;
      wide_q   <= 1'b0;
      berr_q   <= 1'b0;
      first_q  <= 1'b0;
      cand_q   <= '0;
      wlast_q  <= '0;
      cbef_q   <= 1'b0;
      pword_q  <= '0;
      ecode_q  <= '0;
      found_q  <= 1'b0;
    end else begin
      state_q <= state_d;
      req_q   <= req_d;
      out_q   <= out_after;
      we_q    <= we_d;
      wide_q  <= WIDE_WR && wide_d;  // constant 0 without the port: synthesis drops the flop
      berr_q  <= berr_d;
      first_q <= first_d;
      cbef_q  <= cbef_d;
      ecode_q <= ecode_d;
      found_q <= found_d;
      if (start || first_q || granted) begin
        addr_q   <= addr_d;
        at_end_q <= at_end_d;
      end
      if (start) begin
        eaddr_q <= sum[31:0];
      end
      if (start || move) begin
        cand_q  <= aligned;
        wlast_q <= wlast_n;
      end
      if (start || pword_inc) begin
        pword_q <= pword_d;
      end
    end
  end

`ifdef FORMAL
  // Internal properties, checked by tests/accel/formal (read_verilog -formal defines FORMAL; lint
  // and synthesis never see them), which proves them for all reachable states by k-induction.
  // Besides safety they state termination as a safety property: a command leaves the engine
  // within F_BUSY cycles (the watchdog f_busy_q, bounded through a ranking function), and the
  // invariants that make all of it inductive.
  //
  // Environment: the command at the head of the queue stays while the engine works on it (the
  // queue's head is stable until the pop, proven in pgaccel_fifo.sv), and the slaves on the DMA
  // and wide ports answer only granted requests of their own port, in order, grant a waiting
  // request within F_GNT_MAX cycles and answer an outstanding one within F_RSP_MAX (assumed here,
  // where the outstanding count is visible; read data and err are free).
  localparam int unsigned F_GNT_MAX = 2;
  localparam int unsigned F_RSP_MAX = 2;
  localparam int unsigned F_STALL   = 6;  // cycles without progress, at most
  // The ranking at the start of a command is at most F_PHI_MAX (rank, requests, the candidate's
  // distance to the end bit; for the harnesses' small RAM), so a command keeps the engine busy for
  // at most F_BUSY cycles.
  localparam int unsigned F_PHI_MAX = 2 + 4 * (RAM_SIZE / 8) + 8 * RAM_SIZE + 1;
  localparam int unsigned F_BUSY    = F_STALL * (F_PHI_MAX + 1);

  logic [1:0] f_gwait_q = '0, f_rwait_q = '0;
  always_ff @(posedge clk_i) begin
    f_gwait_q <= (req_q && !granted) ? f_gwait_q + 2'd1 : 2'd0;
    f_rwait_q <= (out_q != '0 && !rsp_valid) ? f_rwait_q + 2'd1 : 2'd0;
  end
  always_comb begin
    if (rst_ni) begin
      assume (!dma_rvalid_i || (out_q != '0 && !wide_q));
      assume (!wide_rvalid_i || (out_q != '0 && wide_q));
      if (req_q && f_gwait_q >= 2'(F_GNT_MAX)) assume (granted);
      if (out_q != '0 && f_rwait_q >= 2'(F_RSP_MAX)) assume (rsp_valid);
    end
  end

  // The command's checks, with the end of its range computed on its own (the RTL adder holds it
  // in IDLE only).
  logic [32:0] f_end;
  logic        f_valid, f_fill, f_scan, f_drain, f_done, f_busy;
  assign f_end   = {1'b0, c_addr} + span;
  assign f_valid = (is_fill ? (!c_lhi && c_len != '0 && c_len[2:0] == '0) :
                    (is_scan && c_n != '0 && c_start <= c_len)) &&
                   c_addr[2:0] == '0 && !c_lhi && !f_end[32] && !c_ahi && c_addr >= RAM_BASE &&
                   f_end <= RAM_END;
  assign f_fill  = (state_q == pgaccel_pkg::EngFill);
  assign f_scan  = (state_q == pgaccel_pkg::EngScan);
  assign f_drain = (state_q == pgaccel_pkg::EngDrain);
  assign f_done  = (state_q == pgaccel_pkg::EngDone);
  assign f_busy  = !idle;

  // Progress: the events that reset the stall counter.
  logic       f_event;
  logic [3:0] f_stall_q = '0;
  assign f_event = idle || state_d != state_q || granted || rsp_valid || rb_pop || move;
  always_ff @(posedge clk_i) begin
    f_stall_q <= (!rst_ni || f_event) ? 4'd0 : f_stall_q + 4'd1;
  end

  // Ranking function: work left, which every event lowers and nothing raises. rank 2 in FILL and
  // SCAN, 1 in DRAIN, 0 in DONE; 4 per request left to issue, 2 per outstanding transfer, 1 per
  // buffered word, and for SCAN the distance of the candidate to the end bit (every move raises
  // the candidate).
  logic [15:0] f_req_left, f_cand_left, f_phi;
  logic [33:0] f_first_word;
  always_comb begin
    f_first_word = {6'd0, pword_q};
    if (f_fill || (f_scan && !first_q)) begin
      f_req_left = 16'((eaddr_q - addr_q) >> 3);
    end else if (f_scan) begin
      f_req_left = ({4'd0, pword_q} < 32'(bm_words)) ? 16'(32'(bm_words) - {4'd0, pword_q}) : '0;
    end else begin
      f_req_left = 16'(req_q);
    end
    f_cand_left = (f_scan && cand_q <= {2'b00, c_len}) ? 16'({2'b00, c_len} - cand_q + 34'd1) : '0;
    f_phi = (f_fill || f_scan) ? 16'd2 : f_drain ? 16'd1 : 16'd0;
    f_phi = f_phi + (f_req_left << 2) + 16'({out_q, 1'b0}) + f_cand_left +
            ((f_fill || f_scan) ? 16'(rb_cnt) : 16'd0);
  end

  // The watchdog: busy cycles of this command before this one, against the ranking at its start.
  logic [15:0] f_busy_q = '0;
  logic [15:0] f_phi0, f_phi0_q = '0, f_phi_prev_q = '0;
  logic        f_event_prev_q = 1'b0, f_busy_prev_q = 1'b0;
  assign f_phi0 = f_busy_prev_q ? f_phi0_q : f_phi;
  always_ff @(posedge clk_i) begin
    f_busy_prev_q  <= rst_ni && f_busy;
    f_phi_prev_q   <= f_phi;
    f_event_prev_q <= f_event;
    f_phi0_q       <= f_phi0;
    if (!rst_ni || !f_busy) begin
      f_busy_q <= '0;
    end else if (f_busy_q != '1) begin
      f_busy_q <= f_busy_q + 16'd1;
    end
  end

  // ZERO/FILL function: a symbolic lane, the writes to it in the current command, the pattern.
  (* anyconst *) logic [31:0] f_lane_any;
  logic [31:0] f_lane;
  logic [1:0]  f_wcnt_q = '0;
  logic [63:0] f_pat;
  logic [27:0] f_out_lanes;  // lanes of the outstanding writes
  logic        f_hits_lane;  // a write granted this cycle covers f_lane
  assign f_lane = {f_lane_any[31:3], 3'b000};
  assign f_out_lanes = wide_q ? {23'd0, out_q, 1'b0} : {24'd0, out_q};
  assign f_hits_lane = granted && we_q &&
                       (addr_q == f_lane || (wide_q && addr_q + 32'd8 == f_lane));
  assign f_pat  = (c_op == pgaccel_pkg::OP_FILL) ? c_arg : 64'd0;
  always_ff @(posedge clk_i) begin
    if (!rst_ni || start) begin
      f_wcnt_q <= '0;
    end else if (f_hits_lane && f_wcnt_q != 2'd3) begin
      f_wcnt_q <= f_wcnt_q + 2'd1;
    end
  end


  always_comb begin
    // Checked out of reset (the harnesses reset in the first cycle).
    if (rst_ni) begin
      // Requests never reach the end address: every beat lies in [first address, end). Every
      // request lies inside RAM, every write inside the command's range, in full aligned lanes.
      if (req_q) begin
        assert (addr_q < eaddr_q);
        assert (addr_q >= RAM_BASE && {1'b0, addr_q} + 33'd8 <= RAM_END);
        assert (addr_q[2:0] == '0);
        assert ({1'b0, addr_q} + {1'b0, step} <= RAM_END);
        if (we_q) begin
          assert (addr_q >= c_addr &&
                  {1'b0, addr_q} + {1'b0, step} <= {1'b0, c_addr} + {1'b0, c_len});
        end
      end
      // The wide port carries whole 16-byte words of a FILL whose range is made of them.
      if (wide_q) begin
        assert (WIDE_WR && addr_q[3:0] == '0);
        if (f_fill || f_drain || f_done) begin
          assert (is_fill && c_addr[3] == 1'b0 && c_len[3] == 1'b0 && pword_q[0] == 1'b0);
        end
      end
      if (f_fill || f_scan) assert (wide_q == (WIDE_WR && is_fill && !c_addr[3] && !c_len[3]));
      if (f_fill || (f_drain && we_q)) begin
        assert (out_q + 4'(req_q) <= 4'(WR_MAXOUT));
      end
      // The read buffer never overflows: granted reads plus buffered words fit in it.
      if (f_scan || (f_drain && !we_q)) begin
        assert (5'(out_q) + 5'(rb_cnt) + 5'(req_q) <= 5'(RDEPTH));
      end
      if (f_scan && state_d == pgaccel_pkg::EngScan) begin
        // The search only moves forward: each step pops a word or moves the candidate up.
        if (move) assert (aligned > cand_q);
      end
      if (idle || f_done) assert (!req_q && out_q == '0);
      // at_end_q tracks addr_q == eaddr_q while requests are issued.
      if (f_fill || (f_scan && !first_q)) begin
        assert (at_end_q == (addr_q == eaddr_q));
      end

      // Invariants of a command at work (they make the properties inductive): it passed the
      // checks; the end address is its end; FILL: every request up to addr_q was answered without
      // error (pword_q) or is outstanding; SCAN: every word up to addr_q was popped (pword_q),
      // is buffered or outstanding, the window's last bit is cand + n - 1 and lies at or after the
      // head word, and cbef_q says where cand lies.
      if (f_fill || f_scan || f_drain) begin
        assert (f_valid);
        assert (eaddr_q == f_end[31:0]);
        assert (we_q == is_fill);
        assert (out_q <= 4'(WR_MAXOUT > RDEPTH ? WR_MAXOUT : RDEPTH));
        if (f_fill) assert (is_fill);
        if (f_scan) assert (is_scan);
      end
      if (f_fill) begin
        assert (!berr_q && !first_q && !at_end_q);
        assert ({1'b0, pword_q + f_out_lanes, 3'b000} < {1'b0, span});
        assert (addr_q == c_addr + {pword_q + f_out_lanes, 3'b000});
        assert (addr_q < eaddr_q);
      end
      if (f_scan && !first_q) begin
        assert ({1'b0, pword_q + 28'(out_q) + 28'(rb_cnt), 3'b000} <= {1'b0, span});
        assert (addr_q == c_addr + {pword_q + 28'(out_q) + 28'(rb_cnt), 3'b000});
        assert (addr_q <= eaddr_q);
      end
      if (f_drain && req_q) begin
        assert (addr_q >= c_addr && addr_q[2:0] == '0);
      end
      if (f_scan && first_q) begin
        assert (out_q == '0 && !req_q && rb_cnt == '0);
      end
      if (f_scan) begin
        assert (wlast_q == cand_q + {2'b00, c_n} - 34'd1);
        assert (wlast_q >= {pword_q, 6'd0});
        assert (cand_q < 34'h2_0000_0000);
        if (cbef_q) assert (cand_q < {pword_q, 6'd0});
        else        assert (cand_q >= {pword_q, 6'd0});
      end

      // Function of ZERO/FILL: the symbolic lane f_lane is written at most once per command, with
      // the pattern, exactly when it lies in the part of the range issued so far; so a command that
      // completes without error has written every lane of [addr, addr + len) once and no other.
      assert (f_wcnt_q <= 2'd1);
      if (granted && we_q) begin
        assert (dma_wdata_o == f_pat && dma_be_o == 8'hff && wide_data_o == f_pat);
      end
      if (f_fill || (f_drain && we_q) || (f_done && we_q && (ecode_q == pgaccel_pkg::ERR_NONE ||
                                                             ecode_q == pgaccel_pkg::ERR_BUS))) begin
        assert (wdata_q == f_pat);
        assert (f_wcnt_q == 2'(f_lane >= c_addr && f_lane < addr_q));
        assert (berr_q == (ecode_q == pgaccel_pkg::ERR_BUS));
        assert (ecode_q == pgaccel_pkg::ERR_NONE || ecode_q == pgaccel_pkg::ERR_BUS);
      end
      if ((f_drain || f_done) && we_q && ecode_q == pgaccel_pkg::ERR_NONE) begin
        assert (f_valid && is_fill && !req_q && addr_q == eaddr_q && eaddr_q == f_end[31:0]);
      end
      if (f_done && we_q && ecode_q == pgaccel_pkg::ERR_NONE) begin
        assert (f_wcnt_q == 2'({1'b0, f_lane} >= {1'b0, c_addr} &&
                               {1'b0, f_lane} < {1'b0, c_addr} + {1'b0, c_len}));
      end

      // Termination: progress at least every F_STALL cycles; the ranking never rises and falls
      // with every event; so a command keeps the engine busy for at most
      // F_STALL * (its ranking at the start + 1) cycles, below F_BUSY.
      assert (f_stall_q < 4'(F_STALL));
      if (f_busy_prev_q && f_busy) begin
        assert (f_phi <= f_phi_prev_q);
        if (f_event_prev_q) assert (f_phi < f_phi_prev_q);
      end
      if (f_busy) begin
        assert (32'(f_phi0) <= 32'(F_PHI_MAX));
        assert (f_phi <= f_phi0);
        assert (32'(f_busy_q) <= 32'(F_STALL) * 32'(f_phi0 - f_phi) + 32'(f_stall_q));
        assert (32'(f_busy_q) < 32'(F_BUSY));
      end
    end
  end

`ifdef FORMAL_SCAN_FN
  // SCAN function for every bitmap (run.sh checks scanfn-*, engine-only harness
  // tests/accel/formal/pgaccel_scan_formal.sv), by k-induction. No bitmap is stored: one symbolic
  // bit f_b with its value f_v (anyconst) stands for every bit, the environment answers the word
  // that holds f_b with that value (assumed on the read buffer's head: pgaccel_fifo.sv proves
  // that it hands words out unchanged and in order, the address invariants above that the head
  // is word pword_q), and
  // the properties quantify over it: "f_b in the window -> f_b is free" says the whole window is
  // free. A window is an answer when it is aligned, at or after the start, ends by the end bit and
  // holds no not-free bit. That one symbolic candidate f_wi below the search's candidate is no
  // answer needs a witness, a not-free bit in its window: f_wit, recorded when the candidate moves
  // past f_wi (the lowest not-free bit z at or after the candidate in the head word, or f_wi
  // itself when it lies in the not-free run from z), and "f_b == f_wit -> f_b is not free".
  (* anyconst *) logic [31:0] f_b, f_wi;
  (* anyconst *) logic        f_v;
  logic [33:0] f_wit_q = '0;
  logic [33:0] f_amask, f_wend, f_zabs;
  logic [63:0] f_used_w, f_m;
  logic [5:0]  f_z;
  logic        f_b_used, f_wi_ok, f_wi_in;
  assign f_b_used = c_pol ? !f_v : f_v;
  assign f_amask  = ~({34{1'b1}} << c_k);
  assign f_wend   = {2'b00, f_wi} + {2'b00, c_n} - 34'd1;  // f_wi's window is [f_wi, f_wend]
  assign f_wi_ok  = ({2'b00, f_wi} & f_amask) == '0 && f_wi >= c_start &&
                    {1'b0, f_wi} + {1'b0, c_n} <= {1'b0, c_len};
  // The head word's not-free bits at or after the candidate, the lowest of them (z) as a bit index.
  always_comb begin
    f_used_w = c_pol ? ~rb_head[63:0] : rb_head[63:0];
    f_m      = cbef_q ? f_used_w : here ? (f_used_w & ({64{1'b1}} << cand_q[5:0])) : '0;
    f_z      = '0;
    for (int i = 63; i >= 0; i--) begin
      if (f_m[i]) f_z = 6'(i);
    end
  end
  assign f_zabs  = {pword_q, f_z};
  assign f_wi_in = {2'b00, f_wi} >= cand_q && {2'b00, f_wi} < aligned;
  always_ff @(posedge clk_i) begin
    if (rst_ni && scan && move && f_wi_in) begin
      f_wit_q <= ({2'b00, f_wi} <= f_zabs) ? f_zabs : {2'b00, f_wi};
    end
  end
  always_comb begin
    if (rst_ni && scan && !rb_empty && !rb_head[64] && f_b[31:6] == pword_q[25:0] &&
        pword_q[27:26] == '0) begin
      assume (rb_head[f_b[5:0]] == f_v);
    end
  end
  always_comb begin
    // A SCAN that passes the checks as the spec (docs/pgaccel.md) states them (f_valid, the
    // window) is started, not refused: its completion is the search's.
    if (rst_ni && idle && cmd_valid_i && is_scan && f_valid && c_addr >= win_base_i &&
        f_end <= win_end_i) begin
      f_scanfn_accept: assert (chk_err == pgaccel_pkg::ERR_NONE);
    end
    if (rst_ni && is_scan && !we_q && ecode_q == pgaccel_pkg::ERR_NONE) begin
      if (f_scan || f_drain || f_done) begin
        f_scanfn_below: assert (!(f_wi_ok && {2'b00, f_wi} < cand_q) ||
                                (f_wit_q >= {2'b00, f_wi} && f_wit_q <= f_wend &&
                                 (f_wit_q != {2'b00, f_b} || f_b_used)));
      end
      if (f_scan) begin
        f_scanfn_cand: assert ((cand_q & f_amask) == '0 && cand_q >= {2'b00, c_start});
        f_scanfn_open: assert (!found_q);
        if (cbef_q) begin
          f_scanfn_free: assert (!({2'b00, f_b} >= cand_q && {2'b00, f_b} < {pword_q, 6'd0}) ||
                                 !f_b_used);
        end
      end
      if ((f_drain || f_done) && found_q) begin
        f_scanfn_found: assert ((cand_q & f_amask) == '0 && cand_q >= {2'b00, c_start} &&
                                wlast_q == cand_q + {2'b00, c_n} - 34'd1 &&
                                wlast_q < {2'b00, c_len} &&
                                (!({2'b00, f_b} >= cand_q && {2'b00, f_b} <= wlast_q) ||
                                 !f_b_used));
      end
      if ((f_drain || f_done) && !found_q) begin
        f_scanfn_none: assert (wlast_q >= {2'b00, c_len} &&
                               wlast_q == cand_q + {2'b00, c_n} - 34'd1);
      end
      if (f_done) begin
        f_scanfn_comp: assert (comp_o.found == found_q &&
                             comp_o.err == pgaccel_pkg::ERR_NONE &&
                             comp_o.result == (found_q ? cand_q[31:0] : c_len));
      end
    end
  end
`endif

`ifdef FORMAL_WINDOW
  // DMA window (run.sh check "window"): a command at work passed the window check against the
  // window it runs under, which cannot change while it runs; with the invariants above (every
  // request lies in the command's range) no request leaves the window.
  always_comb begin
    if (rst_ni && (f_fill || f_scan || f_drain)) begin
      assert (c_addr >= win_base_i && f_end <= win_end_i);
    end
  end
`endif
`endif

  // ---- assertions (pagoda_assert.svh; the untimed ones are also checked by tests/accel/formal)
  `ASSERT(EngStateLegal, state_q <= pgaccel_pkg::EngDone)
  `ASSERT_NEVER(EngIdleBusy, idle && (req_q || out_q != '0))
  // the DMA port follows the PBUS master rules: a waiting request is held, responses come only
  // for granted requests (the slave's side of it), and nothing is requested in reset
  `ASSERT_HELD(EngReqHeld, dma_req_o, dma_gnt_i, {dma_addr_o, dma_we_o, dma_be_o, dma_wdata_o})
  `ASSERT_HELD(EngWideReqHeld, wide_req_o, wide_gnt_i, {wide_addr_o, wide_data_o})
  `ASSERT_NEVER(EngRespNoReq, dma_rvalid_i && (out_q == '0 || wide_q))
  `ASSERT_NEVER(EngWideRespNoReq, wide_rvalid_i && (out_q == '0 || !wide_q))
  `ASSERT_NEVER(EngWideNarrow, wide_req_o && (!WIDE_WR || wide_addr_o[3:0] != '0))
  `ASSERT_RESET(EngIdleInReset, !dma_req_o && !wide_req_o)

endmodule
