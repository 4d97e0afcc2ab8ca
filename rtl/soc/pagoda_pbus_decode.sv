// SPDX-License-Identifier: BSD-2-Clause
// PBUS address decoder for one crossbar master: maps a physical address to the slave that owns it,
// or to the error slave. Which slaves a master may reach depends on the master (docs/soc.md):
// instruction fetch sees boot ROM and RAM (their fetch ports); the core's data port sees every
// device and RAM (pgaccel with HAVE_ACCEL, LiteDRAM's CSRs with HAVE_DRAM); DMA sees only RAM.
`include "pagoda_assert.svh"
module pagoda_pbus_decode #(
  parameter int unsigned MASTER     = pagoda_soc_pkg::M_DATA,
  parameter logic [31:0] RAM_SIZE   = pagoda_pkg::RAM_SIZE,
  parameter bit          HAVE_ACCEL = 1'b0,
  parameter bit          HAVE_DRAM  = 1'b0   // LiteDRAM's CSRs (DRAMCTRL), MEM=litedram
) (
  input  logic [31:0]      addr_i,
  output logic [pagoda_soc_pkg::SLV_W-1:0] sel_o
);


  function automatic logic in_range(logic [31:0] a, logic [31:0] base, logic [31:0] size);
    logic [31:0] off;
    off = a - base;
    in_range = (a >= base) && (off < size);
  endfunction

  logic is_rom, is_test, is_clint, is_plic, is_uart, is_accel, is_dctrl, is_ram;

  assign is_rom   = in_range(addr_i, pagoda_pkg::BOOTROM_BASE, pagoda_pkg::BOOTROM_SIZE);
  assign is_test  = in_range(addr_i, pagoda_pkg::TESTDEV_BASE, pagoda_pkg::TESTDEV_SIZE);
  assign is_clint = in_range(addr_i, pagoda_pkg::CLINT_BASE,   pagoda_pkg::CLINT_SIZE);
  assign is_plic  = in_range(addr_i, pagoda_pkg::PLIC_BASE,    pagoda_pkg::PLIC_SIZE);
  assign is_uart  = in_range(addr_i, pagoda_pkg::UART_BASE,    pagoda_pkg::UART_SIZE);
  assign is_accel = HAVE_ACCEL &&
                    in_range(addr_i, pagoda_pkg::PGACCEL_BASE, pagoda_pkg::PGACCEL_SIZE);
  assign is_dctrl = HAVE_DRAM &&
                    in_range(addr_i, pagoda_pkg::DRAMCTRL_BASE, pagoda_pkg::DRAMCTRL_SIZE);
  assign is_ram   = in_range(addr_i, pagoda_pkg::RAM_BASE,     RAM_SIZE);

  always_comb begin
    sel_o = pagoda_soc_pkg::S_ERR;
    if (MASTER == pagoda_soc_pkg::M_INSTR) begin
      if (is_rom) sel_o = pagoda_soc_pkg::S_ROM;
      if (is_ram) sel_o = pagoda_soc_pkg::S_RAM;
    end else if (MASTER == pagoda_soc_pkg::M_DATA) begin
      if (is_rom)   sel_o = pagoda_soc_pkg::S_ROM;
      if (is_test)  sel_o = pagoda_soc_pkg::S_TEST;
      if (is_clint) sel_o = pagoda_soc_pkg::S_CLINT;
      if (is_plic)  sel_o = pagoda_soc_pkg::S_PLIC;
      if (is_uart)  sel_o = pagoda_soc_pkg::S_UART;
      if (is_accel) sel_o = pagoda_soc_pkg::S_ACCEL;
      if (is_dctrl) sel_o = pagoda_soc_pkg::S_DRAMCTRL;
      if (is_ram)   sel_o = pagoda_soc_pkg::S_RAM;
    end else begin
      if (is_ram) sel_o = pagoda_soc_pkg::S_RAM;
    end
  end

  // ---- assertions (pagoda_assert.svh) ----
  // An address hits at most one device: the ranges are parameters, so they are checked once, for
  // every address at once, by requiring them pairwise disjoint.
  function automatic logic disjoint(logic [31:0] b0, logic [31:0] s0, logic [31:0] b1,
                                    logic [31:0] s1);
    disjoint = ({1'b0, b0} + {1'b0, s0} <= {1'b0, b1}) || ({1'b0, b1} + {1'b0, s1} <= {1'b0, b0});
  endfunction
  localparam int unsigned ND = 8;
  function automatic logic [31:0] dev_base(int unsigned i);
    unique case (i)
      0:       dev_base = pagoda_pkg::BOOTROM_BASE;
      1:       dev_base = pagoda_pkg::TESTDEV_BASE;
      2:       dev_base = pagoda_pkg::CLINT_BASE;
      3:       dev_base = pagoda_pkg::PLIC_BASE;
      4:       dev_base = pagoda_pkg::UART_BASE;
      5:       dev_base = pagoda_pkg::PGACCEL_BASE;
      6:       dev_base = pagoda_pkg::DRAMCTRL_BASE;
      default: dev_base = pagoda_pkg::RAM_BASE;
    endcase
  endfunction
  function automatic logic [31:0] dev_size(int unsigned i);
    unique case (i)
      0:       dev_size = pagoda_pkg::BOOTROM_SIZE;
      1:       dev_size = pagoda_pkg::TESTDEV_SIZE;
      2:       dev_size = pagoda_pkg::CLINT_SIZE;
      3:       dev_size = pagoda_pkg::PLIC_SIZE;
      4:       dev_size = pagoda_pkg::UART_SIZE;
      5:       dev_size = pagoda_pkg::PGACCEL_SIZE;
      6:       dev_size = pagoda_pkg::DRAMCTRL_SIZE;
      default: dev_size = RAM_SIZE;
    endcase
  endfunction
  for (genvar i = 0; i < ND; i++) begin : g_assert_dev
    for (genvar j = i + 1; j < ND; j++) begin : g_other
      `ASSERT_INIT(DecodeDisjoint, disjoint(dev_base(i), dev_size(i), dev_base(j),
                                              dev_size(j)))
    end
  end

endmodule
