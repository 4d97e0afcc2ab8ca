# SPDX-License-Identifier: BSD-2-Clause
# Flags every build of rtl/ shares (included before sim/ and tests/, which use them).
# Assertions (rtl/pkg/pagoda_assert.svh, docs/testing.md "Assertions"): modules include the macro
# header; every Verilator build of the RTL for a test checks them (--assert: a failure stops the
# simulation and fails the suite), lint reads them, Yosys finds the header and expands the macros
# to nothing for synthesis (to immediate assertions with -formal).
RTL_ASSERT_HDR := rtl/pkg/pagoda_assert.svh
RTL_VINC       := +incdir+$(TOP)/rtl/pkg
RTL_VASSERT    := --assert $(RTL_VINC)
RTL_YINC       := -I$(TOP)/rtl/pkg
