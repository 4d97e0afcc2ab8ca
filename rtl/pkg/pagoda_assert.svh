// SPDX-License-Identifier: BSD-2-Clause
// Assertion macros for Pagoda's RTL (docs/testing.md "Assertions"). A module includes this header
// and states its interface and state invariants at its end, so that the checks read as part of
// the design and no tool has to take them:
//
//   `ASSERT(Name, prop[, clk, rst_n])       prop holds at every rising edge of clk out of reset
//   `ASSERT_NEVER(Name, prop[, clk, rst_n]) prop never holds (same sampling)
//   `ASSERT_ONEHOT0(Name, vec[, clk, rst_n]) at most one bit of vec is set
//   `ASSERT_NEXT(Name, pre, post[, clk, rst_n])  pre at one rising edge implies post at the next
//                                           (pre |=> post)
//   `ASSERT_HELD(Name, req, gnt, payload[, clk, rst_n])  a PBUS request waiting for its grant
//                                           stays up, its payload unchanged (docs/bus.md)
//   `ASSERT_RESET(Name, prop[, clk, rst_n]) prop holds at every rising edge while in reset (the
//                                           idle value of an output, without waiting for the end
//                                           of reset)
//   `ASSERT_INIT(Name, prop)                prop (on parameters) holds at time 0
//
// clk defaults to clk_i and rst_n to rst_ni (active low, as every Pagoda module has them). Names
// are UpperCamelCase, unique in the module, starting with the block's name (XbarGntOneHot).
//
// Three expansions:
// - Verilator (--assert in every RTL test build): immediate assertions in an always block at the
//   rising edge, which see the values before the edge as a concurrent assertion samples them
//   (cheaper in simulation than assert property, docs/testing.md), disabled in reset. A failure prints "[ASSERT FAILED] <instance path>.<Name> (file:line)"
//   after Verilator's own "[time] %Error: file:line: Assertion failed in <path>", and stops the
//   simulation ($error is fatal in Verilator: "Verilog $stop", abort, exit status 134), so the
//   suite fails. The harnesses advance time by one per cycle: [time] is the cycle.
//   The simulator is two-state: an X becomes 0 or 1 (--x-assign/--x-initial), so
//   $isunknown is always 0 and an ASSERT_KNOWN would be a check that cannot fail. There is none;
//   outputs that must be defined from reset on get ASSERT_RESET on their idle value instead.
//   Properties are plain expressions (no sequences, $past or $stable: see ASSERT_NEXT below), so
//   that every tool below can take the same text.
// - Yosys with -formal (FORMAL defined: tests/accel/formal): ASSERT, ASSERT_NEVER and
//   ASSERT_ONEHOT0 become immediate assertions of every state out of reset, checked by the
//   formal flow with the harness's own; the temporal ones (ASSERT_NEXT, ASSERT_HELD,
//   ASSERT_RESET) and ASSERT_INIT expand to nothing there.
// - Synthesis (Yosys without -formal defines SYNTHESIS) and every other tool: nothing, so the
//   netlist is the same with or without them. A signal computed only for an assertion is left
//   without a load and removed by synthesis.
`ifndef PAGODA_ASSERT_SVH
`define PAGODA_ASSERT_SVH

// PAGODA_NO_ASSERT: none in any tool (tests/equiv compares the design logic that Verilator and
// Yosys see, which the checks below do not drive).
`ifdef PAGODA_NO_ASSERT

`define ASSERT(name, prop, clk = clk_i, rst_n = rst_ni)
`define ASSERT_NEXT(name, pre, post, clk = clk_i, rst_n = rst_ni)
`define ASSERT_HELD(name, req, gnt, payload, clk = clk_i, rst_n = rst_ni)
`define ASSERT_RESET(name, prop, clk = clk_i, rst_n = rst_ni)
`define ASSERT_INIT(name, prop)

`elsif FORMAL

`define ASSERT(name, prop, clk = clk_i, rst_n = rst_ni) \
  always_comb if (rst_n) begin : name \
    assert (prop); \
  end
`define ASSERT_NEXT(name, pre, post, clk = clk_i, rst_n = rst_ni)
`define ASSERT_HELD(name, req, gnt, payload, clk = clk_i, rst_n = rst_ni)
`define ASSERT_RESET(name, prop, clk = clk_i, rst_n = rst_ni)
`define ASSERT_INIT(name, prop)

`elsif SYNTHESIS

`define ASSERT(name, prop, clk = clk_i, rst_n = rst_ni)
`define ASSERT_NEXT(name, pre, post, clk = clk_i, rst_n = rst_ni)
`define ASSERT_HELD(name, req, gnt, payload, clk = clk_i, rst_n = rst_ni)
`define ASSERT_RESET(name, prop, clk = clk_i, rst_n = rst_ni)
`define ASSERT_INIT(name, prop)

`elsif VERILATOR

// The lint_off: a reset used asynchronously by the flops and synchronously by a check is what an
// assertion does, not a design problem (SYNCASYNCNET).
`define ASSERT(name, prop, clk = clk_i, rst_n = rst_ni) \
  /* verilator lint_off SYNCASYNCNET */ \
  always @(posedge clk) begin : name \
    if (rst_n) begin \
      assert (prop) else $error("[ASSERT FAILED] %m (%s:%0d)", `__FILE__, `__LINE__); \
    end \
  end \
  /* verilator lint_on SYNCASYNCNET */
// ASSERT_NEXT and ASSERT_HELD keep the previous cycle's values in flops of their own instead of
// using |=>, $past or $stable: Verilator 5.006 (Debian bookworm) rewrites |=> as $past and
// reported false failures with it (pagoda_uart.sv under tests/soc/tb_soc_blocks.cpp), while plain
// checks at the clock edge see the values before it, as the standard says. The payload copy is
// written only while a request waits (simulation speed: most cycles it does not).
`define ASSERT_NEXT(name, pre, post, clk = clk_i, rst_n = rst_ni) \
  logic name``_pre_q; \
  always @(posedge clk or negedge rst_n) begin : name \
    if (!(rst_n)) begin \
      name``_pre_q <= 1'b0; \
    end else begin \
      if (name``_pre_q) begin \
        assert (post) else $error("[ASSERT FAILED] %m (%s:%0d)", `__FILE__, `__LINE__); \
      end \
      name``_pre_q <= (pre); \
    end \
  end
`define ASSERT_HELD(name, req, gnt, payload, clk = clk_i, rst_n = rst_ni) \
  logic                      name``_wait_q; \
  logic [$bits(payload)-1:0] name``_pl_q; \
  always @(posedge clk or negedge rst_n) begin : name \
    if (!(rst_n)) begin \
      name``_wait_q <= 1'b0; \
    end else begin \
      if (name``_wait_q) begin \
        assert ((req) && (payload) == name``_pl_q) \
          else $error("[ASSERT FAILED] %m (%s:%0d)", `__FILE__, `__LINE__); \
      end \
      name``_wait_q <= (req) && !(gnt); \
      if ((req) && !(gnt)) name``_pl_q <= (payload); \
    end \
  end
`define ASSERT_RESET(name, prop, clk = clk_i, rst_n = rst_ni) \
  /* verilator lint_off SYNCASYNCNET */ \
  always @(posedge clk) begin : name \
    if (!(rst_n)) begin \
      assert (prop) else $error("[ASSERT FAILED] %m (%s:%0d)", `__FILE__, `__LINE__); \
    end \
  end \
  /* verilator lint_on SYNCASYNCNET */
`define ASSERT_INIT(name, prop) \
  initial begin : name \
    assert (prop) \
      else $error("[ASSERT FAILED] %m (%s:%0d)", `__FILE__, `__LINE__); \
  end

`else

`define ASSERT(name, prop, clk = clk_i, rst_n = rst_ni)
`define ASSERT_NEXT(name, pre, post, clk = clk_i, rst_n = rst_ni)
`define ASSERT_HELD(name, req, gnt, payload, clk = clk_i, rst_n = rst_ni)
`define ASSERT_RESET(name, prop, clk = clk_i, rst_n = rst_ni)
`define ASSERT_INIT(name, prop)

`endif

// Built on the ones above, so they follow them in every tool.
`define ASSERT_NEVER(name, prop, clk = clk_i, rst_n = rst_ni) \
  `ASSERT(name, !(prop), clk, rst_n)
`define ASSERT_ONEHOT0(name, vec, clk = clk_i, rst_n = rst_ni) \
  `ASSERT(name, ((vec) & ((vec) - 1'b1)) == '0, clk, rst_n)

`endif
