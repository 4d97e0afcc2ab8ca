// SPDX-License-Identifier: BSD-2-Clause
// Verilator testbench for pgaccel (rtl/accel/), built with the wide write port (WIDE_WR): drives
// commands through the register port, serves the DMA port and the wide port from a PBUS memory
// model (random grant back-pressure, random response latency, bus errors at chosen addresses),
// and checks every completion and every memory byte against a reference model written here from
// the spec in docs/pgaccel.md (not from the RTL): FILL/ZERO as plain byte stores, SCAN as Linux's
// bitmap_find_next_zero_area walked bit by bit.
//
// Usage: tb_pgaccel [+seed=N] [+random=N]   prints one "suite-result: N passed, M failed" line at the end.
#include <verilated.h>
#include "Vpgaccel.h"

#include <cinttypes>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <functional>
#include <map>
#include <regs/pagoda_map.h>
#include <random>
#include <set>
#include <string>
#include <vector>

// The model's RAM window: tests/accel/accel.mk gives the same numbers to the model (-G) and here.
#if !defined(TB_RAM_BASE) || !defined(TB_RAM_SIZE)
#error "build with -DTB_RAM_BASE= -DTB_RAM_SIZE= (tests/accel/accel.mk)"
#endif
static const uint64_t RAM_BASE = TB_RAM_BASE;
static const uint64_t RAM_SIZE = TB_RAM_SIZE;
static const uint32_t REG_BASE = PAGODA_PGACCEL_BASE;

// Register map: offsets and codes from rtl/regs/pgaccel.rdl (the generated regs/pagoda_map.h), so
// that the bench drives the registers the RTL decodes; what they do is this file's own model.
enum {
	R_ID = PGACCEL_ID_OFFSET, R_CAPS = PGACCEL_CAPS_OFFSET, R_RAM_BASE = PGACCEL_RAM_BASE_OFFSET,
	R_RAM_SIZE = PGACCEL_RAM_SIZE_OFFSET, R_IRQ_EN = PGACCEL_IRQ_EN_OFFSET,
	R_STATUS = PGACCEL_STATUS_OFFSET, R_CMD_ADDR = PGACCEL_CMD_ADDR_OFFSET,
	R_CMD_LEN = PGACCEL_CMD_LEN_OFFSET, R_CMD_ARG = PGACCEL_CMD_ARG_OFFSET,
	R_CMD_POST = PGACCEL_CMD_POST_OFFSET, R_COMP = PGACCEL_COMP_OFFSET,
	R_CNT_BUSY = PGACCEL_CNT_BUSY_OFFSET, R_CNT_BYTES = PGACCEL_CNT_BYTES_OFFSET,
	R_CNT_WORDS = PGACCEL_CNT_WORDS_OFFSET, R_CNT_OPS = PGACCEL_CNT_OPS_OFFSET,
	R_WIN_BASE = PGACCEL_WIN_BASE_OFFSET, R_WIN_END = PGACCEL_WIN_END_OFFSET,
	R_WIN_CTRL = PGACCEL_WIN_CTRL_OFFSET,
};
enum { OP_ZERO = PGACCEL_OP_ZERO, OP_FILL = PGACCEL_OP_FILL, OP_SCAN = PGACCEL_OP_SCAN };
enum {
	E_NONE = PGACCEL_ERR_NONE, E_OP = PGACCEL_ERR_OP, E_LEN = PGACCEL_ERR_LEN,
	E_ALIGN = PGACCEL_ERR_ALIGN, E_OVERFLOW = PGACCEL_ERR_OVERFLOW, E_BITMAP = PGACCEL_ERR_BITMAP,
	E_RANGE = PGACCEL_ERR_RANGE, E_BUS = PGACCEL_ERR_BUS, E_WINDOW = PGACCEL_ERR_WINDOW,
};
static const char *ename[16] = {"NONE", "OP", "LEN", "ALIGN", "OVERFLOW", "BITMAP", "RANGE", "BUS",
				"WINDOW", "9", "10", "11", "12", "13", "14", "15"};
// The DMA window the model believes the engine has (granularity 4 KiB, the default WIN_SHIFT);
// every DMA request must lie in it.
static const uint64_t WIN_GRAN = 4096;
static uint64_t win_base = RAM_BASE, win_end = RAM_BASE + RAM_SIZE;

static Vpgaccel *top;
static std::mt19937_64 rng;
static uint64_t cycle;
static int n_pass, n_fail, n_tests;
static bool verbose;

static void fail(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	printf("  FAIL @%" PRIu64 ": ", cycle);
	vprintf(fmt, ap);
	printf("\n");
	va_end(ap);
	n_fail++;
}

static uint64_t rnd(uint64_t n) { return n ? rng() % n : 0; }

// ------------------------------------------------------------------------------------------------
// PBUS memory model on the DMA port.
struct Rsp {
	uint64_t due;
	uint64_t data;
	bool err;
	bool wide;  // a wide-port write: answered on the wide port
};

static std::vector<uint8_t> mem(RAM_SIZE);
static std::set<uint32_t> err_addrs;   // 8-byte lane addresses that answer with err
static std::deque<Rsp> rsps;
static int gnt_pct = 100;              // probability of grant per cycle with a request
static int max_lat = 0;                // extra response latency 0..max_lat
static uint64_t last_due;
// Protocol tracking.
static bool prev_req_waiting;
static uint32_t prev_addr;
static bool prev_we;
static uint64_t prev_wdata;
static uint8_t prev_be;
// What the DMA may write: [lo, hi) ranges of FILL commands posted and not yet completed.
static std::vector<std::pair<uint64_t, uint64_t>> write_ok;
// What the DMA may read: for SCAN commands posted and not yet completed, the bitmap words from
// the one holding the first aligned candidate to the last word up to the end bit.
static std::vector<std::pair<uint64_t, uint64_t>> read_ok;
// dma_writes, dma_write_errs: 8-byte lanes (two a wide write); wr_beats: write requests granted
// on either port; wide_beats: those of the wide port
static uint64_t dma_writes, dma_reads, dma_write_errs, wr_beats, wide_beats;
static bool prev_wide_waiting;
static uint32_t prev_wide_addr;
static uint64_t prev_wide_data;
static uint64_t reg_reqs_pending;

static uint64_t mem_rd64(uint64_t a)
{
	uint64_t v = 0;
	for (int i = 0; i < 8; i++)
		v |= (uint64_t)mem[a - RAM_BASE + i] << (8 * i);
	return v;
}

static void mem_wr64(uint64_t a, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		mem[a - RAM_BASE + i] = v >> (8 * i);
}

static bool in_ram(uint64_t a) { return a >= RAM_BASE && a + 8 <= RAM_BASE + RAM_SIZE; }

// [a, a + n) lies inside one of the ranges.
static bool in_ranges(const std::vector<std::pair<uint64_t, uint64_t>> &ranges, uint64_t a,
		      uint64_t n)
{
	for (auto &w : ranges)
		if (a >= w.first && a + n <= w.second)
			return true;
	return false;
}

// The response of a transfer granted this cycle, due after 1 + 0..max_lat cycles and after every
// earlier one (in order, one a cycle).
static void queue_rsp(Rsp r)
{
	uint64_t due = cycle + 1 + rnd(max_lat + 1);
	if (due <= last_due)
		due = last_due + 1;
	last_due = due;
	r.due = due;
	rsps.push_back(r);
}

// One clock cycle. Inputs for this cycle are set, the handshakes sampled, then the clock rises.
static void tick()
{
	top->clk_i = 0;
	top->eval();
	// Grant and response for this cycle.
	top->dma_gnt_i = top->dma_req_o && (int)rnd(100) < gnt_pct;
	top->wide_gnt_i = top->wide_req_o && (int)rnd(100) < gnt_pct;
	top->dma_rvalid_i = 0;
	top->dma_rdata_i = 0xdeadbeefdeadbeefull;
	top->dma_err_i = 0;
	top->wide_rvalid_i = 0;
	top->wide_err_i = 0;
	if (!rsps.empty() && rsps.front().due <= cycle) {
		if (rsps.front().wide) {
			top->wide_rvalid_i = 1;
			top->wide_err_i = rsps.front().err;
		} else {
			top->dma_rvalid_i = 1;
			top->dma_rdata_i = rsps.front().data;
			top->dma_err_i = rsps.front().err;
		}
		rsps.pop_front();
	}
	top->eval();

	// Protocol: a request not granted stays, unchanged.
	if (prev_req_waiting) {
		if (!top->dma_req_o)
			fail("DMA request withdrawn before grant (addr %08x)", prev_addr);
		else if (top->dma_addr_o != prev_addr || top->dma_we_o != prev_we ||
			 top->dma_be_o != prev_be || (prev_we && top->dma_wdata_o != prev_wdata))
			fail("DMA request changed while waiting for grant");
	}
	if (prev_wide_waiting) {
		if (!top->wide_req_o)
			fail("wide request withdrawn before grant (addr %08x)", prev_wide_addr);
		else if (top->wide_addr_o != prev_wide_addr || top->wide_data_o != prev_wide_data)
			fail("wide request changed while waiting for grant");
	}
	if (top->wide_req_o && top->dma_req_o)
		fail("requests on both ports at once");
	if (top->wide_req_o) {
		// One 16-byte word, the datum in both halves: two lanes.
		uint32_t a = top->wide_addr_o;
		if (a < win_base || a + 16 > win_end)
			fail("wide write at %08x outside the window [%08" PRIx64 ", %08" PRIx64 ")", a,
			     win_base, win_end);
		if (a & 15)
			fail("wide write not 16-byte aligned: %08x", a);
		if (top->wide_gnt_i) {
			Rsp r;
			r.err = err_addrs.count(a) || err_addrs.count(a + 8) || !in_ram(a) ||
				!in_ram(a + 8);
			r.data = 0;
			r.wide = true;
			if (!in_ranges(write_ok, a, 16))
				fail("wide write outside every commanded range: %08x", a);
			if (!in_ram(a) || !in_ram(a + 8)) {
				fail("wide write outside RAM: %08x", a);
			} else if (!r.err) {
				mem_wr64(a, top->wide_data_o);
				mem_wr64(a + 8, top->wide_data_o);
			}
			dma_writes += 2;
			dma_write_errs += 2 * r.err;
			wr_beats++;
			wide_beats++;
			queue_rsp(r);
		}
	}
	prev_wide_waiting = top->wide_req_o && !top->wide_gnt_i;
	prev_wide_addr = top->wide_addr_o;
	prev_wide_data = top->wide_data_o;
	if (top->dma_req_o) {
		uint32_t a = top->dma_addr_o;
		if (a < win_base || a + 8 > win_end)
			fail("DMA %s at %08x outside the window [%08" PRIx64 ", %08" PRIx64 ")",
			     top->dma_we_o ? "write" : "read", a, win_base, win_end);
		if (top->dma_be_o != 0xff || (a & 7))
			fail("DMA request not a full aligned lane: addr %08x be %02x", a, top->dma_be_o);
		if (top->dma_gnt_i) {
			Rsp r;
			r.err = err_addrs.count(a & ~7u) || !in_ram(a);
			r.data = 0;
			r.wide = false;
			if (top->dma_we_o) {
				if (!in_ranges(write_ok, a, 8))
					fail("DMA write outside every commanded range: %08x", a);
				if (!in_ram(a))
					fail("DMA write outside RAM: %08x", a);
				else if (!r.err)
					mem_wr64(a, top->dma_wdata_o);
				dma_writes++;
				dma_write_errs += r.err;
				wr_beats++;
			} else {
				if (!in_ranges(read_ok, a, 8))
					fail("DMA read outside every commanded bitmap: %08x", a);
				if (in_ram(a))
					r.data = mem_rd64(a);
				else
					fail("DMA read outside RAM: %08x", a);
				dma_reads++;
			}
			queue_rsp(r);
		}
	}
	prev_req_waiting = top->dma_req_o && !top->dma_gnt_i;
	prev_addr = top->dma_addr_o;
	prev_we = top->dma_we_o;
	prev_wdata = top->dma_wdata_o;
	prev_be = top->dma_be_o;

	// Register port: exactly one response, the cycle after each request.
	if (top->reg_rvalid_o != (reg_reqs_pending > 0))
		fail("register response count mismatch");
	reg_reqs_pending = top->reg_req_i && top->reg_gnt_o;

	// one time unit per cycle: an assertion failure's "[time]" is the cycle (pagoda_assert.svh)
	Verilated::threadContextp()->timeInc(1);
	top->clk_i = 1;
	top->eval();
	cycle++;
}

static uint64_t reg_access(bool we, uint32_t off, uint64_t wdata, uint8_t be, bool *err)
{
	top->reg_req_i = 1;
	top->reg_we_i = we;
	top->reg_addr_i = REG_BASE + off;
	top->reg_be_i = be;
	top->reg_wdata_i = wdata;
	tick();
	top->reg_req_i = 0;
	top->reg_we_i = 0;
	top->reg_wdata_i = 0;
	top->clk_i = 0;
	top->eval();
	if (!top->reg_rvalid_o)
		fail("no register response after grant (off %03x)", off);
	if (err)
		*err = top->reg_err_o;
	else if (top->reg_err_o)
		fail("unexpected register error at offset %03x", off);
	return top->reg_rdata_o;
}

static uint64_t rd(uint32_t off) { return reg_access(false, off, 0, 0xff, nullptr); }
static void wr(uint32_t off, uint64_t v, uint8_t be = 0xff) { reg_access(true, off, v, be, nullptr); }

static void idle(int n)
{
	while (n--)
		tick();
}

// ------------------------------------------------------------------------------------------------
// Reference model.
struct Cmd {
	int op;
	unsigned k;
	bool pol;
	uint8_t tag;
	uint64_t addr, len, arg;
};

struct Res {
	int err;
	bool found;
	uint32_t result;
};

static uint64_t align_up(uint64_t x, unsigned k) { return (x + (1ull << k) - 1) & ~((1ull << k) - 1); }

// Bytes a failed FILL may or may not have written: offset -> values it may hold besides exp.
static std::map<size_t, std::set<uint8_t>> ambig;

static Res ref_fill(const Cmd &c, std::vector<uint8_t> &exp)
{
	Res r = {E_NONE, false, 0};
	uint64_t a32 = c.addr & 0xffffffffull, l32 = c.len & 0xffffffffull;
	if (c.len == 0)
		r.err = E_LEN;
	else if ((c.addr & 7) || (c.len & 7))
		r.err = E_ALIGN;
	else if ((c.len >> 32) || a32 + l32 >= (1ull << 32))
		r.err = E_OVERFLOW;
	else if ((c.addr >> 32) || a32 < RAM_BASE || a32 + l32 > RAM_BASE + RAM_SIZE)
		r.err = E_RANGE;
	else if (a32 < win_base || a32 + l32 > win_end)
		r.err = E_WINDOW;
	if (r.err)
		return r;
	uint64_t pat = c.op == OP_FILL ? c.arg : 0;
	bool failed = false;
	// A range of whole 16-byte words is written a word a beat (the wide port: docs/pgaccel.md),
	// any other a lane a beat; a beat with a failing lane fails whole.
	uint64_t beat = (a32 % 16 == 0 && l32 % 16 == 0) ? 16 : 8;
	for (uint64_t a = a32; a < a32 + l32; a += 8) {
		uint64_t ba = a - (a - a32) % beat;
		bool e = err_addrs.count((uint32_t)ba) || (beat == 16 && err_addrs.count((uint32_t)ba + 8));
		if (e) {
			// The memory model does not write a failing beat.
			if (!failed) {
				failed = true;
				r.err = E_BUS;
				r.result = (uint32_t)ba;
			}
			continue;
		}
		for (int i = 0; i < 8; i++) {
			size_t o = a - RAM_BASE + i;
			uint8_t b = pat >> (8 * i);
			if (!failed) {
				exp[o] = b;
				ambig.erase(o);
			} else if (exp[o] != b) {
				// After the first failing beat the engine may have issued this write or not.
				ambig[o].insert(b);
			}
		}
	}
	return r;
}

// SCAN, following Linux's bitmap_find_next_zero_area(map, size=end, start, nr=n, align_mask)
// with the polarity choosing which bit value is free. `known` limits the words that count as
// read: bits in words above it are taken as free (used to find where the search can stop).
struct Bitmap {
	const std::vector<uint8_t> *m;
	uint64_t base;
	bool pol;
	int64_t known;
	bool free_bit(uint64_t i) const
	{
		if ((int64_t)(i / 64) > known)
			return true;
		uint64_t byte = (*m)[base - RAM_BASE + i / 8];
		return ((byte >> (i % 8)) & 1) == (pol ? 1 : 0);
	}
};

static bool linux_area(const Bitmap &bm, uint64_t size, uint64_t start, uint64_t nr, unsigned k,
		       uint64_t *idx)
{
	for (;;) {
		uint64_t index = start;
		while (index < size && !bm.free_bit(index))
			index++;
		index = align_up(index, k);
		uint64_t end = index + nr;
		if (end > size)
			return false;
		uint64_t i = index;
		while (i < end && bm.free_bit(i))
			i++;
		if (i < end) {
			start = i + 1;
			continue;
		}
		*idx = index;
		return true;
	}
}

static Res ref_scan(const Cmd &c, const std::vector<uint8_t> &exp)
{
	Res r = {E_NONE, false, 0};
	uint64_t a32 = c.addr & 0xffffffffull, end = c.len & 0xffffffffull;
	uint64_t start = c.arg & 0xffffffffull, n = c.arg >> 32;
	uint64_t bytes = (end + 63) / 64 * 8;
	if (n == 0)
		r.err = E_LEN;
	else if (c.addr & 7)
		r.err = E_ALIGN;
	else if ((c.len >> 32) || a32 + bytes >= (1ull << 32))
		r.err = E_OVERFLOW;
	else if (start > end)
		r.err = E_BITMAP;
	else if ((c.addr >> 32) || a32 < RAM_BASE || a32 + bytes > RAM_BASE + RAM_SIZE)
		r.err = E_RANGE;
	else if (a32 < win_base || a32 + bytes > win_end)
		r.err = E_WINDOW;
	if (r.err)
		return r;
	Bitmap bm = {&exp, a32, c.pol, INT64_MAX};
	uint64_t idx = 0;
	bool found = linux_area(bm, end, start, n, c.k, &idx);
	// The words the engine must read: from the one holding the first aligned candidate up to
	// the one where the answer is decided; a bus error on any of them is reported instead.
	int64_t fw = align_up(start, c.k) / 64, dw;
	if (found) {
		dw = (idx + n - 1) / 64;
	} else {
		// Only needed when a bus error could be on the way.
		int64_t lw = end ? (int64_t)((end - 1) / 64) : -1;
		bool any = false;
		for (uint32_t e : err_addrs)
			any |= e >= a32 + 8 * fw && (int64_t)e <= (int64_t)(a32 + 8 * lw);
		dw = any ? fw - 1 : lw;
		for (; any; dw++) {
			Bitmap part = {&exp, a32, c.pol, dw};
			uint64_t dummy;
			if (!linux_area(part, end, start, n, c.k, &dummy))
				break;
		}
	}
	for (int64_t w = fw; w <= dw; w++) {
		if (err_addrs.count((uint32_t)(a32 + 8 * w))) {
			r.err = E_BUS;
			r.result = a32 + 8 * w;
			return r;
		}
	}
	r.found = found;
	r.result = found ? idx : end;
	return r;
}

static Res ref_exec(const Cmd &c, std::vector<uint8_t> &exp)
{
	if (c.op == OP_ZERO || c.op == OP_FILL)
		return ref_fill(c, exp);
	if (c.op == OP_SCAN)
		return ref_scan(c, exp);
	return Res{E_OP, false, 0};
}

// ------------------------------------------------------------------------------------------------
// Driving the engine.
static std::vector<uint8_t> exp_mem(RAM_SIZE);
struct Posted {
	Cmd c;
	Res r;
};
static std::deque<Posted> inflight;
static uint64_t exp_ops, exp_bytes_ok;

static uint64_t post_word(const Cmd &c)
{
	return (uint64_t)(c.op & 0xf) | (uint64_t)(c.k & 31) << 8 | (uint64_t)c.pol << 16 |
	       (uint64_t)c.tag << 24;
}

// Post one command; returns false when the engine rejected it (queue full).
static bool post(const Cmd &c)
{
	wr(R_CMD_ADDR, c.addr);
	wr(R_CMD_LEN, c.len);
	wr(R_CMD_ARG, c.arg);
	bool full = rd(R_STATUS) & 2;
	if (c.op == OP_ZERO || c.op == OP_FILL)
		write_ok.push_back({c.addr, c.addr + c.len});
	if (c.op == OP_SCAN && !(c.len >> 32)) {
		uint64_t a = c.addr & 0xffffffffull, start = c.arg & 0xffffffffull;
		read_ok.push_back({a + align_up(start, c.k) / 64 * 8, a + (c.len + 63) / 64 * 8});
	}
	wr(R_CMD_POST, post_word(c));
	if (full)
		return false;
	Posted p;
	p.c = c;
	p.r = ref_exec(c, exp_mem);
	inflight.push_back(p);
	return true;
}

static bool check_comp(uint64_t v, const Posted &p, const char *what)
{
	unsigned err = (v >> 40) & 0xf, tag = (v >> 48) & 0xff;
	bool found = (v >> 32) & 1, valid = v >> 63;
	uint32_t res = v;
	if (!valid || err != (unsigned)p.r.err || tag != p.c.tag || found != p.r.found ||
	    res != p.r.result) {
		fail("%s: op %d addr %" PRIx64 " len %" PRIx64 " arg %" PRIx64 " k %u pol %d: got "
		     "valid %d err %s found %d res %08x tag %02x, want err %s found %d res %08x tag %02x",
		     what, p.c.op, p.c.addr, p.c.len, p.c.arg, p.c.k, p.c.pol, valid, ename[err & 15],
		     found, res, tag, ename[p.r.err], p.r.found, p.r.result, p.c.tag);
		return false;
	}
	return true;
}

// Wait for and check every completion; returns false on a mismatch or timeout.
static bool drain(const char *what, uint64_t timeout = 2000000)
{
	bool ok = true;
	uint64_t t0 = cycle;
	while (!inflight.empty()) {
		uint64_t v = rd(R_COMP);
		if (!(v >> 63)) {
			if (cycle - t0 > timeout) {
				fail("%s: timeout waiting for completion", what);
				inflight.clear();
				return false;
			}
			idle(rnd(4));
			continue;
		}
		ok &= check_comp(v, inflight.front(), what);
		exp_ops++;
		inflight.pop_front();
	}
	if (rd(R_COMP) >> 63) {
		fail("%s: extra completion", what);
		ok = false;
	}
	// Reconcile bytes a failed FILL may have written, then compare all of memory.
	idle(20); // responses still in flight
	for (auto &a : ambig) {
		if (mem[a.first] != exp_mem[a.first] && !a.second.count(mem[a.first])) {
			fail("%s: byte %zx holds %02x, neither old %02x nor the pattern", what, a.first,
			     mem[a.first], exp_mem[a.first]);
			ok = false;
		}
		exp_mem[a.first] = mem[a.first];
	}
	ambig.clear();
	for (size_t i = 0; i < RAM_SIZE; i++) {
		if (mem[i] != exp_mem[i]) {
			fail("%s: memory byte %08zx is %02x, want %02x", what, (size_t)(RAM_BASE + i),
			     mem[i], exp_mem[i]);
			ok = false;
			exp_mem = mem;
			break;
		}
	}
	write_ok.clear();
	read_ok.clear();
	return ok;
}

static void result(const char *name, bool ok)
{
	n_tests++;
	if (ok)
		n_pass++;
	printf("%s: %s\n", ok ? "PASS" : "FAIL", name);
}

// Run a list of commands, up to 4 in flight, and check them all.
static bool run_cmds(const char *what, const std::vector<Cmd> &cs)
{
	int before = n_fail;
	size_t i = 0;
	while (i < cs.size()) {
		int batch = 0;
		while (i < cs.size() && batch < 4) {
			if (!post(cs[i]))
				fail("%s: command %zu rejected with a free slot", what, i);
			i++;
			batch++;
		}
		drain(what);
	}
	return n_fail == before;
}

static Cmd fill(uint64_t a, uint64_t l, uint64_t pat, int op = OP_FILL)
{
	return Cmd{op, 0, false, (uint8_t)rnd(256), a, l, pat};
}

static Cmd scan(uint64_t base, uint64_t start, uint64_t end, uint64_t n, unsigned k, bool pol)
{
	return Cmd{OP_SCAN, k, pol, (uint8_t)rnd(256), base, end, (n << 32) | start};
}

static void mem_set_both(uint64_t a, uint64_t v)
{
	mem_wr64(a, v);
	for (int i = 0; i < 8; i++)
		exp_mem[a - RAM_BASE + i] = v >> (8 * i);
}

static void randomize_mem(uint64_t a, uint64_t len, int density)
{
	// density: percentage of set bits, in runs so that windows of many sizes occur.
	for (uint64_t o = 0; o < len; o += 8) {
		uint64_t v = 0;
		int mode = rnd(4);
		for (int b = 0; b < 64; b++) {
			bool bit;
			if (mode == 0)
				bit = (int)rnd(100) < density;
			else
				bit = ((b / (1 + (int)rnd(3))) ^ (int)(o / 8)) & 1 ? (int)rnd(100) < density
										     : 0;
			v |= (uint64_t)bit << b;
		}
		if (rnd(8) == 0)
			v = 0;
		else if (rnd(8) == 0)
			v = ~0ull;
		mem_set_both(a + o, v);
	}
}

// ------------------------------------------------------------------------------------------------
// Tests.
static void t_regs()
{
	int before = n_fail;
	if (rd(R_ID) != 0x0000010150474143ull)
		fail("ID reads %016" PRIx64, rd(R_ID));
	uint64_t caps = rd(R_CAPS);
	if ((caps & 0xff) != 4 || ((caps >> 24) & 7) != 7)
		fail("CAPS reads %016" PRIx64, caps);
	if (rd(R_RAM_BASE) != RAM_BASE || rd(R_RAM_SIZE) != RAM_SIZE)
		fail("RAM_BASE/RAM_SIZE wrong");
	uint64_t st = rd(R_STATUS);
	if (st != ((4ull << 8)))
		fail("STATUS after reset %016" PRIx64, st);
	if (rd(R_COMP) != 0)
		fail("COMP not empty after reset");
	bool err = false;
	reg_access(false, 0x030, 0, 0xff, &err);
	if (!err)
		fail("read of unmapped 0x030 without err");
	reg_access(true, 0xff8, 1, 0xff, &err);
	if (!err)
		fail("write of unmapped 0xff8 without err");
	reg_access(false, 0x0b8, 0, 0xff, &err);
	if (!err)
		fail("read of unmapped 0x0b8 without err");
	if (rd(R_WIN_BASE) != RAM_BASE || rd(R_WIN_END) != RAM_BASE + RAM_SIZE || rd(R_WIN_CTRL))
		fail("DMA window after reset: [%" PRIx64 ", %" PRIx64 ") ctrl %" PRIx64 ", want all of "
		     "RAM, unlocked", rd(R_WIN_BASE), rd(R_WIN_END), rd(R_WIN_CTRL));
	wr(R_CMD_ADDR, 0x1234);
	if (rd(R_CMD_ADDR) != 0)
		fail("CMD_ADDR is write-only and reads 0");
	wr(R_IRQ_EN, 3);
	if (rd(R_IRQ_EN) != 3)
		fail("IRQ_EN does not read back");
	wr(R_IRQ_EN, 0);
	if (top->irq_o)
		fail("irq with nothing pending");
	result("registers: ID, CAPS, RAM window, reset state, unmapped -> err", n_fail == before);
}

static void t_fill_directed()
{
	std::vector<Cmd> cs;
	uint64_t top_ = RAM_BASE + RAM_SIZE;
	cs.push_back(fill(RAM_BASE, 8, 0x1122334455667788ull));
	cs.push_back(fill(RAM_BASE + 0x100, 16, 0, OP_ZERO));
	cs.push_back(fill(RAM_BASE + 0x1000, 4096, 0xa5a5a5a5a5a5a5a5ull));
	cs.push_back(fill(RAM_BASE + 0x1000, 4096, 0xffffffffffffffffull, OP_ZERO));
	cs.push_back(fill(top_ - 8, 8, 0x0102030405060708ull));
	cs.push_back(fill(top_ - 4096, 4096, 0xdeadbeefcafef00dull));
	cs.push_back(fill(RAM_BASE, RAM_SIZE, 0x5555aaaa5555aaaaull));
	cs.push_back(fill(RAM_BASE + 0x2008, 0x1ff8, 0, OP_ZERO));
	result("FILL/ZERO directed: 8 B, 16 B, 4 KiB, RAM edges, all of RAM", run_cmds("fill", cs));
}

static void t_errors()
{
	std::vector<Cmd> cs;
	uint64_t top_ = RAM_BASE + RAM_SIZE;
	// Every command here must complete with its error and write nothing.
	cs.push_back(Cmd{0, 0, false, 1, RAM_BASE, 8, 0});             // opcode 0
	cs.push_back(Cmd{7, 0, false, 2, RAM_BASE, 8, 0});             // opcode 7
	cs.push_back(Cmd{15, 0, false, 3, RAM_BASE, 8, 0});            // opcode 15
	cs.push_back(fill(RAM_BASE, 0, 1));                            // zero length
	cs.push_back(fill(RAM_BASE + 4, 8, 1));                        // misaligned address
	cs.push_back(fill(RAM_BASE, 12, 1));                           // misaligned length
	cs.push_back(fill(RAM_BASE + 1, 3, 1));                        // both
	cs.push_back(fill(RAM_BASE, 1ull << 32, 1));                   // length above 32 bits
	cs.push_back(fill(0xfffffff8ull, 16, 1));                      // wraps 2^32
	cs.push_back(fill(0xfffffff8ull, 8, 1));                       // ends exactly at 2^32
	cs.push_back(fill(RAM_BASE - 8, 16, 1));                       // starts below RAM
	cs.push_back(fill(top_ - 8, 16, 1));                           // ends past RAM
	cs.push_back(fill(top_, 8, 1));                                // starts at RAM end
	cs.push_back(fill(0x10000000, 8, 1));                          // a device address
	cs.push_back(fill(RAM_BASE | (1ull << 32), 8, 1));             // address bit 32
	cs.push_back(fill(RAM_BASE, 0xfffffff8ull, 1));                // huge, inside 32 bits
	cs.push_back(scan(RAM_BASE, 0, 64, 0, 0, false));              // nr 0
	cs.push_back(scan(RAM_BASE + 4, 0, 64, 1, 0, false));          // misaligned bitmap
	cs.push_back(scan(RAM_BASE, 65, 64, 1, 0, false));             // start past end
	cs.push_back(scan(top_ - 8, 0, 65, 1, 0, false));              // bitmap past RAM end
	cs.push_back(scan(RAM_BASE - 8, 0, 64, 1, 0, false));          // bitmap below RAM
	cs.push_back(Cmd{OP_SCAN, 0, false, 9, RAM_BASE, 1ull << 32, 1ull << 32}); // end > 32 bits
	cs.push_back(scan(0xfffffff8ull, 0, 128, 1, 0, false));        // bitmap wraps 2^32
	bool ok = run_cmds("errors", cs);
	// And the engine still works afterwards.
	std::vector<Cmd> after = {fill(RAM_BASE + 0x40, 64, 0x77), scan(RAM_BASE, 0, 4096, 3, 1, true)};
	ok &= run_cmds("after errors", after);
	result("errors: opcode, length, alignment, overflow, bitmap, range; engine usable after", ok);
}

static void t_scan_directed()
{
	std::vector<Cmd> cs;
	uint64_t bm = RAM_BASE + 0x8000;
	// 16 words: patterns that put runs across word boundaries.
	uint64_t words[16] = {~0ull, 0xffff0000ffffffffull, 0x00000000ffffffffull, 0,
			      0x8000000000000001ull, ~0ull, 0x0f0f0f0f0f0f0f0full, 0xff00000000000000ull,
			      0, 0, 0x1ull, ~0ull ^ (1ull << 40), 0xaaaaaaaaaaaaaaaaull, 0x5555555555555555ull,
			      0xffffffff00000000ull, ~0ull};
	for (int i = 0; i < 16; i++)
		mem_set_both(bm + 8 * i, words[i]);
	for (int pol = 0; pol < 2; pol++) {
		cs.push_back(scan(bm, 0, 1024, 1, 0, pol));
		cs.push_back(scan(bm, 0, 1024, 32, 0, pol));
		cs.push_back(scan(bm, 0, 1024, 64, 0, pol));
		cs.push_back(scan(bm, 0, 1024, 65, 0, pol));
		cs.push_back(scan(bm, 0, 1024, 96, 0, pol));
		cs.push_back(scan(bm, 0, 1024, 128, 0, pol));
		cs.push_back(scan(bm, 0, 1024, 129, 0, pol));
		cs.push_back(scan(bm, 0, 1024, 200, 0, pol));
		cs.push_back(scan(bm, 0, 1024, 1024, 0, pol));
		cs.push_back(scan(bm, 0, 1024, 1025, 0, pol));
		cs.push_back(scan(bm, 100, 1024, 4, 2, pol));
		cs.push_back(scan(bm, 100, 1024, 16, 4, pol));
		cs.push_back(scan(bm, 3, 1024, 64, 6, pol));
		cs.push_back(scan(bm, 0, 1024, 64, 7, pol));
		cs.push_back(scan(bm, 0, 1024, 1, 31, pol));
		cs.push_back(scan(bm, 1, 1024, 1, 31, pol));
		cs.push_back(scan(bm, 200, 201, 1, 0, pol));
		cs.push_back(scan(bm, 200, 200, 1, 0, pol));
		cs.push_back(scan(bm, 0, 0, 1, 0, pol));
		cs.push_back(scan(bm, 1000, 1023, 2, 0, pol));
		cs.push_back(scan(bm, 63, 129, 3, 0, pol));
		cs.push_back(scan(bm, 0, 70, 70, 0, pol));
		cs.push_back(scan(bm, 5, 1000, 0xffffffffull, 0, pol));
		cs.push_back(scan(bm, 900, 1000, 50, 5, pol));
		cs.push_back(scan(bm, 770, 1024, 20, 1, pol));
	}
	result("SCAN directed: run lengths 1..1025, alignment 2^0..2^31, both polarities, edges",
	       run_cmds("scan", cs));
}

static void t_queue_full_irq()
{
	int before = n_fail;
	// Stall the bus so that nothing completes while we fill the queue.
	int saved = gnt_pct;
	gnt_pct = 0;
	for (int i = 0; i < 4; i++)
		if (!post(fill(RAM_BASE + 0x100 * i, 0x100, i)))
			fail("post %d rejected", i);
	uint64_t st = rd(R_STATUS);
	if (!(st & 2) || ((st >> 8) & 0xf) != 0)
		fail("STATUS not full after 4 posts: %016" PRIx64, st);
	// Fifth: rejected, flagged, nothing else changes.
	Cmd extra = fill(RAM_BASE + 0x3000, 0x100, 0x99);
	wr(R_CMD_ADDR, extra.addr);
	wr(R_CMD_LEN, extra.len);
	wr(R_CMD_ARG, extra.arg);
	wr(R_CMD_POST, post_word(extra));
	st = rd(R_STATUS);
	if (!(st & 8))
		fail("REJECTED not set after a post to a full queue");
	if (top->irq_o)
		fail("irq without enable");
	wr(R_IRQ_EN, 2);
	idle(1);
	if (!top->irq_o)
		fail("no irq for REJECTED with its enable set");
	wr(R_STATUS, 8);
	idle(1);
	if (rd(R_STATUS) & 8)
		fail("REJECTED not cleared by writing 1");
	if (top->irq_o)
		fail("irq stays after REJECTED cleared");
	// DONE interrupt: enable, let the bus run, wait for the level.
	wr(R_IRQ_EN, 1);
	gnt_pct = saved;
	uint64_t t0 = cycle;
	while (!top->irq_o && cycle - t0 < 100000)
		tick();
	if (!top->irq_o)
		fail("no DONE irq");
	bool ok = drain("queue-full") && n_fail == before;
	idle(2);
	if (top->irq_o) {
		fail("irq stays after all completions read");
		ok = false;
	}
	wr(R_IRQ_EN, 0);
	// The rejected command did not run: its range is untouched (checked by drain's memory
	// compare, since the model never applied it).
	result("queue full: 5th post rejected and flagged; IRQ enable, level and ack", ok);
}

static void t_bus_errors()
{
	int before = n_fail;
	std::vector<Cmd> cs;
	uint64_t b = RAM_BASE + 0x20000; // fills with errors stay above the bitmaps
	err_addrs.insert(b + 0x1008);
	err_addrs.insert(b + 0x1010);
	err_addrs.insert(b + 0x3ff8);
	cs.push_back(fill(b + 0x1000, 0x100, 0x1111));           // second beat fails
	cs.push_back(fill(b + 0x1008, 8, 0x2222));               // first and only beat fails
	cs.push_back(fill(b + 0x2000, 0x2000, 0x3333));          // last beat fails
	cs.push_back(fill(b + 0x1100, 0x100, 0x4444));           // no error
	bool ok = run_cmds("bus errors fill", cs);
	// The engine stops issuing at the error: of a 64 KiB fill failing at its first (wide) or
	// second (narrow) beat, at most the writes already in flight (7 outstanding + 1 waiting for
	// grant) follow it.
	err_addrs.insert(b + 0x8);
	for (uint64_t len : {0x10000ull, 0x10000ull - 8}) {
		uint64_t w0 = wr_beats;
		cs = {fill(b, len, 0x5555)};
		ok &= run_cmds("bus error stop", cs);
		if (wr_beats - w0 > 2 + 8) {
			fail("FILL went on after a bus error: %" PRIu64 " writes", wr_beats - w0);
			ok = false;
		}
	}
	// SCAN: a bus error on a word the search needs is reported; one past the answer is not.
	uint64_t bm = RAM_BASE + 0x9000;
	for (int i = 0; i < 8; i++)
		mem_set_both(bm + 8 * i, i < 4 ? ~0ull : 0);
	err_addrs.insert(bm + 16);
	std::vector<Cmd> ss = {scan(bm, 0, 512, 10, 0, false), scan(bm, 0, 512, 10, 0, true),
			       scan(bm, 192, 512, 10, 0, false), scan(bm, 0, 128, 200, 0, false)};
	ok &= run_cmds("bus errors scan", ss);
	err_addrs.clear();
	result("bus errors: FILL stops and reports the first failing beat; SCAN reports a needed word",
	       ok && n_fail == before);
}

// ------------------------------------------------------------------------------------------------
// DMA window.

// Write a window register; returns whether the engine answered with err.
static bool win_wr(uint32_t off, uint64_t v, uint8_t be = 0xff)
{
	bool err = false;
	reg_access(true, off, v, be, &err);
	return err;
}

static bool win_regs_are(uint64_t b, uint64_t e, uint64_t ctrl, const char *what)
{
	uint64_t rb = rd(R_WIN_BASE), re = rd(R_WIN_END), rc = rd(R_WIN_CTRL);
	if (rb == b && re == e && rc == ctrl)
		return true;
	fail("%s: window [%" PRIx64 ", %" PRIx64 ") ctrl %" PRIx64 ", want [%" PRIx64 ", %" PRIx64
	     ") ctrl %" PRIx64, what, rb, re, rc, b, e, ctrl);
	return false;
}

// Set the window with the engine idle (the only time it takes a write) and tell the model.
static void set_window(uint64_t b, uint64_t e)
{
	if (win_wr(R_WIN_BASE, b) || win_wr(R_WIN_END, e))
		fail("window [%" PRIx64 ", %" PRIx64 ") refused while unlocked and idle", b, e);
	win_base = b;
	win_end = e;
	win_regs_are(b, e, 0, "set_window");
}

// Commands at the exact edges of a window inside RAM: a lane inside runs, one lane over is
// refused with ERR_WINDOW and writes nothing (drain compares all of RAM with the model).
static std::vector<Cmd> window_edge_cmds(uint64_t wb, uint64_t we)
{
	std::vector<Cmd> cs;
	cs.push_back(fill(wb, 8, 0x1111111111111111ull));              // first lane
	cs.push_back(fill(wb - 8, 8, 0x2222222222222222ull));          // the lane before
	cs.push_back(fill(wb - 8, 16, 0x3333333333333333ull));         // straddles the start
	cs.push_back(fill(we - 8, 8, 0x4444444444444444ull, OP_ZERO)); // last lane
	cs.push_back(fill(we - 8, 16, 0x5555555555555555ull));         // straddles the end
	cs.push_back(fill(we, 8, 0x6666666666666666ull));              // the lane after
	cs.push_back(fill(wb, we - wb, 0x7777777777777777ull));        // exactly the window
	cs.push_back(fill(wb - 8, we - wb + 16, 0, OP_ZERO));          // one lane more each side
	cs.push_back(fill(RAM_BASE, 8, 0x8888888888888888ull));        // RAM, far outside
	cs.push_back(fill(RAM_BASE - 8, 16, 1));                       // not RAM: RANGE first
	cs.push_back(scan(wb, 0, 64, 1, 0, false));                    // one word, first
	cs.push_back(scan(we - 8, 0, 64, 1, 0, true));                 // one word, last
	cs.push_back(scan(we - 8, 0, 65, 1, 0, false));                // a second word past the end
	cs.push_back(scan(wb - 8, 64, 128, 1, 0, false));              // its word 0 before the start
	cs.push_back(scan(we - 16, 0, 128, 128, 0, true));             // two words, up to the end
	return cs;
}

static void t_window()
{
	int before = n_fail;
	uint64_t wb = RAM_BASE + 0x10000, we = RAM_BASE + 0x20000;
	bool ok = true;

	set_window(wb, we);
	ok &= run_cmds("window edges", window_edge_cmds(wb, we));
	// A window of one granule, and an empty one (every command refused).
	set_window(wb, wb + WIN_GRAN);
	ok &= run_cmds("one-granule window", window_edge_cmds(wb, wb + WIN_GRAN));
	set_window(wb, wb);
	ok &= run_cmds("empty window", {fill(wb, 8, 1), scan(wb, 0, 64, 1, 0, false)});
	set_window(we, wb);	/* base above end: empty too */
	ok &= run_cmds("inverted window", {fill(wb, 8, 1), fill(we, 8, 1)});
	set_window(wb, we);

	// Writes the registers refuse with err, changing nothing: below the granularity, bits above
	// 32 (33 for the end), part of the register, bits of WIN_CTRL other than LOCK.
	if (!win_wr(R_WIN_BASE, wb + 8) || !win_wr(R_WIN_BASE, wb + 0x800) ||
	    !win_wr(R_WIN_BASE, wb | 1ull << 32) || !win_wr(R_WIN_END, we + 8) ||
	    !win_wr(R_WIN_END, 1ull << 33) || !win_wr(R_WIN_BASE, 0, 0x0f) ||
	    !win_wr(R_WIN_END, 0, 0xf0) || !win_wr(R_WIN_CTRL, 2) || !win_wr(R_WIN_CTRL, 1, 0x01))
		fail("window: a bad write was taken without err");
	win_regs_are(wb, we, 0, "after bad writes");
	// End up to 2^32 is a value it holds (it only ever narrows what RAM allows).
	set_window(wb, 1ull << 32);
	set_window(wb, we);

	// While a command is queued or running the window is frozen: the check made when the
	// command started holds until it ends.
	post(fill(wb, 0x8000, 0xabcdabcdabcdabcdull));
	post(fill(wb + 0x8000, 0x8000, 0x1234123412341234ull));
	if (!win_wr(R_WIN_BASE, RAM_BASE) || !win_wr(R_WIN_END, RAM_BASE + RAM_SIZE) ||
	    !win_wr(R_WIN_CTRL, 1))
		fail("window: written while the engine was busy");
	win_regs_are(wb, we, 0, "while busy");
	ok &= drain("window while busy");

	set_window(RAM_BASE, RAM_BASE + RAM_SIZE);
	result("DMA window: exact edges for ZERO/FILL/SCAN, empty windows, bad writes and writes while "
	       "busy refused", ok && n_fail == before);
}

// Last: LOCK holds until reset, so nothing after this may need another window.
static void t_window_lock()
{
	int before = n_fail;
	uint64_t wb = RAM_BASE + 0x8000, we = RAM_BASE + 0x30000;
	bool ok = true;

	set_window(wb, we);
	if (win_wr(R_WIN_CTRL, 1))
		fail("lock: refused");
	win_regs_are(wb, we, 1, "locked");
	// Every write to the window registers now answers err and changes nothing, widening or not.
	if (!win_wr(R_WIN_BASE, RAM_BASE) || !win_wr(R_WIN_BASE, wb + WIN_GRAN) ||
	    !win_wr(R_WIN_END, RAM_BASE + RAM_SIZE) || !win_wr(R_WIN_END, we) ||
	    !win_wr(R_WIN_CTRL, 0) || !win_wr(R_WIN_CTRL, 1))
		fail("lock: a window write was taken after LOCK");
	win_regs_are(wb, we, 1, "after writes to the locked window");
	ok &= run_cmds("locked window edges", window_edge_cmds(wb, we));
	win_regs_are(wb, we, 1, "after commands");
	result("DMA window LOCK: every later write refused with err, the window enforced", ok &&
	       n_fail == before);
}

static Cmd random_cmd()
{
	// Bitmaps live in the low half of RAM, FILL targets anywhere (bus errors only in the high
	// half, so bytes a failed FILL may have left are never read by a SCAN in the same batch).
	int kind = rnd(100);
	uint64_t half = RAM_SIZE / 2;
	if (kind < 40) {
		uint64_t len = rnd(10) == 0 ? rnd(0x4000) : 8 * (1 + rnd(rnd(4) == 0 ? 2048 : 64));
		uint64_t a = RAM_BASE + 8 * rnd(RAM_SIZE / 8);
		if (rnd(20) == 0)
			a += rnd(8);
		if (a + len > RAM_BASE + RAM_SIZE && rnd(4))
			a = RAM_BASE + RAM_SIZE - len;
		if (rnd(3) == 0)
			a = RAM_BASE + half + 8 * rnd(half / 8 - len / 8);
		return fill(a, len, rng(), rnd(3) ? OP_FILL : OP_ZERO);
	}
	if (kind < 97) {
		uint64_t bm = RAM_BASE + 8 * rnd(half / 8 - 512);
		uint64_t end = rnd(4) == 0 ? rnd(200) : rnd(4096);
		uint64_t start = rnd(8) == 0 ? 0 : rnd(end + 1);
		uint64_t n;
		switch (rnd(5)) {
		case 0: n = 1 + rnd(4); break;
		case 1: n = 1 + rnd(64); break;
		case 2: n = 1 + rnd(300); break;
		case 3: n = 1ull << rnd(10); break;
		default: n = 1 + rnd(end + 2); break;
		}
		unsigned k = rnd(3) == 0 ? 0 : rnd(4) == 0 ? rnd(32) : rnd(9);
		if (rnd(40) == 0)
			start = end + 1 + rnd(10);
		if (rnd(60) == 0)
			bm = RAM_BASE + half - 8 * rnd(8);
		return scan(bm, start, end, n, k, rnd(2));
	}
	return Cmd{(int)(4 + rnd(12)), 0, false, (uint8_t)rnd(256), RAM_BASE, 8, 0};
}

// windows: a new random DMA window every 8 batches (else all of RAM, as at reset).
static void t_random(int nbatches, bool windows = false)
{
	int before = n_fail;
	uint64_t half = RAM_SIZE / 2;
	randomize_mem(RAM_BASE, half, 50);
	for (int b = 0; b < nbatches && n_fail - before < 5; b++) {
		gnt_pct = rnd(3) == 0 ? 100 : 20 + rnd(80);
		max_lat = rnd(3) == 0 ? 0 : rnd(6);
		err_addrs.clear();
		if (rnd(4) == 0) {
			for (int e = 0; e < 3; e++)
				err_addrs.insert(RAM_BASE + half + 8 * rnd(half / 8));
			if (rnd(2))
				err_addrs.insert(RAM_BASE + 8 * rnd(half / 8));
		}
		if (b % 16 == 0)
			randomize_mem(RAM_BASE + 8 * rnd(half / 8 - 512), 4096, rnd(100));
		if (windows && b % 8 == 0) {
			// Half the time all of RAM; otherwise any granule-aligned window, empty included.
			uint64_t g = RAM_SIZE / WIN_GRAN, x = rnd(g + 1), y = rnd(g + 1);
			if (rnd(2))
				set_window(RAM_BASE, RAM_BASE + RAM_SIZE);
			else
				set_window(RAM_BASE + std::min(x, y) * WIN_GRAN,
					   RAM_BASE + std::max(x, y) * WIN_GRAN);
		}
		int n = 1 + rnd(4);
		for (int i = 0; i < n; i++) {
			Cmd c = random_cmd();
			// A bitmap error address may make a later FILL's effect ambiguous only above the
			// half; FILLs that fail below it would make SCANs ambiguous, so keep low-half
			// error addresses for SCANs only.
			if ((c.op == OP_ZERO || c.op == OP_FILL)) {
				bool hits_low_err = false;
				for (uint32_t e : err_addrs)
					hits_low_err |= e < RAM_BASE + half && e >= c.addr && e < c.addr + c.len;
				if (hits_low_err)
					continue;
			}
			if (!post(c))
				fail("random: post rejected with a free slot");
			if (verbose)
				printf("  cmd op %d addr %" PRIx64 " len %" PRIx64 " arg %" PRIx64 " k %u\n",
				       c.op, c.addr, c.len, c.arg, c.k);
		}
		drain("random");
		idle(rnd(3));
	}
	set_window(RAM_BASE, RAM_BASE + RAM_SIZE);
	err_addrs.clear();
	gnt_pct = 100;
	max_lat = 0;
	char name[96];
	snprintf(name, sizeof(name), "random: %d batches of 1-4 commands vs reference model%s", nbatches,
		 windows ? ", random DMA windows" : "");
	result(name, n_fail == before);
}

static void t_counters(uint64_t ops0, uint64_t bytes0, uint64_t words0)
{
	int before = n_fail;
	uint64_t ops = rd(R_CNT_OPS) - ops0, bytes = rd(R_CNT_BYTES) - bytes0;
	uint64_t words = rd(R_CNT_WORDS) - words0;
	if (ops != exp_ops)
		fail("CNT_OPS %" PRIu64 ", completions read %" PRIu64, ops, exp_ops);
	if (bytes != 8 * (dma_writes - dma_write_errs))
		fail("CNT_BYTES %" PRIu64 ", bus saw %" PRIu64 " good write beats", bytes,
		     dma_writes - dma_write_errs);
	if (words != dma_reads)
		fail("CNT_WORDS %" PRIu64 ", bus saw %" PRIu64 " reads", words, dma_reads);
	if (rd(R_CNT_BUSY) == 0)
		fail("CNT_BUSY is zero");
	result("performance counters match the bus model", n_fail == before);
}

// Throughput with a RAM that grants every cycle and answers the next cycle.
static void t_perf()
{
	int before = n_fail;
	gnt_pct = 100;
	max_lat = 0;
	// Whole 16-byte words go to the wide port (16 bytes a beat), any other range to the DMA
	// port (8); each at >= 90% of its port's peak once the block is large.
	struct {
		uint64_t off, len;
		double min;
	} z[] = {{0, 4096, 14.4}, {0, 65536, 14.4}, {8, 4096, 7.2}, {0, 4096 + 8, 7.2},
		 {8, 65536, 7.2}, {0, 512, 0}, {0, 64, 0}};
	for (auto &t : z) {
		uint64_t b0 = rd(R_CNT_BUSY), w0 = wide_beats, n0 = wr_beats;
		post(fill(RAM_BASE + 0x10000 + t.off, t.len, 0, OP_ZERO));
		drain("perf zero");
		uint64_t busy = rd(R_CNT_BUSY) - b0;
		bool wide = t.off % 16 == 0 && t.len % 16 == 0;
		double bpc = (double)t.len / busy, peak = wide ? 16 : 8;
		printf("perf: ZERO %6" PRIu64 " B at +%" PRIu64 ": %5" PRIu64
		       " busy cycles, %.2f bytes/cycle (%.1f%% of %.0f)\n",
		       t.len, t.off, busy, bpc, 100 * bpc / peak, peak);
		if (bpc < t.min)
			fail("ZERO %" PRIu64 " B at %.2f bytes/cycle, below %.1f", t.len, bpc, t.min);
		uint64_t beats = wr_beats - n0, wbeats = wide_beats - w0;
		if (wide ? (wbeats != t.len / 16 || beats != wbeats) : wbeats != 0)
			fail("ZERO %" PRIu64 " B at +%" PRIu64 ": %" PRIu64 " wide of %" PRIu64
			     " write beats", t.len, t.off, wbeats, beats);
	}
	// SCAN words/cycle over a 64-Kibit bitmap (most patterns have no answer: every word is read).
	uint64_t bm = RAM_BASE + 0x10000, nbits = 65536;
	struct {
		const char *name;
		int pat;
		uint64_t n;
		unsigned k;
	} s[] = {{"all used, n=1", 0, 1, 0},     {"all free, n=size", 1, nbits, 0},
		 {"1 free in 64, n=2", 2, 2, 0}, {"random 50%, n=64 k=6", 3, 64, 6},
		 {"random 50%, n=64 k=0", 3, 64, 0}, {"random 50%, n=24 k=0", 3, 24, 0},
		 {"random 50%, n=4 k=2", 3, 4, 2}};
	for (auto &t : s) {
		for (uint64_t o = 0; o < nbits / 8; o += 8) {
			uint64_t v = t.pat == 0 ? ~0ull : t.pat == 1 ? 0 : t.pat == 2 ? ~2ull : rng();
			mem_set_both(bm + o, v);
		}
		uint64_t b0 = rd(R_CNT_BUSY), w0 = rd(R_CNT_WORDS);
		post(scan(bm, 0, nbits, t.n, t.k, false));
		drain("perf scan", 10000000);
		uint64_t busy = rd(R_CNT_BUSY) - b0, words = rd(R_CNT_WORDS) - w0;
		printf("perf: SCAN %-22s: %5" PRIu64 " words in %6" PRIu64 " busy cycles, %.3f words/cycle\n",
		       t.name, words, busy, (double)words / busy);
	}
	result("throughput: ZERO >= 90% of the port's peak for 4 KiB and 64 KiB (16 B/cycle wide, "
	       "8 narrow); whole words wide, others narrow", n_fail == before);
}

int main(int argc, char **argv)
{
	Verilated::commandArgs(argc, argv);
	uint64_t seed = 1;
	int nrand = 10000;
	for (int i = 1; i < argc; i++) {
		if (!strncmp(argv[i], "+seed=", 6))
			seed = strtoull(argv[i] + 6, nullptr, 0);
		else if (!strncmp(argv[i], "+random=", 8))
			nrand = atoi(argv[i] + 8);
		else if (!strcmp(argv[i], "+verbose"))
			verbose = true;
	}
	rng.seed(seed);
	printf("pgaccel tb: seed %" PRIu64 "\n", seed);
	top = new Vpgaccel;
	top->rst_ni = 0;
	top->reg_req_i = 0;
	top->dma_gnt_i = 0;
	top->dma_rvalid_i = 0;
	top->wide_gnt_i = 0;
	top->wide_rvalid_i = 0;
	top->clk_i = 0;
	top->eval();
	for (int i = 0; i < 4; i++)
		tick();
	top->rst_ni = 1;
	tick();
	// Memory starts as random junk in both the model and the bus memory.
	for (size_t i = 0; i < RAM_SIZE; i++)
		mem[i] = exp_mem[i] = rng();
	uint64_t ops0 = rd(R_CNT_OPS), bytes0 = rd(R_CNT_BYTES), words0 = rd(R_CNT_WORDS);

	t_regs();
	t_fill_directed();
	t_errors();
	t_scan_directed();
	t_queue_full_irq();
	t_bus_errors();
	gnt_pct = 60;
	max_lat = 3;
	t_fill_directed();
	t_scan_directed();
	t_random(nrand);
	t_counters(ops0, bytes0, words0);
	t_perf();
	t_window();
	t_random(nrand / 5, true);
	t_window_lock();

	top->final();
	delete top;
	printf("suite-result: %d passed, %d failed\n", n_pass, n_tests - n_pass);
	return n_fail ? 1 : 0;
}
