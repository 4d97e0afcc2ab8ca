// SPDX-License-Identifier: BSD-2-Clause
// Pagoda core: one PMP checker (privileged spec 1.12, 3.7.1). Compares a granule number (the
// physical address above the PMP granularity) with every entry, lets the lowest-numbered matching
// entry decide, and otherwise allows only M-mode. pagoda_pmp instantiates one for instruction
// fetch and one for the data port. Each entry needs a single "below pmpaddr[i]" comparator: TOR
// entry i matches when the granule is below pmpaddr[i] and not below pmpaddr[i-1], so the
// comparator of entry i-1 doubles as the lower bound of entry i.
module pagoda_pmp_check #(
  parameter int unsigned N  = 8,    // entries
  parameter int unsigned BW = 20    // compared bits
) (
  input  logic            en_i,     // the answer is looked at (else ok_o = 1; simulation speed)
  input  logic            lock_i,   // some entry is locked (else M-mode passes without a search)
  input  logic [N*6-1:0]  cfg_i,    // per entry {L, A[1:0], X, W, R}
  input  logic [N*BW-1:0] base_i,   // per entry pmpaddr[AW-1:G]: region base / TOR top
  input  logic [N*BW-1:0] mask_i,   // per entry, NAPOT: 1 = bit lies inside the region
  input  logic [BW-1:0]   page_i,   // the access's granule number
  input  logic [1:0]      priv_i,   // effective privilege of the access
  input  logic [2:0]      need_i,   // permissions the access needs: {X, W, R}
  output logic            ok_o
);
  localparam logic [1:0] A_TOR   = 2'd1;
  localparam logic [1:0] A_NAPOT = 2'd3;
  localparam logic [1:0] PRIV_M  = pagoda_core_pkg::PRIV_M;

  // The search runs only when its answer counts: for an access that is being checked, and in
  // M-mode only if a locked entry can bind it. Verilator then skips it (simulation speed, as in
  // the TLBs); in hardware it is a few gates on the comparators' outputs.
  logic         search;
  logic [N-1:0] tor, below, match;
  assign search = en_i && (lock_i || (priv_i != PRIV_M));
  always_comb begin
    tor   = '0;
    below = '0;
    match = '0;
    if (search) begin
      for (int i = 0; i < N; i++) tor[i] = (cfg_i[i*6 + 3 +: 2] == A_TOR);
      for (int i = 0; i < N; i++) begin
        logic [BW-1:0] base, mask;
        base = base_i[i*BW +: BW];
        mask = mask_i[i*BW +: BW];
        // the comparator is the top of a TOR entry i and the bottom of a TOR entry i+1
        if (tor[i] || ((i + 1 < N) && tor[(i + 1) % N])) begin
          below[i] = page_i < base;
        end
        unique case (cfg_i[i*6 + 3 +: 2])
          A_TOR:   match[i] = below[i] && ((i == 0) || !below[(i + N - 1) % N]);
          A_NAPOT: match[i] = ((page_i ^ base) & ~mask) == '0;
          default: match[i] = 1'b0;    // OFF (NA4 is never stored)
        endcase
      end
    end
  end

  // the lowest-numbered match decides: M-mode passes an unlocked entry, everything else needs
  // the entry's permissions; no match lets M-mode through and nothing else
  always_comb begin
    ok_o = (priv_i == PRIV_M);
    if (!search) ok_o = 1'b1;
    else for (int i = N - 1; i >= 0; i--) begin
      if (match[i]) begin
        ok_o = ((priv_i == PRIV_M) && !cfg_i[i*6 + 5]) ||
               ((cfg_i[i*6 +: 3] & need_i) == need_i);
      end
    end
  end

endmodule
