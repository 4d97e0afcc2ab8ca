// SPDX-License-Identifier: BSD-2-Clause
// Pagoda SoC interconnect constants: master and slave numbering of the PBUS crossbar (docs/soc.md).
package pagoda_soc_pkg;

  // The register and memory map, generated from rtl/regs/*.rdl at build time (build/regs/sv).
`include "pagoda_regs.svh"

  // Crossbar masters, in round-robin order. Instruction fetch does not use the crossbar: it has
  // its own path (pagoda_pbus_ibus) to the boot ROM's and the RAM's fetch ports, so that fetch
  // never waits for data traffic and the core's fetch and data ports stay combinationally apart.
  localparam int unsigned NUM_MASTERS = 2;
  localparam int unsigned M_DATA      = 0;  // core loads/stores/AMOs
  localparam int unsigned M_DMA       = 1;  // pgaccel DMA
  localparam int unsigned M_INSTR     = 2;  // core fetch: a decoder id only, not a crossbar port

  // Slaves. For the fetch decoder S_ROM and S_RAM name the fetch ports of ROM and RAM, S_ERR its
  // own error responder. ERR answers every address no other slave owns. S_DRAMCTRL, LiteDRAM's
  // CSRs (pagoda_dram_csr), exists only in a SoC with the controller (MEM=litedram).
  localparam int unsigned NUM_SLAVES = 9;
  localparam int unsigned SLV_W      = 4;
  localparam logic [SLV_W-1:0] S_ROM      = 4'd0;
  localparam logic [SLV_W-1:0] S_TEST     = 4'd1;
  localparam logic [SLV_W-1:0] S_CLINT    = 4'd2;
  localparam logic [SLV_W-1:0] S_PLIC     = 4'd3;
  localparam logic [SLV_W-1:0] S_UART     = 4'd4;
  localparam logic [SLV_W-1:0] S_ACCEL    = 4'd5;
  localparam logic [SLV_W-1:0] S_RAM      = 4'd6;
  localparam logic [SLV_W-1:0] S_ERR      = 4'd7;
  localparam logic [SLV_W-1:0] S_DRAMCTRL = 4'd8;

  // The slaves each crossbar master's decoder (pagoda_pbus_decode) can select, bit m*NUM_SLAVES+s:
  // the core's data port all of them, pgaccel's DMA the RAM and the error slave. The crossbar
  // leaves the other paths out (pagoda_pbus_xbar's REACH) and asserts that no request takes one.
  localparam logic [NUM_MASTERS*NUM_SLAVES-1:0] XBAR_REACH =
      {(NUM_SLAVES'(1) << S_RAM) | (NUM_SLAVES'(1) << S_ERR), {NUM_SLAVES{1'b1}}};

  // Requests each slave may have in flight (pagoda_pbus_xbar's DEPTHS, 4 bits a slave): 2 for
  // the slaves that answer the cycle after the grant (enough for one request a cycle), 8 for the
  // RAM, which is the DRAM bridge in a SoC with DRAM (pagoda_dram_bridge's DEPTH: one round trip
  // of ~11 cycles would otherwise be paid every 2 requests of a refill or a DMA stream).
  function automatic logic [NUM_SLAVES*4-1:0] xbar_depths();
    xbar_depths              = {NUM_SLAVES{4'd2}};
    xbar_depths[S_RAM*4 +: 4] = 4'd8;
  endfunction
  localparam logic [NUM_SLAVES*4-1:0] XBAR_DEPTHS = xbar_depths();

  // PLIC: sources 1..PLIC_NSRC-1 (0 means "none"; the count is rtl/regs/plic.rdl's), priorities
  // 0..7, one M and one S context per hart.
  localparam int unsigned PLIC_NSRC   = PLIC_PRIORITY_COUNT;
  localparam int unsigned PLIC_PRIO_W = 3;

  // CLINT timebase: the core clock is nominally 50 MHz and mtime counts at 10 MHz, so mtime
  // advances once every 5 clock cycles (the DT's timebase-frequency is 10000000).
  localparam int unsigned CLINT_TICK_DIV = 5;

  // Where OpenSBI (fw_dynamic) hands over to the next stage (fw_dynamic_info.next_addr in the boot
  // ROM). By that contract RAM below it may be OpenSBI's, so pgaccel's DMA window starts here.
  localparam logic [31:0] FW_NEXT_ADDR /* verilator public */ =
      PAGODA_RAM_BASE + PAGODA_RAM_PAYLOAD_OFFSET;

  // The device tree's place: the boot ROM passes a1 = RAM top - DTB_TOP_GAP (as QEMU virt does), and
  // OpenSBI grows the blob in place there for its fix-ups.
  localparam logic [31:0] DTB_TOP_GAP /* verilator public */ =
      PAGODA_RAM_SIZE - PAGODA_RAM_FDT_OFFSET;

endpackage
