// SPDX-License-Identifier: BSD-2-Clause
// Pagoda core: the address check of one access, fetch or data (docs/core.md "MMU (Sv39)"): with
// translation off, the physical address is the virtual one; with Sv39, the TLB's entry is checked
// for a canonical address, the leaf permissions (pte_perm_ok) and a store's dirty bit (a clean page
// goes back to the walker, which sets D). PMP and the 32-bit physical address limit come last
// (access fault). pagoda_mmu has one instance for fetch and one for the data port.
module pagoda_xlate (
  input  logic        trans_i,     // Sv39 translation is on for this access
  input  logic [63:0] vaddr_i,
  input  logic [1:0]  acc_i,       // ACC_FETCH, ACC_LOAD or ACC_STORE
  input  logic [1:0]  priv_i,      // effective privilege
  input  logic        sum_i,
  input  logic        mxr_i,
  input  logic        tlb_hit_i,
  input  logic [7:0]  tlb_flags_i,
  input  logic [55:0] tlb_paddr_i,
  input  logic        pmp_ok_i,    // PMP allows the physical address (tlb_paddr_i or vaddr_i)
  output logic        miss_o,      // the walker must look the page up (or set D)
  output logic [1:0]  fault_o,     // FEXC_*
  output logic [31:0] paddr_o      // valid when neither miss_o nor a fault
);
  localparam logic [1:0]  ACC_STORE   = pagoda_core_pkg::ACC_STORE;
  localparam logic [1:0]  FEXC_ACCESS = pagoda_core_pkg::FEXC_ACCESS;
  localparam logic [1:0]  FEXC_NONE   = pagoda_core_pkg::FEXC_NONE;
  localparam logic [1:0]  FEXC_PAGE   = pagoda_core_pkg::FEXC_PAGE;
  localparam int unsigned PTE_D       = pagoda_core_pkg::PTE_D;

  always_comb begin
    miss_o  = 1'b0;
    fault_o = FEXC_NONE;
    paddr_o = vaddr_i[31:0];
    if (!trans_i) begin
      if (vaddr_i[63:32] != 32'd0 || !pmp_ok_i) fault_o = FEXC_ACCESS;
    end else if (vaddr_i[63:39] != {25{vaddr_i[38]}}) begin
      fault_o = FEXC_PAGE;
    end else if (!tlb_hit_i || (acc_i == ACC_STORE && !tlb_flags_i[PTE_D])) begin
      miss_o = 1'b1;
    end else if (!pagoda_core_pkg::pte_perm_ok(tlb_flags_i, acc_i, priv_i, sum_i, mxr_i)) begin
      fault_o = FEXC_PAGE;
    end else if (tlb_paddr_i[55:32] != 24'd0 || !pmp_ok_i) begin
      fault_o = FEXC_ACCESS;
    end else begin
      paddr_o = tlb_paddr_i[31:0];
    end
  end

endmodule
