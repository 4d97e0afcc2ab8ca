// SPDX-License-Identifier: BSD-2-Clause
// Instruction-fetch path of the PBUS interconnect (docs/soc.md): the core's fetch port, alone,
// to the fetch ports of the boot ROM and the RAM, with its own error responder for every other
// address (instruction access fault). It has no arbitration: nothing else uses these ports.
// Both slaves grant at once and answer exactly one cycle after the grant, like the error
// responder, so at most one response arrives per cycle and it belongs to the previous grant.
// RAM_VAR_LAT = 1 (MEM=litedram: the DRAM bridge answers many cycles later, with several fetches
// in flight, in order): a fetch to the ROM or the error responder waits until every RAM fetch has
// been answered, so that responses still come in request order.
`include "pagoda_assert.svh"
module pagoda_pbus_ibus #(
  parameter bit RAM_VAR_LAT = 1'b0
) (
  input  logic             clk_i,
  input  logic             rst_ni,
  // master (core fetch)
  input  logic             m_req_i,
  input  logic [pagoda_soc_pkg::SLV_W-1:0] m_sel_i,   // from pagoda_pbus_decode #(.MASTER(M_INSTR))
  output logic             m_gnt_o,
  output logic             m_rvalid_o,
  output logic [63:0]      m_rdata_o,
  output logic             m_err_o,
  // boot ROM fetch port
  output logic             rom_req_o,
  input  logic             rom_gnt_i,
  input  logic             rom_rvalid_i,
  input  logic [63:0]      rom_rdata_i,
  input  logic             rom_err_i,
  // RAM fetch port
  output logic             ram_req_o,
  input  logic             ram_gnt_i,
  input  logic             ram_rvalid_i,
  input  logic [63:0]      ram_rdata_i,
  input  logic             ram_err_i
);

  logic to_rom, to_ram, to_err;
  logic err_q, err_d;
  logic [3:0] ram_wait_q, ram_wait_d;   // RAM fetches granted and not yet answered (RAM_VAR_LAT)
  logic others_ok;

  assign to_rom    = m_sel_i == pagoda_soc_pkg::S_ROM;
  assign to_ram    = m_sel_i == pagoda_soc_pkg::S_RAM;
  assign to_err    = !to_rom && !to_ram;
  assign others_ok = !RAM_VAR_LAT || ram_wait_q == 4'd0 || (ram_wait_q == 4'd1 && ram_rvalid_i);
  assign rom_req_o = m_req_i && to_rom && others_ok;
  assign ram_req_o = m_req_i && to_ram;
  assign m_gnt_o   = (to_rom && rom_gnt_i && others_ok) || (to_ram && ram_gnt_i) ||
                     (to_err && others_ok);
  assign err_d     = m_req_i && to_err && others_ok;
  assign ram_wait_d = !RAM_VAR_LAT ? 4'd0 :
                      ram_wait_q + 4'(ram_req_o && ram_gnt_i) - 4'(ram_rvalid_i);

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      err_q      <= 1'b0;
      ram_wait_q <= 4'd0;
    end else begin
      err_q      <= err_d;
      ram_wait_q <= ram_wait_d;
    end
  end

  assign m_rvalid_o = rom_rvalid_i || ram_rvalid_i || err_q;
  assign m_rdata_o  = rom_rvalid_i ? rom_rdata_i : (ram_rvalid_i ? ram_rdata_i : 64'h0);
  assign m_err_o    = err_q || (rom_rvalid_i && rom_err_i) || (ram_rvalid_i && ram_err_i);

  // ---- assertions (pagoda_assert.svh) ----
  // Both slaves and the error responder answer exactly one cycle after a grant, and one request
  // is granted per cycle: at most one response arrives per cycle, and only after a grant.
  `ASSERT_ONEHOT0(IbusOneResp, {rom_rvalid_i, ram_rvalid_i, err_q})
  // With RAM_VAR_LAT the RAM answers later, but only a fetch it granted and has not answered.
  `ASSERT_NEXT(IbusRespNoReq, !(m_req_i && m_gnt_o),
               !(rom_rvalid_i || err_q || (ram_rvalid_i && !RAM_VAR_LAT)))
  `ASSERT(IbusRamRespWaited, !(RAM_VAR_LAT && ram_rvalid_i && ram_wait_q == 4'd0))
  `ASSERT(IbusRamWaitBounded, ram_wait_q != 4'd15)
  `ASSERT_HELD(IbusReqHeld, m_req_i, m_gnt_o, m_sel_i)

endmodule
