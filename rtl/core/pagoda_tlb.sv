// SPDX-License-Identifier: BSD-2-Clause
// Pagoda core: small fully associative Sv39 TLB (4 KiB, 2 MiB and 1 GiB pages), round-robin refill.
// ASIDs are not implemented (satp.ASID reads zero), so every entry belongs to the current space.
`include "pagoda_assert.svh"
module pagoda_tlb #(
  parameter int unsigned ENTRIES = 8
) (
  input  logic        clk_i,
  input  logic        rst_ni,
  input  logic        flush_i,
  // lookup (lookup_i low: translation is off, hit_o/flags_o/paddr_o read 0 and are not used)
  input  logic        lookup_i,
  input  logic [38:0] vaddr_i,
  output logic        hit_o,
  output logic [7:0]  flags_o,
  output logic [55:0] paddr_o,
  // refill from the walker
  input  logic        fill_i,
  input  logic [26:0] fill_vpn_i,
  input  logic [43:0] fill_ppn_i,
  input  logic [7:0]  fill_flags_i,
  input  logic [1:0]  fill_level_i
);
  localparam int unsigned IW = $clog2(ENTRIES);

  // The tags (VPN, level, valid) are flops: every entry is compared at once. The payload (PPN and
  // flags) is read at the one entry that hit, so it is a memory with an asynchronous read: LUT RAM
  // on an FPGA (a RAM32M holds 6 bits of 32 entries) instead of 52 flops an entry and their
  // multiplexer (Arty A7-35T area, docs/fpga.md).
  logic [ENTRIES-1:0] valid_q, valid_d;
  logic [26:0]        vpn_q   [ENTRIES];
  logic [1:0]         level_q [ENTRIES];
  // {ppn[43:0], flags[7:0]}, plain bits: Yosys 0.70 reads an unpacked array of a packed struct
  // as one register, not as a memory
  logic [51:0]        data_q  [ENTRIES];
  logic [IW-1:0]      next_q, next_d;

  logic [26:0] vpn;
  assign vpn = vaddr_i[38:12];

  // One pass over the entries: the level selects which VPN bits must match (a superpage ignores
  // the lower VPN fields) and which address bits come from the virtual address. The search is
  // skipped while translation is off or the TLB is empty (simulation speed: the comparators are
  // evaluated only when their result is used). The last entry that matches is the one read.
  logic [IW-1:0] hit_idx;
  logic [29:0]   hit_omask;
  logic [51:0]   hit_data;
  always_comb begin
    hit_o     = 1'b0;
    hit_idx   = '0;
    hit_omask = '0;
    if (lookup_i && (valid_q != '0)) begin
      for (int i = 0; i < ENTRIES; i++) begin
        logic [26:0] vmask;
        logic [29:0] omask;
        unique case (level_q[i])
          2'd2:    begin vmask = 27'h7fc0000; omask = 30'h3fffffff; end
          2'd1:    begin vmask = 27'h7fffe00; omask = 30'h001fffff; end
          default: begin vmask = 27'h7ffffff; omask = 30'h00000fff; end
        endcase
        if (valid_q[i] && (((vpn_q[i] ^ vpn) & vmask) == 27'd0)) begin
          hit_o     = 1'b1;
          hit_idx   = IW'(i);
          hit_omask = omask;
        end
      end
    end
  end
  assign hit_data = data_q[hit_idx];
  assign flags_o  = hit_o ? hit_data[7:0] : 8'd0;
  assign paddr_o  = hit_o ? (({hit_data[51:8], 12'd0} & ~{26'd0, hit_omask}) |
                             {26'd0, vaddr_i[29:0] & hit_omask}) : 56'd0;

  always_comb begin
    valid_d = valid_q;
    next_d  = next_q;
    if (fill_i) begin
      valid_d[next_q] = 1'b1;
      next_d          = next_q + 1'b1;
    end
    if (flush_i) valid_d = '0;
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      valid_q <= '0;
      next_q  <= '0;
    end else begin
      valid_q <= valid_d;
      next_q  <= next_d;
    end
  end

  // Entry payload needs no reset: it is only used when its valid bit is set.
  always_ff @(posedge clk_i) begin
    if (fill_i) begin
      vpn_q[next_q]   <= fill_vpn_i;
      level_q[next_q] <= fill_level_i;
      data_q[next_q]  <= {fill_ppn_i, fill_flags_i};
    end
  end

  // ---- assertions (pagoda_assert.svh) ----
  // An entry is a valid leaf, and a superpage's PPN is aligned to its size (the walker faults a
  // misaligned one instead of filling it): the lookup's address merge relies on both.
  // (flags: V bit 0, R bit 1, X bit 3)
  `ASSERT_NEVER(TlbFillInvalid, fill_i && !(fill_flags_i[0] &&
                                            (fill_flags_i[1] || fill_flags_i[3])))
  `ASSERT_NEVER(TlbFillLevel, fill_i && fill_level_i == 2'd3)
  `ASSERT_NEVER(TlbFillMisaligned, fill_i && ((fill_level_i == 2'd2 && fill_ppn_i[17:0] != '0) ||
                                              (fill_level_i == 2'd1 && fill_ppn_i[8:0] != '0)))
  `ASSERT_NEVER(TlbHitNoLookup, hit_o && !lookup_i)

endmodule
