// SPDX-License-Identifier: BSD-2-Clause
// PBUS address decoder for one crossbar master: maps a physical address to the slave that owns it,
// or to the error slave. Which slaves a master may reach depends on the master (docs/soc.md):
// instruction fetch sees boot ROM and RAM (their fetch ports); the core's data port sees every
// device and RAM; DMA sees only RAM.
module pagoda_pbus_decode #(
  parameter int unsigned MASTER     = pagoda_soc_pkg::M_DATA,
  parameter logic [31:0] RAM_SIZE   = 32'h0800_0000,
  parameter bit          HAVE_ACCEL = 1'b0
) (
  input  logic [31:0]      addr_i,
  output logic [pagoda_soc_pkg::SLV_W-1:0] sel_o
);


  function automatic logic in_range(logic [31:0] a, logic [31:0] base, logic [31:0] size);
    logic [31:0] off;
    off = a - base;
    in_range = (a >= base) && (off < size);
  endfunction

  logic is_rom, is_test, is_clint, is_plic, is_uart, is_accel, is_ram;

  assign is_rom   = in_range(addr_i, pagoda_pkg::BOOTROM_BASE, pagoda_pkg::BOOTROM_SIZE);
  assign is_test  = in_range(addr_i, pagoda_pkg::TESTDEV_BASE, pagoda_pkg::TESTDEV_SIZE);
  assign is_clint = in_range(addr_i, pagoda_pkg::CLINT_BASE,   pagoda_pkg::CLINT_SIZE);
  assign is_plic  = in_range(addr_i, pagoda_pkg::PLIC_BASE,    pagoda_pkg::PLIC_SIZE);
  assign is_uart  = in_range(addr_i, pagoda_pkg::UART_BASE,    pagoda_pkg::UART_SIZE);
  assign is_accel = HAVE_ACCEL &&
                    in_range(addr_i, pagoda_pkg::PGACCEL_BASE, pagoda_pkg::PGACCEL_SIZE);
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
      if (is_ram)   sel_o = pagoda_soc_pkg::S_RAM;
    end else begin
      if (is_ram) sel_o = pagoda_soc_pkg::S_RAM;
    end
  end

endmodule
