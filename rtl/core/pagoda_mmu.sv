// SPDX-License-Identifier: BSD-2-Clause
// Pagoda core: MMU (docs/core.md "MMU (Sv39)"). Translates the fetch unit's lane address and the
// LSU's data address (an ITLB and a DTLB, one pagoda_xlate check for each), runs the page-table
// walker for the misses of both (the data side first; a walk starts only while the data port is
// idle, and the LSU lends the port to the walker while it is busy), and holds the PMP with its two
// checkers (fetch; data port for the LSU's accesses and the walker's).
`include "pagoda_assert.svh"
module pagoda_mmu (
  input  logic        clk_i,
  input  logic        rst_ni,
  // translation state from the CSR file
  input  logic [1:0]  priv_i,
  input  logic        mprv_i,
  input  logic [1:0]  mpp_i,
  input  logic        sum_i,
  input  logic        mxr_i,
  input  logic        sv39_i,
  input  logic [43:0] satp_ppn_i,
  input  logic        flush_i,         // sfence.vma or a satp write: empty both TLBs
  // PMP CSRs (pagoda_pmp)
  input  logic [11:0] pmp_csr_addr_i,
  input  logic        pmp_csr_re_i,
  input  logic        pmp_csr_we_i,
  input  logic [63:0] pmp_csr_wdata_i,
  output logic [63:0] pmp_csr_rdata_o,
  // fetch side (pagoda_fetch)
  input  logic        if_hold_i,       // privilege or translation changes this cycle: no answer
  input  logic [63:0] if_vaddr_i,
  output logic        if_ok_o,
  output logic        if_miss_o,
  output logic [31:0] if_paddr_o,
  output logic [1:0]  if_fault_o,
  input  logic        if_walk_req_i,
  output logic        if_walk_ack_o,
  output logic        if_walk_done_o,
  output logic [1:0]  if_walk_fault_o,
  // data side (pagoda_lsu)
  input  logic        d_en_i,          // a load, store or AMO is in execute
  input  logic [63:0] d_vaddr_i,
  input  logic        d_store_i,       // store, SC or AMO (needs W; store-type faults)
  input  logic        d_clear_i,       // the instruction in execute leaves: forget its walk fault
  output logic        d_miss_o,
  output logic [1:0]  d_fault_o,
  output logic [31:0] d_paddr_o,
  input  logic        d_walk_req_i,
  input  logic        d_port_idle_i,   // no data access in flight: a walk may start
  output logic        d_walk_start_o,  // a walk starts for the data side (DTLB miss event)
  // the walker's data-port accesses (the LSU muxes them onto the port while ptw_busy_o)
  output logic        ptw_busy_o,
  output logic        ptw_mem_req_o,
  output logic [31:0] ptw_mem_addr_o,
  output logic        ptw_mem_we_o,
  output logic [63:0] ptw_mem_wdata_o,
  input  logic        mem_gnt_i,
  input  logic        mem_rvalid_i,
  input  logic [63:0] mem_rdata_i,
  input  logic        mem_err_i
);
  localparam logic [1:0] ACC_FETCH = pagoda_core_pkg::ACC_FETCH;
  localparam logic [1:0] ACC_LOAD  = pagoda_core_pkg::ACC_LOAD;
  localparam logic [1:0] ACC_STORE = pagoda_core_pkg::ACC_STORE;
  localparam logic [1:0] FEXC_NONE = pagoda_core_pkg::FEXC_NONE;
  localparam logic [1:0] PRIV_M    = pagoda_core_pkg::PRIV_M;
  localparam logic [1:0] PRIV_S    = pagoda_core_pkg::PRIV_S;

  logic        itrans, dtrans;   // instruction / data address translation is on
  logic [1:0]  eff_priv, d_acc;
  assign eff_priv = mprv_i ? mpp_i : priv_i;
  assign itrans   = sv39_i && (priv_i != PRIV_M);
  assign dtrans   = sv39_i && (eff_priv != PRIV_M);
  assign d_acc    = d_store_i ? ACC_STORE : ACC_LOAD;

  // ---------------------------------------------------------------- TLBs and walker
  logic        itlb_hit, dtlb_hit;
  logic [7:0]  itlb_flags, dtlb_flags;
  logic [55:0] itlb_paddr, dtlb_paddr;
  logic        ptw_req, ptw_done, ptw_fill;
  logic [1:0]  ptw_fault;
  logic [26:0] ptw_fill_vpn;
  logic [43:0] ptw_fill_ppn;
  logic [7:0]  ptw_fill_flags;
  logic [1:0]  ptw_fill_level;
  logic        ptw_owner_q, ptw_owner_d;   // 1 = data side
  logic [38:0] ptw_vaddr;
  logic [1:0]  ptw_acc, ptw_priv;
  logic        dpmp_ok;

  pagoda_tlb #(.ENTRIES(8)) u_itlb (
    .clk_i        (clk_i),
    .rst_ni       (rst_ni),
    .flush_i      (flush_i),
    .lookup_i     (itrans),
    .vaddr_i      (if_vaddr_i[38:0]),
    .hit_o        (itlb_hit),
    .flags_o      (itlb_flags),
    .paddr_o      (itlb_paddr),
    .fill_i       (ptw_fill && !ptw_owner_q),
    .fill_vpn_i   (ptw_fill_vpn),
    .fill_ppn_i   (ptw_fill_ppn),
    .fill_flags_i (ptw_fill_flags),
    .fill_level_i (ptw_fill_level)
  );

  pagoda_tlb #(.ENTRIES(8)) u_dtlb (
    .clk_i        (clk_i),
    .rst_ni       (rst_ni),
    .flush_i      (flush_i),
    .lookup_i     (dtrans),
    .vaddr_i      (d_vaddr_i[38:0]),
    .hit_o        (dtlb_hit),
    .flags_o      (dtlb_flags),
    .paddr_o      (dtlb_paddr),
    .fill_i       (ptw_fill && ptw_owner_q),
    .fill_vpn_i   (ptw_fill_vpn),
    .fill_ppn_i   (ptw_fill_ppn),
    .fill_flags_i (ptw_fill_flags),
    .fill_level_i (ptw_fill_level)
  );

  // Walker arbitration: the data side first; a walk starts only when no data access is in flight.
  assign ptw_req         = !ptw_busy_o && d_port_idle_i && (d_walk_req_i || if_walk_req_i);
  assign ptw_owner_d     = ptw_req ? d_walk_req_i : ptw_owner_q;
  assign if_walk_ack_o   = ptw_req && !d_walk_req_i;
  assign d_walk_start_o  = ptw_req && d_walk_req_i;
  assign if_walk_done_o  = ptw_done && !ptw_owner_q;
  assign if_walk_fault_o = ptw_fault;
  assign ptw_vaddr       = d_walk_req_i ? d_vaddr_i[38:0] : if_vaddr_i[38:0];
  assign ptw_acc         = d_walk_req_i ? d_acc : ACC_FETCH;
  assign ptw_priv        = d_walk_req_i ? eff_priv : priv_i;

  pagoda_ptw u_ptw (
    .clk_i        (clk_i),
    .rst_ni       (rst_ni),
    .satp_ppn_i   (satp_ppn_i),
    .req_i        (ptw_req),
    .req_vaddr_i  (ptw_vaddr),
    .req_acc_i    (ptw_acc),
    .req_priv_i   (ptw_priv),
    .sum_i        (sum_i),
    .mxr_i        (mxr_i),
    .busy_o       (ptw_busy_o),
    .done_o       (ptw_done),
    .fault_o      (ptw_fault),
    .fill_o       (ptw_fill),
    .fill_vpn_o   (ptw_fill_vpn),
    .fill_ppn_o   (ptw_fill_ppn),
    .fill_flags_o (ptw_fill_flags),
    .fill_level_o (ptw_fill_level),
    .mem_req_o    (ptw_mem_req_o),
    .mem_gnt_i    (mem_gnt_i),
    .mem_addr_o   (ptw_mem_addr_o),
    .mem_we_o     (ptw_mem_we_o),
    .mem_wdata_o  (ptw_mem_wdata_o),
    .mem_rvalid_i (mem_rvalid_i && ptw_busy_o),
    .mem_rdata_i  (mem_rdata_i),
    .mem_err_i    (mem_err_i),
    .pmp_ok_i     (dpmp_ok)
  );

  // ---------------------------------------------------------------- PMP
  logic        ipmp_ok, dpmp_write;
  logic [31:0] ipmp_addr, dpmp_addr;
  logic [1:0]  dpmp_priv;

  // The data-side checker serves the walker while it is busy (its PTE reads and A/D writes, as
  // S-mode accesses); then the instruction in execute waits anyway (it issues nothing while the
  // walker owns the port) and must not take the walker's answer as its own.
  assign ipmp_addr  = itrans ? itlb_paddr[31:0] : if_vaddr_i[31:0];
  assign dpmp_addr  = ptw_busy_o ? ptw_mem_addr_o : (dtrans ? dtlb_paddr[31:0] : d_vaddr_i[31:0]);
  assign dpmp_priv  = ptw_busy_o ? PRIV_S : eff_priv;
  assign dpmp_write = ptw_busy_o ? ptw_mem_we_o : d_store_i;

  pagoda_pmp u_pmp (
    .clk_i       (clk_i),
    .rst_ni      (rst_ni),
    .csr_addr_i  (pmp_csr_addr_i),
    .csr_re_i    (pmp_csr_re_i),
    .csr_we_i    (pmp_csr_we_i),
    .csr_wdata_i (pmp_csr_wdata_i),
    .csr_rdata_o (pmp_csr_rdata_o),
    .if_addr_i   (ipmp_addr),
    .if_priv_i   (priv_i),
    .if_ok_o     (ipmp_ok),
    .d_en_i      (ptw_busy_o || d_en_i),
    .d_addr_i    (dpmp_addr),
    .d_priv_i    (dpmp_priv),
    .d_write_i   (dpmp_write),
    .d_ok_o      (dpmp_ok)
  );

  // ---------------------------------------------------------------- the two address checks
  logic        if_miss, d_miss;
  logic [1:0]  if_fault, d_fault;
  logic [31:0] if_paddr, d_paddr;
  logic [1:0]  dwalk_fault_q, dwalk_fault_d;

  pagoda_xlate u_if_xlate (
    .trans_i     (itrans),
    .vaddr_i     (if_vaddr_i),
    .acc_i       (ACC_FETCH),
    .priv_i      (priv_i),
    .sum_i       (sum_i),
    .mxr_i       (mxr_i),
    .tlb_hit_i   (itlb_hit),
    .tlb_flags_i (itlb_flags),
    .tlb_paddr_i (itlb_paddr),
    .pmp_ok_i    (ipmp_ok),
    .miss_o      (if_miss),
    .fault_o     (if_fault),
    .paddr_o     (if_paddr)
  );

  // PMP's answer is the walker's while it is busy: then the access waits and is not refused
  pagoda_xlate u_d_xlate (
    .trans_i     (dtrans),
    .vaddr_i     (d_vaddr_i),
    .acc_i       (d_acc),
    .priv_i      (eff_priv),
    .sum_i       (sum_i),
    .mxr_i       (mxr_i),
    .tlb_hit_i   (dtlb_hit),
    .tlb_flags_i (dtlb_flags),
    .tlb_paddr_i (dtlb_paddr),
    .pmp_ok_i    (ptw_busy_o || dpmp_ok),
    .miss_o      (d_miss),
    .fault_o     (d_fault),
    .paddr_o     (d_paddr)
  );

  // Fetch: while privilege or translation changes, the lane waits a cycle (no answer at all).
  always_comb begin
    if_ok_o    = 1'b0;
    if_miss_o  = 1'b0;
    if_fault_o = FEXC_NONE;
    if_paddr_o = if_vaddr_i[31:0];
    if (!if_hold_i) begin
      if_ok_o    = !if_miss && (if_fault == FEXC_NONE);
      if_miss_o  = if_miss;
      if_fault_o = if_fault;
      if_paddr_o = if_paddr;
    end
  end

  // Data: a walk that ended in a fault answers for the instruction that asked for it, until it
  // leaves execute.
  always_comb begin
    d_miss_o  = d_miss;
    d_fault_o = d_fault;
    d_paddr_o = d_paddr;
    if (dwalk_fault_q != FEXC_NONE) begin
      d_miss_o  = 1'b0;
      d_fault_o = dwalk_fault_q;
      d_paddr_o = d_vaddr_i[31:0];
    end
  end

  always_comb begin
    dwalk_fault_d = dwalk_fault_q;
    if (ptw_done && ptw_owner_q && ptw_fault != FEXC_NONE) dwalk_fault_d = ptw_fault;
    if (d_clear_i) dwalk_fault_d = FEXC_NONE;
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      dwalk_fault_q <= FEXC_NONE;
      ptw_owner_q   <= 1'b0;
    end else begin
      dwalk_fault_q <= dwalk_fault_d;
      ptw_owner_q   <= ptw_owner_d;
    end
  end

  // ---- assertions (pagoda_assert.svh) ----
  // a walk is granted to one side only, and only when asked for
  `ASSERT_NEVER(MmuAckUnasked, if_walk_ack_o && !if_walk_req_i)
  `ASSERT_NEVER(MmuWalkWhileBusy, ptw_req && ptw_busy_o)
  // an answer is a hit, a miss or a fault, never two of them
  `ASSERT_ONEHOT0(MmuIfAnswer, {if_ok_o, if_miss_o, if_fault_o != FEXC_NONE})
  `ASSERT_NEVER(MmuDMissAndFault, d_miss_o && d_fault_o != FEXC_NONE)
  `ASSERT_NEVER(MmuFaultKind, d_fault_o == 2'd3 || if_fault_o == 2'd3)

endmodule
