// SPDX-License-Identifier: BSD-2-Clause
// Pagoda core: Sv39 hardware page-table walker. Reads PTEs over the data port, checks the leaf's
// permissions for the requesting access and sets A (and D for stores) in memory itself before
// refilling the TLB, so software never sees A/D page faults.
`include "pagoda_assert.svh"
module pagoda_ptw (
  input  logic        clk_i,
  input  logic        rst_ni,
  input  logic [43:0] satp_ppn_i,
  // walk request (accepted when idle)
  input  logic        req_i,
  input  logic [38:0] req_vaddr_i,
  input  logic [1:0]  req_acc_i,    // ACC_*
  input  logic [1:0]  req_priv_i,   // effective privilege of the access
  input  logic        sum_i,
  input  logic        mxr_i,
  output logic        busy_o,
  output logic        done_o,       // walk finished (fill or fault) this cycle
  output logic [1:0]  fault_o,      // FEXC_*: with done_o
  // TLB refill
  output logic        fill_o,
  output logic [26:0] fill_vpn_o,
  output logic [43:0] fill_ppn_o,
  output logic [7:0]  fill_flags_o,
  output logic [1:0]  fill_level_o,
  // data-port access
  output logic        mem_req_o /*verilator isolate_assignments*/,
  input  logic        mem_gnt_i,
  output logic [31:0] mem_addr_o,
  output logic        mem_we_o,
  output logic [63:0] mem_wdata_o,
  input  logic        mem_rvalid_i,
  input  logic [63:0] mem_rdata_i,
  input  logic        mem_err_i,
  input  logic        pmp_ok_i      // PMP allows mem_addr_o as an S-mode read (write if mem_we_o)
);
  // Package constants used here (Yosys 0.23 has no package import).
  localparam logic [1:0] ACC_FETCH   = pagoda_core_pkg::ACC_FETCH;
  localparam logic [1:0] ACC_STORE   = pagoda_core_pkg::ACC_STORE;
  localparam logic [1:0] FEXC_ACCESS = pagoda_core_pkg::FEXC_ACCESS;
  localparam logic [1:0] FEXC_NONE   = pagoda_core_pkg::FEXC_NONE;
  localparam logic [1:0] FEXC_PAGE   = pagoda_core_pkg::FEXC_PAGE;
  localparam int unsigned PTE_A       = pagoda_core_pkg::PTE_A;
  localparam int unsigned PTE_D       = pagoda_core_pkg::PTE_D;
  localparam int unsigned PTE_R       = pagoda_core_pkg::PTE_R;
  localparam int unsigned PTE_V       = pagoda_core_pkg::PTE_V;
  localparam int unsigned PTE_W       = pagoda_core_pkg::PTE_W;
  localparam int unsigned PTE_X       = pagoda_core_pkg::PTE_X;

  typedef enum logic [2:0] {
    W_IDLE, W_READ, W_READ_WAIT, W_UPD, W_UPD_WAIT
  } walk_state_e;

  walk_state_e state_q, state_d;
  logic [26:0] vpn_q, vpn_d;
  logic [1:0]  acc_q, acc_d;
  logic [1:0]  priv_q, priv_d;
  logic        sum_q, sum_d, mxr_q, mxr_d;
  logic [1:0]  level_q, level_d;
  logic [55:0] pte_addr_q, pte_addr_d;
  logic [63:0] pte_q, pte_d;

  // Index into the next table: VPN[1] after the root, VPN[0] after that.
  logic [8:0] next_idx;
  assign next_idx = (level_q == 2'd2) ? vpn_q[17:9] : vpn_q[8:0];

  // The PTE checks are computed where W_READ_WAIT looks at a response (simulation speed: not
  // every cycle).
  logic [63:0] pte;
  logic [7:0]  flags;
  logic        leaf, invalid, misaligned, perm_ok, need_upd;
  logic [63:0] pte_upd;
  assign pte   = mem_rdata_i;
  assign flags = pte[7:0];

  logic [1:0] fault_kind;
  assign fault_kind = FEXC_PAGE;  // the core maps it to cause 12/13/15 by access kind

  always_comb begin
    state_d      = state_q;
    vpn_d        = vpn_q;
    acc_d        = acc_q;
    priv_d       = priv_q;
    sum_d        = sum_q;
    mxr_d        = mxr_q;
    level_d      = level_q;
    pte_addr_d   = pte_addr_q;
    pte_d        = pte_q;
    done_o       = 1'b0;
    fault_o      = FEXC_NONE;
    fill_o       = 1'b0;
    mem_req_o    = 1'b0;
    mem_wdata_o  = pte_q;
    leaf         = 1'b0;
    invalid      = 1'b0;
    misaligned   = 1'b0;
    perm_ok      = 1'b0;
    need_upd     = 1'b0;
    pte_upd      = 64'd0;

    unique case (state_q)
      W_IDLE: begin
        if (req_i) begin
          vpn_d      = req_vaddr_i[38:12];
          acc_d      = req_acc_i;
          priv_d     = req_priv_i;
          sum_d      = sum_i;
          mxr_d      = mxr_i;
          level_d    = 2'd2;
          pte_addr_d = {satp_ppn_i, req_vaddr_i[38:30], 3'b000};
          state_d    = W_READ;
        end
      end
      W_READ: begin
        // a PTE the PMP refuses is an access fault of the original access, not a page fault
        if (pte_addr_q[55:32] != 24'd0 || !pmp_ok_i) begin
          done_o  = 1'b1;
          fault_o = FEXC_ACCESS;
          state_d = W_IDLE;
        end else begin
          mem_req_o = 1'b1;
          if (mem_gnt_i) state_d = W_READ_WAIT;
        end
      end
      W_READ_WAIT: begin
        if (mem_rvalid_i) begin
          leaf       = flags[PTE_R] || flags[PTE_X];
          invalid    = !flags[PTE_V] || (!flags[PTE_R] && flags[PTE_W]) || (pte[63:54] != 10'd0);
          misaligned = ((level_q == 2'd2) && (pte[27:10] != 18'd0)) ||
                       ((level_q == 2'd1) && (pte[18:10] != 9'd0));
          perm_ok    = pagoda_core_pkg::pte_perm_ok(flags, acc_q, priv_q, sum_q, mxr_q);
          need_upd   = !flags[PTE_A] || ((acc_q == ACC_STORE) && !flags[PTE_D]);
          pte_upd    = pte | 64'(1 << PTE_A) | ((acc_q == ACC_STORE) ? 64'(1 << PTE_D) : 64'd0);
          if (mem_err_i) begin
            done_o  = 1'b1;
            fault_o = FEXC_ACCESS;
            state_d = W_IDLE;
          end else if (invalid) begin
            done_o  = 1'b1;
            fault_o = fault_kind;
            state_d = W_IDLE;
          end else if (leaf) begin
            if (misaligned || !perm_ok) begin
              done_o  = 1'b1;
              fault_o = fault_kind;
              state_d = W_IDLE;
            end else if (need_upd) begin
              pte_d   = pte_upd;
              state_d = W_UPD;
            end else begin
              pte_d   = pte;
              fill_o  = 1'b1;
              done_o  = 1'b1;
              state_d = W_IDLE;
            end
          end else if (level_q == 2'd0) begin
            done_o  = 1'b1;
            fault_o = fault_kind;
            state_d = W_IDLE;
          end else begin
            level_d    = level_q - 2'd1;
            pte_addr_d = {pte[53:10], next_idx, 3'b000};
            state_d    = W_READ;
          end
        end
      end
      W_UPD: begin
        if (!pmp_ok_i) begin
          done_o  = 1'b1;
          fault_o = FEXC_ACCESS;
          state_d = W_IDLE;
        end else begin
          mem_req_o = 1'b1;
          if (mem_gnt_i) state_d = W_UPD_WAIT;
        end
      end
      W_UPD_WAIT: begin
        if (mem_rvalid_i) begin
          done_o  = 1'b1;
          state_d = W_IDLE;
          if (mem_err_i) begin
            fault_o = FEXC_ACCESS;
          end else begin
            fill_o = 1'b1;
          end
        end
      end
      default: state_d = W_IDLE;
    endcase
  end

  // Refill payload: in W_READ_WAIT it comes straight from the bus, after an update from pte_q.
  logic [63:0] fill_pte;
  assign fill_pte     = (state_q == W_UPD_WAIT) ? pte_q : pte;
  assign fill_vpn_o   = vpn_q;
  assign fill_ppn_o   = fill_pte[53:10];
  assign fill_flags_o = fill_pte[7:0];
  assign fill_level_o = level_q;
  assign mem_addr_o   = pte_addr_q[31:0];
  // Outside the case above: the PMP check of the walker's access depends on it, and the core's
  // request into this walker on that check. Inside, the case's `unique` check (--assert) keeps the
  // simulator from splitting the block, which then reads as a combinational loop (UNOPTFLAT).
  assign mem_we_o     = (state_q == W_UPD);
  assign busy_o       = (state_q != W_IDLE);

  logic unused;
  assign unused = ^{req_vaddr_i[11:0], fill_pte[63:54], fill_pte[9:8]};

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      state_q    <= W_IDLE;
      vpn_q      <= 27'd0;
      acc_q      <= ACC_FETCH;
      priv_q     <= 2'd0;
      sum_q      <= 1'b0;
      mxr_q      <= 1'b0;
      level_q    <= 2'd0;
      pte_addr_q <= 56'd0;
      pte_q      <= 64'd0;
    end else begin
      state_q    <= state_d;
      vpn_q      <= vpn_d;
      acc_q      <= acc_d;
      priv_q     <= priv_d;
      sum_q      <= sum_d;
      mxr_q      <= mxr_d;
      level_q    <= level_d;
      pte_addr_q <= pte_addr_d;
      pte_q      <= pte_d;
    end
  end

  // ---- assertions (pagoda_assert.svh) ----
  `ASSERT(PtwStateLegal, state_q inside {W_IDLE, W_READ, W_READ_WAIT, W_UPD, W_UPD_WAIT})
  `ASSERT_NEVER(PtwLevelReserved, level_q == 2'd3)
  // requests are accepted only when idle (the core waits for busy_o)
  `ASSERT_NEVER(PtwReqBusy, req_i && state_q != W_IDLE)
  // its share of the data port follows the PBUS master rules: a waiting request is held, and a
  // response comes only while one is outstanding
  `ASSERT_HELD(PtwReqHeld, mem_req_o, mem_gnt_i, {mem_addr_o, mem_we_o, mem_wdata_o})
  `ASSERT_NEVER(PtwRespNoReq, mem_rvalid_i && !(state_q inside {W_READ_WAIT, W_UPD_WAIT}))
  // what it puts into a TLB is a valid leaf with A set (and D for a store): software never sees
  // an A/D fault
  `ASSERT_NEVER(PtwFillNotLeaf, fill_o && !(fill_flags_o[PTE_V] && fill_flags_o[PTE_A] &&
                                            (fill_flags_o[PTE_R] || fill_flags_o[PTE_X])))
  `ASSERT_NEVER(PtwFillStoreNoD, fill_o && acc_q == ACC_STORE && !fill_flags_o[PTE_D])

endmodule
