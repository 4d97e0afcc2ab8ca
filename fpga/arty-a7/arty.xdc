# SPDX-License-Identifier: BSD-2-Clause
# Constraints of pagoda_arty_top on the Digilent Arty A7-35T / A7-100T (docs/fpga.md). Pins and I/O
# standards from Digilent's board documentation (Arty A7 reference manual and master XDC) and
# LiteX's platform file for the board (litex_boards digilent_arty), which agree: every port of the
# top is placed here.

# ---- configuration: bank 0 at 3.3 V, quad SPI flash ----
set_property CFGBVS VCCO [current_design]
set_property CONFIG_VOLTAGE 3.3 [current_design]
set_property BITSTREAM.CONFIG.SPI_BUSWIDTH 4 [current_design]

# ---- 100 MHz oscillator, reset button, USB-UART, LEDs (3.3 V banks) ----
set_property -dict {PACKAGE_PIN E3  IOSTANDARD LVCMOS33} [get_ports clk100_i]
set_property -dict {PACKAGE_PIN C2  IOSTANDARD LVCMOS33} [get_ports rst_ni]
set_property -dict {PACKAGE_PIN A9  IOSTANDARD LVCMOS33} [get_ports uart_rx_i]
set_property -dict {PACKAGE_PIN D10 IOSTANDARD LVCMOS33} [get_ports uart_tx_o]
set_property -dict {PACKAGE_PIN H5  IOSTANDARD LVCMOS33} [get_ports {led_o[0]}]
set_property -dict {PACKAGE_PIN J5  IOSTANDARD LVCMOS33} [get_ports {led_o[1]}]
set_property -dict {PACKAGE_PIN T9  IOSTANDARD LVCMOS33} [get_ports {led_o[2]}]
set_property -dict {PACKAGE_PIN T10 IOSTANDARD LVCMOS33} [get_ports {led_o[3]}]

# ---- DDR3L (MT41K128M16JT-125) on bank 34: SSTL135 at 1.35 V, internal VREF 0.675 V ----
set_property INTERNAL_VREF 0.675 [get_iobanks 34]
set_property PACKAGE_PIN R2 [get_ports {ddr3_a_o[0]}]
set_property PACKAGE_PIN M6 [get_ports {ddr3_a_o[1]}]
set_property PACKAGE_PIN N4 [get_ports {ddr3_a_o[2]}]
set_property PACKAGE_PIN T1 [get_ports {ddr3_a_o[3]}]
set_property PACKAGE_PIN N6 [get_ports {ddr3_a_o[4]}]
set_property PACKAGE_PIN R7 [get_ports {ddr3_a_o[5]}]
set_property PACKAGE_PIN V6 [get_ports {ddr3_a_o[6]}]
set_property PACKAGE_PIN U7 [get_ports {ddr3_a_o[7]}]
set_property PACKAGE_PIN R8 [get_ports {ddr3_a_o[8]}]
set_property PACKAGE_PIN V7 [get_ports {ddr3_a_o[9]}]
set_property PACKAGE_PIN R6 [get_ports {ddr3_a_o[10]}]
set_property PACKAGE_PIN U6 [get_ports {ddr3_a_o[11]}]
set_property PACKAGE_PIN T6 [get_ports {ddr3_a_o[12]}]
set_property PACKAGE_PIN T8 [get_ports {ddr3_a_o[13]}]
set_property PACKAGE_PIN R1 [get_ports {ddr3_ba_o[0]}]
set_property PACKAGE_PIN P4 [get_ports {ddr3_ba_o[1]}]
set_property PACKAGE_PIN P2 [get_ports {ddr3_ba_o[2]}]
set_property PACKAGE_PIN P3 [get_ports ddr3_ras_no]
set_property PACKAGE_PIN M4 [get_ports ddr3_cas_no]
set_property PACKAGE_PIN P5 [get_ports ddr3_we_no]
set_property PACKAGE_PIN U8 [get_ports ddr3_cs_no]
set_property PACKAGE_PIN K6 [get_ports ddr3_reset_no]
set_property PACKAGE_PIN N5 [get_ports ddr3_cke_o]
set_property PACKAGE_PIN R5 [get_ports ddr3_odt_o]
set_property PACKAGE_PIN L1 [get_ports {ddr3_dm_o[0]}]
set_property PACKAGE_PIN U1 [get_ports {ddr3_dm_o[1]}]
set_property PACKAGE_PIN K5 [get_ports {ddr3_dq_io[0]}]
set_property PACKAGE_PIN L3 [get_ports {ddr3_dq_io[1]}]
set_property PACKAGE_PIN K3 [get_ports {ddr3_dq_io[2]}]
set_property PACKAGE_PIN L6 [get_ports {ddr3_dq_io[3]}]
set_property PACKAGE_PIN M3 [get_ports {ddr3_dq_io[4]}]
set_property PACKAGE_PIN M1 [get_ports {ddr3_dq_io[5]}]
set_property PACKAGE_PIN L4 [get_ports {ddr3_dq_io[6]}]
set_property PACKAGE_PIN M2 [get_ports {ddr3_dq_io[7]}]
set_property PACKAGE_PIN V4 [get_ports {ddr3_dq_io[8]}]
set_property PACKAGE_PIN T5 [get_ports {ddr3_dq_io[9]}]
set_property PACKAGE_PIN U4 [get_ports {ddr3_dq_io[10]}]
set_property PACKAGE_PIN V5 [get_ports {ddr3_dq_io[11]}]
set_property PACKAGE_PIN V1 [get_ports {ddr3_dq_io[12]}]
set_property PACKAGE_PIN T3 [get_ports {ddr3_dq_io[13]}]
set_property PACKAGE_PIN U3 [get_ports {ddr3_dq_io[14]}]
set_property PACKAGE_PIN R3 [get_ports {ddr3_dq_io[15]}]
set_property PACKAGE_PIN N2 [get_ports {ddr3_dqs_p_io[0]}]
set_property PACKAGE_PIN N1 [get_ports {ddr3_dqs_n_io[0]}]
set_property PACKAGE_PIN U2 [get_ports {ddr3_dqs_p_io[1]}]
set_property PACKAGE_PIN V2 [get_ports {ddr3_dqs_n_io[1]}]
set_property PACKAGE_PIN U9 [get_ports ddr3_ck_p_o]
set_property PACKAGE_PIN V9 [get_ports ddr3_ck_n_o]

set_property IOSTANDARD SSTL135 [get_ports {ddr3_a_o[*] ddr3_ba_o[*] ddr3_ras_no ddr3_cas_no ddr3_we_no ddr3_cs_no ddr3_reset_no ddr3_cke_o ddr3_odt_o ddr3_dm_o[*] ddr3_dq_io[*]}]
set_property IOSTANDARD DIFF_SSTL135 [get_ports {ddr3_dqs_p_io[*] ddr3_dqs_n_io[*] ddr3_ck_p_o ddr3_ck_n_o}]
set_property SLEW FAST [get_ports {ddr3_*}]
# on-die split termination of the FPGA's inputs (the DRAM's own ODT is set by LiteDRAM: 60 ohm)
set_property IN_TERM UNTUNED_SPLIT_40 [get_ports {ddr3_dq_io[*] ddr3_dqs_p_io[*] ddr3_dqs_n_io[*]}]

# ---- clocks ----
# The oscillator; Vivado derives the PLL's (LiteDRAM: controller 100 MHz on CLKOUT1, PHY 400 MHz,
# 200 MHz for IDELAYCTRL) and the MMCM's (SoC 50 MHz) output clocks from it.
create_clock -name clk100 -period 10.000 [get_ports clk100_i]

# The SoC clock and the controller clock meet only in pagoda_dram_cdc's asynchronous FIFOs and the
# two-flop synchronisers (pagoda_sync, pagoda_rst_sync): Gray-coded pointers and levels. Vivado
# would time them as related (both come from clk100), which they are not meant to be: each path
# between the two is bounded to the faster clock's period, without clock skew (datapath only), so
# a Gray pointer's bits arrive within one cycle of each other and the FIFO's storage is settled
# before the pointer that announces it.
set clk_soc  [get_clocks -of_objects [get_pins u_clk/u_mmcm/CLKOUT0]]
set clk_dram [get_clocks -of_objects [get_pins u_dram/PLLE2_ADV/CLKOUT1]]
set_max_delay -datapath_only -from $clk_soc -to $clk_dram 10.000
set_max_delay -datapath_only -from $clk_dram -to $clk_soc 10.000

# Asynchronous inputs, each into a synchroniser: the reset button (into pagoda_rst_sync's
# asynchronous reset and LiteDRAM's PLL reset) and the UART's RX pin (pagoda_uart_phy).
set_false_path -from [get_ports {rst_ni uart_rx_i}]
# The reset synchronisers' asynchronous resets (from the button, the MMCM's and the PLL's lock,
# the controller's reset): they assert at any time and release through two flops.
set_false_path -to [get_pins -filter {REF_PIN_NAME == CLR || REF_PIN_NAME == PRE} -of_objects [get_cells -hierarchical -filter {NAME =~ *u_rst_*/sync*_q_reg*}]]
# LiteDRAM's own reset synchronisers (as its generated litedram_core.xdc constrains them)
set_false_path -quiet -through [get_nets -hierarchical -filter {mr_ff == TRUE}]
set_false_path -quiet -to [get_pins -filter {REF_PIN_NAME == PRE} -of_objects [get_cells -hierarchical -filter {ars_ff1 == TRUE || ars_ff2 == TRUE}]]
set_max_delay 2 -quiet -from [get_pins -filter {REF_PIN_NAME == C} -of_objects [get_cells -hierarchical -filter {ars_ff1 == TRUE}]] -to [get_pins -filter {REF_PIN_NAME == D} -of_objects [get_cells -hierarchical -filter {ars_ff2 == TRUE}]]
